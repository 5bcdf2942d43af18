/* Unit tests for SHA-256: the examples of FIPS 180-4 (NIST's "Example
 * Algorithms" for SHA-256) and the long-message vector of FIPS 180-2. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/sha256.h"

static void test_fips_one_block(void **state)
{
	char hex[65];

	(void)state;
	qd_sha256_hex("abc", 3, hex);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

static void test_fips_two_blocks(void **state)
{
	const char *m = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	char hex[65];

	(void)state;
	qd_sha256_hex(m, strlen(m), hex);
	assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_empty(void **state)
{
	char hex[65];

	(void)state;
	qd_sha256_hex("", 0, hex);
	assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

/* One million 'a', fed in uneven pieces, so partial blocks are joined. */
static void test_million_a_in_pieces(void **state)
{
	static const char hexd[] = "0123456789abcdef";
	unsigned char buf[997], d[QD_SHA256_LEN];
	struct qd_sha256 s;
	size_t left = 1000000;
	char hex[65];

	(void)state;
	memset(buf, 'a', sizeof(buf));
	qd_sha256_init(&s);
	for (size_t n = 1; left; n = (n * 7 + 3) % sizeof(buf) + 1) {
		size_t k = n < left ? n : left;
		qd_sha256_update(&s, buf, k);
		left -= k;
	}
	qd_sha256_final(&s, d);
	for (int i = 0; i < QD_SHA256_LEN; i++) {
		hex[2 * i] = hexd[d[i] >> 4];
		hex[2 * i + 1] = hexd[d[i] & 15];
	}
	hex[64] = '\0';
	assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Lengths around the padding boundary (55, 56, 63, 64 bytes) against the
 * one-shot and incremental paths agreeing byte by byte. */
static void test_padding_boundaries(void **state)
{
	/* sha256 of 'a' * 55, 56, 64 (computed with sha256sum). */
	static const struct {
		size_t n;
		const char *hex;
	} v[] = {
		{55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"},
		{56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"},
		{64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"},
	};
	char buf[64], hex[65];

	(void)state;
	memset(buf, 'a', sizeof(buf));
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		qd_sha256_hex(buf, v[i].n, hex);
		assert_string_equal(hex, v[i].hex);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fips_one_block),
		cmocka_unit_test(test_fips_two_blocks),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_million_a_in_pieces),
		cmocka_unit_test(test_padding_boundaries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

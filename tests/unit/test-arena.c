/* Unit tests for the arena: pieces keep their bytes and alignment across
 * chunks of every size, the 2 MiB chunks of a large structure included,
 * and pieces larger than a chunk; release empties it for reuse, reset
 * keeps one chunk for the next pieces. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/arena.h"

static void test_many_pieces(void **state)
{
	struct qd_arena a = {0};
	enum { N = 200000 };
	unsigned **p = malloc(N * sizeof(*p));
	char **s = malloc(N * sizeof(*s));

	(void)state;
	assert_non_null(p);
	assert_non_null(s);
	for (int round = 0; round < 2; round++) {
		/* About 9 MB: several 2 MiB chunks after the small ones. */
		for (unsigned i = 0; i < N; i++) {
			char text[16];
			int len = snprintf(text, sizeof(text), "s%u", i);

			p[i] = qd_arena_zalloc(&a, (i % 7 + 1) * sizeof(unsigned));
			assert_int_equal((uintptr_t)p[i] % _Alignof(max_align_t), 0);
			assert_int_equal(p[i][i % 7], 0);
			p[i][0] = i;
			p[i][i % 7] = i;
			s[i] = qd_arena_strndup(&a, text, (size_t)len);
		}
		assert_true(a.total >= (size_t)N * 8);
		for (unsigned i = 0; i < N; i++) {
			char text[16];

			snprintf(text, sizeof(text), "s%u", i);
			assert_int_equal(p[i][0], i);
			assert_int_equal(p[i][i % 7], i);
			assert_string_equal(s[i], text);
		}
		qd_arena_release(&a);
		assert_null(a.head);
		assert_int_equal(a.total, 0);
	}
	free(p);
	free(s);
}

static void test_large_pieces(void **state)
{
	struct qd_arena a = {0};
	size_t sizes[] = {1, (size_t)1 << 20, ((size_t)2 << 20) - 64, (size_t)2 << 20,
	                  ((size_t)5 << 20) + 3, 17};
	unsigned char *p[6];

	(void)state;
	for (size_t i = 0; i < 6; i++) {
		p[i] = qd_arena_alloc(&a, sizes[i]);
		assert_int_equal((uintptr_t)p[i] % _Alignof(max_align_t), 0);
		memset(p[i], (int)i + 1, sizes[i]);
	}
	for (size_t i = 0; i < 6; i++) {
		assert_int_equal(p[i][0], i + 1);
		assert_int_equal(p[i][sizes[i] - 1], i + 1);
	}
	assert_non_null(qd_arena_alloc(&a, 0));
	qd_arena_release(&a);
}

/* A reset keeps the chunk being filled, frees the rest (big pieces too),
 * and the pieces after it are good: what a scratch arena reused for each
 * card of a streamed deck does. */
static void test_reset(void **state)
{
	struct qd_arena a = {0};
	size_t kept;

	(void)state;
	qd_arena_reset(&a); /* an empty arena stays empty */
	assert_null(a.head);
	for (int round = 0; round < 50; round++) {
		for (int i = 0; i < 1000; i++) {
			char *p = qd_arena_strndup(&a, "card", 4);
			assert_string_equal(p, "card");
		}
		memset(qd_arena_alloc(&a, (size_t)1 << 20), round, (size_t)1 << 20); /* big */
		qd_arena_reset(&a);
		assert_non_null(a.head);
		kept = a.total;
		assert_true(kept < ((size_t)1 << 20)); /* the big piece went */
	}
	{
		unsigned *u = qd_arena_zalloc(&a, 64 * sizeof(*u));
		for (int i = 0; i < 64; i++)
			assert_int_equal(u[i], 0);
		assert_int_equal((uintptr_t)u % sizeof(max_align_t), 0);
	}
	qd_arena_release(&a);
	assert_null(a.head);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many_pieces),
		cmocka_unit_test(test_large_pieces),
		cmocka_unit_test(test_reset),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for the YAML writer: quoting of strings that would read as
 * something else, unicode output, and round trips through the YAML reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/yamldoc.h"
#include "quizdeck/yamlemit.h"

static void test_plain_safe(void **state)
{
	static const char *const quoted[] = {
		"", "yes", "No", "ON", "off", "y", "n", "true", "False", "null", "NULL", "~", "123",
		"-5", "+1", "1.5", ".5", "0x1F", "0o17", "1e3", ".inf", "-.INF", ".nan", "2026-04-01",
		"12:30", " lead", "trail ", "a: b", "x #c", "#x", "-", "- item", "?", "[a]", "{a}",
		"'q'", "\"q\"", "&a", "*a", "!t", "|", ">", "%", "@", "`", "<<", "=", "ends:",
		"line\nbreak", "tab\there", "bell\a", "100 cards",
	};
	static const char *const plain[] = {
		"Rust", "wasm-pack", "crates.io", "C++", "Yes.", "yes sir", "café", "a-b", "x:y",
		"Rust's speed", "why?", "naïve — dash",
	};
	(void)state;
	for (size_t i = 0; i < sizeof(quoted) / sizeof(*quoted); i++)
		if (qd_yemit_plain_safe(quoted[i], false))
			fail_msg("'%s' should be quoted", quoted[i]);
	for (size_t i = 0; i < sizeof(plain) / sizeof(*plain); i++)
		if (!qd_yemit_plain_safe(plain[i], false))
			fail_msg("'%s' should stay plain", plain[i]);
	assert_false(qd_yemit_plain_safe("a, b", true));
	assert_true(qd_yemit_plain_safe("a, b", false));
}

static void test_emit_exact(void **state)
{
	struct qd_buf out;
	struct qd_err err;
	struct qd_yemit *e;

	(void)state;
	qd_buf_init(&out);
	e = qd_yemit_new(&out, 0);
	qd_yemit_map_start(e, false);
	qd_yemit_kv(e, "a", "yes");
	qd_yemit_kv(e, "b", "no");
	qd_yemit_kv(e, "c", "123");
	qd_yemit_kv(e, "d", "");
	qd_yemit_kv(e, "e", "null");
	qd_yemit_kv(e, "f", " lead");
	qd_yemit_kv(e, "g", "café — ü");
	qd_yemit_str(e, "h");
	qd_yemit_plain(e, "true");
	qd_yemit_str(e, "tags");
	qd_yemit_seq_start(e, true);
	qd_yemit_str(e, "on");
	qd_yemit_str(e, "x, y");
	qd_yemit_str(e, "z");
	qd_yemit_seq_end(e);
	qd_yemit_map_end(e);
	assert_int_equal(qd_yemit_finish(e, &err), 0);
	qd_yemit_free(e);
	assert_string_equal(out.data, "a: \"yes\"\n"
	                              "b: \"no\"\n"
	                              "c: \"123\"\n"
	                              "d: \"\"\n"
	                              "e: \"null\"\n"
	                              "f: \" lead\"\n"
	                              "g: café — ü\n"
	                              "h: true\n"
	                              "tags: [\"on\", \"x, y\", z]\n");
	qd_buf_release(&out);
}

/* Whatever the writer produces, the reader gets the same strings back. */
static void test_round_trip(void **state)
{
	static const char *const values[] = {
		"yes", "No", "~", "", "0x1F", " a ", "a: b", "#c", "- d", "x\ny", "é\tz", "'",
		"\"", "{{blank}} text", "C++", "..", "---", "...", "a\\b",
	};
	const size_t n = sizeof(values) / sizeof(*values);
	struct qd_buf out;
	struct qd_err err;
	struct qd_yemit *e;
	struct qd_ynode *root = NULL;
	struct qd_diags d;

	(void)state;
	qd_buf_init(&out);
	e = qd_yemit_new(&out, 0);
	qd_yemit_seq_start(e, false);
	for (size_t i = 0; i < n; i++)
		qd_yemit_str(e, values[i]);
	qd_yemit_seq_end(e);
	assert_int_equal(qd_yemit_finish(e, &err), 0);
	qd_yemit_free(e);
	qd_diags_init(&d, "mem");
	assert_int_equal(qd_ydoc_parse(out.data, out.len, NULL, &root, &d), 0);
	assert_int_equal(d.len, 0);
	assert_int_equal(root->kind, QD_YNODE_SEQUENCE);
	assert_int_equal(root->n_items, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(root->items[i]->str, values[i]);
		/* a string that a resolver could read as non-string is never plain */
		if (!qd_yemit_plain_safe(values[i], false))
			assert_false(root->items[i]->plain);
	}
	qd_ynode_free(root);
	qd_diags_release(&d);
	qd_buf_release(&out);
}

static void test_errors(void **state)
{
	struct qd_buf out;
	struct qd_err err;
	struct qd_yemit *e;

	(void)state;
	qd_buf_init(&out);
	e = qd_yemit_new(&out, 0);
	qd_yemit_seq_start(e, false);
	qd_yemit_str(e, "bad \xff utf-8");
	qd_yemit_seq_end(e);
	assert_int_equal(qd_yemit_finish(e, &err), -1);
	assert_int_equal(err.status, QD_EXIT_SOFTWARE);
	qd_yemit_free(e);
	qd_buf_reset(&out);
	e = qd_yemit_new(&out, 0);
	qd_yemit_seq_start(e, false);
	assert_int_equal(qd_yemit_finish(e, &err), -1); /* unclosed */
	qd_yemit_free(e);
	qd_buf_release(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_safe),
		cmocka_unit_test(test_emit_exact),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for YAML syntax errors in words (quizdeck/yamlhint.h), through
 * the YAML reader: each translation with its position, the cases that must
 * fall back to libyaml's words, and line ends, byte order marks and block
 * scalars that must not shift or confuse the reading. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/buf.h"
#include "quizdeck/yamldoc.h"

/* Parses s, which must fail, and checks its one error. */
static void expect_error(const char *s, int line, int col, const char *msg)
{
	struct qd_ynode *root;
	struct qd_diags d;

	qd_diags_init(&d, "t.yaml");
	assert_int_equal(qd_ydoc_parse(s, strlen(s), NULL, &root, &d), -1);
	assert_null(root);
	assert_int_equal(d.errors, 1);
	if (strcmp(d.items[0].msg, msg) != 0)
		fail_msg("got \"%s\", not \"%s\"", d.items[0].msg, msg);
	assert_int_equal(d.items[0].line, line);
	assert_int_equal(d.items[0].col, col);
	qd_diags_release(&d);
}

static void test_tab(void **state)
{
	(void)state;
	expect_error("a:\n  b: 1\n\tc: 2\n", 3, 1,
	             "a tab in the indentation: YAML indents with spaces; replace the tab");
	expect_error("a:\n  b: 1\n  \tc: 2\n", 3, 3,
	             "a tab in the indentation: YAML indents with spaces; replace the tab");
	expect_error("a:\n\t- b\n", 2, 1,
	             "a tab in the indentation: YAML indents with spaces; replace the tab");
}

static void test_indent(void **state)
{
	(void)state;
	/* shallower, deeper, between two levels, list items */
	expect_error("a:\n  b: 1\n c: 2\n", 3, 2,
	             "key 'c' is indented less than its sibling 'b' (line 2, column 3): "
	             "line them up");
	expect_error("a: 1\n  b: 2\n", 2, 3,
	             "key 'b' is indented more than its sibling 'a' (line 1, column 1), so it "
	             "reads as the text of 'a': line them up (or quote the text, if the ':' "
	             "belongs to it)");
	expect_error("a:\n  b:\n    c: 1\n d: 2\n", 4, 2,
	             "key 'd' is indented less than its sibling 'b' (line 2, column 3): "
	             "line them up");
	expect_error("l:\n- a: 1\n  b: 2\n - c: 3\n", 4, 2,
	             "this list item is indented more than the item on line 2 (column 1): "
	             "line them up");
	expect_error("l:\n  - a\n - b\n", 3, 2,
	             "this list item is indented less than the item on line 2 (column 3): "
	             "line them up");
	/* comments and blank lines between are no siblings */
	expect_error("a:\n  b: 1\n\n  # note\n c: 2\n", 5, 2,
	             "key 'c' is indented less than its sibling 'b' (line 2, column 3): "
	             "line them up");
}

/* The text of a block scalar opens no level, even where it looks like a
 * key; CRLF and a byte order mark do not shift lines or columns. */
static void test_indent_reading(void **state)
{
	(void)state;
	expect_error("a:\n  q: |\n    x: 1\n     y: 2\n  r: 1\n t: 2\n", 6, 2,
	             "key 't' is indented less than its sibling 'r' (line 5, column 3): "
	             "line them up");
	expect_error("a:\r\n  b: 1\r\n c: 2\r\n", 3, 2,
	             "key 'c' is indented less than its sibling 'b' (line 2, column 3): "
	             "line them up");
	expect_error("\xef\xbb\xbf" "a:\n  b: 1\n c: 2\n", 3, 2,
	             "key 'c' is indented less than its sibling 'b' (line 2, column 3): "
	             "line them up");
	expect_error("a:\r  b: 1\r c: 2\r", 3, 2,
	             "key 'c' is indented less than its sibling 'b' (line 2, column 3): "
	             "line them up");
}

static void test_missing_space(void **state)
{
	(void)state;
	expect_error("a: 1\nb:c\nd: 2\n", 2, 2, "a space is missing after ':' in 'b:c': write 'b: c'");
	expect_error("a:b\nc: 1\n", 1, 2, "a space is missing after ':' in 'a:b': write 'a: b'");
	expect_error("l:\n  - a\n  -b\n", 3, 3,
	             "a space is missing after '-' in '-b': a list item is written '- b'");
	expect_error("l:\n  - id: a\n    q: b\n  -id: c\n    q: d\n", 4, 3,
	             "a space is missing after '-' in '-id': a list item is written '- id'");
	expect_error("l:\n  -id: c\n    q: d\n", 2, 3,
	             "a space is missing after '-' in '-id': a list item is written '- id'");
}

static void test_unclosed(void **state)
{
	(void)state;
	expect_error("a: \"open\nb: 1\n", 1, 4, "this '\"' is never closed: end the text with '\"'");
	expect_error("a: 'it''s\nb: 1\n", 1, 4, "this \"'\" is never closed: end the text with \"'\"");
	expect_error("a: [1, 2\nb: 1\n", 1, 4, "this '[' is never closed: end the list with ']'");
	expect_error("a: {x: 1\nb: 1\n", 1, 4, "this '{' is never closed: end the mapping with '}'");
	expect_error("a: [1, 2", 1, 4, "this '[' is never closed: end the list with ']'");
	expect_error("a: 1\n{\n", 2, 1, "this '{' is never closed: end the mapping with '}'");
	expect_error("a: 1\n[b: 2\n", 2, 1, "this '[' is never closed: end the list with ']'");
}

static void test_colon_in_text(void **state)
{
	(void)state;
	expect_error("q: What is 2: the answer\n", 1, 13,
	             "': ' cannot be inside unquoted text: quote the text, as in "
	             "q: \"What is 2: the answer\"");
	expect_error("- q: Say \"hi\": it's # c\n", 1, 14,
	             "': ' cannot be inside unquoted text: quote the text, as in "
	             "q: 'Say \"hi\": it''s'");
	expect_error("q: A question long enough that quoting it in the message would only "
	             "repeat the line: yes\n",
	             1, 84, "': ' cannot be inside unquoted text: put the text of 'q' in quotes");
}

/* What has no translation keeps libyaml's words as a note; so does a line
 * that lines up with a level (nothing to name). */
static void test_untranslated(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;
	static const char *const cases[] = {"a: \"\\q\"\n", "a: 1\n- b\n", "a: [1, 2 3: 4: 5]\n"};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		qd_diags_init(&d, "t.yaml");
		assert_int_equal(qd_ydoc_parse(cases[i], strlen(cases[i]), NULL, &root, &d), -1);
		assert_int_equal(d.errors, 1);
		assert_string_equal(d.items[0].msg, "not valid YAML here");
		assert_non_null(d.items[0].note);
		assert_memory_equal(d.items[0].note, "libyaml: ", 9);
		qd_diags_release(&d);
	}
}

/* Deeper than the levels followed: no translation, no overrun. */
static void test_many_levels(void **state)
{
	struct qd_ylimits lim = {.max_depth = 200};
	struct qd_ynode *root;
	struct qd_diags d;
	struct qd_buf b;

	(void)state;
	qd_buf_init(&b);
	for (int i = 0; i < 100; i++)
		qd_buf_addf(&b, "%*sk%d:\n", 2 * i, "", i);
	qd_buf_addf(&b, "%*sv: 1\n%*sw: 2\n", 200, "", 197, "");
	qd_diags_init(&d, "t.yaml");
	assert_int_equal(qd_ydoc_parse(b.data, b.len, &lim, &root, &d), -1);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].msg, "not valid YAML here");
	qd_diags_release(&d);
	qd_buf_release(&b);
}

/* A mistake at the end of a large file is explained in one pass over it. */
static void test_large(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;
	struct qd_buf b;

	(void)state;
	qd_buf_init(&b);
	qd_buf_adds(&b, "a:\n");
	for (int i = 0; i < 60000; i++)
		qd_buf_addf(&b, "  k%d: %d\n", i, i);
	qd_buf_adds(&b, " z: 1\n");
	qd_diags_init(&d, "t.yaml");
	assert_int_equal(qd_ydoc_parse(b.data, b.len, NULL, &root, &d), -1);
	assert_string_equal(d.items[0].msg, "key 'z' is indented less than its sibling 'k59999' "
	                                    "(line 60001, column 3): line them up");
	qd_diags_release(&d);
	qd_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tab),
		cmocka_unit_test(test_indent),
		cmocka_unit_test(test_indent_reading),
		cmocka_unit_test(test_missing_space),
		cmocka_unit_test(test_unclosed),
		cmocka_unit_test(test_colon_in_text),
		cmocka_unit_test(test_untranslated),
		cmocka_unit_test(test_many_levels),
		cmocka_unit_test(test_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

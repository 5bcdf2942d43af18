/* Unit tests for card text formatting: each construct with and without
 * colour, nesting limits, unclosed markers, escape sequences in the deck
 * text, wrapping widths, the plain form used for grading, and pathological
 * input in linear time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "quizdeck/markup.h"
#include "quizdeck/text.h"

static struct qd_buf buf;

static const char *render(const char *s, bool color, int width, int indent)
{
	qd_buf_reset(&buf);
	qd_markup_render(&buf, s, QD_STYLE_NONE, color, width, indent);
	qd_buf_addc(&buf, '\0');
	return buf.data;
}

static const char *inl(const char *s, unsigned base, bool color)
{
	qd_buf_reset(&buf);
	qd_markup_inline(&buf, s, base, color, QD_SANITIZE_ONELINE);
	qd_buf_addc(&buf, '\0');
	return buf.data;
}

static const char *plain(const char *s)
{
	qd_buf_reset(&buf);
	qd_markup_plain(&buf, s);
	qd_buf_addc(&buf, '\0');
	return buf.data;
}

#define CODE(s) "\033[36m" s "\033[0m"
#define BOLD(s) "\033[1m" s "\033[0m"
#define ITAL(s) "\033[3m" s "\033[0m"

static void test_inline_color(void **state)
{
	(void)state;
	assert_string_equal(inl("use `Vec<T>` here", 0, true), "use " CODE("Vec<T>") " here");
	assert_string_equal(inl("a **bold** b", 0, true), "a " BOLD("bold") " b");
	assert_string_equal(inl("an *italic* c", 0, true), "an " ITAL("italic") " c");
	/* Double backticks hold a backtick; one space inside each end dropped. */
	assert_string_equal(inl("``a`b`` and `` `x` ``", 0, true),
	                    CODE("a`b") " and " CODE("`x`"));
	/* Styles add to the base style and reopen after each span. */
	assert_string_equal(inl("Q `x` q", QD_STYLE_BOLD, true),
	                    BOLD("Q ") "\033[1;36mx\033[0m" BOLD(" q"));
	/* Escaped markers are text. */
	assert_string_equal(inl("2 \\* 3 \\`x\\`", 0, true), "2 * 3 `x`");
}

/* Without colour: no escape sequence; stars go, backticks stay. */
static void test_inline_no_color(void **state)
{
	(void)state;
	assert_string_equal(inl("use `Vec<T>` **now**, *please*", 0, false),
	                    "use `Vec<T>` now, please");
	assert_string_equal(inl("Q `x` q", QD_STYLE_BOLD, false), "Q `x` q");
	assert_null(strchr(render("- **a** `b`\n```\ncode\n```", false, 80, 0), '\033'));
}

static void test_nesting(void **state)
{
	(void)state;
	/* Italic inside bold and bold inside italic: one level each. */
	assert_string_equal(inl("**a *b* c**", 0, true),
	                    BOLD("a ") "\033[1;3mb\033[0m" BOLD(" c"));
	assert_string_equal(inl("*a **b** c*", 0, true),
	                    ITAL("a ") "\033[1;3mb\033[0m" ITAL(" c"));
	/* No third level, and no bold in bold: the first closer closes, and
	 * markers that are left are text. */
	assert_string_equal(inl("**a *b **c** d* e**", 0, true), BOLD("a *b **c") " d* e**");
	/* Code inside emphasis; no markup inside code. */
	assert_string_equal(inl("**`x`**", 0, true), "\033[1;36mx\033[0m");
	assert_string_equal(inl("`**x**`", 0, true), CODE("**x**"));
	/* Three stars or more are text. */
	assert_string_equal(inl("***x***", 0, true), "***x***");
}

static void test_unclosed_literal(void **state)
{
	(void)state;
	assert_string_equal(inl("a `b", 0, true), "a `b");
	assert_string_equal(inl("a **b", 0, true), "a **b");
	assert_string_equal(inl("*args and **kwargs", 0, true), "*args and **kwargs");
	/* Not emphasis: inside words, around spaces. */
	assert_string_equal(inl("2*3*4 and a * b * c", 0, true), "2*3*4 and a * b * c");
	assert_string_equal(inl("`a`` b", 0, true), "`a`` b");
	/* An unclosed fence is text (its backticks shown). */
	assert_string_equal(render("```\nx", false, 80, 0), "```\nx");
	assert_string_equal(plain("a `b **c"), "a `b **c");
}

/* Escape sequences in the deck never reach the terminal, not even inside
 * code spans or blocks, where text is otherwise kept verbatim. */
static void test_escapes_neutralised(void **state)
{
	const char *r;

	(void)state;
	r = inl("`\033]2;pwned\a` and **\033[8mhidden**", 0, true);
	assert_string_equal(r, CODE("^[]2;pwned^G") " and " BOLD("^[[8mhidden"));
	r = render("```\n\033[2J\x9b" "31m\n```", true, 80, 0);
	assert_string_equal(r, "    " CODE("^[[2J\xef\xbf\xbd" "31m"));
	r = render("- \033[31mred `\001x\002`", true, 80, 0);
	assert_string_equal(r, "• ^[[31mred " CODE("^Ax^B"));
}

static void test_blocks(void **state)
{
	(void)state;
	/* A fenced block: indented, verbatim (spaces, markers), no fences. */
	assert_string_equal(render("Look:\n```rust\nlet v = *x;  // **\n  fn f() {}\n```\nEnd.",
	                           false, 80, 0),
	                    "Look:\n    let v = *x;  // **\n      fn f() {}\nEnd.");
	assert_string_equal(render("```\nx\n```", true, 80, 0), "    " CODE("x"));
	/* Bullets: "- " and "* ", a continuation line joined to its item. */
	assert_string_equal(render("Uses:\n- `cargo` builds\n* tests\n  and docs\nDone", false, 80,
	                           0),
	                    "Uses:\n• `cargo` builds\n• tests and docs\nDone");
	/* Blank lines are kept, with no trailing spaces even when indented. */
	assert_string_equal(render("a\n\n- b", false, 80, 2), "a\n\n  • b");
	assert_string_equal(render("", false, 80, 0), "");
}

static void test_wrapping(void **state)
{
	const char *r;

	(void)state;
	/* Markers take no width: "aaaa bbbb" fits in 9 columns. */
	r = render("**aaaa** `bbbb` cccc", false, 9, 0);
	assert_string_equal(r, "aaaa\n`bbbb`\ncccc");
	r = render("**aaaa** *bbbb* cccc", true, 9, 0);
	assert_string_equal(r, BOLD("aaaa") " " ITAL("bbbb") "\ncccc");
	/* A bullet's continuation lines hang under its text, after the indent. */
	r = render("- one two three four", false, 12, 2);
	assert_string_equal(r, "• one two\n    three\n    four");
	/* Code lines are not wrapped, however long. */
	r = render("```\naaaa bbbb cccc dddd\n```", false, 10, 0);
	assert_string_equal(r, "    aaaa bbbb cccc dddd");
	/* A wrapped line's style is closed and reopened around the break. */
	r = render("**aaaa bbbb**", true, 5, 0);
	assert_string_equal(r, "\033[1maaaa\033[0m\n\033[1mbbbb\033[0m");
	assert_int_equal(qd_markup_render(&buf, "a\n- b\n```\nc\n```", 0, false, 80, 0), 3);
}

static void test_plain(void **state)
{
	(void)state;
	assert_string_equal(plain("`Vec<T>`"), "Vec<T>");
	assert_string_equal(plain("**ownership** and *borrowing*"), "ownership and borrowing");
	assert_string_equal(plain("``a`b``"), "a`b");
	assert_string_equal(plain("- one\n- two"), "one\ntwo");
	assert_string_equal(plain("```\nlet x;\n```"), "let x;");
	assert_string_equal(plain("C:\\Users and 2 \\* 3"), "C:\\Users and 2 * 3");
	/* Not sanitised: grading needs the text as written. */
	assert_string_equal(plain("`\033x`"), "\033x");
}

/* Openers that never close cost one scan each kind, not one per opener. */
static void test_linear(void **state)
{
	size_t n = 200000;
	char *s = malloc(n * 3 + 1);
	clock_t t0;
	double secs;

	(void)state;
	for (size_t i = 0; i < n; i++)
		memcpy(s + 3 * i, i % 2 ? "*a " : "`b ", 3);
	s[3 * n] = '\0';
	t0 = clock();
	qd_buf_reset(&buf);
	qd_markup_render(&buf, s, 0, true, 80, 0);
	qd_buf_reset(&buf);
	qd_markup_plain(&buf, s);
	secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 2.0); /* quadratic would take minutes */
	free(s);
}

static int setup(void **state)
{
	(void)state;
	qd_buf_init(&buf);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	qd_buf_release(&buf);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inline_color),
		cmocka_unit_test(test_inline_no_color),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_unclosed_literal),
		cmocka_unit_test(test_escapes_neutralised),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_wrapping),
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_linear),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

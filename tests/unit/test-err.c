/* Unit tests for errors and diagnostic lists (quizdeck/err.h): the cap on
 * repeated diagnostics, the prefix, sanitised printing, and source lines
 * with their carets. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "quizdeck/err.h"

/* What fn printed for d. */
static char *printed(void (*fn)(FILE *, const struct qd_diags *), const struct qd_diags *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	assert_non_null(fp);
	fn(fp, d);
	fclose(fp);
	return s;
}

static size_t count(const char *s, const char *what)
{
	size_t n = 0;

	for (const char *p = s; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* No C0 control but the line ends, no DEL, no C1, no bidi override. */
static void assert_clean(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		assert_false(*p < 0x20 && *p != '\n');
		assert_false(*p == 0x7f);
		if (*p == 0xc2)
			assert_false(p[1] >= 0x80 && p[1] < 0xa0);
		if (*p == 0xe2 && p[1] == 0x80)
			assert_false(p[2] >= 0xaa && p[2] <= 0xae);
	}
}

static void test_cap_per_kind(void **state)
{
	struct qd_diags d;
	struct qd_err err;
	char *out;

	(void)state;
	qd_diags_init(&d, "deck.yaml");
	for (int i = 0; i < 64000; i++)
		qd_diags_add(&d, QD_SEV_ERROR, 3, i + 1, "aliases are not supported ('*%s')", "a");
	qd_diags_add(&d, QD_SEV_ERROR, 1, 1, "something else %d", 1);
	qd_diags_add(&d, QD_SEV_WARNING, 2, 1, "a warning");
	assert_int_equal(d.errors, 64001);
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.len, QD_DIAGS_PER_KIND + 2);
	assert_int_equal(d.omitted, 64000 - QD_DIAGS_PER_KIND);
	qd_diags_sort(&d);
	out = printed(qd_diags_print, &d);
	assert_int_equal(count(out, "\n"), QD_DIAGS_PER_KIND + 3);
	assert_non_null(strstr(out, "deck.yaml:1:1: error: something else 1\n"));
	assert_non_null(strstr(out, "deck.yaml:3:100: error: aliases are not supported ('*a')\n"));
	assert_null(strstr(out, "deck.yaml:3:101:"));
	assert_non_null(strstr(out, "deck.yaml: note: and 63,900 more errors like "
	                            "\"aliases are not supported ('*a')\"\n"));
	free(out);
	assert_int_equal(qd_diags_to_err(&d, &err), -1);
	assert_string_equal(err.msg, "something else 1 (and 64000 more)");
	qd_diags_release(&d);
}

/* The total cap still keeps one of each kind; a promoted kind's note says
 * errors and its flag. */
static void test_cap_total_and_promote(void **state)
{
	static const char *const fmts[] = {"one %d", "two %d", "three %d", "four %d", "five %d",
	                                   "six %d", "seven %d", "eight %d", "nine %d", "ten %d",
	                                   "eleven %d", "twelve %d"};
	struct qd_diags d;
	char *out;

	(void)state;
	qd_diags_init(&d, "f");
	for (size_t k = 0; k < 12; k++)
		for (int i = 0; i < 150; i++)
			qd_diags_add(&d, QD_SEV_ERROR, i + 1, 1, fmts[k], i);
	qd_diags_add_flag(&d, QD_SEV_WARNING, 1, 1, "answer-length", "last %d", 0);
	qd_diags_add_flag(&d, QD_SEV_WARNING, 2, 1, "answer-length", "last %d", 1);
	assert_int_equal(d.errors, 1800);
	assert_int_equal(d.warnings, 2);
	/* ten kinds of 100, then one each of the last two and the warning */
	assert_int_equal(d.len, QD_DIAGS_MAX + 3);
	qd_diags_promote(&d);
	assert_int_equal(d.errors, 1802);
	assert_int_equal(d.warnings, 0);
	out = printed(qd_diags_print, &d);
	assert_non_null(strstr(out, "f:1:1: error: last 0 [-Werror=answer-length]\n"));
	assert_non_null(strstr(out, "f: note: and 1 more error like \"last 0\" "
	                            "[-Werror=answer-length]\n"));
	assert_non_null(strstr(out, "f: note: and 50 more errors like \"one 99\"\n"));
	assert_non_null(strstr(out, "f: note: and 149 more errors like \"twelve 0\"\n"));
	free(out);
	qd_diags_release(&d);
}

static void test_json(void **state)
{
	struct qd_diags d;
	struct qd_buf b;
	bool first = true;

	(void)state;
	qd_diags_init(&d, "d\"q.yaml");
	for (int i = 0; i < QD_DIAGS_PER_KIND + 3; i++)
		qd_diags_add_flag(&d, QD_SEV_WARNING, 0, 0, "tf-question", "w%d", i);
	qd_buf_init(&b);
	qd_diags_write_json(&b, &d, &first);
	assert_false(first);
	assert_non_null(strstr(b.data, "\n  {\"file\": \"d\\\"q.yaml\", \"line\": 0, \"column\": 0, "
	                               "\"severity\": \"warning\", \"message\": \"w0\", "
	                               "\"flag\": \"tf-question\"},"));
	assert_non_null(strstr(b.data, ",\n  {\"file\": \"d\\\"q.yaml\", \"line\": 0, \"column\": 0, "
	                               "\"severity\": \"note\", \"message\": \"and 3 more warnings "
	                               "like \\\"w99\\\" [-Wtf-question]\", \"omitted\": 3, "
	                               "\"flag\": \"tf-question\"}"));
	qd_buf_release(&b);
	qd_diags_release(&d);
}

/* The prefix goes before the message; the format names the kind. */
static void test_prefix(void **state)
{
	struct qd_diags d;
	char *out;

	(void)state;
	qd_diags_init(&d, "x");
	qd_diags_add_prefix(&d, QD_SEV_ERROR, 4, 2, NULL, "card 'c': ", "missing '%s'", "a");
	out = printed(qd_diags_print, &d);
	assert_string_equal(out, "x:4:2: error: card 'c': missing 'a'\n");
	free(out);
	qd_diags_release(&d);
}

/* A file name or a quoted field with ESC, TAB, LF, CR, C1 or a bidi override
 * reaches the terminal in caret notation (or dropped), on one line. */
static void test_sanitised(void **state)
{
	static const char name[] = "evil\033]0;pwned\a\tname\n\xe2\x80\xae.yaml";
	struct qd_diags d;
	struct qd_err err;
	char *out = NULL;
	size_t n = 0;
	FILE *fp;

	(void)state;
	qd_diags_init(&d, name);
	qd_diags_add(&d, QD_SEV_ERROR, 1, 2, "field '%s'", "a\033[2Jb\r\xc2\x9b");
	qd_diags_sort(&d);
	out = printed(qd_diags_print, &d);
	assert_clean(out);
	assert_int_equal(count(out, "\n"), 1);
	assert_string_equal(out, "evil^[]0;pwned^G^Iname^J.yaml:1:2: error: field 'a^[[2Jb^M"
	                         "\xef\xbf\xbd'\n");
	free(out);
	qd_diags_release(&d);

	qd_err_at(&err, QD_EXIT_DATAERR, name, 3, 0, "no deck '%s'", "\t\n");
	fp = open_memstream(&out, &n);
	qd_err_print(fp, "quizdeck", &err);
	qd_err_printf(fp, "quizdeck", "cannot read '%s'", name);
	fclose(fp);
	assert_clean(out);
	assert_int_equal(count(out, "\n"), 2);
	assert_non_null(strstr(out, "quizdeck: evil^[]0;pwned^G^Iname^J.yaml:3: error: no deck "
	                            "'^I^J'\n"));
	free(out);
}

/* What qd_diags_print shows for one error at line:col of src. */
static char *with_source(const char *src, size_t len, int line, int col)
{
	struct qd_diags d;
	char *out;

	qd_diags_init(&d, "s.yaml");
	qd_diags_set_source(&d, src, len);
	qd_diags_add(&d, QD_SEV_ERROR, line, col, "bad");
	out = printed(qd_diags_print, &d);
	qd_diags_release(&d);
	return out;
}

/* The source line and a caret under the column; tabs expanded to the next
 * multiple of 8, and the caret counts the expansion. */
static void test_source_tabs(void **state)
{
	static const char src[] = "a: 1\n\tb:\tc\n";
	char *out;

	(void)state;
	out = with_source(src, strlen(src), 2, 5);
	assert_string_equal(out, "s.yaml:2:5: error: bad\n"
	                         " 2 |         b:      c\n"
	                         "   |                 ^\n");
	free(out);
	out = with_source(src, strlen(src), 2, 4); /* the tab itself */
	assert_string_equal(out, "s.yaml:2:4: error: bad\n"
	                         " 2 |         b:      c\n"
	                         "   |           ^\n");
	free(out);
	out = with_source(src, strlen(src), 2, 1);
	assert_string_equal(out, "s.yaml:2:1: error: bad\n"
	                         " 2 |         b:      c\n"
	                         "   | ^\n");
	free(out);
}

/* Columns count characters; the caret counts display columns: a CJK
 * character takes two, a combining accent none; a control character shows
 * in caret notation (two columns). */
static void test_source_wide(void **state)
{
	/* "q: 日本e\u0301\x1b: x" */
	static const char src[] = "q: \xe6\x97\xa5\xe6\x9c\xac" "e\xcc\x81\x1b: x\n";
	char *out;

	(void)state;
	out = with_source(src, strlen(src), 1, 9);
	assert_string_equal(out, "s.yaml:1:9: error: bad\n"
	                         " 1 | q: \xe6\x97\xa5\xe6\x9c\xac" "e\xcc\x81^[: x\n"
	                         "   |           ^\n");
	free(out);
	out = with_source(src, strlen(src), 1, 5);
	assert_string_equal(out, "s.yaml:1:5: error: bad\n"
	                         " 1 | q: \xe6\x97\xa5\xe6\x9c\xac" "e\xcc\x81^[: x\n"
	                         "   |      ^\n");
	free(out);
	out = with_source(src, strlen(src), 1, 7); /* the accent, after the e */
	assert_non_null(strstr(out, "\n   |         ^\n"));
	free(out);
}

/* A line wider than QD_DIAGS_SOURCE_WIDTH is cut around the column with an
 * ellipsis on each side cut, and the caret stays under the column. */
static void test_source_long(void **state)
{
	char src[1100], *out, *l2, *l3;

	(void)state;
	for (int i = 0; i < 1000; i++)
		src[i] = (char)('a' + i % 26);
	src[1000] = '\n';
	src[1001] = '\0';
	/* in the middle: cut on both sides */
	out = with_source(src, strlen(src), 1, 501);
	l2 = strchr(out, '\n') + 1;
	l3 = strchr(l2, '\n') + 1;
	assert_memory_equal(l2, " 1 | \xe2\x80\xa6", 8);
	assert_int_equal(strlen(l3), strlen(" 1 | ") + 1 + QD_DIAGS_SOURCE_WIDTH / 2 - 1 + 2);
	/* the character under the caret is the one at column 501 */
	assert_int_equal(l2[8 + (strchr(l3, '^') - l3 - 6)], src[500]);
	assert_memory_equal(l3 - 4, "\xe2\x80\xa6\n", 4);
	assert_int_equal(l3 - l2 - 1, 5 + 3 + QD_DIAGS_SOURCE_WIDTH - 2 + 3);
	free(out);
	/* at the start: cut at the end only */
	out = with_source(src, strlen(src), 1, 3);
	assert_non_null(strstr(out, " 1 | abcdefgh"));
	assert_non_null(strstr(out, "\n   |   ^\n"));
	free(out);
	/* one past the end: cut at the start only, caret after the text */
	out = with_source(src, strlen(src), 1, 1001);
	l2 = strchr(out, '\n') + 1;
	l3 = strchr(l2, '\n') + 1;
	assert_memory_equal(l2, " 1 | \xe2\x80\xa6", 8);
	assert_memory_equal(l3 - 4, "jkl\n", 4); /* src[997..999] */
	assert_int_equal(strchr(l3, '^') - l3, 5 + 1 + QD_DIAGS_SOURCE_WIDTH - 2);
	free(out);
}

/* No source for a diagnostic without a line, with a line beyond the text
 * (the empty one after the last line break included) or a column beyond
 * the line's end; nor for the notes on omitted diagnostics. */
static void test_source_beyond(void **state)
{
	static const char src[] = "a: 1\nb: 2\n";
	struct qd_diags d;
	char *out;

	(void)state;
	out = with_source(src, strlen(src), 3, 1);
	assert_string_equal(out, "s.yaml:3:1: error: bad\n");
	free(out);
	out = with_source(src, strlen(src), 9, 1);
	assert_string_equal(out, "s.yaml:9:1: error: bad\n");
	free(out);
	out = with_source(src, strlen(src), 2, 6);
	assert_string_equal(out, "s.yaml:2:6: error: bad\n");
	free(out);
	out = with_source(src, strlen(src), 2, 5); /* just after the text */
	assert_string_equal(out, "s.yaml:2:5: error: bad\n 2 | b: 2\n   |     ^\n");
	free(out);
	out = with_source(src, strlen(src), 0, 0);
	assert_string_equal(out, "s.yaml: error: bad\n");
	free(out);

	qd_diags_init(&d, "s.yaml");
	qd_diags_set_source(&d, src, strlen(src));
	for (int i = 0; i < QD_DIAGS_PER_KIND + 1; i++)
		qd_diags_add(&d, QD_SEV_ERROR, 2, 1, "same %d", i);
	out = printed(qd_diags_print, &d);
	assert_int_equal(count(out, " 2 | b: 2\n"), QD_DIAGS_PER_KIND);
	assert_non_null(strstr(out, "\n   | ^\ns.yaml: note: and 1 more error like \"same 99\"\n"));
	free(out);
	qd_diags_release(&d);
}

/* CRLF, CR, NEL and U+2028 end lines, as libyaml counts them; a BOM at the
 * start is not part of line 1 (libyaml's columns start after it). */
static void test_source_breaks_bom(void **state)
{
	static const char crlf[] = "a: 1\r\nb: 2\r\n";
	static const char mixed[] = "a\rb\xc2\x85" "c\xe2\x80\xa8" "d: x\n";
	static const char bom[] = "\xef\xbb\xbf" "a: 1\nb: 2\n";
	char *out;

	(void)state;
	out = with_source(crlf, strlen(crlf), 2, 4);
	assert_string_equal(out, "s.yaml:2:4: error: bad\n 2 | b: 2\n   |    ^\n");
	free(out);
	out = with_source(crlf, strlen(crlf), 3, 1);
	assert_string_equal(out, "s.yaml:3:1: error: bad\n");
	free(out);
	out = with_source(mixed, strlen(mixed), 4, 2);
	assert_string_equal(out, "s.yaml:4:2: error: bad\n 4 | d: x\n   |  ^\n");
	free(out);
	out = with_source(mixed, strlen(mixed), 3, 1);
	assert_string_equal(out, "s.yaml:3:1: error: bad\n 3 | c\n   | ^\n");
	free(out);
	out = with_source(bom, strlen(bom), 1, 2);
	assert_string_equal(out, "s.yaml:1:2: error: bad\n 1 | a: 1\n   |  ^\n");
	free(out);
	out = with_source(bom, strlen(bom), 2, 1);
	assert_string_equal(out, "s.yaml:2:1: error: bad\n 2 | b: 2\n   | ^\n");
	free(out);
}

/* Source text is sanitised as messages are (escape sequences, C1, bidi
 * overrides); a note follows the source; lines found out of order (an
 * unsorted list) still get their own text; JSON has no source but the note. */
static void test_source_sanitised_note(void **state)
{
	static const char src[] = "x: \x1b]0;t\x07\xc2\x9b\xe2\x80\xae y\nline: 2\nline: 3\n";
	struct qd_diags d;
	struct qd_buf b;
	bool first = true;
	char *out;

	(void)state;
	qd_diags_init(&d, "s.yaml");
	qd_diags_set_source(&d, src, strlen(src));
	qd_diags_add(&d, QD_SEV_ERROR, 3, 1, "three");
	qd_diags_add(&d, QD_SEV_ERROR, 1, 12, "one");
	qd_diags_note(&d, "libyaml: %s", "its words");
	qd_diags_add(&d, QD_SEV_WARNING, 2, 1, "two");
	out = printed(qd_diags_print, &d);
	assert_clean(out);
	assert_string_equal(out, "s.yaml:3:1: error: three\n"
	                         " 3 | line: 3\n"
	                         "   | ^\n"
	                         "s.yaml:1:12: error: one\n"
	                         " 1 | x: ^[]0;t^G\xef\xbf\xbd y\n"
	                         "   |             ^\n"
	                         "s.yaml:1:12: note: libyaml: its words\n"
	                         "s.yaml:2:1: warning: two\n"
	                         " 2 | line: 2\n"
	                         "   | ^\n");
	free(out);
	qd_buf_init(&b);
	qd_diags_write_json(&b, &d, &first);
	assert_null(strstr(b.data, "line: 3"));
	assert_non_null(strstr(b.data, "\"message\": \"one\", \"note\": \"libyaml: its words\"}"));
	qd_buf_release(&b);
	qd_diags_release(&d);
}

/* 1,000 diagnostics along one 1 MiB line, sorted, then a few out of order:
 * each caret is under its own character, and printing stays linear (the
 * search for each line and column goes on from the last one: printing
 * every line from its start took seconds). */
static void test_source_many(void **state)
{
	static const char *const fmts[] = {"k0 %d", "k1 %d", "k2 %d", "k3 %d", "k4 %d",
	                                   "k5 %d", "k6 %d", "k7 %d", "k8 %d", "k9 %d"};
	size_t n = (size_t)1 << 20, shown = 0;
	char *src = malloc(n + 1), *out, *p;
	struct qd_diags d;
	struct timespec t0, t1;

	(void)state;
	assert_non_null(src);
	for (size_t i = 0; i < n; i++)
		src[i] = (char)('a' + (i * 7 + i / 26) % 26);
	src[n] = '\n';
	qd_diags_init(&d, "s.yaml");
	qd_diags_set_source(&d, src, n + 1);
	for (int k = 0; k < 10; k++)
		for (int i = 0; i < 100; i++)
			qd_diags_add(&d, QD_SEV_ERROR, 1, 1 + (k * 100 + i) * 1000 + i % 7, fmts[k], i);
	qd_diags_sort(&d);
	/* (kinds of their own: the list is full, but keeps one of each) */
	qd_diags_add(&d, QD_SEV_ERROR, 1, 7, "back %d", 1);
	qd_diags_add(&d, QD_SEV_ERROR, 1, 7, "again %d", 2);
	qd_diags_add(&d, QD_SEV_ERROR, 1, (int)n, "end %d", 3);
	qd_diags_add(&d, QD_SEV_ERROR, 1, 3, "start %d", 4);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	out = printed(qd_diags_print, &d);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	assert_true(t1.tv_sec - t0.tv_sec < 3);
	for (p = out; (p = strstr(p, "s.yaml:1:")); ) {
		int col = atoi(p + 9);
		char *l2 = strchr(p, '\n') + 1, *l3 = strchr(l2, '\n') + 1;
		size_t caret = (size_t)(strchr(l3, '^') - l3);
		bool cut = memcmp(l2 + 5, "\xe2\x80\xa6", 3) == 0;

		/* " 1 | " then "…" (3 bytes, 1 column) when cut at the start */
		assert_int_equal(l2[cut ? caret + 2 : caret], src[col - 1]);
		assert_true(strchr(l2, '\n') - l2 <= 5 + 3 + QD_DIAGS_SOURCE_WIDTH - 2 + 3);
		shown++;
		p = l3;
	}
	assert_int_equal(shown, 1004);
	free(out);
	qd_diags_release(&d);
	free(src);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cap_per_kind),
		cmocka_unit_test(test_cap_total_and_promote),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_sanitised),
		cmocka_unit_test(test_source_tabs),
		cmocka_unit_test(test_source_wide),
		cmocka_unit_test(test_source_long),
		cmocka_unit_test(test_source_beyond),
		cmocka_unit_test(test_source_breaks_bom),
		cmocka_unit_test(test_source_sanitised_note),
		cmocka_unit_test(test_source_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

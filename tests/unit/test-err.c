/* Unit tests for errors and diagnostic lists (quizdeck/err.h): the cap on
 * repeated diagnostics, the prefix, and sanitised printing. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cap_per_kind),
		cmocka_unit_test(test_cap_total_and_promote),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_prefix),
		cmocka_unit_test(test_sanitised),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

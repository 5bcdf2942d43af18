/* Unit tests for the article parser: the accepted shape and its variants
 * (CRLF, BOM, curly quotes, missing parts, licences), and exact positions
 * of errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/article.h"

static struct qd_article *parse(const char *s, struct qd_err *err)
{
	qd_err_clear(err);
	return qd_article_parse("a.txt", s, strlen(s), err);
}

static const char full[] =
	"Title of it\n\nLast updated: May 1, 2025\n\nQuick Answer: It is short.\n\n"
	"Key Facts\n\nFirst Part\n\nOne. Two is\nwrapped.\n\nAnother paragraph.\n\n"
	"Second Part\nNo blank line after the heading.\n\n"
	"Related Questions\n\nIs it?\n\nYes.\n\nWhat else?\nMore.\n\n"
	"Sources\n\n  1. Site One Public Domain\n  2. Wiki - Page CC-BY-SA-4.0\n"
	"3) Plain Title\n- Book (CC BY 4.0)\n";

static void test_full_shape(void **state)
{
	struct qd_err err;
	struct qd_article *a = parse(full, &err);

	(void)state;
	assert_non_null(a);
	assert_string_equal(a->title, "Title of it");
	assert_string_equal(a->updated, "May 1, 2025");
	assert_string_equal(a->quick, "It is short.");
	assert_int_equal(a->quick_line, 5);
	assert_int_equal(a->n_sections, 2);
	assert_string_equal(a->sections[0].heading, "First Part");
	assert_int_equal(a->sections[0].line, 9);
	assert_int_equal(a->sections[0].n_paras, 2);
	assert_string_equal(a->sections[0].paras[0].text, "One. Two is wrapped.");
	assert_int_equal(a->sections[0].paras[1].line, 14);
	assert_string_equal(a->sections[1].heading, "Second Part");
	assert_string_equal(a->sections[1].paras[0].text, "No blank line after the heading.");
	assert_int_equal(a->n_questions, 2);
	assert_string_equal(a->questions[0].question, "Is it?");
	assert_string_equal(a->questions[0].paras[0].text, "Yes.");
	assert_string_equal(a->questions[1].paras[0].text, "More.");
	assert_int_equal(a->n_sources, 4);
	assert_string_equal(a->sources[0].title, "Site One");
	assert_string_equal(a->sources[0].licence, "Public Domain");
	assert_int_equal(a->sources[0].col, 3);
	assert_string_equal(a->sources[1].title, "Wiki - Page");
	assert_string_equal(a->sources[1].licence, "CC-BY-SA-4.0");
	assert_string_equal(a->sources[2].title, "Plain Title");
	assert_null(a->sources[2].licence);
	assert_string_equal(a->sources[3].title, "Book");
	assert_string_equal(a->sources[3].licence, "CC BY 4.0");
	qd_article_free(a);
}

static void test_crlf_bom_unicode(void **state)
{
	struct qd_err err;
	struct qd_article *a = parse("\xef\xbb\xbf" "T\r\n\r\nQuick Answer:\xc2\xa0\xe2\x80\x9cquoted\xe2\x80\x9d"
	                             "  it\xe2\x80\x99s \xe2\x80\x94 fine\r\n\r\nKey Facts\r\n\r\n"
	                             "  Heading  \r\n\r\nText\ttabbed.\r\n",
	                             &err);

	(void)state;
	assert_non_null(a);
	assert_string_equal(a->title, "T");
	assert_null(a->updated);
	assert_string_equal(a->quick, "\"quoted\" it's \xe2\x80\x94 fine");
	assert_string_equal(a->sections[0].heading, "Heading");
	assert_int_equal(a->sections[0].col, 3);
	assert_string_equal(a->sections[0].paras[0].text, "Text tabbed.");
	assert_int_equal(a->n_sources, 0);
	qd_article_free(a);
}

static void test_minimal(void **state)
{
	struct qd_err err;
	struct qd_article *a = parse("T\n\nRelated Questions\n\nWhy?\n\nBecause.", &err);

	(void)state;
	assert_non_null(a);
	assert_null(a->quick);
	assert_int_equal(a->n_sections, 0);
	assert_int_equal(a->n_questions, 1);
	qd_article_free(a);
}

static void expect_error(const char *text, size_t len, int line, int col, const char *msg)
{
	struct qd_err err;
	struct qd_article *a;

	qd_err_clear(&err);
	a = qd_article_parse("a.txt", text, len, &err);
	assert_null(a);
	assert_int_equal(err.status, QD_EXIT_DATAERR);
	assert_string_equal(err.file, "a.txt");
	assert_int_equal(err.line, line);
	assert_int_equal(err.col, col);
	assert_string_equal(err.msg, msg);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("", sizeof("") - 1, 1, 1, "empty article");
	expect_error("\xef\xbb\xbf\r\n \r\n", sizeof("\xef\xbb\xbf\r\n \r\n") - 1, 1, 1, "empty article");
	expect_error("T\n\nab\0c\n", sizeof("T\n\nab\0c\n") - 1, 3, 3, "not a text file: NUL byte");
	expect_error("T\n\n\xc3\xa9\xc3(x\n", sizeof("T\n\n\xc3\xa9\xc3(x\n") - 1, 3, 2, "invalid UTF-8 (byte 0xC3)");
	expect_error("T\n\n\xed\xa0\x80\n", sizeof("T\n\n\xed\xa0\x80\n") - 1, 3, 1, "invalid UTF-8 (byte 0xED)"); /* surrogate */
	expect_error("T\n\nx\x7f\n", sizeof("T\n\nx\x7f\n") - 1, 3, 2, "control character U+007F");
	expect_error("T\n\nRelated Questions\n\nWhy?\n", sizeof("T\n\nRelated Questions\n\nWhy?\n") - 1, 5, 1, "question 'Why?' has no answer");
	expect_error("T\n\nRelated Questions\n\nAnswer first.\n", sizeof("T\n\nRelated Questions\n\nAnswer first.\n") - 1, 5, 1,
	             "expected a question (a line ending in '?') after 'Related Questions'");
	expect_error("T\n\nKey Facts\n", sizeof("T\n\nKey Facts\n") - 1, 3, 1, "'Key Facts' has no sections");
	expect_error("T\n\nSources\n\n1. X\n\nKey Facts\n\nH\n\nP.\n", sizeof("T\n\nSources\n\n1. X\n\nKey Facts\n\nH\n\nP.\n") - 1, 7, 1,
	             "'Key Facts' is out of order (expected Key Facts, then Related Questions, "
	             "then Sources)");
	expect_error("Quick Answer: no title\n", sizeof("Quick Answer: no title\n") - 1, 1, 1,
	             "expected a title line at the start of the article");
	expect_error("T\n\nQuick Answer:\n\nKey Facts\n", sizeof("T\n\nQuick Answer:\n\nKey Facts\n") - 1, 3, 1,
	             "'Quick Answer:' is not followed by its text");
}

static void test_size_limit(void **state)
{
	struct qd_err err;
	size_t n = QD_ARTICLE_MAX_BYTES + 1;
	char *big = test_malloc(n);

	(void)state;
	memset(big, 'a', n);
	assert_null(qd_article_parse("big.txt", big, n, &err));
	assert_int_equal(err.status, QD_EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "larger than 1 MiB"));
	test_free(big);
}

static void test_load_missing(void **state)
{
	struct qd_err err;

	(void)state;
	assert_null(qd_article_load(QD_TEST_DATA "/articles/no-such-file.txt", &err));
	assert_int_equal(err.status, QD_EXIT_NOINPUT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_full_shape),
		cmocka_unit_test(test_crlf_bom_unicode),
		cmocka_unit_test(test_minimal),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_load_missing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

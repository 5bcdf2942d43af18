/* Unit tests for the revlog CSV parser of import-reviews: bytes no field
 * may hold, and numbers out of range told apart from numbers that are not
 * numbers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/csv.h"

/* Parses len bytes; returns the diagnostics (caller releases). */
static int parse(const char *data, size_t len, struct qd_csv_reviews *r, struct qd_diags *dg)
{
	qd_diags_init(dg, "in.csv");
	qd_csv_reviews_init(r);
	return qd_csv_reviews_parse(data, len, NULL, r, dg);
}

/* A NUL byte in a field is an error at its position, never a shorter id. */
static void test_nul(void **state)
{
	static const char data[] = "card_id,review_time,review_rating\n"
	                           "rust-uses/a\0b,1795512600000,3\n"
	                           "rust-uses/ok,1795512600000,3\n"
	                           "\"rust-uses/q\nx\0\",1795512600000,3\n"
	                           "rust-uses/c,17955\0,3\n";
	struct qd_csv_reviews r;
	struct qd_diags dg;

	(void)state;
	assert_int_equal(parse(data, sizeof(data) - 1, &r, &dg), -1);
	qd_diags_sort(&dg);
	assert_int_equal(dg.errors, 3);
	assert_int_equal(dg.items[0].line, 2);
	assert_int_equal(dg.items[0].col, 12);
	assert_string_equal(dg.items[0].msg, "card_id holds a NUL byte (no field may hold one)");
	assert_int_equal(dg.items[1].line, 5); /* inside a quoted field's second line */
	assert_int_equal(dg.items[1].col, 2);
	assert_int_equal(dg.items[2].line, 6);
	assert_int_equal(dg.items[2].col, 18);
	assert_string_equal(dg.items[2].msg,
	                    "review_time holds a NUL byte (no field may hold one)");
	/* The rows around them are read as they are. */
	assert_int_equal(r.n, 1);
	assert_string_equal(r.reviews[0].card, "ok");
	qd_diags_release(&dg);
	qd_csv_reviews_release(&r);

	/* In the header too. */
	assert_int_equal(parse("card_id,review_time,review\0_rating\n", 34, &r, &dg), -1);
	assert_int_equal(dg.errors >= 1, 1);
	assert_int_equal(dg.items[0].line, 1);
	assert_int_equal(dg.items[0].col, 27);
	assert_non_null(strstr(dg.items[0].msg, "NUL byte"));
	qd_diags_release(&dg);
	qd_csv_reviews_release(&r);
}

/* A time after year 9999 or a duration beyond 2^40 ms is out of range, not
 * "not a whole number". */
static void test_range(void **state)
{
	const char *data = "card_id,review_time,review_rating,review_duration\n"
	                   "d/a,253402300799999,3,1099511627776\n"  /* the last ms of 9999: fine */
	                   "d/b,253402300800000,3,0\n"             /* year 10000 */
	                   "d/c,99999999999999999999999,3,0\n"
	                   "d/d,12x,3,1099511627777\n";
	struct qd_csv_reviews r;
	struct qd_diags dg;

	(void)state;
	assert_int_equal(parse(data, strlen(data), &r, &dg), -1);
	qd_diags_sort(&dg);
	assert_int_equal(dg.errors, 4);
	assert_string_equal(dg.items[0].msg,
	                    "review_time '253402300800000' is out of range: the latest time is "
	                    "253402300799999 (9999-12-31T23:59:59.999Z)");
	assert_int_equal(dg.items[0].line, 3);
	assert_int_equal(dg.items[0].col, 5);
	assert_non_null(strstr(dg.items[1].msg, "'99999999999999999999999' is out of range"));
	assert_string_equal(dg.items[2].msg,
	                    "review_time '12x' is not milliseconds since 1970 (a whole number)");
	assert_string_equal(dg.items[3].msg,
	                    "review_duration '1099511627777' is out of range: at most "
	                    "1099511627776 ms");
	assert_int_equal(r.n, 1);
	assert_int_equal(r.reviews[0].time_ms, INT64_C(253402300799999));
	qd_diags_release(&dg);
	qd_csv_reviews_release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nul),
		cmocka_unit_test(test_range),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

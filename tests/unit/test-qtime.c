/* Unit tests for calendar arithmetic, ISO-8601 instants and durations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "quizdeck/qtime.h"

static void test_civil_round_trip(void **state)
{
	(void)state;
	assert_int_equal(qd_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(qd_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(qd_days_from_civil(1969, 12, 31), -1);
	for (int64_t d = -800000; d < 800000; d += 97) {
		int64_t y;
		int m, dd;
		qd_civil_from_days(d, &y, &m, &dd);
		assert_int_equal(qd_days_from_civil(y, m, dd), d);
	}
}

static void test_iso_parse_format(void **state)
{
	int64_t ms;
	char buf[QD_ISO_MAX];

	(void)state;
	assert_int_equal(qd_time_parse_iso("2026-11-24T09:30:00Z", &ms), 0);
	assert_int_equal(ms, INT64_C(1795512600000));
	qd_time_format_iso(ms, buf);
	assert_string_equal(buf, "2026-11-24T09:30:00Z");
	assert_int_equal(qd_time_parse_iso("2026-11-24T10:30:00.250+01:00", &ms), 0);
	qd_time_format_iso_ms(ms, buf);
	assert_string_equal(buf, "2026-11-24T09:30:00.250Z");
	assert_int_equal(qd_time_parse_iso("2715-01-01T00:00Z", &ms), 0);
	qd_time_format_iso(ms, buf);
	assert_string_equal(buf, "2715-01-01T00:00:00Z");
	qd_time_format_iso(-1, buf);
	assert_string_equal(buf, "1969-12-31T23:59:59Z");
	assert_int_equal(qd_time_parse_iso("2026-02-29T00:00:00Z", &ms), -1);
	assert_int_equal(qd_time_parse_iso("2026-11-24", &ms), -1);
	assert_int_equal(qd_time_parse_iso("2026-11-24T09:30:00", &ms), -1);
	assert_int_equal(qd_time_parse_iso("2026-11-24T09:30:00Zjunk", &ms), -1);
	assert_int_equal(qd_utc_day(-1), -1);
	assert_int_equal(qd_utc_day(QD_MS_PER_DAY), 1);
}

static void test_durations(void **state)
{
	double m;
	char buf[16];

	(void)state;
	assert_int_equal(qd_duration_parse_minutes("10m", &m), 0);
	assert_true(m == 10.0);
	assert_int_equal(qd_duration_parse_minutes("1h", &m), 0);
	assert_true(m == 60.0);
	assert_int_equal(qd_duration_parse_minutes("2d", &m), 0);
	assert_true(m == 2880.0);
	assert_int_equal(qd_duration_parse_minutes("30s", &m), 0);
	assert_true(m == 0.5);
	assert_int_equal(qd_duration_parse_minutes("0m", &m), -1);
	assert_int_equal(qd_duration_parse_minutes("ten", &m), -1);
	assert_int_equal(qd_duration_parse_minutes("5w", &m), -1);
	qd_duration_format(60000, buf);
	assert_string_equal(buf, "1m");
	qd_duration_format(8 * QD_MS_PER_DAY, buf);
	assert_string_equal(buf, "8d");
	qd_duration_format(6 * 60000, buf);
	assert_string_equal(buf, "6m");
}

/* Times for people are local: TZ decides, daylight saving included. */
static void test_format_local(void **state)
{
	char buf[QD_LOCAL_MAX];
	int64_t ms;

	(void)state;
	setenv("TZ", "America/New_York", 1);
	tzset();
	assert_int_equal(qd_time_parse_iso("2026-11-24T09:40:59Z", &ms), 0);
	qd_time_format_local(ms, buf);
	assert_string_equal(buf, "2026-11-24 04:40"); /* EST, UTC-5 */
	assert_int_equal(qd_time_parse_iso("2026-07-01T00:30:00Z", &ms), 0);
	qd_time_format_local(ms, buf);
	assert_string_equal(buf, "2026-06-30 20:30"); /* EDT, UTC-4: the day before */
	setenv("TZ", "UTC", 1);
	tzset();
	qd_time_format_local(ms, buf);
	assert_string_equal(buf, "2026-07-01 00:30");
	qd_time_format_local(-1, buf);
	assert_string_equal(buf, "1969-12-31 23:59");
}

/* The log's reader accepted a time when qd_time_parse_iso() read it and
 * qd_time_format_iso_ms() wrote it back to the same bytes: the definition
 * qd_time_parse_log() must keep. */
static int canonical_by_round_trip(const char *s, size_t len, int64_t *ms)
{
	char z[QD_ISO_MAX], back[QD_ISO_MAX];

	if (len >= sizeof(z) || memchr(s, '\0', len))
		return -1;
	memcpy(z, s, len);
	z[len] = '\0';
	if (qd_time_parse_iso(z, ms))
		return -1;
	qd_time_format_iso_ms(*ms, back);
	return strcmp(z, back) == 0 ? 0 : -1;
}

static void expect_log_time(const char *s, int64_t want)
{
	int64_t ms = -1;

	assert_int_equal(qd_time_parse_log(s, strlen(s), &ms), 0);
	assert_true(ms == want);
}

static void expect_no_log_time(const char *s)
{
	int64_t ms;

	assert_int_equal(qd_time_parse_log(s, strlen(s), &ms), -1);
}

static void test_parse_log(void **state)
{
	static const char *const bad[] = {
		"2026-11-24T09:30:00Z",          /* no milliseconds */
		"2026-11-24T09:30:00.12Z",       /* two digits */
		"2026-11-24T09:30:00.1234Z",     /* four digits */
		"2026-11-24t09:30:00.123Z",      /* lowercase t */
		"2026-11-24T09:30:00.123z",      /* lowercase z */
		"2026-11-24 09:30:00.123Z",      /* a space for the T */
		"2026-11-24T09:30:00,123Z",      /* a comma */
		"2026-11-24T09:30:00.123+00:00", /* an offset */
		"2026-11-24T09:30:00.123",       /* no zone */
		"2026-11-24T24:00:00.000Z",      /* hour 24 */
		"2026-11-24T23:60:00.000Z",      /* minute 60 */
		"2026-11-24T23:59:60.000Z",      /* a leap second */
		"2026-13-01T00:00:00.000Z",      /* month 13 */
		"2026-00-01T00:00:00.000Z",      /* month 0 */
		"2026-11-00T00:00:00.000Z",      /* day 0 */
		"2026-11-31T00:00:00.000Z",      /* 31 November */
		"2025-02-29T00:00:00.000Z",      /* not a leap year */
		"1900-02-29T00:00:00.000Z",      /* a century */
		"2100-02-29T00:00:00.000Z",
		"+2026-11-24T09:30:00.123Z",     /* a sign */
		"02026-11-24T09:30:00.123Z",     /* five digits */
		"10000-01-01T00:00:00.000Z",
		"2026-1-24T09:30:00.1234Z",      /* a short month */
		"2026-11-24T09:30:00.12aZ",
		" 2026-11-24T09:30:00.123Z",
		"2026-11-24T09:30:00.123Z ",
		"",
	};
	int64_t ms;

	(void)state;
	expect_log_time("1970-01-01T00:00:00.000Z", 0);
	expect_log_time("2026-11-24T09:30:00.123Z", INT64_C(1795512600123));
	expect_log_time("2024-02-29T12:00:00.000Z", INT64_C(1709208000000)); /* a leap year */
	expect_log_time("2000-02-29T00:00:00.000Z", INT64_C(951782400000));  /* a 400th year */
	expect_log_time("1969-12-31T23:59:59.999Z", -1);
	expect_log_time("9999-12-31T23:59:59.999Z", INT64_C(253402300799999)); /* the last one */
	expect_log_time("0000-01-01T00:00:00.000Z", INT64_C(-62167219200000)); /* the first */
	expect_log_time("0000-02-29T00:00:00.000Z", INT64_C(-62162121600000)); /* 0 is a leap year */
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		expect_no_log_time(bad[i]);
		assert_int_equal(canonical_by_round_trip(bad[i], strlen(bad[i]), &ms), -1);
	}
	/* Only the given bytes are read: a prefix of a good time is not one,
	 * nor is a good time followed by a NUL byte. */
	assert_int_equal(qd_time_parse_log("2026-11-24T09:30:00.123Z", 23, &ms), -1);
	assert_int_equal(qd_time_parse_log("2026-11-24T09:30:00.123Z\0", 25, &ms), -1);
}

/* Both definitions agree on every day of 0000-9999 at two times of day, and
 * on one-byte changes of a time (each byte replaced by each of the bytes a
 * time is made of). */
static void test_parse_log_same_as_round_trip(void **state)
{
	static const char alphabet[] = "0123456789-:.TZtz +";
	char s[QD_ISO_MAX];
	int64_t a, b;

	(void)state;
	for (int64_t day = qd_days_from_civil(0, 1, 1); day <= qd_days_from_civil(9999, 12, 31);
	     day += 1) {
		int64_t in_day = (day * 7919 % QD_MS_PER_DAY + QD_MS_PER_DAY) % QD_MS_PER_DAY;
		int64_t t = day * QD_MS_PER_DAY + (day & 1 ? QD_MS_PER_DAY - 1 : in_day);
		qd_time_format_iso_ms(t, s);
		assert_int_equal(qd_time_parse_log(s, strlen(s), &a), 0);
		assert_true(a == t);
	}
	qd_time_format_iso_ms(INT64_C(951868799999), s); /* 2000-02-29T23:59:59.999Z */
	for (size_t i = 0; i < 24; i++) {
		for (size_t k = 0; k < sizeof(alphabet) - 1; k++) {
			char m[QD_ISO_MAX];
			int ra, rb;

			memcpy(m, s, 25);
			m[i] = alphabet[k];
			ra = qd_time_parse_log(m, 24, &a);
			rb = canonical_by_round_trip(m, 24, &b);
			assert_int_equal(ra, rb);
			if (ra == 0)
				assert_true(a == b);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_round_trip),
		cmocka_unit_test(test_iso_parse_format),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_format_local),
		cmocka_unit_test(test_parse_log),
		cmocka_unit_test(test_parse_log_same_as_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

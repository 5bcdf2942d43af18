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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_round_trip),
		cmocka_unit_test(test_iso_parse_format),
		cmocka_unit_test(test_durations),
		cmocka_unit_test(test_format_local),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

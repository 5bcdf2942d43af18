/*
 * Calendar arithmetic and ISO-8601 instants, in milliseconds since the Unix
 * epoch (UTC), 64-bit throughout so far-future due dates (year 2700+) work.
 * Pure functions: no clock, no time zone, except qd_time_format_local(),
 * the one way an instant is written for a person to read, which reads the
 * process's time zone (TZ).
 */
#ifndef QUIZDECK_QTIME_H
#define QUIZDECK_QTIME_H

#include <stddef.h>
#include <stdint.h>

#define QD_MS_PER_MINUTE INT64_C(60000)
#define QD_MS_PER_DAY INT64_C(86400000)

/* Days since 1970-01-01 of the proleptic Gregorian date y-m-d. */
int64_t qd_days_from_civil(int64_t y, int m, int d);
void qd_civil_from_days(int64_t days, int64_t *y, int *m, int *d);
/* floor(ms / 86400000): the UTC calendar day of an instant. */
int64_t qd_utc_day(int64_t ms);

/* Parses "YYYY-MM-DDTHH:MM[:SS[.fff]]" followed by "Z" or "+hh:mm"/"-hh:mm"
 * (a space may replace the T). Returns 0, or -1 if s is not such an instant. */
int qd_time_parse_iso(const char *s, int64_t *ms);

/* Parses an instant in the review log's one canonical form, exactly
 * "YYYY-MM-DDTHH:MM:SS.mmmZ" (len bytes, no NUL needed): a year of four
 * digits, a date that exists (leap years as the Gregorian calendar has
 * them), hours 00-23, minutes and seconds 00-59, three digits of
 * milliseconds, 'T' and 'Z' in capitals. These are exactly the strings
 * qd_time_format_iso_ms() writes for years 0000-9999, so what parses
 * writes back to the same bytes. Returns 0, or -1 for anything else. */
int qd_time_parse_log(const char *s, size_t len, int64_t *ms);

#define QD_ISO_MAX 40
/* "2026-11-24T09:30:00Z" (whole seconds, truncated toward the past). */
void qd_time_format_iso(int64_t ms, char out[QD_ISO_MAX]);
/* "2026-11-24T09:30:00.123Z". */
void qd_time_format_iso_ms(int64_t ms, char out[QD_ISO_MAX]);

#define QD_LOCAL_MAX 40
/* "2026-11-24 04:30": the instant in local time (the time zone of TZ, as
 * loaded by tzset() or the first localtime_r()), to the minute, truncated
 * toward the past. Every time a person reads (session summaries, tables,
 * reports) is written by this; ISO UTC (qd_time_format_iso) stays for
 * --json, CSV and the review log. An instant the C library cannot convert
 * is written in UTC the same way ("2700-01-01 00:00"). */
void qd_time_format_local(int64_t ms, char out[QD_LOCAL_MAX]);

/* Parses a duration such as "90s", "1m", "10m", "1h", "2d" (a bare number
 * means minutes) into minutes (seconds are rounded up to whole minutes
 * only if not a multiple). Returns 0, or -1 if malformed or out of range. */
int qd_duration_parse_minutes(const char *s, double *minutes);
/* Short human form of a span: "45s", "1m", "6m", "3h", "8d", "3.2mo", "1.5y". */
void qd_duration_format(int64_t ms, char out[16]);

#endif

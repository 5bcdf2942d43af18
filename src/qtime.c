/*
 * Calendar arithmetic without mktime/timegm: Howard Hinnant's
 * days-from-civil algorithm, valid for any 64-bit year, independent of the
 * process's time zone. See quizdeck/qtime.h. The one exception is
 * qd_time_format_local(), which asks localtime_r() for the wall clock.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quizdeck/qtime.h"

static int64_t floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

int64_t qd_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = floordiv(y, 400);
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void qd_civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = floordiv(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

int64_t qd_utc_day(int64_t ms)
{
	return floordiv(ms, QD_MS_PER_DAY);
}

static int digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static int days_in_month(int64_t y, int m)
{
	static const int dm[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

int qd_time_parse_iso(const char *s, int64_t *ms)
{
	int y, mo, d, h, mi, sec = 0, frac = 0, off = 0;
	const char *p = s;

	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' ||
	    digits(&p, 2, &d))
		return -1;
	if (*p != 'T' && *p != 't' && *p != ' ')
		return -1;
	p++;
	if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
		return -1;
	if (*p == ':') {
		p++;
		if (digits(&p, 2, &sec))
			return -1;
		if (*p == '.' || *p == ',') {
			int n = 0;
			p++;
			if (!isdigit((unsigned char)*p))
				return -1;
			while (isdigit((unsigned char)*p)) {
				if (n < 3) {
					frac = frac * 10 + (*p - '0');
					n++;
				}
				p++;
			}
			while (n++ < 3)
				frac *= 10;
		}
	}
	if (*p == 'Z' || *p == 'z') {
		p++;
	} else if (*p == '+' || *p == '-') {
		int sign = *p++ == '-' ? -1 : 1, oh, om;
		if (digits(&p, 2, &oh))
			return -1;
		if (*p == ':')
			p++;
		if (digits(&p, 2, &om) || oh > 23 || om > 59)
			return -1;
		off = sign * (oh * 60 + om);
	} else {
		return -1;
	}
	if (*p)
		return -1;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
	    sec > 60)
		return -1;
	*ms = ((qd_days_from_civil(y, mo, d) * 24 + h) * 60 + mi - off) * QD_MS_PER_MINUTE +
	      (int64_t)sec * 1000 + frac;
	return 0;
}

/* The value of n decimal digits at s, or -1 if one is not a digit. */
static int fixed_digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		unsigned dgt = (unsigned)(unsigned char)s[i] - '0';
		if (dgt > 9)
			return -1;
		v = v * 10 + (int)dgt;
	}
	return v;
}

/* Read for every record of the review log: positions and ranges checked
 * directly, with no copy and no formatting back. */
int qd_time_parse_log(const char *s, size_t len, int64_t *ms)
{
	int y, mo, d, h, mi, sec, milli;

	if (len != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' ||
	    s[16] != ':' || s[19] != '.' || s[23] != 'Z')
		return -1;
	y = fixed_digits(s, 4);
	mo = fixed_digits(s + 5, 2);
	d = fixed_digits(s + 8, 2);
	h = fixed_digits(s + 11, 2);
	mi = fixed_digits(s + 14, 2);
	sec = fixed_digits(s + 17, 2);
	milli = fixed_digits(s + 20, 3);
	if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h < 0 || h > 23 ||
	    mi < 0 || mi > 59 || sec < 0 || sec > 59 || milli < 0)
		return -1;
	*ms = ((qd_days_from_civil(y, mo, d) * 24 + h) * 60 + mi) * QD_MS_PER_MINUTE +
	      (int64_t)sec * 1000 + milli;
	return 0;
}

/* n as exactly `digits` decimal digits at p (n >= 0 and small enough). */
static char *put_digits(char *p, int n, int digits)
{
	for (int i = digits - 1; i >= 0; i--) {
		p[i] = (char)('0' + n % 10);
		n /= 10;
	}
	return p + digits;
}

static void format(int64_t ms, char out[QD_ISO_MAX], int with_ms)
{
	int64_t day = qd_utc_day(ms), y;
	int64_t rem = ms - day * QD_MS_PER_DAY;
	int m, d;
	char *p = out;

	qd_civil_from_days(day, &y, &m, &d);
	if (y < 0 || y > 9999) { /* rare: let the C library write the sign and width */
		if (with_ms)
			snprintf(out, QD_ISO_MAX, "%04lld-%02d-%02dT%02d:%02d:%02d.%03dZ", (long long)y,
			         m, d, (int)(rem / 3600000), (int)(rem / 60000 % 60),
			         (int)(rem / 1000 % 60), (int)(rem % 1000));
		else
			snprintf(out, QD_ISO_MAX, "%04lld-%02d-%02dT%02d:%02d:%02dZ", (long long)y, m, d,
			         (int)(rem / 3600000), (int)(rem / 60000 % 60), (int)(rem / 1000 % 60));
		return;
	}
	/* By hand: the review log formats (and its reader re-formats) a time
	 * for every record, and printf is most of that cost. */
	p = put_digits(p, (int)y, 4);
	*p++ = '-';
	p = put_digits(p, m, 2);
	*p++ = '-';
	p = put_digits(p, d, 2);
	*p++ = 'T';
	p = put_digits(p, (int)(rem / 3600000), 2);
	*p++ = ':';
	p = put_digits(p, (int)(rem / 60000 % 60), 2);
	*p++ = ':';
	p = put_digits(p, (int)(rem / 1000 % 60), 2);
	if (with_ms) {
		*p++ = '.';
		p = put_digits(p, (int)(rem % 1000), 3);
	}
	*p++ = 'Z';
	*p = '\0';
}

void qd_time_format_iso(int64_t ms, char out[QD_ISO_MAX])
{
	format(ms, out, 0);
}

void qd_time_format_iso_ms(int64_t ms, char out[QD_ISO_MAX])
{
	format(ms, out, 1);
}

void qd_time_format_local(int64_t ms, char out[QD_LOCAL_MAX])
{
	time_t tt = (time_t)(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
	struct tm tm;
	char iso[QD_ISO_MAX];

	if (localtime_r(&tt, &tm) && strftime(out, QD_LOCAL_MAX, "%Y-%m-%d %H:%M", &tm))
		return;
	qd_time_format_iso(ms, iso);
	iso[10] = ' ';
	iso[16] = '\0';
	snprintf(out, QD_LOCAL_MAX, "%s", iso);
}

int qd_duration_parse_minutes(const char *s, double *minutes)
{
	char *end;
	double v;

	if (!s || !*s || isspace((unsigned char)*s))
		return -1;
	v = strtod(s, &end);
	if (end == s || !(v > 0) || !isfinite(v))
		return -1;
	if (*end == '\0' || strcmp(end, "m") == 0)
		;
	else if (strcmp(end, "s") == 0)
		v /= 60.0;
	else if (strcmp(end, "h") == 0)
		v *= 60.0;
	else if (strcmp(end, "d") == 0)
		v *= 1440.0;
	else
		return -1;
	if (v > 1440.0 * 36500)
		return -1;
	*minutes = v;
	return 0;
}

void qd_duration_format(int64_t ms, char out[16])
{
	double s;

	if (ms < 0)
		ms = 0;
	s = (double)ms / 1000.0;
	if (s < 60)
		snprintf(out, 16, "%llds", (long long)(s + 0.5));
	else if (s < 3600)
		snprintf(out, 16, "%lldm", (long long)(s / 60 + 0.5));
	else if (s < 86400)
		snprintf(out, 16, "%lldh", (long long)(s / 3600 + 0.5));
	else if (s < 86400 * 30.0)
		snprintf(out, 16, "%lldd", (long long)(s / 86400 + 0.5));
	else if (s < 86400 * 365.0)
		snprintf(out, 16, "%.1fmo", s / (86400 * 30.0));
	else
		snprintf(out, 16, "%.1fy", s / (86400 * 365.0));
}

/*
 * Local-time day numbers for the scheduler (see quizdeck/dayclock.h).
 *
 * The wall clock decides: a day starts when the local clock shows the day
 * start hour, so DST changes move the boundary with the clock rather than
 * by a fixed UTC offset. The date comes from localtime_r() (64-bit time_t,
 * so far-future due dates work) and is numbered with qd_days_from_civil(),
 * never mktime(). The only state is the C library's time zone, loaded by
 * tzset(); the day-start hours are a constant table so that the context
 * pointer never dangles.
 */
#include <time.h>

#include "quizdeck/dayclock.h"
#include "quizdeck/qtime.h"

static const int hours[24] = {0,  1,  2,  3,  4,  5,  6,  7,  8,  9,  10, 11,
                              12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23};

int64_t qd_dayclock_local_day(int64_t ms, const void *ctx)
{
	int h = ctx ? *(const int *)ctx : 0;
	int64_t sec = ms / 1000 - (ms % 1000 < 0);
	time_t tt = (time_t)sec;
	struct tm tm;
	int64_t day;

	if (!localtime_r(&tt, &tm)) /* out of range: fall back to UTC */
		return qd_utc_day(ms - h * INT64_C(3600000));
	day = qd_days_from_civil((int64_t)tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
	if (tm.tm_hour < h)
		day--;
	return day;
}

void qd_dayclock_install(struct qd_sched_params *p)
{
	int h = p->day_start_hour;

	if (h < 0)
		h = 0;
	if (h > 23)
		h = 23;
	tzset();
	p->day_of = qd_dayclock_local_day;
	p->day_ctx = &hours[h];
}

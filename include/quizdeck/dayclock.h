/*
 * The learner's local day: a qd_day_fn that numbers days by the local
 * calendar of the process's time zone (TZ), a day beginning at a given
 * hour of the wall clock. Kept apart from the scheduler, which stays pure:
 * this module reads the time zone database through localtime_r().
 */
#ifndef QUIZDECK_DAYCLOCK_H
#define QUIZDECK_DAYCLOCK_H

#include <stdint.h>

#include "quizdeck/sched.h"

/* The local day number of ms: days_from_civil of the local date of ms,
 * minus one if the local wall-clock time is before the day start hour.
 * ctx points to an int, the day start hour 0..23 (NULL: 0). Across a DST
 * change a day is 23 or 25 hours long; the number still advances by one
 * at each day start. Uses the time zone loaded by tzset(). */
int64_t qd_dayclock_local_day(int64_t ms, const void *ctx);

/* Makes p count days in local time: calls tzset(), then sets p->day_of
 * and p->day_ctx (a constant for p->day_start_hour, so copies of p stay
 * valid). Call again after changing p->day_start_hour. */
void qd_dayclock_install(struct qd_sched_params *p);

#endif

/*
 * Internals of the scheduler exposed to its unit tests only (tests get
 * src/ on their include path; nothing else includes this).
 */
#ifndef QUIZDECK_SCHED_IMPL_H
#define QUIZDECK_SCHED_IMPL_H

#include <stdint.h>

/* JavaScript's Math.round: nearest integer, ties toward +infinity. */
double qd_sched_jsround(double x);
/* ts-fsrs roundTo(x, 8). */
double qd_sched_round8(double x);

/* ts-fsrs get_fuzz_range: the fuzzed interval's bounds, inclusive. */
void qd_sched_fuzz_range(int ivl, int64_t elapsed, int maximum_interval, int *lo, int *hi);

#endif

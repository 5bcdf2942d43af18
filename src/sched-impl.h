/*
 * Internals of the scheduler exposed to its unit tests only (tests get
 * src/ on their include path; nothing else includes this).
 */
#ifndef QUIZDECK_SCHED_IMPL_H
#define QUIZDECK_SCHED_IMPL_H

/* JavaScript's Math.round: nearest integer, ties toward +infinity. */
double qd_sched_jsround(double x);
/* ts-fsrs roundTo(x, 8). */
double qd_sched_round8(double x);

#endif

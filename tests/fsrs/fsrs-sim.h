/*
 * A simulated learner for the optimizer's tests and benchmarks: a learner
 * whose recall follows FSRS-6 retrievability under known weights, studying
 * every day when quizdeck's scheduler (default settings) says cards are
 * due. Deterministic for a seed.
 */
#ifndef QD_FSRS_SIM_H
#define QD_FSRS_SIM_H

#include <stddef.h>
#include <stdint.h>

#include "quizdeck/fsrsitems.h"
#include "quizdeck/sched.h"

/* Non-default weights the simulated learner's memory follows. */
extern const double qd_sim_true_w[QD_FSRS_WEIGHTS];

struct qd_sim_opts {
	size_t reviews;      /* stop after this many reviews */
	int new_per_day;     /* new cards started each day */
	uint64_t seed;
	int64_t start_ms;    /* the first day's session (a UTC time) */
	const double *w;     /* the learner's true weights */
};

/* Runs the simulation; *out (allocated, caller frees) receives the
 * reviews, card numbers from 0, in the order they were made. p is the
 * scheduler deciding when cards are due (its day boundary is the one the
 * learner's memory counts days by). Returns the number of reviews. */
size_t qd_sim_run(const struct qd_sim_opts *o, const struct qd_sched_params *p,
                  struct qd_fsrs_input **out);

#endif

/*
 * sim-reviews: writes the review history of a simulated learner
 * (tests/fsrs/fsrs-sim.c: recall follows FSRS-6 retrievability under the
 * known weights qd_sim_true_w, reviews when quizdeck's scheduler says) as
 * an FSRS revlog CSV that `quizdeck import-reviews` reads and fsrs-rs's
 * converter reads (card_id,review_time,review_rating,review_state,
 * review_duration; review_state is the scheduler's state before the review).
 * Days begin at 04:00 UTC (run quizdeck with TZ=UTC and the default
 * day_start 4 to count them the same way).
 *
 * usage: sim-reviews [REVIEWS [SEED [NEW_PER_DAY]]] > reviews.csv
 *        (defaults: 100000 reviews, seed 1, 20 new cards a day)
 * With --weights it prints the true weights instead, comma-separated.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/sched.h"
#include "fsrs/fsrs-sim.h"

int main(int argc, char **argv)
{
	struct qd_sched_params p;
	struct qd_sim_opts o = {100000, 20, 1, INT64_C(1767261600000), qd_sim_true_w};
	struct qd_fsrs_input *in;
	struct qd_memory *mem;
	size_t n, max_card = 0;

	if (argc > 1 && strcmp(argv[1], "--weights") == 0) {
		for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
			printf("%s%g", j ? "," : "", qd_sim_true_w[j]);
		printf("\n");
		return 0;
	}
	if (argc > 1)
		o.reviews = strtoul(argv[1], NULL, 10);
	if (argc > 2)
		o.seed = strtoull(argv[2], NULL, 10);
	if (argc > 3)
		o.new_per_day = atoi(argv[3]);
	qd_sched_params_default(&p);
	n = qd_sim_run(&o, &p, &in);
	for (size_t i = 0; i < n; i++)
		max_card = in[i].card > max_card ? in[i].card : max_card;
	mem = calloc(max_card + 1, sizeof(*mem));
	if (!mem)
		return 1;
	for (size_t c = 0; c <= max_card; c++)
		qd_memory_init(&mem[c]);
	printf("card_id,review_time,review_rating,review_state,review_duration\n");
	for (size_t i = 0; i < n; i++) {
		struct qd_memory *m = &mem[in[i].card];
		printf("sim/c%zu,%lld,%d,%d,%d\n", in[i].card, (long long)in[i].time_ms, in[i].rating,
		       (int)m->state, 8000);
		qd_sched_review(&p, m, in[i].time_ms, (enum qd_rating)in[i].rating, 0, m);
	}
	free(mem);
	free(in);
	return 0;
}

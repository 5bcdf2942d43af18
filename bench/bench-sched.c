/*
 * bench-sched: replays 1,000,000 reviews over 100,000 cards through the
 * FSRS scheduler and prints reviews per second. The histories are
 * generated up front from a fixed seed (xorshift), so every run does the
 * same work: each card gets 10 reviews, each at its due time plus a
 * pseudo-random lateness (or a same-day retry), with ratings drawn
 * 15% Again, 15% Hard, 55% Good, 15% Easy. Only the scheduler is timed.
 * Usage: bench-sched [sm2]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quizdeck/qtime.h"
#include "quizdeck/sched.h"

#define CARDS 100000
#define PER_CARD 10

static uint64_t next_rand(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static double seconds(clockid_t clock)
{
	struct timespec ts;
	clock_gettime(clock, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct qd_sched_params p;
	struct qd_memory *cards = calloc(CARDS, sizeof *cards);
	unsigned char *ratings = malloc((size_t)CARDS * PER_CARD);
	uint32_t *lateness = malloc((size_t)CARDS * PER_CARD * sizeof *lateness);
	uint64_t rng = UINT64_C(0x2545F4914F6CDD1D), check = 0;
	int64_t t0 = INT64_C(1795512600000);
	double start, cpu0, elapsed, cpu;

	if (!cards || !ratings || !lateness) {
		fprintf(stderr, "bench-sched: out of memory\n");
		return 1;
	}
	qd_sched_params_default(&p);
	if (argc > 1 && strcmp(argv[1], "sm2") == 0)
		p.kind = QD_SCHED_SM2;
	qd_sched_params_finish(&p);
	for (size_t i = 0; i < (size_t)CARDS * PER_CARD; i++) {
		uint64_t x = next_rand(&rng) % 100;
		ratings[i] = x < 15 ? 1 : x < 30 ? 2 : x < 85 ? 3 : 4;
		lateness[i] = (uint32_t)(next_rand(&rng) % (3 * 86400000u));
	}
	for (size_t c = 0; c < CARDS; c++)
		qd_memory_init(&cards[c]);

	start = seconds(CLOCK_MONOTONIC);
	cpu0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
	for (int r = 0; r < PER_CARD; r++) {
		for (size_t c = 0; c < CARDS; c++) {
			struct qd_memory *m = &cards[c];
			size_t k = c * PER_CARD + (size_t)r;
			int64_t now = r == 0 ? t0 + (int64_t)c * 1000 : m->due_ms + lateness[k];
			qd_sched_review(&p, m, now, (enum qd_rating)ratings[k], k, m);
			check += (uint64_t)m->scheduled_days;
		}
	}
	elapsed = seconds(CLOCK_MONOTONIC) - start;
	cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
	/* CPU time too: on a loaded machine the wall-clock figure drops. */
	printf("bench-sched (%s): %d reviews over %d cards in %.3f s (%.3f s CPU): "
	       "%.0f reviews/s (%.0f per CPU second; checksum %llu)\n",
	       p.kind == QD_SCHED_SM2 ? "sm2" : "fsrs", CARDS * PER_CARD, CARDS, elapsed, cpu,
	       CARDS * PER_CARD / elapsed, CARDS * PER_CARD / cpu, (unsigned long long)check);
	free(cards);
	free(ratings);
	free(lateness);
	return 0;
}

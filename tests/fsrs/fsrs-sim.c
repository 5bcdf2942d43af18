/*
 * The simulated learner (see fsrs-sim.h).
 *
 * Each day at the session time the learner reviews every card due that day
 * (the scheduler's state, default weights: what quizdeck would show), then
 * the day's new cards, then works through the learning steps until none is
 * due within the hour; each answer takes 8 to 20 seconds. Whether a card is
 * recalled is drawn from its true retrievability: the optimizer's FSRS-6
 * model (quizdeck/fsrsmodel.h) under the true weights, over the whole days
 * since its previous review as the model counts them (on the same day,
 * over the fraction of a day that passed). A recalled card is rated Hard,
 * Good or Easy (15%, 75%, 10%); a forgotten one Again; a new card's first
 * rating is Again 20%, Hard 10%, Good 60%, Easy 10%.
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/fsrsmodel.h"
#include "quizdeck/qtime.h"
#include "quizdeck/rng.h"
#include "fsrs-sim.h"

const double qd_sim_true_w[QD_FSRS_WEIGHTS] = {
	0.45, 1.9, 3.6, 12.5, 6.9, 0.62, 2.3, 0.03, 1.55, 0.22, 1.05,
	1.75, 0.11, 0.33, 1.35, 0.45, 2.4, 0.38, 0.22, 0.11, 0.28,
};

struct card {
	struct qd_memory sched; /* what the scheduler knows */
	double s, d;            /* the true memory */
	int64_t last_ms;
	bool started;
};

static double uniform(struct qd_rng *r)
{
	return (double)(qd_rng_next(r) >> 11) * 0x1.0p-53;
}

struct sim {
	const struct qd_sched_params *p;
	struct qd_fsrs_model truth;
	struct qd_rng rng;
	struct card *cards;
	size_t n_cards, cap_cards;
	struct qd_fsrs_input *out;
	size_t n, cap, max;
	int64_t now;
};

static void review(struct sim *sm, size_t c)
{
	struct card *k = &sm->cards[c];
	int g;

	if (!k->started) {
		double u = uniform(&sm->rng);
		g = u < 0.2 ? 1 : u < 0.3 ? 2 : u < 0.9 ? 3 : 4;
		qd_fsrs_model_first(&sm->truth, g, &k->s, &k->d);
		k->started = true;
	} else {
		int64_t t = qd_sched_day(sm->p, sm->now) - qd_sched_day(sm->p, k->last_ms);
		double days = t > 0 ? (double)t : (double)(sm->now - k->last_ms) / QD_MS_PER_DAY;
		double r = qd_fsrs_model_curve(&sm->truth, days, k->s), u = uniform(&sm->rng);
		if (uniform(&sm->rng) >= r)
			g = 1;
		else
			g = u < 0.15 ? 2 : u < 0.9 ? 3 : 4;
		qd_fsrs_model_step(&sm->truth, &k->s, &k->d, t > 0 ? (uint32_t)t : 0, g);
	}
	qd_sched_review(sm->p, &k->sched, sm->now, (enum qd_rating)g, 0, &k->sched);
	k->last_ms = sm->now;
	if (sm->n == sm->cap) {
		sm->cap = sm->cap ? 2 * sm->cap : 1024;
		sm->out = qd_xrealloc(sm->out, sm->cap * sizeof(*sm->out));
	}
	sm->out[sm->n].card = c;
	sm->out[sm->n].time_ms = sm->now;
	sm->out[sm->n].rating = g;
	sm->out[sm->n].order = sm->n;
	sm->n++;
	sm->now += 8000 + (int64_t)qd_rng_below(&sm->rng, 12000);
}

size_t qd_sim_run(const struct qd_sim_opts *o, const struct qd_sched_params *p,
                  struct qd_fsrs_input **out)
{
	struct sim sm;

	memset(&sm, 0, sizeof(sm));
	sm.p = p;
	sm.max = o->reviews;
	qd_fsrs_model_init(&sm.truth, o->w);
	qd_rng_init(&sm.rng, o->seed);
	for (int64_t day = 0; sm.n < sm.max; day++) {
		int64_t today;

		/* The session starts between 8:00 and 12:00 after the start. */
		sm.now = o->start_ms + day * QD_MS_PER_DAY + (int64_t)qd_rng_below(&sm.rng, 4 * 3600000);
		today = qd_sched_day(p, sm.now);
		for (size_t c = 0; c < sm.n_cards && sm.n < sm.max; c++)
			if (sm.cards[c].sched.state == QD_STATE_REVIEW &&
			    qd_sched_day(p, sm.cards[c].sched.due_ms) <= today)
				review(&sm, c);
		for (int k = 0; k < o->new_per_day && sm.n < sm.max; k++) {
			if (sm.n_cards == sm.cap_cards) {
				sm.cap_cards = sm.cap_cards ? 2 * sm.cap_cards : 256;
				sm.cards = qd_xrealloc(sm.cards, sm.cap_cards * sizeof(*sm.cards));
			}
			memset(&sm.cards[sm.n_cards], 0, sizeof(*sm.cards));
			qd_memory_init(&sm.cards[sm.n_cards].sched);
			review(&sm, sm.n_cards++);
		}
		/* Learning steps: the card due first, waiting for it when it is
		 * due within the hour. */
		while (sm.n < sm.max) {
			size_t best = SIZE_MAX;
			for (size_t c = 0; c < sm.n_cards; c++) {
				const struct qd_memory *m = &sm.cards[c].sched;
				if ((m->state == QD_STATE_LEARNING || m->state == QD_STATE_RELEARNING) &&
				    (best == SIZE_MAX || m->due_ms < sm.cards[best].sched.due_ms))
					best = c;
			}
			if (best == SIZE_MAX || sm.cards[best].sched.due_ms > sm.now + 3600000)
				break;
			if (sm.cards[best].sched.due_ms > sm.now)
				sm.now = sm.cards[best].sched.due_ms;
			review(&sm, best);
		}
	}
	free(sm.cards);
	*out = sm.out;
	return sm.n;
}

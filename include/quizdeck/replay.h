/*
 * Derived state: every card's scheduling state, computed by replaying its
 * reviews from the review log through the scheduler. Nothing here is
 * stored; the log is the only truth.
 *
 * Each card's non-undone review records (any mode: study, quiz reviews
 * recorded with --record-reviews, import) are replayed in time order, ties in
 * log order, through qd_sched_review(). Quiz results (qa/quiz records) never
 * change a schedule. Reviews of cards that are not in the given card list
 * are kept: they are replayed too and reported as orphans.
 */
#ifndef QUIZDECK_REPLAY_H
#define QUIZDECK_REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/ctx.h"
#include "quizdeck/revlog.h"
#include "quizdeck/sched.h"

/* A card that exists in a loaded deck. */
struct qd_cardref {
	const char *deck, *card;
};

struct qd_card_state {
	const char *deck, *card; /* borrowed from the card list or the log data */
	struct qd_memory mem;    /* the state after its last review (new if none) */
	size_t n_reviews;        /* reviews replayed */
	int64_t time_spent_ms;   /* sum of their durations */
	bool orphan;             /* reviewed, but not in the card list */
};

struct qd_replay {
	/* The listed cards, in the list's order, then the orphans sorted by
	 * deck id and card id. */
	struct qd_card_state *cards;
	size_t n_cards;  /* all */
	size_t n_listed; /* cards[0..n_listed) are the list's */
	size_t n_orphan_reviews;
	/* For each log review i (log->reviews[i]): the card's state just before
	 * it, and its index in cards; undone reviews get QD_STATE_NEW and
	 * SIZE_MAX. */
	enum qd_state *state_before;
	size_t *card_of;
};

/* The key of a card for fuzz seeds: qd_seed_mix(qd_seed_mix(0, deck), card).
 * Review k of a card (k = reps before it) uses
 * qd_sched_fuzz_seed(qd_replay_card_key(deck, card), k), here and in any
 * session that previews intervals. */
uint64_t qd_replay_card_key(const char *deck, const char *card);

/* Replays log for the n cards (cards may be NULL when n is 0: then every
 * reviewed card is an orphan). Strings are borrowed: keep cards and log
 * alive while out is used. Always succeeds; release out afterwards. */
void qd_replay_run(struct qd_replay *out, const struct qd_sched_params *p,
                   const struct qd_logdata *log, const struct qd_cardref *cards, size_t n);
void qd_replay_release(struct qd_replay *r);

#endif

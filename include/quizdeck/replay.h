/*
 * Replay: every card's memory state, derived from the review log.
 *
 * Nothing about a card's schedule is stored; it is recomputed by passing
 * the card's reviews, in time order, through the scheduler. Reviews that
 * were undone are skipped. Reviews of cards that are in no loaded deck are
 * kept aside as orphans, so `stats` can report them and nothing is dropped.
 */
#ifndef QUIZDECK_REPLAY_H
#define QUIZDECK_REPLAY_H

#include <stddef.h>
#include <stdint.h>

#include "quizdeck/deck.h"
#include "quizdeck/deckset.h"
#include "quizdeck/revlog.h"
#include "quizdeck/sched.h"

struct qd_card_state {
	const struct qd_deck *deck; /* borrowed from the deck set */
	const struct qd_card *card;
	struct qd_memory mem;       /* after the last review */
	size_t n_reviews;           /* reviews replayed */
	int64_t first_review_ms;    /* 0 if never reviewed */
};

struct qd_orphan {
	const char *deck, *card;    /* borrowed from the log data */
	size_t n_reviews;
	int64_t last_review_ms;
};

struct qd_replay {
	struct qd_card_state *cards; /* every card of every deck, in deck-set order */
	size_t n_cards;
	struct qd_orphan *orphans;   /* sorted by deck, then card */
	size_t n_orphans;
	size_t *index;               /* private: hash table of cards */
	size_t index_cap;
};

/* Replays log over the decks of set with params p. The result borrows from
 * set and log, which must outlive it. Returns 0. */
int qd_replay_run(const struct qd_deckset *set, const struct qd_logdata *log,
                  const struct qd_sched_params *p, struct qd_replay *out);
void qd_replay_release(struct qd_replay *r);

/* The state of one card, or NULL. */
struct qd_card_state *qd_replay_find(const struct qd_replay *r, const char *deck,
                                     const char *card);

/* The fuzz seed of a card's review number reps (1-based), stable across
 * runs: derived from "deck/card". */
uint64_t qd_replay_fuzz_seed(const char *deck, const char *card, int reps);

#endif

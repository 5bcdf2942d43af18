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
 *
 * Events (suspend, unsuspend, bury; not undone) are replayed per card in
 * time order, ties in log order, apart from the reviews, which never change
 * them: a suspend suspends, an unsuspend lifts the suspension and any
 * burial, a bury at T buries the card until the first instant of the day
 * after T's (qd_sched_next_day_ms). Events of cards that are neither listed
 * nor reviewed are ignored.
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
	bool suspended;          /* by its last suspend or unsuspend */
	int64_t buried_until_ms; /* not due before this instant; 0 if never buried */
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

/* The replay's order, for sorting and searching outside it (the
 * derived-state cache): cards by (deck, card) id, bytewise; a card's reviews
 * and events by time, ties in log order. The last two are qsort()
 * comparators over arrays of pointers to reviews or events. */
int qd_replay_cmp_ids(const char *d1, const char *c1, const char *d2, const char *c2);
int qd_replay_cmp_review_ptrs(const void *a, const void *b);
int qd_replay_cmp_event_ptrs(const void *a, const void *b);

/* Replays log for the n cards (cards may be NULL when n is 0: then every
 * reviewed card is an orphan). Strings are borrowed: keep cards and log
 * alive while out is used. Always succeeds; release out afterwards. */
void qd_replay_run(struct qd_replay *out, const struct qd_sched_params *p,
                   const struct qd_logdata *log, const struct qd_cardref *cards, size_t n);
void qd_replay_release(struct qd_replay *r);

/* One step of qd_replay_run(), for continuing from a saved state (the
 * derived-state cache, quizdeck/statecache.h): the review r applied to cs
 * (key: qd_replay_card_key() of its card), exactly as the replay applies a
 * card's next review in time order: its memory, n_reviews, time spent. */
void qd_replay_review(const struct qd_sched_params *p, struct qd_card_state *cs, uint64_t key,
                      const struct qd_review *r);
/* The event e applied to cs after every earlier one of its card (time
 * order, ties in log order), as the replay derives it: suspend, unsuspend
 * (lifts the suspension and any burial), bury (until the next day). */
void qd_replay_event(const struct qd_sched_params *p, struct qd_card_state *cs,
                     const struct qd_event *e);

/* Whether the card may be studied at now_ms: it is not suspended, and not
 * buried until after now_ms. A suspended card is never due. */
bool qd_replay_available(const struct qd_card_state *cs, int64_t now_ms);
/* Whether the card is buried at now_ms (buried_until_ms is later). */
bool qd_replay_buried(const struct qd_card_state *cs, int64_t now_ms);

/* Leeches: a card whose lapses reached the threshold (0: leeches are not
 * detected). The mark is derived from the reviews alone, so it stays (as
 * Anki's leech tag) whatever is done to the card afterwards. */
bool qd_replay_leech(const struct qd_card_state *cs, int threshold);
/* Whether a lapse that brings a card to `lapses` makes it a leech, or a
 * leech again: at the threshold, then every half of it (at least 1) after
 * it, as Anki does: 8, 12, 16... for 8. */
bool qd_leech_at(int lapses, int threshold);

#endif

/*
 * A study session's queue: which card to show next, decided from the cards'
 * states and the time now. Pure code: no I/O, no clock, no terminal; the
 * session passes "now" to every call, so the same states and the same now
 * always give the same answer.
 *
 * Three places hold cards:
 *   - the front: cards put back to be shown before anything else (an undone
 *     card, and the card that was on the screen when :undo was typed); the
 *     last one put back comes first;
 *   - the line: the due review cards, then the new cards, in the order the
 *     session built it (daily limits, siblings and --limit already applied);
 *   - the learning set: cards in (re)learning steps that may come back in
 *     this session, each shown when its step is due.
 *
 * qd_queue_next() picks, in this order: the front; the learning card whose
 * step is due (due_ms <= now), earliest first; the line; when nothing else
 * is left, a learning card due within learn_ahead_ms of now (shown early,
 * "learning ahead"). Otherwise it says when the next learning card is due
 * (QD_QUEUE_WAIT), or that nothing is left (QD_QUEUE_DONE).
 */
#ifndef QUIZDECK_QUEUE_H
#define QUIZDECK_QUEUE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/replay.h"
#include "quizdeck/sched.h"

/* Anki's default learn-ahead limit: 20 minutes. */
#define QD_LEARN_AHEAD_DEFAULT_MS (20 * 60 * 1000)

/* What a card was when it entered the queue (for the header's counts). */
enum qd_queue_kind {
	QD_QUEUE_REVIEW, /* a due review card */
	QD_QUEUE_NEW,    /* a new card */
	QD_QUEUE_LEARN,  /* a card in (re)learning steps */
};

struct qd_queue_item {
	size_t card; /* index into the card states */
	enum qd_queue_kind kind;
};

struct qd_queue {
	int64_t learn_ahead_ms;
	struct qd_queue_item *front; /* a stack: front[n_front - 1] comes first */
	size_t n_front, cap_front;
	struct qd_queue_item *line;  /* line[pos..n_line) are still to come */
	size_t n_line, cap_line, pos;
	size_t *learn;               /* cards in the learning set, no duplicates */
	size_t n_learn, cap_learn;
};

enum qd_queue_status {
	QD_QUEUE_SHOW, /* pick->item is the card to show */
	QD_QUEUE_WAIT, /* nothing to show now; pick->due_ms: the next learning card's step */
	QD_QUEUE_DONE, /* nothing left */
};

struct qd_queue_pick {
	struct qd_queue_item item;
	int64_t due_ms; /* a learning card's due time (SHOW of a learning card, WAIT) */
	bool ahead;     /* SHOW: a learning card shown before its step is due */
	int where;      /* private: which place the item is in */
	size_t at;      /* private: its index there */
};

/* An empty queue; learn_ahead_ms >= 0. Allocates nothing. */
void qd_queue_init(struct qd_queue *q, int64_t learn_ahead_ms);
void qd_queue_release(struct qd_queue *q);

/* Appends card to the line (kind REVIEW or NEW; LEARN puts it in the
 * learning set, as qd_queue_learn()). */
void qd_queue_push(struct qd_queue *q, size_t card, enum qd_queue_kind kind);
/* Puts card in the learning set (nothing if it is there already). */
void qd_queue_learn(struct qd_queue *q, size_t card);
/* Puts card at the front, to be shown next, and takes it out of the
 * learning set (so it is never shown twice). */
void qd_queue_push_front(struct qd_queue *q, size_t card, enum qd_queue_kind kind);
/* Takes card out of the learning set and the front (an undone rating's
 * card, before it is put back at the front). */
void qd_queue_forget(struct qd_queue *q, size_t card);

/* Whether a card in state m is due at now: a review card on or after its
 * due day (p's day boundary), a (re)learning card at or after its due
 * instant; a new card never. */
bool qd_queue_due_now(const struct qd_sched_params *p, const struct qd_memory *m, int64_t now);

/* Picks the next card (see above). cards are the states the items index.
 * Does not change q: qd_queue_take() removes what was picked. */
enum qd_queue_status qd_queue_next(const struct qd_queue *q, const struct qd_card_state *cards,
                                   int64_t now, struct qd_queue_pick *pick);
/* Removes the card picked by the last qd_queue_next() (q unchanged since). */
void qd_queue_take(struct qd_queue *q, const struct qd_queue_pick *pick);

/* What is due now, by kind: the front's items by their kind, the line's
 * rest, and the learning cards whose step is due at now. */
struct qd_queue_counts {
	size_t review, fresh, learn;
};
void qd_queue_count(const struct qd_queue *q, const struct qd_card_state *cards, int64_t now,
                    struct qd_queue_counts *out);

/* The day's work against the daily limits. */
struct qd_queue_today {
	size_t started;  /* cards started (new before the review) */
	size_t reviewed; /* review cards reviewed */
};

/* Counts into *total the work of the day of now (p's day boundary) from a
 * replayed log: its reviews not undone of the first n_listed cards of r
 * (the decks loaded) whose state before (r->state_before) was new, resp.
 * review. Reviews of (re)learning cards count in neither. per_card, when
 * not NULL, has r->n_listed entries set to zero by the caller, and gets
 * each card's share. */
void qd_queue_done_today(const struct qd_sched_params *p, const struct qd_logdata *log,
                         const struct qd_replay *r, int64_t now, struct qd_queue_today *total,
                         struct qd_queue_today *per_card);

/* What a daily limit leaves: limit - done, at least 0. */
size_t qd_queue_left(long limit, size_t done);

#endif

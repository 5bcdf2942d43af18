/*
 * The training items of the FSRS optimizer, built from review histories as
 * fsrs-rs 6.5.0 builds them (its convertor and dataset.rs): one item per
 * review after a card's first, made of the card's reviews up to and
 * including it, kept only when that review (the target) is on a later day
 * than the one before it. Same-day reviews are never targets but stay in
 * later items' histories, where the model applies FSRS-6's short-term
 * formula to them. Days are the scheduler's (qd_sched_day: day_start and
 * the learner's time zone when the day clock is installed).
 *
 * Also here: the outlier filter and the recency weights of fsrs-rs's
 * dataset, which pick and weigh the items the optimizer trains on.
 *
 * Pure code: no I/O, no clock.
 */
#ifndef QUIZDECK_FSRSITEMS_H
#define QUIZDECK_FSRSITEMS_H

#include <stddef.h>
#include <stdint.h>

#include "quizdeck/sched.h"

/* One review of an item: its rating (1..4) and the days since the card's
 * previous review (0 for the first and for same-day reviews). */
struct qd_fsrs_review {
	uint32_t delta_t;
	uint8_t rating;
	uint8_t first; /* 1 for a card's first review (set by qd_fsrs_items_build) */
};

/* An item: reviews[start .. start + len) of its qd_fsrs_items, the last one
 * the target whose recall is predicted from the others. */
struct qd_fsrs_item {
	size_t start;
	uint32_t len;
	uint32_t long_term; /* reviews with delta_t > 0, the target included */
	int64_t time_ms;    /* the target's time */
};

struct qd_fsrs_items {
	struct qd_fsrs_review *reviews; /* each card's reviews, one card after another */
	size_t n_reviews;
	struct qd_fsrs_item *items;     /* in the order of their targets' times */
	size_t n_items;
	size_t n_cards;
};

/* A review given to qd_fsrs_items_build(): the card it belongs to (any
 * number identifying it), when and how it was rated. */
struct qd_fsrs_input {
	size_t card;
	int64_t time_ms;
	int rating;   /* 1..4; other values are skipped */
	size_t order; /* ties in time are broken by it (the log line) */
};

void qd_fsrs_items_init(struct qd_fsrs_items *it);
void qd_fsrs_items_release(struct qd_fsrs_items *it);

/* Builds the items of in[0..n) (reordered in place: by card, time, order),
 * with days as p counts them. out is initialised here. Items are sorted
 * stably by their target's time, ties by card number. */
void qd_fsrs_items_build(struct qd_fsrs_items *out, struct qd_fsrs_input *in, size_t n,
                         const struct qd_sched_params *p);

/* The target's label: 1 when recalled (rating > Again). */
static inline int qd_fsrs_item_label(const struct qd_fsrs_items *it, const struct qd_fsrs_item *x)
{
	return it->reviews[x->start + x->len - 1].rating > 1;
}

/* fsrs-rs's prepare_training_data: the items with one long-term review
 * (the "initialisation set", used to pretrain w0..w3) grouped by first
 * rating and by the target's delta_t; in each rating the smallest groups
 * are dropped while they add up to less than max(20, size / 20), and so is
 * any other group of fewer than 6 items or with delta_t over 100 days
 * (365 for Easy). A card whose (first rating, first long-term delta_t)
 * group was dropped is left out whole. train[] receives the indices of the
 * items kept (all of them, in input order), init[] those of the kept
 * initialisation items (in input order: pretraining does not depend on
 * it); both arrays are allocated here (caller frees).
 * Returns the average recall of the kept items (fsrs-rs's average_recall). */
double qd_fsrs_items_filter(const struct qd_fsrs_items *it, size_t **train, size_t *n_train,
                            size_t **init, size_t *n_init);

/* The recency weight of the i-th of n items: 0.25 + 0.75·(i/(n−1))³, so
 * the latest reviews count four times the oldest. */
double qd_fsrs_recency_weight(size_t i, size_t n);

#endif

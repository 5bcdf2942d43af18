/*
 * Pretraining of the initial stabilities w0..w3, as fsrs-rs 6.5.0 does it
 * (parameter_initialization.rs): for each first rating, the items whose
 * target is the card's first review on a later day are grouped by that
 * delay; each group's recall rate, smoothed toward the average recall
 * ((recall·n + average) / (n + 1)), is fitted with the default forgetting
 * curve R(t, S) = (1 + f·t/S)^−0.1542 by minimising count-weighted binary
 * cross-entropy plus |S − default| / 16, by ternary search on [0.001, 100].
 * Then the stabilities are put in order and the ratings without data are
 * filled in (qd_fsrs_smooth_and_fill).
 *
 * Pure code: no I/O.
 */
#ifndef QUIZDECK_FSRSPRETRAIN_H
#define QUIZDECK_FSRSPRETRAIN_H

#include <stddef.h>

#include "quizdeck/fsrsitems.h"

/* One delay of a first rating: the days to the card's second day of
 * reviews, how many items, and their recall rate. */
struct qd_fsrs_recall_point {
	double delta_t, recall, count;
};

/* The stability that fits points[0..n) (sorted by delta_t or not) for a
 * first rating whose default stability is default_s, the recall rates
 * smoothed toward average_recall. */
double qd_fsrs_pretrain_search(const struct qd_fsrs_recall_point *points, size_t n,
                               double average_recall, double default_s);

/* fsrs-rs's smooth_and_fill over s[0..4) (initial stabilities of Again ..
 * Easy) where count[r] > 0 says rating r+1 has data: out-of-order values
 * are copied from the rating with more data, the missing ones filled by
 * interpolation with the constants 0.41 and 0.54, every value clamped to
 * [0.001, 100]. Returns -1 when no rating has data. */
int qd_fsrs_smooth_and_fill(double s[4], const size_t count[4]);

/* Pretrains w0..w3 from the items init[0..n_init) of it. count[r]
 * receives the number of items of first rating r+1. Returns 0, or -1 when
 * there is no item at all (w0..w3 unchanged). */
int qd_fsrs_pretrain(const struct qd_fsrs_items *it, const size_t *init, size_t n_init,
                     double average_recall, double w[4], size_t count[4]);

#endif

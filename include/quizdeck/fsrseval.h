/*
 * How well a set of FSRS weights predicts a review history: the two
 * metrics of fsrs-rs's evaluate (inference.rs), computed the same way.
 *
 *   - log loss: the binary cross-entropy of the predicted recall of each
 *     item's target against whether it was recalled (rating > Again),
 *     averaged with the items' recency weights (qd_fsrs_recency_weight, in
 *     the order given: the latest count four times the oldest);
 *   - RMSE (bins): the items are binned by the target's delay, the number
 *     of long-term reviews and the lapses before it (fsrs-rs's
 *     r_matrix_index); the root of the bins' squared differences between
 *     mean prediction and mean recall, each bin weighted by its items'
 *     summed recency weights.
 *
 * The weights are clipped first as fsrs-rs's inference clips them. Lower
 * is better for both. Pure code.
 */
#ifndef QUIZDECK_FSRSEVAL_H
#define QUIZDECK_FSRSEVAL_H

#include <stddef.h>

#include "quizdeck/fsrsitems.h"
#include "quizdeck/sched.h"

struct qd_fsrs_metrics {
	double log_loss;
	double rmse_bins;
};

/* Evaluates w on the items idx[0..n) of it (idx NULL: all items, in order).
 * Returns 0, or -1 when there is no item. */
int qd_fsrs_evaluate(const struct qd_fsrs_items *it, const size_t *idx, size_t n,
                     const double w[QD_FSRS_WEIGHTS], struct qd_fsrs_metrics *out);

/* fsrs-rs's bin of x > 0: round(a·b^floor(ln x / ln b)), halves away from
 * zero (x ≤ 0: 0). */
double qd_fsrs_bin(double x, double a, double b);

#endif

/*
 * Fitting the 21 FSRS-6 weights to a history, as fsrs-rs 6.5.0's
 * compute_parameters does (training.rs):
 *
 *   1. the outlier filter (qd_fsrs_items_filter) picks the training items;
 *      fewer than 8: too little data;
 *   2. w0..w3 are pretrained (quizdeck/fsrspretrain.h); with fewer than 64
 *      training items, or none with two long-term reviews, that is all;
 *   3. otherwise every weight is trained from the pretrained start: items
 *      weighted by recency, those longer than max_seq_len reviews dropped,
 *      sorted by length and cut into batches of batch_size; each epoch
 *      visits the batches in a shuffled order (a seeded generator, so the
 *      same history always gives the same weights) and takes one Adam step
 *      (β 0.9, 0.999, ε 1e-8) per batch on the batch's summed weighted
 *      binary cross-entropy plus gamma·(batch/N)·Σ((w − w_start)/σ)², the
 *      learning rate following a cosine from lr down to 0 over all steps;
 *      after each step the weights are clipped into FSRS-6's bounds; after
 *      each epoch the loss over all items is computed and the best epoch's
 *      weights kept;
 *   4. quizdeck goes further than fsrs-rs here: from the best epoch's
 *      weights, polish_steps full-batch Adam steps on the same loss (every
 *      training item in each step, the learning rate falling from
 *      polish_lr to 0 along a cosine, clipped after each step), keeping the
 *      weights of the lowest loss seen. fsrs-rs's mini-batch steps end
 *      where the last batches left them; the full-batch steps settle into
 *      the minimum of the loss over the whole history, which predicts the
 *      history (and, on simulated learners, new reviews) better;
 *   5. w0..w3 are put in order again (qd_fsrs_smooth_and_fill).
 *
 * Pure code: no I/O, no clock; progress is reported through a callback.
 */
#ifndef QUIZDECK_FSRSTRAIN_H
#define QUIZDECK_FSRSTRAIN_H

#include <stddef.h>
#include <stdint.h>

#include "quizdeck/fsrsitems.h"
#include "quizdeck/sched.h"

#define QD_FSRS_MIN_ITEMS 8   /* fewer training items: no fit at all */
#define QD_FSRS_MIN_TRAIN 64  /* fewer: w0..w3 pretrained, the rest default */

struct qd_fsrs_train_opts {
	int epochs;              /* 5 */
	size_t batch_size;       /* 512 */
	double lr;               /* 0.04 */
	double gamma;            /* 1: pull toward the starting weights */
	uint64_t seed;           /* 2023 */
	uint32_t max_seq_len;    /* 256 reviews */
	int n_relearning_steps;  /* for the w17, w18 bound (1) */
	int polish_steps;        /* full-batch steps after the epochs (20; 0: none) */
	double polish_lr;        /* their first learning rate (0.01) */
	/* Called after each batch (may be NULL): epoch 1..epochs, batch
	 * 1..n_batches, and the loss of the previous epoch (NAN before the
	 * first ends); then for each polishing step with epoch = epochs + 1,
	 * the step 0..polish_steps as batch, polish_steps as n_batches, and
	 * the loss before the step. */
	void (*progress)(void *ctx, int epoch, int epochs, size_t batch, size_t n_batches,
	                 double loss);
	void *progress_ctx;
};

void qd_fsrs_train_opts_default(struct qd_fsrs_train_opts *o);

enum qd_fsrs_fit_status {
	QD_FSRS_FIT_TRAINED,    /* all weights trained */
	QD_FSRS_FIT_PRETRAINED, /* only w0..w3: too few items, or none to train the rest */
	QD_FSRS_FIT_TOO_LITTLE, /* no fit: fewer than QD_FSRS_MIN_ITEMS items, or no pretraining data */
	QD_FSRS_FIT_FAILED,     /* training diverged (a weight not finite) */
};

struct qd_fsrs_fit {
	enum qd_fsrs_fit_status status;
	double w[QD_FSRS_WEIGHTS]; /* the fitted weights (the defaults when no fit) */
	size_t n_train;            /* training items after the outlier filter */
	size_t n_init;             /* of which pretraining items */
	int best_epoch;            /* 0 when not trained */
	double loss;               /* the loss per item of w (before step 5) */
};

/* Fits weights to the items of it. Always fills out. */
void qd_fsrs_fit(const struct qd_fsrs_items *it, const struct qd_fsrs_train_opts *o,
                 struct qd_fsrs_fit *out);

#endif

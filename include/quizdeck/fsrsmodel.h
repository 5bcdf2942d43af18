/*
 * The FSRS-6 model as the optimizer sees it (fsrs-rs 6.5.0's model.rs and
 * analytic.rs): the stability and difficulty recurrences over an item's
 * history and the predicted recall of its target, with the exact gradient
 * of that prediction with respect to the 21 weights, by reverse mode
 * written out by hand.
 *
 * This is not the scheduler (quizdeck/sched.h): the scheduler follows
 * ts-fsrs, rounding to 8 decimals, with a floor of 0.1 on a new card's
 * stability; the optimizer's model is fsrs-rs's, unrounded, and computed in
 * double precision here (fsrs-rs uses f32). Its formulas, with G the
 * rating, t the days since the previous review and decay = −w20:
 *
 *   R(t, S) = (1 + f·t/S)^decay,  f = 0.9^(1/decay) − 1
 *   first review:  S = w[G−1], D = w4 − e^(w5·(G−1)) + 1 (clamped to 1..10)
 *   same day:      S' = S·e^(w17·(G−3+w18))·S^(−w19), not below S for G ≥ 2
 *   lapse:         S' = min(w11·D^(−w12)·((S+1)^w13 − 1)·e^(w14·(1−R)), S/e^(w17·w18))
 *   recall:        S' = S·(1 + e^w8·(11−D)·S^(−w9)·(e^(w10·(1−R)) − 1)·[w15 Hard]·[w16 Easy])
 *   difficulty:    D'' = D + (10−D)·(−w6·(G−3))/9;  D' = w7·(D0(4) − D'') + D''
 *
 * with S' clamped to [0.001, 36500] and D' to [1, 10]. A clamp passes the
 * gradient when its input is inside the bounds or exactly on one, and
 * stops it outside (fsrs-rs 6.5.0); the lapse's min follows the branch
 * taken.
 *
 * Pure code: no I/O, no allocation except the tape's.
 */
#ifndef QUIZDECK_FSRSMODEL_H
#define QUIZDECK_FSRSMODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/fsrsitems.h"
#include "quizdeck/sched.h"

#define QD_FSRS_S_MIN 0.001
#define QD_FSRS_S_MAX 36500.0

/* fsrs-rs's DEFAULT_PARAMETERS (the same as ts-fsrs's defaults). */
extern const double qd_fsrs_default_w[QD_FSRS_WEIGHTS];

/* The weights and the terms derived from them alone. */
struct qd_fsrs_model {
	double w[QD_FSRS_WEIGHTS];
	double decay, factor; /* −w20; 0.9^(1/decay) − 1 */
	double exp_3w5;       /* e^(3·w5) */
	double exp_w5g[4];    /* e^(w5·(G−1)) for the first rating G = 1..4 */
	double df_ddecay;     /* ∂factor/∂decay */
	double d0_easy;       /* D0(4) = w4 − e^(3·w5) + 1, not clamped */
	double exp_w8;        /* e^w8 */
	double lapse_cap;     /* e^(w17·w18) */
};

void qd_fsrs_model_init(struct qd_fsrs_model *m, const double w[QD_FSRS_WEIGHTS]);

/* R(t, S) under m. */
double qd_fsrs_model_curve(const struct qd_fsrs_model *m, double t, double s);

/* The state after a card's first review, rated g. */
void qd_fsrs_model_first(const struct qd_fsrs_model *m, int g, double *s, double *d);
/* The state after a later review rated g, t days after the one that left
 * (*s, *d). */
void qd_fsrs_model_step(const struct qd_fsrs_model *m, double *s, double *d, uint32_t t, int g);

/* The (S, D) after reviews r[0..n) (n ≥ 1; r[0] is the first review). */
void qd_fsrs_model_state(const struct qd_fsrs_model *m, const struct qd_fsrs_review *r, size_t n,
                         double *s, double *d);

/* The predicted recall of the target r[n−1] (n ≥ 2) from r[0..n−1). */
double qd_fsrs_model_predict(const struct qd_fsrs_model *m, const struct qd_fsrs_review *r,
                             size_t n);

/* Scratch space for qd_fsrs_model_grad(): the terms of each step of one
 * item's history, grown as needed. */
struct qd_fsrs_tape {
	struct qd_fsrs_step *steps; /* private to src/fsrsmodel.c */
	size_t cap;
};

void qd_fsrs_tape_init(struct qd_fsrs_tape *t);
void qd_fsrs_tape_release(struct qd_fsrs_tape *t);

/* The prediction p of the target r[n−1] (n ≥ 2) as
 * qd_fsrs_model_predict(), and its gradient ∂p/∂w in grad[0..21)
 * (overwritten): qd_fsrs_model_forward_seq() and _backward_seq() below with
 * a coefficient of 1 on the target alone. */
double qd_fsrs_model_grad(const struct qd_fsrs_model *m, const struct qd_fsrs_review *r, size_t n,
                          struct qd_fsrs_tape *tape, double grad[QD_FSRS_WEIGHTS]);

/* A card's whole history at once, for the sum of a loss over all its items
 * (an item is a prefix of its card's history): the forward pass over
 * r[0..n) (n ≥ 1, r[0] the first review) puts on the tape each step and
 * p[k] = R(t_k, S_{k−1}), the predicted recall of review k, for k in
 * 1..n−1 (1 for same-day reviews; p may be NULL); the backward pass, given
 * coef[k] = ∂L/∂p[k] (0 where review k is no item's target; coef NULL: 1
 * for the last review, 0 for the others), adds ∂L/∂w to grad. Both cost one
 * step per review, where qd_fsrs_model_grad() on every prefix costs one per
 * item and review. The tape must be the one the forward pass filled, for
 * the same m, r and n. */
void qd_fsrs_model_forward_seq(const struct qd_fsrs_model *m, const struct qd_fsrs_review *r,
                               size_t n, struct qd_fsrs_tape *tape, double *p);
void qd_fsrs_model_backward_seq(const struct qd_fsrs_model *m, const struct qd_fsrs_review *r,
                                size_t n, const struct qd_fsrs_tape *tape, const double *coef,
                                double grad[QD_FSRS_WEIGHTS]);

/* The prediction of every item of it at once, p[0..n_items), in one pass
 * over each card's reviews (an item is a prefix of its card's history, so
 * this costs a step per review, not per item and review): the same values
 * as qd_fsrs_model_predict() on each item. s_after[0..n_reviews) is
 * scratch space. */
void qd_fsrs_model_predict_items(const struct qd_fsrs_model *m, const struct qd_fsrs_items *it,
                                 double *s_after, double *p);

/* fsrs-rs's clip_parameters: each weight into its FSRS-6 bounds (w17 and
 * w18 capped further with more than one relearning step, w19's floor 0.01
 * only with short-term scheduling), in place. */
void qd_fsrs_clip(double w[QD_FSRS_WEIGHTS], int n_relearning_steps, bool short_term);

#endif

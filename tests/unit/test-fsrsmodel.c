/* Unit tests for the optimizer's FSRS-6 model: its gradient against
 * finite differences for every weight, its agreement with the formulas,
 * and the clipping bounds. */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/fsrsmodel.h"
#include "quizdeck/rng.h"

static double uniform(struct qd_rng *r)
{
	return (double)(qd_rng_next(r) >> 11) * 0x1.0p-53;
}

/* A random history: first rating, then reviews on the same day (a quarter
 * of them) or 1..60 days later, ratings 15% Again, 15% Hard, 55% Good,
 * 15% Easy; the target a later day. */
static size_t random_history(struct qd_rng *r, struct qd_fsrs_review *h, size_t max)
{
	size_t n = 2 + (size_t)qd_rng_below(r, max - 1);

	for (size_t i = 0; i < n; i++) {
		double u = uniform(r);
		h[i].rating = u < 0.15 ? 1 : u < 0.30 ? 2 : u < 0.85 ? 3 : 4;
		h[i].delta_t = i == 0 ? 0 : uniform(r) < 0.25 ? 0 : 1 + (uint32_t)qd_rng_below(r, 60);
	}
	if (h[n - 1].delta_t == 0)
		h[n - 1].delta_t = 1 + (uint32_t)qd_rng_below(r, 30);
	return n;
}

/* Random weights: each default moved by up to ±30%, then clipped. */
static void random_weights(struct qd_rng *r, double *w)
{
	for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
		w[j] = qd_fsrs_default_w[j] * (0.7 + 0.6 * uniform(r));
	w[7] = 0.001 + 0.2 * uniform(r); /* the default 0.001 sits on its bound */
	qd_fsrs_clip(w, 1, true);
}

static double predict(const double *w, const struct qd_fsrs_review *h, size_t n)
{
	struct qd_fsrs_model m;

	qd_fsrs_model_init(&m, w);
	return qd_fsrs_model_predict(&m, h, n);
}

/* The analytic gradient of every weight agrees with a central difference
 * on 400 random histories under random weights. A difference quotient is
 * only meaningful where the prediction is smooth: a step of h that crosses
 * a clamp or the lapse's min shows as two quotients (h and h/4) that
 * disagree, and such rare cases are counted, not compared. */
static void test_gradient_matches_finite_differences(void **state)
{
	struct qd_rng r;
	struct qd_fsrs_review h[40];
	struct qd_fsrs_tape tape;
	size_t checked = 0, kinks = 0, nonzero[QD_FSRS_WEIGHTS] = {0};

	(void)state;
	qd_rng_init(&r, 7);
	qd_fsrs_tape_init(&tape);
	for (int k = 0; k < 400; k++) {
		double w[QD_FSRS_WEIGHTS], g[QD_FSRS_WEIGHTS], p, p2;
		struct qd_fsrs_model m;
		size_t n = random_history(&r, h, 40);

		random_weights(&r, w);
		qd_fsrs_model_init(&m, w);
		p = qd_fsrs_model_grad(&m, h, n, &tape, g);
		p2 = qd_fsrs_model_predict(&m, h, n);
		assert_true(p == p2);
		for (int j = 0; j < QD_FSRS_WEIGHTS; j++) {
			double step = 1e-6 * fmax(1.0, fabs(w[j])), fd[2];
			for (int s = 0; s < 2; s++) {
				double wp[QD_FSRS_WEIGHTS], wm[QD_FSRS_WEIGHTS], hs = s ? step / 4 : step;
				memcpy(wp, w, sizeof(wp));
				memcpy(wm, w, sizeof(wm));
				wp[j] += hs;
				wm[j] -= hs;
				fd[s] = (predict(wp, h, n) - predict(wm, h, n)) / (2 * hs);
			}
			if (fabs(fd[0] - fd[1]) > 1e-4 * fmax(1e-3, fabs(fd[0]))) {
				kinks++;
				continue;
			}
			if (fabs(g[j] - fd[0]) > 1e-5 * fmax(1e-2, fabs(fd[0])))
				fail_msg("history %d (%zu reviews), weight %d: analytic %.10g, "
				         "finite difference %.10g", k, n, j, g[j], fd[0]);
			nonzero[j] += g[j] != 0.0;
			checked++;
		}
	}
	qd_fsrs_tape_release(&tape);
	assert_true(kinks * 100 < checked); /* kinks are rare */
	/* Every weight took part somewhere (w0..w3 only when they are the
	 * first rating's). */
	for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
		assert_true(nonzero[j] > 10);
}

/* The model computes the documented formulas: a card rated Good, then Good
 * three days later, then asked after ten days. */
static void test_prediction_follows_the_formulas(void **state)
{
	const double *w = qd_fsrs_default_w;
	struct qd_fsrs_review h[3] = {{0, 3, 1}, {3, 3, 0}, {10, 3, 0}};
	struct qd_fsrs_model m;
	double decay = -w[20], f = pow(0.9, 1 / decay) - 1;
	double s0 = w[2], d0 = w[4] - exp(w[5] * 2) + 1;
	double r1 = pow(1 + f * 3 / s0, decay);
	double s1 = s0 * (1 + exp(w[8]) * (11 - d0) * pow(s0, -w[9]) * (exp(w[10] * (1 - r1)) - 1));
	double want = pow(1 + f * 10 / s1, decay);

	(void)state;
	qd_fsrs_model_init(&m, w);
	assert_true(fabs(qd_fsrs_model_predict(&m, h, 3) - want) < 1e-12);
	/* R(S, S) = 0.9 */
	assert_true(fabs(qd_fsrs_model_curve(&m, 7.5, 7.5) - 0.9) < 1e-12);
}

static void test_clip_bounds(void **state)
{
	double w[QD_FSRS_WEIGHTS];

	(void)state;
	for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
		w[j] = -1;
	qd_fsrs_clip(w, 1, true);
	assert_true(w[0] == 0.001 && w[4] == 1 && w[16] == 1 && w[19] == 0.01 && w[20] == 0.1);
	for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
		w[j] = 100;
	qd_fsrs_clip(w, 1, true);
	assert_true(w[3] == 100 && w[7] == 0.75 && w[17] == 2 && w[20] == 0.8);
	/* Two relearning steps cap w17 and w18 from w11, w13, w14. */
	memcpy(w, qd_fsrs_default_w, sizeof(w));
	qd_fsrs_clip(w, 2, true);
	assert_true(w[17] < qd_fsrs_default_w[17] || w[17] == qd_fsrs_default_w[17]);
	assert_true(w[17] <= 2 && w[18] <= 2);
	{
		double v = -(log(1.4835) + log(pow(2, 0.2629) - 1) + 0.3 * 1.6483) / 2;
		double c = fmin(2, sqrt(fmax(0.01, v)));
		assert_true(w[17] == fmin(0.5425, c));
	}
}

/* A whole history at once: the predictions of the forward pass are each
 * prefix's, and the backward pass gives Σ coef_k·∂p_k/∂w, the gradients of
 * the prefixes (checked against finite differences above) weighted by
 * random coefficients, on 300 random histories. */
static void test_sequence_gradient_sums_the_prefixes(void **state)
{
	struct qd_rng r;
	struct qd_fsrs_review h[60];
	struct qd_fsrs_tape tape, tape2;

	(void)state;
	qd_rng_init(&r, 11);
	qd_fsrs_tape_init(&tape);
	qd_fsrs_tape_init(&tape2);
	for (int k = 0; k < 300; k++) {
		double w[QD_FSRS_WEIGHTS], g[QD_FSRS_WEIGHTS] = {0}, want[QD_FSRS_WEIGHTS] = {0};
		double p[60], coef[60] = {0}, gi[QD_FSRS_WEIGHTS];
		struct qd_fsrs_model m;
		size_t n = random_history(&r, h, 60);

		random_weights(&r, w);
		qd_fsrs_model_init(&m, w);
		qd_fsrs_model_forward_seq(&m, h, n, &tape, p);
		for (size_t i = 1; i < n; i++) {
			if (h[i].delta_t == 0 || uniform(&r) < 0.2)
				continue; /* not a target */
			coef[i] = uniform(&r) * 4 - 2;
			assert_true(p[i] == qd_fsrs_model_grad(&m, h, i + 1, &tape2, gi));
			for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
				want[j] += coef[i] * gi[j];
		}
		qd_fsrs_model_backward_seq(&m, h, n, &tape, coef, g);
		for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
			if (fabs(g[j] - want[j]) > 1e-9 * fmax(1.0, fabs(want[j])))
				fail_msg("history %d (%zu reviews), weight %d: whole %.12g, prefixes %.12g",
				         k, n, j, g[j], want[j]);
	}
	qd_fsrs_tape_release(&tape);
	qd_fsrs_tape_release(&tape2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_gradient_matches_finite_differences),
		cmocka_unit_test(test_prediction_follows_the_formulas),
		cmocka_unit_test(test_clip_bounds),
		cmocka_unit_test(test_sequence_gradient_sums_the_prefixes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

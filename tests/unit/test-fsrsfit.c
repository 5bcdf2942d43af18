/* Unit tests for the optimizer: items from histories, the outlier filter,
 * pretraining (crate vectors and a synthetic group of known stability),
 * the evaluation metrics, and the recovery of known weights from a
 * simulated learner (tests/fsrs/fsrs-sim.c). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/fsrseval.h"
#include "quizdeck/fsrsitems.h"
#include "quizdeck/fsrsmodel.h"
#include "quizdeck/fsrspretrain.h"
#include "quizdeck/fsrstrain.h"
#include "quizdeck/qtime.h"
#include "fsrs/fsrs-sim.h"

#define DAY QD_MS_PER_DAY
#define T0 INT64_C(1767261600000) /* 2026-01-01T10:00:00Z */

static bool near(double a, double b, double rel)
{
	return fabs(a - b) <= rel * fmax(1.0, fabs(b));
}

/* Items: one per review on a later day than the card's previous, holding
 * the card's history; same-day reviews stay in histories only. */
static void test_items_from_histories(void **state)
{
	struct qd_sched_params p;
	struct qd_fsrs_items it;
	struct qd_fsrs_input in[] = {
		/* card 1: Good, Good 10 min later, Again 2 days later, Good 3 days later */
		{1, T0, 3, 0}, {1, T0 + 600000, 3, 1}, {1, T0 + 2 * DAY, 1, 2},
		{1, T0 + 5 * DAY, 3, 3},
		/* card 0: Easy, Good the next day (earlier than card 1's second item) */
		{0, T0 + 3600000, 4, 4}, {0, T0 + DAY, 3, 5},
		/* a rating out of range is skipped */
		{0, T0 + 2 * DAY, 0, 6},
	};
	const struct qd_fsrs_review *r;

	(void)state;
	qd_sched_params_default(&p);
	p.day_start_hour = 4;
	qd_sched_params_finish(&p);
	qd_fsrs_items_build(&it, in, sizeof(in) / sizeof(in[0]), &p);
	assert_int_equal(it.n_cards, 2);
	assert_int_equal(it.n_reviews, 6);
	assert_int_equal(it.n_items, 3);
	/* by target time: card 0 day 1, card 1 day 2, card 1 day 5 */
	assert_int_equal(it.items[0].len, 2);
	r = &it.reviews[it.items[0].start];
	assert_true(r[0].rating == 4 && r[0].delta_t == 0 && r[1].rating == 3 && r[1].delta_t == 1);
	assert_int_equal(it.items[1].len, 3);
	r = &it.reviews[it.items[1].start];
	assert_true(r[1].delta_t == 0 && r[2].delta_t == 2 && r[2].rating == 1);
	assert_int_equal(it.items[1].long_term, 1);
	assert_int_equal(qd_fsrs_item_label(&it, &it.items[1]), 0);
	assert_int_equal(it.items[2].len, 4);
	assert_int_equal(it.items[2].long_term, 2);
	assert_int_equal(it.reviews[it.items[2].start + 3].delta_t, 3);
	qd_fsrs_items_release(&it);
}

/* The day boundary is the scheduler's: with day_start 4, 03:00 belongs to
 * the day before. */
static void test_items_day_start(void **state)
{
	struct qd_sched_params p;
	struct qd_fsrs_items it;
	/* 2026-01-01 22:00 UTC, then 2026-01-02 03:00 UTC: the same day */
	struct qd_fsrs_input in[] = {{0, T0 + 12 * 3600000, 3, 0}, {0, T0 + 17 * 3600000, 3, 1}};

	(void)state;
	qd_sched_params_default(&p);
	qd_fsrs_items_build(&it, in, 2, &p);
	assert_int_equal(it.n_items, 0);
	qd_fsrs_items_release(&it);
	p.day_start_hour = 0;
	qd_sched_params_finish(&p);
	qd_fsrs_items_build(&it, in, 2, &p);
	assert_int_equal(it.n_items, 1);
	qd_fsrs_items_release(&it);
}

/* fsrs-rs's own tests of smooth_and_fill and search_parameters. */
static void test_pretrain_crate_vectors(void **state)
{
	double s[4] = {0.4, 0, 2.3, 10.9};
	size_t count[4] = {1, 1, 1, 1};
	double s2[4] = {0, 0.35, 0, 0};
	size_t count2[4] = {0, 1, 0, 0};
	struct qd_fsrs_recall_point pt[] = {
		{1, 0.86666667, 435}, {2, 0.90721649, 97}, {3, 0.73015873, 63},
		{4, 0.76315789, 38},  {5, 0.67857143, 28},
	};

	(void)state;
	/* w2 has a count but no value: filled from its neighbours. */
	count[1] = 0;
	assert_int_equal(qd_fsrs_smooth_and_fill(s, count), 0);
	assert_true(near(s[0], 0.4, 1e-6) && near(s[1], 1.1227008, 1e-6));
	assert_true(near(s[2], 2.3, 1e-6) && near(s[3], 10.9, 1e-6));
	assert_int_equal(qd_fsrs_smooth_and_fill(s2, count2), 0);
	assert_true(near(s2[0], 0.05738148, 1e-6) && near(s2[1], 0.35, 1e-6));
	assert_true(near(s2[2], 0.6242943, 1e-6) && near(s2[3], 2.2453482, 1e-6));
	assert_true(near(qd_fsrs_pretrain_search(pt, 5, (double)0.94302857f, (double)0.212f),
	                 0.7355089, 1e-6));
	{
		size_t none[4] = {0, 0, 0, 0};
		assert_int_equal(qd_fsrs_smooth_and_fill(s, none), -1);
	}
}

/* A synthetic group whose recall follows the default curve with a known
 * stability: pretraining finds that stability. */
static void test_pretrain_recovers_known_stability(void **state)
{
	const double truth[] = {0.8, 3.0, 17.0};
	double decay = -(double)(float)0.1542, f = pow(0.9, 1 / decay) - 1;

	(void)state;
	for (size_t k = 0; k < sizeof(truth) / sizeof(truth[0]); k++) {
		struct qd_fsrs_recall_point pt[8];
		size_t n = 0;
		for (int d = 1; d <= 40; d = d * 2 + 1) {
			pt[n].delta_t = d;
			pt[n].recall = pow(1 + f * d / truth[k], decay);
			pt[n].count = 20000;
			n++;
		}
		/* The average recall the smoothing pulls toward: the group's own. */
		double got = qd_fsrs_pretrain_search(pt, n, pt[n / 2].recall, 2.3065);
		if (!near(got, truth[k], 0.01))
			fail_msg("stability %g: found %g", truth[k], got);
	}
}

/* The same through the items: cards rated Good first, then asked once on a
 * later day, recalled as a stability of 6 days predicts. */
static void test_pretrain_from_items(void **state)
{
	struct qd_sched_params p;
	struct qd_fsrs_items it;
	struct qd_fsrs_input *in = calloc(40000, sizeof(*in));
	size_t n = 0, *train, n_train, *init, n_init, count[4];
	double decay = -(double)(float)0.1542, f = pow(0.9, 1 / decay) - 1, w[4], avg;
	const int delays[] = {1, 2, 3, 5, 8, 13};

	(void)state;
	qd_sched_params_default(&p);
	for (size_t di = 0; di < 6; di++) {
		double r = pow(1 + f * delays[di] / 6.0, decay);
		int per = 3000, pass = (int)lround(r * per);
		for (int k = 0; k < per; k++) {
			size_t card = n / 2;
			in[n++] = (struct qd_fsrs_input){card, T0, 3, n};
			in[n++] = (struct qd_fsrs_input){card, T0 + delays[di] * DAY, k < pass ? 3 : 1, n};
		}
	}
	qd_fsrs_items_build(&it, in, n, &p);
	avg = qd_fsrs_items_filter(&it, &train, &n_train, &init, &n_init);
	assert_int_equal(n_init, it.n_items);
	memcpy(w, qd_fsrs_default_w, sizeof(w));
	assert_int_equal(qd_fsrs_pretrain(&it, init, n_init, avg, w, count), 0);
	assert_int_equal(count[2], n_init);
	if (!near(w[2], 6.0, 0.02))
		fail_msg("w2 = %g, want 6", w[2]);
	/* the others are filled in order around it */
	assert_true(w[0] < w[1] && w[1] < w[2] && w[2] < w[3]);
	free(train);
	free(init);
	free(in);
	qd_fsrs_items_release(&it);
}

/* The outlier filter drops the smallest delay groups and whole cards. */
static void test_outlier_filter(void **state)
{
	struct qd_sched_params p;
	struct qd_fsrs_items it;
	struct qd_fsrs_input in[600];
	size_t n = 0, *train, n_train, *init, n_init;

	(void)state;
	qd_sched_params_default(&p);
	/* 100 cards asked after 1 day, 3 after 50 days (a group too small),
	 * each with a later review */
	for (size_t c = 0; c < 103; c++) {
		int d = c < 100 ? 1 : 50;
		in[n++] = (struct qd_fsrs_input){c, T0, 3, n};
		in[n++] = (struct qd_fsrs_input){c, T0 + d * DAY, 3, n};
		in[n++] = (struct qd_fsrs_input){c, T0 + (d + 4) * DAY, 3, n};
	}
	qd_fsrs_items_build(&it, in, n, &p);
	assert_int_equal(it.n_items, 206);
	qd_fsrs_items_filter(&it, &train, &n_train, &init, &n_init);
	assert_int_equal(n_init, 100);
	assert_int_equal(n_train, 200);
	for (size_t i = 0; i < n_train; i++)
		assert_true(it.reviews[it.items[train[i]].start + 1].delta_t == 1);
	free(train);
	free(init);
	qd_fsrs_items_release(&it);
}

static void test_bins_and_metrics(void **state)
{
	struct qd_sched_params p;
	struct qd_fsrs_items it;
	struct qd_fsrs_input in[] = {{0, T0, 3, 0}, {0, T0 + 3 * DAY, 3, 1}};
	struct qd_fsrs_metrics m;
	struct qd_fsrs_model model;
	double pr;

	(void)state;
	/* fsrs-rs's bins: delays 1-3 -> 248, 4-13 -> 898, 14-47 -> 3250 */
	assert_true(qd_fsrs_bin(1, 248, 3.62) == 248 && qd_fsrs_bin(3, 248, 3.62) == 248);
	assert_true(qd_fsrs_bin(4, 248, 3.62) == 898 && qd_fsrs_bin(14, 248, 3.62) == 3250);
	assert_true(qd_fsrs_bin(2, 1.99, 1.89) == 4 && qd_fsrs_bin(4, 1.99, 1.89) == 7);
	assert_true(qd_fsrs_bin(1, 1.65, 1.73) == 2 && qd_fsrs_bin(2, 1.65, 1.73) == 3);
	qd_sched_params_default(&p);
	qd_fsrs_items_build(&it, in, 2, &p);
	assert_int_equal(qd_fsrs_evaluate(&it, NULL, 0, qd_fsrs_default_w, &m), -1);
	assert_int_equal(qd_fsrs_evaluate(&it, NULL, 1, qd_fsrs_default_w, &m), 0);
	qd_fsrs_model_init(&model, qd_fsrs_default_w);
	pr = qd_fsrs_model_predict(&model, &it.reviews[0], 2);
	assert_true(near(m.log_loss, -log(pr), 1e-12));
	assert_true(near(m.rmse_bins, 1 - pr, 1e-12));
	qd_fsrs_items_release(&it);
}

/* Predicting every item in one pass over each card gives each item's own
 * prediction. */
static void test_predict_items_matches_predict(void **state)
{
	struct qd_sched_params p;
	struct qd_sim_opts so = {3000, 10, 5, T0, qd_sim_true_w};
	struct qd_fsrs_input *in;
	struct qd_fsrs_items it;
	struct qd_fsrs_model m;
	double *s, *pr;
	size_t n;

	(void)state;
	qd_sched_params_default(&p);
	n = qd_sim_run(&so, &p, &in);
	qd_fsrs_items_build(&it, in, n, &p);
	assert_true(it.n_items > 1000);
	s = calloc(it.n_reviews, sizeof(*s));
	pr = calloc(it.n_items, sizeof(*pr));
	qd_fsrs_model_init(&m, qd_sim_true_w);
	qd_fsrs_model_predict_items(&m, &it, s, pr);
	for (size_t k = 0; k < it.n_items; k++)
		assert_true(pr[k] == qd_fsrs_model_predict(&m, &it.reviews[it.items[k].start],
		                                            it.items[k].len));
	free(s);
	free(pr);
	free(in);
	qd_fsrs_items_release(&it);
}

/* Too little history: no fit. */
static void test_fit_too_little(void **state)
{
	struct qd_sched_params p;
	struct qd_fsrs_items it;
	struct qd_fsrs_input in[] = {{0, T0, 3, 0}, {0, T0 + 3 * DAY, 3, 1}};
	struct qd_fsrs_train_opts o;
	struct qd_fsrs_fit fit;

	(void)state;
	qd_sched_params_default(&p);
	qd_fsrs_items_build(&it, in, 2, &p);
	qd_fsrs_train_opts_default(&o);
	qd_fsrs_fit(&it, &o, &fit);
	assert_int_equal(fit.status, QD_FSRS_FIT_TOO_LITTLE);
	assert_true(memcmp(fit.w, qd_fsrs_default_w, sizeof(fit.w)) == 0);
	qd_fsrs_items_release(&it);
}

/* Recovery: a learner whose memory follows known, non-default weights,
 * reviewing when the scheduler says, for 20,000 reviews. The fitted
 * weights predict the history within 1% of the true weights' log loss,
 * and better than the defaults. */
static void test_fit_recovers_simulated_learner(void **state)
{
	struct qd_sched_params p;
	struct qd_sim_opts so = {20000, 12, 1, T0, qd_sim_true_w};
	struct qd_fsrs_input *in;
	struct qd_fsrs_items it;
	struct qd_fsrs_train_opts o;
	struct qd_fsrs_fit fit, fit2;
	struct qd_fsrs_metrics truth, fitted, defaults, epochs;
	size_t n;

	(void)state;
	qd_sched_params_default(&p);
	n = qd_sim_run(&so, &p, &in);
	assert_true(n >= 20000);
	qd_fsrs_items_build(&it, in, n, &p);
	qd_fsrs_train_opts_default(&o);
	qd_fsrs_fit(&it, &o, &fit);
	assert_int_equal(fit.status, QD_FSRS_FIT_TRAINED);
	qd_fsrs_evaluate(&it, NULL, it.n_items, qd_sim_true_w, &truth);
	qd_fsrs_evaluate(&it, NULL, it.n_items, fit.w, &fitted);
	qd_fsrs_evaluate(&it, NULL, it.n_items, qd_fsrs_default_w, &defaults);
	print_message("%zu reviews, %zu items (%zu trained on, best epoch %d)\n"
	              "log loss: true %.5f, fitted %.5f, defaults %.5f\n"
	              "RMSE(bins): true %.5f, fitted %.5f, defaults %.5f\n", n, it.n_items,
	              fit.n_train, fit.best_epoch, truth.log_loss, fitted.log_loss,
	              defaults.log_loss, truth.rmse_bins, fitted.rmse_bins, defaults.rmse_bins);
	print_message("fitted:");
	for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
		print_message(" %.4f", fit.w[j]);
	print_message("\n");
	assert_true(fitted.log_loss <= truth.log_loss * 1.01);
	assert_true(fitted.log_loss < defaults.log_loss);
	assert_true(fitted.rmse_bins < defaults.rmse_bins);
	/* Deterministic: the same history gives the same weights. */
	qd_fsrs_fit(&it, &o, &fit2);
	assert_true(memcmp(fit.w, fit2.w, sizeof(fit.w)) == 0);
	/* The full-batch steps after the epochs lower the training loss, and
	 * the log loss, below fsrs-rs's procedure (the epochs alone). */
	o.polish_steps = 0;
	qd_fsrs_fit(&it, &o, &fit2);
	qd_fsrs_evaluate(&it, NULL, it.n_items, fit2.w, &epochs);
	print_message("without polishing: training loss %.6f (polished %.6f), log loss %.5f\n",
	              fit2.loss, fit.loss, epochs.log_loss);
	assert_true(fit.loss < fit2.loss);
	assert_true(fitted.log_loss < epochs.log_loss);
	qd_fsrs_items_release(&it);
	free(in);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_items_from_histories),
		cmocka_unit_test(test_items_day_start),
		cmocka_unit_test(test_pretrain_crate_vectors),
		cmocka_unit_test(test_pretrain_recovers_known_stability),
		cmocka_unit_test(test_pretrain_from_items),
		cmocka_unit_test(test_outlier_filter),
		cmocka_unit_test(test_bins_and_metrics),
		cmocka_unit_test(test_predict_items_matches_predict),
		cmocka_unit_test(test_fit_too_little),
		cmocka_unit_test(test_fit_recovers_simulated_learner),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Unit tests of the scheduler: each FSRS formula against hand-checked
 * values (docs/scheduling.md and the ts-fsrs notes), the learning steps,
 * SM-2, fuzz, custom weights, the day boundary and the local-time day
 * clock. Parity on whole histories is test-fsrs-vectors.c.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "quizdeck/dayclock.h"
#include "quizdeck/qtime.h"
#include "quizdeck/sched.h"
#include "sched-impl.h"

#define MIN QD_MS_PER_MINUTE
#define HOUR (60 * QD_MS_PER_MINUTE)
#define DAY QD_MS_PER_DAY
/* 2026-11-24T09:30:00Z */
#define T0 INT64_C(1795512600000)

#define assert_near(a, e, tol) assert_true(fabs((a) - (e)) <= (tol))

static void params(struct qd_sched_params *p)
{
	qd_sched_params_default(p);
	p->day_start_hour = 0;
	qd_sched_params_finish(p);
}

static struct qd_memory review(const struct qd_sched_params *p, struct qd_memory *m,
                               int64_t now, enum qd_rating r)
{
	assert_int_equal(qd_sched_review(p, m, now, r, 0, m), 0);
	return *m;
}

static void test_jsround(void **state)
{
	(void)state;
	assert_true(qd_sched_jsround(0.49999999999999994) == 0.0);
	assert_true(qd_sched_jsround(0.5) == 1.0);
	assert_true(qd_sched_jsround(2.5) == 3.0);
	assert_true(qd_sched_jsround(-2.5) == -2.0);
	assert_true(qd_sched_jsround(-2.5000000001) == -3.0);
	assert_true(qd_sched_jsround(1.4999999999999998) == 1.0);
	assert_true(qd_sched_jsround(36500.5) == 36501.0);
	assert_true(qd_sched_round8(0.123456785) == 0.12345679 ||
	            qd_sched_round8(0.123456785) == 0.12345678);
	assert_true(qd_sched_round8(2.3065) == 2.3065);
	assert_true(qd_sched_round8(1.0 / 3.0) == 0.33333333);
}

static void test_derived_constants(void **state)
{
	static const double ret[] = {0.7, 0.8, 0.85, 0.9, 0.95, 0.97};
	static const double im[] = {9.28791122, 3.3159598, 1.90642614, 1, 0.40255869, 0.22276844};
	struct qd_sched_params p;

	(void)state;
	params(&p);
	assert_true(p.decay == -0.1542);
	assert_true(p.factor == 0.98034649);
	for (size_t i = 0; i < sizeof ret / sizeof ret[0]; i++) {
		p.retention = ret[i];
		qd_sched_params_finish(&p);
		assert_true(p.interval_modifier == im[i]);
	}
}

static void test_first_review(void **state)
{
	static const double s0[] = {0.212, 1.2931, 2.3065, 8.2956};
	static const double d0[] = {6.4133, 5.11217071, 2.11810397, 1};
	static const int64_t due[] = {1 * MIN, 6 * MIN, 10 * MIN, 8 * DAY};
	struct qd_sched_params p;
	struct qd_memory m, out[4];
	char line[128];

	(void)state;
	params(&p);
	qd_memory_init(&m);
	qd_sched_preview(&p, &m, T0, 0, out);
	for (int g = 0; g < 4; g++) {
		assert_true(out[g].stability == s0[g]);
		assert_true(out[g].difficulty == d0[g]);
		assert_int_equal(out[g].due_ms, T0 + due[g]);
		assert_int_equal(out[g].reps, 1);
		assert_int_equal(out[g].last_review_ms, T0);
	}
	assert_int_equal(out[0].state, QD_STATE_LEARNING);
	assert_int_equal(out[1].state, QD_STATE_LEARNING);
	assert_int_equal(out[1].step, 0); /* Hard does not advance */
	assert_int_equal(out[2].step, 1);
	assert_int_equal(out[3].state, QD_STATE_REVIEW);
	assert_int_equal(out[3].scheduled_days, 8);
	qd_sched_preview_format(out, T0, line, sizeof line);
	assert_string_equal(line, "Again 1m \xc2\xb7 Hard 6m \xc2\xb7 Good 10m \xc2\xb7 Easy 8d");
	qd_sched_preview_format(out, T0, line, 12); /* truncates safely */
	assert_true(strlen(line) < 12);
}

static void test_learning_steps(void **state)
{
	struct qd_sched_params p;
	struct qd_memory m, out[4];

	(void)state;
	params(&p);
	qd_memory_init(&m);
	review(&p, &m, T0, QD_GOOD); /* step 1, due +10m */
	qd_sched_preview(&p, &m, T0 + 10 * MIN, 0, out);
	assert_int_equal(out[0].due_ms - (T0 + 10 * MIN), MIN);
	assert_int_equal(out[1].due_ms - (T0 + 10 * MIN), 6 * MIN); /* avg of first two */
	assert_int_equal(out[1].step, 1);
	assert_int_equal(out[2].state, QD_STATE_REVIEW); /* graduates */
	assert_int_equal(out[2].scheduled_days, 2);       /* ivl(S) with same-day S */
	assert_int_equal(out[3].state, QD_STATE_REVIEW);

	/* A review card's lapse: relearning 10m, lapses + 1; then Hard = 15m. */
	review(&p, &m, T0 + 10 * MIN, QD_GOOD);
	review(&p, &m, m.due_ms, QD_AGAIN);
	assert_int_equal(m.state, QD_STATE_RELEARNING);
	assert_int_equal(m.lapses, 1);
	assert_int_equal(m.due_ms - m.last_review_ms, 10 * MIN);
	review(&p, &m, m.due_ms, QD_HARD);
	assert_int_equal(m.state, QD_STATE_RELEARNING);
	assert_int_equal(m.due_ms - m.last_review_ms, 15 * MIN);
	review(&p, &m, m.due_ms, QD_GOOD);
	assert_int_equal(m.state, QD_STATE_REVIEW);
	assert_int_equal(m.lapses, 1);
}

static void test_stability_floor(void **state)
{
	struct qd_sched_params p;
	struct qd_memory m;

	(void)state;
	params(&p);
	qd_memory_init(&m);
	for (int i = 0; i < 7; i++)
		review(&p, &m, T0 + i * MIN, QD_AGAIN);
	assert_true(m.stability > 0.001);
	review(&p, &m, T0 + 7 * MIN, QD_AGAIN);
	assert_true(m.stability == 0.001);
	review(&p, &m, T0 + 8 * MIN, QD_AGAIN);
	assert_true(m.stability == 0.001);
	assert_int_equal(m.lapses, 0); /* Again while learning is no lapse */
	assert_near(m.difficulty, 9.978, 0.05);
}

static void test_forgetting_curve(void **state)
{
	struct qd_sched_params p;
	struct qd_memory m;

	(void)state;
	params(&p);
	qd_memory_init(&m);
	assert_true(qd_sched_retrievability(&p, &m, T0) == 0);
	review(&p, &m, T0, QD_EASY); /* S 8.2956 */
	assert_near(qd_sched_retrievability(&p, &m, T0), 1.0, 1e-12);
	/* R(t = S) = 0.9 for any S */
	assert_near(qd_sched_retrievability(&p, &m, T0 + (int64_t)(8.2956 * DAY)), 0.9, 1e-8);
	m.stability = 46;
	assert_near(qd_sched_retrievability(&p, &m, T0 + 46 * DAY), 0.9, 1e-8);
	assert_true(qd_sched_retrievability(&p, &m, T0 + 100 * DAY) < 0.9);
}

static void test_midnight_step(void **state)
{
	struct qd_sched_params p;
	struct qd_memory m;
	int64_t t = INT64_C(1795996500000); /* 2026-11-29T23:55:00Z */

	(void)state;
	params(&p);
	qd_memory_init(&m);
	review(&p, &m, t, QD_GOOD);       /* S 2.3065, D 2.11810397, due 00:05 */
	review(&p, &m, m.due_ms, QD_GOOD); /* next UTC date: t = 1, recall formula */
	assert_int_equal(m.state, QD_STATE_REVIEW);
	assert_near(m.stability, 7.32, 0.01);
	assert_int_equal(m.scheduled_days, 7);

	/* 23 hours later on the same UTC date is same-day: S unchanged by Good */
	qd_memory_init(&m);
	review(&p, &m, t - 23 * HOUR, QD_GOOD);
	review(&p, &m, t, QD_GOOD);
	assert_true(m.stability == 2.3065);
}

static void test_review_coupling(void **state)
{
	struct qd_sched_params p;
	struct qd_memory m, out[4];

	(void)state;
	params(&p);
	qd_memory_init(&m);
	m.state = QD_STATE_REVIEW;
	m.stability = 46;
	m.difficulty = 5;
	m.last_review_ms = T0;
	m.scheduled_days = 46;
	m.due_ms = T0 + 46 * DAY;
	m.reps = 3;
	/* Same-day review of a review card: short-term formula for every grade */
	qd_sched_preview(&p, &m, T0 + 2 * HOUR, 0, out);
	assert_true(out[1].stability == 46 && out[2].stability == 46);
	assert_int_equal(out[1].scheduled_days, 46); /* Hard = jsround(S) */
	assert_int_equal(out[2].scheduled_days, 47); /* Good = Hard + 1 */
	assert_true(out[3].scheduled_days > 47);
	assert_near(out[0].stability / 46, 0.28, 0.01);
	assert_int_equal(out[0].lapses, 1);
	assert_int_equal(out[0].state, QD_STATE_RELEARNING);

	/* On time: the lapse stays below S / e^(w17 w18) */
	qd_sched_preview(&p, &m, T0 + 46 * DAY, 0, out);
	assert_true(out[0].stability <= qd_sched_round8(46 / exp(0.5425 * 0.0912)));
	assert_true(out[1].scheduled_days < out[2].scheduled_days);
	assert_true(out[2].scheduled_days < out[3].scheduled_days);
	for (int g = 1; g < 4; g++) {
		assert_int_equal(out[g].state, QD_STATE_REVIEW);
		assert_int_equal(out[g].due_ms, T0 + 46 * DAY + out[g].scheduled_days * DAY);
	}
}

static void test_maximum_interval(void **state)
{
	struct qd_sched_params p;
	struct qd_memory m, out[4];

	(void)state;
	params(&p);
	p.maximum_interval = 365;
	qd_sched_params_finish(&p);
	qd_memory_init(&m);
	for (int i = 0; i < 12; i++)
		review(&p, &m, i ? m.due_ms : T0, QD_EASY);
	assert_int_equal(m.scheduled_days, 367); /* coupled: Hard 365, Good 366, Easy 367 */
	qd_sched_preview(&p, &m, m.due_ms, 0, out);
	assert_int_equal(out[1].scheduled_days, 365);
	assert_int_equal(out[2].scheduled_days, 366);
	/* Default cap: S is clamped to 36500 */
	params(&p);
	qd_memory_init(&m);
	for (int i = 0; i < 40; i++)
		review(&p, &m, i ? m.due_ms : T0, QD_EASY);
	assert_true(m.stability == 36500);
	assert_int_equal(m.scheduled_days, 36502);
}

static void test_weights(void **state)
{
	static const double w19[19] = {0.40255, 1.18385, 3.173,  15.69105, 7.1949, 0.5345, 1.4604,
	                               0.0046,  1.54575, 0.1192, 1.01925,  1.9395, 0.11,   0.29605,
	                               2.2698,  0.2315,  2.9898, 0.51655,  0.6621};
	double w[21];
	struct qd_sched_params p;
	struct qd_err err;

	(void)state;
	params(&p);
	assert_int_equal(qd_sched_params_set_weights(&p, w19, 19, &err), 0);
	qd_sched_params_finish(&p);
	assert_true(p.w[18] == 0.6621);
	assert_true(p.w[19] == 0.01); /* 0 appended, then clipped as ts-fsrs */
	assert_true(p.w[20] == 0.5);
	assert_true(p.decay == -0.5);
	assert_true(p.factor == 0.2345679);
	assert_near(p.interval_modifier, 1, 1e-7);

	for (int i = 0; i < 21; i++)
		w[i] = i % 2 ? 100 : -100;
	assert_int_equal(qd_sched_params_set_weights(&p, w, 21, &err), 0);
	qd_sched_params_finish(&p);
	assert_true(p.w[0] == 0.001 && p.w[1] == 100 && p.w[4] == 1 && p.w[7] == 0.75);
	assert_true(p.w[16] == 1 && p.w[17] == 2 && p.w[19] == 0.8 && p.w[20] == 0.1);

	assert_int_equal(qd_sched_params_set_weights(&p, w, 20, &err), -1);
	assert_non_null(strstr(err.msg, "21"));
	w[3] = NAN;
	assert_int_equal(qd_sched_params_set_weights(&p, w, 21, &err), -1);

	/* More than one relearning step lowers the w17/w18 ceiling. */
	params(&p);
	p.n_relearning_steps = 3;
	p.relearning_steps[1] = 60;
	p.relearning_steps[2] = 120;
	qd_sched_params_finish(&p);
	assert_true(p.w[17] == 0.49027301);
	assert_true(p.w[18] == 0.0912);
	/* Short-term off: w19 may be 0 */
	params(&p);
	w[3] = 8;
	memcpy(w, w19, sizeof w19);
	w[19] = 0;
	w[20] = 0.2;
	p.short_term = false;
	assert_int_equal(qd_sched_params_set_weights(&p, w, 21, &err), 0);
	qd_sched_params_finish(&p);
	assert_true(p.w[19] == 0);
}

static void test_fuzz(void **state)
{
	struct qd_sched_params p;
	struct qd_memory m, a, b;
	int lo = 1000, hi = 0;

	(void)state;
	params(&p);
	p.fuzz = true;
	qd_memory_init(&m);
	m.state = QD_STATE_REVIEW;
	m.stability = 100;
	m.difficulty = 5;
	m.last_review_ms = T0;
	m.reps = 5;
	/* On a same-day review S stays 100, Hard = 100 before fuzz:
	 * delta = 1 + 0.15*4.5 + 0.1*13 + 0.05*80 = 6.975 -> [93, 107]. */
	for (uint64_t seed = 0; seed < 2000; seed++) {
		assert_int_equal(qd_sched_review(&p, &m, T0 + HOUR, QD_HARD, seed, &a), 0);
		assert_int_equal(qd_sched_review(&p, &m, T0 + HOUR, QD_HARD, seed, &b), 0);
		assert_memory_equal(&a, &b, sizeof a);
		lo = a.scheduled_days < lo ? a.scheduled_days : lo;
		hi = a.scheduled_days > hi ? a.scheduled_days : hi;
	}
	assert_int_equal(lo, 93);
	assert_int_equal(hi, 107);
	/* Ranges as ts-fsrs 5.4.2's get_fuzz_range(ivl, elapsed, maximum) */
	{
		static const int64_t want[][5] = {
			{3, 0, 36500, 2, 4},        {5, 2, 36500, 4, 6},
			{7, 10, 36500, 5, 9},       {12, 3, 36500, 10, 14},
			{20, 25, 36500, 17, 23},    {45, 40, 36500, 41, 49},
			{365, 0, 365, 345, 365},    {400, 100, 365, 343, 365},
			{36500, 36000, 36500, 36001, 36500}, {2, 0, 36500, 2, 3},
			{60, 59, 36500, 60, 65},    {8, 7, 8, 8, 8},
		};
		for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
			int l, h;
			qd_sched_fuzz_range((int)want[i][0], want[i][1], (int)want[i][2], &l, &h);
			assert_int_equal(l, want[i][3]);
			assert_int_equal(h, want[i][4]);
		}
	}
	assert_true(qd_sched_fuzz_seed(1, 2) != qd_sched_fuzz_seed(1, 3));
	assert_true(qd_sched_fuzz_seed(1, 2) == qd_sched_fuzz_seed(1, 2));
	/* Short intervals (< 2.5 days) are never fuzzed */
	qd_memory_init(&m);
	for (uint64_t seed = 0; seed < 50; seed++) {
		qd_memory_init(&m);
		assert_int_equal(qd_sched_review(&p, &m, T0, QD_AGAIN, seed, &m), 0);
		assert_int_equal(qd_sched_review(&p, &m, T0 + MIN, QD_EASY, seed, &m), 0);
		assert_int_equal(m.scheduled_days, 1);
	}
}

static void test_sm2(void **state)
{
	struct qd_sched_params p;
	struct qd_memory m, out[4];

	(void)state;
	params(&p);
	p.kind = QD_SCHED_SM2;
	p.learning_steps[0] = 10;
	p.n_learning_steps = 1;
	qd_sched_params_finish(&p);
	qd_memory_init(&m);
	review(&p, &m, T0, QD_GOOD); /* single step: Good graduates */
	assert_int_equal(m.state, QD_STATE_REVIEW);
	assert_true(m.ease == 2.5);
	assert_int_equal(m.scheduled_days, 1);
	assert_int_equal(m.sm2_reps, 1);
	review(&p, &m, m.due_ms, QD_GOOD);
	assert_int_equal(m.scheduled_days, 6);
	assert_near(m.ease, 2.5, 1e-12); /* q = 4: EF unchanged */
	review(&p, &m, m.due_ms, QD_GOOD);
	assert_int_equal(m.scheduled_days, 15); /* round(6 * 2.5) */
	review(&p, &m, m.due_ms, QD_EASY);
	assert_near(m.ease, 2.6, 1e-12);
	assert_int_equal(m.scheduled_days, 39); /* round(15 * 2.6) */
	review(&p, &m, m.due_ms, QD_HARD);
	assert_near(m.ease, 2.46, 1e-12);
	assert_int_equal(m.scheduled_days, 96); /* round(39 * 2.46) = round(95.94) */
	qd_sched_preview(&p, &m, m.due_ms, 0, out);
	assert_true(out[1].scheduled_days < out[2].scheduled_days);
	assert_true(out[2].scheduled_days < out[3].scheduled_days);
	review(&p, &m, m.due_ms, QD_AGAIN);
	assert_near(m.ease, 1.92, 1e-12);
	assert_int_equal(m.lapses, 1);
	assert_int_equal(m.state, QD_STATE_RELEARNING);
	assert_int_equal(m.due_ms - m.last_review_ms, 10 * MIN);
	assert_int_equal(m.sm2_reps, 0);
	review(&p, &m, m.due_ms, QD_GOOD);
	assert_int_equal(m.state, QD_STATE_REVIEW);
	assert_int_equal(m.scheduled_days, 1);
	for (int i = 0; i < 5; i++) {
		review(&p, &m, m.due_ms, QD_AGAIN);
		review(&p, &m, m.due_ms, QD_GOOD);
	}
	assert_true(m.ease == 1.3); /* floor */
	assert_int_equal(m.lapses, 6);
	assert_true(qd_sched_retrievability(&p, &m, m.last_review_ms + DAY) > 0.89);

	/* Easy from learning skips to repetition 2 (6 days); cap honoured */
	qd_memory_init(&m);
	review(&p, &m, T0, QD_EASY);
	assert_int_equal(m.scheduled_days, 6);
	p.maximum_interval = 20;
	qd_sched_params_finish(&p);
	for (int i = 0; i < 4; i++)
		review(&p, &m, m.due_ms, QD_EASY);
	assert_int_equal(m.scheduled_days, 20);

	/* No relearning steps: Again on a review card is 1 day */
	p.n_relearning_steps = 0;
	qd_sched_params_finish(&p);
	review(&p, &m, m.due_ms, QD_AGAIN);
	assert_int_equal(m.state, QD_STATE_REVIEW);
	assert_int_equal(m.scheduled_days, 1);
	assert_int_equal(m.sm2_reps, 1);
}

static void test_day_boundary(void **state)
{
	struct qd_sched_params p;
	int64_t midnight = INT64_C(1795478400000); /* 2026-11-24T00:00Z */

	(void)state;
	qd_sched_params_default(&p);
	assert_int_equal(p.day_start_hour, 4);
	assert_int_equal(qd_sched_day(&p, midnight + 4 * HOUR) -
	                         qd_sched_day(&p, midnight + 4 * HOUR - 1),
	                 1);
	assert_int_equal(qd_sched_day(&p, midnight + 3 * HOUR), qd_sched_day(&p, midnight - HOUR));
	p.day_start_hour = 0;
	assert_int_equal(qd_sched_day(&p, midnight), qd_utc_day(midnight));
	assert_int_equal(qd_sched_day(&p, midnight - 1), qd_utc_day(midnight) - 1);
	assert_int_equal(qd_sched_day(&p, -1), -1);

	/* The same two reviews are same-day with start 4, a day apart with 0. */
	{
		struct qd_memory a, b;
		qd_sched_params_default(&p);
		qd_memory_init(&a);
		review(&p, &a, midnight - 2 * HOUR, QD_GOOD);
		b = a;
		review(&p, &a, midnight + 2 * HOUR, QD_GOOD);
		assert_true(a.stability == 2.3065);
		p.day_start_hour = 0;
		review(&p, &b, midnight + 2 * HOUR, QD_GOOD);
		assert_true(b.stability > 7);
	}
}

static void test_dayclock(void **state)
{
	struct qd_sched_params p;
	/* 2026-03-07T09:00Z = 04:00 EST; DST starts 2026-03-08 02:00 local. */
	int64_t d7 = INT64_C(1772874000000);
	int64_t day7 = qd_days_from_civil(2026, 3, 7);
	char *old = getenv("TZ") ? strdup(getenv("TZ")) : NULL;

	(void)state;
	setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);
	qd_sched_params_default(&p); /* day start 4 */
	qd_dayclock_install(&p);
	assert_int_equal(qd_sched_day(&p, d7), day7);
	assert_int_equal(qd_sched_day(&p, d7 - 1), day7 - 1);
	/* The local day of Mar 7 lasts 23 hours: 04:00 EDT is 08:00Z */
	assert_int_equal(qd_sched_day(&p, d7 + 23 * HOUR - 1), day7);
	assert_int_equal(qd_sched_day(&p, d7 + 23 * HOUR), day7 + 1);
	p.day_start_hour = 0;
	qd_dayclock_install(&p);
	assert_int_equal(qd_sched_day(&p, d7 - 4 * HOUR), day7);      /* 00:00 EST */
	assert_int_equal(qd_sched_day(&p, d7 - 4 * HOUR - 1), day7 - 1);
	assert_int_equal(qd_dayclock_local_day(d7, NULL), day7);

	/* UTC with day start 0 equals ts-fsrs's UTC dates, also in 2715 */
	setenv("TZ", "UTC0", 1);
	qd_dayclock_install(&p);
	assert_int_equal(qd_sched_day(&p, INT64_C(23225875200000)),
	                 qd_utc_day(INT64_C(23225875200000)));
	assert_int_equal(qd_sched_day(&p, -1), -1);

	if (old) {
		setenv("TZ", old, 1);
		free(old);
	} else {
		unsetenv("TZ");
	}
	tzset();
}

static void test_names(void **state)
{
	enum qd_rating r;

	(void)state;
	assert_string_equal(qd_state_name(QD_STATE_RELEARNING), "relearning");
	assert_string_equal(qd_rating_name(QD_GOOD), "good");
	assert_int_equal(qd_rating_parse("again", &r), 0);
	assert_int_equal(r, QD_AGAIN);
	assert_int_equal(qd_rating_parse("E", &r), 0);
	assert_int_equal(r, QD_EASY);
	assert_int_equal(qd_rating_parse("3", &r), 0);
	assert_int_equal(r, QD_GOOD);
	assert_int_equal(qd_rating_parse("5", &r), -1);
	assert_int_equal(qd_rating_parse("", &r), -1);
	assert_int_equal(qd_rating_parse("goods", &r), -1);
	{
		struct qd_sched_params p;
		struct qd_memory m;
		params(&p);
		qd_memory_init(&m);
		assert_int_equal(qd_sched_review(&p, &m, T0, (enum qd_rating)0, 0, &m), -1);
		assert_int_equal(qd_sched_review(&p, &m, T0, (enum qd_rating)5, 0, &m), -1);
		assert_int_equal(m.reps, 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_jsround),        cmocka_unit_test(test_derived_constants),
		cmocka_unit_test(test_first_review),   cmocka_unit_test(test_learning_steps),
		cmocka_unit_test(test_stability_floor), cmocka_unit_test(test_forgetting_curve),
		cmocka_unit_test(test_midnight_step),  cmocka_unit_test(test_review_coupling),
		cmocka_unit_test(test_maximum_interval), cmocka_unit_test(test_weights),
		cmocka_unit_test(test_fuzz),           cmocka_unit_test(test_sm2),
		cmocka_unit_test(test_day_boundary),   cmocka_unit_test(test_dayclock),
		cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

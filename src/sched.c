/*
 * The spaced-repetition engine: FSRS-6 as ts-fsrs 5.4.2 computes it, and
 * classic SM-2 on the same learning-step machinery.
 *
 * The FSRS code is a line-by-line port of ts-fsrs (algorithm.ts,
 * impl/basic_scheduler.ts, impl/long_term_scheduler.ts,
 * strategies/learning_steps.ts): every expression keeps ts-fsrs's operand
 * order, every 8-decimal rounding is kept (roundTo), and rounding to an
 * integer uses JavaScript's Math.round (ties toward +infinity), so the
 * results match ts-fsrs to the last printed digit except for the rare 1-ulp
 * libm difference (docs/scheduling.md, "Parity"). The build passes
 * -ffp-contract=off: a fused multiply-add changes results.
 *
 * Elapsed days are differences of day numbers (qd_sched_day), never 24-hour
 * periods, as in ts-fsrs; the day boundary is a parameter.
 *
 * Fuzz is deterministic: ts-fsrs draws one number from alea(seed) per
 * review; here that number comes from a splitmix64 hash of the caller's
 * fuzz_seed, with ts-fsrs's fuzz ranges. There is no global state.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "quizdeck/qtime.h"
#include "quizdeck/sched.h"
#include "sched-impl.h"

#define S_MIN 0.001
#define S_MAX 36500.0
#define INIT_S_MAX 100.0
#define MS_PER_HOUR INT64_C(3600000)

static const double default_w[QD_FSRS_WEIGHTS] = {
	0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
	0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
	1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/* JavaScript's Math.round: nearest, ties toward +infinity. floor(x + 0.5)
 * is wrong for 0.49999999999999994 (x + 0.5 rounds up to 1). */
static double jsround(double x)
{
	double r = floor(x);
	return (x - r >= 0.5) ? r + 1.0 : r;
}

/* ts-fsrs roundTo(x, 8): one multiply, one division. */
static double round8(double x)
{
	return jsround(x * 1e8) / 1e8;
}

static double clamp(double x, double lo, double hi)
{
	return fmin(fmax(x, lo), hi);
}

static int64_t floordiv(int64_t a, int64_t b)
{
	int64_t q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

double qd_sched_jsround(double x)
{
	return jsround(x);
}

double qd_sched_round8(double x)
{
	return round8(x);
}

/* ---- parameters ---------------------------------------------------------- */

void qd_sched_params_default(struct qd_sched_params *p)
{
	memset(p, 0, sizeof *p);
	p->kind = QD_SCHED_FSRS;
	memcpy(p->w_in, default_w, sizeof default_w);
	p->n_w_in = QD_FSRS_WEIGHTS;
	p->retention = 0.9;
	p->maximum_interval = 36500;
	p->learning_steps[0] = 1;
	p->learning_steps[1] = 10;
	p->n_learning_steps = 2;
	p->relearning_steps[0] = 10;
	p->n_relearning_steps = 1;
	p->short_term = true;
	p->fuzz = false;
	p->day_start_hour = 4;
	p->day_of = NULL;
	p->day_ctx = NULL;
	qd_sched_params_finish(p);
}

int qd_sched_params_set_weights(struct qd_sched_params *p, const double *w, size_t n,
                                struct qd_err *err)
{
	if (n != 21 && n != 19)
		return qd_err_set(err, QD_EXIT_DATAERR,
		                  "'weights' must list 21 numbers (FSRS-6) or 19 (FSRS-5), not %zu", n);
	for (size_t i = 0; i < n; i++)
		if (!isfinite(w[i]))
			return qd_err_set(err, QD_EXIT_DATAERR, "weight %zu is not a finite number", i);
	memcpy(p->w_in, w, n * sizeof *w);
	for (size_t i = n; i < QD_FSRS_WEIGHTS; i++)
		p->w_in[i] = 0;
	p->n_w_in = (int)n;
	return 0;
}

/* ts-fsrs clipParameters over the first n weights. */
static void clip_weights(const double *in, int n, int n_relearning, bool short_term, double *out)
{
	double lo[QD_FSRS_WEIGHTS] = {S_MIN, S_MIN, S_MIN, S_MIN, 1.0, 0.001, 0.001,
	                              0.001, 0.0,   0.0,   0.001, 0.001, 0.001, 0.001,
	                              0.0,   0.0,   1.0,   0.0,   0.0,  0.01,  0.1};
	double hi[QD_FSRS_WEIGHTS] = {INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, INIT_S_MAX, 10.0, 4.0,
	                              4.0,        0.75,       4.5,        0.8,        3.5,  5.0,
	                              0.25,       0.9,        4.0,        1.0,        6.0,  2.0,
	                              2.0,        0.8,        0.8};

	if (!short_term)
		lo[19] = 0.0;
	if (n_relearning > 1) {
		/* Post-lapse stability times e^(steps*w17*w18) must not exceed S. */
		double w11 = clamp(in[11], lo[11], hi[11]);
		double w13 = clamp(in[13], lo[13], hi[13]);
		double w14 = clamp(in[14], lo[14], hi[14]);
		double v = -(log(w11) + log(pow(2.0, w13) - 1.0) + w14 * 0.3) / n_relearning;
		double ceil = clamp(round8(sqrt(fmax(v, 0))), 0.01, 2.0);
		hi[17] = ceil;
		hi[18] = ceil;
	}
	for (int i = 0; i < n; i++)
		out[i] = clamp(in[i], lo[i], hi[i]);
}

void qd_sched_params_finish(struct qd_sched_params *p)
{
	double w[QD_FSRS_WEIGHTS];

	/* migrateParameters, then prepare_parameters' second clip. */
	if (p->n_w_in == 19) {
		clip_weights(p->w_in, 19, p->n_relearning_steps, p->short_term, w);
		w[19] = 0.0;
		w[20] = 0.5;
	} else {
		clip_weights(p->n_w_in == 21 ? p->w_in : default_w, 21, p->n_relearning_steps,
		             p->short_term, w);
	}
	clip_weights(w, 21, p->n_relearning_steps, p->short_term, p->w);

	p->decay = -p->w[20];
	p->factor = round8(exp(pow(p->decay, -1) * log(0.9)) - 1.0);
	p->interval_modifier = round8((pow(p->retention, 1 / p->decay) - 1) / p->factor);
	p->init_d_easy = round8(p->w[4] - exp((QD_EASY - 1) * p->w[5]) + 1);
	p->exp_w8 = exp(p->w[8]);
	p->again_shrink = p->short_term ? exp(p->w[17] * p->w[18]) : exp(0.0);
}

void qd_memory_init(struct qd_memory *m)
{
	memset(m, 0, sizeof *m);
	m->state = QD_STATE_NEW;
}

int64_t qd_sched_day(const struct qd_sched_params *p, int64_t ms)
{
	if (p->day_of)
		return p->day_of(ms, p->day_ctx);
	return floordiv(ms - p->day_start_hour * MS_PER_HOUR, QD_MS_PER_DAY);
}

int64_t qd_sched_next_day_ms(const struct qd_sched_params *p, int64_t ms)
{
	int64_t day = qd_sched_day(p, ms), lo = ms, hi = ms + 1;

	/* Day numbers never decrease with time, whatever p->day_of counts (a
	 * local day is 23 to 25 hours long): step to a later day, then bisect
	 * to its first millisecond. */
	for (int i = 0; i < 16 && qd_sched_day(p, hi) <= day; i++) {
		lo = hi;
		hi += 12 * MS_PER_HOUR;
	}
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;
		if (qd_sched_day(p, mid) > day)
			hi = mid;
		else
			lo = mid;
	}
	return hi;
}

/* ---- fuzz ---------------------------------------------------------------- */

static uint64_t splitmix64(uint64_t x)
{
	x += UINT64_C(0x9E3779B97F4A7C15);
	x = (x ^ (x >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
	x = (x ^ (x >> 27)) * UINT64_C(0x94D049BB133111EB);
	return x ^ (x >> 31);
}

uint64_t qd_sched_fuzz_seed(uint64_t card_key, int reps)
{
	return splitmix64(card_key ^ splitmix64((uint64_t)(int64_t)reps));
}

/* A uniform number in [0, 1) from the seed (53 random bits). */
static double fuzz_factor(uint64_t seed)
{
	return (double)(splitmix64(seed) >> 11) * 0x1.0p-53;
}

/* ts-fsrs get_fuzz_range. */
void qd_sched_fuzz_range(int ivl, int64_t elapsed, int maximum_interval, int *lo, int *hi)
{
	static const struct {
		double start, end, factor;
	} ranges[] = {{2.5, 7.0, 0.15}, {7.0, 20.0, 0.1}, {20.0, INFINITY, 0.05}};
	double delta = 1.0, interval = ivl, min_ivl, max_ivl;

	for (size_t i = 0; i < sizeof ranges / sizeof ranges[0]; i++)
		delta += ranges[i].factor *
		         fmax(fmin(interval, ranges[i].end) - ranges[i].start, 0.0);
	interval = fmin(interval, maximum_interval);
	min_ivl = fmax(2, jsround(interval - delta));
	max_ivl = fmin(jsround(interval + delta), maximum_interval);
	if (interval > (double)elapsed)
		min_ivl = fmax(min_ivl, (double)elapsed + 1);
	min_ivl = fmin(min_ivl, max_ivl);
	*lo = (int)min_ivl;
	*hi = (int)max_ivl;
}

/* ts-fsrs apply_fuzz: one uniform draw mapped onto the range. */
static int apply_fuzz(const struct qd_sched_params *p, int ivl, int64_t elapsed, uint64_t seed)
{
	int lo, hi;

	if (!p->fuzz || ivl < 2.5)
		return ivl;
	qd_sched_fuzz_range(ivl, elapsed, p->maximum_interval, &lo, &hi);
	return (int)floor(fuzz_factor(seed) * (hi - lo + 1) + lo);
}

/* ---- FSRS formulas (ts-fsrs algorithm.ts) -------------------------------- */

static double forgetting_curve(const struct qd_sched_params *p, double t, double s)
{
	return round8(pow(1 + (p->factor * t) / s, p->decay));
}

static double init_stability(const struct qd_sched_params *p, int g)
{
	return fmax(p->w[g - 1], 0.1);
}

static double init_difficulty(const struct qd_sched_params *p, int g)
{
	return round8(p->w[4] - exp((g - 1) * p->w[5]) + 1);
}

static double next_difficulty(const struct qd_sched_params *p, double d, int g)
{
	const double *w = p->w;
	double delta = -w[6] * (g - 3);
	double next = d + round8((delta * (10 - d)) / 9);

	return clamp(round8(w[7] * p->init_d_easy + (1 - w[7]) * next), 1, 10);
}

static double next_recall_stability(const struct qd_sched_params *p, double d, double s,
                                    double r, int g)
{
	const double *w = p->w;
	double hard_penalty = g == QD_HARD ? w[15] : 1;
	double easy_bonus = g == QD_EASY ? w[16] : 1;

	return round8(clamp(s * (1 + p->exp_w8 * (11 - d) * pow(s, -w[9]) *
	                                     (exp((1 - r) * w[10]) - 1) * hard_penalty *
	                                     easy_bonus),
	                    S_MIN, S_MAX));
}

static double next_forget_stability(const struct qd_sched_params *p, double d, double s,
                                    double r)
{
	const double *w = p->w;

	return round8(clamp(w[11] * pow(d, -w[12]) * (pow(s + 1, w[13]) - 1) *
	                            exp((1 - r) * w[14]),
	                    S_MIN, S_MAX));
}

static double next_short_term_stability(const struct qd_sched_params *p, double s, int g)
{
	const double *w = p->w;
	double sinc = pow(s, -w[19]) * exp(w[17] * (g - 3 + w[18]));

	if (g >= QD_HARD)
		sinc = fmax(sinc, 1.0);
	return round8(clamp(s * sinc, S_MIN, S_MAX));
}

/* ts-fsrs next_state: the new (S, D) of a card after grade g, t days after
 * its last review; r is R(t, S) when the caller computed it (Review). */
static void next_ds(const struct qd_sched_params *p, const struct qd_memory *cur, int64_t t,
                    int g, const double *r_in, struct qd_memory *out)
{
	double d = cur->difficulty, s = cur->stability, r, ns;

	*out = *cur;
	if (d == 0 && s == 0) {
		out->difficulty = clamp(init_difficulty(p, g), 1, 10);
		out->stability = init_stability(p, g);
		return;
	}
	r = r_in ? *r_in : forgetting_curve(p, (double)t, s);
	if (t == 0 && p->short_term) {
		ns = next_short_term_stability(p, s, g);
	} else if (g == QD_AGAIN) {
		double s_fail = next_forget_stability(p, d, s, r);
		ns = clamp(round8(s / p->again_shrink), S_MIN, s_fail);
	} else {
		ns = next_recall_stability(p, d, s, r, g);
	}
	out->difficulty = next_difficulty(p, d, g);
	out->stability = ns;
}

/* ts-fsrs next_interval (with apply_fuzz). */
static int next_interval(const struct qd_sched_params *p, double s, int64_t elapsed,
                         uint64_t seed)
{
	double ivl = fmin(fmax(1, jsround(s * p->interval_modifier)), p->maximum_interval);
	return apply_fuzz(p, (int)ivl, elapsed, seed);
}

/* ---- learning steps (strategies/learning_steps.ts) ----------------------- */

/* The minutes and next step index that grade g leads to from a card in
 * state with step cur; minutes 0 means "graduate". */
static void step_info(const struct qd_sched_params *p, enum qd_state state, int cur, int g,
                      double *minutes, int *next)
{
	bool re = state == QD_STATE_RELEARNING || state == QD_STATE_REVIEW;
	const double *steps = re ? p->relearning_steps : p->learning_steps;
	int n = re ? p->n_relearning_steps : p->n_learning_steps;

	*minutes = 0;
	*next = 0;
	if (cur < 0)
		cur = 0;
	if (n <= 0 || cur >= n)
		return;
	if (state == QD_STATE_REVIEW) {
		if (g == QD_AGAIN)
			*minutes = steps[cur];
	} else if (g == QD_AGAIN) {
		*minutes = steps[0];
	} else if (g == QD_HARD) {
		*minutes = n == 1 ? jsround(steps[0] * 1.5) : jsround((steps[0] + steps[1]) / 2);
		*next = cur;
	} else if (g == QD_GOOD && cur + 1 < n && steps[cur + 1] != 0) {
		*minutes = jsround(steps[cur + 1]);
		*next = cur + 1;
	}
	if (*minutes < 0)
		*minutes = 0;
}

struct review {
	const struct qd_sched_params *p;
	const struct qd_memory *last; /* the card before the review */
	int64_t now;
	int64_t t; /* elapsed days */
	uint64_t seed;
	int only;  /* a rating whose outcome alone is needed, or 0 for all */
};

/* Interval in days for a graduating card of stability s (FSRS) or its next
 * SM-2 interval (computed by the caller and passed as s). */
typedef int (*graduate_fn)(const struct review *rv, const struct qd_memory *next);

static int fsrs_graduate(const struct review *rv, const struct qd_memory *next)
{
	return next_interval(rv->p, next->stability, rv->t, rv->seed);
}

/* ts-fsrs applyLearningSteps: in-step, long step, or graduation. Returns
 * true if the card graduated by interval (not by a step). */
static bool apply_steps(const struct review *rv, struct qd_memory *next, int g,
                        enum qd_state to_state, graduate_fn graduate)
{
	double min;
	int nstep;

	step_info(rv->p, rv->last->state, rv->last->step, g, &min, &nstep);
	if (min > 0 && min < 1440) {
		next->step = nstep;
		next->scheduled_days = 0;
		next->state = to_state;
		next->due_ms = rv->now + (int64_t)jsround(min) * QD_MS_PER_MINUTE;
		return false;
	}
	next->state = QD_STATE_REVIEW;
	if (min >= 1440) {
		next->step = nstep;
		next->due_ms = rv->now + (int64_t)jsround(min) * QD_MS_PER_MINUTE;
		next->scheduled_days = (int)floor(min / 1440);
		return false;
	}
	next->step = 0;
	next->scheduled_days = graduate(rv, next);
	next->due_ms = rv->now + (int64_t)next->scheduled_days * QD_MS_PER_DAY;
	return true;
}

static void set_days(const struct review *rv, struct qd_memory *m, int days)
{
	m->state = QD_STATE_REVIEW;
	m->step = 0;
	m->scheduled_days = days;
	m->due_ms = rv->now + (int64_t)days * QD_MS_PER_DAY;
}

/* All four outcomes of an FSRS review (ts-fsrs BasicScheduler, or
 * LongTermScheduler when short-term scheduling is off). */
static void fsrs_outcomes(const struct review *rv, struct qd_memory out[4])
{
	const struct qd_sched_params *p = rv->p;
	const struct qd_memory *last = rv->last;

	if (last->state == QD_STATE_REVIEW || (!p->short_term && last->state != QD_STATE_NEW)) {
		double r = forgetting_curve(p, (double)rv->t, last->stability);
		int ivl[4] = {0, 0, 0, 0}, lo = QD_AGAIN, hi = QD_EASY;

		/* The intervals are kept in order (Hard <= Good < Easy; with
		 * short-term scheduling off also Again < Hard), so a rating's
		 * outcome needs the ratings it is compared with: Good needs
		 * Hard's (and Hard needs Good's, with short-term on), Easy both;
		 * Again under short-term scheduling goes to relearning alone.
		 * Only those are computed when one rating is asked for. */
		if (rv->only && p->short_term) {
			lo = rv->only == QD_AGAIN ? QD_AGAIN : QD_HARD;
			hi = rv->only == QD_AGAIN ? QD_AGAIN : rv->only < QD_GOOD ? QD_GOOD : rv->only;
		} else if (rv->only) {
			hi = rv->only < QD_HARD ? QD_HARD : rv->only;
		}
		for (int g = lo; g <= hi; g++) {
			next_ds(p, last, rv->t, g, &r, &out[g - 1]);
			if (!(p->short_term && g == QD_AGAIN))
				ivl[g - 1] = next_interval(p, out[g - 1].stability, rv->t, rv->seed);
		}
		if (p->short_term && lo <= QD_HARD && hi >= QD_GOOD) {
			ivl[1] = ivl[1] < ivl[2] ? ivl[1] : ivl[2];
		} else if (!p->short_term && lo == QD_AGAIN && hi >= QD_HARD) {
			ivl[0] = ivl[0] < ivl[1] ? ivl[0] : ivl[1];
			ivl[1] = ivl[1] > ivl[0] + 1 ? ivl[1] : ivl[0] + 1;
		}
		if (lo <= QD_HARD && hi >= QD_GOOD)
			ivl[2] = ivl[2] > ivl[1] + 1 ? ivl[2] : ivl[1] + 1;
		if (hi == QD_EASY)
			ivl[3] = ivl[3] > ivl[2] + 1 ? ivl[3] : ivl[2] + 1;
		for (int g = p->short_term && lo == QD_AGAIN ? QD_HARD : lo; g <= hi; g++)
			set_days(rv, &out[g - 1], ivl[g - 1]);
		if (lo == QD_AGAIN) {
			if (p->short_term)
				apply_steps(rv, &out[0], QD_AGAIN, QD_STATE_RELEARNING, fsrs_graduate);
			out[0].lapses += 1;
		}
		return;
	}
	if (!p->short_term) { /* LongTermScheduler, new card: t = 0 */
		int ivl[4];
		for (int g = QD_AGAIN; g <= QD_EASY; g++) {
			next_ds(p, last, 0, g, NULL, &out[g - 1]);
			out[g - 1].scheduled_days = 0;
			ivl[g - 1] = next_interval(p, out[g - 1].stability, 0, rv->seed);
		}
		ivl[0] = ivl[0] < ivl[1] ? ivl[0] : ivl[1];
		ivl[1] = ivl[1] > ivl[0] + 1 ? ivl[1] : ivl[0] + 1;
		ivl[2] = ivl[2] > ivl[1] + 1 ? ivl[2] : ivl[1] + 1;
		ivl[3] = ivl[3] > ivl[2] + 1 ? ivl[3] : ivl[2] + 1;
		for (int g = QD_AGAIN; g <= QD_EASY; g++)
			set_days(rv, &out[g - 1], ivl[g - 1]);
		return;
	}
	/* In steps the outcomes are independent: compute only the one asked. */
	for (int g = QD_AGAIN; g <= QD_EASY; g++) {
		enum qd_state to = last->state == QD_STATE_NEW ? QD_STATE_LEARNING : last->state;
		if (rv->only && g != rv->only)
			continue;
		next_ds(p, last, rv->t, g, NULL, &out[g - 1]);
		apply_steps(rv, &out[g - 1], g, to, fsrs_graduate);
	}
}

/* ---- SM-2 ---------------------------------------------------------------- */

#define SM2_EF0 2.5
#define SM2_EF_MIN 1.3

static int sm2_quality(int g)
{
	static const int q[5] = {0, 1, 3, 4, 5};
	return q[g];
}

static double sm2_next_ef(double ef, int q)
{
	ef = ef + (0.1 - (5 - q) * (0.08 + (5 - q) * 0.02));
	return ef < SM2_EF_MIN ? SM2_EF_MIN : ef;
}

static int sm2_cap(const struct qd_sched_params *p, double days)
{
	if (days < 1)
		days = 1;
	if (days > p->maximum_interval)
		days = p->maximum_interval;
	return (int)days;
}

/* The SM-2 interval for repetition n (1, 6, then I(n-1)·EF). */
static int sm2_interval(const struct qd_sched_params *p, int n, int prev, double ef)
{
	if (n <= 1)
		return sm2_cap(p, 1);
	if (n == 2)
		return sm2_cap(p, 6);
	return sm2_cap(p, jsround(prev * ef));
}

/* Graduation from (re)learning: Good is repetition 1 (1 day), Easy skips to
 * repetition 2 (6 days). The rating is passed through next->sm2_reps. */
static int sm2_graduate(const struct review *rv, const struct qd_memory *next)
{
	return sm2_interval(rv->p, next->sm2_reps, 0, next->ease);
}

/* SM-2 keeps S = the current interval in days (steps: their length), so
 * retrievability and ordering can use the same forgetting curve. */
static void sm2_set_stability(const struct review *rv, struct qd_memory *m)
{
	if (m->scheduled_days > 0)
		m->stability = m->scheduled_days;
	else
		m->stability = (double)(m->due_ms - rv->now) / (double)QD_MS_PER_DAY;
	if (m->stability < S_MIN)
		m->stability = S_MIN;
	m->difficulty = 0;
}

static void sm2_outcomes(const struct review *rv, struct qd_memory out[4])
{
	const struct qd_memory *last = rv->last;
	double ef = last->ease > 0 ? last->ease : SM2_EF0;

	for (int g = QD_AGAIN; g <= QD_EASY; g++) {
		struct qd_memory *m = &out[g - 1];
		if (rv->only && g != rv->only)
			continue;
		*m = *last;
		m->ease = ef;
		if (last->state == QD_STATE_REVIEW) {
			int q = sm2_quality(g);
			m->ease = sm2_next_ef(ef, q);
			if (q < 3) {
				m->sm2_reps = 0;
				m->lapses += 1;
				m->step = 0;
				/* No relearning steps: repetition 1 right away. */
				m->sm2_reps = 1;
				if (!apply_steps(rv, m, g, QD_STATE_RELEARNING, sm2_graduate))
					m->sm2_reps = 0;
			} else {
				m->sm2_reps = last->sm2_reps + 1;
				set_days(rv, m,
				         sm2_interval(rv->p, m->sm2_reps, last->scheduled_days,
				                      m->ease));
			}
		} else {
			enum qd_state to =
				last->state == QD_STATE_NEW ? QD_STATE_LEARNING : last->state;
			m->sm2_reps = g == QD_EASY ? 2 : 1;
			if (!apply_steps(rv, m, g, to, sm2_graduate))
				m->sm2_reps = 0;
		}
		sm2_set_stability(rv, m);
	}
}

/* ---- public -------------------------------------------------------------- */

static void outcomes(const struct qd_sched_params *p, const struct qd_memory *in, int64_t now,
                     uint64_t seed, int only, struct qd_memory out[4])
{
	struct qd_memory last = *in;
	struct review rv = {p, &last, now, 0, seed, only};

	if (last.state != QD_STATE_NEW) {
		int64_t t = qd_sched_day(p, now) - qd_sched_day(p, last.last_review_ms);
		rv.t = t > 0 ? t : 0;
	}
	last.reps += 1;
	last.last_review_ms = now;
	if (p->kind == QD_SCHED_SM2)
		sm2_outcomes(&rv, out);
	else
		fsrs_outcomes(&rv, out);
}

int qd_sched_review(const struct qd_sched_params *p, const struct qd_memory *in,
                    int64_t now_ms, enum qd_rating rating, uint64_t fuzz_seed,
                    struct qd_memory *out)
{
	struct qd_memory all[4];

	if (rating < QD_AGAIN || rating > QD_EASY)
		return -1;
	outcomes(p, in, now_ms, fuzz_seed, (int)rating, all);
	*out = all[rating - 1];
	return 0;
}

void qd_sched_preview(const struct qd_sched_params *p, const struct qd_memory *in,
                      int64_t now_ms, uint64_t fuzz_seed, struct qd_memory out[4])
{
	outcomes(p, in, now_ms, fuzz_seed, 0, out);
}

void qd_sched_preview_format(const struct qd_memory out[4], int64_t now_ms, char *buf,
                             size_t n)
{
	size_t len = 0;

	if (n == 0)
		return;
	buf[0] = '\0';
	for (int g = QD_AGAIN; g <= QD_EASY; g++) {
		char d[16], name[8];
		const char *r = qd_rating_name((enum qd_rating)g);
		int w;

		snprintf(name, sizeof name, "%c%s", toupper((unsigned char)r[0]), r + 1);
		qd_duration_format(out[g - 1].due_ms - now_ms, d);
		w = snprintf(buf + len, n - len, "%s%s %s", g > 1 ? " \xc2\xb7 " : "", name, d);
		if (w < 0 || (size_t)w >= n - len)
			return;
		len += (size_t)w;
	}
}

double qd_sched_retrievability(const struct qd_sched_params *p, const struct qd_memory *m,
                               int64_t now_ms)
{
	double t, decay = p->decay, factor = p->factor;

	if (m->state == QD_STATE_NEW || m->stability <= 0)
		return 0;
	t = (double)(now_ms - m->last_review_ms) / (double)QD_MS_PER_DAY;
	if (t < 0)
		t = 0;
	if (p->kind == QD_SCHED_SM2) {
		/* The FSRS-6 default curve, R = 0.9 at the interval's end. */
		decay = -default_w[20];
		factor = round8(exp(pow(decay, -1) * log(0.9)) - 1.0);
	}
	return pow(1 + (factor * t) / m->stability, decay);
}

const char *qd_state_name(enum qd_state s)
{
	switch (s) {
	case QD_STATE_NEW: return "new";
	case QD_STATE_LEARNING: return "learning";
	case QD_STATE_REVIEW: return "review";
	case QD_STATE_RELEARNING: return "relearning";
	}
	return "unknown";
}

const char *qd_rating_name(enum qd_rating r)
{
	switch (r) {
	case QD_AGAIN: return "again";
	case QD_HARD: return "hard";
	case QD_GOOD: return "good";
	case QD_EASY: return "easy";
	}
	return "unknown";
}

int qd_rating_parse(const char *s, enum qd_rating *r)
{
	size_t len = strlen(s);

	if (len == 1 && s[0] >= '1' && s[0] <= '4') {
		*r = (enum qd_rating)(s[0] - '0');
		return 0;
	}
	if (len == 0)
		return -1;
	for (int g = QD_AGAIN; g <= QD_EASY; g++) {
		const char *name = qd_rating_name((enum qd_rating)g);
		size_t i;
		for (i = 0; i < len && name[i] && tolower((unsigned char)s[i]) == name[i]; i++)
			;
		if (i == len) {
			*r = (enum qd_rating)g;
			return 0;
		}
	}
	return -1;
}

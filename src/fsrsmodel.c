/*
 * The optimizer's FSRS-6 model and its gradient (see quizdeck/fsrsmodel.h).
 *
 * The gradient is reverse mode written out by hand: the forward pass keeps
 * each step's state (S, D) and the terms its derivatives reuse (logarithms,
 * powers, exponentials) on a tape; the backward pass walks the reviews from
 * the last to the first, carrying the adjoints ∂p/∂S and ∂p/∂D back through
 * each step while adding each weight's share. Every branch mirrors the
 * forward code; tests/unit/test-fsrsmodel.c checks the result against
 * central finite differences for every weight on random histories.
 *
 * Powers are taken as exp(b·ln a), sharing the logarithm with the
 * derivative that needs it (∂a^b/∂b = a^b·ln a): the fit spends most of
 * its time here, and a pow costs about an exp and a log together.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/fsrsmodel.h"

const double qd_fsrs_default_w[QD_FSRS_WEIGHTS] = {
	0.212,  1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194,
	0.001,  1.8722, 0.1666, 0.796,  1.4835, 0.0614, 0.2629,
	1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
};

/* x clamped to [lo, hi]; NaN passes through, as Rust's clamp. */
static double clampd(double x, double lo, double hi)
{
	return x < lo ? lo : x > hi ? hi : x;
}

/* A clamp lets the gradient through inside its bounds and on them. */
static bool inside(double x, double lo, double hi)
{
	return x >= lo && x <= hi;
}

void qd_fsrs_model_init(struct qd_fsrs_model *m, const double w[QD_FSRS_WEIGHTS])
{
	memcpy(m->w, w, sizeof(m->w));
	m->decay = -w[20];
	m->factor = exp(log(0.9) / m->decay) - 1.0;
	m->exp_3w5 = exp(3.0 * w[5]);
	for (int g = 1; g <= 4; g++)
		m->exp_w5g[g - 1] = exp(w[5] * (g - 1));
	m->df_ddecay = (m->factor + 1.0) * (-log(0.9)) / (m->decay * m->decay);
	m->d0_easy = w[4] - m->exp_3w5 + 1.0;
	m->exp_w8 = exp(w[8]);
	m->lapse_cap = exp(w[17] * w[18]);
}

/* R(t, s), and ln u for u = 1 + f·t/s, the base of its power. */
static double curve_lu(const struct qd_fsrs_model *m, double t, double s, double *lu)
{
	*lu = log(1.0 + m->factor * t / s);
	return exp(m->decay * *lu);
}

double qd_fsrs_model_curve(const struct qd_fsrs_model *m, double t, double s)
{
	double lu;

	return curve_lu(m, t, s, &lu);
}

/* Adds g·∂R/∂S to *gs and g·∂R/∂w20 to grad[20], where r = R(t, s) and
 * lu = ln(1 + f·t/s). */
static void curve_back(const struct qd_fsrs_model *m, double t, double s, double r, double lu,
                       double g, double *gs, double *grad)
{
	double u = 1.0 + m->factor * t / s;
	double dr_du = m->decay * r / u;
	double dr_ddecay = r * lu + dr_du * (t / s) * m->df_ddecay;

	*gs += g * dr_du * (-m->factor * t / (s * s));
	grad[20] -= g * dr_ddecay; /* decay = −w20 */
}

/* The first review backwards: adds the weights' shares of the adjoints gs,
 * gd of the state it left. */
static void first_back(const struct qd_fsrs_model *m, int g, double gs, double gd, double *grad)
{
	if (inside(m->w[g - 1], QD_FSRS_S_MIN, QD_FSRS_S_MAX))
		grad[g - 1] += gs;
	if (inside(m->w[4] - m->exp_w5g[g - 1] + 1.0, 1.0, 10.0)) {
		grad[4] += gd;
		grad[5] += gd * (-(double)(g - 1)) * m->exp_w5g[g - 1];
	}
}

static void first_state(const struct qd_fsrs_model *m, int g, double *s, double *d)
{
	*s = clampd(m->w[g - 1], QD_FSRS_S_MIN, QD_FSRS_S_MAX);
	*d = clampd(m->w[4] - m->exp_w5g[g - 1] + 1.0, 1.0, 10.0);
}

/* One step of the recurrence with the terms its gradient needs: the state
 * before (s, d), R(t, s) and ln u of its power, the branch's powers,
 * logarithms and exponential, and the unclamped results. */
struct qd_fsrs_step {
	double s, d, r, lu, ls, ld, p1, p2, x, ns, nd;
};

/* The unclamped next stability and difficulty after grade g, t days after
 * a review that left (s, d). */
static void step_raw(const struct qd_fsrs_model *m, double s, double d, uint32_t t, int g,
                     struct qd_fsrs_step *c)
{
	const double *w = m->w;
	double dd;

	c->s = s;
	c->d = d;
	if (t == 0) {
		double sinc;
		c->r = 1.0; /* R(0, S) */
		c->lu = 0.0;
		c->ls = log(s);
		sinc = exp(w[17] * (g - 3 + w[18]) - w[19] * c->ls);
		c->p1 = sinc; /* before the floor */
		if (g >= 2 && sinc < 1.0)
			sinc = 1.0;
		c->ns = s * sinc;
	} else {
		c->r = curve_lu(m, t, s, &c->lu);
		if (g == 1) {
			double a, b;
			c->ld = log(d);
			c->ls = log(s + 1.0); /* here ln(S + 1) */
			c->p1 = exp(-w[12] * c->ld);
			c->p2 = exp(w[13] * c->ls);
			c->x = exp(w[14] * (1.0 - c->r));
			a = w[11] * c->p1 * (c->p2 - 1.0) * c->x;
			b = s / m->lapse_cap;
			c->ns = a <= b ? a : b;
		} else {
			double hp = g == 2 ? w[15] : 1.0, eb = g == 4 ? w[16] : 1.0;
			c->ls = log(s);
			c->p1 = exp(-w[9] * c->ls);
			c->x = exp(w[10] * (1.0 - c->r));
			c->ns = s * (1.0 + m->exp_w8 * (11.0 - d) * c->p1 * (c->x - 1.0) * hp * eb);
		}
	}
	dd = d + (10.0 - d) * (-w[6] * (g - 3)) / 9.0;
	c->nd = w[7] * (m->d0_easy - dd) + dd;
}

static void step(const struct qd_fsrs_model *m, double *s, double *d, uint32_t t, int g)
{
	struct qd_fsrs_step c;

	step_raw(m, *s, *d, t, g, &c);
	*s = clampd(c.ns, QD_FSRS_S_MIN, QD_FSRS_S_MAX);
	*d = clampd(c.nd, 1.0, 10.0);
}

/* The step backwards from its terms c: given the adjoints *gs, *gd of the
 * state after the step, replaces them with those of the state (c->s, c->d)
 * before it and adds the weights' shares to grad. */
static void step_back(const struct qd_fsrs_model *m, const struct qd_fsrs_step *c, uint32_t t,
                      int g, double *gs, double *gd, double *grad)
{
	const double *w = m->w;
	double s = c->s, d = c->d, dd, gns, gnd, gdd, gsi = 0.0, gdi;

	gns = inside(c->ns, QD_FSRS_S_MIN, QD_FSRS_S_MAX) ? *gs : 0.0;
	gnd = inside(c->nd, 1.0, 10.0) ? *gd : 0.0;

	/* Difficulty: nd = w7·(D0(4) − dd) + dd, dd = d + (10 − d)·(−w6·(g−3))/9. */
	dd = d + (10.0 - d) * (-w[6] * (g - 3)) / 9.0;
	gdd = gnd * (1.0 - w[7]);
	grad[7] += gnd * (m->d0_easy - dd);
	grad[4] += gnd * w[7];
	grad[5] += gnd * w[7] * (-3.0 * m->exp_3w5);
	gdi = gdd * (1.0 + w[6] * (g - 3) / 9.0);
	grad[6] += gdd * (10.0 - d) * (-(double)(g - 3)) / 9.0;

	if (gns != 0.0 && t == 0) {
		double sinc = c->p1;
		if (g >= 2 && sinc < 1.0) {
			gsi += gns; /* S' = S */
		} else {
			gsi += gns * sinc * (1.0 - w[19]);
			grad[17] += gns * s * sinc * (g - 3 + w[18]);
			grad[18] += gns * s * sinc * w[17];
			grad[19] += gns * s * sinc * (-c->ls);
		}
	} else if (gns != 0.0) {
		double r = c->r, gr = 0.0;
		if (g == 1) {
			double dp = c->p1, q1 = c->p2, q = q1 - 1.0, x = c->x;
			double a = w[11] * dp * q * x, b = s / m->lapse_cap;
			if (a <= b) {
				grad[11] += gns * dp * q * x;
				gdi += gns * a * (-w[12]) / d;
				grad[12] += gns * a * (-c->ld);
				gsi += gns * w[11] * dp * x * w[13] * q1 / (s + 1.0);
				grad[13] += gns * w[11] * dp * x * q1 * c->ls;
				grad[14] += gns * a * (1.0 - r);
				gr += gns * a * (-w[14]);
			} else {
				gsi += gns / m->lapse_cap;
				grad[17] -= gns * b * w[18];
				grad[18] -= gns * b * w[17];
			}
		} else {
			double hp = g == 2 ? w[15] : 1.0, eb = g == 4 ? w[16] : 1.0;
			double sp = c->p1, x = c->x;
			double k = m->exp_w8 * (11.0 - d) * sp; /* H without (x − 1), hp, eb */
			double h = k * (x - 1.0) * hp * eb;
			gsi += gns * (1.0 + h * (1.0 - w[9]));
			gdi -= gns * s * m->exp_w8 * sp * (x - 1.0) * hp * eb;
			grad[8] += gns * s * h;
			grad[9] += gns * s * h * (-c->ls);
			grad[10] += gns * s * k * x * (1.0 - r) * hp * eb;
			gr += gns * s * k * x * (-w[10]) * hp * eb;
			if (g == 2)
				grad[15] += gns * s * k * (x - 1.0) * eb;
			if (g == 4)
				grad[16] += gns * s * k * (x - 1.0) * hp;
		}
		curve_back(m, t, s, r, c->lu, gr, &gsi, grad);
	}
	*gs = gsi;
	*gd = gdi;
}

void qd_fsrs_model_first(const struct qd_fsrs_model *m, int g, double *s, double *d)
{
	first_state(m, g, s, d);
}

void qd_fsrs_model_step(const struct qd_fsrs_model *m, double *s, double *d, uint32_t t, int g)
{
	step(m, s, d, t, g);
}

void qd_fsrs_model_state(const struct qd_fsrs_model *m, const struct qd_fsrs_review *r, size_t n,
                         double *s, double *d)
{
	first_state(m, r[0].rating, s, d);
	for (size_t i = 1; i < n; i++)
		step(m, s, d, r[i].delta_t, r[i].rating);
}

double qd_fsrs_model_predict(const struct qd_fsrs_model *m, const struct qd_fsrs_review *r,
                             size_t n)
{
	double s, d;

	qd_fsrs_model_state(m, r, n - 1, &s, &d);
	return qd_fsrs_model_curve(m, r[n - 1].delta_t, s);
}

void qd_fsrs_tape_init(struct qd_fsrs_tape *t)
{
	memset(t, 0, sizeof(*t));
}

void qd_fsrs_tape_release(struct qd_fsrs_tape *t)
{
	free(t->steps);
	qd_fsrs_tape_init(t);
}

/* Grows the tape to n steps. */
static struct qd_fsrs_step *tape_reserve(struct qd_fsrs_tape *tape, size_t n)
{
	if (tape->cap < n) {
		tape->cap = n > 2 * tape->cap ? n : 2 * tape->cap;
		tape->steps = qd_xrealloc(tape->steps, tape->cap * sizeof(struct qd_fsrs_step));
	}
	return tape->steps;
}


void qd_fsrs_model_forward_seq(const struct qd_fsrs_model *m, const struct qd_fsrs_review *r,
                               size_t n, struct qd_fsrs_tape *tape, double *p)
{
	struct qd_fsrs_step *st = tape_reserve(tape, n);
	double s, d;

	/* st[i]: the terms of review i's step, from the state review i − 1
	 * left; of the last review's, only R (the state it leaves is unused). */
	first_state(m, r[0].rating, &s, &d);
	for (size_t i = 1; i + 1 < n; i++) {
		step_raw(m, s, d, r[i].delta_t, r[i].rating, &st[i]);
		if (p)
			p[i] = st[i].r;
		s = clampd(st[i].ns, QD_FSRS_S_MIN, QD_FSRS_S_MAX);
		d = clampd(st[i].nd, 1.0, 10.0);
	}
	if (n >= 2) {
		struct qd_fsrs_step *c = &st[n - 1];
		c->s = s;
		c->d = d;
		c->r = curve_lu(m, r[n - 1].delta_t, s, &c->lu);
		if (p)
			p[n - 1] = c->r;
	}
}

void qd_fsrs_model_backward_seq(const struct qd_fsrs_model *m, const struct qd_fsrs_review *r,
                                size_t n, const struct qd_fsrs_tape *tape, const double *coef,
                                double grad[QD_FSRS_WEIGHTS])
{
	const struct qd_fsrs_step *st = tape->steps;
	double gs = 0.0, gd = 0.0; /* adjoints of the state after review i */
	int g0 = r[0].rating;

	for (size_t i = n - 1; i >= 1; i--) {
		double c = coef ? coef[i] : i + 1 == n ? 1.0 : 0.0;
		/* The state after the last review is unused: nothing to carry. */
		if (i + 1 < n)
			step_back(m, &st[i], r[i].delta_t, r[i].rating, &gs, &gd, grad);
		if (c != 0.0 && r[i].delta_t > 0)
			curve_back(m, r[i].delta_t, st[i].s, st[i].r, st[i].lu, c, &gs, grad);
	}
	first_back(m, g0, gs, gd, grad);
}

double qd_fsrs_model_grad(const struct qd_fsrs_model *m, const struct qd_fsrs_review *r, size_t n,
                          struct qd_fsrs_tape *tape, double grad[QD_FSRS_WEIGHTS])
{
	memset(grad, 0, QD_FSRS_WEIGHTS * sizeof(*grad));
	qd_fsrs_model_forward_seq(m, r, n, tape, NULL);
	qd_fsrs_model_backward_seq(m, r, n, tape, NULL, grad);
	return tape->steps[n - 1].r;
}

void qd_fsrs_model_predict_items(const struct qd_fsrs_model *m, const struct qd_fsrs_items *it,
                                 double *s_after, double *p)
{
	double s = 0, d = 0;

	for (size_t i = 0; i < it->n_reviews; i++) {
		const struct qd_fsrs_review *r = &it->reviews[i];
		if (r->first)
			first_state(m, r->rating, &s, &d);
		else
			step(m, &s, &d, r->delta_t, r->rating);
		s_after[i] = s;
	}
	for (size_t k = 0; k < it->n_items; k++) {
		const struct qd_fsrs_item *x = &it->items[k];
		p[k] = qd_fsrs_model_curve(m, it->reviews[x->start + x->len - 1].delta_t,
		                           s_after[x->start + x->len - 2]);
	}
}

void qd_fsrs_clip(double w[QD_FSRS_WEIGHTS], int n_relearning_steps, bool short_term)
{
	double lo[QD_FSRS_WEIGHTS] = {QD_FSRS_S_MIN, QD_FSRS_S_MIN, QD_FSRS_S_MIN, QD_FSRS_S_MIN,
	                              1.0, 0.001, 0.001, 0.001, 0.0, 0.0, 0.001, 0.001, 0.001,
	                              0.001, 0.0, 0.0, 1.0, 0.0, 0.0, 0.01, 0.1};
	double hi[QD_FSRS_WEIGHTS] = {100.0, 100.0, 100.0, 100.0, 10.0, 4.0, 4.0, 0.75, 4.5, 0.8,
	                              3.5, 5.0, 0.25, 0.9, 4.0, 1.0, 6.0, 2.0, 2.0, 0.8, 0.8};

	if (!short_term)
		lo[19] = 0.0;
	if (n_relearning_steps > 1) {
		/* From the weights before clipping, as fsrs-rs computes it; NaN
		 * gives the floor (Rust's max ignores NaN, as fmax does). */
		double v = -(log(w[11]) + log(pow(2.0, w[13]) - 1.0) + 0.3 * w[14]) /
		           n_relearning_steps;
		double c = fmin(2.0, sqrt(fmax(0.01, v)));
		hi[17] = hi[18] = c;
	}
	for (int i = 0; i < QD_FSRS_WEIGHTS; i++)
		w[i] = clampd(w[i], lo[i], hi[i]);
}

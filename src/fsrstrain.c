/*
 * Fitting the FSRS-6 weights (see quizdeck/fsrstrain.h).
 *
 * Arithmetic is in double throughout (fsrs-rs keeps the weights and the
 * model in f32 and Adam's moments in f64). The batches' order is shuffled
 * with Rust's StdRng as fsrs-rs shuffles it (quizdeck/stdrng.h), so for
 * the same seed both visit the batches in the same order and take the
 * same steps, up to rounding.
 *
 * The polishing steps that follow compute the gradient of the whole loss
 * card by card (quizdeck/fsrsmodel.h, qd_fsrs_model_forward_seq), one step
 * per review, where an epoch costs one per item and review: 20 of them
 * cost about two epochs on bench/'s simulated histories. Starting from a
 * learning rate 4 times smaller than the epochs', they do not throw the
 * weights out of the best epoch's basin (0.03 sometimes did, and then no
 * polished weights were kept). More steps lower the loss a little further
 * (50: by about a third as much again on simulated histories), at a cost.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/fsrsmodel.h"
#include "quizdeck/fsrspretrain.h"
#include "quizdeck/fsrstrain.h"
#include "quizdeck/stdrng.h"

#define QD_PI 3.14159265358979323846

/* fsrs-rs's PARAMS_STDDEV: how far each weight strays across learners. */
static const double params_stddev[QD_FSRS_WEIGHTS] = {
	6.43, 9.66, 17.58, 27.85, 0.57, 0.28, 0.6,  0.12, 0.39, 0.18, 0.33,
	0.3,  0.09, 0.16,  0.57,  0.25, 1.03, 0.31, 0.32, 0.14, 0.27,
};

void qd_fsrs_train_opts_default(struct qd_fsrs_train_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->epochs = 5;
	o->batch_size = 512;
	o->lr = 0.04;
	o->gamma = 1.0;
	o->seed = 2023;
	o->max_seq_len = 256;
	o->n_relearning_steps = 1;
	o->polish_steps = 20;
	o->polish_lr = 0.01;
}

struct trainer {
	const struct qd_fsrs_items *it;
	size_t *order;   /* the training items by length */
	double *weight;  /* their recency weights */
	size_t n;
	double start[QD_FSRS_WEIGHTS];
	double gamma;
	struct qd_fsrs_tape tape;
	double *s_after, *p; /* scratch: every review's S, every item's prediction */
	/* For the whole-history gradient: the recency weight of the training
	 * item each review is the target of (0: none); the cards with a
	 * training item, as reviews[card[c].start ..] up to their last target;
	 * scratch for one card's predictions and ∂loss/∂p. */
	double *rev_w;
	struct span { size_t start, len; } *card;
	size_t n_cards;
	double *seq_p, *seq_coef; /* zero between uses */
	/* The batches' items sorted by card and length: batch b's are
	 * bitems[batch_at[b] .. batch_at[b + 1]); k is the item's place in
	 * order[] and weight[]. */
	struct bitem { size_t start; uint32_t len; size_t k; } *bitems;
	size_t *batch_at;
};

/* Binary cross-entropy of p against y, p clamped to [1e-7, 1 − 1e-7];
 * *dl receives ∂/∂p (0 outside the clamp). */
static double bce(double p, int y, double *dl)
{
	const double lo = 1e-7, hi = 1.0 - 1e-7;
	double pc = fmin(fmax(p, lo), hi);

	if (dl)
		*dl = p >= lo && p <= hi ? (y ? -1.0 / pc : 1.0 / (1.0 - pc)) : 0.0;
	return y ? -log(pc) : -log(1.0 - pc);
}

static double penalty(const struct trainer *t, const double *w)
{
	double sum = 0;

	for (int j = 0; j < QD_FSRS_WEIGHTS; j++) {
		double d = (w[j] - t->start[j]) / params_stddev[j];
		sum += d * d;
	}
	return t->gamma * sum;
}

/* The gradient of one batch's loss: each card's items in the batch at
 * once (qd_fsrs_model_forward_seq up to the longest of them), so a history
 * shared by several of the batch's items is walked once. The sum is the
 * same as item by item; only its rounding differs. */
static void batch_grad(struct trainer *t, const double *w, size_t b, double *grad)
{
	struct qd_fsrs_model m;
	const struct bitem *e = &t->bitems[t->batch_at[b]], *end = &t->bitems[t->batch_at[b + 1]];
	double share = (double)(end - e) / (double)t->n;

	qd_fsrs_model_init(&m, w);
	memset(grad, 0, QD_FSRS_WEIGHTS * sizeof(*grad));
	while (e < end) {
		const struct bitem *c = e;
		const struct qd_fsrs_review *r = &t->it->reviews[e->start];
		size_t n = 0;

		for (; c < end && c->start == e->start; c++)
			n = c->len;
		qd_fsrs_model_forward_seq(&m, r, n, &t->tape, t->seq_p);
		for (const struct bitem *x = e; x < c; x++) {
			double dl;
			bce(t->seq_p[x->len - 1], r[x->len - 1].rating > 1, &dl);
			t->seq_coef[x->len - 1] = t->weight[x->k] * dl;
		}
		qd_fsrs_model_backward_seq(&m, r, n, &t->tape, t->seq_coef, grad);
		for (; e < c; e++)
			t->seq_coef[e->len - 1] = 0.0;
	}
	for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
		grad[j] += t->gamma * share * 2.0 * (w[j] - t->start[j]) /
		           (params_stddev[j] * params_stddev[j]);
}

/* Each batch's items (order[b·bs .. (b+1)·bs)) by card and length, for
 * batch_grad(). */
static int cmp_bitem(const void *a, const void *b)
{
	const struct bitem *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return x->len < y->len ? -1 : x->len > y->len;
}

static void index_batches(struct trainer *t, size_t bs, size_t nb)
{
	t->bitems = qd_xcalloc(t->n + 1, sizeof(*t->bitems));
	t->batch_at = qd_xcalloc(nb + 1, sizeof(*t->batch_at));
	for (size_t k = 0; k < t->n; k++) {
		const struct qd_fsrs_item *x = &t->it->items[t->order[k]];
		t->bitems[k] = (struct bitem){x->start, x->len, k};
	}
	for (size_t b = 0; b < nb; b++) {
		size_t lo = b * bs, hi = lo + bs < t->n ? lo + bs : t->n;
		t->batch_at[b] = lo;
		qsort(&t->bitems[lo], hi - lo, sizeof(*t->bitems), cmp_bitem);
	}
	t->batch_at[nb] = t->n;
}

/* The loss per item over all training items and its gradient, card by card
 * (qd_fsrs_model_forward_seq): the same loss as total_loss(), in one step
 * per review. */
static double full_grad(struct trainer *t, const double *w, double *grad)
{
	struct qd_fsrs_model m;
	double sum = 0;

	qd_fsrs_model_init(&m, w);
	memset(grad, 0, QD_FSRS_WEIGHTS * sizeof(*grad));
	for (size_t c = 0; c < t->n_cards; c++) {
		const struct qd_fsrs_review *r = &t->it->reviews[t->card[c].start];
		const double *rw = &t->rev_w[t->card[c].start];
		size_t n = t->card[c].len;

		qd_fsrs_model_forward_seq(&m, r, n, &t->tape, t->seq_p);
		for (size_t i = 1; i < n; i++) {
			double dl;
			t->seq_coef[i] = 0.0;
			if (rw[i] == 0.0)
				continue;
			sum += rw[i] * bce(t->seq_p[i], r[i].rating > 1, &dl);
			t->seq_coef[i] = rw[i] * dl;
		}
		qd_fsrs_model_backward_seq(&m, r, n, &t->tape, t->seq_coef, grad);
		memset(t->seq_coef, 0, n * sizeof(*t->seq_coef));
	}
	for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
		grad[j] += t->gamma * 2.0 * (w[j] - t->start[j]) /
		           (params_stddev[j] * params_stddev[j]);
	return (sum + penalty(t, w)) / (double)t->n;
}

/* The loss per item over all training items (fsrs-rs's validation loss). */
static double total_loss(const struct trainer *t, const double *w)
{
	struct qd_fsrs_model m;
	double sum = 0;

	qd_fsrs_model_init(&m, w);
	qd_fsrs_model_predict_items(&m, t->it, t->s_after, t->p);
	for (size_t k = 0; k < t->n; k++) {
		const struct qd_fsrs_item *x = &t->it->items[t->order[k]];
		sum += t->weight[k] * bce(t->p[t->order[k]], qd_fsrs_item_label(t->it, x), NULL);
	}
	return (sum + penalty(t, w)) / (double)t->n;
}

/* A stable sort of the items (and their weights) by length: a counting sort. */
static void sort_by_len(const struct qd_fsrs_items *it, size_t *idx, double *wt, size_t n)
{
	uint32_t max = 0;
	size_t *count, *tmp_i;
	double *tmp_w;

	for (size_t k = 0; k < n; k++)
		max = it->items[idx[k]].len > max ? it->items[idx[k]].len : max;
	count = qd_xcalloc((size_t)max + 2, sizeof(*count));
	tmp_i = qd_xcalloc(n + 1, sizeof(*tmp_i));
	tmp_w = qd_xcalloc(n + 1, sizeof(*tmp_w));
	for (size_t k = 0; k < n; k++)
		count[it->items[idx[k]].len + 1]++;
	for (uint32_t l = 1; l <= max + 1; l++)
		count[l] += count[l - 1];
	for (size_t k = 0; k < n; k++) {
		size_t pos = count[it->items[idx[k]].len]++;
		tmp_i[pos] = idx[k];
		tmp_w[pos] = wt[k];
	}
	memcpy(idx, tmp_i, n * sizeof(*idx));
	memcpy(wt, tmp_w, n * sizeof(*wt));
	free(count);
	free(tmp_i);
	free(tmp_w);
}

/* The number of reviews of the card with the most. */
static size_t longest_card(const struct qd_fsrs_items *it)
{
	size_t max = 0, start = 0;

	for (size_t i = 1; i <= it->n_reviews; i++)
		if (i == it->n_reviews || it->reviews[i].first) {
			max = i - start > max ? i - start : max;
			start = i;
		}
	return max;
}

static bool all_finite(const double *w)
{
	for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
		if (!isfinite(w[j]))
			return false;
	return true;
}

/* Adam (beta1 0.9, beta2 0.999, eps 1e-8, as fsrs-rs's burn optimizer):
 * its moments and the running powers of the betas for bias correction. */
struct adam {
	double m1[QD_FSRS_WEIGHTS], m2[QD_FSRS_WEIGHTS], b1t, b2t;
};

static void adam_init(struct adam *a)
{
	memset(a, 0, sizeof(*a));
	a->b1t = a->b2t = 1.0;
}

/* One step of w against grad at learning rate lr. */
static void adam_step(struct adam *a, double *w, const double *grad, double lr)
{
	a->b1t *= 0.9;
	a->b2t *= 0.999;
	for (int j = 0; j < QD_FSRS_WEIGHTS; j++) {
		a->m1[j] = 0.9 * a->m1[j] + 0.1 * grad[j];
		a->m2[j] = 0.999 * a->m2[j] + 0.001 * grad[j] * grad[j];
		w[j] -= lr * (a->m1[j] / (1.0 - a->b1t)) / (sqrt(a->m2[j] / (1.0 - a->b2t)) + 1e-8);
	}
}

static void train(struct trainer *t, const struct qd_fsrs_train_opts *o, struct qd_fsrs_fit *out)
{
	size_t bs = o->batch_size ? o->batch_size : 1;
	size_t nb = (t->n + bs - 1) / bs, *perm = qd_xcalloc(nb + 1, sizeof(*perm));
	double w[QD_FSRS_WEIGHTS], grad[QD_FSRS_WEIGHTS], lr = o->lr, best = INFINITY, last = NAN;
	struct adam adam;
	double total = (double)((t->n / bs + 1) * (size_t)o->epochs);
	struct qd_stdrng rng;
	size_t k = 0;

	index_batches(t, bs, nb);
	adam_init(&adam);
	memcpy(w, t->start, sizeof(w));
	memcpy(out->w, t->start, sizeof(w));
	qd_stdrng_seed(&rng, o->seed);
	for (int ep = 1; ep <= o->epochs; ep++) {
		double loss;

		for (size_t b = 0; b < nb; b++)
			perm[b] = b;
		qd_stdrng_shuffle(&rng, perm, nb);
		for (size_t b = 0; b < nb; b++, k++) {
			if (k > 0)
				lr = lr * (1.0 + cos(QD_PI * (double)k / total)) /
				     (1.0 + cos(QD_PI * (double)(k - 1) / total));
			batch_grad(t, w, perm[b], grad);
			adam_step(&adam, w, grad, lr);
			qd_fsrs_clip(w, o->n_relearning_steps, true);
			if (o->progress)
				o->progress(o->progress_ctx, ep, o->epochs, b + 1, nb, last);
		}
		loss = total_loss(t, w);
		last = loss;
		if (loss < best) {
			best = loss;
			memcpy(out->w, w, sizeof(w));
			out->best_epoch = ep;
			out->loss = loss;
		}
	}
	free(perm);
}

/* The cards' spans and the reviews' item weights for full_grad(). */
static void index_cards(struct trainer *t)
{
	const struct qd_fsrs_items *it = t->it;

	t->rev_w = qd_xcalloc(it->n_reviews + 1, sizeof(*t->rev_w));
	for (size_t k = 0; k < t->n; k++) {
		const struct qd_fsrs_item *x = &it->items[t->order[k]];
		t->rev_w[x->start + x->len - 1] = t->weight[k];
	}
	t->card = qd_xcalloc(it->n_cards + 1, sizeof(*t->card));
	for (size_t i = 0, start = 0; i < it->n_reviews; i++) {
		if (it->reviews[i].first)
			start = i;
		if (t->rev_w[i] == 0.0)
			continue;
		if (t->n_cards == 0 || t->card[t->n_cards - 1].start != start)
			t->card[t->n_cards++].start = start;
		t->card[t->n_cards - 1].len = i - start + 1;
	}
}

/* After the epochs: full-batch Adam steps from the best epoch's weights on
 * the same loss, the learning rate falling from polish_lr to 0 along a
 * cosine, keeping the weights of the lowest loss seen. */
static void polish(struct trainer *t, const struct qd_fsrs_train_opts *o, struct qd_fsrs_fit *out)
{
	double w[QD_FSRS_WEIGHTS], grad[QD_FSRS_WEIGHTS];
	struct adam adam;
	int steps = o->polish_steps;

	adam_init(&adam);
	index_cards(t);
	memcpy(w, out->w, sizeof(w));
	for (int k = 0; k <= steps; k++) {
		double loss = full_grad(t, w, grad), lr;

		if (loss < out->loss) {
			out->loss = loss;
			memcpy(out->w, w, sizeof(w));
		}
		if (o->progress)
			o->progress(o->progress_ctx, o->epochs + 1, o->epochs, (size_t)k,
			            (size_t)steps, loss);
		if (k == steps || !all_finite(w))
			break;
		lr = o->polish_lr * 0.5 * (1.0 + cos(QD_PI * (double)k / (double)steps));
		adam_step(&adam, w, grad, lr);
		qd_fsrs_clip(w, o->n_relearning_steps, true);
	}
	free(t->rev_w);
	free(t->card);
}

void qd_fsrs_fit(const struct qd_fsrs_items *it, const struct qd_fsrs_train_opts *o,
                 struct qd_fsrs_fit *out)
{
	size_t *train_idx, *init_idx, n_train, n_init, count[4];
	double avg = qd_fsrs_items_filter(it, &train_idx, &n_train, &init_idx, &n_init);
	struct trainer t;

	memset(out, 0, sizeof(*out));
	memcpy(out->w, qd_fsrs_default_w, sizeof(out->w));
	out->n_train = n_train;
	out->n_init = n_init;
	out->status = QD_FSRS_FIT_TOO_LITTLE;
	if (n_train < QD_FSRS_MIN_ITEMS ||
	    qd_fsrs_pretrain(it, init_idx, n_init, avg, out->w, count) != 0)
		goto done;
	out->status = QD_FSRS_FIT_PRETRAINED;
	if (n_train == n_init || n_train < QD_FSRS_MIN_TRAIN)
		goto done;

	memset(&t, 0, sizeof(t));
	t.it = it;
	t.gamma = o->gamma;
	memcpy(t.start, out->w, sizeof(t.start));
	t.order = qd_xcalloc(n_train + 1, sizeof(*t.order));
	t.weight = qd_xcalloc(n_train + 1, sizeof(*t.weight));
	for (size_t i = 0; i < n_train; i++) {
		if (it->items[train_idx[i]].len > o->max_seq_len)
			continue;
		t.order[t.n] = train_idx[i];
		t.weight[t.n++] = qd_fsrs_recency_weight(i, n_train);
	}
	sort_by_len(it, t.order, t.weight, t.n);
	qd_fsrs_tape_init(&t.tape);
	t.s_after = qd_xcalloc(it->n_reviews + 1, sizeof(*t.s_after));
	t.p = qd_xcalloc(it->n_items + 1, sizeof(*t.p));
	t.seq_p = qd_xcalloc(longest_card(it) + 1, sizeof(*t.seq_p));
	t.seq_coef = qd_xcalloc(longest_card(it) + 1, sizeof(*t.seq_coef));
	if (t.n > 0) {
		train(&t, o, out);
		if (o->polish_steps > 0 && all_finite(out->w))
			polish(&t, o, out);
	}
	qd_fsrs_tape_release(&t.tape);
	free(t.s_after);
	free(t.p);
	free(t.seq_p);
	free(t.seq_coef);
	free(t.bitems);
	free(t.batch_at);
	free(t.order);
	free(t.weight);
	if (!all_finite(out->w)) {
		out->status = QD_FSRS_FIT_FAILED;
		memcpy(out->w, qd_fsrs_default_w, sizeof(out->w));
		goto done;
	}
	{
		double s[4] = {out->w[0], out->w[1], out->w[2], out->w[3]};
		qd_fsrs_smooth_and_fill(s, count);
		memcpy(out->w, s, sizeof(s));
	}
	out->status = QD_FSRS_FIT_TRAINED;
done:
	free(train_idx);
	free(init_idx);
}

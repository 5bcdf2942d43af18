/*
 * The metrics of a set of weights on a history (see quizdeck/fsrseval.h).
 *
 * The bins are found by sorting the items' bin keys (fsrs-rs sums them in
 * a hash map's order, which varies from run to run in the last bits; the
 * sorted order here is fixed).
 */
#include <math.h>
#include <stdlib.h>

#include "quizdeck/buf.h"
#include "quizdeck/fsrseval.h"
#include "quizdeck/fsrsmodel.h"

double qd_fsrs_bin(double x, double a, double b)
{
	if (x <= 0)
		return 0;
	return round(a * pow(b, floor(log(x) / log(b))));
}

struct binned {
	double key[3];
	double p, y, w;
};

static int cmp_binned(const void *a, const void *b)
{
	const struct binned *x = a, *y = b;

	for (int k = 0; k < 3; k++)
		if (x->key[k] != y->key[k])
			return x->key[k] < y->key[k] ? -1 : 1;
	return 0;
}

int qd_fsrs_evaluate(const struct qd_fsrs_items *it, const size_t *idx, size_t n,
                     const double w_in[QD_FSRS_WEIGHTS], struct qd_fsrs_metrics *out)
{
	struct qd_fsrs_model m;
	struct binned *b;
	double w[QD_FSRS_WEIGHTS], acc = 0, wsum = 0, num = 0, den = 0, *s_after, *pred;

	if (n == 0)
		return -1;
	for (int i = 0; i < QD_FSRS_WEIGHTS; i++)
		w[i] = w_in[i];
	qd_fsrs_clip(w, 1, false);
	qd_fsrs_model_init(&m, w);
	b = qd_xcalloc(n, sizeof(*b));
	s_after = qd_xcalloc(it->n_reviews + 1, sizeof(*s_after));
	pred = qd_xcalloc(it->n_items + 1, sizeof(*pred));
	qd_fsrs_model_predict_items(&m, it, s_after, pred);
	for (size_t i = 0; i < n; i++) {
		const struct qd_fsrs_item *x = &it->items[idx ? idx[i] : i];
		const struct qd_fsrs_review *r = &it->reviews[x->start];
		double p = pred[idx ? idx[i] : i];
		int y = qd_fsrs_item_label(it, x);
		double rw = qd_fsrs_recency_weight(i, n);
		uint32_t lapses = 0;

		/* y·ln p + (1 − y)·ln(1 − p), without 0·(−∞) for a sure prediction. */
		acc += (y ? log(p) : log(1.0 - p)) * rw;
		wsum += rw;
		for (uint32_t k = 0; k + 1 < x->len; k++)
			lapses += r[k].rating == 1 && r[k].delta_t > 0;
		b[i].key[0] = qd_fsrs_bin(r[x->len - 1].delta_t, 2.48 * 100.0, 3.62);
		b[i].key[1] = qd_fsrs_bin((double)x->long_term + 1.0, 1.99, 1.89);
		b[i].key[2] = lapses ? qd_fsrs_bin(lapses, 1.65, 1.73) : 0;
		b[i].p = p;
		b[i].y = y;
		b[i].w = rw;
	}
	qsort(b, n, sizeof(*b), cmp_binned);
	for (size_t s = 0, e; s < n; s = e) {
		double sp = 0, sy = 0, sw = 0, cnt, d;
		for (e = s; e < n && cmp_binned(&b[s], &b[e]) == 0; e++) {
			sp += b[e].p;
			sy += b[e].y;
			sw += b[e].w;
		}
		cnt = (double)(e - s);
		d = sp / cnt - sy / cnt;
		num += sw * d * d;
		den += sw;
	}
	free(b);
	free(s_after);
	free(pred);
	out->log_loss = -acc / wsum;
	out->rmse_bins = sqrt(num / den);
	return 0;
}

/*
 * Pretraining of w0..w3 (see quizdeck/fsrspretrain.h).
 *
 * The constants fsrs-rs holds in f32 (the default stabilities and decay,
 * S_MIN, the average recall) are widened from their f32 values, as fsrs-rs
 * widens them, so the search minimises the same function.
 */
#include <float.h>
#include <math.h>
#include <stdlib.h>

#include "quizdeck/buf.h"
#include "quizdeck/fsrsmodel.h"
#include "quizdeck/fsrspretrain.h"

static double pretrain_loss(const struct qd_fsrs_recall_point *pt, const double *recall, size_t n,
                            double s, double default_s)
{
	double decay = -(double)(float)qd_fsrs_default_w[20];
	double factor = pow(0.9, 1.0 / decay) - 1.0, loss = 0.0;

	for (size_t i = 0; i < n; i++) {
		double y = pow(pt[i].delta_t / s * factor + 1.0, decay);
		loss += -(recall[i] * log(y) + (1.0 - recall[i]) * log(1.0 - y)) * pt[i].count;
	}
	return loss + fabs(s - default_s) / 16.0;
}

double qd_fsrs_pretrain_search(const struct qd_fsrs_recall_point *points, size_t n,
                               double average_recall, double default_s)
{
	double *recall = qd_xcalloc(n + 1, sizeof(*recall));
	double lo = (double)(float)QD_FSRS_S_MIN, hi = 100.0, s = default_s;

	for (size_t i = 0; i < n; i++)
		recall[i] = (points[i].recall * points[i].count + average_recall) /
		            (points[i].count + 1.0);
	for (int iter = 0; hi - lo > DBL_EPSILON && iter < 1000; iter++) {
		double m1 = lo + (hi - lo) / 3.0, m2 = hi - (hi - lo) / 3.0;
		if (pretrain_loss(points, recall, n, m1, default_s) <
		    pretrain_loss(points, recall, n, m2, default_s))
			hi = m2;
		else
			lo = m1;
		s = (hi + lo) / 2.0;
	}
	free(recall);
	return s;
}

int qd_fsrs_smooth_and_fill(double s[4], const size_t count[4])
{
	static const int pairs[6][2] = {{0, 1}, {1, 2}, {2, 3}, {0, 2}, {1, 3}, {0, 3}};
	const double w1 = (double)0.41f, w2 = (double)0.54f;
	bool has[4];
	int n = 0;

	for (int r = 0; r < 4; r++) {
		has[r] = count[r] > 0;
		n += has[r];
	}
	if (n == 0)
		return -1;
	for (int k = 0; k < 6; k++) {
		int a = pairs[k][0], b = pairs[k][1];
		if (!has[a] || !has[b] || !(s[a] > s[b]))
			continue;
		if (count[a] > count[b])
			s[b] = s[a];
		else
			s[a] = s[b];
	}
	if (n == 1) {
		int r = has[0] ? 0 : has[1] ? 1 : has[2] ? 2 : 3;
		double f = s[r] / (double)(float)qd_fsrs_default_w[r];
		for (int i = 0; i < 4; i++)
			s[i] = (double)(float)qd_fsrs_default_w[i] * f; /* ascending already */
	} else if (n == 2) {
		if (has[2] && has[3]) {
			s[1] = pow(s[2], 1.0 / (1.0 - w2)) * pow(s[3], 1.0 - 1.0 / (1.0 - w2));
			s[0] = pow(s[1], 1.0 / w1) * pow(s[2], 1.0 - 1.0 / w1);
		} else if (has[1] && has[3]) {
			s[2] = pow(s[1], 1.0 - w2) * pow(s[3], w2);
			s[0] = pow(s[1], 1.0 / w1) * pow(s[2], 1.0 - 1.0 / w1);
		} else if (has[1] && has[2]) {
			s[3] = pow(s[1], 1.0 - 1.0 / w2) * pow(s[2], 1.0 / w2);
			s[0] = pow(s[1], 1.0 / w1) * pow(s[2], 1.0 - 1.0 / w1);
		} else if (has[0] && has[3]) {
			double e = w1 + w2 - w1 * w2;
			s[1] = pow(s[0], w1 / e) * pow(s[3], 1.0 - w1 / e);
			s[2] = pow(s[0], 1.0 - w2 / e) * pow(s[3], w2 / e);
		} else if (has[0] && has[2]) {
			s[1] = pow(s[0], w1) * pow(s[2], 1.0 - w1);
			s[3] = pow(s[1], 1.0 - 1.0 / w2) * pow(s[2], 1.0 / w2);
		} else { /* 1 and 2 */
			s[2] = pow(s[0], 1.0 - 1.0 / (1.0 - w1)) * pow(s[1], 1.0 / (1.0 - w1));
			s[3] = pow(s[1], 1.0 - 1.0 / w2) * pow(s[2], 1.0 / w2);
		}
	} else if (n == 3) {
		if (!has[0])
			s[0] = pow(s[1], 1.0 / w1) * pow(s[2], 1.0 - 1.0 / w1);
		else if (!has[1])
			s[1] = pow(s[0], w1) * pow(s[2], 1.0 - w1);
		else if (!has[2])
			s[2] = pow(s[1], 1.0 - w2) * pow(s[3], w2);
		else
			s[3] = pow(s[1], 1.0 - 1.0 / w2) * pow(s[2], 1.0 / w2);
	}
	for (int i = 0; i < 4; i++)
		s[i] = fmin(fmax(s[i], QD_FSRS_S_MIN), 100.0);
	return 0;
}

static int cmp_point(const void *a, const void *b)
{
	const struct qd_fsrs_recall_point *x = a, *y = b;
	return (x->delta_t > y->delta_t) - (x->delta_t < y->delta_t);
}

int qd_fsrs_pretrain(const struct qd_fsrs_items *it, const size_t *init, size_t n_init,
                     double average_recall, double w[4], size_t count[4])
{
	struct qd_fsrs_recall_point *pt = qd_xcalloc(n_init + 1, sizeof(*pt));
	double s[4];
	int rc;

	for (int r = 0; r < 4; r++) {
		size_t n = 0;

		count[r] = 0;
		s[r] = w[r];
		/* One point per target delay: sort the delays, then merge. */
		for (size_t i = 0; i < n_init; i++) {
			const struct qd_fsrs_item *x = &it->items[init[i]];
			if (it->reviews[x->start].rating != r + 1)
				continue;
			pt[n].delta_t = it->reviews[x->start + x->len - 1].delta_t;
			pt[n].recall = qd_fsrs_item_label(it, x);
			pt[n].count = 1;
			n++;
		}
		if (n == 0)
			continue;
		count[r] = n;
		qsort(pt, n, sizeof(*pt), cmp_point);
		{
			size_t m = 0;
			for (size_t i = 0; i < n; i++) {
				if (m > 0 && pt[m - 1].delta_t == pt[i].delta_t) {
					pt[m - 1].recall += pt[i].recall;
					pt[m - 1].count += 1;
				} else {
					pt[m++] = pt[i];
				}
			}
			for (size_t i = 0; i < m; i++)
				pt[i].recall /= pt[i].count;
			s[r] = qd_fsrs_pretrain_search(pt, m, (double)(float)average_recall,
			                               (double)(float)qd_fsrs_default_w[r]);
		}
	}
	free(pt);
	rc = qd_fsrs_smooth_and_fill(s, count);
	if (rc == 0)
		for (int r = 0; r < 4; r++)
			w[r] = s[r];
	return rc;
}

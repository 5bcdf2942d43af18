/*
 * The optimizer's training items (see quizdeck/fsrsitems.h).
 *
 * An item is a prefix of its card's history, so the items of a card share
 * one array of (rating, delta_t): a card of n reviews costs n reviews of
 * memory, not n²/2. The items are sorted by their target's time with a
 * stable merge of the cards' runs (qsort on (time, card, position) gives
 * the same order, which is what fsrs-rs's stable sort of items built card
 * by card gives).
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/fsrsitems.h"

void qd_fsrs_items_init(struct qd_fsrs_items *it)
{
	memset(it, 0, sizeof(*it));
}

void qd_fsrs_items_release(struct qd_fsrs_items *it)
{
	free(it->reviews);
	free(it->items);
	qd_fsrs_items_init(it);
}

static int cmp_input(const void *a, const void *b)
{
	const struct qd_fsrs_input *x = a, *y = b;

	if (x->card != y->card)
		return x->card < y->card ? -1 : 1;
	if (x->time_ms != y->time_ms)
		return x->time_ms < y->time_ms ? -1 : 1;
	return (x->order > y->order) - (x->order < y->order);
}

static int cmp_item(const void *a, const void *b)
{
	const struct qd_fsrs_item *x = a, *y = b;

	if (x->time_ms != y->time_ms)
		return x->time_ms < y->time_ms ? -1 : 1;
	return (x->start + x->len > y->start + y->len) - (x->start + x->len < y->start + y->len);
}

void qd_fsrs_items_build(struct qd_fsrs_items *out, struct qd_fsrs_input *in, size_t n,
                         const struct qd_sched_params *p)
{
	size_t nr = 0, ni = 0;

	qd_fsrs_items_init(out);
	qsort(in, n, sizeof(*in), cmp_input);
	out->reviews = qd_xcalloc(n + 1, sizeof(*out->reviews));
	out->items = qd_xcalloc(n + 1, sizeof(*out->items));
	for (size_t s = 0, e; s < n; s = e) {
		size_t start = nr;
		int64_t prev_day = 0;
		uint32_t long_term = 0;

		for (e = s; e < n && in[e].card == in[s].card; e++)
			;
		for (size_t k = s; k < e; k++) {
			int64_t day;
			struct qd_fsrs_review *rv;

			if (in[k].rating < 1 || in[k].rating > 4)
				continue;
			day = qd_sched_day(p, in[k].time_ms);
			rv = &out->reviews[nr];
			rv->rating = (uint8_t)in[k].rating;
			rv->first = nr == start;
			rv->delta_t = nr == start || day <= prev_day ? 0 : (uint32_t)(day - prev_day);
			prev_day = day;
			nr++;
			if (rv->delta_t == 0)
				continue;
			long_term++;
			out->items[ni].start = start;
			out->items[ni].len = (uint32_t)(nr - start);
			out->items[ni].long_term = long_term;
			out->items[ni].time_ms = in[k].time_ms;
			ni++;
		}
		if (nr > start)
			out->n_cards++;
	}
	out->n_reviews = nr;
	out->n_items = ni;
	/* Reviews were appended card after card, so an item's end position
	 * orders cards by number and reviews by time: a stable sort by time. */
	qsort(out->items, ni, sizeof(*out->items), cmp_item);
}

double qd_fsrs_recency_weight(size_t i, size_t n)
{
	double x = (double)i / (double)(n > 1 ? n - 1 : 1);

	return 0.25 + 0.75 * (x * x * x);
}

/* The first review after the card's first day: the one whose delta_t the
 * outlier groups are keyed on. */
static uint32_t first_long_term_delta(const struct qd_fsrs_items *it, const struct qd_fsrs_item *x)
{
	for (uint32_t k = 0; k < x->len; k++)
		if (it->reviews[x->start + k].delta_t > 0)
			return it->reviews[x->start + k].delta_t;
	return 0;
}

struct group {
	uint32_t delta_t;
	size_t count;
	int removed;
};

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

static int cmp_group_delta(const void *a, const void *b)
{
	const struct group *x = a, *y = b;
	return (x->delta_t > y->delta_t) - (x->delta_t < y->delta_t);
}

static int cmp_group_size(const void *a, const void *b)
{
	const struct group *x = a, *y = b;

	if (x->count != y->count)
		return x->count < y->count ? -1 : 1;
	return (x->delta_t > y->delta_t) - (x->delta_t < y->delta_t);
}

/* The group of delta_t d among g[0..n) sorted by delta_t, or NULL. */
static struct group *find_group(struct group *g, size_t n, uint32_t d)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (g[mid].delta_t < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && g[lo].delta_t == d ? &g[lo] : NULL;
}

double qd_fsrs_items_filter(const struct qd_fsrs_items *it, size_t **train, size_t *n_train,
                            size_t **init, size_t *n_init)
{
	struct group *groups[4];
	size_t n_groups[4] = {0, 0, 0, 0}, total[4] = {0, 0, 0, 0};
	size_t nt = 0, ninit = 0, pass = 0;

	*train = qd_xcalloc(it->n_items + 1, sizeof(**train));
	*init = qd_xcalloc(it->n_items + 1, sizeof(**init));
	for (int r = 0; r < 4; r++)
		groups[r] = qd_xcalloc(it->n_items + 1, sizeof(*groups[r]));
	/* The initialisation set's groups: (first rating, target delta_t),
	 * counted by sorting each rating's delta_t values. */
	{
		uint32_t *ds = qd_xcalloc(it->n_items + 1, sizeof(*ds));
		for (int r = 0; r < 4; r++) {
			size_t nd = 0;
			for (size_t i = 0; i < it->n_items; i++) {
				const struct qd_fsrs_item *x = &it->items[i];
				if (x->long_term == 1 && it->reviews[x->start].rating - 1 == r)
					ds[nd++] = it->reviews[x->start + x->len - 1].delta_t;
			}
			qsort(ds, nd, sizeof(*ds), cmp_u32);
			total[r] = nd;
			for (size_t k = 0; k < nd; k++) {
				if (k == 0 || ds[k] != ds[k - 1])
					groups[r][n_groups[r]++].delta_t = ds[k];
				groups[r][n_groups[r] - 1].count++;
			}
		}
		free(ds);
	}
	for (int r = 0; r < 4; r++) {
		size_t budget = total[r] / 20 > 20 ? total[r] / 20 : 20, removed = 0;
		uint32_t max_d = r == 3 ? 365 : 100;

		qsort(groups[r], n_groups[r], sizeof(*groups[r]), cmp_group_size);
		for (size_t k = 0; k < n_groups[r]; k++) {
			struct group *g = &groups[r][k];
			if (removed + g->count < budget) {
				removed += g->count;
				g->removed = 1;
			} else if (g->count < 6 || g->delta_t > max_d) {
				g->removed = 1;
			}
		}
		qsort(groups[r], n_groups[r], sizeof(*groups[r]), cmp_group_delta);
	}
	for (size_t i = 0; i < it->n_items; i++) {
		const struct qd_fsrs_item *x = &it->items[i];
		int r = it->reviews[x->start].rating - 1;
		struct group *g = find_group(groups[r], n_groups[r], first_long_term_delta(it, x));

		if (g && g->removed)
			continue;
		(*train)[nt++] = i;
		pass += qd_fsrs_item_label(it, x);
		if (x->long_term == 1)
			(*init)[ninit++] = i;
	}
	for (int r = 0; r < 4; r++)
		free(groups[r]);
	*n_train = nt;
	*n_init = ninit;
	return nt ? (double)pass / (double)nt : 0.0;
}

/*
 * Replays the review log into every card's state (see quizdeck/replay.h).
 *
 * The reviews are put once in (deck, card, time, log line) order — so two
 * reviews in the same millisecond replay in the order they were written —
 * by grouping them by card (order_reviews(), below), and each card's run
 * is fed through the scheduler. Cards are
 * matched to the deck list with a sorted index and binary search, so a
 * large log and many decks stay O(n log n). Events (suspend, unsuspend,
 * bury) are sorted and matched the same way, after the reviews, so a card's
 * state and its availability are derived from the one log.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/replay.h"
#include "quizdeck/rng.h"

uint64_t qd_replay_card_key(const char *deck, const char *card)
{
	return qd_seed_mix(qd_seed_mix(0, deck), card);
}

int qd_replay_cmp_ids(const char *d1, const char *c1, const char *d2, const char *c2)
{
	int c = strcmp(d1, d2);
	return c ? c : strcmp(c1, c2);
}

/* (deck, card), then time, then line: a card's records in replay order. */
static int cmp_records(const char *d1, const char *c1, int64_t t1, int l1,
                       const char *d2, const char *c2, int64_t t2, int l2)
{
	int c = qd_replay_cmp_ids(d1, c1, d2, c2);

	if (c)
		return c;
	if (t1 != t2)
		return t1 < t2 ? -1 : 1;
	return (l1 > l2) - (l1 < l2);
}

int qd_replay_cmp_review_ptrs(const void *a, const void *b)
{
	const struct qd_review *x = *(const struct qd_review *const *)a;
	const struct qd_review *y = *(const struct qd_review *const *)b;

	return cmp_records(x->deck, x->card, x->time_ms, x->line, y->deck, y->card, y->time_ms,
	                   y->line);
}

int qd_replay_cmp_event_ptrs(const void *a, const void *b)
{
	const struct qd_event *x = *(const struct qd_event *const *)a;
	const struct qd_event *y = *(const struct qd_event *const *)b;

	return cmp_records(x->deck, x->card, x->time_ms, x->line, y->deck, y->card, y->time_ms,
	                   y->line);
}

static int cmp_ref(const void *a, const void *b)
{
	const struct qd_cardref *x = *(const struct qd_cardref *const *)a;
	const struct qd_cardref *y = *(const struct qd_cardref *const *)b;
	int c = qd_replay_cmp_ids(x->deck, x->card, y->deck, y->card);

	return c ? c : (x > y) - (x < y);
}

/* The index in out->cards of (deck, card), or SIZE_MAX: the listed cards
 * through idx (sorted), then the orphans, which were added in sorted order. */
static size_t find_card(const struct qd_replay *out, const struct qd_cardref *cards,
                        const struct qd_cardref *const *idx, const char *deck,
                        const char *card)
{
	size_t lo = 0, hi = out->n_listed;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (qd_replay_cmp_ids(idx[mid]->deck, idx[mid]->card, deck, card) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < out->n_listed && qd_replay_cmp_ids(idx[lo]->deck, idx[lo]->card, deck, card) == 0)
		return (size_t)(idx[lo] - cards);
	lo = out->n_listed;
	hi = out->n_cards;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (qd_replay_cmp_ids(out->cards[mid].deck, out->cards[mid].card, deck, card) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < out->n_cards && qd_replay_cmp_ids(out->cards[lo].deck, out->cards[lo].card, deck, card) == 0)
		return lo;
	return SIZE_MAX;
}

static void replay_events(struct qd_replay *out, const struct qd_sched_params *p,
                          const struct qd_logdata *log, const struct qd_cardref *cards,
                          const struct qd_cardref *const *idx)
{
	const struct qd_event **ev = qd_xcalloc(log->n_events + 1, sizeof(*ev));
	size_t ne = 0, ci = SIZE_MAX;

	for (size_t i = 0; i < log->n_events; i++)
		if (!log->events[i].undone)
			ev[ne++] = &log->events[i];
	qsort(ev, ne, sizeof(*ev), qd_replay_cmp_event_ptrs);
	for (size_t k = 0; k < ne; k++) {
		const struct qd_event *e = ev[k];

		if (k == 0 || qd_replay_cmp_ids(e->deck, e->card, ev[k - 1]->deck, ev[k - 1]->card) != 0)
			ci = find_card(out, cards, idx, e->deck, e->card);
		if (ci == SIZE_MAX)
			continue;
		qd_replay_event(p, &out->cards[ci], e);
	}
	free(ev);
}

bool qd_replay_buried(const struct qd_card_state *cs, int64_t now_ms)
{
	return cs->buried_until_ms > now_ms;
}

bool qd_replay_available(const struct qd_card_state *cs, int64_t now_ms)
{
	return !cs->suspended && !qd_replay_buried(cs, now_ms);
}

bool qd_replay_leech(const struct qd_card_state *cs, int threshold)
{
	return threshold > 0 && cs->mem.lapses >= threshold;
}

bool qd_leech_at(int lapses, int threshold)
{
	int every = threshold / 2 > 0 ? threshold / 2 : 1;

	return threshold > 0 && lapses >= threshold && (lapses - threshold) % every == 0;
}

/* ---- Grouping the reviews by card ----
 *
 * The loader interns ids, so the reviews of one card nearly always share
 * their two pointers: reviews are grouped by the pair of pointers through a
 * hash map (no string is read per review), the groups (one per card, a few
 * thousand) are sorted by their ids, where groups of equal ids made of
 * other pointers (a log built by hand) get the same rank, and the reviews
 * are placed by rank with a counting sort, which keeps log order within a
 * card. A card's reviews are then in time order, ties in log order, unless
 * the file had them out of time order: only such a card is sorted again.
 * The result is the order of sorting every review by (deck, card, time,
 * line), without comparing strings a million times. */

struct group {
	const char *deck, *card;
	size_t rank;
};

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = *(const struct group *const *)a;
	const struct group *y = *(const struct group *const *)b;
	int c = qd_replay_cmp_ids(x->deck, x->card, y->deck, y->card);

	return c ? c : (x > y) - (x < y);
}

static int cmp_time(const void *a, const void *b)
{
	const struct qd_review *x = *(const struct qd_review *const *)a;
	const struct qd_review *y = *(const struct qd_review *const *)b;

	if (x->time_ms != y->time_ms)
		return x->time_ms < y->time_ms ? -1 : 1;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (x > y) - (x < y);
}

static size_t ptr_hash(const char *deck, const char *card)
{
	uint64_t h = (uint64_t)(uintptr_t)deck * 0x9e3779b97f4a7c15u;

	h ^= (uint64_t)(uintptr_t)card * 0xc2b2ae3d27d4eb4fu;
	return (size_t)(h ^ (h >> 31));
}

/* Fills rv with the non-undone reviews of log in (deck, card, time, line)
 * order; returns how many, and in *starts (allocated; the caller frees)
 * the index in rv where each card's run starts, with *n_runs runs and
 * (*starts)[*n_runs] == the count. */
static size_t order_reviews(const struct qd_logdata *log, const struct qd_review **rv,
                            size_t **starts, size_t *n_runs)
{
	size_t n = log->n_reviews, cap = 64, ng = 0, cap_g = 64, nranks = 0, nr = 0;
	uint32_t *slots, *gid = qd_xcalloc(n + 1, sizeof(*gid));
	struct group *g = qd_xcalloc(cap_g, sizeof(*g));
	struct group **sorted;
	size_t *at;

	while (cap < 2 * n)
		cap *= 2;
	slots = qd_xcalloc(cap, sizeof(*slots)); /* group + 1; 0: empty */
	for (size_t i = 0; i < n; i++) {
		const struct qd_review *r = &log->reviews[i];
		size_t k;

		if (r->undone)
			continue;
		for (k = ptr_hash(r->deck, r->card) & (cap - 1); slots[k];
		     k = (k + 1) & (cap - 1))
			if (g[slots[k] - 1].deck == r->deck && g[slots[k] - 1].card == r->card)
				break;
		if (!slots[k]) {
			if (ng == cap_g) {
				cap_g *= 2;
				g = qd_xrealloc(g, cap_g * sizeof(*g));
			}
			g[ng].deck = r->deck;
			g[ng].card = r->card;
			slots[k] = (uint32_t)++ng;
		}
		gid[i] = slots[k]; /* 1-based */
	}
	free(slots);
	/* Ranks: the groups in id order, equal ids one rank. */
	sorted = qd_xcalloc(ng + 1, sizeof(*sorted));
	for (size_t i = 0; i < ng; i++)
		sorted[i] = &g[i];
	qsort(sorted, ng, sizeof(*sorted), cmp_group);
	for (size_t i = 0; i < ng; i++) {
		if (i && qd_replay_cmp_ids(sorted[i]->deck, sorted[i]->card, sorted[i - 1]->deck,
		                 sorted[i - 1]->card) != 0)
			nranks++;
		sorted[i]->rank = nranks;
	}
	if (ng)
		nranks++;
	free(sorted);
	/* Counting sort by rank, stable: log order within a card. */
	at = qd_xcalloc(nranks + 1, sizeof(*at));
	for (size_t i = 0; i < n; i++)
		if (gid[i])
			at[g[gid[i] - 1].rank + 1]++;
	for (size_t k = 0; k < nranks; k++)
		at[k + 1] += at[k];
	*starts = qd_xcalloc(nranks + 1, sizeof(**starts));
	memcpy(*starts, at, (nranks + 1) * sizeof(*at));
	for (size_t i = 0; i < n; i++)
		if (gid[i])
			rv[at[g[gid[i] - 1].rank]++] = &log->reviews[i];
	nr = (*starts)[nranks];
	/* Time order within each card: already so, unless the file was not. */
	for (size_t k = 0; k < nranks; k++) {
		size_t s = (*starts)[k], e = (*starts)[k + 1];
		for (size_t j = s + 1; j < e; j++)
			if (cmp_time(&rv[j - 1], &rv[j]) > 0) {
				qsort(rv + s, e - s, sizeof(*rv), cmp_time);
				break;
			}
	}
	free(at);
	free(gid);
	free(g);
	*n_runs = nranks;
	return nr;
}

void qd_replay_run(struct qd_replay *out, const struct qd_sched_params *p,
                   const struct qd_logdata *log, const struct qd_cardref *cards, size_t n)
{
	const struct qd_review **rv = qd_xcalloc(log->n_reviews + 1, sizeof(*rv));
	const struct qd_cardref **idx = qd_xcalloc(n + 1, sizeof(*idx));
	size_t cap, *starts, n_runs;

	memset(out, 0, sizeof(*out));
	out->state_before = qd_xcalloc(log->n_reviews + 1, sizeof(*out->state_before));
	out->card_of = qd_xcalloc(log->n_reviews + 1, sizeof(*out->card_of));
	cap = n + 16;
	out->cards = qd_xcalloc(cap, sizeof(*out->cards));
	for (size_t i = 0; i < n; i++) {
		out->cards[i].deck = cards[i].deck;
		out->cards[i].card = cards[i].card;
		qd_memory_init(&out->cards[i].mem);
		idx[i] = &cards[i];
	}
	out->n_cards = out->n_listed = n;
	qsort(idx, n, sizeof(*idx), cmp_ref);

	for (size_t i = 0; i < log->n_reviews; i++) {
		out->state_before[i] = QD_STATE_NEW;
		out->card_of[i] = SIZE_MAX;
	}
	order_reviews(log, rv, &starts, &n_runs);

	for (size_t run = 0; run < n_runs; run++) {
		size_t s = starts[run], e = starts[run + 1];
		const struct qd_review *first = rv[s];
		struct qd_card_state *cs = NULL;
		size_t lo = 0, hi = n, ci;
		uint64_t key = qd_replay_card_key(first->deck, first->card);

		while (lo < hi) { /* first listed ref >= (deck, card) */
			size_t mid = lo + (hi - lo) / 2;
			if (qd_replay_cmp_ids(idx[mid]->deck, idx[mid]->card, first->deck, first->card) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < n && qd_replay_cmp_ids(idx[lo]->deck, idx[lo]->card, first->deck, first->card) == 0) {
			ci = (size_t)(idx[lo] - cards);
		} else {
			if (out->n_cards == cap) {
				cap *= 2;
				out->cards = qd_xrealloc(out->cards, cap * sizeof(*out->cards));
			}
			ci = out->n_cards++;
			memset(&out->cards[ci], 0, sizeof(out->cards[ci]));
			out->cards[ci].deck = first->deck;
			out->cards[ci].card = first->card;
			out->cards[ci].orphan = true;
			qd_memory_init(&out->cards[ci].mem);
			out->n_orphan_reviews += e - s;
		}
		cs = &out->cards[ci];
		for (size_t k = s; k < e; k++) {
			const struct qd_review *r = rv[k];
			size_t li = (size_t)(r - log->reviews);

			out->state_before[li] = cs->mem.state;
			out->card_of[li] = ci;
			qd_replay_review(p, cs, key, r);
		}
	}
	replay_events(out, p, log, cards, idx);
	free(starts);
	free(rv);
	free(idx);
}

void qd_replay_review(const struct qd_sched_params *p, struct qd_card_state *cs, uint64_t key,
                      const struct qd_review *r)
{
	qd_sched_review(p, &cs->mem, r->time_ms, (enum qd_rating)r->rating,
	                qd_sched_fuzz_seed(key, cs->mem.reps), &cs->mem);
	cs->n_reviews++;
	cs->time_spent_ms += r->duration_ms;
}

void qd_replay_event(const struct qd_sched_params *p, struct qd_card_state *cs,
                     const struct qd_event *e)
{
	switch (e->kind) {
	case QD_EVENT_SUSPEND:
		cs->suspended = true;
		break;
	case QD_EVENT_UNSUSPEND:
		cs->suspended = false;
		cs->buried_until_ms = 0;
		break;
	case QD_EVENT_BURY:
		cs->buried_until_ms = qd_sched_next_day_ms(p, e->time_ms);
		break;
	}
}

void qd_replay_release(struct qd_replay *r)
{
	free(r->cards);
	free(r->state_before);
	free(r->card_of);
	memset(r, 0, sizeof(*r));
}

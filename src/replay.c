/*
 * Replays the review log into every card's state (see quizdeck/replay.h).
 *
 * The reviews are sorted once by (deck, card, time, log line) — a stable
 * order, so two reviews in the same millisecond replay in the order they
 * were written — and each card's run is fed through the scheduler. Cards are
 * matched to the deck list with a sorted index and binary search, so a
 * large log and many decks stay O(n log n). Events (suspend, unsuspend,
 * bury) are sorted and matched the same way, after the reviews, so a card's
 * state and its availability are derived from the one log.
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/replay.h"
#include "quizdeck/rng.h"

uint64_t qd_replay_card_key(const char *deck, const char *card)
{
	return qd_seed_mix(qd_seed_mix(0, deck), card);
}

static int cmp_ids(const char *d1, const char *c1, const char *d2, const char *c2)
{
	int c = strcmp(d1, d2);
	return c ? c : strcmp(c1, c2);
}

static int cmp_review(const void *a, const void *b)
{
	const struct qd_review *x = *(const struct qd_review *const *)a;
	const struct qd_review *y = *(const struct qd_review *const *)b;
	int c = cmp_ids(x->deck, x->card, y->deck, y->card);

	if (c)
		return c;
	if (x->time_ms != y->time_ms)
		return x->time_ms < y->time_ms ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
}

static int cmp_ref(const void *a, const void *b)
{
	const struct qd_cardref *x = *(const struct qd_cardref *const *)a;
	const struct qd_cardref *y = *(const struct qd_cardref *const *)b;
	int c = cmp_ids(x->deck, x->card, y->deck, y->card);

	return c ? c : (x > y) - (x < y);
}

static int cmp_event(const void *a, const void *b)
{
	const struct qd_event *x = *(const struct qd_event *const *)a;
	const struct qd_event *y = *(const struct qd_event *const *)b;
	int c = cmp_ids(x->deck, x->card, y->deck, y->card);

	if (c)
		return c;
	if (x->time_ms != y->time_ms)
		return x->time_ms < y->time_ms ? -1 : 1;
	return (x->line > y->line) - (x->line < y->line);
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
		if (cmp_ids(idx[mid]->deck, idx[mid]->card, deck, card) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < out->n_listed && cmp_ids(idx[lo]->deck, idx[lo]->card, deck, card) == 0)
		return (size_t)(idx[lo] - cards);
	lo = out->n_listed;
	hi = out->n_cards;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_ids(out->cards[mid].deck, out->cards[mid].card, deck, card) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < out->n_cards && cmp_ids(out->cards[lo].deck, out->cards[lo].card, deck, card) == 0)
		return lo;
	return SIZE_MAX;
}

static void replay_events(struct qd_replay *out, const struct qd_sched_params *p,
                          const struct qd_logdata *log, const struct qd_cardref *cards,
                          const struct qd_cardref *const *idx)
{
	const struct qd_event **ev = qd_xcalloc(log->n_events + 1, sizeof(*ev));
	const struct qd_event *bury = NULL; /* the card's latest burial still in force */
	size_t ne = 0, ci = SIZE_MAX;

	for (size_t i = 0; i < log->n_events; i++)
		if (!log->events[i].undone)
			ev[ne++] = &log->events[i];
	qsort(ev, ne, sizeof(*ev), cmp_event);
	for (size_t k = 0; k < ne; k++) {
		const struct qd_event *e = ev[k];
		struct qd_card_state *cs;

		if (k == 0 || cmp_ids(e->deck, e->card, ev[k - 1]->deck, ev[k - 1]->card) != 0) {
			ci = find_card(out, cards, idx, e->deck, e->card);
			bury = NULL;
		}
		if (ci == SIZE_MAX)
			continue;
		cs = &out->cards[ci];
		switch (e->kind) {
		case QD_EVENT_SUSPEND:
			cs->suspended = true;
			break;
		case QD_EVENT_UNSUSPEND:
			cs->suspended = false;
			bury = NULL;
			break;
		case QD_EVENT_BURY:
			bury = e; /* the latest ends last: the day boundary moves forward */
			break;
		}
		/* The card's last event: its burial, if one is in force. The
		 * day boundary is looked up once per card, not per event. */
		if (k + 1 == ne || cmp_ids(e->deck, e->card, ev[k + 1]->deck, ev[k + 1]->card) != 0)
			cs->buried_until_ms = bury ? qd_sched_next_day_ms(p, bury->time_ms) : 0;
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

void qd_replay_run(struct qd_replay *out, const struct qd_sched_params *p,
                   const struct qd_logdata *log, const struct qd_cardref *cards, size_t n)
{
	const struct qd_review **rv = qd_xcalloc(log->n_reviews + 1, sizeof(*rv));
	const struct qd_cardref **idx = qd_xcalloc(n + 1, sizeof(*idx));
	size_t nr = 0, cap;

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
		if (!log->reviews[i].undone)
			rv[nr++] = &log->reviews[i];
	}
	qsort(rv, nr, sizeof(*rv), cmp_review);

	for (size_t s = 0, e; s < nr; s = e) {
		const struct qd_review *first = rv[s];
		struct qd_card_state *cs = NULL;
		size_t lo = 0, hi = n, ci;
		uint64_t key = qd_replay_card_key(first->deck, first->card);

		for (e = s + 1; e < nr && cmp_ids(rv[e]->deck, rv[e]->card, first->deck,
		                                   first->card) == 0; e++)
			;
		while (lo < hi) { /* first listed ref >= (deck, card) */
			size_t mid = lo + (hi - lo) / 2;
			if (cmp_ids(idx[mid]->deck, idx[mid]->card, first->deck, first->card) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < n && cmp_ids(idx[lo]->deck, idx[lo]->card, first->deck, first->card) == 0) {
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
			qd_sched_review(p, &cs->mem, r->time_ms, (enum qd_rating)r->rating,
			                qd_sched_fuzz_seed(key, cs->mem.reps), &cs->mem);
			cs->n_reviews++;
			cs->time_spent_ms += r->duration_ms;
		}
	}
	replay_events(out, p, log, cards, idx);
	free(rv);
	free(idx);
}

void qd_replay_release(struct qd_replay *r)
{
	free(r->cards);
	free(r->state_before);
	free(r->card_of);
	memset(r, 0, sizeof(*r));
}

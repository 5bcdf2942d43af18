/*
 * Replay of the review log into card states; see quizdeck/replay.h.
 *
 * Cards are found through an open-addressing hash table keyed on
 * "deck/card". Each card's reviews are gathered, sorted by time (stable,
 * so equal times keep log order) and applied with qd_sched_review. The cost
 * is O(reviews log reviews), a few hundred milliseconds for a million.
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/replay.h"

static uint64_t key_hash(const char *deck, const char *card)
{
	uint64_t h = 1469598103934665603ULL;

	for (const char *s = deck; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	h = (h ^ '/') * 1099511628211ULL;
	for (const char *s = card; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

uint64_t qd_replay_fuzz_seed(const char *deck, const char *card, int reps)
{
	return qd_sched_fuzz_seed(key_hash(deck, card), reps);
}

struct qd_card_state *qd_replay_find(const struct qd_replay *r, const char *deck,
                                     const char *card)
{
	size_t mask, i;

	if (!r->index_cap)
		return NULL;
	mask = r->index_cap - 1;
	for (i = key_hash(deck, card) & mask;; i = (i + 1) & mask) {
		size_t slot = r->index[i];
		struct qd_card_state *cs;
		if (slot == 0)
			return NULL;
		cs = &r->cards[slot - 1];
		if (strcmp(qd_deck_id(cs->deck), deck) == 0 && strcmp(cs->card->id, card) == 0)
			return cs;
	}
}

/* A review, where it lives, in sortable form. */
struct item {
	size_t card;   /* index into r->cards */
	size_t review; /* index into log->reviews */
	int64_t time;
};

static int item_cmp(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;

	if (a->card != b->card)
		return a->card < b->card ? -1 : 1;
	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return a->review < b->review ? -1 : a->review > b->review;
}

static int orphan_cmp(const void *pa, const void *pb)
{
	const struct qd_orphan *a = pa, *b = pb;
	int c = strcmp(a->deck, b->deck);

	return c ? c : strcmp(a->card, b->card);
}

static void add_orphan(struct qd_replay *r, size_t *cap, const struct qd_review *rv)
{
	/* Orphans are rare; a linear search keeps this simple. */
	for (size_t i = 0; i < r->n_orphans; i++) {
		struct qd_orphan *o = &r->orphans[i];
		if (strcmp(o->deck, rv->deck) == 0 && strcmp(o->card, rv->card) == 0) {
			o->n_reviews++;
			if (rv->time_ms > o->last_review_ms)
				o->last_review_ms = rv->time_ms;
			return;
		}
	}
	if (r->n_orphans == *cap) {
		*cap = *cap ? *cap * 2 : 8;
		r->orphans = qd_xrealloc(r->orphans, *cap * sizeof(*r->orphans));
	}
	r->orphans[r->n_orphans].deck = rv->deck;
	r->orphans[r->n_orphans].card = rv->card;
	r->orphans[r->n_orphans].n_reviews = 1;
	r->orphans[r->n_orphans].last_review_ms = rv->time_ms;
	r->n_orphans++;
}

int qd_replay_run(const struct qd_deckset *set, const struct qd_logdata *log,
                  const struct qd_sched_params *p, struct qd_replay *out)
{
	struct qd_replay *r = out;
	struct item *items;
	size_t n_items = 0, total = 0, k = 0, orphan_cap = 0;

	memset(r, 0, sizeof(*r));
	for (size_t d = 0; d < qd_deckset_count(set); d++)
		total += qd_deck_card_count(qd_deckset_deck(set, d));
	r->cards = qd_xcalloc(total ? total : 1, sizeof(*r->cards));
	r->index_cap = 16;
	while (r->index_cap < total * 2)
		r->index_cap *= 2;
	r->index = qd_xcalloc(r->index_cap, sizeof(*r->index));
	for (size_t d = 0; d < qd_deckset_count(set); d++) {
		const struct qd_deck *deck = qd_deckset_deck(set, d);
		for (size_t c = 0; c < qd_deck_card_count(deck); c++) {
			struct qd_card_state *cs = &r->cards[k];
			size_t mask = r->index_cap - 1, i;
			cs->deck = deck;
			cs->card = qd_deck_card(deck, c);
			qd_memory_init(&cs->mem);
			if (qd_replay_find(r, qd_deck_id(deck), cs->card->id))
				continue; /* cannot happen: ids are unique per deck, decks per set */
			for (i = key_hash(qd_deck_id(deck), cs->card->id) & mask; r->index[i];
			     i = (i + 1) & mask)
				;
			r->index[i] = k + 1;
			k++;
			r->n_cards = k;
		}
	}

	items = qd_xcalloc(log->n_reviews ? log->n_reviews : 1, sizeof(*items));
	for (size_t i = 0; i < log->n_reviews; i++) {
		const struct qd_review *rv = &log->reviews[i];
		struct qd_card_state *cs;
		if (rv->undone)
			continue;
		cs = qd_replay_find(r, rv->deck, rv->card);
		if (!cs) {
			add_orphan(r, &orphan_cap, rv);
			continue;
		}
		items[n_items].card = (size_t)(cs - r->cards);
		items[n_items].review = i;
		items[n_items].time = rv->time_ms;
		n_items++;
	}
	qsort(items, n_items, sizeof(*items), item_cmp);
	for (size_t i = 0; i < n_items; i++) {
		const struct qd_review *rv = &log->reviews[items[i].review];
		struct qd_card_state *cs = &r->cards[items[i].card];
		uint64_t seed = qd_replay_fuzz_seed(rv->deck, rv->card, cs->mem.reps + 1);
		if (qd_sched_review(p, &cs->mem, rv->time_ms, (enum qd_rating)rv->rating, seed,
		                    &cs->mem) == 0) {
			if (!cs->n_reviews)
				cs->first_review_ms = rv->time_ms;
			cs->n_reviews++;
		}
	}
	free(items);
	if (r->n_orphans)
		qsort(r->orphans, r->n_orphans, sizeof(*r->orphans), orphan_cmp);
	return 0;
}

void qd_replay_release(struct qd_replay *r)
{
	free(r->cards);
	free(r->orphans);
	free(r->index);
	memset(r, 0, sizeof(*r));
}

/*
 * Replays the review log into every card's state (see quizdeck/replay.h).
 *
 * The reviews are sorted once by (deck, card, time, log line) — a stable
 * order, so two reviews in the same millisecond replay in the order they
 * were written — and each card's run is fed through the scheduler. Cards are
 * matched to the deck list with a sorted index and binary search, so a
 * large log and many decks stay O(n log n).
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/dayclock.h"
#include "quizdeck/deckset.h"
#include "quizdeck/replay.h"
#include "quizdeck/rng.h"
#include "quizdeck/settings.h"

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

int qd_replay_params(const struct qd_ctx *ctx, struct qd_sched_params *p, struct qd_err *err)
{
	struct qd_settings st;
	struct qd_diags dg;
	int rc;

	qd_sched_params_default(p);
	qd_diags_init(&dg, ctx->config_path ? ctx->config_path : "");
	rc = ctx->config_path ? qd_settings_load(ctx, &st, &dg, err) : 0;
	qd_diags_sort(&dg);
	qd_diags_print(ctx->err, &dg);
	qd_diags_release(&dg);
	if (rc)
		return -1;
	if (!ctx->config_path)
		qd_settings_init(&st);
	if (st.has_scheduler)
		p->kind = st.scheduler;
	if (st.has_retention)
		p->retention = st.retention;
	if (st.has_maximum_interval)
		p->maximum_interval = st.maximum_interval;
	if (st.has_learning_steps) {
		p->n_learning_steps = st.n_learning_steps;
		memcpy(p->learning_steps, st.learning_steps, sizeof(p->learning_steps));
	}
	if (st.has_relearning_steps) {
		p->n_relearning_steps = st.n_relearning_steps;
		memcpy(p->relearning_steps, st.relearning_steps, sizeof(p->relearning_steps));
	}
	if (st.has_weights &&
	    qd_sched_params_set_weights(p, st.weights, (size_t)st.n_weights, err))
		return -1;
	if (st.has_fuzz)
		p->fuzz = st.fuzz;
	if (st.has_day_start)
		p->day_start_hour = st.day_start;
	qd_dayclock_install(p);
	qd_sched_params_finish(p);
	return 0;
}

int qd_history_load(const struct qd_ctx *ctx, int n, char *const *args, struct qd_history *h,
                    struct qd_err *err)
{
	struct qd_diags dg;
	char *path;
	size_t total = 0;
	int rc;

	memset(h, 0, sizeof(*h));
	qd_logdata_init(&h->log);
	h->all_decks = n == 0;
	if (qd_replay_params(ctx, &h->params, err))
		return -1;
	if (qd_deckset_load(ctx, n, args, 0, &h->decks, err))
		return -1;
	for (size_t i = 0; i < qd_deckset_count(h->decks); i++)
		total += qd_deck_card_count(qd_deckset_deck(h->decks, i));
	h->refs = qd_xcalloc(total + 1, sizeof(*h->refs));
	for (size_t i = 0; i < qd_deckset_count(h->decks); i++) {
		const struct qd_deck *d = qd_deckset_deck(h->decks, i);
		for (size_t k = 0; k < qd_deck_card_count(d); k++) {
			h->refs[h->n_refs].deck = qd_deck_id(d);
			h->refs[h->n_refs].card = qd_deck_card(d, k)->id;
			h->n_refs++;
		}
	}
	path = qd_revlog_path(ctx->data_dir);
	qd_diags_init(&dg, path);
	qd_logdata_release(&h->log);
	rc = qd_revlog_load(path, &h->log, &dg, err);
	qd_diags_print(ctx->err, &dg);
	qd_diags_release(&dg);
	free(path);
	if (rc)
		return -1;
	qd_replay_run(&h->rp, &h->params, &h->log, h->refs, h->n_refs);
	for (size_t c = h->rp.n_listed; c < h->rp.n_cards; c++) {
		const struct qd_card_state *cs = &h->rp.cards[c];
		if (h->all_decks || qd_deckset_find(h->decks, cs->deck)) {
			h->n_orphan_cards++;
			h->n_orphan_reviews += cs->n_reviews;
		}
	}
	return 0;
}

void qd_history_release(struct qd_history *h)
{
	qd_replay_release(&h->rp);
	qd_logdata_release(&h->log);
	free(h->refs);
	qd_deckset_free(h->decks);
	memset(h, 0, sizeof(*h));
}

bool qd_history_selected(const struct qd_history *h, size_t i)
{
	size_t c = h->rp.card_of[i];

	if (c == SIZE_MAX)
		return false;
	if (c < h->rp.n_listed || h->all_decks)
		return true;
	return qd_deckset_find(h->decks, h->rp.cards[c].deck) != NULL;
}

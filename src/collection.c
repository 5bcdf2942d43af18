/*
 * Loading a collection: settings, decks, log, replay. See
 * quizdeck/collection.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/collection.h"
#include "quizdeck/match.h"
#include "quizdeck/statecache.h"
#include "quizdeck/strset.h"

/* The log and the replay over decks (taken), with the settings cfg; with
 * states_only, the states from the cache (qd_collection_load_states()). */
static int load(const struct qd_ctx *ctx, const struct qd_config *cfg, struct qd_deckset *decks,
                bool states_only, struct qd_collection *c, struct qd_err *err);

static int load_args(const struct qd_ctx *ctx, int n, char *const *args, bool states_only,
                     struct qd_collection *c, struct qd_err *err)
{
	struct qd_deckset *decks;
	struct qd_config cfg;

	memset(c, 0, sizeof(*c));
	qd_logdata_init(&c->log);
	/* Settings first: a bad settings file is reported before the decks. */
	if (qd_config_load(ctx, &cfg, err))
		return -1;
	if (qd_deckset_load(ctx, n, args, 0, &decks, err))
		return -1;
	return load(ctx, &cfg, decks, states_only, c, err);
}

int qd_collection_load_states(const struct qd_ctx *ctx, int n, char *const *args,
                              struct qd_collection *c, struct qd_err *err)
{
	return load_args(ctx, n, args, true, c, err);
}

int qd_collection_load(const struct qd_ctx *ctx, int n, char *const *args,
                       struct qd_collection *c, struct qd_err *err)
{
	return load_args(ctx, n, args, false, c, err);
}

int qd_collection_load_decks(const struct qd_ctx *ctx, struct qd_deckset *decks,
                             struct qd_collection *c, struct qd_err *err)
{
	struct qd_config cfg;

	memset(c, 0, sizeof(*c));
	qd_logdata_init(&c->log);
	if (qd_config_load(ctx, &cfg, err)) {
		qd_deckset_free(decks);
		return -1;
	}
	return load(ctx, &cfg, decks, false, c, err);
}

/* The states of the n cards refs from the cache's table sc. */
static void states_from_cache(struct qd_collection *c, const struct qd_statecache *sc,
                              const struct qd_cardref *refs, size_t n)
{
	size_t *where = qd_xcalloc(sc->n_cards + 1, sizeof(*where));

	for (size_t j = 0; j < sc->n_cards; j++)
		where[j] = SIZE_MAX;
	c->states.cards = qd_xcalloc(n + 1, sizeof(*c->states.cards));
	c->states.n_cards = c->states.n_listed = n;
	for (size_t k = 0; k < n; k++) {
		struct qd_card_state *cs = &c->states.cards[k];
		size_t j = qd_statecache_find(sc, refs[k].deck, refs[k].card);
		if (j != SIZE_MAX && where[j] == SIZE_MAX) {
			*cs = sc->cards[j].st;
			c->cards[k].first_review_ms = sc->cards[j].first_review_ms;
			where[j] = k;
		} else {
			memset(cs, 0, sizeof(*cs));
			qd_memory_init(&cs->mem);
		}
		cs->deck = refs[k].deck;
		cs->card = refs[k].card;
	}
	c->recent = qd_xcalloc(sc->n_recent + 1, sizeof(*c->recent));
	c->n_recent = sc->n_recent;
	for (size_t i = 0; i < sc->n_recent; i++) {
		c->recent[i].card = where[sc->recent[i].card];
		c->recent[i].time_ms = sc->recent[i].time_ms;
		c->recent[i].before = sc->recent[i].before;
	}
	free(where);
}

static int load(const struct qd_ctx *ctx, const struct qd_config *cfg, struct qd_deckset *decks,
                bool states_only, struct qd_collection *c, struct qd_err *err)
{
	struct qd_statecache sc = {0};
	struct qd_cardref *refs;
	struct qd_diags diags;
	size_t k = 0;
	int rc;

	c->cfg = *cfg;
	c->decks = decks;
	c->states_only = states_only;
	c->log_path = qd_revlog_path(ctx->data_dir);
	qd_diags_init(&diags, c->log_path);
	qd_logdata_release(&c->log); /* qd_revlog_load initialises it again */
	if (states_only) {
		size_t nd = qd_deckset_count(c->decks);
		const char **ids = qd_xcalloc(nd + 1, sizeof(*ids));
		for (size_t d = 0; d < nd; d++)
			ids[d] = qd_deck_id(qd_deckset_deck(c->decks, d));
		rc = qd_statecache_load(ctx, c->log_path, &c->cfg.params, ids, nd, &sc, &diags, err);
		free(ids);
	} else {
		rc = qd_revlog_load(c->log_path, &c->log, &diags, err);
		if (rc == 0)
			qd_revlog_warn_future(&c->log, ctx->now_ms, &diags);
	}
	qd_diags_sort(&diags);
	qd_diags_print(ctx->err, &diags);
	qd_diags_release(&diags);
	if (rc) {
		qd_statecache_release(&sc);
		return -1;
	}

	for (size_t d = 0; d < qd_deckset_count(c->decks); d++) {
		const struct qd_deck *deck = qd_deckset_deck(c->decks, d);
		for (size_t i = 0; i < qd_deck_card_count(deck); i++)
			c->n_rev_ids += qd_card_has_reverse(deck, qd_deck_card(deck, i));
		c->n_cards += qd_deck_card_count(deck);
	}
	c->n_cards += c->n_rev_ids;
	c->cards = qd_xcalloc(c->n_cards ? c->n_cards : 1, sizeof(*c->cards));
	c->rev_ids = qd_xcalloc(c->n_rev_ids ? c->n_rev_ids : 1, sizeof(*c->rev_ids));
	refs = qd_xcalloc(c->n_cards ? c->n_cards : 1, sizeof(*refs));
	for (size_t d = 0, r = 0; d < qd_deckset_count(c->decks); d++) {
		const struct qd_deck *deck = qd_deckset_deck(c->decks, d);
		for (size_t i = 0; i < qd_deck_card_count(deck); i++, k++) {
			c->cards[k].deck = deck;
			c->cards[k].card = qd_deck_card(deck, i);
			refs[k].deck = qd_deck_id(deck);
			refs[k].card = c->cards[k].card->id;
			if (!qd_card_has_reverse(deck, c->cards[k].card))
				continue;
			/* The twin, right after its card. */
			k++;
			c->cards[k] = c->cards[k - 1];
			c->cards[k].reversed = true;
			c->rev_ids[r] = qd_xmalloc(strlen(refs[k - 1].card) + sizeof(QD_REVERSE_SUFFIX));
			strcpy(c->rev_ids[r], refs[k - 1].card);
			strcat(c->rev_ids[r], QD_REVERSE_SUFFIX);
			refs[k].deck = refs[k - 1].deck;
			refs[k].card = c->rev_ids[r++];
		}
	}
	if (states_only) {
		states_from_cache(c, &sc, refs, c->n_cards);
		qd_statecache_release(&sc);
		free(refs);
		return 0;
	}
	qd_replay_run(&c->states, &c->cfg.params, &c->log, refs, c->n_cards);
	free(refs);
	/* A card's first review is the one replayed from the new state. */
	for (size_t i = 0; i < c->log.n_reviews; i++) {
		size_t at = c->states.card_of[i];
		if (at < c->n_cards && c->states.state_before[i] == QD_STATE_NEW &&
		    !c->cards[at].first_review_ms)
			c->cards[at].first_review_ms = c->log.reviews[i].time_ms;
	}
	return 0;
}

int qd_collection_reload_deck(struct qd_collection *c, struct qd_deck *deck,
                              struct qd_reload *r)
{
	const struct qd_deck *old = qd_deckset_find(c->decks, qd_deck_id(deck));
	struct qd_deck *retired;

	memset(r, 0, sizeof(*r));
	if (!old) {
		qd_deck_free(deck);
		return -1;
	}
	for (size_t i = 0; i < c->n_cards; i++) {
		const struct qd_card *card;
		if (c->cards[i].deck != old)
			continue;
		card = qd_deck_find(deck, c->cards[i].card->id);
		/* A reversed twin follows its card; it is not counted twice. */
		if (card) {
			c->cards[i].deck = deck;
			c->cards[i].card = card;
			r->kept += !c->cards[i].reversed;
		} else {
			c->cards[i].gone = true;
			r->gone += !c->cards[i].reversed;
		}
	}
	r->added = qd_deck_card_count(deck) - r->kept;
	retired = qd_deckset_replace(c->decks, deck);
	c->retired = qd_xrealloc(c->retired, (c->n_retired + 1) * sizeof(*c->retired));
	c->retired[c->n_retired++] = retired;
	return 0;
}

void qd_collection_release(struct qd_collection *c)
{
	for (size_t i = 0; i < c->n_retired; i++)
		qd_deck_free(c->retired[i]);
	free(c->retired);
	qd_replay_release(&c->states);
	qd_logdata_release(&c->log);
	qd_deckset_free(c->decks);
	free(c->cards);
	free(c->recent);
	free(c->log_path);
	for (size_t i = 0; i < c->n_rev_ids; i++)
		free(c->rev_ids[i]);
	free(c->rev_ids);
	memset(c, 0, sizeof(*c));
}

bool qd_collection_card_has_tag(const struct qd_collection_card *cc, const char *const *tags,
                                size_t n)
{
	const struct qd_card *c = cc->card;
	const char *const *deck_tags;
	size_t n_deck_tags;

	if (n == 0)
		return true;
	deck_tags = qd_deck_tags(cc->deck, &n_deck_tags);
	for (size_t i = 0; i < n; i++) {
		for (size_t j = 0; j < c->n_tags; j++)
			if (strcmp(tags[i], c->tags[j]) == 0)
				return true;
		for (size_t j = 0; j < n_deck_tags; j++)
			if (strcmp(tags[i], deck_tags[j]) == 0)
				return true;
	}
	return false;
}

void qd_collection_card_question(const struct qd_collection_card *cc, struct qd_buf *out)
{
	const struct qd_card *c = cc->card;

	if (c->type != QD_CARD_CLOZE) {
		qd_buf_adds(out, cc->reversed ? c->a : c->q);
		return;
	}
	if (c->q) {
		qd_buf_adds(out, c->q);
		qd_buf_addc(out, ' ');
	}
	for (size_t i = 0, at = 0; i <= c->n_blanks; i++) {
		size_t to = i < c->n_blanks ? c->blanks[i].start : strlen(c->text);
		qd_buf_add(out, c->text + at, to - at);
		if (i < c->n_blanks) {
			qd_buf_adds(out, "[...]");
			at = c->blanks[i].start + c->blanks[i].len;
		}
	}
}

/* Whether s, normalised, holds the normalised needle. */
static bool text_has(const char *s, const char *needle, bool ignore_accents, struct qd_buf *tmp)
{
	if (!s)
		return false;
	qd_buf_reset(tmp);
	qd_match_normalize(tmp, s, ignore_accents);
	return strstr(tmp->data, needle) != NULL;
}

bool qd_collection_card_matches(const struct qd_collection_card *cc, const char *needle)
{
	const struct qd_card *c = cc->card;
	struct qd_buf plain, folded, tmp;
	bool fold, found;

	qd_buf_init(&plain);
	qd_buf_init(&folded);
	qd_buf_init(&tmp);
	qd_match_normalize(&plain, needle, false);
	qd_match_normalize(&folded, needle, true);
	fold = qd_deck_ignores_accents(cc->deck) || strcmp(plain.data, folded.data) == 0;
	needle = fold ? folded.data : plain.data;
	found = text_has(c->q, needle, fold, &tmp) || text_has(c->a, needle, fold, &tmp) ||
	        text_has(c->text, needle, fold, &tmp);
	for (size_t i = 0; !found && i < c->n_accept; i++)
		found = text_has(c->accept[i], needle, fold, &tmp);
	for (size_t i = 0; !found && i < c->n_choices; i++)
		found = text_has(c->choices[i], needle, fold, &tmp);
	qd_buf_release(&plain);
	qd_buf_release(&folded);
	qd_buf_release(&tmp);
	return found;
}

bool qd_collection_due_at(const struct qd_sched_params *p, const struct qd_memory *m,
                          int64_t at_ms)
{
	if (m->state == QD_STATE_NEW)
		return false;
	if (m->state == QD_STATE_REVIEW)
		return qd_sched_day(p, m->due_ms) <= qd_sched_day(p, at_ms);
	return m->due_ms <= at_ms;
}

bool qd_collection_due_on(const struct qd_sched_params *p, const struct qd_memory *m,
                          int64_t day)
{
	return m->state != QD_STATE_NEW && qd_sched_day(p, m->due_ms) <= day;
}

void qd_collection_done_today(const struct qd_collection *c, int64_t now,
                              struct qd_queue_today *total, struct qd_queue_today *per_card)
{
	const struct qd_sched_params *p = &c->cfg.params;
	int64_t today = qd_sched_day(p, now);

	if (!c->states_only) {
		qd_queue_done_today(p, &c->log, &c->states, now, total, per_card);
		return;
	}
	memset(total, 0, sizeof(*total));
	for (size_t i = 0; i < c->n_recent; i++) {
		const struct qd_collection_review *r = &c->recent[i];
		if (r->card >= c->states.n_listed || qd_sched_day(p, r->time_ms) != today)
			continue;
		if (r->before == QD_STATE_NEW) {
			total->started++;
			if (per_card)
				per_card[r->card].started++;
		} else if (r->before == QD_STATE_REVIEW) {
			total->reviewed++;
			if (per_card)
				per_card[r->card].reviewed++;
		}
	}
}

/* The key of a card's group, as the session keys it: siblings share it. */
static void group_key(const struct qd_collection_card *cc, struct qd_buf *b)
{
	qd_buf_reset(b);
	qd_buf_addf(b, "%s\x1f%s%s", qd_deck_id(cc->deck), cc->card->group ? "g:" : "c:",
	            cc->card->group ? cc->card->group : cc->card->id);
}

void qd_collection_count_due(const struct qd_collection *c, int64_t now,
                             struct qd_due_counts *out)
{
	const struct qd_sched_params *p = &c->cfg.params;
	int64_t today = qd_sched_day(p, now);
	struct qd_strset groups = {0}, cards = {0};
	long new_left = c->cfg.new_per_day;
	struct qd_buf key;

	memset(out, 0, sizeof(*out));
	qd_buf_init(&key);
	/* Groups with a card reviewed today, and those cards (which may come
	 * back in their steps). */
	for (size_t i = 0; i < c->n_cards; i++) {
		const struct qd_card_state *cs = &c->states.cards[i];
		if (c->cards[i].first_review_ms && qd_sched_day(p, c->cards[i].first_review_ms) == today)
			new_left--;
		if (cs->mem.last_review_ms && qd_sched_day(p, cs->mem.last_review_ms) == today) {
			group_key(&c->cards[i], &key);
			qd_strset_add(&groups, key.data);
			qd_strset_add(&cards, cs->card);
		}
	}
	for (size_t i = 0; i < c->n_cards; i++) {
		const struct qd_card_state *cs = &c->states.cards[i];
		if (!qd_replay_available(cs, now) || !qd_collection_due_at(p, &cs->mem, now))
			continue;
		group_key(&c->cards[i], &key);
		if (qd_strset_has(&groups, key.data) && !qd_strset_has(&cards, cs->card))
			continue; /* a sibling was seen today */
		qd_strset_add(&groups, key.data);
		qd_strset_add(&cards, cs->card);
		out->due++;
		if (cs->mem.state != QD_STATE_REVIEW)
			out->learning++;
	}
	for (size_t i = 0; i < c->n_cards && new_left > 0; i++) {
		if (c->states.cards[i].mem.state != QD_STATE_NEW ||
		    !qd_replay_available(&c->states.cards[i], now))
			continue;
		group_key(&c->cards[i], &key);
		if (!qd_strset_add(&groups, key.data))
			continue;
		out->new_today++;
		new_left--;
	}
	qd_strset_release(&groups);
	qd_strset_release(&cards);
	qd_buf_release(&key);
}

/*
 * Loading a collection: settings, decks, log, replay. See
 * quizdeck/collection.h.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/collection.h"

/* The log and the replay over decks (taken), with the settings cfg. */
static int load(const struct qd_ctx *ctx, const struct qd_config *cfg, struct qd_deckset *decks,
                struct qd_collection *c, struct qd_err *err);

int qd_collection_load(const struct qd_ctx *ctx, int n, char *const *args,
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
	return load(ctx, &cfg, decks, c, err);
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
	return load(ctx, &cfg, decks, c, err);
}

static int load(const struct qd_ctx *ctx, const struct qd_config *cfg, struct qd_deckset *decks,
                struct qd_collection *c, struct qd_err *err)
{
	struct qd_cardref *refs;
	struct qd_diags diags;
	size_t k = 0;
	int rc;

	c->cfg = *cfg;
	c->decks = decks;
	c->log_path = qd_revlog_path(ctx->data_dir);
	qd_diags_init(&diags, c->log_path);
	qd_logdata_release(&c->log); /* qd_revlog_load initialises it again */
	rc = qd_revlog_load(c->log_path, &c->log, &diags, err);
	if (rc == 0)
		qd_revlog_warn_future(&c->log, ctx->now_ms, &diags);
	qd_diags_sort(&diags);
	qd_diags_print(ctx->err, &diags);
	qd_diags_release(&diags);
	if (rc)
		return -1;

	for (size_t d = 0; d < qd_deckset_count(c->decks); d++)
		c->n_cards += qd_deck_card_count(qd_deckset_deck(c->decks, d));
	c->cards = qd_xcalloc(c->n_cards ? c->n_cards : 1, sizeof(*c->cards));
	refs = qd_xcalloc(c->n_cards ? c->n_cards : 1, sizeof(*refs));
	for (size_t d = 0; d < qd_deckset_count(c->decks); d++) {
		const struct qd_deck *deck = qd_deckset_deck(c->decks, d);
		for (size_t i = 0; i < qd_deck_card_count(deck); i++, k++) {
			c->cards[k].deck = deck;
			c->cards[k].card = qd_deck_card(deck, i);
			refs[k].deck = qd_deck_id(deck);
			refs[k].card = c->cards[k].card->id;
		}
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
		if (card) {
			c->cards[i].deck = deck;
			c->cards[i].card = card;
			r->kept++;
		} else {
			c->cards[i].gone = true;
			r->gone++;
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
	free(c->log_path);
	memset(c, 0, sizeof(*c));
}

/*
 * A deck being made, and its YAML (see quizdeck/gendeck.h).
 *
 * Keys are written in a fixed order (deck, title, description, source,
 * tags, reverse, accents, cards; per card id, type, q, text, a, accept,
 * choices, explain, hint, tags, group, nowarn, reverse) so the same deck always gives the
 * same bytes. There is no validator here: the loader is the one judge.
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/gendeck.h"
#include "quizdeck/yamldoc.h"
#include "quizdeck/yamlemit.h"

struct qd_gen_card *qd_gen_deck_add(struct qd_gen_deck *d)
{
	if (d->n_cards == d->cap_cards) {
		d->cap_cards = d->cap_cards ? d->cap_cards * 2 : 32;
		d->cards = qd_xrealloc(d->cards, d->cap_cards * sizeof(*d->cards));
	}
	memset(&d->cards[d->n_cards], 0, sizeof(*d->cards));
	return &d->cards[d->n_cards++];
}

long qd_gen_deck_find(const struct qd_gen_deck *d, const char *id)
{
	for (size_t i = 0; i < d->n_cards; i++)
		if (d->cards[i].id && strcmp(d->cards[i].id, id) == 0)
			return (long)i;
	return -1;
}

void qd_gen_card_release(struct qd_gen_card *c)
{
	free(c->id);
	free(c->q);
	free(c->a);
	free(c->text);
	free(c->explain);
	free(c->hint);
	free(c->group);
	qd_strv_clear(&c->accept);
	qd_strv_clear(&c->choices);
	qd_strv_clear(&c->answers);
	qd_strv_clear(&c->tags);
	qd_strv_clear(&c->nowarn);
	memset(c, 0, sizeof(*c));
}

void qd_gen_deck_remove(struct qd_gen_deck *d, size_t i)
{
	if (i >= d->n_cards)
		return;
	qd_gen_card_release(&d->cards[i]);
	memmove(&d->cards[i], &d->cards[i + 1], (d->n_cards - i - 1) * sizeof(*d->cards));
	d->n_cards--;
}

void qd_gen_deck_remove_ids(struct qd_gen_deck *d, const struct qd_strset *ids)
{
	size_t k = 0;

	for (size_t i = 0; i < d->n_cards; i++) {
		if (d->cards[i].id && qd_strset_has(ids, d->cards[i].id))
			qd_gen_card_release(&d->cards[i]);
		else
			d->cards[k++] = d->cards[i];
	}
	d->n_cards = k;
}

void qd_gen_deck_release(struct qd_gen_deck *d)
{
	free(d->id);
	free(d->title);
	free(d->description);
	free(d->source);
	free(d->accents);
	qd_strv_clear(&d->tags);
	for (size_t i = 0; i < d->n_cards; i++)
		qd_gen_card_release(&d->cards[i]);
	free(d->cards);
	memset(d, 0, sizeof(*d));
}

static bool fits(const char *s)
{
	return !s || strlen(s) <= QD_DECK_MAX_TEXT;
}

static bool list_fits(const struct qd_strv *v)
{
	for (size_t i = 0; i < v->len; i++)
		if (!fits(v->items[i]))
			return false;
	return true;
}

bool qd_gen_card_fits(const struct qd_gen_card *c)
{
	return fits(c->q) && fits(c->a) && fits(c->text) && fits(c->explain) && fits(c->hint) &&
	       fits(c->group) && list_fits(&c->accept) && list_fits(&c->nowarn) && list_fits(&c->choices) &&
	       list_fits(&c->answers) && list_fits(&c->tags);
}

static void emit_list(struct qd_yemit *e, const char *key, const struct qd_strv *v, bool flow)
{
	if (!v->len)
		return;
	qd_yemit_str(e, key);
	qd_yemit_seq_start(e, flow);
	for (size_t i = 0; i < v->len; i++)
		qd_yemit_str(e, v->items[i]);
	qd_yemit_seq_end(e);
}

static void emit_opt(struct qd_yemit *e, const char *key, const char *value)
{
	if (value)
		qd_yemit_kv(e, key, value);
}

int qd_gen_deck_emit(const struct qd_gen_deck *d, struct qd_buf *out, struct qd_err *err)
{
	struct qd_yemit *e = qd_yemit_new(out, 100);
	int rc;

	qd_yemit_map_start(e, false);
	qd_yemit_kv(e, "deck", d->id ? d->id : "");
	qd_yemit_kv(e, "title", d->title ? d->title : "");
	emit_opt(e, "description", d->description);
	emit_opt(e, "source", d->source);
	emit_list(e, "tags", &d->tags, true);
	if (d->reverse) {
		qd_yemit_str(e, "reverse");
		qd_yemit_plain(e, "true");
	}
	emit_opt(e, "accents", d->accents);
	qd_yemit_str(e, "cards");
	qd_yemit_seq_start(e, false);
	for (size_t i = 0; i < d->n_cards; i++) {
		const struct qd_gen_card *c = &d->cards[i];
		qd_yemit_map_start(e, false);
		qd_yemit_kv(e, "id", c->id ? c->id : "");
		qd_yemit_kv(e, "type", qd_card_type_name(c->type));
		emit_opt(e, "q", c->q);
		emit_opt(e, "text", c->text);
		if (c->type == QD_CARD_TRUEFALSE) {
			qd_yemit_str(e, "a");
			qd_yemit_plain(e, c->truth ? "true" : "false");
		} else if (c->type == QD_CARD_MULTI) {
			emit_list(e, "choices", &c->choices, false);
			emit_list(e, "a", &c->answers, false);
		} else {
			emit_opt(e, "a", c->a);
		}
		emit_list(e, "accept", &c->accept, true);
		if (c->type != QD_CARD_MULTI)
			emit_list(e, "choices", &c->choices, false);
		emit_opt(e, "explain", c->explain);
		emit_opt(e, "hint", c->hint);
		emit_list(e, "tags", &c->tags, true);
		emit_opt(e, "group", c->group);
		emit_list(e, "nowarn", &c->nowarn, true);
		if (c->reverse) {
			qd_yemit_str(e, "reverse");
			qd_yemit_plain(e, c->reverse > 0 ? "true" : "false");
		}
		qd_yemit_map_end(e);
	}
	qd_yemit_seq_end(e);
	qd_yemit_map_end(e);
	rc = qd_yemit_finish(e, err);
	qd_yemit_free(e);
	return rc;
}

int qd_gen_deck_within_limits(const struct qd_gen_deck *d, size_t yaml_len, struct qd_err *err)
{
	if (d->n_cards > QD_DECK_MAX_CARDS)
		return qd_err_set(err, QD_EXIT_DATAERR,
		                  "the deck would have %zu cards, over the limit of %d cards a deck "
		                  "may hold: split the article into smaller ones", d->n_cards,
		                  QD_DECK_MAX_CARDS);
	if (yaml_len > QD_YAML_MAX_BYTES)
		return qd_err_set(err, QD_EXIT_DATAERR,
		                  "the deck would be too large (%zu bytes; the limit of a deck file is "
		                  "%zu): split the article into smaller ones", yaml_len,
		                  (size_t)QD_YAML_MAX_BYTES);
	return 0;
}

int qd_gen_deck_load(const struct qd_gen_deck *d, struct qd_buf *yaml, struct qd_deck **out,
                     struct qd_err *err)
{
	struct qd_buf own;
	struct qd_diags diags;
	struct qd_deck *deck = NULL;
	struct qd_buf *y = yaml ? yaml : &own;
	int rc = 0;

	if (out)
		*out = NULL;
	qd_buf_init(&own);
	if (qd_gen_deck_within_limits(d, 0, err) || qd_gen_deck_emit(d, y, err) ||
	    qd_gen_deck_within_limits(d, y->len, err)) {
		qd_buf_release(&own);
		return -1;
	}
	qd_diags_init(&diags, "");
	if (qd_deck_load_mem("<generated>", y->data, y->len, &deck, &diags, NULL)) {
		/* The first error in the loader's words, without the position of
		 * a file that was never written. */
		for (size_t i = 0; i < diags.len; i++) {
			if (diags.items[i].sev != QD_SEV_ERROR)
				continue;
			qd_err_set(err, QD_EXIT_DATAERR, "%s", diags.items[i].msg);
			break;
		}
		if (diags.errors > 1 && err) {
			size_t m = strlen(err->msg);
			snprintf(err->msg + m, sizeof(err->msg) - m, " (and %zu more)", diags.errors - 1);
		}
		rc = -1;
	}
	qd_diags_release(&diags);
	qd_buf_release(&own);
	if (out)
		*out = deck;
	else
		qd_deck_free(deck);
	return rc;
}

int qd_gen_deck_validate(const struct qd_gen_deck *d, struct qd_err *err)
{
	return qd_gen_deck_load(d, NULL, NULL, err);
}

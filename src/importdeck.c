/*
 * Imported cards made into a deck: stable ids, a check of each card by the
 * deck loader (so a bad row is reported at its row, in the loader's
 * words), and the merge into a deck imported before (quizdeck/importdeck.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/importdeck.h"
#include "quizdeck/strset.h"
#include "quizdeck/words.h"

#define SLUG_BYTES 48 /* room for "-NNNN" under QD_DECK_MAX_ID */

void qd_import_init(struct qd_import *im)
{
	memset(im, 0, sizeof(*im));
}

void qd_import_release(struct qd_import *im)
{
	for (size_t i = 0; i < im->n; i++) {
		qd_gen_card_release(&im->cards[i].card);
		free(im->cards[i].key);
		free(im->cards[i].suffix);
		free(im->cards[i].file);
	}
	free(im->cards);
	free(im->deck_name);
	free(im->source);
	qd_import_init(im);
}

struct qd_import_card *qd_import_add(struct qd_import *im)
{
	if (im->n == im->cap) {
		im->cap = im->cap ? im->cap * 2 : 64;
		im->cards = qd_xrealloc(im->cards, im->cap * sizeof(*im->cards));
	}
	memset(&im->cards[im->n], 0, sizeof(*im->cards));
	return &im->cards[im->n++];
}

int qd_import_card_check(const struct qd_import_card *c, struct qd_diags *dg)
{
	struct qd_gen_deck d;
	struct qd_err err;
	char did[] = "import", cid[] = "card";
	int rc;

	memset(&d, 0, sizeof(d));
	d.id = did;
	d.title = did;
	d.n_cards = 1;
	{
		/* The card as it will be written, with an id the check accepts. */
		struct qd_gen_card one = c->card;
		one.id = cid;
		d.cards = &one;
		rc = qd_gen_deck_validate(&d, &err);
	}
	if (rc) {
		/* The loader names the card by the stand-in id: the row says which. */
		const char *msg = err.msg, *pre = "card 'card': ";
		if (strncmp(msg, pre, strlen(pre)) == 0)
			msg += strlen(pre);
		qd_diags_add(dg, QD_SEV_ERROR, c->line, 0, "%s", msg);
	}
	return rc;
}

/* The base of a derived id: the slug of the key, function words skipped
 * (all words kept when that leaves nothing). Caller frees. */
static char *derive(const struct qd_import_card *c)
{
	char *s = qd_slug_make(c->key ? c->key : "", 6, SLUG_BYTES, true);

	if (!s[0]) {
		free(s);
		s = qd_slug_make(c->key ? c->key : "", 6, SLUG_BYTES, false);
	}
	if (!s[0]) {
		free(s);
		s = qd_xstrdup("card");
	}
	if (c->suffix) {
		char *t = qd_xmalloc(strlen(s) + strlen(c->suffix) + 2);
		sprintf(t, "%s-%s", s, c->suffix);
		free(s);
		s = t;
	}
	return s;
}

void qd_import_assign_ids(struct qd_import *im)
{
	struct qd_strset taken;

	memset(&taken, 0, sizeof(taken));
	for (size_t i = 0; i < im->n; i++) {
		struct qd_import_card *c = &im->cards[i];
		char *base, buf[QD_DECK_MAX_ID + 1];

		if (c->card.id && qd_slug_valid(c->card.id, strlen(c->card.id)))
			base = qd_xstrdup(c->card.id);
		else
			base = derive(c);
		if (strlen(base) > QD_DECK_MAX_ID)
			base[QD_DECK_MAX_ID] = '\0';
		snprintf(buf, sizeof(buf), "%s", base);
		for (unsigned k = 2; qd_strset_has(&taken, buf); k++) {
			/* the base cut so that the suffix fits */
			char sfx[16];
			int room = (int)(QD_DECK_MAX_ID - (size_t)snprintf(sfx, sizeof(sfx), "-%u", k));
			snprintf(buf, sizeof(buf), "%.*s%s", room, base, sfx);
		}
		free(base);
		free(c->card.id);
		c->card.id = qd_xstrdup(buf);
		qd_strset_add(&taken, buf);
	}
	qd_strset_release(&taken);
}

static char *dup_or_null(const char *s)
{
	return s ? qd_xstrdup(s) : NULL;
}

static void strv_copy(struct qd_strv *v, const char *const *items, size_t n)
{
	for (size_t i = 0; i < n; i++)
		qd_strv_push(v, items[i]);
}

static void strv_move(struct qd_strv *to, struct qd_strv *from)
{
	qd_strv_clear(to);
	free(to->items);
	*to = *from;
	memset(from, 0, sizeof(*from));
}

void qd_gen_card_copy(struct qd_gen_card *g, const struct qd_card *c)
{
	g->id = qd_xstrdup(c->id);
	g->type = c->type;
	g->q = dup_or_null(c->q);
	g->a = c->type == QD_CARD_MULTI ? NULL : dup_or_null(c->a);
	g->truth = c->truth;
	g->text = dup_or_null(c->text);
	strv_copy(&g->accept, c->accept, c->n_accept);
	strv_copy(&g->choices, c->choices, c->n_choices);
	strv_copy(&g->answers, c->answers, c->n_answers);
	g->explain = dup_or_null(c->explain);
	g->hint = dup_or_null(c->hint);
	strv_copy(&g->tags, c->tags, c->n_tags);
	g->group = dup_or_null(c->group);
	strv_copy(&g->nowarn, c->nowarn, c->n_nowarn);
	g->reverse = c->reverse < 0 ? 0 : c->reverse ? 1 : -1;
}

static void take_str(char **to, char **from)
{
	free(*to);
	*to = *from;
	*from = NULL;
}

/* Moves the fields the source has from src into dst (same type). */
static void merge_card(struct qd_gen_card *dst, struct qd_gen_card *src, unsigned have)
{
	if (have & QD_IMPORT_Q) {
		if (dst->type == QD_CARD_CLOZE)
			take_str(&dst->text, &src->text);
		else
			take_str(&dst->q, &src->q);
	}
	if ((have & QD_IMPORT_PROMPT) && dst->type == QD_CARD_CLOZE)
		take_str(&dst->q, &src->q); /* a cloze's lead-in; other cards' q is the question */
	if (have & QD_IMPORT_A) {
		take_str(&dst->a, &src->a);
		dst->truth = src->truth;
		strv_move(&dst->answers, &src->answers);
	}
	if (have & QD_IMPORT_CHOICES)
		strv_move(&dst->choices, &src->choices);
	if (have & QD_IMPORT_ACCEPT)
		strv_move(&dst->accept, &src->accept);
	if (have & QD_IMPORT_HINT)
		take_str(&dst->hint, &src->hint);
	if (have & QD_IMPORT_EXPLAIN)
		take_str(&dst->explain, &src->explain);
	if (have & QD_IMPORT_TAGS)
		strv_move(&dst->tags, &src->tags);
	if (have & QD_IMPORT_GROUP)
		take_str(&dst->group, &src->group);
}

static char *slug_of(const char *s)
{
	char *id = qd_slug_make(s, 6, SLUG_BYTES, false);

	if (!id[0]) {
		free(id);
		id = qd_xstrdup("imported");
	}
	return id;
}

int qd_import_build(struct qd_import *im, const struct qd_deck *old, const char *id,
                    const char *title, const char *fallback_title, struct qd_gen_deck *out,
                    struct qd_import_stats *stats, struct qd_err *err)
{
	struct qd_strset index;

	memset(stats, 0, sizeof(*stats));
	if (old) {
		size_t n;
		const char *const *tags = qd_deck_tags(old, &n);
		out->id = qd_xstrdup(qd_deck_id(old));
		out->title = qd_xstrdup(qd_deck_title(old));
		out->description = dup_or_null(qd_deck_description(old));
		out->source = dup_or_null(qd_deck_source(old));
		strv_copy(&out->tags, tags, n);
		out->reverse = qd_deck_allows_reverse(old);
		if (qd_deck_ignores_accents(old))
			out->accents = qd_xstrdup("ignore");
		for (size_t i = 0; i < qd_deck_card_count(old); i++)
			qd_gen_card_copy(qd_gen_deck_add(out), qd_deck_card(old, i));
	} else {
		const char *t = im->deck_name ? im->deck_name : fallback_title;
		out->title = qd_xstrdup(t && t[0] ? t : "Imported cards");
		out->id = slug_of(out->title);
		out->source = dup_or_null(im->source);
	}
	if (title) {
		free(out->title);
		out->title = qd_xstrdup(title);
		if (!old && !id) {
			free(out->id);
			out->id = slug_of(title);
		}
	}
	if (id) {
		free(out->id);
		out->id = qd_xstrdup(id);
	}
	stats->kept = out->n_cards;
	/* the deck's cards by id, so that merging is linear */
	memset(&index, 0, sizeof(index));
	for (size_t i = 0; i < out->n_cards; i++)
		qd_strset_put_n(&index, out->cards[i].id, strlen(out->cards[i].id), i, NULL);
	for (size_t i = 0; i < im->n; i++) {
		struct qd_import_card *c = &im->cards[i];
		size_t at;

		if (!qd_strset_get_n(&index, c->card.id, strlen(c->card.id), &at)) {
			qd_strset_put_n(&index, c->card.id, strlen(c->card.id), out->n_cards, NULL);
			*qd_gen_deck_add(out) = c->card;
			memset(&c->card, 0, sizeof(c->card));
			stats->added++;
			continue;
		}
		if (out->cards[at].type != c->card.type) {
			qd_gen_card_release(&out->cards[at]);
			out->cards[at] = c->card;
			memset(&c->card, 0, sizeof(c->card));
		} else {
			merge_card(&out->cards[at], &c->card, c->have);
		}
		stats->updated++;
		stats->kept--;
	}
	qd_strset_release(&index);
	if (!out->n_cards)
		return qd_err_set(err, QD_EXIT_DATAERR, "no cards to import");
	return qd_gen_deck_validate(out, err);
}

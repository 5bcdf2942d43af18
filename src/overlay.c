/*
 * Overlays of hand curation for generated decks (see quizdeck/overlay.h).
 *
 * The file is read into the generic YAML tree of quizdeck/yamldoc.h (which
 * bounds size and depth, refuses aliases and duplicate keys, and keeps every
 * node's position), then interpreted here; every problem names the overlay
 * file, line and column. Overlays are strict: an id that matches no card is
 * an error, so a stale overlay is noticed when the article changes.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/fileio.h"
#include "quizdeck/overlay.h"
#include "quizdeck/yamldoc.h"

#define MAX_DEPTH 16

struct reader {
	const char *name;
	struct qd_err *err;
};

static int fail(struct reader *r, int line, int col, const char *fmt, const char *arg)
{
	return qd_err_at(r->err, QD_EXIT_DATAERR, r->name, line, col, fmt, arg);
}

/* ------------------------------------------------------------------ */
/* Interpretation */

enum node_type { N_SCALAR = QD_YNODE_SCALAR, N_SEQ = QD_YNODE_SEQUENCE, N_MAP = QD_YNODE_MAPPING };

static bool is_null(const struct qd_ynode *n)
{
	return qd_ynode_is_null(n);
}

static int want(struct reader *r, const struct qd_ynode *n, enum node_type t, const char *key)
{
	static const char *const names[] = {"a string", "a list", "a mapping"};
	char msg[160];

	if ((int)n->kind == (int)t)
		return 0;
	snprintf(msg, sizeof(msg), "'%s' must be %s", key, names[t]);
	return fail(r, n->line, n->col, "%s", msg);
}

static int set_string(struct reader *r, char **slot, const struct qd_ynode *n, const char *key,
                      bool nullable)
{
	if (nullable && is_null(n)) {
		free(*slot);
		*slot = NULL;
		return 0;
	}
	if (want(r, n, N_SCALAR, key))
		return -1;
	free(*slot);
	*slot = qd_xstrdup(n->str);
	return 0;
}

static int set_list(struct reader *r, struct qd_strv *v, const struct qd_ynode *n, const char *key)
{
	if (is_null(n)) {
		qd_strv_clear(v);
		return 0;
	}
	if (want(r, n, N_SEQ, key))
		return -1;
	qd_strv_clear(v);
	for (size_t i = 0; i < n->n_items; i++) {
		if (want(r, n->items[i], N_SCALAR, key))
			return -1;
		qd_strv_push(v, n->items[i]->str);
	}
	return 0;
}

static int set_bool(struct reader *r, bool *slot, const struct qd_ynode *n, const char *key)
{
	if (n->kind == QD_YNODE_SCALAR && n->plain && strcmp(n->str, "true") == 0)
		*slot = true;
	else if (n->kind == QD_YNODE_SCALAR && n->plain && strcmp(n->str, "false") == 0)
		*slot = false;
	else
		return fail(r, n->line, n->col, "'%s' must be true or false", key);
	return 0;
}

/* Sets the fields of card c from mapping m ("type" first, so that "a"
 * knows the card's type). "id" and "after" are handled by the caller. */
static int set_card_fields(struct reader *r, struct qd_gen_card *c, const struct qd_ynode *m)
{
	for (size_t i = 0; i < m->n_pairs; i++) {
		const struct qd_ynode *k = m->pairs[i].key, *v = m->pairs[i].value;
		if (strcmp(k->str, "type") != 0)
			continue;
		if (want(r, v, N_SCALAR, "type"))
			return -1;
		if (qd_card_type_parse(v->str, &c->type))
			return fail(r, v->line, v->col,
			            "unknown card type '%s' (basic, typed, choice, multi, truefalse, cloze)",
			            v->str);
	}
	for (size_t i = 0; i < m->n_pairs; i++) {
		const struct qd_ynode *k = m->pairs[i].key, *v = m->pairs[i].value;
		const char *key = k->str;
		int rc = 0;

		if (!strcmp(key, "type") || !strcmp(key, "id") || !strcmp(key, "after"))
			continue;
		if (!strcmp(key, "q"))
			rc = set_string(r, &c->q, v, key, c->type == QD_CARD_CLOZE);
		else if (!strcmp(key, "text"))
			rc = set_string(r, &c->text, v, key, false);
		else if (!strcmp(key, "explain"))
			rc = set_string(r, &c->explain, v, key, true);
		else if (!strcmp(key, "hint"))
			rc = set_string(r, &c->hint, v, key, true);
		else if (!strcmp(key, "accept"))
			rc = set_list(r, &c->accept, v, key);
		else if (!strcmp(key, "choices"))
			rc = set_list(r, &c->choices, v, key);
		else if (!strcmp(key, "tags"))
			rc = set_list(r, &c->tags, v, key);
		else if (!strcmp(key, "group"))
			rc = set_string(r, &c->group, v, key, true);
		else if (!strcmp(key, "a")) {
			if (c->type == QD_CARD_MULTI)
				rc = set_list(r, &c->answers, v, key);
			else if (c->type == QD_CARD_TRUEFALSE)
				rc = set_bool(r, &c->truth, v, key);
			else
				rc = set_string(r, &c->a, v, key, false);
		} else {
			return fail(r, k->line, k->col,
			            "unknown card key '%s' (q, a, text, accept, choices, explain, hint, "
			            "tags, group, type)", key);
		}
		if (rc)
			return -1;
	}
	/* Fields the new type does not use go away. */
	if (c->type != QD_CARD_CLOZE) {
		free(c->text);
		c->text = NULL;
	}
	if (c->type == QD_CARD_MULTI || c->type == QD_CARD_TRUEFALSE || c->type == QD_CARD_CLOZE) {
		free(c->a);
		c->a = NULL;
	}
	if (c->type != QD_CARD_MULTI)
		qd_strv_clear(&c->answers);
	if (c->type != QD_CARD_CHOICE && c->type != QD_CARD_MULTI)
		qd_strv_clear(&c->choices);
	if (c->type != QD_CARD_TYPED)
		qd_strv_clear(&c->accept);
	return 0;
}

static const struct qd_ynode *lookup(const struct qd_ynode *m, const char *key)
{
	return qd_ynode_get(m, key);
}

static int apply_deck(struct reader *r, struct qd_gen_deck *d, const struct qd_ynode *m)
{
	if (want(r, m, N_MAP, "deck"))
		return -1;
	for (size_t i = 0; i < m->n_pairs; i++) {
		const struct qd_ynode *k = m->pairs[i].key, *v = m->pairs[i].value;
		const char *key = k->str;
		int rc;
		if (!strcmp(key, "id")) {
			rc = set_string(r, &d->id, v, key, false);
			if (!rc && !qd_slug_valid(d->id, strlen(d->id)))
				rc = fail(r, v->line, v->col, "deck id '%s' is not a slug", d->id);
		} else if (!strcmp(key, "title")) {
			rc = set_string(r, &d->title, v, key, false);
		} else if (!strcmp(key, "description")) {
			rc = set_string(r, &d->description, v, key, true);
		} else if (!strcmp(key, "source")) {
			rc = set_string(r, &d->source, v, key, true);
		} else if (!strcmp(key, "accents")) {
			rc = set_string(r, &d->accents, v, key, true);
		} else if (!strcmp(key, "tags")) {
			rc = set_list(r, &d->tags, v, key);
		} else if (!strcmp(key, "reverse")) {
			rc = set_bool(r, &d->reverse, v, key);
		} else {
			return fail(r, k->line, k->col,
			            "unknown deck key '%s' (id, title, description, source, tags, "
			            "reverse, accents)", key);
		}
		if (rc)
			return -1;
	}
	return 0;
}

static int apply_root(struct reader *r, struct qd_gen_deck *d, const struct qd_ynode *root)
{
	const struct qd_ynode *n;

	if (root->kind != QD_YNODE_MAPPING)
		return fail(r, root->line, root->col, "%s",
		            "an overlay is a mapping with 'deck', 'drop', 'edit' and 'add'");
	for (size_t i = 0; i < root->n_pairs; i++) {
		const char *key = root->pairs[i].key->str;
		if (strcmp(key, "deck") && strcmp(key, "drop") && strcmp(key, "edit") &&
		    strcmp(key, "add"))
			return fail(r, root->pairs[i].key->line, root->pairs[i].key->col,
			            "unknown overlay key '%s' (deck, drop, edit, add)", key);
	}
	if ((n = lookup(root, "deck")) && apply_deck(r, d, n))
		return -1;
	if ((n = lookup(root, "drop"))) {
		if (want(r, n, N_SEQ, "drop"))
			return -1;
		for (size_t i = 0; i < n->n_items; i++) {
			const struct qd_ynode *id = n->items[i];
			long at;
			if (want(r, id, N_SCALAR, "drop"))
				return -1;
			if ((at = qd_gen_deck_find(d, id->str)) < 0)
				return fail(r, id->line, id->col,
				            "cannot drop card '%s': the generated deck has no such card", id->str);
			qd_gen_deck_remove(d, (size_t)at);
		}
	}
	if ((n = lookup(root, "edit"))) {
		if (want(r, n, N_MAP, "edit"))
			return -1;
		for (size_t i = 0; i < n->n_pairs; i++) {
			const struct qd_ynode *id = n->pairs[i].key, *fields = n->pairs[i].value;
			long at = qd_gen_deck_find(d, id->str);
			if (at < 0)
				return fail(r, id->line, id->col,
				            "cannot edit card '%s': the generated deck has no such card", id->str);
			if (want(r, fields, N_MAP, id->str) ||
			    set_card_fields(r, &d->cards[at], fields))
				return -1;
		}
	}
	if ((n = lookup(root, "add"))) {
		if (want(r, n, N_SEQ, "add"))
			return -1;
		for (size_t i = 0; i < n->n_items; i++) {
			const struct qd_ynode *m = n->items[i], *id, *after, *type;
			if (want(r, m, N_MAP, "add"))
				return -1;
			if (!(id = lookup(m, "id")) || id->kind != QD_YNODE_SCALAR)
				return fail(r, m->line, m->col, "%s", "an added card needs an 'id'");
			if (!(type = lookup(m, "type")))
				return fail(r, m->line, m->col, "added card '%s' needs a 'type'", id->str);
			if (!qd_slug_valid(id->str, strlen(id->str)))
				return fail(r, id->line, id->col, "card id '%s' is not a slug", id->str);
			if (qd_gen_deck_find(d, id->str) >= 0)
				return fail(r, id->line, id->col,
				            "cannot add card '%s': the deck already has a card with this id",
				            id->str);
			long at = (long)d->n_cards;
			if ((after = lookup(m, "after"))) {
				if (want(r, after, N_SCALAR, "after"))
					return -1;
				if ((at = qd_gen_deck_find(d, after->str)) < 0)
					return fail(r, after->line, after->col,
					            "cannot add after card '%s': the deck has no such card",
					            after->str);
				at++;
			}
			struct qd_gen_card *c = qd_gen_deck_add(d);
			c->id = qd_xstrdup(id->str);
			if (set_card_fields(r, c, m))
				return -1;
			/* Move the new last card to its place. */
			struct qd_gen_card tmp = d->cards[d->n_cards - 1];
			memmove(&d->cards[at + 1], &d->cards[at],
			        (d->n_cards - 1 - (size_t)at) * sizeof(*d->cards));
			d->cards[at] = tmp;
		}
	}
	return 0;
}

int qd_overlay_apply(struct qd_gen_deck *d, const char *name, const char *data, size_t len,
                     struct qd_err *err)
{
	struct reader r = {name, err};
	struct qd_ylimits limits = {.max_bytes = QD_OVERLAY_MAX_BYTES, .max_depth = MAX_DEPTH};
	struct qd_ynode *root = NULL;
	struct qd_diags diags;
	int rc;

	qd_diags_init(&diags, name);
	rc = qd_ydoc_parse(data, len, &limits, &root, &diags);
	qd_diags_sort(&diags);
	if (rc || diags.errors) {
		qd_diags_to_err(&diags, err);
		qd_diags_release(&diags);
		qd_ynode_free(root);
		return -1;
	}
	qd_diags_release(&diags);
	if (!root)
		return 0; /* an empty overlay changes nothing */
	rc = apply_root(&r, d, root);
	qd_ynode_free(root);
	return rc;
}

int qd_overlay_apply_file(struct qd_gen_deck *d, const char *path, struct qd_err *err)
{
	struct qd_buf b;
	int rc = -1;

	qd_buf_init(&b);
	if (qd_file_read(path, QD_OVERLAY_MAX_BYTES, &b, err) == 0)
		rc = qd_overlay_apply(d, path, b.data, b.len, err);
	qd_buf_release(&b);
	return rc;
}

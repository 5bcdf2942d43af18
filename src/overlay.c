/*
 * Overlays of hand curation for generated decks (see quizdeck/overlay.h).
 *
 * The file is small and its shape fixed, so it is read with libyaml's event
 * API into a tiny tree (scalars, sequences, mappings, each with its mark)
 * and then interpreted. The event API lets this file refuse aliases and
 * bound nesting and size before anything is built, as the deck loader does.
 * libyaml's 1/0 convention stays inside this file.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "quizdeck/buf.h"
#include "quizdeck/overlay.h"

#define MAX_DEPTH 16
#define MAX_NODES 20000

enum node_type { N_SCALAR, N_SEQ, N_MAP };

struct node {
	enum node_type type;
	char *value;  /* scalars */
	bool plain;   /* a plain scalar (so ~, null and "" may mean null) */
	struct node **kids; /* sequences: items; mappings: key, value, key, value... */
	size_t n_kids;
	int line, col;
};

struct reader {
	yaml_parser_t parser;
	const char *name;
	struct qd_err *err;
	size_t nodes;
	bool failed;
};

static void node_free(struct node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n_kids; i++)
		node_free(n->kids[i]);
	free(n->kids);
	free(n->value);
	free(n);
}

static int fail(struct reader *r, int line, int col, const char *fmt, const char *arg)
{
	r->failed = true;
	return qd_err_at(r->err, QD_EXIT_DATAERR, r->name, line, col, fmt, arg);
}

static void add_kid(struct node *n, struct node *k)
{
	n->kids = qd_xrealloc(n->kids, (n->n_kids + 1) * sizeof(*n->kids));
	n->kids[n->n_kids++] = k;
}

/* Reads one node starting with event ev (consumed). Returns NULL on error. */
static struct node *read_node(struct reader *r, yaml_event_t *ev, int depth)
{
	struct node *n;
	int line = (int)ev->start_mark.line + 1, col = (int)ev->start_mark.column + 1;

	if (ev->type == YAML_ALIAS_EVENT) {
		yaml_event_delete(ev);
		fail(r, line, col, "%s", "aliases are not allowed in an overlay");
		return NULL;
	}
	if (++r->nodes > MAX_NODES || depth > MAX_DEPTH) {
		yaml_event_delete(ev);
		fail(r, line, col, "%s", r->nodes > MAX_NODES ? "overlay too large"
		                                             : "overlay nested too deeply");
		return NULL;
	}
	n = qd_xcalloc(1, sizeof(*n));
	n->line = line;
	n->col = col;
	if (ev->type == YAML_SCALAR_EVENT) {
		n->type = N_SCALAR;
		n->value = qd_xstrndup((const char *)ev->data.scalar.value, ev->data.scalar.length);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (strlen(n->value) != ev->data.scalar.length) {
			yaml_event_delete(ev);
			node_free(n);
			fail(r, line, col, "%s", "NUL character in a string");
			return NULL;
		}
		yaml_event_delete(ev);
		return n;
	}
	if (ev->type != YAML_SEQUENCE_START_EVENT && ev->type != YAML_MAPPING_START_EVENT) {
		yaml_event_delete(ev);
		node_free(n);
		fail(r, line, col, "%s", "unexpected YAML event");
		return NULL;
	}
	n->type = ev->type == YAML_SEQUENCE_START_EVENT ? N_SEQ : N_MAP;
	yaml_event_delete(ev);
	for (;;) {
		yaml_event_t kid;
		if (!yaml_parser_parse(&r->parser, &kid)) {
			node_free(n);
			fail(r, (int)r->parser.problem_mark.line + 1, (int)r->parser.problem_mark.column + 1,
			     "YAML syntax error: %s", r->parser.problem ? r->parser.problem : "unknown");
			return NULL;
		}
		if (kid.type == YAML_SEQUENCE_END_EVENT || kid.type == YAML_MAPPING_END_EVENT) {
			yaml_event_delete(&kid);
			return n;
		}
		struct node *k = read_node(r, &kid, depth + 1);
		if (!k) {
			node_free(n);
			return NULL;
		}
		if (n->type == N_MAP && n->n_kids % 2 == 0) {
			if (k->type != N_SCALAR) {
				fail(r, k->line, k->col, "%s", "mapping keys must be plain strings");
				node_free(k);
				node_free(n);
				return NULL;
			}
			for (size_t i = 0; i < n->n_kids; i += 2)
				if (strcmp(n->kids[i]->value, k->value) == 0) {
					fail(r, k->line, k->col, "duplicate key '%s'", k->value);
					node_free(k);
					node_free(n);
					return NULL;
				}
		}
		add_kid(n, k);
	}
}

static struct node *parse(struct reader *r, const char *data, size_t len)
{
	yaml_event_t ev;
	struct node *root = NULL;

	if (!yaml_parser_initialize(&r->parser)) {
		r->failed = true;
		qd_err_set(r->err, QD_EXIT_SOFTWARE, "cannot initialise the YAML parser");
		return NULL;
	}
	yaml_parser_set_input_string(&r->parser, (const unsigned char *)data, len);
	for (;;) {
		if (!yaml_parser_parse(&r->parser, &ev)) {
			int line = (int)r->parser.problem_mark.line + 1;
			int col = (int)r->parser.problem_mark.column + 1;
			if (r->parser.error == YAML_READER_ERROR)
				line = col = 0;
			fail(r, line, col, "YAML syntax error: %s",
			     r->parser.problem ? r->parser.problem : "unknown");
			node_free(root);
			root = NULL;
			break;
		}
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		if (ev.type == YAML_STREAM_START_EVENT || ev.type == YAML_DOCUMENT_END_EVENT) {
			yaml_event_delete(&ev);
			continue;
		}
		if (ev.type == YAML_DOCUMENT_START_EVENT) {
			if (root) {
				fail(r, (int)ev.start_mark.line + 1, (int)ev.start_mark.column + 1, "%s",
				     "an overlay holds one YAML document");
				yaml_event_delete(&ev);
				node_free(root);
				root = NULL;
				break;
			}
			yaml_event_delete(&ev);
			continue;
		}
		if (!(root = read_node(r, &ev, 0)))
			break;
	}
	yaml_parser_delete(&r->parser);
	return root;
}

/* ------------------------------------------------------------------ */
/* Interpretation */

static bool is_null(const struct node *n)
{
	return n->type == N_SCALAR && n->plain &&
	       (!n->value[0] || strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0);
}

static int want(struct reader *r, const struct node *n, enum node_type t, const char *key)
{
	static const char *const names[] = {"a string", "a list", "a mapping"};
	char msg[160];

	if (n->type == t)
		return 0;
	snprintf(msg, sizeof(msg), "'%s' must be %s", key, names[t]);
	return fail(r, n->line, n->col, "%s", msg);
}

static int set_string(struct reader *r, char **slot, const struct node *n, const char *key,
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
	*slot = qd_xstrdup(n->value);
	return 0;
}

static int set_list(struct reader *r, struct qd_strv *v, const struct node *n, const char *key)
{
	if (is_null(n)) {
		qd_strv_clear(v);
		return 0;
	}
	if (want(r, n, N_SEQ, key))
		return -1;
	qd_strv_clear(v);
	for (size_t i = 0; i < n->n_kids; i++) {
		if (want(r, n->kids[i], N_SCALAR, key))
			return -1;
		qd_strv_push(v, n->kids[i]->value);
	}
	return 0;
}

static int set_bool(struct reader *r, bool *slot, const struct node *n, const char *key)
{
	if (n->type == N_SCALAR && n->plain && strcmp(n->value, "true") == 0)
		*slot = true;
	else if (n->type == N_SCALAR && n->plain && strcmp(n->value, "false") == 0)
		*slot = false;
	else
		return fail(r, n->line, n->col, "'%s' must be true or false", key);
	return 0;
}

/* Sets the fields of card c from mapping m ("type" first, so that "a"
 * knows the card's type). "id" and "after" are handled by the caller. */
static int set_card_fields(struct reader *r, struct qd_gen_card *c, const struct node *m)
{
	for (size_t i = 0; i < m->n_kids; i += 2) {
		const struct node *k = m->kids[i], *v = m->kids[i + 1];
		if (strcmp(k->value, "type") != 0)
			continue;
		if (want(r, v, N_SCALAR, "type"))
			return -1;
		if (qd_gen_type_parse(v->value, &c->type))
			return fail(r, v->line, v->col,
			            "unknown card type '%s' (basic, typed, choice, multi, truefalse, cloze)",
			            v->value);
	}
	for (size_t i = 0; i < m->n_kids; i += 2) {
		const struct node *k = m->kids[i], *v = m->kids[i + 1];
		const char *key = k->value;
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
			            "tags, type)", key);
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

static const struct node *lookup(const struct node *m, const char *key)
{
	for (size_t i = 0; i + 1 < m->n_kids; i += 2)
		if (strcmp(m->kids[i]->value, key) == 0)
			return m->kids[i + 1];
	return NULL;
}

static int apply_deck(struct reader *r, struct qd_gen_deck *d, const struct node *m)
{
	if (want(r, m, N_MAP, "deck"))
		return -1;
	for (size_t i = 0; i < m->n_kids; i += 2) {
		const struct node *k = m->kids[i], *v = m->kids[i + 1];
		const char *key = k->value;
		int rc;
		if (!strcmp(key, "id")) {
			rc = set_string(r, &d->id, v, key, false);
			if (!rc && !qd_gen_is_slug(d->id))
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

static int apply_root(struct reader *r, struct qd_gen_deck *d, const struct node *root)
{
	const struct node *n;

	if (root->type != N_MAP)
		return fail(r, root->line, root->col, "%s",
		            "an overlay is a mapping with 'deck', 'drop', 'edit' and 'add'");
	for (size_t i = 0; i < root->n_kids; i += 2) {
		const char *key = root->kids[i]->value;
		if (strcmp(key, "deck") && strcmp(key, "drop") && strcmp(key, "edit") &&
		    strcmp(key, "add"))
			return fail(r, root->kids[i]->line, root->kids[i]->col,
			            "unknown overlay key '%s' (deck, drop, edit, add)", key);
	}
	if ((n = lookup(root, "deck")) && apply_deck(r, d, n))
		return -1;
	if ((n = lookup(root, "drop"))) {
		if (want(r, n, N_SEQ, "drop"))
			return -1;
		for (size_t i = 0; i < n->n_kids; i++) {
			const struct node *id = n->kids[i];
			long at;
			if (want(r, id, N_SCALAR, "drop"))
				return -1;
			if ((at = qd_gen_deck_find(d, id->value)) < 0)
				return fail(r, id->line, id->col,
				            "cannot drop card '%s': the generated deck has no such card", id->value);
			qd_gen_deck_remove(d, (size_t)at);
		}
	}
	if ((n = lookup(root, "edit"))) {
		if (want(r, n, N_MAP, "edit"))
			return -1;
		for (size_t i = 0; i < n->n_kids; i += 2) {
			const struct node *id = n->kids[i], *fields = n->kids[i + 1];
			long at = qd_gen_deck_find(d, id->value);
			if (at < 0)
				return fail(r, id->line, id->col,
				            "cannot edit card '%s': the generated deck has no such card", id->value);
			if (want(r, fields, N_MAP, id->value) ||
			    set_card_fields(r, &d->cards[at], fields))
				return -1;
		}
	}
	if ((n = lookup(root, "add"))) {
		if (want(r, n, N_SEQ, "add"))
			return -1;
		for (size_t i = 0; i < n->n_kids; i++) {
			const struct node *m = n->kids[i], *id, *after, *type;
			if (want(r, m, N_MAP, "add"))
				return -1;
			if (!(id = lookup(m, "id")) || id->type != N_SCALAR)
				return fail(r, m->line, m->col, "%s", "an added card needs an 'id'");
			if (!(type = lookup(m, "type")))
				return fail(r, m->line, m->col, "added card '%s' needs a 'type'", id->value);
			if (!qd_gen_is_slug(id->value))
				return fail(r, id->line, id->col, "card id '%s' is not a slug", id->value);
			if (qd_gen_deck_find(d, id->value) >= 0)
				return fail(r, id->line, id->col,
				            "cannot add card '%s': the deck already has a card with this id",
				            id->value);
			long at = (long)d->n_cards;
			if ((after = lookup(m, "after"))) {
				if (want(r, after, N_SCALAR, "after"))
					return -1;
				if ((at = qd_gen_deck_find(d, after->value)) < 0)
					return fail(r, after->line, after->col,
					            "cannot add after card '%s': the deck has no such card",
					            after->value);
				at++;
			}
			struct qd_gen_card *c = qd_gen_deck_add(d);
			c->id = qd_xstrdup(id->value);
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
	struct reader r;
	struct node *root;
	int rc;

	memset(&r, 0, sizeof(r));
	r.name = name;
	r.err = err;
	if (len > QD_OVERLAY_MAX_BYTES)
		return qd_err_at(err, QD_EXIT_DATAERR, name, 0, 0, "overlay larger than 256 KiB");
	if (!(root = parse(&r, data, len)))
		return r.failed ? -1 : 0; /* an empty overlay changes nothing */
	rc = apply_root(&r, d, root);
	node_free(root);
	return rc;
}

int qd_overlay_apply_file(struct qd_gen_deck *d, const char *path, struct qd_err *err)
{
	struct qd_buf b;
	char chunk[8192];
	size_t n;
	int rc;
	FILE *fp = fopen(path, "rb");

	if (!fp)
		return qd_err_errno(err, QD_EXIT_NOINPUT, errno, "cannot open overlay '%s'", path);
	qd_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0 && b.len <= QD_OVERLAY_MAX_BYTES)
		qd_buf_add(&b, chunk, n);
	if (ferror(fp)) {
		int e = errno;
		fclose(fp);
		qd_buf_release(&b);
		return qd_err_errno(err, QD_EXIT_NOINPUT, e, "cannot read overlay '%s'", path);
	}
	fclose(fp);
	rc = qd_overlay_apply(d, path, b.data, b.len, err);
	qd_buf_release(&b);
	return rc;
}

/*
 * An Anki collection's notes into the deck's cards (quizdeck/anki-cards.h):
 * fields to text (their HTML reduced by quizdeck/html.h, the media they
 * name counted), cloze deletions to blanks, card ids from the notes'
 * guids, tags and sub-decks, and the deck's name from the Anki decks.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "quizdeck/anki-cards.h"
#include "quizdeck/anki-notetypes.h"
#include "quizdeck/anki-pkg.h"
#include "quizdeck/buf.h"
#include "quizdeck/deck.h"
#include "quizdeck/html.h"
#include "quizdeck/sha256.h"
#include "quizdeck/words.h"

/* A field's HTML as deck text (quizdeck/html.h, read as a foreign field);
 * trim: a whole field, else a piece of one (a cloze's text between blanks).
 * The media it names are counted. Caller frees. */
static char *field_text(struct qd_anki_imp *m, const char *html, bool trim, bool inline_only)
{
	struct qd_strv media = {0};
	struct qd_html_opts o = {.foreign = true, .fragment = !trim, .inline_only = inline_only,
	                         .media = &media};
	struct qd_buf b;

	qd_buf_init(&b);
	qd_html_to_text_with(&b, html, strlen(html), &o);
	for (size_t i = 0; i < media.len; i++)
		qd_strset_add(&m->media, media.items[i]);
	qd_strv_clear(&media);
	return qd_buf_detach(&b, NULL);
}

/* ---- Cloze deletions ---- */

struct cloze {
	const char *s;
	size_t n, i;
	int active;           /* the card's cloze number */
	struct qd_buf seg;    /* HTML of the text since the last blank */
	struct qd_buf ans;    /* HTML of the blank being read */
	struct qd_buf out;    /* the deck text */
	struct qd_strv hints; /* HTML */
	size_t blanks;
	bool empty, occlusion;
	struct qd_anki_imp *m;
};

/* Whether s[i..] opens a deletion: {{cN[,M...]::. Sets *len to the length
 * of the opening and *active whether it holds number a. */
static bool cloze_open(const char *s, size_t n, size_t i, int a, size_t *len, bool *active)
{
	size_t k = i + 3;

	if (n - i < 7 || s[i] != '{' || s[i + 1] != '{' || (s[i + 2] != 'c' && s[i + 2] != 'C'))
		return false;
	*active = false;
	while (k < n && ((s[k] >= '0' && s[k] <= '9') || s[k] == ',')) {
		long v = 0;
		size_t d = k;
		while (k < n && s[k] >= '0' && s[k] <= '9') {
			if (v < 100000)
				v = v * 10 + (s[k] - '0');
			k++;
		}
		if (k > d && v == a)
			*active = true;
		if (k < n && s[k] == ',')
			k++;
		else
			break;
	}
	if (k == i + 3 || k + 1 >= n || s[k] != ':' || s[k + 1] != ':')
		return false;
	*len = k + 2 - i;
	return true;
}

/* Escapes what would read as blank markers in text outside the blanks. */
static void add_outside(struct qd_buf *out, const char *t)
{
	for (const char *p = t; *p; p++) {
		qd_buf_addc(out, *p);
		if ((*p == '{' && p[1] == '{') || (*p == '}' && p[1] == '}'))
			qd_buf_addc(out, ' ');
	}
	if (out->len && out->data[out->len - 1] == '{')
		qd_buf_addc(out, ' ');
}

static void flush_seg(struct cloze *z)
{
	char *t;

	qd_buf_addc(&z->seg, '\0');
	t = field_text(z->m, z->seg.data, false, false);
	add_outside(&z->out, t);
	free(t);
	qd_buf_reset(&z->seg);
}

static void emit_blank(struct cloze *z)
{
	char *t;

	qd_buf_addc(&z->ans, '\0');
	t = field_text(z->m, z->ans.data, true, true);
	if (strncmp(z->ans.data, "image-occlusion:", 16) == 0)
		z->occlusion = true;
	if (!t[0])
		z->empty = true;
	qd_buf_adds(&z->out, "{{");
	for (char *p = t; *p; p++)
		qd_buf_addc(&z->out, *p == '|' ? '/' : *p == '{' ? '(' : *p == '}' ? ')' : *p);
	qd_buf_adds(&z->out, "}}");
	free(t);
	qd_buf_reset(&z->ans);
	z->blanks++;
}

/* Reads a sequence up to the "}}" that closes the deletion at depth (or
 * the end). in_blank: the text goes into the blank's answer; top: this is
 * the active deletion itself, whose hint is kept. */
static void cloze_seq(struct cloze *z, int depth, bool in_blank, bool top)
{
	while (z->i < z->n) {
		size_t len;
		bool active;

		if (depth < 10 && cloze_open(z->s, z->n, z->i, z->active, &len, &active)) {
			z->i += len;
			if (in_blank) {
				cloze_seq(z, depth + 1, true, false);
			} else if (active) {
				flush_seg(z);
				cloze_seq(z, depth + 1, true, true);
				emit_blank(z);
			} else {
				cloze_seq(z, depth + 1, false, false);
			}
			continue;
		}
		if (depth > 0 && z->s[z->i] == '}' && z->i + 1 < z->n && z->s[z->i + 1] == '}') {
			z->i += 2;
			return;
		}
		if (depth > 0 && z->s[z->i] == ':' && z->i + 1 < z->n && z->s[z->i + 1] == ':') {
			/* The hint runs to the deletion's end. */
			const char *e = NULL;
			size_t h = z->i + 2;
			for (size_t k = h; k + 1 < z->n; k++)
				if (z->s[k] == '}' && z->s[k + 1] == '}') {
					e = z->s + k;
					break;
				}
			if (e) {
				if (top) {
					char *hint = qd_xstrndup(z->s + h, (size_t)(e - z->s) - h);
					qd_strv_push(&z->hints, hint);
					free(hint);
				}
				z->i = (size_t)(e - z->s) + 2;
				return;
			}
		}
		qd_buf_addc(in_blank ? &z->ans : &z->seg, z->s[z->i]);
		z->i++;
	}
}

/* ---- Cards ---- */

struct note {
	int64_t id;
	char *guid;
	struct qd_anki_notetype *nt;
	char **flds;
	size_t n_flds;
	struct qd_strv tags;
};

static const char *fld(const struct note *n, int i)
{
	return i >= 0 && (size_t)i < n->n_flds ? n->flds[i] : "";
}

/* "<hex of the guid>-<ord + 1>": a slug, the same for the same note and
 * card in every export. A guid too long to spell out is hashed. */
static char *card_id(const char *guid, int ord)
{
	struct qd_buf b;
	size_t n = strlen(guid);

	qd_buf_init(&b);
	if (n && n <= 28) {
		for (size_t i = 0; i < n; i++)
			qd_buf_addf(&b, "%02x", (unsigned char)guid[i]);
	} else {
		char hex[65];
		qd_sha256_hex(guid, n, hex);
		qd_buf_add(&b, hex, 32);
	}
	qd_buf_addf(&b, "-%d", ord + 1);
	return qd_buf_detach(&b, NULL);
}

static struct qd_gen_card *new_card(struct qd_anki_imp *m, const struct note *n, int ord,
                                    int64_t cid, size_t deck_ix, struct qd_err *err)
{
	struct qd_gen_card *c;
	char *id = card_id(n->guid, ord), key[32];

	if (!qd_strset_add(&m->ids, id)) {
		qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
		          "note %" PRId64 ": its guid '%s' is another note's too (card '%s' twice)",
		          n->id, n->guid, id);
		free(id);
		return NULL;
	}
	c = qd_gen_deck_add(m->deck);
	c->id = id;
	for (size_t i = 0; i < n->tags.len; i++)
		qd_strv_push(&c->tags, n->tags.items[i]);
	if (m->deck->n_cards > m->cap_card_deck) {
		m->cap_card_deck = m->cap_card_deck ? m->cap_card_deck * 2 : 64;
		m->card_deck = qd_xrealloc(m->card_deck, m->cap_card_deck * sizeof(size_t));
	}
	m->card_deck[m->deck->n_cards - 1] = deck_ix;
	snprintf(key, sizeof(key), "%" PRId64, cid);
	qd_strset_put_n(&m->cids, key, strlen(key), m->deck->n_cards, NULL);
	return c;
}

/* Drops the card added last (it would be empty or is not one). */
static void drop_last(struct qd_anki_imp *m, int64_t cid)
{
	char key[32];

	snprintf(key, sizeof(key), "%" PRId64, cid);
	qd_strset_put_n(&m->cids, key, strlen(key), 0, NULL);
	qd_gen_deck_remove(m->deck, m->deck->n_cards - 1);
}

static char *group_of(const struct note *n)
{
	char *id = card_id(n->guid, 0);

	id[strlen(id) - 2] = '\0'; /* without "-1" */
	return id;
}

static int basic_card(struct qd_anki_imp *m, const struct note *n, int ord, int64_t cid,
                      size_t deck_ix, int qf, int af, int hf, bool typed, bool group,
                      struct qd_err *err)
{
	struct qd_gen_card *c = new_card(m, n, ord, cid, deck_ix, err);

	if (!c)
		return -1;
	c->type = typed ? QD_CARD_TYPED : QD_CARD_BASIC;
	c->q = field_text(m, fld(n, qf), true, false);
	c->a = field_text(m, fld(n, af), true, typed);
	if (hf >= 0) {
		c->hint = field_text(m, fld(n, hf), true, false);
		if (!c->hint[0]) {
			free(c->hint);
			c->hint = NULL;
		}
	}
	if (group)
		c->group = group_of(n);
	if (!c->q[0] || !c->a[0] || !qd_gen_card_fits(c)) {
		qd_anki_tally_add(&m->empty_cards, n->id);
		drop_last(m, cid);
	}
	return 0;
}

static int cloze_card(struct qd_anki_imp *m, const struct note *n, int ord, int64_t cid,
                      size_t deck_ix, bool group, struct qd_err *err)
{
	struct cloze z = {0};
	const char *text = fld(n, n->nt->cloze_field);
	struct qd_gen_card *c = new_card(m, n, ord, cid, deck_ix, err);
	struct qd_buf b;
	char *t;
	size_t len;

	if (!c)
		return -1;
	z.s = text;
	z.n = strlen(text);
	z.active = ord + 1;
	z.m = m;
	qd_buf_init(&z.seg);
	qd_buf_init(&z.ans);
	qd_buf_init(&z.out);
	cloze_seq(&z, 0, false, false);
	flush_seg(&z);
	qd_buf_addc(&z.out, '\0');
	/* Trim the text's ends. */
	t = z.out.data;
	while (*t == ' ' || *t == '\n')
		t++;
	len = strlen(t);
	while (len && (t[len - 1] == ' ' || t[len - 1] == '\n'))
		len--;
	c->type = QD_CARD_CLOZE;
	c->text = qd_xstrndup(t, len);
	qd_buf_init(&b);
	for (size_t i = 0; i < z.hints.len; i++) {
		char *h = field_text(m, z.hints.items[i], true, true);
		if (h[0] && !(b.len && strstr(b.data, h))) {
			if (b.len)
				qd_buf_adds(&b, "; ");
			qd_buf_adds(&b, h);
		}
		free(h);
	}
	if (b.len)
		c->hint = qd_buf_detach(&b, NULL);
	qd_buf_release(&b);
	qd_buf_init(&b);
	for (size_t i = 0; i < n->nt->n_extra; i++) {
		char *x = field_text(m, fld(n, n->nt->extra[i]), true, false);
		if (x[0]) {
			if (b.len)
				qd_buf_adds(&b, "\n\n");
			qd_buf_adds(&b, x);
		}
		free(x);
	}
	if (b.len)
		c->explain = qd_buf_detach(&b, NULL);
	qd_buf_release(&b);
	if (group)
		c->group = group_of(n);
	if (z.occlusion)
		qd_anki_tally_add(&m->occlusion, n->id);
	else if (z.blanks == 0)
		qd_anki_tally_add(&m->cloze_missing, n->id);
	else if (z.empty || !qd_gen_card_fits(c))
		qd_anki_tally_add(&m->empty_cards, n->id);
	if (z.occlusion || z.blanks == 0 || z.empty || !qd_gen_card_fits(c))
		drop_last(m, cid);
	qd_buf_release(&z.seg);
	qd_buf_release(&z.ans);
	qd_buf_release(&z.out);
	qd_strv_clear(&z.hints);
	return 0;
}

static void note_release(struct note *n)
{
	free(n->guid);
	for (size_t i = 0; i < n->n_flds; i++)
		free(n->flds[i]);
	free(n->flds);
	qd_strv_clear(&n->tags);
	memset(n, 0, sizeof(*n));
}

static int note_load(struct qd_anki_imp *m, sqlite3_stmt *st, struct note *n, struct qd_err *err)
{
	const char *f = (const char *)sqlite3_column_text(st, 8);
	size_t fl = f ? (size_t)sqlite3_column_bytes(st, 8) : 0, start = 0;
	char *tags;
	const char *p;

	n->id = sqlite3_column_int64(st, 4);
	n->guid = qd_anki_col_text(st, 5);
	n->nt = qd_anki_nt_find(m, sqlite3_column_int64(st, 6));
	if (!n->nt)
		return qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
		                 "note %" PRId64 ": its note type %" PRId64 " is not in the collection",
		                 n->id, (int64_t)sqlite3_column_int64(st, 6));
	if (!n->guid[0])
		return qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0, "note %" PRId64 ": empty guid",
		                 n->id);
	for (size_t i = 0; i <= fl; i++) {
		if (i < fl && f[i] != '\x1f')
			continue;
		n->flds = qd_xrealloc(n->flds, (n->n_flds + 1) * sizeof(char *));
		n->flds[n->n_flds++] = qd_xstrndup(f ? f + start : "", i - start);
		start = i + 1;
	}
	/* Tags: separated by spaces (and ideographic spaces). */
	tags = qd_anki_col_raw(st, 7);
	for (char *q; (q = strstr(tags, "\xe3\x80\x80")) != NULL;)
		memcpy(q, "   ", 3);
	p = tags;
	for (size_t len; (p = qd_word_next(&p, &len)) != NULL;) {
		char *t = qd_anki_clean_text(p, len);
		if (t[0] && !qd_strv_has(&n->tags, t))
			qd_strv_push(&n->tags, t);
		free(t);
		p += len;
	}
	free(tags);
	return 0;
}

int qd_anki_read_cards(struct qd_anki_imp *m, struct qd_err *err)
{
	sqlite3_stmt *st = qd_anki_prep(m,
		"SELECT c.id, c.ord, c.did, c.odid, n.id, n.guid, n.mid, n.tags, n.flds "
		"FROM cards c JOIN notes n ON n.id = c.nid ORDER BY n.id, c.ord, c.id", "cards", err);
	struct note n = {0};
	bool have = false;
	int rc, last_ord = -1;

	if (!st)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t cid = sqlite3_column_int64(st, 0), did = sqlite3_column_int64(st, 2),
		        odid = sqlite3_column_int64(st, 3), nid = sqlite3_column_int64(st, 4);
		int ord = sqlite3_column_int(st, 1);
		size_t dix = qd_anki_deck_find(m, odid ? odid : did);
		struct qd_anki_notetype *nt;
		bool siblings;

		if (!have || nid != n.id) {
			note_release(&n);
			have = true;
			last_ord = -1;
			if (note_load(m, st, &n, err))
				goto fail;
			if (n.nt->plan == QD_ANKI_PLAN_OTHER)
				qd_anki_tally_add(&n.nt->fallback, n.id);
		}
		if (ord == last_ord)
			continue; /* a second card of the same ordinal: Anki never makes one */
		nt = n.nt;
		siblings = nt->plan == QD_ANKI_PLAN_CLOZE || (nt->plan == QD_ANKI_PLAN_BASIC && nt->n_tmpls > 1);
		if (nt->plan == QD_ANKI_PLAN_OTHER) {
			/* One card per note: its first. */
			if (last_ord >= 0)
				continue;
			if (n.n_flds < 2) {
				qd_anki_tally_add(&m->no_field, n.id);
				last_ord = ord;
				continue;
			}
			if (basic_card(m, &n, 0, cid, dix, 0, 1, -1, false, false, err))
				goto fail;
		} else if (nt->plan == QD_ANKI_PLAN_CLOZE) {
			if (cloze_card(m, &n, ord, cid, dix, siblings, err))
				goto fail;
		} else {
			const struct qd_anki_tmpl *t = NULL;
			for (size_t i = 0; i < nt->n_tmpls; i++)
				if (nt->tmpls[i].ord == ord)
					t = &nt->tmpls[i];
			if (!t) {
				sqlite3_finalize(st);
				qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
				          "note %" PRId64 ": card %d has no template in note type '%s'",
				          n.id, ord + 1, nt->name);
				note_release(&n);
				return -1;
			}
			if (basic_card(m, &n, ord, cid, dix, t->q, t->a, t->hint, t->typed, siblings,
			               err))
				goto fail;
		}
		last_ord = ord;
	}
	if (rc != SQLITE_DONE) {
		note_release(&n);
		return qd_anki_step_err(m, st, "cards and notes", err);
	}
	sqlite3_finalize(st);
	note_release(&n);
	return 0;
fail:
	sqlite3_finalize(st);
	note_release(&n);
	return -1;
}

/* ---- The deck's name, and sub-decks as tags ---- */

/* Length of the common "::"-separated prefix of a and b. */
static size_t common_prefix(const char *a, const char *b)
{
	size_t i = 0, last = 0;

	for (;; i++) {
		bool ea = a[i] == '\0' || (a[i] == ':' && a[i + 1] == ':');
		bool eb = b[i] == '\0' || (b[i] == ':' && b[i + 1] == ':');
		if (ea && eb)
			last = i;
		if (a[i] == '\0' || b[i] == '\0' || a[i] != b[i] || ea != eb)
			break;
	}
	if (a[i] == '\0' && b[i] == '\0')
		return i;
	return last;
}

static char *base_name(const char *path)
{
	const char *b = strrchr(path, '/'), *dot;

	b = b ? b + 1 : path;
	dot = strrchr(b, '.');
	return qd_anki_clean_text(b, dot && dot > b ? (size_t)(dot - b) : strlen(b));
}

void qd_anki_name_deck(struct qd_anki_imp *m, const struct qd_anki_opts *o)
{
	const char *first = NULL;
	size_t prefix = 0;
	bool several = false;
	char *title;

	for (size_t i = 0; i < m->deck->n_cards; i++) {
		size_t k = m->card_deck[i];
		const char *name = k == SIZE_MAX ? NULL : m->decks[k].name;
		if (!name || !name[0])
			continue;
		if (!first) {
			first = name;
			prefix = strlen(name);
		} else if (strcmp(first, name) != 0) {
			several = true;
			char *f = qd_xstrndup(first, prefix);
			prefix = common_prefix(f, name);
			free(f);
		}
	}
	title = o->title ? qd_xstrdup(o->title)
	      : first && prefix ? qd_xstrndup(first, prefix) : base_name(m->path);
	if (!title[0]) {
		free(title);
		title = qd_xstrdup("Anki");
	}
	m->deck->title = title;
	if (o->deck_id) {
		m->deck->id = qd_xstrdup(o->deck_id);
	} else {
		m->deck->id = qd_slug_make(title, 0, QD_DECK_MAX_ID, false);
		if (!m->deck->id[0]) {
			free(m->deck->id);
			m->deck->id = qd_xstrdup("anki");
		}
	}
	{
		char *b = base_name(m->path);
		struct qd_buf s;
		qd_buf_init(&s);
		qd_buf_addf(&s, "Anki package %s", b);
		m->deck->source = qd_buf_detach(&s, NULL);
		free(b);
	}
	if (!several)
		return;
	/* Each card is tagged with its sub-deck, named below the common parent
	 * (or in full when the decks have none). */
	for (size_t i = 0; i < m->deck->n_cards; i++) {
		size_t k = m->card_deck[i];
		const char *name = k == SIZE_MAX ? NULL : m->decks[k].name;
		if (!name || !name[0])
			continue;
		if (prefix && strlen(name) > prefix + 2)
			name += prefix + 2;
		else if (prefix)
			continue;
		if (!qd_strv_has(&m->deck->cards[i].tags, name))
			qd_strv_push(&m->deck->cards[i].tags, name);
	}
}

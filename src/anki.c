/*
 * Anki packages into a deck being made, and their review log into review
 * records (see quizdeck/anki.h, docs/anki.md).
 *
 * The steps follow the package's layers: the zip (libzip on the descriptor
 * qd_file_open() gives, which refuses FIFOs and devices; only the members
 * needed are read, never the media beside them), the `meta` member that names the version and so the
 * collection member (never the dummy `collection.anki2` that current
 * packages carry), zstd for the current format, then SQLite: the bytes are
 * handed to sqlite3_deserialize() read-only, so no temporary file is
 * written and nothing is left behind. A WAL-mode header (the current
 * format's) is marked as a rollback journal first, since an in-memory
 * database has no WAL.
 *
 * Note types are read once into one shape from either schema: schema 11
 * keeps them as JSON in `col.models` (read with SQLite's own JSON
 * functions, which keep 64-bit ids exact), schema 15 and later in tables
 * whose `config` columns are protobuf (read by the small reader below).
 * What a card asks is decided from its template, not from the note type's
 * name, which users rename and translate: a front naming one field and a
 * back adding one is a basic card (so a reversed template is simply
 * another basic card), `{{type:F}}` on the front makes it typed, a cloze
 * note type gives one cloze card per cloze number. Anything else becomes a
 * basic card of the note's first two fields, with a warning.
 *
 * The review log is converted as Anki's FSRS code reads it
 * (rslib/src/scheduler/fsrs/params.rs): per card, cramming entries are
 * ignored, the history starts at the last run of learning answers (or
 * just after the last "forget"), and only button presses are answers.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sqlite3.h>
#include <unistr.h>
#include <zip.h>
#include <zstd.h>

#include "quizdeck/anki.h"
#include "quizdeck/anki-imp.h"
#include "quizdeck/anki-pkg.h"
#include "quizdeck/anki-revlog.h"
#include "quizdeck/buf.h"
#include "quizdeck/deck.h"
#include "quizdeck/fileio.h"
#include "quizdeck/html.h"
#include "quizdeck/sha256.h"
#include "quizdeck/strset.h"
#include "quizdeck/words.h"

/* " (note ID)", " (notes ID, ID, ID and N more)" into buf. */
static void tally_notes(const struct qd_anki_tally *t, char *buf, size_t size)
{
	size_t shown = t->notes < QD_ANKI_TALLY_IDS ? t->notes : QD_ANKI_TALLY_IDS, len;

	len = (size_t)snprintf(buf, size, " (note%s", t->notes == 1 ? "" : "s");
	for (size_t i = 0; i < shown && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%" PRId64,
		                        i == 0 ? " " : i + 1 == t->notes ? " and " : ", ", t->ids[i]);
	if (len < size && t->notes > shown)
		len += (size_t)snprintf(buf + len, size - len, " and %zu more", t->notes - shown);
	if (len < size)
		snprintf(buf + len, size - len, ")");
}

bool qd_anki_is_package(const char *path)
{
	size_t n = strlen(path);

	return (n > 5 && strcasecmp(path + n - 5, ".apkg") == 0) ||
	       (n > 7 && strcasecmp(path + n - 7, ".colpkg") == 0);
}

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

static struct qd_anki_notetype *nt_find(struct qd_anki_imp *m, int64_t id)
{
	size_t lo = 0, hi = m->n_nts;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->nts[mid].id == id)
			return &m->nts[mid];
		if (m->nts[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static size_t deck_find(struct qd_anki_imp *m, int64_t id)
{
	size_t lo = 0, hi = m->n_decks;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->decks[mid].id == id)
			return mid;
		if (m->decks[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

static int read_notetypes(struct qd_anki_imp *m, struct qd_err *err)
{
	const char *q_nt, *q_fld, *q_tmpl, *q_deck;
	sqlite3_stmt *st;
	int rc;

	if (m->ver < 15) {
		q_nt = "SELECT CAST(m.key AS INTEGER), json_extract(m.value, '$.name'), "
		       "json_extract(m.value, '$.type'), NULL FROM col, json_each(col.models) m "
		       "ORDER BY 1";
		q_fld = "SELECT CAST(m.key AS INTEGER), json_extract(f.value, '$.ord'), "
		        "json_extract(f.value, '$.name') FROM col, json_each(col.models) m, "
		        "json_each(m.value, '$.flds') f ORDER BY 1, 2";
		q_tmpl = "SELECT CAST(m.key AS INTEGER), json_extract(t.value, '$.ord'), "
		         "json_extract(t.value, '$.qfmt'), json_extract(t.value, '$.afmt'), NULL "
		         "FROM col, json_each(col.models) m, json_each(m.value, '$.tmpls') t "
		         "ORDER BY 1, 2";
		q_deck = "SELECT CAST(d.key AS INTEGER), json_extract(d.value, '$.name') "
		         "FROM col, json_each(col.decks) d ORDER BY 1";
	} else {
		/* fields and templates keep rows of deleted note types: join. */
		q_nt = "SELECT id, name, NULL, config FROM notetypes ORDER BY id";
		q_fld = "SELECT f.ntid, f.ord, f.name FROM fields f JOIN notetypes n ON n.id = f.ntid "
		        "ORDER BY 1, 2";
		q_tmpl = "SELECT t.ntid, t.ord, NULL, NULL, t.config FROM templates t "
		         "JOIN notetypes n ON n.id = t.ntid ORDER BY 1, 2";
		q_deck = "SELECT id, replace(name, char(31), '::') FROM decks ORDER BY id";
	}
	if (!(st = qd_anki_prep(m, q_nt, "note types", err)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct qd_anki_notetype *nt;
		m->nts = qd_xrealloc(m->nts, (m->n_nts + 1) * sizeof(*m->nts));
		nt = &m->nts[m->n_nts++];
		memset(nt, 0, sizeof(*nt));
		nt->id = sqlite3_column_int64(st, 0);
		nt->name = qd_anki_col_text(st, 1);
		if (m->ver < 15) {
			nt->cloze = sqlite3_column_int(st, 2) == 1;
		} else {
			uint64_t kind = 0;
			const unsigned char *b = sqlite3_column_blob(st, 3);
			int f = qd_anki_pb_field(b, b ? (size_t)sqlite3_column_bytes(st, 3) : 0, 1, &kind,
			                 NULL, NULL);
			if (f < 0) {
				sqlite3_finalize(st);
				return qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
				                 "note type %" PRId64 " ('%s'): its config is damaged",
				                 nt->id, nt->name);
			}
			nt->cloze = kind == 1;
		}
	}
	if (rc != SQLITE_DONE)
		return qd_anki_step_err(m, st, "note types", err);
	sqlite3_finalize(st);
	for (size_t i = 1; i < m->n_nts; i++)
		if (m->nts[i].id == m->nts[i - 1].id)
			return qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
			                 "note type %" PRId64 " is defined twice", m->nts[i].id);

	if (!(st = qd_anki_prep(m, q_fld, "fields", err)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct qd_anki_notetype *nt = nt_find(m, sqlite3_column_int64(st, 0));
		if (!nt)
			continue;
		nt->fields = qd_xrealloc(nt->fields, (nt->n_fields + 1) * sizeof(char *));
		nt->fields[nt->n_fields++] = qd_anki_col_text(st, 2);
	}
	if (rc != SQLITE_DONE)
		return qd_anki_step_err(m, st, "fields", err);
	sqlite3_finalize(st);

	if (!(st = qd_anki_prep(m, q_tmpl, "card templates", err)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct qd_anki_notetype *nt = nt_find(m, sqlite3_column_int64(st, 0));
		struct qd_anki_tmpl *t;
		if (!nt)
			continue;
		nt->tmpls = qd_xrealloc(nt->tmpls, (nt->n_tmpls + 1) * sizeof(*nt->tmpls));
		t = &nt->tmpls[nt->n_tmpls++];
		memset(t, 0, sizeof(*t));
		t->ord = sqlite3_column_int(st, 1);
		if (m->ver < 15) {
			t->qfmt = qd_anki_col_raw(st, 2);
			t->afmt = qd_anki_col_raw(st, 3);
		} else {
			const unsigned char *b = sqlite3_column_blob(st, 4), *s = NULL;
			size_t n = b ? (size_t)sqlite3_column_bytes(st, 4) : 0, len = 0;
			uint64_t v;
			if (qd_anki_pb_field(b, n, 1, &v, &s, &len) < 0) {
				sqlite3_finalize(st);
				return qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
				                 "note type %" PRId64 " ('%s'): template %d is damaged",
				                 nt->id, nt->name, t->ord + 1);
			}
			t->qfmt = qd_xstrndup(s ? (const char *)s : "", s ? len : 0);
			s = NULL;
			len = 0;
			qd_anki_pb_field(b, n, 2, &v, &s, &len);
			t->afmt = qd_xstrndup(s ? (const char *)s : "", s ? len : 0);
		}
	}
	if (rc != SQLITE_DONE)
		return qd_anki_step_err(m, st, "card templates", err);
	sqlite3_finalize(st);

	if (!(st = qd_anki_prep(m, q_deck, "decks", err)))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		m->decks = qd_xrealloc(m->decks, (m->n_decks + 1) * sizeof(*m->decks));
		m->decks[m->n_decks].id = sqlite3_column_int64(st, 0);
		m->decks[m->n_decks++].name = qd_anki_col_text(st, 1);
	}
	if (rc != SQLITE_DONE)
		return qd_anki_step_err(m, st, "decks", err);
	sqlite3_finalize(st);
	return 0;
}

/* ---- Templates: what a card asks ---- */

enum ref_kind { REF_PLAIN, REF_TYPE, REF_CLOZE, REF_HINT };

static int field_index(const struct qd_anki_notetype *nt, const char *name, size_t n)
{
	for (size_t i = 0; i < nt->n_fields; i++)
		if (strlen(nt->fields[i]) == n && memcmp(nt->fields[i], name, n) == 0)
			return (int)i;
	return -1;
}

/* Calls back for every field reference {{[filter:]...Field}} of fmt
 * (sections, comments and special names skipped); a reference to a field
 * the note type does not have gives index -1. */
static void each_ref(const struct qd_anki_notetype *nt, const char *fmt,
                     void (*fn)(void *arg, int field, enum ref_kind kind), void *arg)
{
	static const char *const special[] = {"FrontSide", "Tags", "Type", "Deck", "Subdeck",
	                                      "Card", "CardFlag", "CardID", NULL};
	const char *p = fmt;

	while ((p = strstr(p, "{{")) != NULL) {
		const char *e = strstr(p + 2, "}}"), *s = p + 2, *name;
		enum ref_kind kind = REF_PLAIN;
		bool skip = false;

		if (!e)
			break;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		if (s < e && strchr("#^/!=", *s))
			skip = true;
		name = s;
		for (const char *c = s; c < e; c++) {
			if (*c != ':')
				continue;
			if ((size_t)(c - name) == 4 && memcmp(name, "type", 4) == 0)
				kind = REF_TYPE;
			else if ((size_t)(c - name) == 5 && memcmp(name, "cloze", 5) == 0)
				kind = kind == REF_TYPE ? REF_TYPE : REF_CLOZE;
			else if ((size_t)(c - name) == 4 && memcmp(name, "hint", 4) == 0 &&
			         kind == REF_PLAIN)
				kind = REF_HINT;
			name = c + 1;
		}
		if (!skip) {
			const char *ne = e;
			while (ne > name && (ne[-1] == ' ' || ne[-1] == '\t'))
				ne--;
			for (size_t k = 0; special[k]; k++)
				if ((size_t)(ne - name) == strlen(special[k]) &&
				    memcmp(name, special[k], (size_t)(ne - name)) == 0)
					skip = true;
			if (!skip)
				fn(arg, field_index(nt, name, (size_t)(ne - name)), kind);
		}
		p = e + 2;
	}
}

struct refs {
	int plain[8], typed[8], cloze[8], hint[8];
	size_t n_plain, n_typed, n_cloze, n_hint;
	bool unknown; /* a reference to a field that is not there */
};

static void add_unique(int *arr, size_t *n, int v)
{
	for (size_t i = 0; i < *n; i++)
		if (arr[i] == v)
			return;
	if (*n < 8)
		arr[(*n)++] = v;
	else
		arr[7] = -2; /* too many: never a simple plan */
}

static void collect_ref(void *arg, int field, enum ref_kind kind)
{
	struct refs *r = arg;

	if (field < 0) {
		r->unknown = true;
		return;
	}
	switch (kind) {
	case REF_PLAIN: add_unique(r->plain, &r->n_plain, field); break;
	case REF_TYPE: add_unique(r->typed, &r->n_typed, field); break;
	case REF_CLOZE: add_unique(r->cloze, &r->n_cloze, field); break;
	case REF_HINT: add_unique(r->hint, &r->n_hint, field); break;
	}
}

static bool has(const int *arr, size_t n, int v)
{
	for (size_t i = 0; i < n; i++)
		if (arr[i] == v)
			return true;
	return false;
}

static void plan_template(const struct qd_anki_notetype *nt, struct qd_anki_tmpl *t)
{
	struct refs q = {0}, a = {0};
	int back = -1;
	size_t n_back = 0;

	t->q = t->a = t->hint = -1;
	each_ref(nt, t->qfmt, collect_ref, &q);
	each_ref(nt, t->afmt, collect_ref, &a);
	if (q.unknown || q.n_cloze || q.n_plain != 1 || q.plain[0] < 0)
		return;
	t->q = q.plain[0];
	t->hint = q.n_hint == 1 ? q.hint[0] : -1;
	if (q.n_typed == 1) {
		if (q.typed[0] < 0 || q.typed[0] == t->q)
			return;
		t->a = q.typed[0];
		t->typed = true;
		t->ok = true;
		return;
	}
	if (q.n_typed)
		return;
	for (size_t i = 0; i < a.n_plain; i++)
		if (a.plain[i] != t->q) {
			back = a.plain[i];
			n_back++;
		}
	if (n_back != 1 || back < 0 || a.unknown)
		return;
	t->a = back;
	t->ok = true;
}

static void plan_notetype(struct qd_anki_notetype *nt)
{
	nt->cloze_field = -1;
	if (nt->cloze) {
		struct refs q = {0}, a = {0};
		nt->plan = QD_ANKI_PLAN_CLOZE;
		for (size_t i = 0; i < nt->n_tmpls; i++) {
			each_ref(nt, nt->tmpls[i].qfmt, collect_ref, &q);
			each_ref(nt, nt->tmpls[i].afmt, collect_ref, &a);
		}
		nt->cloze_field = q.n_cloze && q.cloze[0] >= 0 ? q.cloze[0] : 0;
		for (size_t i = 0; i < a.n_plain; i++)
			if (a.plain[i] >= 0 && a.plain[i] != nt->cloze_field &&
			    !has(q.plain, q.n_plain, a.plain[i]) && nt->n_extra < 8)
				nt->extra[nt->n_extra++] = a.plain[i];
		return;
	}
	nt->plan = nt->n_tmpls ? QD_ANKI_PLAN_BASIC : QD_ANKI_PLAN_OTHER;
	for (size_t i = 0; i < nt->n_tmpls; i++) {
		plan_template(nt, &nt->tmpls[i]);
		if (!nt->tmpls[i].ok)
			nt->plan = QD_ANKI_PLAN_OTHER;
	}
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
	n->nt = nt_find(m, sqlite3_column_int64(st, 6));
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

static int read_cards(struct qd_anki_imp *m, struct qd_err *err)
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
		size_t dix = deck_find(m, odid ? odid : did);
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

static void name_deck(struct qd_anki_imp *m, const struct qd_anki_opts *o)
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

/* ---- Reporting ---- */

static void report(struct qd_anki_imp *m, bool with_reviews)
{
	struct qd_diags *d = m->d;
	char ids[160];

	for (size_t i = 0; i < m->n_nts; i++) {
		const struct qd_anki_tally *t = &m->nts[i].fallback;
		if (m->nts[i].plan != QD_ANKI_PLAN_OTHER || !t->n)
			continue;
		tally_notes(t, ids, sizeof(ids));
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "note type '%s' is not Basic, Basic (and reversed), Basic (type in "
		             "the answer) or Cloze: its %zu note%s became basic cards of their "
		             "first two fields%s", m->nts[i].name, t->n, t->n == 1 ? "" : "s", ids);
	}
	if (m->no_field.n) {
		tally_notes(&m->no_field, ids, sizeof(ids));
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu note%s left out: a note type of one field gives no question and "
		             "answer%s", m->no_field.n, m->no_field.n == 1 ? "" : "s", ids);
	}
	if (m->empty_cards.n) {
		tally_notes(&m->empty_cards, ids, sizeof(ids));
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu card%s left out: empty question or answer (or a field over %d "
		             "bytes)%s", m->empty_cards.n, m->empty_cards.n == 1 ? "" : "s",
		             QD_DECK_MAX_TEXT, ids);
	}
	if (m->cloze_missing.n) {
		tally_notes(&m->cloze_missing, ids, sizeof(ids));
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu cloze card%s left out: the note's text has no deletion of the "
		             "card's number%s", m->cloze_missing.n,
		             m->cloze_missing.n == 1 ? "" : "s", ids);
	}
	if (m->occlusion.n) {
		tally_notes(&m->occlusion, ids, sizeof(ids));
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu image occlusion card%s left out: they are pictures%s",
		             m->occlusion.n, m->occlusion.n == 1 ? "" : "s", ids);
	}
	if (m->media.len)
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu media file%s referenced but not imported (images show as "
		             "[image: NAME], sounds as [sound:NAME])", m->media.len,
		             m->media.len == 1 ? "" : "s");
	if (!with_reviews)
		return;
	if (m->skipped[QD_ANKI_SKIP_NOT_ANSWER])
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu review-log entr%s skipped: no answer (rescheduled, set due date, "
		             "forgotten)", m->skipped[QD_ANKI_SKIP_NOT_ANSWER],
		             m->skipped[QD_ANKI_SKIP_NOT_ANSWER] == 1 ? "y" : "ies");
	if (m->skipped[QD_ANKI_SKIP_CRAM])
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu review-log entr%s skipped: reviews in a filtered deck that did not "
		             "reschedule", m->skipped[QD_ANKI_SKIP_CRAM],
		             m->skipped[QD_ANKI_SKIP_CRAM] == 1 ? "y" : "ies");
	if (m->skipped[QD_ANKI_SKIP_BEFORE])
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu review-log entr%s skipped: answers before the card was forgotten "
		             "or learnt anew", m->skipped[QD_ANKI_SKIP_BEFORE],
		             m->skipped[QD_ANKI_SKIP_BEFORE] == 1 ? "y" : "ies");
	if (m->skipped[QD_ANKI_SKIP_NO_CARD])
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu review-log entr%s skipped: their card is deleted or was not "
		             "imported", m->skipped[QD_ANKI_SKIP_NO_CARD],
		             m->skipped[QD_ANKI_SKIP_NO_CARD] == 1 ? "y" : "ies");
	if (m->skipped[QD_ANKI_SKIP_INVALID])
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu review-log entr%s skipped: a button or time out of range",
		             m->skipped[QD_ANKI_SKIP_INVALID], m->skipped[QD_ANKI_SKIP_INVALID] == 1 ? "y" : "ies");
	if (m->no_learning)
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu card%s ha%s no learning answers in the review log: the first "
		             "review kept is replayed as the card's first answer", m->no_learning,
		             m->no_learning == 1 ? "" : "s", m->no_learning == 1 ? "s" : "ve");
}

int qd_anki_import(const char *path, const struct qd_anki_opts *o, struct qd_gen_deck *deck,
                   struct qd_review **reviews, size_t *n, struct qd_diags *d,
                   struct qd_err *err)
{
	struct qd_anki_imp m;
	struct qd_buf db;
	const char *member = "";
	int fd;
	struct qd_review *rv = NULL;
	size_t nrv = 0;
	int rc = -1;

	if (reviews)
		*reviews = NULL;
	if (n)
		*n = 0;
	memset(&m, 0, sizeof(m));
	m.path = path;
	m.deck = deck;
	m.d = d;
	qd_buf_init(&db);
	/* The zip is read from the file, not loaded whole: a collection
	 * package holds the media too, which may be gigabytes. */
	fd = qd_file_open(path, err);
	if (fd < 0 || qd_anki_read_collection(path, fd, &db, &member, err))
		goto out;
	if (qd_anki_open_db(&m, &db, member, err) || qd_anki_read_col(&m, err) || read_notetypes(&m, err))
		goto out;
	for (size_t i = 0; i < m.n_nts; i++)
		plan_notetype(&m.nts[i]);
	if (read_cards(&m, err))
		goto out;
	if (deck->n_cards > QD_DECK_MAX_CARDS) {
		qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0,
		          "the package gives %zu cards, more than a deck holds (%d): export a "
		          "smaller Anki deck", deck->n_cards, QD_DECK_MAX_CARDS);
		goto out;
	}
	name_deck(&m, o);
	if (o->with_reviews) {
		if (qd_anki_read_revlog(&m, &rv, &nrv, err))
			goto out;
		for (size_t i = 0; i < nrv; i++) {
			rv[i].deck = deck->id;
			rv[i].card = deck->cards[rv[i].line].id;
			rv[i].line = 0;
		}
	}
	report(&m, o->with_reviews);
	if (reviews) {
		*reviews = rv;
		rv = NULL;
	}
	if (n)
		*n = nrv;
	rc = 0;
out:
	free(rv);
	if (m.db)
		sqlite3_close(m.db);
	qd_anki_imp_release(&m);
	qd_buf_release(&db);
	return rc;
}

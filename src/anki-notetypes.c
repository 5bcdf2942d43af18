/*
 * An Anki collection's note types and decks (quizdeck/anki-notetypes.h),
 * read once into one shape from either schema: schema 11 keeps them as
 * JSON in `col.models` (read with SQLite's own JSON functions, which keep
 * 64-bit ids exact), schema 15 and later in tables whose `config` columns
 * are protobuf. What a card asks is decided from its template, not from
 * the note type's name, which users rename and translate: a front naming
 * one field and a back adding one is a basic card (so a reversed template
 * is simply another basic card), `{{type:F}}` on the front makes it typed,
 * a cloze note type gives one cloze card per cloze number. Anything else
 * becomes a basic card of the note's first two fields, with a warning.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "quizdeck/anki-notetypes.h"
#include "quizdeck/anki-pkg.h"

struct qd_anki_notetype *qd_anki_nt_find(struct qd_anki_imp *m, int64_t id)
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

size_t qd_anki_deck_find(struct qd_anki_imp *m, int64_t id)
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

int qd_anki_read_notetypes(struct qd_anki_imp *m, struct qd_err *err)
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
		struct qd_anki_notetype *nt = qd_anki_nt_find(m, sqlite3_column_int64(st, 0));
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
		struct qd_anki_notetype *nt = qd_anki_nt_find(m, sqlite3_column_int64(st, 0));
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

void qd_anki_plan_notetype(struct qd_anki_notetype *nt)
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

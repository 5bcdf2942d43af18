/*
 * Anki packages for the tests, made here with sqlite3, libzip and libzstd
 * in the layouts Anki writes (../shared/reference notes, docs/anki.md): the
 * schema-11 collection with its note types and decks as JSON in `col`, the
 * schema-18 one with its tables and protobuf configs, in WAL mode and
 * compressed as one zstd frame without a content size, as Anki writes it,
 * beside the dummy `collection.anki2`.
 */
#include <fcntl.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sqlite3.h>
#include <zip.h>
#include <zstd.h>

#include "anki-fixtures.h"

static const char schema_common[] =
	"CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null,"
	" scm integer not null, ver integer not null, dty integer not null, usn integer not null,"
	" ls integer not null, conf text not null, models text not null, decks text not null,"
	" dconf text not null, tags text not null);"
	"CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,"
	" mod integer not null, usn integer not null, tags text not null, flds text not null,"
	" sfld integer not null, csum integer not null, flags integer not null, data text not null);"
	"CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,"
	" ord integer not null, mod integer not null, usn integer not null, type integer not null,"
	" queue integer not null, due integer not null, ivl integer not null, factor integer not null,"
	" reps integer not null, lapses integer not null, left integer not null, odue integer not null,"
	" odid integer not null, flags integer not null, data text not null);"
	"CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null,"
	" ease integer not null, ivl integer not null, lastIvl integer not null,"
	" factor integer not null, time integer not null, type integer not null);"
	"CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);";

static const char schema_18[] =
	"CREATE TABLE notetypes (id integer not null primary key, name text not null collate unicase,"
	" mtime_secs integer not null, usn integer not null, config blob not null);"
	"CREATE UNIQUE INDEX idx_notetypes_name ON notetypes (name);"
	"CREATE TABLE fields (ntid integer not null, ord integer not null,"
	" name text not null collate unicase, config blob not null, primary key (ntid, ord))"
	" without rowid;"
	"CREATE TABLE templates (ntid integer not null, ord integer not null,"
	" name text not null collate unicase, mtime_secs integer not null, usn integer not null,"
	" config blob not null, primary key (ntid, ord)) without rowid;"
	"CREATE TABLE decks (id integer primary key not null, name text not null collate unicase,"
	" mtime_secs integer not null, usn integer not null, common blob not null,"
	" kind blob not null);"
	"CREATE TABLE deck_config (id integer primary key not null,"
	" name text not null collate unicase, mtime_secs integer not null, usn integer not null,"
	" config blob not null);"
	"CREATE TABLE config (KEY text not null primary key, usn integer not null,"
	" mtime_secs integer not null, val blob not null) without rowid;"
	"CREATE TABLE tags (tag text not null primary key collate unicase, usn integer not null,"
	" collapsed boolean not null, config blob null) without rowid;";

struct fx_field {
	const char *name;
};
struct fx_tmpl {
	const char *name, *qfmt, *afmt;
};
struct fx_notetype {
	int64_t id;
	const char *name;
	int kind; /* 0 standard, 1 cloze */
	const char *fields[3];
	struct fx_tmpl tmpls[2];
};

static const struct fx_notetype notetypes[] = {
	{1001, "Basic", 0, {"Front", "Back"},
	 {{"Card 1", "{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"}}},
	{1002, "Basic (and reversed card)", 0, {"Front", "Back"},
	 {{"Card 1", "{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"},
	  {"Card 2", "{{Back}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}"}}},
	{1003, "Basic (type in the answer)", 0, {"Front", "Back"},
	 {{"Card 1", "{{Front}}\n\n{{type:Back}}", "{{Front}}\n\n<hr id=answer>\n\n{{type:Back}}"}}},
	{1004, "Cloze", 1, {"Text", "Back Extra"},
	 {{"Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}"}}},
	{1005, "Vocab", 0, {"Word", "Meaning", "Example"},
	 {{"Recognise", "{{Word}}<br>{{Example}}", "{{FrontSide}}<hr id=answer>{{Meaning}}"}}},
};

struct fx_deck {
	int64_t id;
	const char *name; /* with "::" */
	bool filtered;
};

static const struct fx_deck decks[] = {
	{1, "Default", false},
	{2000, "Spanish", false},
	{2001, "Spanish::Verbs", false},
	{3000, "Filtered Deck 1", true},
};

struct fx_note {
	int64_t id;
	const char *guid;
	int64_t mid;
	const char *tags, *flds;
};

static const struct fx_note notes[] = {
	{1700000000001, "Ab1!x", 1001, " math leech ",
	 "What is <b>2 + 2</b>?&nbsp;\x1f<div>Four</div><div>4 <img src=\"cat.jpg\"></div>"},
	{1700000000002, "rev#2", 1002, " animals ", "perro\x1f" "dog"},
	{1700000000003, "typ3", 1003, "", "Capital of <i>France</i>?\x1fParis"},
	{1700000000004, "clz4", 1004, " geo ",
	 "{{c1::Paris::city}} is the capital of {{c2::France}}.\x1fSince <i>508</i>. "
	 "[sound:paris.mp3]"},
	{1700000000005, "voc5", 1005, " vocab ", "hablar\x1fto speak\x1fYo hablo."},
};

struct fx_card {
	int64_t id, nid, did;
	int ord;
	int64_t odid;
};

static const struct fx_card cards[] = {
	{5001, 1700000000001, 2000, 0, 0},
	{5002, 1700000000002, 2001, 0, 0},
	{5003, 1700000000002, 2001, 1, 0},
	{5004, 1700000000003, 2000, 0, 0},
	{5005, 1700000000004, 2000, 0, 0},
	{5006, 1700000000004, 3000, 1, 2000}, /* in a filtered deck; home: Spanish */
	{5007, 1700000000005, 2001, 0, 0},
};

struct fx_rev {
	int64_t id, cid;
	int ease, factor, type;
	int64_t time;
};

/* Eases as the v2/v3 scheduler writes them (FX_ANKI2 writes v1's). */
static const struct fx_rev revlog[] = {
	/* 5001: learning, review, lapse, relearning; then cramming and manual */
	{1700000000000, 5001, 1, 0, 0, 8000},
	{1700000600000, 5001, 3, 2500, 0, 5000},
	{1700086400000, 5001, 3, 2500, 1, 4000},
	{1700345600000, 5001, 1, 2300, 1, 9000},
	{1700346200000, 5001, 3, 2300, 2, 3000},
	{1700432600000, 5001, 3, 0, 3, 2000},     /* cramming: skipped */
	{1700519000000, 5001, 0, 2300, 4, 0},     /* set due date: skipped */
	/* 5002 and 5003: the two sides of a reversed note */
	{1700000100000, 5002, 3, 0, 0, 6000},
	{1700000700000, 5002, 3, 2500, 0, 4000},
	{1700172800000, 5002, 4, 2650, 1, 3000},
	{1700000200000, 5003, 4, 2500, 0, 7000},
	/* 5005: learnt, forgotten (reset), learnt again */
	{1699000000000, 5005, 3, 2500, 0, 5000},  /* before the reset: skipped */
	{1699086400000, 5005, 3, 2500, 1, 5000},  /* before the reset: skipped */
	{1699500000000, 5005, 0, 0, 4, 0},        /* the reset: skipped */
	{1700000300000, 5005, 1, 0, 0, 12000},
	{1700000900000, 5005, 3, 2500, 0, 6000},
	{1700259200000, 5005, 3, 2500, 1, 5000},
	/* 5007: reviews without learning (a history imported into Anki) */
	{1700000400000, 5007, 3, 2500, 1, 4000},
	/* a deleted card */
	{1700000500000, 9999, 3, 2500, 1, 4000},
};

static int unicase(void *arg, int na, const void *a, int nb, const void *b)
{
	int n = na < nb ? na : nb, c;

	(void)arg;
	c = strncasecmp(a, b, (size_t)n);
	return c ? c : na - nb;
}

static int exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "anki-fixtures: %s\n  in: %.200s\n", msg ? msg : "?", sql);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* Runs a formatted statement (sqlite3_mprintf: %Q quotes text). */
static int execf(sqlite3 *db, const char *fmt, ...)
{
	va_list ap;
	char *sql;
	int rc;

	va_start(ap, fmt);
	sql = sqlite3_vmprintf(fmt, ap);
	va_end(ap);
	rc = exec(db, sql);
	sqlite3_free(sql);
	return rc;
}

/* ---- protobuf, as Anki writes its configs ---- */

struct pb {
	unsigned char b[1024];
	size_t n;
};

static void pb_varint(struct pb *p, uint64_t v)
{
	do {
		unsigned char c = v & 0x7f;
		v >>= 7;
		p->b[p->n++] = c | (v ? 0x80 : 0);
	} while (v);
}

static void pb_bytes(struct pb *p, unsigned field, const char *s)
{
	size_t n = strlen(s);

	pb_varint(p, (uint64_t)field << 3 | 2);
	pb_varint(p, n);
	memcpy(p->b + p->n, s, n);
	p->n += n;
}

static char *hex(const struct pb *p)
{
	char *h = malloc(2 * p->n + 1);

	for (size_t i = 0; i < p->n; i++)
		sprintf(h + 2 * i, "%02x", p->b[i]);
	h[2 * p->n] = '\0';
	return h;
}

/* ---- collections ---- */

static int fill_schema11(sqlite3 *db, int sched_ver, int ver)
{
	sqlite3_str *m = sqlite3_str_new(db), *d = sqlite3_str_new(db);
	char *models, *dk;
	int rc;

	sqlite3_str_appendall(m, "{");
	for (size_t i = 0; i < sizeof(notetypes) / sizeof(notetypes[0]); i++) {
		const struct fx_notetype *nt = &notetypes[i];
		/* Old files write the id as a string; Anki reads both. */
		sqlite3_str_appendf(m, "%s\"%lld\": {\"id\": %s%lld%s, \"name\": \"%s\", \"type\": %d, "
		                    "\"sortf\": 0, \"css\": \".card {}\", \"flds\": [",
		                    i ? ", " : "", (long long)nt->id, i == 0 ? "\"" : "",
		                    (long long)nt->id, i == 0 ? "\"" : "", nt->name, nt->kind);
		for (int f = 0; f < 3 && nt->fields[f]; f++)
			sqlite3_str_appendf(m, "%s{\"name\": \"%s\", \"ord\": %d, \"sticky\": false, "
			                    "\"id\": -8612345678901234567}", f ? ", " : "",
			                    nt->fields[f], f);
		sqlite3_str_appendall(m, "], \"tmpls\": [");
		for (int t = 0; t < 2 && nt->tmpls[t].name; t++) {
			char *q, *a;
			sqlite3_str *qs = sqlite3_str_new(db), *as = sqlite3_str_new(db);
			for (const char *c = nt->tmpls[t].qfmt; *c; c++)
				sqlite3_str_appendall(qs, *c == '\n' ? "\\n" : (char[2]){*c, 0});
			for (const char *c = nt->tmpls[t].afmt; *c; c++)
				sqlite3_str_appendall(as, *c == '\n' ? "\\n" : (char[2]){*c, 0});
			q = sqlite3_str_finish(qs);
			a = sqlite3_str_finish(as);
			sqlite3_str_appendf(m, "%s{\"name\": \"%s\", \"ord\": %d, \"qfmt\": \"%s\", "
			                    "\"afmt\": \"%s\", \"did\": null}", t ? ", " : "",
			                    nt->tmpls[t].name, t, q, a);
			sqlite3_free(q);
			sqlite3_free(a);
		}
		sqlite3_str_appendall(m, "]}");
	}
	sqlite3_str_appendall(m, "}");
	sqlite3_str_appendall(d, "{");
	for (size_t i = 0; i < sizeof(decks) / sizeof(decks[0]); i++)
		sqlite3_str_appendf(d, "%s\"%lld\": {\"id\": %lld, \"name\": \"%s\", \"dyn\": %d, "
		                    "\"conf\": 1}", i ? ", " : "", (long long)decks[i].id,
		                    (long long)decks[i].id, decks[i].name, decks[i].filtered);
	sqlite3_str_appendall(d, "}");
	models = sqlite3_str_finish(m);
	dk = sqlite3_str_finish(d);
	rc = execf(db, "INSERT INTO col VALUES (1, 1699950000, 0, 0, %d, 0, 0, 0, "
	           "'{\"schedVer\": %d, \"nextPos\": 1}', %Q, %Q, '{}', '{}')", ver, sched_ver,
	           models, dk);
	sqlite3_free(models);
	sqlite3_free(dk);
	return rc;
}

static int fill_schema18(sqlite3 *db)
{
	if (exec(db, schema_18) ||
	    exec(db, "INSERT INTO col VALUES (1, 1699950000, 0, 0, 18, 0, 0, 0, '', '', '', '', '')") ||
	    exec(db, "INSERT INTO config VALUES ('schedVer', 0, 0, CAST('2' AS BLOB))"))
		return -1;
	for (size_t i = 0; i < sizeof(notetypes) / sizeof(notetypes[0]); i++) {
		const struct fx_notetype *nt = &notetypes[i];
		struct pb cfg = {.n = 0};
		char *h;
		int rc;

		if (nt->kind)
			pb_varint(&cfg, 1 << 3), pb_varint(&cfg, 1);
		pb_bytes(&cfg, 3, ".card { color: black; }");
		h = hex(&cfg);
		rc = execf(db, "INSERT INTO notetypes VALUES (%lld, %Q, 0, 0, X'%s')",
		           (long long)nt->id, nt->name, h);
		free(h);
		if (rc)
			return -1;
		for (int f = 0; f < 3 && nt->fields[f]; f++)
			if (execf(db, "INSERT INTO fields VALUES (%lld, %d, %Q, X'')", (long long)nt->id, f,
			          nt->fields[f]))
				return -1;
		for (int t = 0; t < 2 && nt->tmpls[t].name; t++) {
			struct pb tc = {.n = 0};
			pb_bytes(&tc, 1, nt->tmpls[t].qfmt);
			pb_bytes(&tc, 2, nt->tmpls[t].afmt);
			pb_varint(&tc, 8 << 3);
			pb_varint(&tc, UINT64_C(0x9234567890abcdef)); /* an i64 id */
			h = hex(&tc);
			rc = execf(db, "INSERT INTO templates VALUES (%lld, %d, %Q, 0, 0, X'%s')",
			           (long long)nt->id, t, nt->tmpls[t].name, h);
			free(h);
			if (rc)
				return -1;
		}
	}
	/* Rows of stock note types the exporter deleted (Anki leaves them). */
	if (exec(db, "INSERT INTO fields VALUES (424242, 0, 'Orphan', X'');"
	             "INSERT INTO templates VALUES (424242, 0, 'Orphan', 0, 0, X'0a037b7b7d7d')"))
		return -1;
	for (size_t i = 0; i < sizeof(decks) / sizeof(decks[0]); i++) {
		char name[64];
		size_t k = 0;
		for (const char *c = decks[i].name; *c; c++) {
			if (c[0] == ':' && c[1] == ':') {
				name[k++] = '\x1f';
				c++;
			} else {
				name[k++] = *c;
			}
		}
		name[k] = '\0';
		if (execf(db, "INSERT INTO decks VALUES (%lld, %Q, 0, 0, X'', X'%s')",
		          (long long)decks[i].id, name, decks[i].filtered ? "1200" : "0a00"))
			return -1;
	}
	return 0;
}

enum coll { C_NORMAL, C_SCHEMA_19, C_BAD_NOTE, C_DUP_GUID, C_NO_TEMPLATE, C_VIEW, C_GENERATED,
             C_DUMMY, C_FOREIGN, C_CLOZES };

static int fill_content(sqlite3 *db, enum fx_format f, enum coll kind)
{
	for (size_t i = 0; i < sizeof(notes) / sizeof(notes[0]); i++)
		if (execf(db, "INSERT INTO notes VALUES (%lld, %Q, %lld, 0, 0, %Q, %Q, '', 0, 0, '')",
		          (long long)notes[i].id, notes[i].guid, (long long)notes[i].mid, notes[i].tags,
		          notes[i].flds))
			return -1;
	for (size_t i = 0; i < sizeof(cards) / sizeof(cards[0]); i++)
		if (execf(db, "INSERT INTO cards VALUES (%lld, %lld, %lld, %d, 0, 0, 2, 2, 10, 5, 2500, "
		          "3, 0, 0, 0, %lld, 0, '{}')", (long long)cards[i].id, (long long)cards[i].nid,
		          (long long)cards[i].did, cards[i].ord, (long long)cards[i].odid))
			return -1;
	for (size_t i = 0; i < sizeof(revlog) / sizeof(revlog[0]); i++) {
		const struct fx_rev *r = &revlog[i];
		int ease = r->ease;
		/* v1 scheduler: learning and relearning had three buttons. */
		if (f == FX_ANKI2 && (r->type == 0 || r->type == 2) && ease >= 3)
			ease--;
		if (execf(db, "INSERT INTO revlog VALUES (%lld, %lld, 0, %d, 1, 0, %d, %lld, %d)",
		          (long long)r->id, (long long)r->cid, ease, r->factor, (long long)r->time,
		          r->type))
			return -1;
	}
	if (kind == C_BAD_NOTE &&
	    execf(db, "INSERT INTO notes VALUES (%lld, 'bad', %d, 0, 0, '', 'a\x1f" "b', '', 0, 0, '');"
	          "INSERT INTO cards VALUES (6001, %lld, 2000, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0,"
	          " 0, '')", FX_BAD_NOTE_ID, FX_BAD_MID, FX_BAD_NOTE_ID))
		return -1;
	/* Anki's guids are unique; a second "rev#2" gives note 2's card ids again. */
	if (kind == C_DUP_GUID &&
	    execf(db, "INSERT INTO notes VALUES (%lld, 'rev#2', 1001, 0, 0, '', 'a\x1f" "b', '', 0, 0,"
	          " '');INSERT INTO cards VALUES (6002, %lld, 2000, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,"
	          " 0, 0, '')", FX_ODD_NOTE_ID, FX_ODD_NOTE_ID))
		return -1;
	/* A query of the review log that runs for ever, yielding nothing. */
	if (kind == C_VIEW &&
	    exec(db, "DROP TABLE revlog; CREATE VIEW revlog AS WITH RECURSIVE r(x) AS (SELECT 1 "
	             "UNION ALL SELECT x + 1 FROM r) SELECT x AS id, x AS cid, 0 AS usn, 3 AS ease,"
	             " 0 AS ivl, 0 AS lastIvl, 0 AS factor, 0 AS time, 0 AS type FROM r WHERE x < 0"))
		return -1;
	/* A column whose value is computed on reading. */
	if (kind == C_GENERATED &&
	    exec(db, "ALTER TABLE notes ADD COLUMN big AS (printf('%.*c', 1000000, 'x'))"))
		return -1;
	/* Basic has one template, ordinal 0. */
	if (kind == C_NO_TEMPLATE &&
	    execf(db, "INSERT INTO notes VALUES (%lld, 'odd', 1001, 0, 0, '', 'a\x1f" "b', '', 0, 0,"
	          " '');INSERT INTO cards VALUES (6003, %lld, 2000, 5, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0,"
	          " 0, 0, '')", FX_ODD_NOTE_ID, FX_ODD_NOTE_ID))
		return -1;
	return 0;
}

/* Reads a whole file (malloc'd) into *data. */
static int slurp(const char *path, char **data, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	long n;

	if (!fp)
		return -1;
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	*data = malloc(n > 0 ? (size_t)n : 1);
	*len = fread(*data, 1, (size_t)(n > 0 ? n : 0), fp);
	fclose(fp);
	return 0;
}

/* C_CLOZES: one Cloze note per text, with one card of the given ordinal. */
struct clozes {
	const char *const *texts;
	const int *ords;
	size_t n;
};

/* Builds a collection database file and returns its bytes. */
static int make_collection(const char *path, enum fx_format f, enum coll kind,
                           const struct clozes *cz, char **data, size_t *len)
{
	char *tmp = malloc(strlen(path) + 8);
	sqlite3 *db;
	int rc = -1;

	sprintf(tmp, "%s.db", path);
	unlink(tmp);
	if (sqlite3_open(tmp, &db) != SQLITE_OK)
		goto out;
	sqlite3_create_collation_v2(db, "unicase", SQLITE_UTF8, NULL, unicase, NULL);
	/* A throwaway file: no fsync after each statement. */
	if (exec(db, "PRAGMA synchronous = OFF"))
		goto close;
	if (kind == C_FOREIGN) {
		if (exec(db, "CREATE TABLE foo (x); INSERT INTO foo VALUES (1)"))
			goto close;
	} else if (kind == C_DUMMY) {
		/* What Anki 2.1.50 and later put beside the real collection. */
		if (exec(db, "PRAGMA page_size = 512") || exec(db, schema_common) ||
		    fill_schema11(db, 2, 11) ||
		    execf(db, "INSERT INTO notes VALUES (1, 'dummy', 1001, 0, 0, '', %Q, '', 0, 0, '');"
		          "INSERT INTO cards VALUES (1, 1, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, '')",
		          "Please update to the latest Anki version, then import the .colpkg/.apkg file "
		          "again.\x1f(dummy)"))
			goto close;
	} else {
		if (f == FX_ANKI21B && exec(db, "PRAGMA journal_mode = WAL"))
			goto close;
		if (exec(db, schema_common))
			goto close;
		if (f == FX_ANKI21B ? fill_schema18(db)
		                    : fill_schema11(db, f == FX_ANKI2 ? 1 : 2,
		                                    kind == C_SCHEMA_19 ? 19 : 11))
			goto close;
		if (f == FX_ANKI21B && kind == C_SCHEMA_19 && exec(db, "UPDATE col SET ver = 19"))
			goto close;
		if (kind != C_CLOZES && fill_content(db, f, kind))
			goto close;
		for (size_t i = 0; kind == C_CLOZES && i < cz->n; i++)
			if (execf(db, "INSERT INTO notes VALUES (%lld, 'cz%d', 1004, 0, 0, '', %Q, '', 0, 0,"
			          " '');INSERT INTO cards VALUES (%lld, %lld, 2000, %d, 0, 0, 0, 0, 1, 0,"
			          " 0, 0, 0, 0, 0, 0, 0, '')", 100LL + (long long)i, (int)i, cz->texts[i],
			          200LL + (long long)i, 100LL + (long long)i, cz->ords[i]))
				goto close;
	}
	rc = 0;
close:
	sqlite3_close(db);
	if (rc == 0)
		rc = slurp(tmp, data, len);
out:
	unlink(tmp);
	free(tmp);
	return rc;
}

/* One zstd frame without a content size, as Anki's streaming encoder
 * writes it. */
static char *zstd_frame(const char *in, size_t len, size_t *out_len)
{
	ZSTD_CCtx *cc = ZSTD_createCCtx();
	size_t cap = ZSTD_compressBound(len) + 64;
	char *out = malloc(cap);
	ZSTD_inBuffer ib = {in, len, 0};
	ZSTD_outBuffer ob = {out, cap, 0};

	ZSTD_CCtx_setParameter(cc, ZSTD_c_contentSizeFlag, 0);
	ZSTD_CCtx_setParameter(cc, ZSTD_c_compressionLevel, 3);
	while (ZSTD_compressStream2(cc, &ob, &ib, ZSTD_e_end) != 0)
		;
	ZSTD_freeCCtx(cc);
	*out_len = ob.pos;
	return out;
}

struct member {
	const char *name;
	const char *data;
	size_t len;
	bool deflate;
};

static int write_zip(const char *path, struct member *m, size_t n)
{
	int ze = 0;
	zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &ze);

	if (!z) {
		fprintf(stderr, "anki-fixtures: cannot create %s\n", path);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		zip_source_t *s = zip_source_buffer(z, m[i].data, m[i].len, 0);
		zip_int64_t idx = s ? zip_file_add(z, m[i].name, s, ZIP_FL_OVERWRITE) : -1;
		if (idx < 0) {
			zip_source_free(s);
			zip_discard(z);
			return -1;
		}
		zip_set_file_compression(z, (zip_uint64_t)idx, m[i].deflate ? ZIP_CM_DEFLATE
		                                                            : ZIP_CM_STORE, 0);
	}
	if (zip_close(z)) {
		fprintf(stderr, "anki-fixtures: %s: %s\n", path, zip_strerror(z));
		zip_discard(z);
		return -1;
	}
	return 0;
}

static int package(const char *path, enum fx_format f, enum coll kind, int meta_version,
                   const struct clozes *cz)
{
	struct member m[5];
	size_t n = 0;
	char *coll = NULL, *dummy = NULL, *z = NULL;
	size_t clen = 0, dlen = 0, zlen = 0;
	char meta[2] = {0x08, (char)meta_version};
	int rc = -1;

	if (make_collection(path, f, kind, cz, &coll, &clen))
		goto out;
	if (f != FX_ANKI2 && make_collection(path, FX_ANKI21, C_DUMMY, NULL, &dummy, &dlen))
		goto out;
	if (f != FX_ANKI2)
		m[n++] = (struct member){"meta", meta, 2, false};
	if (f == FX_ANKI21B) {
		z = zstd_frame(coll, clen, &zlen);
		m[n++] = (struct member){"collection.anki21b", z, zlen, false};
	} else {
		m[n++] = (struct member){f == FX_ANKI2 ? "collection.anki2" : "collection.anki21",
		                         coll, clen, true};
	}
	if (f != FX_ANKI2)
		m[n++] = (struct member){"collection.anki2", dummy, dlen, false};
	m[n++] = (struct member){"0", "\x89PNG fake cat", 13, false};
	m[n++] = (struct member){"media", f == FX_ANKI21B ? "\x28\xb5\x2f\xfd\x20\x00\x01\x00\x00"
	                                                  : "{\"0\": \"cat.jpg\"}",
	                         f == FX_ANKI21B ? 9 : 16, f != FX_ANKI21B};
	rc = write_zip(path, m, n);
out:
	free(coll);
	free(dummy);
	free(z);
	return rc;
}

int fx_write_package(const char *path, enum fx_format f)
{
	return package(path, f, C_NORMAL, f == FX_ANKI21B ? 3 : 2, NULL);
}

int fx_write_clozes(const char *path, const char *const *texts, const int *ords, size_t n)
{
	struct clozes cz = {texts, ords, n};

	return package(path, FX_ANKI21B, C_CLOZES, 3, &cz);
}

int fx_write_large(const char *path, size_t size)
{
	char *big = malloc(strlen(path) + 8);
	zip_t *z = NULL;
	zip_source_t *src;
	zip_int64_t idx;
	int fd, rc = -1;

	sprintf(big, "%s.big", path);
	if (fx_write_package(path, FX_ANKI21B))
		goto out;
	fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || ftruncate(fd, (off_t)size) || close(fd))
		goto out;
	z = zip_open(path, 0, NULL);
	src = z ? zip_source_file(z, big, 0, 0) : NULL;
	idx = src ? zip_file_add(z, "1", src, 0) : -1;
	if (idx < 0) {
		zip_source_free(src);
		goto out;
	}
	zip_set_file_compression(z, (zip_uint64_t)idx, ZIP_CM_STORE, 0);
	if (zip_close(z) == 0) {
		z = NULL;
		rc = 0;
	}
out:
	if (rc)
		fprintf(stderr, "anki-fixtures: cannot write %s\n", path);
	if (z)
		zip_discard(z);
	unlink(big);
	free(big);
	return rc;
}

int fx_write_broken(const char *path, enum fx_broken b)
{
	char *data = NULL, *coll = NULL;
	size_t len = 0, clen = 0;
	struct member m[2];
	char meta[2] = {0x08, 0x02};
	FILE *fp;
	int rc = -1;

	switch (b) {
	case FX_NOT_ZIP:
		data = strdup("front,back\nthis is not a zip archive\n");
		len = strlen(data);
		break;
	case FX_TRUNCATED:
		if (fx_write_package(path, FX_ANKI21B) || slurp(path, &data, &len))
			return -1;
		len /= 2;
		break;
	case FX_NOT_SQLITE:
		m[0] = (struct member){"meta", meta, 2, false};
		m[1] = (struct member){"collection.anki21", "hello, world: no database here\n", 31,
		                       true};
		return write_zip(path, m, 2);
	case FX_FOREIGN_SQLITE:
		if (make_collection(path, FX_ANKI21, C_FOREIGN, NULL, &coll, &clen))
			return -1;
		m[0] = (struct member){"meta", meta, 2, false};
		m[1] = (struct member){"collection.anki21", coll, clen, true};
		rc = write_zip(path, m, 2);
		free(coll);
		return rc;
	case FX_SCHEMA_19:
		return package(path, FX_ANKI21, C_SCHEMA_19, 2, NULL);
	case FX_BAD_NOTETYPE:
		return package(path, FX_ANKI21B, C_BAD_NOTE, 3, NULL);
	case FX_META_4:
		return package(path, FX_ANKI21B, C_NORMAL, 4, NULL);
	case FX_BAD_ZSTD:
		meta[1] = 3;
		m[0] = (struct member){"meta", meta, 2, false};
		m[1] = (struct member){"collection.anki21b", "\x28\xb5\x2f\xfd garbage", 12, false};
		return write_zip(path, m, 2);
	case FX_BAD_CRC:
		if (make_collection(path, FX_ANKI21, C_NORMAL, NULL, &coll, &clen))
			return -1;
		m[0] = (struct member){"meta", meta, 2, false};
		m[1] = (struct member){"collection.anki21", coll, clen, false};
		rc = write_zip(path, m, 2);
		free(coll);
		if (rc || slurp(path, &data, &len))
			return -1;
		/* Stored, so the database is in the file as it is: change a byte
		 * of its second page. */
		for (size_t i = 0; i + 16 < len; i++)
			if (memcmp(data + i, "SQLite format 3", 16) == 0 && i + 4200 < len) {
				data[i + 4100] ^= 0x55;
				break;
			}
		break;
	case FX_DUP_GUID:
		return package(path, FX_ANKI21, C_DUP_GUID, 2, NULL);
	case FX_NO_TEMPLATE:
		return package(path, FX_ANKI21B, C_NO_TEMPLATE, 3, NULL);
	case FX_VIEW:
		return package(path, FX_ANKI21, C_VIEW, 2, NULL);
	case FX_GENERATED:
		return package(path, FX_ANKI21B, C_GENERATED, 3, NULL);
	case FX_NO_COLLECTION:
		if (make_collection(path, FX_ANKI21, C_DUMMY, NULL, &coll, &clen))
			return -1;
		meta[1] = 3;
		m[0] = (struct member){"meta", meta, 2, false};
		m[1] = (struct member){"collection.anki2", coll, clen, false};
		rc = write_zip(path, m, 2);
		free(coll);
		return rc;
	}
	fp = fopen(path, "wb");
	if (fp && fwrite(data, 1, len, fp) == len)
		rc = 0;
	if (fp && fclose(fp))
		rc = -1;
	free(data);
	return rc;
}

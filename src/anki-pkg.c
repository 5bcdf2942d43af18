/*
 * An Anki package's layers below the notes (quizdeck/anki-pkg.h): the zip
 * (libzip on the descriptor qd_file_open() gives, which refuses FIFOs and
 * devices; only the members needed are read, never the media beside
 * them), the `meta` member that names the version and so the collection
 * member (never the dummy `collection.anki2` that current packages carry),
 * zstd for the current format, then SQLite: the bytes are handed to
 * sqlite3_deserialize() read-only, so no temporary file is written and
 * nothing is left behind. A WAL-mode header (the current format's) is
 * marked as a rollback journal first, since an in-memory database has no
 * WAL. The schema is the package's, so untrusted: defensive mode, and the
 * tables read must be stored tables.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <sqlite3.h>
#include <zip.h>
#include <zstd.h>

#include "quizdeck/anki-pkg.h"
#include "quizdeck/buf.h"
#include "quizdeck/exit.h"

/* No collection member, decompressed collection or field is this large
 * in a real package; a zip or zstd bomb stops here. */
#define MAX_MEMBER ((size_t)1 << 30)

/* ---- Protobuf: just enough to read a field of a config blob ---- */

static int pb_varint(const unsigned char *p, size_t n, size_t *i, uint64_t *v)
{
	*v = 0;
	for (int shift = 0; shift < 64; shift += 7) {
		if (*i >= n)
			return -1;
		*v |= (uint64_t)(p[*i] & 0x7f) << shift;
		if (!(p[(*i)++] & 0x80))
			return 0;
	}
	return -1;
}

/* Finds field `field` of the message p[0..n): a varint in *v, or a
 * length-delimited value in *s, *len. The last occurrence wins, as in
 * proto3. Returns 1 found, 0 absent, -1 malformed. */
int qd_anki_pb_field(const unsigned char *p, size_t n, uint64_t field, uint64_t *v,
                    const unsigned char **s, size_t *len)
{
	size_t i = 0;
	int found = 0;

	while (i < n) {
		uint64_t key, x;
		if (pb_varint(p, n, &i, &key))
			return -1;
		switch (key & 7) {
		case 0:
			if (pb_varint(p, n, &i, &x))
				return -1;
			if (key >> 3 == field) {
				*v = x;
				found = 1;
			}
			break;
		case 1:
		case 5:
			x = (key & 7) == 1 ? 8 : 4;
			if (n - i < x)
				return -1;
			i += x;
			break;
		case 2:
			if (pb_varint(p, n, &i, &x) || x > n - i)
				return -1;
			if (key >> 3 == field && s) {
				*s = p + i;
				*len = (size_t)x;
				found = 1;
			}
			i += (size_t)x;
			break;
		default:
			return -1;
		}
	}
	return found;
}

/* ---- The package ---- */

static int read_member(zip_t *z, const char *path, const char *name, struct qd_buf *out,
                       bool *present, struct qd_err *err)
{
	zip_int64_t idx = zip_name_locate(z, name, 0);
	zip_stat_t st;
	zip_file_t *f;
	zip_int64_t got;
	char extra;

	*present = idx >= 0;
	if (idx < 0)
		return 0;
	zip_stat_init(&st);
	if (zip_stat_index(z, (zip_uint64_t)idx, 0, &st) || !(st.valid & ZIP_STAT_SIZE))
		return qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0,
		                 "damaged zip archive: cannot read the size of '%s'", name);
	if (st.size > MAX_MEMBER)
		return qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0,
		                 "'%s' is too large (%" PRIu64 " bytes; the limit is %zu)", name,
		                 (uint64_t)st.size, MAX_MEMBER);
	f = zip_fopen_index(z, (zip_uint64_t)idx, 0);
	if (!f)
		return qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0,
		                 "damaged zip archive: cannot open '%s': %s", name,
		                 zip_strerror(z));
	qd_buf_grow(out, (size_t)st.size + 1);
	got = zip_fread(f, out->data + out->len, st.size);
	if (got < 0 || (zip_uint64_t)got != st.size) {
		qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0, "damaged zip archive: cannot read '%s': %s",
		          name, got < 0 ? zip_file_strerror(f) : "the member is shorter than it says");
		zip_fclose(f);
		return -1;
	}
	out->len += (size_t)got;
	/* libzip checks the CRC when a read reaches the end of the member, not
	 * when the last byte asked for arrives: one more read gets there. */
	got = zip_fread(f, &extra, 1);
	if (got != 0) {
		zip_fclose(f);
		return qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0, "damaged zip archive: '%s' %s",
		                 name, got < 0 ? "fails its checksum" : "is longer than it says");
	}
	if (zip_fclose(f))
		return qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0,
		                 "damaged zip archive: '%s' fails its checksum", name);
	return 0;
}

/* Decodes one or more zstd frames (Anki writes one, without a content
 * size) from in into out. */
static int unzstd(const char *path, const struct qd_buf *in, struct qd_buf *out,
                  struct qd_err *err)
{
	ZSTD_DCtx *dc = ZSTD_createDCtx();
	ZSTD_inBuffer ib = {in->data, in->len, 0};
	int rc = 0;

	if (!dc)
		return qd_err_at(err, QD_EXIT_SOFTWARE, path, 0, 0, "cannot start zstd");
	for (;;) {
		ZSTD_outBuffer ob;
		size_t ret;

		qd_buf_grow(out, (size_t)1 << 20);
		ob.dst = out->data + out->len;
		ob.size = out->cap - out->len - 1;
		ob.pos = 0;
		ret = ZSTD_decompressStream(dc, &ob, &ib);
		if (ZSTD_isError(ret)) {
			rc = qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0,
			               "'collection.anki21b' is not valid zstd data: %s",
			               ZSTD_getErrorName(ret));
			break;
		}
		out->len += ob.pos;
		if (out->len > MAX_MEMBER) {
			rc = qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0,
			               "'collection.anki21b' is too large decompressed (the limit "
			               "is %zu bytes)", MAX_MEMBER);
			break;
		}
		if (ib.pos < ib.size)
			continue; /* more input, perhaps a next frame */
		if (ret == 0)
			break;    /* every frame complete */
		if (ob.pos < ob.size) {
			rc = qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0,
			               "'collection.anki21b' is cut short (its zstd frame does not end)");
			break;
		}
		/* The output was full: flush the rest. */
	}
	ZSTD_freeDCtx(dc);
	return rc;
}

/* Extracts the collection the package's version names into db (SQLite's
 * bytes). *member receives its name. */
/* Reads the collection member of the package open on fd (which it takes
 * over and closes) into db, the current format's decompressed. */
int qd_anki_read_collection(const char *path, int fd, struct qd_buf *db, const char **member,
                           struct qd_err *err)
{
	zip_error_t ze;
	zip_t *z;
	struct qd_buf meta, raw;
	bool present;
	uint64_t version = 0;
	int rc = -1, code = 0;

	z = zip_fdopen(fd, 0, &code);
	if (!z) {
		close(fd); /* zip_fdopen() leaves it open when it fails */
		zip_error_init_with_code(&ze, code);
		qd_err_at(err, code == ZIP_ER_MEMORY ? QD_EXIT_SOFTWARE : QD_EXIT_DATAERR, path, 0,
		          0, "not an Anki package: not a readable zip archive (%s)",
		          zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	qd_buf_init(&meta);
	qd_buf_init(&raw);
	if (read_member(z, path, "meta", &meta, &present, err))
		goto out;
	if (present) {
		int f = qd_anki_pb_field((const unsigned char *)meta.data, meta.len, 1, &version, NULL, NULL);
		if (f < 0) {
			qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0,
			          "not an Anki package: its 'meta' member is damaged");
			goto out;
		}
		if (version == 0 || version > 3) {
			qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0,
			          "unknown Anki package version %" PRIu64 " (quizdeck reads versions 1 "
			          "to 3, written by Anki up to 26.08): export it again with \"Support "
			          "older Anki versions\" checked", version);
			goto out;
		}
	} else {
		/* No meta: a package from before Anki 2.1.50. */
		version = zip_name_locate(z, "collection.anki21b", 0) >= 0 ? 3
		        : zip_name_locate(z, "collection.anki21", 0) >= 0  ? 2
		                                                           : 1;
	}
	*member = version == 3 ? "collection.anki21b" : version == 2 ? "collection.anki21"
	                                                             : "collection.anki2";
	if (read_member(z, path, *member, version == 3 ? &raw : db, &present, err))
		goto out;
	if (!present) {
		qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0,
		          "not an Anki package: no '%s' in the archive", *member);
		goto out;
	}
	if (version == 3 && unzstd(path, &raw, db, err))
		goto out;
	rc = 0;
out:
	qd_buf_release(&meta);
	qd_buf_release(&raw);
	zip_discard(z);
	return rc;
}

static int unicase(void *arg, int na, const void *a, int nb, const void *b)
{
	int n = na < nb ? na : nb, c;

	(void)arg;
	c = strncasecmp(a, b, (size_t)n);
	return c ? c : na - nb;
}

#define TABLES_READ \
	"('col', 'config', 'notes', 'cards', 'revlog', 'notetypes', 'fields', 'templates', 'decks')"

/* The tables read must be tables: a view (or a virtual table) in their
 * place would run the package's own query, which may never end. */
static int check_tables(struct qd_anki_imp *m, struct qd_err *err)
{
	sqlite3_stmt *st;
	int rc;

	rc = sqlite3_prepare_v2(m->db, "SELECT name, type FROM sqlite_master WHERE name IN "
	                        TABLES_READ " AND (type != 'table' OR sql LIKE 'CREATE VIRTUAL%') "
	                        "ORDER BY name", -1, &st, NULL);
	if (rc != SQLITE_OK)
		return qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
		                 "not an Anki collection: cannot read its schema (%s)",
		                 sqlite3_errmsg(m->db));
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0),
		           *type = (const char *)sqlite3_column_text(st, 1);
		if (!type || strcmp(type, "table") == 0)
			qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
			          "not an Anki collection: '%s' is a virtual table, not a stored one",
			          name);
		else
			qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
			          "not an Anki collection: '%s' is a%s %s, not a table", name,
			          type[0] == 'i' ? "n" : "", type);
		sqlite3_finalize(st);
		return -1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
		                 "not an Anki collection: cannot read its schema (%s)",
		                 sqlite3_errmsg(m->db));
	/* Nor may a column be computed: its expression would run on reading. */
	rc = sqlite3_prepare_v2(m->db, "SELECT m.name, x.name FROM sqlite_master m, "
	                        "pragma_table_xinfo(m.name) x WHERE m.type = 'table' AND m.name IN "
	                        TABLES_READ " AND x.hidden IN (2, 3) ORDER BY m.name", -1, &st,
	                        NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
		          "not an Anki collection: column '%s' of '%s' is computed, not stored",
		          (const char *)sqlite3_column_text(st, 1),
		          (const char *)sqlite3_column_text(st, 0));
	else if (rc != SQLITE_DONE)
		qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
		          "not an Anki collection: cannot read its schema (%s)", sqlite3_errmsg(m->db));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int qd_anki_open_db(struct qd_anki_imp *m, struct qd_buf *bytes, const char *member, struct qd_err *err)
{
	unsigned char *p = (unsigned char *)bytes->data;
	int rc;

	if (bytes->len < 100 || memcmp(p, "SQLite format 3", 16) != 0)
		return qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
		                 "not an Anki collection: '%s' is not an SQLite database", member);
	if (p[18] == 2)
		p[18] = 1;
	if (p[19] == 2)
		p[19] = 1;
	rc = sqlite3_open_v2(":memory:", &m->db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_deserialize(m->db, "main", p, (sqlite3_int64)bytes->len,
		                         (sqlite3_int64)bytes->len, SQLITE_DESERIALIZE_READONLY);
	if (rc == SQLITE_OK)
		rc = sqlite3_create_collation_v2(m->db, "unicase", SQLITE_UTF8, NULL, unicase, NULL);
	/* The schema is the package's, so untrusted: no function with side
	 * effects in it, no writing to it (SQLite's "defense against the dark
	 * arts"). */
	if (rc == SQLITE_OK)
		rc = sqlite3_db_config(m->db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_db_config(m->db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	if (rc != SQLITE_OK)
		return qd_err_at(err, QD_EXIT_SOFTWARE, m->path, 0, 0, "cannot open '%s': %s", member,
		                 m->db ? sqlite3_errmsg(m->db) : "out of memory");
	return check_tables(m, err);
}

/* Prepares sql; a failure means the file is no collection of the schema
 * it claims. */
sqlite3_stmt *qd_anki_prep(struct qd_anki_imp *m, const char *sql, const char *what, struct qd_err *err)
{
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(m->db, sql, -1, &st, NULL) != SQLITE_OK) {
		qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
		          "not an Anki collection: cannot read its %s (%s)", what,
		          sqlite3_errmsg(m->db));
		return NULL;
	}
	return st;
}

int qd_anki_step_err(struct qd_anki_imp *m, sqlite3_stmt *st, const char *what, struct qd_err *err)
{
	qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0, "not an Anki collection: cannot read its %s (%s)",
	          what, sqlite3_errmsg(m->db));
	sqlite3_finalize(st);
	return -1;
}

char *qd_anki_col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return qd_anki_clean_text(t ? (const char *)t : "", t ? (size_t)sqlite3_column_bytes(st, i) : 0);
}

/* A copy of a column's bytes, NUL-terminated (fields may hold anything). */
char *qd_anki_col_raw(sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	size_t n = t ? (size_t)sqlite3_column_bytes(st, i) : 0;
	return qd_xstrndup(t ? (const char *)t : "", n);
}

int qd_anki_read_col(struct qd_anki_imp *m, struct qd_err *err)
{
	sqlite3_stmt *st;
	int rc;

	st = qd_anki_prep(m, "SELECT ver, CASE WHEN json_valid(conf) THEN "
	             "coalesce(json_extract(conf, '$.schedVer'), 1) END FROM col", "'col' table", err);
	if (!st)
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return qd_anki_step_err(m, st, "'col' table", err);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		return qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
		                 "not an Anki collection: its 'col' table is empty");
	}
	m->ver = sqlite3_column_int(st, 0);
	m->sched_ver = sqlite3_column_type(st, 1) == SQLITE_NULL ? 0 : sqlite3_column_int(st, 1);
	sqlite3_finalize(st);
	if (m->ver < 11 || m->ver > 18)
		return qd_err_at(err, QD_EXIT_DATAERR, m->path, 0, 0,
		                 "unknown Anki collection schema version %d (Anki writes 11 to 18)",
		                 m->ver);
	if (m->sched_ver == 0) {
		/* Schema 14 and later keep settings in the config table. */
		st = qd_anki_prep(m, "SELECT CAST(val AS TEXT) FROM config WHERE KEY = 'schedVer'",
		          "'config' table", err);
		if (!st)
			return -1;
		m->sched_ver = sqlite3_step(st) == SQLITE_ROW ? atoi((const char *)
		               (sqlite3_column_text(st, 0) ? sqlite3_column_text(st, 0)
		                                           : (const unsigned char *)"2")) : 2;
		sqlite3_finalize(st);
	}
	return 0;
}

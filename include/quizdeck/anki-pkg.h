/*
 * Internal to the Anki importer (see quizdeck/anki-imp.h): the package's
 * layers below the notes. The zip and its members, the `meta` member that
 * names the collection, zstd for the current format, the SQLite collection
 * opened in memory, read-only and defensively, with the tables read checked
 * to be stored tables; the statements that read it, and the collection's
 * schema and scheduler versions. The small protobuf reader serves `meta`
 * and the current schema's config blobs.
 */
#ifndef QUIZDECK_ANKI_PKG_H
#define QUIZDECK_ANKI_PKG_H

#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "quizdeck/anki-imp.h"
#include "quizdeck/buf.h"
#include "quizdeck/err.h"

/* Finds field `field` of the message p[0..n): a varint in *v, or a
 * length-delimited value in *s, *len. The last occurrence wins, as in
 * proto3. Returns 1 found, 0 absent, -1 malformed. */
int qd_anki_pb_field(const unsigned char *p, size_t n, uint64_t field, uint64_t *v,
             const unsigned char **s, size_t *len);

/* Reads the collection member of the package open on fd (which it takes
 * over and closes) into db, the current format's decompressed; *member
 * receives its name. */
int qd_anki_read_collection(const char *path, int fd, struct qd_buf *db, const char **member,
                    struct qd_err *err);

/* Opens the SQLite bytes (the collection member's, modified in place and
 * kept by m->db) as m->db, read-only, defensive, its tables checked. */
int qd_anki_open_db(struct qd_anki_imp *m, struct qd_buf *bytes, const char *member, struct qd_err *err);

/* Prepares sql; a failure means the file is no collection of the schema
 * it claims. */
sqlite3_stmt *qd_anki_prep(struct qd_anki_imp *m, const char *sql, const char *what, struct qd_err *err);

/* A failed step reading `what`: the error, st finalized; returns -1. */
int qd_anki_step_err(struct qd_anki_imp *m, sqlite3_stmt *st, const char *what, struct qd_err *err);

/* A column's text as qd_anki_clean_text() leaves it; caller frees. */
char *qd_anki_col_text(sqlite3_stmt *st, int i);

/* A copy of a column's bytes, NUL-terminated (fields may hold anything). */
char *qd_anki_col_raw(sqlite3_stmt *st, int i);

/* Reads the schema version (m->ver) and the scheduler's (m->sched_ver). */
int qd_anki_read_col(struct qd_anki_imp *m, struct qd_err *err);

#endif

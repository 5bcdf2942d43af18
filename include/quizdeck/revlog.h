/*
 * The review log's store: the learner's whole history in one append-only,
 * line-oriented text file (docs/log-format.md), loaded whole and appended
 * to durably. The records and their lines are the codec's
 * (quizdeck/revrec.h).
 *
 * Records are reviews, events (suspend, unsuspend, bury), undos of either,
 * and quiz results (one line per question and one summary line). Nothing is ever rewritten in place: an
 * undo is an appended record, and loading never deletes a damaged line.
 *
 * Durability contract of every qd_revlog_append_*(): the records are written
 * with one write() each on an O_APPEND descriptor under flock(LOCK_EX), then
 * fsync()ed, before the function returns 0. A caller must not acknowledge an
 * answer whose append returned -1. An import writes a batch of records with
 * one write() (see qd_revlog_import()).
 */
#ifndef QUIZDECK_REVLOG_H
#define QUIZDECK_REVLOG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/ctx.h"
#include "quizdeck/err.h"
#include "quizdeck/revrec.h"

/* The log's file name inside the data directory. */
#define QD_REVLOG_FILE "reviews.log"

/* ---- Loading ---- */

/* Everything loaded from one log, in file order. All strings and arrays
 * belong to the struct and live until qd_logdata_release(). */
struct qd_logdata {
	struct qd_review *reviews; /* including undone ones (undone = true) */
	size_t n_reviews;
	struct qd_undo *undos;
	size_t n_undos;
	struct qd_event *events;   /* suspend, unsuspend, bury; including undone ones */
	size_t n_events;
	struct qd_quiz_result *quizzes; /* complete results only */
	size_t n_quizzes;
	int version;               /* header version; 0 for a missing/empty file */
	struct qd_logdata_pool *pool; /* private */
};

/* init allocates nothing (so initialising twice is harmless); release frees
 * everything and leaves d initialised. */
void qd_logdata_init(struct qd_logdata *d);
void qd_logdata_release(struct qd_logdata *d);

/* Returns DATA_DIR/reviews.log (caller frees). */
char *qd_revlog_path(const char *data_dir);

/* Loads the log at path into out (which this function initialises; release
 * it even on failure). A missing file is an empty log. A torn last line
 * (no newline) is ignored with a warning; any other damaged line (bad
 * checksum, malformed fields, unknown record type, an undo matching no
 * review) is reported in diags as a warning with its line number and
 * skipped. Returns 0, or -1 with err set: QD_EXIT_DATAERR for a file that is
 * not a quizdeck log or has a newer format version, QD_EXIT_IOERR if it
 * cannot be read or is not a regular file (qd_file_open(): a FIFO is
 * refused, never waited on). diags is initialised by the caller (file = the
 * path), or NULL to ignore the warnings. */
int qd_revlog_load(const char *path, struct qd_logdata *out, struct qd_diags *diags,
                   struct qd_err *err);
/* The same from fd, open on the log (path names it in messages), read from
 * its current offset to its end and left open; *len (unless NULL) is the
 * number of bytes read. */
int qd_revlog_load_fd(int fd, const char *path, struct qd_logdata *out, uint64_t *len,
                      struct qd_diags *diags, struct qd_err *err);
/* The same from memory (tests, fuzzing); errors name diags->file (or ""
 * when diags is NULL). */
int qd_revlog_load_mem(const char *data, size_t len, struct qd_logdata *out,
                       struct qd_diags *diags, struct qd_err *err);

/* How far after now a review may be dated before it is reported: a day
 * covers clocks that disagree, a time zone taken for UTC. */
#define QD_REVLOG_FUTURE_MS (24 * 60 * 60 * 1000)

/* Reports, as one warning at the line of the first one, the reviews of d
 * (not undone) dated more than QD_REVLOG_FUTURE_MS after now_ms: each
 * card's state is derived from its latest review, so such a card is not due
 * before that date. Call it once per load, where states are derived. */
void qd_revlog_warn_future(const struct qd_logdata *d, int64_t now_ms,
                           struct qd_diags *diags);

/* ---- Appending ---- */

struct qd_revlog;

enum {
	/* Skip fsync (tests measuring throughput only: never in the program). */
	QD_REVLOG_NOSYNC = 1 << 0,
};

/* Opens the log of ctx->data_dir for appending, creating the directory
 * (mode 0700, with its parents) and the file (0600, header written under
 * the lock) as needed. Every wait for the lock, here and in each append,
 * lasts at most ctx->lock_timeout_ms; after a tick of waiting it says so on
 * ctx->err when ctx->err_tty. Fails with QD_EXIT_IOERR and a message naming
 * the path if the directory or file cannot be created or opened (read-only
 * file system, no permission, a path component that is a file, full disk),
 * QD_EXIT_DATAERR if the file is not a quizdeck log or is from a newer
 * version, QD_EXIT_TEMPFAIL if another writer held the lock too long. */
int qd_revlog_open(const struct qd_ctx *ctx, int flags, struct qd_revlog **out,
                   struct qd_err *err);
void qd_revlog_free(struct qd_revlog *log);
const char *qd_revlog_file(const struct qd_revlog *log); /* the log's path */

/* Appends n reviews under one lock: one write() per record, one fsync at the
 * end. Returns 0 only when all of them are on disk; -1 with err
 * (QD_EXIT_IOERR naming the path; QD_EXIT_TEMPFAIL if another writer held
 * the lock longer than the context's lock_timeout_ms; QD_EXIT_SOFTWARE for
 * an invalid record, checked before anything is written). Each append and
 * the import below fail in the same ways. */
int qd_revlog_append_reviews(struct qd_revlog *log, const struct qd_review *r, size_t n,
                             struct qd_err *err);
int qd_revlog_append_review(struct qd_revlog *log, const struct qd_review *r,
                            struct qd_err *err);
int qd_revlog_append_undo(struct qd_revlog *log, const struct qd_undo *u, struct qd_err *err);
/* Appends n undos, or n events, under one lock (one write() each, one
 * fsync): an undo of a rating and of the suspension it caused go together. */
int qd_revlog_append_undos(struct qd_revlog *log, const struct qd_undo *u, size_t n,
                           struct qd_err *err);
int qd_revlog_append_events(struct qd_revlog *log, const struct qd_event *e, size_t n,
                            struct qd_err *err);
/* Appends a quiz result (question lines and summary) with one write(). */
int qd_revlog_append_quiz(struct qd_revlog *log, const struct qd_quiz_result *q,
                          struct qd_err *err);

/* Imports reviews: under the lock, re-reads the log, skips every review
 * whose (deck, card, time_ms, rating) is already in the log (any mode, undone
 * or not) or earlier in r, and appends the rest with mode QD_MODE_IMPORT
 * (r's mode is ignored) in batches of about QD_REVLOG_IMPORT_BATCH bytes:
 * each batch with one write() and one fsync(), and counted in *added only
 * once it is on disk. A write or sync that fails takes its batch back out
 * of the file; a crash may leave a part of the unacknowledged batch, which
 * importing again skips as already present while adding the rest.
 * *skipped counts the duplicates. Damage found while re-reading goes to
 * diags (may be NULL). On failure *added still says how many reviews were
 * imported (by the batches before it). */
#define QD_REVLOG_IMPORT_BATCH (4 << 20)
int qd_revlog_import(struct qd_revlog *log, const struct qd_review *r, size_t n,
                     size_t *added, size_t *skipped, struct qd_diags *diags,
                     struct qd_err *err);

#endif

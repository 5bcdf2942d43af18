/*
 * The derived-state cache: every card's state at the end of the review log,
 * kept beside it (DATA/reviews.cache), so that a command reads it and
 * replays only the records appended since instead of the whole history.
 *
 * The log stays the only source of truth. The cache is used only when all
 * of these hold, and is otherwise ignored and rebuilt from the whole log:
 *  - its checksum (CRC-32 over every other byte of the file) is right, its
 *    format is this build's (QD_STATECACHE_VERSION and the quizdeck
 *    version), and it was made with the same scheduling settings (weights,
 *    retention, maximum interval, steps, short-term, fuzz, day start) and
 *    the same time zone (TZ, and the day boundaries it gives at sample
 *    instants);
 *  - the log is the same file (device and inode), at least as long as the
 *    bytes the cache covers, and those bytes still look the same: a CRC-32
 *    of their first 4 KiB, of 16 blocks of 4 KiB spread over them and of
 *    their last 64 KiB; a log exactly as long as the covered bytes must also
 *    have the same modification and change times (a rewrite of the same
 *    length, even with its modification time put back);
 *  - the records appended since load without a single warning (no damaged
 *    or torn line, no undo of a record the cache covers), and apply in
 *    order: no review or event of a card dated before its latest one;
 *  - no review is dated far in the future (qd_revlog_warn_future() would
 *    say so), and the reviews it keeps for counting today's work go back
 *    to before today.
 * A log with damaged lines is never cached (their warnings are printed by
 * each command that loads it). Writing the cache is best effort (atomic,
 * mode 0600); a cache that cannot be written is not an error.
 */
#ifndef QUIZDECK_STATECACHE_H
#define QUIZDECK_STATECACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/ctx.h"
#include "quizdeck/err.h"
#include "quizdeck/replay.h"
#include "quizdeck/sched.h"

/* The cache's file name inside the data directory. */
#define QD_STATECACHE_FILE "reviews.cache"
/* Bump when the file's layout or the scheduler's results change. */
#define QD_STATECACHE_VERSION 1

/* A card of the log (reviewed, or with events) and its state. */
struct qd_cached_card {
	struct qd_card_state st;  /* deck and card owned by the cache; orphan false */
	int64_t first_review_ms;  /* its review replayed from the new state; 0 if none */
	int64_t last_review_ms;   /* its latest review replayed; 0 if none */
	int64_t last_event_ms;    /* its latest event; 0 if none */
};

/* A review not undone, for today's counts (quizdeck/queue.h). */
struct qd_cached_review {
	size_t card; /* index into cards */
	int64_t time_ms;
	enum qd_state before; /* the card's state before it */
};

struct qd_statecache {
	struct qd_cached_card *cards; /* sorted by deck id, then card id */
	size_t n_cards;
	/* Every review at or after recent_since (INT64_MIN: every review). */
	struct qd_cached_review *recent;
	size_t n_recent;
	int64_t recent_since;
	bool used;    /* the cache file was used (false: the whole log was replayed) */
	bool partial; /* only the cards of some decks were read */
};

/* The states at the end of the log of ctx->data_dir (log_path, its
 * reviews.log): from the cache when it is valid, with what was appended
 * since replayed; otherwise from the whole log, replayed (damaged lines and
 * reviews dated in the future reported in diags, as qd_revlog_load() and
 * qd_revlog_warn_future() do), then saved to the cache. With decks (n_decks
 * deck ids), a valid cache gives the cards of those decks only (partial
 * when it holds others); NULL: every card. Returns 0, or -1 with err as
 * qd_revlog_load() fails; out is always safe to release. */
int qd_statecache_load(const struct qd_ctx *ctx, const char *log_path,
                       const struct qd_sched_params *p, const char *const *decks,
                       size_t n_decks, struct qd_statecache *out, struct qd_diags *diags,
                       struct qd_err *err);
void qd_statecache_release(struct qd_statecache *c);

/* The index in c->cards of (deck, card), or SIZE_MAX. */
size_t qd_statecache_find(const struct qd_statecache *c, const char *deck, const char *card);

#endif

/*
 * A study session: the cards to see now (learning cards whose step is due,
 * due review cards and new cards within the daily limits; see
 * quizdeck/queue.h), each asked at the prompt, rated, and saved to the
 * review log before the next card appears.
 *
 * The session owns no files: the caller loads the decks, replays the log
 * into card states, opens the log for appending and creates the prompt;
 * the session asks, records, and updates the states in place.
 */
#ifndef QUIZDECK_SESSION_H
#define QUIZDECK_SESSION_H

#include <stdbool.h>
#include <stdint.h>

#include "quizdeck/config.h"
#include "quizdeck/ctx.h"
#include "quizdeck/prompt.h"
#include "quizdeck/collection.h"
#include "quizdeck/revlog.h"

struct qd_session_opts {
	long new_cards;       /* new cards this session; -1: what is left of new_per_day */
	long limit;           /* at most this many cards; 0: no limit */
	const char *const *tags; /* only cards with one of these tags; NULL: all */
	int n_tags;
	bool shuffle;         /* shuffle the queue with seed */
	uint64_t seed;        /* choice order and --shuffle */
	bool cram;            /* every matching card, nothing recorded */
	bool reverse;         /* only the reversed twins (quizdeck/collection.h) */
};

/* Runs a session over col, whose card states are updated as cards are
 * rated; log is where ratings go (NULL only with cram). Returns an exit
 * status: 0 when the session ended normally (including Ctrl-C and Ctrl-D),
 * QD_EXIT_IOERR (and the message on ctx->err) when an answer could not be
 * saved, in which case that answer was not acknowledged. */
int qd_session_run(struct qd_ctx *ctx, const struct qd_config *cfg,
                   const struct qd_session_opts *opts, struct qd_collection *col,
                   struct qd_revlog *log, struct qd_prompt *prompt);

#endif

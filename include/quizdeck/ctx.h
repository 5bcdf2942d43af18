/*
 * The run context: everything a command needs to know about the world,
 * gathered once by main() from the environment and the global options, so
 * that nothing below reads the clock, the environment or a global.
 */
#ifndef QUIZDECK_CTX_H
#define QUIZDECK_CTX_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "quizdeck/err.h"

struct qd_ctx {
	const char *prog; /* name used in messages: "quizdeck" */
	FILE *in, *out, *err;
	bool in_tty, out_tty, err_tty;
	bool color;      /* stdout is a terminal, NO_COLOR unset or empty, TERM not dumb */
	bool term_dumb;  /* TERM=dumb or unset: no cursor movement */
	int64_t now_ms;  /* wall-clock "now": QUIZDECK_NOW or the real clock */
	bool now_fixed;  /* QUIZDECK_NOW was given */
	char *data_dir;  /* --data, QUIZDECK_DATA, $XDG_DATA_HOME/quizdeck */
	char *state_dir; /* $XDG_STATE_HOME/quizdeck (readline history) */
	char *config_path;    /* --config, QUIZDECK_CONFIG, $XDG_CONFIG_HOME/quizdeck/config.yaml */
	bool config_explicit; /* given by --config or QUIZDECK_CONFIG: must exist */
	char *user_decks_dir; /* $XDG_DATA_HOME/quizdeck/decks (not affected by --data) */
	char *user;      /* the login name: $USER, else $LOGNAME, else "" (quiz results) */
	char *editor;    /* $VISUAL, else $EDITOR, else "vi": a shell command (`code -w`) */
	/* How long a writer waits for the review log's lock while another
	 * quizdeck holds it: QUIZDECK_LOCK_TIMEOUT (seconds), else 5 s. */
	int64_t lock_timeout_ms;
	/* For crash tests only: QUIZDECK_TEST_KILL_IMPORT=BYTES makes an
	 * import kill itself (SIGKILL) in the middle of the write() that would
	 * take it past BYTES bytes appended, after writing exactly BYTES. 0 (unset): never. */
	int64_t test_kill_import_bytes;
	/* How long a long computation (optimize's fit) runs before it shows its
	 * progress on a terminal: QUIZDECK_PROGRESS_AFTER (seconds), else 1 s. */
	int64_t progress_after_ms;
};

#define QD_LOCK_TIMEOUT_MS 5000 /* the default of lock_timeout_ms */

/* Fills ctx from the environment. data_opt and config_opt are the global
 * --data and --config options (NULL when absent). Returns -1 with err set
 * (status QD_EXIT_USAGE) if QUIZDECK_NOW or QUIZDECK_LOCK_TIMEOUT is
 * malformed or no home is known. */
int qd_ctx_init(struct qd_ctx *ctx, const char *data_opt, const char *config_opt,
                struct qd_err *err);
void qd_ctx_release(struct qd_ctx *ctx);

/* The columns of the terminal on ctx->out, asked now (the window may have
 * been resized since qd_ctx_init()), at most max (0: no limit); 80 when
 * ctx->out is not a terminal or its terminal does not know its size. */
int qd_ctx_term_width(const struct qd_ctx *ctx, int max);

#endif

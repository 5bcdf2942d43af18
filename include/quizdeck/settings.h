/*
 * The settings file, $XDG_CONFIG_HOME/quizdeck/config.yaml (ctx->config_path;
 * see docs/settings.md): a YAML mapping of optional keys, parsed with
 * quizdeck/yamldoc.h and validated with file:line:col diagnostics as decks
 * are. The result is a plain struct holding each value with a has_<key> flag;
 * applying it to the scheduler's parameters is the scheduler's business.
 */
#ifndef QUIZDECK_SETTINGS_H
#define QUIZDECK_SETTINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/buf.h"
#include "quizdeck/ctx.h"
#include "quizdeck/deck.h"
#include "quizdeck/err.h"
#include "quizdeck/sched.h"

#define QD_SETTINGS_RETENTION_MIN 0.70
#define QD_SETTINGS_RETENTION_MAX 0.99
#define QD_SETTINGS_MAX_INTERVAL 36500 /* days */
#define QD_SETTINGS_MAX_NEW_PER_DAY 10000
#define QD_SETTINGS_MAX_REVIEWS_PER_DAY 100000
#define QD_SETTINGS_MAX_LEARN_AHEAD 1440 /* minutes: a day */
#define QD_SETTINGS_MAX_DECKS 64 /* decks with limits of their own */
#define QD_SETTINGS_MAX_LEECH_THRESHOLD 1000

/* A deck's own daily limits (decks: {ID: {new_per_day: N, reviews_per_day:
 * N}}), applied within the global ones. */
struct qd_settings_deck {
	char id[QD_DECK_MAX_ID + 1];
	bool has_new_per_day;
	int new_per_day;
	bool has_reviews_per_day;
	int reviews_per_day;
};

/* What happens to a card that becomes a leech (docs/settings.md). */
enum qd_leech_action {
	QD_LEECH_SUSPEND = 0, /* suspended: a suspend event in the review log */
	QD_LEECH_TAG,         /* only marked (the mark is derived from its lapses) */
};

struct qd_settings {
	bool has_scheduler;
	enum qd_scheduler scheduler;          /* scheduler: fsrs | sm2 */
	bool has_retention;
	double retention;                     /* retention: 0.70 .. 0.99 */
	bool has_maximum_interval;
	int maximum_interval;                 /* maximum_interval: days, 1 .. 36500 */
	bool has_learning_steps;
	double learning_steps[QD_MAX_STEPS];  /* learning_steps: minutes (may be empty) */
	int n_learning_steps;
	bool has_relearning_steps;
	double relearning_steps[QD_MAX_STEPS];
	int n_relearning_steps;
	bool has_weights;
	double weights[QD_FSRS_WEIGHTS];      /* weights: 19 or 21 numbers */
	int n_weights;
	bool has_weights_fitted;
	int64_t weights_fitted_ms;            /* weights_fitted: when optimize --write fitted them (ISO) */
	bool has_fuzz;
	bool fuzz;                            /* fuzz: true | false */
	bool has_day_start;
	int day_start;                        /* day_start: hour 0 .. 23 */
	bool has_new_per_day;
	int new_per_day;                      /* new_per_day: 0 .. 10000 */
	bool has_leech_threshold;
	int leech_threshold;                  /* leech_threshold: lapses, 0 (off) .. 1000 */
	bool has_leech_action;
	enum qd_leech_action leech_action;    /* leech_action: suspend | tag */
	bool has_reviews_per_day;
	int reviews_per_day;                  /* reviews_per_day: 0 .. 100000 */
	bool has_learn_ahead;
	double learn_ahead;                   /* learn_ahead: minutes, 0 .. 1440 (a duration) */
	struct qd_settings_deck decks[QD_SETTINGS_MAX_DECKS]; /* decks: in file order */
	size_t n_decks;
};

/* Nothing set. */
void qd_settings_init(struct qd_settings *s);

/* Reads ctx->config_path into *out (initialised first). A missing file is
 * fine (nothing set) unless ctx->config_explicit. diags must be initialised
 * by the caller with the file's display name (ctx->config_path); it receives
 * every error and warning (unknown keys, with a suggestion). Returns 0, or
 * -1 with err set, status QD_EXIT_CONFIG: the file cannot be read or holds
 * errors (print diags, then err if diags is empty). */
int qd_settings_load(const struct qd_ctx *ctx, struct qd_settings *out,
                     struct qd_diags *diags, struct qd_err *err);

/* The same from memory (name is used in messages). */
int qd_settings_parse(const char *name, const char *data, size_t len, struct qd_settings *out,
                      struct qd_diags *diags, struct qd_err *err);

/* The settings text data[0..len) with the FSRS weights set to w (written
 * with 4 decimals) and weights_fitted to fitted_ms, into out (appended):
 * the `weights` and `weights_fitted` entries are replaced where they are,
 * each by one line (a missing weights_fitted goes right after weights,
 * missing weights at the end); every other line, comments and order
 * included, stays as it was. The result is parsed again and must hold
 * exactly the old settings with the new weights, or nothing is produced.
 * Returns 0, or -1 with err (QD_EXIT_CONFIG): the old text is not valid
 * settings, or its layout cannot be edited line by line (such as a flow
 * mapping `{weights: [...], ...}`). name is the file in messages. */
int qd_settings_with_weights(const char *name, const char *data, size_t len,
                             const double w[QD_FSRS_WEIGHTS], int64_t fitted_ms,
                             struct qd_buf *out, struct qd_err *err);

#endif

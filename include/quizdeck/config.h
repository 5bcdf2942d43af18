/*
 * The effective configuration of a run: the scheduler parameters and study
 * limits, from ts-fsrs's defaults with the settings file applied over them
 * and days counted in the learner's local time zone.
 */
#ifndef QUIZDECK_CONFIG_H
#define QUIZDECK_CONFIG_H

#include "quizdeck/ctx.h"
#include "quizdeck/sched.h"
#include "quizdeck/settings.h"

#define QD_DEFAULT_NEW_PER_DAY 20
#define QD_DEFAULT_LEECH_THRESHOLD 8
#define QD_DEFAULT_REVIEWS_PER_DAY 200 /* Anki's default */

struct qd_config {
	struct qd_sched_params params;
	int new_per_day;       /* new cards started a day */
	int reviews_per_day;   /* review cards reviewed a day */
	int64_t learn_ahead_ms; /* learning cards shown early when nothing else is left */
	struct qd_settings_deck decks[QD_SETTINGS_MAX_DECKS]; /* decks with their own limits */
	size_t n_decks;
	int leech_threshold;               /* lapses; 0: no leech detection */
	enum qd_leech_action leech_action;
	bool custom_weights;               /* the settings give FSRS weights */
	int64_t weights_fitted_ms;         /* when optimize --write fitted them; 0: never */
};

/* A deck's own daily limits, within the global ones: the settings' value
 * for deck id, or -1 when it has none. */
void qd_config_deck_limits(const struct qd_config *cfg, const char *deck, int *new_per_day,
                           int *reviews_per_day);

/* Applies settings over the defaults. */
void qd_config_from_settings(struct qd_config *cfg, const struct qd_settings *s);

/* Loads ctx->config_path (printing its warnings and errors to ctx->err as
 * FILE:LINE:COL diagnostics) and applies it. Returns 0, or -1 with err set,
 * status QD_EXIT_CONFIG: for an invalid file, a one-line summary ("invalid
 * settings file 'F' (2 errors)") of the diagnostics already printed; for an
 * explicit file that cannot be read, why. The caller prints err. */
int qd_config_load(const struct qd_ctx *ctx, struct qd_config *cfg, struct qd_err *err);

#endif

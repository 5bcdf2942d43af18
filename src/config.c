/*
 * The effective configuration: ts-fsrs defaults, the settings file over
 * them, local-time days. See quizdeck/config.h.
 */
#include <string.h>

#include "quizdeck/config.h"
#include "quizdeck/dayclock.h"
#include "quizdeck/queue.h"

void qd_config_from_settings(struct qd_config *cfg, const struct qd_settings *s)
{
	struct qd_sched_params *p = &cfg->params;

	qd_sched_params_default(p);
	cfg->new_per_day = QD_DEFAULT_NEW_PER_DAY;
	cfg->reviews_per_day = QD_DEFAULT_REVIEWS_PER_DAY;
	cfg->learn_ahead_ms = QD_LEARN_AHEAD_DEFAULT_MS;
	cfg->leech_threshold = QD_DEFAULT_LEECH_THRESHOLD;
	cfg->leech_action = QD_LEECH_SUSPEND;
	if (s->has_scheduler)
		p->kind = s->scheduler;
	if (s->has_retention)
		p->retention = s->retention;
	if (s->has_maximum_interval)
		p->maximum_interval = s->maximum_interval;
	if (s->has_learning_steps) {
		memcpy(p->learning_steps, s->learning_steps, sizeof(p->learning_steps));
		p->n_learning_steps = s->n_learning_steps;
	}
	if (s->has_relearning_steps) {
		memcpy(p->relearning_steps, s->relearning_steps, sizeof(p->relearning_steps));
		p->n_relearning_steps = s->n_relearning_steps;
	}
	cfg->custom_weights = s->has_weights;
	cfg->weights_fitted_ms = s->has_weights_fitted ? s->weights_fitted_ms : 0;
	if (s->has_weights)
		qd_sched_params_set_weights(p, s->weights, (size_t)s->n_weights, NULL);
	if (s->has_fuzz)
		p->fuzz = s->fuzz;
	if (s->has_day_start)
		p->day_start_hour = s->day_start;
	if (s->has_new_per_day)
		cfg->new_per_day = s->new_per_day;
	if (s->has_reviews_per_day)
		cfg->reviews_per_day = s->reviews_per_day;
	if (s->has_learn_ahead)
		cfg->learn_ahead_ms = (int64_t)(s->learn_ahead * 60000.0 + 0.5);
	cfg->n_decks = s->n_decks;
	memcpy(cfg->decks, s->decks, s->n_decks * sizeof(*s->decks));
	if (s->has_leech_threshold)
		cfg->leech_threshold = s->leech_threshold;
	if (s->has_leech_action)
		cfg->leech_action = s->leech_action;
	qd_sched_params_finish(p);
	qd_dayclock_install(p);
}

void qd_config_deck_limits(const struct qd_config *cfg, const char *deck, int *new_per_day,
                           int *reviews_per_day)
{
	*new_per_day = *reviews_per_day = -1;
	/* A deck listed twice (under ids that are the same): the last wins. */
	for (size_t i = 0; i < cfg->n_decks; i++) {
		if (strcmp(cfg->decks[i].id, deck) != 0)
			continue;
		if (cfg->decks[i].has_new_per_day)
			*new_per_day = cfg->decks[i].new_per_day;
		if (cfg->decks[i].has_reviews_per_day)
			*reviews_per_day = cfg->decks[i].reviews_per_day;
	}
}

int qd_config_load(const struct qd_ctx *ctx, struct qd_config *cfg, struct qd_err *err)
{
	struct qd_settings s;
	struct qd_diags diags;
	int rc;

	qd_diags_init(&diags, ctx->config_path ? ctx->config_path : "");
	rc = qd_settings_load(ctx, &s, &diags, err);
	qd_diags_sort(&diags);
	qd_diags_print(ctx->err, &diags);
	if (rc && diags.errors > 0 && err) {
		/* The errors are printed above, each at its place: say what
		 * they mean instead of repeating the first. */
		qd_err_set(err, QD_EXIT_CONFIG, "invalid settings file '%s' (%zu error%s)",
		           ctx->config_path, diags.errors, diags.errors == 1 ? "" : "s");
	}
	qd_diags_release(&diags);
	if (rc)
		return -1;
	qd_config_from_settings(cfg, &s);
	return 0;
}

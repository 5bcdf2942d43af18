/*
 * Fuzz target: the settings file parser (qd_settings_parse). The input is a
 * config.yaml. Parsed values must lie in the documented ranges.
 */
#include <string.h>

#include "fuzz.h"
#include "quizdeck/settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qd_settings s;
	struct qd_diags dg;
	struct qd_err err;

	qd_diags_init(&dg, "config.yaml");
	if (qd_settings_parse("config.yaml", (const char *)data, size, &s, &dg, &err) == 0) {
		fuzz_check(dg.errors == 0, "parsed settings have no errors");
		fuzz_check(!s.has_retention || (s.retention >= QD_SETTINGS_RETENTION_MIN &&
		                                s.retention <= QD_SETTINGS_RETENTION_MAX),
		           "retention range");
		fuzz_check(!s.has_maximum_interval || (s.maximum_interval >= 1 &&
		                                       s.maximum_interval <= QD_SETTINGS_MAX_INTERVAL),
		           "maximum_interval range");
		fuzz_check(s.n_learning_steps >= 0 && s.n_learning_steps <= QD_MAX_STEPS,
		           "learning steps count");
		fuzz_check(s.n_relearning_steps >= 0 && s.n_relearning_steps <= QD_MAX_STEPS,
		           "relearning steps count");
		fuzz_check(s.n_weights >= 0 && s.n_weights <= QD_FSRS_WEIGHTS, "weights count");
		fuzz_check(!s.has_day_start || (s.day_start >= 0 && s.day_start <= 23),
		           "day_start range");
		fuzz_check(!s.has_new_per_day || (s.new_per_day >= 0 &&
		                                  s.new_per_day <= QD_SETTINGS_MAX_NEW_PER_DAY),
		           "new_per_day range");
		fuzz_check(!s.has_reviews_per_day ||
		                   (s.reviews_per_day >= 0 &&
		                    s.reviews_per_day <= QD_SETTINGS_MAX_REVIEWS_PER_DAY),
		           "reviews_per_day range");
		fuzz_check(!s.has_learn_ahead || (s.learn_ahead >= 0 &&
		                                  s.learn_ahead <= QD_SETTINGS_MAX_LEARN_AHEAD),
		           "learn_ahead range");
		fuzz_check(s.n_decks <= QD_SETTINGS_MAX_DECKS, "decks count");
		for (size_t i = 0; i < s.n_decks; i++) {
			const struct qd_settings_deck *sd = &s.decks[i];
			fuzz_check(qd_slug_valid(sd->id, strlen(sd->id)), "deck id");
			fuzz_check(!sd->has_new_per_day ||
			                   (sd->new_per_day >= 0 &&
			                    sd->new_per_day <= QD_SETTINGS_MAX_NEW_PER_DAY),
			           "deck new_per_day range");
			fuzz_check(!sd->has_reviews_per_day ||
			                   (sd->reviews_per_day >= 0 &&
			                    sd->reviews_per_day <= QD_SETTINGS_MAX_REVIEWS_PER_DAY),
			           "deck reviews_per_day range");
		}
		fuzz_check(!s.has_leech_threshold ||
		                   (s.leech_threshold >= 0 &&
		                    s.leech_threshold <= QD_SETTINGS_MAX_LEECH_THRESHOLD),
		           "leech_threshold range");
		fuzz_check(!s.has_leech_action || s.leech_action == QD_LEECH_SUSPEND ||
		                   s.leech_action == QD_LEECH_TAG,
		           "leech_action value");
	}
	qd_diags_sort(&dg);
	qd_diags_print(fuzz_sink(), &dg);
	qd_diags_release(&dg);
	return 0;
}

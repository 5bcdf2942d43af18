/* Unit tests for the effective configuration: settings over defaults. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/config.h"

static void parse(const char *yaml, struct qd_settings *s)
{
	struct qd_diags d;
	struct qd_err err;

	qd_diags_init(&d, "config.yaml");
	assert_int_equal(qd_settings_parse("config.yaml", yaml, strlen(yaml), s, &d, &err), 0);
	assert_int_equal(d.errors, 0);
	qd_diags_release(&d);
}

static void test_defaults(void **state)
{
	struct qd_settings s;
	struct qd_config cfg;

	(void)state;
	setenv("TZ", "UTC", 1);
	qd_settings_init(&s);
	qd_config_from_settings(&cfg, &s);
	assert_int_equal(cfg.params.kind, QD_SCHED_FSRS);
	assert_true(cfg.params.retention == 0.9);
	assert_int_equal(cfg.params.maximum_interval, 36500);
	assert_int_equal(cfg.params.n_learning_steps, 2);
	assert_true(cfg.params.learning_steps[1] == 10.0);
	assert_int_equal(cfg.params.day_start_hour, 4);
	assert_int_equal(cfg.new_per_day, QD_DEFAULT_NEW_PER_DAY);
	assert_int_equal(cfg.reviews_per_day, QD_DEFAULT_REVIEWS_PER_DAY);
	assert_true(cfg.learn_ahead_ms == 20 * 60000);
	assert_int_equal(cfg.leech_threshold, QD_DEFAULT_LEECH_THRESHOLD);
	assert_int_equal(cfg.leech_action, QD_LEECH_SUSPEND);
	assert_non_null(cfg.params.day_of); /* local-time days */
}

static void test_settings_applied(void **state)
{
	struct qd_settings s;
	struct qd_config cfg;
	struct qd_memory m, out;

	(void)state;
	setenv("TZ", "UTC", 1);
	parse("scheduler: sm2\nretention: 0.85\nmaximum_interval: 365\n"
	      "learning_steps: [2m, 1h]\nrelearning_steps: []\nday_start: 0\n"
	      "new_per_day: 7\nfuzz: true\nreviews_per_day: 50\nlearn_ahead: 90s\n",
	      &s);
	qd_config_from_settings(&cfg, &s);
	assert_int_equal(cfg.params.kind, QD_SCHED_SM2);
	assert_true(cfg.params.retention == 0.85);
	assert_int_equal(cfg.params.maximum_interval, 365);
	assert_int_equal(cfg.params.n_learning_steps, 2);
	assert_true(cfg.params.learning_steps[0] == 2.0);
	assert_true(cfg.params.learning_steps[1] == 60.0);
	assert_int_equal(cfg.params.n_relearning_steps, 0);
	assert_int_equal(cfg.params.day_start_hour, 0);
	assert_true(cfg.params.fuzz);
	assert_int_equal(cfg.new_per_day, 7);
	assert_int_equal(cfg.reviews_per_day, 50);
	assert_true(cfg.learn_ahead_ms == 90000);
	/* The steps are live: Again on a new card waits the first step. */
	qd_memory_init(&m);
	assert_int_equal(qd_sched_review(&cfg.params, &m, 0, QD_AGAIN, 0, &out), 0);
	assert_int_equal(out.due_ms, 2 * 60000);
}

static void test_weights(void **state)
{
	struct qd_settings s;
	struct qd_config cfg;

	(void)state;
	parse("weights: [0.4, 0.6, 2.4, 5.8, 4.93, 0.94, 0.86, 0.01, 1.49, 0.14, 0.94,"
	      " 2.18, 0.05, 0.34, 1.26, 0.29, 2.61, 0.5, 0.2, 0.1, 0.2]\n",
	      &s);
	qd_config_from_settings(&cfg, &s);
	assert_true(cfg.params.w[0] == 0.4);
	assert_true(cfg.params.w[20] == 0.2);
	assert_true(cfg.params.decay == -0.2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults),
		cmocka_unit_test(test_settings_applied),
		cmocka_unit_test(test_weights),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

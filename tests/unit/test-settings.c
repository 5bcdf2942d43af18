/* Unit tests for the settings file: every key, ranges, unknown keys, the
 * missing-file rules, and diagnostics shown with their source. */
#define _POSIX_C_SOURCE 200809L
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/settings.h"

static int parse(const char *s, struct qd_settings *st, struct qd_diags *d)
{
	struct qd_err err;
	int rc;

	qd_diags_init(d, "config.yaml");
	rc = qd_settings_parse("config.yaml", s, strlen(s), st, d, &err);
	if (rc)
		assert_int_equal(err.status, QD_EXIT_CONFIG);
	qd_diags_sort(d);
	return rc;
}

/* A settings file keeps its own small size limit (1 MiB), not a deck's. */
static void test_size_limit(void **state)
{
	struct qd_settings st;
	struct qd_diags d;
	size_t n = QD_SETTINGS_MAX_BYTES + 1;
	char *big = malloc(n + 1), want[128];

	(void)state;
	assert_non_null(big);
	memset(big, '#', n);
	big[n] = '\0';
	assert_int_equal(parse(big, &st, &d), -1);
	snprintf(want, sizeof(want), "file is too large (%zu bytes; the limit is %zu)", n,
	         (size_t)QD_SETTINGS_MAX_BYTES);
	assert_string_equal(d.items[0].msg, want);
	qd_diags_release(&d);
	big[n - 1] = '\0'; /* a comment of exactly the limit */
	assert_int_equal(parse(big, &st, &d), 0);
	qd_diags_release(&d);
	free(big);
}

static void test_all_keys(void **state)
{
	struct qd_settings s;
	struct qd_diags d;

	(void)state;
	assert_int_equal(parse("scheduler: sm2\n"
	                       "retention: 0.85\n"
	                       "maximum_interval: 365\n"
	                       "learning_steps: [1m, 10m, 1h]\n"
	                       "relearning_steps: []\n"
	                       "weights: [0.2, 1.2, 3.1, 15.6, 7.2, 0.5, 1.5, 0.005, 1.5, 0.1, 1.0,"
	                       " 1.9, 0.1, 0.3, 2.3, 0.2, 3.0, 0.5, 0.7, 0.1, 0.5]\n"
	                       "fuzz: true\n"
	                       "day_start: 0\n"
	                       "new_per_day: \"25\"\n",
	                       &s, &d), 0);
	assert_int_equal(d.len, 0);
	assert_true(s.has_scheduler);
	assert_int_equal(s.scheduler, QD_SCHED_SM2);
	assert_true(s.has_retention);
	assert_true(s.retention == 0.85);
	assert_int_equal(s.maximum_interval, 365);
	assert_int_equal(s.n_learning_steps, 3);
	assert_true(s.learning_steps[2] == 60.0);
	assert_true(s.has_relearning_steps);
	assert_int_equal(s.n_relearning_steps, 0);
	assert_int_equal(s.n_weights, 21);
	assert_true(s.weights[20] == 0.5);
	assert_true(s.has_fuzz && s.fuzz);
	assert_true(s.has_day_start);
	assert_int_equal(s.day_start, 0);
	assert_int_equal(s.new_per_day, 25);
	qd_diags_release(&d);
}

/* The daily review limit and the learn-ahead limit: values, ranges, and a
 * learn-ahead of 0 (never early), which a learning step may not be. */
static void test_limits(void **state)
{
	struct qd_settings s;
	struct qd_diags d;

	(void)state;
	assert_int_equal(parse("reviews_per_day: 150\nlearn_ahead: 90s\n", &s, &d), 0);
	assert_true(s.has_reviews_per_day);
	assert_int_equal(s.reviews_per_day, 150);
	assert_true(s.has_learn_ahead);
	assert_true(s.learn_ahead == 1.5);
	qd_diags_release(&d);
	assert_int_equal(parse("learn_ahead: 0\n", &s, &d), 0);
	assert_true(s.has_learn_ahead && s.learn_ahead == 0);
	qd_diags_release(&d);
	assert_int_equal(parse("learn_ahead: 0m\nreviews_per_day: 0\n", &s, &d), 0);
	assert_true(s.has_learn_ahead && s.learn_ahead == 0);
	assert_true(s.has_reviews_per_day && s.reviews_per_day == 0);
	qd_diags_release(&d);
	assert_int_equal(parse("learn_ahead: 20\n", &s, &d), 0);
	assert_true(s.learn_ahead == 20);
	qd_diags_release(&d);

	assert_int_equal(parse("reviews_per_day: 100001\nlearn_ahead: 2d\n", &s, &d), -1);
	assert_int_equal(d.errors, 2);
	assert_string_equal(d.items[0].msg,
	                    "'reviews_per_day' must be between 0 and 100000, not 100001");
	assert_string_equal(d.items[1].msg, "'learn_ahead' must be at most 1440 minutes, not 2d");
	qd_diags_release(&d);
	assert_int_equal(parse("learn_ahead: soon\n", &s, &d), -1);
	assert_string_equal(d.items[0].msg, "'learn_ahead': 'soon' is not a duration (write e.g. "
	                                    "0, 90s, 20m or 1h)");
	qd_diags_release(&d);
	assert_int_equal(parse("learn_ahead: -5m\n", &s, &d), -1);
	qd_diags_release(&d);
	assert_int_equal(parse("learn-ahead: 5m\n", &s, &d), 0);
	assert_string_equal(d.items[0].msg, "unknown key 'learn-ahead' \xE2\x80\x94 did you mean "
	                                    "'learn_ahead'?");
	qd_diags_release(&d);
}

/* decks: a deck's own limits, by deck id. */
static void test_deck_limits(void **state)
{
	struct qd_settings s;
	struct qd_diags d;

	(void)state;
	assert_int_equal(parse("decks:\n"
	                       "  rust-uses: {new_per_day: 5, reviews_per_day: 50}\n"
	                       "  mine:\n"
	                       "    reviews_per_day: 0\n",
	                       &s, &d), 0);
	assert_int_equal(d.len, 0);
	assert_int_equal(s.n_decks, 2);
	assert_string_equal(s.decks[0].id, "rust-uses");
	assert_true(s.decks[0].has_new_per_day && s.decks[0].new_per_day == 5);
	assert_true(s.decks[0].has_reviews_per_day && s.decks[0].reviews_per_day == 50);
	assert_string_equal(s.decks[1].id, "mine");
	assert_false(s.decks[1].has_new_per_day);
	assert_true(s.decks[1].has_reviews_per_day && s.decks[1].reviews_per_day == 0);
	qd_diags_release(&d);

	assert_int_equal(parse("decks:\n"
	                       "  Rust Uses: {new_per_day: 5}\n"
	                       "  mine: 5\n"
	                       "  other: {new_per_day: -1, new-per-day: 3}\n",
	                       &s, &d), -1);
	assert_int_equal(d.errors, 3);
	assert_int_equal(d.warnings, 1);
	assert_string_equal(d.items[0].msg, "'decks': 'Rust Uses' is not a deck id (lowercase "
	                                    "letters, digits and '-')");
	assert_string_equal(d.items[1].msg, "deck 'mine': its limits must be a mapping such as "
	                                    "'{new_per_day: 5, reviews_per_day: 50}', not a string");
	assert_string_equal(d.items[2].msg, "'new_per_day' must be between 0 and 10000, not -1");
	assert_string_equal(d.items[3].msg, "unknown deck limit 'new-per-day' \xE2\x80\x94 did you "
	                                    "mean 'new_per_day'?");
	qd_diags_release(&d);
	assert_int_equal(parse("decks: [rust-uses]\n", &s, &d), -1);
	qd_diags_release(&d);
}

static void test_empty(void **state)
{
	struct qd_settings s;
	struct qd_diags d;

	(void)state;
	assert_int_equal(parse("# nothing set\n", &s, &d), 0);
	assert_false(s.has_scheduler || s.has_retention || s.has_weights || s.has_fuzz);
	qd_diags_release(&d);
}

static void test_errors(void **state)
{
	struct qd_settings s;
	struct qd_diags d;

	(void)state;
	assert_int_equal(parse("scheduler: fsr\n"
	                       "retention: 0.5\n"
	                       "maximum_interval: 0\n"
	                       "learning_steps: [1m, soon]\n"
	                       "relearning_steps: 10m\n"
	                       "weights: [1, 2]\n"
	                       "fuzz: maybe\n"
	                       "day_start: 24\n"
	                       "new_per_day: many\n"
	                       "retension: 0.9\n",
	                       &s, &d), -1);
	assert_int_equal(d.errors, 9);
	assert_int_equal(d.warnings, 1);
	assert_string_equal(d.items[0].msg, "unknown scheduler 'fsr' \xE2\x80\x94 did you mean 'fsrs'?");
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].col, 12);
	assert_string_equal(d.items[1].msg, "'retention' must be between 0.70 and 0.99, not 0.5");
	assert_string_equal(d.items[2].msg, "'maximum_interval' must be between 1 and 36500, not 0");
	assert_string_equal(d.items[3].msg, "'learning_steps': 'soon' is not a duration (write "
	                                    "e.g. 90s, 10m, 1h or 2d)");
	assert_int_equal(d.items[3].col, 22);
	assert_string_equal(d.items[5].msg, "'weights' must list 19 (FSRS-5) or 21 (FSRS-6) "
	                                    "numbers, not 2");
	assert_string_equal(d.items[7].msg, "'day_start' must be between 0 and 23, not 24");
	assert_string_equal(d.items[8].msg, "'new_per_day' must be a whole number, not 'many'");
	assert_int_equal(d.items[9].sev, QD_SEV_WARNING);
	assert_string_equal(d.items[9].msg, "unknown key 'retension' \xE2\x80\x94 did you mean "
	                                    "'retention'?");
	assert_false(s.has_retention);
	qd_diags_release(&d);

	assert_int_equal(parse("learning_steps: [1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, 1m, "
	                       "1m, 1m, 1m, 1m, 1m]\n", &s, &d), -1);
	assert_string_equal(d.items[0].msg, "'learning_steps' has 17 steps; at most 16 are allowed");
	qd_diags_release(&d);
	assert_int_equal(parse("- a list\n", &s, &d), -1);
	qd_diags_release(&d);
	assert_int_equal(parse("a: [\n", &s, &d), -1);
	qd_diags_release(&d);
}

static void test_warnings_only(void **state)
{
	struct qd_settings s;
	struct qd_diags d;

	(void)state;
	assert_int_equal(parse("colour: blue\nweights: [0.2, 1.2, 3.1, 15.6, 7.2, 0.5, 1.5, 0.005,"
	                       " 1.5, 0.1, 1.0, 1.9, 0.1, 0.3, 2.3, 0.2, 3.0, 0.5, 0.7]\n",
	                       &s, &d), 0);
	assert_int_equal(d.warnings, 1);
	assert_int_equal(s.n_weights, 19);
	qd_diags_release(&d);
}

/* leech_threshold (0 turns detection off) and leech_action. */
static void test_leech_keys(void **state)
{
	struct qd_settings s;
	struct qd_diags d;

	(void)state;
	assert_int_equal(parse("leech_threshold: 0\nleech_action: tag\n", &s, &d), 0);
	assert_true(s.has_leech_threshold);
	assert_int_equal(s.leech_threshold, 0);
	assert_true(s.has_leech_action);
	assert_int_equal(s.leech_action, QD_LEECH_TAG);
	qd_diags_release(&d);
	assert_int_equal(parse("leech_action: suspend\n", &s, &d), 0);
	assert_int_equal(s.leech_action, QD_LEECH_SUSPEND);
	assert_false(s.has_leech_threshold);
	qd_diags_release(&d);
	assert_int_equal(parse("leech_threshold: 1001\nleech_action: suspnd\n", &s, &d), -1);
	assert_int_equal(d.errors, 2);
	assert_string_equal(d.items[0].msg, "'leech_threshold' must be between 0 and 1000, not 1001");
	assert_non_null(strstr(d.items[1].msg, "'suspnd'"));
	assert_non_null(strstr(d.items[1].msg, "did you mean 'suspend'?"));
	assert_false(s.has_leech_action);
	qd_diags_release(&d);
	assert_int_equal(parse("leech-threshold: 4\n", &s, &d), 0);
	assert_int_equal(d.warnings, 1);
	assert_non_null(strstr(d.items[0].msg, "did you mean 'leech_threshold'?"));
	qd_diags_release(&d);
}

/* The settings file shows its syntax errors as decks do: in words that
 * say what to do, with the source line and a caret. */
static void test_syntax_shown(void **state)
{
	struct qd_settings s;
	struct qd_diags d;
	char *out = NULL;
	size_t n = 0;
	FILE *fp;

	(void)state;
	assert_int_equal(parse("retention: 0.9\n\tfuzz: true\n", &s, &d), -1);
	fp = open_memstream(&out, &n);
	assert_non_null(fp);
	qd_diags_print(fp, &d);
	fclose(fp);
	assert_string_equal(out, "config.yaml:2:1: error: a tab in the indentation: YAML indents "
	                         "with spaces; replace the tab\n"
	                         " 2 |         fuzz: true\n"
	                         "   | ^\n");
	free(out);
	qd_diags_release(&d);

	assert_int_equal(parse("retention: 0.9\nfuzz: maybe\n", &s, &d), -1);
	fp = open_memstream(&out, &n);
	assert_non_null(fp);
	qd_diags_print(fp, &d);
	fclose(fp);
	assert_string_equal(out, "config.yaml:2:7: error: 'fuzz' must be true or false, not 'maybe'\n"
	                         " 2 | fuzz: maybe\n"
	                         "   |       ^\n");
	free(out);
	qd_diags_release(&d);
}

static void test_load(void **state)
{
	struct qd_ctx ctx = {0};
	struct qd_settings s;
	struct qd_diags d;
	struct qd_err err;

	(void)state;
	ctx.config_path = QD_TEST_DATA "/no-such-config.yaml";
	qd_diags_init(&d, ctx.config_path);
	assert_int_equal(qd_settings_load(&ctx, &s, &d, &err), 0);
	ctx.config_explicit = true;
	assert_int_equal(qd_settings_load(&ctx, &s, &d, &err), -1);
	assert_int_equal(err.status, QD_EXIT_CONFIG);
	assert_string_equal(err.msg, "cannot open: No such file or directory");
	assert_int_equal(d.len, 0);
	qd_diags_release(&d);
}

/* with_weights: the text with w set; "" when it refuses. */
static char *with_weights(const char *text, const double *w, int64_t at)
{
	struct qd_buf out;
	struct qd_err err;
	char *r;

	qd_buf_init(&out);
	if (qd_settings_with_weights("config.yaml", text, strlen(text), w, at, &out, &err) != 0) {
		assert_int_equal(err.status, QD_EXIT_CONFIG);
		qd_buf_release(&out);
		return NULL;
	}
	r = strdup(out.data ? out.data : "");
	qd_buf_release(&out);
	return r;
}

static const double fitted_w[21] = {
	0.5, 1.5, 3.25, 10, 6, 0.7, 2.5, 0.01, 1.6, 0.2, 0.9,
	1.6, 0.07, 0.3, 1.5, 0.5, 2, 0.4, 0.1, 0.08, 0.2,
};
#define FITTED_LINE "weights: [0.5000, 1.5000, 3.2500, 10.0000, 6.0000, 0.7000, 2.5000, 0.0100, " \
	"1.6000, 0.2000, 0.9000, 1.6000, 0.0700, 0.3000, 1.5000, 0.5000, 2.0000, 0.4000, " \
	"0.1000, 0.0800, 0.2000]\n"
#define AT INT64_C(1795975200000) /* 2026-11-29T18:00:00Z */

/* Writing the weights replaces the entry where it is, block or flow, with
 * its comments and every other line kept. */
static void test_with_weights_in_place(void **state)
{
	const char *old = "# my settings\nretention: 0.85   # a bit lower\n"
	                  "weights:\n  - 0.1\n  - 0.2\n  - 0.3\n  - 0.4\n  - 5\n  - 0.5\n  - 2\n"
	                  "  - 0.01\n  - 1.5\n  - 0.1\n  - 1\n  - 2\n  - 0.1\n  - 0.3\n  - 1.5\n"
	                  "  - 0.5\n  - 2\n  - 0.5\n  - 0.1\n  - 0.1\n  - 0.2\n"
	                  "# limits\nnew_per_day: 10\n";
	char *got = with_weights(old, fitted_w, AT);
	struct qd_settings s;
	struct qd_diags d;

	(void)state;
	assert_non_null(got);
	assert_string_equal(got, "# my settings\nretention: 0.85   # a bit lower\n" FITTED_LINE
	                         "weights_fitted: 2026-11-29T18:00:00Z\n# limits\nnew_per_day: 10\n");
	assert_int_equal(parse(got, &s, &d), 0);
	assert_true(s.has_weights_fitted && s.weights_fitted_ms == AT);
	assert_true(s.has_weights && s.n_weights == 21 && s.weights[2] == 3.25);
	qd_diags_release(&d);
	free(got);
	/* again: both entries replaced, nothing added */
	{
		char *again = with_weights("weights_fitted: 2020-01-01T00:00:00Z\nfuzz: true\n"
		                           "weights: [1, 2, 3, 4, 5, 0.5, 2, 0.01, 1.5, 0.1, 1, 2, "
		                           "0.1, 0.3, 1.5, 0.5, 2, 0.5, 0.1, 0.1, 0.2] # old\n",
		                           fitted_w, AT);
		assert_non_null(again);
		assert_string_equal(again, "weights_fitted: 2026-11-29T18:00:00Z\nfuzz: true\n"
		                           FITTED_LINE);
		free(again);
	}
}

/* No weights yet: appended; an empty or missing file gets just them. */
static void test_with_weights_added(void **state)
{
	char *got;

	(void)state;
	got = with_weights("retention: 0.9", fitted_w, AT);
	assert_string_equal(got, "retention: 0.9\n" FITTED_LINE "weights_fitted: 2026-11-29T18:00:00Z\n");
	free(got);
	got = with_weights("", fitted_w, AT);
	assert_string_equal(got, FITTED_LINE "weights_fitted: 2026-11-29T18:00:00Z\n");
	free(got);
}

/* A layout that cannot be edited line by line, or invalid settings: refused. */
static void test_with_weights_refused(void **state)
{
	(void)state;
	assert_null(with_weights("{retention: 0.9, weights: [1, 2]}\n", fitted_w, AT));
	assert_null(with_weights("retention: 2\n", fitted_w, AT));
	assert_null(with_weights("weights_fitted: yesterday\n", fitted_w, AT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all_keys),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_deck_limits),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_warnings_only),
		cmocka_unit_test(test_leech_keys),
		cmocka_unit_test(test_syntax_shown),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_with_weights_in_place),
		cmocka_unit_test(test_with_weights_added),
		cmocka_unit_test(test_with_weights_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

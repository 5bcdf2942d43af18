/*
 * The settings file (see quizdeck/settings.h and docs/settings.md).
 *
 * Every key is optional and checked for type and range; all problems are
 * collected with their positions, like a deck's. Unknown keys are warnings
 * with a suggestion, so a typo is noticed without making quizdeck unusable.
 * Values may be written plain or quoted ("0.9" is a number either way).
 */
#include <errno.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "quizdeck/buf.h"
#include "quizdeck/qtime.h"
#include "quizdeck/settings.h"
#include "quizdeck/suggest.h"
#include "quizdeck/yamldoc.h"

static const char *const settings_keys[] = {
	"scheduler", "retention", "maximum_interval", "learning_steps", "relearning_steps",
	"weights", "fuzz", "day_start", "new_per_day", "reviews_per_day", "learn_ahead", "decks",
	"leech_threshold", "leech_action", "weights_fitted", NULL,
};
static const char *const settings_synonyms[] = {
	"algorithm", "scheduler", "desired_retention", "retention", "request_retention", "retention",
	"max_interval", "maximum_interval", "maximum-interval", "maximum_interval",
	"learning-steps", "learning_steps", "relearning-steps", "relearning_steps",
	"w", "weights", "parameters", "weights", "day-start", "day_start",
	"new-per-day", "new_per_day", "new_cards_per_day", "new_per_day", "enable_fuzz", "fuzz",
	"reviews-per-day", "reviews_per_day", "max_reviews_per_day", "reviews_per_day",
	"learn-ahead", "learn_ahead", "learn_ahead_limit", "learn_ahead",
	"leech-threshold", "leech_threshold", "leech-action", "leech_action", NULL,
};

void qd_settings_init(struct qd_settings *s)
{
	memset(s, 0, sizeof(*s));
}

/* A scalar with a value; reports and returns false otherwise. */
static bool need_scalar(struct qd_diags *d, const struct qd_ynode *n, const char *key,
                        const char *what)
{
	if (n->kind == QD_YNODE_BAD || (n->kind == QD_YNODE_SCALAR && n->tainted))
		return false;
	if (n->kind != QD_YNODE_SCALAR || qd_ynode_is_null(n)) {
		qd_diags_add(d, QD_SEV_ERROR, n->line, n->col,
		             "'%s' must be %s, not %s", key, what, qd_ynode_kind_name(n));
		return false;
	}
	return true;
}

static bool parse_double(const struct qd_ynode *n, double *out)
{
	char *end;

	if (n->len == 0 || n->len != strlen(n->str) || strchr(" \t\n", n->str[0]))
		return false;
	errno = 0;
	*out = strtod(n->str, &end);
	return *end == '\0' && errno == 0 && isfinite(*out);
}

static bool parse_int(const struct qd_ynode *n, long *out)
{
	char *end;

	if (n->len == 0 || n->len != strlen(n->str) || strchr(" \t\n", n->str[0]))
		return false;
	errno = 0;
	*out = strtol(n->str, &end, 10);
	return *end == '\0' && errno == 0;
}

static bool read_int(struct qd_diags *d, const struct qd_ynode *n, const char *key, long min,
                     long max, int *out)
{
	char ex[96];
	long v;

	if (!need_scalar(d, n, key, "a whole number"))
		return false;
	if (!parse_int(n, &v)) {
		qd_diags_add(d, QD_SEV_ERROR, n->line, n->col,
		             "'%s' must be a whole number, not '%s'", key,
		             qd_text_excerpt(n->str, n->len, 40, ex, sizeof(ex)));
		return false;
	}
	if (v < min || v > max) {
		qd_diags_add(d, QD_SEV_ERROR, n->line, n->col,
		             "'%s' must be between %ld and %ld, not %ld", key, min, max, v);
		return false;
	}
	*out = (int)v;
	return true;
}

static int read_steps(struct qd_diags *d, const struct qd_ynode *n, const char *key,
                      double *steps, int *count)
{
	char ex[96];
	bool ok = true;

	if (n->kind == QD_YNODE_BAD)
		return false;
	if (n->kind != QD_YNODE_SEQUENCE) {
		qd_diags_add(d, QD_SEV_ERROR, n->line, n->col,
		             "'%s' must be a list of durations such as [1m, 10m], not %s", key,
		             qd_ynode_kind_name(n));
		return false;
	}
	if (n->n_items > QD_MAX_STEPS) {
		qd_diags_add(d, QD_SEV_ERROR, n->line, n->col,
		             "'%s' has %zu steps; at most %d are allowed", key, (size_t)n->n_items, QD_MAX_STEPS);
		return false;
	}
	*count = 0;
	for (size_t i = 0; i < n->n_items; i++) {
		const struct qd_ynode *it = n->items[i];
		double m;
		if (!need_scalar(d, it, key, "a duration such as 10m")) {
			ok = false;
			continue;
		}
		if (it->len != strlen(it->str) || qd_duration_parse_minutes(it->str, &m)) {
			qd_diags_add(d, QD_SEV_ERROR, it->line, it->col,
			             "'%s': '%s' is not a duration (write e.g. 90s, 10m, 1h or 2d)", key,
			             qd_text_excerpt(it->str, it->len, 40, ex, sizeof(ex)));
			ok = false;
			continue;
		}
		steps[(*count)++] = m;
	}
	return ok;
}

/* "0", "00", "0.0", "0s", "0m", ...: a duration of nothing, which
 * qd_duration_parse_minutes() refuses (a step of 0 makes no sense). */
static bool zero_duration(const char *s)
{
	size_t n = strspn(s, "0");

	if (n == 0)
		return false;
	if (s[n] == '.')
		n += 1 + strspn(s + n + 1, "0");
	return s[n] == '\0' || (strchr("smhd", s[n]) && s[n + 1] == '\0');
}

/* A duration from 0 to max minutes. */
static bool read_duration0(struct qd_diags *d, const struct qd_ynode *n, const char *key,
                           double max, double *out)
{
	char ex[96];
	double m = 0;

	if (!need_scalar(d, n, key, "a duration such as 20m"))
		return false;
	if (n->len != strlen(n->str) ||
	    (!zero_duration(n->str) && qd_duration_parse_minutes(n->str, &m) != 0)) {
		qd_diags_add(d, QD_SEV_ERROR, n->line, n->col,
		             "'%s': '%s' is not a duration (write e.g. 0, 90s, 20m or 1h)", key,
		             qd_text_excerpt(n->str, n->len, 40, ex, sizeof(ex)));
		return false;
	}
	if (m > max) {
		qd_diags_add(d, QD_SEV_ERROR, n->line, n->col,
		             "'%s' must be at most %g minutes, not %s", key, max,
		             qd_text_excerpt(n->str, n->len, 40, ex, sizeof(ex)));
		return false;
	}
	*out = m;
	return true;
}

/* decks: a mapping of deck ids to their own limits. */
static void read_decks(struct qd_settings *s, struct qd_diags *d, const struct qd_ynode *v)
{
	static const char *const keys[] = {"new_per_day", "reviews_per_day", NULL};
	static const char *const syn[] = {"new-per-day", "new_per_day", "reviews-per-day",
	                                  "reviews_per_day", NULL};
	char ex[96];

	if (v->kind == QD_YNODE_BAD || qd_ynode_is_null(v))
		return;
	if (v->kind != QD_YNODE_MAPPING) {
		qd_diags_add(d, QD_SEV_ERROR, v->line, v->col,
		             "'decks' must map deck ids to their limits, such as "
		             "'rust-uses: {new_per_day: 5}', not %s", qd_ynode_kind_name(v));
		return;
	}
	for (size_t i = 0; i < v->n_pairs; i++) {
		const struct qd_ynode *id = v->pairs[i].key, *lim = v->pairs[i].value;
		struct qd_settings_deck *sd;

		if (id->tainted || id->kind != QD_YNODE_SCALAR)
			continue;
		if (id->len != strlen(id->str) || !qd_slug_valid(id->str, id->len)) {
			qd_diags_add(d, QD_SEV_ERROR, id->line, id->col,
			             "'decks': '%s' is not a deck id (lowercase letters, digits and '-')",
			             qd_text_excerpt(id->str, id->len, 40, ex, sizeof(ex)));
			continue;
		}
		if (s->n_decks == QD_SETTINGS_MAX_DECKS) {
			qd_diags_add(d, QD_SEV_ERROR, id->line, id->col,
			             "'decks' lists more than %d decks", QD_SETTINGS_MAX_DECKS);
			return;
		}
		if (lim->kind == QD_YNODE_BAD)
			continue;
		if (lim->kind != QD_YNODE_MAPPING) {
			qd_diags_add(d, QD_SEV_ERROR, lim->line, lim->col,
			             "deck '%s': its limits must be a mapping such as "
			             "'{new_per_day: 5, reviews_per_day: 50}', not %s", id->str,
			             qd_ynode_kind_name(lim));
			continue;
		}
		sd = &s->decks[s->n_decks++];
		memset(sd, 0, sizeof(*sd));
		memcpy(sd->id, id->str, id->len + 1);
		for (size_t j = 0; j < lim->n_pairs; j++) {
			const struct qd_ynode *k = lim->pairs[j].key, *x = lim->pairs[j].value;
			if (qd_ynode_equals(k, "new_per_day"))
				sd->has_new_per_day = read_int(d, x, "new_per_day", 0,
				                               QD_SETTINGS_MAX_NEW_PER_DAY, &sd->new_per_day);
			else if (qd_ynode_equals(k, "reviews_per_day"))
				sd->has_reviews_per_day =
				        read_int(d, x, "reviews_per_day", 0, QD_SETTINGS_MAX_REVIEWS_PER_DAY,
				                 &sd->reviews_per_day);
			else if (!k->tainted)
				qd_ynode_report_unknown(d, QD_SEV_WARNING, NULL, k, "deck limit", keys, syn,
				                        "a deck's limits are new_per_day and reviews_per_day");
		}
	}
}

static void read_key(struct qd_settings *s, struct qd_diags *d, const struct qd_ynode *k,
                     const struct qd_ynode *v)
{
	char ex[96];
	double x;

	if (qd_ynode_equals(k, "scheduler")) {
		if (!need_scalar(d, v, "scheduler", "fsrs or sm2"))
			return;
		if (qd_ynode_equals(v, "fsrs"))
			s->scheduler = QD_SCHED_FSRS;
		else if (qd_ynode_equals(v, "sm2"))
			s->scheduler = QD_SCHED_SM2;
		else {
			static const char *const names[] = {"fsrs", "sm2", NULL};
			static const char *const syn[] = {"sm-2", "sm2", "supermemo", "sm2",
			                                  "fsrs-6", "fsrs", "fsrs6", "fsrs", NULL};
			qd_ynode_report_unknown(d, QD_SEV_ERROR, NULL, v, "scheduler", names, syn,
			                        "expected fsrs or sm2");
			return;
		}
		s->has_scheduler = true;
	} else if (qd_ynode_equals(k, "retention")) {
		if (!need_scalar(d, v, "retention", "a number"))
			return;
		if (!parse_double(v, &x)) {
			qd_diags_add(d, QD_SEV_ERROR, v->line, v->col,
			             "'retention' must be a number such as 0.9, not '%s'",
			             qd_text_excerpt(v->str, v->len, 40, ex, sizeof(ex)));
			return;
		}
		if (!(x >= QD_SETTINGS_RETENTION_MIN - 1e-12 && x <= QD_SETTINGS_RETENTION_MAX + 1e-12)) {
			qd_diags_add(d, QD_SEV_ERROR, v->line, v->col,
			             "'retention' must be between 0.70 and 0.99, not %s",
			             qd_text_excerpt(v->str, v->len, 40, ex, sizeof(ex)));
			return;
		}
		s->retention = x;
		s->has_retention = true;
	} else if (qd_ynode_equals(k, "maximum_interval")) {
		s->has_maximum_interval = read_int(d, v, "maximum_interval", 1,
		                                   QD_SETTINGS_MAX_INTERVAL, &s->maximum_interval);
	} else if (qd_ynode_equals(k, "learning_steps")) {
		s->has_learning_steps = read_steps(d, v, "learning_steps", s->learning_steps,
		                                   &s->n_learning_steps);
	} else if (qd_ynode_equals(k, "relearning_steps")) {
		s->has_relearning_steps = read_steps(d, v, "relearning_steps", s->relearning_steps,
		                                     &s->n_relearning_steps);
	} else if (qd_ynode_equals(k, "weights")) {
		bool ok = true;
		if (v->kind == QD_YNODE_BAD)
			return;
		if (v->kind != QD_YNODE_SEQUENCE) {
			qd_diags_add(d, QD_SEV_ERROR, v->line, v->col,
			             "'weights' must be a list of 19 or 21 numbers, not %s",
			             qd_ynode_kind_name(v));
			return;
		}
		if (v->n_items != 19 && v->n_items != 21) {
			qd_diags_add(d, QD_SEV_ERROR, v->line, v->col,
			             "'weights' must list 19 (FSRS-5) or 21 (FSRS-6) numbers, not %zu",
			             (size_t)v->n_items);
			return;
		}
		for (size_t i = 0; i < v->n_items; i++) {
			const struct qd_ynode *it = v->items[i];
			if (!need_scalar(d, it, "weights", "a number")) {
				ok = false;
			} else if (!parse_double(it, &s->weights[i])) {
				qd_diags_add(d, QD_SEV_ERROR, it->line, it->col,
				             "'weights' item %zu must be a number, not '%s'", i + 1,
				             qd_text_excerpt(it->str, it->len, 40, ex, sizeof(ex)));
				ok = false;
			}
		}
		s->n_weights = ok ? (int)v->n_items : 0;
		s->has_weights = ok;
	} else if (qd_ynode_equals(k, "weights_fitted")) {
		int64_t ms;
		if (!need_scalar(d, v, "weights_fitted", "a time such as 2026-11-29T18:00:00Z"))
			return;
		if (v->len != strlen(v->str) || qd_time_parse_iso(v->str, &ms) != 0) {
			qd_diags_add(d, QD_SEV_ERROR, v->line, v->col,
			             "'weights_fitted' must be a time such as 2026-11-29T18:00:00Z, not '%s'",
			             qd_text_excerpt(v->str, v->len, 40, ex, sizeof(ex)));
			return;
		}
		s->weights_fitted_ms = ms;
		s->has_weights_fitted = true;
	} else if (qd_ynode_equals(k, "fuzz")) {
		if (!need_scalar(d, v, "fuzz", "true or false"))
			return;
		if (qd_ynode_equals(v, "true") || qd_ynode_equals(v, "yes"))
			s->fuzz = true;
		else if (qd_ynode_equals(v, "false") || qd_ynode_equals(v, "no"))
			s->fuzz = false;
		else {
			qd_diags_add(d, QD_SEV_ERROR, v->line, v->col,
			             "'fuzz' must be true or false, not '%s'",
			             qd_text_excerpt(v->str, v->len, 40, ex, sizeof(ex)));
			return;
		}
		s->has_fuzz = true;
	} else if (qd_ynode_equals(k, "day_start")) {
		s->has_day_start = read_int(d, v, "day_start", 0, 23, &s->day_start);
	} else if (qd_ynode_equals(k, "new_per_day")) {
		s->has_new_per_day = read_int(d, v, "new_per_day", 0, QD_SETTINGS_MAX_NEW_PER_DAY,
		                              &s->new_per_day);
	} else if (qd_ynode_equals(k, "reviews_per_day")) {
		s->has_reviews_per_day = read_int(d, v, "reviews_per_day", 0,
		                                  QD_SETTINGS_MAX_REVIEWS_PER_DAY, &s->reviews_per_day);
	} else if (qd_ynode_equals(k, "learn_ahead")) {
		s->has_learn_ahead = read_duration0(d, v, "learn_ahead", QD_SETTINGS_MAX_LEARN_AHEAD,
		                                    &s->learn_ahead);
	} else if (qd_ynode_equals(k, "decks")) {
		read_decks(s, d, v);
	} else if (qd_ynode_equals(k, "leech_threshold")) {
		s->has_leech_threshold = read_int(d, v, "leech_threshold", 0,
		                                  QD_SETTINGS_MAX_LEECH_THRESHOLD,
		                                  &s->leech_threshold);
	} else if (qd_ynode_equals(k, "leech_action")) {
		static const char *const names[] = {"suspend", "tag", NULL};
		if (!need_scalar(d, v, "leech_action", "suspend or tag"))
			return;
		if (qd_ynode_equals(v, "suspend")) {
			s->leech_action = QD_LEECH_SUSPEND;
		} else if (qd_ynode_equals(v, "tag")) {
			s->leech_action = QD_LEECH_TAG;
		} else {
			qd_ynode_report_unknown(d, QD_SEV_ERROR, NULL, v, "leech_action", names, NULL,
			                        "expected suspend or tag");
			return;
		}
		s->has_leech_action = true;
	} else if (!k->tainted) {
		struct qd_buf list;
		qd_buf_init(&list);
		qd_buf_adds(&list, "the settings are");
		for (size_t j = 0; settings_keys[j]; j++)
			qd_buf_addf(&list, "%s %s", j ? "," : "", settings_keys[j]);
		qd_ynode_report_unknown(d, QD_SEV_WARNING, NULL, k, "key", settings_keys,
		                        settings_synonyms, list.data);
		qd_buf_release(&list);
	}
}

static int finish(const struct qd_ynode *root, struct qd_settings *out, struct qd_diags *d,
                  size_t errors0, struct qd_err *err)
{
	if (root && root->kind == QD_YNODE_MAPPING) {
		for (size_t i = 0; i < root->n_pairs; i++)
			read_key(out, d, root->pairs[i].key, root->pairs[i].value);
	} else if (root && !qd_ynode_is_null(root) && root->kind != QD_YNODE_BAD) {
		qd_diags_add(d, QD_SEV_ERROR, root->line, root->col,
		             "the settings must be a mapping such as 'retention: 0.9', not %s",
		             qd_ynode_kind_name(root));
	}
	if (d->errors > errors0) {
		qd_diags_to_err(d, err);
		if (err)
			err->status = QD_EXIT_CONFIG;
		return -1;
	}
	return 0;
}

/* A settings file is small: it does not get a deck's size limit. */
static const struct qd_ylimits limits = {.max_bytes = QD_SETTINGS_MAX_BYTES};

int qd_settings_parse(const char *name, const char *data, size_t len, struct qd_settings *out,
                      struct qd_diags *diags, struct qd_err *err)
{
	struct qd_ynode *root;
	size_t errors0 = diags->errors;
	int rc;

	(void)name;
	qd_settings_init(out);
	if (qd_ydoc_parse(data, len, &limits, &root, diags)) {
		qd_diags_to_err(diags, err);
		if (err)
			err->status = QD_EXIT_CONFIG;
		return -1;
	}
	rc = finish(root, out, diags, errors0, err);
	qd_ynode_free(root);
	return rc;
}

int qd_settings_load(const struct qd_ctx *ctx, struct qd_settings *out,
                     struct qd_diags *diags, struct qd_err *err)
{
	struct qd_ynode *root;
	size_t errors0 = diags->errors;
	struct qd_err e;
	struct stat st;
	int rc;

	qd_settings_init(out);
	if (!ctx->config_path)
		return 0;
	if (!ctx->config_explicit && stat(ctx->config_path, &st) != 0 && errno == ENOENT)
		return 0;
	if (qd_ydoc_load_file(ctx->config_path, &limits, &root, diags, &e)) {
		if (err)
			*err = e;
		if (err)
			err->status = QD_EXIT_CONFIG;
		return -1;
	}
	rc = finish(root, out, diags, errors0, err);
	qd_ynode_free(root);
	return rc;
}

/* ---- writing the weights ------------------------------------------------ */

/* The offset of the start of 1-based line `line` in data (len if past the end). */
static size_t line_start(const char *data, size_t len, int line)
{
	size_t pos = 0;

	for (int l = 1; l < line && pos < len; pos++)
		if (data[pos] == '\n')
			l++;
	return pos;
}

/* Whether data[a..b) holds only blank and comment lines. */
static bool only_comments(const char *data, size_t a, size_t b)
{
	size_t i = a;

	while (i < b) {
		while (i < b && (data[i] == ' ' || data[i] == '\t'))
			i++;
		if (i < b && data[i] != '\n' && data[i] != '#')
			return false;
		while (i < b && data[i] != '\n')
			i++;
		i++;
	}
	return true;
}

/* The byte range [*a, *b) of the entry whose key is pairs[k] of the root
 * mapping: from its key's line to the next entry's, less the blank and
 * comment lines that end it (they belong with what follows). */
static void entry_range(const char *data, size_t len, const struct qd_ynode *root, size_t k,
                        size_t *a, size_t *b)
{
	int next = 0;

	for (size_t j = 0; j < root->n_pairs; j++) {
		int l = root->pairs[j].key->line;
		if (l > root->pairs[k].key->line && (next == 0 || l < next))
			next = l;
	}
	*a = line_start(data, len, root->pairs[k].key->line);
	*b = next ? line_start(data, len, next) : len;
	/* Give back trailing comment and blank lines, one at a time. */
	for (;;) {
		size_t e = *b, s;
		if (e <= *a)
			break;
		s = e - 1; /* the newline ending the last line, or its last byte */
		while (s > *a && data[s - 1] != '\n')
			s--;
		if (s == *a || !only_comments(data, s, e))
			break;
		*b = s;
	}
}

int qd_settings_with_weights(const char *name, const char *data, size_t len,
                             const double w[QD_FSRS_WEIGHTS], int64_t fitted_ms,
                             struct qd_buf *out, struct qd_err *err)
{
	struct qd_settings old, want, got;
	struct qd_diags diags;
	struct qd_ynode *root = NULL;
	struct qd_buf text, line_w, line_f;
	size_t ranges[2][2] = {{0, 0}, {0, 0}};
	bool found[2] = {false, false};
	char iso[QD_ISO_MAX];
	int rc = -1;

	qd_diags_init(&diags, name);
	qd_buf_init(&text);
	qd_buf_init(&line_w);
	qd_buf_init(&line_f);
	if (qd_settings_parse(name, data, len, &old, &diags, err) != 0) {
		qd_err_set(err, QD_EXIT_CONFIG, "'%s' is not valid settings: fix it before writing weights", name);
		goto done;
	}
	if (qd_ydoc_parse(data, len, NULL, &root, &diags) != 0)
		goto done;
	/* The new weights as they will read back: 4 decimals. */
	memcpy(&want, &old, sizeof(want));
	qd_buf_adds(&line_w, "weights: [");
	for (int j = 0; j < QD_FSRS_WEIGHTS; j++) {
		char num[32];
		snprintf(num, sizeof num, "%.4f", w[j]);
		want.weights[j] = strtod(num, NULL);
		qd_buf_addf(&line_w, "%s%s", j ? ", " : "", num);
	}
	qd_buf_adds(&line_w, "]\n");
	want.has_weights = true;
	want.n_weights = QD_FSRS_WEIGHTS;
	qd_time_format_iso(fitted_ms, iso);
	qd_buf_addf(&line_f, "weights_fitted: %s\n", iso);
	want.has_weights_fitted = true;
	qd_time_parse_iso(iso, &want.weights_fitted_ms);

	if (root && root->kind == QD_YNODE_MAPPING) {
		for (size_t k = 0; k < root->n_pairs; k++) {
			int which = qd_ynode_equals(root->pairs[k].key, "weights") ? 0 :
			            qd_ynode_equals(root->pairs[k].key, "weights_fitted") ? 1 : -1;
			if (which < 0)
				continue;
			found[which] = true;
			entry_range(data, len, root, k, &ranges[which][0], &ranges[which][1]);
		}
	}
	if (found[0] && found[1] && ranges[1][0] < ranges[0][0]) {
		/* weights_fitted before weights: each replaced where it is */
		qd_buf_add(&text, data, ranges[1][0]);
		qd_buf_add(&text, line_f.data, line_f.len);
		qd_buf_add(&text, data + ranges[1][1], ranges[0][0] - ranges[1][1]);
		qd_buf_add(&text, line_w.data, line_w.len);
		qd_buf_add(&text, data + ranges[0][1], len - ranges[0][1]);
	} else if (found[0]) {
		qd_buf_add(&text, data, ranges[0][0]);
		qd_buf_add(&text, line_w.data, line_w.len);
		if (found[1]) {
			qd_buf_add(&text, data + ranges[0][1], ranges[1][0] - ranges[0][1]);
			qd_buf_add(&text, line_f.data, line_f.len);
			qd_buf_add(&text, data + ranges[1][1], len - ranges[1][1]);
		} else {
			qd_buf_add(&text, line_f.data, line_f.len);
			qd_buf_add(&text, data + ranges[0][1], len - ranges[0][1]);
		}
	} else if (found[1]) {
		qd_buf_add(&text, data, ranges[1][0]);
		qd_buf_add(&text, line_w.data, line_w.len);
		qd_buf_add(&text, line_f.data, line_f.len);
		qd_buf_add(&text, data + ranges[1][1], len - ranges[1][1]);
	} else {
		qd_buf_add(&text, data, len);
		if (len > 0 && data[len - 1] != '\n')
			qd_buf_addc(&text, '\n');
		qd_buf_add(&text, line_w.data, line_w.len);
		qd_buf_add(&text, line_f.data, line_f.len);
	}
	/* Read it back: the old settings with the new weights, nothing else. */
	if (qd_settings_parse(name, text.data ? text.data : "", text.len, &got, &diags, NULL) != 0 ||
	    memcmp(&got, &want, sizeof(got)) != 0) {
		qd_err_set(err, QD_EXIT_CONFIG,
		           "cannot set 'weights' in '%s' line by line: write them as one "
		           "top-level entry, 'weights: [...]'", name);
		goto done;
	}
	qd_buf_add(out, text.data ? text.data : "", text.len);
	rc = 0;
done:
	qd_ynode_free(root);
	qd_diags_release(&diags);
	qd_buf_release(&text);
	qd_buf_release(&line_w);
	qd_buf_release(&line_f);
	return rc;
}

/*
 * What a card accepts and what it offers (see quizdeck/answer.h): the
 * forms of an answer people type, and the wrong choices beside it.
 *
 * Wrong figures are made by quizdeck/figure.h and kept away from every
 * figure the article states; wrong names are the fact's classmates
 * (quizdeck/facts.h) that its unit never mentions, so they are false
 * where the answer is said.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quizdeck/answer.h"
#include "quizdeck/buf.h"
#include "quizdeck/figure.h"
#include "quizdeck/rng.h"
#include "quizdeck/words.h"

/* The last word of a name ("Armstrong" of "Neil A. Armstrong"). */
static const char *last_word(const char *s)
{
	const char *sp = strrchr(s, ' ');
	return sp ? sp + 1 : s;
}

/* A fact's answer as a card asks it: a figure with its unit ("9 bars",
 * "95 percent") when with_unit, else the fact's own words. */
size_t qd_answer_end(const struct qd_fact *f, bool with_unit)
{
	return with_unit && f->kind == QD_FACT_NUMBER && f->unit ? f->unit_end : f->end;
}

char *qd_answer_text(const struct qd_fsent *fs, const struct qd_fact *f, bool with_unit)
{
	return qd_xstrndup(fs->s.text + f->start, qd_answer_end(f, with_unit) - f->start);
}


struct avoid_ctx {
	const struct qd_facts *f;
	bool plain_figure; /* no unit: a value that reads as a year would mislead */
	bool unit_plural;  /* "hours": one would read "one hours" */
};

static bool avoid_number(void *data, double v)
{
	const struct avoid_ctx *c = data;

	if (c->plain_figure && v >= 1000 && v <= 2100 && floor(v) == v)
		return true;
	if (c->unit_plural && v == 1)
		return true;
	return qd_facts_has_number(c->f, v);
}

static unsigned seed_of(const char *s)
{
	return (unsigned)qd_seed_mix(0, s);
}

static int num_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Figures for a number or year fact, written like it: the true one and
 * three wrong ones, sorted. Returns false if there are not three. */
bool qd_answer_figures(const struct qd_facts *facts, const struct qd_fsent *fs,
                       const struct qd_fact *f, struct qd_strv *out)
{
	struct qd_figure fig;
	struct avoid_ctx ctx = {facts, false, false};
	double vals[4], max = 0;
	char buf[96], with[160];
	char *t = qd_fact_text(fs, f), *answer = qd_answer_text(fs, f, true);
	bool year = f->kind == QD_FACT_YEAR;
	const char *unit = year ? NULL : f->unit;
	size_t n;

	if (f->exact_only || !qd_figure_parse(t, strlen(t), &fig)) {
		free(t);
		free(answer);
		return false;
	}
	if (year)
		max = facts->max_year > fig.value ? facts->max_year : 0;
	else if ((unit && !strcasecmp(unit, "percent")) || fig.percent_sign)
		max = fig.value <= 100 ? 100 : 0;
	ctx.plain_figure = !unit && !year && !fig.percent_sign;
	ctx.unit_plural = unit && strlen(unit) > 2 && unit[strlen(unit) - 1] == 's';
	n = qd_figure_perturb(&fig, year, seed_of(t), max, avoid_number, &ctx, vals, 3);
	if (n < 3) {
		free(t);
		free(answer);
		return false;
	}
	vals[3] = fig.value;
	qsort(vals, 4, sizeof(*vals), num_cmp);
	for (size_t i = 0; i < 4; i++) {
		if (fabs(vals[i] - fig.value) < 1e-9) {
			qd_strv_push(out, answer);
			continue;
		}
		if (year)
			snprintf(buf, sizeof(buf), "%.0f", vals[i]);
		else if (!qd_figure_format(&fig, vals[i], buf, sizeof(buf)))
			continue;
		/* "Five" at the start of a sentence: the others written alike */
		if (answer[0] >= 'A' && answer[0] <= 'Z' && buf[0] >= 'a' && buf[0] <= 'z')
			buf[0] = (char)(buf[0] - 'a' + 'A');
		snprintf(with, sizeof(with), "%s%s%s", buf, unit ? " " : "", unit ? unit : "");
		qd_strv_push(out, with);
	}
	free(t);
	free(answer);
	return out->len == 4;
}

static int str_ci_cmp(const void *x, const void *y)
{
	int c = strcasecmp(*(char *const *)x, *(char *const *)y);
	return c ? c : strcmp(*(char *const *)x, *(char *const *)y);
}

struct names_ctx {
	const struct qd_unit *u;
	const struct qd_fsent *fs;
	struct qd_strv *out;
};

/* Takes a classmate the unit does not mention; enough at three. */
static bool take_name(void *data, const char *m)
{
	struct names_ctx *c = data;

	if (!qd_has_word(c->u->lower, m) && !qd_has_word(c->fs->s.text, last_word(m)) &&
	    !strpbrk(m, "{}|"))
		qd_strv_push(c->out, m);
	return c->out->len < 3;
}

/* Names of the fact's class that its unit does not mention: false by the
 * article where the answer is said. The answer and three of them, sorted. */
bool qd_answer_names(const struct qd_facts *facts, const struct qd_unit *u,
                     const struct qd_fsent *fs, const struct qd_fact *f, struct qd_strv *out)
{
	struct names_ctx ctx = {u, fs, out};
	char *t;

	if (f->kind != QD_FACT_NAME)
		return false;
	t = qd_fact_text(fs, f);
	if (out->len < 3)
		qd_facts_classmates(facts, t, take_name, &ctx);
	if (out->len < 3) {
		qd_strv_clear(out);
		free(t);
		return false;
	}
	qd_strv_push(out, t);
	qsort(out->items, out->len, sizeof(char *), str_ci_cmp);
	free(t);
	return true;
}

/* ---- accepted forms ---- */

void qd_answer_add_form(struct qd_strv *v, const char *answer, const char *form)
{
	if (!*form || strpbrk(form, "{}|") || strcasecmp(form, answer) == 0 ||
	    qd_strv_has_ci(v, form))
		return;
	qd_strv_push(v, form);
}

/* "Neil A. Armstrong" -> "Neil Armstrong", "Armstrong"; Edwin "Buzz"
 * Aldrin -> "Buzz Aldrin", "Edwin Aldrin", "Aldrin". */
static void person_forms(const char *name, struct qd_strv *out)
{
	struct qd_buf plain, nick;
	const char *p = name, *w;
	size_t n, words = 0;

	qd_buf_init(&plain);
	qd_buf_init(&nick);
	while ((w = qd_word_next(&p, &n))) {
		if (n == 2 && w[1] == '.')
			continue; /* an initial */
		if (w[0] == '"') {
			size_t m = n;
			while (m && (w[m - 1] == '"'))
				m--;
			qd_buf_reset(&nick);
			qd_buf_add(&nick, w + 1, m > 1 ? m - 1 : 0);
			continue;
		}
		if (plain.len)
			qd_buf_addc(&plain, ' ');
		qd_buf_add(&plain, w, n);
		words++;
	}
	qd_answer_add_form(out, name, plain.data);
	if (nick.len) {
		struct qd_buf b;
		qd_buf_init(&b);
		qd_buf_addf(&b, "%s %s", nick.data, last_word(name));
		qd_answer_add_form(out, name, b.data);
		qd_buf_release(&b);
	}
	if (words >= 2)
		qd_answer_add_form(out, name, last_word(name));
	qd_buf_release(&plain);
	qd_buf_release(&nick);
}

static void number_forms(const struct qd_fsent *fs, const struct qd_fact *f, const char *answer,
                         struct qd_strv *out)
{
	struct qd_figure fig;
	char buf[160], alt[96];
	const char *unit = f->unit;
	char *figure = qd_fact_text(fs, f);

	qd_answer_add_form(out, answer, figure);
	if (unit) {
		snprintf(buf, sizeof(buf), "%s %s", figure, unit);
		qd_answer_add_form(out, answer, buf);
	}
	if (!qd_figure_parse(figure, strlen(figure), &fig)) {
		free(figure);
		return;
	}
	/* Digits for words and words for small digits. */
	struct qd_figure other = fig;
	other.words = !fig.words;
	other.grouped = false;
	if ((fig.words || (fig.mantissa <= 20 && fig.decimals == 0)) &&
	    qd_figure_format(&other, fig.value, alt, sizeof(alt))) {
		qd_answer_add_form(out, answer, alt);
		if (unit) {
			snprintf(buf, sizeof(buf), "%s %s", alt, unit);
			qd_answer_add_form(out, answer, buf);
		}
	}
	if (fig.grouped) {
		other = fig;
		other.grouped = false;
		if (qd_figure_format(&other, fig.value, alt, sizeof(alt)))
			qd_answer_add_form(out, answer, alt);
	}
	if (fig.percent_sign) {
		snprintf(buf, sizeof(buf), "%.*f percent", fig.decimals, fig.value);
		qd_answer_add_form(out, answer, buf);
	} else if (unit && !strcasecmp(unit, "percent")) {
		snprintf(buf, sizeof(buf), "%s%%", figure);
		qd_answer_add_form(out, answer, buf);
	}
	free(figure);
}

/* "July 20, 1969" -> "20 July 1969", "July 20 1969". */
static void date_forms(const char *answer, struct qd_strv *out)
{
	char m[32], d[8], y[8], buf[64];

	if (sscanf(answer, "%31[A-Za-z] %7[0-9], %7[0-9]", m, d, y) == 3) {
		snprintf(buf, sizeof(buf), "%s %s %s", d, m, y);
		qd_answer_add_form(out, answer, buf);
		snprintf(buf, sizeof(buf), "%s %s %s", m, d, y);
		qd_answer_add_form(out, answer, buf);
	} else if (sscanf(answer, "%7[0-9] %31[A-Za-z] %7[0-9]", d, m, y) == 3) {
		snprintf(buf, sizeof(buf), "%s %s, %s", m, d, y);
		qd_answer_add_form(out, answer, buf);
	}
}

void qd_answer_forms(const struct qd_fsent *fs, const struct qd_fact *f, const char *answer,
                     struct qd_strv *out)
{
	if (f->person)
		person_forms(answer, out);
	if (f->alias)
		qd_answer_add_form(out, answer, f->alias);
	if (f->kind == QD_FACT_NUMBER)
		number_forms(fs, f, answer, out);
	if (f->kind == QD_FACT_DATE)
		date_forms(answer, out);
}


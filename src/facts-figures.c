/*
 * The article reader's figures (see src/facts-read.h): numbers in digits or
 * words with their unit, years, decades, ranges, times, ordinals, eras.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "facts-read.h"
#include "quizdeck/figure.h"

/* ---- figures ---- */

static bool unit_word(const struct qd_sent *s, size_t i)
{
	const struct qd_tok *t = &s->toks[i];
	const char *w = tok_text(s, i);
	size_t n = t->end - t->start;

	if ((unsigned char)w[0] == 0xC2 && n > 2) /* "°C" */
		return true;
	if ((t->flags & QD_W_ALLCAPS) && n <= 3)
		return true; /* "km", "MB" are lowercase or short capitals */
	if (!(t->flags & QD_W_LOWER) || (t->flags & QD_W_DIGIT))
		return false;
	if (n > 3 && strncasecmp(w + n - 2, "ed", 2) == 0)
		return false; /* "two crewed parts": a participle, not the unit */
	if (qd_word_in(QD_WC_GENERIC, w, n))
		return false; /* "two high tides": the unit is the noun after */
	return !qd_word_in(QD_WC_STOP, w, n) && !qd_word_in(QD_WC_PREP, w, n) &&
	       !qd_word_in(QD_WC_CLAUSE, w, n) && !qd_word_is_verb(w, n) &&
	       !qd_word_in(QD_WC_MONTH, w, n);
}

/* A number word that starts a figure ("three", "twenty-five"); "one" only
 * before a scale word ("one million"), as it is mostly a pronoun. */
bool qd_facts_number_word_at(const struct qd_sent *s, size_t i, bool first)
{
	const char *w = tok_text(s, i);
	size_t n = qd_tok_len(s, i);
	bool scale;
	const char *dash = memchr(w, '-', n);
	double v = qd_word_number(w, dash ? (size_t)(dash - w) : n, &scale);

	if (v < 0 || (s->toks[i].flags & QD_W_CAP && !(s->toks[i].flags & QD_W_FIRST)))
		return false;
	if (dash && qd_word_number(dash + 1, n - (size_t)(dash + 1 - w), &scale) < 0)
		return false;
	if (first && (v == 1 || v == 0 || scale || v == 12)) {
		if (v == 1 && i + 1 < s->n_toks && joined(s, i)) {
			double nv = qd_word_number(tok_text(s, i + 1), qd_tok_len(s, i + 1), &scale);
			return nv >= 100;
		}
		return false;
	}
	return true;
}

static void add_number(struct reader *r, struct qd_fsent *fs, size_t from, size_t to,
                       bool *used, bool exact_only)
{
	const struct qd_sent *s = &fs->s;
	size_t start = s->toks[from].start, end = s->toks[to].end;
	struct qd_figure fig;
	bool parsed = qd_figure_parse(s->text + start, end - start, &fig);
	bool year = !exact_only && from == to && !fig.grouped &&
	            (qd_facts_year_number(s, from) || (from > 0 && qd_tok_len(s, from) == 3 && parsed &&
	                                      fig.value >= 100 && !fig.decimals &&
	                                      (qd_tok_is(s, from - 1, "in") ||
	                                       qd_tok_is(s, from - 1, "since"))));
	size_t u = to + 1;
	struct qd_fact *f;

	/* A unit noun right after ("9 bars", "three astronauts", "95 percent",
	 * "7.5 billion US dollars"). */
	size_t u_end = u;
	bool has_unit = u < s->n_toks && joined(s, to) && !used[u] && unit_word(s, u) &&
	                !fig.percent_sign;
	if (!has_unit && u + 1 < s->n_toks && joined(s, to) && joined(s, u) &&
	    (s->toks[u].flags & QD_W_ALLCAPS) &&
	    (qd_tok_is(s, u + 1, "dollars") || qd_tok_is(s, u + 1, "cents"))) {
		has_unit = true;
		u_end = u + 1;
	}
	if (year && has_unit) {
		/* "1600 temples", "2000 people" count things; "the 1958 brick
		 * patent" is a year. */
		const char *uw = tok_text(s, u);
		size_t un = qd_tok_len(s, u);
		if ((un > 2 && uw[un - 1] == 's' && uw[un - 2] != 's') || qd_tok_is(s, u, "people"))
			year = false;
		else
			has_unit = false;
	}
	f = qd_facts_add(fs, start, end, year ? QD_FACT_YEAR : QD_FACT_NUMBER);
	f->exact_only = exact_only || !parsed;
	if (parsed) {
		f->value = fig.value;
		f->decimals = fig.decimals;
		f->in_words = fig.words;
		f->grouped = fig.grouped;
	}
	f->unit_end = end;
	/* "three quarters", "two thirds": a fraction, asked as written */
	if (has_unit && (qd_tok_is(s, u, "quarters") || qd_tok_is(s, u, "quarter") ||
	                 qd_tok_is(s, u, "thirds") || qd_tok_is(s, u, "third") ||
	                 qd_tok_is(s, u, "fifths") || qd_tok_is(s, u, "halves") ||
	                 qd_tok_is(s, u, "tenths")))
		f->exact_only = true;
	/* "sixteen watertight compartments", "58 nautical miles": the noun after
	 * an adjective is the unit too */
	if (has_unit && u_end == u && u + 1 < s->n_toks && joined(s, u) && !used[u + 1] &&
	    unit_word(s, u + 1) && !qd_tok_is(s, u, "percent") && u + 1 < to + 4)
		u_end = u + 1;
	if (has_unit && !year) {
		f->unit = qd_xstrndup(tok_text(s, u), s->toks[u_end].end - s->toks[u].start);
		f->unit_end = s->toks[u_end].end;
		/* "11:40 p.m.": the abbreviation's last period is the unit's */
		if (s->text[f->unit_end] == '.' && memchr(f->unit, '.', strlen(f->unit))) {
			f->unit_end++;
			free(f->unit);
			f->unit = qd_xstrndup(tok_text(s, u), f->unit_end - s->toks[u].start);
		}
		if (qd_tok_is(s, u, "per") && u + 1 < s->n_toks && qd_tok_is(s, u + 1, "cent")) {
			free(f->unit);
			f->unit = qd_xstrdup("percent");
			f->unit_end = s->toks[u + 1].end;
		}
	}
	for (size_t k = from; k <= to; k++)
		used[k] = true;
	if (parsed || year) {
		r->f->numbers = qd_xrealloc(r->f->numbers, (r->f->n_numbers + 1) *
		                            sizeof(*r->f->numbers));
		r->f->numbers[r->f->n_numbers++] = fig.value;
		if (year && fig.value > r->f->max_year)
			r->f->max_year = (int)fig.value;
	}
}

void qd_facts_find_numbers(struct reader *r, struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;

	for (size_t i = 0; i < s->n_toks; i++) {
		const struct qd_tok *t = &s->toks[i];
		if (used[i])
			continue;
		if (t->flags & QD_W_DIGIT) {
			const char *w = tok_text(s, i);
			size_t n = t->end - t->start, k = 0;
			bool exact = false, letters = false;
			/* Ranges (25–30, 4-8), times (20:17), ordinals (20th) and
			 * decades (1990s) are asked as they are written. */
			while (k < n && !((w[k] >= 'a' && w[k] <= 'z') || (w[k] >= 'A' && w[k] <= 'Z')))
				k++;
			if (k < n) {
				const char *rest = w + k;
				size_t rn = n - k;
				if ((rn == 2 && (!strncmp(rest, "st", 2) || !strncmp(rest, "nd", 2) ||
				                 !strncmp(rest, "rd", 2) || !strncmp(rest, "th", 2))) ||
				    (rn == 1 && rest[0] == 's'))
					exact = true;
				else
					letters = true;
			}
			if (letters && k > 1 && w[k - 1] == '-' && strspn(w, "0123456789") == k - 1) {
				/* "40-character", "eight-year-old": a figure and its unit in one */
				add_number(r, fs, i, i, used, true);
				continue;
			}
			if (letters)
				continue; /* "3D", "mRNA-1273": part of a name, not a figure */
			if (memchr(w, ':', n) || strstr(w, "\xe2\x80\x93") || (memchr(w + 1, '-', n - 1)))
				exact = true;
			size_t to = i;
			if ((!exact || !memchr(w, ':', n)) && joined(s, i) && i + 1 < s->n_toks) {
				bool scale;
				double v = qd_word_number(tok_text(s, i + 1), qd_tok_len(s, i + 1), &scale);
				if (scale && v >= 1000)
					to = i + 1;
			}
			/* "20,000 to 60,000 bees", "17 to 18 percent": a range */
			if (!exact && to + 2 < s->n_toks && joined(s, to) && joined(s, to + 1) &&
			    qd_tok_is(s, to + 1, "to") && (s->toks[to + 2].flags & QD_W_DIGIT) &&
			    !used[to + 2] && strspn(tok_text(s, to + 2), "0123456789,.") ==
			                          qd_tok_len(s, to + 2)) {
				to += 2;
				exact = true;
			}
			/* "3300 BC", "AD 79" are years of their era, asked as written */
			if (to + 1 < s->n_toks && joined(s, to) &&
			    (qd_tok_is(s, to + 1, "BC") || qd_tok_is(s, to + 1, "BCE") ||
			     qd_tok_is(s, to + 1, "AD") || qd_tok_is(s, to + 1, "CE"))) {
				to++;
				exact = true;
			}
			add_number(r, fs, i, to, used, exact);
			i = to;
			continue;
		}
		/* "one to two weeks": a range from one. */
		if (qd_tok_is(s, i, "one") && joined(s, i) && i + 2 < s->n_toks &&
		    (qd_tok_is(s, i + 1, "to") || qd_tok_is(s, i + 1, "or")) && joined(s, i + 1) &&
		    qd_facts_number_word_at(s, i + 2, false) && !used[i + 2]) {
			add_number(r, fs, i, i + 2, used, true);
			i += 2;
			continue;
		}
		if (!(t->flags & (QD_W_LOWER | QD_W_FIRST)) || !qd_facts_number_word_at(s, i, true))
			continue;
		/* "the last two", "the other three": a reference back, no figure */
		if (i > 0 && (qd_tok_is(s, i - 1, "last") || qd_tok_is(s, i - 1, "first") ||
		              qd_tok_is(s, i - 1, "other") || qd_tok_is(s, i - 1, "next") ||
		              qd_tok_is(s, i - 1, "these") || qd_tok_is(s, i - 1, "those") ||
		              qd_tok_is(s, i - 1, "all")))
			continue;
		size_t to = i;
		while (to + 1 < s->n_toks && joined(s, to) && !used[to + 1]) {
			if (qd_facts_number_word_at(s, to + 1, false)) {
				to++;
			} else if (to + 3 < s->n_toks && qd_tok_is(s, to + 1, "and") &&
			           qd_tok_is(s, to + 2, "a") && qd_tok_is(s, to + 3, "half") &&
			           joined(s, to + 1) && joined(s, to + 2)) {
				to += 3;
			} else {
				break;
			}
		}
		/* "five to ten days": a range in words. */
		bool exact = false;
		if (to + 2 < s->n_toks && joined(s, to) && qd_tok_is(s, to + 1, "to") &&
		    joined(s, to + 1) && qd_facts_number_word_at(s, to + 2, false)) {
			to += 2;
			exact = true;
		}
		add_number(r, fs, i, to, used, exact);
		i = to;
	}
}


/*
 * Figures as articles write them: "9", "400,000", "2.7", "$5", "1.5 million",
 * "three billion", "six and a half", "60%". A figure is parsed into its value
 * and its style, so that a number can be written again in the same style:
 * the generator's distractors for "650 million" are "300 million" and "1.3
 * billion"-like figures written the way the article writes numbers, never
 * "1300000000".
 */
#ifndef QUIZDECK_FIGURE_H
#define QUIZDECK_FIGURE_H

#include <stdbool.h>
#include <stddef.h>

struct qd_figure {
	double value;      /* the whole value: "1.5 million" is 1500000 */
	double mantissa;   /* before the scale word: 1.5 */
	double scale;      /* 1, or 100, 1e3, 1e6, 1e9, 1e12 for a scale word */
	int decimals;      /* digits after the point in the mantissa */
	bool words;        /* the mantissa is written in words */
	bool grouped;      /* thousands separators ("400,000") */
	bool percent_sign; /* ends with '%' */
	bool half;         /* "six and a half" */
	char currency[8];  /* "$", "€", "£" before the digits, or "" */
};

/* Parses s[0..n) as a whole figure. Returns true with *f filled, or false
 * if s is not one (ranges, ordinals, times, words with letters: "3D"). */
bool qd_figure_parse(const char *s, size_t n, struct qd_figure *f);

/* Writes value v in the style of f ("1.3 million", "seven", "45%") into
 * out. Returns false if v cannot be written in that style (a word number
 * above 999, a negative value). */
bool qd_figure_format(const struct qd_figure *f, double v, char *out, size_t size);

/* Up to want plausible wrong values for figure f (the true value v): of the
 * same scale and roundness, positive, never v, never a value for which
 * avoid(data, value) is true (another figure of the article), never above
 * max when max > 0 (a percentage above 100, a year after the article). Years
 * get nearby years. The choice among candidates is fixed by seed, so the
 * true value is not always in the middle. Returns how many were written to
 * out. */
/* What a unit word measures: "time" for "8 minutes" and "2 hours" alike,
 * "length", "mass", "volume", "data" or "temperature"; NULL for a word
 * that is no unit of these (people, percent, a noun). Case-blind for
 * words, singular or plural ("hours", "centuries"), and abbreviations
 * ("km", "kg", "ms", "GB"). Figures of one measure are of one kind
 * whatever their units. */
const char *qd_unit_measure(const char *unit, size_t n);

size_t qd_figure_perturb(const struct qd_figure *f, bool year, unsigned seed, double max,
                         bool (*avoid)(void *data, double v), void *data, double *out,
                         size_t want);

#endif

/*
 * Figures (see quizdeck/figure.h).
 *
 * Wrong values are made by scaling the true one by a few fixed factors (or,
 * for small counts, by stepping it), rounded as coarsely as the true value
 * is written: 590 gives 300 or 900, not 295 or 885; 46 percent gives 23 or
 * 69; 1.5 million gives 0.8 or 3 million. Years move by a few years either
 * way. Which factors a figure gets is chosen by a seed derived from the
 * card, so that across a deck the true value sits anywhere in the sorted
 * choices.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quizdeck/figure.h"
#include "quizdeck/words.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t currency_len(const char *s, size_t n)
{
	if (n >= 1 && s[0] == '$')
		return 1;
	if (n >= 2 && strncmp(s, "\xc2\xa3", 2) == 0) /* £ */
		return 2;
	if (n >= 3 && strncmp(s, "\xe2\x82\xac", 3) == 0) /* € */
		return 3;
	return 0;
}

/* A scale word at s[0..n): its value, or 0. */
static double scale_word(const char *s, size_t n)
{
	bool scale;
	double v = qd_word_number(s, n, &scale);

	return scale && v >= 1000 ? v : 0;
}

static bool parse_digits(const char *s, size_t n, struct qd_figure *f)
{
	size_t i = 0, digits = 0;
	double v = 0;

	while (i < n && (is_digit(s[i]) || (s[i] == ',' && i + 3 < n + 1 && i > 0))) {
		if (s[i] == ',') {
			/* A thousands separator: exactly three digits follow. */
			if (i + 3 >= n + 1 || !is_digit(s[i + 1]) || !is_digit(s[i + 2]) ||
			    !is_digit(s[i + 3]) || (i + 4 < n && is_digit(s[i + 4])))
				return false;
			f->grouped = true;
			i++;
			continue;
		}
		v = v * 10 + (s[i] - '0');
		digits++;
		i++;
	}
	if (!digits)
		return false;
	if (i < n && s[i] == '.' && i + 1 < n && is_digit(s[i + 1])) {
		double place = 0.1;
		i++;
		while (i < n && is_digit(s[i])) {
			v += (s[i] - '0') * place;
			place /= 10;
			f->decimals++;
			i++;
		}
	}
	if (i < n && s[i] == '%') {
		f->percent_sign = true;
		i++;
	}
	f->mantissa = v;
	if (i == n)
		return true;
	if (s[i] != ' ')
		return false;
	i++;
	f->scale = scale_word(s + i, n - i);
	return f->scale > 0 && !f->percent_sign;
}

/* Number words: "three", "twenty-five", "six and a half", "two thousand",
 * "three billion". */
static bool parse_words(const char *s, size_t n, struct qd_figure *f)
{
	double total = 0, group = 0;
	size_t i = 0, words = 0;
	bool and_a = false;

	while (i < n) {
		size_t j = i;
		while (j < n && s[j] != ' ' && s[j] != '-')
			j++;
		size_t len = j - i;
		bool scale;
		double v = qd_word_number(s + i, len, &scale);
		if (len == 3 && strncasecmp(s + i, "and", 3) == 0 && words) {
			and_a = true;
		} else if (len == 1 && (s[i] == 'a' || s[i] == 'A') && and_a) {
			/* "and a half" */
		} else if (len == 4 && strncasecmp(s + i, "half", 4) == 0 && and_a) {
			f->half = true;
			group += 0.5; /* before a scale word too: "six and a half million" */
		} else if (v < 0) {
			return false;
		} else if (scale && v >= 1000) {
			total += (group ? group : 1) * v;
			if (f->scale == 0 || v > f->scale) {
				f->mantissa = total / v;
				f->scale = v;
			}
			group = 0;
		} else if (scale) { /* hundred */
			group = (group ? group : 1) * v;
		} else {
			group += v;
		}
		words++;
		i = j;
		while (i < n && (s[i] == ' ' || s[i] == '-'))
			i++;
	}
	if (!words || (and_a && !f->half))
		return false;
	total += group;
	if (f->scale == 0)
		f->mantissa = total;
	else if (group)
		return false; /* "two thousand five": keep it simple */
	f->words = true;
	return true;
}

bool qd_figure_parse(const char *s, size_t n, struct qd_figure *f)
{
	size_t c;

	memset(f, 0, sizeof(*f));
	while (n && s[n - 1] == ' ')
		n--;
	c = currency_len(s, n);
	if (c) {
		memcpy(f->currency, s, c);
		f->currency[c] = '\0';
	}
	if (c < n && is_digit(s[c])) {
		if (!parse_digits(s + c, n - c, f))
			return false;
	} else if (!c && !parse_words(s, n, f)) {
		return false;
	} else if (c && !(c < n && is_digit(s[c]))) {
		return false;
	}
	if (f->scale == 0)
		f->scale = 1;
	f->value = f->mantissa * f->scale;
	return true;
}

static const char *scale_name(double scale)
{
	return scale >= 1e12 ? "trillion" : scale >= 1e9 ? "billion" : scale >= 1e6 ? "million"
	       : scale >= 1e3 ? "thousand" : NULL;
}

bool qd_figure_format(const struct qd_figure *f, double v, char *out, size_t size)
{
	double m = v / f->scale;
	char num[96];
	const char *sc = scale_name(f->scale);

	if (v < 0 || !size)
		return false;
	if (f->words) {
		double whole = floor(m);
		bool half = m - whole > 0.25;
		if (m - whole > 0.01 && !(f->half && fabs(m - whole - 0.5) < 0.01))
			return false;
		if (whole < 1 || whole > 999)
			return false;
		qd_number_words((long)whole, num, sizeof(num));
		snprintf(out, size, "%s%s%s%s", num, half ? " and a half" : "", sc ? " " : "",
		         sc ? sc : "");
		return true;
	}
	snprintf(num, sizeof(num), "%.*f", f->decimals, m);
	if (f->grouped) {
		/* Insert separators into the integer part. */
		char grouped[128];
		const char *dot = strchr(num, '.');
		size_t ilen = dot ? (size_t)(dot - num) : strlen(num), o = 0;
		for (size_t i = 0; i < ilen && o + 2 < sizeof(grouped); i++) {
			if (i && (ilen - i) % 3 == 0)
				grouped[o++] = ',';
			grouped[o++] = num[i];
		}
		grouped[o] = '\0';
		snprintf(out, size, "%s%s%s%s%s%s", f->currency, grouped, dot ? dot : "",
		         f->percent_sign ? "%" : "", sc ? " " : "", sc ? sc : "");
		return true;
	}
	snprintf(out, size, "%s%s%s%s%s", f->currency, num, f->percent_sign ? "%" : "",
	         sc ? " " : "", sc ? sc : "");
	return true;
}

/* The step a figure is rounded to: 10^-decimals for decimals, else the
 * largest of 1, 5, 10, 50, 100, 500, ... that divides it and is at most a
 * quarter of it (590 -> 10, 650 -> 50, 46 -> 1). */
static double roundness(const struct qd_figure *f)
{
	double m = f->mantissa, step = 1;

	if (f->decimals)
		return pow(10, -f->decimals);
	if (f->half)
		return 0.5;
	for (double s = 5; s <= m / 4; s *= fabs(log10(s) - floor(log10(s) + 0.5)) < 1e-9 ? 5 : 2) {
		if (fmod(m, s) < 1e-9)
			step = s;
		if (s >= 1e15)
			break;
	}
	return step;
}

static double round_to(double x, double step)
{
	return floor(x / step + 0.5) * step;
}

static bool fresh(double c, const double *out, size_t n, double v)
{
	if (fabs(c - v) < 1e-9)
		return false;
	for (size_t i = 0; i < n; i++)
		if (fabs(out[i] - c) < 1e-9)
			return false;
	return true;
}

size_t qd_figure_perturb(const struct qd_figure *f, bool year, unsigned seed, double max,
                         bool (*avoid)(void *data, double v), void *data, double *out,
                         size_t want)
{
	static const int year_steps[][3] = {
		{-7, 4, 12}, {-12, -5, 3}, {-3, 6, 15}, {-15, -8, 2},
		{3, 8, -5},  {-10, 5, 9},  {-4, -9, 6}, {2, 11, -6},
	};
	static const double factors[][3] = {
		{0.5, 1.5, 2},    {0.6, 0.75, 1.5}, {0.75, 1.25, 2}, {0.5, 0.75, 1.25},
		{1.25, 1.5, 2},   {0.6, 1.25, 3},   {0.4, 0.7, 1.4}, {0.7, 1.3, 2.5},
	};
	static const double all_factors[] = {0.5, 1.5, 0.75, 2, 1.25, 0.6, 3, 0.4, 2.5, 0.3, 4};
	static const int small_steps[][3] = {
		{-2, -1, 1}, {-1, 1, 2}, {1, 2, 3}, {-3, -2, -1}, {-1, 2, 4}, {-2, 1, 3},
	};
	size_t n = 0;
	double v = f->value, m = f->mantissa;

	if (!want)
		return 0;
	if (year) {
		const int *p = year_steps[seed % (sizeof(year_steps) / sizeof(*year_steps))];
		for (int round = 0; round < 2 && n < want; round++) {
			for (int k = 0; k < (round ? 60 : 3) && n < want; k++) {
				int step = round ? (k / 2 + 1) * (k % 2 ? -1 : 1) : p[k];
				double c = v + step;
				if (c < 1000 || (max > 0 && c > max) || !fresh(c, out, n, v) ||
				    (avoid && avoid(data, c)))
					continue;
				out[n++] = c;
			}
		}
		return n;
	}
	bool small = !f->decimals && m <= 12 && f->scale == 1 && floor(m) == m;
	if (small) {
		const int *p = small_steps[seed % (sizeof(small_steps) / sizeof(*small_steps))];
		for (int round = 0; round < 2 && n < want; round++) {
			for (int k = 0; k < (round ? 16 : 3) && n < want; k++) {
				double c = m + (round ? (k / 2 + 1) * (k % 2 ? -1 : 1) : p[k]);
				char buf[96];
				if (c < (m >= 2 ? 2 : 1) || (max > 0 && c > max) || !fresh(c, out, n, v) ||
				    (avoid && avoid(data, c)) || !qd_figure_format(f, c, buf, sizeof(buf)))
					continue;
				out[n++] = c;
			}
		}
		return n;
	}
	double step = roundness(f);
	const double *p = factors[seed % (sizeof(factors) / sizeof(*factors))];
	for (int round = 0; round < 2 && n < want; round++) {
		size_t count = round ? sizeof(all_factors) / sizeof(*all_factors) : 3;
		for (size_t k = 0; k < count && n < want; k++) {
			double cm = round_to(m * (round ? all_factors[k] : p[k]), step);
			double c = cm * f->scale;
			char buf[96];
			if (cm <= 0 || (max > 0 && c > max) || !fresh(c, out, n, v) ||
			    (avoid && avoid(data, c)) || !qd_figure_format(f, c, buf, sizeof(buf)))
				continue;
			out[n++] = c;
		}
	}
	return n;
}

/* ---- units ---- */

struct unit {
	const char *name; /* singular word, or an abbreviation */
	const char *measure;
	bool abbrev;
};

static const struct unit units[] = {
	{"nanosecond", "time", false}, {"microsecond", "time", false},
	{"millisecond", "time", false}, {"second", "time", false}, {"minute", "time", false},
	{"hour", "time", false}, {"day", "time", false}, {"week", "time", false},
	{"fortnight", "time", false}, {"month", "time", false}, {"year", "time", false},
	{"decade", "time", false}, {"century", "time", false}, {"millennium", "time", false},
	{"ns", "time", true}, {"ms", "time", true}, {"s", "time", true}, {"sec", "time", true},
	{"min", "time", true}, {"h", "time", true}, {"hr", "time", true},
	{"millimetre", "length", false}, {"millimeter", "length", false},
	{"centimetre", "length", false}, {"centimeter", "length", false},
	{"metre", "length", false}, {"meter", "length", false}, {"kilometre", "length", false},
	{"kilometer", "length", false}, {"inch", "length", false}, {"foot", "length", false},
	{"feet", "length", false}, {"yard", "length", false}, {"mile", "length", false},
	{"light-year", "length", false}, {"nanometre", "length", false},
	{"nanometer", "length", false}, {"micrometre", "length", false},
	{"micrometer", "length", false},
	{"nm", "length", true}, {"mm", "length", true}, {"cm", "length", true},
	{"m", "length", true}, {"km", "length", true},
	{"ft", "length", true}, {"mi", "length", true},
	{"milligram", "mass", false}, {"gram", "mass", false}, {"kilogram", "mass", false},
	{"tonne", "mass", false}, {"ton", "mass", false}, {"pound", "mass", false},
	{"ounce", "mass", false},
	{"mg", "mass", true}, {"g", "mass", true}, {"kg", "mass", true},
	{"lb", "mass", true}, {"lbs", "mass", true}, {"oz", "mass", true},
	{"millilitre", "volume", false}, {"milliliter", "volume", false},
	{"litre", "volume", false}, {"liter", "volume", false}, {"gallon", "volume", false},
	{"pint", "volume", false},
	{"ml", "volume", true}, {"l", "volume", true},
	{"bit", "data", false}, {"byte", "data", false}, {"kilobyte", "data", false},
	{"megabyte", "data", false}, {"gigabyte", "data", false}, {"terabyte", "data", false},
	{"KB", "data", true}, {"MB", "data", true}, {"GB", "data", true}, {"TB", "data", true},
	{"KiB", "data", true}, {"MiB", "data", true}, {"GiB", "data", true},
	{"degree", "temperature", false}, {"°C", "temperature", true},
	{"°F", "temperature", true}, {"kelvin", "temperature", false},
};

const char *qd_unit_measure(const char *unit, size_t n)
{
	char w[32];

	if (n == 0 || n >= sizeof(w))
		return NULL;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		const struct unit *u = &units[i];
		size_t len = strlen(u->name);
		if (u->abbrev) {
			if (len == n && strncasecmp(u->name, unit, n) == 0)
				return u->measure;
			continue;
		}
		/* the word, its plural in -s, or -ies for -y ("centuries") */
		memcpy(w, unit, n);
		w[n] = '\0';
		if (strcasecmp(w, u->name) == 0 ||
		    (n == len + 1 && strncasecmp(w, u->name, len) == 0 && (w[len] | 0x20) == 's') ||
		    (u->name[len - 1] == 'y' && n == len + 2 && strncasecmp(w, u->name, len - 1) == 0 &&
		     strcasecmp(w + len - 1, "ies") == 0) ||
		    (strcmp(u->name, "inch") == 0 && strcasecmp(w, "inches") == 0) ||
		    (strcmp(u->name, "millennium") == 0 && strcasecmp(w, "millennia") == 0))
			return u->measure;
	}
	return NULL;
}

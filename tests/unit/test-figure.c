/* Unit tests for figures (quizdeck/figure.h): parsing a figure into its value
 * and style, writing another value in the same style, and the wrong values
 * the generator offers as distractors (deterministic, never the truth, of
 * the same roundness, within bounds). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/figure.h"

static struct qd_figure parse_ok(const char *s)
{
	struct qd_figure f;

	assert_true(qd_figure_parse(s, strlen(s), &f));
	return f;
}

/* a equals b up to rounding error; failures name the caller's line. */
static void close_at(double a, double b, const char *file, int line)
{
	if (fabs(a - b) > 1e-9 * (fabs(b) > 1 ? fabs(b) : 1)) {
		print_error("%.17g != %.17g\n", a, b);
		_fail(file, line);
	}
}

#define assert_close(a, b) close_at((a), (b), __FILE__, __LINE__)

static void test_parse_digits(void **state)
{
	struct qd_figure f;

	(void)state;
	f = parse_ok("9");
	assert_close(f.value, 9);
	assert_close(f.mantissa, 9);
	assert_close(f.scale, 1);
	assert_int_equal(f.decimals, 0);
	assert_false(f.words || f.grouped || f.percent_sign || f.half);
	assert_string_equal(f.currency, "");

	f = parse_ok("400,000");
	assert_close(f.value, 400000);
	assert_true(f.grouped);
	assert_close(f.scale, 1);

	f = parse_ok("12,345.67");
	assert_close(f.value, 12345.67);
	assert_true(f.grouped);
	assert_int_equal(f.decimals, 2);

	f = parse_ok("2.7");
	assert_close(f.value, 2.7);
	assert_int_equal(f.decimals, 1);
	assert_false(f.grouped);

	f = parse_ok("60%");
	assert_close(f.value, 60);
	assert_true(f.percent_sign);

	/* Trailing spaces are ignored; the length is honoured. */
	f = parse_ok("5 million ");
	assert_close(f.value, 5e6);
	assert_true(qd_figure_parse("42abc", 2, &f));
	assert_close(f.value, 42);
}

static void test_parse_currency_and_scale(void **state)
{
	struct qd_figure f;

	(void)state;
	f = parse_ok("$5");
	assert_close(f.value, 5);
	assert_string_equal(f.currency, "$");

	f = parse_ok("\xe2\x82\xac" "1,200");
	assert_close(f.value, 1200);
	assert_true(f.grouped);
	assert_string_equal(f.currency, "\xe2\x82\xac");

	f = parse_ok("\xc2\xa3" "3.50");
	assert_close(f.value, 3.5);
	assert_int_equal(f.decimals, 2);
	assert_string_equal(f.currency, "\xc2\xa3");

	f = parse_ok("1.5 million");
	assert_close(f.value, 1.5e6);
	assert_close(f.mantissa, 1.5);
	assert_close(f.scale, 1e6);
	assert_int_equal(f.decimals, 1);
	assert_false(f.words);

	f = parse_ok("$1.5 billion");
	assert_close(f.value, 1.5e9);
	assert_close(f.scale, 1e9);
	assert_string_equal(f.currency, "$");

	f = parse_ok("2 thousand");
	assert_close(f.value, 2000);
	assert_close(f.mantissa, 2);
	assert_close(f.scale, 1e3);
}

static void test_parse_words(void **state)
{
	struct qd_figure f;

	(void)state;
	f = parse_ok("three billion");
	assert_close(f.value, 3e9);
	assert_close(f.mantissa, 3);
	assert_close(f.scale, 1e9);
	assert_true(f.words);

	f = parse_ok("seven");
	assert_close(f.value, 7);
	assert_close(f.scale, 1);
	assert_true(f.words);

	f = parse_ok("twenty-five");
	assert_close(f.value, 25);
	assert_true(f.words);

	f = parse_ok("six and a half");
	assert_close(f.value, 6.5);
	assert_close(f.mantissa, 6.5);
	assert_true(f.half);
	assert_true(f.words);

	/* "hundred" is not a scale: the mantissa holds it. */
	f = parse_ok("two hundred");
	assert_close(f.value, 200);
	assert_close(f.mantissa, 200);
	assert_close(f.scale, 1);

	f = parse_ok("one hundred twenty-three");
	assert_close(f.value, 123);

	f = parse_ok("two hundred thousand");
	assert_close(f.value, 200000);
	assert_close(f.mantissa, 200);
	assert_close(f.scale, 1e3);
}

/* Regression: the header says value is "the whole value". "six and a half
 * million" used to parse to 6000000 (the half was added after the scale word
 * had fixed the mantissa) and to be written back as "six million". */
static void test_parse_half_with_scale(void **state)
{
	struct qd_figure f;
	const char *s = "six and a half million";

	(void)state;
	if (!qd_figure_parse(s, strlen(s), &f))
		return; /* refusing it would also be correct */
	assert_close(f.value, 6.5e6);
}

static void test_parse_refusals(void **state)
{
	static const char *const bad[] = {
		"25\xe2\x80\x93" "30", /* a range */
		"20th",                 /* an ordinal */
		"3D",                   /* letters */
		"abc",
		"",
		"$",
		"20:17",                /* a time */
		"4,00",                 /* a separator needs three digits after it */
		"40,0000",
		"1 234",
		"3.",
		".5",
		"-5",
		"5 dozen",              /* not a scale word */
		"1.5 hundred",
		"60% million",
		"six and a",            /* an unfinished "and a half" */
		"two thousand five",
		"$three",
	};
	struct qd_figure f;

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		if (qd_figure_parse(bad[i], strlen(bad[i]), &f))
			fail_msg("'%s' parsed as a figure", bad[i]);
}

/* Parses s and writes v in its style. */
static const char *fmt(const char *s, double v)
{
	static char out[96];
	struct qd_figure f = parse_ok(s);

	assert_true(qd_figure_format(&f, v, out, sizeof(out)));
	return out;
}

static void test_format_round_trip(void **state)
{
	static const char *const figs[] = {
		"9", "400,000", "2.7", "$5", "1.5 million", "three billion", "six and a half",
		"60%", "twenty-five", "12,345.67", "\xe2\x82\xac" "1,200", "\xc2\xa3" "3.50",
		"$1.5 billion", "two hundred", "one hundred twenty-three", "2 thousand",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(figs) / sizeof(*figs); i++) {
		struct qd_figure f = parse_ok(figs[i]);
		assert_string_equal(fmt(figs[i], f.value), figs[i]);
	}
}

static void test_format_style(void **state)
{
	struct qd_figure f;
	char out[96];

	(void)state;
	/* Digits, grouping, decimals, percent sign, currency, scale word. */
	assert_string_equal(fmt("9", 12), "12");
	assert_string_equal(fmt("400,000", 1234567), "1,234,567");
	assert_string_equal(fmt("400,000", 999), "999");
	assert_string_equal(fmt("12,345.67", 1234.5), "1,234.50");
	assert_string_equal(fmt("2.7", 3), "3.0");
	assert_string_equal(fmt("2.7", 0.4), "0.4");
	assert_string_equal(fmt("60%", 45), "45%");
	assert_string_equal(fmt("$5", 12), "$12");
	assert_string_equal(fmt("\xe2\x82\xac" "1,200", 25000), "\xe2\x82\xac" "25,000");
	assert_string_equal(fmt("1.5 million", 800000), "0.8 million");
	assert_string_equal(fmt("1.5 million", 3e6), "3.0 million");
	assert_string_equal(fmt("$1.5 billion", 2.5e9), "$2.5 billion");
	/* Words, with a scale word and halves. */
	assert_string_equal(fmt("seven", 42), "forty-two");
	assert_string_equal(fmt("three billion", 4e9), "four billion");
	assert_string_equal(fmt("two hundred", 350), "three hundred fifty");
	assert_string_equal(fmt("six and a half", 7), "seven");
	assert_string_equal(fmt("six and a half", 3.5), "three and a half");

	/* Values that cannot be written in the style. */
	f = parse_ok("seven");
	assert_false(qd_figure_format(&f, 1000, out, sizeof(out)));
	assert_false(qd_figure_format(&f, 7.3, out, sizeof(out)));
	assert_false(qd_figure_format(&f, 7.5, out, sizeof(out))); /* no half in "seven" */
	assert_false(qd_figure_format(&f, 0, out, sizeof(out)));
	assert_false(qd_figure_format(&f, -3, out, sizeof(out)));
	f = parse_ok("three billion");
	assert_false(qd_figure_format(&f, 1.5e9, out, sizeof(out)));
	f = parse_ok("9");
	assert_false(qd_figure_format(&f, -1, out, sizeof(out)));
}

/* ---- perturb ---- */

static size_t perturb(const char *s, bool year, unsigned seed, double max, double *out,
                      size_t want)
{
	struct qd_figure f = parse_ok(s);

	return qd_figure_perturb(&f, year, seed, max, NULL, NULL, out, want);
}

static bool has(const double *v, size_t n, double x)
{
	for (size_t i = 0; i < n; i++)
		if (fabs(v[i] - x) < 1e-9)
			return true;
	return false;
}

/* No value twice and never the true one. */
static void assert_distinct_wrong(const double *v, size_t n, double truth)
{
	for (size_t i = 0; i < n; i++) {
		if (fabs(v[i] - truth) < 1e-9)
			fail_msg("the true value %g was offered", truth);
		for (size_t j = 0; j < i; j++)
			if (fabs(v[i] - v[j]) < 1e-9)
				fail_msg("%g offered twice", v[i]);
	}
}

static void test_perturb_deterministic(void **state)
{
	double a[3], b[3];

	(void)state;
	/* The exact values for a seed (590 * {0.5, 1.5, 2}, rounded to tens). */
	assert_int_equal(perturb("590", false, 0, 0, a, 3), 3);
	assert_close(a[0], 300);
	assert_close(a[1], 890);
	assert_close(a[2], 1180);
	for (unsigned seed = 0; seed < 20; seed++) {
		size_t na = perturb("590", false, seed, 0, a, 3);
		size_t nb = perturb("590", false, seed, 0, b, 3);
		assert_int_equal(na, 3);
		assert_int_equal(nb, na);
		assert_memory_equal(a, b, na * sizeof(*a));
	}
	assert_int_equal(perturb("590", false, 0, 0, a, 0), 0);
}

static void test_perturb_seeds_differ(void **state)
{
	double a[3], b[3];
	bool differ = false;

	(void)state;
	assert_int_equal(perturb("590", false, 0, 0, a, 3), 3);
	assert_int_equal(perturb("590", false, 1, 0, b, 3), 3);
	for (size_t i = 0; i < 3; i++)
		differ |= !has(a, 3, b[i]);
	assert_true(differ);
	/* Over a range of seeds, more than one set comes up for each kind. */
	static const char *const figs[] = {"590", "46%", "3", "1.5 million"};
	for (size_t k = 0; k < sizeof(figs) / sizeof(*figs); k++) {
		size_t sets = 0;
		double first[3];
		assert_int_equal(perturb(figs[k], false, 0, 0, first, 3), 3);
		for (unsigned seed = 1; seed < 8; seed++) {
			assert_int_equal(perturb(figs[k], false, seed, 0, a, 3), 3);
			bool same = true;
			for (size_t i = 0; i < 3; i++)
				same &= has(first, 3, a[i]);
			sets += !same;
		}
		assert_true(sets > 0);
	}
	/* Years too. */
	assert_int_equal(perturb("1969", true, 0, 0, a, 3), 3);
	assert_int_equal(perturb("1969", true, 1, 0, b, 3), 3);
	differ = false;
	for (size_t i = 0; i < 3; i++)
		differ |= !has(a, 3, b[i]);
	assert_true(differ);
}

static void test_perturb_wrong_and_distinct(void **state)
{
	static const char *const figs[] = {
		"590", "46%", "3", "six", "1.5 million", "400,000", "2.7", "$5", "three billion",
		"six and a half", "650", "1", "12",
	};
	double out[8];

	(void)state;
	for (size_t k = 0; k < sizeof(figs) / sizeof(*figs); k++) {
		struct qd_figure f = parse_ok(figs[k]);
		for (unsigned seed = 0; seed < 12; seed++) {
			size_t n = qd_figure_perturb(&f, false, seed, 0, NULL, NULL, out, 8);
			assert_true(n >= 3);
			assert_true(n <= 8);
			assert_distinct_wrong(out, n, f.value);
			for (size_t i = 0; i < n; i++) {
				char buf[96];
				assert_true(out[i] > 0);
				/* Every value can be written in the figure's style. */
				assert_true(qd_figure_format(&f, out[i], buf, sizeof(buf)));
			}
		}
	}
}

/* x is a whole multiple of step (up to rounding error). */
static void multiple_at(double x, double step, const char *file, int line)
{
	double q = x / step;

	if (fabs(q - floor(q + 0.5)) > 1e-6) {
		print_error("%.17g is not a multiple of %g\n", x, step);
		_fail(file, line);
	}
}

#define assert_multiple(x, step) multiple_at((x), (step), __FILE__, __LINE__)

static void test_perturb_roundness(void **state)
{
	double out[8];

	(void)state;
	for (unsigned seed = 0; seed < 16; seed++) {
		/* 590 is written to the ten: multiples of 10. */
		size_t n = perturb("590", false, seed, 0, out, 8);
		assert_true(n >= 3);
		for (size_t i = 0; i < n; i++)
			assert_multiple(out[i], 10);
		/* 650 to the fifty. */
		n = perturb("650", false, seed, 0, out, 8);
		for (size_t i = 0; i < n; i++)
			assert_multiple(out[i], 50);
		/* 400,000 to the hundred thousand. */
		n = perturb("400,000", false, seed, 0, out, 8);
		for (size_t i = 0; i < n; i++)
			assert_multiple(out[i], 100000);
		/* 46 to the unit, 2.7 to the tenth, 1.5 million to 0.1 million. */
		n = perturb("46%", false, seed, 0, out, 8);
		for (size_t i = 0; i < n; i++)
			assert_multiple(out[i], 1);
		n = perturb("2.7", false, seed, 0, out, 8);
		for (size_t i = 0; i < n; i++)
			assert_multiple(out[i], 0.1);
		n = perturb("1.5 million", false, seed, 0, out, 8);
		for (size_t i = 0; i < n; i++)
			assert_multiple(out[i], 1e5);
		/* Halves stay halves or wholes. */
		n = perturb("six and a half", false, seed, 0, out, 8);
		for (size_t i = 0; i < n; i++)
			assert_multiple(out[i], 0.5);
	}
}

static void test_perturb_max(void **state)
{
	double out[8];

	(void)state;
	for (unsigned seed = 0; seed < 16; seed++) {
		/* A percentage stays at or below 100. */
		size_t n = perturb("90%", false, seed, 100, out, 3);
		assert_int_equal(n, 3);
		for (size_t i = 0; i < n; i++)
			assert_true(out[i] <= 100);
		n = perturb("60%", false, seed, 100, out, 8);
		for (size_t i = 0; i < n; i++)
			assert_true(out[i] <= 100);
		/* A year is never after the article's. */
		n = perturb("1969", true, seed, 1971, out, 3);
		assert_int_equal(n, 3);
		for (size_t i = 0; i < n; i++)
			assert_true(out[i] <= 1971);
		/* A small count under a bound. */
		n = perturb("3", false, seed, 4, out, 3);
		assert_int_equal(n, 2); /* only 2 and 4 are left */
		assert_true(has(out, n, 2) && has(out, n, 4));
	}
	/* Without max, a percentage may go above 100 (the caller's bound). */
	bool above = false;
	for (unsigned seed = 0; seed < 8; seed++) {
		size_t n = perturb("90%", false, seed, 0, out, 8);
		for (size_t i = 0; i < n; i++)
			above |= out[i] > 100;
	}
	assert_true(above);
}

struct avoid_log {
	double avoid[4];
	size_t n_avoid;
	size_t calls;
	double near_year; /* when not 0: avoid every year within 20 of it */
};

static bool avoid_cb(void *data, double v)
{
	struct avoid_log *log = data;

	log->calls++;
	if (log->near_year > 0 && fabs(v - log->near_year) <= 20)
		return true;
	return has(log->avoid, log->n_avoid, v);
}

static void test_perturb_avoid(void **state)
{
	struct qd_figure f = parse_ok("590");
	struct avoid_log log = {.avoid = {300, 1180}, .n_avoid = 2};
	double out[3];
	size_t n;

	(void)state;
	/* Seed 0 would give 300, 890, 1180: the avoided two are replaced. */
	n = qd_figure_perturb(&f, false, 0, 0, avoid_cb, &log, out, 3);
	assert_int_equal(n, 3);
	assert_true(log.calls >= 5);
	assert_false(has(out, n, 300));
	assert_false(has(out, n, 1180));
	assert_true(has(out, n, 890));
	assert_distinct_wrong(out, n, 590);

	/* Small counts and years consult it too. */
	f = parse_ok("3");
	memset(&log, 0, sizeof(log));
	log.avoid[0] = 2;
	log.avoid[1] = 4;
	log.n_avoid = 2;
	for (unsigned seed = 0; seed < 6; seed++) {
		n = qd_figure_perturb(&f, false, seed, 0, avoid_cb, &log, out, 3);
		assert_int_equal(n, 3);
		assert_false(has(out, n, 2) || has(out, n, 4));
	}
	assert_true(log.calls > 0);

	f = parse_ok("1969");
	memset(&log, 0, sizeof(log));
	log.avoid[0] = 1970;
	log.n_avoid = 1;
	for (unsigned seed = 0; seed < 8; seed++) {
		n = qd_figure_perturb(&f, true, seed, 0, avoid_cb, &log, out, 3);
		assert_int_equal(n, 3);
		assert_false(has(out, n, 1970));
	}
	assert_true(log.calls > 0);
}

static void test_perturb_years(void **state)
{
	struct qd_figure f = parse_ok("1969");
	struct avoid_log log;
	double out[8];

	(void)state;
	for (unsigned seed = 0; seed < 16; seed++) {
		size_t n = qd_figure_perturb(&f, true, seed, 0, NULL, NULL, out, 3);
		assert_int_equal(n, 3);
		assert_distinct_wrong(out, n, 1969);
		for (size_t i = 0; i < n; i++) {
			assert_true(fabs(out[i] - 1969) <= 30);
			assert_close(out[i], floor(out[i])); /* whole years */
		}
		/* With every year within 20 avoided, they still stay within 30. */
		memset(&log, 0, sizeof(log));
		log.near_year = 1969;
		n = qd_figure_perturb(&f, true, seed, 0, avoid_cb, &log, out, 3);
		assert_int_equal(n, 3);
		for (size_t i = 0; i < n; i++) {
			assert_true(fabs(out[i] - 1969) > 20);
			assert_true(fabs(out[i] - 1969) <= 30);
		}
	}
	/* The first seed's years: 1969 + {-7, 4, 12}. */
	assert_int_equal(qd_figure_perturb(&f, true, 0, 0, NULL, NULL, out, 3), 3);
	assert_close(out[0], 1962);
	assert_close(out[1], 1973);
	assert_close(out[2], 1981);
}

static void test_perturb_small_counts(void **state)
{
	static const char *const figs[] = {"1", "2", "3", "six", "12"};
	double out[8];

	(void)state;
	for (size_t k = 0; k < sizeof(figs) / sizeof(*figs); k++) {
		struct qd_figure f = parse_ok(figs[k]);
		for (unsigned seed = 0; seed < 12; seed++) {
			size_t n = qd_figure_perturb(&f, false, seed, 0, NULL, NULL, out, 3);
			assert_int_equal(n, 3);
			assert_distinct_wrong(out, n, f.value);
			for (size_t i = 0; i < n; i++) {
				/* Whole, positive (at least 2 when the truth is), near. */
				assert_close(out[i], floor(out[i]));
				assert_true(out[i] >= (f.value >= 2 ? 2 : 1));
				assert_true(fabs(out[i] - f.value) <= 8);
			}
		}
	}
	/* A word count stays a word count: "six" gives values in words. */
	struct qd_figure f = parse_ok("six");
	assert_int_equal(qd_figure_perturb(&f, false, 0, 0, NULL, NULL, out, 3), 3);
	assert_close(out[0], 4);
	assert_close(out[1], 5);
	assert_close(out[2], 7);
}

static const char *measure(const char *unit)
{
	return qd_unit_measure(unit, strlen(unit));
}

static void test_unit_measure(void **state)
{
	(void)state;
	assert_string_equal(measure("seconds"), "time");
	assert_string_equal(measure("Minute"), "time");
	assert_string_equal(measure("centuries"), "time");
	assert_string_equal(measure("millennia"), "time");
	assert_string_equal(measure("ms"), "time");
	assert_string_equal(measure("km"), "length");
	assert_string_equal(measure("inches"), "length");
	assert_string_equal(measure("feet"), "length");
	assert_string_equal(measure("kilograms"), "mass");
	assert_string_equal(measure("GB"), "data");
	assert_string_equal(measure("gb"), "data");
	assert_string_equal(measure("litres"), "volume");
	assert_string_equal(measure("°C"), "temperature");
	/* not units: nouns, percent, a word that only starts like one */
	assert_null(measure("people"));
	assert_null(measure("percent"));
	assert_null(measure("hourglass"));
	assert_null(measure("dayss"));
	assert_null(measure("in"));
	assert_null(measure(""));
	assert_null(qd_unit_measure("kilograms", 4)); /* "kilo" */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_digits),
		cmocka_unit_test(test_parse_currency_and_scale),
		cmocka_unit_test(test_parse_words),
		cmocka_unit_test(test_parse_half_with_scale),
		cmocka_unit_test(test_parse_refusals),
		cmocka_unit_test(test_format_round_trip),
		cmocka_unit_test(test_format_style),
		cmocka_unit_test(test_perturb_deterministic),
		cmocka_unit_test(test_perturb_seeds_differ),
		cmocka_unit_test(test_perturb_wrong_and_distinct),
		cmocka_unit_test(test_perturb_roundness),
		cmocka_unit_test(test_perturb_max),
		cmocka_unit_test(test_perturb_avoid),
		cmocka_unit_test(test_perturb_years),
		cmocka_unit_test(test_perturb_small_counts),
		cmocka_unit_test(test_unit_measure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

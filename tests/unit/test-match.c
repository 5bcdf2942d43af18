/* Unit tests for answer checking: normalisation, typed answers, diffs,
 * choice/true-false/rating parsing, rating suggestions and cloze text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/match.h"

static char nbuf[256];

static const char *norm(const char *s, bool accents)
{
	struct qd_buf b;

	qd_buf_init(&b);
	qd_match_normalize(&b, s, accents);
	snprintf(nbuf, sizeof nbuf, "%s", b.data);
	qd_buf_release(&b);
	return nbuf;
}

static struct qd_match_result check(const char *given, const char *answer, bool accents)
{
	struct qd_match_opts o = { .ignore_accents = accents };
	struct qd_match_result r;
	const char *a[] = { answer };

	qd_match_typed(given, a, 1, &o, &r);
	return r;
}

#define RIGHT(g, a) assert_true(check((g), (a), false).correct && !check((g), (a), false).typo)
#define TYPO(g, a) assert_true(check((g), (a), false).correct && check((g), (a), false).typo)
#define WRONG(g, a) assert_false(check((g), (a), false).correct)

static void test_normalize_unicode(void **state)
{
	(void)state;
	/* NFC and NFD input, case, compatibility forms. */
	assert_string_equal(norm("caf\xc3\xa9", false), "caf\xc3\xa9");
	assert_string_equal(norm("cafe\xcc\x81", false), "caf\xc3\xa9");
	assert_string_equal(norm("\xc3\x89" "COLE", false), "\xc3\xa9" "cole");
	assert_string_equal(norm("\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\x91", false), "ab1"); /* ＡＢ１ */
	assert_string_equal(norm("\xef\xac\x81" "le", false), "file");                   /* ﬁle */
	assert_string_equal(norm("Stra\xc3\x9f" "e", false), "strasse");
	/* Accents on request only. */
	assert_string_equal(norm("Caf\xc3\xa9", true), "cafe");
	assert_string_equal(norm("cafe\xcc\x81", true), "cafe");
	assert_string_equal(norm("\xc3\x85ngstr\xc3\xb6m", true), "angstrom");
	/* Hangul survives the NFD round trip. */
	assert_string_equal(norm("\xed\x95\x9c\xea\xb8\x80", true), "\xed\x95\x9c\xea\xb8\x80");
	/* Bidi controls, which the screen never shows, are deleted. */
	assert_string_equal(norm("\xe2\x80\xae" "left", false), "left");
	assert_string_equal(norm("right \xe2\x81\xa8x\xe2\x81\xa9", false), "right x");
	RIGHT("plain", "pl\xe2\x80\xaa" "ain\xe2\x80\xac");
	/* Invalid UTF-8 and controls do not break anything. */
	assert_string_equal(norm("a\x01" "b\xff", false), "a b\xef\xbf\xbd");
}

static void test_normalize_punctuation(void **state)
{
	(void)state;
	assert_string_equal(norm("  Hello,   World!  ", false), "hello world");
	assert_string_equal(norm("a\xc2\xa0\tb\n", false), "a b");            /* NBSP, tab */
	assert_string_equal(norm("crates.io", false), "crates io");
	assert_string_equal(norm(".NET", false), "net");
	assert_string_equal(norm("C++", false), "c++");
	assert_string_equal(norm("C#", false), "c#");
	assert_string_equal(norm("don\xe2\x80\x99t", false), "dont");           /* don’t */
	assert_string_equal(norm("\xe2\x80\x9cquoted\xe2\x80\x9d", false), "quoted");
	assert_string_equal(norm("well\xe2\x80\x94known", false), "well known"); /* em dash */
	assert_string_equal(norm("3.14", false), "3.14");
	assert_string_equal(norm("1,000", false), "1,000");
	assert_string_equal(norm("-5", false), "-5");
	assert_string_equal(norm("\xe2\x88\x92" "5", false), "-5");              /* minus sign */
	assert_string_equal(norm("x-5", false), "x 5");
	assert_string_equal(norm("the ? operator", false), "the ? operator");
	assert_string_equal(norm("&&", false), "&&");
	assert_string_equal(norm("Vec<T>", false), "vec<t>");
	assert_string_equal(norm("std::mem::swap()", false), "std mem swap");
	assert_string_equal(norm("50%", false), "50%");
	assert_string_equal(norm("snake_case", false), "snake_case");
	assert_string_equal(norm("Paris.", false), "paris");
	assert_string_equal(norm("...", false), "...");
	assert_string_equal(norm("", false), "");
}

static void test_typed_exact(void **state)
{
	(void)state;
	RIGHT("café", "cafe\xcc\x81");
	RIGHT("ÉCOLE", "école");
	RIGHT("  garbage   collection ", "Garbage collection");
	RIGHT("crates io", "crates.io");
	RIGHT("c++", "C++");
	RIGHT("c sharp", "C sharp");
	WRONG("c", "C#");
	WRONG("C", "C++");
	WRONG("", "anything");
	WRONG("   ", "anything");
	WRONG("!", "?");
	/* Accents: significant by default, ignored on request. */
	assert_true(check("ecole", "école", true).correct);
	assert_false(check("ecole", "école", true).typo);
	assert_false(check("eco", "écô", false).correct); /* 2 edits, length 3 */
	assert_true(check("eco", "écô", true).correct);
}

static void test_typed_typos(void **state)
{
	struct qd_match_result r;

	(void)state;
	/* Up to 4 code points: no tolerance. */
	WRONG("rsut", "rust");
	WRONG("cat", "cut");
	/* 5 to 8: one edit, a transposition counts one. */
	TYPO("borow", "borrow");
	TYPO("borrwo", "borrow");
	TYPO("école", "ecole!");   /* accented é vs e: one substitution */
	WRONG("brorwo", "borrow");
	/* Above 8: two edits. */
	TYPO("garbage colection", "garbage collection");
	TYPO("garbgae colection", "garbage collection");
	WRONG("grabgae colection", "garbage collection");
	r = check("garbgae colection", "garbage collection", false);
	assert_int_equal(r.distance, 2);
	/* The budget counts code points, not bytes: "ééééé" is 5 long. */
	TYPO("éééée", "ééééé");
	assert_int_equal(qd_match_typo_budget(4), 0);
	assert_int_equal(qd_match_typo_budget(5), 1);
	assert_int_equal(qd_match_typo_budget(8), 1);
	assert_int_equal(qd_match_typo_budget(9), 2);
	/* OSA distance on code points. */
	assert_int_equal(qd_match_distance("ab", "ba"), 1);
	assert_int_equal(qd_match_distance("ca", "abc"), 3); /* OSA, not full DL (2) */
	assert_int_equal(qd_match_distance("kitten", "sitting"), 3);
	assert_int_equal(qd_match_distance("日本", "本日"), 1);
	assert_int_equal(qd_match_distance("", "abc"), 3);
	/* No typos on request. */
	{
		struct qd_match_opts o = { .no_typos = true };
		const char *a[] = { "borrow" };
		qd_match_typed("borow", a, 1, &o, &r);
		assert_false(r.correct);
		assert_int_equal(r.distance, 1);
	}
}

static void test_typed_numbers(void **state)
{
	(void)state;
	WRONG("1999", "1998");
	WRONG("19998", "1998");
	WRONG("Windows 95", "Windows 98");
	TYPO("Windws 98", "Windows 98");
	WRONG("3.15 meters", "3.14 meters");
	WRONG("314 meters", "3.14 meters");
	RIGHT("3.14 meters.", "3.14 meters");
	WRONG("5", "-5");
	RIGHT("\xef\xbc\x91\xef\xbc\x99\xef\xbc\x99\xef\xbc\x98", "1998"); /* full-width */
}

static void test_typed_alternatives(void **state)
{
	const char *answers[] = { "WebAssembly", "WASM", "Web Assembly" };
	struct qd_match_result r;

	(void)state;
	qd_match_typed("wasm", answers, 3, NULL, &r);
	assert_true(r.correct && !r.typo);
	assert_int_equal(r.which, 1);
	qd_match_typed("web assembly", answers, 3, NULL, &r);
	assert_true(r.correct && !r.typo);
	assert_int_equal(r.which, 2);   /* exact beats the typo against 0 */
	qd_match_typed("webassembyl", answers, 3, NULL, &r);
	assert_true(r.correct && r.typo);
	assert_int_equal(r.which, 0);
	assert_int_equal(r.distance, 1);
	qd_match_typed("javascript", answers, 3, NULL, &r);
	assert_false(r.correct);
	assert_int_equal(r.which, 1);   /* the nearest ("wasm"), for the diff */
	qd_match_typed("x", answers, 0, NULL, &r);
	assert_false(r.correct);
	/* Far too long input: not computed, still wrong, and fast. */
	{
		char big[4000];
		memset(big, 'a', sizeof big - 1);
		big[sizeof big - 1] = '\0';
		qd_match_typed(big, answers, 3, NULL, &r);
		assert_false(r.correct);
		assert_true(r.distance == QD_MATCH_FAR);
	}
}

static char *diff(struct qd_buf *b, const char *given, const char *expected, bool color,
                  size_t *marked)
{
	qd_buf_reset(b);
	*marked = qd_match_diff(b, given, expected, color);
	return b->data;
}

static void test_diff(void **state)
{
	struct qd_buf b;
	size_t m;

	(void)state;
	qd_buf_init(&b);
	assert_string_equal(diff(&b, "recieve", "receive", false, &m), "rec[ei]ve");
	assert_int_equal(m, 2);
	assert_string_equal(diff(&b, "borow", "borrow", false, &m), "bo[r]row");
	assert_int_equal(m, 1);
	assert_string_equal(diff(&b, "BORROW", "borrow", false, &m), "borrow");
	assert_int_equal(m, 0);
	assert_string_equal(diff(&b, "cafe", "caf\xc3\xa9", false, &m), "caf[\xc3\xa9]");
	/* NFD expected: the accent stays with its letter. */
	assert_string_equal(diff(&b, "cafe", "cafe\xcc\x81", false, &m), "caf[e\xcc\x81]");
	assert_string_equal(diff(&b, "", "abc", false, &m), "[abc]");
	assert_string_equal(diff(&b, "borrow", "borrow", true, &m), "borrow");
	assert_string_equal(diff(&b, "borow", "borrow", true, &m), "bo\033[1;4;31mr\033[0mrow");
	/* Expected text is sanitised. */
	assert_string_equal(diff(&b, "x", "x\033[2J", false, &m), "x[^[[2J]");
	qd_buf_release(&b);
}

static char *marked(struct qd_buf *b, const char *given, const char *const *answers, size_t n,
                    bool color, size_t *count)
{
	struct qd_match_result r;

	qd_buf_reset(b);
	qd_match_typed(given, answers, n, NULL, &r);
	*count = qd_match_mark(b, given, answers, n, &r, color);
	return b->data;
}

/* The difference is marked against the answer matched: an accepted
 * alternative when the near miss was of it, not the card's `a`. */
static void test_mark_against_alternative(void **state)
{
	const char *answers[] = { "Mercury", "planet Mercury" };
	const char *tuple[] = { "a tuple struct", "tuple" };
	struct qd_buf b;
	size_t m;

	(void)state;
	qd_buf_init(&b);
	/* A typo of the alternative: only its missed letter is marked. */
	assert_string_equal(marked(&b, "planet Mercry", answers, 2, false, &m), "planet Merc[u]ry");
	assert_int_equal(m, 1);
	assert_string_equal(marked(&b, "planet Mercry", answers, 2, true, &m),
	                    "planet Merc\033[1;4;31mu\033[0mry");
	/* A typo of `a`: marked against `a`. */
	assert_string_equal(marked(&b, "Mercry", answers, 2, false, &m), "Merc[u]ry");
	/* Right: the alternative matched, unmarked. */
	assert_string_equal(marked(&b, "PLANET mercury", answers, 2, false, &m), "planet Mercury");
	assert_int_equal(m, 0);
	assert_string_equal(marked(&b, "a tuple strukt", tuple, 2, false, &m), "a tuple stru[c]t");
	/* Wrong: against the nearest answer. */
	assert_string_equal(marked(&b, "plant Venus", answers, 2, false, &m),
	                    "plan[e]t [M]e[rc]u[ry]");
	assert_string_equal(marked(&b, "Google", (const char *[]){"Mozilla"}, 1, false, &m),
	                    "[Mozilla]");
	assert_int_equal(m, 7);
	/* Nothing typed: the card's answer, all of it missed. */
	assert_string_equal(marked(&b, "", answers, 2, false, &m), "[Mercury]");
	/* No answers at all: nothing to show. */
	assert_string_equal(marked(&b, "x", answers, 0, false, &m), "");
	qd_buf_release(&b);
}

static void test_choice_parse(void **state)
{
	const char *ch[] = { "Ownership", "Garbage collection", "Reference counting", "Café" };
	bool c[4];
	struct qd_err err;

	(void)state;
	assert_int_equal(qd_match_choice_parse("2", ch, 4, false, NULL, c, &err), 1);
	assert_true(c[1] && !c[0] && !c[2] && !c[3]);
	assert_int_equal(qd_match_choice_parse(" 2 ", ch, 4, false, NULL, c, &err), 1);
	assert_true(c[1]);
	assert_int_equal(qd_match_choice_parse("b", ch, 4, false, NULL, c, &err), 1);
	assert_true(c[1]);
	assert_int_equal(qd_match_choice_parse("B)", ch, 4, false, NULL, c, &err), 1);
	assert_true(c[1]);
	assert_int_equal(qd_match_choice_parse("3.", ch, 4, false, NULL, c, &err), 1);
	assert_true(c[2]);
	/* The text of a choice, normalised. */
	assert_int_equal(qd_match_choice_parse("garbage  COLLECTION", ch, 4, false, NULL, c, &err), 1);
	assert_true(c[1]);
	assert_int_equal(qd_match_choice_parse("cafe", ch, 4, false, NULL, c, &err), -1);
	{
		struct qd_match_opts o = { .ignore_accents = true };
		assert_int_equal(qd_match_choice_parse("cafe", ch, 4, false, &o, c, &err), 1);
		assert_true(c[3]);
	}
	/* Errors. */
	assert_int_equal(qd_match_choice_parse("5", ch, 4, false, NULL, c, &err), -1);
	assert_string_equal(err.msg, "'5' is not a choice: answer 1-4 or a-d");
	assert_int_equal(err.status, QD_EXIT_USAGE);
	assert_int_equal(qd_match_choice_parse("0", ch, 4, false, NULL, c, &err), -1);
	assert_int_equal(qd_match_choice_parse("e", ch, 4, false, NULL, c, &err), -1);
	assert_string_equal(err.msg, "'e' is not a choice: answer 1-4 or a-d");
	assert_int_equal(qd_match_choice_parse("", ch, 4, false, NULL, c, &err), -1);
	assert_string_equal(err.msg, "no answer given");
	assert_int_equal(qd_match_choice_parse("1 3", ch, 4, false, NULL, c, &err), -1);
	assert_string_equal(err.msg, "choose one answer: 1-4 or a-d");
	assert_int_equal(qd_match_choice_parse("tracing \033[31m", ch, 4, false, NULL, c, &err), -1);
	assert_string_equal(err.msg, "'tracing ^[[31m' is not one of the choices: answer 1-4 or a-d");
	assert_int_equal(qd_match_choice_parse("99999999999999999999999", ch, 4, false, NULL, c, &err),
	                 -1);
}

static void test_multi_parse(void **state)
{
	const char *ch[] = { "Cargo", "Clippy", "Make", "rustfmt", "Gradle" };
	bool c[5];
	struct qd_err err;

	(void)state;
	assert_int_equal(qd_match_choice_parse("1 3", ch, 5, true, NULL, c, &err), 2);
	assert_true(c[0] && c[2] && !c[1] && !c[3] && !c[4]);
	assert_int_equal(qd_match_choice_parse("1,3", ch, 5, true, NULL, c, &err), 2);
	assert_true(c[0] && c[2]);
	assert_int_equal(qd_match_choice_parse(" a, c ;d", ch, 5, true, NULL, c, &err), 3);
	assert_true(c[0] && c[2] && c[3]);
	assert_int_equal(qd_match_choice_parse("ac", ch, 5, true, NULL, c, &err), 2);
	assert_true(c[0] && c[2]);
	assert_int_equal(qd_match_choice_parse("1 1 2", ch, 5, true, NULL, c, &err), 2);
	assert_int_equal(qd_match_choice_parse("cargo, rustfmt", ch, 5, true, NULL, c, &err), 2);
	assert_true(c[0] && c[3]);
	assert_int_equal(qd_match_choice_parse("13", ch, 5, true, NULL, c, &err), -1);
	assert_string_equal(err.msg, "'13' is not a choice: answer 1-5 or a-e");
	assert_int_equal(qd_match_choice_parse("1 9", ch, 5, true, NULL, c, &err), -1);
	assert_string_equal(err.msg, "'9' is not a choice: answer 1-5 or a-e");
	assert_int_equal(qd_match_choice_parse("cargo, ant", ch, 5, true, NULL, c, &err), -1);
	assert_false(c[0]);
}

static void test_truefalse_parse(void **state)
{
	const char *yes[] = { "t", "T", "true", " TRUE ", "y", "Yes" };
	const char *no[] = { "f", "False", "n", "NO" };
	bool v;
	struct qd_err err;

	(void)state;
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++) {
		v = false;
		assert_int_equal(qd_match_truefalse_parse(yes[i], &v, &err), 0);
		assert_true(v);
	}
	for (size_t i = 0; i < sizeof no / sizeof *no; i++) {
		v = true;
		assert_int_equal(qd_match_truefalse_parse(no[i], &v, &err), 0);
		assert_false(v);
	}
	assert_int_equal(qd_match_truefalse_parse("maybe", &v, &err), -1);
	assert_string_equal(err.msg, "'maybe' is not an answer: type t(rue) or f(alse)");
	assert_int_equal(qd_match_truefalse_parse("", &v, &err), -1);
	assert_int_equal(qd_match_truefalse_parse("tru", &v, &err), -1);
}

static void test_rating_parse(void **state)
{
	enum qd_rating r;
	struct qd_err err;

	(void)state;
	assert_int_equal(qd_match_rating_parse("", QD_GOOD, &r, &err), 0);
	assert_int_equal(r, QD_GOOD);
	assert_int_equal(qd_match_rating_parse("  ", QD_HARD, &r, &err), 0);
	assert_int_equal(r, QD_HARD);
	assert_int_equal(qd_match_rating_parse("1", QD_GOOD, &r, &err), 0);
	assert_int_equal(r, QD_AGAIN);
	assert_int_equal(qd_match_rating_parse("4", QD_GOOD, &r, &err), 0);
	assert_int_equal(r, QD_EASY);
	assert_int_equal(qd_match_rating_parse("again", QD_GOOD, &r, &err), 0);
	assert_int_equal(r, QD_AGAIN);
	assert_int_equal(qd_match_rating_parse("H", QD_GOOD, &r, &err), 0);
	assert_int_equal(r, QD_HARD);
	assert_int_equal(qd_match_rating_parse("go", QD_AGAIN, &r, &err), 0);
	assert_int_equal(r, QD_GOOD);
	assert_int_equal(qd_match_rating_parse("EAS", QD_GOOD, &r, &err), 0);
	assert_int_equal(r, QD_EASY);
	assert_int_equal(qd_match_rating_parse("5", QD_GOOD, &r, &err), -1);
	assert_string_equal(err.msg, "'5' is not a rating: press Enter for good, or type 1-4 or "
	                             "again, hard, good, easy");
	assert_int_equal(qd_match_rating_parse("goody", QD_GOOD, &r, &err), -1);
	assert_int_equal(qd_match_rating_parse("x", QD_GOOD, &r, &err), -1);
}

static void test_suggest(void **state)
{
	(void)state;
	assert_int_equal(qd_match_suggest(false, false, 1000, 5), QD_AGAIN);
	assert_int_equal(qd_match_suggest(false, false, -1, 5), QD_AGAIN);
	/* Choice (nothing typed): fast <= 5 s, slow > 20 s. */
	assert_int_equal(qd_match_suggest(true, false, 5000, 0), QD_EASY);
	assert_int_equal(qd_match_suggest(true, false, 5001, 0), QD_GOOD);
	assert_int_equal(qd_match_suggest(true, false, 20000, 0), QD_GOOD);
	assert_int_equal(qd_match_suggest(true, false, 20001, 0), QD_HARD);
	/* 10 code points typed: +3 s fast, +6 s slow. */
	assert_int_equal(qd_match_suggest(true, false, 8000, 10), QD_EASY);
	assert_int_equal(qd_match_suggest(true, false, 8001, 10), QD_GOOD);
	assert_int_equal(qd_match_suggest(true, false, 26000, 10), QD_GOOD);
	assert_int_equal(qd_match_suggest(true, false, 26001, 10), QD_HARD);
	/* A typo is never Easy; unknown time is Good. */
	assert_int_equal(qd_match_suggest(true, true, 1000, 10), QD_GOOD);
	assert_int_equal(qd_match_suggest(true, true, 60000, 10), QD_HARD);
	assert_int_equal(qd_match_suggest(true, false, -1, 10), QD_GOOD);
	assert_int_equal(qd_match_suggest(true, true, -1, 10), QD_HARD);
	assert_int_equal(qd_match_suggest(true, false, INT64_MAX, SIZE_MAX), QD_HARD);
}

static void test_cloze(void **state)
{
	/* "Rust has {{no GC}} and {{zero-cost|free}} {{abstractions}}." */
	static const char text[] = "Rust has {{no GC}} and {{zero-cost|free}} {{abstractions}}.";
	static const char *const a0[] = { "no GC" };
	static const char *const a1[] = { "zero-cost", "free" };
	static const char *const a2[] = { "abstractions" };
	struct qd_cloze_blank bl[3] = {
		{ 9, 9, a0, 1 }, { 23, 18, a1, 2 }, { 42, 16, a2, 1 },
	};
	const bool ok[3] = { true, false, true };
	struct qd_buf b;

	(void)state;
	assert_int_equal(memcmp(text + bl[1].start, "{{zero-cost|free}}", bl[1].len), 0);
	assert_int_equal(memcmp(text + bl[2].start, "{{abstractions}}", bl[2].len), 0);
	qd_buf_init(&b);
	qd_match_cloze_prompt(&b, text, bl, 3, 0, false);
	assert_string_equal(b.data, "Rust has [...] and [_] [_].");
	qd_buf_reset(&b);
	qd_match_cloze_prompt(&b, text, bl, 3, 1, false);
	assert_string_equal(b.data, "Rust has no GC and [...] [_].");
	qd_buf_reset(&b);
	qd_match_cloze_prompt(&b, text, bl, 3, 2, true);
	assert_string_equal(b.data, "Rust has \033[32mno GC\033[0m and \033[32mzero-cost\033[0m "
	                            "\033[1;36m[...]\033[0m.");
	qd_buf_reset(&b);
	qd_match_cloze_reveal(&b, text, bl, 3, NULL, false);
	assert_string_equal(b.data, "Rust has [no GC] and [zero-cost] [abstractions].");
	qd_buf_reset(&b);
	qd_match_cloze_reveal(&b, text, bl, 3, ok, true);
	assert_string_equal(b.data, "Rust has \033[1;32mno GC\033[0m and \033[1;31mzero-cost\033[0m "
	                            "\033[1;32mabstractions\033[0m.");
	/* Bad spans are skipped; text outside markers is sanitised. */
	{
		static const char t2[] = "a\033]0;x\007 {{b}}";
		struct qd_cloze_blank bad[2] = { { 8, 5, a0, 1 }, { 100, 3, a0, 1 } };
		qd_buf_reset(&b);
		qd_match_cloze_reveal(&b, t2, bad, 2, NULL, false);
		assert_string_equal(b.data, "a^[]0;x^G [no GC]");
		qd_buf_reset(&b);
		bad[0].start = 9; /* runs past the end */
		qd_match_cloze_prompt(&b, t2, bad, 1, 0, false);
		assert_string_equal(b.data, "a^[]0;x^G {{b}}");
	}
	qd_buf_release(&b);
}

/* Whether the ASCII shortcut of qd_match_normalize and the libunistring path
 * give the same bytes for s, with and without ignore_accents. */
static void same_both_ways(const char *s)
{
	for (int accents = 0; accents < 2; accents++) {
		struct qd_buf fast, slow;

		qd_buf_init(&fast);
		qd_buf_init(&slow);
		qd_match_normalize(&fast, s, accents);
		qd_match_normalize_unicode(&slow, s, accents);
		if (fast.len != slow.len || memcmp(fast.data, slow.data, fast.len) != 0)
			fail_msg("normalising '%s' (accents %d): '%s' vs '%s'", s, accents,
			         fast.data ? fast.data : "", slow.data ? slow.data : "");
		qd_buf_release(&fast);
		qd_buf_release(&slow);
	}
}

static void test_normalize_ascii_shortcut(void **state)
{
	/* Weighted towards what the folding rules look at. */
	static const char pool[] = "aZ09 .,-'\"`_#+*?!:/()\t\nC++3.14-5x";
	char s[48];
	uint32_t seed = 12345;

	(void)state;
	/* Every ASCII byte alone, after a letter, before a digit, between
	 * digits, and every pair of bytes. */
	for (int c = 1; c < 0x80; c++) {
		char one[2] = { (char)c, 0 };
		char ctx[4][8];

		same_both_ways(one);
		snprintf(ctx[0], sizeof ctx[0], "a%c", c);
		snprintf(ctx[1], sizeof ctx[1], "%c1", c);
		snprintf(ctx[2], sizeof ctx[2], "1%c2", c);
		snprintf(ctx[3], sizeof ctx[3], " %cA%c ", c, c);
		for (int k = 0; k < 4; k++)
			same_both_ways(ctx[k]);
		for (int d = 1; d < 0x80; d++) {
			char two[3] = { (char)c, (char)d, 0 };
			same_both_ways(two);
		}
	}
	/* Random strings over all of ASCII and over the pool. */
	for (int i = 0; i < 20000; i++) {
		size_t len;

		seed = seed * 1103515245u + 12345u;
		len = (seed >> 16) % (sizeof s - 1);
		for (size_t k = 0; k < len; k++) {
			seed = seed * 1103515245u + 12345u;
			if (i % 2)
				s[k] = (char)(1 + (seed >> 16) % 0x7f);
			else
				s[k] = pool[(seed >> 16) % (sizeof pool - 1)];
		}
		s[len] = 0;
		same_both_ways(s);
	}
	same_both_ways("");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_normalize_unicode),
		cmocka_unit_test(test_normalize_punctuation),
		cmocka_unit_test(test_normalize_ascii_shortcut),
		cmocka_unit_test(test_typed_exact),
		cmocka_unit_test(test_typed_typos),
		cmocka_unit_test(test_typed_numbers),
		cmocka_unit_test(test_typed_alternatives),
		cmocka_unit_test(test_diff),
		cmocka_unit_test(test_mark_against_alternative),
		cmocka_unit_test(test_choice_parse),
		cmocka_unit_test(test_multi_parse),
		cmocka_unit_test(test_truefalse_parse),
		cmocka_unit_test(test_rating_parse),
		cmocka_unit_test(test_suggest),
		cmocka_unit_test(test_cloze),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

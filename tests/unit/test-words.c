/* Unit tests for the generator's lexical layer (quizdeck/words.h): tokens
 * (byte offsets, possessives, dashes, numbers, flags, marks, parenthesis
 * depth), sentence splitting, the closed word classes, verbs, number words,
 * slugs and whole-word search. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/buf.h"
#include "quizdeck/words.h"

static struct qd_sent tokenize(const char *text)
{
	struct qd_sent s;

	memset(&s, 0, sizeof(s));
	s.text = qd_xstrdup(text);
	qd_words_tokenize(&s);
	return s;
}

/* Token i of s spans exactly [start, end) and reads text. */
static void tok_at(const struct qd_sent *s, size_t i, size_t start, size_t end,
                   const char *text, const char *file, int line)
{
	if (i >= s->n_toks) {
		print_error("no token %zu in '%s' (%zu tokens)\n", i, s->text, s->n_toks);
		_fail(file, line);
		return;
	}
	if (s->toks[i].start != start || s->toks[i].end != end || qd_tok_len(s, i) != strlen(text) ||
	    memcmp(s->text + start, text, strlen(text)) != 0 || !qd_tok_is(s, i, text)) {
		print_error("token %zu is [%zu, %zu) '%.*s', expected [%zu, %zu) '%s'\n", i,
		            s->toks[i].start, s->toks[i].end,
		            (int)(s->toks[i].end - s->toks[i].start), s->text + s->toks[i].start,
		            start, end, text);
		_fail(file, line);
	}
}

#define assert_tok(s, i, start, end, text) tok_at((s), (i), (start), (end), (text), __FILE__, __LINE__)

/* Splits para and checks the sentences are exactly want[0..n); frees them
 * before failing. */
static void split_at(const char *para, const char *const *want, size_t n, const char *file,
                     int line)
{
	struct qd_sent *sents = NULL;
	size_t count = 0;
	bool same;

	qd_words_split(para, &sents, &count);
	same = count == n;
	for (size_t i = 0; i < count; i++) {
		if (i >= n || strcmp(sents[i].text, want[i]) != 0) {
			print_error("sentence %zu: '%s', expected '%s'\n", i, sents[i].text,
			            i < n ? want[i] : "(none)");
			same = false;
		}
		qd_sent_release(&sents[i]);
	}
	free(sents);
	if (!same) {
		print_error("'%s': %zu sentences, expected %zu\n", para, count, n);
		_fail(file, line);
	}
}

#define SPLIT(para, ...)                                                              \
	do {                                                                          \
		static const char *const want_[] = {__VA_ARGS__};                     \
		split_at((para), want_, sizeof(want_) / sizeof(*want_), __FILE__, __LINE__);          \
	} while (0)

static void test_tokens_offsets_and_possessive(void **state)
{
	struct qd_sent s = tokenize("Rust's borrow checker works.");

	(void)state;
	assert_int_equal(s.n_toks, 4);
	/* The possessive is cut from the span and remembered in a flag. */
	assert_tok(&s, 0, 0, 4, "Rust");
	assert_int_equal(s.toks[0].flags, QD_W_CAP | QD_W_FIRST | QD_W_POSS);
	assert_tok(&s, 1, 7, 13, "borrow");
	assert_int_equal(s.toks[1].flags, QD_W_LOWER);
	assert_tok(&s, 2, 14, 21, "checker");
	/* The final '.' is not part of the word; it is the mark after it. */
	assert_tok(&s, 3, 22, 27, "works");
	assert_int_equal(s.toks[3].after, '.');
	assert_int_equal(s.toks[3].last, '.');
	qd_sent_release(&s);

	/* A possessive on an acronym; a plain trailing apostrophe is no "'s". */
	s = tokenize("NASA's rover and Jobs' idea");
	assert_int_equal(s.n_toks, 5);
	assert_tok(&s, 0, 0, 4, "NASA");
	assert_int_equal(s.toks[0].flags,
	                 QD_W_CAP | QD_W_INNER_CAP | QD_W_ALLCAPS | QD_W_FIRST | QD_W_POSS);
	assert_tok(&s, 3, 17, 21, "Jobs");
	assert_int_equal(s.toks[3].flags & QD_W_POSS, 0);
	qd_sent_release(&s);
}

static void test_tokens_dashes(void **state)
{
	/* "25–30" with an en dash and "Actix-web" are single tokens; a spaced
	 * en dash and an em dash (even unspaced) are punctuation. */
	struct qd_sent s = tokenize("It handles 25\xe2\x80\x93" "30 cases in Actix-web \xe2\x80\x94 fast"
	                            " \xe2\x80\x93 x\xe2\x80\x94y - z");

	(void)state;
	assert_int_equal(s.n_toks, 10);
	assert_tok(&s, 0, 0, 2, "It");
	assert_tok(&s, 2, 11, 18, "25\xe2\x80\x93" "30");
	assert_int_equal(s.toks[2].flags, QD_W_DIGIT);
	assert_int_equal(s.toks[2].after, 0);
	assert_tok(&s, 5, 28, 37, "Actix-web");
	assert_int_equal(s.toks[5].flags, QD_W_CAP);
	assert_int_equal(s.toks[5].after, '-'); /* the spaced em dash */
	assert_tok(&s, 6, 42, 46, "fast");
	assert_int_equal(s.toks[6].after, '-'); /* the spaced en dash */
	assert_tok(&s, 7, 51, 52, "x");
	assert_int_equal(s.toks[7].after, '-'); /* the unspaced em dash */
	assert_tok(&s, 8, 55, 56, "y");
	assert_int_equal(s.toks[8].after, '-'); /* the spaced hyphen */
	assert_tok(&s, 9, 59, 60, "z");
	assert_int_equal(s.toks[9].after, 0);
	qd_sent_release(&s);

	/* An en dash spaced on one side only is punctuation too. */
	s = tokenize("25\xe2\x80\x93 30");
	assert_int_equal(s.n_toks, 2);
	assert_tok(&s, 0, 0, 2, "25");
	assert_int_equal(s.toks[0].after, '-');
	assert_tok(&s, 1, 6, 8, "30");
	qd_sent_release(&s);
}

/* Regression: src/words.c says a dash "with
 * spaces" or "at an edge" is punctuation, and an en dash followed by a space
 * is ("25– 30" -> "25", "30"). A hyphen followed by a space or the end of
 * the text used to stay in the word ("25- 30" gave the token "25-" with no
 * mark after it); it is punctuation like the en dash. */
static void test_tokens_trailing_hyphen_is_punctuation(void **state)
{
	struct qd_sent s = tokenize("25- 30 ok-");
	struct qd_tok t[3];
	size_t n = s.n_toks;

	(void)state;
	/* Copied out and released first: a failure here must not leak. */
	memset(t, 0, sizeof(t));
	if (n)
		memcpy(t, s.toks, (n < 3 ? n : 3) * sizeof(*t));
	qd_sent_release(&s);
	assert_int_equal(n, 3);
	assert_int_equal(t[0].start, 0);
	assert_int_equal(t[0].end, 2); /* "25", not "25-" */
	assert_int_equal(t[0].after, '-');
	assert_int_equal(t[1].start, 4);
	assert_int_equal(t[1].end, 6); /* "30" */
	assert_int_equal(t[2].start, 7);
	assert_int_equal(t[2].end, 9); /* "ok", not "ok-" */
	assert_int_equal(t[2].after, '-');
}

static void test_tokens_numbers(void **state)
{
	/* A ',' or ':' between digits does not end a word; elsewhere it does. */
	struct qd_sent s = tokenize("It sold 400,000 copies by 20:17, then 3, 4: done");

	(void)state;
	assert_int_equal(s.n_toks, 10);
	assert_tok(&s, 2, 8, 15, "400,000");
	assert_int_equal(s.toks[2].flags, QD_W_DIGIT);
	assert_int_equal(s.toks[2].after, 0);
	assert_tok(&s, 5, 26, 31, "20:17");
	assert_int_equal(s.toks[5].after, ',');
	assert_tok(&s, 7, 38, 39, "3");
	assert_int_equal(s.toks[7].after, ',');
	assert_tok(&s, 8, 41, 42, "4");
	assert_int_equal(s.toks[8].after, ':');
	qd_sent_release(&s);
}

static void test_tokens_flags(void **state)
{
	struct qd_sent s = tokenize("The AWS WebAssembly iPhone 3D C++ C# NaCl \xc3\x89mile "
	                            "\xc3\xa9tude x");

	(void)state;
	assert_int_equal(s.n_toks, 11);
	assert_tok(&s, 0, 0, 3, "The");
	assert_int_equal(s.toks[0].flags, QD_W_CAP | QD_W_FIRST);
	assert_tok(&s, 1, 4, 7, "AWS");
	assert_int_equal(s.toks[1].flags, QD_W_CAP | QD_W_INNER_CAP | QD_W_ALLCAPS);
	assert_tok(&s, 2, 8, 19, "WebAssembly");
	assert_int_equal(s.toks[2].flags, QD_W_CAP | QD_W_INNER_CAP);
	assert_tok(&s, 3, 20, 26, "iPhone");
	assert_int_equal(s.toks[3].flags, QD_W_LOWER | QD_W_INNER_CAP);
	assert_tok(&s, 4, 27, 29, "3D");
	assert_int_equal(s.toks[4].flags, QD_W_DIGIT | QD_W_INNER_CAP);
	/* One letter is not "all caps". */
	assert_tok(&s, 5, 30, 33, "C++");
	assert_int_equal(s.toks[5].flags, QD_W_CAP | QD_W_SYMBOL);
	assert_tok(&s, 6, 34, 36, "C#");
	assert_int_equal(s.toks[6].flags, QD_W_CAP | QD_W_SYMBOL);
	assert_tok(&s, 7, 37, 41, "NaCl");
	assert_int_equal(s.toks[7].flags, QD_W_CAP | QD_W_INNER_CAP);
	/* The case of a word is read from its first code point. */
	assert_tok(&s, 8, 42, 48, "\xc3\x89mile");
	assert_int_equal(s.toks[8].flags, QD_W_CAP);
	assert_tok(&s, 9, 49, 55, "\xc3\xa9tude");
	assert_int_equal(s.toks[9].flags, QD_W_LOWER);
	assert_int_equal(s.toks[10].flags, QD_W_LOWER);
	qd_sent_release(&s);
}

static void test_tokens_quotes_marks_and_parens(void **state)
{
	struct qd_sent s = tokenize("A process called \"fermentation\", which uses yeast "
	                            "(like Cargo [and rustup]), then more\xe2\x80\xa6 done; ok");

	(void)state;
	assert_int_equal(s.n_toks, 15);
	/* The opening quote is the mark after "called"; the quoted word is
	 * QUOTED, the words around it are not. */
	assert_tok(&s, 2, 10, 16, "called");
	assert_int_equal(s.toks[2].after, '"');
	assert_int_equal(s.toks[2].flags & QD_W_QUOTED, 0);
	assert_tok(&s, 3, 18, 30, "fermentation");
	assert_int_equal(s.toks[3].flags, QD_W_LOWER | QD_W_QUOTED);
	/* after: the first mark before the next word; last: the last one. */
	assert_int_equal(s.toks[3].after, '"');
	assert_int_equal(s.toks[3].last, ',');
	assert_tok(&s, 4, 33, 38, "which");
	assert_int_equal(s.toks[4].flags & QD_W_QUOTED, 0);
	assert_int_equal(s.toks[4].flags & QD_W_FIRST, 0);
	/* Parenthesis depth; brackets count as parentheses. */
	assert_tok(&s, 6, 44, 49, "yeast");
	assert_int_equal(s.toks[6].paren, 0);
	assert_int_equal(s.toks[6].after, '(');
	assert_tok(&s, 7, 51, 55, "like");
	assert_int_equal(s.toks[7].paren, 1);
	assert_tok(&s, 8, 56, 61, "Cargo");
	assert_int_equal(s.toks[8].paren, 1);
	assert_int_equal(s.toks[8].after, '(');
	assert_tok(&s, 9, 63, 66, "and");
	assert_int_equal(s.toks[9].paren, 2);
	assert_tok(&s, 10, 67, 73, "rustup");
	assert_int_equal(s.toks[10].paren, 2);
	assert_int_equal(s.toks[10].after, ')');
	assert_int_equal(s.toks[10].last, ',');
	assert_tok(&s, 11, 77, 81, "then");
	assert_int_equal(s.toks[11].paren, 0);
	/* An ellipsis reads as '.'. */
	assert_tok(&s, 12, 82, 86, "more");
	assert_int_equal(s.toks[12].after, '.');
	assert_tok(&s, 13, 90, 94, "done");
	assert_int_equal(s.toks[13].after, ';');
	qd_sent_release(&s);
}

static void test_tokens_helpers(void **state)
{
	struct qd_sent s = tokenize("In March the Dr met us");

	(void)state;
	assert_true(qd_tok_is(&s, 0, "in"));
	assert_true(qd_tok_is(&s, 0, "IN"));
	assert_false(qd_tok_is(&s, 0, "i"));
	assert_true(qd_tok_in(&s, 0, QD_WC_PREP));
	assert_true(qd_tok_in(&s, 1, QD_WC_MONTH));
	assert_false(qd_tok_in(&s, 1, QD_WC_DAY));
	assert_true(qd_tok_in(&s, 2, QD_WC_DETERMINER));
	assert_true(qd_tok_in(&s, 3, QD_WC_TITLE));
	assert_int_equal(qd_tok_len(&s, 1), 5);
	qd_sent_release(&s);
}

static void test_split_basic(void **state)
{
	(void)state;
	SPLIT("SQLite is small. It is everywhere! Is it free? Yes.",
	      "SQLite is small.", "It is everywhere!", "Is it free?", "Yes.");
	/* A split needs a space and then a capital, digit, quote or parenthesis. */
	SPLIT("It works. 2020 was big. the end. \xc3\x89lan is a word.",
	      "It works.", "2020 was big. the end.", "\xc3\x89lan is a word.");
	SPLIT("Version 2.7 shipped.", "Version 2.7 shipped.");
}

static void test_split_abbreviations_and_initials(void **state)
{
	(void)state;
	SPLIT("Yeasts ferment sugars, e.g. Glucose is one. It works.",
	      "Yeasts ferment sugars, e.g. Glucose is one.", "It works.");
	SPLIT("SQLite was written by D. Richard Hipp in 2000. It is small.",
	      "SQLite was written by D. Richard Hipp in 2000.", "It is small.");
	SPLIT("Mr. Smith met Dr. Who. Approx. 5 people came.",
	      "Mr. Smith met Dr. Who.", "Approx. 5 people came.");
	SPLIT("See No. 5 in the list. It is red.", "See No. 5 in the list.", "It is red.");
}

static void test_split_quotes_and_parentheses(void **state)
{
	(void)state;
	/* Not inside double quotes; the closing quote stays with its sentence. */
	SPLIT("Armstrong said \"Houston. The Eagle has landed.\" Then he waited.",
	      "Armstrong said \"Houston. The Eagle has landed.\"", "Then he waited.");
	SPLIT("He said \"Stop.\" \"Go,\" she said.", "He said \"Stop.\"", "\"Go,\" she said.");
	/* Not inside parentheses; a closing parenthesis stays with its sentence. */
	SPLIT("Sales rose (it works. Really.) Then it fell.",
	      "Sales rose (it works. Really.)", "Then it fell.");
	SPLIT("It was cheap (about $5.) Sales rose. (Really.) Done!",
	      "It was cheap (about $5.)", "Sales rose.", "(Really.)", "Done!");
}

static void test_split_appends_and_tokenizes(void **state)
{
	struct qd_sent *sents = NULL;
	size_t n = 0;

	(void)state;
	qd_words_split("First one. Second one.", &sents, &n);
	assert_int_equal(n, 2);
	qd_words_split("Third one.", &sents, &n);
	assert_int_equal(n, 3);
	assert_string_equal(sents[0].text, "First one.");
	assert_string_equal(sents[2].text, "Third one.");
	/* Each sentence is tokenised, offsets relative to its own text. */
	assert_int_equal(sents[1].n_toks, 2);
	assert_tok(&sents[1], 0, 0, 6, "Second");
	assert_int_equal(sents[1].toks[0].flags, QD_W_CAP | QD_W_FIRST);
	assert_tok(&sents[1], 1, 7, 10, "one");
	for (size_t i = 0; i < n; i++)
		qd_sent_release(&sents[i]);
	free(sents);

	/* Nothing to split: nothing appended. */
	sents = NULL;
	n = 0;
	qd_words_split("", &sents, &n);
	assert_int_equal(n, 0);
	free(sents);
}

#define IN(c, w) qd_word_in((c), (w), strlen(w))

static void test_word_classes(void **state)
{
	(void)state;
	assert_true(IN(QD_WC_STOP, "the"));
	assert_true(IN(QD_WC_STOP, "The"));
	assert_true(IN(QD_WC_STOP, "WHICH"));
	assert_false(IN(QD_WC_STOP, "rust"));
	assert_false(IN(QD_WC_STOP, "th")); /* whole words only */
	assert_true(IN(QD_WC_PREP, "into"));
	assert_true(IN(QD_WC_PREP, "despite"));
	assert_false(IN(QD_WC_PREP, "which"));
	assert_true(IN(QD_WC_CLAUSE, "which"));
	assert_true(IN(QD_WC_CLAUSE, "were"));
	assert_false(IN(QD_WC_CLAUSE, "into"));
	assert_true(IN(QD_WC_GENERIC, "entire"));
	assert_true(IN(QD_WC_GENERIC, "major"));
	assert_true(IN(QD_WC_MONTH, "March"));
	assert_true(IN(QD_WC_MONTH, "december"));
	assert_false(IN(QD_WC_MONTH, "Mar"));
	assert_true(IN(QD_WC_DAY, "Sunday"));
	assert_false(IN(QD_WC_DAY, "March"));
	assert_true(IN(QD_WC_VAGUE, "decades"));
	assert_true(IN(QD_WC_VAGUE, "things"));
	assert_false(IN(QD_WC_VAGUE, "fermentation"));
	assert_true(IN(QD_WC_TITLE, "Dr"));
	assert_true(IN(QD_WC_TITLE, "President"));
	assert_true(IN(QD_WC_TITLE, "Sir"));
	assert_true(IN(QD_WC_CONNECTOR, "van"));
	assert_true(IN(QD_WC_CONNECTOR, "de"));
	assert_true(IN(QD_WC_LEAD, "However"));
	assert_true(IN(QD_WC_DETERMINER, "their"));
	assert_true(IN(QD_WC_DETERMINER, "an"));
	assert_false(IN(QD_WC_DETERMINER, "of"));
	/* A length shorter than the string is honoured. */
	assert_true(qd_word_in(QD_WC_MONTH, "Mayday", 3));
}

#define VERB(w) qd_word_is_verb((w), strlen(w))
#define PAST(w) qd_word_is_past((w), strlen(w))

static void test_verbs(void **state)
{
	(void)state;
	/* Base, -s, -es, -ies and past forms of listed verbs. */
	assert_true(VERB("mix"));
	assert_true(VERB("mixes"));
	assert_true(VERB("conducts"));
	assert_true(VERB("carries"));
	assert_true(VERB("founded"));
	assert_true(VERB("built"));
	assert_true(VERB("Founded"));
	/* Nouns in -s are not verbs; nouns that are also verbs are left out. */
	assert_false(VERB("services"));
	assert_false(VERB("antigens"));
	assert_false(VERB("code"));
	assert_false(VERB("uses"));
	assert_false(VERB("processes"));

	assert_true(PAST("founded"));
	assert_true(PAST("built"));
	assert_true(PAST("BUILT"));
	assert_true(PAST("stopped"));
	assert_true(PAST("carried"));
	assert_true(PAST("produced"));
	assert_false(PAST("conducts"));
	assert_false(PAST("mix"));
	assert_false(PAST("services"));
	assert_false(PAST("red"));
}

static void test_number_words(void **state)
{
	bool scale = true;
	char out[64];

	(void)state;
	assert_true(qd_word_number("three", 5, &scale) == 3);
	assert_false(scale);
	assert_true(qd_word_number("Twenty", 6, &scale) == 20);
	assert_false(scale);
	assert_true(qd_word_number("dozen", 5, &scale) == 12);
	assert_false(scale);
	assert_true(qd_word_number("hundred", 7, &scale) == 100);
	assert_true(scale);
	assert_true(qd_word_number("thousand", 8, &scale) == 1e3);
	assert_true(scale);
	assert_true(qd_word_number("million", 7, &scale) == 1e6);
	assert_true(scale);
	scale = true;
	assert_true(qd_word_number("twenty-five", 11, &scale) < 0);
	assert_false(scale);
	assert_true(qd_word_number("threes", 6, &scale) < 0);
	assert_true(qd_word_number("threes", 5, &scale) == 3);

	assert_string_equal(qd_number_words(25, out, sizeof(out)), "twenty-five");
	assert_string_equal(qd_number_words(1, out, sizeof(out)), "one");
	assert_string_equal(qd_number_words(13, out, sizeof(out)), "thirteen");
	assert_string_equal(qd_number_words(40, out, sizeof(out)), "forty");
	assert_string_equal(qd_number_words(100, out, sizeof(out)), "one hundred");
	assert_string_equal(qd_number_words(342, out, sizeof(out)), "three hundred forty-two");
	assert_string_equal(qd_number_words(999, out, sizeof(out)), "nine hundred ninety-nine");
	assert_string_equal(qd_number_words(507, out, sizeof(out)), "five hundred seven");
	/* The result is the buffer passed in. */
	assert_ptr_equal(qd_number_words(7, out, sizeof(out)), out);
}

static void check_slug(const char *s, size_t words, size_t bytes, bool skip, const char *want)
{
	char *slug = qd_slug_make(s, words, bytes, skip);

	assert_non_null(slug);
	assert_string_equal(slug, want);
	free(slug);
}

static void test_slugs(void **state)
{
	(void)state;
	check_slug("The Rust Programming Language", 0, 64, false, "the-rust-programming-language");
	check_slug("The Rust Programming Language", 0, 64, true, "rust-programming-language");
	/* Word and byte limits keep whole words. */
	check_slug("The Rust Programming Language", 2, 64, true, "rust-programming");
	check_slug("The Rust Programming Language", 0, 16, true, "rust-programming");
	check_slug("The Rust Programming Language", 0, 15, true, "rust");
	check_slug("supercalifragilistic word", 0, 5, false, "");
	/* Symbols, digits, punctuation and spaces. */
	check_slug("C++ and C# in 2020!", 0, 64, false, "cplusplus-and-csharp-in-2020");
	check_slug("C++ and C# in 2020!", 0, 64, true, "cplusplus-csharp-2020");
	check_slug("  Hello,   World...  ", 0, 64, false, "hello-world");
	/* Non-ASCII letters are dropped without splitting the word. */
	check_slug("\xc3\x89mile's caf\xc3\xa9 na\xc3\xafve", 0, 64, false, "miles-caf-nave");
	/* Nothing left. */
	check_slug("the of and", 0, 64, true, "");
	check_slug("", 0, 64, false, "");
	check_slug("\xe6\x97\xa5\xe6\x9c\xac", 0, 64, false, "");
}

static void test_word_next(void **state)
{
	const char *p = "  Neil  A. Armstrong ", *w;
	size_t n;

	(void)state;
	w = qd_word_next(&p, &n);
	assert_non_null(w);
	assert_int_equal(n, 4);
	assert_memory_equal(w, "Neil", 4);
	w = qd_word_next(&p, &n);
	assert_int_equal(n, 2);
	assert_memory_equal(w, "A.", 2);
	w = qd_word_next(&p, &n);
	assert_int_equal(n, 9);
	assert_memory_equal(w, "Armstrong", 9);
	assert_null(qd_word_next(&p, &n));
	assert_null(qd_word_next(&p, &n));
	p = "";
	assert_null(qd_word_next(&p, &n));
}

static void test_has_word(void **state)
{
	(void)state;
	assert_true(qd_has_word("Rust is fast", "rust"));
	assert_true(qd_has_word("Rust is fast", "FAST"));
	assert_true(qd_has_word("fast, Rust-like", "rust"));
	assert_true(qd_has_word("written in C++ today", "C++"));
	assert_false(qd_has_word("Trusty tools", "rust"));
	assert_false(qd_has_word("rusty", "rust"));
	assert_false(qd_has_word("the 2020s", "2020"));
	assert_false(qd_has_word("abc", ""));
	assert_false(qd_has_word("", "a"));
	/* The first occurrence is inside a word; a later one is whole. */
	assert_true(qd_has_word("trust rust", "rust"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tokens_offsets_and_possessive),
		cmocka_unit_test(test_tokens_dashes),
		cmocka_unit_test(test_tokens_trailing_hyphen_is_punctuation),
		cmocka_unit_test(test_tokens_numbers),
		cmocka_unit_test(test_tokens_flags),
		cmocka_unit_test(test_tokens_quotes_marks_and_parens),
		cmocka_unit_test(test_tokens_helpers),
		cmocka_unit_test(test_split_basic),
		cmocka_unit_test(test_split_abbreviations_and_initials),
		cmocka_unit_test(test_split_quotes_and_parentheses),
		cmocka_unit_test(test_split_appends_and_tokenizes),
		cmocka_unit_test(test_word_classes),
		cmocka_unit_test(test_verbs),
		cmocka_unit_test(test_number_words),
		cmocka_unit_test(test_slugs),
		cmocka_unit_test(test_word_next),
		cmocka_unit_test(test_has_word),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

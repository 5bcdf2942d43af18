/* Unit tests for the generator's rewording (quizdeck/phrase.h): question
 * kinds, yes/no leads, short answers, yes/no questions turned into
 * statements, and long sentences clipped around a blank. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/phrase.h"

static void test_question_kind(void **state)
{
	static const struct {
		const char *q;
		enum qd_question_kind kind;
	} cases[] = {
		{"Is SQLite free to use?", QD_Q_YESNO},
		{"Does Linux need a graphical desktop?", QD_Q_YESNO},
		{"Can Rust run on microcontrollers?", QD_Q_YESNO},
		{"Were the Apollo missions televised?", QD_Q_YESNO},
		{"Has SQLite ever had a CVE?", QD_Q_YESNO},
		{"Should I learn Rust?", QD_Q_YESNO},
		{"Who founded SQLite?", QD_Q_WHO},
		{"Whose idea was the Web?", QD_Q_WHO},
		{"whom did she marry?", QD_Q_WHO},
		{"When was the Eiffel Tower built?", QD_Q_WHEN},
		{"What year did Apollo 11 land?", QD_Q_WHEN},
		{"Which century saw the printing press?", QD_Q_WHEN},
		{"In what year was Rust released?", QD_Q_WHEN},
		{"In which century was it built?", QD_Q_WHEN},
		{"How many people live in Tokyo?", QD_Q_HOWMANY},
		{"How much caffeine is in tea?", QD_Q_HOWMANY},
		{"How long is the Nile?", QD_Q_HOWMANY},
		{"How old is the universe?", QD_Q_HOWMANY},
		{"Where is SQLite used?", QD_Q_WHERE},
		{"Why is Rust fast?", QD_Q_WHY},
		{"What language is SQLite written in?", QD_Q_WHICH},
		{"Which company made the iPhone?", QD_Q_WHICH},
		{"What is Rust?", QD_Q_OTHER},
		{"How does yeast make bread rise?", QD_Q_OTHER},
		{"What does SQLite do?", QD_Q_OTHER},
		{"What makes Rust fast?", QD_Q_OTHER}, /* a verb after "What" */
		{"In what way is it different?", QD_Q_OTHER},
		{"What?", QD_Q_OTHER},
		{"", QD_Q_OTHER},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++)
		if (qd_phrase_question_kind(cases[i].q) != cases[i].kind)
			fail_msg("'%s': kind %d, expected %d", cases[i].q,
			         (int)qd_phrase_question_kind(cases[i].q), (int)cases[i].kind);
}

static void test_words(void **state)
{
	(void)state;
	assert_int_equal(qd_phrase_words(""), 0);
	assert_int_equal(qd_phrase_words("  one  two\tthree\n"), 3);
	assert_int_equal(qd_phrase_words("No \xe2\x80\x94 not per cup."), 5);
}

static void test_yes_no(void **state)
{
	(void)state;
	assert_int_equal(qd_phrase_yes_no("Yes."), 1);
	assert_int_equal(qd_phrase_yes_no("Yes, it is in the public domain."), 1);
	assert_int_equal(qd_phrase_yes_no("  yes"), 1);
	assert_int_equal(qd_phrase_yes_no("YES!"), 1);
	assert_int_equal(qd_phrase_yes_no("Yes \xe2\x80\x94 mostly."), 1);
	assert_int_equal(qd_phrase_yes_no("No."), 0);
	assert_int_equal(qd_phrase_yes_no("No \xe2\x80\x94 not per cup."), 0);
	assert_int_equal(qd_phrase_yes_no("No, it is not."), 0);
	assert_int_equal(qd_phrase_yes_no("No. It costs money."), 0);
	/* Hedged or no lead at all. */
	assert_int_equal(qd_phrase_yes_no("Not usually."), -1);
	assert_int_equal(qd_phrase_yes_no("Yes and no."), -1);
	assert_int_equal(qd_phrase_yes_no("Yes, but only sometimes."), -1);
	assert_int_equal(qd_phrase_yes_no("No one knows."), -1);
	assert_int_equal(qd_phrase_yes_no("Nobody knows."), -1);
	assert_int_equal(qd_phrase_yes_no("No single answer fits."), -1);
	assert_int_equal(qd_phrase_yes_no("Yesterday it rained."), -1);
	assert_int_equal(qd_phrase_yes_no("Nope."), -1);
	assert_int_equal(qd_phrase_yes_no("Usually."), -1);
	assert_int_equal(qd_phrase_yes_no(""), -1);
}

/* Regression: "No one knows" is excluded as a
 * lead, and so is its hyphenated spelling: qd_phrase_yes_no("No-one
 * knows.") used to return 0 ("No") instead of -1. */
static void test_yes_no_hyphenated_no_one(void **state)
{
	(void)state;
	assert_int_equal(qd_phrase_yes_no("No-one knows."), -1);
}

/* The result of a call, copied so that it can be freed before a check
 * fails (the suite runs under LeakSanitizer). */
static char got[1024];

static const char *take(char *r)
{
	if (!r)
		return NULL;
	snprintf(got, sizeof(got), "%s", r);
	free(r);
	return got;
}

/* Fails at the caller's line, showing what was expected and what came. */
static void mismatch(const char *what, const char *want, const char *r, const char *file,
                     int line)
{
	print_error("%s: expected %s%s%s, got %s%s%s\n", what, want ? "'" : "",
	            want ? want : "NULL", want ? "'" : "", r ? "'" : "", r ? r : "NULL",
	            r ? "'" : "");
	_fail(file, line);
}

static void answer_at(const char *p, enum qd_question_kind kind, size_t max, const char *want,
                      const char *file, int line)
{
	const char *r = take(qd_phrase_short_answer(p, kind, max));

	if ((!want || !r) ? want != r : strcmp(r, want) != 0)
		mismatch(p, want, r, file, line);
	if (r && qd_phrase_words(r) > max)
		mismatch("more words than the limit", want, r, file, line);
}

#define check_answer(p, kind, max, want) answer_at((p), (kind), (max), (want), __FILE__, __LINE__)

static void test_short_answer_first_sentence(void **state)
{
	(void)state;
	/* A short first sentence, whole. */
	check_answer("SQLite is a small database engine. It is everywhere.", QD_Q_OTHER, 12,
	             "SQLite is a small database engine.");
	check_answer("SQLite is a small database engine", QD_Q_OTHER, 12,
	             "SQLite is a small database engine.");
	/* A long one, clipped at a clause boundary. */
	check_answer("Rust is a systems programming language that runs blazingly fast, making it "
	             "a good choice for embedded devices and web services alike. It is loved.",
	             QD_Q_OTHER, 12, "Rust is a systems programming language that runs blazingly fast.");
	check_answer("The cat is black, making it hard to see in the dark at night when the lights "
	             "are off.",
	             QD_Q_OTHER, 12, "The cat is black.");
	check_answer("SQLite is the most widely deployed database in the world, which means it "
	             "runs on billions of devices.",
	             QD_Q_OTHER, 12, "SQLite is the most widely deployed database in the world.");
	/* The longest clause that fits. */
	check_answer("Yeast eats sugar in the dough, producing carbon dioxide gas; the gas makes the "
	             "bread rise in the oven.",
	             QD_Q_OTHER, 12, "Yeast eats sugar in the dough, producing carbon dioxide gas.");
	/* Never at ", and". */
	check_answer("Bread is made of flour, water, salt and yeast, and it is baked in an oven "
	             "for an hour.",
	             QD_Q_OTHER, 12, NULL);
	/* No boundary that allows a short enough answer. */
	check_answer("The quick brown fox jumps over the lazy dog and then runs far away into the "
	             "dark forest and never returns.",
	             QD_Q_OTHER, 12, NULL);
	/* A boundary too early (fewer than four words) does not count. */
	check_answer("It runs, making every single program on the machine much faster than before "
	             "today.",
	             QD_Q_OTHER, 12, NULL);
	check_answer("", QD_Q_OTHER, 12, NULL);
}

static void test_short_answer_yes_no(void **state)
{
	(void)state;
	/* The lead and one sentence of reason, clipped. */
	check_answer("Yes. SQLite is in the public domain, which means anyone can use it. More.",
	             QD_Q_YESNO, 12, "Yes. SQLite is in the public domain.");
	check_answer("Yes, SQLite is in the public domain. More.", QD_Q_YESNO, 12,
	             "Yes. SQLite is in the public domain.");
	check_answer("Yes. SQLite is free. Anyone may copy it.", QD_Q_YESNO, 12,
	             "Yes. SQLite is free.");
	check_answer("Yes \xe2\x80\x94 it runs on every platform that has a C compiler, which is "
	             "nearly all. Ok.",
	             QD_Q_YESNO, 12, "Yes. It runs on every platform that has a C compiler.");
	check_answer("No. SQLite costs money to license for commercial use, which is bad. More.",
	             QD_Q_YESNO, 12,
	             "No. SQLite costs money to license for commercial use, which is bad.");
	/* A short qualification stays with its lead; the next sentence is the reason. */
	check_answer("No \xe2\x80\x94 not per cup. Coffee has more caffeine overall.", QD_Q_YESNO, 12,
	             "No \xe2\x80\x94 not per cup. Coffee has more caffeine overall.");
	check_answer("Not usually. Most people never need it.", QD_Q_YESNO, 12,
	             "Not usually. Most people never need it.");
	/* A reason too long to clip is dropped; the lead alone answers. */
	check_answer("Yes. This sentence is far too long to fit in the limit and it never has a "
	             "comma or any clause boundary at all. Ok.",
	             QD_Q_YESNO, 12, "Yes.");
	/* "No single ..." is not a lead. */
	check_answer("No single database fits every workload.", QD_Q_OTHER, 12,
	             "No single database fits every workload.");
}

/* Regression: the header promises "the lead and
 * one sentence of reason", and "Yes. SQLite is free. Anyone may copy it."
 * gives "Yes. SQLite is free.". The same answer led by "No." used to give
 * two sentences of reason ("No. SQLite costs money. Anyone may ask." returned
 * the whole paragraph), because qd_words_split() did not split after "No." ("no"
 * is in its abbreviation list, for "No. 5"), so "No. SQLite costs money." was
 * read as a lead with a short qualification and the next sentence added as
 * the reason. */
static void test_short_answer_no_lead_one_reason(void **state)
{
	(void)state;
	check_answer("No. SQLite costs money. Anyone may ask.", QD_Q_YESNO, 12,
	             "No. SQLite costs money.");
}

static void test_short_answer_why(void **state)
{
	(void)state;
	check_answer("The Apollo program sent astronauts to the Moon because the United States "
	             "wanted to beat the Soviet Union. It worked.",
	             QD_Q_WHY, 12, "Because the United States wanted to beat the Soviet Union.");
	check_answer("NASA flew the mission as a way to test the lander in orbit. Later more.",
	             QD_Q_WHY, 12, "To test the lander in orbit.");
	check_answer("Mozilla made Rust in order to write a safer browser engine.", QD_Q_WHY, 12,
	             "To write a safer browser engine.");
	check_answer("Mozilla made Rust so that browsers are safer.", QD_Q_WHY, 12,
	             "So that browsers are safer.");
	/* Only for why-questions. */
	check_answer("NASA flew the mission as a way to test the lander in orbit.", QD_Q_OTHER, 14,
	             "NASA flew the mission as a way to test the lander in orbit.");
	/* Without a cue, the first sentence as usual. */
	check_answer("Rust is fast. It is safe.", QD_Q_WHY, 12, "Rust is fast.");
}

static void statement_at(const char *q, size_t subject_len, const char *want,
                         const char *file, int line)
{
	const char *r = take(qd_phrase_statement(q, subject_len));

	if ((!want || !r) ? want != r : strcmp(r, want) != 0)
		mismatch(q, want, r, file, line);
}

#define check_statement(q, len, want) statement_at((q), (len), (want), __FILE__, __LINE__)

static void test_statement(void **state)
{
	(void)state;
	check_statement("Is SQLite free to use?", 0, "SQLite is free to use.");
	check_statement("Is the Moon made of cheese?", 0, "The Moon is made of cheese.");
	check_statement("Is Rust faster than C?", 0, "Rust is faster than C.");
	check_statement("Is WebAssembly still slow?", 0, "WebAssembly is still slow.");
	check_statement("Was Apollo 11 the first landing?", 0, "Apollo 11 was the first landing.");
	check_statement("Did Michael Collins walk on the Moon?", 15,
	                "Michael Collins walked on the Moon.");
	check_statement("Did Michael Collins walk on the Moon?", 0,
	                "Michael Collins walked on the Moon.");
	check_statement("Did the Wright brothers fly in 1903?", 0, "The Wright brothers flew in 1903.");
	check_statement("Did NASA stop the program?", 0, "NASA stopped the program.");
	check_statement("Did Alice play chess?", 5, "Alice played chess.");
	check_statement("Does Linux need a graphical desktop?", 0, "Linux needs a graphical desktop.");
	check_statement("Does Python have a GIL?", 0, "Python has a GIL.");
	check_statement("Does bread go stale?", 0, "Bread goes stale.");
	check_statement("Does SQLite support JSON?", 0, "SQLite supports JSON.");
	check_statement("Does Rust try hard?", 0, "Rust tries hard.");
	check_statement("Does the kernel fix bugs?", 10, "The kernel fixes bugs.");
	check_statement("Do cats need water?", 0, "Cats need water.");
	check_statement("Can Rust run on microcontrollers?", 0, "Rust can run on microcontrollers.");
	check_statement("Can Rust replace C++?", 0, "Rust can replace C++.");
	/* The subject length decides where a name ends. */
	check_statement("Did Bread Rise Bakery close in 2020?", 17, "Bread Rise Bakery closed in 2020.");
	/* without it, a capitalised word is not taken for the verb */
	check_statement("Did Bread Rise Bakery close in 2020?", 0, NULL);
	/* "of" and its noun stay in the subject; a name ending in -ic is no adjective */
	check_statement("Is the wreck of the Titanic protected?", 0,
	                "The wreck of the Titanic is protected.");
	/* Questions about the reader, and ones it cannot turn. */
	check_statement("Should I learn Rust?", 0, NULL);
	check_statement("Are you sure?", 0, NULL);
	check_statement("Is it fast?", 0, NULL);
	check_statement("Is there a limit?", 0, NULL);
	check_statement("What is Rust?", 0, NULL);
	check_statement("Does the compiler catch bugs?", 0, NULL); /* no known verb */
	check_statement("Is?", 0, NULL);
	check_statement("", 0, NULL);
}

/* Regression: a regular past tense doubles the
 * final consonant of a one-syllable word only (stop -> stopped); "open" and
 * "edit" used to give "openned" and "editted" ("Did Apple open a store in
 * Paris?" returned "Apple openned a store in Paris."). */
static void test_statement_past_spelling(void **state)
{
	(void)state;
	check_statement("Did Apple open a store in Paris?", 5, "Apple opened a store in Paris.");
	check_statement("Did Linus edit the patch?", 5, "Linus edited the patch.");
}

/* Regression: the header promises NULL "when the
 * question is not one this can turn" and the module writes nothing "a person
 * would not". With "have"/"do"/modal questions an adverb before the verb is
 * was taken into the subject: "Has SQLite ever had a CVE?" returned "SQLite
 * ever has had a CVE.". */
static void test_statement_adverb_in_subject(void **state)
{
	const char *r;

	(void)state;
	r = take(qd_phrase_statement("Has SQLite ever had a CVE?", 0));
	if (r && strcmp(r, "SQLite has ever had a CVE.") != 0)
		fail_msg("got '%s'", r);
}

static void clip_at(const char *s, const char *blank, const char *want, const char *file,
                    int line)
{
	const char *b = strstr(s, blank);
	size_t from = 99, to = 99, bs, be;

	if (!b) {
		print_error("'%s' is not in the sentence\n", blank);
		_fail(file, line);
		return;
	}
	bs = (size_t)(b - s);
	be = bs + strlen(blank);
	qd_phrase_clip(s, bs, be, &from, &to);
	if (from > bs || to < be || to > strlen(s) ||
	    strlen(want) != to - from || memcmp(s + from, want, to - from) != 0) {
		print_error("[%zu, %zu) '%.*s', expected '%s'\n", from, to,
		            from <= to && to <= strlen(s) ? (int)(to - from) : 0,
		            from <= to && to <= strlen(s) ? s + from : "", want);
		_fail(file, line);
	}
}

#define check_clip(s, blank, want) clip_at((s), (blank), (want), __FILE__, __LINE__)

static void test_clip(void **state)
{
	static const char lead[] =
		"While most databases run as a separate server process, SQLite reads and writes "
		"ordinary disk files directly and needs no configuration or administration of any "
		"kind at all, ever.";
	static const char both[] =
		"While most databases run as a separate server process, SQLite reads and writes "
		"ordinary disk files directly, which makes it easy to embed in applications of "
		"every size and kind.";
	static const char trail[] =
		"SQLite is the most widely deployed database engine in the world, which means that "
		"it runs on billions of phones, browsers, televisions and cars every single day "
		"without any configuration.";
	static const char long_lead[] =
		"While most databases run as a separate server process on a dedicated machine, "
		"SQLite reads and writes ordinary disk files directly and needs no configuration "
		"or administration at all.";

	(void)state;
	/* A short sentence is untouched. */
	check_clip("SQLite, which is small, reads ordinary files.", "small",
	           "SQLite, which is small, reads ordinary files.");
	/* A trailing clause after the blank goes, at ", which". */
	check_clip(trail, "database engine",
	           "SQLite is the most widely deployed database engine in the world");
	/* The blank inside the trailing clause keeps it. */
	check_clip(trail, "billions", trail);
	/* A leading "While ..., " clause before the blank goes. */
	check_clip(lead, "ordinary disk files",
	           "SQLite reads and writes ordinary disk files directly and needs no "
	           "configuration or administration of any kind at all, ever.");
	/* The blank inside the leading clause keeps it. */
	check_clip(lead, "separate server", lead);
	/* Both at once; and a blank in the trailing clause keeps only that. */
	check_clip(both, "ordinary disk files", "SQLite reads and writes ordinary disk files directly");
	check_clip(both, "embed",
	           "SQLite reads and writes ordinary disk files directly, which makes it easy to "
	           "embed in applications of every size and kind.");
	/* A leading clause of more than 12 words stays. */
	check_clip(long_lead, "ordinary disk files", long_lead);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_question_kind),
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_yes_no),
		cmocka_unit_test(test_yes_no_hyphenated_no_one),
		cmocka_unit_test(test_short_answer_first_sentence),
		cmocka_unit_test(test_short_answer_yes_no),
		cmocka_unit_test(test_short_answer_no_lead_one_reason),
		cmocka_unit_test(test_short_answer_why),
		cmocka_unit_test(test_statement),
		cmocka_unit_test(test_statement_past_spelling),
		cmocka_unit_test(test_statement_adverb_in_subject),
		cmocka_unit_test(test_clip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

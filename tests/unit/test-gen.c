/* Unit tests for deck generation: the properties every generated deck must
 * have (checked on every article under tests/articles, the evaluation set
 * and the held-out set), what the generator asks for in small articles
 * written for each rule, stable ids after an edit, and overlays. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "quizdeck/gen.h"
#include "quizdeck/lint.h"
#include "quizdeck/overlay.h"
#include "quizdeck/words.h"

/* The article's text as one string with its paragraphs, for "is this the
 * article's own sentence?" checks. */
static void article_text(const struct qd_article *a, struct qd_buf *b)
{
	if (a->quick)
		qd_buf_addf(b, "%s\n", a->quick);
	for (size_t i = 0; i < a->n_sections; i++)
		for (size_t p = 0; p < a->sections[i].n_paras; p++)
			qd_buf_addf(b, "%s\n", a->sections[i].paras[p].text);
	for (size_t i = 0; i < a->n_questions; i++)
		for (size_t p = 0; p < a->questions[i].n_paras; p++)
			qd_buf_addf(b, "%s\n", a->questions[i].paras[p].text);
}

/* A cloze's text with its blanks filled, minus the period a clipped
 * sentence gains and the capital of its first letter, is the article's. */
static void check_cloze(const char *all, const struct qd_gen_card *c)
{
	struct qd_buf plain;
	const char *s = c->text;
	int blanks = 0;

	qd_buf_init(&plain);
	while (*s) {
		const char *open = strstr(s, "{{"), *close;
		if (!open) {
			qd_buf_adds(&plain, s);
			break;
		}
		qd_buf_add(&plain, s, (size_t)(open - s));
		close = strstr(open, "}}");
		assert_non_null(close);
		size_t n = strcspn(open + 2, "|}");
		assert_true(n > 0);
		qd_buf_add(&plain, open + 2, n);
		s = close + 2;
		blanks++;
	}
	if (blanks != 1)
		fail_msg("card '%s': %d blanks (one fact a card)", c->id, blanks);
	if (plain.len && plain.data[plain.len - 1] == '.')
		plain.data[--plain.len] = '\0';
	if (plain.len < 2 || !strstr(all, plain.data + 1))
		fail_msg("card '%s': '%s' is not a sentence of the article", c->id, plain.data);
	qd_buf_release(&plain);
}

struct smell_count {
	size_t n;
};

static void count_smell(void *data, const struct qd_card *c, enum qd_lint_id id, int line,
                        int col, const char *msg)
{
	(void)line;
	(void)col;
	fprintf(stderr, "smell in '%s': %s [%s]\n", c->id, msg, qd_lint_name(id));
	((struct smell_count *)data)->n++;
}

static void check_properties(const char *path)
{
	struct qd_err err;
	struct qd_article *a = qd_article_load(path, &err);
	struct qd_gen_deck d;
	struct qd_strv notes = {NULL, 0};
	struct qd_gen_opts o = {NULL, &notes};
	struct qd_deck *deck;
	struct smell_count sc = {0};
	struct qd_buf all;

	if (!a)
		fail_msg("%s: %s", path, err.msg);
	assert_int_equal(qd_gen_deck(a, &o, &d, &err), 0);
	if (notes.len)
		fail_msg("%s: %s", path, notes.items[0]);
	assert_int_equal(qd_gen_deck_load(&d, NULL, &deck, &err), 0);
	/* The guard left nothing for it to do, and nothing for check either. */
	qd_lint_deck(deck, NULL, count_smell, &sc);
	assert_int_equal(sc.n, 0);
	qd_deck_free(deck);
	qd_buf_init(&all);
	article_text(a, &all);
	for (size_t c = 0; c < d.n_cards; c++) {
		const struct qd_gen_card *card = &d.cards[c];
		assert_true(qd_slug_valid(card->id, strlen(card->id)));
		switch (card->type) {
		case QD_CARD_CLOZE:
			check_cloze(all.data, card);
			break;
		case QD_CARD_CHOICE:
			assert_int_equal(card->choices.len, 4);
			assert_true(qd_strv_has(&card->choices, card->a));
			for (size_t x = 0; x < card->choices.len; x++) {
				/* no choice stands in the question */
				if (strcmp(card->choices.items[x], card->a) != 0 &&
				    qd_has_word(card->q, card->choices.items[x]))
					fail_msg("card '%s': choice '%s' is in the question", card->id,
					         card->choices.items[x]);
				for (size_t y = x + 1; y < card->choices.len; y++)
					assert_string_not_equal(card->choices.items[x], card->choices.items[y]);
			}
			break;
		case QD_CARD_TRUEFALSE:
			assert_true(card->q[strlen(card->q) - 1] != '?');
			break;
		default:
			break;
		}
		/* a group has siblings */
		if (card->group) {
			size_t n = 0;
			for (size_t k = 0; k < d.n_cards; k++)
				n += d.cards[k].group && strcmp(d.cards[k].group, card->group) == 0;
			assert_true(n >= 2);
		}
	}
	qd_buf_release(&all);
	qd_gen_deck_release(&d);
	qd_article_free(a);
}

static int check_dir(const char *dir)
{
	DIR *dp = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(dp);
	while ((e = readdir(dp))) {
		size_t len = strlen(e->d_name);
		char path[1024];
		if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		check_properties(path);
		n++;
	}
	closedir(dp);
	return n;
}

static void test_article_properties(void **state)
{
	(void)state;
	assert_true(check_dir(QD_TEST_DATA "/articles") >= 3);
	assert_true(check_dir(QD_TEST_DATA "/articles/eval") >= 8);
	assert_true(check_dir(QD_TEST_DATA "/articles/heldout") >= 4);
}

/* ---- rules, one small article each ---- */

static struct qd_gen_deck gen_from(const char *text)
{
	struct qd_err err;
	struct qd_article *a = qd_article_parse("t.txt", text, strlen(text), &err);
	struct qd_gen_deck d;

	if (!a)
		fail_msg("parse: %s", err.msg);
	assert_int_equal(qd_gen_deck(a, NULL, &d, &err), 0);
	qd_article_free(a);
	return d;
}

/* An article of one section holding the given paragraph. */
static struct qd_gen_deck gen_para(const char *para)
{
	char text[4096];

	snprintf(text, sizeof(text), "What is copper used for\n\nKey Facts\n\nThe Metal\n\n%s\n",
	         para);
	return gen_from(text);
}

static const struct qd_gen_card *card_asking(const struct qd_gen_deck *d, const char *answer)
{
	for (size_t i = 0; i < d->n_cards; i++) {
		const struct qd_gen_card *c = &d->cards[i];
		if (c->a && strcmp(c->a, answer) == 0)
			return c;
		if (c->text) {
			char marker[256];
			snprintf(marker, sizeof(marker), "{{%s}}", answer);
			if (strstr(c->text, marker))
				return c;
			snprintf(marker, sizeof(marker), "{{%s|", answer);
			if (strstr(c->text, marker))
				return c;
		}
	}
	return NULL;
}

static void test_defined_terms(void **state)
{
	struct qd_gen_deck d = gen_para("Over decades, air and rain turn copper green. The "
	                                "green coat is a thin layer called patina, which "
	                                "protects the metal beneath.");
	(void)state;
	assert_non_null(card_asking(&d, "patina"));
	/* a fronted phrase is no item, and one vague word no blank */
	assert_null(card_asking(&d, "decades"));
	qd_gen_deck_release(&d);
}

static void test_numbers(void **state)
{
	struct qd_gen_deck d = gen_para("Copper conducts about 60 percent of all electricity in "
	                                "homes. It melts at 1,085 degrees.");
	const struct qd_gen_card *c;

	(void)state;
	c = card_asking(&d, "60 percent");
	assert_non_null(c);
	assert_int_equal(c->type, QD_CARD_CHOICE);
	for (size_t i = 0; i < c->choices.len; i++) {
		/* the same unit, never above 100 percent */
		assert_non_null(strstr(c->choices.items[i], " percent"));
		assert_true(atof(c->choices.items[i]) <= 100);
	}
	c = card_asking(&d, "1,085 degrees");
	assert_non_null(c);
	for (size_t i = 0; i < c->choices.len; i++)
		assert_non_null(strstr(c->choices.items[i], " degrees"));
	qd_gen_deck_release(&d);
}

static void test_people(void **state)
{
	struct qd_gen_deck d = gen_from(
		"What is SQLite\n\nKey Facts\n\nHistory\n\nThe project was started by D. Richard "
		"Hipp in 2000. Hipp still leads it.\n\nRelated Questions\n\nWho created SQLite?\n\n"
		"D. Richard Hipp created SQLite in 2000 while working for the United States Navy.\n");
	const struct qd_gen_card *c = card_asking(&d, "D. Richard Hipp");

	(void)state;
	/* The article's own question asks it, accepting the forms people type. */
	assert_non_null(c);
	assert_int_equal(c->type, QD_CARD_TYPED);
	assert_string_equal(c->q, "Who created SQLite?");
	assert_true(qd_strv_has(&c->accept, "Richard Hipp"));
	assert_true(qd_strv_has(&c->accept, "Hipp"));
	/* and only once: the section's sentence does not ask it again */
	size_t n = 0;
	for (size_t i = 0; i < d.n_cards; i++)
		n += d.cards[i].text && strstr(d.cards[i].text, "{{D. Richard Hipp");
	assert_int_equal(n, 0);
	qd_gen_deck_release(&d);
}

static void test_yes_no(void **state)
{
	struct qd_gen_deck d = gen_from(
		"What is Linux\n\nKey Facts\n\nLicence\n\nLinux is released under the GNU General "
		"Public License (GPL).\n\nRelated Questions\n\nIs Linux free to use?\n\nYes. Anyone "
		"may run it for any purpose.\n\nDoes Linux need a graphical desktop?\n\nNo, many "
		"servers run it without one.\n");
	long i;

	(void)state;
	i = qd_gen_deck_find(&d, "linux-free-use-tf");
	assert_true(i >= 0);
	assert_string_equal(d.cards[i].q, "Linux is free to use.");
	assert_true(d.cards[i].truth);
	i = qd_gen_deck_find(&d, "linux-need-graphical-desktop-tf");
	assert_true(i >= 0);
	assert_string_equal(d.cards[i].q, "Linux needs a graphical desktop.");
	assert_false(d.cards[i].truth);
	/* abbreviations both ways */
	const struct qd_gen_card *c = card_asking(&d, "GNU General Public License");
	assert_non_null(c);
	assert_string_equal(c->q, "What does GPL stand for?");
	qd_gen_deck_release(&d);
}

static void test_enumerations(void **state)
{
	struct qd_gen_deck d = gen_para("Copper is mixed with tin, zinc, and nickel to make "
	                                "alloys.");
	const char *items[] = {"tin", "zinc", "nickel"};
	const char *group = NULL;

	(void)state;
	for (size_t k = 0; k < 3; k++) {
		const struct qd_gen_card *c = card_asking(&d, items[k]);
		assert_non_null(c);
		assert_int_equal(c->type, QD_CARD_CLOZE);
		/* one item a card, the items siblings of one group */
		assert_non_null(c->group);
		if (group)
			assert_string_equal(c->group, group);
		group = c->group;
	}
	qd_gen_deck_release(&d);
}

/* A person blanked in part (a surname the sentence repeats) among three
 * other people: once a choice card whose answer was not among its choices. */
static void test_partial_blank_is_cloze(void **state)
{
	struct qd_gen_deck d = gen_from(
		"What is chemistry used for\n\nKey Facts\n\nPeople\n\nMarie Curie discovered "
		"radium. Dmitri Mendeleev designed the periodic table. Linus Pauling wrote about "
		"bonds.\n\nProcesses\n\nThe Bayer process, which Carl Josef Bayer patented, refines "
		"bauxite into alumina.\n");
	struct qd_err err;
	const struct qd_gen_card *c;

	(void)state;
	assert_int_equal(qd_gen_deck_validate(&d, &err), 0);
	c = card_asking(&d, "Carl Josef");
	assert_non_null(c);
	assert_int_equal(c->type, QD_CARD_CLOZE);
	assert_non_null(strstr(c->text, "{{Carl Josef|Carl Josef Bayer"));
	qd_gen_deck_release(&d);
}

/* A "sentence" of hundreds of words is not read (once quadratic), while
 * the next one is. */
static void test_long_sentence_skipped(void **state)
{
	struct qd_buf text;
	struct qd_gen_deck d;

	(void)state;
	qd_buf_init(&text);
	qd_buf_adds(&text, "What is tin used for\n\nKey Facts\n\nUses\n\n");
	for (int i = 0; i < 200; i++)
		qd_buf_adds(&text, "Amazon uses tin in 1884 ");
	qd_buf_adds(&text, "today. Tin is mined mostly as an ore called cassiterite.\n");
	d = gen_from(text.data);
	assert_non_null(card_asking(&d, "cassiterite"));
	assert_null(card_asking(&d, "1884"));
	assert_null(card_asking(&d, "Amazon"));
	qd_gen_deck_release(&d);
	qd_buf_release(&text);
}

static const char base[] =
	"What is Zig used for\n\nQuick Answer: Zig is used for systems code, build tooling, and "
	"cross-compilation.\n\nKey Facts\n\nBuild Tooling\n\nThe Zig compiler can build C and C++ "
	"projects. Uber used Zig to cross-compile for Linux, macOS, and Windows targets.\n\n"
	"Safety Features\n\nZig checks integer overflow in Debug and ReleaseSafe builds. Andrew Kelley "
	"started Zig in 2016.\n\nRelated Questions\n\nIs Zig stable?\n\nNo, version 1.0 has not been "
	"released.\n";

/* Editing one section changes only the ids of that section's edited cards. */
static void test_stable_ids(void **state)
{
	struct qd_gen_deck a = gen_from(base), b;
	char *edited = strdup(base);
	char *at = strstr(edited, "in 2016");

	(void)state;
	memcpy(at, "in 2015", 7);
	b = gen_from(edited);
	for (size_t i = 0; i < a.n_cards; i++)
		if (!qd_strv_has(&a.cards[i].tags, "safety-features"))
			assert_true(qd_gen_deck_find(&b, a.cards[i].id) >= 0);
	assert_true(qd_gen_deck_find(&a, "zig-stable-tf") >= 0);
	assert_false(a.cards[qd_gen_deck_find(&a, "zig-stable-tf")].truth);
	assert_string_equal(a.id, "what-is-zig-used-for");
	qd_gen_deck_release(&a);
	qd_gen_deck_release(&b);
	free(edited);
}

static void test_overlay(void **state)
{
	static const char ov[] =
		"deck: {id: zig, title: Zig, reverse: true}\n"
		"drop: [build-tooling-cloze-macos]\n"
		"edit:\n  zig-stable-tf: {q: Zig 1.0 is out., explain: It is not., group: zig}\n"
		"add:\n  - {id: zig-multi, after: zig-stable-tf, type: multi, q: Which?, "
		"choices: [a, b, c, d], a: [a, b], group: zig}\n";
	struct qd_gen_deck d = gen_from(base);
	struct qd_err err;
	long i;

	(void)state;
	assert_true(qd_gen_deck_find(&d, "build-tooling-cloze-macos") >= 0);
	assert_int_equal(qd_overlay_apply(&d, "ov.yaml", ov, strlen(ov), &err), 0);
	assert_string_equal(d.id, "zig");
	assert_true(d.reverse);
	assert_true(qd_gen_deck_find(&d, "build-tooling-cloze-macos") < 0);
	i = qd_gen_deck_find(&d, "zig-stable-tf");
	assert_string_equal(d.cards[i].q, "Zig 1.0 is out.");
	assert_string_equal(d.cards[i].group, "zig");
	assert_string_equal(d.cards[i + 1].id, "zig-multi");
	assert_int_equal(d.cards[i + 1].answers.len, 2);
	assert_int_equal(qd_gen_deck_validate(&d, &err), 0);
	/* Unknown ids and keys are errors with positions. */
	assert_int_equal(qd_overlay_apply(&d, "ov.yaml", "drop: [nope]\n", 13, &err), -1);
	assert_int_equal(err.line, 1);
	assert_int_equal(err.col, 8);
	assert_string_equal(err.msg, "cannot drop card 'nope': the generated deck has no such card");
	assert_int_equal(qd_overlay_apply(&d, "ov.yaml", "edit: {zig: {q: x}}\nbad: 1\n", 27, &err),
	                 -1);
	assert_int_equal(err.line, 2);
	assert_int_equal(qd_overlay_apply(&d, "ov.yaml", "a: &x 1\nb: *x\n", 14, &err), -1);
	/* The loader judges what an overlay makes: its words, not a copy's. */
	assert_int_equal(qd_overlay_apply(&d, "ov.yaml",
	                                  "edit: {zig-multi: {a: [z]}}\n", 28, &err), 0);
	assert_int_equal(qd_gen_deck_validate(&d, &err), -1);
	assert_non_null(strstr(err.msg, "the answer 'z' is not among the choices"));
	qd_gen_deck_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_article_properties),
		cmocka_unit_test(test_defined_terms),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_people),
		cmocka_unit_test(test_yes_no),
		cmocka_unit_test(test_enumerations),
		cmocka_unit_test(test_partial_blank_is_cloze),
		cmocka_unit_test(test_long_sentence_skipped),
		cmocka_unit_test(test_stable_ids),
		cmocka_unit_test(test_overlay),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

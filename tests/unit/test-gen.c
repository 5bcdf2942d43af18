/* Unit tests for deck generation: the properties every generated deck must
 * have (checked on every article under tests/articles), stable ids after
 * an edit, slugs, and overlays. */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/gen.h"
#include "quizdeck/overlay.h"

static bool article_has(const struct qd_article *a, const char *text)
{
	if (a->quick && strstr(a->quick, text))
		return true;
	for (size_t i = 0; i < a->n_sections; i++)
		for (size_t p = 0; p < a->sections[i].n_paras; p++)
			if (strstr(a->sections[i].paras[p].text, text))
				return true;
	for (size_t i = 0; i < a->n_questions; i++)
		for (size_t p = 0; p < a->questions[i].n_paras; p++)
			if (strstr(a->questions[i].paras[p].text, text))
				return true;
	return false;
}

/* Every blank is a term of its sentence, and the sentence is the article's. */
static void check_cloze(const struct qd_article *a, const struct qd_gen_card *c)
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
	assert_true(blanks > 0);
	if (!article_has(a, plain.data))
		fail_msg("card '%s': '%s' is not a sentence of the article", c->id, plain.data);
	qd_buf_release(&plain);
}

static void check_properties(const char *path)
{
	struct qd_err err;
	struct qd_article *a = qd_article_load(path, &err);
	struct qd_gen_deck d;

	if (!a)
		fail_msg("%s: %s", path, err.msg);
	assert_int_equal(qd_gen_deck(a, NULL, &d, &err), 0);
	assert_int_equal(qd_gen_deck_validate(&d, &err), 0);
	for (size_t i = 0; i < a->n_sections; i++) {
		char *tag = qd_gen_slug(a->sections[i].heading, 0, false);
		size_t cards = 0;
		for (size_t c = 0; c < d.n_cards; c++)
			cards += qd_strv_has(&d.cards[c].tags, tag);
		if (cards == 0)
			fail_msg("%s: section '%s' has no card", path, a->sections[i].heading);
		free(tag);
	}
	for (size_t i = 0; i < a->n_questions; i++) {
		size_t cards = 0;
		for (size_t c = 0; c < d.n_cards; c++)
			cards += d.cards[c].q && strcmp(d.cards[c].q, a->questions[i].question) == 0;
		if (cards == 0)
			fail_msg("%s: question '%s' has no card", path, a->questions[i].question);
	}
	for (size_t c = 0; c < d.n_cards; c++) {
		const struct qd_gen_card *card = &d.cards[c];
		assert_true(qd_gen_is_slug(card->id));
		if (card->type == QD_CARD_CLOZE)
			check_cloze(a, card);
		if (card->type == QD_CARD_CHOICE) {
			assert_true(card->choices.len >= 3);
			for (size_t x = 0; x < card->choices.len; x++)
				for (size_t y = x + 1; y < card->choices.len; y++)
					assert_string_not_equal(card->choices.items[x], card->choices.items[y]);
			assert_true(qd_strv_has(&card->choices, card->a));
		}
	}
	qd_gen_deck_release(&d);
	qd_article_free(a);
}

static void test_article_properties(void **state)
{
	DIR *dir = opendir(QD_TEST_DATA "/articles");
	struct dirent *e;
	int n = 0;

	(void)state;
	assert_non_null(dir);
	while ((e = readdir(dir))) {
		size_t len = strlen(e->d_name);
		char path[1024];
		if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/articles/%s", QD_TEST_DATA, e->d_name);
		check_properties(path);
		n++;
	}
	closedir(dir);
	assert_true(n >= 3);
}

static const char base[] =
	"What is Zig used for\n\nQuick Answer: Zig is used for systems code, build tooling, and "
	"cross-compilation.\n\nKey Facts\n\nBuild Tooling\n\nThe Zig compiler can build C and C++ "
	"projects. Uber used Zig to cross-compile for Linux, macOS, and Windows targets.\n\n"
	"Safety Features\n\nZig checks integer overflow in Debug and ReleaseSafe builds. Andrew Kelley "
	"started Zig in 2016.\n\nRelated Questions\n\nIs Zig stable?\n\nNo, version 1.0 has not been "
	"released.\n";

static struct qd_gen_deck gen_from(const char *text)
{
	struct qd_err err;
	struct qd_article *a = qd_article_parse("zig.txt", text, strlen(text), &err);
	struct qd_gen_deck d;

	assert_non_null(a);
	assert_int_equal(qd_gen_deck(a, NULL, &d, &err), 0);
	qd_article_free(a);
	return d;
}

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
	assert_true(qd_gen_deck_find(&a, "safety-features-main") >= 0);
	assert_true(qd_gen_deck_find(&a, "zig-stable-tf") >= 0);
	assert_false(a.cards[qd_gen_deck_find(&a, "zig-stable-tf")].truth);
	assert_string_equal(a.id, "what-is-zig-used-for");
	qd_gen_deck_release(&a);
	qd_gen_deck_release(&b);
	free(edited);
}

static void test_slug(void **state)
{
	char *s;

	(void)state;
	s = qd_gen_slug("Why should I learn Rust instead of C or C++?", 4, true);
	assert_string_equal(s, "learn-rust-instead-c");
	free(s);
	s = qd_gen_slug("C++ and C#", 0, false);
	assert_string_equal(s, "cplusplus-and-csharp");
	free(s);
	s = qd_gen_slug("Rust's café", 0, false);
	assert_string_equal(s, "rusts-caf");
	free(s);
	s = qd_gen_slug("???", 0, false);
	assert_string_equal(s, "");
	free(s);
	assert_true(qd_gen_is_slug("a-b-1"));
	assert_false(qd_gen_is_slug("a--b"));
	assert_false(qd_gen_is_slug("-a"));
	assert_false(qd_gen_is_slug("A"));
	assert_false(qd_gen_is_slug(""));
}

static void test_overlay(void **state)
{
	static const char ov[] =
		"deck: {id: zig, title: Zig, reverse: true}\n"
		"drop: [build-tooling-main]\n"
		"edit:\n  zig-stable: {q: Is Zig 1.0 out?, explain: It is not.}\n"
		"add:\n  - {id: zig-multi, after: zig-stable, type: multi, q: Which?, "
		"choices: [a, b, c], a: [a, b]}\n";
	struct qd_gen_deck d = gen_from(base);
	struct qd_err err;
	long i;

	(void)state;
	assert_int_equal(qd_overlay_apply(&d, "ov.yaml", ov, strlen(ov), &err), 0);
	assert_string_equal(d.id, "zig");
	assert_true(d.reverse);
	assert_true(qd_gen_deck_find(&d, "build-tooling-main") < 0);
	i = qd_gen_deck_find(&d, "zig-stable");
	assert_string_equal(d.cards[i].q, "Is Zig 1.0 out?");
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
	qd_gen_deck_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_article_properties),
		cmocka_unit_test(test_stable_ids),
		cmocka_unit_test(test_slug),
		cmocka_unit_test(test_overlay),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

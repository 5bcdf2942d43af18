/* Unit tests for the deck model: accessors, every card type, cloze blanks
 * (alternatives and byte offsets), lookup by id, and the bundled deck. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "quizdeck/bundled.h"
#include "quizdeck/deck.h"
#include "quizdeck/lint.h"
#include "quizdeck/deckset.h"

static const char good[] =
	"deck: t\n"
	"title: Test deck\n"
	"description: |\n  Two lines\n  here.\n"
	"tags: [x, y]\n"
	"reverse: true\n"
	"accents: ignore\n"
	"cards:\n"
	"  - {id: b, type: basic, q: Q1, a: A1, explain: E, hint: H, tags: [t1]}\n"
	"  - {id: t, type: typed, q: Q2, a: ' Mozilla ', accept: [moz, mozilla foundation]}\n"
	"  - {id: c, type: choice, q: Q3, choices: [one, two, three], a: two}\n"
	"  - {id: m, type: multi, q: Q4, choices: [one, two, three], a: [one, three]}\n"
	"  - {id: f, type: truefalse, q: Q5, a: 'False'}\n"
	"  - id: z\n"
	"    type: cloze\n"
	"    text: \"A {{first}} and {{ second | 2nd|two }}.\"\n";

static struct qd_deck *load(const char *s, struct qd_diags *d)
{
	struct qd_deck *deck = NULL;
	struct qd_err err;

	qd_diags_init(d, "t.yaml");
	if (qd_deck_load_mem("t.yaml", s, strlen(s), &deck, d, &err))
		assert_int_equal(err.status, QD_EXIT_DATAERR);
	qd_diags_sort(d);
	return deck;
}

static void test_model(void **state)
{
	struct qd_diags d;
	struct qd_deck *deck = load(good, &d);
	const struct qd_card *c;
	size_t n;

	(void)state;
	assert_non_null(deck);
	assert_int_equal(d.len, 0);
	assert_string_equal(qd_deck_id(deck), "t");
	assert_string_equal(qd_deck_title(deck), "Test deck");
	assert_string_equal(qd_deck_description(deck), "Two lines\nhere.");
	assert_null(qd_deck_source(deck));
	assert_string_equal(qd_deck_path(deck), "t.yaml");
	assert_true(qd_deck_allows_reverse(deck));
	assert_true(qd_deck_ignores_accents(deck));
	assert_string_equal(qd_deck_tags(deck, &n)[1], "y");
	assert_int_equal(n, 2);
	assert_int_equal(qd_deck_card_count(deck), 6);
	assert_null(qd_deck_card(deck, 6));

	c = qd_deck_card(deck, 0);
	assert_int_equal(c->type, QD_CARD_BASIC);
	assert_string_equal(c->q, "Q1");
	assert_string_equal(c->a, "A1");
	assert_string_equal(c->explain, "E");
	assert_string_equal(c->hint, "H");
	assert_int_equal(c->n_tags, 1);
	assert_int_equal(c->line, 10);
	assert_int_equal(c->col, 5);

	c = qd_deck_card(deck, 1);
	assert_int_equal(c->type, QD_CARD_TYPED);
	assert_string_equal(c->a, "Mozilla"); /* answers are trimmed */
	assert_int_equal(c->n_accept, 2);
	assert_string_equal(c->accept[1], "mozilla foundation");
	assert_null(c->explain);

	c = qd_deck_card(deck, 2);
	assert_int_equal(c->n_choices, 3);
	assert_string_equal(c->a, "two");

	c = qd_deck_card(deck, 3);
	assert_null(c->a);
	assert_int_equal(c->n_answers, 2);
	assert_string_equal(c->answers[1], "three");

	c = qd_deck_card(deck, 4);
	assert_int_equal(c->type, QD_CARD_TRUEFALSE);
	assert_false(c->truth);

	c = qd_deck_card(deck, 5);
	assert_int_equal(c->type, QD_CARD_CLOZE);
	assert_null(c->q);
	assert_string_equal(c->text, "A {{first}} and {{ second | 2nd|two }}.");
	assert_int_equal(c->n_blanks, 2);
	assert_int_equal(c->blanks[0].start, 2);
	assert_int_equal(c->blanks[0].len, 9);
	assert_int_equal(c->blanks[0].n_answers, 1);
	assert_string_equal(c->blanks[0].answers[0], "first");
	assert_int_equal(c->blanks[1].start, 16);
	assert_int_equal(c->blanks[1].len, 22);
	assert_int_equal(c->blanks[1].n_answers, 3);
	assert_string_equal(c->blanks[1].answers[0], "second");
	assert_string_equal(c->blanks[1].answers[1], "2nd");
	assert_string_equal(c->blanks[1].answers[2], "two");
	assert_memory_equal(c->text + c->blanks[1].start + c->blanks[1].len, ".", 1);

	assert_string_equal(qd_deck_find(deck, "m")->q, "Q4");
	assert_string_equal(qd_deck_find(deck, "b")->q, "Q1");
	assert_string_equal(qd_deck_find(deck, "z")->text, c->text);
	assert_null(qd_deck_find(deck, "nope"));
	assert_null(qd_deck_find(deck, ""));
	qd_deck_free(deck);
	qd_diags_release(&d);
}

static void test_type_names(void **state)
{
	enum qd_card_type t;

	(void)state;
	assert_string_equal(qd_card_type_name(QD_CARD_TRUEFALSE), "truefalse");
	assert_int_equal(qd_card_type_parse("cloze", &t), 0);
	assert_int_equal(t, QD_CARD_CLOZE);
	assert_int_equal(qd_card_type_parse("Cloze", &t), -1);
	assert_true(qd_slug_valid("a-1", 3));
	assert_true(qd_slug_valid("9lives", 6));
	assert_false(qd_slug_valid("-a", 2));
	assert_false(qd_slug_valid("A", 1));
	assert_false(qd_slug_valid("a_b", 3));
	assert_false(qd_slug_valid("", 0));
}

static void test_every_problem_reported(void **state)
{
	struct qd_diags d;
	struct qd_deck *deck = load("deck: Bad\n"
	                            "cards:\n"
	                            "  - {id: x, type: choice, q: Q, choices: [a], a: b}\n"
	                            "  - {id: x, type: basic, q: '', a: A, anwser: A}\n",
	                            &d);

	(void)state;
	assert_null(deck);
	assert_int_equal(d.warnings, 1);
	assert_int_equal(d.errors, 6);
	assert_string_equal(d.items[0].msg, "missing 'title' (the deck's title)");
	assert_int_equal(d.items[1].line, 1);
	assert_string_equal(d.items[2].msg, "card 'x': 'choices' must list at least two answers");
	assert_string_equal(d.items[3].msg, "card 'x': the answer 'b' is not among the choices");
	assert_string_equal(d.items[4].msg, "card 'x': duplicate card id (first used on line 3)");
	qd_diags_release(&d);
}

static void test_limits(void **state)
{
	struct qd_diags d;
	struct qd_deck *deck;
	char *big = malloc(QD_DECK_MAX_TEXT + 200);
	int n;

	(void)state;
	n = snprintf(big, 200, "deck: d\ntitle: t\ncards:\n  - {id: a, type: basic, a: x, q: ");
	memset(big + n, 'q', QD_DECK_MAX_TEXT + 1);
	strcpy(big + n + QD_DECK_MAX_TEXT + 1, "}\n");
	deck = load(big, &d);
	assert_null(deck);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].msg,
	                    "card 'a': 'q' is too long (16385 bytes; the limit is 16384)");
	qd_diags_release(&d);
	free(big);
}

static void no_smell(void *data, const struct qd_card *c, enum qd_lint_id id, int line,
                     int col, const char *msg)
{
	(void)data;
	(void)id;
	(void)line;
	(void)col;
	fail_msg("card '%s': %s", c->id, msg);
}

static void test_bundled(void **state)
{
	struct qd_diags d;
	struct qd_deck *deck = NULL;
	struct qd_err err;
	struct qd_deck_src src;
	struct qd_ctx ctx = {0};

	(void)state;
	assert_string_equal(qd_bundled_deck_name, "rust-uses.yaml");
	assert_int_equal(qd_deck_src_resolve(&ctx, "rust-uses", &src, &err), 0);
	assert_true(src.bundled);
	assert_string_equal(src.path, "<bundled>/rust-uses.yaml");
	qd_diags_init(&d, src.path);
	assert_int_equal(qd_deck_src_load(&src, &deck, &d, &err), 0);
	assert_int_equal(d.len, 0);
	assert_string_equal(qd_deck_id(deck), "rust-uses");
	assert_true(qd_deck_card_count(deck) >= 30);
	assert_non_null(qd_deck_find(deck, "webassembly-browser-abbr-wasm"));
	/* and it teaches well: check --strict finds no smell in it */
	assert_int_equal(qd_lint_deck(deck, NULL, no_smell, NULL), 0);
	qd_deck_free(deck);
	qd_diags_release(&d);
	qd_deck_src_release(&src);
	assert_int_equal(qd_deck_src_resolve(&ctx, "no-such-deck", &src, &err), -1);
	assert_int_equal(err.status, QD_EXIT_NOINPUT);
}

static void test_deckset(void **state)
{
	struct qd_deckset *set = qd_deckset_new();
	struct qd_diags d;
	struct qd_deck *a = load(good, &d), *b;
	struct qd_err err;

	(void)state;
	qd_diags_release(&d);
	b = load(good, &d);
	qd_diags_release(&d);
	assert_int_equal(qd_deckset_add(set, a, &err), 0);
	assert_int_equal(qd_deckset_add(set, b, &err), -1); /* same id; b is freed */
	assert_string_equal(err.msg, "deck id 't' is already used by t.yaml");
	assert_int_equal(qd_deckset_count(set), 1);
	assert_ptr_equal(qd_deckset_find(set, "t"), a);
	assert_ptr_equal(qd_deckset_deck(set, 0), a);
	assert_null(qd_deckset_find(set, "u"));
	qd_deckset_free(set);
}

static void test_load_file(void **state)
{
	struct qd_diags d;
	struct qd_deck *deck;
	struct qd_err err;

	(void)state;
	qd_diags_init(&d, "x");
	assert_int_equal(qd_deck_load_file(QD_TEST_DATA "/decks/good/readme-example.yaml", &deck,
	                                   &d, &err), 0);
	assert_string_equal(qd_deck_id(deck), "rust-basics");
	qd_deck_free(deck);
	assert_int_equal(qd_deck_load_file(QD_TEST_DATA "/decks/missing.yaml", &deck, &d, &err),
	                 -1);
	assert_int_equal(err.status, QD_EXIT_NOINPUT);
	assert_int_equal(d.len, 0);
	assert_int_equal(qd_deck_load_file(QD_TEST_DATA "/decks/bad/alias.yaml", &deck, &d, &err),
	                 -1);
	assert_int_equal(err.status, QD_EXIT_DATAERR);
	assert_int_equal(d.errors, 2);
	qd_diags_release(&d);
}

static void test_deckset_load(void **state)
{
	struct qd_ctx ctx = {0};
	struct qd_deckset *set;
	struct qd_err err;
	char *out = NULL;
	size_t len = 0;
	char *args[] = {QD_TEST_DATA "/decks/good/readme-example.yaml", "rust-uses",
	                QD_TEST_DATA "/decks/bad/one-choice.yaml", "no-such-deck"};

	(void)state;
	ctx.prog = "quizdeck";
	ctx.err = open_memstream(&out, &len);
	ctx.user_decks_dir = QD_TEST_DATA "/decks/good";
	/* The default set: the bundled deck plus the good decks, ids all distinct. */
	assert_int_equal(qd_deckset_load(&ctx, 0, NULL, 0, &set, &err), 0);
	assert_int_equal(qd_deckset_count(set), 6);
	assert_string_equal(qd_deck_id(qd_deckset_deck(set, 0)), "rust-uses");
	assert_non_null(qd_deckset_find(set, "rust-basics"));
	qd_deckset_free(set);
	assert_int_equal(qd_deckset_load(&ctx, 2, args, 0, &set, &err), 0);
	assert_int_equal(qd_deckset_count(set), 2);
	qd_deckset_free(set);
	/* An invalid deck: 65; an unknown id as well: 66 wins. */
	assert_int_equal(qd_deckset_load(&ctx, 3, args, 0, &set, &err), -1);
	assert_int_equal(err.status, QD_EXIT_DATAERR);
	assert_int_equal(qd_deckset_load(&ctx, 4, args, 0, &set, &err), -1);
	assert_int_equal(err.status, QD_EXIT_NOINPUT);
	assert_null(set);
	fclose(ctx.err);
	assert_non_null(strstr(out, "one-choice.yaml:7:14: error: card 'lonely': 'choices' must "
	                            "list at least two answers\n"));
	assert_non_null(strstr(out, "quizdeck: error: no deck 'no-such-deck'"));
	free(out);
}

/* qd_deck_peek_id() against qd_deck_load_file() on files written in every
 * way a peek could misread: whenever the file loads, the peeked id (if any)
 * is its id; and the peek tells what it can. */
static void test_peek_id(void **state)
{
	static const char cards[] = "cards:\n  - {id: c, type: basic, q: Q?, a: A}\n";
	static const struct {
		const char *head; /* before cards (NULL: the whole file is text) */
		const char *text;
		const char *peek; /* the id peeked, or NULL: cannot tell */
		bool loads;
	} cases[] = {
		{"deck: plain\ntitle: T\n", NULL, "plain", true},
		{"deck: \"dq\"\ntitle: T\n", NULL, "dq", true},
		{"deck: 'sq'\ntitle: T\n", NULL, "sq", true},
		{"deck: \"e\\x73c\\u0061pe\"\ntitle: T\n", NULL, "escape", true},
		{"deck: \"trail \\t \"\ntitle: T\n", NULL, "trail", true},
		{"deck: |\n  block\ntitle: T\n", NULL, "block", true},
		{"deck: >-\n  folded\ntitle: T\n", NULL, "folded", true},
		{"deck: !!str tagged\ntitle: T\n", NULL, "tagged", true},
		{"\"deck\": qkey\ntitle: T\n", NULL, "qkey", true},
		{"\xEF\xBB\xBF" "deck: bom\ntitle: T\n", NULL, "bom", true},
		{"---\ndeck: doc\ntitle: T\n", NULL, "doc", true},
		{"# a comment\n\ndeck: comment\ntitle: T\n", NULL, "comment", true},
		{NULL, "{title: T, deck: flow, cards: [{id: c, type: basic, q: Q?, a: A}]}\n", "flow",
		 true},
		{NULL, "title: T\ncards:\n  - {deck: inner, id: c, type: basic, q: Q?, a: A}\n"
		       "deck: late\n", "late", true},
		{NULL, "title: T\ncards:\n  - id: c\n    type: basic\n    q: Q?\n    a: A\n"
		       "tags: [deck]\ndeck: after\n", "after", true},
		/* files that do not load: any peek will do, or none */
		{"deck: one\ntitle: T\ndeck: two\n", NULL, "one", false},
		{"title: [T\ndeck: syntax\n", NULL, NULL, false},
		{"deck: early\ntitle: [T\n", NULL, "early", false},
		{"deck: [list]\ntitle: T\n", NULL, NULL, false},
		{"deck: &a anchored\ntitle: *a\n", NULL, "anchored", false},
		{"x: &a y\ndeck: *a\ntitle: T\n", NULL, NULL, false},
		{"deck: Not-A-Slug\ntitle: T\n", NULL, "Not-A-Slug", false},
		{"deck: \"nul\\0\"\ntitle: T\n", NULL, "nul", false},
		{"deck: ~\ntitle: T\n", NULL, "~", false},
		{"title: T\n", NULL, NULL, false},
		{NULL, "- deck: seq\n", NULL, false},
		{NULL, "deck\n", NULL, false},
		{NULL, "", NULL, false},
		{"deck: first\ntitle: T\n", "deck: first\ntitle: T\ncards: []\n---\ndeck: second\n",
		 "first", false},
	};
	char path[] = "/tmp/qd-peek-XXXXXX";

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct qd_deck *deck = NULL;
		struct qd_diags d;
		struct qd_err err;
		char *id;
		int fd = mkstemp(path), peeked;
		FILE *fp;

		assert_true(fd >= 0);
		fp = fdopen(fd, "w");
		assert_non_null(fp);
		if (cases[i].text)
			fputs(cases[i].text, fp);
		else
			fprintf(fp, "%s%s", cases[i].head, cards);
		assert_int_equal(fclose(fp), 0);
		qd_diags_init(&d, path);
		peeked = qd_deck_peek_id(path, &id);
		{
			/* From memory, the same. */
			const char *text = cases[i].text ? cases[i].text : NULL;
			char buf[256], *mid;
			int mpeeked;
			if (!text) {
				snprintf(buf, sizeof(buf), "%s%s", cases[i].head, cards);
				text = buf;
			}
			mpeeked = qd_deck_peek_id_mem(text, strlen(text), &mid);
			assert_int_equal(mpeeked, peeked);
			if (peeked)
				assert_memory_equal(mid, id, strlen(id) + 1);
			free(mid);
		}
		if (qd_deck_load_file(path, &deck, &d, &err) == 0) {
			if (!cases[i].loads)
				fail_msg("case %zu loads", i);
			if (peeked)
				assert_string_equal(id, qd_deck_id(deck));
			qd_deck_free(deck);
		} else if (cases[i].loads) {
			qd_diags_print(stderr, &d);
			fail_msg("case %zu does not load", i);
		}
		if (cases[i].peek) {
			if (!peeked)
				fail_msg("case %zu: no peek", i);
			assert_string_equal(id, cases[i].peek);
		} else if (peeked) {
			fail_msg("case %zu: peeked '%s'", i, id);
		} else {
			assert_null(id);
		}
		free(id);
		qd_diags_release(&d);
		unlink(path);
		memcpy(path + strlen(path) - 6, "XXXXXX", 6);
	}
	/* No file: nothing to tell. */
	{
		char *id;
		assert_int_equal(qd_deck_peek_id("/nonexistent/deck.yaml", &id), 0);
		assert_null(id);
	}
}

/* Which answers can be asked as questions: a term or a name, not a sentence. */
static void test_answer_is_term(void **state)
{
	static const char *const terms[] = {
		"Paris", "Graydon Hoare", "Exactly one.", "Rust 1.0", "the borrow checker",
		"Box<T>", "one two three four five six", "Tōkyō", "e.g", "Why?",
	};
	static const char *const not_terms[] = {
		"It was created at Mozilla.", "one two three four five six seven",
		"Paris\nFrance", "Yes. It is.", "a; b", "Is it safe?", "Stop it right now!", "",
		"   ",
	};

	(void)state;
	for (size_t i = 0; i < sizeof(terms) / sizeof(*terms); i++)
		if (!qd_answer_is_term(terms[i]))
			fail_msg("'%s' should be a term", terms[i]);
	for (size_t i = 0; i < sizeof(not_terms) / sizeof(*not_terms); i++)
		if (qd_answer_is_term(not_terms[i]))
			fail_msg("'%s' should not be a term", not_terms[i]);
}

/* A card has a reversed twin when it is basic, its answer a term, and its
 * own `reverse` (else its deck's) is true; `reverse` on a card whose answer
 * is a sentence, or on another type, is a warning. */
static void test_card_reverse(void **state)
{
	static const char deck[] =
		"deck: r\ntitle: R\nreverse: true\ncards:\n"
		"  - {id: deck-says, type: basic, q: Q?, a: Paris}\n"
		"  - {id: card-says-no, type: basic, q: Q?, a: Paris, reverse: false}\n"
		"  - {id: sentence, type: basic, q: Q?, a: It was created at Mozilla.}\n"
		"  - {id: typed, type: typed, q: Q?, a: Paris}\n";
	static const char plain[] =
		"deck: p\ntitle: P\ncards:\n"
		"  - {id: card-says, type: basic, q: Q?, a: Paris, reverse: true}\n"
		"  - {id: not-said, type: basic, q: Q?, a: Paris}\n"
		"  - {id: sentence, type: basic, q: Q?, a: It was created at Mozilla., reverse: true}\n"
		"  - {id: typed, type: typed, q: Q?, a: Paris, reverse: true}\n";
	struct qd_diags d;
	struct qd_deck *r, *p;

	(void)state;
	r = load(deck, &d);
	assert_non_null(r);
	assert_int_equal(d.warnings, 0);
	qd_diags_release(&d);
	assert_true(qd_card_has_reverse(r, qd_deck_find(r, "deck-says")));
	assert_false(qd_card_has_reverse(r, qd_deck_find(r, "card-says-no")));
	assert_false(qd_card_has_reverse(r, qd_deck_find(r, "sentence")));
	assert_false(qd_card_has_reverse(r, qd_deck_find(r, "typed")));
	qd_deck_free(r);

	p = load(plain, &d);
	assert_non_null(p);
	assert_int_equal(d.warnings, 2);
	assert_int_equal(d.items[0].line, 6);
	assert_string_equal(d.items[0].msg, "card 'sentence': 'reverse' is ignored: the answer is "
	                                    "not a term or a name (at most 6 words, not a sentence)");
	assert_int_equal(d.items[1].line, 7);
	assert_string_equal(d.items[1].msg,
	                    "card 'typed': 'reverse' is not used by 'typed' cards (only by "
	                    "'basic' cards)");
	qd_diags_release(&d);
	assert_true(qd_card_has_reverse(p, qd_deck_find(p, "card-says")));
	assert_false(qd_card_has_reverse(p, qd_deck_find(p, "not-said")));
	assert_false(qd_card_has_reverse(p, qd_deck_find(p, "sentence")));
	assert_false(qd_card_has_reverse(p, qd_deck_find(p, "typed")));
	qd_deck_free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_model),
		cmocka_unit_test(test_type_names),
		cmocka_unit_test(test_every_problem_reported),
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_bundled),
		cmocka_unit_test(test_deckset),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_deckset_load),
		cmocka_unit_test(test_peek_id),
		cmocka_unit_test(test_answer_is_term),
		cmocka_unit_test(test_card_reverse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

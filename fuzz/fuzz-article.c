/*
 * Fuzz target: quizdeck gen without an overlay. The input is an article
 * (qd_article_parse). When it parses, the deck is generated (qd_gen_deck),
 * validated and emitted as YAML, and the promises of article.h, gen.h and
 * yamlemit.h are checked end to end: the article's strings are valid UTF-8
 * without controls, the generated deck validates, it emits, the YAML loads
 * with the real deck loader (qd_deck_load_mem) with no error and no
 * warning, and reads back as generated (same ids, types, questions and
 * answers); generating again gives the same bytes (the generator is meant
 * to be deterministic, so that a committed deck can be reproduced).
 */
#include <string.h>

#include <unistr.h>

#include "fuzz.h"
#include "quizdeck/article.h"
#include "quizdeck/gen.h"

static void check_text(const char *s, const char *what)
{
	if (!s)
		return;
	fuzz_check(u8_check((const uint8_t *)s, strlen(s)) == NULL, what);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		fuzz_check(*p >= 0x20 && *p != 0x7f, what);
}

static void check_article(const struct qd_article *a)
{
	check_text(a->title, "article title");
	check_text(a->updated, "article date");
	check_text(a->quick, "quick answer");
	fuzz_check(a->title && *a->title, "an article has a title");
	for (size_t i = 0; i < a->n_sections; i++) {
		check_text(a->sections[i].heading, "section heading");
		fuzz_check(a->sections[i].n_paras >= 1, "a section has text");
		for (size_t j = 0; j < a->sections[i].n_paras; j++)
			check_text(a->sections[i].paras[j].text, "section paragraph");
	}
	for (size_t i = 0; i < a->n_questions; i++) {
		const struct qd_article_question *q = &a->questions[i];
		size_t n = strlen(q->question);
		check_text(q->question, "question");
		fuzz_check(n > 0 && q->question[n - 1] == '?', "a question ends with '?'");
		fuzz_check(q->n_paras >= 1, "a question has an answer");
		for (size_t j = 0; j < q->n_paras; j++)
			check_text(q->paras[j].text, "answer paragraph");
	}
	for (size_t i = 0; i < a->n_sources; i++) {
		check_text(a->sources[i].title, "source title");
		check_text(a->sources[i].licence, "source licence");
	}
}

static int same(const char *x, const char *y)
{
	return (!x && !y) || (x && y && strcmp(x, y) == 0);
}

/* The emitted YAML loads cleanly and says what the generated deck says. */
static void check_loads(const struct qd_gen_deck *d, const struct qd_buf *yaml)
{
	struct qd_deck *deck = NULL;
	struct qd_diags dg;
	struct qd_err err;

	qd_diags_init(&dg, "gen.yaml");
	if (qd_deck_load_mem("gen.yaml", yaml->data, yaml->len, &deck, &dg, &err) != 0 ||
	    dg.len != 0) {
		qd_diags_sort(&dg);
		qd_diags_print(stderr, &dg);
		fprintf(stderr, "--- emitted YAML:\n%s---\n", yaml->data);
		fuzz_check(0, "the emitted deck loads with no error and no warning");
	}
	fuzz_check(same(qd_deck_id(deck), d->id), "deck id reads back");
	fuzz_check(same(qd_deck_title(deck), d->title), "deck title reads back");
	fuzz_check(same(qd_deck_description(deck), d->description), "description reads back");
	fuzz_check(same(qd_deck_source(deck), d->source), "source reads back");
	fuzz_check(qd_deck_card_count(deck) == d->n_cards, "every card reads back");
	for (size_t i = 0; i < d->n_cards; i++) {
		const struct qd_card *c = qd_deck_card(deck, i);
		const struct qd_gen_card *g = &d->cards[i];
		fuzz_check(same(c->id, g->id) && c->type == g->type, "card id and type read back");
		fuzz_check(same(c->q, g->q), "question reads back");
		if (g->type != QD_CARD_MULTI && g->type != QD_CARD_TRUEFALSE)
			fuzz_check(same(c->a, g->a), "answer reads back");
		fuzz_check(same(c->text, g->text), "cloze text reads back");
		fuzz_check(same(c->explain, g->explain) && same(c->hint, g->hint),
		           "explain and hint read back");
		fuzz_check(c->n_choices == g->choices.len, "choices read back");
		for (size_t k = 0; k < c->n_choices; k++)
			fuzz_check(same(c->choices[k], g->choices.items[k]), "choices read back");
	}
	qd_deck_free(deck);
	qd_diags_release(&dg);
}

/* Generates, validates and emits a; returns the YAML in out (0), or -1
 * when the article gives no card (said with a reason and status 65). */
static int generate(const struct qd_article *a, struct qd_gen_deck *d, struct qd_buf *out)
{
	struct qd_err err;

	if (qd_gen_deck(a, NULL, d, &err) != 0) {
		fuzz_check(err.status == QD_EXIT_DATAERR && err.msg[0],
		           "an article that parses generates, or says why it gives no card");
		return -1;
	}
	if (qd_gen_deck_validate(d, &err) != 0) {
		fprintf(stderr, "validate: %s\n", err.msg);
		fuzz_check(0, "a generated deck validates");
	}
	if (qd_gen_deck_emit(d, out, &err) != 0) {
		fprintf(stderr, "emit: %s\n", err.msg);
		fuzz_check(0, "a generated deck emits");
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qd_article *a;
	struct qd_gen_deck d1, d2;
	struct qd_buf y1, y2;
	struct qd_err err;

	a = qd_article_parse("fuzz.txt", (const char *)data, size, &err);
	if (!a) {
		fuzz_check(err.msg[0] != '\0', "a failed parse says why");
		fuzz_check(err.status != 0, "a failed parse has a status");
		return 0;
	}
	check_article(a);
	qd_buf_init(&y1);
	qd_buf_init(&y2);
	if (generate(a, &d1, &y1) != 0) {
		fuzz_check(generate(a, &d2, &y2) != 0, "generation is deterministic");
		qd_buf_release(&y1);
		qd_buf_release(&y2);
		qd_article_free(a);
		return 0;
	}
	check_loads(&d1, &y1);
	generate(a, &d2, &y2);
	fuzz_check(y1.len == y2.len && memcmp(y1.data, y2.data, y1.len) == 0,
	           "generation is deterministic");
	qd_gen_deck_release(&d1);
	qd_gen_deck_release(&d2);
	qd_buf_release(&y1);
	qd_buf_release(&y2);
	qd_article_free(a);
	return 0;
}

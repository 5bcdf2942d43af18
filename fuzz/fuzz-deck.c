/*
 * Fuzz target: the YAML tree (quizdeck/yamldoc.h) and the deck loader
 * (qd_deck_load_mem). The input is a deck file. A deck that loads is then
 * walked the way check, study and quiz use it (every string, every cloze
 * blank rendered, ids looked up), and the model's promises are checked:
 * strings are valid UTF-8 without controls but newline and tab, blanks lie
 * inside their text, each card id finds its card, and an answer typed as
 * written is right. The deck is then looked over for card smells as check
 * does (quizdeck/lint.h): every smell reported within the file. And the
 * id a peek reads (qd_deck_peek_id_mem(), how a deck is found by its id)
 * is the id of every deck that loads.
 */
#include <string.h>

#include <unistr.h>

#include "fuzz.h"
#include "quizdeck/deck.h"
#include "quizdeck/lint.h"
#include "quizdeck/match.h"
#include "quizdeck/text.h"

static void check_text(const char *s, const char *what)
{
	if (!s)
		return;
	fuzz_check(u8_check((const uint8_t *)s, strlen(s)) == NULL, what);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		fuzz_check(*p >= 0x20 ? *p != 0x7f : (*p == '\n' || *p == '\t'), what);
}

static void check_list(const char *const *v, size_t n, const char *what)
{
	for (size_t i = 0; i < n; i++)
		check_text(v[i], what);
}

static void walk_card(const struct qd_deck *deck, const struct qd_card *c, struct qd_buf *b)
{
	check_text(c->id, "card id");
	check_text(c->q, "question");
	check_text(c->a, "answer");
	check_text(c->text, "cloze text");
	check_text(c->explain, "explain");
	check_text(c->hint, "hint");
	check_list(c->accept, c->n_accept, "accept");
	check_list(c->choices, c->n_choices, "choices");
	check_list(c->answers, c->n_answers, "answers");
	check_list(c->tags, c->n_tags, "tags");
	fuzz_check(qd_deck_find(deck, c->id) != NULL, "card id lookup");
	fuzz_check(qd_card_type_name(c->type) != NULL, "type name");
	qd_buf_reset(b);
	if (c->q)
		qd_text_wrap(b, c->q, 40, 4);
	if (c->type == QD_CARD_CLOZE) {
		size_t tlen = strlen(c->text);
		for (size_t i = 0; i < c->n_blanks; i++) {
			const struct qd_cloze_blank *k = &c->blanks[i];
			fuzz_check(k->start <= tlen && k->len <= tlen - k->start, "blank span");
			fuzz_check(k->n_answers >= 1, "blank answers");
			check_list(k->answers, k->n_answers, "blank answers");
			qd_match_cloze_prompt(b, c->text, c->blanks, c->n_blanks, i, i & 1);
		}
		qd_match_cloze_reveal(b, c->text, c->blanks, c->n_blanks, NULL, true);
	}
	if (c->a) {
		struct qd_match_result res;
		const char *answers[1] = {c->a};
		qd_match_typed(c->a, answers, 1, NULL, &res);
		qd_buf_reset(b);
		qd_match_normalize(b, c->a, false);
		fuzz_check(res.correct || b->len == 0, "an answer matches itself");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qd_deck *deck = NULL;
	struct qd_diags dg;
	struct qd_err err;
	struct qd_buf b;
	char *peeked;
	int have_peek = qd_deck_peek_id_mem((const char *)data, size, &peeked);

	fuzz_check(have_peek ? peeked != NULL : peeked == NULL, "a peek says what it read");
	qd_diags_init(&dg, "fuzz.yaml");
	if (qd_deck_load_mem("fuzz.yaml", (const char *)data, size, &deck, &dg, &err) == 0) {
		size_t n = qd_deck_card_count(deck), ntags;
		const char *const *tags = qd_deck_tags(deck, &ntags);

		fuzz_check(dg.errors == 0, "a loaded deck has no errors");
		check_text(qd_deck_id(deck), "deck id");
		fuzz_check(!have_peek || strcmp(peeked, qd_deck_id(deck)) == 0,
		           "a peeked id is the id of the deck loaded");
		check_text(qd_deck_title(deck), "title");
		check_text(qd_deck_description(deck), "description");
		check_text(qd_deck_source(deck), "source");
		check_list(tags, ntags, "deck tags");
		qd_buf_init(&b);
		for (size_t i = 0; i < n; i++)
			walk_card(deck, qd_deck_card(deck, i), &b);
		qd_buf_release(&b);
		/* Lines as YAML counts them (libyaml's marks): LF, a CR not
		 * before LF, NEL, LS and PS each end one. */
		size_t lines = 1;
		for (size_t i = 0; i < size; i++)
			lines += data[i] == '\n' ||
			         (data[i] == '\r' && (i + 1 == size || data[i + 1] != '\n')) ||
			         (data[i] == 0xC2 && i + 1 < size && data[i + 1] == 0x85) ||
			         (data[i] == 0xE2 && i + 2 < size && data[i + 1] == 0x80 &&
			          (data[i + 2] == 0xA8 || data[i + 2] == 0xA9));
		size_t before = dg.len;
		qd_lint_deck_diags(deck, NULL, &dg);
		for (size_t i = before; i < dg.len; i++) {
			fuzz_check(dg.items[i].sev == QD_SEV_WARNING, "a smell is a warning");
			fuzz_check(dg.items[i].line >= 1 && (size_t)dg.items[i].line <= lines,
			           "a smell points into the file");
		}
		qd_deck_free(deck);
	} else {
		fuzz_check(dg.errors > 0 || err.msg[0] != '\0', "a failed load says why");
	}
	free(peeked);
	qd_diags_sort(&dg);
	qd_diags_print(fuzz_sink(), &dg);
	qd_diags_release(&dg);
	return 0;
}

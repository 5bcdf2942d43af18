/*
 * Fuzz target: CSV, TSV and Quizlet text to a deck (qd_textdeck_read,
 * qd_import_assign_ids, qd_import_build), with the HTML reducer behind
 * `#html:true`. The input is read as CSV and as a Quizlet export. The
 * result says whether there were errors; cards read without error make a
 * deck that loads (each card was checked by the loader, ids are unique
 * slugs); and that deck exported (qd_textexport_deck) and imported again
 * is the same deck, byte for byte, unless a cloze blank holds "::" (which
 * Anki's syntax reads as a hint).
 */
#include <string.h>

#include "fuzz.h"
#include "quizdeck/importdeck.h"
#include "quizdeck/textdeck.h"
#include "quizdeck/textexport.h"

/* Reads data into a deck's YAML (empty when there are no cards); returns
 * -1 when the text has errors. */
static int import(const char *data, size_t size, const struct qd_textdeck_opts *o,
                  struct qd_buf *yaml, struct qd_deck **deck)
{
	struct qd_import im;
	struct qd_diags dg;
	struct qd_gen_deck gd;
	struct qd_import_stats st;
	struct qd_err err;
	int rc;

	qd_import_init(&im);
	qd_diags_init(&dg, "in.csv");
	rc = qd_textdeck_read(data, size, o, &im, &dg);
	fuzz_check((rc == 0) == (dg.errors == 0), "the result says whether there were errors");
	qd_diags_sort(&dg);
	qd_diags_print(fuzz_sink(), &dg);
	qd_diags_release(&dg);
	if (rc == 0 && im.n) {
		qd_import_assign_ids(&im);
		for (size_t i = 0; i < im.n; i++)
			fuzz_check(qd_slug_valid(im.cards[i].card.id, strlen(im.cards[i].card.id)),
			           "every id is a slug");
		memset(&gd, 0, sizeof(gd));
		fuzz_check(qd_import_build(&im, NULL, "fuzz", NULL, "fuzz", &gd, &st, &err) == 0,
		           "cards read without error make a deck that loads");
		fuzz_check(qd_gen_deck_load(&gd, yaml, deck, &err) == 0, "the deck loads");
		qd_gen_deck_release(&gd);
	}
	qd_import_release(&im);
	return rc;
}

static bool has_hint_marker(const struct qd_deck *d)
{
	for (size_t i = 0; i < qd_deck_card_count(d); i++) {
		const struct qd_card *c = qd_deck_card(d, i);
		for (size_t b = 0; b < c->n_blanks; b++)
			for (size_t a = 0; a < c->blanks[b].n_answers; a++)
				if (strstr(c->blanks[b].answers[a], "::") ||
				    strstr(c->blanks[b].answers[a], "{{c"))
					return true;
		if (c->text && strstr(c->text, "{{c"))
			return true;
	}
	return false;
}

static void run(const char *data, size_t size, const struct qd_textdeck_opts *o)
{
	struct qd_buf yaml, tsv, again;
	struct qd_deck *deck = NULL, *deck2 = NULL;
	struct qd_textdeck_opts csv = {QD_TEXT_CSV, 0, NULL, NULL};

	qd_buf_init(&yaml);
	qd_buf_init(&tsv);
	qd_buf_init(&again);
	if (import(data, size, o, &yaml, &deck) == 0 && deck && !has_hint_marker(deck)) {
		qd_textexport_deck(&tsv, deck);
		fuzz_check(import(tsv.data, tsv.len, &csv, &again, &deck2) == 0,
		           "an export imports without error");
		fuzz_check(again.len == yaml.len && memcmp(again.data, yaml.data, yaml.len) == 0,
		           "export then import gives the same deck");
	}
	qd_deck_free(deck);
	qd_deck_free(deck2);
	qd_buf_release(&yaml);
	qd_buf_release(&tsv);
	qd_buf_release(&again);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qd_textdeck_opts csv = {QD_TEXT_CSV, 0, NULL, NULL};
	struct qd_textdeck_opts quizlet = {QD_TEXT_QUIZLET, 0, NULL, NULL};

	run((const char *)data, size, &csv);
	run((const char *)data, size, &quizlet);
	return 0;
}

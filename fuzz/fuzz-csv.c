/*
 * Fuzz target: the revlog CSV parser of import-reviews
 * (qd_csv_reviews_parse). The input is a CSV file, parsed without and with
 * a --deck. Every review it accepts must be one the review log can record
 * (qd_revrec_encode_review succeeds), and a file without errors must not
 * lose rows silently: each review has a deck and a card.
 */
#include <string.h>

#include "fuzz.h"
#include "quizdeck/csv.h"

static void parse(const char *data, size_t size, const char *deck)
{
	struct qd_csv_reviews r;
	struct qd_diags dg;
	struct qd_buf b;
	struct qd_err err;
	int rc;

	qd_diags_init(&dg, "in.csv");
	qd_csv_reviews_init(&r);
	rc = qd_csv_reviews_parse(data, size, deck, &r, &dg);
	fuzz_check((rc == 0) == (dg.errors == 0), "the result says whether there were errors");
	qd_buf_init(&b);
	for (size_t i = 0; i < r.n; i++) {
		fuzz_check(qd_csv_id_valid(r.reviews[i].deck, false), "deck id");
		fuzz_check(qd_csv_id_valid(r.reviews[i].card, true), "card id");
		fuzz_check(!deck || strcmp(r.reviews[i].deck, deck) == 0, "--deck is respected");
		fuzz_check(qd_revrec_encode_review(&b, &r.reviews[i], &err) == 0,
		           "an accepted row can be logged");
	}
	qd_buf_release(&b);
	qd_diags_sort(&dg);
	qd_diags_print(fuzz_sink(), &dg);
	qd_diags_release(&dg);
	qd_csv_reviews_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	parse((const char *)data, size, NULL);
	parse((const char *)data, size, "rust-uses");
	return 0;
}

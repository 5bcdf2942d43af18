/*
 * The Anki import's review path, end to end, for tests/anki-reviews.sh:
 *
 *   anki-tool make anki2|anki21|anki21b PACKAGE
 *       writes the test collection (tests/anki-fixtures.c) as a package;
 *   anki-tool import PACKAGE DECK.yaml REVIEWS.csv
 *       imports it as `quizdeck import PACKAGE -o DECK.yaml --with-reviews`
 *       does: the deck validated and written, the converted reviews
 *       appended to the review log of QUIZDECK_DATA through
 *       qd_revlog_import() (what import-reviews uses), and the same reviews
 *       written as an FSRS revlog CSV, so the script can replay them
 *       through `quizdeck import-reviews` and compare.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anki-fixtures.h"
#include "quizdeck/anki.h"
#include "quizdeck/ctx.h"
#include "quizdeck/fileio.h"
#include "quizdeck/revlog.h"

static int import(const char *pkg, const char *yaml, const char *csv)
{
	struct qd_anki_opts o = {.with_reviews = true};
	struct qd_gen_deck deck = {0};
	struct qd_review *rv = NULL;
	struct qd_diags dg, logdg;
	struct qd_buf y, c;
	struct qd_ctx ctx;
	struct qd_revlog *log = NULL;
	struct qd_err err;
	size_t n = 0, added = 0, skipped = 0;
	int rc = 1;

	qd_diags_init(&dg, pkg);
	qd_buf_init(&y);
	qd_buf_init(&c);
	memset(&ctx, 0, sizeof(ctx));
	if (qd_anki_import(pkg, &o, &deck, &rv, &n, &dg, &err) ||
	    qd_gen_deck_load(&deck, &y, NULL, &err) ||
	    qd_file_write_atomic(yaml, y.data, y.len, &err)) {
		qd_err_print(stderr, "anki-tool", &err);
		goto out;
	}
	qd_diags_print(stderr, &dg);
	qd_buf_adds(&c, "card_id,review_time,review_rating,review_state,review_duration\n");
	for (size_t i = 0; i < n; i++)
		qd_buf_addf(&c, "%s/%s,%lld,%d,,%lld\n", rv[i].deck, rv[i].card,
		            (long long)rv[i].time_ms, rv[i].rating, (long long)rv[i].duration_ms);
	if (qd_file_write_atomic(csv, c.data, c.len, &err) ||
	    qd_ctx_init(&ctx, NULL, NULL, &err)) {
		qd_err_print(stderr, "anki-tool", &err);
		goto out;
	}
	ctx.err = stderr;
	if (qd_revlog_open(&ctx, 0, &log, &err)) {
		qd_err_print(stderr, "anki-tool", &err);
		goto out;
	}
	qd_diags_init(&logdg, qd_revlog_file(log));
	if (qd_revlog_import(log, rv, n, &added, &skipped, &logdg, &err))
		qd_err_print(stderr, "anki-tool", &err);
	else
		rc = 0;
	qd_diags_print(stderr, &logdg);
	qd_diags_release(&logdg);
	printf("imported %zu reviews, skipped %zu already present\n", added, skipped);
out:
	qd_revlog_free(log);
	qd_ctx_release(&ctx);
	free(rv);
	qd_gen_deck_release(&deck);
	qd_diags_release(&dg);
	qd_buf_release(&y);
	qd_buf_release(&c);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "make") == 0) {
		enum fx_format f = strcmp(argv[2], "anki2") == 0    ? FX_ANKI2
		                 : strcmp(argv[2], "anki21") == 0   ? FX_ANKI21
		                                                    : FX_ANKI21B;
		return fx_write_package(argv[3], f) ? 1 : 0;
	}
	if (argc == 5 && strcmp(argv[1], "import") == 0)
		return import(argv[2], argv[3], argv[4]);
	fprintf(stderr, "usage: anki-tool make anki2|anki21|anki21b PACKAGE\n"
	                "       anki-tool import PACKAGE DECK.yaml REVIEWS.csv\n");
	return 64;
}

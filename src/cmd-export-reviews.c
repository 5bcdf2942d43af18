/*
 * quizdeck export-reviews [--deck DECK]: writes the review log as a CSV file
 * in the FSRS optimizer's revlog schema (card_id, review_time,
 * review_rating, review_state, review_duration), so learners can fit their
 * own FSRS weights. import-reviews reads the same schema back, and
 * re-importing an export adds nothing.
 *
 * review_state is the card's state before the review (0 new, 1 learning,
 * 2 review, 3 relearning), from replaying the log with the settings'
 * scheduler parameters. Undone reviews are left out. Rows are in time order (ties in log order).
 * card_id is always DECK/CARD, so an export of several decks re-imports
 * without --deck. Damage found in the log is reported as warnings and the
 * readable records are still exported.
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/config.h"
#include "quizdeck/replay.h"
#include "quizdeck/revlog.h"

struct export_args {
	const char *deck;
};

static const struct qd_opt export_opts[] = {
	QD_OPT_STRING(0, "deck", struct export_args, deck, "DECK",
	              "export only this deck's reviews"),
	QD_OPT_END(),
};

static int export_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_export_reviews = {
	.name = "export-reviews",
	.args = "[--deck DECK]",
	.summary = "write the review history as an FSRS revlog CSV file to stdout",
	.opts = export_opts,
	.run = export_run,
};

/* A CSV field, quoted when it holds a comma, quote, CR or LF. */
static void csv_add(struct qd_buf *b, const char *s)
{
	if (!strpbrk(s, ",\"\r\n")) {
		qd_buf_adds(b, s);
		return;
	}
	qd_buf_addc(b, '"');
	for (; *s; s++) {
		if (*s == '"')
			qd_buf_addc(b, '"');
		qd_buf_addc(b, *s);
	}
	qd_buf_addc(b, '"');
}

static int by_time(const void *a, const void *b)
{
	const struct qd_review *x = *(const struct qd_review *const *)a;
	const struct qd_review *y = *(const struct qd_review *const *)b;

	if (x->time_ms != y->time_ms)
		return x->time_ms < y->time_ms ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line; /* stable: log order */
}

static int export_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct export_args a = {NULL};
	struct qd_logdata d;
	struct qd_diags dg;
	struct qd_err err;
	struct qd_buf b;
	struct qd_config cfg;
	struct qd_replay rp;
	const struct qd_review **rows;
	size_t nrows = 0;
	char *path;
	int status, n;

	n = qd_cmd_parse(ctx, &qd_cmd_export_reviews, &a, argc, argv, &status);
	if (n < 0)
		return status;
	if (n > 0) {
		return qd_cmd_usage_error(ctx, &qd_cmd_export_reviews, "unexpected argument '%s'",
		                          argv[1]);
	}
	if (qd_config_load(ctx, &cfg, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		return err.status;
	}
	path = qd_revlog_path(ctx->data_dir);
	qd_diags_init(&dg, path);
	if (qd_revlog_load(path, &d, &dg, &err)) {
		qd_diags_print(ctx->err, &dg);
		qd_err_print(ctx->err, ctx->prog, &err);
		qd_logdata_release(&d);
		qd_diags_release(&dg);
		free(path);
		return err.status;
	}
	qd_revlog_warn_future(&d, ctx->now_ms, &dg);
	qd_diags_print(ctx->err, &dg);
	qd_replay_run(&rp, &cfg.params, &d, NULL, 0);
	rows = qd_xcalloc(d.n_reviews + 1, sizeof(*rows));
	for (size_t i = 0; i < d.n_reviews; i++)
		if (!d.reviews[i].undone && (!a.deck || strcmp(d.reviews[i].deck, a.deck) == 0))
			rows[nrows++] = &d.reviews[i];
	qsort(rows, nrows, sizeof(*rows), by_time);

	qd_buf_init(&b);
	qd_buf_adds(&b, "card_id,review_time,review_rating,review_state,review_duration\n");
	for (size_t i = 0; i < nrows; i++) {
		const struct qd_review *r = rows[i];
		struct qd_buf id;

		qd_buf_init(&id);
		qd_buf_addf(&id, "%s/%s", r->deck, r->card);
		csv_add(&b, id.data);
		qd_buf_release(&id);
		qd_buf_addf(&b, ",%lld,%d,%d,%lld\n", (long long)r->time_ms, r->rating,
		            (int)rp.state_before[r - d.reviews], (long long)r->duration_ms);
		if (b.len > 60000) {
			fwrite(b.data, 1, b.len, ctx->out);
			qd_buf_reset(&b);
		}
	}
	fwrite(b.data, 1, b.len, ctx->out);
	qd_buf_release(&b);
	free(rows);
	qd_replay_release(&rp);
	qd_logdata_release(&d);
	qd_diags_release(&dg);
	free(path);
	return QD_EXIT_OK;
}

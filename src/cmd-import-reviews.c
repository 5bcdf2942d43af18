/*
 * quizdeck import-reviews [--deck DECK] FILE.csv: reads reviews in the FSRS
 * optimizer's revlog schema and appends them to the review log with mode
 * "import".
 *
 * All-or-nothing: every row is validated first and every bad row is
 * reported (FILE:LINE:COL: error: ...); a file with any error imports
 * nothing. Re-importing is harmless: qd_revlog_import() skips reviews whose
 * (deck, card, time, rating) is already in the log, under the log's lock.
 * The reviews are appended in large batches, each durable before it is
 * counted; an import stopped by an error (or a crash) part of the way is
 * completed by running it again.
 *
 * The parsing (RFC 4180 CSV, columns found by their header names) lives in
 * quizdeck/csv.h so that it can be tested and fuzzed without a log; this
 * file reads the file, reports and imports.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/csv.h"
#include "quizdeck/fileio.h"
#include "quizdeck/revlog.h"

struct import_args {
	const char *deck;
};

static const struct qd_opt import_opts[] = {
	QD_OPT_STRING(0, "deck", struct import_args, deck, "DECK",
	              "deck of card_ids without a 'DECK/' prefix"),
	QD_OPT_END(),
};

static int import_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_import_reviews = {
	.name = "import-reviews",
	.args = "[--deck DECK] FILE.csv",
	.summary = "add reviews from an FSRS revlog CSV file to the review log",
	.opts = import_opts,
	.run = import_run,
};

/* Reads FILE (or stdin for "-"). Returns 0, or an exit status after
 * printing why: 66 if it cannot be read or is not a regular file. */
static int read_input(struct qd_ctx *ctx, const char *path, struct qd_buf *b)
{
	struct qd_err err;
	int rc;

	if (strcmp(path, "-") == 0)
		rc = qd_file_read_fd(fileno(ctx->in), "<stdin>", 0, b, &err);
	else
		rc = qd_file_read(path, 0, b, &err);
	if (rc) {
		qd_err_print(ctx->err, ctx->prog, &err);
		return err.status;
	}
	return 0;
}

static int import_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct qd_buf data;
	struct qd_diags dg, logdg;
	struct qd_csv_reviews in;
	struct qd_revlog *log = NULL;
	struct qd_err err;
	size_t added = 0, skipped = 0;
	int status, n;
	const char *path;
	struct import_args a = {NULL};

	n = qd_cmd_parse(ctx, &qd_cmd_import_reviews, &a, argc, argv, &status);
	if (n < 0)
		return status;
	if (n != 1) {
		return qd_cmd_usage_error(ctx, &qd_cmd_import_reviews, "%s",
		                          n ? "too many arguments" : "no CSV file given");
	}
	path = argv[1];
	if (a.deck && !qd_csv_id_valid(a.deck, false)) {
		return qd_cmd_usage_error(ctx, &qd_cmd_import_reviews, "--deck '%s' is not a deck id",
		                          a.deck);
	}
	qd_buf_init(&data);
	if ((status = read_input(ctx, path, &data)) != 0) {
		qd_buf_release(&data);
		return status;
	}
	qd_diags_init(&dg, strcmp(path, "-") == 0 ? "<stdin>" : path);
	qd_csv_reviews_init(&in);
	qd_csv_reviews_parse(data.data, data.len, a.deck, &in, &dg);
	qd_buf_release(&data);

	status = QD_EXIT_OK;
	if (dg.errors) {
		qd_diags_sort(&dg);
		qd_diags_print(ctx->err, &dg);
		qd_err_printf(ctx->err, ctx->prog, "nothing imported: %zu error%s in '%s'", dg.errors,
		              dg.errors == 1 ? "" : "s", dg.file);
		status = QD_EXIT_DATAERR;
		goto out;
	}
	if (qd_revlog_open(ctx, 0, &log, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	qd_diags_init(&logdg, qd_revlog_file(log));
	if (qd_revlog_import(log, in.reviews, in.n, &added, &skipped, &logdg, &err)) {
		qd_diags_print(ctx->err, &logdg);
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		if (added)
			qd_err_printf(ctx->err, ctx->prog,
			              "%zu review%s had been imported before the error; importing the "
			              "file again adds the rest", added, added == 1 ? "" : "s");
	} else {
		qd_diags_print(ctx->err, &logdg);
		fprintf(ctx->out, "imported %zu review%s, skipped %zu already present\n", added,
		        added == 1 ? "" : "s", skipped);
	}
	qd_diags_release(&logdg);
out:
	qd_revlog_free(log);
	qd_csv_reviews_release(&in);
	qd_diags_release(&dg);
	return status;
}

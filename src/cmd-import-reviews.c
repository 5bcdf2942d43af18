/*
 * quizdeck import-reviews [--deck DECK] FILE.csv: reads reviews in the FSRS
 * optimizer's revlog schema and appends them to the review log with mode
 * "import".
 *
 * All-or-nothing: every row is validated first and every bad row is
 * reported (FILE:LINE:COL: error: ...); a file with any error imports
 * nothing. Re-importing is harmless: qd_revlog_import() skips reviews whose
 * (deck, card, time, rating) is already in the log, under the log's lock.
 *
 * The parsing (RFC 4180 CSV, columns found by their header names) lives in
 * quizdeck/csv.h so that it can be tested and fuzzed without a log; this
 * file reads the file, reports and imports.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/csv.h"
#include "quizdeck/fileio.h"
#include "quizdeck/revlog.h"

/* The option table, written once: the static copy (values NULL) serves the
 * help text; run() builds one pointing at its locals, so no option value
 * lives in a global. */
#define IMPORT_OPTS(deck)                                                              \
	{                                                                              \
		{QD_OPT_STRING, 0, "deck", deck, "DECK",                               \
		 "deck of card_ids without a 'DECK/' prefix", 0, 0},                   \
		{QD_OPT_END, 0, NULL, NULL, NULL, NULL, 0, 0},                         \
	}

static const struct qd_opt import_opts[] = IMPORT_OPTS(NULL);

static int import_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_import_reviews = {
	.name = "import-reviews",
	.args = "[--deck DECK] FILE.csv",
	.summary = "add reviews from an FSRS revlog CSV file to the review log",
	.opts = import_opts,
	.run = import_run,
};

/* Reads FILE (or stdin for "-"). Returns 0, or an exit status after
 * printing why: 66 if it cannot be opened, 65 for a directory or device. */
static int read_input(struct qd_ctx *ctx, const char *path, struct qd_buf *b)
{
	bool std = strcmp(path, "-") == 0;
	int fd = std ? fileno(ctx->in) : open(path, O_RDONLY | O_CLOEXEC);
	struct qd_err err;
	int rc;

	if (fd < 0) {
		fprintf(ctx->err, "%s: cannot read '%s': %s\n", ctx->prog, path, strerror(errno));
		return QD_EXIT_NOINPUT;
	}
	rc = qd_file_read_fd(fd, std ? "<stdin>" : path, 0, b, &err);
	if (!std)
		close(fd);
	if (rc) {
		qd_err_print(ctx->err, ctx->prog, &err);
		return err.status == QD_EXIT_IOERR ? QD_EXIT_NOINPUT : err.status;
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
	const char *path, *opt_deck = NULL;
	const struct qd_opt opts[] = IMPORT_OPTS(&opt_deck);
	struct qd_cmd cmd = qd_cmd_import_reviews;

	cmd.opts = opts;
	n = qd_cmd_parse(ctx, &cmd, argc, argv, &status);
	if (n < 0)
		return status;
	if (n != 1) {
		fprintf(ctx->err, "%s import-reviews: %s\nusage: %s import-reviews %s\n", ctx->prog,
		        n ? "too many arguments" : "no CSV file given", ctx->prog,
		        qd_cmd_import_reviews.args);
		return QD_EXIT_USAGE;
	}
	path = argv[1];
	if (opt_deck && !qd_csv_id_valid(opt_deck, false)) {
		fprintf(ctx->err, "%s import-reviews: --deck '%s' is not a deck id\n", ctx->prog,
		        opt_deck);
		return QD_EXIT_USAGE;
	}
	qd_buf_init(&data);
	if ((status = read_input(ctx, path, &data)) != 0) {
		qd_buf_release(&data);
		return status;
	}
	qd_diags_init(&dg, strcmp(path, "-") == 0 ? "<stdin>" : path);
	qd_csv_reviews_init(&in);
	qd_csv_reviews_parse(data.data, data.len, opt_deck, &in, &dg);
	qd_buf_release(&data);

	status = QD_EXIT_OK;
	if (dg.errors) {
		qd_diags_sort(&dg);
		qd_diags_print(ctx->err, &dg);
		fprintf(ctx->err, "%s: nothing imported: %zu error%s in '%s'\n", ctx->prog,
		        dg.errors, dg.errors == 1 ? "" : "s", dg.file);
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

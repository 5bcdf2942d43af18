/*
 * quizdeck results [FILE...]: quiz results from the local review log, or
 * merged from log files collected from a class (src/results.c does the
 * work). Read-only: nothing is created, a missing local log is simply no
 * results. A damaged line in a student's file is a warning (FILE:LINE) and
 * is skipped; a file that cannot be read or is not a review log is an
 * error, but the other files are still listed, and the exit status is the
 * worst error's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/results.h"
#include "quizdeck/revlog.h"

struct results_args {
	bool csv, json, questions;
	const char *deck, *name;
};

static const struct qd_opt results_opts[] = {
	QD_OPT_FLAG(0, "csv", struct results_args, csv,
	            "CSV (RFC 4180): one row per learner and quiz"),
	QD_OPT_FLAG(0, "json", struct results_args, json,
	            "JSON: the results with every answer, and the question summary"),
	QD_OPT_FLAG(0, "questions", struct results_args, questions,
	            "with --csv: the per-question summary instead of the results"),
	QD_OPT_STRING(0, "deck", struct results_args, deck, "DECK",
	              "only quizzes with questions from this deck id"),
	QD_OPT_STRING(0, "name", struct results_args, name, "NAME",
	              "only this learner's results (case-insensitive)"),
	QD_OPT_END(),
};

static int results_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_results = {
	.name = "results",
	.args = "[--csv|--json] [--deck DECK] [--name NAME] [FILE...]",
	.summary = "list quiz results, merging review logs collected from a class",
	.opts = results_opts,
	.run = results_run,
};

/* Loads one log into r; returns 0 or the exit status of its error. */
static int add_file(struct qd_ctx *ctx, const char *path, bool must_exist,
                    struct qd_results *r, const struct qd_results_filter *f)
{
	struct qd_logdata log;
	struct qd_diags diags;
	struct qd_err err;
	int status = 0;

	/* The loader reads a missing file as an empty log (right for the local
	 * log); a file named on the command line must exist. */
	if (must_exist && access(path, F_OK) != 0) {
		qd_err_errno(&err, QD_EXIT_NOINPUT, errno, "cannot open '%s'", path);
		qd_err_print(ctx->err, ctx->prog, &err);
		return QD_EXIT_NOINPUT;
	}
	qd_diags_init(&diags, path);
	if (qd_revlog_load(path, &log, &diags, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
	} else {
		qd_results_add(r, &log, f);
	}
	qd_diags_print(ctx->err, &diags);
	qd_diags_release(&diags);
	qd_logdata_release(&log);
	return status;
}

static int results_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct results_args a = {0};
	struct qd_results_filter f;
	struct qd_results r;
	struct qd_buf out;
	int status, n;

	n = qd_cmd_parse(ctx, &qd_cmd_results, &a, argc, argv, &status);
	if (n < 0)
		return status;
	if (a.csv && a.json) {
		return qd_cmd_usage_error(ctx, &qd_cmd_results, "choose one of --csv and --json");
	}
	if (a.questions && !a.csv) {
		return qd_cmd_usage_error(ctx, &qd_cmd_results, "--questions goes with --csv");
	}
	status = QD_EXIT_OK;
	f.deck = a.deck;
	f.name = a.name;
	qd_results_init(&r);
	if (n == 0) {
		char *path = qd_revlog_path(ctx->data_dir);
		status = add_file(ctx, path, false, &r, &f);
		free(path);
	}
	for (int i = 1; i <= n; i++) {
		int st = add_file(ctx, argv[i], true, &r, &f);
		/* A missing or unreadable file (66, 74) wins over a wrong one (65). */
		if (st && (status == 0 || (status == QD_EXIT_DATAERR && st != QD_EXIT_DATAERR)))
			status = st;
	}
	qd_results_finish(&r, &f);
	if (r.duplicates)
		fprintf(ctx->err, "%s: %zu duplicate result%s (same quiz id and name) counted once\n",
		        ctx->prog, r.duplicates, r.duplicates == 1 ? "" : "s");
	qd_buf_init(&out);
	if (a.csv)
		qd_results_write_csv(&out, &r, a.questions);
	else if (a.json)
		qd_results_write_json(&out, &r);
	else
		qd_results_write_plain(&out, &r);
	fwrite(out.data ? out.data : "", 1, out.len, ctx->out);
	fflush(ctx->out);
	qd_buf_release(&out);
	qd_results_release(&r);
	return status;
}

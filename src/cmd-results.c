/*
 * quizdeck results [FILE...]: quiz results from the local review log, or
 * merged from log files collected from a class (src/results.c does the
 * work). Read-only: nothing is created, a missing local log is simply no
 * results. A damaged line in a student's file is a warning (FILE:LINE) and
 * is skipped; a file that cannot be read or is not a review log is an
 * error, but the other files are still listed, and the exit status is the
 * worst error's.
 *
 * Every result is checked against the decks it names (src/results.c
 * grades the answers again): the decks are the bundled deck and the
 * user's decks, as for study, and the deck file given with --deck.
 *
 * --export FILE writes the results it would list (the same files and
 * filters) to FILE as a review log holding nothing else: what a learner
 * hands in, without the rest of their study history.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/deckset.h"
#include "quizdeck/fileio.h"
#include "quizdeck/results.h"
#include "quizdeck/revlog.h"

struct results_args {
	bool csv, json, questions, grid, include_inconsistent;
	const char *deck, *name, *export;
};

static const struct qd_opt results_opts[] = {
	QD_OPT_FLAG(0, "csv", struct results_args, csv,
	            "CSV (RFC 4180): one row per learner and quiz"),
	QD_OPT_FLAG(0, "json", struct results_args, json,
	            "JSON: the results with every answer, and the question summary"),
	QD_OPT_FLAG(0, "questions", struct results_args, questions,
	            "with --csv: the per-question summary instead of the results"),
	QD_OPT_FLAG(0, "grid", struct results_args, grid,
	            "with --csv: a row per result, a column per question (1/0)"),
	QD_OPT_STRING(0, "deck", struct results_args, deck, "DECK",
	              "only quizzes from this deck (an id, or a file also checked against)"),
	QD_OPT_FLAG(0, "include-inconsistent", struct results_args, include_inconsistent,
	            "count inconsistent results in the class figures"),
	QD_OPT_STRING(0, "name", struct results_args, name, "NAME",
	              "only this learner's results (case-insensitive)"),
	QD_OPT_STRING(0, "export", struct results_args, export, "FILE",
	              "write these results to FILE as a log to hand in"),
	QD_OPT_END(),
};

static int results_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_results = {
	.name = "results",
	.args = "[--csv|--json|--export FILE] [--deck DECK] [--name NAME] [FILE...]",
	.summary = "list quiz results, merging review logs collected from a class",
	.opts = results_opts,
	.run = results_run,
};

/* Where the results of one log go: the report's rows, or an export. */
struct sink {
	struct qd_results *r;
	struct qd_buf *export;     /* with --export: the log being written */
	struct qd_strset *exported; /* quiz id NUL name of what it holds */
	long n_exported;
};

/* Loads one log into the sink; returns 0 or the exit status of its error. */
static int add_file(struct qd_ctx *ctx, const char *path, bool must_exist,
                    struct sink *to, const struct qd_results_filter *f)
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
	} else if (!to->export) {
		qd_results_add(to->r, &log, f);
	} else {
		long n = qd_results_export(to->export, &log, f, to->exported, &err);
		if (n < 0) {
			qd_err_print(ctx->err, ctx->prog, &err);
			status = err.status;
		} else {
			to->n_exported += n;
		}
	}
	qd_diags_print(ctx->err, &diags);
	qd_diags_release(&diags);
	qd_logdata_release(&log);
	return status;
}

/* The decks the results are checked against: the --deck file first, then
 * the default set. */
struct decks {
	struct qd_deckset *sets[2];
};

static const struct qd_deck *find_deck(void *data, const char *id)
{
	struct decks *d = data;

	for (size_t i = 0; i < 2; i++) {
		const struct qd_deck *deck = d->sets[i] ? qd_deckset_find(d->sets[i], id) : NULL;
		if (deck)
			return deck;
	}
	return NULL;
}

static bool looks_like_file(const char *arg)
{
	size_t n = strlen(arg);

	return strchr(arg, '/') || (n > 5 && strcmp(arg + n - 5, ".yaml") == 0) ||
	       (n > 4 && strcmp(arg + n - 4, ".yml") == 0) || access(arg, F_OK) == 0;
}

/* Off the plain report, an inconsistent result has no mark: say it here. */
static void warn_inconsistent(const struct qd_ctx *ctx, const struct qd_results *r)
{
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct qd_result_row *row = &r->rows[i];
		if (row->check != QD_RESULT_INCONSISTENT)
			continue;
		qd_err_printf(ctx->err, ctx->prog,
		              "warning: the result of '%s' (quiz %s) is inconsistent%s: %s", row->name,
		              row->quiz_id, row->counted ? "" : ", not counted", row->reasons);
	}
}

/* Writes what to->export holds to path, unless a log could not be read
 * (status) or there is nothing to hand in. Returns the exit status. */
static int export(struct qd_ctx *ctx, const char *path, const struct sink *to, int status)
{
	struct qd_err err;

	if (status) {
		qd_err_printf(ctx->err, ctx->prog, "nothing exported to '%s': a log could not be read",
		              path);
		return status;
	}
	if (to->n_exported == 0) {
		qd_err_printf(ctx->err, ctx->prog, "no quiz result to export (nothing written to '%s')",
		              path);
		return QD_EXIT_FAIL;
	}
	if (qd_file_write_atomic(path, to->export->data, to->export->len, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		return err.status;
	}
	qd_err_printf(ctx->out, NULL, "Exported %ld quiz result%s to %s: hand in this file.",
	              to->n_exported, to->n_exported == 1 ? "" : "s", path);
	return QD_EXIT_OK;
}

static int results_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct results_args a = {0};
	struct qd_results_filter f = {0};
	struct decks decks = {{NULL, NULL}};
	struct qd_results r;
	struct qd_buf out;
	struct qd_strset exported = {0};
	struct sink to = {&r, NULL, &exported, 0};
	struct qd_err err;
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
	if (a.grid && !a.csv) {
		return qd_cmd_usage_error(ctx, &qd_cmd_results, "--grid goes with --csv");
	}
	if (a.grid && a.questions) {
		return qd_cmd_usage_error(ctx, &qd_cmd_results, "choose one of --questions and --grid");
	}
	if (a.export && (a.csv || a.json || a.include_inconsistent)) {
		return qd_cmd_usage_error(ctx, &qd_cmd_results,
		                          "--export writes a log: it goes without --csv, --json and "
		                          "--include-inconsistent");
	}
	status = QD_EXIT_OK;
	f.deck = a.deck;
	f.name = a.name;
	f.include_inconsistent = a.include_inconsistent;
	/* A deck file given with --deck: checked against, and its id filters. */
	if (a.deck && looks_like_file(a.deck)) {
		char *args[] = {(char *)a.deck};
		if (qd_deckset_load(ctx, 1, args, 0, &decks.sets[0], &err)) {
			qd_err_print(ctx->err, ctx->prog, &err);
			return err.status;
		}
		f.deck = qd_deck_id(qd_deckset_deck(decks.sets[0], 0));
	}
	/* The bundled and the user's decks; a folder that cannot be read only
	 * leaves results unchecked. */
	if (qd_deckset_load(ctx, 0, NULL, 0, &decks.sets[1], &err))
		decks.sets[1] = NULL;
	qd_results_init(&r);
	qd_buf_init(&out);
	if (a.export)
		to.export = &out;
	if (n == 0) {
		char *path = qd_revlog_path(ctx->data_dir);
		status = add_file(ctx, path, false, &to, &f);
		free(path);
	}
	for (int i = 1; i <= n; i++) {
		int st = add_file(ctx, argv[i], true, &to, &f);
		/* A missing or unreadable file (66, 74) wins over a wrong one (65). */
		if (st && (status == 0 || (status == QD_EXIT_DATAERR && st != QD_EXIT_DATAERR)))
			status = st;
	}
	if (a.export) {
		status = export(ctx, a.export, &to, status);
		goto out;
	}
	qd_results_check(&r, find_deck, &decks);
	qd_results_finish(&r, &f);
	if (r.duplicates)
		fprintf(ctx->err, "%s: %zu duplicate result%s (same quiz id and name) counted once\n",
		        ctx->prog, r.duplicates, r.duplicates == 1 ? "" : "s");
	if (a.csv) {
		warn_inconsistent(ctx, &r);
		qd_results_write_csv(&out, &r, a.grid ? QD_RESULTS_CSV_GRID :
		                               a.questions ? QD_RESULTS_CSV_QUESTIONS :
		                                             QD_RESULTS_CSV_ROWS);
	} else if (a.json) {
		warn_inconsistent(ctx, &r);
		qd_results_write_json(&out, &r);
	} else {
		qd_results_write_plain(&out, &r, qd_ctx_term_width(ctx, 0));
	}
	fwrite(out.data ? out.data : "", 1, out.len, ctx->out);
	fflush(ctx->out);
out:
	qd_buf_release(&out);
	qd_strset_release(&exported);
	qd_results_release(&r);
	qd_deckset_free(decks.sets[0]);
	qd_deckset_free(decks.sets[1]);
	return status;
}

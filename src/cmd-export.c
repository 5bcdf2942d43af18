/*
 * quizdeck export DECK -o FILE.tsv: writes a deck in Anki's text import
 * format (quizdeck/textexport.h, docs/import.md), for Anki or a
 * spreadsheet; `quizdeck import` reads it back to the same cards. The
 * file is written atomically and never replaces another without --force.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/deckset.h"
#include "quizdeck/fileio.h"
#include "quizdeck/textexport.h"

struct export_args {
	const char *output;
	bool force;
};

static const struct qd_opt export_opts[] = {
	QD_OPT_STRING('o', "output", struct export_args, output, "FILE.tsv",
	              "write to FILE.tsv (atomically; '-' or none: standard output)"),
	QD_OPT_FLAG(0, "force", struct export_args, force, "replace FILE.tsv if it exists"),
	QD_OPT_END(),
};

static int export_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_export = {
	.name = "export",
	.args = "DECK [-o FILE.tsv] [--force]",
	.summary = "write a deck as a text file for Anki or a spreadsheet",
	.opts = export_opts,
	.run = export_run,
};

static int export_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct export_args a = {NULL, false};
	struct qd_deckset *set;
	struct qd_err err;
	struct qd_buf out;
	int status, n;

	n = qd_cmd_parse(ctx, &qd_cmd_export, &a, argc, argv, &status);
	if (n < 0)
		return status;
	if (n != 1)
		return qd_cmd_usage_error(ctx, &qd_cmd_export, "%s",
		                          n ? "too many arguments: export one DECK" : "no DECK given");
	if (a.output && strcmp(a.output, "-") == 0)
		a.output = NULL;
	if (a.output && !a.force && access(a.output, F_OK) == 0) {
		qd_err_printf(ctx->err, ctx->prog,
		              "error: %s already exists: give --force to replace it", a.output);
		return QD_EXIT_CANTCREAT;
	}
	if (qd_deckset_load(ctx, 1, argv + 1, 0, &set, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		return err.status;
	}
	qd_buf_init(&out);
	qd_textexport_deck(&out, qd_deckset_deck(set, 0));
	qd_deckset_free(set);
	status = QD_EXIT_OK;
	if (!a.output)
		fwrite(out.data, 1, out.len, ctx->out); /* checked by main at exit */
	else if (qd_file_write_atomic(a.output, out.data, out.len, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
	}
	qd_buf_release(&out);
	return status;
}

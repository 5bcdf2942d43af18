/*
 * quizdeck check [--json] DECK...: validates decks like a compiler.
 *
 * Every problem of every file is reported, sorted by position, as
 * "FILE:LINE:COL: error: MSG" (or "warning:") on stderr; with --json the
 * same diagnostics go to stdout as one JSON array and stderr stays quiet.
 * Decks checked together must not share a deck id. The exit status is the
 * worst over all files: 66 if a file could not be read or a deck id not
 * found, else 65 if any deck is invalid, else 0 (warnings allowed).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/deckset.h"

static bool opt_json;

static const struct qd_opt check_opts[] = {
	{QD_OPT_FLAG, 0, "json", &opt_json, NULL, "print the diagnostics as JSON on stdout", 0, 0},
	{QD_OPT_END, 0, NULL, NULL, NULL, NULL, 0, 0},
};

static int check_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_check = {
	.name = "check",
	.args = "[--json] DECK...",
	.summary = "validate decks and report every problem",
	.opts = check_opts,
	.run = check_run,
};

static void add_json(struct qd_buf *out, const struct qd_diags *d, bool *first)
{
	for (size_t i = 0; i < d->len; i++) {
		const struct qd_diag *g = &d->items[i];
		qd_buf_adds(out, *first ? "\n  {\"file\": " : ",\n  {\"file\": ");
		qd_buf_add_json(out, d->file, strlen(d->file));
		qd_buf_addf(out, ", \"line\": %d, \"column\": %d, \"severity\": \"%s\", \"message\": ",
		            g->line, g->line > 0 ? (g->col > 0 ? g->col : 1) : 0,
		            g->sev == QD_SEV_ERROR ? "error" : "warning");
		qd_buf_add_json(out, g->msg, strlen(g->msg));
		qd_buf_adds(out, "}");
		*first = false;
	}
}

static int check_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct qd_diags *diags;
	struct qd_deck **decks;
	struct qd_buf json;
	bool first = true;
	int status = QD_EXIT_OK, n;

	opt_json = false;
	n = qd_cmd_parse(ctx, &qd_cmd_check, argc, argv, &status);
	if (n < 0)
		return status;
	if (n == 0) {
		fprintf(ctx->err, "%s check: no deck given\nusage: %s check %s (see '%s help check')\n",
		        ctx->prog, ctx->prog, qd_cmd_check.args, ctx->prog);
		return QD_EXIT_USAGE;
	}
	diags = qd_xcalloc((size_t)n, sizeof(*diags));
	decks = qd_xcalloc((size_t)n, sizeof(*decks));
	for (int i = 0; i < n; i++) {
		struct qd_deck_src src;
		struct qd_err err;

		if (qd_deck_src_resolve(ctx, argv[i + 1], &src, &err)) {
			qd_diags_init(&diags[i], argv[i + 1]);
			qd_diags_add(&diags[i], QD_SEV_ERROR, 0, 0, "%s", err.msg);
			status = QD_EXIT_NOINPUT;
			continue;
		}
		qd_diags_init(&diags[i], src.path);
		if (qd_deck_src_load(&src, &decks[i], &diags[i], &err)) {
			if (err.status == QD_EXIT_NOINPUT) {
				qd_diags_add(&diags[i], QD_SEV_ERROR, 0, 0, "%s", err.msg);
				status = QD_EXIT_NOINPUT;
			} else if (status == QD_EXIT_OK) {
				status = QD_EXIT_DATAERR;
			}
		}
		qd_deck_src_release(&src);
		/* A deck id used by an earlier file of this check. */
		for (int j = 0; decks[i] && j < i; j++) {
			if (decks[j] && strcmp(qd_deck_id(decks[j]), qd_deck_id(decks[i])) == 0) {
				qd_diags_add(&diags[i], QD_SEV_ERROR, 0, 0,
				             "deck id '%s' is already used by %s", qd_deck_id(decks[i]),
				             qd_deck_path(decks[j]));
				if (status == QD_EXIT_OK)
					status = QD_EXIT_DATAERR;
				break;
			}
		}
	}
	qd_buf_init(&json);
	for (int i = 0; i < n; i++) {
		qd_diags_sort(&diags[i]);
		if (opt_json)
			add_json(&json, &diags[i], &first);
		else
			qd_diags_print(ctx->err, &diags[i]);
		qd_diags_release(&diags[i]);
		qd_deck_free(decks[i]);
	}
	if (opt_json)
		fprintf(ctx->out, "[%s%s]\n", json.data, first ? "" : "\n");
	qd_buf_release(&json);
	free(diags);
	free(decks);
	return status;
}

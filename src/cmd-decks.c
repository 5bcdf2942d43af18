/*
 * quizdeck decks [--json]: lists the bundled deck and the user's decks
 * (the *.yaml files of the user deck directory): id, card count, title and where it comes from.
 * Decks that fail to load are reported on stderr (sorted diagnostics) and
 * left out; the status is then 65 (or 66 if one could not be read).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/deckset.h"
#include "quizdeck/text.h"

struct decks_args {
	bool json;
};

static const struct qd_opt decks_opts[] = {
	QD_OPT_FLAG(0, "json", struct decks_args, json, "print the list as JSON"),
	QD_OPT_END(),
};

static int decks_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_decks = {
	.name = "decks",
	.args = "[--json]",
	.summary = "list the bundled deck and your decks",
	.opts = decks_opts,
	.run = decks_run,
};

static int decks_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct qd_deck_src *srcs;
	struct qd_buf out;
	struct qd_err err;
	size_t nsrc, shown = 0;
	struct decks_args a = {false};
	int status = QD_EXIT_OK, n;

	n = qd_cmd_parse(ctx, &qd_cmd_decks, &a, argc, argv, &status);
	if (n < 0)
		return status;
	if (n > 0) {
		return qd_cmd_usage_error(ctx, &qd_cmd_decks, "too many arguments");
	}
	if (qd_deck_srcs_default(ctx, &srcs, &nsrc, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		return err.status;
	}
	qd_buf_init(&out);
	if (!a.json)
		qd_buf_addf(&out, "%-24s %5s  %s\n", "ID", "CARDS", "TITLE (PATH)");
	for (size_t i = 0; i < nsrc; i++) {
		struct qd_diags d;
		struct qd_deck *deck;

		qd_diags_init(&d, srcs[i].path);
		if (qd_deck_src_load(&srcs[i], &deck, &d, &err)) {
			if (err.status == QD_EXIT_NOINPUT) {
				qd_err_print(ctx->err, ctx->prog, &err);
				status = QD_EXIT_NOINPUT;
			} else if (status == QD_EXIT_OK) {
				status = QD_EXIT_DATAERR;
			}
			qd_diags_sort(&d);
			qd_diags_print(ctx->err, &d);
			qd_diags_release(&d);
			continue;
		}
		qd_diags_release(&d);
		if (a.json) {
			qd_buf_adds(&out, shown ? ",\n  {\"id\": " : "\n  {\"id\": ");
			qd_buf_add_json(&out, qd_deck_id(deck), strlen(qd_deck_id(deck)));
			qd_buf_adds(&out, ", \"title\": ");
			qd_buf_add_json(&out, qd_deck_title(deck), strlen(qd_deck_title(deck)));
			qd_buf_addf(&out, ", \"cards\": %zu, \"bundled\": %s, \"path\": ",
			            qd_deck_card_count(deck), srcs[i].bundled ? "true" : "false");
			qd_buf_add_json(&out, srcs[i].path, strlen(srcs[i].path));
			qd_buf_adds(&out, "}");
		} else {
			/* The title and the file name are untrusted: one line each. */
			qd_buf_addf(&out, "%-24s %5zu  ", qd_deck_id(deck), qd_deck_card_count(deck));
			qd_text_sanitize(&out, qd_deck_title(deck), strlen(qd_deck_title(deck)),
			                 QD_SANITIZE_VISIBLE);
			qd_buf_adds(&out, " (");
			qd_text_sanitize(&out, srcs[i].path, strlen(srcs[i].path), QD_SANITIZE_VISIBLE);
			qd_buf_adds(&out, ")\n");
		}
		shown++;
		qd_deck_free(deck);
	}
	if (a.json)
		fprintf(ctx->out, "[%s%s]\n", out.data, shown ? "\n" : "");
	else
		fputs(out.data, ctx->out);
	qd_buf_release(&out);
	qd_deck_srcs_free(srcs, nsrc);
	return status;
}

/*
 * quizdeck gen ARTICLE [-o DECK.yaml] [--id SLUG] [--overlay FILE]: turn an
 * article into a deck (docs/article-format.md).
 *
 * The pipeline is article → generated deck → overlay → validation (by the
 * deck loader itself) → YAML. Cards the generator left out because
 * `check` would warn about them are named on stderr as notes.
 * With -o the deck is written atomically (qd_file_write_atomic()): the
 * target is either the old file or the complete new one, and nothing is
 * written at all when any step fails.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/article.h"
#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/fileio.h"
#include "quizdeck/gen.h"
#include "quizdeck/overlay.h"

static int gen_run(struct qd_ctx *ctx, int argc, char **argv);

struct gen_args {
	const char *output, *id, *overlay;
};

static const struct qd_opt gen_opts[] = {
	QD_OPT_STRING('o', "output", struct gen_args, output, "FILE",
	              "write the deck to FILE (atomically) instead of stdout"),
	QD_OPT_STRING(0, "id", struct gen_args, id, "SLUG",
	              "the deck id (default: from the title)"),
	QD_OPT_STRING(0, "overlay", struct gen_args, overlay, "FILE",
	              "apply the curation in FILE (drop, edit, add cards by id)"),
	QD_OPT_END(),
};

const struct qd_cmd qd_cmd_gen = {
	.name = "gen",
	.args = "ARTICLE [-o DECK.yaml] [--id SLUG] [--overlay FILE]",
	.summary = "generate a deck from an article",
	.opts = gen_opts,
	.run = gen_run,
};

static int gen_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct qd_article *article;
	struct qd_gen_deck deck;
	struct qd_gen_opts gopts;
	struct qd_strv notes = {NULL, 0};
	struct qd_err err;
	struct qd_buf out;
	struct gen_args a = {NULL, NULL, NULL};
	int status, n;

	n = qd_cmd_parse(ctx, &qd_cmd_gen, &a, argc, argv, &status);
	if (n < 0)
		return status;
	if (n != 1) {
		return qd_cmd_usage_error(ctx, &qd_cmd_gen, "%s",
		                          n == 0 ? "missing ARTICLE" : "too many arguments");
	}
	qd_err_clear(&err);
	if (!(article = qd_article_load(argv[1], &err))) {
		/* Data errors read like a compiler's: ARTICLE:LINE:COL: error: ... */
		qd_err_print(ctx->err, err.status == QD_EXIT_DATAERR ? NULL : ctx->prog, &err);
		return err.status;
	}
	memset(&gopts, 0, sizeof(gopts));
	gopts.id = a.id;
	gopts.notes = &notes;
	if (qd_gen_deck(article, &gopts, &deck, &err)) {
		qd_article_free(article);
		qd_strv_clear(&notes);
		if (err.status == QD_EXIT_DATAERR) {
			char msg[sizeof(err.msg)];
			memcpy(msg, err.msg, sizeof(msg));
			qd_err_at(&err, QD_EXIT_DATAERR, argv[1], 0, 0, "%s", msg);
		}
		qd_err_print(ctx->err, err.status == QD_EXIT_DATAERR ? NULL : ctx->prog, &err);
		return err.status;
	}
	qd_article_free(article);
	for (size_t i = 0; i < notes.len; i++)
		qd_err_printf(ctx->err, NULL, "%s: note: %s", argv[1], notes.items[i]);
	qd_strv_clear(&notes);
	if (a.overlay && qd_overlay_apply_file(&deck, a.overlay, &err)) {
		qd_gen_deck_release(&deck);
		qd_err_print(ctx->err, err.status == QD_EXIT_DATAERR ? NULL : ctx->prog, &err);
		return err.status;
	}
	if (a.id) { /* --id wins over the overlay */
		free(deck.id);
		deck.id = qd_xstrdup(a.id);
	}
	qd_buf_init(&out);
	if (!deck.n_cards)
		qd_err_set(&err, QD_EXIT_DATAERR, "the deck has no cards left");
	if (!deck.n_cards || qd_gen_deck_load(&deck, &out, NULL, &err)) {
		qd_gen_deck_release(&deck);
		qd_buf_release(&out);
		if (a.overlay && err.status == QD_EXIT_DATAERR) {
			size_t m = strlen(err.msg);
			snprintf(err.msg + m, sizeof(err.msg) - m, " (after applying '%s')", a.overlay);
		}
		qd_err_print(ctx->err, ctx->prog, &err);
		return err.status;
	}
	qd_gen_deck_release(&deck);
	if (a.output) {
		if (qd_file_write_atomic(a.output, out.data, out.len, &err)) {
			qd_buf_release(&out);
			qd_err_print(ctx->err, ctx->prog, &err);
			return err.status;
		}
	} else {
		fwrite(out.data, 1, out.len, ctx->out); /* checked by main at exit */
	}
	qd_buf_release(&out);
	return QD_EXIT_OK;
}

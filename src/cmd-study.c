/*
 * quizdeck study [DECK...]: the study session, and the default command.
 * Loads the collection, opens the log for appending (so an unwritable data
 * directory is reported before the first card, not after an answer), and
 * runs the session at a Readline prompt, or a plain one off a terminal.
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/collection.h"
#include "quizdeck/prompt.h"
#include "quizdeck/session.h"

struct study_args {
	long new_cards, limit, seed;
	struct qd_optlist tags;
	bool shuffle, cram, reverse;
};

static const struct qd_opt study_opts[] = {
	QD_OPT_INT(0, "new", struct study_args, new_cards, "N",
	           "new cards in this session (default: what is left of new_per_day)", 0, 100000),
	QD_OPT_INT(0, "limit", struct study_args, limit, "N", "at most N cards in this session", 1,
	           1000000),
	QD_OPT_LIST(0, "tags", struct study_args, tags, "TAG",
	            "only cards with this tag (repeatable; commas separate tags)"),
	QD_OPT_FLAG(0, "shuffle", struct study_args, shuffle,
	            "shuffle the cards instead of due order"),
	QD_OPT_INT(0, "seed", struct study_args, seed, "N",
	           "seed for choice order and --shuffle (default: from the date)", 0, 2147483647),
	QD_OPT_FLAG(0, "cram", struct study_args, cram,
	            "every matching card, due or not; nothing is recorded"),
	QD_OPT_FLAG(0, "reverse", struct study_args, reverse,
	            "only the reversed cards (answer first) of decks and cards that have them"),
	QD_OPT_END(),
};

static int study_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_study = {
	.name = "study",
	.args = "[options] [DECK...]",
	.summary = "study the due and new cards (the default command)",
	.opts = study_opts,
	.run = study_run,
};

static int study_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct study_args a = {.new_cards = -1, .seed = -1};
	struct qd_session_opts so = {0};
	struct qd_prompt_opts po = {0};
	struct qd_collection c;
	struct qd_revlog *log = NULL;
	struct qd_prompt *prompt = NULL;
	struct qd_err err;
	struct qd_buf hist;
	char *tag_store = NULL;
	const char **tags = NULL;
	int status, n;

	n = qd_cmd_parse(ctx, &qd_cmd_study, &a, argc, argv, &status);
	if (n < 0) {
		qd_optlist_release(&a.tags);
		return status;
	}
	status = QD_EXIT_OK;
	qd_buf_init(&hist);
	if (qd_collection_load_states(ctx, n, argv + 1, &c, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	if (!a.cram && qd_revlog_open(ctx, 0, &log, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	if (a.tags.len)
		tags = qd_optlist_split(&a.tags, &so.n_tags, &tag_store);
	so.new_cards = a.new_cards;
	so.limit = a.limit;
	so.tags = tags;
	so.shuffle = a.shuffle;
	/* Without --seed, choices are shuffled differently each day. */
	so.seed = a.seed >= 0 ? (uint64_t)a.seed : (uint64_t)(ctx->now_ms / 86400000);
	so.cram = a.cram;
	so.reverse = a.reverse;

	po.terminal = ctx->in_tty && ctx->out_tty;
	po.in_fd = 0;
	po.out = ctx->out;
	if (ctx->state_dir) {
		qd_buf_addf(&hist, "%s/history", ctx->state_dir);
		po.history_path = hist.data;
	}
	po.history_max = 1000;
	if (qd_prompt_new(&po, &prompt, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	status = qd_session_run(ctx, &c.cfg, &so, &c, log, prompt);
	if (status == QD_EXIT_OK)
		status = qd_deckset_left_out(c.decks); /* a broken deck of the folder: 65 */
out:
	qd_prompt_free(prompt);
	qd_revlog_free(log);
	qd_collection_release(&c);
	qd_buf_release(&hist);
	free(tags);
	free(tag_store);
	qd_optlist_release(&a.tags);
	return status;
}

/*
 * quizdeck quiz [DECK...]: a timed quiz (src/quiz.c does the work). This
 * file parses the options, loads the collection, opens the log before the
 * first question (so an unwritable data directory is reported before the
 * learner spends ten minutes on a quiz that cannot be saved), and creates
 * the prompt. Quiz answers are kept out of the Readline history file.
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/collection.h"
#include "quizdeck/prompt.h"
#include "quizdeck/quiz.h"
#include "quizdeck/rng.h"

struct quiz_args {
	long count, total, per_question, seed;
	struct qd_optlist tags;
	const char *name;
	bool self_grade, speed_bonus, record_reviews;
};

static const struct qd_opt quiz_opts[] = {
	QD_OPT_INT('n', "count", struct quiz_args, count, "COUNT", "questions to ask (default 10)",
	           1, 10000),
	QD_OPT_INT(0, "time", struct quiz_args, total, "SECONDS", "time limit for the whole quiz",
	           1, 86400),
	QD_OPT_INT(0, "per-question", struct quiz_args, per_question, "SECONDS",
	           "time limit for each question", 1, 86400),
	QD_OPT_LIST(0, "tags", struct quiz_args, tags, "TAG",
	            "only cards with this tag (repeatable; commas separate tags)"),
	QD_OPT_INT(0, "seed", struct quiz_args, seed, "N",
	           "draw the questions with this seed (default: from the clock; printed)", 0,
	           2147483647),
	QD_OPT_STRING(0, "name", struct quiz_args, name, "NAME",
	              "the name recorded with the result (default: $USER)"),
	QD_OPT_FLAG(0, "self-grade", struct quiz_args, self_grade,
	            "also ask basic cards; you say whether you knew them"),
	QD_OPT_FLAG(0, "speed-bonus", struct quiz_args, speed_bonus,
	            "fast answers score more: 1 point at once, 1/2 at the limit"),
	QD_OPT_FLAG(0, "record-reviews", struct quiz_args, record_reviews,
	            "count the answers as reviews for the schedule"),
	QD_OPT_END(),
};

static int quiz_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_quiz = {
	.name = "quiz",
	.args = "[options] [DECK...]",
	.summary = "a timed quiz with a live countdown; the result is recorded",
	.opts = quiz_opts,
	.run = quiz_run,
};

static int quiz_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct quiz_args a = {.count = 10, .seed = -1};
	struct qd_quiz_opts qo = {0};
	struct qd_prompt_opts po = {0};
	struct qd_collection c;
	struct qd_revlog *log = NULL;
	struct qd_prompt *prompt = NULL;
	struct qd_err err;
	char *tag_store = NULL;
	const char **tags = NULL;
	int status, n;

	n = qd_cmd_parse(ctx, &qd_cmd_quiz, &a, argc, argv, &status);
	if (n < 0) {
		qd_optlist_release(&a.tags);
		return status;
	}
	if (a.speed_bonus && !a.per_question && !a.total) {
		qd_cmd_usage_error(ctx, &qd_cmd_quiz,
		                   "--speed-bonus needs a time limit (--per-question or --time)");
		qd_optlist_release(&a.tags);
		return QD_EXIT_USAGE;
	}
	status = QD_EXIT_OK;
	if (qd_collection_load(ctx, n, argv + 1, &c, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	if (qd_revlog_open(ctx, 0, &log, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	if (a.tags.len)
		tags = qd_optlist_split(&a.tags, &qo.draw.n_tags, &tag_store);
	qo.draw.tags = tags;
	qo.draw.count = (size_t)a.count;
	qo.draw.self_grade = a.self_grade;
	/* Without --seed, a short seed from the clock: short, because it is
	 * printed for a teacher to read out to a class. */
	qo.draw.seed = a.seed >= 0 ? (uint64_t)a.seed
	                           : qd_seed_mix((uint64_t)ctx->now_ms, "seed") % 1000000;
	qo.total_ms = a.total * 1000;
	qo.per_question_ms = a.per_question * 1000;
	qo.speed_bonus = a.speed_bonus;
	qo.record_reviews = a.record_reviews;
	qo.name = a.name ? a.name : ctx->user ? ctx->user : "";

	po.terminal = ctx->in_tty && ctx->out_tty;
	po.in_fd = 0;
	po.out = ctx->out;
	po.history_path = NULL;
	qo.countdown = po.terminal && !ctx->term_dumb;
	if (qd_prompt_new(&po, &prompt, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	status = qd_quiz_run(ctx, &qo, &c, log, prompt);
	if (status == QD_EXIT_OK)
		status = qd_deckset_left_out(c.decks); /* a broken deck of the folder: 65 */
out:
	qd_prompt_free(prompt);
	qd_revlog_free(log);
	qd_collection_release(&c);
	free(tags);
	free(tag_store);
	qd_optlist_release(&a.tags);
	return status;
}

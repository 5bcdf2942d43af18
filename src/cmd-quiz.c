/*
 * quizdeck quiz [DECK...] | QUIZ-FILE: a timed quiz (src/quiz.c does the
 * work). This file parses the options, reads a quiz file or turns the
 * options into the same definition (quizdeck/quizfile.h), loads the
 * collection, opens the log before the first question (so an unwritable
 * data directory is reported before the learner spends ten minutes on a
 * quiz that cannot be saved), and creates the prompt. Quiz answers are
 * kept out of the Readline history file.
 *
 * A quiz file defines the whole quiz, so the options that would change it
 * are refused beside one (a usage error rather than a quiz that differs
 * from the class's without saying so); --name and --record-reviews are the
 * learner's own and stay allowed. With --save FILE, a quiz run from options
 * is written as a quiz file instead of being run.
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/bundled.h"
#include "quizdeck/cmd.h"
#include "quizdeck/collection.h"
#include "quizdeck/fileio.h"
#include "quizdeck/prompt.h"
#include "quizdeck/quiz.h"
#include "quizdeck/quizfile.h"
#include "quizdeck/rng.h"

struct quiz_args {
	long count, total, per_question, seed; /* -1: not given */
	struct qd_optlist tags;
	const char *name, *save;
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
	QD_OPT_STRING(0, "save", struct quiz_args, save, "FILE",
	              "write this quiz as a quiz file instead of running it"),
	QD_OPT_END(),
};

static int quiz_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_quiz = {
	.name = "quiz",
	.args = "[options] [DECK...]",
	.summary = "a timed quiz with a live countdown; the result is recorded",
	.opts = quiz_opts,
	.more = "\nA DECK may instead be one quiz file (YAML with the key 'quiz'; docs/quiz.md),\n"
	        "given alone: it sets the decks, the questions, the limits and the seed, so\n"
	        "-n, --time, --per-question, --tags, --seed, --self-grade, --speed-bonus and\n"
	        "--save cannot be given with it.\n",
	.run = quiz_run,
};

/* The first option that a quiz file would contradict, or NULL. */
static const char *conflict(const struct quiz_args *a)
{
	if (a->count >= 0)
		return "-n/--count";
	if (a->total >= 0)
		return "--time";
	if (a->per_question >= 0)
		return "--per-question";
	if (a->tags.len)
		return "--tags";
	if (a->seed >= 0)
		return "--seed";
	if (a->self_grade)
		return "--self-grade";
	if (a->speed_bonus)
		return "--speed-bonus";
	if (a->save)
		return "--save";
	return NULL;
}

/* The definition the options give. */
static void spec_from_args(const struct qd_ctx *ctx, const struct quiz_args *a,
                           struct qd_quizspec *s)
{
	char *store = NULL;
	const char **words;
	int nw = 0;

	memset(s, 0, sizeof(*s));
	s->questions = a->count >= 0 ? a->count : 10;
	s->time_s = a->total >= 0 ? a->total : 0;
	s->per_question_s = a->per_question >= 0 ? a->per_question : 0;
	/* Without --seed, a short seed from the clock: short, because it is
	 * printed for a teacher to hand on. */
	s->seed = a->seed >= 0 ? (uint64_t)a->seed
	                       : qd_seed_mix((uint64_t)ctx->now_ms, "seed") % 1000000;
	s->self_grade = a->self_grade;
	s->speed_bonus = a->speed_bonus;
	if (a->tags.len) {
		words = qd_optlist_split(&a->tags, &nw, &store);
		s->tags = qd_xcalloc((size_t)nw + 1, sizeof(*s->tags));
		for (int i = 0; i < nw; i++)
			s->tags[s->n_tags++] = qd_xstrdup(words[i]);
		free(words);
		free(store);
	}
}

/* How the command line names a loaded deck: its path, or the bundled
 * deck's id. */
static const char *deck_arg(const struct qd_deck *d)
{
	const char *p = qd_deck_path(d);

	return strncmp(p, QD_BUNDLED_PREFIX, strlen(QD_BUNDLED_PREFIX)) == 0 ? qd_deck_id(d) : p;
}

/* --save: writes the quiz file for the options, after reading it back
 * through the quiz-file reader (the one home of its rules). */
static int save(struct qd_ctx *ctx, const struct qd_quizspec *spec, int n, char **args,
                const char *path)
{
	struct qd_deckset *set = NULL;
	struct qd_quizfile *qf = NULL;
	struct qd_buf yaml;
	struct qd_err err;
	char **paths;
	size_t nd = 0;
	int status = QD_EXIT_OK;

	if (qd_deckset_load(ctx, n, args, 0, &set, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		return err.status;
	}
	if (qd_deckset_left_out(set)) {
		qd_err_printf(ctx->err, ctx->prog, "%s was not written: a deck could not be loaded",
		              path);
		status = qd_deckset_left_out(set);
		qd_deckset_free(set);
		return status;
	}
	qd_buf_init(&yaml);
	paths = qd_xcalloc(qd_deckset_count(set) + 1, sizeof(*paths));
	for (size_t i = 0; i < qd_deckset_count(set); i++) {
		const struct qd_deck *d = qd_deckset_deck(set, i);
		if (strcmp(deck_arg(d), qd_deck_path(d)) != 0) {
			qd_err_printf(ctx->err, ctx->prog,
			              "error: a quiz file cannot name the bundled deck '%s': name the "
			              "decks to draw from (DECK...)",
			              qd_deck_id(d));
			status = QD_EXIT_USAGE;
			goto out;
		}
		if (!(paths[nd] = qd_quizfile_relative_path(path, qd_deck_path(d), &err))) {
			qd_err_print(ctx->err, ctx->prog, &err);
			status = err.status;
			goto out;
		}
		nd++;
	}
	if (qd_quizspec_write_yaml(&yaml, spec, (const char *const *)paths, nd, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	qf = qd_quizfile_load_mem(path, yaml.data, yaml.len);
	qd_quizfile_print(ctx->err, qf, true);
	if (qf->status != QD_EXIT_OK) {
		qd_err_printf(ctx->err, ctx->prog, "%s was not written", path);
		status = qf->status;
		goto out;
	}
	if (qd_file_write_atomic(path, yaml.data, yaml.len, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	fprintf(ctx->out, "Wrote the quiz file %s (seed %llu). Every student runs the same quiz "
	        "with:\n  quizdeck quiz %s\n", path, (unsigned long long)spec->seed, path);
out:
	qd_quizfile_free(qf);
	for (size_t i = 0; i < nd; i++)
		free(paths[i]);
	free(paths);
	qd_buf_release(&yaml);
	qd_deckset_free(set);
	return status;
}

static int quiz_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct quiz_args a = {.count = -1, .total = -1, .per_question = -1, .seed = -1};
	struct qd_quiz_opts qo = {0};
	struct qd_prompt_opts po = {0};
	struct qd_quizspec spec = {0};
	struct qd_quizfile *qf = NULL;
	struct qd_collection c = {0};
	struct qd_revlog *log = NULL;
	struct qd_prompt *prompt = NULL;
	struct qd_buf reproduce;
	struct qd_err err;
	int status, n, quiz_file = -1;

	qd_buf_init(&reproduce);
	n = qd_cmd_parse(ctx, &qd_cmd_quiz, &a, argc, argv, &status);
	if (n < 0)
		goto out_args;
	for (int i = 0; i < n && quiz_file < 0; i++)
		if (qd_quizfile_sniff(argv[i + 1]))
			quiz_file = i;
	if (quiz_file >= 0) {
		const char *opt = conflict(&a);
		if (n > 1) {
			status = qd_cmd_usage_error(ctx, &qd_cmd_quiz,
			                            "'%s' is a quiz file, which names its decks: give it "
			                            "alone",
			                            argv[quiz_file + 1]);
			goto out_args;
		}
		if (opt) {
			status = qd_cmd_usage_error(ctx, &qd_cmd_quiz,
			                            "%s cannot be given with a quiz file: '%s' sets the "
			                            "quiz",
			                            opt, argv[1]);
			goto out_args;
		}
	} else if (a.speed_bonus && a.per_question < 0 && a.total < 0) {
		status = qd_cmd_usage_error(
			ctx, &qd_cmd_quiz, "--speed-bonus needs a time limit (--per-question or --time)");
		goto out_args;
	}
	status = QD_EXIT_OK;
	if (quiz_file >= 0) {
		qf = qd_quizfile_load(argv[1]);
		qd_quizfile_print(ctx->err, qf, false);
		if (qf->status != QD_EXIT_OK) {
			qd_err_printf(ctx->err, ctx->prog, "the quiz file %s has errors: it cannot run",
			              argv[1]);
			status = qf->status;
			goto out;
		}
		if (qd_collection_load_decks(ctx, qd_quizfile_take_decks(qf), &c, &err)) {
			qd_err_print(ctx->err, ctx->prog, &err);
			status = err.status;
			goto out;
		}
		qd_quizspec_opts(&qf->spec, &qo);
		qo.quiz_file = argv[1];
		qo.title = qf->spec.title;
		qo.class_name = qf->spec.class_name;
	} else {
		spec_from_args(ctx, &a, &spec);
		if (a.save) {
			status = save(ctx, &spec, n, argv + 1, a.save);
			goto out;
		}
		if (qd_collection_load(ctx, n, argv + 1, &c, &err)) {
			qd_err_print(ctx->err, ctx->prog, &err);
			status = err.status;
			goto out;
		}
		qd_quizspec_opts(&spec, &qo);
		/* Every deck of the draw, named: the class gets these decks
		 * and nothing of their own. */
		const char **decks = qd_xcalloc(qd_deckset_count(c.decks) + 1, sizeof(*decks));
		for (size_t i = 0; i < qd_deckset_count(c.decks); i++)
			decks[i] = deck_arg(qd_deckset_deck(c.decks, i));
		qd_quizspec_command(&reproduce, &spec, decks, qd_deckset_count(c.decks));
		free(decks);
		qo.reproduce = reproduce.data;
	}
	if (qd_revlog_open(ctx, 0, &log, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
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
	qd_quizfile_free(qf);
	qd_quizspec_release(&spec);
out_args:
	qd_buf_release(&reproduce);
	qd_optlist_release(&a.tags);
	return status;
}

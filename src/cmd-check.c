/*
 * quizdeck check [--json] [--strict] [-W...] DECK...: validates decks like
 * a compiler.
 *
 * Every problem of every file is reported, sorted by position, as
 * "FILE:LINE:COL: error: MSG" (or "warning:") on stderr; with --json the
 * same diagnostics go to stdout as one JSON array and stderr stays quiet.
 * A deck that loads is then looked over for card smells (quizdeck/lint.h),
 * reported as warnings flagged with their name ("[-Wanswer-length]"), which
 * -Wno-NAME silences and --strict (-Werror) makes errors. Decks checked
 * together must not share a deck id. The exit status is the worst over all
 * files: 66 if a file could not be read or a deck id not found, else 65 if
 * any deck is invalid (or has a warning under --strict), else 0.
 *
 * A quiz file (quizdeck/quizfile.h; a YAML file with the key `quiz`) is
 * recognised by that key and checked with the decks it names: the quiz
 * file's own diagnostics and its embedded decks' under its name, each deck
 * file's under the deck's, and card smells in all of its decks.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/deckset.h"
#include "quizdeck/lint.h"
#include "quizdeck/quizfile.h"

struct check_args {
	bool json, strict;
	struct qd_optlist warn;
};

static const struct qd_opt check_opts[] = {
	QD_OPT_FLAG(0, "json", struct check_args, json, "print the diagnostics as JSON on stdout"),
	QD_OPT_FLAG(0, "strict", struct check_args, strict,
	            "treat warnings as errors (exit 65), as -Werror does"),
	QD_OPT_LIST('W', NULL, struct check_args, warn, "WARNING",
	            "-Werror as --strict; -Wno-NAME silences the card smell NAME"),
	QD_OPT_END(),
};

static const char smell_help[] =
	"\na DECK may be a quiz file (YAML with the key 'quiz'): it is checked with its decks\n"
	"\ncard smells (warnings; silence one with -Wno-NAME, or per card with 'nowarn: [NAME]'):\n"
	"  answer-length        an answer too long for its type (basic > 20 words,\n"
	"                       typed answer or cloze blank > 6, a choice > 15)\n"
	"  answer-enumeration   a basic or typed answer that is a list to recall whole\n"
	"  answer-in-question   the question or the cloze text shows the answer\n"
	"  tf-question          a true/false card phrased as a question\n"
	"  choice-kind          a distractor of another kind than the answer\n"
	"  distractor-accepted  a distractor that is a form of the right answer\n"
	"  multi-few-false      a multi card with too few false options\n"
	"  cloze-enumeration    more than two blanks in one enumeration\n"
	"  duplicate-question   the same question asked by two cards\n";

static int check_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_check = {
	.name = "check",
	.args = "[--json] [--strict] [-Werror] [-Wno-NAME] DECK...",
	.summary = "validate decks and report every problem",
	.opts = check_opts,
	.more = smell_help,
	.run = check_run,
};

/* Lints a quiz file's decks into the right lists, applies --strict, and
 * returns the status it gives. */
static int check_quizfile(struct qd_quizfile *qf, const struct qd_lint_opts *lint, bool strict)
{
	int status = qf->status;

	for (size_t i = 0; i < qf->n_decks; i++) {
		struct qd_quizfile_deck *dk = &qf->decks[i];
		struct qd_diags *d = dk->path ? &dk->diags : &qf->diags;
		if (dk->deck)
			qd_lint_deck_diags(dk->deck, lint, d);
	}
	if (strict) {
		bool warned = qf->diags.warnings > 0;
		qd_diags_promote(&qf->diags);
		for (size_t i = 0; i < qf->n_decks; i++) {
			warned = warned || qf->decks[i].diags.warnings > 0;
			qd_diags_promote(&qf->decks[i].diags);
		}
		if (warned && status == QD_EXIT_OK)
			status = QD_EXIT_DATAERR;
	}
	return status;
}

static void write_json(struct qd_buf *json, struct qd_diags *d, bool *first)
{
	qd_diags_sort(d);
	qd_diags_write_json(json, d, first);
}

static int check_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct qd_quizfile **quizzes;
	struct qd_diags *diags;
	struct qd_deck **decks;
	struct qd_buf json;
	struct qd_lint_opts lint;
	struct check_args a = {0};
	bool first = true;
	int status = QD_EXIT_OK, n;

	n = qd_cmd_parse(ctx, &qd_cmd_check, &a, argc, argv, &status);
	if (n < 0) {
		qd_optlist_release(&a.warn);
		return status;
	}
	memset(&lint, 0, sizeof(lint));
	for (int i = 0; i < a.warn.len; i++) {
		const char *w = a.warn.items[i];
		bool off = strncmp(w, "no-", 3) == 0;
		enum qd_lint_id id;
		if (strcmp(w, "error") == 0) {
			a.strict = true;
		} else if (qd_lint_parse(off ? w + 3 : w, &id) == 0) {
			lint.off[id] = off;
		} else {
			qd_cmd_usage_error(ctx, &qd_cmd_check, "unknown warning option '-W%s'", w);
			qd_optlist_release(&a.warn);
			return QD_EXIT_USAGE;
		}
	}
	qd_optlist_release(&a.warn);
	if (n == 0) {
		return qd_cmd_usage_error(ctx, &qd_cmd_check, "no deck given");
	}
	diags = qd_xcalloc((size_t)n, sizeof(*diags));
	decks = qd_xcalloc((size_t)n, sizeof(*decks));
	quizzes = qd_xcalloc((size_t)n, sizeof(*quizzes));
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
		if (!src.bundled && qd_quizfile_sniff(src.path)) {
			int st;
			quizzes[i] = qd_quizfile_load(src.path);
			qd_deck_src_release(&src);
			st = check_quizfile(quizzes[i], &lint, a.strict);
			if (st == QD_EXIT_NOINPUT || (st != QD_EXIT_OK && status == QD_EXIT_OK))
				status = st;
			continue;
		}
		if (qd_deck_src_load(&src, &decks[i], &diags[i], &err)) {
			if (err.status == QD_EXIT_NOINPUT) {
				qd_diags_add(&diags[i], QD_SEV_ERROR, 0, 0, "%s", err.msg);
				status = QD_EXIT_NOINPUT;
			} else if (status == QD_EXIT_OK) {
				status = QD_EXIT_DATAERR;
			}
		}
		qd_deck_src_release(&src);
		if (decks[i])
			qd_lint_deck_diags(decks[i], &lint, &diags[i]);
		if (a.strict && diags[i].warnings) {
			qd_diags_promote(&diags[i]);
			if (status == QD_EXIT_OK)
				status = QD_EXIT_DATAERR;
		}
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
		if (quizzes[i] && a.json) {
			write_json(&json, &quizzes[i]->diags, &first);
			for (size_t k = 0; k < quizzes[i]->n_decks; k++)
				write_json(&json, &quizzes[i]->decks[k].diags, &first);
		} else if (quizzes[i]) {
			qd_quizfile_print(ctx->err, quizzes[i], true);
		} else if (a.json) {
			write_json(&json, &diags[i], &first);
		} else {
			qd_diags_sort(&diags[i]);
			qd_diags_print(ctx->err, &diags[i]);
		}
		qd_diags_release(&diags[i]);
		qd_deck_free(decks[i]);
		qd_quizfile_free(quizzes[i]);
	}
	if (a.json)
		fprintf(ctx->out, "[%s%s]\n", json.data, first ? "" : "\n");
	qd_buf_release(&json);
	free(diags);
	free(decks);
	free(quizzes);
	return status;
}

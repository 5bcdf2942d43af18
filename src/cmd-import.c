/*
 * quizdeck import FILE... -o DECK.yaml: makes a deck of the cards of other
 * programs' files (docs/import.md): CSV and TSV (spreadsheets, Anki's text
 * export, quizdeck's own export), Quizlet exports; Anki packages are
 * recognised (by extension or zip magic) and dispatched to their reader.
 *
 * All or nothing: every file is read and every problem reported
 * (FILE:LINE:COL: error: ...) before anything is written; the deck is built
 * through the generator's deck model (quizdeck/gendeck.h), checked by
 * loading it back, and written atomically. An existing file is replaced
 * only with --force, or merged into with --update (quizdeck/importdeck.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/fileio.h"
#include "quizdeck/importdeck.h"
#include "quizdeck/textdeck.h"

#define MAX_INPUT (64 * 1024 * 1024) /* bytes of one text file */

struct import_args {
	const char *output, *deck, *title, *update, *sep, *format, *row_sep;
	bool force;
};

static const struct qd_opt import_opts[] = {
	QD_OPT_STRING('o', "output", struct import_args, output, "DECK.yaml",
	              "write the deck to DECK.yaml (atomically)"),
	QD_OPT_STRING(0, "deck", struct import_args, deck, "ID",
	              "the deck id (default: a slug of the title)"),
	QD_OPT_STRING(0, "title", struct import_args, title, "TITLE",
	              "the deck title (default: the file's deck name, or its name)"),
	QD_OPT_FLAG(0, "force", struct import_args, force, "replace DECK.yaml if it exists"),
	QD_OPT_STRING(0, "update", struct import_args, update, "DECK.yaml",
	              "merge into this deck, imported before: same ids, same cards"),
	QD_OPT_STRING(0, "sep", struct import_args, sep, "C",
	              "the field separator (a character, or tab, comma, semicolon...)"),
	QD_OPT_STRING(0, "format", struct import_args, format, "FORMAT",
	              "csv (also TSV; the default) or quizlet"),
	QD_OPT_STRING(0, "row-sep", struct import_args, row_sep, "TEXT",
	              "quizlet: the text between rows (default: a newline; \\n, \\t escapes)"),
	QD_OPT_END(),
};

static int import_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_import = {
	.name = "import",
	.args = "FILE... -o DECK.yaml [--deck ID] [--title T] [--force] [--update DECK.yaml] "
	        "[--sep C] [--format csv|quizlet] [--row-sep TEXT]",
	.summary = "make a deck of the cards of CSV, TSV and Quizlet exports",
	.opts = import_opts,
	.run = import_run,
	.more = "\nA CSV or TSV file has a header row naming its columns (q, a, type, choices,\n"
	        "accept, hint, explain, tags, id, prompt, group), or Anki's '#columns:' line,\n"
	        "or none: then its columns are q, a and tags. A Quizlet export is read with\n"
	        "--format quizlet: --sep is the text Quizlet put between term and definition\n"
	        "(default: a tab), --row-sep the text between rows (default: a newline).\n"
	        "An existing DECK.yaml is replaced only with --force; --update merges the\n"
	        "cards into it, by id, keeping the fields the files do not have. See\n"
	        "docs/import.md.\n",
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

/* Whether the file is an Anki package: by its name, or a zip's magic. */
static bool is_anki(const char *path, const struct qd_buf *data)
{
	return ends_with(path, ".apkg") || ends_with(path, ".colpkg") ||
	       (data->len >= 4 && memcmp(data->data, "PK\x03\x04", 4) == 0);
}

/* The Anki package reader's place: it appends the package's cards to im. */
static int import_anki(struct qd_ctx *ctx, const char *path, struct qd_import *im)
{
	(void)im;
	qd_err_printf(ctx->err, ctx->prog, "%s: Anki packages: not supported yet", path);
	return QD_EXIT_DATAERR;
}

/* "\n", "\t" and "\\" in a --row-sep value. Caller frees. */
static char *unescape(const char *s)
{
	struct qd_buf b;

	qd_buf_init(&b);
	for (; *s; s++) {
		if (*s == '\\' && (s[1] == 'n' || s[1] == 't' || s[1] == '\\' || s[1] == 'r')) {
			s++;
			qd_buf_addc(&b, *s == 'n' ? '\n' : *s == 't' ? '\t' : *s == 'r' ? '\r' : '\\');
		} else {
			qd_buf_addc(&b, *s);
		}
	}
	return qd_buf_detach(&b, NULL);
}

/* The name of a file without directory and extension, for a title. */
static char *stem(const char *path)
{
	const char *base = strrchr(path, '/');
	const char *dot;

	base = base ? base + 1 : path;
	dot = strrchr(base, '.');
	return qd_xstrndup(base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

static int read_file(struct qd_ctx *ctx, const char *path, const struct qd_textdeck_opts *o,
                     struct qd_import *im, size_t *errors)
{
	struct qd_buf data;
	struct qd_diags dg;
	struct qd_err err;
	int status = QD_EXIT_OK;

	qd_buf_init(&data);
	if (qd_file_read(path, MAX_INPUT, &data, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		qd_buf_release(&data);
		return err.status;
	}
	if (is_anki(path, &data)) {
		qd_buf_release(&data);
		return import_anki(ctx, path, im);
	}
	qd_diags_init(&dg, path);
	qd_diags_set_source(&dg, data.data, data.len);
	if (qd_textdeck_read(data.data, data.len, o, im, &dg))
		status = QD_EXIT_DATAERR;
	qd_diags_sort(&dg);
	qd_diags_print(ctx->err, &dg);
	*errors += dg.errors;
	qd_diags_release(&dg);
	qd_buf_release(&data);
	return status;
}

static int import_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct import_args a = {0};
	struct qd_textdeck_opts o = {QD_TEXT_CSV, 0, NULL, NULL};
	struct qd_import im;
	struct qd_deck *old = NULL;
	struct qd_gen_deck deck;
	struct qd_import_stats st;
	struct qd_err err;
	struct qd_buf yaml;
	char *row_sep = NULL, *term_sep = NULL, *fallback;
	const char *out;
	size_t errors = 0;
	int status, n;

	n = qd_cmd_parse(ctx, &qd_cmd_import, &a, argc, argv, &status);
	if (n < 0)
		return status;
	if (n == 0)
		return qd_cmd_usage_error(ctx, &qd_cmd_import, "no FILE to import");
	if (!a.output && !a.update)
		return qd_cmd_usage_error(ctx, &qd_cmd_import,
		                          "no output: give -o DECK.yaml (or --update DECK.yaml)");
	if (a.deck && !qd_slug_valid(a.deck, strlen(a.deck)))
		return qd_cmd_usage_error(ctx, &qd_cmd_import,
		                          "--deck '%s' is not a slug (lowercase letters, digits, '-')",
		                          a.deck);
	if (a.title && !a.title[0])
		return qd_cmd_usage_error(ctx, &qd_cmd_import, "--title is empty");
	if (a.format && strcmp(a.format, "quizlet") == 0)
		o.format = QD_TEXT_QUIZLET;
	else if (a.format && strcmp(a.format, "csv") != 0 && strcmp(a.format, "tsv") != 0)
		return qd_cmd_usage_error(ctx, &qd_cmd_import,
		                          "unknown --format '%s' (csv, tsv or quizlet)", a.format);
	if (a.sep && o.format == QD_TEXT_QUIZLET) {
		char c = qd_textdeck_sep_parse(a.sep);
		char one[2] = {c, '\0'};
		if (!a.sep[0])
			return qd_cmd_usage_error(ctx, &qd_cmd_import, "--sep is empty");
		o.term_sep = term_sep = c ? qd_xstrdup(one) : unescape(a.sep);
	} else if (a.sep && !(o.sep = qd_textdeck_sep_parse(a.sep))) {
		return qd_cmd_usage_error(ctx, &qd_cmd_import,
		                          "--sep '%s' is no separator: give one character, or tab, "
		                          "comma, semicolon, space, pipe or colon", a.sep);
	}
	if (a.row_sep) {
		if (!a.row_sep[0] || o.format != QD_TEXT_QUIZLET) {
			free(term_sep);
			return qd_cmd_usage_error(ctx, &qd_cmd_import, "%s",
			                          a.row_sep[0] ? "--row-sep goes with --format quizlet"
			                                       : "--row-sep is empty");
		}
		o.row_sep = row_sep = unescape(a.row_sep);
	}
	out = a.output ? a.output : a.update;
	if (!a.force && access(out, F_OK) == 0 && !(a.update && strcmp(out, a.update) == 0)) {
		free(row_sep);
		free(term_sep);
		qd_err_printf(ctx->err, ctx->prog,
		              "error: %s already exists: give --force to replace it, or --update "
		              "%s to merge the cards into it", out, out);
		return QD_EXIT_CANTCREAT;
	}
	if (a.update) {
		struct qd_diags dg;
		qd_diags_init(&dg, a.update);
		if (qd_deck_load_file(a.update, &old, &dg, &err)) {
			qd_diags_sort(&dg);
			qd_diags_print_errors(ctx->err, &dg);
			if (err.status != QD_EXIT_DATAERR || !dg.errors)
				qd_err_print(ctx->err, ctx->prog, &err);
			qd_diags_release(&dg);
			free(row_sep);
			free(term_sep);
			return err.status;
		}
		qd_diags_release(&dg);
	}
	qd_import_init(&im);
	status = QD_EXIT_OK;
	for (int i = 1; i <= n; i++) {
		int rc = read_file(ctx, argv[i], &o, &im, &errors);
		if (rc && (status == QD_EXIT_OK || rc == QD_EXIT_NOINPUT))
			status = rc;
	}
	free(row_sep);
	free(term_sep);
	if (status) {
		if (errors)
			qd_err_printf(ctx->err, ctx->prog, "nothing written: %zu error%s", errors,
			              errors == 1 ? "" : "s");
		qd_import_release(&im);
		qd_deck_free(old);
		return status;
	}
	qd_import_assign_ids(&im);
	memset(&deck, 0, sizeof(deck));
	fallback = stem(argv[1]);
	qd_buf_init(&yaml);
	if (qd_import_build(&im, old, a.deck, a.title, fallback, &deck, &st, &err) ||
	    qd_gen_deck_emit(&deck, &yaml, &err) ||
	    qd_file_write_atomic(out, yaml.data, yaml.len, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
	} else {
		fprintf(ctx->out, "%s: deck '%s', %zu card%s: %zu added, %zu updated, %zu kept\n", out,
		        deck.id, deck.n_cards, deck.n_cards == 1 ? "" : "s", st.added, st.updated,
		        st.kept);
	}
	free(fallback);
	qd_buf_release(&yaml);
	qd_gen_deck_release(&deck);
	qd_import_release(&im);
	qd_deck_free(old);
	return status;
}

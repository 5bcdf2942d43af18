/*
 * quizdeck import FILE... -o DECK.yaml: makes a deck of the cards of other
 * programs' files (docs/import.md): CSV and TSV (spreadsheets, Anki's text
 * export, quizdeck's own export), Quizlet exports, and Anki packages
 * (recognised by their extension or a zip's magic; quizdeck/anki.h,
 * docs/anki.md). A FILE "-" is standard input, text only (a package is
 * read from its file).
 *
 * All or nothing: every file is read and every problem reported
 * (FILE:LINE:COL: error: ...) before anything is written; the deck is built
 * through the generator's deck model (quizdeck/gendeck.h), checked by
 * loading it back, and written atomically. An existing file is replaced
 * only with --force, or merged into with --update (quizdeck/importdeck.h).
 *
 * --with-reviews: a package's review history goes into the review log
 * through qd_revlog_import(), as `import-reviews` appends (durable, and
 * importing again adds nothing), under the ids the cards have in the deck
 * written. The log is opened before the deck is written, so a log that
 * cannot be written stops the import with nothing written; the reviews
 * are appended after the deck, so no review names a card of a deck that
 * was not written.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "quizdeck/anki.h"
#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/deck.h"
#include "quizdeck/fileio.h"
#include "quizdeck/importdeck.h"
#include "quizdeck/revlog.h"
#include "quizdeck/strset.h"
#include "quizdeck/textdeck.h"

#define MAX_INPUT (64 * 1024 * 1024) /* bytes of one text file */
#define STDIN_NAME "<stdin>"         /* standard input ("-") in messages */

struct import_args {
	const char *output, *deck, *title, *update, *sep, *format, *row_sep;
	bool force, with_reviews;
};

static const char *const formats[] = {"csv", "tsv", "quizlet", NULL};

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
	QD_OPT_NAMES(0, "sep", struct import_args, sep, "C",
	             "the field separator (a character, or tab, comma, semicolon...)",
	             qd_textdeck_sep_names),
	QD_OPT_CHOICE(0, "format", struct import_args, format, "FORMAT",
	              "how to read the files (default: csv, which also reads TSV)", formats),
	QD_OPT_STRING(0, "row-sep", struct import_args, row_sep, "TEXT",
	              "quizlet: the text between rows (default: a newline; \\n, \\t escapes)"),
	QD_OPT_FLAG(0, "with-reviews", struct import_args, with_reviews,
	            "Anki packages: their review history too, into the review log"),
	QD_OPT_END(),
};

static int import_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_import = {
	.name = "import",
	.args = "FILE... -o DECK.yaml [--deck ID] [--title TITLE] [--force] [--update DECK.yaml] "
	        "[--sep C] [--format csv|tsv|quizlet] [--row-sep TEXT] [--with-reviews]",
	.summary = "make a deck of the cards of CSV, TSV, Quizlet and Anki exports",
	.opts = import_opts,
	.run = import_run,
	.more = "\nA CSV or TSV file has a header row naming its columns (q, a, type, choices,\n"
	        "accept, hint, explain, tags, id, prompt, group), or Anki's '#columns:' line,\n"
	        "or none: then its columns are q, a and tags. A Quizlet export is read with\n"
	        "--format quizlet: --sep is the text Quizlet put between term and definition\n"
	        "(default: a tab), --row-sep the text between rows (default: a newline).\n"
	        "An Anki package (.apkg, .colpkg) gives its cards; with --with-reviews its\n"
	        "review history goes into the review log too, as import-reviews does.\n"
	        "A FILE '-' is standard input: CSV, TSV or Quizlet text (a package needs its\n"
	        "file).\n"
	        "An existing DECK.yaml is replaced only with --force; --update merges the\n"
	        "cards into it, by id, keeping the fields the files do not have. See\n"
	        "docs/import.md.\n",
};

/* Whether a file read as text is an Anki package after all: a zip. */
static bool is_zip(const struct qd_buf *data)
{
	return data->len >= 4 && memcmp(data->data, "PK\x03\x04", 4) == 0;
}

/* The reviews of the packages, each naming its card by its index in the
 * imported cards until the cards have their final ids. */
struct pending {
	struct qd_review *r;
	size_t *card; /* r[i]'s card: an index into struct qd_import's cards */
	size_t n, cap;
	size_t packages; /* Anki packages read */
};

/* Appends the package's cards to im (their fields all given) and, when
 * asked, its reviews to pend. Warnings (what was left out) are printed. */
static int import_anki(struct qd_ctx *ctx, const char *path, bool with_reviews,
                       struct qd_import *im, struct pending *pend)
{
	struct qd_anki_opts ao = {NULL, NULL, with_reviews};
	struct qd_gen_deck gd;
	struct qd_review *rv = NULL;
	struct qd_diags dg;
	struct qd_strset index;
	struct qd_err err;
	size_t nrv = 0, base = im->n;
	const unsigned all = QD_IMPORT_Q | QD_IMPORT_A | QD_IMPORT_CHOICES | QD_IMPORT_ACCEPT |
	                     QD_IMPORT_HINT | QD_IMPORT_EXPLAIN | QD_IMPORT_TAGS |
	                     QD_IMPORT_GROUP | QD_IMPORT_PROMPT;
	int status = QD_EXIT_OK;

	memset(&gd, 0, sizeof(gd));
	memset(&index, 0, sizeof(index));
	qd_diags_init(&dg, path);
	pend->packages++;
	if (qd_anki_import(path, &ao, &gd, &rv, &nrv, &dg, &err)) {
		qd_diags_print(ctx->err, &dg);
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	qd_diags_print(ctx->err, &dg);
	if (!im->deck_name && gd.title)
		im->deck_name = qd_xstrdup(gd.title);
	if (!im->source && gd.source)
		im->source = qd_xstrdup(gd.source);
	for (size_t i = 0; i < gd.n_cards; i++) {
		struct qd_import_card *ic = qd_import_add(im);
		ic->card = gd.cards[i];
		memset(&gd.cards[i], 0, sizeof(gd.cards[i]));
		ic->have = all;
		ic->file = qd_xstrdup(path);
		qd_strset_put_n(&index, ic->card.id, strlen(ic->card.id), base + i, NULL);
	}
	for (size_t i = 0; i < nrv; i++) {
		size_t at;
		if (!qd_strset_get_n(&index, rv[i].card, strlen(rv[i].card), &at))
			continue; /* the library names only cards it gave */
		if (pend->n == pend->cap) {
			pend->cap = pend->cap ? 2 * pend->cap : 256;
			pend->r = qd_xrealloc(pend->r, pend->cap * sizeof(*pend->r));
			pend->card = qd_xrealloc(pend->card, pend->cap * sizeof(*pend->card));
		}
		pend->r[pend->n] = rv[i];
		pend->r[pend->n].deck = pend->r[pend->n].card = NULL;
		pend->card[pend->n++] = at;
	}
out:
	qd_strset_release(&index);
	free(rv);
	qd_gen_deck_release(&gd);
	qd_diags_release(&dg);
	return status;
}

/* Appends the reviews to the log under the cards' final ids (ids[i]: the
 * id of imported card i) and deck id; prints what it did. */
static int log_reviews(struct qd_ctx *ctx, struct qd_revlog *log, struct pending *pend,
                       char *const *ids, const char *deck)
{
	struct qd_diags logdg;
	struct qd_err err;
	size_t added = 0, skipped = 0;
	int status = QD_EXIT_OK;

	for (size_t i = 0; i < pend->n; i++) {
		pend->r[i].deck = deck;
		pend->r[i].card = ids[pend->card[i]];
	}
	qd_diags_init(&logdg, qd_revlog_file(log));
	if (qd_revlog_import(log, pend->r, pend->n, &added, &skipped, &logdg, &err)) {
		qd_diags_print(ctx->err, &logdg);
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		qd_err_printf(ctx->err, ctx->prog,
		              "the deck is written and %zu review%s imported before the error: "
		              "the same import with --update DECK.yaml adds the rest",
		              added, added == 1 ? "" : "s");
	} else {
		qd_diags_print(ctx->err, &logdg);
		fprintf(ctx->out, "imported %zu review%s, skipped %zu already present\n", added,
		        added == 1 ? "" : "s", skipped);
	}
	qd_diags_release(&logdg);
	return status;
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
                     bool with_reviews, struct qd_import *im, struct pending *pend,
                     size_t *errors)
{
	struct qd_buf data;
	struct qd_diags dg;
	struct qd_err err;
	bool in = strcmp(path, "-") == 0;
	int status = QD_EXIT_OK;

	if (in) {
		/* text only: a package is read from its file */
		qd_buf_init(&data);
		if (qd_file_read_fd(fileno(ctx->in), STDIN_NAME, MAX_INPUT, &data, &err)) {
			qd_err_print(ctx->err, ctx->prog, &err);
			qd_buf_release(&data);
			return err.status;
		}
		if (is_zip(&data)) {
			qd_buf_release(&data);
			return qd_cmd_usage_error(ctx, &qd_cmd_import,
			                          "an Anki package cannot be read from standard input: "
			                          "give its file");
		}
		path = STDIN_NAME;
		goto text;
	}
	if (qd_anki_is_package(path)) {
		/* read by the package reader, whatever its size */
		status = import_anki(ctx, path, with_reviews, im, pend);
		*errors += status != QD_EXIT_OK;
		return status;
	}
	qd_buf_init(&data);
	if (qd_file_read(path, MAX_INPUT, &data, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		qd_buf_release(&data);
		return err.status;
	}
	if (is_zip(&data)) {
		qd_buf_release(&data);
		status = import_anki(ctx, path, with_reviews, im, pend);
		*errors += status != QD_EXIT_OK;
		return status;
	}
text:
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
	struct pending pend;
	struct qd_revlog *log = NULL;
	char *row_sep = NULL, *term_sep = NULL, *fallback, **ids = NULL;
	size_t n_ids = 0;
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
	for (int i = 1, in = 0; i <= n; i++)
		if (strcmp(argv[i], "-") == 0 && in++)
			return qd_cmd_usage_error(ctx, &qd_cmd_import,
			                          "standard input ('-') given twice");
	if (a.title && !a.title[0])
		return qd_cmd_usage_error(ctx, &qd_cmd_import, "--title is empty");
	if (a.format && strcmp(a.format, "quizlet") == 0) /* one of formats */
		o.format = QD_TEXT_QUIZLET;
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
	memset(&pend, 0, sizeof(pend));
	status = QD_EXIT_OK;
	for (int i = 1; i <= n; i++) {
		int rc = read_file(ctx, argv[i], &o, a.with_reviews, &im, &pend, &errors);
		if (rc && (status == QD_EXIT_OK || rc == QD_EXIT_NOINPUT || rc == QD_EXIT_USAGE))
			status = rc;
		if (rc == QD_EXIT_USAGE)
			break;
	}
	free(row_sep);
	free(term_sep);
	if (!status && a.with_reviews && !pend.packages) {
		status = qd_cmd_usage_error(ctx, &qd_cmd_import,
		                            "--with-reviews goes with an Anki package (.apkg, .colpkg)");
		goto out;
	}
	if (!status && im.n == 0 && !(old && qd_deck_card_count(old))) {
		/* each file gave nothing: name them, as a file's own errors are */
		for (int i = 1; i <= n; i++) {
			qd_err_at(&err, QD_EXIT_DATAERR,
			          strcmp(argv[i], "-") == 0 ? STDIN_NAME : argv[i], 0, 0,
			          "no cards to import");
			qd_err_print(ctx->err, ctx->prog, &err);
		}
		status = QD_EXIT_DATAERR;
		goto out;
	}
	if (status) {
		if (errors)
			qd_err_printf(ctx->err, ctx->prog, "nothing written: %zu error%s", errors,
			              errors == 1 ? "" : "s");
		goto out;
	}
	qd_import_assign_ids(&im);
	/* the reviews' cards by their final ids, before the deck takes the cards */
	n_ids = im.n;
	ids = qd_xcalloc(n_ids ? n_ids : 1, sizeof(*ids));
	for (size_t i = 0; i < n_ids && pend.n; i++)
		ids[i] = qd_xstrdup(im.cards[i].card.id);
	memset(&deck, 0, sizeof(deck));
	fallback = NULL;
	for (int i = 1; i <= n && !fallback; i++)
		if (strcmp(argv[i], "-") != 0)
			fallback = stem(argv[i]);
	if (!fallback)
		fallback = qd_xstrdup("stdin");
	qd_buf_init(&yaml);
	if (qd_import_build(&im, old, a.deck, a.title, fallback, &deck, &st, &err) ||
	    qd_gen_deck_emit(&deck, &yaml, &err) ||
	    (pend.n && qd_revlog_open(ctx, 0, &log, &err)) ||
	    qd_file_write_atomic(out, yaml.data, yaml.len, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
	} else {
		fprintf(ctx->out, "%s: deck '%s', %zu card%s: %zu added, %zu updated, %zu kept\n", out,
		        deck.id, deck.n_cards, deck.n_cards == 1 ? "" : "s", st.added, st.updated,
		        st.kept);
		if (pend.n)
			status = log_reviews(ctx, log, &pend, ids, deck.id);
		else if (a.with_reviews)
			fprintf(ctx->out, "imported 0 reviews: the package has no review history of "
			                  "these cards\n");
	}
	free(fallback);
	qd_buf_release(&yaml);
	qd_gen_deck_release(&deck);
out:
	for (size_t i = 0; i < n_ids; i++)
		free(ids[i]);
	free(ids);
	free(pend.r);
	free(pend.card);
	qd_revlog_free(log);
	qd_import_release(&im);
	qd_deck_free(old);
	return status;
}

/*
 * quizdeck import-reviews [--deck DECK] FILE.csv: reads reviews in the FSRS
 * optimizer's revlog schema and appends them to the review log with mode
 * "import".
 *
 * All-or-nothing: every row is validated first and every bad row is
 * reported (FILE:LINE:COL: error: ...); a file with any error imports
 * nothing. Re-importing is harmless: qd_revlog_import() skips reviews whose
 * (deck, card, time, rating) is already in the log, under the log's lock.
 *
 * The CSV reader follows RFC 4180 (quoted fields may hold commas, quotes
 * doubled, and newlines; CRLF accepted; a UTF-8 BOM is skipped). Columns are
 * found by their header name, in any order; unknown columns are ignored so
 * exports of other tools load.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/revlog.h"

/* The option table, written once: the static copy (values NULL) serves the
 * help text; run() builds one pointing at its locals, so no option value
 * lives in a global. */
#define IMPORT_OPTS(deck)                                                              \
	{                                                                              \
		{QD_OPT_STRING, 0, "deck", deck, "DECK",                               \
		 "deck of card_ids without a 'DECK/' prefix", 0, 0},                   \
		{QD_OPT_END, 0, NULL, NULL, NULL, NULL, 0, 0},                         \
	}

static const struct qd_opt import_opts[] = IMPORT_OPTS(NULL);

static int import_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_import_reviews = {
	.name = "import-reviews",
	.args = "[--deck DECK] FILE.csv",
	.summary = "add reviews from an FSRS revlog CSV file to the review log",
	.opts = import_opts,
	.run = import_run,
};

/* One CSV field: its text (unquoted) and where it started. */
struct csv_field {
	char *s;
	int line, col;
};

struct csv_row {
	struct csv_field *f;
	size_t n, cap;
	int line;
};

static void row_clear(struct csv_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->f[i].s);
	r->n = 0;
}

/* Reads one record starting at *pos. Returns 1 with a row, 0 at the end, -1
 * on an unterminated quote (diag added). *line is the current line. */
static int csv_next(const char *d, size_t len, size_t *pos, int *line, struct csv_row *row,
                    struct qd_diags *dg)
{
	size_t i = *pos;
	size_t line_start = i;
	struct qd_buf b;

	row_clear(row);
	if (i >= len)
		return 0;
	row->line = *line;
	qd_buf_init(&b);
	/* Column numbers are bytes from the start of the field's line. */
	for (;;) {
		int fline = *line, fcol = (int)(i - line_start) + 1;
		bool quoted = i < len && d[i] == '"';

		qd_buf_reset(&b);
		if (quoted) {
			i++;
			for (;;) {
				if (i >= len) {
					qd_diags_add(dg, QD_SEV_ERROR, fline, fcol,
					             "unterminated quoted field");
					qd_buf_release(&b);
					*pos = len;
					return -1;
				}
				if (d[i] == '"') {
					if (i + 1 < len && d[i + 1] == '"') {
						qd_buf_addc(&b, '"');
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (d[i] == '\n') {
					(*line)++;
					line_start = i + 1;
				}
				qd_buf_addc(&b, d[i++]);
			}
			/* Text after the closing quote, up to the separator, is kept. */
		}
		while (i < len && d[i] != ',' && d[i] != '\n')
			qd_buf_addc(&b, d[i++]);
		if (b.len && b.data[b.len - 1] == '\r' && (i >= len || d[i] == '\n'))
			b.data[--b.len] = '\0';
		if (row->n == row->cap) {
			row->cap = row->cap ? row->cap * 2 : 8;
			row->f = qd_xrealloc(row->f, row->cap * sizeof(*row->f));
		}
		row->f[row->n].s = qd_xstrndup(b.data, b.len);
		row->f[row->n].line = fline;
		row->f[row->n].col = fcol;
		row->n++;
		if (i < len && d[i] == ',') {
			i++;
			continue;
		}
		if (i < len) { /* '\n' */
			i++;
			(*line)++;
		}
		break;
	}
	qd_buf_release(&b);
	*pos = i;
	return 1;
}

static bool row_blank(const struct csv_row *r)
{
	return r->n == 1 && r->f[0].s[0] == '\0';
}

/* Parses a non-negative decimal integer (no sign, no spaces). */
static int parse_num(const char *s, int64_t max, int64_t *out)
{
	int64_t v = 0;

	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > (max - (*s - '0')) / 10)
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 0;
}

static bool valid_id(const char *s, bool allow_slash)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c <= ' ' || c == 0x7f || (!allow_slash && c == '/'))
			return false;
	}
	return true;
}

enum { COL_CARD, COL_TIME, COL_RATING, COL_STATE, COL_DURATION, NCOLS };
static const char *const col_names[NCOLS] = {
	"card_id", "review_time", "review_rating", "review_state", "review_duration",
};

struct parsed {
	struct qd_review *r;
	size_t n, cap;
};

/* Validates one data row; appends the review to out. Ids point into the
 * row's strings, which the caller keeps alive (ownership moves to keep). */
static void parse_row(struct csv_row *row, const int *col, const char *deck,
                      struct parsed *out, char ***keep, size_t *nkeep, struct qd_diags *dg)
{
	struct qd_review r;
	size_t errors = dg->errors;
	const struct csv_field *f;
	char *dk = NULL, *cd = NULL;
	int64_t v;

	memset(&r, 0, sizeof(r));
	r.mode = QD_MODE_IMPORT;
	r.correct = QD_CORRECT_NA;
	for (int c = 0; c < NCOLS; c++) {
		if (col[c] >= 0 && (size_t)col[c] >= row->n) {
			qd_diags_add(dg, QD_SEV_ERROR, row->line, 0,
			             "row has %zu fields, but the header names '%s' as field %d",
			             row->n, col_names[c], col[c] + 1);
			return;
		}
	}
	f = &row->f[col[COL_CARD]];
	{
		char *slash = strchr(f->s, '/');
		if (slash) {
			dk = qd_xstrndup(f->s, (size_t)(slash - f->s));
			cd = qd_xstrdup(slash + 1);
			if (deck && strcmp(dk, deck) != 0)
				qd_diags_add(dg, QD_SEV_ERROR, f->line, f->col,
				             "card_id '%s' is not in deck '%s' (given by --deck)", f->s,
				             deck);
		} else if (deck) {
			dk = qd_xstrdup(deck);
			cd = qd_xstrdup(f->s);
		} else if (f->s[0]) {
			qd_diags_add(dg, QD_SEV_ERROR, f->line, f->col,
			             "card_id '%s' has no deck: write DECK/CARD or give --deck DECK",
			             f->s);
		}
		if (!f->s[0])
			qd_diags_add(dg, QD_SEV_ERROR, f->line, f->col, "empty card_id");
		else if (dk && (!valid_id(dk, false) || !valid_id(cd, true)))
			qd_diags_add(dg, QD_SEV_ERROR, f->line, f->col,
			             "card_id '%s' is not a DECK/CARD pair of ids", f->s);
	}
	f = &row->f[col[COL_TIME]];
	if (parse_num(f->s, INT64_C(253402300799999), &v)) /* up to year 9999 */
		qd_diags_add(dg, QD_SEV_ERROR, f->line, f->col,
		             "review_time '%s' is not milliseconds since 1970 (a whole number)",
		             f->s);
	else
		r.time_ms = v;
	f = &row->f[col[COL_RATING]];
	if (parse_num(f->s, 1000, &v) || v < 1 || v > 4)
		qd_diags_add(dg, QD_SEV_ERROR, f->line, f->col,
		             "review_rating '%s' is not 1, 2, 3 or 4", f->s);
	else
		r.rating = (int)v;
	if (col[COL_STATE] >= 0) {
		f = &row->f[col[COL_STATE]];
		if (f->s[0] && (parse_num(f->s, 1000, &v) || v > 4))
			qd_diags_add(dg, QD_SEV_ERROR, f->line, f->col,
			             "review_state '%s' is not 0 to 4", f->s);
	}
	if (col[COL_DURATION] >= 0) {
		f = &row->f[col[COL_DURATION]];
		if (f->s[0] && parse_num(f->s, INT64_C(1) << 40, &v))
			qd_diags_add(dg, QD_SEV_ERROR, f->line, f->col,
			             "review_duration '%s' is not milliseconds (a whole number)",
			             f->s);
		else if (f->s[0])
			r.duration_ms = v;
	}
	if (dg->errors != errors || !dk) {
		free(dk);
		free(cd);
		return;
	}
	*keep = qd_xrealloc(*keep, (*nkeep + 2) * sizeof(**keep));
	(*keep)[(*nkeep)++] = dk;
	(*keep)[(*nkeep)++] = cd;
	r.deck = dk;
	r.card = cd;
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 256;
		out->r = qd_xrealloc(out->r, out->cap * sizeof(r));
	}
	out->r[out->n++] = r;
}

static int read_file(const char *path, FILE *in, struct qd_buf *b)
{
	FILE *fp = strcmp(path, "-") == 0 ? in : fopen(path, "rb");
	char chunk[65536];
	size_t n;
	int rc = 0;

	if (!fp)
		return -1;
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		qd_buf_add(b, chunk, n);
	if (ferror(fp))
		rc = -1;
	if (fp != in)
		fclose(fp);
	return rc;
}

static int import_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct qd_buf data;
	struct qd_diags dg, logdg;
	struct csv_row row = {0};
	struct parsed out = {0};
	struct qd_revlog *log = NULL;
	struct qd_err err;
	char **keep = NULL;
	size_t nkeep = 0, pos = 0, added = 0, skipped = 0, header_errors;
	int col[NCOLS], line = 1, status, n, rc;
	const char *path, *opt_deck = NULL;
	const struct qd_opt opts[] = IMPORT_OPTS(&opt_deck);
	struct qd_cmd cmd = qd_cmd_import_reviews;

	cmd.opts = opts;
	n = qd_cmd_parse(ctx, &cmd, argc, argv, &status);
	if (n < 0)
		return status;
	if (n != 1) {
		fprintf(ctx->err, "%s import-reviews: %s\nusage: %s import-reviews %s\n", ctx->prog,
		        n ? "too many arguments" : "no CSV file given", ctx->prog,
		        qd_cmd_import_reviews.args);
		return QD_EXIT_USAGE;
	}
	path = argv[1];
	if (opt_deck && !valid_id(opt_deck, false)) {
		fprintf(ctx->err, "%s import-reviews: --deck '%s' is not a deck id\n", ctx->prog,
		        opt_deck);
		return QD_EXIT_USAGE;
	}
	qd_buf_init(&data);
	if (read_file(path, ctx->in, &data)) {
		fprintf(ctx->err, "%s: cannot read '%s': %s\n", ctx->prog, path, strerror(errno));
		qd_buf_release(&data);
		return QD_EXIT_NOINPUT;
	}
	qd_diags_init(&dg, strcmp(path, "-") == 0 ? "<stdin>" : path);
	if (data.len >= 3 && memcmp(data.data, "\xef\xbb\xbf", 3) == 0)
		pos = 3;

	for (int c = 0; c < NCOLS; c++)
		col[c] = -1;
	rc = csv_next(data.data, data.len, &pos, &line, &row, &dg);
	if (rc == 0) {
		qd_diags_add(&dg, QD_SEV_ERROR, 1, 0,
		             "empty file: expected a header row naming card_id, review_time and "
		             "review_rating");
	} else if (rc > 0) {
		for (size_t i = 0; i < row.n; i++) {
			for (int c = 0; c < NCOLS; c++) {
				if (strcmp(row.f[i].s, col_names[c]) != 0)
					continue;
				if (col[c] >= 0)
					qd_diags_add(&dg, QD_SEV_ERROR, row.f[i].line, row.f[i].col,
					             "column '%s' appears twice", col_names[c]);
				col[c] = (int)i;
			}
		}
		for (int c = 0; c <= COL_RATING; c++)
			if (col[c] < 0)
				qd_diags_add(&dg, QD_SEV_ERROR, 1, 0,
				             "the header row has no '%s' column (need card_id, "
				             "review_time, review_rating)", col_names[c]);
	}
	header_errors = dg.errors;
	while (header_errors == 0 && (rc = csv_next(data.data, data.len, &pos, &line, &row, &dg)) != 0) {
		if (rc < 0 || row_blank(&row))
			continue;
		parse_row(&row, col, opt_deck, &out, &keep, &nkeep, &dg);
	}
	/* A header error stops the scan; row errors are all collected. */
	row_clear(&row);
	free(row.f);
	qd_buf_release(&data);

	status = QD_EXIT_OK;
	if (dg.errors) {
		qd_diags_sort(&dg);
		qd_diags_print(ctx->err, &dg);
		fprintf(ctx->err, "%s: nothing imported: %zu error%s in '%s'\n", ctx->prog,
		        dg.errors, dg.errors == 1 ? "" : "s", dg.file);
		status = QD_EXIT_DATAERR;
		goto out;
	}
	if (qd_revlog_open(ctx->data_dir, 0, &log, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	qd_diags_init(&logdg, qd_revlog_file(log));
	if (qd_revlog_import(log, out.r, out.n, &added, &skipped, &logdg, &err)) {
		qd_diags_print(ctx->err, &logdg);
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
	} else {
		qd_diags_print(ctx->err, &logdg);
		fprintf(ctx->out, "imported %zu review%s, skipped %zu already present\n", added,
		        added == 1 ? "" : "s", skipped);
	}
	qd_diags_release(&logdg);
out:
	qd_revlog_free(log);
	for (size_t i = 0; i < nkeep; i++)
		free(keep[i]);
	free(keep);
	free(out.r);
	qd_diags_release(&dg);
	return status;
}

/*
 * The revlog CSV parser behind `quizdeck import-reviews` (quizdeck/csv.h).
 *
 * One pass over the bytes in memory: csv_next() cuts one RFC 4180 record
 * into fields, each remembering the line and byte column where it started,
 * so every diagnostic points at the field at fault. The header row maps
 * column names to positions; each data row is validated on its own, so all
 * bad rows of a file are reported at once. Ids are copied out of the row
 * and owned by struct qd_csv_reviews, once each, and its reviews point at
 * them.
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/csv.h"

#define csv_field qd_csv_field
#define csv_row qd_csv_row

static void row_clear(struct csv_row *r)
{
	for (size_t i = 0; i < r->n; i++)
		free(r->f[i].s);
	r->n = 0;
}

void qd_csv_row_release(struct qd_csv_row *r)
{
	row_clear(r);
	free(r->f);
	memset(r, 0, sizeof(*r));
}

static int csv_next(const char *d, size_t len, size_t *pos, int *line, struct csv_row *row,
                    struct qd_diags *dg)
{
	return qd_csv_next(d, len, ',', pos, line, row, dg);
}

int qd_csv_next(const char *d, size_t len, char sep, size_t *pos, int *line,
                struct qd_csv_row *row, struct qd_diags *dg)
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
		int nul_line = 0, nul_col = 0;
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
				if (d[i] == '\0' && !nul_line) {
					nul_line = *line;
					nul_col = (int)(i - line_start) + 1;
				}
				qd_buf_addc(&b, d[i++]);
			}
			/* Text after the closing quote, up to the separator, is kept. */
		}
		while (i < len && d[i] != sep && d[i] != '\n') {
			if (d[i] == '\0' && !nul_line) {
				nul_line = *line;
				nul_col = (int)(i - line_start) + 1;
			}
			qd_buf_addc(&b, d[i++]);
		}
		if (b.len && b.data[b.len - 1] == '\r' && (i >= len || d[i] == '\n'))
			b.data[--b.len] = '\0';
		if (row->n == row->cap) {
			row->cap = row->cap ? row->cap * 2 : 8;
			row->f = qd_xrealloc(row->f, row->cap * sizeof(*row->f));
		}
		row->f[row->n].s = qd_xstrndup(b.data, b.len);
		row->f[row->n].line = fline;
		row->f[row->n].col = fcol;
		row->f[row->n].nul_line = nul_line;
		row->f[row->n].nul_col = nul_col;
		row->n++;
		if (i < len && d[i] == sep) {
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

/* Parses a non-negative decimal integer (no sign, no spaces) up to max.
 * Returns 0, NUM_BAD for anything but digits, NUM_RANGE for digits worth
 * more than max. */
enum { NUM_BAD = -1, NUM_RANGE = -2 };

static int parse_num(const char *s, int64_t max, int64_t *out)
{
	int64_t v = 0;
	bool over = false;

	if (!*s)
		return NUM_BAD;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return NUM_BAD;
		if (over || v > (max - (*s - '0')) / 10)
			over = true;
		else
			v = v * 10 + (*s - '0');
	}
	if (over)
		return NUM_RANGE;
	*out = v;
	return 0;
}

bool qd_csv_id_valid(const char *s, bool allow_slash)
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

/* The last millisecond of year 9999: times print as four-digit years. */
#define MAX_TIME_MS INT64_C(253402300799999)
/* About 35 years: no answer takes longer. */
#define MAX_DURATION_MS (INT64_C(1) << 40)

enum { COL_CARD, COL_TIME, COL_RATING, COL_STATE, COL_DURATION, NCOLS };
static const char *const col_names[NCOLS] = {
	"card_id", "review_time", "review_rating", "review_state", "review_duration",
};

/* No field may hold a NUL byte: C strings would cut it short (an id
 * "a<NUL>b" read as "a"). Reports each such field at the byte, named by
 * its column when it is one of ours (col NULL: the header row); returns
 * true if the row has one. */
static bool row_has_nul(const struct csv_row *row, const int *col, struct qd_diags *dg)
{
	bool found = false;

	for (size_t i = 0; i < row->n; i++) {
		const struct csv_field *f = &row->f[i];
		const char *name = NULL;

		if (!f->nul_line)
			continue;
		found = true;
		for (int c = 0; col && c < NCOLS; c++)
			if (col[c] == (int)i)
				name = col_names[c];
		if (name)
			qd_diags_add(dg, QD_SEV_ERROR, f->nul_line, f->nul_col,
			             "%s holds a NUL byte (no field may hold one)", name);
		else
			qd_diags_add(dg, QD_SEV_ERROR, f->nul_line, f->nul_col,
			             "%s field %zu holds a NUL byte (no field may hold one)",
			             col ? "the row's" : "the header's", i + 1);
	}
	return found;
}

/* The id s (taken: freed here or kept) as out's one copy of it: a file of a
 * million reviews of ten thousand cards keeps ten thousand ids. */
static const char *intern(struct qd_csv_reviews *out, char *s)
{
	size_t len = strlen(s), at;

	if (qd_strset_get_n(&out->ids, s, len, &at)) {
		free(s);
		return out->strings[at];
	}
	if (out->n_strings == out->cap_strings) {
		out->cap_strings = out->cap_strings ? out->cap_strings * 2 : 64;
		out->strings = qd_xrealloc(out->strings, out->cap_strings * sizeof(*out->strings));
	}
	qd_strset_put_n(&out->ids, s, len, out->n_strings, NULL);
	out->strings[out->n_strings] = s;
	return out->strings[out->n_strings++];
}

/* Validates one data row; appends the review to out, which owns the ids. */
static void parse_row(struct csv_row *row, const int *col, const char *deck,
                      struct qd_csv_reviews *out, struct qd_diags *dg)
{
	struct qd_review r;
	size_t errors = dg->errors;
	const struct csv_field *f;
	char *dk = NULL, *cd = NULL;
	int64_t v;
	int rc;

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
		else if (dk && (!qd_csv_id_valid(dk, false) || !qd_csv_id_valid(cd, true)))
			qd_diags_add(dg, QD_SEV_ERROR, f->line, f->col,
			             "card_id '%s' is not a DECK/CARD pair of ids", f->s);
	}
	f = &row->f[col[COL_TIME]];
	rc = parse_num(f->s, MAX_TIME_MS, &v);
	if (rc == NUM_RANGE)
		qd_diags_add(dg, QD_SEV_ERROR, f->line, f->col,
		             "review_time '%s' is out of range: the latest time is %" PRId64
		             " (9999-12-31T23:59:59.999Z)", f->s, MAX_TIME_MS);
	else if (rc)
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
		rc = f->s[0] ? parse_num(f->s, MAX_DURATION_MS, &v) : 0;
		if (rc == NUM_RANGE)
			qd_diags_add(dg, QD_SEV_ERROR, f->line, f->col,
			             "review_duration '%s' is out of range: at most %" PRId64 " ms",
			             f->s, MAX_DURATION_MS);
		else if (rc)
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
	r.deck = intern(out, dk);
	r.card = intern(out, cd);
	if (out->n == out->cap) {
		out->cap = out->cap ? out->cap * 2 : 256;
		out->reviews = qd_xrealloc(out->reviews, out->cap * sizeof(r));
	}
	out->reviews[out->n++] = r;
}

void qd_csv_reviews_init(struct qd_csv_reviews *r)
{
	memset(r, 0, sizeof(*r));
}

void qd_csv_reviews_release(struct qd_csv_reviews *r)
{
	for (size_t i = 0; i < r->n_strings; i++)
		free(r->strings[i]);
	free(r->strings);
	qd_strset_release(&r->ids);
	free(r->reviews);
	qd_csv_reviews_init(r);
}

int qd_csv_reviews_parse(const char *data, size_t len, const char *deck,
                         struct qd_csv_reviews *out, struct qd_diags *dg)
{
	struct csv_row row = {0};
	size_t pos = 0, errors = dg->errors, header_errors;
	int col[NCOLS], line = 1, rc;

	if (len >= 3 && memcmp(data, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	for (int c = 0; c < NCOLS; c++)
		col[c] = -1;
	rc = csv_next(data, len, &pos, &line, &row, dg);
	if (rc == 0) {
		qd_diags_add(dg, QD_SEV_ERROR, 1, 0,
		             "empty file: expected a header row naming card_id, review_time and "
		             "review_rating");
	} else if (rc > 0 && !row_has_nul(&row, NULL, dg)) {
		for (size_t i = 0; i < row.n; i++) {
			for (int c = 0; c < NCOLS; c++) {
				if (strcmp(row.f[i].s, col_names[c]) != 0)
					continue;
				if (col[c] >= 0)
					qd_diags_add(dg, QD_SEV_ERROR, row.f[i].line, row.f[i].col,
					             "column '%s' appears twice", col_names[c]);
				col[c] = (int)i;
			}
		}
		for (int c = 0; c <= COL_RATING; c++)
			if (col[c] < 0)
				qd_diags_add(dg, QD_SEV_ERROR, 1, 0,
				             "the header row has no '%s' column (need card_id, "
				             "review_time, review_rating)", col_names[c]);
	}
	header_errors = dg->errors - errors;
	/* A header error stops the scan; row errors are all collected. */
	while (header_errors == 0 && (rc = csv_next(data, len, &pos, &line, &row, dg)) != 0) {
		if (rc < 0 || row_blank(&row) || row_has_nul(&row, col, dg))
			continue;
		parse_row(&row, col, deck, out, dg);
	}
	row_clear(&row);
	free(row.f);
	return dg->errors != errors ? -1 : 0;
}

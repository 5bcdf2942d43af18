/*
 * Reviews from a CSV file in the FSRS optimizer's revlog schema (the input
 * of `quizdeck import-reviews`, docs/log-format.md).
 *
 * The CSV reader follows RFC 4180 (quoted fields may hold commas, doubled
 * quotes and newlines; CRLF accepted; a UTF-8 BOM is skipped). Columns are
 * found by their header name, in any order; unknown columns are ignored so
 * exports of other tools load. The file is untrusted: any bytes are safe to
 * pass in (fuzz/fuzz-csv.c proves it).
 */
#ifndef QUIZDECK_CSV_H
#define QUIZDECK_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/err.h"
#include "quizdeck/revrec.h"
#include "quizdeck/strset.h"

/* The reviews of one file. All strings belong to the struct and live until
 * qd_csv_reviews_release(). */
struct qd_csv_reviews {
	struct qd_review *reviews; /* mode QD_MODE_IMPORT, correct QD_CORRECT_NA */
	size_t n, cap;
	char **strings;            /* private: the deck and card ids, each once */
	size_t n_strings, cap_strings;
	struct qd_strset ids;      /* private: id -> its index in strings */
};

void qd_csv_reviews_init(struct qd_csv_reviews *r);
void qd_csv_reviews_release(struct qd_csv_reviews *r);

/*
 * Parses data[0..len) into out (initialised by the caller). card_id is
 * DECK/CARD, or CARD alone when deck (the --deck option; may be NULL; must
 * satisfy qd_csv_id_valid(deck, false)) is given. Every problem goes to dg
 * (initialised by the caller with the file's display name) as an error
 * with FILE:LINE:COL, columns counting bytes: a header error stops the scan,
 * row errors are all collected. A NUL byte in any field is an error at the
 * byte (the row is skipped), so no id is ever cut short. Returns 0, or -1 if dg received errors (out
 * then holds the valid rows only; release it anyway).
 */
int qd_csv_reviews_parse(const char *data, size_t len, const char *deck,
                         struct qd_csv_reviews *out, struct qd_diags *dg);

/*
 * The tokenizer, for other CSV readers (quizdeck/textdeck.h): one RFC 4180
 * record of data[0..len) from *pos, fields separated by sep (',' or any
 * other byte but '"', '\n' and '\r'). A quoted field may hold sep, doubled
 * quotes and newlines; text after its closing quote is kept; a CR before a
 * record's LF is dropped. Each field remembers the line and byte column
 * where it started. Returns 1 with the fields in row (replacing what it
 * held), 0 at the end of the data, -1 on a quoted field that never closes
 * (an error at its quote in dg; *pos is then len). *line counts lines
 * (start at 1).
 */
struct qd_csv_field {
	char *s;               /* the text, unquoted (owned by the row) */
	int line, col;
	int nul_line, nul_col; /* its first NUL byte (0 if none): s stops there */
};

struct qd_csv_row {
	struct qd_csv_field *f;
	size_t n, cap;
	int line; /* where the record starts */
};

int qd_csv_next(const char *data, size_t len, char sep, size_t *pos, int *line,
                struct qd_csv_row *row, struct qd_diags *dg);
/* Frees the row's fields and array; the row is empty and reusable. */
void qd_csv_row_release(struct qd_csv_row *row);

/* True if s is a non-empty id with no byte <= ' ', no DEL and (unless
 * allow_slash) no '/'. */
bool qd_csv_id_valid(const char *s, bool allow_slash);

#endif

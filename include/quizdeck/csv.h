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

/* True if s is a non-empty id with no byte <= ' ', no DEL and (unless
 * allow_slash) no '/'. */
bool qd_csv_id_valid(const char *s, bool allow_slash);

#endif

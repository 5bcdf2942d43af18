/*
 * Cards from text files: CSV and TSV (spreadsheets, Anki's text export
 * with its `#` headers, quizdeck's own export) and Quizlet exports, for
 * `quizdeck import` (docs/import.md).
 *
 * CSV/TSV: RFC 4180 records (quizdeck/csv.h's tokenizer); a UTF-8 BOM
 * skipped; CRLF and CR inside fields read as newlines. Leading lines
 * `#key:value` are Anki's headers: separator (comma, semicolon, tab,
 * space, pipe, colon or the character itself), html (true/false), tags
 * (added to every card), columns (the column names), notetype, deck, and
 * `notetype column`, `deck column`, `tags column`, `guid column` (1-based).
 * After such headers, a line starting with '#' is a comment, as Anki reads
 * it. The separator is the option's, else the header's, else sniffed from
 * the first record: a tab if it has one, else ';' if it has more ';' than
 * ',', else ','.
 *
 * Columns are named by `#columns:` or by a first row whose fields are all
 * column names (q, a, type, choices, accept, hint, explain, tags, id,
 * prompt, group, notetype, deck, guid; also question, answer, front,
 * back, term, definition), in any order and case; otherwise they are
 * positional: q, a, tags, or, with Anki's column headers, the meta columns
 * where those say and the notes' fields (q, a) in the others.
 *
 * Quizlet: no quoting; rows end at row_sep (a newline by default, a CR
 * before it dropped), term and definition are split at the first term_sep
 * (a tab by default); both may be any text, as Quizlet's custom
 * separators are.
 */
#ifndef QUIZDECK_TEXTDECK_H
#define QUIZDECK_TEXTDECK_H

#include <stddef.h>

#include "quizdeck/err.h"
#include "quizdeck/importdeck.h"

enum qd_text_format { QD_TEXT_CSV, QD_TEXT_QUIZLET };

struct qd_textdeck_opts {
	enum qd_text_format format;
	char sep;             /* CSV: between fields; 0: from the file */
	const char *term_sep; /* Quizlet: between term and definition; NULL: a tab */
	const char *row_sep;  /* Quizlet: between rows; NULL: a newline */
};

/*
 * Reads the cards of data[0..len) into im (each with file = dg's file
 * name and its line). Every problem goes to dg as an error at
 * FILE:LINE:COL (a header error stops the file; row errors are all
 * collected), each card checked by the deck loader. Returns 0, or -1 if
 * dg received errors.
 */
int qd_textdeck_read(const char *data, size_t len, const struct qd_textdeck_opts *opts,
                     struct qd_import *im, struct qd_diags *dg);

/* Parses a separator's name or character (Anki's #separator: values, and
 * \t for a tab); returns it, or 0 if it is none. */
char qd_textdeck_sep_parse(const char *s);
/* The names qd_textdeck_sep_parse() knows ("comma", "tab"...), NULL-ended:
 * import's --sep offers them. */
extern const char *const qd_textdeck_sep_names[];

#endif

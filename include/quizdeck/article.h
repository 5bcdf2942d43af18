/*
 * Articles: the plain-text shape quizdeck gen turns into decks (described
 * precisely in docs/article-format.md):
 *
 *   TITLE
 *   Last updated: DATE                       (optional)
 *   Quick Answer: TEXT                       (optional)
 *   Key Facts
 *   SECTION HEADING / one or more paragraphs (repeated)
 *   Related Questions
 *   QUESTION?  / one or more answer paragraphs (repeated)
 *   Sources
 *   1. TITLE [LICENCE]                       (repeated)
 *
 * The parser is tolerant of the ways real files vary (CRLF, a BOM, curly
 * quotes, odd spaces, missing optional parts) and strict about structure:
 * every problem is reported with its 1-based line and column.
 *
 * Text in the model is normalised: lines of a paragraph are joined with one
 * space, runs of spaces collapse, curly quotes become ASCII quotes and
 * Unicode spaces become ASCII spaces; dashes and other characters are kept.
 * Every string is valid UTF-8 without control characters.
 */
#ifndef QUIZDECK_ARTICLE_H
#define QUIZDECK_ARTICLE_H

#include <stddef.h>

#include "quizdeck/err.h"
#include "quizdeck/limits.h" /* QD_ARTICLE_MAX_BYTES */

#define QD_ARTICLE_MAX_LINE 20000    /* bytes in one line */
#define QD_ARTICLE_MAX_PARTS 200     /* sections, questions or sources */
#define QD_ARTICLE_MAX_PARAS 50      /* paragraphs in one section or answer */

struct qd_article_para {
	char *text;
	int line, col; /* where the paragraph starts */
};

struct qd_article_section {
	char *heading;
	int line, col;
	struct qd_article_para *paras;
	size_t n_paras;
};

struct qd_article_question {
	char *question; /* ends with '?' */
	int line, col;
	struct qd_article_para *paras; /* the answer; at least one */
	size_t n_paras;
};

struct qd_article_source {
	char *title;
	char *licence; /* NULL when the entry names none */
	int line, col;
};

/* A parsed article; everything is owned by it and freed by qd_article_free. */
struct qd_article {
	char *name; /* the display name used in messages */
	char *title;
	int title_line;
	char *updated; /* the text after "Last updated:", or NULL */
	char *quick;   /* the quick answer, or NULL */
	int quick_line, quick_col;
	struct qd_article_section *sections;
	size_t n_sections;
	struct qd_article_question *questions;
	size_t n_questions;
	struct qd_article_source *sources;
	size_t n_sources;
};

/* Parses an article held in memory. name is used in messages. Returns the
 * article (caller frees with qd_article_free), or NULL with err set to
 * NAME:LINE:COL and status QD_EXIT_DATAERR. */
struct qd_article *qd_article_parse(const char *name, const char *data, size_t len,
                                    struct qd_err *err);
/* Reads and parses a file. NULL with err status QD_EXIT_NOINPUT if it cannot
 * be read, QD_EXIT_DATAERR if it is not a valid article. */
struct qd_article *qd_article_load(const char *path, struct qd_err *err);
void qd_article_free(struct qd_article *a);

#endif

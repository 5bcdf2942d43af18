/*
 * Errors as values, and lists of diagnostics.
 *
 * A function that can fail returns 0 on success and -1 on failure, and fills
 * the caller's struct qd_err with where (file, 1-based line and column; 0
 * when unknown) and what. Only main() turns an error into an exit status.
 *
 * A struct qd_diags collects every problem of one input (a deck, a settings
 * file, an article) so a tool can report them all, as a compiler does; given
 * the input's text, it shows each problem's source line with a caret under
 * the column, as gcc, clang and rustc do.
 *
 * Every diagnostic reaches the terminal through this module's printers,
 * which sanitise it: file names, deck text and CSV fields are untrusted.
 */
#ifndef QUIZDECK_ERR_H
#define QUIZDECK_ERR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "quizdeck/buf.h"
#include "quizdeck/exit.h"

#define QD_ERR_MSG_MAX 512
#define QD_ERR_FILE_MAX 512

struct qd_err {
	char file[QD_ERR_FILE_MAX]; /* "" when the error is not about a file */
	int line, col;              /* 1-based; 0 when unknown */
	int status;                 /* suggested exit status (enum qd_exit) */
	char msg[QD_ERR_MSG_MAX];   /* lowercase, no trailing newline */
};

/* Fills err (which may be NULL) and returns -1, so callers can write
 * `return qd_err_set(err, QD_EXIT_DATAERR, "...", ...);`. */
int qd_err_set(struct qd_err *err, int status, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int qd_err_at(struct qd_err *err, int status, const char *file, int line, int col,
              const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Like qd_err_set, with ": strerror(errno_value)" appended. */
int qd_err_errno(struct qd_err *err, int status, int errno_value, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void qd_err_clear(struct qd_err *err);

/* Prints "prog: file:line:col: error: msg" (parts omitted when unknown),
 * sanitised as qd_diags_print() does. */
void qd_err_print(FILE *fp, const char *prog, const struct qd_err *err);
/* Prints "prog: MSG" and a newline (prog may be NULL), sanitised the same
 * way: for the few messages that are no struct qd_err but may quote a file
 * name or another untrusted string. */
void qd_err_printf(FILE *fp, const char *prog, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

enum qd_severity { QD_SEV_ERROR, QD_SEV_WARNING };

struct qd_diag {
	enum qd_severity sev;
	int line, col;
	char *msg;        /* owned */
	const char *flag; /* a warning's -W name ("answer-length"), static; or NULL */
	bool promoted;    /* an error only because warnings were made errors */
	size_t kind;      /* index into the list's kinds */
	char *note;       /* owned: a "note:" line printed after it, or NULL */
};

/*
 * A kind of diagnostic: one call site's message pattern (its format
 * string), severity and flag. A hostile input can make one mistake tens of
 * thousands of times (an alias on every line); the list keeps the first
 * QD_DIAGS_PER_KIND of each kind, and QD_DIAGS_MAX in all (but at least
 * one of each kind), and counts the rest as omitted, so the printers end
 * with one note per kind:
 * "FILE: note: and 63,900 more errors like \"...\"". The counts errors and
 * warnings include the omitted ones.
 */
#define QD_DIAGS_PER_KIND 100
#define QD_DIAGS_MAX 1000

struct qd_diag_kind {
	const char *fmt;  /* borrowed: the caller's format string (a literal) */
	const char *flag; /* as in struct qd_diag */
	enum qd_severity sev;
	bool promoted;
	size_t kept, omitted;
};

/* Every diagnostic of one file, in the order found (sorted on print). */
struct qd_diags {
	char *file;            /* owned; the name shown in messages */
	struct qd_diag *items; /* owned; the diagnostics kept */
	size_t len, cap;
	size_t errors, warnings; /* all found, kept or omitted */
	struct qd_diag_kind *kinds; /* owned */
	size_t n_kinds, cap_kinds;
	size_t omitted;             /* found but not kept */
	char *src;                  /* owned: the file's text, or NULL (no source lines) */
	size_t src_len;
	char *src_path;             /* owned: a file read again for source lines, or NULL */
	unsigned long long src_dev, src_ino, src_size; /* ... as it was when parsed */
	long long src_mtime_sec;
	long src_mtime_nsec;
	struct qd_diag *last;       /* the one added last if kept (for its note), or NULL */
};

void qd_diags_init(struct qd_diags *d, const char *file);
void qd_diags_release(struct qd_diags *d);
/*
 * Keeps a copy of data[0..len), the text of the file the diagnostics are
 * about, so the printers can show each diagnostic's source line (replacing
 * any text set before). Lines end at LF, CRLF, CR, NEL, U+2028 or U+2029, as
 * libyaml counts them; a UTF-8 byte order mark at the start is skipped, as
 * the YAML reader skips it before counting columns.
 */
void qd_diags_set_source(struct qd_diags *d, const char *data, size_t len);
/* The same without a copy: the list takes data (from malloc, with a NUL at
 * data[len]) and frees it with itself. */
void qd_diags_take_source(struct qd_diags *d, char *data, size_t len);
/*
 * The source is the regular file open at fd, named path, not kept in
 * memory: it is read again only when its lines are needed (a diagnostic
 * with a line is printed), and only if it is still the file that was
 * parsed (the same device, inode, size and modification time); if it
 * changed or cannot be read, diagnostics are printed without source lines.
 * Replaces any text set before.
 */
void qd_diags_set_source_file(struct qd_diags *d, const char *path, int fd);
/* The text of the source: the text kept, or the file read again as above
 * (then *to_free is set to it, for the caller to free; else NULL). NULL
 * when there is none. */
const char *qd_diags_source_text(const struct qd_diags *d, size_t *len, char **to_free);
/*
 * The one way to add a diagnostic: at line:col (1-based; 0 when unknown),
 * with a -W name flag (a static string, printed as " [-Wflag]") or NULL, and
 * a prefix put before the message (the context a module adds, such as a
 * deck loader's "card 'borrow-1': ") or NULL. fmt must be a string literal
 * (it names the diagnostic's kind, see above); untrusted text goes in the
 * arguments.
 */
void qd_diags_vadd(struct qd_diags *d, enum qd_severity sev, int line, int col,
                   const char *flag, const char *prefix, const char *fmt, va_list ap);
void qd_diags_add(struct qd_diags *d, enum qd_severity sev, int line, int col,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void qd_diags_add_flag(struct qd_diags *d, enum qd_severity sev, int line, int col,
                       const char *flag, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void qd_diags_add_prefix(struct qd_diags *d, enum qd_severity sev, int line, int col,
                         const char *flag, const char *prefix, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));
/* Attaches a note to the diagnostic added last (if it was kept, and
 * replacing any note it had): printed after it as "FILE:LINE:COL: note:
 * NOTE", and in JSON as its "note". For what a diagnostic cannot say in
 * its own words, such as a parser's original message. */
void qd_diags_note(struct qd_diags *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Makes every warning an error (check --strict / -Werror). */
void qd_diags_promote(struct qd_diags *d);
/* Moves every diagnostic of from to the end of d, as if each had been added
 * to d after those already there (the same ones kept, the same counts), and
 * releases from. Diagnostics found out of order (a deck's cards, read
 * before the deck's own keys are) are kept aside in a list of their own and
 * appended where they belong. */
void qd_diags_append(struct qd_diags *d, struct qd_diags *from);
/* Stable sort by line, then column. */
void qd_diags_sort(struct qd_diags *d);
/*
 * "FILE:LINE:COL: error: MSG" lines, a flag shown as " [-Wflag]" (or
 * " [-Werror=flag]" when promoted), then one "FILE: note: and N more errors
 * like \"MSG\"" line for each kind with omitted diagnostics. The file name
 * and the messages are sanitised for the terminal (qd_text_sanitize, with
 * tabs and newlines in caret notation too), so a line is one line.
 * _errors leaves the warnings out (and their notes).
 *
 * When the list has its file's text (qd_diags_set_source) and the line is
 * in it, a diagnostic is followed by its source line and a caret under the
 * column:
 *
 *     deck.yaml:7:4: error: ...
 *      7 |    a: the indentation
 *        |    ^
 *
 * The source line is sanitised the same way, with tabs expanded to the next
 * multiple of 8 columns; the caret's place counts display columns (a CJK
 * character or an emoji takes two, a combining mark none). A line wider
 * than QD_DIAGS_SOURCE_WIDTH columns is cut around the column with "…" on
 * the side(s) cut. A diagnostic without a line, or with a line or column
 * beyond the text, gets no source; so do the notes on omitted diagnostics.
 * A diagnostic's own note (qd_diags_note) follows its source.
 */
#define QD_DIAGS_SOURCE_WIDTH 80
void qd_diags_print(FILE *fp, const struct qd_diags *d);
void qd_diags_print_errors(FILE *fp, const struct qd_diags *d);
/*
 * Appends the same diagnostics to out as JSON objects, each preceded by
 * ",\n  " (or "\n  " while *first, which it then clears):
 * {"file", "line", "column", "severity", "message"[, "flag"][, "note"]}
 * (no source lines: JSON is for programs, which have the file); a kind's
 * omitted diagnostics as one object with "severity": "note", the note's
 * message, "omitted": N and the kind's "flag". Line and column are 0 when
 * unknown.
 */
void qd_diags_write_json(struct qd_buf *out, const struct qd_diags *d, bool *first);
/* Copies the first error (or warning) into err; returns -1 if there was an error. */
int qd_diags_to_err(const struct qd_diags *d, struct qd_err *err);

#endif

/*
 * Errors as values, and lists of diagnostics.
 *
 * A function that can fail returns 0 on success and -1 on failure, and fills
 * the caller's struct qd_err with where (file, 1-based line and column; 0
 * when unknown) and what. Only main() turns an error into an exit status.
 *
 * A struct qd_diags collects every problem of one input (a deck, a settings
 * file, an article) so a tool can report them all, as a compiler does.
 */
#ifndef QUIZDECK_ERR_H
#define QUIZDECK_ERR_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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

/* Prints "prog: file:line:col: error: msg" (parts omitted when unknown). */
void qd_err_print(FILE *fp, const char *prog, const struct qd_err *err);

enum qd_severity { QD_SEV_ERROR, QD_SEV_WARNING };

struct qd_diag {
	enum qd_severity sev;
	int line, col;
	char *msg;        /* owned */
	const char *flag; /* a warning's -W name ("answer-length"), static; or NULL */
	bool promoted;    /* an error only because warnings were made errors */
};

/* Every diagnostic of one file, in the order found (sorted on print). */
struct qd_diags {
	char *file;            /* owned; the name shown in messages */
	struct qd_diag *items; /* owned */
	size_t len, cap;
	size_t errors, warnings;
};

void qd_diags_init(struct qd_diags *d, const char *file);
void qd_diags_release(struct qd_diags *d);
void qd_diags_add(struct qd_diags *d, enum qd_severity sev, int line, int col,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* The same with a -W name (a static string), printed as " [-Wflag]". */
void qd_diags_add_flag(struct qd_diags *d, enum qd_severity sev, int line, int col,
                       const char *flag, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));
void qd_diags_vadd(struct qd_diags *d, enum qd_severity sev, int line, int col,
                   const char *flag, const char *fmt, va_list ap);
/* Makes every warning an error (check --strict / -Werror). */
void qd_diags_promote(struct qd_diags *d);
/* Stable sort by line, then column. */
void qd_diags_sort(struct qd_diags *d);
/* "FILE:LINE:COL: error: MSG" lines, a flag shown as " [-Wflag]" (or
 * " [-Werror=flag]" when promoted). */
void qd_diags_print(FILE *fp, const struct qd_diags *d);
/* Copies the first error (or warning) into err; returns -1 if there was an error. */
int qd_diags_to_err(const struct qd_diags *d, struct qd_err *err);

#endif

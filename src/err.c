/*
 * Errors as values and diagnostic lists; see quizdeck/err.h.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/err.h"

static void err_vset(struct qd_err *err, int status, const char *fmt, va_list ap)
{
	err->status = status;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
}

int qd_err_set(struct qd_err *err, int status, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	err->file[0] = '\0';
	err->line = err->col = 0;
	va_start(ap, fmt);
	err_vset(err, status, fmt, ap);
	va_end(ap);
	return -1;
}

int qd_err_at(struct qd_err *err, int status, const char *file, int line, int col,
              const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	err_vset(err, status, fmt, ap);
	va_end(ap);
	return -1;
}

int qd_err_errno(struct qd_err *err, int status, int errno_value, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	if (!err)
		return -1;
	err->file[0] = '\0';
	err->line = err->col = 0;
	va_start(ap, fmt);
	err_vset(err, status, fmt, ap);
	va_end(ap);
	n = strlen(err->msg);
	snprintf(err->msg + n, sizeof(err->msg) - n, ": %s", strerror(errno_value));
	return -1;
}

void qd_err_clear(struct qd_err *err)
{
	memset(err, 0, sizeof(*err));
}

void qd_err_print(FILE *fp, const char *prog, const struct qd_err *err)
{
	if (prog)
		fprintf(fp, "%s: ", prog);
	if (err->file[0]) {
		fputs(err->file, fp);
		if (err->line > 0) {
			fprintf(fp, ":%d", err->line);
			if (err->col > 0)
				fprintf(fp, ":%d", err->col);
		}
		fputs(": ", fp);
	}
	fprintf(fp, "error: %s\n", err->msg[0] ? err->msg : "unknown error");
}

void qd_diags_init(struct qd_diags *d, const char *file)
{
	memset(d, 0, sizeof(*d));
	d->file = qd_xstrdup(file ? file : "");
}

void qd_diags_release(struct qd_diags *d)
{
	for (size_t i = 0; i < d->len; i++)
		free(d->items[i].msg);
	free(d->items);
	free(d->file);
	memset(d, 0, sizeof(*d));
}

void qd_diags_vadd(struct qd_diags *d, enum qd_severity sev, int line, int col,
                   const char *flag, const char *fmt, va_list ap)
{
	struct qd_buf b;

	if (d->len == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = qd_xrealloc(d->items, d->cap * sizeof(*d->items));
	}
	qd_buf_init(&b);
	qd_buf_vaddf(&b, fmt, ap);
	d->items[d->len].sev = sev;
	d->items[d->len].line = line;
	d->items[d->len].col = col;
	d->items[d->len].msg = qd_buf_detach(&b, NULL);
	d->items[d->len].flag = flag;
	d->items[d->len].promoted = false;
	d->len++;
	if (sev == QD_SEV_ERROR)
		d->errors++;
	else
		d->warnings++;
}

void qd_diags_add(struct qd_diags *d, enum qd_severity sev, int line, int col,
                  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	qd_diags_vadd(d, sev, line, col, NULL, fmt, ap);
	va_end(ap);
}

void qd_diags_add_flag(struct qd_diags *d, enum qd_severity sev, int line, int col,
                       const char *flag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	qd_diags_vadd(d, sev, line, col, flag, fmt, ap);
	va_end(ap);
}

void qd_diags_promote(struct qd_diags *d)
{
	for (size_t i = 0; i < d->len; i++) {
		if (d->items[i].sev != QD_SEV_WARNING)
			continue;
		d->items[i].sev = QD_SEV_ERROR;
		d->items[i].promoted = true;
		d->warnings--;
		d->errors++;
	}
}

void qd_diags_sort(struct qd_diags *d)
{
	/* Insertion sort: stable, and lists are short. */
	for (size_t i = 1; i < d->len; i++) {
		struct qd_diag x = d->items[i];
		size_t j = i;
		while (j > 0 && (d->items[j - 1].line > x.line ||
		                 (d->items[j - 1].line == x.line && d->items[j - 1].col > x.col))) {
			d->items[j] = d->items[j - 1];
			j--;
		}
		d->items[j] = x;
	}
}

void qd_diags_print(FILE *fp, const struct qd_diags *d)
{
	for (size_t i = 0; i < d->len; i++) {
		const struct qd_diag *g = &d->items[i];
		fputs(d->file, fp);
		if (g->line > 0)
			fprintf(fp, ":%d:%d", g->line, g->col > 0 ? g->col : 1);
		fprintf(fp, ": %s: %s", g->sev == QD_SEV_ERROR ? "error" : "warning", g->msg);
		if (g->flag)
			fprintf(fp, " [-W%s%s]", g->promoted ? "error=" : "", g->flag);
		fputc('\n', fp);
	}
}

int qd_diags_to_err(const struct qd_diags *d, struct qd_err *err)
{
	const struct qd_diag *first = NULL;

	for (size_t i = 0; i < d->len && !first; i++)
		if (d->items[i].sev == QD_SEV_ERROR)
			first = &d->items[i];
	if (!first)
		return 0;
	qd_err_at(err, QD_EXIT_DATAERR, d->file, first->line, first->col, "%s", first->msg);
	if (d->errors > 1 && err) {
		size_t n = strlen(err->msg);
		snprintf(err->msg + n, sizeof(err->msg) - n, " (and %zu more)", d->errors - 1);
	}
	return -1;
}

/*
 * Growable byte buffers.
 *
 * Invariant: after qd_buf_init, data is never NULL and data[len] == '\0', so
 * a buffer is always a valid C string (it may also hold NUL bytes within
 * len). Allocation failure aborts: quizdeck holds small data, and an
 * out-of-memory process cannot do anything useful for the learner.
 */
#ifndef QUIZDECK_BUF_H
#define QUIZDECK_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct qd_buf {
	char *data;
	size_t len, cap;
};

void qd_buf_init(struct qd_buf *b);
void qd_buf_release(struct qd_buf *b);
void qd_buf_reset(struct qd_buf *b); /* len = 0, keeps the memory */
void qd_buf_grow(struct qd_buf *b, size_t extra);
void qd_buf_add(struct qd_buf *b, const void *data, size_t len);
void qd_buf_adds(struct qd_buf *b, const char *s);
void qd_buf_addc(struct qd_buf *b, char c);
void qd_buf_addf(struct qd_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void qd_buf_vaddf(struct qd_buf *b, const char *fmt, va_list ap);
/* Appends s as a JSON string literal, quotes included. */
void qd_buf_add_json(struct qd_buf *b, const char *s, size_t len);
/* Returns the data (caller frees) and leaves b empty but initialised. */
char *qd_buf_detach(struct qd_buf *b, size_t *len);

/* Allocation helpers that abort on failure. */
void *qd_xmalloc(size_t n);
void *qd_xcalloc(size_t n, size_t size);
void *qd_xrealloc(void *p, size_t n);
char *qd_xstrdup(const char *s);
char *qd_xstrndup(const char *s, size_t n);

#endif

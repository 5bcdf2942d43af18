/*
 * Growable buffers and allocation helpers; see quizdeck/buf.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"

static void oom(void)
{
	fputs("quizdeck: out of memory\n", stderr);
	abort();
}

void *qd_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *qd_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *qd_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *qd_xstrdup(const char *s)
{
	return qd_xstrndup(s, strlen(s));
}

char *qd_xstrndup(const char *s, size_t n)
{
	char *p = qd_xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

static char empty_buf[1];

void qd_buf_init(struct qd_buf *b)
{
	b->data = empty_buf;
	b->len = b->cap = 0;
}

void qd_buf_release(struct qd_buf *b)
{
	if (b->cap)
		free(b->data);
	qd_buf_init(b);
}

void qd_buf_reset(struct qd_buf *b)
{
	b->len = 0;
	if (b->cap)
		b->data[0] = '\0';
}

void qd_buf_grow(struct qd_buf *b, size_t extra)
{
	size_t need = b->len + extra + 1;
	size_t cap;

	if (need <= b->cap)
		return;
	cap = b->cap ? b->cap : 32;
	while (cap < need)
		cap *= 2;
	if (b->cap) {
		b->data = qd_xrealloc(b->data, cap);
	} else {
		b->data = qd_xmalloc(cap);
		b->data[0] = '\0';
	}
	b->cap = cap;
}

void qd_buf_add(struct qd_buf *b, const void *data, size_t len)
{
	qd_buf_grow(b, len);
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void qd_buf_adds(struct qd_buf *b, const char *s)
{
	qd_buf_add(b, s, strlen(s));
}

void qd_buf_addc(struct qd_buf *b, char c)
{
	qd_buf_add(b, &c, 1);
}

void qd_buf_vaddf(struct qd_buf *b, const char *fmt, va_list ap)
{
	va_list ap2;
	int n;

	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return;
	qd_buf_grow(b, (size_t)n);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void qd_buf_addf(struct qd_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	qd_buf_vaddf(b, fmt, ap);
	va_end(ap);
}

void qd_buf_add_json(struct qd_buf *b, const char *s, size_t len)
{
	qd_buf_addc(b, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '"': qd_buf_adds(b, "\\\""); break;
		case '\\': qd_buf_adds(b, "\\\\"); break;
		case '\n': qd_buf_adds(b, "\\n"); break;
		case '\t': qd_buf_adds(b, "\\t"); break;
		case '\r': qd_buf_adds(b, "\\r"); break;
		default:
			if (c < 0x20 || c == 0x7f)
				qd_buf_addf(b, "\\u%04x", c);
			else
				qd_buf_addc(b, (char)c);
		}
	}
	qd_buf_addc(b, '"');
}

char *qd_buf_detach(struct qd_buf *b, size_t *len)
{
	char *p;

	if (len)
		*len = b->len;
	if (!b->cap)
		p = qd_xstrdup("");
	else
		p = b->data;
	qd_buf_init(b);
	return p;
}

/*
 * Errors as values and diagnostic lists; see quizdeck/err.h.
 *
 * This is the one place diagnostics are written: every line goes through
 * write_line(), which sanitises the whole line (file names, deck text and
 * CSV fields are untrusted) with tabs and newlines made visible, so a
 * diagnostic is exactly one line whatever it quotes.
 *
 * Kinds are found by a linear search: there are as many as there are call
 * sites that reported something for this file (a handful), however many
 * diagnostics each made.
 *
 * Source lines are shown from the file's text the list keeps: the callers
 * that add diagnostics after parsing (the deck and settings loaders, the
 * linter) no longer have the text, and one list is printed once, so the
 * list owns it rather than borrowing it for a lifetime every caller must
 * respect. A file read whole is handed over (qd_diags_take_source), not
 * copied; text in memory is copied. A deck loaded from a file keeps not
 * even that (a deck may be tens of megabytes): only the file's name and
 * identity, and the file is read again if a source line is printed.
 * The caret's place is found by walking the line character by character
 * (in code points, as libyaml counts columns) and summing the display
 * width of what each character is shown as: the text after sanitising it,
 * a tab's expansion.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/err.h"
#include "quizdeck/fileio.h"
#include "quizdeck/text.h"

/* Fills err (if any) and returns -1, for `return qd_err_set(...)`. */
static int err_vset(struct qd_err *err, int status, const char *file, int line, int col,
                    const char *fmt, va_list ap)
{
	if (!err)
		return -1;
	snprintf(err->file, sizeof(err->file), "%s", file ? file : "");
	err->line = line;
	err->col = col;
	err->status = status;
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	return -1;
}

int qd_err_set(struct qd_err *err, int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(err, status, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return -1;
}

int qd_err_at(struct qd_err *err, int status, const char *file, int line, int col,
              const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(err, status, file, line, col, fmt, ap);
	va_end(ap);
	return -1;
}

int qd_err_errno(struct qd_err *err, int status, int errno_value, const char *fmt, ...)
{
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	err_vset(err, status, NULL, 0, 0, fmt, ap);
	va_end(ap);
	if (!err)
		return -1;
	n = strlen(err->msg);
	snprintf(err->msg + n, sizeof(err->msg) - n, ": %s", strerror(errno_value));
	return -1;
}

void qd_err_clear(struct qd_err *err)
{
	memset(err, 0, sizeof(*err));
}

/* Writes line (without its newline) sanitised, then a newline. */
static void write_line(FILE *fp, const struct qd_buf *line)
{
	struct qd_buf clean;

	qd_buf_init(&clean);
	qd_text_sanitize(&clean, line->data, line->len, QD_SANITIZE_VISIBLE);
	qd_buf_addc(&clean, '\n');
	fwrite(clean.data, 1, clean.len, fp);
	qd_buf_release(&clean);
}

/* "file:line:col: " (parts left out when unknown). */
static void add_position(struct qd_buf *b, const char *file, int line, int col)
{
	if (!file || !file[0])
		return;
	qd_buf_adds(b, file);
	if (line > 0) {
		qd_buf_addf(b, ":%d", line);
		if (col > 0)
			qd_buf_addf(b, ":%d", col);
	}
	qd_buf_adds(b, ": ");
}

void qd_err_print(FILE *fp, const char *prog, const struct qd_err *err)
{
	struct qd_buf b;

	qd_buf_init(&b);
	if (prog)
		qd_buf_addf(&b, "%s: ", prog);
	add_position(&b, err->file, err->line, err->col);
	qd_buf_addf(&b, "error: %s", err->msg[0] ? err->msg : "unknown error");
	write_line(fp, &b);
	qd_buf_release(&b);
}

void qd_err_printf(FILE *fp, const char *prog, const char *fmt, ...)
{
	struct qd_buf b;
	va_list ap;

	qd_buf_init(&b);
	if (prog)
		qd_buf_addf(&b, "%s: ", prog);
	va_start(ap, fmt);
	qd_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	write_line(fp, &b);
	qd_buf_release(&b);
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
	for (size_t i = 0; i < d->len; i++)
		free(d->items[i].note);
	free(d->items);
	free(d->kinds);
	free(d->file);
	free(d->src);
	free(d->src_path);
	memset(d, 0, sizeof(*d));
}

static void clear_source(struct qd_diags *d)
{
	free(d->src);
	d->src = NULL;
	d->src_len = 0;
	free(d->src_path);
	d->src_path = NULL;
}

void qd_diags_set_source(struct qd_diags *d, const char *data, size_t len)
{
	clear_source(d);
	d->src = qd_xmalloc(len + 1);
	memcpy(d->src, data, len);
	d->src[len] = '\0';
	d->src_len = len;
}

void qd_diags_take_source(struct qd_diags *d, char *data, size_t len)
{
	clear_source(d);
	d->src = data;
	d->src_len = len;
}

void qd_diags_set_source_file(struct qd_diags *d, const char *path, int fd)
{
	struct stat st;

	clear_source(d);
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	d->src_path = qd_xstrdup(path);
	d->src_dev = (unsigned long long)st.st_dev;
	d->src_ino = (unsigned long long)st.st_ino;
	d->src_size = (unsigned long long)st.st_size;
	d->src_mtime_sec = (long long)st.st_mtim.tv_sec;
	d->src_mtime_nsec = st.st_mtim.tv_nsec;
}

static bool same_file(const struct qd_diags *d, const struct stat *st)
{
	return S_ISREG(st->st_mode) && (unsigned long long)st->st_dev == d->src_dev &&
	       (unsigned long long)st->st_ino == d->src_ino &&
	       (unsigned long long)st->st_size == d->src_size &&
	       (long long)st->st_mtim.tv_sec == d->src_mtime_sec &&
	       st->st_mtim.tv_nsec == d->src_mtime_nsec;
}

const char *qd_diags_source_text(const struct qd_diags *d, size_t *len, char **to_free)
{
	struct qd_buf b;
	struct qd_err e;
	struct stat st;
	int fd;

	*to_free = NULL;
	*len = 0;
	if (d->src) {
		*len = d->src_len;
		return d->src;
	}
	if (!d->src_path || (fd = qd_file_open(d->src_path, &e)) < 0)
		return NULL;
	qd_buf_init(&b);
	if (fstat(fd, &st) != 0 || !same_file(d, &st) ||
	    qd_file_read_fd(fd, d->src_path, (size_t)d->src_size, &b, &e) ||
	    b.len != d->src_size || fstat(fd, &st) != 0 || !same_file(d, &st)) {
		close(fd);
		qd_buf_release(&b);
		return NULL;
	}
	close(fd);
	*to_free = qd_buf_detach(&b, len);
	return *to_free;
}

void qd_diags_note(struct qd_diags *d, const char *fmt, ...)
{
	struct qd_buf b;
	va_list ap;

	if (!d->last)
		return;
	qd_buf_init(&b);
	va_start(ap, fmt);
	qd_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	free(d->last->note);
	d->last->note = qd_buf_detach(&b, NULL);
}

static bool same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static size_t kind_of(struct qd_diags *d, enum qd_severity sev, const char *flag,
                      const char *fmt)
{
	struct qd_diag_kind *k;

	for (size_t i = 0; i < d->n_kinds; i++)
		if (d->kinds[i].sev == sev && same(d->kinds[i].fmt, fmt) &&
		    same(d->kinds[i].flag, flag))
			return i;
	if (d->n_kinds == d->cap_kinds) {
		d->cap_kinds = d->cap_kinds ? d->cap_kinds * 2 : 8;
		d->kinds = qd_xrealloc(d->kinds, d->cap_kinds * sizeof(*d->kinds));
	}
	k = &d->kinds[d->n_kinds];
	memset(k, 0, sizeof(*k));
	k->fmt = fmt;
	k->flag = flag;
	k->sev = sev;
	return d->n_kinds++;
}

/* Counts one diagnostic of kind; returns the slot to fill in, or NULL when
 * the kind or the list is full and it is only counted. */
static struct qd_diag *slot(struct qd_diags *d, size_t kind)
{
	struct qd_diag *g;

	d->last = NULL;
	if (d->kinds[kind].sev == QD_SEV_ERROR)
		d->errors++;
	else
		d->warnings++;
	/* Each kind keeps at least one, which its note quotes and
	 * qd_diags_to_err() can copy. */
	if (d->kinds[kind].kept >= QD_DIAGS_PER_KIND ||
	    (d->len >= QD_DIAGS_MAX && d->kinds[kind].kept > 0)) {
		d->kinds[kind].omitted++;
		d->omitted++;
		return NULL;
	}
	d->kinds[kind].kept++;
	if (d->len == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 8;
		d->items = qd_xrealloc(d->items, d->cap * sizeof(*d->items));
	}
	g = &d->items[d->len++];
	g->kind = kind;
	g->promoted = false;
	g->note = NULL;
	d->last = g;
	return g;
}

void qd_diags_vadd(struct qd_diags *d, enum qd_severity sev, int line, int col,
                   const char *flag, const char *prefix, const char *fmt, va_list ap)
{
	struct qd_diag *g = slot(d, kind_of(d, sev, flag, fmt));
	struct qd_buf b;

	if (!g)
		return;
	qd_buf_init(&b);
	if (prefix)
		qd_buf_adds(&b, prefix);
	qd_buf_vaddf(&b, fmt, ap);
	g->sev = sev;
	g->line = line;
	g->col = col;
	g->msg = qd_buf_detach(&b, NULL);
	g->flag = flag;
}

void qd_diags_append(struct qd_diags *d, struct qd_diags *from)
{
	/* What from kept, in order, as if added to d now: a diagnostic from
	 * omitted would be omitted by d too (d's counts are never lower). */
	for (size_t i = 0; i < from->len; i++) {
		struct qd_diag *s = &from->items[i];
		const struct qd_diag_kind *k = &from->kinds[s->kind];
		struct qd_diag *g = slot(d, kind_of(d, k->sev, k->flag, k->fmt));

		if (!g) {
			free(s->msg);
			free(s->note);
			continue;
		}
		g->sev = s->sev;
		g->line = s->line;
		g->col = s->col;
		g->msg = s->msg;
		g->flag = s->flag;
		g->promoted = s->promoted;
		g->note = s->note;
	}
	from->len = 0;
	for (size_t i = 0; i < from->n_kinds; i++) {
		const struct qd_diag_kind *k = &from->kinds[i];
		size_t kind;

		if (!k->omitted)
			continue;
		kind = kind_of(d, k->sev, k->flag, k->fmt);
		d->kinds[kind].omitted += k->omitted;
		d->omitted += k->omitted;
		if (k->sev == QD_SEV_ERROR)
			d->errors += k->omitted;
		else
			d->warnings += k->omitted;
	}
	d->last = NULL;
	qd_diags_release(from);
}

void qd_diags_add(struct qd_diags *d, enum qd_severity sev, int line, int col,
                  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	qd_diags_vadd(d, sev, line, col, NULL, NULL, fmt, ap);
	va_end(ap);
}

void qd_diags_add_flag(struct qd_diags *d, enum qd_severity sev, int line, int col,
                       const char *flag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	qd_diags_vadd(d, sev, line, col, flag, NULL, fmt, ap);
	va_end(ap);
}

void qd_diags_add_prefix(struct qd_diags *d, enum qd_severity sev, int line, int col,
                         const char *flag, const char *prefix, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	qd_diags_vadd(d, sev, line, col, flag, prefix, fmt, ap);
	va_end(ap);
}

void qd_diags_promote(struct qd_diags *d)
{
	for (size_t i = 0; i < d->n_kinds; i++) {
		struct qd_diag_kind *k = &d->kinds[i];
		if (k->sev != QD_SEV_WARNING)
			continue;
		k->sev = QD_SEV_ERROR;
		k->promoted = true;
		d->warnings -= k->kept + k->omitted;
		d->errors += k->kept + k->omitted;
	}
	for (size_t i = 0; i < d->len; i++) {
		if (d->items[i].sev != QD_SEV_WARNING)
			continue;
		d->items[i].sev = QD_SEV_ERROR;
		d->items[i].promoted = true;
	}
}

void qd_diags_sort(struct qd_diags *d)
{
	/* Insertion sort: stable, and lists are short (at most QD_DIAGS_MAX)
	 * and mostly in order already. */
	d->last = NULL;
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

static const char *sev_name(enum qd_severity sev)
{
	return sev == QD_SEV_ERROR ? "error" : "warning";
}

/* " [-Wflag]" or " [-Werror=flag]". */
static void add_flag(struct qd_buf *b, const char *flag, bool promoted)
{
	if (flag)
		qd_buf_addf(b, " [-W%s%s]", promoted ? "error=" : "", flag);
}

/* n with thousands separators: 63,900. */
static void add_count(struct qd_buf *b, size_t n)
{
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%zu", n);

	for (int i = 0; i < len; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			qd_buf_addc(b, ',');
		qd_buf_addc(b, digits[i]);
	}
}

/* The note for kind k: "and 63,900 more errors like "MSG" [-Wflag]", MSG
 * being the last diagnostic of the kind that is shown. */
static void add_note(struct qd_buf *b, const struct qd_diags *d, size_t k)
{
	const struct qd_diag_kind *kind = &d->kinds[k];
	const char *like = NULL;

	for (size_t i = 0; i < d->len; i++)
		if (d->items[i].kind == k)
			like = d->items[i].msg;
	qd_buf_adds(b, "and ");
	add_count(b, kind->omitted);
	qd_buf_addf(b, " more %s%s", sev_name(kind->sev), kind->omitted == 1 ? "" : "s");
	if (like)
		qd_buf_addf(b, " like \"%s\"", like);
	add_flag(b, kind->flag, kind->promoted);
}

/* ---- source lines ---- */

/* Bytes in the character at s[0..n): a well-formed UTF-8 sequence, else 1
 * (shown as U+FFFD, one column). */
static size_t char_len(const unsigned char *s, size_t n)
{
	size_t len;

	if (s[0] < 0xC2 || s[0] > 0xF4)
		return 1;
	len = s[0] < 0xE0 ? 2 : s[0] < 0xF0 ? 3 : 4;
	if (len > n)
		return 1;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xC0) != 0x80)
			return 1;
	return len;
}

/* A place in a source line: byte offset, character index and display
 * column (from the line's start, tabs expanded). */
struct walk {
	size_t off, idx, col;
};

/* Appends (when out is not NULL) how the character at s[w->off] is shown,
 * and returns its length in bytes; *width gets its display columns. A
 * printable ASCII character is itself; a tab, spaces to the next multiple
 * of 8; anything else is sanitised as messages are and measured. */
static size_t show_char(struct qd_buf *out, struct qd_buf *tmp, const char *s, size_t n,
                        const struct walk *w, size_t *width)
{
	unsigned char c = (unsigned char)s[w->off];
	size_t k;

	if (c >= 0x20 && c < 0x7f) {
		if (out)
			qd_buf_addc(out, (char)c);
		*width = 1;
		return 1;
	}
	if (c == '\t') {
		*width = 8 - w->col % 8;
		for (size_t j = 0; out && j < *width; j++)
			qd_buf_addc(out, ' ');
		return 1;
	}
	k = char_len((const unsigned char *)s + w->off, n - w->off);
	qd_buf_reset(tmp);
	qd_text_sanitize(tmp, s + w->off, k, QD_SANITIZE_VISIBLE);
	*width = qd_text_width(tmp->data, tmp->len);
	if (out)
		qd_buf_add(out, tmp->data, tmp->len);
	return k;
}

static void walk_step(struct qd_buf *tmp, const char *s, size_t n, struct walk *w)
{
	size_t width;

	w->off += show_char(NULL, tmp, s, n, w, &width);
	w->idx++;
	w->col += width;
}

/* Where the printer is in the source: diagnostics come sorted by line and
 * column, so each search goes on from the last one instead of starting
 * over (1,000 diagnostics on one 1 MiB line stay linear). caret and from
 * walk the line the last diagnostic was on: to its column, and to the
 * start of what was shown of the line (which only moves forward too). */
struct src_cursor {
	const char *src; /* the text, src_len bytes */
	size_t src_len;
	int line;   /* 1-based number of the line starting at off */
	size_t off;
	size_t end; /* where that line ends (its break), once found; else 0 */
	int walked; /* the line caret and from are on, or 0 */
	struct walk caret, from;
	size_t from_ws; /* from is the first character at or after this column */
	struct qd_buf tmp; /* scratch for one character */
};

static void cursor_start(struct src_cursor *c)
{
	c->line = 1;
	c->off = c->src_len >= 3 && memcmp(c->src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	c->end = 0;
	c->walked = 0;
}

/* Finds line (1-based) of d's text: its start and length without the
 * break. False when the text has no such line (the empty "line" after a
 * final line break is none). */
static bool find_line(struct src_cursor *c, int line, const char **start, size_t *len)
{
	if (line < c->line)
		cursor_start(c);
	while (c->off < c->src_len && (c->line < line || !c->end)) {
		size_t i, k = 0;
		for (i = c->off; i < c->src_len; i++)
			if ((k = qd_text_line_break(c->src, c->src_len, i)))
				break;
		c->end = i;
		if (c->line == line)
			break;
		c->off = i + k;
		c->end = 0;
		c->line++;
	}
	if (c->line != line || c->off >= c->src_len)
		return false;
	*start = c->src + c->off;
	*len = c->end - c->off;
	return true;
}

/*
 * Writes " LINE | TEXT" and "      | ^" (through write_line) for column col
 * (1-based; 0 counts as 1) of the line s[0..n): nothing when col is beyond
 * the line's end (one past its last character is allowed: a caret after
 * the text). Only a line wider than QD_DIAGS_SOURCE_WIDTH is cut: to
 * room columns around the caret, with "…" on each side cut.
 */
static void show_source(FILE *fp, struct src_cursor *cur, int line, int col, const char *s,
                        size_t n)
{
	const struct walk start = {0, 0, 0};
	size_t want = col > 0 ? (size_t)col - 1 : 0, room = QD_DIAGS_SOURCE_WIDTH - 2, total = 0, ws,
	       we, width;
	struct walk probe, w;
	struct qd_buf out;
	bool total_known;

	if (cur->walked != line || cur->caret.idx > want) {
		cur->walked = line;
		cur->caret = cur->from = start;
		cur->from_ws = 0;
	}
	while (cur->caret.idx < want && cur->caret.off < n)
		walk_step(&cur->tmp, s, n, &cur->caret);
	if (cur->caret.idx < want)
		return;
	/* How far the line goes past the caret, up to what could be shown. */
	probe = cur->caret;
	while (probe.off < n && probe.col <= cur->caret.col + room)
		walk_step(&cur->tmp, s, n, &probe);
	total_known = probe.off >= n;
	if (total_known)
		total = probe.col;
	if (total_known && total <= QD_DIAGS_SOURCE_WIDTH) {
		ws = 0;
		we = total;
	} else {
		ws = cur->caret.col > room / 2 ? cur->caret.col - room / 2 : 0;
		if (total_known && ws + room > total)
			ws = total - room;
		we = ws + room;
	}
	if (ws < cur->from_ws) {
		cur->from = start;
		cur->from_ws = 0;
	}
	while (cur->from.off < n && cur->from.col < ws)
		walk_step(&cur->tmp, s, n, &cur->from);
	cur->from_ws = ws;

	qd_buf_init(&out);
	qd_buf_addf(&out, " %d | ", line);
	if (cur->from.idx > 0)
		qd_buf_adds(&out, "\xE2\x80\xA6");
	w = cur->from;
	while (w.off < n) {
		size_t len = out.len, k = show_char(&out, &cur->tmp, s, n, &w, &width);
		if (w.col + width > we) {
			out.len = len; /* past the window: taken back */
			break;
		}
		w.off += k;
		w.idx++;
		w.col += width;
	}
	if (w.off < n)
		qd_buf_adds(&out, "\xE2\x80\xA6");
	write_line(fp, &out);
	qd_buf_reset(&out);
	qd_buf_addf(&out, " %*s | %*s^", snprintf(NULL, 0, "%d", line), "",
	            (int)((cur->from.idx > 0 ? 1 : 0) + cur->caret.col - cur->from.col), "");
	write_line(fp, &out);
	qd_buf_release(&out);
}

static void print(FILE *fp, const struct qd_diags *d, bool warnings)
{
	struct src_cursor cur = {0};
	struct qd_buf b;
	char *to_free = NULL;
	bool fetched = false;

	qd_buf_init(&b);
	qd_buf_init(&cur.tmp);
	for (size_t i = 0; i < d->len; i++) {
		const struct qd_diag *g = &d->items[i];
		const char *text;
		size_t len;

		if (!warnings && g->sev != QD_SEV_ERROR)
			continue;
		qd_buf_reset(&b);
		qd_buf_adds(&b, d->file);
		if (g->line > 0)
			qd_buf_addf(&b, ":%d:%d", g->line, g->col > 0 ? g->col : 1);
		qd_buf_addf(&b, ": %s: %s", sev_name(g->sev), g->msg);
		add_flag(&b, g->flag, g->promoted);
		write_line(fp, &b);
		/* The text is fetched for the first line shown (a file may
		 * have to be read again). */
		if (g->line > 0 && !fetched) {
			fetched = true;
			cur.src = qd_diags_source_text(d, &cur.src_len, &to_free);
			if (cur.src)
				cursor_start(&cur);
		}
		if (cur.src && g->line > 0 && find_line(&cur, g->line, &text, &len))
			show_source(fp, &cur, g->line, g->col, text, len);
		if (g->note) {
			qd_buf_reset(&b);
			qd_buf_adds(&b, d->file);
			if (g->line > 0)
				qd_buf_addf(&b, ":%d:%d", g->line, g->col > 0 ? g->col : 1);
			qd_buf_addf(&b, ": note: %s", g->note);
			write_line(fp, &b);
		}
	}
	for (size_t k = 0; k < d->n_kinds; k++) {
		if (!d->kinds[k].omitted || (!warnings && d->kinds[k].sev != QD_SEV_ERROR))
			continue;
		qd_buf_reset(&b);
		if (d->file[0])
			qd_buf_addf(&b, "%s: ", d->file);
		qd_buf_adds(&b, "note: ");
		add_note(&b, d, k);
		write_line(fp, &b);
	}
	qd_buf_release(&cur.tmp);
	qd_buf_release(&b);
	free(to_free);
}

void qd_diags_print(FILE *fp, const struct qd_diags *d)
{
	print(fp, d, true);
}

void qd_diags_print_errors(FILE *fp, const struct qd_diags *d)
{
	print(fp, d, false);
}

static void json_head(struct qd_buf *out, const struct qd_diags *d, bool *first, int line,
                      int col, const char *sev)
{
	qd_buf_adds(out, *first ? "\n  {\"file\": " : ",\n  {\"file\": ");
	qd_buf_add_json(out, d->file, strlen(d->file));
	qd_buf_addf(out, ", \"line\": %d, \"column\": %d, \"severity\": \"%s\", \"message\": ",
	            line, col, sev);
	*first = false;
}

void qd_diags_write_json(struct qd_buf *out, const struct qd_diags *d, bool *first)
{
	struct qd_buf note;

	for (size_t i = 0; i < d->len; i++) {
		const struct qd_diag *g = &d->items[i];
		json_head(out, d, first, g->line, g->line > 0 ? (g->col > 0 ? g->col : 1) : 0,
		          sev_name(g->sev));
		qd_buf_add_json(out, g->msg, strlen(g->msg));
		if (g->flag) {
			qd_buf_adds(out, ", \"flag\": ");
			qd_buf_add_json(out, g->flag, strlen(g->flag));
		}
		if (g->note) {
			qd_buf_adds(out, ", \"note\": ");
			qd_buf_add_json(out, g->note, strlen(g->note));
		}
		qd_buf_adds(out, "}");
	}
	qd_buf_init(&note);
	for (size_t k = 0; k < d->n_kinds; k++) {
		const struct qd_diag_kind *kind = &d->kinds[k];
		if (!kind->omitted)
			continue;
		qd_buf_reset(&note);
		add_note(&note, d, k);
		json_head(out, d, first, 0, 0, "note");
		qd_buf_add_json(out, note.data, note.len);
		qd_buf_addf(out, ", \"omitted\": %zu", kind->omitted);
		if (kind->flag) {
			qd_buf_adds(out, ", \"flag\": ");
			qd_buf_add_json(out, kind->flag, strlen(kind->flag));
		}
		qd_buf_adds(out, "}");
	}
	qd_buf_release(&note);
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

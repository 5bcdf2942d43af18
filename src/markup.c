/*
 * Card text formatting; see quizdeck/markup.h for the subset.
 *
 * Design choices:
 *   - Render after sanitising: the text is made safe first
 *     (qd_text_sanitize), then read for markup, so no byte of the deck can
 *     become an escape sequence and every SGR written is ours. The plain
 *     form (for grading) reads the raw text with the same rules.
 *   - A marker that does not close is text, never an error: a deck that
 *     means "2*3" or "a ` b" shows what it says.
 *   - Linear time: the search for a closing marker remembers, per marker,
 *     the position after which none exists, so "*a *a *a ..." or a line of
 *     lone backticks costs one scan, not one per opener; emphasis nests one
 *     level of each kind at most, so recursion is bounded.
 *   - Layout reuses qd_text_wrap(): the inline styles are SGR sequences it
 *     measures as zero columns and carries across its line breaks, so widths
 *     count what is shown. Bullets hang their continuation lines; code
 *     block lines are written as they are.
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/markup.h"
#include "quizdeck/text.h"

#define MAX_TICKS 32 /* a longer run of backticks is text */

enum mode { RENDER, PLAIN };

struct emit {
	struct qd_buf *out;
	enum mode mode;
	bool color;
	unsigned base;
};

/* Closing-marker memo of one inline run: fail_code[n] / fail_star[k] is a
 * position from which no closer of that marker exists (len + 1: unknown). */
struct memo {
	size_t fail_code[MAX_TICKS + 1];
	size_t fail_star[3];
};

static void memo_init(struct memo *m, size_t len)
{
	for (size_t i = 0; i <= MAX_TICKS; i++)
		m->fail_code[i] = len + 1;
	for (size_t i = 0; i < 3; i++)
		m->fail_star[i] = len + 1;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* Letters and digits; any byte of a multi-byte character counts as a
 * letter (emphasis inside a word is never markup, in any script). */
static bool is_alnum(char c)
{
	unsigned char u = (unsigned char)c;
	return (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z') || u >= 0x80;
}

static size_t run_of(const char *s, size_t len, size_t i, char c)
{
	size_t j = i;
	while (j < len && s[j] == c)
		j++;
	return j - i;
}

static void emit_text(struct emit *e, unsigned style, const char *p, size_t n)
{
	unsigned st = e->base | style;

	if (n == 0)
		return;
	if (e->mode == RENDER && e->color && st) {
		qd_style_open(e->out, true, st);
		qd_buf_add(e->out, p, n);
		qd_style_close(e->out, true, st);
	} else {
		qd_buf_add(e->out, p, n);
	}
}

/* The start of the closing run of exactly n backticks for an opening run
 * ending at i, or len when there is none. */
static size_t code_close(const char *s, size_t len, size_t i, size_t n, struct memo *m)
{
	if (n > MAX_TICKS || i >= m->fail_code[n])
		return len;
	for (size_t j = i; j < len;) {
		size_t r;
		if (s[j] != '`') {
			j++;
			continue;
		}
		r = run_of(s, len, j, '`');
		if (r == n)
			return j;
		j += r;
	}
	m->fail_code[n] = i;
	return len;
}

/* Whether the run of k stars at j (exactly k) can open / close emphasis. */
static bool can_open(const char *s, size_t len, size_t start, size_t j, size_t k)
{
	return j + k < len && !is_space(s[j + k]) && (j == start || !is_alnum(s[j - 1]));
}

static bool can_close(const char *s, size_t len, size_t j, size_t k)
{
	return j > 0 && !is_space(s[j - 1]) && (j + k >= len || !is_alnum(s[j + k]));
}

/* The start of the run of exactly k stars closing an emphasis opened before
 * i, skipping code spans and escapes, or len. */
static size_t star_close(const char *s, size_t len, size_t i, size_t k, struct memo *m)
{
	if (i >= m->fail_star[k])
		return len;
	for (size_t j = i; j < len;) {
		size_t r;
		if (s[j] == '\\' && j + 1 < len && (s[j + 1] == '`' || s[j + 1] == '*')) {
			j += 2;
		} else if (s[j] == '`') {
			size_t c;
			r = run_of(s, len, j, '`');
			c = code_close(s, len, j + r, r, m);
			j = c < len ? c + r : j + r;
		} else if (s[j] == '*') {
			r = run_of(s, len, j, '*');
			if (r == k && j > i && can_close(s, len, j, k))
				return j;
			j += r;
		} else {
			j++;
		}
	}
	m->fail_star[k] = i;
	return len;
}

enum { ALLOW_BOLD = 1, ALLOW_ITALIC = 2 };

/* Renders s[0..len) (one paragraph or item) with the inline markup. */
static void inline_run(struct emit *e, const char *s, size_t len, unsigned style, unsigned allow)
{
	struct memo m;
	size_t text = 0; /* start of the pending literal text */

	memo_init(&m, len);
	for (size_t i = 0; i < len;) {
		char c = s[i];

		if (c == '\\' && i + 1 < len && (s[i + 1] == '`' || s[i + 1] == '*')) {
			emit_text(e, style, s + text, i - text);
			text = i + 1; /* the marker itself is text */
			i += 2;
		} else if (c == '`') {
			size_t r = run_of(s, len, i, '`'), close = code_close(s, len, i + r, r, &m);
			size_t a = i + r, b = close;
			if (close == len) {
				i += r;
				continue;
			}
			emit_text(e, style, s + text, i - text);
			if (e->mode == RENDER && !e->color) {
				emit_text(e, style, s + i, close + r - i); /* backticks kept */
			} else {
				if (b - a >= 2 && s[a] == ' ' && s[b - 1] == ' ')
					a++, b--;
				emit_text(e, style | (e->mode == RENDER ? QD_STYLE_CYAN : 0), s + a,
				          b - a);
			}
			i = text = close + r;
		} else if (c == '*') {
			size_t r = run_of(s, len, i, '*'), close;
			unsigned need = r == 2 ? ALLOW_BOLD : ALLOW_ITALIC;
			if (r > 2 || !(allow & need) || !can_open(s, len, 0, i, r) ||
			    (close = star_close(s, len, i + r, r, &m)) == len) {
				i += r;
				continue;
			}
			emit_text(e, style, s + text, i - text);
			inline_run(e, s + i + r, close - i - r,
			           style | (r == 2 ? QD_STYLE_BOLD : QD_STYLE_ITALIC), allow & ~need);
			i = text = close + r;
		} else {
			i++;
		}
	}
	emit_text(e, style, s + text, len - text);
}

/* ---- blocks ---- */

struct line {
	const char *p;
	size_t n;
};

/* Splits s at '\n' into an array of lines (borrowed). */
static struct line *split_lines(const char *s, size_t len, size_t *count)
{
	size_t n = 1, k = 0;
	struct line *l;
	const char *p = s, *end = s + len;

	for (size_t i = 0; i < len; i++)
		n += s[i] == '\n';
	l = qd_xcalloc(n, sizeof(*l));
	for (;;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		l[k].p = p;
		l[k].n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		k++;
		if (!nl)
			break;
		p = nl + 1;
	}
	*count = k;
	return l;
}

static size_t lead_spaces(const struct line *l)
{
	size_t i = 0;
	while (i < l->n && l->p[i] == ' ')
		i++;
	return i;
}

/* The number of backticks of a fence line (0 when it is not one); an
 * opening fence may have an info word without backticks, a closing one
 * nothing but spaces. */
static size_t fence_len(const struct line *l, bool closing)
{
	size_t sp = lead_spaces(l), r;

	if (sp > 3)
		return 0;
	r = run_of(l->p, l->n, sp, '`');
	if (r < 3)
		return 0;
	for (size_t i = sp + r; i < l->n; i++)
		if (l->p[i] == '`' || (closing && l->p[i] != ' '))
			return 0;
	return r;
}

/* The offset of a bullet item's text ("- x", "* x"), or 0. */
static size_t bullet_at(const struct line *l)
{
	size_t sp = lead_spaces(l);

	if (sp <= 3 && sp + 1 < l->n && (l->p[sp] == '-' || l->p[sp] == '*') &&
	    l->p[sp + 1] == ' ')
		return sp + 2;
	return 0;
}

/* The line that closes the fence opened at lines[i], or n. */
static size_t fence_end(const struct line *lines, size_t n, size_t i)
{
	size_t f = fence_len(&lines[i], false);

	for (size_t j = i + 1; j < n; j++)
		if (fence_len(&lines[j], true) >= f)
			return j;
	return n;
}

struct layout {
	struct emit e;
	int width, indent;
	bool first;   /* nothing written yet: the caller wrote the prefix */
};

/* Starts an output line: a newline unless it is the first. The indent is
 * written by the caller, only before text (no trailing spaces). */
static void begin(struct layout *lo)
{
	if (!lo->first)
		qd_buf_addc(lo->e.out, '\n');
}

static void put_indent(struct layout *lo, int extra)
{
	if (!lo->first)
		for (int i = 0; i < lo->indent + extra; i++)
			qd_buf_addc(lo->e.out, ' ');
}

/* Inline-renders s[0..len) and wraps it with continuation lines at
 * indent + hang; the line's own prefix (indent, bullet) is written. */
static void wrapped(struct layout *lo, const char *s, size_t len, const char *prefix, int hang)
{
	struct qd_buf styled, w;
	struct emit e = lo->e;

	qd_buf_init(&styled);
	qd_buf_init(&w);
	e.out = &styled;
	inline_run(&e, s, len, QD_STYLE_NONE, ALLOW_BOLD | ALLOW_ITALIC);
	begin(lo);
	if (prefix) {
		put_indent(lo, 0);
		qd_buf_adds(lo->e.out, prefix);
	} else if (styled.len && styled.data[0] != '\n') {
		put_indent(lo, 0);
	}
	if (styled.len)
		qd_text_wrap(&w, styled.data, lo->width, lo->indent + hang);
	qd_buf_add(lo->e.out, w.data, w.len);
	lo->first = false;
	qd_buf_release(&w);
	qd_buf_release(&styled);
}

static void code_line(struct layout *lo, const struct line *l)
{
	begin(lo);
	if (lo->e.mode == PLAIN) {
		qd_buf_add(lo->e.out, l->p, l->n);
	} else if (l->n) {
		put_indent(lo, 0);
		for (int i = 0; i < QD_MARKUP_CODE_INDENT; i++)
			qd_buf_addc(lo->e.out, ' ');
		emit_text(&lo->e, QD_STYLE_CYAN, l->p, l->n);
	}
	lo->first = false;
}

/* Lays out the lines; in PLAIN mode without indents, bullets or wrapping. */
static void blocks(struct layout *lo, const char *s, size_t len)
{
	size_t n, i = 0;
	struct line *lines = split_lines(s, len, &n);
	struct qd_buf item;

	qd_buf_init(&item);
	while (i < n) {
		size_t b, end;

		if (fence_len(&lines[i], false) && (end = fence_end(lines, n, i)) < n) {
			for (size_t j = i + 1; j < end; j++)
				code_line(lo, &lines[j]);
			i = end + 1;
		} else if ((b = bullet_at(&lines[i])) != 0) {
			qd_buf_reset(&item);
			qd_buf_add(&item, lines[i].p + b, lines[i].n - b);
			for (i++; i < n && lines[i].n && (lines[i].p[0] == ' ' || lines[i].p[0] == '\t') &&
			          !bullet_at(&lines[i]) && !fence_len(&lines[i], false);
			     i++) {
				size_t sp = 0;
				while (sp < lines[i].n && (lines[i].p[sp] == ' ' || lines[i].p[sp] == '\t'))
					sp++;
				qd_buf_addc(&item, ' ');
				qd_buf_add(&item, lines[i].p + sp, lines[i].n - sp);
			}
			if (lo->e.mode == PLAIN) {
				begin(lo);
				inline_run(&lo->e, item.data, item.len, QD_STYLE_NONE,
				           ALLOW_BOLD | ALLOW_ITALIC);
				lo->first = false;
			} else {
				wrapped(lo, item.data, item.len, QD_MARKUP_BULLET,
				        (int)qd_text_strwidth(QD_MARKUP_BULLET));
			}
		} else {
			/* A paragraph: text lines up to the next block. */
			size_t j = i + 1;
			while (j < n && !bullet_at(&lines[j]) &&
			       !(fence_len(&lines[j], false) && fence_end(lines, n, j) < n))
				j++;
			end = (size_t)(lines[j - 1].p + lines[j - 1].n - lines[i].p);
			if (lo->e.mode == PLAIN) {
				begin(lo);
				inline_run(&lo->e, lines[i].p, end, QD_STYLE_NONE,
				           ALLOW_BOLD | ALLOW_ITALIC);
				lo->first = false;
			} else {
				wrapped(lo, lines[i].p, end, NULL, 0);
			}
			i = j;
		}
	}
	qd_buf_release(&item);
	free(lines);
}

size_t qd_markup_render(struct qd_buf *out, const char *text, unsigned base, bool color,
                        int width, int indent)
{
	struct qd_buf clean;
	struct layout lo = {{out, RENDER, color, base}, width, indent > 0 ? indent : 0, true};
	size_t start = out->len, lines = 0;

	qd_buf_init(&clean);
	qd_text_sanitize(&clean, text, strlen(text), 0);
	if (clean.len)
		blocks(&lo, clean.data, clean.len);
	for (size_t i = start; i < out->len; i++)
		lines += out->data[i] == '\n';
	if (out->len > start && out->data[out->len - 1] != '\n')
		lines++;
	qd_buf_release(&clean);
	return lines;
}

void qd_markup_inline(struct qd_buf *out, const char *text, unsigned base, bool color,
                      unsigned flags)
{
	struct qd_buf clean;
	struct emit e = {out, RENDER, color, base};

	qd_buf_init(&clean);
	qd_text_sanitize(&clean, text, strlen(text), flags);
	inline_run(&e, clean.data, clean.len, QD_STYLE_NONE, ALLOW_BOLD | ALLOW_ITALIC);
	qd_buf_release(&clean);
}

void qd_markup_plain(struct qd_buf *out, const char *text)
{
	struct layout lo = {{out, PLAIN, false, QD_STYLE_NONE}, 0, 0, true};
	size_t len = strlen(text);

	qd_buf_grow(out, len);
	if (len)
		blocks(&lo, text, len);
}

/*
 * Untrusted text on the terminal; see quizdeck/text.h.
 *
 * Design choices:
 *   - C0 controls are shown in caret notation rather than replaced by
 *     U+FFFD: "^[[31m" tells an author exactly what is wrong in a deck,
 *     and ASCII '^' plus a printable byte can never start a sequence.
 *     C1 controls and invalid bytes have no caret form and become U+FFFD.
 *   - Bidi overrides and isolates are dropped, not replaced: they are
 *     invisible in legitimate text, and a visible U+FFFD would be noise in
 *     right-to-left decks while dropping them still stops the reordering.
 *   - qd_text_wrap() must be able to wrap styled text, so it lets through
 *     the SGR sequences qd_style() writes (and only those parameters) and
 *     sanitises everything else: no cursor movement, no conceal (SGR 8), no
 *     window titles, even if a caller forgets to sanitise.
 *   - Widths come from libunistring's uc_width() with the encoding "UTF-8",
 *     independent of the locale; grapheme clusters from u8_grapheme_next().
 */
#include <string.h>

#include <unigbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "quizdeck/text.h"

static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */

/* Length of the SGR sequence at p that qd_style() could have written
 * (ESC '[' params 'm' with params among those it uses), or 0. */
static size_t sgr_len(const char *p, size_t n)
{
	size_t i = 2;
	unsigned v = 0;
	bool digits = false;

	if (n < 3 || p[0] != '\033' || p[1] != '[')
		return 0;
	for (; i < n && i < 32; i++) {
		char c = p[i];
		if (c >= '0' && c <= '9') {
			v = v * 10 + (unsigned)(c - '0');
			if (v > 99)
				return 0;
			digits = true;
			continue;
		}
		if (c != ';' && c != 'm')
			return 0;
		if (digits) {
			switch (v) {
			case 0: case 1: case 2: case 3: case 4: case 7: case 22: case 23: case 24: case 27:
			case 31: case 32: case 33: case 36: case 39:
				break;
			default:
				return 0;
			}
		}
		if (c == 'm')
			return i + 1;
		v = 0;
		digits = false;
	}
	return 0;
}

static void sanitize(struct qd_buf *out, const char *s, size_t len, unsigned flags,
                     bool keep_sgr)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	bool oneline = flags & QD_SANITIZE_ONELINE, visible = flags & QD_SANITIZE_VISIBLE;

	qd_buf_grow(out, len);
	while (p < end) {
		ucs4_t uc;
		int n;

		if (*p < 0x80) {
			uint8_t c = *p;
			size_t k;

			if ((c == '\n' || c == '\t') && !visible) {
				qd_buf_addc(out, oneline ? ' ' : (char)c);
			} else if (c == '\033' && keep_sgr &&
			           (k = sgr_len((const char *)p, (size_t)(end - p))) > 0) {
				qd_buf_add(out, p, k);
				p += k;
				continue;
			} else if (c < 0x20) {
				qd_buf_addc(out, '^');
				qd_buf_addc(out, (char)(c + 0x40));
			} else if (c == 0x7f) {
				qd_buf_add(out, "^?", 2);
			} else {
				qd_buf_addc(out, (char)c);
			}
			p++;
			continue;
		}
		/* Invalid sequences come back as U+FFFD with n >= 1. */
		n = u8_mbtouc(&uc, p, (size_t)(end - p));
		if (uc >= 0x80 && uc <= 0x9f)
			qd_buf_adds(out, replacement);
		else if ((uc >= 0x202a && uc <= 0x202e) || (uc >= 0x2066 && uc <= 0x2069))
			; /* bidi embedding, override or isolate: dropped */
		else if ((uc == 0x2028 || uc == 0x2029) && visible)
			qd_buf_adds(out, replacement);
		else if (uc == 0x2028 || uc == 0x2029)
			qd_buf_addc(out, oneline ? ' ' : '\n');
		else if (uc == 0xfffd)
			qd_buf_adds(out, replacement);
		else
			qd_buf_add(out, p, (size_t)n);
		p += n;
	}
}

void qd_text_sanitize(struct qd_buf *out, const char *s, size_t len, unsigned flags)
{
	sanitize(out, s, len, flags, false);
}

size_t qd_text_line_break(const char *s, size_t len, size_t i)
{
	const unsigned char *u = (const unsigned char *)s + i;
	size_t n = len - i;

	if (u[0] == '\n')
		return 1;
	if (u[0] == '\r')
		return n >= 2 && u[1] == '\n' ? 2 : 1;
	if (n >= 2 && u[0] == 0xC2 && u[1] == 0x85)
		return 2;
	if (n >= 3 && u[0] == 0xE2 && u[1] == 0x80 && (u[2] == 0xA8 || u[2] == 0xA9))
		return 3;
	return 0;
}

size_t qd_text_width(const char *s, size_t len)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + len;
	size_t width = 0;

	while (p < end) {
		ucs4_t uc;
		int n, w;
		size_t k;

		if (*p == '\033' && (k = sgr_len((const char *)p, (size_t)(end - p))) > 0) {
			p += k;
			continue;
		}
		n = u8_mbtouc(&uc, p, (size_t)(end - p));
		w = uc_width(uc, "UTF-8");
		if (w > 0)
			width += (size_t)w;
		p += n;
	}
	return width;
}

size_t qd_text_strwidth(const char *s)
{
	return qd_text_width(s, strlen(s));
}

/* Wrapping state. Invariant: at_start is true while nothing has been
 * written on the current visual line; need_prefix is true when the indent
 * and the active style are still owed to it. */
struct wrap {
	struct qd_buf *out;
	struct qd_buf active; /* SGR sequences in force, to reopen after a break */
	size_t indent, avail, col;
	bool at_start, need_prefix;
};

static void track_sgr(struct qd_buf *active, const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		size_t k;
		if (p[i] != '\033' || (k = sgr_len(p + i, n - i)) == 0)
			continue;
		if (k == 3 || (k == 4 && p[i + 2] == '0'))
			qd_buf_reset(active); /* "\033[m" or "\033[0m" */
		else
			qd_buf_add(active, p + i, k);
		i += k - 1;
	}
}

static void wr_text(struct wrap *w, const char *p, size_t n, size_t width)
{
	if (w->need_prefix) {
		for (size_t i = 0; i < w->indent; i++)
			qd_buf_addc(w->out, ' ');
		qd_buf_add(w->out, w->active.data, w->active.len);
		w->need_prefix = false;
	}
	qd_buf_add(w->out, p, n);
	track_sgr(&w->active, p, n);
	w->col += width;
	w->at_start = false;
}

static void wr_spaces(struct wrap *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		wr_text(w, " ", 1, 1);
}

static void wr_newline(struct wrap *w)
{
	if (w->active.len && !w->need_prefix)
		qd_buf_adds(w->out, "\033[0m");
	qd_buf_addc(w->out, '\n');
	w->need_prefix = true;
	w->at_start = true;
	w->col = 0;
}

static bool is_ri(ucs4_t uc)
{
	return uc >= 0x1f1e6 && uc <= 0x1f1ff; /* regional indicator */
}

/* The end of the grapheme cluster starting at p. libunistring 1.0 (Debian
 * bookworm) decides breaks pairwise, so it splits flags (two regional
 * indicators) and emoji ZWJ sequences: rejoin those two cases here. */
const char *qd_text_next_cluster(const char *p, const char *end)
{
	const uint8_t *s = (const uint8_t *)p, *e = (const uint8_t *)end;
	const uint8_t *q = u8_grapheme_next(s, e);

	if (!q || q <= s)
		return p + 1;
	for (;;) {
		ucs4_t first, last = 0, next;
		const uint8_t *r;

		if (q >= e)
			break;
		u8_mbtouc(&first, s, (size_t)(e - s));
		u8_prev(&last, q, s);
		u8_mbtouc(&next, q, (size_t)(e - q));
		if (!(last == 0x200d && next > 0x20) &&
		    !(is_ri(first) && q - s == 4 && is_ri(next)))
			break;
		r = u8_grapheme_next(q, e);
		if (!r || r <= q)
			break;
		if (is_ri(first))
			return (const char *)r; /* one pair only */
		q = r;
	}
	return (const char *)q;
}

/* Writes a word too long for a line, breaking between grapheme clusters. */
static void wr_long_word(struct wrap *w, const char *p, const char *end)
{
	while (p < end) {
		const char *q;
		size_t k = sgr_len(p, (size_t)(end - p));
		size_t cw;

		if (k) {
			wr_text(w, p, k, 0);
			p += k;
			continue;
		}
		q = qd_text_next_cluster(p, end);
		/* A cluster never swallows an ESC (controls always break), but
		 * stop at one anyway so the SGR check above sees it. */
		for (const char *e = p + 1; e < q; e++)
			if (*e == '\033') {
				q = e;
				break;
			}
		cw = qd_text_width(p, (size_t)(q - p));
		if (!w->at_start && w->col + cw > w->avail)
			wr_newline(w);
		wr_text(w, p, (size_t)(q - p), cw);
		p = q;
	}
}

static void wrap_line(struct wrap *w, const char *p, const char *end)
{
	bool hard_start = true; /* still on the first visual line of this hard line */

	while (p < end) {
		const char *q = p;
		size_t ws, ww;
		bool keep_ws;

		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		ws = (size_t)(q - p);
		p = q;
		if (p == end)
			break; /* trailing whitespace */
		while (q < end && *q != ' ' && *q != '\t')
			q++;
		ww = qd_text_width(p, (size_t)(q - p));
		keep_ws = !w->at_start || hard_start;
		if (ww == 0) {
			/* A bare style change: never worth a line break. */
			if (keep_ws && w->col + ws <= w->avail)
				wr_spaces(w, ws);
			wr_text(w, p, (size_t)(q - p), 0);
		} else if (w->col + (keep_ws ? ws : 0) + ww <= w->avail) {
			if (keep_ws)
				wr_spaces(w, ws);
			wr_text(w, p, (size_t)(q - p), ww);
		} else {
			if (!w->at_start)
				wr_newline(w);
			if (ww <= w->avail)
				wr_text(w, p, (size_t)(q - p), ww);
			else
				wr_long_word(w, p, q);
		}
		hard_start = false; /* later line starts are wraps: no leading space */
		p = q;
	}
}

size_t qd_text_wrap(struct qd_buf *out, const char *s, int width, int indent)
{
	struct qd_buf clean;
	struct wrap w;
	const char *p, *end;
	size_t start = out->len, lines = 0;

	qd_buf_init(&clean);
	sanitize(&clean, s, strlen(s), 0, true);
	qd_buf_init(&w.active);
	w.out = out;
	w.indent = indent > 0 ? (size_t)indent : 0;
	if (width <= 0)
		w.avail = (size_t)-1;
	else
		w.avail = (size_t)width > w.indent + 1 ? (size_t)width - w.indent : 1;
	w.col = 0;
	w.at_start = true;
	w.need_prefix = false;

	p = clean.data;
	end = p + clean.len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		wrap_line(&w, p, le);
		if (!nl)
			break;
		wr_newline(&w);
		p = nl + 1;
	}
	if (w.active.len && !w.need_prefix)
		qd_buf_adds(out, "\033[0m");

	for (size_t i = start; i < out->len; i++)
		if (out->data[i] == '\n')
			lines++;
	if (out->len > start && out->data[out->len - 1] != '\n')
		lines++;
	qd_buf_release(&w.active);
	qd_buf_release(&clean);
	return lines;
}

static void add_sgr(struct qd_buf *out, unsigned style)
{
	static const struct { unsigned bit; const char *code; } codes[] = {
		{ QD_STYLE_BOLD, "1" }, { QD_STYLE_DIM, "2" }, { QD_STYLE_UNDERLINE, "4" },
		{ QD_STYLE_REVERSE, "7" }, { QD_STYLE_RED, "31" }, { QD_STYLE_GREEN, "32" },
		{ QD_STYLE_YELLOW, "33" }, { QD_STYLE_CYAN, "36" }, { QD_STYLE_ITALIC, "3" },
	};
	bool first = true;

	qd_buf_adds(out, "\033[");
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++) {
		if (!(style & codes[i].bit))
			continue;
		if (!first)
			qd_buf_addc(out, ';');
		qd_buf_adds(out, codes[i].code);
		first = false;
	}
	qd_buf_addc(out, 'm');
}

void qd_style_open(struct qd_buf *out, bool color, unsigned style)
{
	if (color && style)
		add_sgr(out, style);
}

void qd_style_close(struct qd_buf *out, bool color, unsigned style)
{
	if (color && style)
		qd_buf_adds(out, "\033[0m");
}

void qd_style(struct qd_buf *out, bool color, unsigned style, const char *text)
{
	qd_style_open(out, color, style);
	qd_text_sanitize(out, text, strlen(text), 0);
	qd_style_close(out, color, style);
}

void qd_style_prompt(struct qd_buf *out, bool color, unsigned style, const char *text)
{
	bool on = color && style;

	if (on) {
		qd_buf_addc(out, '\001');
		add_sgr(out, style);
		qd_buf_addc(out, '\002');
	}
	qd_text_sanitize(out, text, strlen(text), QD_SANITIZE_ONELINE);
	if (on)
		qd_buf_adds(out, "\001\033[0m\002");
}

size_t qd_text_cut(struct qd_buf *out, const char *s, size_t len, size_t width)
{
	struct qd_buf clean, flat;
	const char *p, *end;
	size_t used = 0, start = out->len, room;
	bool space = false;

	qd_buf_init(&clean);
	qd_buf_init(&flat);
	qd_text_sanitize(&clean, s, len, QD_SANITIZE_ONELINE);
	for (size_t i = 0; i < clean.len; i++) {
		if (clean.data[i] == ' ') {
			space = flat.len > 0;
			continue;
		}
		if (space)
			qd_buf_addc(&flat, ' ');
		space = false;
		qd_buf_addc(&flat, clean.data[i]);
	}
	if (width == 0)
		width = 1;
	if (qd_text_width(flat.data, flat.len) <= width) {
		qd_buf_add(out, flat.data, flat.len);
		used = qd_text_width(flat.data, flat.len);
		goto done;
	}
	room = width - 1; /* the ellipsis takes one column */
	p = flat.data;
	end = flat.data + flat.len;
	while (p < end) {
		const char *q = qd_text_next_cluster(p, end);
		size_t w = qd_text_width(p, (size_t)(q - p));
		if (used + w > room)
			break;
		qd_buf_add(out, p, (size_t)(q - p));
		used += w;
		p = q;
	}
	while (out->len > start && out->data[out->len - 1] == ' ') { /* no space before "…" */
		out->len--;
		out->data[out->len] = '\0';
		used--;
	}
	qd_buf_adds(out, "…");
	used++;
done:
	qd_buf_release(&clean);
	qd_buf_release(&flat);
	return used;
}

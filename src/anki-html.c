/*
 * Anki fields are HTML fragments; a deck holds text with a small Markdown
 * subset (docs/deck-format.md). This file reduces one to the other, as
 * Anki's own plain-text conversion does (comments, <style> and <script>
 * removed, tags removed, entities decoded, NBSP a space), and keeps what
 * the subset can say: <br> and block elements become line breaks, list
 * items bullets, <b>/<strong> bold, <i>/<em> italic, <code> a code span.
 *
 * Emphasis is decided at the end: while converting, each opening and
 * closing tag leaves a marker byte (0x01 bold, 0x02 italic, 0x03 code)
 * in the text; a final pass keeps a pair only where the subset would read
 * it back as markup (a non-empty span, no space just inside, no letter or
 * digit just outside) and drops it otherwise, so `un<b>believ</b>able`
 * stays plain text instead of showing stray stars. The same pass escapes
 * the text's own `*` and backquotes (`\*`, "\`"), so they read as typed.
 *
 * Media (<img src>, <audio>/<video>/<source> src, <object data>, and
 * [sound:NAME]) are not imported: each name is reported to the caller, and
 * an image leaves "[image: NAME]" in the text so the card says what it
 * showed.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "quizdeck/anki.h"
#include "quizdeck/buf.h"

enum { MK_BOLD = 1, MK_ITALIC = 2, MK_CODE = 3 };

struct conv {
	struct qd_buf out;
	struct qd_strv *media;
	bool space;   /* a collapsed space is pending */
	bool inline_only;
	bool edges;   /* a fragment: keep a space at either end */
};

static bool is_ws(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The last byte written that is text, not a marker. */
static char last_text(const struct qd_buf *b)
{
	for (size_t i = b->len; i > 0; i--)
		if ((unsigned char)b->data[i - 1] > MK_CODE)
			return b->data[i - 1];
	return '\0';
}

static void flush_space(struct conv *c)
{
	char l;

	if (!c->space)
		return;
	c->space = false;
	l = last_text(&c->out);
	if ((l != '\0' || c->edges) && l != '\n' && l != ' ')
		qd_buf_addc(&c->out, ' ');
}

static void add_text(struct conv *c, const char *s, size_t n)
{
	if (n == 0)
		return;
	flush_space(c);
	qd_buf_add(&c->out, s, n);
}

static void add_newline(struct conv *c)
{
	c->space = false;
	if (c->inline_only) {
		c->space = true;
		return;
	}
	while (c->out.len && c->out.data[c->out.len - 1] == ' ')
		c->out.len--;
	qd_buf_addc(&c->out, '\n');
}

/* A line break unless the text is empty or already ends one. */
static void add_block_break(struct conv *c)
{
	char l = last_text(&c->out);

	if (l != '\0' && l != '\n')
		add_newline(c);
	else
		c->space = false;
}

/* Appends the code point as UTF-8. */
static void add_cp(struct conv *c, uint32_t cp)
{
	uint8_t u[6];
	int n;

	if (cp == 0xa0 || cp == '\t') {
		c->space = true;
		return;
	}
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
		return;
	n = u8_uctomb(u, (ucs4_t)cp, sizeof(u));
	if (n > 0)
		add_text(c, (const char *)u, (size_t)n);
}

static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
	{"nbsp", 0xa0}, {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026},
	{"laquo", 0xab}, {"raquo", 0xbb}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
	{"ldquo", 0x201c}, {"rdquo", 0x201d}, {"copy", 0xa9}, {"reg", 0xae},
	{"deg", 0xb0}, {"middot", 0xb7}, {"times", 0xd7}, {"divide", 0xf7},
	{"euro", 0x20ac}, {"shy", 0x20}, {"zwj", 0x200d}, {"zwnj", 0x200c},
};

/* Decodes the entity at s[0] == '&'; returns its length (0: not one). */
static size_t entity(const char *s, size_t n, uint32_t *cp)
{
	size_t i = 1;

	if (i < n && s[i] == '#') {
		uint32_t v = 0;
		bool hex = false, any = false;

		i++;
		if (i < n && (s[i] == 'x' || s[i] == 'X')) {
			hex = true;
			i++;
		}
		for (; i < n && i < 12; i++) {
			int d;
			if (isdigit((unsigned char)s[i]))
				d = s[i] - '0';
			else if (hex && isxdigit((unsigned char)s[i]))
				d = (tolower((unsigned char)s[i]) - 'a') + 10;
			else
				break;
			v = v * (hex ? 16 : 10) + (uint32_t)d;
			any = true;
		}
		if (!any || i >= n || s[i] != ';' || v > 0x10ffff || (v >= 0xd800 && v < 0xe000))
			return 0;
		*cp = v;
		return i + 1;
	}
	for (size_t e = 0; e < sizeof(entities) / sizeof(entities[0]); e++) {
		size_t l = strlen(entities[e].name);
		if (l + 2 <= n && memcmp(s + 1, entities[e].name, l) == 0 && s[1 + l] == ';') {
			*cp = entities[e].cp;
			return l + 2;
		}
	}
	return 0;
}

/* Text between tags: white space collapsed, entities decoded, invalid
 * UTF-8 and control characters dropped. */
static void add_chars(struct conv *c, const char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		ucs4_t uc;
		int k;

		if (is_ws(ch)) {
			c->space = true;
			i++;
			continue;
		}
		if (ch == '&') {
			uint32_t cp;
			size_t l = entity(s + i, n - i, &cp);
			if (l) {
				add_cp(c, cp);
				i += l;
				continue;
			}
		}
		if (ch < 0x80) {
			add_cp(c, ch);
			i++;
			continue;
		}
		k = u8_mbtoucr(&uc, (const uint8_t *)s + i, n - i);
		if (k <= 0) {
			i++;
			continue;
		}
		add_cp(c, uc);
		i += (size_t)k;
	}
}

/* The value of attribute name in the tag's attribute text, decoded. */
static char *attr(const char *a, size_t n, const char *name)
{
	size_t i = 0, nl = strlen(name);

	while (i < n) {
		size_t ks, ke, vs, ve;

		while (i < n && (is_ws((unsigned char)a[i]) || a[i] == '/'))
			i++;
		ks = i;
		while (i < n && !is_ws((unsigned char)a[i]) && a[i] != '=' && a[i] != '/')
			i++;
		ke = i;
		while (i < n && is_ws((unsigned char)a[i]))
			i++;
		vs = ve = i;
		if (i < n && a[i] == '=') {
			i++;
			while (i < n && is_ws((unsigned char)a[i]))
				i++;
			if (i < n && (a[i] == '"' || a[i] == '\'')) {
				char q = a[i++];
				vs = i;
				while (i < n && a[i] != q)
					i++;
				ve = i;
				if (i < n)
					i++;
			} else {
				vs = i;
				while (i < n && !is_ws((unsigned char)a[i]))
					i++;
				ve = i;
			}
		}
		if (ke == ks) {
			i++;
			continue;
		}
		if (ke - ks == nl && strncasecmp(a + ks, name, nl) == 0) {
			struct conv t = {.inline_only = true};
			qd_buf_init(&t.out);
			add_chars(&t, a + vs, ve - vs);
			qd_buf_addc(&t.out, '\0');
			return t.out.data;
		}
	}
	return NULL;
}

static bool tag_is(const char *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp(name, *list) == 0)
			return true;
	return false;
}

static const char *const block_tags[] = {
	"div", "p", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
	"blockquote", "pre", "hr", "dl", "dt", "dd", "section", "article", "header",
	"footer", NULL,
};

static void media_ref(struct conv *c, const char *name, bool show)
{
	if (!name || !name[0])
		return;
	if (strncmp(name, "http://", 7) != 0 && strncmp(name, "https://", 8) != 0 &&
	    strncmp(name, "data:", 5) != 0)
		qd_strv_push(c->media, name);
	if (show) {
		add_text(c, "[image: ", 8);
		add_chars(c, name, strlen(name));
		add_text(c, "]", 1);
	}
}

/* Handles the tag at s[0] == '<'; returns its length, or 0 if it is no tag. */
static size_t tag(struct conv *c, const char *s, size_t n)
{
	size_t i = 1, ns, ne, end;
	bool closing = false;
	char name[16];
	char q = 0;

	if (n >= 4 && memcmp(s, "<!--", 4) == 0) {
		const char *e = NULL;
		for (size_t k = 4; k + 3 <= n; k++)
			if (memcmp(s + k, "-->", 3) == 0) {
				e = s + k;
				break;
			}
		return e ? (size_t)(e - s) + 3 : n;
	}
	if (i < n && s[i] == '/') {
		closing = true;
		i++;
	}
	if (i >= n || !(isalpha((unsigned char)s[i]) || (!closing && s[i] == '!')))
		return 0;
	ns = i;
	while (i < n && (isalnum((unsigned char)s[i]) || s[i] == '!' || s[i] == '-'))
		i++;
	ne = i;
	for (end = i; end < n; end++) {
		if (q) {
			if (s[end] == q)
				q = 0;
		} else if (s[end] == '"' || s[end] == '\'') {
			q = s[end];
		} else if (s[end] == '>') {
			break;
		}
	}
	if (end >= n)
		return 0;
	if (ne - ns >= sizeof(name))
		ne = ns + sizeof(name) - 1;
	for (size_t k = ns; k < ne; k++)
		name[k - ns] = (char)tolower((unsigned char)s[k]);
	name[ne - ns] = '\0';

	if (!closing && (strcmp(name, "style") == 0 || strcmp(name, "script") == 0)) {
		/* Skip to the matching closing tag (or the end). */
		size_t l = strlen(name);
		for (size_t k = end + 1; k + l + 3 <= n; k++)
			if (s[k] == '<' && s[k + 1] == '/' && strncasecmp(s + k + 2, name, l) == 0) {
				while (k < n && s[k] != '>')
					k++;
				return k < n ? k + 1 : n;
			}
		return n;
	}
	if (strcmp(name, "br") == 0) {
		add_newline(c);
	} else if (strcmp(name, "li") == 0) {
		add_block_break(c);
		if (!closing && !c->inline_only)
			add_text(c, "- ", 2);
	} else if (tag_is(name, block_tags)) {
		add_block_break(c);
	} else if (strcmp(name, "b") == 0 || strcmp(name, "strong") == 0) {
		flush_space(c);
		qd_buf_addc(&c->out, MK_BOLD);
	} else if (strcmp(name, "i") == 0 || strcmp(name, "em") == 0) {
		flush_space(c);
		qd_buf_addc(&c->out, MK_ITALIC);
	} else if (strcmp(name, "code") == 0) {
		flush_space(c);
		qd_buf_addc(&c->out, MK_CODE);
	} else if (!closing && (strcmp(name, "img") == 0 || strcmp(name, "audio") == 0 ||
	                        strcmp(name, "video") == 0 || strcmp(name, "source") == 0 ||
	                        strcmp(name, "object") == 0)) {
		char *src = attr(s + ne, end - ne, strcmp(name, "object") == 0 ? "data" : "src");
		media_ref(c, src, strcmp(name, "img") == 0);
		free(src);
	}
	return end + 1;
}

/* The final pass: keeps the marker pairs the subset reads as markup,
 * escapes the text's own markup characters. */
static char *finish(const struct qd_buf *in, bool trim)
{
	struct qd_buf o;
	size_t n = in->len, *match = qd_xcalloc(n + 1, sizeof(size_t));
	const char *s = in->data;
	size_t open[4] = {0, 0, 0, 0}; /* index + 1 of the open marker of each kind */

	/* Pair markers: an opening, then the next of the same kind closes it;
	 * inside a code span only the code marker counts. */
	for (size_t i = 0; i < n; i++) {
		unsigned char k = (unsigned char)s[i];
		if (k < MK_BOLD || k > MK_CODE)
			continue;
		if (open[MK_CODE] && k != MK_CODE)
			continue;
		if (open[k]) {
			size_t a = open[k] - 1;
			match[a] = i + 1;
			match[i] = a + 1;
			open[k] = 0;
		} else {
			open[k] = i + 1;
		}
	}
	/* Validate each pair on the text around it. */
	for (size_t i = 0; i < n; i++) {
		unsigned char k = (unsigned char)s[i];
		size_t j, a, b;
		char before = '\0', after = '\0', first = '\0', last = '\0';
		bool ok = true;

		if (k < MK_BOLD || k > MK_CODE || !match[i] || match[i] - 1 < i)
			continue;
		j = match[i] - 1;
		for (a = i; a > 0; a--)
			if ((unsigned char)s[a - 1] > MK_CODE) {
				before = s[a - 1];
				break;
			}
		for (b = j + 1; b < n; b++)
			if ((unsigned char)s[b] > MK_CODE) {
				after = s[b];
				break;
			}
		for (a = i + 1; a < j; a++)
			if ((unsigned char)s[a] > MK_CODE) {
				if (!first)
					first = s[a];
				last = s[a];
				if (k == MK_CODE && (s[a] == '`' || s[a] == '\n'))
					ok = false;
				if (k != MK_CODE && s[a] == '\n')
					ok = false;
			}
		if (!first || first == ' ' || last == ' ')
			ok = false;
		if (k != MK_CODE && (isalnum((unsigned char)before) || isalnum((unsigned char)after)))
			ok = false;
		if (!ok) {
			match[match[i] - 1] = 0;
			match[i] = 0;
		}
	}
	qd_buf_init(&o);
	for (size_t i = 0, code = 0; i < n; i++) {
		unsigned char k = (unsigned char)s[i];
		if (k >= MK_BOLD && k <= MK_CODE) {
			if (!match[i])
				continue;
			qd_buf_adds(&o, k == MK_BOLD ? "**" : k == MK_ITALIC ? "*" : "`");
			if (k == MK_CODE)
				code = !code;
			continue;
		}
		if (!code && (s[i] == '*' || s[i] == '`'))
			qd_buf_addc(&o, '\\');
		qd_buf_addc(&o, s[i]);
	}
	free(match);
	qd_buf_addc(&o, '\0');
	if (trim) {
		/* Trailing spaces of lines, blank lines at both ends, runs of
		 * blank lines. */
		char *d = o.data, *w = d;
		size_t nl = 0;
		for (char *p = d; *p; p++) {
			if (*p == '\n') {
				while (w > d && w[-1] == ' ')
					w--;
				if (w == d)
					continue;
				if (++nl > 2)
					continue;
				*w++ = '\n';
				continue;
			}
			if (*p == ' ' && (w == d || w[-1] == '\n'))
				continue;
			nl = 0;
			*w++ = *p;
		}
		while (w > d && (w[-1] == ' ' || w[-1] == '\n'))
			w--;
		*w = '\0';
	}
	return o.data;
}

char *qd_anki_html_text(const char *html, size_t len, bool trim, bool inline_only,
                        struct qd_strv *media)
{
	struct conv c = {.media = media, .inline_only = inline_only, .edges = !trim};
	char *r;
	size_t i = 0, run = 0;

	qd_buf_init(&c.out);
	qd_buf_addc(&c.out, '\0');
	c.out.len = 0;
	while (i < len) {
		size_t l;

		if (html[i] == '<' && (l = tag(&c, html + i, len - i)) > 0) {
			i += l;
			continue;
		}
		if (html[i] == '[' && len - i > 7 && memcmp(html + i, "[sound:", 7) == 0) {
			const char *e = memchr(html + i + 7, ']', len - i - 7);
			if (e) {
				char *name = qd_xstrndup(html + i + 7, (size_t)(e - html - i - 7));
				media_ref(&c, name, false);
				free(name);
				add_chars(&c, html + i, (size_t)(e - html - i) + 1);
				i = (size_t)(e - html) + 1;
				continue;
			}
		}
		/* Up to the next tag or sound reference. */
		for (run = i + 1; run < len && html[run] != '<' && html[run] != '['; run++)
			;
		add_chars(&c, html + i, run - i);
		i = run;
	}
	if (!trim)
		flush_space(&c);
	r = finish(&c.out, trim);
	qd_buf_release(&c.out);
	return r;
}

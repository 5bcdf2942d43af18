/*
 * HTML fields to card text and back (quizdeck/html.h).
 *
 * The reducer is one pass over the bytes, no tree: a tag is read up to its
 * '>' (quotes in attributes respected), named, and acted on; text between
 * tags has its entities decoded and its white space collapsed as a browser
 * would. Bold, italic and code become the deck's Markdown subset: the
 * opening position in the output is remembered on a small stack, and when
 * the element closes its content is wrapped in the markers, with white
 * space at its ends moved outside them (so "<b> a </b>" reads " **a** ",
 * which is markup, not "** a **", which is not). Empty elements and
 * unclosed ones get no markers.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "quizdeck/html.h"

enum style { ST_BOLD, ST_ITALIC, ST_CODE };

#define MAX_OPEN 16 /* deeper formatting is kept as plain text */

struct reducer {
	struct qd_buf *out;
	size_t start;           /* where our text starts in out */
	size_t open_at[MAX_OPEN];
	enum style open_style[MAX_OPEN];
	size_t n_open;
	bool pending_space;     /* raw white space seen, not yet written */
	int in_code;            /* open code elements: no emphasis inside */
	const struct qd_html_opts *o;
	/* Bold and italic spans written: where the opening marker starts and
	 * the closing one ends, and their length. Whether a letter follows is
	 * known only later, so they are checked at the end. */
	struct span {
		size_t open, close, mlen;
	} *spans;
	size_t n_spans, cap_spans;
};

static bool at_line_start(const struct reducer *r)
{
	if (r->out->len == r->start)
		return !r->o->fragment;
	return r->out->data[r->out->len - 1] == '\n';
}

/* Writes the pending space, if text follows on the same line. */
static void flush_space(struct reducer *r)
{
	if (r->pending_space && !at_line_start(r))
		qd_buf_addc(r->out, ' ');
	r->pending_space = false;
}

static void put(struct reducer *r, const char *p, size_t n)
{
	flush_space(r);
	qd_buf_add(r->out, p, n);
}

static bool is_control(ucs4_t u)
{
	return (u < 0x20 && u != '\t' && u != '\n') || (u >= 0x7f && u < 0xa0);
}

/* Text of the document (not markup we write): of a foreign field, its own
 * '*' and '`' are escaped outside code, and control characters and invalid
 * UTF-8 left out. */
static void text(struct reducer *r, const char *p, size_t n)
{
	if (!r->o->foreign) {
		put(r, p, n);
		return;
	}
	for (size_t i = 0; i < n;) {
		size_t k = 1;
		{
			ucs4_t u;
			int m = u8_mbtoucr(&u, (const uint8_t *)p + i, n - i);
			if (m <= 0 || is_control(u)) {
				i += m > 0 ? (size_t)m : 1;
				continue;
			}
			k = (size_t)m;
		}
		if (!r->in_code && (p[i] == '*' || p[i] == '`'))
			put(r, "\\", 1);
		put(r, p + i, k);
		i += k;
	}
}

/* A line break: spaces before it are dropped. */
static void newline(struct reducer *r)
{
	if (r->o->inline_only) {
		r->pending_space = true;
		return;
	}
	r->pending_space = false;
	qd_buf_addc(r->out, '\n');
}

/* Ends the current line unless it is empty (a block element's edge). */
static void block_edge(struct reducer *r)
{
	if (r->o->inline_only) {
		r->pending_space = true;
		return;
	}
	r->pending_space = false;
	if (r->out->len > r->start && r->out->data[r->out->len - 1] != '\n')
		qd_buf_addc(r->out, '\n');
}

static void put_utf8(struct reducer *r, unsigned long cp)
{
	char b[4];
	size_t n;

	if ((r->o->foreign && (cp == '\t' || cp == '\n' || cp == '\r')) ||
	    (r->o->inline_only && cp == '\n')) {
		/* white space, as HTML reads it (the default keeps what
		 * qd_html_from_text() writes as &#9;) */
		r->pending_space = true;
		return;
	}
	if (cp == '\t' || cp == '\n') {
		put(r, cp == '\t' ? "\t" : "\n", 1);
		return;
	}
	if (cp < 0x20 || (cp >= 0x7f && cp < 0xa0) || (cp >= 0xd800 && cp < 0xe000) ||
	    cp > 0x10ffff) {
		if (r->o->foreign)
			return;
		cp = 0xfffd;
	}
	if (cp < 0x80) {
		b[0] = (char)cp;
		n = 1;
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | (cp >> 6));
		b[1] = (char)(0x80 | (cp & 0x3f));
		n = 2;
	} else if (cp < 0x10000) {
		b[0] = (char)(0xe0 | (cp >> 12));
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		n = 3;
	} else {
		b[0] = (char)(0xf0 | (cp >> 18));
		b[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
		b[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[3] = (char)(0x80 | (cp & 0x3f));
		n = 4;
	}
	text(r, b, n);
}

static const struct {
	const char *name;
	unsigned long cp;
} entities[] = {
	{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'}, {"apos", '\''},
	{"nbsp", ' '}, {"ndash", 0x2013}, {"mdash", 0x2014}, {"hellip", 0x2026},
	{"lsquo", 0x2018}, {"rsquo", 0x2019}, {"ldquo", 0x201c}, {"rdquo", 0x201d},
	{"laquo", 0xab}, {"raquo", 0xbb}, {"copy", 0xa9}, {"reg", 0xae}, {"deg", 0xb0},
	{"times", 0xd7}, {"divide", 0xf7}, {"middot", 0xb7}, {"bull", 0x2022},
	{"euro", 0x20ac}, {"pound", 0xa3}, {"sect", 0xa7}, {"shy", 0xad},
	{"larr", 0x2190}, {"rarr", 0x2192}, {"uarr", 0x2191}, {"darr", 0x2193},
	{"le", 0x2264}, {"ge", 0x2265}, {"ne", 0x2260}, {"plusmn", 0xb1},
	{"auml", 0xe4}, {"ouml", 0xf6}, {"uuml", 0xfc}, {"Auml", 0xc4}, {"Ouml", 0xd6},
	{"Uuml", 0xdc}, {"szlig", 0xdf}, {"eacute", 0xe9}, {"egrave", 0xe8},
	{"agrave", 0xe0}, {"ccedil", 0xe7}, {"ntilde", 0xf1},
};

/* Decodes the entity at s[0] == '&' into r; returns the bytes it took (1
 * when it is no entity: the '&' is text). */
static size_t entity(struct reducer *r, const char *s, size_t len)
{
	size_t i = 1;
	unsigned long cp = 0;

	if (i < len && s[i] == '#') {
		bool hex = i + 1 < len && (s[i + 1] == 'x' || s[i + 1] == 'X');
		size_t digits = 0;
		i += hex ? 2 : 1;
		for (; i < len && digits < 8; i++, digits++) {
			char c = s[i];
			int v;
			if (c >= '0' && c <= '9')
				v = c - '0';
			else if (hex && (c | 0x20) >= 'a' && (c | 0x20) <= 'f')
				v = (c | 0x20) - 'a' + 10;
			else
				break;
			cp = cp * (hex ? 16 : 10) + (unsigned long)v;
		}
		if (!digits || i >= len || s[i] != ';') {
			put(r, "&", 1);
			return 1;
		}
		put_utf8(r, cp);
		return i + 1;
	}
	while (i < len && i < 10 && ((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z'))
		i++;
	if (i < len && s[i] == ';') {
		for (size_t k = 0; k < sizeof(entities) / sizeof(entities[0]); k++) {
			if (strlen(entities[k].name) == i - 1 &&
			    memcmp(entities[k].name, s + 1, i - 1) == 0) {
				if (entities[k].cp == ' ' && r->o->foreign) {
					/* another program's editor writes it for any space */
					r->pending_space = true;
				} else if (entities[k].cp == ' ') { /* &nbsp;: a space HTML keeps */
					flush_space(r);
					qd_buf_addc(r->out, ' ');
				} else {
					put_utf8(r, entities[k].cp);
				}
				return i + 1;
			}
		}
	}
	put(r, "&", 1);
	return 1;
}

static void style_open(struct reducer *r, enum style st)
{
	if (r->n_open == MAX_OPEN)
		return;
	flush_space(r);
	r->open_at[r->n_open] = r->out->len;
	r->open_style[r->n_open++] = st;
	if (st == ST_CODE)
		r->in_code++;
}

static bool is_alnum(char c)
{
	unsigned char u = (unsigned char)c;
	return (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z') || u >= 0x80;
}

/* Wraps what was written since the matching open in its markers. */
static void style_close(struct reducer *r, enum style st)
{
	size_t k = r->n_open, at, a, b, ticks = 0, run = 0;
	struct qd_buf core;
	const char *mark = st == ST_BOLD ? "**" : "*";

	while (k > 0 && r->open_style[k - 1] != st)
		k--;
	if (k == 0)
		return; /* a close without an open */
	at = r->open_at[k - 1];
	r->n_open = k - 1; /* elements left open inside are closed with it */
	if (st == ST_CODE)
		r->in_code--;
	if (st != ST_CODE && r->in_code)
		return;
	a = at;
	b = r->out->len;
	while (a < b && (r->out->data[a] == ' ' || r->out->data[a] == '\n'))
		a++;
	while (b > a && (r->out->data[b - 1] == ' ' || r->out->data[b - 1] == '\n'))
		b--;
	if (a == b || memchr(r->out->data + a, '\n', b - a))
		return; /* empty, or across lines: plain text */
	if (st != ST_CODE && a > r->start && is_alnum(r->out->data[a - 1]))
		return; /* inside a word: stars there are no markup */
	qd_buf_init(&core);
	qd_buf_add(&core, r->out->data + a, b - a);
	if (st == ST_CODE) {
		for (size_t i = 0; i < core.len; i++) {
			run = core.data[i] == '`' ? run + 1 : 0;
			if (run > ticks)
				ticks = run;
		}
	}
	{
		char tail[64];
		size_t tn = r->out->len - b < sizeof(tail) ? r->out->len - b : 0;
		size_t core_at, open_at;
		memcpy(tail, r->out->data + b, tn);
		r->out->len = a;
		r->out->data[a] = '\0';
		/* a space inside the start joins one written before the element */
		if (a > at && a >= r->start + 2 && r->out->data[a - 1] == ' ' &&
		    r->out->data[a - 2] == ' ')
			r->out->data[--r->out->len] = '\0';
		open_at = r->out->len;
		if (st == ST_CODE) {
			for (size_t i = 0; i <= ticks; i++)
				qd_buf_addc(r->out, '`');
			if (core.data[0] == '`' || core.data[core.len - 1] == '`')
				qd_buf_addc(r->out, ' ');
			core_at = r->out->len;
			qd_buf_add(r->out, core.data, core.len);
			if (core.data[0] == '`' || core.data[core.len - 1] == '`')
				qd_buf_addc(r->out, ' ');
			for (size_t i = 0; i <= ticks; i++)
				qd_buf_addc(r->out, '`');
		} else {
			qd_buf_adds(r->out, mark);
			core_at = r->out->len;
			qd_buf_add(r->out, core.data, core.len);
			qd_buf_adds(r->out, mark);
		}
		/* the spans written inside moved with the text */
		for (size_t i = 0; i < r->n_spans; i++) {
			if (r->spans[i].open >= a) {
				r->spans[i].open = r->spans[i].open - a + core_at;
				r->spans[i].close = r->spans[i].close - a + core_at;
			}
		}
		if (st != ST_CODE) {
			if (r->n_spans == r->cap_spans) {
				r->cap_spans = r->cap_spans ? 2 * r->cap_spans : 8;
				r->spans = qd_xrealloc(r->spans, r->cap_spans * sizeof(*r->spans));
			}
			r->spans[r->n_spans++] = (struct span){open_at, r->out->len, strlen(mark)};
		}
		qd_buf_add(r->out, tail, tn);
	}
	qd_buf_release(&core);
}

static bool name_is(const char *name, size_t n, const char *w)
{
	return strlen(w) == n && memcmp(name, w, n) == 0;
}

static bool name_in(const char *name, size_t n, const char *const *list)
{
	for (size_t i = 0; list[i]; i++)
		if (name_is(name, n, list[i]))
			return true;
	return false;
}

static const char *const block_tags[] = {
	"div", "p", "ul", "ol", "tr", "table", "h1", "h2", "h3", "h4", "h5", "h6",
	"blockquote", "pre", "section", "article", "header", "footer", "dl", "dt", "dd",
	NULL,
};

/* The value of attribute name in a tag's attributes a[0..n), entities
 * decoded; NULL if it has none. Caller frees. */
static char *attr(const char *a, size_t n, const char *name)
{
	size_t i = 0, nl = strlen(name);

	while (i < n) {
		size_t ks, ke, vs, ve;
		while (i < n && (a[i] == ' ' || a[i] == '\t' || a[i] == '\n' || a[i] == '\r' ||
		                 a[i] == '/'))
			i++;
		ks = i;
		while (i < n && a[i] != ' ' && a[i] != '\t' && a[i] != '\n' && a[i] != '\r' &&
		       a[i] != '=' && a[i] != '/')
			i++;
		ke = i;
		while (i < n && (a[i] == ' ' || a[i] == '\t' || a[i] == '\n' || a[i] == '\r'))
			i++;
		vs = ve = i;
		if (i < n && a[i] == '=') {
			i++;
			while (i < n && (a[i] == ' ' || a[i] == '\t' || a[i] == '\n' || a[i] == '\r'))
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
				while (i < n && a[i] != ' ' && a[i] != '\t' && a[i] != '\n' && a[i] != '\r')
					i++;
				ve = i;
			}
		}
		if (ke == ks) {
			i++;
			continue;
		}
		if (ke - ks == nl && strncasecmp(a + ks, name, nl) == 0) {
			struct qd_html_opts one = {.inline_only = true, .foreign = true};
			struct qd_buf v;
			qd_buf_init(&v);
			qd_html_to_text_with(&v, a + vs, ve - vs, &one);
			return qd_buf_detach(&v, NULL);
		}
	}
	return NULL;
}

/* A media file named in the document: remembered unless it is remote. */
static void media_ref(struct reducer *r, const char *name)
{
	if (name[0] && strncmp(name, "http://", 7) != 0 && strncmp(name, "https://", 8) != 0 &&
	    strncmp(name, "data:", 5) != 0)
		qd_strv_push(r->o->media, name);
}

/* Handles the tag s[0..n) (without '<' and '>'). */
static void tag(struct reducer *r, const char *s, size_t n)
{
	char name[16];
	size_t i = 0, k = 0;
	bool closing = false;

	if (i < n && s[i] == '/') {
		closing = true;
		i++;
	}
	while (i < n && k + 1 < sizeof(name) &&
	       (((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') || (s[i] >= '0' && s[i] <= '9')))
		name[k++] = (char)((s[i] >= 'A' && s[i] <= 'Z') ? s[i] | 0x20 : s[i]), i++;
	name[k] = '\0';
	if (name_is(name, k, "br")) {
		newline(r);
	} else if (name_is(name, k, "hr")) {
		block_edge(r);
	} else if (name_is(name, k, "li")) {
		block_edge(r);
		if (!closing && !r->o->inline_only)
			put(r, "- ", 2);
	} else if (name_in(name, k, block_tags)) {
		block_edge(r);
	} else if (name_is(name, k, "b") || name_is(name, k, "strong")) {
		closing ? style_close(r, ST_BOLD) : style_open(r, ST_BOLD);
	} else if (name_is(name, k, "i") || name_is(name, k, "em")) {
		closing ? style_close(r, ST_ITALIC) : style_open(r, ST_ITALIC);
	} else if (name_is(name, k, "code") || name_is(name, k, "kbd") || name_is(name, k, "tt")) {
		closing ? style_close(r, ST_CODE) : style_open(r, ST_CODE);
	} else if (r->o->media && !closing &&
	           (name_is(name, k, "img") || name_is(name, k, "audio") ||
	            name_is(name, k, "video") || name_is(name, k, "source") ||
	            name_is(name, k, "object"))) {
		char *src = attr(s + i, n - i, name_is(name, k, "object") ? "data" : "src");
		if (src && src[0]) {
			media_ref(r, src);
			if (name_is(name, k, "img")) {
				put(r, "[image: ", 8);
				text(r, src, strlen(src));
				put(r, "]", 1);
			}
		}
		free(src);
	}
}

/* The end of the tag opened at s[0] == '<' (the index of its '>'), or 0
 * when it is not a tag (text follows). */
static size_t tag_end(const char *s, size_t len)
{
	char q = 0;

	if (len < 2 || !(((s[1] | 0x20) >= 'a' && (s[1] | 0x20) <= 'z') || s[1] == '/' ||
	                 s[1] == '!' || s[1] == '?'))
		return 0;
	for (size_t i = 1; i < len; i++) {
		if (q) {
			if (s[i] == q)
				q = 0;
		} else if (s[i] == '"' || s[i] == '\'') {
			q = s[i];
		} else if (s[i] == '>') {
			return i;
		}
	}
	return 0;
}

/* Case-blind search for "</name" from s; returns its offset or len. */
static size_t find_close(const char *s, size_t len, const char *name)
{
	size_t n = strlen(name);

	for (size_t i = 0; i + 2 + n <= len; i++) {
		if (s[i] != '<' || s[i + 1] != '/')
			continue;
		size_t j = 0;
		while (j < n && (s[i + 2 + j] | 0x20) == name[j])
			j++;
		if (j == n)
			return i;
	}
	return len;
}

/* Drops the markers of each bold or italic span that a letter or digit
 * follows (the deck format reads those stars as text), and forgets the
 * spans. */
static void check_spans(struct reducer *r)
{
	struct qd_buf *out = r->out;
	unsigned char *drop;
	size_t w = r->start;
	bool any = false;

	if (!r->n_spans) {
		free(r->spans);
		return;
	}
	drop = qd_xcalloc(out->len + 1, 1);
	for (size_t i = 0; i < r->n_spans; i++) {
		const struct span *sp = &r->spans[i];
		if (sp->close < out->len && is_alnum(out->data[sp->close])) {
			memset(drop + sp->open, 1, sp->mlen);
			memset(drop + sp->close - sp->mlen, 1, sp->mlen);
			any = true;
		}
	}
	if (any) {
		for (size_t i = r->start; i < out->len; i++)
			if (!drop[i])
				out->data[w++] = out->data[i];
		out->len = w;
		out->data[w] = '\0';
	}
	free(drop);
	free(r->spans);
	r->spans = NULL;
	r->n_spans = 0;
}

/* The names of [sound:NAME] references (Anki's sound tags) in html. */
static void sound_refs(struct reducer *r, const char *html, size_t len)
{
	for (size_t i = 0; i + 7 < len; i++) {
		const char *e;
		if (memcmp(html + i, "[sound:", 7) != 0 || !(e = memchr(html + i + 7, ']', len - i - 7)))
			continue;
		{
			char *name = qd_xstrndup(html + i + 7, (size_t)(e - (html + i + 7)));
			if (!memchr(name, '\0', (size_t)(e - (html + i + 7))) && !strchr(name, '<'))
				media_ref(r, name);
			free(name);
		}
		i = (size_t)(e - html);
	}
}

void qd_html_to_text(struct qd_buf *out, const char *html, size_t len)
{
	qd_html_to_text_with(out, html, len, NULL);
}

void qd_html_to_text_with(struct qd_buf *out, const char *html, size_t len,
                          const struct qd_html_opts *o)
{
	static const struct qd_html_opts defaults;
	struct reducer r;

	memset(&r, 0, sizeof(r));
	r.out = out;
	r.start = out->len;
	r.o = o ? o : &defaults;
	if (r.o->media)
		sound_refs(&r, html, len);
	for (size_t i = 0; i < len;) {
		char c = html[i];
		size_t e;

		if (c == '<' && len - i >= 4 && memcmp(html + i, "<!--", 4) == 0) {
			const char *end = NULL;
			for (size_t j = i + 4; j + 3 <= len && !end; j++)
				if (memcmp(html + j, "-->", 3) == 0)
					end = html + j;
			i = end ? (size_t)(end - html) + 3 : len;
		} else if (c == '<' && (e = tag_end(html + i, len - i)) != 0) {
			const char *t = html + i + 1;
			size_t tn = e - 1;
			bool raw = (tn >= 6 && strncmp(t, "script", 6) == 0) ||
			           (tn >= 5 && strncmp(t, "style", 5) == 0) ||
			           (tn >= 6 && strncmp(t, "SCRIPT", 6) == 0) ||
			           (tn >= 5 && strncmp(t, "STYLE", 5) == 0);
			i += e + 1;
			if (raw) {
				size_t c2 = find_close(html + i, len - i, t[1] == 'c' || t[1] == 'C'
				                                                  ? "script" : "style");
				i += c2;
				if (i < len)
					i += tag_end(html + i, len - i) + 1;
				continue;
			}
			tag(&r, t, tn);
		} else if (c == '&') {
			i += entity(&r, html + i, len - i);
		} else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
			r.pending_space = true;
			i++;
		} else {
			size_t j = i + 1;
			while (j < len && html[j] != '<' && html[j] != '&' && html[j] != ' ' &&
			       html[j] != '\t' && html[j] != '\n' && html[j] != '\r')
				j++;
			text(&r, html + i, j - i);
			i = j;
		}
	}
	check_spans(&r);
	if (r.o->fragment) {
		/* a piece of a text: white space at its end stays one space */
		if (r.pending_space && out->len > r.start && out->data[out->len - 1] != '\n')
			qd_buf_addc(out, ' ');
		else if (r.pending_space && out->len == r.start)
			qd_buf_addc(out, ' ');
		return;
	}
	/* Trailing line breaks are no text (nor, in a foreign field, spaces
	 * or line breaks at the start). */
	while (out->len > r.start && (out->data[out->len - 1] == '\n' ||
	                              (r.o->foreign && out->data[out->len - 1] == ' ')))
		out->data[--out->len] = '\0';
	if (r.o->foreign) {
		size_t k = r.start;
		while (k < out->len && (out->data[k] == '\n' || out->data[k] == ' '))
			k++;
		memmove(out->data + r.start, out->data + k, out->len - k + 1);
		out->len -= k - r.start;
	}
}

void qd_html_from_text(struct qd_buf *out, const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char c = text[i];
		bool line_start = i == 0 || text[i - 1] == '\n';

		switch (c) {
		case '&': qd_buf_adds(out, "&amp;"); break;
		case '<': qd_buf_adds(out, "&lt;"); break;
		case '>': qd_buf_adds(out, "&gt;"); break;
		case '"': qd_buf_adds(out, "&quot;"); break;
		case '\n': qd_buf_adds(out, "<br>"); break;
		case '\t': qd_buf_adds(out, "&#9;"); break;
		case ' ':
			if (line_start || text[i - 1] == ' ' || i + 1 == len || text[i + 1] == '\n')
				qd_buf_adds(out, "&nbsp;");
			else
				qd_buf_addc(out, ' ');
			break;
		default: qd_buf_addc(out, c);
		}
	}
}

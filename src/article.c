/*
 * The article parser (see quizdeck/article.h and docs/article-format.md).
 *
 * It reads in three passes, each simple enough to check by eye:
 *   1. bytes → lines: size limit, BOM, UTF-8 and control-character checks,
 *      CRLF/CR line ends, and per-line normalisation (quotes, spaces), with
 *      the line number and the column of the first visible character kept;
 *   2. lines → items: blank lines separate blocks; a block whose first line
 *      looks like a heading or a question is split into that line and a
 *      paragraph, so a missing blank line after a heading is tolerated;
 *   3. items → article: a small state machine over the fixed part headings
 *      ("Key Facts", "Related Questions", "Sources").
 * The first structural problem stops the parse: later errors in a file
 * whose shape is already wrong would mostly be noise.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quizdeck/article.h"
#include "quizdeck/buf.h"
#include "quizdeck/fileio.h"

struct line {
	char *text; /* normalised, trimmed; "" for a blank line */
	int line, col;
};

enum item_kind { ITEM_LINE, ITEM_PARA };

struct item {
	enum item_kind kind; /* ITEM_LINE: a one-line block (or a split-off first line) */
	const char *first;   /* the first line's text (borrowed from lines) */
	char *text;          /* lines joined with spaces (owned) */
	size_t first_line_ix, n_lines;
	int line, col;
};

struct parser {
	const char *name;
	struct qd_err *err;
	struct line *lines;
	size_t n_lines, cap_lines;
	struct item *items;
	size_t n_items, cap_items;
	struct qd_article *a;
};

static int fail_at(struct parser *p, int line, int col, const char *fmt, const char *arg)
{
	return qd_err_at(p->err, QD_EXIT_DATAERR, p->name, line, col, fmt, arg);
}

/* Decodes one UTF-8 sequence; returns its length or 0 if invalid. */
static size_t utf8_decode(const unsigned char *s, size_t n, unsigned *cp)
{
	unsigned c = s[0];
	size_t len, i;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		len = 2;
		c &= 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		len = 3;
		c &= 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		len = 4;
		c &= 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return len;
}

static bool is_unicode_space(unsigned cp)
{
	return cp == 0xa0 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x202f || cp == 0x205f ||
	       cp == 0x3000;
}

/* Appends the normalised form of code point cp (bytes s[0..len)). */
static void add_normalised(struct qd_buf *b, unsigned cp, const char *s, size_t len)
{
	if (cp == '\t' || is_unicode_space(cp)) {
		if (b->len && b->data[b->len - 1] != ' ')
			qd_buf_addc(b, ' ');
	} else if (cp == ' ') {
		if (b->len && b->data[b->len - 1] != ' ')
			qd_buf_addc(b, ' ');
	} else if (cp == 0x2018 || cp == 0x2019 || cp == 0x201a || cp == 0x201b || cp == 0x2032) {
		qd_buf_addc(b, '\'');
	} else if (cp == 0x201c || cp == 0x201d || cp == 0x201e || cp == 0x201f || cp == 0x2033) {
		qd_buf_addc(b, '"');
	} else if (cp == 0x200b || cp == 0x200c || cp == 0x200d || cp == 0x2060 || cp == 0xfeff ||
	           cp == 0xad) {
		/* zero-width characters and soft hyphens: invisible, drop them */
	} else {
		qd_buf_add(b, s, len);
	}
}

static void add_line(struct parser *p, struct qd_buf *b, int line, int col)
{
	struct line *l;

	while (b->len && b->data[b->len - 1] == ' ')
		b->len--;
	b->data[b->len] = '\0';
	if (p->n_lines == p->cap_lines) {
		p->cap_lines = p->cap_lines ? p->cap_lines * 2 : 64;
		p->lines = qd_xrealloc(p->lines, p->cap_lines * sizeof(*p->lines));
	}
	l = &p->lines[p->n_lines++];
	l->text = qd_xstrndup(b->data, b->len);
	l->line = line;
	l->col = b->len ? col : 0;
	qd_buf_reset(b);
}

/* Pass 1: bytes → normalised lines. */
static int split_lines(struct parser *p, const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	struct qd_buf b;
	size_t i = 0, line_bytes = 0;
	int line = 1, col = 1, first_col = 0;

	if (len >= 3 && s[0] == 0xef && s[1] == 0xbb && s[2] == 0xbf)
		i = 3;
	qd_buf_init(&b);
	while (i < len) {
		unsigned cp;
		size_t n;

		if (s[i] == '\n' || s[i] == '\r') {
			add_line(p, &b, line, first_col);
			if (s[i] == '\r' && i + 1 < len && s[i + 1] == '\n')
				i++;
			i++;
			line++;
			col = 1;
			first_col = 0;
			line_bytes = 0;
			continue;
		}
		if (s[i] == 0) {
			qd_buf_release(&b);
			return fail_at(p, line, col, "%s", "not a text file: NUL byte");
		}
		if (!(n = utf8_decode(s + i, len - i, &cp))) {
			char msg[64];
			qd_buf_release(&b);
			snprintf(msg, sizeof(msg), "invalid UTF-8 (byte 0x%02X)", s[i]);
			return fail_at(p, line, col, "%s", msg);
		}
		if ((cp < 0x20 && cp != '\t') || cp == 0x7f || (cp >= 0x80 && cp < 0xa0)) {
			char msg[64];
			qd_buf_release(&b);
			snprintf(msg, sizeof(msg), "control character U+%04X", cp);
			return fail_at(p, line, col, "%s", msg);
		}
		if ((line_bytes += n) > QD_ARTICLE_MAX_LINE) {
			qd_buf_release(&b);
			return fail_at(p, line, col, "line longer than %s bytes", "20000");
		}
		if (!first_col && cp != ' ' && cp != '\t' && !is_unicode_space(cp) && cp != 0xfeff &&
		    cp != 0x200b)
			first_col = col;
		add_normalised(&b, cp, data + i, n);
		i += n;
		col++;
	}
	if (b.len || (len && s[len - 1] != '\n' && s[len - 1] != '\r'))
		add_line(p, &b, line, first_col);
	qd_buf_release(&b);
	return 0;
}

static bool ends_with(const char *s, char c)
{
	size_t n = strlen(s);
	return n && s[n - 1] == c;
}

/* A line that can stand alone as a heading: short, not a sentence. */
static bool heading_like(const char *s)
{
	size_t n = strlen(s);
	char last;

	if (n == 0 || n > 100)
		return false;
	last = s[n - 1];
	return last != '.' && last != ',' && last != ';' && last != ':';
}

/* The known part headings, compared case-blind, with an optional colon. */
static bool is_marker(const char *s, const char *marker)
{
	size_t m = strlen(marker);

	if (strncasecmp(s, marker, m) != 0)
		return false;
	return s[m] == '\0' || (s[m] == ':' && s[m + 1] == '\0');
}

static bool is_part_heading(const char *s)
{
	return is_marker(s, "Key Facts") || is_marker(s, "Related Questions") ||
	       is_marker(s, "Sources") || is_marker(s, "References");
}

/* "Label: rest" with a case-blind label; returns rest (maybe "") or NULL. */
static const char *labelled(const char *s, const char *label)
{
	size_t m = strlen(label);

	if (strncasecmp(s, label, m) != 0)
		return NULL;
	s += m;
	while (*s == ' ')
		s++;
	if (*s != ':' && *s != '-')
		return NULL;
	s++;
	while (*s == ' ')
		s++;
	return s;
}

static bool splits_off(const char *first, const char *second)
{
	/* In a multi-line block, a first line that is a part heading, a label
	 * or a question is a line of its own; so is a heading-like line (no
	 * sentence inside) when the next line starts a new sentence, which
	 * tells it from a paragraph wrapped after a few words. */
	if (is_part_heading(first) || labelled(first, "Quick Answer") ||
	    labelled(first, "Last updated") || ends_with(first, '?'))
		return true;
	return heading_like(first) && !strstr(first, ". ") && !(second[0] >= 'a' && second[0] <= 'z');
}

static struct item *new_item(struct parser *p)
{
	if (p->n_items == p->cap_items) {
		p->cap_items = p->cap_items ? p->cap_items * 2 : 64;
		p->items = qd_xrealloc(p->items, p->cap_items * sizeof(*p->items));
	}
	memset(&p->items[p->n_items], 0, sizeof(struct item));
	return &p->items[p->n_items++];
}

static void make_item(struct parser *p, enum item_kind kind, size_t from, size_t to)
{
	struct item *it = new_item(p);
	struct qd_buf b;

	qd_buf_init(&b);
	for (size_t k = from; k < to; k++) {
		if (b.len)
			qd_buf_addc(&b, ' ');
		qd_buf_adds(&b, p->lines[k].text);
	}
	it->kind = kind;
	it->first = p->lines[from].text;
	it->text = qd_buf_detach(&b, NULL);
	it->first_line_ix = from;
	it->n_lines = to - from;
	it->line = p->lines[from].line;
	it->col = p->lines[from].col;
}

/* Pass 2: lines → items. Blocks inside "Sources" keep their lines apart
 * (one entry per line), which part 3 reads from the line array. */
static void make_items(struct parser *p)
{
	size_t i = 0;

	while (i < p->n_lines) {
		size_t start, end;

		if (!p->lines[i].text[0]) {
			i++;
			continue;
		}
		start = i;
		while (i < p->n_lines && p->lines[i].text[0])
			i++;
		end = i;
		if (end - start == 1) {
			make_item(p, ITEM_LINE, start, end);
		} else if (splits_off(p->lines[start].text, p->lines[start + 1].text) &&
		           !labelled(p->lines[start].text, "Quick Answer")) {
			make_item(p, ITEM_LINE, start, start + 1);
			make_item(p, ITEM_PARA, start + 1, end);
		} else {
			make_item(p, ITEM_PARA, start, end);
		}
	}
}

static void add_para(struct qd_article_para **paras, size_t *n, const struct item *it)
{
	*paras = qd_xrealloc(*paras, (*n + 1) * sizeof(**paras));
	(*paras)[*n].text = qd_xstrdup(it->text);
	(*paras)[*n].line = it->line;
	(*paras)[*n].col = it->col;
	(*n)++;
}

static bool all_upper_token(const char *s, size_t n)
{
	bool letter = false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (c >= 'a' && c <= 'z')
			return false;
		if (c >= 'A' && c <= 'Z')
			letter = true;
	}
	return letter || n > 0;
}

/* Where a licence starts at the end of a source title, or NULL. Recognised:
 * "Public Domain", "All rights reserved", a trailing run of upper-case
 * tokens starting with CC (CC-BY-SA-4.0, CC BY 4.0, CC0), MIT, Apache-2.0,
 * and GPL/LGPL/AGPL/GFDL tokens; optionally in parentheses or after
 * "Licence:"/"License:". */
static const char *find_licence(const char *s)
{
	static const char *const phrases[] = {"Public Domain", "All rights reserved", NULL};
	size_t n = strlen(s);
	const char *best = NULL;

	for (size_t i = 0; phrases[i]; i++) {
		size_t m = strlen(phrases[i]);
		if (n > m && strcasecmp(s + n - m, phrases[i]) == 0 && s[n - m - 1] == ' ')
			return s + n - m;
	}
	for (const char *q = s; (q = strstr(q, "icen")); q++) {
		const char *r = q - 1;
		if (r > s && (r[0] == 'l' || r[0] == 'L') && (strncmp(q, "icence:", 7) == 0 ||
		                                              strncmp(q, "icense:", 7) == 0)) {
			if (r == s || r[-1] == ' ' || r[-1] == '(')
				best = r;
		}
	}
	if (best)
		return best;
	/* Scan tokens from the end while they look like licence parts. */
	const char *end = s + n, *tok_start = end, *cand = NULL;
	while (tok_start > s) {
		const char *t = tok_start;
		while (t > s && t[-1] == ' ')
			t--;
		const char *w = t;
		while (w > s && w[-1] != ' ')
			w--;
		if (w == t || w == s)
			break;
		size_t wl = (size_t)(t - w);
		const char *tok = w;
		if (*w == '(') { /* "(CC BY 4.0)" */
			w++;
			wl--;
		}
		if (!all_upper_token(w, wl) && strncmp(w, "Apache", 6) != 0)
			break;
		w = tok;
		if (*w == '(')
			w++;
		if (strncmp(w, "CC", 2) == 0 || strncmp(w, "MIT", 3) == 0 ||
		    strncmp(w, "Apache", 6) == 0 || strncmp(w, "GPL", 3) == 0 ||
		    strncmp(w, "LGPL", 4) == 0 || strncmp(w, "AGPL", 4) == 0 ||
		    strncmp(w, "GFDL", 4) == 0)
			cand = w;
		tok_start = tok;
		if (tok != w)
			break; /* an opening parenthesis starts the licence */
	}
	return cand;
}

static void add_source(struct parser *p, const char *entry, int line, int col)
{
	struct qd_article *a = p->a;
	struct qd_article_source *src;
	const char *lic = find_licence(entry);
	size_t tlen = lic ? (size_t)(lic - entry) : strlen(entry);
	char *licence = NULL;

	if (lic) {
		size_t ll = strlen(lic);
		if (strncasecmp(lic, "licence:", 8) == 0 || strncasecmp(lic, "license:", 8) == 0) {
			lic += 8;
			while (*lic == ' ')
				lic++;
			ll = strlen(lic);
		}
		while (ll && (lic[ll - 1] == ')' || lic[ll - 1] == ' '))
			ll--;
		licence = qd_xstrndup(lic, ll);
		/* Separators between the title and the licence. */
		while (tlen && strchr(" -(,|", entry[tlen - 1]))
			tlen--;
		if (tlen >= 3 && (strncmp(entry + tlen - 3, "\xe2\x80\x93", 3) == 0 ||
		                  strncmp(entry + tlen - 3, "\xe2\x80\x94", 3) == 0)) {
			tlen -= 3;
			while (tlen && entry[tlen - 1] == ' ')
				tlen--;
		}
		if (!tlen || !licence[0]) { /* the whole entry looked like a licence */
			free(licence);
			licence = NULL;
			tlen = strlen(entry);
		}
	}
	a->sources = qd_xrealloc(a->sources, (a->n_sources + 1) * sizeof(*a->sources));
	src = &a->sources[a->n_sources++];
	src->title = qd_xstrndup(entry, tlen);
	src->licence = licence;
	src->line = line;
	src->col = col;
}

/* "1. Title", "1) Title", "- Title", "* Title", "• Title" → "Title". */
static const char *list_entry(const char *s)
{
	const char *q = s;

	if (*q >= '0' && *q <= '9') {
		while (*q >= '0' && *q <= '9')
			q++;
		if (*q != '.' && *q != ')')
			return NULL;
		q++;
	} else if (*q == '-' || *q == '*') {
		q++;
	} else if (strncmp(q, "\xe2\x80\xa2", 3) == 0) {
		q += 3;
	} else {
		return NULL;
	}
	if (*q != ' ')
		return NULL;
	while (*q == ' ')
		q++;
	return *q ? q : NULL;
}

enum part { PART_PREAMBLE, PART_FACTS, PART_QUESTIONS, PART_SOURCES };

static int check_count(struct parser *p, size_t n, const struct item *it, const char *what)
{
	if (n >= QD_ARTICLE_MAX_PARTS)
		return fail_at(p, it->line, it->col, "too many %s (the limit is 200)", what);
	return 0;
}

static int finish_part(struct parser *p, enum part part, const struct item *heading)
{
	struct qd_article *a = p->a;

	if (part == PART_FACTS) {
		if (!a->n_sections)
			return fail_at(p, heading->line, heading->col, "'%s' has no sections",
			               heading->first);
		struct qd_article_section *s = &a->sections[a->n_sections - 1];
		if (!s->n_paras)
			return fail_at(p, s->line, s->col, "section '%s' has no text", s->heading);
	} else if (part == PART_QUESTIONS) {
		if (!a->n_questions)
			return fail_at(p, heading->line, heading->col, "'%s' has no questions",
			               heading->first);
		struct qd_article_question *q = &a->questions[a->n_questions - 1];
		if (!q->n_paras)
			return fail_at(p, q->line, q->col, "question '%s' has no answer", q->question);
	} else if (part == PART_SOURCES && !a->n_sources) {
		return fail_at(p, heading->line, heading->col, "'%s' lists no sources", heading->first);
	}
	return 0;
}

/* Pass 3: items → article. */
static int build(struct parser *p)
{
	struct qd_article *a = p->a;
	enum part part = PART_PREAMBLE;
	const struct item *part_heading = NULL;
	bool seen[4] = {false, false, false, false};
	bool quick_pending = false;

	if (p->n_items == 0)
		return fail_at(p, 1, 1, "%s", "empty article");
	{
		const struct item *t = &p->items[0];
		if (t->kind != ITEM_LINE || is_part_heading(t->first) ||
		    labelled(t->first, "Quick Answer") || labelled(t->first, "Last updated"))
			return fail_at(p, t->line, t->col, "%s",
			               "expected a title line at the start of the article");
		if (strlen(t->first) > 200)
			return fail_at(p, t->line, t->col, "%s",
			               "the title is longer than 200 bytes (is it a paragraph?)");
		a->title = qd_xstrdup(t->first);
		a->title_line = t->line;
	}
	for (size_t i = 1; i < p->n_items; i++) {
		const struct item *it = &p->items[i];
		const char *rest;
		enum part next = PART_PREAMBLE;

		if (it->kind == ITEM_LINE) {
			if (is_marker(it->first, "Key Facts"))
				next = PART_FACTS;
			else if (is_marker(it->first, "Related Questions"))
				next = PART_QUESTIONS;
			else if (is_marker(it->first, "Sources") || is_marker(it->first, "References"))
				next = PART_SOURCES;
		}
		if (next != PART_PREAMBLE) {
			if (quick_pending)
				return fail_at(p, a->quick_line, a->quick_col, "%s",
				               "'Quick Answer:' is not followed by its text");
			if (seen[next])
				return fail_at(p, it->line, it->col, "'%s' appears twice", it->first);
			if (next < part)
				return fail_at(p, it->line, it->col,
				               "'%s' is out of order (expected Key Facts, then Related "
				               "Questions, then Sources)", it->first);
			if (part != PART_PREAMBLE && finish_part(p, part, part_heading))
				return -1;
			seen[next] = true;
			part = next;
			part_heading = it;
			continue;
		}
		switch (part) {
		case PART_PREAMBLE:
			if (quick_pending) {
				a->quick = qd_xstrdup(it->text);
				quick_pending = false;
			} else if (it->kind == ITEM_LINE && (rest = labelled(it->first, "Last updated"))) {
				if (a->updated)
					return fail_at(p, it->line, it->col, "%s", "'Last updated' appears twice");
				if (!*rest)
					return fail_at(p, it->line, it->col, "%s", "'Last updated:' without a date");
				a->updated = qd_xstrdup(rest);
			} else if ((rest = labelled(it->first, "Quick Answer"))) {
				if (a->quick)
					return fail_at(p, it->line, it->col, "%s", "'Quick Answer' appears twice");
				a->quick_line = it->line;
				a->quick_col = it->col;
				if (*labelled(it->text, "Quick Answer"))
					a->quick = qd_xstrdup(labelled(it->text, "Quick Answer"));
				else
					quick_pending = true;
			} else {
				return fail_at(p, it->line, it->col, "%s",
				               "unexpected text before the sections; expected 'Last updated:', "
				               "'Quick Answer:' or a 'Key Facts' heading");
			}
			break;
		case PART_FACTS:
			if (it->kind == ITEM_LINE && heading_like(it->first)) {
				if (a->n_sections && finish_part(p, part, part_heading))
					return -1;
				if (check_count(p, a->n_sections, it, "sections"))
					return -1;
				a->sections = qd_xrealloc(a->sections,
				                          (a->n_sections + 1) * sizeof(*a->sections));
				struct qd_article_section *s = &a->sections[a->n_sections++];
				memset(s, 0, sizeof(*s));
				s->heading = qd_xstrdup(it->first);
				s->line = it->line;
				s->col = it->col;
			} else if (!a->n_sections) {
				return fail_at(p, it->line, it->col, "%s",
				               "paragraph without a section heading after 'Key Facts'");
			} else {
				struct qd_article_section *s = &a->sections[a->n_sections - 1];
				if (s->n_paras >= QD_ARTICLE_MAX_PARAS)
					return fail_at(p, it->line, it->col, "%s",
					               "too many paragraphs in one section (the limit is 50)");
				add_para(&s->paras, &s->n_paras, it);
			}
			break;
		case PART_QUESTIONS:
			if (it->kind == ITEM_LINE && ends_with(it->first, '?')) {
				if (a->n_questions && finish_part(p, part, part_heading))
					return -1;
				if (check_count(p, a->n_questions, it, "questions"))
					return -1;
				a->questions = qd_xrealloc(a->questions,
				                           (a->n_questions + 1) * sizeof(*a->questions));
				struct qd_article_question *q = &a->questions[a->n_questions++];
				memset(q, 0, sizeof(*q));
				q->question = qd_xstrdup(it->first);
				q->line = it->line;
				q->col = it->col;
			} else if (!a->n_questions) {
				return fail_at(p, it->line, it->col, "%s",
				               "expected a question (a line ending in '?') after "
				               "'Related Questions'");
			} else {
				struct qd_article_question *q = &a->questions[a->n_questions - 1];
				if (q->n_paras >= QD_ARTICLE_MAX_PARAS)
					return fail_at(p, it->line, it->col, "%s",
					               "too many paragraphs in one answer (the limit is 50)");
				add_para(&q->paras, &q->n_paras, it);
			}
			break;
		case PART_SOURCES:
			for (size_t k = 0; k < it->n_lines; k++) {
				const struct line *l = &p->lines[it->first_line_ix + k];
				const char *entry = list_entry(l->text);
				if (!entry)
					return fail_at(p, l->line, l->col, "%s",
					               "expected a source entry like '1. Title' or '- Title'");
				if (a->n_sources >= QD_ARTICLE_MAX_PARTS)
					return fail_at(p, l->line, l->col, "%s",
					               "too many sources (the limit is 200)");
				add_source(p, entry, l->line, l->col);
			}
			break;
		}
	}
	if (quick_pending)
		return fail_at(p, a->quick_line, a->quick_col, "%s",
		               "'Quick Answer:' is not followed by its text");
	if (part != PART_PREAMBLE && finish_part(p, part, part_heading))
		return -1;
	if (!a->n_sections && !a->n_questions)
		return fail_at(p, p->items[0].line, p->items[0].col, "%s",
		               "no recognisable sections: expected a 'Key Facts' heading followed by "
		               "sections, or 'Related Questions' followed by questions");
	return 0;
}

struct qd_article *qd_article_parse(const char *name, const char *data, size_t len,
                                    struct qd_err *err)
{
	struct parser p;
	int rc;

	memset(&p, 0, sizeof(p));
	p.name = name;
	p.err = err;
	if (len > QD_ARTICLE_MAX_BYTES) {
		qd_err_at(err, QD_EXIT_DATAERR, name, 0, 0,
		          "article is larger than 1 MiB (%zu bytes)", len);
		return NULL;
	}
	p.a = qd_xcalloc(1, sizeof(*p.a));
	p.a->name = qd_xstrdup(name);
	rc = split_lines(&p, data, len);
	if (rc == 0) {
		make_items(&p);
		rc = build(&p);
	}
	for (size_t i = 0; i < p.n_lines; i++)
		free(p.lines[i].text);
	free(p.lines);
	for (size_t i = 0; i < p.n_items; i++)
		free(p.items[i].text);
	free(p.items);
	if (rc) {
		qd_article_free(p.a);
		return NULL;
	}
	return p.a;
}

struct qd_article *qd_article_load(const char *path, struct qd_err *err)
{
	struct qd_article *a = NULL;
	struct qd_buf b;

	qd_buf_init(&b);
	if (qd_file_read(path, QD_ARTICLE_MAX_BYTES, &b, err) == 0)
		a = qd_article_parse(path, b.data, b.len, err);
	qd_buf_release(&b);
	return a;
}

static void free_paras(struct qd_article_para *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i].text);
	free(p);
}

void qd_article_free(struct qd_article *a)
{
	if (!a)
		return;
	free(a->name);
	free(a->title);
	free(a->updated);
	free(a->quick);
	for (size_t i = 0; i < a->n_sections; i++) {
		free(a->sections[i].heading);
		free_paras(a->sections[i].paras, a->sections[i].n_paras);
	}
	free(a->sections);
	for (size_t i = 0; i < a->n_questions; i++) {
		free(a->questions[i].question);
		free_paras(a->questions[i].paras, a->questions[i].n_paras);
	}
	free(a->questions);
	for (size_t i = 0; i < a->n_sources; i++) {
		free(a->sources[i].title);
		free(a->sources[i].licence);
	}
	free(a->sources);
	free(a);
}

/*
 * YAML syntax errors in words that say what to do; see quizdeck/yamlhint.h.
 *
 * libyaml's message tells which rule failed, not which line was written
 * wrong, so each translation looks at the source itself:
 *
 *   - Indentation. libyaml reports a mis-indented line as "did not find
 *     expected key", "did not find expected '-' indicator" or (a key deeper
 *     than the one before, read as that key's text going on) "mapping
 *     values are not allowed". Its marks name the collection it was in, not
 *     the sibling the line should line up with, so we re-read the lines
 *     before it: each line that starts a list item ("- ") or a key ("k:")
 *     opens a level at its column, and a line at a smaller column closes the
 *     deeper ones, as YAML's own indentation rule does. The open levels
 *     just above and below the bad line's column are its candidate
 *     siblings. Lines of block scalars ("|", ">") and continuation lines
 *     of text open nothing and are skipped. This re-scan is a model of
 *     block YAML, not a parser: it is only asked about a line libyaml has
 *     already rejected, and when it finds nothing wrong (the line lines up
 *     with a level) we fall back to libyaml's words rather than guess.
 *   - Quotes and brackets: libyaml's context mark is where the quoted text
 *     or flow collection began, which is what the author must close.
 *   - Missing spaces and ': ' in text: read from the line at the mark.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/text.h"
#include "quizdeck/yamldoc.h"
#include "quizdeck/yamlhint.h"

/* ---- the source, line by line ---- */

struct text {
	const char *data;
	size_t *start, *end; /* line i + 1 is data[start[i]..end[i]) */
	int n;
};

static void text_init(struct text *t, const char *data, size_t len)
{
	size_t cap = 16, from = 0;

	t->data = data;
	t->n = 0;
	t->start = qd_xmalloc(cap * sizeof(*t->start));
	t->end = qd_xmalloc(cap * sizeof(*t->end));
	for (size_t i = 0; i <= len;) {
		size_t k = i < len ? qd_text_line_break(data, len, i) : 0;

		if (i < len && !k) {
			i++;
			continue;
		}
		if (i == len && from == len)
			break; /* no line after a final break */
		if ((size_t)t->n == cap) {
			cap *= 2;
			t->start = qd_xrealloc(t->start, cap * sizeof(*t->start));
			t->end = qd_xrealloc(t->end, cap * sizeof(*t->end));
		}
		t->start[t->n] = from;
		t->end[t->n] = i;
		t->n++;
		if (i == len)
			break;
		i += k;
		from = i;
	}
}

static void text_release(struct text *t)
{
	free(t->start);
	free(t->end);
}

/* Line (1-based) as s[0..*n); false when the text has no such line. */
static bool text_line(const struct text *t, int line, const char **s, size_t *n)
{
	if (line < 1 || line > t->n)
		return false;
	*s = t->data + t->start[line - 1];
	*n = t->end[line - 1] - t->start[line - 1];
	return true;
}

/* Bytes in the UTF-8 character at s (the input is valid UTF-8 by now). */
static size_t char_len(const char *s, size_t n)
{
	unsigned char c = (unsigned char)s[0];
	size_t k = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;

	return k < n ? k : n;
}

/* Byte offset of 1-based character column col in s[0..n) (n if beyond). */
static size_t col_offset(const char *s, size_t n, int col)
{
	size_t i = 0;

	for (int c = 1; c < col && i < n; c++)
		i += char_len(s + i, n - i);
	return i;
}

/* 1-based character column of byte offset off in s. */
static int col_of(const char *s, size_t off)
{
	int col = 1;

	for (size_t i = 0; i < off; i += char_len(s + i, off - i))
		col++;
	return col;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* A character of a plain key as people write them: "id", "nowarn",
 * "day_start". */
static bool is_key_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '-';
}

/* ---- what a line opens ---- */

/* A level a line opens: a list item's "-" or a key, at its column. */
struct entry {
	int line, col;
	bool dash;
	const char *key; /* a key's text (in the source), or NULL */
	size_t key_len;
	bool opens;      /* nothing follows on the line: a nested block may */
	bool block;      /* its value is a block scalar ("|", ">") */
};

#define MAX_ENTRIES 8

struct shape {
	bool content;  /* neither blank nor a comment */
	int first_col; /* column of the first character other than a space */
	struct entry e[MAX_ENTRIES];
	int n;
	size_t value;  /* a key's value: its byte offset in the line (n if none) */
};

/* Byte offset just after the closing quote of the quoted text at s[i], or
 * 0 when it does not end on the line. */
static size_t skip_quoted(const char *s, size_t n, size_t i)
{
	char q = s[i];

	for (i++; i < n; i++) {
		if (q == '"' && s[i] == '\\')
			i++;
		else if (s[i] == q && q == '\'' && i + 1 < n && s[i + 1] == '\'')
			i++;
		else if (s[i] == q)
			return i + 1;
	}
	return 0;
}

static void shape_of(const char *s, size_t n, int line, struct shape *sh)
{
	size_t i = 0;

	memset(sh, 0, sizeof(*sh));
	sh->value = n;
	while (i < n && s[i] == ' ')
		i++;
	sh->first_col = (int)i + 1;
	if (i >= n || s[i] == '#' || s[i] == '\t')
		return;
	sh->content = true;
	while (i < n && s[i] == '-' && (i + 1 >= n || is_blank(s[i + 1])) &&
	       sh->n < MAX_ENTRIES - 1) {
		struct entry *e = &sh->e[sh->n++];
		e->line = line;
		e->col = col_of(s, i);
		e->dash = true;
		for (i++; i < n && is_blank(s[i]); i++)
			;
		e->opens = i >= n || s[i] == '#';
		e->block = i < n && (s[i] == '|' || s[i] == '>');
	}
	if (i >= n || s[i] == '#')
		return;
	/* A key: plain or quoted text, then ':' and a blank or the end. */
	size_t k = i, colon = n;
	if (s[i] == '"' || s[i] == '\'') {
		size_t j = skip_quoted(s, n, i);
		if (j && j < n && s[j] == ':' && (j + 1 >= n || is_blank(s[j + 1])))
			colon = j;
	} else if (!strchr("[]{}|>&*!%@`,?", s[i])) {
		for (size_t j = i; j < n; j++) {
			if (s[j] == ':' && (j + 1 >= n || is_blank(s[j + 1]))) {
				colon = j;
				break;
			}
			if (s[j] == '#' && j > i && is_blank(s[j - 1]))
				break;
		}
	}
	if (colon == n)
		return;
	struct entry *e = &sh->e[sh->n++];
	size_t end = colon;
	while (end > k && is_blank(s[end - 1]))
		end--;
	e->line = line;
	e->col = col_of(s, k);
	e->key = s + k;
	e->key_len = end - k;
	for (i = colon + 1; i < n && is_blank(s[i]); i++)
		;
	sh->value = i;
	e->opens = i >= n || s[i] == '#';
	e->block = i < n && (s[i] == '|' || s[i] == '>');
}

/* The levels open before a line. */
#define MAX_LEVELS 64

struct levels {
	struct entry e[MAX_LEVELS];
	int n;
	bool overflow;
};

static void levels_add(struct levels *lv, const struct shape *sh)
{
	for (int j = 0; j < sh->n; j++) {
		const struct entry *f = &sh->e[j];
		if (j == 0) {
			while (lv->n && lv->e[lv->n - 1].col > f->col)
				lv->n--;
			if (lv->n && lv->e[lv->n - 1].col == f->col) {
				const struct entry *top = &lv->e[lv->n - 1];
				if (top->dash && !f->dash) {
					/* A key at the column of an unindented list under
					 * its key: the list has ended. */
					lv->n--;
					if (lv->n && lv->e[lv->n - 1].col == f->col)
						lv->n--;
				} else if (top->dash == f->dash) {
					lv->n--; /* a sibling takes its place */
				} /* else a list under its key, at the key's column */
			}
		}
		if (lv->n == MAX_LEVELS) {
			lv->overflow = true;
			return;
		}
		lv->e[lv->n++] = *f;
	}
}

/* The levels open before line `line`: every line above it that opens one,
 * skipping the text of block scalars. */
static void levels_before(const struct text *t, int line, struct levels *lv)
{
	int block_col = 0; /* inside a block scalar: lines deeper than this */

	lv->n = 0;
	lv->overflow = false;
	for (int l = 1; l < line; l++) {
		const char *s;
		size_t n;
		struct shape sh;

		if (!text_line(t, l, &s, &n))
			break;
		shape_of(s, n, l, &sh);
		if (block_col) {
			if (!sh.content || sh.first_col > block_col)
				continue;
			block_col = 0;
		}
		if (!sh.content || sh.n == 0)
			continue;
		levels_add(lv, &sh);
		if (sh.e[sh.n - 1].block)
			block_col = sh.e[sh.n - 1].col;
	}
}

/* ---- the translations ---- */

static void excerpt(const char *s, size_t n, char *out, size_t size)
{
	qd_text_excerpt(s, n, 40, out, size);
}

/* "-id: one" for "- id: one": a key that is a list item without its
 * space. */
static bool missing_dash_space(const struct entry *e)
{
	return e->key && e->key_len >= 2 && e->key[0] == '-' && is_key_char(e->key[1]);
}

/* A line that starts with "-x" (col: the '-'): reports the missing space. */
static void report_missing_dash_space(struct qd_diags *d, int line, int col, const char *s,
                                      size_t n)
{
	size_t i = col_offset(s, n, col), j = i + 1;
	char ex[128];

	while (j < n && !is_blank(s[j]) && s[j] != ':')
		j++;
	excerpt(s + i, j - i, ex, sizeof(ex));
	qd_diags_add(d, QD_SEV_ERROR, line, col,
	             "a space is missing after '-' in '%s': a list item is written '- %s'", ex,
	             ex + 1);
}

/* If s[from..n) starts with a key glued to its value ("title:t"),
 * reports the missing space at the ':' and returns true. A URL's "://" is
 * not taken for one. */
static bool report_missing_colon_space(struct qd_diags *d, int line, const char *s, size_t n,
                                       size_t from)
{
	size_t i = from, end = n;
	char key[128], rest[128];

	while (i < n && is_key_char(s[i]))
		i++;
	if (i == from || s[from] == '-' || i + 1 >= n || s[i] != ':' || is_blank(s[i + 1]) ||
	    s[i + 1] == ':' || s[i + 1] == '/')
		return false;
	while (end > i + 1 && is_blank(s[end - 1]))
		end--;
	excerpt(s + from, i - from, key, sizeof(key));
	excerpt(s + i + 1, end - i - 1, rest, sizeof(rest));
	qd_diags_add(d, QD_SEV_ERROR, line, col_of(s, i),
	             "a space is missing after ':' in '%s:%s': write '%s: %s'", key, rest, key,
	             rest);
	return true;
}

/* A tab in the indentation of the problem's line, at or before its
 * column. */
static bool explain_tab(const struct text *t, const struct qd_yaml_problem *p,
                        struct qd_diags *d)
{
	const char *s;
	size_t n, at;

	if (!text_line(t, p->line, &s, &n))
		return false;
	at = col_offset(s, n, p->col);
	for (size_t i = 0; i < n && is_blank(s[i]); i++) {
		if (s[i] == '\t' && i <= at) {
			qd_diags_add(d, QD_SEV_ERROR, p->line, (int)i + 1,
			             "a tab in the indentation: YAML indents with spaces; "
			             "replace the tab");
			return true;
		}
	}
	return false;
}

/* The character at line:col, or 0. */
static char char_at(const struct text *t, int line, int col)
{
	const char *s;
	size_t n, i;

	if (!text_line(t, line, &s, &n))
		return 0;
	i = col_offset(s, n, col);
	return i < n ? s[i] : 0;
}

static bool starts_with(const char *s, const char *prefix)
{
	return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* Quoted text that reaches the end of the file: libyaml's context mark is
 * the opening quote. */
static bool explain_quote(const struct text *t, const struct qd_yaml_problem *p,
                          struct qd_diags *d)
{
	char q = char_at(t, p->context_line, p->context_col);

	if (!starts_with(p->context, "while scanning a quoted scalar") ||
	    !(starts_with(p->problem, "found unexpected end of stream") ||
	      starts_with(p->problem, "found unexpected document indicator")) ||
	    (q != '"' && q != '\''))
		return false;
	qd_diags_add(d, QD_SEV_ERROR, p->context_line, p->context_col,
	             "this %s is never closed: end the text with %s",
	             q == '"' ? "'\"'" : "\"'\"", q == '"' ? "'\"'" : "\"'\"");
	return true;
}

/* A flow list or mapping whose end was not found before another line (or
 * the end of the file): libyaml's context mark is the opening bracket. */
static bool explain_bracket(const struct text *t, const struct qd_yaml_problem *p,
                            struct qd_diags *d)
{
	char b = char_at(t, p->context_line, p->context_col);

	/* libyaml is either inside the collection, or still reading it as a
	 * key (a flow collection can be one) when the file ends. */
	if (!(((starts_with(p->context, "while parsing a flow sequence") ||
	        starts_with(p->context, "while parsing a flow mapping")) &&
	       (starts_with(p->problem, "did not find expected ','") ||
	        starts_with(p->problem, "found unexpected end of stream"))) ||
	      (starts_with(p->context, "while scanning a simple key") &&
	       starts_with(p->problem, "could not find expected ':'"))) ||
	    p->line <= p->context_line || (b != '[' && b != '{'))
		return false;
	if (b == '[')
		qd_diags_add(d, QD_SEV_ERROR, p->context_line, p->context_col,
		             "this '[' is never closed: end the list with ']'");
	else
		qd_diags_add(d, QD_SEV_ERROR, p->context_line, p->context_col,
		             "this '{' is never closed: end the mapping with '}'");
	return true;
}

/* libyaml read a line as a key and found no ':' after it: "title:t",
 * "-item" where a key or an item belongs. */
static bool explain_simple_key(const struct text *t, const struct qd_yaml_problem *p,
                               struct qd_diags *d)
{
	const char *s;
	size_t n, i;

	if (!starts_with(p->problem, "could not find expected ':'") ||
	    !starts_with(p->context, "while scanning a simple key") ||
	    !text_line(t, p->context_line, &s, &n))
		return false;
	i = col_offset(s, n, p->context_col);
	if (i + 1 < n && s[i] == '-' && !is_blank(s[i + 1]) && s[i + 1] != '-') {
		report_missing_dash_space(d, p->context_line, p->context_col, s, n);
		return true;
	}
	return report_missing_colon_space(d, p->context_line, s, n, i);
}

/* The nearest line above `line` that is neither blank nor a comment, or 0. */
static int previous_content(const struct text *t, int line)
{
	for (int l = line - 1; l >= 1; l--) {
		const char *s;
		size_t n;
		struct shape sh;

		if (!text_line(t, l, &s, &n))
			break;
		shape_of(s, n, l, &sh);
		if (sh.content)
			return l;
	}
	return 0;
}

static const char *more_or_less(int col, int than)
{
	return col > than ? "more" : "less";
}

/* The problem's line starts a key or a list item at a column where none
 * can be: names the sibling it should line up with. */
static bool explain_indent(const struct text *t, int line, struct qd_diags *d)
{
	const char *s;
	size_t n;
	struct shape sh;
	struct levels lv;
	const struct entry *f, *below = NULL, *above = NULL, *sib = NULL;
	char a[128], b[128];
	int i, prev;

	if (!text_line(t, line, &s, &n))
		return false;
	shape_of(s, n, line, &sh);
	if (!sh.content)
		return false;
	/* "deck:x" on the line before: a key without its space, read as text
	 * that this line goes on. */
	prev = previous_content(t, line);
	if (prev) {
		const char *ps;
		size_t pn;
		struct shape psh;

		if (!text_line(t, prev, &ps, &pn))
			return false;
		shape_of(ps, pn, prev, &psh);
		if (psh.n == 0 &&
		    report_missing_colon_space(d, prev, ps, pn, (size_t)psh.first_col - 1))
			return true;
	}
	if (sh.n == 0)
		return false;
	f = &sh.e[0];
	if (missing_dash_space(f)) {
		report_missing_dash_space(d, line, f->col, s, n);
		return true;
	}
	levels_before(t, line, &lv);
	if (lv.overflow)
		return false;
	for (i = lv.n - 1; i >= 0 && lv.e[i].col > f->col; i--)
		;
	below = i >= 0 ? &lv.e[i] : NULL;
	above = i + 1 < lv.n ? &lv.e[i + 1] : NULL;
	if (below && below->col == f->col) {
		/* Lined up with a key: fine, unless the key's list is open
		 * deeper and this is one of its items. */
		if (!(f->dash && !below->dash && above && above->dash))
			return false;
		sib = above;
	} else if (above) {
		/* Between two levels: the sibling is the nearest deeper one of
		 * its kind (the block the line falls short of), else the
		 * nearest shallower one. */
		for (int j = i + 1; j < lv.n && !sib; j++)
			if (lv.e[j].dash == f->dash)
				sib = &lv.e[j];
		for (int j = i; j >= 0 && !sib; j--)
			if (lv.e[j].dash == f->dash)
				sib = &lv.e[j];
	} else if (below && !f->dash && below->key && !below->opens) {
		/* Deeper than the key above, which has a value: read as more of
		 * that value, where ': ' cannot be. */
		if (missing_dash_space(below)) {
			const char *bs;
			size_t bn;
			if (!text_line(t, below->line, &bs, &bn))
				return false;
			report_missing_dash_space(d, below->line, below->col, bs, bn);
			return true;
		}
		excerpt(f->key, f->key_len, a, sizeof(a));
		excerpt(below->key, below->key_len, b, sizeof(b));
		qd_diags_add(d, QD_SEV_ERROR, line, f->col,
		             "key '%s' is indented more than its sibling '%s' (line %d, column %d), "
		             "so it reads as the text of '%s': line them up (or quote the text, if "
		             "the ':' belongs to it)",
		             a, b, below->line, below->col, b);
		return true;
	}
	if (!sib)
		return false;
	if (f->dash) {
		qd_diags_add(d, QD_SEV_ERROR, line, f->col,
		             "this list item is indented %s than the item on line %d (column %d): "
		             "line them up",
		             more_or_less(f->col, sib->col), sib->line, sib->col);
		return true;
	}
	excerpt(f->key, f->key_len, a, sizeof(a));
	excerpt(sib->key, sib->key_len, b, sizeof(b));
	qd_diags_add(d, QD_SEV_ERROR, line, f->col,
	             "key '%s' is indented %s than its sibling '%s' (line %d, column %d): "
	             "line them up",
	             a, more_or_less(f->col, sib->col), b, sib->line, sib->col);
	return true;
}

/* "q: What is 2: the answer": a second ': ' on a key's line, inside its
 * unquoted value. Suggests the value quoted. */
static bool explain_colon_in_text(const struct text *t, const struct qd_yaml_problem *p,
                                  struct qd_diags *d)
{
	const char *s;
	size_t n, at, end;
	struct shape sh;
	const struct entry *k;
	char key[128];
	struct qd_buf q;
	bool dq;

	if (!text_line(t, p->line, &s, &n))
		return false;
	shape_of(s, n, p->line, &sh);
	at = col_offset(s, n, p->col);
	if (sh.n == 0 || !sh.e[sh.n - 1].key || sh.value >= at || at >= n || s[at] != ':' ||
	    strchr("\"'[{|>&*!%@`", s[sh.value]))
		return false;
	k = &sh.e[sh.n - 1];
	end = n;
	for (size_t i = sh.value + 1; i < n; i++)
		if (s[i] == '#' && is_blank(s[i - 1])) {
			end = i;
			break;
		}
	while (end > sh.value && is_blank(s[end - 1]))
		end--;
	excerpt(k->key, k->key_len, key, sizeof(key));
	if (end - sh.value > 60 || memchr(s + sh.value, '\t', end - sh.value)) {
		qd_diags_add(d, QD_SEV_ERROR, p->line, p->col,
		             "': ' cannot be inside unquoted text: put the text of '%s' in quotes",
		             key);
		return true;
	}
	/* Double quotes unless the text holds some (or a backslash, which
	 * they would read as an escape); single quotes double their own. */
	dq = !memchr(s + sh.value, '"', end - sh.value) &&
	     !memchr(s + sh.value, '\\', end - sh.value);
	qd_buf_init(&q);
	qd_buf_addc(&q, dq ? '"' : '\'');
	for (size_t i = sh.value; i < end; i++) {
		if (!dq && s[i] == '\'')
			qd_buf_addc(&q, '\'');
		qd_buf_addc(&q, s[i]);
	}
	qd_buf_addc(&q, dq ? '"' : '\'');
	qd_diags_add(d, QD_SEV_ERROR, p->line, p->col,
	             "': ' cannot be inside unquoted text: quote the text, as in %s: %s", key,
	             q.data);
	qd_buf_release(&q);
	return true;
}

void qd_yamlhint_report(const char *data, size_t len, const struct qd_yaml_problem *p,
                        struct qd_diags *diags)
{
	struct text t;
	bool done = false;

	text_init(&t, data, len);
	if (explain_tab(&t, p, diags) || explain_quote(&t, p, diags) ||
	    explain_bracket(&t, p, diags) || explain_simple_key(&t, p, diags))
		done = true;
	else if (starts_with(p->problem, "mapping values are not allowed"))
		done = explain_colon_in_text(&t, p, diags) || explain_indent(&t, p->line, diags);
	else if (starts_with(p->problem, "did not find expected key") ||
	         starts_with(p->problem, "did not find expected '-' indicator")) {
		const char *s;
		size_t n;
		struct shape sh;
		if (text_line(&t, p->line, &s, &n)) {
			shape_of(s, n, p->line, &sh);
			if (sh.content && sh.first_col == p->col)
				done = explain_indent(&t, p->line, diags);
		}
	}
	text_release(&t);
	if (done)
		return;
	qd_diags_add(diags, QD_SEV_ERROR, p->line, p->col, "not valid YAML here");
	if (p->context)
		qd_diags_note(diags, "libyaml: %s (%s at line %d, column %d)",
		              p->problem ? p->problem : "invalid YAML", p->context, p->context_line,
		              p->context_col);
	else
		qd_diags_note(diags, "libyaml: %s", p->problem ? p->problem : "invalid YAML");
}

/*
 * The YAML document tree (see quizdeck/yamldoc.h).
 *
 * Built from libyaml's event stream rather than its document loader: the
 * loader has no depth limit, is quadratic in depth and expands aliases into
 * shared nodes; events let us cap depth as we go, refuse aliases outright,
 * and keep a mark on every node. libyaml's 1/0 return convention and its
 * 0-based marks stay inside this file.
 *
 * Before libyaml sees the input we check it ourselves for invalid UTF-8 and
 * raw control characters, so those errors carry exact positions and our
 * own wording (libyaml's reader reports only a byte offset).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "quizdeck/buf.h"
#include "quizdeck/fileio.h"
#include "quizdeck/suggest.h"
#include "quizdeck/text.h"
#include "quizdeck/yamldoc.h"
#include "quizdeck/yamlhint.h"

/* ---- UTF-8 helpers ---- */

/* Decodes one UTF-8 sequence at s[0..n); returns its length and sets *cp,
 * or returns 0 for an invalid sequence (overlong, surrogate, > U+10FFFF,
 * truncated). */
static size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c;
	size_t len;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		c = s[0] & 0x1F;
		len = 2;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		c = s[0] & 0x0F;
		len = 3;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		c = s[0] & 0x07;
		len = 4;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && c < 0x800) || (len == 4 && (c < 0x10000 || c > 0x10FFFF)) ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return len;
}

static bool is_forbidden_control(uint32_t c)
{
	return (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7F && c <= 0x9F);
}

/* 1-based line and column (in characters) of byte offset off in data,
 * counting lines as libyaml does (qd_text_line_break). */
static void position_of(const char *data, size_t len, size_t off, int *line, int *col)
{
	size_t i = 0;
	int l = 1, c = 1;

	while (i < off && i < len) {
		size_t k = qd_text_line_break(data, len, i);
		if (k) {
			l++;
			c = 1;
			i += k;
			continue;
		}
		if (((unsigned char)data[i] & 0xC0) != 0x80)
			c++;
		i++;
	}
	*line = l;
	*col = c;
}

/* Checks the raw input; reports the first problem and returns -1. */
static int check_input(const char *data, size_t len, struct qd_diags *diags)
{
	const unsigned char *s = (const unsigned char *)data;
	int line, col;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);

		if (n == 0) {
			position_of(data, len, i, &line, &col);
			qd_diags_add(diags, QD_SEV_ERROR, line, col,
			             "invalid UTF-8 (byte 0x%02X): the file must be UTF-8 text",
			             s[i]);
			return -1;
		}
		if (is_forbidden_control(cp) && cp != '\r' && !(cp == 0x85)) {
			position_of(data, len, i, &line, &col);
			qd_diags_add(diags, QD_SEV_ERROR, line, col,
			             "control character U+%04X is not allowed in the file",
			             (unsigned)cp);
			return -1;
		}
		i += n;
	}
	return 0;
}

char *qd_text_excerpt(const char *s, size_t len, size_t max_chars, char *out, size_t size)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t o = 0, chars = 0;

	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(u + i, len - i, &cp);
		char tmp[8];
		size_t tlen;

		if (chars >= max_chars) {
			if (o + 4 <= size) {
				memcpy(out + o, "...", 3);
				o += 3;
			}
			break;
		}
		if (n == 0 || is_forbidden_control(cp) || cp == '\n' || cp == '\t') {
			if (n == 0)
				n = 1;
			if (cp == '\n' && n == 1 && u[i] == '\n')
				tlen = (size_t)snprintf(tmp, sizeof(tmp), "\\n");
			else if (u[i] == '\t')
				tlen = (size_t)snprintf(tmp, sizeof(tmp), "\\t");
			else if (n == 1)
				tlen = (size_t)snprintf(tmp, sizeof(tmp), "\\x%02X", u[i]);
			else
				tlen = (size_t)snprintf(tmp, sizeof(tmp), "\\u%04X", (unsigned)cp);
		} else {
			memcpy(tmp, u + i, n);
			tlen = n;
		}
		if (o + tlen + 1 > size)
			break;
		memcpy(out + o, tmp, tlen);
		o += tlen;
		i += n;
		chars++;
	}
	out[o] = '\0';
	return out;
}

/* ---- nodes ---- */

static struct qd_ynode *node_new(enum qd_ynode_kind kind, yaml_mark_t mark)
{
	struct qd_ynode *n = qd_xcalloc(1, sizeof(*n));

	n->kind = kind;
	n->line = (int)mark.line + 1;
	n->col = (int)mark.column + 1;
	n->str = "";
	return n;
}

void qd_ynode_free(struct qd_ynode *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n_items; i++)
		qd_ynode_free(n->items[i]);
	for (size_t i = 0; i < n->n_pairs; i++) {
		qd_ynode_free(n->pairs[i].key);
		qd_ynode_free(n->pairs[i].value);
	}
	free(n->items);
	free(n->pairs);
	if (n->kind == QD_YNODE_SCALAR)
		free((char *)n->str);
	free(n);
}

/* Arrays grow to 4, 8, 16...: full when n is 0 or a power of two >= 4. */
static bool array_full(size_t n)
{
	return n == 0 || (n >= 4 && (n & (n - 1)) == 0);
}

const struct qd_ynode *qd_ynode_get(const struct qd_ynode *m, const char *key)
{
	if (!m || m->kind != QD_YNODE_MAPPING)
		return NULL;
	for (size_t i = 0; i < m->n_pairs; i++)
		if (qd_ynode_equals(m->pairs[i].key, key))
			return m->pairs[i].value;
	return NULL;
}

bool qd_ynode_equals(const struct qd_ynode *n, const char *s)
{
	size_t len = strlen(s);

	return n && n->kind == QD_YNODE_SCALAR && n->len == len && memcmp(n->str, s, len) == 0;
}

void qd_ynode_report_unknown(struct qd_diags *d, enum qd_severity sev, const char *prefix,
                             const struct qd_ynode *n, const char *what,
                             const char *const *valid, const char *const *synonyms,
                             const char *expected)
{
	const char *sugg = qd_suggest(n->str, n->len, valid, synonyms);
	char ex[128];

	qd_text_excerpt(n->str, n->len, 48, ex, sizeof(ex));
	if (sugg)
		qd_diags_add_prefix(d, sev, n->line, n->col, NULL, prefix,
		                    "unknown %s '%s' \xE2\x80\x94 did you mean '%s'?", what, ex, sugg);
	else
		qd_diags_add_prefix(d, sev, n->line, n->col, NULL, prefix, "unknown %s '%s' (%s)", what,
		                    ex, expected);
}

bool qd_ynode_is_null(const struct qd_ynode *n)
{
	return n && n->kind == QD_YNODE_SCALAR && n->plain &&
	       (n->len == 0 || qd_ynode_equals(n, "~") || qd_ynode_equals(n, "null") ||
	        qd_ynode_equals(n, "Null") || qd_ynode_equals(n, "NULL"));
}

const char *qd_ynode_kind_name(const struct qd_ynode *n)
{
	if (!n)
		return "nothing";
	switch (n->kind) {
	case QD_YNODE_SCALAR: return qd_ynode_is_null(n) ? "empty" : "a string";
	case QD_YNODE_SEQUENCE: return "a list";
	case QD_YNODE_MAPPING: return "a mapping";
	case QD_YNODE_BAD: break;
	}
	return "invalid";
}

/* ---- the builder ---- */

struct frame {
	struct qd_ynode *node;
	bool have_key; /* mapping: the last pair still waits for its value */
};

struct builder {
	struct qd_diags *diags;
	struct frame *stack;
	int depth, max_depth;
	struct qd_ynode *root;
};

static void attach(struct builder *b, struct qd_ynode *child)
{
	struct frame *f;
	struct qd_ynode *p;

	if (b->depth == 0) {
		if (b->root) /* cannot happen: one node per document */
			qd_ynode_free(b->root);
		b->root = child;
		return;
	}
	f = &b->stack[b->depth - 1];
	p = f->node;
	if (p->kind == QD_YNODE_SEQUENCE) {
		if (array_full(p->n_items))
			p->items = qd_xrealloc(p->items, (p->n_items ? p->n_items * 2 : 4) *
			                                         sizeof(*p->items));
		p->items[p->n_items++] = child;
	} else if (!f->have_key) {
		if (array_full(p->n_pairs))
			p->pairs = qd_xrealloc(p->pairs, (p->n_pairs ? p->n_pairs * 2 : 4) *
			                                         sizeof(*p->pairs));
		p->pairs[p->n_pairs].key = child;
		p->pairs[p->n_pairs].value = NULL;
		p->n_pairs++;
		f->have_key = true;
	} else {
		p->pairs[p->n_pairs - 1].value = child;
		f->have_key = false;
	}
}

static int key_cmp(const void *pa, const void *pb)
{
	const struct qd_ypair *a = *(const struct qd_ypair *const *)pa;
	const struct qd_ypair *b = *(const struct qd_ypair *const *)pb;
	size_t n = a->key->len < b->key->len ? a->key->len : b->key->len;
	int c = memcmp(a->key->str, b->key->str, n);

	if (c)
		return c;
	if (a->key->len != b->key->len)
		return a->key->len < b->key->len ? -1 : 1;
	return a < b ? -1 : a > b; /* file order within equal keys */
}

/* At the end of a mapping: drop (and report) non-scalar and duplicate keys.
 * Sorting pointers to the pairs keeps this O(n log n) for huge mappings. */
static void finish_mapping(struct builder *b, struct qd_ynode *m)
{
	struct qd_ypair **idx;
	bool *drop;
	size_t n = m->n_pairs, kept = 0, valid = 0;

	if (n == 0)
		return;
	drop = qd_xcalloc(n, sizeof(*drop));
	idx = qd_xmalloc(n * sizeof(*idx));
	for (size_t i = 0; i < n; i++) {
		if (!m->pairs[i].value) /* cannot happen with a well-formed stream */
			drop[i] = true;
		else if (m->pairs[i].key->kind == QD_YNODE_SCALAR)
			idx[valid++] = &m->pairs[i];
		else {
			if (m->pairs[i].key->kind != QD_YNODE_BAD)
				qd_diags_add(b->diags, QD_SEV_ERROR, m->pairs[i].key->line,
				             m->pairs[i].key->col,
				             "a mapping key must be a plain string, not %s",
				             qd_ynode_kind_name(m->pairs[i].key));
			drop[i] = true;
		}
	}
	qsort(idx, valid, sizeof(*idx), key_cmp);
	for (size_t i = 1, first = 0; i < valid; i++) {
		const struct qd_ynode *k0 = idx[first]->key, *k = idx[i]->key;
		if (k->len == k0->len && memcmp(k->str, k0->str, k->len) == 0) {
			char ex[96];
			qd_diags_add(b->diags, QD_SEV_ERROR, k->line, k->col,
			             "duplicate key '%s' (first on line %d)",
			             qd_text_excerpt(k->str, k->len, 40, ex, sizeof(ex)), k0->line);
			drop[idx[i] - m->pairs] = true;
		} else {
			first = i;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (drop[i]) {
			qd_ynode_free(m->pairs[i].key);
			qd_ynode_free(m->pairs[i].value);
		} else {
			m->pairs[kept++] = m->pairs[i];
		}
	}
	m->n_pairs = kept;
	free(idx);
	free(drop);
}

static void check_scalar(struct builder *b, struct qd_ynode *n)
{
	const unsigned char *s = (const unsigned char *)n->str;

	for (size_t i = 0; i < n->len;) {
		uint32_t cp;
		size_t k = utf8_decode(s + i, n->len - i, &cp);

		if (k == 0) { /* escapes cannot produce this; be safe anyway */
			qd_diags_add(b->diags, QD_SEV_ERROR, n->line, n->col,
			             "string holds invalid UTF-8 (byte 0x%02X)", s[i]);
			n->tainted = true;
			return;
		}
		if (cp == 0) {
			qd_diags_add(b->diags, QD_SEV_ERROR, n->line, n->col,
			             "string holds a NUL character (from an escape such as \"\\0\"), "
			             "which is not allowed");
			n->tainted = true;
			return;
		}
		if (is_forbidden_control(cp)) {
			qd_diags_add(b->diags, QD_SEV_ERROR, n->line, n->col,
			             "string holds the control character U+%04X (from an escape such "
			             "as \"\\e\" or \"\\x9b\"); only newline and tab are allowed",
			             (unsigned)cp);
			n->tainted = true;
			return;
		}
		i += k;
	}
}

static void report_anchor(struct builder *b, const yaml_char_t *anchor, yaml_mark_t mark)
{
	char ex[96];

	if (!anchor)
		return;
	qd_diags_add(b->diags, QD_SEV_ERROR, (int)mark.line + 1, (int)mark.column + 1,
	             "anchors are not supported ('&%s'): write the value out in full",
	             qd_text_excerpt((const char *)anchor, strlen((const char *)anchor), 40, ex,
	                             sizeof(ex)));
}

static void report_parser_error(yaml_parser_t *p, const char *data, size_t len,
                                struct qd_diags *diags)
{
	int line, col;

	switch (p->error) {
	case YAML_MEMORY_ERROR:
		qd_diags_add(diags, QD_SEV_ERROR, 0, 0, "out of memory while parsing");
		break;
	case YAML_READER_ERROR:
		/* Reader marks are not set; the offset is in bytes. */
		position_of(data, len, p->problem_offset, &line, &col);
		qd_diags_add(diags, QD_SEV_ERROR, line, col, "%s",
		             p->problem ? p->problem : "unreadable input");
		break;
	default: {
		struct qd_yaml_problem yp = {
			.problem = p->problem,
			.line = (int)p->problem_mark.line + 1,
			.col = (int)p->problem_mark.column + 1,
			.context = p->context,
			.context_line = (int)p->context_mark.line + 1,
			.context_col = (int)p->context_mark.column + 1,
		};
		qd_yamlhint_report(data, len, &yp, diags);
	}
	}
}

int qd_ydoc_parse(const char *data, size_t len, const struct qd_ylimits *limits,
                  struct qd_ynode **root, struct qd_diags *diags)
{
	size_t max_bytes = limits && limits->max_bytes ? limits->max_bytes : QD_YAML_MAX_BYTES;
	int max_depth = limits && limits->max_depth ? limits->max_depth : QD_YAML_MAX_DEPTH;
	struct builder b = {.diags = diags, .max_depth = max_depth};
	yaml_parser_t parser;
	yaml_event_t ev;
	int docs = 0, rc = 0;
	bool done = false;

	*root = NULL;
	if (len > max_bytes) {
		qd_diags_add(diags, QD_SEV_ERROR, 0, 0,
		             "file is too large (%zu bytes; the limit is %zu)", len, max_bytes);
		return -1;
	}
	/* Every diagnostic of this file, from here on and from the caller's
	 * checks of the tree, can then show its source line. */
	qd_diags_set_source(diags, data, len);
	/* A UTF-8 byte order mark, as some editors write, is not part of the
	 * document. libyaml skips it only when it detects the encoding itself,
	 * which we do not let it do (we check the UTF-8 ourselves, below). */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (check_input(data, len, diags))
		return -1;
	if (!yaml_parser_initialize(&parser)) {
		qd_diags_add(diags, QD_SEV_ERROR, 0, 0, "out of memory while parsing");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	b.stack = qd_xcalloc((size_t)max_depth + 1, sizeof(*b.stack));

	while (!done) {
		struct qd_ynode *n;

		if (!yaml_parser_parse(&parser, &ev)) {
			report_parser_error(&parser, data, len, diags);
			rc = -1;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				qd_diags_add(diags, QD_SEV_ERROR, (int)ev.start_mark.line + 1,
				             (int)ev.start_mark.column + 1,
				             "a second YAML document ('---'): a file holds exactly one");
				done = true;
			}
			break;
		case YAML_ALIAS_EVENT: {
			char ex[96];
			const char *a = (const char *)ev.data.alias.anchor;
			qd_diags_add(diags, QD_SEV_ERROR, (int)ev.start_mark.line + 1,
			             (int)ev.start_mark.column + 1,
			             "aliases are not supported ('*%s'): write the value out in full",
			             qd_text_excerpt(a, strlen(a), 40, ex, sizeof(ex)));
			attach(&b, node_new(QD_YNODE_BAD, ev.start_mark));
			break;
		}
		case YAML_SCALAR_EVENT:
			report_anchor(&b, ev.data.scalar.anchor, ev.start_mark);
			n = node_new(QD_YNODE_SCALAR, ev.start_mark);
			n->str = qd_xmalloc(ev.data.scalar.length + 1);
			memcpy((char *)n->str, ev.data.scalar.value, ev.data.scalar.length);
			((char *)n->str)[ev.data.scalar.length] = '\0';
			n->len = ev.data.scalar.length;
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
			           ev.data.scalar.plain_implicit;
			check_scalar(&b, n);
			attach(&b, n);
			break;
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT:
			if (b.depth >= max_depth) {
				qd_diags_add(diags, QD_SEV_ERROR, (int)ev.start_mark.line + 1,
				             (int)ev.start_mark.column + 1,
				             "nesting is deeper than %d levels", max_depth);
				rc = -1;
				done = true;
				break;
			}
			report_anchor(&b,
			              ev.type == YAML_SEQUENCE_START_EVENT ? ev.data.sequence_start.anchor
			                                                   : ev.data.mapping_start.anchor,
			              ev.start_mark);
			n = node_new(ev.type == YAML_SEQUENCE_START_EVENT ? QD_YNODE_SEQUENCE
			                                                  : QD_YNODE_MAPPING,
			             ev.start_mark);
			attach(&b, n);
			b.stack[b.depth].node = n;
			b.stack[b.depth].have_key = false;
			b.depth++;
			break;
		case YAML_MAPPING_END_EVENT:
			finish_mapping(&b, b.stack[b.depth - 1].node);
			b.depth--;
			break;
		case YAML_SEQUENCE_END_EVENT:
			b.depth--;
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	free(b.stack);
	if (rc) {
		qd_ynode_free(b.root);
		return -1;
	}
	*root = b.root;
	return 0;
}

int qd_ydoc_load_file(const char *path, const struct qd_ylimits *limits,
                      struct qd_ynode **root, struct qd_diags *diags, struct qd_err *err)
{
	size_t max_bytes = limits && limits->max_bytes ? limits->max_bytes : QD_YAML_MAX_BYTES;
	struct qd_buf b;
	struct qd_err e;
	int rc;

	*root = NULL;
	qd_buf_init(&b);
	if (qd_file_read(path, max_bytes, &b, &e)) {
		qd_buf_release(&b);
		if (e.status != QD_EXIT_DATAERR) {
			if (err)
				*err = e;
			return -1;
		}
		/* Too large: a problem of the file's content, like any other. */
		qd_diags_add(diags, QD_SEV_ERROR, 0, 0, "%s", e.msg);
		return qd_diags_to_err(diags, err);
	}
	rc = qd_ydoc_parse(b.data, b.len, limits, root, diags);
	qd_buf_release(&b);
	if (rc)
		return qd_diags_to_err(diags, err) ? -1 : qd_err_set(err, QD_EXIT_DATAERR, "invalid YAML");
	return 0;
}

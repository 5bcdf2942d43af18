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
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "quizdeck/arena.h"
#include "quizdeck/buf.h"
#include "quizdeck/fileio.h"
#include "quizdeck/strset.h"
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

static bool clean_byte(unsigned char c)
{
	return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t';
}

#define ONES UINT64_C(0x0101010101010101)
#define HIGHS UINT64_C(0x8080808080808080)

/* The high bit of each byte of x (bytes below 0x80) that is zero. */
static uint64_t zero_bytes(uint64_t x)
{
	return ~(((x & 0x7F * ONES) + 0x7F * ONES) | x) & HIGHS;
}

/* Whether the eight bytes of x are all printable ASCII, newlines and tabs
 * (each test is exact per byte: no carry crosses a byte). */
static bool clean_word(uint64_t x)
{
	uint64_t low;

	if (x & HIGHS || (x + ONES) & HIGHS) /* 0x80 and up; 0x7F */
		return false;
	low = ~((x | HIGHS) - 0x20 * ONES) & HIGHS; /* below 0x20 */
	return !(low & ~(zero_bytes(x ^ '\n' * ONES) | zero_bytes(x ^ '\t' * ONES)));
}

/* How many bytes s[0..len) starts with that are printable ASCII, newlines
 * and tabs: nearly all of a file, and of its strings, which then need no
 * closer look. Eight bytes at a time. */
static size_t clean_ascii_run(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		if (len - i >= 8) {
			uint64_t x;
			memcpy(&x, s + i, 8);
			if (!clean_word(x)) {
				for (size_t end = i + 8; i < end; i++)
					if (!clean_byte(s[i]))
						return i;
				continue;
			}
			i += 8;
			continue;
		}
		if (!clean_byte(s[i]))
			return i;
		i++;
	}
	return len;
}

/* How many bytes of s[0..len) are clean: printable, or well-formed UTF-8
 * that is no forbidden control (carriage return and NEL are allowed in the
 * file). Stops at the first byte that is not, or, when more is to come
 * (!final), at a character that may go on past len. */
static size_t check_chunk(const unsigned char *s, size_t len, bool final)
{
	size_t i = 0;

	while (i < len) {
		uint32_t cp;
		size_t n;

		if (clean_byte(s[i])) {
			i += clean_ascii_run(s + i, len - i);
			continue;
		}
		if (!final && len - i < 4)
			break;
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0 || (is_forbidden_control(cp) && cp != '\r' && !(cp == 0x85)))
			break;
		i += n;
	}
	return i;
}

/* Checks the raw input; reports the first problem and returns -1. */
static int check_input(const char *data, size_t len, struct qd_diags *diags)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = check_chunk(s, len, true);
	int line, col;
	uint32_t cp;

	if (i == len)
		return 0;
	position_of(data, len, i, &line, &col);
	if (utf8_decode(s + i, len - i, &cp) == 0)
		qd_diags_add(diags, QD_SEV_ERROR, line, col,
		             "invalid UTF-8 (byte 0x%02X): the file must be UTF-8 text", s[i]);
	else
		qd_diags_add(diags, QD_SEV_ERROR, line, col,
		             "control character U+%04X is not allowed in the file", (unsigned)cp);
	return -1;
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

/* A tree and the memory it is made of: nodes, their arrays and the keys in
 * one arena, the other strings in the caller's arena or in a second one.
 * The root is kept in the struct, so qd_ynode_free() of a root finds it. */
struct ydoc {
	struct qd_arena nodes, strings;
	struct qd_ynode root;
};

void qd_ynode_free(struct qd_ynode *n)
{
	struct ydoc *doc;

	if (!n)
		return;
	doc = (struct ydoc *)((char *)n - offsetof(struct ydoc, root));
	qd_arena_release(&doc->nodes);
	qd_arena_release(&doc->strings);
	free(doc);
}

const struct qd_ynode *qd_ynode_get(const struct qd_ynode *m, const char *key)
{
	size_t len;

	if (!m || m->kind != QD_YNODE_MAPPING)
		return NULL;
	len = strlen(key);
	for (size_t i = 0; i < m->n_pairs; i++) {
		const struct qd_ynode *k = m->pairs[i].key;
		if (k->len == len && k->kind == QD_YNODE_SCALAR && memcmp(k->str, key, len) == 0)
			return m->pairs[i].value;
	}
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

/* A node's counts are 32-bit: no list can hold more values than the file. */
_Static_assert(QD_YAML_MAX_NODES <= UINT32_MAX, "node counts are uint32_t");

/* A collection being read. Its children wait in kids (a sequence's items;
 * a mapping's keys and values, alternately), a vector each depth keeps and
 * reuses, and go into the arena as one array of the right size when the
 * collection ends. */
struct frame {
	struct qd_ynode *node;
	struct qd_ynode **kids;
	size_t n, cap;
	bool stream; /* the streamed list: its items go to the callback */
};

struct builder {
	struct qd_diags *diags;
	struct frame *stack;
	int depth, max_depth;
	size_t n_nodes, max_nodes;
	struct qd_ynode *root;
	struct qd_arena *nodes, *strings;
	/* Streaming (see qd_ydoc_parse_stream()): the list being streamed is
	 * the frame at stream_depth - 1 when stream_depth is not 0; its items
	 * are built in scratch (their strings in item_strings, or scratch). */
	const struct qd_ystream *stream;
	int stream_depth;
	bool streamed;
	size_t n_streamed;
	struct qd_arena scratch, *item_strings;
};

/* Where the node being made goes: an item of the streamed list in the
 * scratch arena, anything else in the tree's. */
static bool in_item(const struct builder *b)
{
	return b->stream_depth && b->depth >= b->stream_depth;
}

static struct qd_arena *nodes_of(struct builder *b)
{
	return in_item(b) ? &b->scratch : b->nodes;
}

static struct qd_arena *strings_of(struct builder *b)
{
	return in_item(b) ? (b->item_strings ? b->item_strings : &b->scratch) : b->strings;
}

/* Hands a finished item of the streamed list to the callback, then frees
 * it. */
static void deliver(struct builder *b, const struct qd_ynode *item)
{
	b->stream->item(b->stream->ctx, item, b->n_streamed++);
	qd_arena_reset(&b->scratch);
}

static struct qd_ynode *node_new(struct builder *b, enum qd_ynode_kind kind, yaml_mark_t mark)
{
	struct qd_ynode *n = qd_arena_alloc(nodes_of(b), sizeof(*n));

	*n = (struct qd_ynode){
		.kind = kind,
		.line = (int)mark.line + 1,
		.col = (int)mark.column + 1,
		.str = "",
	};
	b->n_nodes++;
	return n;
}

/* Whether the next node is a mapping key (it then goes with the nodes,
 * not with the strings a caller may keep). */
static bool next_is_key(const struct builder *b)
{
	return b->depth > 0 && b->stack[b->depth - 1].node->kind == QD_YNODE_MAPPING &&
	       b->stack[b->depth - 1].n % 2 == 0;
}

static void attach(struct builder *b, struct qd_ynode *child)
{
	struct frame *f;

	if (b->depth == 0) {
		b->root = child; /* one node per document */
		return;
	}
	f = &b->stack[b->depth - 1];
	if (f->stream) {
		/* A scalar item is whole now; a list or a mapping when it ends. */
		if (child->kind == QD_YNODE_SCALAR || child->kind == QD_YNODE_BAD)
			deliver(b, child);
		return;
	}
	if (f->n == f->cap) {
		f->cap = f->cap ? f->cap * 2 : 16;
		f->kids = qd_xrealloc(f->kids, f->cap * sizeof(*f->kids));
	}
	f->kids[f->n++] = child;
}

static bool same_key(const struct qd_ynode *a, const struct qd_ynode *b)
{
	/* The first bytes (a NUL for empty keys) before a call: most keys of a
	 * mapping differ there. */
	return a->len == b->len && a->str[0] == b->str[0] && memcmp(a->str, b->str, a->len) == 0;
}

static void report_duplicate(struct builder *b, const struct qd_ynode *k, int first_line)
{
	char ex[96];

	qd_diags_add(b->diags, QD_SEV_ERROR, k->line, k->col, "duplicate key '%s' (first on line %d)",
	             qd_text_excerpt(k->str, k->len, 40, ex, sizeof(ex)), first_line);
}

/* Mappings up to this many keys find duplicates by comparing each key with
 * those before it (what a card or a settings file has); larger ones
 * through a hash map, so the check stays linear. */
#define SMALL_MAPPING 16

/* At the end of a mapping: its pairs, without (and reporting) non-scalar
 * and duplicate keys; the first of equal keys is kept. */
static void finish_mapping(struct builder *b, struct frame *f)
{
	struct qd_ynode *m = f->node;
	size_t n = f->n / 2, kept = 0;
	struct qd_strset seen = {0};

	if (n == 0)
		return;
	m->pairs = qd_arena_alloc(nodes_of(b), n * sizeof(*m->pairs));
	for (size_t i = 0; i < n; i++) {
		struct qd_ynode *k = f->kids[2 * i], *v = f->kids[2 * i + 1];
		size_t first;
		bool dup = false;

		if (k->kind != QD_YNODE_SCALAR) {
			if (k->kind != QD_YNODE_BAD)
				qd_diags_add(b->diags, QD_SEV_ERROR, k->line, k->col,
				             "a mapping key must be a plain string, not %s",
				             qd_ynode_kind_name(k));
			continue;
		}
		if (n <= SMALL_MAPPING) {
			for (size_t j = 0; j < kept && !dup; j++)
				if (same_key(m->pairs[j].key, k)) {
					report_duplicate(b, k, m->pairs[j].key->line);
					dup = true;
				}
		} else if (!qd_strset_put_n(&seen, k->str, k->len, kept, &first)) {
			report_duplicate(b, k, m->pairs[first].key->line);
			dup = true;
		}
		if (dup)
			continue;
		m->pairs[kept].key = k;
		m->pairs[kept].value = v;
		kept++;
	}
	m->n_pairs = (uint32_t)kept;
	qd_strset_release(&seen);
}

static void finish_sequence(struct builder *b, struct frame *f)
{
	struct qd_ynode *s = f->node;

	if (f->stream) {
		s->n_items = (uint32_t)b->n_streamed;
		s->streamed = true;
		f->stream = false;
		b->stream_depth = 0;
		return;
	}
	if (f->n == 0)
		return;
	s->items = qd_arena_alloc(nodes_of(b), f->n * sizeof(*s->items));
	memcpy(s->items, f->kids, f->n * sizeof(*s->items));
	s->n_items = (uint32_t)f->n;
}

static void check_scalar(struct builder *b, struct qd_ynode *n)
{
	const unsigned char *s = (const unsigned char *)n->str;

	if (clean_ascii_run(s, n->len) == n->len)
		return;
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

/* Whether a list starting now is the one stream asks for: the value of its
 * key (the first of that name) in the top-level mapping. */
static bool starts_stream(const struct builder *b)
{
	const struct frame *f = &b->stack[0];
	const struct qd_ynode *k;
	size_t len;

	if (!b->stream || b->streamed || b->depth != 1 || f->node->kind != QD_YNODE_MAPPING ||
	    f->n % 2 == 0)
		return false;
	k = f->kids[f->n - 1];
	len = strlen(b->stream->key);
	if (k->kind != QD_YNODE_SCALAR || k->len != len || memcmp(k->str, b->stream->key, len))
		return false;
	for (size_t i = 0; i + 1 < f->n; i += 2)
		if (same_key(f->kids[i], k))
			return false; /* a duplicate key: its value is dropped */
	return true;
}

/* ---- reading a file in blocks ---- */

#define BLOCK 65536

/* A regular file read in blocks: once to check it (check_file), then again
 * as libyaml asks for it (read_block), checked again in case it changed. */
struct file_input {
	int fd;
	size_t size, done; /* bytes checked by check_file; handed to libyaml */
	unsigned char carry[4]; /* the start of a character cut by a block's end */
	size_t n_carry;
	bool changed; /* the file is no longer what check_file read */
};

/* Reads up to want bytes (fewer only at the end of the file). -1 on error. */
static ssize_t read_full(int fd, unsigned char *buf, size_t want)
{
	size_t got = 0;

	while (got < want) {
		ssize_t n = read(fd, buf + got, want - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		if (n == 0)
			break;
		got += (size_t)n;
	}
	return (ssize_t)got;
}

/* Reads fd from its start to its end, checking it as check_input() does,
 * without keeping it. True when it is all clean, at most max bytes, and the
 * size fstat() gives; then in->size is that size (a byte order mark
 * included) and fd is left where libyaml's input starts (after the mark).
 * False for anything else, which the caller handles by reading the file
 * whole, where each problem is reported as usual. */
static bool check_file(struct file_input *in, size_t max)
{
	unsigned char *buf = qd_xmalloc(BLOCK + 4);
	size_t have = 0, total = 0, bom = 0, start = 0;
	struct stat st;
	bool ok = false;

	if (fstat(in->fd, &st) != 0 || !S_ISREG(st.st_mode) || (uintmax_t)st.st_size > max)
		goto out;
	for (;;) {
		ssize_t n = read_full(in->fd, buf + have, BLOCK);
		size_t used;

		if (n < 0)
			goto out;
		if (total == 0 && have + (size_t)n >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
			bom = start = 3;
		total += (size_t)n;
		if (total > max)
			goto out;
		have += (size_t)n;
		used = check_chunk(buf + bom, have - bom, n == 0) + bom;
		bom = 0;
		if (n == 0) {
			ok = used == have;
			break;
		}
		if (have - used >= 4)
			goto out; /* a bad byte: reported from the file read whole */
		memmove(buf, buf + used, have - used);
		have -= used;
	}
	ok = ok && total == (uintmax_t)st.st_size && lseek(in->fd, (off_t)start, SEEK_SET) >= 0;
	in->size = total;
	in->done = start;
out:
	free(buf);
	return ok;
}

/* libyaml's read handler: the next bytes of the file, no more than
 * check_file() read, checked again (the file may have changed since; then
 * the input ends with an error). */
static int read_block(void *data, unsigned char *buffer, size_t size, size_t *size_read)
{
	struct file_input *in = data;
	size_t have = in->n_carry, used;

	*size_read = 0;
	if (size < 8)
		return 0;
	memcpy(buffer, in->carry, have);
	/* Until a character is whole (or the file ends). */
	for (;;) {
		size_t want = size - have;
		ssize_t n;
		bool end;

		if (want > in->size - in->done)
			want = in->size - in->done;
		n = read_full(in->fd, buffer + have, want);
		if (n < 0 || (size_t)n < want) {
			in->changed = true;
			return 0;
		}
		in->done += (size_t)n;
		have += (size_t)n;
		end = in->done == in->size;
		used = check_chunk(buffer, have, end);
		if (end ? used < have : have - used >= 4) {
			in->changed = true;
			return 0;
		}
		if (used > 0 || end)
			break;
	}
	in->n_carry = have - used;
	memcpy(in->carry, buffer + used, in->n_carry);
	*size_read = used;
	return 1;
}

/* The same for a file read in blocks: its text is read again (the
 * diagnostics' source, if it is still the file parsed) for the hints and
 * the reader's positions, which need it. */
static void report_file_error(yaml_parser_t *p, const struct file_input *in,
                              struct qd_diags *diags)
{
	char *to_free;
	size_t len;
	const char *text;

	if (in->changed || !(text = qd_diags_source_text(diags, &len, &to_free))) {
		qd_diags_add(diags, QD_SEV_ERROR, 0, 0, "the file changed while it was read");
		return;
	}
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
		report_parser_error(p, text + 3, len - 3, diags);
	else
		report_parser_error(p, text, len, diags);
	free(to_free);
}

/* Parses data[0..len), or the file of in if not NULL (checked by
 * check_file()), into a tree, streaming a list if stream is not NULL.
 * The caller has set the diagnostics' source. */
static int parse(const char *data, size_t len, struct file_input *in,
                 const struct qd_ylimits *limits, const struct qd_ystream *stream,
                 struct qd_ynode **root, struct qd_diags *diags)
{
	size_t max_bytes = limits && limits->max_bytes ? limits->max_bytes : QD_YAML_MAX_BYTES;
	int max_depth = limits && limits->max_depth ? limits->max_depth : QD_YAML_MAX_DEPTH;
	struct ydoc *doc;
	struct builder b = {
		.diags = diags,
		.max_depth = max_depth,
		.max_nodes = limits && limits->max_nodes && limits->max_nodes < QD_YAML_MAX_NODES
		                     ? limits->max_nodes
		                     : QD_YAML_MAX_NODES,
	};
	yaml_parser_t parser;
	yaml_event_t ev;
	int docs = 0, rc = 0;
	bool done = false;

	*root = NULL;
	if (in)
		goto checked;
	if (len > max_bytes) {
		qd_diags_add(diags, QD_SEV_ERROR, 0, 0,
		             "file is too large (%zu bytes; the limit is %zu)", len, max_bytes);
		return -1;
	}
	/* A UTF-8 byte order mark, as some editors write, is not part of the
	 * document. libyaml skips it only when it detects the encoding itself,
	 * which we do not let it do (we check the UTF-8 ourselves, below). */
	if (len >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		len -= 3;
	}
	if (check_input(data, len, diags))
		return -1;
checked:
	if (!yaml_parser_initialize(&parser)) {
		qd_diags_add(diags, QD_SEV_ERROR, 0, 0, "out of memory while parsing");
		return -1;
	}
	if (in)
		yaml_parser_set_input(&parser, read_block, in);
	else
		yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	doc = qd_xcalloc(1, sizeof(*doc));
	b.nodes = &doc->nodes;
	b.strings = &doc->strings;
	b.stream = stream;
	b.item_strings = stream ? stream->strings : NULL;
	b.stack = qd_xcalloc((size_t)max_depth + 1, sizeof(*b.stack));

	while (!done) {
		struct qd_ynode *n;

		if (!yaml_parser_parse(&parser, &ev)) {
			if (in)
				report_file_error(&parser, in, diags);
			else
				report_parser_error(&parser, data, len, diags);
			rc = -1;
			break;
		}
		if (b.n_nodes >= b.max_nodes &&
		    (ev.type == YAML_SCALAR_EVENT || ev.type == YAML_ALIAS_EVENT ||
		     ev.type == YAML_SEQUENCE_START_EVENT || ev.type == YAML_MAPPING_START_EVENT)) {
			qd_diags_add(diags, QD_SEV_ERROR, (int)ev.start_mark.line + 1,
			             (int)ev.start_mark.column + 1,
			             "the file holds too many values (the limit is %zu)", b.max_nodes);
			yaml_event_delete(&ev);
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
			attach(&b, node_new(&b, QD_YNODE_BAD, ev.start_mark));
			break;
		}
		case YAML_SCALAR_EVENT:
			report_anchor(&b, ev.data.scalar.anchor, ev.start_mark);
			n = node_new(&b, QD_YNODE_SCALAR, ev.start_mark);
			n->str = qd_arena_strndup(next_is_key(&b) ? nodes_of(&b) : strings_of(&b),
			                          (const char *)ev.data.scalar.value,
			                          ev.data.scalar.length);
			n->len = ev.data.scalar.length;
			n->plain = ev.data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
			           ev.data.scalar.plain_implicit;
			/* Only an escape can put into a value what check_input()
			 * refused in the file: other styles take their characters
			 * from the file, line breaks made '\n'. */
			if (ev.data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE)
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
			n = node_new(&b,
			             ev.type == YAML_SEQUENCE_START_EVENT ? QD_YNODE_SEQUENCE
			                                                  : QD_YNODE_MAPPING,
			             ev.start_mark);
			b.stack[b.depth].stream = n->kind == QD_YNODE_SEQUENCE && starts_stream(&b);
			attach(&b, n);
			b.stack[b.depth].node = n;
			b.stack[b.depth].n = 0;
			b.depth++;
			if (b.stack[b.depth - 1].stream) {
				b.stream_depth = b.depth;
				b.streamed = true;
			}
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (ev.type == YAML_MAPPING_END_EVENT)
				finish_mapping(&b, &b.stack[b.depth - 1]);
			else
				finish_sequence(&b, &b.stack[b.depth - 1]);
			b.depth--;
			if (b.depth > 0 && b.stack[b.depth - 1].stream)
				deliver(&b, b.stack[b.depth].node);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	for (int i = 0; i <= max_depth; i++)
		free(b.stack[i].kids);
	free(b.stack);
	qd_arena_release(&b.scratch);
	if (rc || !b.root) {
		/* No tree, or an empty stream: nothing to keep. */
		doc->root.kind = QD_YNODE_BAD;
		qd_ynode_free(&doc->root);
		return rc;
	}
	doc->root = *b.root;
	*root = &doc->root;
	return 0;
}

int qd_ydoc_parse_stream(const char *data, size_t len, const struct qd_ylimits *limits,
                         const struct qd_ystream *stream, struct qd_ynode **root,
                         struct qd_diags *diags)
{
	size_t max_bytes = limits && limits->max_bytes ? limits->max_bytes : QD_YAML_MAX_BYTES;

	*root = NULL;
	/* Every diagnostic of this file, from here on and from the caller's
	 * checks of the tree, can then show its source line. */
	if (len <= max_bytes)
		qd_diags_set_source(diags, data, len);
	return parse(data, len, NULL, limits, stream, root, diags);
}

int qd_ydoc_parse(const char *data, size_t len, const struct qd_ylimits *limits,
                  struct qd_ynode **root, struct qd_diags *diags)
{
	return qd_ydoc_parse_stream(data, len, limits, NULL, root, diags);
}

int qd_ydoc_load_file_stream(const char *path, const struct qd_ylimits *limits,
                             const struct qd_ystream *stream, struct qd_ynode **root,
                             struct qd_diags *diags, struct qd_err *err)
{
	size_t max_bytes = limits && limits->max_bytes ? limits->max_bytes : QD_YAML_MAX_BYTES;
	struct file_input in = {0};
	struct qd_buf b;
	struct qd_err e;
	size_t len;
	char *data;
	int rc;

	*root = NULL;
	in.fd = qd_file_open(path, err);
	if (in.fd < 0)
		return -1;
	/* A file that is clean throughout (nearly every one) is not kept in
	 * memory: it is checked block by block, then parsed block by block,
	 * and read again only for a diagnostic's source line (a deck may be
	 * tens of megabytes). Any other is read whole, as problems are
	 * reported from the text. */
	if (check_file(&in, max_bytes)) {
		qd_diags_set_source_file(diags, path, in.fd);
		rc = parse(NULL, 0, &in, limits, stream, root, diags);
		close(in.fd);
		goto done;
	}
	qd_buf_init(&b);
	if (lseek(in.fd, 0, SEEK_SET) < 0)
		rc = qd_err_at(&e, QD_EXIT_NOINPUT, path, 0, 0, "cannot read: %s", strerror(errno));
	else
		rc = qd_file_read_fd(in.fd, path, max_bytes, &b, &e);
	close(in.fd);
	if (rc) {
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
	/* The diagnostics keep the text read for their source lines: handed
	 * over, not copied. */
	data = qd_buf_detach(&b, &len);
	qd_diags_take_source(diags, data, len);
	rc = parse(data, len, NULL, limits, stream, root, diags);
done:
	if (rc)
		return qd_diags_to_err(diags, err) ? -1 : qd_err_set(err, QD_EXIT_DATAERR, "invalid YAML");
	return 0;
}

int qd_ydoc_load_file(const char *path, const struct qd_ylimits *limits,
                      struct qd_ynode **root, struct qd_diags *diags, struct qd_err *err)
{
	return qd_ydoc_load_file_stream(path, limits, NULL, root, diags, err);
}

/* ---- peeking at one top-level value ---- */

struct peek_input {
	int fd;
	bool started; /* the first bytes were looked at for a byte order mark */
};

/* libyaml's read handler: 1 with *got bytes (0 at the end), 0 on error. */
static int peek_read(void *data, unsigned char *buf, size_t size, size_t *got)
{
	struct peek_input *in = data;
	ssize_t r;

	do
		r = read(in->fd, buf, size);
	while (r < 0 && errno == EINTR);
	if (r < 0)
		return 0;
	*got = (size_t)r;
	if (!in->started) {
		/* A byte order mark is skipped, as parse() does. A read of
		 * fewer than 3 bytes at the start of a regular file is the
		 * whole file (or a file too short to be a deck). */
		in->started = true;
		if (*got >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
			memmove(buf, buf + 3, *got - 3);
			*got -= 3;
		}
	}
	return 1;
}

/* How the events of the top-level mapping go by: depth counts the open
 * collections (1 inside the top-level mapping); at depth 1 the items
 * alternate between keys and values. */
struct peek_state {
	int depth;
	bool at_key; /* the next item at depth 1 is a key */
	bool wanted; /* the value coming is that of the key looked for */
};

/* An item of the top-level mapping is complete (was_key: the key looked
 * for when it was a key). */
static void peek_item_done(struct peek_state *s, bool was_key)
{
	s->wanted = s->at_key && was_key;
	s->at_key = !s->at_key;
}

/* The events of parser until the value of key in the top-level mapping
 * (see qd_ydoc_peek_key()). */
static int peek_events(yaml_parser_t *parser, const char *key, char **value, size_t *len)
{
	struct peek_state s = {.depth = 0, .at_key = true};
	size_t key_len = strlen(key);
	yaml_event_t ev;
	int found = 0;
	bool done = false;

	while (!done && yaml_parser_parse(parser, &ev)) {
		switch (ev.type) {
		case YAML_STREAM_START_EVENT:
		case YAML_DOCUMENT_START_EVENT:
			break;
		case YAML_MAPPING_START_EVENT:
		case YAML_SEQUENCE_START_EVENT:
			if (s.depth == 0 && ev.type != YAML_MAPPING_START_EVENT)
				done = true; /* not a mapping */
			else if (s.depth == 1 && s.wanted)
				done = true; /* the value is not a scalar */
			else
				s.depth++;
			break;
		case YAML_MAPPING_END_EVENT:
		case YAML_SEQUENCE_END_EVENT:
			if (--s.depth <= 0)
				done = true; /* the key is not there */
			else if (s.depth == 1)
				peek_item_done(&s, false);
			break;
		case YAML_SCALAR_EVENT:
		case YAML_ALIAS_EVENT:
			if (s.depth == 0) {
				done = true; /* not a mapping */
			} else if (s.depth == 1 && s.wanted) {
				if (ev.type == YAML_SCALAR_EVENT) {
					*len = ev.data.scalar.length;
					*value = qd_xmalloc(*len + 1);
					memcpy(*value, ev.data.scalar.value, *len);
					(*value)[*len] = '\0';
					found = 1;
				}
				done = true;
			} else if (s.depth == 1) {
				peek_item_done(&s, ev.type == YAML_SCALAR_EVENT &&
				                           ev.data.scalar.length == key_len &&
				                           memcmp(ev.data.scalar.value, key, key_len) == 0);
			}
			break;
		default: /* the end of the document or of the stream */
			done = true;
			break;
		}
		yaml_event_delete(&ev);
	}
	return found;
}

int qd_ydoc_peek_key(const char *path, const char *key, char **value, size_t *len)
{
	struct peek_input in = {.fd = -1};
	yaml_parser_t parser;
	struct qd_err e;
	int found;

	*value = NULL;
	*len = 0;
	in.fd = qd_file_open(path, &e);
	if (in.fd < 0)
		return 0;
	if (!yaml_parser_initialize(&parser)) {
		close(in.fd);
		return 0;
	}
	yaml_parser_set_input(&parser, peek_read, &in);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	found = peek_events(&parser, key, value, len);
	yaml_parser_delete(&parser);
	close(in.fd);
	return found;
}

int qd_ydoc_peek_key_mem(const char *data, size_t size, const char *key, char **value,
                         size_t *len)
{
	yaml_parser_t parser;
	int found;

	*value = NULL;
	*len = 0;
	if (size >= 3 && memcmp(data, "\xEF\xBB\xBF", 3) == 0) {
		data += 3;
		size -= 3;
	}
	if (!yaml_parser_initialize(&parser))
		return 0;
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, size);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	found = peek_events(&parser, key, value, len);
	yaml_parser_delete(&parser);
	return found;
}

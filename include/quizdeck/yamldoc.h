/*
 * A small YAML document tree with positions, built from libyaml's event
 * stream under hard limits. This is the only module that includes <yaml.h>
 * for reading; decks and the settings file are both parsed through it.
 *
 * The tree is deliberately dumb: mappings, sequences and scalars (strings,
 * since quizdeck never uses YAML's implicit typing), each carrying the
 * 1-based line and column where it starts. Callers give meaning to it and
 * report their own problems with those positions.
 *
 * What the parser refuses (each reported into a struct qd_diags with its
 * position): syntax errors, input over the size limit, nesting deeper than
 * the depth limit, more values than the node limit (quizdeck/limits.h),
 * anchors and aliases, duplicate mapping keys (the first
 * one is kept), non-scalar mapping keys, more than one document, invalid
 * UTF-8, and NUL / control characters (other than newline and tab, and
 * including DEL and the C1 range U+0080..U+009F) inside scalars, which
 * double-quoted escapes such as "\e" or "\x9b" can produce.
 *
 * A tree is made in arenas (quizdeck/arena.h): its nodes, their arrays and
 * its mapping keys in one, its other strings in a second one, both freed
 * with the tree; one list may be streamed instead (see below). Duplicate
 * keys are found by comparing each key with those before it in small
 * mappings, through a hash map in large ones: no sorting.
 */
#ifndef QUIZDECK_YAMLDOC_H
#define QUIZDECK_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/err.h"
#include "quizdeck/limits.h" /* QD_YAML_MAX_BYTES, _DEPTH, _NODES */

enum qd_ynode_kind {
	QD_YNODE_SCALAR,
	QD_YNODE_SEQUENCE,
	QD_YNODE_MAPPING,
	QD_YNODE_BAD, /* stands in for an alias or a bad key; already reported */
};

struct qd_ypair;

/* 48 bytes: a large deck is millions of nodes, so the layout is packed (a
 * node's list is either items or pairs; the other count is 0). */
struct qd_ynode {
	enum qd_ynode_kind kind;
	int line, col;   /* where the node starts, 1-based */
	bool plain;      /* written without quotes or block style, and untagged */
	bool tainted;    /* holds a character that was reported as an error */
	bool streamed;   /* a streamed list: its items went to the callback,
	                    n_items counts them, items is NULL */
	/* Scalars: the value (NUL-terminated, but may hold NUL bytes within
	 * len when the file wrote "\0", which is also reported as an error);
	 * "" for the others. */
	const char *str;
	size_t len;
	union {
		struct qd_ynode **items; /* sequences */
		struct qd_ypair *pairs;  /* mappings, in file order, duplicate keys removed */
	};
	/* At most QD_YAML_MAX_NODES each. */
	uint32_t n_items, n_pairs;
};

struct qd_ypair {
	struct qd_ynode *key; /* always a scalar */
	struct qd_ynode *value;
};

struct qd_ylimits {
	size_t max_bytes; /* 0: QD_YAML_MAX_BYTES */
	int max_depth;    /* 0: QD_YAML_MAX_DEPTH */
	size_t max_nodes; /* 0 (or more): QD_YAML_MAX_NODES */
};

/* Parses one YAML document from data[0..len). Problems go to diags (whose
 * file name the caller set). Returns 0 with *root set to the tree, or to
 * NULL for an empty stream; the tree may still come with errors in diags
 * (aliases, duplicate keys, control characters: parsing goes on so all of
 * them are reported). Returns -1 with *root NULL when no tree could be built
 * (syntax error, size or depth limit, invalid UTF-8); diags then holds the
 * reason. limits may be NULL for the defaults. Free with qd_ynode_free. */
int qd_ydoc_parse(const char *data, size_t len, const struct qd_ylimits *limits,
                  struct qd_ynode **root, struct qd_diags *diags);
/* Frees a tree: node must be a root returned by the functions here. */
void qd_ynode_free(struct qd_ynode *node);

/* Reads the file at path (through qd_file_open(), so only a regular file)
 * and parses it as qd_ydoc_parse does (a file over the size limit is
 * reported without being read). The file is read in blocks and not kept:
 * diags reads it again for its source lines (qd_diags_set_source_file()),
 * unless it fails the check for invalid UTF-8 and control characters, when
 * it is read whole and diags keeps its text. Returns 0 with *root set (possibly with
 * errors in diags); or -1 with err set: status QD_EXIT_NOINPUT if the file
 * cannot be opened or read or is not a regular file (diags untouched),
 * QD_EXIT_DATAERR if no tree could be built (the reason is in diags). */
int qd_ydoc_load_file(const char *path, const struct qd_ylimits *limits,
                      struct qd_ynode **root, struct qd_diags *diags, struct qd_err *err);
/* A look at one value of the file at path without building its tree:
 * libyaml's events are read, and nothing kept, only until the value of the
 * first key equal to key in the top-level mapping (a few hundred bytes
 * into a deck that starts with it). Returns 1 with *value (NUL-terminated,
 * *len bytes, which may hold NULs; caller frees) when that value is a
 * scalar, or 0 when it cannot tell: the file cannot be opened, the document
 * is not a mapping, a syntax error comes first, the key is absent, its value
 * is not a scalar. The promise: whenever qd_ydoc_load_file() reads the same
 * file without an error, qd_ynode_get(root, key) is a scalar with exactly
 * these bytes (the input is read as it reads it: a UTF-8 byte order mark
 * skipped, the encoding UTF-8; no diagnostics). */
int qd_ydoc_peek_key(const char *path, const char *key, char **value, size_t *len);
/* The same for a file held in data[0..size) (what qd_ydoc_parse() reads). */
int qd_ydoc_peek_key_mem(const char *data, size_t size, const char *key, char **value,
                         size_t *len);
/*
 * Streaming. A deck of a hundred thousand cards is millions of nodes; a
 * tree of all of them, only to be walked once, would take several times the
 * file's size. The _stream functions build the tree as the others do, but
 * for one list, the value of key in the top-level mapping (its first
 * occurrence; a duplicate is reported and dropped as any other): each item
 * of that list is built alone, in scratch memory, handed to item() when it
 * is whole (a scalar at once, a list or a mapping at its end) with its
 * index, and freed after the call, so the tree holds no more than one item
 * at a time. The list's node in the tree is then marked streamed, with
 * n_items the count and no items. Every check and diagnostic of the parser
 * is the same, in the same order, as without streaming; items delivered
 * before a later syntax error are not taken back (the call fails).
 * strings, when not NULL, takes the items' scalars that are not mapping
 * keys (else they are scratch too).
 */
struct qd_arena;
struct qd_ystream {
	const char *key;
	void (*item)(void *ctx, const struct qd_ynode *item, size_t index);
	void *ctx;
	struct qd_arena *strings;
};
int qd_ydoc_parse_stream(const char *data, size_t len, const struct qd_ylimits *limits,
                         const struct qd_ystream *stream, struct qd_ynode **root,
                         struct qd_diags *diags);
int qd_ydoc_load_file_stream(const char *path, const struct qd_ylimits *limits,
                             const struct qd_ystream *stream, struct qd_ynode **root,
                             struct qd_diags *diags, struct qd_err *err);

/* The value of key in mapping node m (NULL if absent or m is no mapping). */
const struct qd_ynode *qd_ynode_get(const struct qd_ynode *m, const char *key);
/* A plain scalar spelled null, Null, NULL, ~ or nothing at all. */
bool qd_ynode_is_null(const struct qd_ynode *n);
/* "a string", "a list", "a mapping": for "must be X, not Y" messages. */
const char *qd_ynode_kind_name(const struct qd_ynode *n);
/* Case-sensitive scalar comparison. */
bool qd_ynode_equals(const struct qd_ynode *n, const char *s);

/* The one wording of a name that is none of those allowed (a key, a card
 * type, a scheduler), reported at n into d with prefix (as
 * qd_diags_add_prefix(); may be NULL): "unknown WHAT 'x' — did you mean
 * 'y'?" when qd_suggest() finds one close enough in valid or synonyms
 * (lists as it takes them), else "unknown WHAT 'x' (EXPECTED)". x is an
 * excerpt of n's text, with control characters shown. */
void qd_ynode_report_unknown(struct qd_diags *d, enum qd_severity sev, const char *prefix,
                             const struct qd_ynode *n, const char *what,
                             const char *const *valid, const char *const *synonyms,
                             const char *expected);

/* Writes s[0..len) into out (size >= 8) for use inside a message: control
 * characters, DEL and C1 shown as \xNN, invalid UTF-8 as \xNN, cut with
 * "..." after about max_chars characters. Untrusted text never reaches the
 * terminal raw this way. Returns out. */
char *qd_text_excerpt(const char *s, size_t len, size_t max_chars, char *out, size_t size);

#endif

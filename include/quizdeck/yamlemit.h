/*
 * A small YAML writer over libyaml's emitter, for generated decks.
 *
 * Output is deterministic (same calls, same bytes), UTF-8 literal, and every
 * string scalar is quoted when another reader could take it for something
 * else: booleans and null in any YAML 1.1 spelling (yes, No, on, ~, ...),
 * numbers (123, 1.5, 0x1F, .inf, dates), the empty string, leading or
 * trailing spaces, indicators. Strings that are safe stay plain; all others
 * are double-quoted.
 *
 * Calls after a failure are ignored; qd_yemit_finish() reports the first one.
 */
#ifndef QUIZDECK_YAMLEMIT_H
#define QUIZDECK_YAMLEMIT_H

#include <stdbool.h>

#include "quizdeck/buf.h"
#include "quizdeck/err.h"

struct qd_yemit;

/* A writer appending to out (borrowed; must outlive the writer). width is
 * the preferred line width (long scalars are folded at spaces), 0 for the
 * default of 80. Starts the stream and one document. */
struct qd_yemit *qd_yemit_new(struct qd_buf *out, int width);
void qd_yemit_free(struct qd_yemit *e);

/* Collections; flow = true writes [a, b] / {k: v} on one line. */
void qd_yemit_map_start(struct qd_yemit *e, bool flow);
void qd_yemit_map_end(struct qd_yemit *e);
void qd_yemit_seq_start(struct qd_yemit *e, bool flow);
void qd_yemit_seq_end(struct qd_yemit *e);
/* A string scalar (UTF-8), quoted when needed. */
void qd_yemit_str(struct qd_yemit *e, const char *s);
/* A scalar written plain as is, for values that are meant to be read as
 * what they look like: true, false, numbers. s must be such a token. */
void qd_yemit_plain(struct qd_yemit *e, const char *s);
/* Shorthand: a key (a plain identifier) followed by a string value. */
void qd_yemit_kv(struct qd_yemit *e, const char *key, const char *value);

/* Ends the document and the stream and flushes. Returns 0, or -1 with err
 * set (QD_EXIT_SOFTWARE) if any call failed (invalid UTF-8, bad nesting). */
int qd_yemit_finish(struct qd_yemit *e, struct qd_err *err);

/* True if s can be written as a plain scalar and read back as the same
 * string by any YAML 1.1 or 1.2 reader. flow: inside a flow collection. */
bool qd_yemit_plain_safe(const char *s, bool flow);

#endif

/*
 * Overlays: small YAML files of hand curation applied to a generated deck
 * by card id, so that a curated deck stays reproducible from its article
 * (docs/article-format.md, "Overlays"):
 *
 *   deck: {id: rust-uses, title: ..., reverse: true}   # deck-level fields
 *   drop: [card-id, ...]                               # remove cards
 *   edit:                                              # replace fields
 *     card-id: {q: ..., explain: ~}                    #   (~ removes one)
 *   add:                                               # new cards
 *     - {id: ..., type: multi, q: ..., choices: [...], a: [...], after: card-id}
 *
 * Read through quizdeck/yamldoc.h (size and depth bounded, aliases and
 * duplicate keys refused). Errors name the overlay file, line and column.
 */
#ifndef QUIZDECK_OVERLAY_H
#define QUIZDECK_OVERLAY_H

#include <stddef.h>

#include "quizdeck/err.h"
#include "quizdeck/gendeck.h"
#include "quizdeck/limits.h" /* QD_OVERLAY_MAX_BYTES */

/* Applies the overlay in data (name is used in messages) to d: deck
 * fields, then drop, edit, add, in that order. Returns 0, or -1 with err
 * set (QD_EXIT_DATAERR, with the position) and d partly edited. */
int qd_overlay_apply(struct qd_gen_deck *d, const char *name, const char *data, size_t len,
                     struct qd_err *err);
/* The same from a file: QD_EXIT_NOINPUT if it cannot be read. */
int qd_overlay_apply_file(struct qd_gen_deck *d, const char *path, struct qd_err *err);

#endif

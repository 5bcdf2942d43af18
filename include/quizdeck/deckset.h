/*
 * The decks a command works on: the bundled deck, the user's decks in
 * ctx->user_decks_dir, or the DECK arguments of the command line.
 *
 * A DECK argument is a file path when it contains '/' or ends in ".yaml" or
 * ".yml", or names an existing file; otherwise it is a deck id: the deck of
 * USER_DECKS_DIR with that id (as `decks` lists it: USER_DECKS_DIR/ID.yaml
 * or .yml if its id is ID, else the first file in name order that loads
 * with that id), else the bundled deck's ("rust-uses") unless
 * USER_DECKS_DIR/rust-uses.yaml is there and does not load (a copy broken
 * by an edit: that file), or else the file USER_DECKS_DIR/ID.yaml (or
 * .yml) whatever it holds.
 * No arguments means the bundled deck plus every *.yaml and *.yml file in
 * the user's deck directory (sorted by name; a missing directory is fine).
 * Two decks with the same id in one set are an error, but for one case: a
 * deck of the decks folder with the bundled deck's id (a copy made by
 * `decks --copy`) shadows the bundled deck, in the default set as in
 * resolving the id, and takes its place in the set's order.
 */
#ifndef QUIZDECK_DECKSET_H
#define QUIZDECK_DECKSET_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/ctx.h"
#include "quizdeck/deck.h"

/* Where a deck comes from. */
struct qd_deck_src {
	bool bundled;
	char *path; /* owned: the file, or "<bundled>/rust-uses.yaml"; the name in messages */
};

/* Resolves one DECK argument. Returns 0, or -1 with err set
 * (QD_EXIT_NOINPUT: no such file or deck id). Release with
 * qd_deck_src_release. */
int qd_deck_src_resolve(const struct qd_ctx *ctx, const char *arg, struct qd_deck_src *src,
                        struct qd_err *err);
/* The default sources (bundled first). Returns 0 with *srcs (caller frees
 * with qd_deck_srcs_free) or -1 with err set (unreadable directory). */
int qd_deck_srcs_default(const struct qd_ctx *ctx, struct qd_deck_src **srcs, size_t *n,
                         struct qd_err *err);
void qd_deck_src_release(struct qd_deck_src *src);
void qd_deck_srcs_free(struct qd_deck_src *srcs, size_t n);
/* Loads a source as qd_deck_load_file does; diags must be initialised with
 * src->path. */
int qd_deck_src_load(const struct qd_deck_src *src, struct qd_deck **out,
                     struct qd_diags *diags, struct qd_err *err);

struct qd_deckset;

struct qd_deckset *qd_deckset_new(void);
void qd_deckset_free(struct qd_deckset *set); /* frees the decks too */
/* Adds deck, taking ownership. Returns -1 with err set (QD_EXIT_DATAERR,
 * file = the deck's path) and frees deck if its id is already in the set. */
int qd_deckset_add(struct qd_deckset *set, struct qd_deck *deck, struct qd_err *err);
size_t qd_deckset_count(const struct qd_deckset *set);
const struct qd_deck *qd_deckset_deck(const struct qd_deckset *set, size_t i);
const struct qd_deck *qd_deckset_find(const struct qd_deckset *set, const char *deck_id);
/* Puts deck (taken) in the place of the set's deck with its id, and
 * returns that deck, now the caller's; NULL (deck not taken) if the set
 * has no deck with its id. */
struct qd_deck *qd_deckset_replace(struct qd_deckset *set, struct qd_deck *deck);

#define QD_DECKSET_WARNINGS 1u /* also print warnings, not just errors */

/* For commands: loads the decks named by args[0..n) (the default set when
 * n == 0). Every file is tried; each file's diagnostics are printed to
 * ctx->err, sorted ("FILE:LINE:COL: error: MSG"). Returns 0 with *out, or
 * -1 with err set to a one-line summary the caller may print: status
 * QD_EXIT_NOINPUT if a file or deck id could not be found or read (this
 * wins), else QD_EXIT_DATAERR if a deck is invalid or ids collide.
 * The default set is the exception: a deck of the decks folder that cannot
 * be loaded is reported (its diagnostics, then "N deck(s) could not be
 * loaded and is (are) left out") and left out, and the rest is returned;
 * qd_deckset_left_out() then gives the status the command should end with,
 * as `decks` does. */
int qd_deckset_load(const struct qd_ctx *ctx, int n, char *const *args, unsigned flags,
                    struct qd_deckset **out, struct qd_err *err);
/* QD_EXIT_NOINPUT or QD_EXIT_DATAERR if qd_deckset_load() left decks out of
 * the default set (as above), else QD_EXIT_OK (also for set NULL). */
int qd_deckset_left_out(const struct qd_deckset *set);

#endif

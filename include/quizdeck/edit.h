/*
 * Editing a card from a study session (`:edit`): the learner's editor is
 * opened on the card's deck file at the card's line, and when it exits the
 * deck is checked and loaded again into the collection, keeping every
 * card's history (cards are matched by id). The bundled deck is part of
 * the program and read-only: `quizdeck decks --copy` makes an editable
 * copy that shadows it (quizdeck/deckset.h).
 */
#ifndef QUIZDECK_EDIT_H
#define QUIZDECK_EDIT_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/collection.h"
#include "quizdeck/ctx.h"
#include "quizdeck/prompt.h"

/* What qd_edit_card() did; it has said so on ctx->out (and printed the
 * deck's diagnostics on ctx->err). */
enum qd_edit_result {
	QD_EDIT_READONLY,  /* the bundled deck, or a file that cannot be written:
	                      explained, no editor started */
	QD_EDIT_PLACE,     /* not on a terminal: where the card is, printed */
	QD_EDIT_FAILED,    /* no editor could be started: nothing reloaded (an editor
	                      that ran and failed is reported, and its file read) */
	QD_EDIT_UNCHANGED, /* the editor exited, the file is as it was */
	QD_EDIT_BROKEN,    /* the file does not load, or holds another deck id:
	                      reported (with positions), the deck kept as it was */
	QD_EDIT_RELOADED,  /* the deck was loaded again; the card is in it */
	QD_EDIT_CARD_GONE, /* the deck was loaded again without the card's id */
};

/*
 * The command that opens path at line: `sh -c 'EDITOR "$@"' EDITOR +LINE
 * PATH`, as git runs its editor, so EDITOR may hold words and options
 * ("code -w", "emacs -nw") and the path is never parsed by the shell.
 * Fills argv[0..6] (argv[6] = NULL) with pointers to editor, path and the
 * caller's buffers cmd (the shell text, released by the caller with
 * qd_buf_release) and plus ("+LINE").
 */
void qd_edit_command(const char *editor, int line, const char *path, struct qd_buf *cmd,
                     char plus[16], char *argv[7]);

/* Whether qd_edit_card() would start the editor for a card of deck: the
 * prompt is on a terminal and deck is a file (not the bundled deck) that
 * can be written. */
bool qd_edit_opens_editor(const struct qd_prompt *prompt, const struct qd_deck *deck);

/*
 * `:edit` on card index i of col: runs ctx->editor through
 * qd_prompt_run() on the card's deck file at the card's line when the
 * prompt is on a terminal, then loads the file again
 * (qd_collection_reload_deck). A broken file is reported with its
 * diagnostics (source lines and carets) and changes nothing. *r says what
 * a reload did (zeroed otherwise).
 */
enum qd_edit_result qd_edit_card(struct qd_ctx *ctx, struct qd_prompt *prompt,
                                 struct qd_collection *col, size_t i, struct qd_reload *r);

#endif

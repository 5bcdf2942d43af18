/*
 * Cards read from other programs' files (quizdeck/textdeck.h for CSV, TSV
 * and Quizlet exports), made into a deck: each card gets a stable id, and
 * with --update they are merged into the deck imported before.
 *
 * Ids: a card whose source gives an id that is a slug (an `id` column, a
 * `#guid column:` of quizdeck's own export) keeps it; any other gets the
 * slug of its question (qd_slug_make(), function words skipped), or of
 * its cloze text; "card" when nothing is left. An id already taken gets
 * "-2", "-3", ... in the order the cards were read, so the same source
 * gives the same ids every time.
 *
 * Merging (qd_import_build() with an old deck): the old deck's cards keep
 * their places; a card read again under the same id takes the fields the
 * source has (qd_import_card.have) and keeps the others as they were in
 * the deck (an `explain` written by hand stays when the source has no
 * explain column); a card whose type changed is taken whole from the
 * source. New cards are added at the end, in source order; cards of the
 * old deck that the source no longer has are kept. Importing the same
 * source again therefore writes the same deck.
 */
#ifndef QUIZDECK_IMPORTDECK_H
#define QUIZDECK_IMPORTDECK_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/deck.h"
#include "quizdeck/err.h"
#include "quizdeck/gendeck.h"

/* The fields a source gives (struct qd_import_card.have). */
enum {
	QD_IMPORT_Q = 1 << 0,       /* the question, or a cloze's text */
	QD_IMPORT_A = 1 << 1,       /* the answer(s) */
	QD_IMPORT_CHOICES = 1 << 2,
	QD_IMPORT_ACCEPT = 1 << 3,
	QD_IMPORT_HINT = 1 << 4,
	QD_IMPORT_EXPLAIN = 1 << 5,
	QD_IMPORT_TAGS = 1 << 6,
	QD_IMPORT_GROUP = 1 << 7,
	QD_IMPORT_PROMPT = 1 << 8,  /* a cloze's lead-in question */
};

struct qd_import_card {
	struct qd_gen_card card; /* card.id: a given id (a slug) or NULL */
	char *key;               /* the text its id derives from */
	char *suffix;            /* appended to the derived id ("c2"), or NULL */
	unsigned have;           /* QD_IMPORT_* */
	char *file;              /* where it was read, for messages */
	int line;
};

struct qd_import {
	struct qd_import_card *cards;
	size_t n, cap;
	char *deck_name; /* a deck name the source gives (Anki's deck column), or NULL */
	char *source;    /* the deck's source the first file gives (an Anki package), or NULL */
};

void qd_import_init(struct qd_import *im);
void qd_import_release(struct qd_import *im);
/* Appends a zeroed card (owned by im) and returns it. */
struct qd_import_card *qd_import_add(struct qd_import *im);

/* Checks that the card would load as a deck's card; if not, reports the
 * loader's words at file:line in dg (an error) and returns -1. */
int qd_import_card_check(const struct qd_import_card *c, struct qd_diags *dg);

/* Gives every card its id (see above). */
void qd_import_assign_ids(struct qd_import *im);

/* Copies a loaded card into g (zeroed by the caller). */
void qd_gen_card_copy(struct qd_gen_card *g, const struct qd_card *c);

struct qd_import_stats {
	size_t added, updated, kept;
};

/*
 * Builds the deck from the cards (ids assigned) into out (zeroed by the
 * caller; released by the caller either way): merged into old when it is
 * not NULL (its id, title, description, source, tags, reverse and accents
 * kept unless id or title is given). id and title may be NULL: then the
 * old deck's, else the source's deck name (title) and its slug (id), else
 * fallback_title and its slug; a new deck's source is im->source. Returns 0, or -1 with err (QD_EXIT_DATAERR)
 * when the deck has no card or does not load.
 */
int qd_import_build(struct qd_import *im, const struct qd_deck *old, const char *id,
                    const char *title, const char *fallback_title, struct qd_gen_deck *out,
                    struct qd_import_stats *stats, struct qd_err *err);

#endif

/*
 * Deck generation from an article (quizdeck gen): the article's key facts
 * (quizdeck/facts.h) become cards in the deck model of quizdeck/gendeck.h.
 * The rules, deterministic and explainable, are documented in
 * docs/article-format.md ("Generation rules").
 *
 * What the generator aims for is a deck a learner keeps whole: one fact a
 * card, each fact asked once in the card type that suits it, short answers,
 * whole terms as blanks, distractors of the answer's kind that the article
 * makes false, and cards of one sentence grouped as siblings. As a last
 * guard every card is looked over as `quizdeck check` would
 * (quizdeck/lint.h); one with a smell is left out, with a note saying why.
 */
#ifndef QUIZDECK_GEN_H
#define QUIZDECK_GEN_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/article.h"
#include "quizdeck/err.h"
#include "quizdeck/gendeck.h"
#include "quizdeck/strv.h"

struct qd_gen_opts {
	const char *id;          /* deck id; NULL derives it from the title */
	struct qd_strv *notes;   /* if not NULL, gets one line per card left out */
};

/* Generates the cards of article a into d (which the function initialises).
 * Returns 0, or -1 with err set: QD_EXIT_USAGE for a bad id, QD_EXIT_DATAERR
 * when the article gives no card at all. On failure d is left released. */
int qd_gen_deck(const struct qd_article *a, const struct qd_gen_opts *opts,
                struct qd_gen_deck *d, struct qd_err *err);

#endif

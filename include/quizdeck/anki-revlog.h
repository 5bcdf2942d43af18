/*
 * Internal to the Anki importer (see quizdeck/anki-imp.h): the collection's
 * review log converted to review records.
 */
#ifndef QUIZDECK_ANKI_REVLOG_H
#define QUIZDECK_ANKI_REVLOG_H

#include <stddef.h>

#include "quizdeck/anki-imp.h"
#include "quizdeck/err.h"
#include "quizdeck/revrec.h"

/* Converts the review log of the cards imported (m->cids) into *out, *n_out
 * (caller frees): each review's line holds its card's index, which the
 * caller turns into the card's id. What is skipped is counted in m->skipped
 * and m->no_learning. */
int qd_anki_read_revlog(struct qd_anki_imp *m, struct qd_review **out, size_t *n_out, struct qd_err *err);

#endif

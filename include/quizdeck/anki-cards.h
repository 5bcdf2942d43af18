/*
 * Internal to the Anki importer (see quizdeck/anki-imp.h): the notes
 * turned into the deck's cards, by their note types' plans, and the deck
 * named after the Anki decks they come from.
 */
#ifndef QUIZDECK_ANKI_CARDS_H
#define QUIZDECK_ANKI_CARDS_H

#include "quizdeck/anki.h"
#include "quizdeck/anki-imp.h"
#include "quizdeck/err.h"

/* Adds a card to m->deck for each card of the collection that its note
 * type's plan can read (m->cids maps Anki's card ids to them); what is left
 * out is tallied in m. */
int qd_anki_read_cards(struct qd_anki_imp *m, struct qd_err *err);

/* Sets the deck's title, id and source, and tags each card with its
 * sub-deck when the cards come from several. */
void qd_anki_name_deck(struct qd_anki_imp *m, const struct qd_anki_opts *o);

#endif

/*
 * Internal to the Anki importer (see quizdeck/anki-imp.h): the collection's
 * note types and decks, read into one shape from either schema, and each
 * note type's plan: what kind of card its templates ask for.
 */
#ifndef QUIZDECK_ANKI_NOTETYPES_H
#define QUIZDECK_ANKI_NOTETYPES_H

#include <stddef.h>
#include <stdint.h>

#include "quizdeck/anki-imp.h"
#include "quizdeck/err.h"

/* The note type of id, or NULL. */
struct qd_anki_notetype *qd_anki_nt_find(struct qd_anki_imp *m, int64_t id);

/* The index into m->decks of the deck of id, or SIZE_MAX. */
size_t qd_anki_deck_find(struct qd_anki_imp *m, int64_t id);

/* Reads the note types, their fields and templates, and the decks. */
int qd_anki_read_notetypes(struct qd_anki_imp *m, struct qd_err *err);

/* Sets nt's plan from its templates. */
void qd_anki_plan_notetype(struct qd_anki_notetype *nt);

#endif

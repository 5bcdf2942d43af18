/*
 * Anki packages made by the tests themselves with sqlite3, libzip and
 * libzstd (no binary fixture from elsewhere): the same small collection in
 * each package format, and broken packages.
 *
 * The collection (tests/anki-fixtures.c says it in full): a Basic note with
 * HTML and an image, a "Basic (and reversed card)" note (two cards), a
 * "Basic (type in the answer)" note, a Cloze note with a hint and two
 * numbers, a note of a three-field type that is none of these; decks
 * "Spanish" and "Spanish::Verbs"; a review log with learning, review,
 * relearning, cramming, manual and "forget" entries, and entries of a
 * deleted card.
 */
#ifndef QUIZDECK_TEST_ANKI_FIXTURES_H
#define QUIZDECK_TEST_ANKI_FIXTURES_H

#include <stddef.h>

enum fx_format {
	FX_ANKI2,    /* before 2.1.50: collection.anki2, no meta, v1 scheduler */
	FX_ANKI21,   /* "support older Anki versions": meta 2, collection.anki21, dummy */
	FX_ANKI21B,  /* current: meta 3, zstd collection.anki21b (schema 18, WAL), dummy */
};

enum fx_broken {
	FX_NOT_ZIP,        /* text, no zip at all */
	FX_TRUNCATED,      /* a current package cut in half */
	FX_NOT_SQLITE,     /* collection.anki21 holding text */
	FX_FOREIGN_SQLITE, /* an SQLite database with no Anki table */
	FX_SCHEMA_19,      /* col.ver 19 */
	FX_BAD_NOTETYPE,   /* a note of a note type the collection lacks */
	FX_META_4,         /* meta names version 4 */
	FX_BAD_ZSTD,       /* collection.anki21b not zstd */
	FX_NO_COLLECTION,  /* meta 3 but no collection.anki21b: only the dummy */
	FX_BAD_CRC,        /* collection.anki21 stored, one byte changed: its CRC fails */
	FX_DUP_GUID,       /* a second note with note 2's guid (schema 11) */
	FX_NO_TEMPLATE,    /* a Basic card of ordinal 5: no such template (schema 18) */
	FX_VIEW,           /* 'revlog' a view that never ends (a recursive query) */
	FX_GENERATED,      /* 'notes' with a computed column */
};

/* The note id of FX_BAD_NOTETYPE's note, and the note type it names. */
#define FX_BAD_NOTE_ID 1700000000999LL
#define FX_BAD_MID 7777
/* The note id of FX_DUP_GUID's and FX_NO_TEMPLATE's note. */
#define FX_ODD_NOTE_ID 1700000000998LL

/* Write the package to path; 0, or -1 after printing why to stderr. */
int fx_write_package(const char *path, enum fx_format f);
int fx_write_broken(const char *path, enum fx_broken b);
/* The current package with a stored media member of size zero bytes
 * added, written from a sparse file (so writing it takes little memory). */
int fx_write_large(const char *path, size_t size);
/* A current package of Cloze notes alone: note i has the text texts[i] and
 * one card, of ordinal ords[i] (card ids "<hex of cz<i>>-<ords[i] + 1>"). */
int fx_write_clozes(const char *path, const char *const *texts, const int *ords, size_t n);

#endif

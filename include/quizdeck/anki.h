/*
 * Anki packages (.apkg, .colpkg) read into a deck being made
 * (quizdeck/gendeck.h) and, when asked, the package's review history
 * converted to review records (quizdeck/revrec.h).
 *
 * A package is a zip holding an SQLite collection: `collection.anki2` or
 * `collection.anki21` (schema 11: note types and decks as JSON in `col`)
 * or, from Anki 2.1.50 on, a zstd-compressed `collection.anki21b` (schema
 * 18: note types, fields, templates and decks in tables of their own,
 * with protobuf blobs). The `meta` member names the version; the dummy
 * `collection.anki2` current packages carry beside the real collection is
 * never read. docs/anki.md says what is kept and what is lost.
 *
 * The package is untrusted: a damaged zip, a damaged or foreign SQLite
 * file, a schema version Anki never wrote, a note pointing at a note type
 * that is not there are errors; nothing is returned then.
 */
#ifndef QUIZDECK_ANKI_H
#define QUIZDECK_ANKI_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/err.h"
#include "quizdeck/gendeck.h"
#include "quizdeck/revrec.h"
#include "quizdeck/strv.h"

struct qd_anki_opts {
	const char *deck_id; /* the new deck's id; NULL: a slug of its title */
	const char *title;   /* NULL: the Anki deck's name (the common parent of the
	                      * decks the cards come from), else the file's name */
	bool with_reviews;   /* convert the review log too */
};

/* True if path names an Anki package by its extension (.apkg or .colpkg,
 * in any case): where an import command hands a file to qd_anki_import(). */
bool qd_anki_is_package(const char *path);

/*
 * Reads the package at path into deck (zeroed by the caller; released by
 * the caller with qd_gen_deck_release() in any case): one card per Anki
 * card of the Basic, Basic (and reversed), Basic (optional reversed),
 * Basic (type in the answer) and Cloze kinds (recognised by their
 * templates, not their names), one basic card per note of any other note
 * type. Card ids are slugs of the note's guid and the card's number
 * ("<hex of guid>-<ord + 1>"), so importing a newer export of the same
 * notes gives the same ids.
 *
 * When o->with_reviews, *reviews receives the converted review log
 * (caller frees the array; its deck and card ids point into deck, so they
 * live as long as deck is not changed) and *n its length, ready for
 * qd_revlog_import(); otherwise *reviews is NULL and *n 0. reviews and n
 * may be NULL when o->with_reviews is false.
 *
 * Everything left out (media, note types read as basic, cards that would
 * be empty, review-log entries that are no answer) is reported in d (file =
 * the package's name, initialised by the caller) as one warning per kind,
 * with its count.
 *
 * Returns 0, or -1 with err: QD_EXIT_NOINPUT if path cannot be read,
 * QD_EXIT_DATAERR for a package that is not one (the message names the
 * file, and the note id where one note is at fault), or that gives more
 * cards than a deck holds.
 */
int qd_anki_import(const char *path, const struct qd_anki_opts *o, struct qd_gen_deck *deck,
                   struct qd_review **reviews, size_t *n, struct qd_diags *d,
                   struct qd_err *err);

/*
 * An Anki field (an HTML fragment, len bytes) as deck text: tags removed,
 * entities decoded, white space collapsed, <br> and block elements line
 * breaks (spaces when inline_only), <li> bullets, <b>/<strong>, <i>/<em>
 * and <code> the Markdown subset's bold, italic and code where it reads
 * back as such, and the text's own '*' and '`' escaped. trim removes space
 * at both ends (a fragment keeps one space at each end where it had
 * white space). The names of media it refers to are pushed onto media.
 * Caller frees the result.
 */
char *qd_anki_html_text(const char *html, size_t len, bool trim, bool inline_only,
                        struct qd_strv *media);

#endif

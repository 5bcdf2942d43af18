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
 * the caller with qd_gen_deck_release() in any case, as it may hold some
 * cards after a failure).
 *
 * The deck. deck->id and deck->title come from o, else the title is the
 * Anki deck the cards come from (the common parent of several, or the
 * file's name without its extension when they have none) and the id its
 * slug; deck->source names the package. One card per Anki card, recognised
 * by its note type's templates, not their names:
 *   Basic                       a QD_CARD_BASIC card, front field -> q, back -> a
 *   Basic (and reversed) and    each template a basic card of its own (the
 *   Basic (optional reversed)   reverse swaps q and a), only the cards that exist
 *   Basic (type in the answer)  a QD_CARD_TYPED card, the {{type:F}} field -> a
 *   Cloze                       one QD_CARD_CLOZE card per cloze number: text
 *                               with that number's deletions as the blanks, the
 *                               other deletions shown; their hints -> hint; the
 *                               fields on the back beside the text (Back Extra)
 *                               -> explain
 *   any other note type         one basic card per note: its first two fields
 * A {{hint:F}} field on a basic or typed front -> hint. Fields are reduced
 * from HTML to deck text as foreign fields (qd_html_to_text_with(),
 * quizdeck/html.h). Cards of one note
 * (reverse sides, cloze numbers) share a group, so a session shows one of
 * them a day, as Anki buries siblings.
 *
 * Card ids are "<hex of the note's guid>-<ord + 1>" (a guid over 28 bytes
 * is hashed): stable across exports of the same notes, so importing a newer
 * export gives the same ids. Each card keeps its note's tags; when the
 * cards come from several Anki decks, each is also tagged with its deck's
 * name below the common parent ("Spanish::Verbs::Irregular" under
 * "Spanish" -> "Verbs::Irregular"); a card in a filtered deck counts in
 * its home deck.
 *
 * The warnings, in d (file = the package's name, initialised by the
 * caller): one per kind of loss, with its count, never an error:
 *   - a note type read as basic cards (named, with its number of notes),
 *     notes of a one-field note type, cards left out as empty or too long,
 *     cloze cards whose number has no deletion, image occlusion cards: each
 *     names the first three notes concerned by their Anki note id
 *     ("... (notes 1700000000005, 1700000000009 and 2 more)");
 *   - media: "N media files referenced but not imported" (the count of
 *     distinct names referred to by <img>, <audio>, <video>, <source>,
 *     <object> or [sound:]; the names stay in the text);
 *   - with reviews: one per kind of review-log entry skipped (below), and
 *     the number of cards whose kept history has no learning answer.
 *
 * The review log, when o->with_reviews: *reviews receives the converted
 * entries (caller frees the array; deck and card point into deck, so they
 * live as long as deck is not changed; grouped by card, each card's in
 * time order) and *n their number, ready for qd_revlog_import(). Each has
 * time_ms (the Anki entry's id), rating (the button, 1-4), duration_ms,
 * mode QD_MODE_IMPORT, correct QD_CORRECT_NA. The entries are chosen per
 * card as Anki's FSRS code chooses them (rslib/src/scheduler/fsrs/
 * params.rs, reviews_for_fsrs):
 *   learning, review, relearning (types 0, 1, 2)   kept
 *   filtered-deck review that rescheduled (type 3,  kept
 *     ease factor > 0)
 *   cram: filtered-deck review that did not        skipped: it did not change
 *     reschedule (type 3, ease factor 0)             the schedule
 *   manual (type 4: set due date, forget) and      skipped: no button (ease 0)
 *     FSRS rescheduled (type 5)
 *   answers before the last run of learning        skipped: the card started
 *     answers, or before the last forget             afresh there
 *     (type 4, ease factor 0)
 *   entries of cards not imported or deleted       skipped
 *   a button out of 1-4 or a time out of range     skipped
 * v1-scheduler collections (three learning buttons) have their learning
 * and relearning answers 2 and 3 read as 3 and 4, as Anki does when it
 * upgrades. Otherwise (o->with_reviews false) *reviews is NULL and *n 0;
 * reviews and n may then be NULL.
 *
 * Returns 0, or -1 with err (err->file the path; the message names the
 * note id where one note is at fault): QD_EXIT_NOINPUT if path cannot be
 * opened or read (qd_file_read()); QD_EXIT_DATAERR for a package that is
 * not one: not a zip or a damaged one, no collection member, an unknown
 * package version, broken zstd, a collection that is not SQLite or not
 * Anki's, an unknown schema version, a note of a note type that is not
 * there, a card with no template, two notes with one guid; or a package
 * that gives more cards than a deck holds.
 */
int qd_anki_import(const char *path, const struct qd_anki_opts *o, struct qd_gen_deck *deck,
                   struct qd_review **reviews, size_t *n, struct qd_diags *d,
                   struct qd_err *err);

#endif

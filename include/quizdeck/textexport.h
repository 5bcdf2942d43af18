/*
 * A deck as a file of Anki's text import format (`quizdeck export`,
 * docs/import.md): tab-separated, HTML fields, with the `#` headers that
 * tell Anki the separator, the note type, deck, tags and guid columns, and
 * the column names that `quizdeck import` reads back, so that export then
 * import gives the same cards.
 *
 * Columns: id (Anki's guid), notetype (Basic, "Basic (type in the
 * answer)" for typed cards, Cloze), deck (the deck's title), q, a (Anki's
 * first two fields: Front and Back, or Text and Back Extra), tags, then
 * what Anki has no field for: type, choices, accept, hint, explain,
 * prompt (a cloze's lead-in), group. A cloze's text is in Anki's syntax,
 * each blank {{c1::answer}} (one card asking every blank, as quizdeck
 * does; alternatives stay written as answer|alt), its explanation in
 * Back Extra. Lists are one item a line (a single item holding '|' after
 * a newline, since a cell of one line is split at '|'). Every field is HTML
 * (qd_html_from_text), so no field holds a tab, a newline or a quote, and
 * one starting with =, +, - or @ starts with its entity instead, so that
 * no spreadsheet runs it as a formula.
 */
#ifndef QUIZDECK_TEXTEXPORT_H
#define QUIZDECK_TEXTEXPORT_H

#include "quizdeck/buf.h"
#include "quizdeck/deck.h"

/* Appends the whole file for deck to out. */
void qd_textexport_deck(struct qd_buf *out, const struct qd_deck *deck);

#endif

/*
 * HTML fields of flashcard programs (Anki notes, text exports with
 * `#html:true`) to card text, and card text back to such HTML.
 *
 * qd_html_to_text() reduces a fragment to the deck format's text
 * (docs/deck-format.md, "Formatting"): entities decoded (named ones of
 * HTML's common set, decimal and hex; &nbsp; is a space), <br> and the
 * ends of block elements (div, p, li, tr, h1-h6, ...) to newlines, <li> to
 * a "- " bullet, <b>/<strong> to **bold**, <i>/<em> to *italic*,
 * <code>/<kbd>/<tt> to a `code` span, <script> and <style> dropped with
 * their content, every other tag and comment stripped. Raw white space
 * (spaces, tabs, newlines) runs as HTML renders it: one space, none at the
 * start of a line or before a line break. The text is untrusted and any
 * bytes are safe to pass in; the result may still hold control characters
 * or invalid UTF-8 that were in the input (the caller checks, as it does
 * for text that was not HTML); entities never decode to a control
 * character other than tab and newline, nor to a surrogate.
 *
 * qd_html_from_text() is its inverse for text without markup: for any
 * text t of a deck (no control character but tab and newline),
 * qd_html_to_text(qd_html_from_text(t)) == t. Markup is written as typed
 * (the asterisks and backticks stay).
 */
#ifndef QUIZDECK_HTML_H
#define QUIZDECK_HTML_H

#include <stddef.h>

#include "quizdeck/buf.h"

/* Appends the text of html[0..len) to out. */
void qd_html_to_text(struct qd_buf *out, const char *html, size_t len);

/* Appends text[0..len) as HTML: & < > " as entities, a newline as <br>, a
 * tab as &#9;, a space at the start or end of a line or after a space as
 * &nbsp; (so HTML keeps it). */
void qd_html_from_text(struct qd_buf *out, const char *text, size_t len);

#endif

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
 * qd_html_to_text_with() reads a field of another program as its options
 * say (the Anki package reader escapes the text's own '*' and '`', reads
 * pieces of a cloze as fragments, drops control characters, and counts
 * the media a field names); qd_html_to_text() is it without options. This
 * is the one home of the HTML-to-text rule: every reader of HTML fields
 * calls one of the two.
 *
 * qd_html_from_text() is its inverse for text without markup: for any
 * text t of a deck (no control character but tab and newline),
 * qd_html_to_text(qd_html_from_text(t)) == t. Markup is written as typed
 * (the asterisks and backticks stay).
 */
#ifndef QUIZDECK_HTML_H
#define QUIZDECK_HTML_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/buf.h"
#include "quizdeck/strv.h"

/* Appends the text of html[0..len) to out. */
void qd_html_to_text(struct qd_buf *out, const char *html, size_t len);

/* How a field of another program is read (all false: qd_html_to_text). */
struct qd_html_opts {
	bool foreign;          /* a field written in another program's editor (Anki):
	                        * the text's own '*' and '`' escaped outside code
	                        * (\* and \`) so they show as typed, &nbsp; a space
	                        * like any other, control characters (from entities
	                        * too) and invalid UTF-8 left out, white space and
	                        * line breaks at either end dropped (unless fragment) */
	bool inline_only;      /* line breaks and block ends as spaces, no bullets */
	bool fragment;         /* a piece of a longer text: white space at either end
	                        * kept as one space, line breaks at the end kept */
	struct qd_strv *media; /* if not NULL: the media files referenced are pushed
	                        * (img, audio, video and source src, object data,
	                        * Anki's [sound:NAME]; not http:, https: or data:), and
	                        * an image shows as "[image: NAME]" */
};

/* qd_html_to_text() as o says (o may be NULL). */
void qd_html_to_text_with(struct qd_buf *out, const char *html, size_t len,
                          const struct qd_html_opts *o);

/* Appends text[0..len) as HTML: & < > " as entities, a newline as <br>, a
 * tab as &#9;, a space at the start or end of a line or after a space as
 * &nbsp; (so HTML keeps it). */
void qd_html_from_text(struct qd_buf *out, const char *text, size_t len);

#endif

/*
 * Card text formatting: a small subset of Markdown (docs/deck-format.md,
 * "Formatting"), rendered for the terminal and stripped for grading.
 *
 * Inline, within a paragraph:
 *   `code`      a run of N backticks up to the next run of exactly N (its
 *               content literal: no markup inside; one space just inside
 *               both ends is dropped, so `` `x` `` shows `x`);
 *   **bold**    opens before a non-space not preceded by a letter or digit,
 *               closes after a non-space not followed by one;
 *   *italic*    the same with one '*' (so 2*3*4 and a * b stay as typed);
 *   \` \*       a literal backtick or star.
 * Bold may hold italic and italic bold, one level each; a marker that does
 * not close is shown as typed.
 * Blocks, by lines:
 *   a fence line of three or more backticks (up to three spaces before, an
 *   info word after) opens a code block, closed by a fence line at least
 *   as long; the lines between are code, verbatim. A fence never closed is
 *   ordinary text;
 *   "- " or "* " at the start of a line (up to three spaces before) is a
 *   bullet item; lines after it that start with a space continue it.
 * Everything else is text, its newlines kept as line breaks.
 *
 * Decks stay plain strings; nothing here fails: text that is not markup is
 * shown as typed.
 */
#ifndef QUIZDECK_MARKUP_H
#define QUIZDECK_MARKUP_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/buf.h"

/* Indent of the lines of a code block, and the bullet drawn for an item. */
#define QD_MARKUP_CODE_INDENT 4
#define QD_MARKUP_BULLET "• "

/*
 * Appends text (NUL-terminated, untrusted) rendered for a terminal, laid
 * out as qd_text_wrap() lays out: width columns, every line after the first
 * starting with indent spaces (the caller wrote the first line's prefix).
 * The text is sanitised first (qd_text_sanitize) and the markup read from
 * the sanitised text, so every escape sequence written is one of ours:
 *   - with color: code in cyan, bold in bold, italic in italic, each on top
 *     of base (a qd_style set for the whole text); markers removed;
 *   - without color: no escape sequence; bold and italic markers removed,
 *     code spans keep their backticks (the one way left to tell code from
 *     prose).
 * Paragraphs and bullet items wrap at spaces, a bullet's continuation lines
 * under its text; widths count what is shown, never the markers. Code block
 * lines are indented QD_MARKUP_CODE_INDENT more and never wrapped: a long
 * line runs past the width rather than being broken. Returns the number of
 * lines written.
 */
size_t qd_markup_render(struct qd_buf *out, const char *text, unsigned base, bool color,
                        int width, int indent);

/*
 * Inline markup only: appends text sanitised with flags (QD_SANITIZE_ONELINE
 * for one-line places: newlines and tabs become spaces) and styled as by
 * qd_markup_render, without blocks or wrapping. For choices, the pieces of
 * a cloze's text between its blanks, and answers.
 */
void qd_markup_inline(struct qd_buf *out, const char *text, unsigned base, bool color,
                      unsigned flags);

/*
 * Appends text as plain text, markers removed: code spans' content, bold
 * and italic text without their stars, code blocks' lines without fences,
 * bullet items without their "- ". Not sanitised (grading and counting
 * words need the text, display sanitises). "`Vec<T>`" -> "Vec<T>".
 */
void qd_markup_plain(struct qd_buf *out, const char *text);

#endif

/*
 * Untrusted text on the terminal: sanitising, display width, wrapping and
 * colour.
 *
 * Deck text, article text, logs and learners' own answers are untrusted:
 * an ESC sequence can retitle the window, hide text or move the cursor, and
 * \001/\002 confuse readline's prompt width. Everything shown goes through
 * qd_text_sanitize() (directly, or through qd_style()/qd_text_wrap(),
 * which sanitise for you). All functions take and produce UTF-8 and are
 * locale-independent: widths use libunistring with the encoding "UTF-8".
 */
#ifndef QUIZDECK_TEXT_H
#define QUIZDECK_TEXT_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/buf.h"

enum qd_sanitize_flags {
	/* For one-line contexts (prompts, choice lists, table cells): newline,
	 * tab and U+2028/U+2029 become one space each. */
	QD_SANITIZE_ONELINE = 1u << 0,
	/* For one-line messages that quote untrusted text (diagnostics): newline
	 * and tab are shown in caret notation too (^J, ^I), U+2028/U+2029 become
	 * U+FFFD, so a quoted file name cannot start a line of its own. */
	QD_SANITIZE_VISIBLE = 1u << 1,
};

/*
 * Appends s[0..len) to out, made safe for a terminal. s may hold NUL bytes
 * and invalid UTF-8. Rules, applied per character:
 *   - newline and tab are kept (spaces with QD_SANITIZE_ONELINE, caret
 *     notation with QD_SANITIZE_VISIBLE);
 *   - every other C0 control (U+0000-U+001F) and DEL become caret notation:
 *     ESC is "^[", \r is "^M", \001 is "^A", NUL is "^@", DEL is "^?"; the
 *     rest of an escape sequence is then harmless printable text;
 *   - C1 controls U+0080-U+009F (well-formed two-byte UTF-8) become U+FFFD;
 *   - each invalid UTF-8 sequence (stray bytes 0x80-0xFF such as a raw
 *     0x9B CSI, truncated or overlong forms, surrogates) becomes one U+FFFD;
 *   - the bidi embeddings, overrides and isolates U+202A-U+202E and
 *     U+2066-U+2069 are dropped (they are invisible and would reorder the
 *     rest of the line); the marks U+200E/U+200F stay;
 *   - U+2028/U+2029 become a newline (a space with QD_SANITIZE_ONELINE,
 *     U+FFFD with QD_SANITIZE_VISIBLE).
 * The result is valid UTF-8 free of C0 (but \n, \t), DEL and C1, and
 * sanitising it again changes nothing.
 */
void qd_text_sanitize(struct qd_buf *out, const char *s, size_t len, unsigned flags);

/* Length of the line break at s[i] (i < len), or 0: LF, CRLF (2), a lone
 * CR, NEL (U+0085) or U+2028/U+2029 — the breaks YAML (and libyaml's
 * line counts) recognise, so positions in a file agree with its reader. */
size_t qd_text_line_break(const char *s, size_t len, size_t i);

/* Columns that s[0..len) takes on a terminal: uc_width() of each code point
 * (CJK and most emoji 2, combining marks and zero-width characters 0).
 * SGR sequences ("ESC [ digits/; m", as written by qd_style) count 0, so
 * styled text can be measured; other controls count 0 and invalid bytes 1
 * (they are shown as U+FFFD once sanitised). */
size_t qd_text_width(const char *s, size_t len);
/* The same for a NUL-terminated string. */
size_t qd_text_strwidth(const char *s);

/* The end of the grapheme cluster (user-perceived character) that starts at
 * p (p < end): u8_grapheme_next() plus the flag and emoji ZWJ sequences
 * libunistring 1.0 splits. Never returns p; invalid bytes are one cluster. */
const char *qd_text_next_cluster(const char *p, const char *end);

/*
 * Appends s (NUL-terminated) word-wrapped to width columns. Continuation
 * lines start with indent spaces; the first line does not (the caller has
 * already printed a prefix of indent columns, say "  3) ", or passes 0), so
 * every line's text fits in width - indent columns (at least 1).
 *   - Breaks happen at spaces and tabs (the break's whitespace is dropped);
 *     newlines in s are kept as hard breaks; whitespace inside a line and at
 *     the start of a hard line (code indentation) is kept, a tab as 1 space.
 *   - A word longer than the line is broken between grapheme clusters, so no
 *     multi-byte character, combining sequence or emoji is ever split; a
 *     cluster wider than the whole line gets a line of its own.
 *   - Blank lines and line ends get no trailing spaces.
 *   - s is sanitised as by qd_text_sanitize(s, 0) except that SGR sequences
 *     (as written by qd_style) pass through with width 0; a style active at
 *     a line break is closed before the newline and reopened after the
 *     indent. So pass deck text raw or styled, never pre-escaped by hand.
 * width <= 0 means no wrapping (the indent still follows each newline).
 * Returns the number of lines written (0 for an empty s).
 */
size_t qd_text_wrap(struct qd_buf *out, const char *s, int width, int indent);

/* Appends s[0..len) on one line of at most width columns (width >= 1):
 * sanitised as by qd_text_sanitize(QD_SANITIZE_ONELINE), runs of white
 * space squeezed to one space and trimmed at both ends; when it does not
 * fit, it is cut between grapheme clusters and ends with "…" (one column),
 * so a table cell never wraps nor splits a character. Returns the columns
 * written. */
size_t qd_text_cut(struct qd_buf *out, const char *s, size_t len, size_t width);

/* The widest that prose is wrapped, however wide the terminal: longer lines
 * are hard to read. */
#define QD_TEXT_MAX_WIDTH 100

/* Styles, combinable with |. One colour at a time (the last SGR wins). */
enum qd_style {
	QD_STYLE_NONE = 0,
	QD_STYLE_BOLD = 1u << 0,
	QD_STYLE_DIM = 1u << 1,
	QD_STYLE_UNDERLINE = 1u << 2,
	QD_STYLE_REVERSE = 1u << 3,
	QD_STYLE_RED = 1u << 4,
	QD_STYLE_GREEN = 1u << 5,
	QD_STYLE_YELLOW = 1u << 6,
	QD_STYLE_CYAN = 1u << 7,
	QD_STYLE_ITALIC = 1u << 8,
};

/* Appends the SGR sequence for style ("\033[1;31m"); nothing when color is
 * false or style is QD_STYLE_NONE. Spans do not nest: close resets all. */
void qd_style_open(struct qd_buf *out, bool color, unsigned style);
/* Appends "\033[0m"; nothing when color is false or style is NONE. */
void qd_style_close(struct qd_buf *out, bool color, unsigned style);
/* open + text sanitised (flags 0) + close. With color false this is exactly
 * qd_text_sanitize(out, text, strlen(text), 0). */
void qd_style(struct qd_buf *out, bool color, unsigned style, const char *text);
/* For readline prompts: the SGR sequences are wrapped in \001...\002 so
 * readline does not count them, and text is sanitised one-line (so it can
 * never carry \001/\002 of its own). With color false: the text only. */
void qd_style_prompt(struct qd_buf *out, bool color, unsigned style, const char *text);

#endif

/*
 * Answer checking: typed answers, choices, true/false, ratings, rating
 * suggestions and cloze rendering. Pure functions: no I/O, no clock, no
 * locale (libunistring with explicit Unicode rules).
 *
 * Normalisation for comparison (qd_match_normalize), in order:
 *   1. invalid UTF-8 becomes U+FFFD, controls become spaces;
 *   2. Unicode case folding with compatibility normalisation (NFKC): "É"
 *      and "é", "e" + U+0301 and "é", full-width "ＡＢＣ１" and "abc1" (typed
 *      by CJK input methods), "ﬁ" and "fi" all compare equal;
 *   3. with ignore_accents: NFKD, every combining mark (general category M)
 *      dropped, then NFC again: "café" = "cafe", "Ångström" = "angstrom".
 *      Letters that do not decompose (ø, ł, ß -> "ss" by case folding) stay;
 *      in scripts whose vowels are marks (Devanagari...) this is lossy,
 *      which is why decks opt in (`accents: ignore`);
 *   4. quotes and dashes unified: ’ ‘ ‚ ‛ ′ ` ´ ʼ -> ', “ ” „ ‟ ″ « » -> ",
 *      U+2010-U+2015 and U+2212 (minus) -> '-'; the bidi embeddings,
 *      overrides and isolates U+202A-U+202E and U+2066-U+2069 deleted (they
 *      are never shown, see qd_text_sanitize, so they cannot be typed);
 *   5. punctuation folding, per whitespace-separated word:
 *      - a word made only of punctuation and symbols is kept as it is
 *        ("?", "&&", "->", "...") so operator answers still mean something;
 *      - quotes and apostrophes are deleted: "don't" = "dont", "'x'" = "x";
 *      - symbols (Unicode S*: + $ < = > ^ | ~ and emoji) and # % & @ * \ _
 *        are kept: "C++" != "C", "C#" != "C", "50%" != "50";
 *      - '.' and ',' between two digits are kept ("3.14" != "314");
 *        '-' before a digit and not after a letter or digit is kept ("-5");
 *      - any other punctuation (. , ; : ! ? ( ) [ ] { } / - and the like)
 *        separates words: "crates.io" = "crates io", ".NET" = "net",
 *        "well-known" = "well known", "Paris." = "paris", "std::mem" =
 *        "std mem";
 *   6. whitespace (Unicode White_Space) collapsed to one space and trimmed.
 */
#ifndef QUIZDECK_MATCH_H
#define QUIZDECK_MATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/buf.h"
#include "quizdeck/deck.h"
#include "quizdeck/err.h"
#include "quizdeck/sched.h"

struct qd_match_opts {
	bool ignore_accents; /* the deck says `accents: ignore` */
	bool no_typos;       /* exact (normalised) answers only */
};

/* Appends the normalised form of s (NUL-terminated) as UTF-8. Pure-ASCII
 * input takes a shortcut that gives the same bytes without libunistring. */
void qd_match_normalize(struct qd_buf *out, const char *s, bool ignore_accents);

/* The same without the ASCII shortcut: every string through libunistring
 * (the reference the shortcut is tested against). */
void qd_match_normalize_unicode(struct qd_buf *out, const char *s, bool ignore_accents);

/* Edits allowed for an answer of n code points (normalised): 0 for up to
 * 4, 1 for 5 to 8, 2 above. */
size_t qd_match_typo_budget(size_t n);

/* Optimal string alignment distance (Damerau-Levenshtein where a
 * transposed pair counts 1 and no substring is edited twice) between the
 * code points of two UTF-8 strings, without normalisation. */
size_t qd_match_distance(const char *a, const char *b);

/* The distance reported when not computed: the lengths differ by more than
 * QD_MATCH_FAR_LEN code points (far beyond any typo budget). */
#define QD_MATCH_FAR SIZE_MAX
#define QD_MATCH_FAR_LEN 64

struct qd_match_result {
	bool correct;    /* equal after normalisation, or a near miss that counts */
	bool typo;       /* correct only thanks to typo tolerance */
	size_t which;    /* index of the answer matched (or nearest when wrong) */
	size_t distance; /* OSA distance to answers[which] after normalisation:
	                    0 when exact; QD_MATCH_FAR when not computed */
};

/*
 * Grades a typed answer against answers[0..n) (the answer, then `accept`).
 *   - correct, typo false: given equals an answer after normalisation;
 *   - correct, typo true: within qd_match_typo_budget(length of the
 *     normalised answer) edits of an answer (OSA distance on code points),
 *     unless opts->no_typos, and only if both contain the same numbers: the
 *     digits (with '.' ',' inside numbers) of given and answer, in order,
 *     must be identical, so "1998" vs "1999" and "Windows 95" vs "Windows
 *     98" are wrong while "Windws 98" is a typo;
 *   - otherwise wrong.
 * Exact matches win over typos; among typos the smallest distance, then the
 * lowest index. An empty (after normalisation) given is always wrong. When
 * wrong, which is the nearest answer (for showing the difference). opts may
 * be NULL (accents significant, typos tolerated). n == 0: wrong, which 0.
 */
void qd_match_typed(const char *given, const char *const *answers, size_t n,
                    const struct qd_match_opts *opts, struct qd_match_result *res);

/*
 * Appends expected (sanitised, one line) with the grapheme clusters that
 * given got wrong or left out marked: bold red underlined with color, in
 * square brackets without ("rec[ei]ve" for given "recieve"). Clusters are
 * compared case-insensitively (case folding and NFC); characters given has
 * in excess are not shown (expected is what the learner should learn).
 * Returns the number of clusters marked.
 */
size_t qd_match_diff(struct qd_buf *out, const char *given, const char *expected, bool color);

/*
 * Appends the answer to learn from after grading given against
 * answers[0..n) (res from qd_match_typed() on the same arguments), with the
 * difference marked as by qd_match_diff():
 *   - right (no typo): answers[res->which], the answer matched, unmarked;
 *   - a typo: answers[res->which], the alternative actually matched, with
 *     the clusters given missed marked;
 *   - wrong: the nearest answer, answers[res->which], marked, all of it
 *     when more than half of its clusters would be ("[Mozilla]" for
 *     "Google", not "[M]o[zil]l[a]");
 *   - given blank: answers[0], all of it marked (nothing was typed).
 * Appends nothing when n == 0. Returns the number of clusters marked.
 */
size_t qd_match_mark(struct qd_buf *out, const char *given, const char *const *answers, size_t n,
                     const struct qd_match_result *res, bool color);

/*
 * Parses a choice answer. choices[0..n_choices) are in the order shown,
 * labelled 1, 2, 3... and a, b, c... (letters only when n_choices <= 26,
 * either case). Accepted, surrounding whitespace ignored:
 *   - labels: "2", "b", "B", "2)", "b." (one trailing ')' or '.' allowed);
 *   - multi only: several labels separated by spaces, ',' or ';' ("1 3",
 *     "1,3", "a, c") or run together as letters ("ac"); digits always
 *     form one number ("13" is choice 13, never 1 and 3); repeats count once;
 *   - the text of a choice typed in full, compared after normalisation
 *     (opts->ignore_accents applies, no typo tolerance); with multi, several
 *     texts separated by ',' or ';'. Labels are tried first, so with
 *     choices "2", "1" the input "1" is the first choice, labelled 1.
 * On success sets chosen[i] (n_choices entries, all written) and returns the
 * number chosen (1 for single). On failure returns -1 with err (status
 * QD_EXIT_USAGE) saying why, e.g. "'5' is not a choice: answer 1-4 or a-d",
 * "choose one answer", "no answer given".
 */
int qd_match_choice_parse(const char *input, const char *const *choices, size_t n_choices,
                          bool multi, const struct qd_match_opts *opts, bool *chosen,
                          struct qd_err *err);

/* t, f, y, n, true, false, yes, no (any case, surrounding whitespace
 * ignored) -> 0 with *out set; else -1 with err "'x' is not an answer:
 * type t(rue) or f(alse)". */
int qd_match_truefalse_parse(const char *input, bool *out, struct qd_err *err);

/* A rating: empty or blank input -> suggestion; "1"-"4"; again, hard, good,
 * easy or any prefix of them ("a", "ag", "h", "g", "e"), any case. Returns
 * 0 with *out set, or -1 with err. */
int qd_match_rating_parse(const char *input, enum qd_rating suggestion, enum qd_rating *out,
                          struct qd_err *err);

/*
 * The rating suggested after an auto-graded answer, a pure function.
 * expected_len is the length in code points of what the learner had to type
 * (0 for choice and true/false cards); it buys 300 ms per code point of
 * typing time. With allowance = 300 ms * expected_len:
 *   wrong                                     -> Again
 *   duration_ms < 0 (unknown)                 -> Good (Hard after a typo)
 *   duration_ms > 20 s + 2 * allowance        -> Hard (slow)
 *   typo                                      -> Good (never Easy)
 *   duration_ms <= 5 s + allowance            -> Easy (fast)
 *   otherwise                                 -> Good
 */
enum qd_rating qd_match_suggest(bool correct, bool typo, int64_t duration_ms, size_t expected_len);

#define QD_SUGGEST_FAST_MS 5000
#define QD_SUGGEST_SLOW_MS 20000
#define QD_SUGGEST_PER_CHAR_MS 300

/*
 * Cloze rendering. text is the card's text; blanks[0..n) its markers in
 * order (non-overlapping spans inside text; bad spans are skipped and
 * their text shown as is). Text outside the markers is sanitised and its
 * inline markup rendered piece by piece (quizdeck/markup.h: a span does
 * not cross a blank), as is each answer shown in a blank.
 *
 * qd_match_cloze_prompt: blanks before `current` filled with answers[0]
 * (green with color), blank `current` shown as "[...]" (bold cyan), later
 * blanks as "[_]" (dim).
 *
 * qd_match_cloze_reveal: every blank filled with answers[0]; with color bold
 * green, or red where correct[i] is false (correct may be NULL); without
 * color each answer in square brackets: "without [garbage collection]".
 */
void qd_match_cloze_prompt(struct qd_buf *out, const char *text,
                           const struct qd_cloze_blank *blanks, size_t n, size_t current,
                           bool color);
void qd_match_cloze_reveal(struct qd_buf *out, const char *text,
                           const struct qd_cloze_blank *blanks, size_t n, const bool *correct,
                           bool color);

#endif

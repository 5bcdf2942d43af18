/*
 * The deck model: an immutable, validated deck loaded from YAML.
 *
 * Cards are plain read-only structs (every string is valid UTF-8 with no
 * control characters other than newline and tab, NUL-terminated); the deck
 * that owns them is opaque. All strings and arrays belong to the deck and
 * live until qd_deck_free().
 */
#ifndef QUIZDECK_DECK_H
#define QUIZDECK_DECK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/err.h"
#include "quizdeck/limits.h"

enum qd_card_type {
	QD_CARD_BASIC,
	QD_CARD_TYPED,
	QD_CARD_CHOICE,
	QD_CARD_MULTI,
	QD_CARD_TRUEFALSE,
	QD_CARD_CLOZE,
};

/* Where a value starts in the deck's file, 1-based (0 when absent). */
struct qd_mark {
	int line, col;
};

/* One {{...}} marker of a cloze text. */
struct qd_cloze_blank {
	size_t start, len;      /* byte span of the whole marker in card->text */
	const char *const *answers; /* answers[0] is the blank's text, then the alternatives */
	size_t n_answers;
};

/* 192 bytes, a deck may hold a million: pointers first, then 32-bit counts
 * (no list is longer than a file of QD_YAML_MAX_BYTES has values), then the
 * small fields. */
struct qd_card {
	const char *id;
	const char *q;        /* question; for cloze, an optional lead-in (may be NULL) */
	const char *a;        /* basic, typed, choice: the answer; else NULL */
	const char *const *accept;  /* typed: more correct answers */
	const char *const *choices; /* choice, multi */
	const char *const *answers; /* multi: the correct choices */
	const char *text;     /* cloze: the text with its markers; else NULL */
	const struct qd_cloze_blank *blanks;
	const char *explain;  /* may be NULL */
	const char *hint;     /* may be NULL */
	const char *const *tags;
	const char *group;    /* cards of one group are siblings (one fact, one
	                         sentence): never shown on the same day, never
	                         two in one quiz. NULL: the card stands alone */
	const char *const *nowarn; /* card smells not to report (quizdeck/lint.h names) */
	/* Where its values start, for diagnostics about them. choice_at and
	 * answer_at are parallel to choices and answers (NULL when absent). */
	const struct qd_mark *choice_at, *answer_at;
	uint32_t n_accept, n_choices, n_answers, n_blanks, n_tags, n_nowarn;
	int line, col;        /* where the card starts in its file, 1-based */
	struct qd_mark q_at, a_at, text_at, choices_at;
	enum qd_card_type type;
	bool truth;           /* truefalse: the answer */
	signed char reverse;  /* basic: the card's `reverse` (1 true, 0 false),
	                         -1 when not given (the deck's decides) */
};

struct qd_deck;

/* The limits a deck must respect (QD_DECK_MAX_CARDS, _TEXT, _ID: checked,
 * reported as errors) are in quizdeck/limits.h. */

/* Loads and validates a deck. Every problem found goes to diags (which the
 * caller initialised with the file's display name); warnings do not stop a
 * load. Returns 0 with *out set, or -1 with err set: QD_EXIT_NOINPUT if the
 * file cannot be read, QD_EXIT_DATAERR if diags holds errors. */
int qd_deck_load_file(const char *path, struct qd_deck **out, struct qd_diags *diags,
                      struct qd_err *err);
/* The same from memory; name is used in messages and as the deck's path. */
int qd_deck_load_mem(const char *name, const char *data, size_t len, struct qd_deck **out,
                     struct qd_diags *diags, struct qd_err *err);
/* The same from a node of a YAML tree already parsed (quizdeck/yamldoc.h;
 * borrowed): a deck embedded in another file, such as a quiz file. Its
 * diagnostics carry the node's positions in that file. A node holding a
 * part the parser reported as an error (an alias, a control character)
 * does not load either: that error is already in diags. */
struct qd_ynode;
int qd_deck_load_node(const char *name, const struct qd_ynode *node, struct qd_deck **out,
                      struct qd_diags *diags, struct qd_err *err);
/* The id the deck file at path has if it loads, read without loading it:
 * only up to its top-level 'deck' value (quizdeck/yamldoc.h,
 * qd_ydoc_peek_key()), taken as the loader takes it. Returns 1 with *id
 * (caller frees) or 0 when that cannot be told without loading the file
 * (then *id is NULL). The promise: if qd_deck_load_file() loads the file,
 * its deck's id is *id; a file that does not load may have any *id. */
int qd_deck_peek_id(const char *path, char **id);
/* The same for a deck held in data[0..len), against qd_deck_load_mem(). */
int qd_deck_peek_id_mem(const char *data, size_t len, char **id);
void qd_deck_free(struct qd_deck *deck);

const char *qd_deck_id(const struct qd_deck *deck);
const char *qd_deck_title(const struct qd_deck *deck);
const char *qd_deck_description(const struct qd_deck *deck); /* may be NULL */
const char *qd_deck_source(const struct qd_deck *deck);      /* may be NULL */
const char *qd_deck_path(const struct qd_deck *deck);        /* file name it came from */
bool qd_deck_allows_reverse(const struct qd_deck *deck);     /* `reverse: true` */
bool qd_deck_ignores_accents(const struct qd_deck *deck);    /* `accents: ignore` */
/* The deck's own `tags`, *n of them (a card's tags do not include them). */
const char *const *qd_deck_tags(const struct qd_deck *deck, size_t *n);
size_t qd_deck_card_count(const struct qd_deck *deck);
const struct qd_card *qd_deck_card(const struct qd_deck *deck, size_t i);
const struct qd_card *qd_deck_find(const struct qd_deck *deck, const char *card_id);

/*
 * Reversed cards. A basic card whose answer is a term or a name can also be
 * asked answer-first, as a card of its own with its own schedule: its id in
 * the review log and in `cards --json` is the card's id followed by
 * QD_REVERSE_SUFFIX ("ownership@rev"), which no slug can end with.
 */
#define QD_REVERSE_SUFFIX "@rev"
#define QD_REVERSE_MAX_WORDS 6
/* Whether an answer is short enough to be asked as a question: one line of
 * at most QD_REVERSE_MAX_WORDS words that is not a sentence (no '.', '!',
 * '?' or ';' followed by a space inside it, and, from three words on, no
 * '.', '!' or '?' at its end). "Graydon Hoare", "Exactly one." and "Rust
 * 1.0" are; "It was created at Mozilla." is not. */
bool qd_answer_is_term(const char *a);
/* Whether the card has a reversed twin: a basic card with a term for its
 * answer, whose own `reverse` is true, or is not given and its deck's is. */
bool qd_card_has_reverse(const struct qd_deck *deck, const struct qd_card *card);

const char *qd_card_type_name(enum qd_card_type t); /* "basic", "typed", ... */
/* Parses a type name ("basic"...); returns 0, or -1 if unknown. */
int qd_card_type_parse(const char *name, enum qd_card_type *out);

/* True if s is a slug: [a-z0-9][a-z0-9-]*, at most QD_DECK_MAX_ID bytes. */
bool qd_slug_valid(const char *s, size_t len);

#endif

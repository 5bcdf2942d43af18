/*
 * Card smells: what makes a valid card a poor one to learn from, found the
 * way a compiler finds suspicious code. `quizdeck check` reports each as a
 * warning with a stable name (`-Wanswer-length`), the generator never
 * writes a card with one, and a deck may silence one per card with
 * `nowarn: [NAME]`. The rules follow the minimum-information principle: one
 * fact a card, a short answer, no set to recall whole, nothing in the
 * question that gives the answer away, distractors of the answer's kind.
 * docs/deck-format.md ("Card smells") documents every one with examples.
 *
 * Pure code over a loaded deck: no I/O.
 */
#ifndef QUIZDECK_LINT_H
#define QUIZDECK_LINT_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/deck.h"
#include "quizdeck/err.h"

enum qd_lint_id {
	QD_LINT_ANSWER_LENGTH,      /* answer too long for its type */
	QD_LINT_ANSWER_ENUMERATION, /* a basic or typed answer that is a list to recall whole */
	QD_LINT_ANSWER_IN_QUESTION, /* the answer, or a name or number of it, is shown */
	QD_LINT_TF_QUESTION,        /* a true/false card phrased as a question */
	QD_LINT_CHOICE_KIND,        /* a distractor of another kind than the answer */
	QD_LINT_DISTRACTOR_ACCEPTED, /* a distractor that is a form of the answer */
	QD_LINT_MULTI_FEW_FALSE,    /* a multi card with too few false options */
	QD_LINT_CLOZE_ENUMERATION,  /* more than two blanks in one enumeration */
	QD_LINT_DUPLICATE_QUESTION, /* the same question asked by two cards */
	QD_LINT_COUNT
};

/* Word limits of answer-length. */
#define QD_LINT_MAX_BASIC_WORDS 20
#define QD_LINT_MAX_TYPED_WORDS 6  /* typed answers and cloze blanks */
#define QD_LINT_MAX_CHOICE_WORDS 15

/* "answer-length", ... */
const char *qd_lint_name(enum qd_lint_id id);
/* Parses a name; returns 0, or -1 if there is no such smell. */
int qd_lint_parse(const char *name, enum qd_lint_id *out);

struct qd_lint_opts {
	bool off[QD_LINT_COUNT]; /* -Wno-NAME */
};

/* Called once per smell found: the card, the smell, where (1-based) and a
 * message without the card prefix or the flag. */
typedef void (*qd_lint_report_fn)(void *data, const struct qd_card *card, enum qd_lint_id id,
                                  int line, int col, const char *msg);

/* Looks for every smell in every card of deck, skipping those opts turns
 * off and those a card's `nowarn` lists. opts may be NULL. Returns how many
 * were reported. */
size_t qd_lint_deck(const struct qd_deck *deck, const struct qd_lint_opts *opts,
                    qd_lint_report_fn report, void *data);

/* Whether answer is an enumeration to recall whole ("A, B, C and D", the
 * inner items short, little else): the number of items, or 0. The rule of
 * answer-enumeration, shared with the generator. */
size_t qd_lint_list_items(const char *answer);

/* Whether text shows answer: the whole answer, or (unless whole_only) one
 * of its distinctive words (capitalised, or holding a digit). The rule of
 * answer-in-question, shared with the generator. */
bool qd_lint_shows(const char *text, const char *answer, bool whole_only);

/* The same, each smell added to diags as a warning
 * "card 'ID': MESSAGE" flagged with its name; also warns about names in a
 * card's `nowarn` that are no smell. */
size_t qd_lint_deck_diags(const struct qd_deck *deck, const struct qd_lint_opts *opts,
                          struct qd_diags *diags);

#endif

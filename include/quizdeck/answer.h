/*
 * What a card accepts and what it offers: the answer of a fact as a card
 * asks it, the forms of that answer a person would type ("Hipp" for "D.
 * Richard Hipp", "18" and "eighteen grams" for "18 grams"), and wrong
 * choices of its kind that the article makes false.
 */
#ifndef QUIZDECK_ANSWER_H
#define QUIZDECK_ANSWER_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/facts.h"
#include "quizdeck/strv.h"

/* Where the answer of fact f ends in its sentence: with its unit ("9
 * bars", "95 percent") when with_unit and it is a figure with one, else
 * the fact's own end. */
size_t qd_answer_end(const struct qd_fact *f, bool with_unit);
/* The answer's text, to qd_answer_end (caller frees). */
char *qd_answer_text(const struct qd_fsent *fs, const struct qd_fact *f, bool with_unit);

/* Appends to out the other forms of answer (a fact of fs) people type:
 * a person's name without initials and the surname, a nickname's form,
 * the abbreviation or long form, a figure with and without its unit, in
 * digits and in words, without separators, "95 percent" and "95%", a
 * date's other orders. Never answer itself, never a duplicate (ASCII
 * case-blind), never a form with '{', '}' or '|'. */
void qd_answer_forms(const struct qd_fsent *fs, const struct qd_fact *f, const char *answer,
                     struct qd_strv *out);
/* Appends form to v unless it is answer, already there, or unusable. */
void qd_answer_add_form(struct qd_strv *v, const char *answer, const char *form);

/* Four choices for a figure or year fact, sorted by value: its answer and
 * three wrong values of its unit and scale, written like it. Returns false
 * (out untouched) when three cannot be made. */
bool qd_answer_figures(const struct qd_facts *facts, const struct qd_fsent *fs,
                       const struct qd_fact *f, struct qd_strv *out);
/* Four choices for a name fact of unit u, sorted: the name and three of
 * its class that u never mentions. Returns false (out empty) otherwise. */
bool qd_answer_names(const struct qd_facts *facts, const struct qd_unit *u,
                     const struct qd_fsent *fs, const struct qd_fact *f, struct qd_strv *out);

#endif

/*
 * Asking one card: showing its question, reading the answer at the prompt,
 * grading it, and revealing the right answer. Shared by study sessions and
 * timed quizzes, so both grade identically.
 */
#ifndef QUIZDECK_ASK_H
#define QUIZDECK_ASK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "quizdeck/deck.h"
#include "quizdeck/prompt.h"

struct qd_ask {
	FILE *out;
	bool color;
	int width;                /* columns to wrap to */
	struct qd_prompt *prompt;
	bool ignore_accents;      /* the deck's `accents: ignore` */
	bool reverse;             /* basic cards: show the answer, ask the question */
	bool allow_hint;          /* ":hint" is answered here */
	bool *hinted;             /* set to true when a hint is shown (NULL: not told) */
	uint64_t seed;            /* choice order for this showing */
	int64_t deadline_ms;      /* qd_prompt_clock_ms() deadline; 0 for none */
	bool countdown;           /* draw the time left in the prompt */
	const char *const *commands; /* ":help", ... offered by Tab */
	/* Commands answered in place: called with each line that starts with
	 * ':' (but ":hint"); returns true when it handled the line and the same
	 * prompt is to be shown again (a cloze keeps its filled blanks, the
	 * answer time keeps running), false to hand the line back as
	 * QD_ASK_COMMAND. NULL: every command is handed back. */
	bool (*command_fn)(void *data, const char *line);
	void *command_data;
};

enum qd_ask_status {
	QD_ASK_ANSWERED,  /* result graded (or self-graded for basic cards) */
	QD_ASK_COMMAND,   /* result.command holds a line starting with ':' */
	QD_ASK_TIMEOUT,   /* the deadline passed; given: a cloze's blanks entered in time */
	QD_ASK_EOF,       /* Ctrl-D or end of input */
	QD_ASK_INTERRUPT, /* Ctrl-C */
	QD_ASK_ERROR,     /* the input could not be read */
};

struct qd_ask_result {
	enum qd_ask_status status;
	bool graded;        /* false for basic cards: the learner grades */
	bool correct, typo;
	size_t expected_len; /* code points the learner had to type (for suggestions) */
	char *given;        /* the answer as typed (owned; "" if none) */
	char *command;      /* QD_ASK_COMMAND: the command line (owned) */
	int64_t duration_ms;
	bool *blank_ok;     /* cloze: per blank (owned) */
	size_t blank;       /* cloze: the blank being asked (the last asked, after) */
	bool *chosen;       /* choice/multi: per original choice index (owned) */
	size_t *order;      /* choice/multi: shown position -> original index (owned) */
	size_t which;       /* typed: the answer matched (0 `a`, 1.. `accept`), or the
	                     * nearest when wrong */
	struct qd_ask_blank *blanks; /* cloze: per blank (owned), n_blanks of them */
	size_t n_blanks;
};

/* How one cloze blank was answered, for the per-blank verdict. */
struct qd_ask_blank {
	bool answered;      /* a line was read for it (false after a timeout) */
	bool ok, typo;      /* as qd_match_typed() graded it */
	size_t which;       /* the alternative matched, or the nearest when wrong */
	char *given;        /* as typed (owned) */
};

void qd_ask_result_release(struct qd_ask_result *r);

/* Prints the question (with choices, shuffled by a->seed) and reads the
 * answer. Invalid input (a choice out of range, "maybe" at a true/false
 * prompt) is explained and asked again. Returns the outcome in res. */
void qd_ask_card(const struct qd_ask *a, const struct qd_card *card, struct qd_ask_result *res);

/* Prints the question again as qd_ask_card() showed it, at a->width (the
 * window was resized): the question, the choices in the order of
 * res->order, a cloze with the blank res->blank to fill. */
void qd_ask_show_question(const struct qd_ask *a, const struct qd_card *card,
                          const struct qd_ask_result *res);

/* Prints the verdict, the correct answer (with the difference marked for
 * a near miss, against the alternative matched) and the explanation. A
 * graded cloze gets a verdict per blank: right, a typo or wrong, the
 * blank's answer with the characters missed marked, and what was typed.
 * Marks are red and underlined with a->color, in [brackets] without. */
void qd_ask_reveal(const struct qd_ask *a, const struct qd_card *card,
                   const struct qd_ask_result *res);

/* Whether a card type can be graded without the learner (all but basic). */
bool qd_ask_auto_gradable(const struct qd_card *card);

/* What grading a recorded answer found. */
enum qd_ask_grade {
	QD_GRADE_WRONG,
	QD_GRADE_RIGHT,
	QD_GRADE_UNKNOWN,    /* cannot tell: a basic card (the learner graded it),
	                      * or a choice text that reads two ways */
	QD_GRADE_UNREADABLE, /* not an answer a quiz records for this card */
};

/* Grades an answer as a quiz records it (docs/quiz.md, "Recording"), with
 * the rules qd_ask_card() grades by: typed answers as typed; cloze answers
 * as the blanks typed, joined by " | " (a different number of blanks is
 * unreadable); choice and multi answers as the text of the chosen choices
 * joined by ", " in the deck's order (blank: nothing chosen, wrong);
 * true/false as "true" or "false" (blank: wrong). */
enum qd_ask_grade qd_ask_grade_recorded(const struct qd_card *card, const char *given,
                                        bool ignore_accents);

/* The correct answer as one line of plain text ("Paris", "Bevy, Amethyst",
 * "true"), for summaries and results. Appends to b. */
struct qd_buf;
void qd_ask_answer_text(struct qd_buf *b, const struct qd_card *card);

#endif

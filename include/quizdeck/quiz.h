/*
 * Timed quizzes: a fixed set of questions drawn with a seed, each asked at
 * the prompt with a live countdown, scored (optionally with a speed bonus),
 * recorded in the review log as one quiz result, and summed up on an end
 * screen. docs/quiz.md describes the behaviour for users.
 *
 * The pure parts (drawing, scoring) are separate functions so they can be
 * tested without a terminal; qd_quiz_run() ties them to the prompt and the
 * log. Like the study session, the quiz owns no files: the caller loads
 * the collection, opens the log and creates the prompt.
 */
#ifndef QUIZDECK_QUIZ_H
#define QUIZDECK_QUIZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/collection.h"
#include "quizdeck/ctx.h"
#include "quizdeck/prompt.h"
#include "quizdeck/revlog.h"

/* One drawn question. Pointers are borrowed from the collection. */
struct qd_quiz_question {
	const struct qd_deck *deck;
	const struct qd_card *card;
	uint64_t choice_seed; /* order of the choices: qd_seed_mix(seed, "DECK/CARD") */
};

struct qd_quiz_draw_opts {
	uint64_t seed;
	size_t count;            /* questions wanted */
	const char *const *tags; /* only cards with one of these tags; NULL: all */
	int n_tags;
	bool self_grade;         /* also basic cards (the learner grades them) */
	unsigned types;          /* only these card types: bit (1u << enum qd_card_type)
	                            each; 0: every type */
};

/*
 * Draws up to o->count questions from cards[0..n). Candidates are the cards
 * that match the tags and the types and are auto-gradable (basic cards too
 * with self_grade), sorted by (deck id, card id) so the draw depends neither on
 * the order of the DECK arguments nor on the order of cards in a file; they
 * are shuffled with a qd_rng seeded qd_seed_mix(seed, "quiz") and the first
 * count are taken. The same seed and the same decks therefore give the same
 * questions, in the same order, with the same choice order, on any machine
 * (this is part of quizdeck's contract, like quizdeck/rng.h).
 * Returns the number drawn (fewer than count when there are fewer
 * candidates); *out is malloc'd (caller frees; NULL when 0).
 */
size_t qd_quiz_draw(const struct qd_collection_card *cards, size_t n,
                    const struct qd_quiz_draw_opts *o, struct qd_quiz_question **out);

/*
 * Points for one question: 0 when wrong; 1 when correct without the speed
 * bonus; with it (Kahoot-style), 1 - 0.5 * time_ms / limit_ms, so a full
 * point for an instant answer falling linearly to half a point at the
 * limit (and never below half). limit_ms <= 0 disables the bonus. Rounded
 * to 3 decimals, the precision of the log.
 */
double qd_quiz_points(bool correct, int64_t time_ms, int64_t limit_ms, bool speed_bonus);

/* The limit the speed bonus scales to: the per-question limit when given,
 * else the total limit's share per question (total_ms / n_questions), else
 * 0 (no bonus possible). */
int64_t qd_quiz_bonus_limit(int64_t per_question_ms, int64_t total_ms, size_t n_questions);

struct qd_quiz_opts {
	struct qd_quiz_draw_opts draw;
	int64_t total_ms;        /* --time; 0: none */
	int64_t per_question_ms; /* --per-question; 0: none */
	bool speed_bonus;
	bool record_reviews;     /* also append a review (mode quiz) per answer */
	bool countdown;          /* draw the countdown (a capable terminal) */
	const char *name;        /* recorded learner name (may be "") */
	/* How the header says where the quiz comes from: a quiz file (its
	 * path, and its title and class, each NULL when absent), or the
	 * command line that reproduces a quiz run from options. NULL: none. */
	const char *quiz_file, *title, *class_name;
	const char *reproduce;
};

/*
 * Runs a quiz over col: prints the seed (and where the quiz comes from),
 * asks the drawn questions, records the result with its fingerprint
 * (quizdeck/fingerprint.h) in log (question lines for the questions asked;
 * max score is the number drawn) and, with record_reviews, one review per question
 * answered or timed out, then prints the end screen. Ctrl-C and Ctrl-D end
 * the quiz early: the question on screen and the rest are not asked, and
 * the result is recorded if at least one question was answered or timed
 * out. Returns 0, QD_EXIT_FAIL when no card matches, or QD_EXIT_IOERR (the
 * message on ctx->err) when the result, or the reviews after it, could not be
 * saved.
 */
int qd_quiz_run(struct qd_ctx *ctx, const struct qd_quiz_opts *opts, struct qd_collection *col,
                struct qd_revlog *log, struct qd_prompt *prompt);

#endif

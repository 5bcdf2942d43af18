/*
 * Quiz results for teachers: the quiz results of one or more review logs
 * (a learner's own, or files collected from a class) merged into one row
 * per learner and quiz, plus a summary per question, written as an aligned
 * table, CSV (RFC 4180) or JSON (docs/quiz.md describes the formats).
 *
 * Logs from students are untrusted: names and answers may hold any text,
 * and every writer sanitises (plain) or quotes (CSV, JSON) them. A result
 * that appears twice (a student who sent the same log twice, or a log
 * and its copy) is counted once: results are identified by quiz id and
 * name.
 */
#ifndef QUIZDECK_RESULTS_H
#define QUIZDECK_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/buf.h"
#include "quizdeck/revlog.h"
#include "quizdeck/strset.h"

/* One question of a result (strings owned by the results). */
struct qd_result_answer {
	char *deck, *card;
	enum qd_quiz_outcome outcome;
	int64_t time_ms;
	double points;
	char *given;
};

/* One learner's result of one quiz. */
struct qd_result_row {
	char *name, *quiz_id;
	char **decks;
	size_t n_decks;
	uint64_t seed;
	int64_t started_ms, time_ms, time_used_ms;
	double score, max_score;
	size_t correct;           /* questions answered correctly */
	struct qd_result_answer *answers; /* in the order asked */
	size_t n_answers;
};

struct qd_wrong_answer {
	char *answer;  /* as given (trimmed) */
	size_t count;
};

/* The summary of one question (deck/card) over all rows. */
struct qd_result_question {
	char *deck, *card;
	size_t asked, correct, wrong, timed_out;
	int64_t median_ms;  /* of the answered (not timed-out) askings; -1 if none */
	struct qd_wrong_answer *wrong_answers; /* most common first (ties by text), at most 3 */
	size_t n_wrong_answers;
	/* private: collected until qd_results_finish() */
	int64_t *times;
	size_t n_times, cap_times;
	struct qd_wrong_answer *all_wrong;
	size_t n_all_wrong, cap_all_wrong;
	struct qd_strset wrong_index; /* answer -> index in all_wrong */
};

struct qd_results {
	struct qd_result_row *rows;
	size_t n_rows, cap_rows;
	struct qd_result_question *questions; /* filled by qd_results_finish() */
	size_t n_questions, cap_questions;
	size_t duplicates;  /* results skipped as already present */
	/* private: hash indexes, so that merging a large class stays linear */
	struct qd_strset row_keys;      /* quiz id NUL name, of every row */
	struct qd_strset question_keys; /* deck NUL card -> index in questions */
};

/* Which results to keep: NULL fields match everything. */
struct qd_results_filter {
	const char *deck; /* results that drew questions from this deck id; their
	                   * per-question summary is limited to that deck */
	const char *name; /* results of this learner (exact, ASCII case-insensitive) */
};

void qd_results_init(struct qd_results *r);
void qd_results_release(struct qd_results *r);

/* Adds the quiz results of one loaded log that pass the filter (f may be
 * NULL), copying what it needs (log may be released afterwards). A result
 * whose (quiz id, name) is already present is skipped and counted in
 * r->duplicates. Returns the number added. */
size_t qd_results_add(struct qd_results *r, const struct qd_logdata *log,
                      const struct qd_results_filter *f);

/* Sorts the rows (by start time, then name, then quiz id) and computes the
 * per-question summaries (sorted by deck id, then card id), limited to
 * f->deck when given. Call once, after the last qd_results_add(). */
void qd_results_finish(struct qd_results *r, const struct qd_results_filter *f);

/* The median of v[0..n) (sorted in place), the mean of the two middle
 * values (rounded down) for an even n; -1 for n == 0. */
int64_t qd_median_ms(int64_t *v, size_t n);

/* Writers; append to out. */
void qd_results_write_plain(struct qd_buf *out, const struct qd_results *r);
/* The rows, or with questions the per-question summary, as CSV with a
 * header line; CRLF line ends are not used (LF), fields quoted as RFC 4180
 * says (when they hold a comma, a quote, CR or LF; quotes doubled). */
void qd_results_write_csv(struct qd_buf *out, const struct qd_results *r, bool questions);
/* {"results": [...], "questions": [...]} with a trailing newline. */
void qd_results_write_json(struct qd_buf *out, const struct qd_results *r);

#endif

/*
 * Quiz results for teachers: the quiz results of one or more review logs
 * (a learner's own, or files collected from a class) merged into one row
 * per learner and quiz, plus a summary per question, written as an aligned
 * table, CSV (RFC 4180) or JSON (docs/quiz.md describes the formats).
 *
 * Logs from students are untrusted: names and answers may hold any text,
 * and every writer escapes their control characters and escape sequences
 * (plain and CSV in caret notation, JSON as \u escapes); CSV cells that a
 * spreadsheet would run as a formula are neutralised. A result that
 * appears twice (a student who sent the same log twice, or a log and its
 * copy) is counted once: results are identified by quiz id and name.
 *
 * Nor is a stored score believed: qd_results_check() grades every recorded
 * answer again against the deck (qd_ask_grade_recorded(), the rules the
 * quiz grades by) and recomputes the points (qd_quiz_points()), and a
 * result that disagrees is inconsistent, left out of the class figures.
 */
#ifndef QUIZDECK_RESULTS_H
#define QUIZDECK_RESULTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/ask.h"
#include "quizdeck/buf.h"
#include "quizdeck/deck.h"
#include "quizdeck/revlog.h"
#include "quizdeck/strset.h"

/* One question of a result (strings owned by the results). */
struct qd_result_answer {
	char *deck, *card;
	enum qd_quiz_outcome outcome;
	int64_t time_ms;
	double points;
	char *given;
	/* Filled by qd_results_check(): */
	const struct qd_card *qcard; /* borrowed from the decks checked against; NULL
	                              * when not checked or not in its deck */
	enum qd_ask_grade grade;    /* the given answer graded again (QD_GRADE_UNKNOWN
	                             * for a timeout or when not checked) */
};

/* What checking a result against its decks found. */
enum qd_result_check {
	QD_RESULT_CONSISTENT = 0, /* recomputed from the answers and the deck: it agrees */
	QD_RESULT_UNCHECKED,      /* a deck could not be found (reasons says which) */
	QD_RESULT_INCONSISTENT,   /* something disagrees (reasons says what) */
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
	size_t n_listed;          /* question lines the result announces */
	char *fingerprint;        /* of the questions asked (quizdeck/fingerprint.h);
	                           * NULL for a result recorded before fingerprints */
	/* Filled by qd_results_check(): */
	enum qd_result_check check;
	char *reasons;            /* why inconsistent or unchecked, "; "-joined (the first
	                           * few, then "and N more"); NULL if none */
	size_t n_reasons;
	double rescored;          /* the score recomputed from the answers */
	bool counted;             /* in the class figures (qd_results_finish()) */
};

struct qd_wrong_answer {
	char *answer;  /* as given (trimmed) */
	size_t count;
};

/* The summary of one question (deck/card) over all rows. */
struct qd_result_question {
	char *deck, *card;
	const struct qd_card *qcard; /* from a checked answer; NULL if none */
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
	/* The class figures, over the counted rows (qd_results_finish()): */
	size_t n_counted, n_inconsistent, n_unchecked;
	double mean_percent; /* of the counted rows; 0 when none */
	char *deck_filter;   /* the filter's deck (qd_results_finish()), or NULL */
	/* The class's quiz (qd_results_check()): the fingerprint most results
	 * carry, or NULL when none does or two tie for the most. */
	char *class_fingerprint;
	/* private: hash indexes, so that merging a large class stays linear */
	struct qd_strset row_keys;      /* quiz id NUL name, of every row */
	struct qd_strset question_keys; /* deck NUL card -> index in questions */
};

/* Which results to keep: NULL fields match everything. */
struct qd_results_filter {
	const char *deck; /* results that drew questions from this deck id; their
	                   * per-question summary is limited to that deck */
	const char *name; /* results of this learner (exact, ASCII case-insensitive) */
	bool include_inconsistent; /* count inconsistent results in the class
	                            * figures and the question summary too */
};

void qd_results_init(struct qd_results *r);
void qd_results_release(struct qd_results *r);

/* Adds the quiz results of one loaded log that pass the filter (f may be
 * NULL), copying what it needs (log may be released afterwards). A result
 * whose (quiz id, name) is already present is skipped and counted in
 * r->duplicates. Returns the number added. */
size_t qd_results_add(struct qd_results *r, const struct qd_logdata *log,
                      const struct qd_results_filter *f);

/* Whether f keeps the quiz result q (a NULL f keeps everything): the one
 * filter of qd_results_add() and qd_results_export(). */
bool qd_results_keeps(const struct qd_results_filter *f, const struct qd_quiz_result *q);

/* Appends to out the quiz results of log that f keeps, as review-log lines
 * (each result's question lines, then its summary), skipping a result
 * whose quiz id and name are already in seen (and adding the others), so
 * that several logs export each result once. out starts with the log's
 * header line (qd_revrec_header()) when empty. This is what a learner
 * hands in (`results --export`): their quiz results without the rest of
 * their study history. Returns the number of results written, or -1 with
 * err when one cannot be encoded (nothing of it is appended). */
long qd_results_export(struct qd_buf *out, const struct qd_logdata *log,
                       const struct qd_results_filter *f, struct qd_strset *seen,
                       struct qd_err *err);

/* Finds a deck by id for qd_results_check(); NULL when there is none. */
typedef const struct qd_deck *qd_results_find_deck(void *data, const char *deck_id);

/*
 * Checks every row against its decks (found with find): each given answer
 * is graded again (qd_ask_grade_recorded()) and its points and the score
 * recomputed (qd_quiz_points(); the speed bonus's limit, which the log does
 * not keep, is the one limit that explains every correct answer's points).
 * A row is inconsistent when the question lines announced and found
 * differ, more questions were asked than the maximum score allows, an
 * answer's outcome or points disagree with the grader or the scoring rule,
 * a card is not in its deck, the score is not the sum of the points, or
 * its fingerprint differs from the class's (r->class_fingerprint: another
 * quiz was taken); unchecked when it is consistent as far as it can tell
 * but a deck was not found. The cards are borrowed: the decks must outlive r's writers.
 */
void qd_results_check(struct qd_results *r, qd_results_find_deck *find, void *data);

/* Sorts the rows (by start time, then name, then quiz id) and computes the
 * class figures and the per-question summaries (sorted by deck id, then
 * card id), limited to f->deck when given, over the rows counted: all but
 * the inconsistent ones, unless f->include_inconsistent. Call once, after
 * the last qd_results_add() (and qd_results_check()). */
void qd_results_finish(struct qd_results *r, const struct qd_results_filter *f);

/* The median of v[0..n) (sorted in place), the mean of the two middle
 * values (rounded down) for an even n; -1 for n == 0. */
int64_t qd_median_ms(int64_t *v, size_t n);

/* Writers; append to out. */
/* The report for people, laid out for width columns: the class figures,
 * one line per learner and quiz (marked when inconsistent or unchecked,
 * with the reasons below), then the questions from hardest to easiest with
 * their text wrapped. Dates in local time (TZ). */
void qd_results_write_plain(struct qd_buf *out, const struct qd_results *r, int width);

enum qd_results_csv {
	QD_RESULTS_CSV_ROWS,      /* one row per learner and quiz */
	QD_RESULTS_CSV_QUESTIONS, /* the per-question summary */
	QD_RESULTS_CSV_GRID,      /* one row per learner and quiz, one column per question */
};
/* CSV with a header line; LF line ends, fields quoted as RFC 4180 says
 * (when they hold a comma, a quote, CR or LF; quotes doubled). Text cells
 * are escaped (controls in caret notation, invalid UTF-8 as U+FFFD) and a
 * text cell that starts with '=', '+', '-', '@', TAB or CR gets a "'" in
 * front and is quoted, so a spreadsheet shows it instead of running it. */
void qd_results_write_csv(struct qd_buf *out, const struct qd_results *r,
                          enum qd_results_csv what);

/* {"results": [...], "questions": [...]} with a trailing newline. */
void qd_results_write_json(struct qd_buf *out, const struct qd_results *r);

#endif

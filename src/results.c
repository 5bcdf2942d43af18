/*
 * Quiz results for teachers; see quizdeck/results.h and docs/quiz.md.
 *
 * Everything is copied out of the loaded logs, so a teacher's command can
 * load one student file at a time. Rows are deduplicated by (quiz id,
 * name), questions found by (deck, card) and wrong answers counted through
 * hash maps (quizdeck/strset.h), and medians sorted with qsort, so that
 * merging tens of thousands of results stays fast. Per-question data (answer
 * times, wrong answers) is collected while adding and summarised once in
 * qd_results_finish().
 *
 * Whole percentages round half up (lround), as the quiz's end screen does,
 * so a learner and the teacher see the same number.
 *
 * Checking (qd_results_check()) owns no rule of its own: answers are
 * graded by qd_ask_grade_recorded() (src/ask.c, the quiz's grader) and
 * points computed by qd_quiz_points() (src/quiz.c). The speed bonus's
 * limit is not in the log, so it is found by bisection over the scoring
 * rule itself: the range of limits that give each right answer its points,
 * intersected over the quiz. Each reason a result disagrees is one flag()
 * call.
 *
 * Output: names and answers come from students' files. The plain report
 * sanitises every cell and cuts or wraps it by display width; CSV shows
 * controls in caret notation as the plain report does and neutralises
 * cells a spreadsheet would run as formulas; JSON keeps the text but
 * escapes every control and replaces invalid UTF-8 with U+FFFD, so the
 * output stays valid for the programs that read it.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "quizdeck/match.h"
#include "quizdeck/qtime.h"
#include "quizdeck/quiz.h"
#include "quizdeck/results.h"
#include "quizdeck/text.h"

void qd_results_init(struct qd_results *r)
{
	memset(r, 0, sizeof(*r));
}

static void free_wrong(struct qd_wrong_answer *w, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(w[i].answer);
	free(w);
}

void qd_results_release(struct qd_results *r)
{
	for (size_t i = 0; i < r->n_rows; i++) {
		struct qd_result_row *row = &r->rows[i];
		free(row->name);
		free(row->quiz_id);
		for (size_t k = 0; k < row->n_decks; k++)
			free(row->decks[k]);
		free(row->decks);
		for (size_t k = 0; k < row->n_answers; k++) {
			free(row->answers[k].deck);
			free(row->answers[k].card);
			free(row->answers[k].given);
		}
		free(row->answers);
		free(row->reasons);
		free(row->fingerprint);
	}
	free(r->rows);
	free(r->class_fingerprint);
	for (size_t i = 0; i < r->n_questions; i++) {
		struct qd_result_question *q = &r->questions[i];
		free(q->deck);
		free(q->card);
		free_wrong(q->wrong_answers, q->n_wrong_answers);
		free_wrong(q->all_wrong, q->n_all_wrong);
		qd_strset_release(&q->wrong_index);
		free(q->times);
	}
	free(r->questions);
	free(r->deck_filter);
	qd_strset_release(&r->row_keys);
	qd_strset_release(&r->question_keys);
	memset(r, 0, sizeof(*r));
}

static bool has_deck(const struct qd_quiz_result *q, const char *deck)
{
	for (size_t i = 0; i < q->n_decks; i++)
		if (strcmp(q->decks[i], deck) == 0)
			return true;
	return false;
}

/* "A" NUL "B": one key for a pair of strings (neither holds a NUL). */
static void pair_key(struct qd_buf *key, const char *a, const char *b)
{
	qd_buf_reset(key);
	qd_buf_add(key, a, strlen(a) + 1);
	qd_buf_adds(key, b);
}

bool qd_results_keeps(const struct qd_results_filter *f, const struct qd_quiz_result *q)
{
	if (f && f->deck && !has_deck(q, f->deck))
		return false;
	return !(f && f->name && strcasecmp(f->name, q->name ? q->name : "") != 0);
}

long qd_results_export(struct qd_buf *out, const struct qd_logdata *log,
                       const struct qd_results_filter *f, struct qd_strset *seen,
                       struct qd_err *err)
{
	struct qd_buf key;
	long n = 0;

	if (out->len == 0)
		qd_buf_adds(out, qd_revrec_header());
	qd_buf_init(&key);
	for (size_t i = 0; i < log->n_quizzes; i++) {
		const struct qd_quiz_result *q = &log->quizzes[i];
		size_t before = out->len;

		if (!qd_results_keeps(f, q))
			continue;
		pair_key(&key, q->id, q->name ? q->name : "");
		if (!qd_strset_put_n(seen, key.data, key.len, 0, NULL))
			continue;
		if (qd_revrec_encode_quiz(out, q, err)) {
			out->len = before;
			out->data[before] = '\0';
			qd_buf_release(&key);
			return -1;
		}
		n++;
	}
	qd_buf_release(&key);
	return n;
}

size_t qd_results_add(struct qd_results *r, const struct qd_logdata *log,
                      const struct qd_results_filter *f)
{
	size_t added = 0;
	struct qd_buf key;

	qd_buf_init(&key);
	for (size_t i = 0; i < log->n_quizzes; i++) {
		const struct qd_quiz_result *q = &log->quizzes[i];
		const char *name = q->name ? q->name : "";
		struct qd_result_row *row;

		if (!qd_results_keeps(f, q))
			continue;
		pair_key(&key, q->id, name);
		if (!qd_strset_put_n(&r->row_keys, key.data, key.len, 0, NULL)) {
			r->duplicates++;
			continue;
		}
		if (r->n_rows == r->cap_rows) {
			r->cap_rows = r->cap_rows ? r->cap_rows * 2 : 16;
			r->rows = qd_xrealloc(r->rows, r->cap_rows * sizeof(*r->rows));
		}
		row = &r->rows[r->n_rows++];
		memset(row, 0, sizeof(*row));
		row->name = qd_xstrdup(name);
		row->quiz_id = qd_xstrdup(q->id);
		row->n_decks = q->n_decks;
		row->decks = qd_xcalloc(q->n_decks ? q->n_decks : 1, sizeof(*row->decks));
		for (size_t k = 0; k < q->n_decks; k++)
			row->decks[k] = qd_xstrdup(q->decks[k]);
		row->seed = q->seed;
		row->started_ms = q->started_ms;
		row->time_ms = q->time_ms;
		row->time_used_ms = q->time_used_ms;
		row->score = q->score;
		row->max_score = q->max_score;
		row->n_answers = q->n_answers;
		row->n_listed = q->n_listed;
		row->fingerprint = q->fingerprint && *q->fingerprint ? qd_xstrdup(q->fingerprint) : NULL;
		row->answers = qd_xcalloc(q->n_answers ? q->n_answers : 1, sizeof(*row->answers));
		for (size_t k = 0; k < q->n_answers; k++) {
			const struct qd_quiz_answer *a = &q->answers[k];
			row->answers[k].deck = qd_xstrdup(a->deck);
			row->answers[k].card = qd_xstrdup(a->card);
			row->answers[k].outcome = a->outcome;
			row->answers[k].time_ms = a->time_ms;
			row->answers[k].points = a->points;
			row->answers[k].given = qd_xstrdup(a->given ? a->given : "");
			row->answers[k].grade = QD_GRADE_UNKNOWN;
			row->correct += a->outcome == QD_QUIZ_CORRECT;
		}
		added++;
	}
	qd_buf_release(&key);
	return added;
}

static double percent(double score, double max)
{
	return max > 0 ? score * 100 / max : 0;
}

/* ---- checking: recompute, do not believe ---- */

#define REASONS_MAX 5 /* reasons spelt out per result; the rest are counted */

/* Adds a reason to a row and marks it (inconsistent wins over unchecked).
 * One check is one call: a new reason is one more line. */
static void flag(struct qd_result_row *row, enum qd_result_check how, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void flag(struct qd_result_row *row, enum qd_result_check how, const char *fmt, ...)
{
	struct qd_buf b;
	va_list ap;

	if (how > row->check)
		row->check = how;
	if (++row->n_reasons > REASONS_MAX)
		return; /* counted, and summed up by check_row() */
	qd_buf_init(&b);
	if (row->reasons) {
		qd_buf_adds(&b, row->reasons);
		qd_buf_adds(&b, "; ");
		free(row->reasons);
	}
	va_start(ap, fmt);
	qd_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	row->reasons = qd_buf_detach(&b, NULL);
}

/* Thousandths, the precision of the log. */
static long long milli(double v)
{
	return llround(v * 1000);
}

/* The speed bonus's limits (ms) that give these points for a correct
 * answer taken in time_ms: [*lo, *hi], found by bisection over the scoring
 * rule itself (its points never fall as the limit grows), so the rule has
 * one home, qd_quiz_points(). Returns false when no limit gives them. */
#define LIMIT_MAX (INT64_C(1) << 40)
static bool bonus_limits(int64_t time_ms, double points, int64_t *lo, int64_t *hi)
{
	long long want = milli(points);
	int64_t a = 1, b = LIMIT_MAX;

	/* the least limit whose points reach want */
	while (a < b) {
		int64_t m = a + (b - a) / 2;
		if (milli(qd_quiz_points(true, time_ms, m, true)) >= want)
			b = m;
		else
			a = m + 1;
	}
	if (milli(qd_quiz_points(true, time_ms, a, true)) != want)
		return false;
	*lo = a;
	b = LIMIT_MAX;
	/* the greatest limit whose points stay at want */
	while (a < b) {
		int64_t m = a + (b - a + 1) / 2;
		if (milli(qd_quiz_points(true, time_ms, m, true)) <= want)
			a = m;
		else
			b = m - 1;
	}
	*hi = a;
	return true;
}

static const char *outcome_word(enum qd_quiz_outcome o)
{
	return o == QD_QUIZ_CORRECT ? "right" : o == QD_QUIZ_WRONG ? "wrong" : "timed out";
}

/* Quotes untrusted text for a reason: one line, at most 40 columns. */
static void quote(struct qd_buf *b, const char *s)
{
	const char *p = s, *end = s + strlen(s);
	size_t w = 0;

	qd_buf_addc(b, '\'');
	while (p < end) {
		const char *next = qd_text_next_cluster(p, end);
		size_t cw = qd_text_width(p, (size_t)(next - p));
		if (w + cw > 40) {
			qd_buf_adds(b, "…");
			break;
		}
		qd_buf_add(b, p, (size_t)(next - p));
		w += cw;
		p = next;
	}
	qd_buf_addc(b, '\'');
}


/* Grades one row's answers against its decks and recomputes its score;
 * the checks that need no deck (counts, points, score) run whether the
 * decks are found or not. */
static void check_row(struct qd_result_row *row, qd_results_find_deck *find, void *data)
{
	bool bonus = false, limit_ok = true;
	int64_t lo = 1, hi = LIMIT_MAX;
	/* hash sets: a result may hold 100,000 questions */
	struct qd_strset listed = {0}, missing = {0}, told = {0};
	struct qd_buf b;

	qd_buf_init(&b);
	for (size_t i = 0; i < row->n_decks; i++)
		qd_strset_add(&listed, row->decks[i]);
	row->check = QD_RESULT_CONSISTENT;
	free(row->reasons);
	row->reasons = NULL;
	row->n_reasons = 0;
	if (row->n_listed != row->n_answers)
		flag(row, QD_RESULT_INCONSISTENT, "the result lists %zu question%s, the log holds %zu",
		     row->n_listed, row->n_listed == 1 ? "" : "s", row->n_answers);
	if (row->max_score != floor(row->max_score) || row->max_score < (double)row->n_answers)
		flag(row, QD_RESULT_INCONSISTENT,
		     "%zu question%s asked of a maximum score of %g (the number drawn)",
		     row->n_answers, row->n_answers == 1 ? " was" : "s were", row->max_score);
	/* The answers, graded again. */
	for (size_t k = 0; k < row->n_answers; k++) {
		struct qd_result_answer *a = &row->answers[k];
		const struct qd_deck *deck = find(data, a->deck);
		enum qd_ask_grade g;

		a->qcard = NULL;
		a->grade = QD_GRADE_UNKNOWN;
		if (!qd_strset_has(&listed, a->deck))
			flag(row, QD_RESULT_INCONSISTENT,
			     "question %zu is from deck '%s', which the result does not list", k + 1,
			     a->deck);
		if (!deck) {
			qd_strset_add(&missing, a->deck); /* reported last, once */
			continue;
		}
		a->qcard = qd_deck_find(deck, a->card);
		if (!a->qcard) {
			flag(row, QD_RESULT_INCONSISTENT, "question %zu: deck '%s' has no card '%s'",
			     k + 1, a->deck, a->card);
			continue;
		}
		if (a->outcome == QD_QUIZ_TIMEOUT)
			continue; /* what was typed in time is not an answer */
		g = a->grade = qd_ask_grade_recorded(a->qcard, a->given, qd_deck_ignores_accents(deck));
		qd_buf_reset(&b);
		quote(&b, a->given);
		if (g == QD_GRADE_UNREADABLE)
			flag(row, QD_RESULT_INCONSISTENT,
			     "question %zu (%s): %s is not an answer the quiz records for this card",
			     k + 1, a->card, b.data);
		else if (g != QD_GRADE_UNKNOWN && (g == QD_GRADE_RIGHT) != (a->outcome == QD_QUIZ_CORRECT))
			flag(row, QD_RESULT_INCONSISTENT, "question %zu (%s): %s recorded as %s, but it is %s",
			     k + 1, a->card, b.data, outcome_word(a->outcome),
			     g == QD_GRADE_RIGHT ? "right" : "wrong");
	}
	/* The points: 0 unless right; the speed bonus's limit, which the log
	 * does not keep, must be one limit for the whole quiz. */
	for (size_t k = 0; k < row->n_answers; k++) {
		const struct qd_result_answer *a = &row->answers[k];
		if (a->outcome != QD_QUIZ_CORRECT && milli(a->points) != 0)
			flag(row, QD_RESULT_INCONSISTENT, "question %zu: %g points for a %s answer", k + 1,
			     a->points, outcome_word(a->outcome));
		if (a->outcome == QD_QUIZ_CORRECT && milli(a->points) != 1000)
			bonus = true;
	}
	for (size_t k = 0; bonus && k < row->n_answers; k++) {
		const struct qd_result_answer *a = &row->answers[k];
		int64_t l, h;
		if (a->outcome != QD_QUIZ_CORRECT)
			continue;
		if (!bonus_limits(a->time_ms, a->points, &l, &h)) {
			flag(row, QD_RESULT_INCONSISTENT,
			     "question %zu: %g points for a right answer in %.1f s follow no time limit",
			     k + 1, a->points, (double)a->time_ms / 1000);
			limit_ok = false;
			continue;
		}
		if (l > lo)
			lo = l;
		if (h < hi)
			hi = h;
	}
	if (bonus && lo > hi && limit_ok) {
		flag(row, QD_RESULT_INCONSISTENT,
		     "the points of the right answers follow no one time limit");
		limit_ok = false;
	}
	/* The score, recomputed from the answers as graded again (with no
	 * limit to recompute by, from the points of the right answers). */
	row->rescored = 0;
	for (size_t k = 0; k < row->n_answers; k++) {
		const struct qd_result_answer *a = &row->answers[k];
		bool right = a->grade == QD_GRADE_RIGHT ||
		             (a->grade != QD_GRADE_WRONG && a->outcome == QD_QUIZ_CORRECT);
		if (limit_ok)
			row->rescored += qd_quiz_points(right, a->time_ms, lo, bonus);
		else if (right)
			row->rescored += a->outcome == QD_QUIZ_CORRECT ? a->points : 1;
	}
	if (limit_ok && milli(row->rescored) != milli(row->score)) {
		char s1[64], s2[64];
		qd_revrec_format_points(s1, sizeof(s1), row->score);
		qd_revrec_format_points(s2, sizeof(s2), row->rescored);
		flag(row, QD_RESULT_INCONSISTENT, "the score is %s, the answers give %s", s1, s2);
	}
	/* Last, what could not be checked: each deck not found, once. */
	for (size_t k = 0; k < row->n_answers && missing.len; k++) {
		const char *deck = row->answers[k].deck;
		if (qd_strset_has(&missing, deck) && qd_strset_add(&told, deck))
			flag(row, QD_RESULT_UNCHECKED, "deck '%s' not found: answers not graded again",
			     deck);
	}
	qd_strset_release(&told);
	qd_strset_release(&missing);
	qd_strset_release(&listed);
	if (row->n_reasons > REASONS_MAX) {
		char *all = row->reasons;
		qd_buf_reset(&b);
		qd_buf_addf(&b, "%s; and %zu more", all, row->n_reasons - REASONS_MAX);
		row->reasons = qd_buf_detach(&b, NULL);
		free(all);
	}
	qd_buf_release(&b);
}

/* The fingerprint most rows carry; NULL if none does or two tie. */
static char *class_fingerprint(const struct qd_results *r)
{
	struct qd_strset seen = {0};
	size_t *count = qd_xcalloc(r->n_rows + 1, sizeof(*count)), best = 0, at;
	const char *fp = NULL;
	bool tie = false;

	for (size_t i = 0; i < r->n_rows; i++) {
		const char *f = r->rows[i].fingerprint;
		if (!f)
			continue;
		if (qd_strset_put_n(&seen, f, strlen(f), i, &at))
			at = i; /* first row with f */
		if (++count[at] > best) {
			best = count[at];
			fp = f;
			tie = false;
		} else if (count[at] == best && strcmp(f, fp) != 0) {
			tie = true;
		}
	}
	free(count);
	qd_strset_release(&seen);
	return fp && !tie ? qd_xstrdup(fp) : NULL;
}

void qd_results_check(struct qd_results *r, qd_results_find_deck *find, void *data)
{
	free(r->class_fingerprint);
	r->class_fingerprint = class_fingerprint(r);
	for (size_t i = 0; i < r->n_rows; i++) {
		struct qd_result_row *row = &r->rows[i];
		check_row(row, find, data);
		if (row->fingerprint && r->class_fingerprint &&
		    strcmp(row->fingerprint, r->class_fingerprint) != 0)
			flag(row, QD_RESULT_INCONSISTENT,
			     "another quiz was taken: fingerprint %.12s, the class's is %.12s",
			     row->fingerprint, r->class_fingerprint);
	}
}

static int cmp_ms(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return (a > b) - (a < b);
}

int64_t qd_median_ms(int64_t *v, size_t n)
{
	if (n == 0)
		return -1;
	qsort(v, n, sizeof(*v), cmp_ms);
	if (n % 2)
		return v[n / 2];
	return v[n / 2 - 1] + (v[n / 2] - v[n / 2 - 1]) / 2;
}

static struct qd_result_question *question(struct qd_results *r, struct qd_buf *key,
                                           const char *deck, const char *card)
{
	struct qd_result_question *q;
	size_t at;

	pair_key(key, deck, card);
	if (!qd_strset_put_n(&r->question_keys, key->data, key->len, r->n_questions, &at))
		return &r->questions[at];
	if (r->n_questions == r->cap_questions) {
		r->cap_questions = r->cap_questions ? r->cap_questions * 2 : 16;
		r->questions = qd_xrealloc(r->questions, r->cap_questions * sizeof(*r->questions));
	}
	q = &r->questions[r->n_questions++];
	memset(q, 0, sizeof(*q));
	q->deck = qd_xstrdup(deck);
	q->card = qd_xstrdup(card);
	return q;
}

/* Trims ASCII white space: "  Lyon " and "Lyon" are the same wrong answer. */
static char *trimmed(const char *s)
{
	size_t n;

	s += strspn(s, " \t\r\n");
	n = strlen(s);
	while (n > 0 && strchr(" \t\r\n", s[n - 1]))
		n--;
	return qd_xstrndup(s, n);
}

static void add_wrong(struct qd_result_question *q, const char *given)
{
	char *t = trimmed(given);
	size_t at;

	if (!*t) {
		free(t);
		return;
	}
	if (!qd_strset_put_n(&q->wrong_index, t, strlen(t), q->n_all_wrong, &at)) {
		q->all_wrong[at].count++;
		free(t);
		return;
	}
	if (q->n_all_wrong == q->cap_all_wrong) {
		q->cap_all_wrong = q->cap_all_wrong ? q->cap_all_wrong * 2 : 4;
		q->all_wrong = qd_xrealloc(q->all_wrong, q->cap_all_wrong * sizeof(*q->all_wrong));
	}
	q->all_wrong[q->n_all_wrong].answer = t;
	q->all_wrong[q->n_all_wrong].count = 1;
	q->n_all_wrong++;
}

static int cmp_row(const void *pa, const void *pb)
{
	const struct qd_result_row *a = pa, *b = pb;
	int c;

	if (a->started_ms != b->started_ms)
		return a->started_ms < b->started_ms ? -1 : 1;
	if ((c = strcmp(a->name, b->name)))
		return c;
	return strcmp(a->quiz_id, b->quiz_id);
}

static int cmp_question(const void *pa, const void *pb)
{
	const struct qd_result_question *a = pa, *b = pb;
	int c = strcmp(a->deck, b->deck);

	return c ? c : strcmp(a->card, b->card);
}

static int cmp_wrong(const void *pa, const void *pb)
{
	const struct qd_wrong_answer *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->answer, b->answer);
}

void qd_results_finish(struct qd_results *r, const struct qd_results_filter *f)
{
	const char *deck = f ? f->deck : NULL;
	struct qd_buf key;

	qd_buf_init(&key);
	if (r->n_rows > 1)
		qsort(r->rows, r->n_rows, sizeof(*r->rows), cmp_row);
	free(r->deck_filter);
	r->deck_filter = deck ? qd_xstrdup(deck) : NULL;
	r->n_counted = r->n_inconsistent = r->n_unchecked = 0;
	r->mean_percent = 0;
	for (size_t i = 0; i < r->n_rows; i++) {
		struct qd_result_row *row = &r->rows[i];

		r->n_inconsistent += row->check == QD_RESULT_INCONSISTENT;
		r->n_unchecked += row->check == QD_RESULT_UNCHECKED;
		row->counted = row->check != QD_RESULT_INCONSISTENT || (f && f->include_inconsistent);
		if (!row->counted)
			continue;
		r->n_counted++;
		r->mean_percent += percent(row->score, row->max_score);
		for (size_t k = 0; k < row->n_answers; k++) {
			const struct qd_result_answer *a = &row->answers[k];
			struct qd_result_question *q;

			if (deck && strcmp(a->deck, deck) != 0)
				continue;
			q = question(r, &key, a->deck, a->card);
			if (!q->qcard)
				q->qcard = a->qcard;
			q->asked++;
			if (a->outcome == QD_QUIZ_TIMEOUT) {
				q->timed_out++;
				continue;
			}
			if (a->outcome == QD_QUIZ_CORRECT) {
				q->correct++;
			} else {
				q->wrong++;
				add_wrong(q, a->given);
			}
			if (q->n_times == q->cap_times) {
				q->cap_times = q->cap_times ? q->cap_times * 2 : 8;
				q->times = qd_xrealloc(q->times, q->cap_times * sizeof(*q->times));
			}
			q->times[q->n_times++] = a->time_ms;
		}
	}
	qd_buf_release(&key);
	if (r->n_counted)
		r->mean_percent /= (double)r->n_counted;
	if (r->n_questions > 1)
		qsort(r->questions, r->n_questions, sizeof(*r->questions), cmp_question);
	for (size_t i = 0; i < r->n_questions; i++) {
		struct qd_result_question *q = &r->questions[i];
		size_t n;

		q->median_ms = qd_median_ms(q->times, q->n_times);
		if (q->n_all_wrong > 1)
			qsort(q->all_wrong, q->n_all_wrong, sizeof(*q->all_wrong), cmp_wrong);
		n = q->n_all_wrong < 3 ? q->n_all_wrong : 3;
		q->wrong_answers = qd_xcalloc(n ? n : 1, sizeof(*q->wrong_answers));
		for (size_t k = 0; k < n; k++) {
			q->wrong_answers[k].answer = qd_xstrdup(q->all_wrong[k].answer);
			q->wrong_answers[k].count = q->all_wrong[k].count;
		}
		q->n_wrong_answers = n;
	}
}

/* ---- formatting helpers ---- */

static double percent_correct(const struct qd_result_question *q)
{
	return q->asked ? (double)q->correct * 100 / (double)q->asked : 0;
}

/* Appends s with each invalid UTF-8 sequence replaced by U+FFFD. */
static void add_utf8(struct qd_buf *b, const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);

	while (p < end) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, p, (size_t)(end - p));
		if (n < 0) {
			qd_buf_adds(b, "\xEF\xBF\xBD");
			p++;
			continue;
		}
		qd_buf_add(b, p, (size_t)n);
		p += n;
	}
}

/* OWASP's rule against CSV injection: a cell starting with one of these is
 * run as a formula by Excel, LibreOffice and Google Sheets. */
static bool formula_like(const char *s)
{
	return *s && strchr("=+-@\t\r", *s);
}

/* One CSV cell of text, escaped and neutralised (quizdeck/results.h). */
static void csv_field(struct qd_buf *out, const char *s)
{
	struct qd_buf clean;
	bool neutralise;

	qd_buf_init(&clean);
	/* Controls in caret notation (ESC is "^["), C1 and invalid UTF-8 as
	 * U+FFFD, as the plain table shows them; newline and tab stay. */
	qd_text_sanitize(&clean, s, strlen(s), 0);
	neutralise = clean.len && formula_like(clean.data);
	if (!neutralise && (!clean.len || !strpbrk(clean.data, ",\"\r\n"))) {
		qd_buf_add(out, clean.data, clean.len);
	} else {
		qd_buf_addc(out, '"');
		if (neutralise)
			qd_buf_addc(out, '\'');
		for (size_t i = 0; i < clean.len; i++) {
			if (clean.data[i] == '"')
				qd_buf_addc(out, '"');
			qd_buf_addc(out, clean.data[i]);
		}
		qd_buf_addc(out, '"');
	}
	qd_buf_release(&clean);
}

/* A JSON string of the text as recorded (invalid UTF-8 as U+FFFD), with
 * every character a terminal could act on escaped: C0, DEL (by
 * qd_buf_add_json), C1, the bidi controls and U+2028/U+2029. */
static void json_str(struct qd_buf *out, const char *s)
{
	struct qd_buf clean, esc;
	const uint8_t *p, *end;

	qd_buf_init(&clean);
	qd_buf_init(&esc);
	add_utf8(&clean, s);
	qd_buf_add_json(&esc, clean.len ? clean.data : "", clean.len);
	p = (const uint8_t *)esc.data;
	end = p + esc.len;
	while (p < end) {
		ucs4_t uc;
		int n = u8_mbtoucr(&uc, p, (size_t)(end - p));
		if (n > 1 && ((uc >= 0x80 && uc <= 0x9f) || (uc >= 0x202a && uc <= 0x202e) ||
		              (uc >= 0x2066 && uc <= 0x2069) || uc == 0x2028 || uc == 0x2029)) {
			qd_buf_addf(out, "\\u%04x", (unsigned)uc);
		} else {
			n = n < 1 ? 1 : n;
			qd_buf_add(out, p, (size_t)n);
		}
		p += n;
	}
	qd_buf_release(&esc);
	qd_buf_release(&clean);
}

static void join_decks(struct qd_buf *b, const struct qd_result_row *row)
{
	for (size_t k = 0; k < row->n_decks; k++) {
		if (k)
			qd_buf_addc(b, ',');
		qd_buf_adds(b, row->decks[k]);
	}
}

static void wrong_list(struct qd_buf *b, const struct qd_result_question *q)
{
	for (size_t k = 0; k < q->n_wrong_answers; k++)
		qd_buf_addf(b, "%s%s (%zu)", k ? "; " : "", q->wrong_answers[k].answer,
		            q->wrong_answers[k].count);
}

/* ---- CSV ---- */

static const char *check_name(enum qd_result_check c)
{
	return c == QD_RESULT_CONSISTENT ? "consistent" :
	       c == QD_RESULT_UNCHECKED ? "unchecked" : "inconsistent";
}

/* The questions of the grid: every question of every row listed (the
 * inconsistent ones too, since their rows are listed), sorted by deck id,
 * then card id. */
struct grid_col {
	const char *deck, *card;
};

static int cmp_col(const void *pa, const void *pb)
{
	const struct grid_col *a = pa, *b = pb;
	int c = strcmp(a->deck, b->deck);

	return c ? c : strcmp(a->card, b->card);
}

static void write_grid(struct qd_buf *out, const struct qd_results *r)
{
	struct qd_strset index = {0};
	struct grid_col *cols = NULL;
	size_t n = 0, cap = 0, at;
	struct qd_buf key, cell;
	char num[64];
	int8_t *line;

	qd_buf_init(&key);
	qd_buf_init(&cell);
	for (size_t i = 0; i < r->n_rows; i++)
		for (size_t k = 0; k < r->rows[i].n_answers; k++) {
			const struct qd_result_answer *a = &r->rows[i].answers[k];
			if (r->deck_filter && strcmp(a->deck, r->deck_filter) != 0)
				continue;
			pair_key(&key, a->deck, a->card);
			if (!qd_strset_put_n(&index, key.data, key.len, n, NULL))
				continue;
			if (n == cap) {
				cap = cap ? cap * 2 : 16;
				cols = qd_xrealloc(cols, cap * sizeof(*cols));
			}
			cols[n].deck = a->deck;
			cols[n].card = a->card;
			n++;
		}
	if (n > 1)
		qsort(cols, n, sizeof(*cols), cmp_col);
	/* the index again, now to the sorted position */
	qd_strset_release(&index);
	memset(&index, 0, sizeof(index));
	qd_buf_adds(out, "name,quiz_id,score,max_score,check");
	for (size_t c = 0; c < n; c++) {
		pair_key(&key, cols[c].deck, cols[c].card);
		qd_strset_put_n(&index, key.data, key.len, c, NULL);
		qd_buf_reset(&cell);
		qd_buf_addf(&cell, "%s/%s", cols[c].deck, cols[c].card);
		qd_buf_addc(out, ',');
		csv_field(out, cell.data);
	}
	qd_buf_addc(out, '\n');
	line = qd_xcalloc(n ? n : 1, sizeof(*line));
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct qd_result_row *row = &r->rows[i];
		memset(line, -1, n ? n : 1);
		for (size_t k = 0; k < row->n_answers; k++) {
			const struct qd_result_answer *a = &row->answers[k];
			pair_key(&key, a->deck, a->card);
			if (qd_strset_get_n(&index, key.data, key.len, &at))
				line[at] = a->outcome == QD_QUIZ_CORRECT;
		}
		csv_field(out, row->name);
		qd_buf_addc(out, ',');
		csv_field(out, row->quiz_id);
		qd_revrec_format_points(num, sizeof(num), row->score);
		qd_buf_addf(out, ",%s,", num);
		qd_revrec_format_points(num, sizeof(num), row->max_score);
		qd_buf_addf(out, "%s,%s", num, check_name(row->check));
		for (size_t c = 0; c < n; c++) {
			qd_buf_addc(out, ',');
			if (line[c] >= 0)
				qd_buf_addc(out, line[c] ? '1' : '0');
		}
		qd_buf_addc(out, '\n');
	}
	free(line);
	free(cols);
	qd_strset_release(&index);
	qd_buf_release(&cell);
	qd_buf_release(&key);
}

void qd_results_write_csv(struct qd_buf *out, const struct qd_results *r,
                          enum qd_results_csv what)
{
	char num[64], iso[QD_ISO_MAX];

	if (what == QD_RESULTS_CSV_GRID) {
		write_grid(out, r);
		return;
	}
	if (what == QD_RESULTS_CSV_QUESTIONS) {
		qd_buf_adds(out, "deck,card,asked,correct,wrong,timed_out,percent_correct,median_ms,"
		                 "wrong_answers\n");
		for (size_t i = 0; i < r->n_questions; i++) {
			const struct qd_result_question *q = &r->questions[i];
			struct qd_buf w;
			csv_field(out, q->deck);
			qd_buf_addc(out, ',');
			csv_field(out, q->card);
			qd_buf_addf(out, ",%zu,%zu,%zu,%zu,%.1f,", q->asked, q->correct, q->wrong,
			            q->timed_out, percent_correct(q));
			if (q->median_ms >= 0)
				qd_buf_addf(out, "%lld", (long long)q->median_ms);
			qd_buf_addc(out, ',');
			qd_buf_init(&w);
			wrong_list(&w, q);
			csv_field(out, w.len ? w.data : "");
			qd_buf_release(&w);
			qd_buf_addc(out, '\n');
		}
		return;
	}
	qd_buf_adds(out, "name,quiz_id,started,decks,seed,score,max_score,percent,questions,"
	                 "correct,time_used_ms\n");
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct qd_result_row *row = &r->rows[i];
		struct qd_buf d;
		csv_field(out, row->name);
		qd_buf_addc(out, ',');
		csv_field(out, row->quiz_id);
		qd_time_format_iso_ms(row->started_ms, iso);
		qd_buf_addf(out, ",%s,", iso);
		qd_buf_init(&d);
		join_decks(&d, row);
		csv_field(out, d.len ? d.data : "");
		qd_buf_release(&d);
		qd_buf_addf(out, ",%llu,", (unsigned long long)row->seed);
		qd_revrec_format_points(num, sizeof(num), row->score);
		qd_buf_addf(out, "%s,", num);
		qd_revrec_format_points(num, sizeof(num), row->max_score);
		qd_buf_addf(out, "%s,%.1f,%zu,%zu,%lld\n", num, percent(row->score, row->max_score),
		            row->n_answers, row->correct, (long long)row->time_used_ms);
	}
}

/* A question's text as the quiz shows it, on one line: the question, or
 * for a cloze its lead-in and its text with the answers in brackets. */
static void question_text(struct qd_buf *b, const struct qd_card *card)
{
	if (card->q && *card->q)
		qd_buf_adds(b, card->q);
	if (card->type == QD_CARD_CLOZE) {
		if (b->len)
			qd_buf_addc(b, ' ');
		qd_match_cloze_reveal(b, card->text, card->blanks, card->n_blanks, NULL, false);
	}
	if (!b->len)
		qd_buf_adds(b, "");
}

/* ---- JSON ---- */

static const char *outcome_name(enum qd_quiz_outcome o)
{
	return o == QD_QUIZ_CORRECT ? "correct" : o == QD_QUIZ_WRONG ? "wrong" : "timeout";
}

void qd_results_write_json(struct qd_buf *out, const struct qd_results *r)
{
	char num[64], iso[QD_ISO_MAX];

	qd_buf_adds(out, "{\"results\": [");
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct qd_result_row *row = &r->rows[i];
		qd_buf_adds(out, i ? ",\n  {" : "\n  {");
		qd_buf_adds(out, "\"name\": ");
		json_str(out, row->name);
		qd_buf_adds(out, ", \"quiz_id\": ");
		json_str(out, row->quiz_id);
		qd_time_format_iso_ms(row->started_ms, iso);
		qd_buf_addf(out, ", \"started\": \"%s\"", iso);
		qd_time_format_iso_ms(row->time_ms, iso);
		qd_buf_addf(out, ", \"recorded\": \"%s\", \"decks\": [", iso);
		for (size_t k = 0; k < row->n_decks; k++) {
			if (k)
				qd_buf_adds(out, ", ");
			json_str(out, row->decks[k]);
		}
		qd_revrec_format_points(num, sizeof(num), row->score);
		qd_buf_addf(out, "], \"seed\": %llu, \"score\": %s", (unsigned long long)row->seed, num);
		qd_revrec_format_points(num, sizeof(num), row->max_score);
		qd_buf_addf(out, ", \"max_score\": %s", num);
		qd_revrec_format_points(num, sizeof(num), percent(row->score, row->max_score));
		qd_buf_addf(out, ", \"percent\": %s, \"correct\": %zu, \"time_used_ms\": %lld, ",
		            num, row->correct, (long long)row->time_used_ms);
		qd_revrec_format_points(num, sizeof(num), row->rescored);
		qd_buf_adds(out, "\"fingerprint\": ");
		if (row->fingerprint)
			json_str(out, row->fingerprint);
		else
			qd_buf_adds(out, "null");
		qd_buf_addf(out, ", \"check\": \"%s\", \"reasons\": ", check_name(row->check));
		if (row->reasons)
			json_str(out, row->reasons);
		else
			qd_buf_adds(out, "null");
		qd_buf_addf(out, ", \"rescored\": %s, \"counted\": %s, \"answers\": [", num,
		            row->counted ? "true" : "false");
		for (size_t k = 0; k < row->n_answers; k++) {
			const struct qd_result_answer *a = &row->answers[k];
			qd_buf_adds(out, k ? ",\n    {\"deck\": " : "\n    {\"deck\": ");
			json_str(out, a->deck);
			qd_buf_adds(out, ", \"card\": ");
			json_str(out, a->card);
			qd_revrec_format_points(num, sizeof(num), a->points);
			qd_buf_addf(out, ", \"outcome\": \"%s\", \"time_ms\": %lld, \"points\": %s, "
			                 "\"given\": ",
			            outcome_name(a->outcome), (long long)a->time_ms, num);
			json_str(out, a->given);
			qd_buf_addf(out, ", \"regraded\": %s}",
			            a->grade == QD_GRADE_RIGHT ? "\"right\"" :
			            a->grade == QD_GRADE_WRONG ? "\"wrong\"" :
			            a->grade == QD_GRADE_UNREADABLE ? "\"unreadable\"" : "null");
		}
		qd_buf_adds(out, "]}");
	}
	qd_buf_adds(out, r->n_rows ? "\n], \"questions\": [" : "], \"questions\": [");
	for (size_t i = 0; i < r->n_questions; i++) {
		const struct qd_result_question *q = &r->questions[i];
		qd_buf_adds(out, i ? ",\n  {\"deck\": " : "\n  {\"deck\": ");
		json_str(out, q->deck);
		qd_buf_adds(out, ", \"card\": ");
		json_str(out, q->card);
		qd_buf_adds(out, ", \"question\": ");
		if (q->qcard) {
			struct qd_buf t;
			qd_buf_init(&t);
			question_text(&t, q->qcard);
			json_str(out, t.data);
			qd_buf_release(&t);
		} else {
			qd_buf_adds(out, "null");
		}
		qd_revrec_format_points(num, sizeof(num), percent_correct(q));
		qd_buf_addf(out, ", \"asked\": %zu, \"correct\": %zu, \"wrong\": %zu, "
		                 "\"timed_out\": %zu, \"percent_correct\": %s, \"median_ms\": ",
		            q->asked, q->correct, q->wrong, q->timed_out, num);
		if (q->median_ms >= 0)
			qd_buf_addf(out, "%lld", (long long)q->median_ms);
		else
			qd_buf_adds(out, "null");
		qd_buf_adds(out, ", \"wrong_answers\": [");
		for (size_t k = 0; k < q->n_wrong_answers; k++) {
			qd_buf_adds(out, k ? ", {\"answer\": " : "{\"answer\": ");
			json_str(out, q->wrong_answers[k].answer);
			qd_buf_addf(out, ", \"count\": %zu}", q->wrong_answers[k].count);
		}
		qd_buf_adds(out, "]}");
	}
	qd_revrec_format_points(num, sizeof(num), r->mean_percent);
	qd_buf_addf(out, "%s, \"class\": {\"counted\": %zu, \"inconsistent\": %zu, "
	                 "\"unchecked\": %zu, \"mean_percent\": %s, \"fingerprint\": ",
	            r->n_questions ? "\n]" : "]", r->n_counted, r->n_inconsistent,
	            r->n_unchecked, num);
	if (r->class_fingerprint)
		json_str(out, r->class_fingerprint);
	else
		qd_buf_adds(out, "null");
	qd_buf_adds(out, "}}\n");
}

/* ---- plain tables ---- */

#define CELL_MAX 32 /* columns of the widest name or answer cell */

/* Appends s sanitised to one line, cut between grapheme clusters with "…"
 * to at most max columns. */
static void add_cut(struct qd_buf *out, const char *s, size_t max)
{
	struct qd_buf clean;
	const char *p, *end;
	size_t w = 0, total;

	qd_buf_init(&clean);
	qd_text_sanitize(&clean, s, strlen(s), QD_SANITIZE_ONELINE);
	p = clean.len ? clean.data : "";
	end = p + clean.len;
	total = qd_text_width(p, clean.len);
	while (p < end) {
		const char *next = qd_text_next_cluster(p, end);
		size_t cw = qd_text_width(p, (size_t)(next - p));
		if (total > max && w + cw > (max ? max - 1 : 0)) {
			qd_buf_adds(out, "…");
			break;
		}
		qd_buf_add(out, p, (size_t)(next - p));
		w += cw;
		p = next;
	}
	qd_buf_release(&clean);
}

/* A table of sanitised one-line cells, printed with columns aligned by
 * display width; cells[row * ncols + col]. A cell of the first column may
 * hold several lines (a wrapped question): the other cells go beside its
 * first line. */
struct table {
	char **cells;
	size_t ncols, n, cap;
};

static void table_put(struct table *t, char *cell)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = qd_xrealloc(t->cells, t->cap * sizeof(*t->cells));
	}
	t->cells[t->n++] = cell;
}

static void table_add_cut(struct table *t, const char *s, size_t max)
{
	struct qd_buf b;

	qd_buf_init(&b);
	add_cut(&b, s, max);
	table_put(t, qd_buf_detach(&b, NULL));
}

static void table_add(struct table *t, const char *s)
{
	table_add_cut(t, s, CELL_MAX);
}

/* The width of a cell: its widest line. */
static size_t cell_width(const char *c)
{
	size_t w = 0;

	for (;;) {
		const char *nl = strchr(c, '\n');
		size_t lw = qd_text_width(c, nl ? (size_t)(nl - c) : strlen(c));
		if (lw > w)
			w = lw;
		if (!nl)
			return w;
		c = nl + 1;
	}
}

static size_t *table_widths(const struct table *t)
{
	size_t *width = qd_xcalloc(t->ncols, sizeof(*width));

	for (size_t i = 0; i < t->n; i++) {
		size_t w = cell_width(t->cells[i]);
		if (w > width[i % t->ncols])
			width[i % t->ncols] = w;
	}
	return width;
}

static void end_line(struct qd_buf *out, struct qd_buf *line)
{
	while (line->len && line->data[line->len - 1] == ' ')
		line->len--; /* an empty last cell leaves padding */
	qd_buf_add(out, line->data, line->len);
	qd_buf_addc(out, '\n');
	qd_buf_reset(line);
}

static void table_print(struct qd_buf *out, struct table *t)
{
	size_t *width = table_widths(t);
	struct qd_buf line;
	const char *more = NULL; /* the first cell's lines after its first */

	qd_buf_init(&line);
	for (size_t i = 0; i < t->n; i++) {
		size_t col = i % t->ncols;
		const char *c = t->cells[i], *nl = col == 0 ? strchr(c, '\n') : NULL;
		size_t len = nl ? (size_t)(nl - c) : strlen(c);

		if (col == 0)
			more = nl ? nl + 1 : NULL;
		qd_buf_add(&line, c, len);
		if (col + 1 == t->ncols) {
			end_line(out, &line);
			while (more) {
				nl = strchr(more, '\n');
				qd_buf_add(&line, more, nl ? (size_t)(nl - more) : strlen(more));
				end_line(out, &line);
				more = nl ? nl + 1 : NULL;
			}
		} else {
			for (size_t k = qd_text_width(c, len); k < width[col] + 2; k++)
				qd_buf_addc(&line, ' ');
		}
	}
	for (size_t i = 0; i < t->n; i++)
		free(t->cells[i]);
	qd_buf_release(&line);
	free(t->cells);
	free(width);
	memset(t, 0, sizeof(*t));
}

static void clock_text(char *buf, size_t size, int64_t ms)
{
	int64_t s = (ms < 0 ? 0 : ms) / 1000;

	snprintf(buf, size, "%lld:%02lld", (long long)(s / 60), (long long)(s % 60));
}

static char mark(enum qd_result_check c)
{
	return c == QD_RESULT_INCONSISTENT ? '!' : c == QD_RESULT_UNCHECKED ? '?' : ' ';
}

static void write_learners(struct qd_buf *out, const struct qd_results *r, int width)
{
	static const char *const head[] = {"name", "score", "percent", "time", "date", "seed"};
	struct table t = {NULL, 6, 0, 0};
	char a[64], b[64];
	size_t *w, rest = 0, name_max;

	/* The columns after the name, measured first: the name gets the rest. */
	for (size_t i = 0; i < 6; i++)
		table_add(&t, head[i]);
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct qd_result_row *row = &r->rows[i];
		struct qd_buf d;
		qd_buf_init(&d);
		qd_buf_addf(&d, "%c %s", mark(row->check), row->name[0] ? row->name : "-");
		table_put(&t, qd_buf_detach(&d, NULL)); /* cut below */
		qd_revrec_format_points(a, sizeof(a), row->score);
		qd_revrec_format_points(b, sizeof(b), row->max_score);
		qd_buf_init(&d);
		qd_buf_addf(&d, "%s/%s", a, b);
		table_add(&t, d.data);
		qd_buf_release(&d);
		snprintf(a, sizeof(a), "%ld%%", lround(percent(row->score, row->max_score)));
		table_add(&t, a);
		clock_text(a, sizeof(a), row->time_used_ms);
		table_add(&t, a);
		qd_time_format_local(row->started_ms, a); /* a holds QD_LOCAL_MAX */
		table_add(&t, a);
		snprintf(a, sizeof(a), "%llu", (unsigned long long)row->seed);
		table_add(&t, a);
	}
	w = table_widths(&t);
	for (size_t c = 1; c < 6; c++)
		rest += w[c] + 2;
	free(w);
	name_max = width > 0 && (size_t)width > rest + 10 ? (size_t)width - rest : 10;
	if (name_max > CELL_MAX + 2)
		name_max = CELL_MAX + 2;
	/* the header's name lines up with the names after their mark */
	free(t.cells[0]);
	t.cells[0] = qd_xstrdup("  name");
	for (size_t i = 6; i < t.n; i += 6) {
		char *raw = t.cells[i];
		struct qd_buf cut;
		qd_buf_init(&cut);
		qd_buf_add(&cut, raw, 2);
		add_cut(&cut, raw + 2, name_max - 2);
		free(raw);
		t.cells[i] = qd_buf_detach(&cut, NULL);
	}
	table_print(out, &t);
}

static void write_reasons(struct qd_buf *out, const struct qd_results *r, int width)
{
	bool any = false;

	for (size_t i = 0; i < r->n_rows; i++) {
		const struct qd_result_row *row = &r->rows[i];
		struct qd_buf text;
		if (!row->reasons)
			continue;
		if (!any)
			qd_buf_addc(out, '\n');
		any = true;
		qd_buf_init(&text);
		qd_buf_addf(&text, "%c ", mark(row->check));
		add_cut(&text, row->name[0] ? row->name : "-", CELL_MAX);
		qd_buf_addf(&text, " (quiz %s): %s: ", row->quiz_id,
		            row->check == QD_RESULT_INCONSISTENT ? "inconsistent" : "not checked");
		qd_text_sanitize(&text, row->reasons, strlen(row->reasons), QD_SANITIZE_ONELINE);
		qd_text_wrap(out, text.data, width, 4);
		qd_buf_addc(out, '\n');
		qd_buf_release(&text);
	}
}

/* Hardest first: the lowest share right, then the most asked, then by id. */
static int cmp_hardest(const void *pa, const void *pb)
{
	const struct qd_result_question *a = *(const struct qd_result_question *const *)pa;
	const struct qd_result_question *b = *(const struct qd_result_question *const *)pb;
	/* a->correct / a->asked < b->correct / b->asked, without division */
	uint64_t x = (uint64_t)a->correct * b->asked, y = (uint64_t)b->correct * a->asked;
	int c;

	if (x != y)
		return x < y ? -1 : 1;
	if (a->asked != b->asked)
		return a->asked > b->asked ? -1 : 1;
	c = strcmp(a->deck, b->deck);
	return c ? c : strcmp(a->card, b->card);
}

/* Each question's text, or its deck/card id when its deck was not found;
 * texts that two questions share get the id too, so no two rows read the
 * same. texts[i] is for r->questions[i] (caller frees). */
static char **question_texts(const struct qd_results *r)
{
	char **texts = qd_xcalloc(r->n_questions ? r->n_questions : 1, sizeof(*texts));
	struct qd_strset seen = {0}, ids = {0}, shared_ids = {0};
	bool *clash = qd_xcalloc(r->n_questions ? r->n_questions : 1, sizeof(*clash));

	for (size_t i = 0; i < r->n_questions; i++) {
		const struct qd_result_question *q = &r->questions[i];
		struct qd_buf t, clean;
		size_t at;
		qd_buf_init(&t);
		qd_buf_init(&clean);
		if (q->qcard)
			question_text(&t, q->qcard);
		if (!t.len)
			qd_buf_addf(&t, "%s/%s", q->deck, q->card);
		qd_text_sanitize(&clean, t.data, t.len, QD_SANITIZE_ONELINE);
		qd_buf_release(&t);
		texts[i] = qd_buf_detach(&clean, NULL);
		if (!qd_strset_put_n(&seen, texts[i], strlen(texts[i]), i, &at)) {
			clash[at] = clash[i] = true;
		}
	}
	/* the card id tells them apart, unless another deck has it too */
	for (size_t i = 0; i < r->n_questions; i++)
		if (!qd_strset_add(&ids, r->questions[i].card))
			qd_strset_add(&shared_ids, r->questions[i].card);
	for (size_t i = 0; i < r->n_questions; i++) {
		const struct qd_result_question *q = &r->questions[i];
		bool same_id = qd_strset_has(&shared_ids, q->card);
		struct qd_buf t;
		if (!clash[i] || !q->qcard)
			continue; /* an id alone is unique */
		qd_buf_init(&t);
		if (same_id)
			qd_buf_addf(&t, "%s (%s/%s)", texts[i], q->deck, q->card);
		else
			qd_buf_addf(&t, "%s (%s)", texts[i], q->card);
		free(texts[i]);
		texts[i] = qd_buf_detach(&t, NULL);
	}
	qd_strset_release(&seen);
	qd_strset_release(&ids);
	qd_strset_release(&shared_ids);
	free(clash);
	return texts;
}

static void write_questions(struct qd_buf *out, const struct qd_results *r, int width)
{
	static const char *const head[] = {"question", "right", "median", "top wrong answer"};
	const struct qd_result_question **order;
	struct table t = {NULL, 4, 0, 0};
	char **texts = question_texts(r);
	char a[64];
	size_t *w, rest = 0, qwidth;
	/* the wrong answers get up to a third of the width, within 10..24 */
	size_t wrong_max = width > 0 ? (size_t)width / 3 : 24;

	wrong_max = wrong_max < 10 ? 10 : wrong_max > 24 ? 24 : wrong_max;
	order = qd_xcalloc(r->n_questions, sizeof(*order));
	for (size_t i = 0; i < r->n_questions; i++)
		order[i] = &r->questions[i];
	qsort(order, r->n_questions, sizeof(*order), cmp_hardest);
	for (size_t i = 0; i < 4; i++)
		table_add(&t, head[i]);
	for (size_t i = 0; i < r->n_questions; i++) {
		const struct qd_result_question *q = order[i];
		table_put(&t, qd_xstrdup(texts[q - r->questions])); /* wrapped below */
		snprintf(a, sizeof(a), "%zu/%zu", q->correct, q->asked);
		table_add(&t, a);
		if (q->median_ms >= 0)
			snprintf(a, sizeof(a), "%lld.%lld s", (long long)(q->median_ms / 1000),
			         (long long)(q->median_ms % 1000 / 100));
		else
			snprintf(a, sizeof(a), "-");
		table_add(&t, a);
		if (q->n_wrong_answers) {
			struct qd_buf d;
			qd_buf_init(&d);
			add_cut(&d, q->wrong_answers[0].answer, wrong_max);
			qd_buf_addf(&d, " (%zu)", q->wrong_answers[0].count);
			table_put(&t, qd_buf_detach(&d, NULL));
		} else {
			table_add(&t, "");
		}
	}
	w = table_widths(&t);
	for (size_t c = 1; c < 4; c++)
		rest += w[c] + 2;
	free(w);
	qwidth = width > 0 && (size_t)width > rest + 16 ? (size_t)width - rest : 16;
	for (size_t i = 4; i < t.n; i += 4) {
		struct qd_buf wrapped;
		qd_buf_init(&wrapped);
		qd_text_wrap(&wrapped, t.cells[i], (int)qwidth, 2);
		free(t.cells[i]);
		t.cells[i] = qd_buf_detach(&wrapped, NULL);
	}
	table_print(out, &t);
	for (size_t i = 0; i < r->n_questions; i++)
		free(texts[i]);
	free(texts);
	free(order);
}

void qd_results_write_plain(struct qd_buf *out, const struct qd_results *r, int width)
{
	struct qd_buf head;

	if (r->n_rows == 0) {
		qd_buf_adds(out, "no quiz results\n");
		return;
	}
	qd_buf_init(&head);
	qd_buf_addf(&head, "%zu result%s", r->n_rows, r->n_rows == 1 ? "" : "s");
	if (r->n_counted != r->n_rows)
		qd_buf_addf(&head, ", %zu counted", r->n_counted);
	else if (r->n_inconsistent)
		qd_buf_adds(&head, ", all counted");
	if (r->n_counted)
		qd_buf_addf(&head, ": average %ld%%", lround(r->mean_percent));
	if (r->n_inconsistent)
		qd_buf_addf(&head, "; %zu inconsistent (!)", r->n_inconsistent);
	if (r->n_unchecked)
		qd_buf_addf(&head, "%s %zu not checked (?)", r->n_inconsistent ? "," : ";",
		            r->n_unchecked);
	qd_text_wrap(out, head.data, width, 2);
	qd_buf_adds(out, "\n\n");
	qd_buf_release(&head);
	write_learners(out, r, width);
	write_reasons(out, r, width);
	if (r->n_questions == 0)
		return;
	qd_buf_addc(out, '\n');
	write_questions(out, r, width);
}

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
 * Output: the plain table sanitises every cell (names and answers come from
 * students' files) and truncates long cells by display width; CSV and JSON
 * keep the text but replace invalid UTF-8 with U+FFFD so the output stays
 * valid for the programs that read it.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unistr.h>

#include "quizdeck/qtime.h"
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
	}
	free(r->rows);
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

		if (f && f->deck && !has_deck(q, f->deck))
			continue;
		if (f && f->name && strcasecmp(f->name, name) != 0)
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
		row->answers = qd_xcalloc(q->n_answers ? q->n_answers : 1, sizeof(*row->answers));
		for (size_t k = 0; k < q->n_answers; k++) {
			const struct qd_quiz_answer *a = &q->answers[k];
			row->answers[k].deck = qd_xstrdup(a->deck);
			row->answers[k].card = qd_xstrdup(a->card);
			row->answers[k].outcome = a->outcome;
			row->answers[k].time_ms = a->time_ms;
			row->answers[k].points = a->points;
			row->answers[k].given = qd_xstrdup(a->given ? a->given : "");
			row->correct += a->outcome == QD_QUIZ_CORRECT;
		}
		added++;
	}
	qd_buf_release(&key);
	return added;
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
	for (size_t i = 0; i < r->n_rows; i++) {
		for (size_t k = 0; k < r->rows[i].n_answers; k++) {
			const struct qd_result_answer *a = &r->rows[i].answers[k];
			struct qd_result_question *q;

			if (deck && strcmp(a->deck, deck) != 0)
				continue;
			q = question(r, &key, a->deck, a->card);
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

static double percent(double score, double max)
{
	return max > 0 ? score * 100 / max : 0;
}

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

static void csv_field(struct qd_buf *out, const char *s)
{
	struct qd_buf clean;

	qd_buf_init(&clean);
	add_utf8(&clean, s);
	if (!clean.len || !strpbrk(clean.data, ",\"\r\n")) {
		qd_buf_add(out, clean.data, clean.len);
	} else {
		qd_buf_addc(out, '"');
		for (size_t i = 0; i < clean.len; i++) {
			if (clean.data[i] == '"')
				qd_buf_addc(out, '"');
			qd_buf_addc(out, clean.data[i]);
		}
		qd_buf_addc(out, '"');
	}
	qd_buf_release(&clean);
}

static void json_str(struct qd_buf *out, const char *s)
{
	struct qd_buf clean;

	qd_buf_init(&clean);
	add_utf8(&clean, s);
	qd_buf_add_json(out, clean.len ? clean.data : "", clean.len);
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

void qd_results_write_csv(struct qd_buf *out, const struct qd_results *r, bool questions)
{
	char num[64], iso[QD_ISO_MAX];

	if (questions) {
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
		qd_buf_addf(out, ", \"percent\": %s, \"correct\": %zu, \"time_used_ms\": %lld, "
		                 "\"answers\": [",
		            num, row->correct, (long long)row->time_used_ms);
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
			qd_buf_addc(out, '}');
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
	qd_buf_adds(out, r->n_questions ? "\n]}\n" : "]}\n");
}

/* ---- plain tables ---- */

#define CELL_MAX 32 /* columns of the widest text cell */

/* A table of sanitised cells, printed with columns aligned by display
 * width; cells[row * ncols + col]. */
struct table {
	char **cells;
	size_t ncols, n, cap;
};

static void table_add(struct table *t, const char *s)
{
	struct qd_buf clean, cut;
	const char *p, *end;
	size_t w = 0, total;

	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cells = qd_xrealloc(t->cells, t->cap * sizeof(*t->cells));
	}
	qd_buf_init(&clean);
	qd_buf_init(&cut);
	qd_text_sanitize(&clean, s, strlen(s), QD_SANITIZE_ONELINE);
	p = clean.len ? clean.data : "";
	end = p + clean.len;
	total = qd_text_width(p, clean.len);
	/* Too wide: cut between grapheme clusters and mark the cut. */
	while (p < end) {
		const char *next = qd_text_next_cluster(p, end);
		size_t cw = qd_text_width(p, (size_t)(next - p));
		if (total > CELL_MAX && w + cw > CELL_MAX - 1) {
			qd_buf_adds(&cut, "…");
			break;
		}
		qd_buf_add(&cut, p, (size_t)(next - p));
		w += cw;
		p = next;
	}
	qd_buf_release(&clean);
	t->cells[t->n++] = qd_buf_detach(&cut, NULL);
}

static void table_print(struct qd_buf *out, struct table *t)
{
	size_t *width = qd_xcalloc(t->ncols, sizeof(*width));
	struct qd_buf line;

	for (size_t i = 0; i < t->n; i++) {
		size_t w = qd_text_strwidth(t->cells[i]);
		if (w > width[i % t->ncols])
			width[i % t->ncols] = w;
	}
	qd_buf_init(&line);
	for (size_t i = 0; i < t->n; i++) {
		size_t col = i % t->ncols;
		qd_buf_adds(&line, t->cells[i]);
		if (col + 1 == t->ncols) {
			while (line.len && line.data[line.len - 1] == ' ')
				line.len--; /* an empty last cell leaves padding */
			qd_buf_add(out, line.data, line.len);
			qd_buf_addc(out, '\n');
			qd_buf_reset(&line);
		} else {
			for (size_t k = qd_text_strwidth(t->cells[i]); k < width[col] + 2; k++)
				qd_buf_addc(&line, ' ');
		}
		free(t->cells[i]);
	}
	qd_buf_release(&line);
	free(t->cells);
	free(width);
	memset(t, 0, sizeof(*t));
}

static void add_clock(struct table *t, int64_t ms)
{
	char buf[32];
	int64_t s = (ms < 0 ? 0 : ms) / 1000;

	snprintf(buf, sizeof(buf), "%lld:%02lld", (long long)(s / 60), (long long)(s % 60));
	table_add(t, buf);
}

void qd_results_write_plain(struct qd_buf *out, const struct qd_results *r)
{
	struct table t = {NULL, 9, 0, 0};
	static const char *const head[] = {"name", "quiz", "date", "decks", "seed", "score",
	                                   "percent", "questions", "time"};
	static const char *const qhead[] = {"question", "asked", "correct", "timed out",
	                                    "median", "common wrong answers"};
	char a[64], b[64], iso[QD_ISO_MAX];

	if (r->n_rows == 0) {
		qd_buf_adds(out, "no quiz results\n");
		return;
	}
	for (size_t i = 0; i < 9; i++)
		table_add(&t, head[i]);
	for (size_t i = 0; i < r->n_rows; i++) {
		const struct qd_result_row *row = &r->rows[i];
		struct qd_buf d;
		table_add(&t, row->name[0] ? row->name : "-");
		table_add(&t, row->quiz_id);
		qd_time_format_iso(row->started_ms, iso);
		iso[10] = ' ';
		iso[16] = '\0'; /* "2026-11-24 09:30" (UTC) */
		table_add(&t, iso);
		qd_buf_init(&d);
		join_decks(&d, row);
		table_add(&t, d.len ? d.data : "");
		qd_buf_release(&d);
		snprintf(a, sizeof(a), "%llu", (unsigned long long)row->seed);
		table_add(&t, a);
		qd_revrec_format_points(a, sizeof(a), row->score);
		qd_revrec_format_points(b, sizeof(b), row->max_score);
		qd_buf_init(&d);
		qd_buf_addf(&d, "%s/%s", a, b);
		table_add(&t, d.data);
		qd_buf_release(&d);
		snprintf(a, sizeof(a), "%ld%%", lround(percent(row->score, row->max_score)));
		table_add(&t, a);
		snprintf(a, sizeof(a), "%zu", row->n_answers);
		table_add(&t, a);
		add_clock(&t, row->time_used_ms);
	}
	table_print(out, &t);
	if (r->n_questions == 0)
		return;
	qd_buf_addc(out, '\n');
	t.ncols = 6;
	for (size_t i = 0; i < 6; i++)
		table_add(&t, qhead[i]);
	for (size_t i = 0; i < r->n_questions; i++) {
		const struct qd_result_question *q = &r->questions[i];
		struct qd_buf d;
		qd_buf_init(&d);
		qd_buf_addf(&d, "%s/%s", q->deck, q->card);
		table_add(&t, d.data);
		snprintf(a, sizeof(a), "%zu", q->asked);
		table_add(&t, a);
		snprintf(a, sizeof(a), "%ld%%", lround(percent_correct(q)));
		table_add(&t, a);
		snprintf(a, sizeof(a), "%zu", q->timed_out);
		table_add(&t, a);
		if (q->median_ms >= 0)
			snprintf(a, sizeof(a), "%lld.%lld s", (long long)(q->median_ms / 1000),
			         (long long)(q->median_ms % 1000 / 100));
		else
			snprintf(a, sizeof(a), "-");
		table_add(&t, a);
		qd_buf_reset(&d);
		wrong_list(&d, q);
		table_add(&t, d.len ? d.data : "");
		qd_buf_release(&d);
	}
	table_print(out, &t);
}

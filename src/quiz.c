/*
 * Timed quizzes; see quizdeck/quiz.h and docs/quiz.md.
 *
 * Timing runs on the monotonic clock (qd_prompt_clock_ms): the quiz's start,
 * each question's start and the deadlines handed to the prompt. The wall
 * clock (ctx->now_ms, fixed by QUIZDECK_NOW) only dates the records, so a
 * test can fix the dates while the countdown still runs in real time.
 *
 * Each question's deadline is the earlier of its own limit and the end of
 * the whole quiz; the prompt draws the time left to that deadline. A
 * question asked when the total time runs out counts as timed out; the ones
 * not yet asked are not recorded as questions at all, which the result
 * shows as fewer question lines than the maximum score (docs/quiz.md).
 *
 * The result is appended with one write (and fsync) before the end screen
 * says it is saved; reviews for --record-reviews follow in one batch.
 *
 * Layout follows the window: the terminal's width is measured again before
 * each question and before the end screen (qd_ctx_term_width), so a resize
 * during the quiz is honoured by what is printed next. The end screen is the
 * last output, printed once: there is nothing to redraw after it, since
 * quizdeck has exited and the text belongs to the terminal's scrollback.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/ask.h"
#include "quizdeck/buf.h"
#include "quizdeck/fingerprint.h"
#include "quizdeck/match.h"
#include "quizdeck/qtime.h"
#include "quizdeck/quiz.h"
#include "quizdeck/rng.h"
#include "quizdeck/strset.h"
#include "quizdeck/text.h"

/* ---- drawing ---- */

static bool has_tag(const struct qd_card *c, const struct qd_quiz_draw_opts *o)
{
	if (!o->tags || o->n_tags == 0)
		return true;
	for (int i = 0; i < o->n_tags; i++)
		for (size_t j = 0; j < c->n_tags; j++)
			if (strcmp(o->tags[i], c->tags[j]) == 0)
				return true;
	return false;
}

static int cmp_question(const void *pa, const void *pb)
{
	const struct qd_quiz_question *a = pa, *b = pb;
	int c = strcmp(qd_deck_id(a->deck), qd_deck_id(b->deck));

	return c ? c : strcmp(a->card->id, b->card->id);
}

size_t qd_quiz_draw(const struct qd_collection_card *cards, size_t n,
                    const struct qd_quiz_draw_opts *o, struct qd_quiz_question **out)
{
	struct qd_quiz_question *cand;
	size_t nc = 0, take, *idx;
	struct qd_rng rng;

	*out = NULL;
	if (n == 0 || o->count == 0)
		return 0;
	cand = qd_xcalloc(n, sizeof(*cand));
	for (size_t i = 0; i < n; i++) {
		const struct qd_card *c = cards[i].card;
		/* A quiz asks each card as written: reversed twins are for study. */
		if (cards[i].reversed || !has_tag(c, o) || (!qd_ask_auto_gradable(c) && !o->self_grade) ||
		    (o->types && !(o->types & (1u << c->type))))
			continue;
		cand[nc].deck = cards[i].deck;
		cand[nc].card = c;
		nc++;
	}
	if (nc == 0) {
		free(cand);
		return 0;
	}
	/* (deck id, card id) pairs are unique in a deck set, so this order is total. */
	qsort(cand, nc, sizeof(*cand), cmp_question);
	idx = qd_xcalloc(nc, sizeof(*idx));
	for (size_t i = 0; i < nc; i++)
		idx[i] = i;
	qd_rng_init(&rng, qd_seed_mix(o->seed, "quiz"));
	qd_rng_shuffle(&rng, idx, nc);
	/* At most one card of a group: siblings ask one fact, or show each
	 * other's answers. The first drawn stands for its group. */
	struct qd_strset groups = {0};
	struct qd_buf key;
	qd_buf_init(&key);
	*out = qd_xcalloc(o->count < nc ? o->count : nc, sizeof(**out));
	take = 0;
	for (size_t k = 0; k < nc && take < o->count; k++) {
		const struct qd_quiz_question *c = &cand[idx[k]];
		qd_buf_reset(&key);
		qd_buf_addf(&key, "%s\x1f%s", qd_deck_id(c->deck),
		            c->card->group ? c->card->group : "");
		if (c->card->group && !qd_strset_add(&groups, key.data))
			continue;
		(*out)[take] = *c;
		qd_buf_reset(&key);
		qd_buf_addf(&key, "%s/%s", qd_deck_id(c->deck), c->card->id);
		(*out)[take].choice_seed = qd_seed_mix(o->seed, key.data);
		take++;
	}
	qd_strset_release(&groups);
	qd_buf_release(&key);
	free(idx);
	free(cand);
	return take;
}

/* ---- scoring ---- */

double qd_quiz_points(bool correct, int64_t time_ms, int64_t limit_ms, bool speed_bonus)
{
	double frac, pts;

	if (!correct)
		return 0;
	if (!speed_bonus || limit_ms <= 0)
		return 1;
	frac = time_ms <= 0 ? 0 : (double)time_ms / (double)limit_ms;
	if (frac > 1)
		frac = 1;
	pts = 1 - 0.5 * frac;
	return round(pts * 1000) / 1000;
}

int64_t qd_quiz_bonus_limit(int64_t per_question_ms, int64_t total_ms, size_t n_questions)
{
	if (per_question_ms > 0)
		return per_question_ms;
	if (total_ms > 0 && n_questions > 0)
		return total_ms / (int64_t)n_questions;
	return 0;
}

/* ---- running ---- */

struct asked {
	const struct qd_quiz_question *q;
	enum qd_quiz_outcome outcome;
	int64_t time_ms;      /* on the question */
	int64_t answered_mono; /* when it ended, on the monotonic clock */
	double points;
	char *given;          /* owned */
	bool graded, typo;
	size_t expected_len;
};

struct quiz {
	struct qd_ctx *ctx;
	const struct qd_quiz_opts *o;
	struct qd_prompt *prompt;
	struct qd_quiz_question *qs;
	size_t nq;
	struct asked *asked;
	size_t nasked;
	int64_t start_mono, end_mono, total_deadline;
	int64_t bonus_limit;
	int width;            /* the terminal's, at the last layout */
	bool interrupted, out_of_time;
	char fingerprint[QD_FINGERPRINT_HEX + 1];
};

static const char *const quiz_commands[] = {":quit", NULL};

static void out_buf(struct quiz *z, struct qd_buf *b)
{
	fwrite(b->data, 1, b->len, z->ctx->out);
	qd_buf_reset(b);
}

static void fmt_clock(char *buf, size_t size, int64_t ms)
{
	int64_t s = (ms < 0 ? 0 : ms) / 1000;

	snprintf(buf, size, "%lld:%02lld", (long long)(s / 60), (long long)(s % 60));
}

static void fmt_secs(char *buf, size_t size, int64_t ms)
{
	snprintf(buf, size, "%lld.%lld s", (long long)(ms / 1000), (long long)(ms % 1000 / 100));
}

/* The wall-clock time of a moment on the monotonic clock. */
static int64_t wall_ms(const struct quiz *z, int64_t mono)
{
	if (z->ctx->now_fixed)
		return z->ctx->now_ms;
	return z->ctx->now_ms + (mono - z->start_mono);
}

/* What to record as the answer given: the choices' text rather than the
 * number typed (the order differs between seeds), true/false spelt out. */
static char *given_text(const struct qd_card *card, const struct qd_ask_result *res)
{
	struct qd_buf b;

	qd_buf_init(&b);
	if (res->status == QD_ASK_ANSWERED && res->graded && res->chosen &&
	    (card->type == QD_CARD_CHOICE || card->type == QD_CARD_MULTI)) {
		for (size_t i = 0; i < card->n_choices; i++)
			if (res->chosen[i])
				qd_buf_addf(&b, "%s%s", b.len ? ", " : "", card->choices[i]);
	} else if (res->status == QD_ASK_ANSWERED && res->graded &&
	           card->type == QD_CARD_TRUEFALSE && res->given[strspn(res->given, " \t")]) {
		qd_buf_adds(&b, res->correct == card->truth ? "true" : "false");
	} else {
		qd_buf_adds(&b, res->given ? res->given : "");
	}
	return qd_buf_detach(&b, NULL);
}

static void header(struct quiz *z)
{
	struct qd_buf b;
	char t[32];

	qd_buf_init(&b);
	qd_style(&b, z->ctx->color, QD_STYLE_BOLD, "Quiz");
	qd_buf_addf(&b, ": %zu question%s", z->nq, z->nq == 1 ? "" : "s");
	if (z->o->per_question_ms) {
		fmt_clock(t, sizeof(t), z->o->per_question_ms);
		qd_buf_addf(&b, " · %s per question", t);
	}
	if (z->o->total_ms) {
		fmt_clock(t, sizeof(t), z->o->total_ms);
		qd_buf_addf(&b, " · %s in all", t);
	}
	if (z->o->speed_bonus && z->bonus_limit > 0)
		qd_buf_adds(&b, " · speed bonus");
	qd_buf_addc(&b, '\n');
	/* Title, class and file name come from files and the command line:
	 * sanitised, one line each. */
	if (z->o->title || z->o->class_name) {
		if (z->o->title)
			qd_text_sanitize(&b, z->o->title, strlen(z->o->title), QD_SANITIZE_ONELINE);
		if (z->o->title && z->o->class_name)
			qd_buf_adds(&b, " · ");
		if (z->o->class_name)
			qd_text_sanitize(&b, z->o->class_name, strlen(z->o->class_name),
			                 QD_SANITIZE_ONELINE);
		qd_buf_addc(&b, '\n');
	}
	qd_buf_addf(&b, "seed %llu", (unsigned long long)z->o->draw.seed);
	if (z->o->quiz_file) {
		qd_buf_adds(&b, " · quiz file ");
		qd_text_sanitize(&b, z->o->quiz_file, strlen(z->o->quiz_file), QD_SANITIZE_ONELINE);
	} else if (z->o->reproduce) {
		qd_buf_adds(&b, " — the same quiz for the class:\n  ");
		qd_text_sanitize(&b, z->o->reproduce, strlen(z->o->reproduce), QD_SANITIZE_ONELINE);
	}
	qd_buf_addc(&b, '\n');
	out_buf(z, &b);
	qd_buf_release(&b);
}

static void progress(struct quiz *z, size_t i)
{
	struct qd_buf b;
	char head[48];

	qd_buf_init(&b);
	snprintf(head, sizeof(head), "[%zu/%zu]", i + 1, z->nq);
	qd_buf_addc(&b, '\n');
	qd_style(&b, z->ctx->color, QD_STYLE_CYAN | QD_STYLE_BOLD, head);
	qd_buf_addc(&b, ' ');
	qd_style(&b, z->ctx->color, QD_STYLE_DIM, qd_deck_title(z->qs[i].deck));
	qd_buf_addc(&b, '\n');
	out_buf(z, &b);
	qd_buf_release(&b);
}

enum verdict { V_YES, V_NO, V_TIMEOUT, V_END };

/* Self-grading a basic card after the reveal. The question's own limit no
 * longer applies (the answer is on screen); the quiz's total limit does. */
static enum verdict self_grade(struct quiz *z)
{
	struct qd_buf prompt;
	enum verdict v = V_END;

	qd_buf_init(&prompt);
	qd_style_prompt(&prompt, z->ctx->color, QD_STYLE_BOLD, "did you know it? (y/n)");
	qd_buf_adds(&prompt, "> ");
	for (;;) {
		struct qd_prompt_req req = {prompt.data, NULL, z->total_deadline,
		                            z->o->countdown, false};
		enum qd_prompt_status st;
		char *line = NULL;
		bool val;
		struct qd_err err;

		fflush(z->ctx->out);
		st = qd_prompt_read(z->prompt, &req, &line);
		if (st == QD_PROMPT_TIMEOUT) {
			v = V_TIMEOUT;
		} else if (st != QD_PROMPT_LINE) {
			v = V_END;
		} else if (qd_match_truefalse_parse(line, &val, &err) == 0) {
			v = val ? V_YES : V_NO;
		} else {
			fputs("  y or n\n", z->ctx->out);
			free(line);
			continue;
		}
		free(line);
		break;
	}
	qd_buf_release(&prompt);
	return v;
}

static bool deadline_passed(int64_t deadline)
{
	return deadline && qd_prompt_clock_ms() >= deadline;
}

/* Asks question i. Returns false when the quiz ends here (Ctrl-C, Ctrl-D,
 * :quit, an input error) without this question being counted. */
static bool ask_one(struct quiz *z, size_t i)
{
	const struct qd_quiz_question *q = &z->qs[i];
	struct asked *rec = &z->asked[z->nasked];
	int64_t q_start = qd_prompt_clock_ms(), deadline = z->total_deadline;
	struct qd_ask a = {0};
	struct qd_ask_result res;
	enum verdict v;

	if (z->o->per_question_ms &&
	    (!deadline || q_start + z->o->per_question_ms < deadline))
		deadline = q_start + z->o->per_question_ms;
	progress(z, i);
	z->width = qd_ctx_term_width(z->ctx, QD_TEXT_MAX_WIDTH);
	a.out = z->ctx->out;
	a.color = z->ctx->color;
	a.width = z->width;
	a.prompt = z->prompt;
	a.ignore_accents = qd_deck_ignores_accents(q->deck);
	a.seed = q->choice_seed;
	a.deadline_ms = deadline;
	a.countdown = z->o->countdown;
	a.commands = quiz_commands;
	for (;;) {
		qd_ask_card(&a, q->card, &res);
		if (res.status != QD_ASK_COMMAND)
			break;
		if (strcmp(res.command, ":quit") == 0 || strcmp(res.command, ":q") == 0) {
			res.status = QD_ASK_INTERRUPT;
			break;
		}
		fputs("  the only command in a quiz is :quit\n", z->ctx->out);
		qd_ask_result_release(&res);
	}
	switch (res.status) {
	case QD_ASK_ANSWERED:
		qd_ask_reveal(&a, q->card, &res);
		v = res.correct ? V_YES : V_NO;
		if (!res.graded) {
			v = self_grade(z);
			if (v == V_TIMEOUT)
				fputs("⏱ time is up\n", z->ctx->out);
		}
		break;
	case QD_ASK_TIMEOUT:
		qd_ask_reveal(&a, q->card, &res);
		v = V_TIMEOUT;
		break;
	default:
		v = V_END;
		break;
	}
	if (v == V_END) {
		qd_ask_result_release(&res);
		z->interrupted = true;
		return false;
	}
	rec->q = q;
	rec->answered_mono = qd_prompt_clock_ms();
	rec->time_ms = (v == V_TIMEOUT && deadline ? deadline : rec->answered_mono) - q_start;
	if (!res.graded && res.status == QD_ASK_ANSWERED)
		rec->time_ms = res.duration_ms; /* self-graded: until the reveal */
	if (rec->time_ms < 0)
		rec->time_ms = 0;
	rec->outcome = v == V_YES ? QD_QUIZ_CORRECT : v == V_NO ? QD_QUIZ_WRONG : QD_QUIZ_TIMEOUT;
	rec->points = qd_quiz_points(v == V_YES, rec->time_ms, z->bonus_limit, z->o->speed_bonus);
	rec->given = given_text(q->card, &res);
	rec->graded = res.graded;
	rec->typo = res.typo;
	rec->expected_len = res.expected_len;
	z->nasked++;
	qd_ask_result_release(&res);
	if (deadline_passed(z->total_deadline)) {
		z->out_of_time = true;
		return false;
	}
	return true;
}

static enum qd_rating review_rating(const struct asked *r)
{
	if (r->outcome != QD_QUIZ_CORRECT)
		return QD_AGAIN;
	if (!r->graded)
		return QD_GOOD;
	return qd_match_suggest(true, r->typo, r->time_ms, r->expected_len);
}

/* Appends the result (and the reviews). Returns 0; -1 when the result was
 * not saved; -2 when it was but the reviews were not (after printing). */
static int record(struct quiz *z, struct qd_revlog *log, char *id_out, size_t id_size)
{
	struct qd_quiz_result res = {0};
	struct qd_quiz_answer *ans = qd_xcalloc(z->nasked ? z->nasked : 1, sizeof(*ans));
	const char **decks = qd_xcalloc(z->nq ? z->nq : 1, sizeof(*decks));
	size_t nd = 0;
	struct qd_err err;
	int rc = 0;

	for (size_t i = 0; i < z->nq; i++) {
		const char *d = qd_deck_id(z->qs[i].deck);
		bool seen = false;
		for (size_t k = 0; k < nd; k++)
			seen = seen || strcmp(decks[k], d) == 0;
		if (!seen)
			decks[nd++] = d;
	}
	for (size_t i = 0; i < z->nasked; i++) {
		ans[i].deck = qd_deck_id(z->asked[i].q->deck);
		ans[i].card = z->asked[i].q->card->id;
		ans[i].outcome = z->asked[i].outcome;
		ans[i].time_ms = z->asked[i].time_ms;
		ans[i].points = z->asked[i].points;
		ans[i].given = z->asked[i].given;
		res.score += z->asked[i].points;
	}
	res.id = NULL; /* STARTED-SEED */
	res.started_ms = z->ctx->now_ms;
	res.time_ms = wall_ms(z, z->end_mono);
	res.name = z->o->name ? z->o->name : "";
	res.decks = decks;
	res.n_decks = nd;
	res.seed = z->o->draw.seed;
	res.time_used_ms = z->end_mono - z->start_mono;
	res.max_score = (double)z->nq;
	res.answers = ans;
	res.n_answers = z->nasked;
	res.fingerprint = z->fingerprint;
	snprintf(id_out, id_size, "%lld-%llu", (long long)res.started_ms,
	         (unsigned long long)res.seed);
	if (qd_revlog_append_quiz(log, &res, &err)) {
		rc = -1;
	} else if (z->o->record_reviews && z->nasked) {
		struct qd_review *rv = qd_xcalloc(z->nasked, sizeof(*rv));
		for (size_t i = 0; i < z->nasked; i++) {
			const struct asked *r = &z->asked[i];
			rv[i].time_ms = wall_ms(z, r->answered_mono);
			rv[i].deck = ans[i].deck;
			rv[i].card = ans[i].card;
			rv[i].rating = (int)review_rating(r);
			rv[i].duration_ms = r->time_ms;
			rv[i].mode = QD_MODE_QUIZ;
			/* 'y'/'n' as a study session records them; '-' when the
			 * learner graded the card (or would have). */
			if (!qd_ask_auto_gradable(r->q->card))
				rv[i].correct = QD_CORRECT_NA;
			else
				rv[i].correct = r->outcome == QD_QUIZ_CORRECT ? QD_CORRECT_YES
				                                              : QD_CORRECT_NO;
		}
		if (qd_revlog_append_reviews(log, rv, z->nasked, &err))
			rc = -2;
		free(rv);
	}
	if (rc) {
		fflush(z->ctx->out);
		qd_err_print(z->ctx->err, z->ctx->prog, &err);
	}
	free(ans);
	free(decks);
	return rc;
}

static void put_line(struct quiz *z, const char *s, int indent)
{
	struct qd_buf b;

	qd_buf_init(&b);
	qd_text_wrap(&b, s, z->width, indent);
	qd_buf_addc(&b, '\n');
	out_buf(z, &b);
	qd_buf_release(&b);
}

/* Appends s sanitised for one line; "(nothing)" for an empty answer. */
static void add_answer(struct qd_buf *b, const char *s)
{
	if (!s[strspn(s, " \t")])
		qd_buf_adds(b, "(nothing)");
	else
		qd_text_sanitize(b, s, strlen(s), QD_SANITIZE_ONELINE);
}

static void end_screen(struct quiz *z)
{
	bool color = z->ctx->color;
	double score = 0;
	size_t correct = 0, missed = 0;
	struct qd_buf b, line;
	char pts[32], max[32], t1[32], t2[32];

	for (size_t i = 0; i < z->nasked; i++) {
		score += z->asked[i].points;
		correct += z->asked[i].outcome == QD_QUIZ_CORRECT;
	}
	/* Laid out at the width of the moment, which may not be the width the
	 * quiz started at: every line goes through put_line(). */
	z->width = qd_ctx_term_width(z->ctx, QD_TEXT_MAX_WIDTH);
	qd_buf_init(&b);
	qd_buf_init(&line);
	qd_revrec_format_points(pts, sizeof(pts), score);
	qd_revrec_format_points(max, sizeof(max), (double)z->nq);
	fmt_clock(t1, sizeof(t1), z->end_mono - z->start_mono);
	qd_buf_addc(&b, '\n');
	qd_style(&b, color, QD_STYLE_BOLD, "Quiz over.");
	if (z->out_of_time)
		qd_buf_adds(&b, " Time is up.");
	else if (z->interrupted)
		qd_buf_adds(&b, " Ended early.");
	qd_buf_addc(&b, '\n');
	out_buf(z, &b);
	qd_buf_addf(&line, "Score: %s/%s (%d%%) · %zu of %zu correct · time %s", pts, max,
	            z->nq ? (int)lround(score * 100 / (double)z->nq) : 0, correct, z->nq, t1);
	if (z->o->total_ms) {
		fmt_clock(t2, sizeof(t2), z->o->total_ms);
		qd_buf_addf(&line, " of %s", t2);
	}
	put_line(z, line.data, 7);
	qd_buf_reset(&line);
	for (size_t i = 0; i < z->nasked; i++) {
		const struct asked *r = &z->asked[i];
		const char *mark = r->outcome == QD_QUIZ_CORRECT ? "✓"
		                   : r->outcome == QD_QUIZ_WRONG ? "✗"
		                                                 : "⏱";
		unsigned style = r->outcome == QD_QUIZ_CORRECT ? QD_STYLE_GREEN : QD_STYLE_RED;
		char head[64];

		fmt_secs(t1, sizeof(t1), r->time_ms);
		qd_revrec_format_points(pts, sizeof(pts), r->points);
		snprintf(head, sizeof(head), "%3zu ", i + 1);
		qd_buf_adds(&line, head);
		qd_style(&line, color, style, mark);
		qd_buf_addf(&line, " %6s  %5s pt  ", t1, pts);
		qd_style(&line, color, QD_STYLE_BOLD, r->q->card->id);
		put_line(z, line.data, 6);
		qd_buf_reset(&line);
		qd_buf_adds(&line, "      your answer: ");
		add_answer(&line, r->given);
		if (r->outcome != QD_QUIZ_CORRECT) {
			struct qd_buf ans;
			qd_buf_init(&ans);
			qd_ask_answer_text(&ans, r->q->card);
			qd_buf_adds(&line, " · correct: ");
			qd_text_sanitize(&line, ans.data, ans.len, QD_SANITIZE_ONELINE);
			qd_buf_release(&ans);
		}
		put_line(z, line.data, 6);
		qd_buf_reset(&line);
		missed += r->outcome != QD_QUIZ_CORRECT;
	}
	if (z->nasked < z->nq) {
		qd_buf_addf(&line, "%zu question%s not asked.", z->nq - z->nasked,
		            z->nq - z->nasked == 1 ? " was" : "s were");
		put_line(z, line.data, 0);
		qd_buf_reset(&line);
	}
	/* The slowest answers (up to three), slowest first; timeouts are missed. */
	{
		size_t top[3], ntop = 0;
		for (size_t i = 0; i < z->nasked; i++) {
			size_t k;
			if (z->asked[i].outcome == QD_QUIZ_TIMEOUT)
				continue;
			for (k = ntop; k > 0 && z->asked[top[k - 1]].time_ms < z->asked[i].time_ms; k--)
				if (k < 3)
					top[k] = top[k - 1];
			if (k < 3) {
				top[k] = i;
				if (ntop < 3)
					ntop++;
			}
		}
		if (ntop) {
			qd_buf_adds(&line, "Slowest: ");
			for (size_t k = 0; k < ntop; k++) {
				fmt_secs(t1, sizeof(t1), z->asked[top[k]].time_ms);
				qd_buf_addf(&line, "%s#%zu ", k ? ", " : "", top[k] + 1);
				qd_text_sanitize(&line, z->asked[top[k]].q->card->id,
				                 strlen(z->asked[top[k]].q->card->id), QD_SANITIZE_ONELINE);
				qd_buf_addf(&line, " (%s)", t1);
			}
			put_line(z, line.data, 9);
			qd_buf_reset(&line);
		}
	}
	if (missed) {
		size_t k = 0;
		qd_buf_adds(&line, "Missed: ");
		for (size_t i = 0; i < z->nasked; i++) {
			if (z->asked[i].outcome == QD_QUIZ_CORRECT)
				continue;
			qd_buf_addf(&line, "%s#%zu ", k++ ? ", " : "", i + 1);
			qd_text_sanitize(&line, z->asked[i].q->card->id,
			                 strlen(z->asked[i].q->card->id), QD_SANITIZE_ONELINE);
			if (z->asked[i].outcome == QD_QUIZ_TIMEOUT)
				qd_buf_adds(&line, " (time)");
		}
		put_line(z, line.data, 8);
		qd_buf_reset(&line);
	}
	qd_buf_release(&line);
	qd_buf_release(&b);
}

int qd_quiz_run(struct qd_ctx *ctx, const struct qd_quiz_opts *opts, struct qd_collection *col,
                struct qd_revlog *log, struct qd_prompt *prompt)
{
	struct quiz z;
	char id[64];
	struct qd_buf line;
	int status = QD_EXIT_OK, rc;

	memset(&z, 0, sizeof(z));
	z.ctx = ctx;
	z.o = opts;
	z.prompt = prompt;
	z.width = qd_ctx_term_width(ctx, QD_TEXT_MAX_WIDTH);
	z.nq = qd_quiz_draw(col->cards, col->n_cards, &opts->draw, &z.qs);
	if (z.nq == 0) {
		/* Suggest --self-grade only when it would find cards. */
		struct qd_quiz_draw_opts d = opts->draw;
		struct qd_quiz_question *q = NULL;
		size_t basic = 0;

		if (!d.self_grade) {
			d.self_grade = true;
			d.count = 1;
			basic = qd_quiz_draw(col->cards, col->n_cards, &d, &q);
			free(q);
		}
		fprintf(ctx->err, "%s: no card can be asked in a quiz%s\n", ctx->prog,
		        basic ? " (only basic cards match: try --self-grade)"
		        : opts->draw.n_tags ? " (no card has these tags)" : "");
		return QD_EXIT_FAIL;
	}
	qd_fingerprint(opts, z.qs, z.nq, z.fingerprint);
	z.asked = qd_xcalloc(z.nq, sizeof(*z.asked));
	z.bonus_limit = opts->speed_bonus ? qd_quiz_bonus_limit(opts->per_question_ms,
	                                                        opts->total_ms, z.nq)
	                                  : 0;
	header(&z);
	z.start_mono = qd_prompt_clock_ms();
	if (opts->total_ms)
		z.total_deadline = z.start_mono + opts->total_ms;
	for (size_t i = 0; i < z.nq; i++)
		if (!ask_one(&z, i))
			break;
	z.end_mono = qd_prompt_clock_ms();
	if (z.total_deadline && z.end_mono > z.total_deadline)
		z.end_mono = z.total_deadline;
	if (z.nasked == 0) {
		end_screen(&z);
		put_line(&z, "Nothing was answered, so nothing was recorded.", 0);
	} else if ((rc = record(&z, log, id, sizeof(id))) == 0) {
		end_screen(&z);
		qd_buf_init(&line);
		qd_buf_addf(&line, "Fingerprint %.*s: the same for everyone asked these questions.",
		            QD_FINGERPRINT_SHORT, z.fingerprint);
		put_line(&z, line.data, 0);
		qd_buf_reset(&line);
		qd_buf_addf(&line, "Saved as quiz %s%s.", id,
		            opts->record_reviews ? ", with the answers as reviews" : "");
		put_line(&z, line.data, 0);
		qd_buf_release(&line);
	} else if (rc == -2) {
		/* The result is on disk: saying otherwise would make the
		 * learner take the quiz again and record it twice. */
		end_screen(&z);
		qd_buf_init(&line);
		qd_buf_addf(&line, "Saved as quiz %s.", id);
		put_line(&z, line.data, 0);
		qd_buf_release(&line);
		fflush(ctx->out);
		fprintf(ctx->err, "%s: the answers were NOT recorded as reviews\n", ctx->prog);
		status = QD_EXIT_IOERR;
	} else {
		end_screen(&z);
		fprintf(ctx->err, "%s: this quiz result was NOT saved\n", ctx->prog);
		status = QD_EXIT_IOERR;
	}
	fflush(ctx->out);
	for (size_t i = 0; i < z.nasked; i++)
		free(z.asked[i].given);
	free(z.asked);
	free(z.qs);
	return status;
}

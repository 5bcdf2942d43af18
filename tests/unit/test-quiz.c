/* Unit tests for quizzes (drawing, scoring) and class results (merging,
 * duplicates, medians, CSV quoting). */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/ask.h"
#include "quizdeck/buf.h"
#include "quizdeck/quiz.h"
#include "quizdeck/results.h"

static const char deck_a[] =
	"deck: alpha\n"
	"title: A\n"
	"cards:\n"
	"  - {id: t1, type: typed, q: one, a: x, tags: [geo]}\n"
	"  - {id: t2, type: typed, q: two, a: x}\n"
	"  - {id: c1, type: choice, q: three, choices: [a, b, c, d], a: a, tags: [geo]}\n"
	"  - {id: b1, type: basic, q: four, a: x, tags: [geo]}\n"
	"  - {id: f1, type: truefalse, q: five, a: true}\n"
	"  - {id: z1, type: cloze, text: 'six {{x}}'}\n"
	"  - {id: b2, type: basic, q: seven, a: x}\n";
static const char deck_b[] =
	"deck: beta\n"
	"title: B\n"
	"cards:\n"
	"  - {id: m1, type: multi, q: eight, choices: [a, b, c], a: [a, b]}\n"
	"  - {id: t1, type: typed, q: nine, a: y}\n";

struct fixture {
	struct qd_deck *a, *b;
	struct qd_collection_card cards[16];
	size_t n;
};

static struct qd_deck *load(const char *name, const char *text)
{
	struct qd_deck *d = NULL;
	struct qd_diags diags;
	struct qd_err err;

	qd_diags_init(&diags, name);
	assert_int_equal(qd_deck_load_mem(name, text, strlen(text), &d, &diags, &err), 0);
	qd_diags_release(&diags);
	return d;
}

/* The cards of both decks, in the order given (a then b, or b then a). */
static void setup(struct fixture *f, bool b_first)
{
	struct qd_deck *order[2];

	memset(f, 0, sizeof(*f));
	f->a = load("a.yaml", deck_a);
	f->b = load("b.yaml", deck_b);
	order[0] = b_first ? f->b : f->a;
	order[1] = b_first ? f->a : f->b;
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; i < qd_deck_card_count(order[k]); i++) {
			f->cards[f->n].deck = order[k];
			f->cards[f->n].card = qd_deck_card(order[k], i);
			f->n++;
		}
}

static void teardown(struct fixture *f)
{
	qd_deck_free(f->a);
	qd_deck_free(f->b);
}

/* Siblings (one group) are never drawn together: every seed, every count. */
static void test_draw_one_per_group(void **state)
{
	static const char text[] =
		"deck: siblings\n"
		"title: S\n"
		"cards:\n"
		"  - {id: s1, type: typed, q: one, a: x, group: g}\n"
		"  - {id: s2, type: typed, q: two, a: x, group: g}\n"
		"  - {id: s3, type: typed, q: three, a: x, group: g}\n"
		"  - {id: h1, type: typed, q: four, a: x, group: h}\n"
		"  - {id: h2, type: typed, q: five, a: x, group: h}\n"
		"  - {id: lone, type: typed, q: six, a: x}\n";
	struct qd_deck *d = load("s.yaml", text);
	struct qd_collection_card cards[6];

	(void)state;
	memset(cards, 0, sizeof(cards));
	for (size_t i = 0; i < 6; i++) {
		cards[i].deck = d;
		cards[i].card = qd_deck_card(d, i);
	}
	for (uint64_t seed = 1; seed <= 50; seed++) {
		struct qd_quiz_draw_opts o = {seed, 10, NULL, 0, false, 0};
		struct qd_quiz_question *q;
		size_t n = qd_quiz_draw(cards, 6, &o, &q), g = 0, h = 0, lone = 0;
		/* as many questions as there are groups and lone cards */
		assert_int_equal(n, 3);
		for (size_t k = 0; k < n; k++) {
			const char *grp = q[k].card->group;
			g += grp && strcmp(grp, "g") == 0;
			h += grp && strcmp(grp, "h") == 0;
			lone += !grp;
		}
		assert_int_equal(g, 1);
		assert_int_equal(h, 1);
		assert_int_equal(lone, 1);
		free(q);
	}
	qd_deck_free(d);
}

/* A quiz asks each card as written: a reversed twin is never drawn, even
 * when basic cards are (self_grade). */
static void test_draw_no_reversed(void **state)
{
	static const char text[] =
		"deck: rev\n"
		"title: R\n"
		"reverse: true\n"
		"cards:\n"
		"  - {id: a, type: basic, q: one, a: x}\n"
		"  - {id: b, type: basic, q: two, a: y}\n";
	struct qd_deck *d = load("r.yaml", text);
	struct qd_collection_card cards[4];

	(void)state;
	memset(cards, 0, sizeof(cards));
	for (size_t i = 0; i < 4; i++) {
		cards[i].deck = d;
		cards[i].card = qd_deck_card(d, i / 2);
		cards[i].reversed = i % 2;
	}
	for (uint64_t seed = 1; seed <= 20; seed++) {
		struct qd_quiz_draw_opts o = {seed, 10, NULL, 0, true, 0};
		struct qd_quiz_question *q;
		size_t n = qd_quiz_draw(cards, 4, &o, &q);
		assert_int_equal(n, 2);
		assert_ptr_not_equal(q[0].card, q[1].card);
		free(q);
	}
	qd_deck_free(d);
}

static void test_draw_deterministic(void **state)
{
	struct fixture f1, f2;
	struct qd_quiz_draw_opts o = {42, 5, NULL, 0, false, 0};
	struct qd_quiz_question *q1, *q2, *q3;
	size_t n1, n2, n3;
	bool differs = false;

	(void)state;
	setup(&f1, false);
	setup(&f2, true); /* the decks in the other order: same quiz */
	n1 = qd_quiz_draw(f1.cards, f1.n, &o, &q1);
	n2 = qd_quiz_draw(f2.cards, f2.n, &o, &q2);
	assert_int_equal(n1, 5);
	assert_int_equal(n2, 5);
	for (size_t i = 0; i < n1; i++) {
		assert_string_equal(qd_deck_id(q1[i].deck), qd_deck_id(q2[i].deck));
		assert_string_equal(q1[i].card->id, q2[i].card->id);
		assert_true(q1[i].choice_seed == q2[i].choice_seed);
		assert_true(qd_ask_auto_gradable(q1[i].card));
		for (size_t k = 0; k < i; k++) /* no question twice */
			assert_false(q1[k].card == q1[i].card);
	}
	/* The draw is part of the contract (a printed seed must give the same
	 * quiz after an upgrade): pin it. */
	{
		struct qd_buf got;
		qd_buf_init(&got);
		for (size_t i = 0; i < n1; i++)
			qd_buf_addf(&got, "%s/%s %llu\n", qd_deck_id(q1[i].deck), q1[i].card->id,
			            (unsigned long long)q1[i].choice_seed);
		assert_string_equal(got.data, "alpha/f1 6502335783340622464\n"
		                              "alpha/z1 1828977983996096255\n"
		                              "beta/m1 2182333841995081508\n"
		                              "alpha/t2 10589945223018045744\n"
		                              "alpha/t1 9740973237935352508\n");
		qd_buf_release(&got);
	}
	/* Another seed gives another quiz (for these two seeds, at least). */
	o.seed = 43;
	n3 = qd_quiz_draw(f1.cards, f1.n, &o, &q3);
	assert_int_equal(n3, 5);
	for (size_t i = 0; i < n1; i++)
		differs = differs || q1[i].card != q3[i].card;
	assert_true(differs);
	free(q1);
	free(q2);
	free(q3);
	teardown(&f1);
	teardown(&f2);
}

static void test_draw_filters(void **state)
{
	struct fixture f;
	struct qd_quiz_draw_opts o = {7, 100, NULL, 0, false, 0};
	const char *geo[] = {"geo"};
	struct qd_quiz_question *q;
	size_t n, basic = 0;

	(void)state;
	setup(&f, false);
	/* all 9 cards but the 2 basic ones */
	n = qd_quiz_draw(f.cards, f.n, &o, &q);
	assert_int_equal(n, 7);
	free(q);
	o.self_grade = true;
	n = qd_quiz_draw(f.cards, f.n, &o, &q);
	assert_int_equal(n, 9);
	for (size_t i = 0; i < n; i++)
		basic += q[i].card->type == QD_CARD_BASIC;
	assert_int_equal(basic, 2);
	free(q);
	o.tags = geo;
	o.n_tags = 1;
	o.self_grade = false;
	n = qd_quiz_draw(f.cards, f.n, &o, &q);
	assert_int_equal(n, 2); /* t1 and c1; b1 is basic */
	free(q);
	o.count = 0;
	assert_int_equal(qd_quiz_draw(f.cards, f.n, &o, &q), 0);
	assert_null(q);
	teardown(&f);
}

static void test_points(void **state)
{
	(void)state;
	assert_true(qd_quiz_points(false, 0, 10000, true) == 0);
	assert_true(qd_quiz_points(true, 9000, 10000, false) == 1);
	assert_true(qd_quiz_points(true, 0, 10000, true) == 1);
	assert_true(qd_quiz_points(true, 5000, 10000, true) == 0.75);
	assert_true(qd_quiz_points(true, 10000, 10000, true) == 0.5);
	assert_true(qd_quiz_points(true, 20000, 10000, true) == 0.5); /* never below half */
	assert_true(qd_quiz_points(true, 1000, 3000, true) == 0.833);  /* 3 decimals */
	assert_true(qd_quiz_points(true, 5000, 0, true) == 1);         /* no limit: no bonus */
	assert_int_equal(qd_quiz_bonus_limit(10000, 60000, 10), 10000);
	assert_int_equal(qd_quiz_bonus_limit(0, 60000, 10), 6000);
	assert_int_equal(qd_quiz_bonus_limit(0, 0, 10), 0);
}

static void test_median(void **state)
{
	int64_t a[] = {5, 1, 3}, b[] = {4, 1, 3, 2}, c[] = {7};

	(void)state;
	assert_int_equal(qd_median_ms(a, 3), 3);
	assert_int_equal(qd_median_ms(b, 4), 2); /* (2 + 3) / 2 rounded down */
	assert_int_equal(qd_median_ms(c, 1), 7);
	assert_int_equal(qd_median_ms(NULL, 0), -1);
}

/* A log holding one quiz result per (id, name, answers) triple. */
static void make_log(struct qd_logdata *d, const char *id, const char *name,
                     const struct qd_quiz_answer *ans, size_t n)
{
	struct qd_buf b;
	struct qd_quiz_result q = {0};
	const char *decks[] = {"alpha"};
	struct qd_diags diags;
	struct qd_err err;

	qd_buf_init(&b);
	qd_buf_adds(&b, "quizdeck-log 1\n");
	q.id = id;
	q.time_ms = q.started_ms = 1767261600000;
	q.name = name;
	q.decks = decks;
	q.n_decks = 1;
	q.seed = 5;
	q.time_used_ms = 1000;
	for (size_t i = 0; i < n; i++)
		q.score += ans[i].points;
	q.max_score = (double)n;
	q.answers = ans;
	q.n_answers = n;
	assert_int_equal(qd_revrec_encode_quiz(&b, &q, &err), 0);
	qd_diags_init(&diags, "mem");
	assert_int_equal(qd_revlog_load_mem(b.data, b.len, d, &diags, &err), 0);
	assert_int_equal(diags.len, 0);
	qd_diags_release(&diags);
	qd_buf_release(&b);
}

static void test_results_merge(void **state)
{
	struct qd_quiz_answer ann[] = {
		{"alpha", "t1", QD_QUIZ_CORRECT, 1000, 1, "x"},
		{"alpha", "c1", QD_QUIZ_WRONG, 3000, 0, "b"},
	};
	struct qd_quiz_answer bob[] = {
		{"alpha", "t1", QD_QUIZ_WRONG, 2000, 0, " Lyon "},
		{"alpha", "c1", QD_QUIZ_WRONG, 5000, 0, "b"},
	};
	struct qd_quiz_answer cy[] = {
		{"alpha", "t1", QD_QUIZ_WRONG, 4000, 0, "Lyon"},
		{"alpha", "c1", QD_QUIZ_TIMEOUT, 9000, 0, "c"},
	};
	struct qd_logdata la, lb, lc;
	struct qd_results r;
	struct qd_results_filter only_bob = {NULL, "BOB", false};
	struct qd_buf csv;

	(void)state;
	make_log(&la, "100-5", "Ann", ann, 2);
	make_log(&lb, "100-5", "Bob, \"B\"", bob, 2); /* same quiz id, another learner */
	make_log(&lc, "200-5", "Cy", cy, 2);
	qd_results_init(&r);
	assert_int_equal(qd_results_add(&r, &la, NULL), 1);
	assert_int_equal(qd_results_add(&r, &lb, NULL), 1);
	assert_int_equal(qd_results_add(&r, &lc, NULL), 1);
	assert_int_equal(qd_results_add(&r, &la, NULL), 0); /* sent twice */
	assert_int_equal(r.duplicates, 1);
	qd_results_finish(&r, NULL);
	assert_int_equal(r.n_rows, 3);
	assert_string_equal(r.rows[0].name, "Ann"); /* same start: by name */
	assert_string_equal(r.rows[1].name, "Bob, \"B\"");
	assert_string_equal(r.rows[2].name, "Cy");
	assert_int_equal(r.n_questions, 2);
	/* sorted by card id: c1, t1 */
	assert_string_equal(r.questions[0].card, "c1");
	assert_int_equal(r.questions[0].asked, 3);
	assert_int_equal(r.questions[0].timed_out, 1);
	assert_int_equal(r.questions[0].median_ms, 4000); /* 3000, 5000: timeouts excluded */
	assert_int_equal(r.questions[0].n_wrong_answers, 1);
	assert_string_equal(r.questions[0].wrong_answers[0].answer, "b");
	assert_int_equal(r.questions[0].wrong_answers[0].count, 2);
	assert_string_equal(r.questions[1].card, "t1");
	assert_int_equal(r.questions[1].correct, 1);
	assert_int_equal(r.questions[1].median_ms, 2000);
	assert_string_equal(r.questions[1].wrong_answers[0].answer, "Lyon"); /* trimmed */
	assert_int_equal(r.questions[1].wrong_answers[0].count, 2);

	qd_buf_init(&csv);
	qd_results_write_csv(&csv, &r, QD_RESULTS_CSV_ROWS);
	assert_string_equal(csv.data,
		"name,quiz_id,started,decks,seed,score,max_score,percent,questions,correct,"
		"time_used_ms\n"
		"Ann,100-5,2026-01-01T10:00:00.000Z,alpha,5,1,2,50.0,2,1,1000\n"
		"\"Bob, \"\"B\"\"\",100-5,2026-01-01T10:00:00.000Z,alpha,5,0,2,0.0,2,0,1000\n"
		"Cy,200-5,2026-01-01T10:00:00.000Z,alpha,5,0,2,0.0,2,0,1000\n");
	qd_buf_reset(&csv);
	qd_results_write_csv(&csv, &r, QD_RESULTS_CSV_QUESTIONS);
	assert_string_equal(csv.data,
		"deck,card,asked,correct,wrong,timed_out,percent_correct,median_ms,wrong_answers\n"
		"alpha,c1,3,0,2,1,0.0,4000,b (2)\n"
		"alpha,t1,3,1,2,0,33.3,2000,Lyon (2)\n");
	qd_buf_release(&csv);
	qd_results_release(&r);

	/* The name filter is ASCII case-insensitive. */
	qd_results_init(&r);
	assert_int_equal(qd_results_add(&r, &la, &only_bob), 0);
	assert_int_equal(qd_results_add(&r, &lb, &only_bob), 0);
	qd_results_release(&r);
	only_bob.name = "bob, \"b\"";
	qd_results_init(&r);
	assert_int_equal(qd_results_add(&r, &lb, &only_bob), 1);
	qd_results_release(&r);
	qd_logdata_release(&la);
	qd_logdata_release(&lb);
	qd_logdata_release(&lc);
}

static void test_results_untrusted_text(void **state)
{
	struct qd_quiz_answer ans[] = {
		{"alpha", "t1", QD_QUIZ_WRONG, 1000, 0, "\033]2;pwned\007\x9b"},
	};
	struct qd_logdata l;
	struct qd_results r;
	struct qd_buf out;

	(void)state;
	make_log(&l, "1-1", "Eve\033[8m\001", ans, 1);
	qd_results_init(&r);
	qd_results_add(&r, &l, NULL);
	qd_results_finish(&r, NULL);
	qd_buf_init(&out);
	qd_results_write_plain(&out, &r, 80);
	assert_null(memchr(out.data, '\033', out.len));
	assert_null(memchr(out.data, '\001', out.len));
	assert_null(strstr(out.data, "\x9b"));
	assert_non_null(strstr(out.data, "Eve^[[8m^A"));
	qd_buf_reset(&out);
	qd_results_write_json(&out, &r);
	assert_non_null(strstr(out.data, "\"name\": \"Eve\\u001b[8m\\u0001\""));
	assert_non_null(strstr(out.data, "\\u0007\xEF\xBF\xBD\"")); /* invalid byte: U+FFFD */
	qd_buf_release(&out);
	qd_results_release(&r);
	qd_logdata_release(&l);

	/* C1 and bidi controls escaped in JSON; CSV in caret notation, and a
	 * formula neutralised */
	ans[0].given = "=cmd|' /C calc'!A0\xC2\x9B\xE2\x80\xAE";
	make_log(&l, "1-1", "-2\033]0;x\007", ans, 1);
	qd_results_init(&r);
	qd_results_add(&r, &l, NULL);
	qd_results_finish(&r, NULL);
	qd_buf_init(&out);
	qd_results_write_json(&out, &r);
	assert_non_null(strstr(out.data, "A0\\u009b\\u202e\""));
	qd_buf_reset(&out);
	qd_results_write_csv(&out, &r, QD_RESULTS_CSV_ROWS);
	assert_null(memchr(out.data, '\033', out.len));
	assert_non_null(strstr(out.data, "\n\"'-2^[]0;x^G\",1-1,"));
	qd_buf_reset(&out);
	qd_results_write_csv(&out, &r, QD_RESULTS_CSV_QUESTIONS);
	assert_non_null(strstr(out.data, ",\"'=cmd|' /C calc'!A0\xEF\xBF\xBD (1)\"\n"));
	qd_buf_release(&out);
	qd_results_release(&r);
	qd_logdata_release(&l);
}

/* Percentages in the plain table round half up, as the quiz's end screen
 * does: 1 of 8 is 13% in both (printf's %.0f would print 12%). */
static void test_results_percent_rounding(void **state)
{
	struct qd_quiz_answer ans[8];
	struct qd_logdata l;
	struct qd_results r;
	struct qd_buf out;

	(void)state;
	for (size_t i = 0; i < 8; i++) {
		ans[i] = (struct qd_quiz_answer){"alpha", "t1", QD_QUIZ_WRONG, 1000, 0, "x"};
	}
	ans[0].outcome = QD_QUIZ_CORRECT;
	ans[0].points = 1;
	make_log(&l, "1-1", "Ann", ans, 8);
	qd_results_init(&r);
	qd_results_add(&r, &l, NULL);
	qd_results_finish(&r, NULL);
	qd_buf_init(&out);
	qd_results_write_plain(&out, &r, 80);
	assert_non_null(strstr(out.data, "1/8    13%"));
	assert_null(strstr(out.data, "12%"));
	qd_buf_release(&out);
	qd_results_release(&r);
	qd_logdata_release(&l);
}

/* A recorded answer is graded again with the quiz's own rules, in the form
 * the quiz records it. */
static void test_grade_recorded(void **state)
{
	struct fixture f;
	const struct qd_card *t1, *c1, *b1, *f1, *z1, *m1;

	(void)state;
	setup(&f, false);
	t1 = qd_deck_find(f.a, "t1");
	c1 = qd_deck_find(f.a, "c1");
	b1 = qd_deck_find(f.a, "b1");
	f1 = qd_deck_find(f.a, "f1");
	z1 = qd_deck_find(f.a, "z1");
	m1 = qd_deck_find(f.b, "m1");
	assert_int_equal(qd_ask_grade_recorded(t1, " X ", false), QD_GRADE_RIGHT);
	assert_int_equal(qd_ask_grade_recorded(t1, "y", false), QD_GRADE_WRONG);
	assert_int_equal(qd_ask_grade_recorded(t1, "", false), QD_GRADE_WRONG);
	assert_int_equal(qd_ask_grade_recorded(c1, "a", false), QD_GRADE_RIGHT);
	assert_int_equal(qd_ask_grade_recorded(c1, "b", false), QD_GRADE_WRONG);
	assert_int_equal(qd_ask_grade_recorded(c1, "", false), QD_GRADE_WRONG);
	assert_int_equal(qd_ask_grade_recorded(c1, "e", false), QD_GRADE_UNREADABLE);
	assert_int_equal(qd_ask_grade_recorded(c1, "a, b", false), QD_GRADE_UNREADABLE);
	assert_int_equal(qd_ask_grade_recorded(m1, "a, b", false), QD_GRADE_RIGHT);
	assert_int_equal(qd_ask_grade_recorded(m1, "a", false), QD_GRADE_WRONG);
	assert_int_equal(qd_ask_grade_recorded(m1, "a, b, c", false), QD_GRADE_WRONG);
	assert_int_equal(qd_ask_grade_recorded(m1, "b, a", false), QD_GRADE_UNREADABLE);
	assert_int_equal(qd_ask_grade_recorded(f1, "true", false), QD_GRADE_RIGHT);
	assert_int_equal(qd_ask_grade_recorded(f1, "false", false), QD_GRADE_WRONG);
	assert_int_equal(qd_ask_grade_recorded(f1, " ", false), QD_GRADE_WRONG);
	assert_int_equal(qd_ask_grade_recorded(f1, "maybe", false), QD_GRADE_UNREADABLE);
	assert_int_equal(qd_ask_grade_recorded(z1, "x", false), QD_GRADE_RIGHT);
	assert_int_equal(qd_ask_grade_recorded(z1, "y", false), QD_GRADE_WRONG);
	assert_int_equal(qd_ask_grade_recorded(b1, "x", false), QD_GRADE_UNKNOWN);
	qd_deck_free(f.a);
	qd_deck_free(f.b);
}

static const struct qd_deck *find_alpha(void *data, const char *id)
{
	return strcmp(id, "alpha") == 0 ? data : NULL;
}

/* The speed bonus's limit is not in the log: a result is consistent when
 * one limit explains every right answer's points, and the score is their
 * sum; points from two different limits, or a wrong answer that scored,
 * are not. */
static void test_results_check_points(void **state)
{
	struct qd_quiz_answer ans[] = {
		{"alpha", "t1", QD_QUIZ_CORRECT, 1200, 0, "x"},
		{"alpha", "t2", QD_QUIZ_CORRECT, 7400, 0, "x"},
		{"alpha", "c1", QD_QUIZ_CORRECT, 14999, 0, "a"},
		{"alpha", "f1", QD_QUIZ_WRONG, 3000, 0, "false"},
		{"alpha", "z1", QD_QUIZ_TIMEOUT, 15000, 0, "x"},
		{"alpha", "b1", QD_QUIZ_CORRECT, 20000, 0, "anything"}, /* self-graded */
	};
	struct fixture f;
	struct qd_logdata l;
	struct qd_results r;

	(void)state;
	setup(&f, false);
	for (size_t i = 0; i < 6; i++)
		ans[i].points = qd_quiz_points(ans[i].outcome == QD_QUIZ_CORRECT, ans[i].time_ms,
		                               15000, true);
	make_log(&l, "1-1", "Ann", ans, 6);
	qd_results_init(&r);
	qd_results_add(&r, &l, NULL);
	qd_results_check(&r, find_alpha, f.a);
	assert_int_equal(r.rows[0].check, QD_RESULT_CONSISTENT);
	assert_null(r.rows[0].reasons);
	assert_int_equal(llround(r.rows[0].rescored * 1000), llround(r.rows[0].score * 1000));
	assert_int_equal(r.rows[0].answers[4].grade, QD_GRADE_UNKNOWN); /* a timeout */
	qd_results_release(&r);
	qd_logdata_release(&l);

	/* one right answer scored as with a 30 s limit */
	ans[1].points = qd_quiz_points(true, ans[1].time_ms, 30000, true);
	make_log(&l, "1-1", "Ann", ans, 6);
	qd_results_init(&r);
	qd_results_add(&r, &l, NULL);
	qd_results_check(&r, find_alpha, f.a);
	assert_int_equal(r.rows[0].check, QD_RESULT_INCONSISTENT);
	assert_string_equal(r.rows[0].reasons,
	                    "the points of the right answers follow no one time limit");
	qd_results_release(&r);
	qd_logdata_release(&l);

	/* a wrong answer that scored */
	ans[1].points = qd_quiz_points(true, ans[1].time_ms, 15000, true);
	ans[3].points = 1;
	make_log(&l, "1-1", "Ann", ans, 6);
	qd_results_init(&r);
	qd_results_add(&r, &l, NULL);
	qd_results_check(&r, find_alpha, f.a);
	assert_int_equal(r.rows[0].check, QD_RESULT_INCONSISTENT);
	assert_non_null(strstr(r.rows[0].reasons, "question 4: 1 points for a wrong answer"));
	qd_results_finish(&r, NULL);
	assert_int_equal(r.n_counted, 0);
	assert_int_equal(r.n_questions, 0); /* left out of the question summary */
	qd_results_release(&r);
	qd_logdata_release(&l);
	qd_deck_free(f.a);
	qd_deck_free(f.b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_draw_deterministic),
		cmocka_unit_test(test_draw_one_per_group),
		cmocka_unit_test(test_draw_no_reversed),
		cmocka_unit_test(test_draw_filters),
		cmocka_unit_test(test_points),
		cmocka_unit_test(test_median),
		cmocka_unit_test(test_results_merge),
		cmocka_unit_test(test_results_untrusted_text),
		cmocka_unit_test(test_results_percent_rounding),
		cmocka_unit_test(test_grade_recorded),
		cmocka_unit_test(test_results_check_points),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for the study queue: learning cards shown when their step is
 * due and not before, the line between them, learn-ahead only when nothing
 * else is left, the wait, the front (undo), the counts of what is due now,
 * and today's work counted from a log against the daily limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/buf.h"
#include "quizdeck/queue.h"
#include "quizdeck/revrec.h"

#define T0 INT64_C(1795512600000) /* 2026-11-24T09:30:00Z */
#define MIN INT64_C(60000)
#define DAY INT64_C(86400000)

static struct qd_card_state cards[6];

static void learning(size_t i, int64_t due)
{
	memset(&cards[i], 0, sizeof(cards[i]));
	cards[i].mem.state = QD_STATE_LEARNING;
	cards[i].mem.due_ms = due;
}

static void fresh(size_t i)
{
	memset(&cards[i], 0, sizeof(cards[i]));
}

static size_t next_card(const struct qd_queue *q, int64_t now, enum qd_queue_status want,
                        bool ahead)
{
	struct qd_queue_pick pk;

	assert_int_equal(qd_queue_next(q, cards, now, &pk), want);
	if (want == QD_QUEUE_SHOW)
		assert_int_equal(pk.ahead, ahead);
	return want == QD_QUEUE_SHOW ? pk.item.card : SIZE_MAX;
}

static size_t take(struct qd_queue *q, int64_t now, bool ahead)
{
	struct qd_queue_pick pk;

	assert_int_equal(qd_queue_next(q, cards, now, &pk), QD_QUEUE_SHOW);
	assert_int_equal(pk.ahead, ahead);
	qd_queue_take(q, &pk);
	return pk.item.card;
}

/* A card rated Good (10 min) is not shown again while anything else is
 * left, and is shown at once when its step is due. */
static void test_step_not_before(void **state)
{
	struct qd_queue q;

	(void)state;
	qd_queue_init(&q, 20 * MIN);
	fresh(1);
	fresh(2);
	learning(0, T0 + 10 * MIN); /* just rated Good: 10 min */
	qd_queue_learn(&q, 0);
	qd_queue_push(&q, 1, QD_QUEUE_NEW);
	qd_queue_push(&q, 2, QD_QUEUE_NEW);
	assert_int_equal(take(&q, T0 + 1 * MIN, false), 1);
	/* due now: before the rest of the line */
	assert_int_equal(take(&q, T0 + 10 * MIN, false), 0);
	assert_int_equal(take(&q, T0 + 10 * MIN, false), 2);
	assert_int_equal(next_card(&q, T0 + 10 * MIN, QD_QUEUE_DONE, false), SIZE_MAX);
	qd_queue_release(&q);
}

/* Nothing else left: a card due within the learn-ahead limit is shown
 * early (ahead); beyond it the queue says when to wait for. */
static void test_learn_ahead_and_wait(void **state)
{
	struct qd_queue q;
	struct qd_queue_pick pk;

	(void)state;
	qd_queue_init(&q, 5 * MIN);
	learning(0, T0 + 8 * MIN);
	learning(1, T0 + 4 * MIN);
	qd_queue_learn(&q, 0);
	qd_queue_learn(&q, 1);
	qd_queue_learn(&q, 1); /* no duplicate */
	assert_int_equal(q.n_learn, 2);
	/* the earliest, 4 min away, within 5 */
	assert_int_equal(take(&q, T0, true), 1);
	/* the other is 8 min away: wait for it */
	assert_int_equal(qd_queue_next(&q, cards, T0, &pk), QD_QUEUE_WAIT);
	assert_true(pk.due_ms == T0 + 8 * MIN);
	/* 3 min later it is within the limit; at 8 min it is simply due */
	assert_int_equal(next_card(&q, T0 + 3 * MIN, QD_QUEUE_SHOW, true), 0);
	assert_int_equal(next_card(&q, T0 + 8 * MIN, QD_QUEUE_SHOW, false), 0);
	qd_queue_release(&q);

	/* learn_ahead 0: never early */
	qd_queue_init(&q, 0);
	qd_queue_learn(&q, 0);
	assert_int_equal(next_card(&q, T0 + 8 * MIN - 1, QD_QUEUE_WAIT, false), SIZE_MAX);
	assert_int_equal(next_card(&q, T0 + 8 * MIN, QD_QUEUE_SHOW, false), 0);
	qd_queue_release(&q);
}

/* Learning cards due at once come earliest first, ties in card order, all
 * before the line; those not due wait behind it. */
static void test_order(void **state)
{
	struct qd_queue q;

	(void)state;
	qd_queue_init(&q, 20 * MIN);
	learning(3, T0 - 1 * MIN);
	learning(2, T0 - 5 * MIN);
	learning(4, T0 - 5 * MIN);
	learning(5, T0 + 2 * MIN);
	fresh(0);
	qd_queue_push(&q, 0, QD_QUEUE_REVIEW);
	qd_queue_learn(&q, 5);
	qd_queue_learn(&q, 4);
	qd_queue_learn(&q, 3);
	qd_queue_learn(&q, 2);
	assert_int_equal(take(&q, T0, false), 2);
	assert_int_equal(take(&q, T0, false), 4);
	assert_int_equal(take(&q, T0, false), 3);
	assert_int_equal(take(&q, T0, false), 0);
	assert_int_equal(take(&q, T0, true), 5);
	assert_int_equal(next_card(&q, T0, QD_QUEUE_DONE, false), SIZE_MAX);
	qd_queue_release(&q);
}

/* Counts are of what is due now; the front (undo) comes first, last put
 * back first, and a card put there leaves the learning set. */
static void test_counts_and_front(void **state)
{
	struct qd_queue q;
	struct qd_queue_counts c;

	(void)state;
	qd_queue_init(&q, 20 * MIN);
	learning(0, T0 - MIN);
	learning(1, T0 + 2 * MIN);
	fresh(2);
	fresh(3);
	qd_queue_learn(&q, 0);
	qd_queue_learn(&q, 1);
	qd_queue_push(&q, 2, QD_QUEUE_NEW);
	qd_queue_push(&q, 3, QD_QUEUE_REVIEW);
	qd_queue_count(&q, cards, T0, &c);
	assert_int_equal(c.learn, 1); /* card 1 is not due for 2 min */
	assert_int_equal(c.fresh, 1);
	assert_int_equal(c.review, 1);
	qd_queue_count(&q, cards, T0 + 2 * MIN, &c);
	assert_int_equal(c.learn, 2);

	qd_queue_push_front(&q, 3, QD_QUEUE_REVIEW); /* the card on the screen */
	qd_queue_push_front(&q, 1, QD_QUEUE_LEARN);  /* the undone card */
	assert_int_equal(q.n_learn, 1);
	assert_int_equal(take(&q, T0, false), 1);
	assert_int_equal(take(&q, T0, false), 3);
	assert_int_equal(take(&q, T0, false), 0);
	qd_queue_forget(&q, 2);
	assert_int_equal(take(&q, T0, false), 2);
	qd_queue_release(&q);
}

static void test_due_now(void **state)
{
	struct qd_sched_params p;
	struct qd_memory m = {0};

	(void)state;
	qd_sched_params_default(&p);
	assert_false(qd_queue_due_now(&p, &m, T0));
	m.state = QD_STATE_REVIEW;
	m.due_ms = T0 + 3 * 3600 * 1000; /* later today (UTC day from 04:00) */
	assert_true(qd_queue_due_now(&p, &m, T0));
	m.due_ms = T0 + DAY;
	assert_false(qd_queue_due_now(&p, &m, T0));
	m.state = QD_STATE_RELEARNING;
	m.due_ms = T0 + 1;
	assert_false(qd_queue_due_now(&p, &m, T0));
	assert_true(qd_queue_due_now(&p, &m, T0 + 1));
}

static void add(struct qd_buf *b, const char *card, int64_t t, int rating)
{
	struct qd_review r;

	memset(&r, 0, sizeof(r));
	r.time_ms = t;
	r.deck = "d";
	r.card = card;
	r.rating = rating;
	r.duration_ms = 1000;
	assert_int_equal(qd_revrec_encode_review(b, &r, NULL), 0);
}

/* Today's work from the log: cards started today and review cards
 * reviewed today, not the learning steps, not yesterday, not undone. */
static void test_done_today(void **state)
{
	const struct qd_cardref list[] = {{"d", "a"}, {"d", "b"}, {"d", "c"}};
	struct qd_sched_params p;
	struct qd_logdata d;
	struct qd_replay rp;
	struct qd_buf b;
	struct qd_queue_today total, per[3] = {{0, 0}, {0, 0}, {0, 0}};

	(void)state;
	qd_sched_params_default(&p);
	qd_buf_init(&b);
	qd_buf_adds(&b, qd_revrec_header());
	add(&b, "a", T0 - 3 * DAY, 3);         /* a: started 3 days ago */
	add(&b, "a", T0 - 3 * DAY + 10 * MIN, 3); /* graduates */
	add(&b, "a", T0 - MIN, 3);             /* a review today */
	add(&b, "b", T0 - 2 * MIN, 1);         /* b: started today */
	add(&b, "b", T0 - MIN, 3);             /* a learning step: neither */
	add(&b, "c", T0 - DAY, 3);             /* c: started yesterday */
	assert_int_equal(qd_revlog_load_mem(b.data, b.len, &d, NULL, NULL), 0);
	qd_replay_run(&rp, &p, &d, list, 3);
	qd_queue_done_today(&p, &d, &rp, T0, &total, per);
	assert_int_equal(total.started, 1);
	assert_int_equal(total.reviewed, 1);
	/* each card's share (cards in the list's order: a, b, c) */
	assert_int_equal(per[0].reviewed, 1);
	assert_int_equal(per[0].started, 0);
	assert_int_equal(per[1].started, 1);
	assert_int_equal(per[1].reviewed, 0);
	assert_int_equal(per[2].started + per[2].reviewed, 0);
	qd_queue_done_today(&p, &d, &rp, T0, &total, NULL);
	assert_int_equal(total.started + total.reviewed, 2);
	qd_replay_release(&rp);
	qd_logdata_release(&d);
	qd_buf_release(&b);

	assert_int_equal(qd_queue_left(20, 3), 17);
	assert_int_equal(qd_queue_left(20, 25), 0);
	assert_int_equal(qd_queue_left(0, 0), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_step_not_before),
		cmocka_unit_test(test_learn_ahead_and_wait),
		cmocka_unit_test(test_order),
		cmocka_unit_test(test_counts_and_front),
		cmocka_unit_test(test_due_now),
		cmocka_unit_test(test_done_today),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

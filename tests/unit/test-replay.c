/* Unit tests for replaying the review log into card states: order, ties,
 * undo, orphans, the state before each review, and agreement with calling
 * the scheduler by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/buf.h"
#include "quizdeck/replay.h"

#define T0 INT64_C(1795512600000)
#define DAY INT64_C(86400000)

static void add(struct qd_buf *b, const char *deck, const char *card, int64_t t, int rating)
{
	struct qd_review r;
	memset(&r, 0, sizeof(r));
	r.time_ms = t;
	r.deck = deck;
	r.card = card;
	r.rating = rating;
	r.duration_ms = 1000;
	assert_int_equal(qd_revrec_encode_review(b, &r, NULL), 0);
}

static void test_replay(void **state)
{
	struct qd_buf b;
	struct qd_logdata d;
	struct qd_replay rp;
	struct qd_sched_params p;
	struct qd_memory m;
	struct qd_undo u = {T0 + 5 * DAY, "d", "a", T0 + 3 * DAY, 0};
	const struct qd_cardref cards[] = {{"d", "b"}, {"d", "a"}, {"d", "new"}};

	(void)state;
	qd_sched_params_default(&p);
	p.day_start_hour = 0;
	qd_sched_params_finish(&p);
	qd_buf_init(&b);
	qd_buf_adds(&b, "quizdeck-log 1\n");
	add(&b, "d", "a", T0 + 2 * DAY, 3); /* out of time order in the file */
	add(&b, "d", "a", T0, 3);
	add(&b, "gone", "x", T0, 1);         /* orphan */
	add(&b, "d", "a", T0 + 3 * DAY, 1);  /* undone below */
	add(&b, "d", "b", T0, 4);
	assert_int_equal(qd_revrec_encode_undo(&b, &u, NULL), 0);
	assert_int_equal(qd_revlog_load_mem(b.data, b.len, &d, NULL, NULL), 0);
	qd_replay_run(&rp, &p, &d, cards, 3);

	assert_int_equal(rp.n_listed, 3);
	assert_int_equal(rp.n_cards, 4);
	assert_int_equal(rp.n_orphan_reviews, 1);
	assert_string_equal(rp.cards[3].deck, "gone");
	assert_true(rp.cards[3].orphan);
	assert_false(rp.cards[0].orphan);

	/* Card a: T0 good, T0+2d good, by hand. */
	qd_memory_init(&m);
	qd_sched_review(&p, &m, T0, QD_GOOD, qd_sched_fuzz_seed(qd_replay_card_key("d", "a"), 0),
	                &m);
	assert_int_equal(rp.state_before[0], m.state); /* the T0+2d review came after T0 */
	qd_sched_review(&p, &m, T0 + 2 * DAY, QD_GOOD, 0, &m);
	assert_int_equal(rp.cards[1].n_reviews, 2);
	assert_int_equal(rp.cards[1].mem.due_ms, m.due_ms);
	assert_true(rp.cards[1].mem.stability == m.stability);
	assert_int_equal(rp.cards[1].time_spent_ms, 2000);
	assert_int_equal(rp.state_before[1], QD_STATE_NEW);
	assert_int_equal(rp.card_of[1], 1);
	assert_int_equal(rp.card_of[3], SIZE_MAX); /* undone */
	assert_int_equal(rp.cards[0].mem.state, QD_STATE_REVIEW); /* b: easy */
	assert_int_equal(rp.cards[2].mem.state, QD_STATE_NEW);
	assert_int_equal(rp.cards[2].n_reviews, 0);

	qd_replay_release(&rp);
	qd_logdata_release(&d);
	qd_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replay),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

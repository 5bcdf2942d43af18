/* Unit tests for replaying the review log into card states: order, ties,
 * undo, orphans, the state before each review, and agreement with calling
 * the scheduler by hand. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include <stdlib.h>
#include <time.h>

#include "quizdeck/buf.h"
#include "quizdeck/dayclock.h"
#include "quizdeck/qtime.h"
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
	struct qd_undo u = {T0 + 5 * DAY, "d", "a", T0 + 3 * DAY, 0, false, QD_EVENT_SUSPEND};
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

static void event(struct qd_buf *b, enum qd_event_kind k, const char *card, const char *when)
{
	struct qd_event e;

	memset(&e, 0, sizeof(e));
	assert_int_equal(qd_time_parse_iso(when, &e.time_ms), 0);
	e.kind = k;
	e.deck = "d";
	e.card = card;
	assert_int_equal(qd_revrec_encode_event(b, &e, NULL), 0);
}

static void undo_event(struct qd_buf *b, enum qd_event_kind k, const char *card,
                       const char *when)
{
	struct qd_undo u;

	memset(&u, 0, sizeof(u));
	assert_int_equal(qd_time_parse_iso(when, &u.target_ms), 0);
	u.time_ms = u.target_ms + 1000;
	u.deck = "d";
	u.card = card;
	u.target_event = true;
	u.target_kind = k;
	assert_int_equal(qd_revrec_encode_undo(b, &u, NULL), 0);
}

static int64_t iso(const char *s)
{
	int64_t ms = 0;
	assert_int_equal(qd_time_parse_iso(s, &ms), 0);
	return ms;
}

/* Suspensions and burials are replayed from the events in time order (not
 * file order), an undone event counts for nothing, an unsuspend lifts a
 * burial too, and a burial lasts until the next day starts (day_start 4,
 * UTC days here). Events of cards neither listed nor reviewed are ignored;
 * an orphan's count. */
static void test_events(void **state)
{
	const struct qd_cardref cards[] = {{"d", "a"}, {"d", "b"}, {"d", "c"}, {"d", "e"},
	                                   {"d", "f"}};
	struct qd_sched_params p;
	struct qd_logdata d;
	struct qd_replay rp;
	struct qd_buf b;

	(void)state;
	qd_sched_params_default(&p); /* day start 4, UTC */
	qd_buf_init(&b);
	qd_buf_adds(&b, "quizdeck-log 1\n");
	/* a: suspended, unsuspended, suspended again; the last one is written
	 * first in the file but is the latest in time. */
	event(&b, QD_EVENT_SUSPEND, "a", "2026-11-24T12:00:00.000Z");
	event(&b, QD_EVENT_SUSPEND, "a", "2026-11-24T09:00:00.000Z");
	event(&b, QD_EVENT_UNSUSPEND, "a", "2026-11-24T10:00:00.000Z");
	/* b: buried in the evening: until 04:00 the next morning. */
	event(&b, QD_EVENT_BURY, "b", "2026-11-24T21:00:00.000Z");
	/* c: buried at 03:59, before the day starts: until 04:00 that morning;
	 * suspended, then the suspension undone. */
	event(&b, QD_EVENT_BURY, "c", "2026-11-24T03:59:00.000Z");
	event(&b, QD_EVENT_SUSPEND, "c", "2026-11-24T05:00:00.000Z");
	undo_event(&b, QD_EVENT_SUSPEND, "c", "2026-11-24T05:00:00.000Z");
	/* e: buried and suspended, then unsuspended: both lifted. */
	event(&b, QD_EVENT_BURY, "e", "2026-11-24T09:00:00.000Z");
	event(&b, QD_EVENT_SUSPEND, "e", "2026-11-24T09:00:01.000Z");
	event(&b, QD_EVENT_UNSUSPEND, "e", "2026-11-24T09:00:02.000Z");
	/* f: buried, the burial undone. */
	event(&b, QD_EVENT_BURY, "f", "2026-11-24T09:00:00.000Z");
	undo_event(&b, QD_EVENT_BURY, "f", "2026-11-24T09:00:00.000Z");
	/* Not listed: ignored, or kept on an orphan that has reviews. */
	event(&b, QD_EVENT_SUSPEND, "gone", "2026-11-24T09:00:00.000Z");
	add(&b, "d", "orphan", T0, 3);
	event(&b, QD_EVENT_SUSPEND, "orphan", "2026-11-24T09:00:00.000Z");
	assert_int_equal(qd_revlog_load_mem(b.data, b.len, &d, NULL, NULL), 0);
	qd_replay_run(&rp, &p, &d, cards, 5);

	assert_int_equal(rp.n_cards, 6); /* the orphan with a review, not "gone" */
	assert_true(rp.cards[0].suspended);
	assert_int_equal(rp.cards[0].buried_until_ms, 0);
	assert_false(qd_replay_available(&rp.cards[0], iso("2030-01-01T00:00:00Z")));

	assert_false(rp.cards[1].suspended);
	assert_int_equal(rp.cards[1].buried_until_ms, iso("2026-11-25T04:00:00Z"));
	assert_true(qd_replay_buried(&rp.cards[1], iso("2026-11-25T03:59:59Z")));
	assert_false(qd_replay_available(&rp.cards[1], iso("2026-11-25T03:59:59Z")));
	assert_true(qd_replay_available(&rp.cards[1], iso("2026-11-25T04:00:00Z")));

	assert_false(rp.cards[2].suspended);
	assert_int_equal(rp.cards[2].buried_until_ms, iso("2026-11-24T04:00:00Z"));
	assert_true(qd_replay_available(&rp.cards[2], iso("2026-11-24T04:00:00Z")));

	assert_false(rp.cards[3].suspended);
	assert_int_equal(rp.cards[3].buried_until_ms, 0);
	assert_true(qd_replay_available(&rp.cards[3], iso("2026-11-24T09:00:03Z")));

	assert_int_equal(rp.cards[4].buried_until_ms, 0);
	assert_true(qd_replay_available(&rp.cards[4], iso("2026-11-24T09:00:03Z")));

	assert_string_equal(rp.cards[5].card, "orphan");
	assert_true(rp.cards[5].suspended);

	qd_replay_release(&rp);
	qd_logdata_release(&d);
	qd_buf_release(&b);
}

/* The day boundary in local time (TZ, day_start 4): a burial on the
 * Saturday before the change to summer time in Paris ends at 04:00 CEST on
 * Sunday, 02:00 UTC, after a day of 23 hours. */
static void test_bury_local_day(void **state)
{
	const struct qd_cardref cards[] = {{"d", "a"}};
	struct qd_sched_params p;
	struct qd_logdata d;
	struct qd_replay rp;
	struct qd_buf b;
	char *tz = getenv("TZ") ? strdup(getenv("TZ")) : NULL;

	(void)state;
	setenv("TZ", "Europe/Paris", 1);
	qd_sched_params_default(&p);
	qd_dayclock_install(&p);
	assert_int_equal(qd_sched_next_day_ms(&p, iso("2025-03-29T12:00:00Z")),
	                 iso("2025-03-30T02:00:00Z"));
	assert_int_equal(qd_sched_next_day_ms(&p, iso("2025-03-30T01:59:59Z")),
	                 iso("2025-03-30T02:00:00Z"));
	assert_int_equal(qd_sched_next_day_ms(&p, iso("2025-03-30T02:00:00Z")),
	                 iso("2025-03-31T02:00:00Z"));
	assert_int_equal(qd_sched_next_day_ms(&p, iso("2025-01-10T12:00:00Z")),
	                 iso("2025-01-11T03:00:00Z"));
	qd_buf_init(&b);
	qd_buf_adds(&b, "quizdeck-log 1\n");
	event(&b, QD_EVENT_BURY, "a", "2025-03-29T12:00:00.000Z");
	assert_int_equal(qd_revlog_load_mem(b.data, b.len, &d, NULL, NULL), 0);
	qd_replay_run(&rp, &p, &d, cards, 1);
	assert_int_equal(rp.cards[0].buried_until_ms, iso("2025-03-30T02:00:00Z"));
	qd_replay_release(&rp);
	qd_logdata_release(&d);
	qd_buf_release(&b);
	if (tz)
		setenv("TZ", tz, 1);
	else
		unsetenv("TZ");
	free(tz);
	tzset();
}

/* Leeches: at the threshold, then every half of it (Anki's rule); the
 * mark is the lapses reaching the threshold; 0 turns it off. */
static void test_leech(void **state)
{
	struct qd_card_state cs;

	(void)state;
	assert_false(qd_leech_at(7, 8));
	assert_true(qd_leech_at(8, 8));
	assert_false(qd_leech_at(9, 8));
	assert_false(qd_leech_at(11, 8));
	assert_true(qd_leech_at(12, 8));
	assert_true(qd_leech_at(16, 8));
	assert_true(qd_leech_at(1, 1));
	assert_true(qd_leech_at(2, 1));
	assert_true(qd_leech_at(4, 3));
	assert_false(qd_leech_at(8, 0));
	memset(&cs, 0, sizeof(cs));
	cs.mem.lapses = 8;
	assert_true(qd_replay_leech(&cs, 8));
	cs.mem.lapses = 9;
	assert_true(qd_replay_leech(&cs, 8));
	assert_false(qd_replay_leech(&cs, 10));
	assert_false(qd_replay_leech(&cs, 0));
}

/* A log built by hand, whose equal ids are different pointers (the loader
 * interns ids; this one does not): the reviews of one card are still one
 * card, replayed in time order, ties in line order, and cards and orphans
 * come out as with a loaded log. */
static void test_replay_ids_not_interned(void **state)
{
	char d1[] = "d", d2[] = "d", a1[] = "a", a2[] = "a", z[] = "z";
	struct qd_review rv[5];
	struct qd_logdata log, loaded;
	struct qd_replay rp, want;
	struct qd_sched_params p;
	struct qd_buf b;
	const struct qd_cardref cards[] = {{"d", "a"}};
	const int64_t t[] = {T0 + 2 * DAY, T0, T0 + 9 * DAY, T0 + 2 * DAY, T0};
	const char *const dk[] = {d1, d2, d1, d2, d1}, *const cd[] = {a1, a2, a2, a1, z};
	const int rating[] = {3, 3, 1, 2, 4};

	(void)state;
	qd_sched_params_default(&p);
	qd_sched_params_finish(&p);
	qd_logdata_init(&log);
	qd_buf_init(&b);
	qd_buf_adds(&b, "quizdeck-log 1\n");
	memset(rv, 0, sizeof(rv));
	for (int i = 0; i < 5; i++) {
		rv[i].time_ms = t[i];
		rv[i].deck = dk[i];
		rv[i].card = cd[i];
		rv[i].rating = rating[i];
		rv[i].duration_ms = 1000;
		rv[i].line = i + 2;
		add(&b, dk[i], cd[i], t[i], rating[i]);
	}
	log.reviews = rv;
	log.n_reviews = 5;
	qd_replay_run(&rp, &p, &log, cards, 1);
	/* The same log written and loaded: interned ids. */
	assert_int_equal(qd_revlog_load_mem(b.data, b.len, &loaded, NULL, NULL), 0);
	qd_replay_run(&want, &p, &loaded, cards, 1);
	assert_int_equal(rp.n_cards, 2);
	assert_int_equal(want.n_cards, 2);
	assert_int_equal(rp.cards[0].n_reviews, 4);
	assert_true(rp.cards[0].mem.due_ms == want.cards[0].mem.due_ms);
	assert_true(rp.cards[0].mem.stability == want.cards[0].mem.stability);
	assert_int_equal(rp.cards[0].mem.lapses, 1);
	assert_string_equal(rp.cards[1].card, "z");
	assert_true(rp.cards[1].orphan);
	for (int i = 0; i < 5; i++) {
		assert_int_equal(rp.state_before[i], want.state_before[i]);
		assert_int_equal(rp.card_of[i], want.card_of[i]);
	}
	/* T0 (line 3), T0+2d (line 2, then line 5), T0+9d: new before T0 only. */
	assert_int_equal(rp.state_before[1], QD_STATE_NEW);
	assert_true(rp.state_before[0] != QD_STATE_NEW);
	qd_replay_release(&rp);
	qd_replay_release(&want);
	qd_logdata_release(&loaded);
	qd_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_replay),
		cmocka_unit_test(test_replay_ids_not_interned),
		cmocka_unit_test(test_events),
		cmocka_unit_test(test_bury_local_day),
		cmocka_unit_test(test_leech),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

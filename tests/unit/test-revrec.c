/* Unit tests for the review log's record codec: checksums, the bytes of a
 * line, the header, and reading single lines back. */
#include <setjmp.h>
#include <stdarg.h>
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "crc32-table.h"
#include "quizdeck/buf.h"
#include "quizdeck/revlog.h"
#include "quizdeck/revrec.h"

#define T0 INT64_C(1795512600123) /* 2026-11-24T09:30:00.123Z */

static struct qd_review review(const char *deck, const char *card, int64_t t, int rating)
{
	struct qd_review r;
	memset(&r, 0, sizeof(r));
	r.time_ms = t;
	r.deck = deck;
	r.card = card;
	r.rating = rating;
	r.duration_ms = 4200;
	r.mode = QD_MODE_STUDY;
	r.correct = QD_CORRECT_YES;
	return r;
}

/* The CRC one bit at a time, as the standard defines it. */
static uint32_t crc32_bitwise(const unsigned char *p, size_t len)
{
	uint32_t c = 0xffffffffu;

	for (size_t i = 0; i < len; i++) {
		c ^= p[i];
		for (int k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
	}
	return c ^ 0xffffffffu;
}

static void test_crc32(void **state)
{
	unsigned char buf[300];
	uint64_t s = 42;

	(void)state;
	/* Known vectors (zlib's crc32(), Python's zlib.crc32). */
	assert_int_equal(qd_crc32("123456789", 9), 0xcbf43926u);
	assert_int_equal(qd_crc32("", 0), 0);
	assert_int_equal(qd_crc32("a", 1), 0xe8b7be43u);
	assert_int_equal(qd_crc32("The quick brown fox jumps over the lazy dog", 43), 0x414fa339u);
	assert_int_equal(qd_crc32("review\t2026-11-24T09:30:00.123Z\trust-uses\tborrow-1\t3\t4200"
	                          "\tstudy\ty", 65), 0x00739882u);
	/* Every length up to 256 at every alignment, against the bitwise CRC:
	 * the eight-byte steps, the tail and where they meet. */
	for (size_t i = 0; i < sizeof(buf); i++) {
		s = s * 6364136223846793005u + 1442695040888963407u;
		buf[i] = (unsigned char)(s >> 56);
	}
	for (size_t off = 0; off < 8; off++)
		for (size_t len = 0; len <= 256; len++)
			assert_int_equal(qd_crc32(buf + off, len), crc32_bitwise(buf + off, len));
}

/* The committed tables (scripts/gen-crc32-table) recomputed entry by entry:
 * table 0 from the polynomial, table k as table k-1 followed by a zero
 * byte. */
static void test_crc32_tables(void **state)
{
	(void)state;
	for (unsigned n = 0; n < 256; n++) {
		uint32_t c = n;
		for (int k = 0; k < 8; k++)
			c = c & 1 ? (c >> 1) ^ 0xedb88320u : c >> 1;
		assert_int_equal(qd_crc32_table[0][n], c);
		for (int k = 1; k < 8; k++) {
			c = (c >> 8) ^ qd_crc32_table[0][c & 0xff];
			assert_int_equal(qd_crc32_table[k][n], c);
		}
	}
}

static void test_review_line(void **state)
{
	struct qd_buf b;
	struct qd_review r = review("rust-uses", "borrow-1", T0, 3);
	struct qd_err err;

	(void)state;
	qd_buf_init(&b);
	assert_int_equal(qd_revrec_encode_review(&b, &r, &err), 0);
	assert_string_equal(b.data, "review\t2026-11-24T09:30:00.123Z\trust-uses\tborrow-1\t3\t4200"
	                            "\tstudy\ty\t00739882\n");
	r.rating = 5;
	assert_int_equal(qd_revrec_encode_review(&b, &r, &err), -1);
	qd_buf_release(&b);
}

static void test_header(void **state)
{
	struct qd_err err;
	int v = 0;

	(void)state;
	assert_string_equal(qd_revrec_header(), "quizdeck-log 1\n");
	assert_int_equal(qd_revrec_parse_header("quizdeck-log 1", 14, &v, "x", &err), 0);
	assert_int_equal(v, QD_REVREC_VERSION);
	assert_int_equal(qd_revrec_parse_header("quizdeck-log 2", 14, &v, "x", &err), -1);
	assert_int_equal(err.status, 65);
	assert_int_equal(qd_revrec_parse_header("quizdeck-log x", 14, &v, "x", &err), -1);
}

/* A line parses back to the record it was encoded from. */
static void test_parse(void **state)
{
	struct qd_buf b;
	struct qd_review r = review("rust-uses", "borrow\t1", T0, 3);
	struct qd_revrec rec;

	(void)state;
	qd_buf_init(&b);
	assert_int_equal(qd_revrec_encode_review(&b, &r, NULL), 0);
	assert_int_equal(qd_revrec_parse(b.data, b.len - 1, &rec), QD_REVREC_OK);
	assert_int_equal(rec.type, QD_REVREC_REVIEW);
	assert_int_equal(rec.review.time_ms, T0);
	assert_string_equal(rec.review.deck, "rust-uses");
	assert_string_equal(rec.review.card, "borrow\t1");
	assert_int_equal(rec.review.rating, 3);
	qd_revrec_release(&rec);
	b.data[3] ^= 1;
	assert_int_equal(qd_revrec_parse(b.data, b.len - 1, &rec), QD_REVREC_DAMAGED);
	qd_revrec_release(&rec);
	assert_int_equal(qd_revrec_parse("", 0, &rec), QD_REVREC_DAMAGED);
	qd_revrec_release(&rec);
	qd_buf_release(&b);
}

/* A quiz id is one rule: the encoder refuses what the parser refuses. */
static void test_quiz_id(void **state)
{
	struct qd_quiz_answer qa = {"d", "c", QD_QUIZ_CORRECT, 800, 1, ""};
	struct qd_quiz_result q;
	struct qd_revrec rec;
	struct qd_buf b;
	const char *ids[] = {"1795512600123-42", "a.b_c:D-9"};
	const char *bad[] = {"a b", "a\\x41", "\\x41", "é", "a\\tb"};
	char line[256], body[200];

	(void)state;
	memset(&q, 0, sizeof(q));
	q.time_ms = T0;
	q.started_ms = T0;
	q.answers = &qa;
	q.n_answers = 1;
	qd_buf_init(&b);
	for (size_t i = 0; i < sizeof(ids) / sizeof(*ids); i++) {
		qd_buf_reset(&b);
		q.id = ids[i];
		assert_int_equal(qd_revrec_encode_quiz(&b, &q, NULL), 0);
		assert_int_equal(qd_revrec_parse(b.data, strcspn(b.data, "\n"), &rec), QD_REVREC_OK);
		assert_string_equal(rec.qa.quiz_id, ids[i]);
		qd_revrec_release(&rec);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		/* As the parser reads them (escapes undone) and as written. */
		q.id = bad[i];
		qd_buf_reset(&b);
		assert_int_equal(qd_revrec_encode_quiz(&b, &q, NULL), -1);
		assert_int_equal(b.len, 0); /* nothing of a result that cannot be written */
		snprintf(body, sizeof(body), "qa\t%s\t1\td\tc\ty\t800\t1\t", bad[i]);
		snprintf(line, sizeof(line), "%s\t%08x", body, (unsigned)qd_crc32(body, strlen(body)));
		assert_int_equal(qd_revrec_parse(line, strlen(line), &rec), QD_REVREC_MALFORMED);
		qd_revrec_release(&rec);
		snprintf(body, sizeof(body), "quiz\t2026-11-24T09:30:00.123Z\t%s\t\t\t1\t"
		         "2026-11-24T09:30:00.123Z\t0\t0\t0\t0", bad[i]);
		snprintf(line, sizeof(line), "%s\t%08x", body, (unsigned)qd_crc32(body, strlen(body)));
		assert_int_equal(qd_revrec_parse(line, strlen(line), &rec), QD_REVREC_MALFORMED);
		qd_revrec_release(&rec);
	}
	/* A bad answer after a good one: no line of the result is written. */
	{
		struct qd_quiz_answer two[2] = {qa, qa};
		two[1].card = "";
		q.id = ids[0];
		q.answers = two;
		q.n_answers = 2;
		qd_buf_reset(&b);
		assert_int_equal(qd_revrec_encode_quiz(&b, &q, NULL), -1);
		assert_int_equal(b.len, 0);
	}
	qd_buf_release(&b);
}

/* Points are at most 2^50 - 1 thousandths, which a double holds with room
 * to spare: beyond that the parser calls the line malformed and the encoder
 * refuses, so a loaded result always encodes again to the same bytes (found by fuzz-revlog: 9223372036854775.807
 * loaded, then overflowed int64_t when encoded). */
static void test_points_range(void **state)
{
	struct qd_quiz_answer qa = {"d", "c", QD_QUIZ_CORRECT, 800, 1125899906842.623, ""};
	struct qd_quiz_result q;
	struct qd_revrec rec;
	struct qd_buf b;
	const char *body = "qa\t1-1\t1\td\tc\ty\t1500\t9223372036854775.807\tx";
	char line[200];

	(void)state;
	memset(&q, 0, sizeof(q));
	q.id = "1-1";
	q.answers = &qa;
	q.n_answers = 1;
	qd_buf_init(&b);
	assert_int_equal(qd_revrec_encode_quiz(&b, &q, NULL), 0);
	assert_non_null(strstr(b.data, "\t1125899906842.623\t"));
	assert_int_equal(qd_revrec_parse(b.data, strcspn(b.data, "\n"), &rec), QD_REVREC_OK);
	assert_true(rec.qa.answer.points == 1125899906842.623);
	qd_revrec_release(&rec);
	qd_buf_reset(&b);
	qa.points = 1125899906842.624;
	assert_int_equal(qd_revrec_encode_quiz(&b, &q, NULL), -1);
	qa.points = 1;
	q.score = 1e300;
	assert_int_equal(qd_revrec_encode_quiz(&b, &q, NULL), -1);
	q.score = NAN;
	assert_int_equal(qd_revrec_encode_quiz(&b, &q, NULL), -1);
	assert_int_equal(b.len, 0);
	snprintf(line, sizeof(line), "%s\t%08x", body, (unsigned)qd_crc32(body, strlen(body)));
	assert_int_equal(qd_revrec_parse(line, strlen(line), &rec), QD_REVREC_MALFORMED);
	qd_revrec_release(&rec);
	qd_buf_release(&b);
}

/* FINGERPRINT: written after MAX-SCORE when there is one, read back; a
 * summary without it (written before fingerprints) reads as NULL; a field
 * that is not 64 lowercase hex digits is refused both ways. */
static void test_quiz_fingerprint(void **state)
{
	static const char fp[] = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
	struct qd_quiz_answer qa = {"d", "c", QD_QUIZ_CORRECT, 800, 1, ""};
	const char *decks[] = {"d"};
	struct qd_quiz_result q;
	struct qd_revrec rec;
	struct qd_buf b;
	const char *summary;

	(void)state;
	memset(&q, 0, sizeof(q));
	q.id = "q1";
	q.name = "Ann";
	q.decks = decks;
	q.n_decks = 1;
	q.answers = &qa;
	q.n_answers = 1;
	q.score = q.max_score = 1;
	q.fingerprint = fp;
	qd_buf_init(&b);
	assert_int_equal(qd_revrec_encode_quiz(&b, &q, NULL), 0);
	summary = strstr(b.data, "quiz\t");
	assert_non_null(summary);
	assert_non_null(strstr(summary, "\t1\t1\t" "0123456789abcdef0123456789abcdef"
	                                "0123456789abcdef0123456789abcdef\t"));
	assert_int_equal(qd_revrec_parse(summary, strlen(summary) - 1, &rec), QD_REVREC_OK);
	assert_string_equal(rec.quiz.fingerprint, fp);
	assert_string_equal(rec.quiz.decks[0], "d");
	qd_revrec_release(&rec);
	/* Without one: the line format 1 has always had. */
	qd_buf_reset(&b);
	q.fingerprint = NULL;
	assert_int_equal(qd_revrec_encode_quiz(&b, &q, NULL), 0);
	summary = strstr(b.data, "quiz\t");
	assert_non_null(strstr(summary, "\t1\t1\t1\t"));
	assert_int_equal(qd_revrec_parse(summary, strlen(summary) - 1, &rec), QD_REVREC_OK);
	assert_null(rec.quiz.fingerprint);
	qd_revrec_release(&rec);
	/* The example of docs/log-format.md, written before fingerprints. */
	summary = "quiz\t2026-11-24T09:31:00.123Z\t1795512600123-42\tZo\xc3\xab\trust-uses\t42\t"
	          "2026-11-24T09:30:00.123Z\t11500\t2\t0.75\t2\t08f8e77f";
	assert_int_equal(qd_revrec_parse(summary, strlen(summary), &rec), QD_REVREC_OK);
	assert_null(rec.quiz.fingerprint);
	qd_revrec_release(&rec);
	/* Not a fingerprint: refused when writing. */
	qd_buf_reset(&b);
	q.fingerprint = "0123ABCD";
	assert_int_equal(qd_revrec_encode_quiz(&b, &q, NULL), -1);
	assert_int_equal(b.len, 0);
	qd_buf_release(&b);
}

/* suspend, unsuspend and bury lines: their bytes (the checksums are
 * zlib's, computed apart), read back; a line with a field missing is
 * malformed, one with a field more reads as before (later fields are
 * ignored). */
static void test_event_lines(void **state)
{
	static const char *const want[] = {
		"suspend\t2026-11-24T09:30:00.123Z\trust-uses\tborrow-1\t986ebc92\n",
		"unsuspend\t2026-11-24T09:30:00.123Z\trust-uses\tborrow-1\t6a57951f\n",
		"bury\t2026-11-24T09:30:00.123Z\trust-uses\tborrow-1\t058690fa\n",
	};
	struct qd_event e = {T0, QD_EVENT_SUSPEND, "rust-uses", "borrow-1", false, 0};
	struct qd_revrec rec;
	struct qd_buf b;
	const char *line;

	(void)state;
	qd_buf_init(&b);
	for (int k = QD_EVENT_SUSPEND; k <= QD_EVENT_BURY; k++) {
		qd_buf_reset(&b);
		e.kind = (enum qd_event_kind)k;
		assert_int_equal(qd_revrec_encode_event(&b, &e, NULL), 0);
		assert_string_equal(b.data, want[k]);
		assert_int_equal(qd_revrec_parse(b.data, b.len - 1, &rec), QD_REVREC_OK);
		assert_int_equal(rec.type, QD_REVREC_EVENT);
		assert_int_equal(rec.event.kind, k);
		assert_int_equal(rec.event.time_ms, T0);
		assert_string_equal(rec.event.deck, "rust-uses");
		assert_string_equal(rec.event.card, "borrow-1");
		assert_false(rec.event.undone);
		qd_revrec_release(&rec);
	}
	e.card = "";
	assert_int_equal(qd_revrec_encode_event(&b, &e, NULL), -1);
	line = "bury\t2026-11-24T09:30:00.123Z\trust-uses\t0b724260";
	assert_int_equal(qd_revrec_parse(line, strlen(line), &rec), QD_REVREC_MALFORMED);
	qd_revrec_release(&rec);
	line = "suspend\t2026-11-24T09:30:00.123Z\trust-uses\tborrow-1\tleech\t28328ef6";
	assert_int_equal(qd_revrec_parse(line, strlen(line), &rec), QD_REVREC_OK);
	assert_string_equal(rec.event.card, "borrow-1");
	qd_revrec_release(&rec);
	qd_buf_release(&b);
}

/* An undo of a review keeps the bytes of docs/log-format.md's example; an
 * undo of an event names the event's type in one more field. */
static void test_undo_target(void **state)
{
	struct qd_undo u = {T0 + 4877, "rust-uses", "borrow-1", T0, 0, false, QD_EVENT_SUSPEND};
	struct qd_revrec rec;
	struct qd_buf b;
	const char *line;

	(void)state;
	qd_buf_init(&b);
	assert_int_equal(qd_revrec_encode_undo(&b, &u, NULL), 0);
	assert_string_equal(b.data, "undo\t2026-11-24T09:30:05.000Z\trust-uses\tborrow-1\t"
	                            "2026-11-24T09:30:00.123Z\t00692b00\n");
	assert_int_equal(qd_revrec_parse(b.data, b.len - 1, &rec), QD_REVREC_OK);
	assert_false(rec.undo.target_event);
	qd_revrec_release(&rec);
	qd_buf_reset(&b);
	u.target_event = true;
	u.target_kind = QD_EVENT_BURY;
	assert_int_equal(qd_revrec_encode_undo(&b, &u, NULL), 0);
	assert_string_equal(b.data, "undo\t2026-11-24T09:30:05.000Z\trust-uses\tborrow-1\t"
	                            "2026-11-24T09:30:00.123Z\tbury\t0cc20a23\n");
	assert_int_equal(qd_revrec_parse(b.data, b.len - 1, &rec), QD_REVREC_OK);
	assert_true(rec.undo.target_event);
	assert_int_equal(rec.undo.target_kind, QD_EVENT_BURY);
	assert_int_equal(rec.undo.target_ms, T0);
	qd_revrec_release(&rec);
	/* "review" may be written out; any other type is malformed. */
	line = "undo\t2026-11-24T09:30:05.000Z\trust-uses\tborrow-1\t2026-11-24T09:30:00.123Z"
	       "\treview\t393c5a01";
	assert_int_equal(qd_revrec_parse(line, strlen(line), &rec), QD_REVREC_OK);
	assert_false(rec.undo.target_event);
	qd_revrec_release(&rec);
	line = "undo\t2026-11-24T09:30:05.000Z\trust-uses\tborrow-1\t2026-11-24T09:30:00.123Z"
	       "\tquiz\t7e516872";
	assert_int_equal(qd_revrec_parse(line, strlen(line), &rec), QD_REVREC_MALFORMED);
	qd_revrec_release(&rec);
	qd_buf_release(&b);
}

/* A log written before events existed (the examples of
 * docs/log-format.md) loads as it always did, with no warning; a log with
 * events links each undo to the record it names: the latest of the card
 * at that time and of that type, so an undo of a suspension written in the
 * same millisecond as a rating leaves the rating alone. */
static void test_load_events(void **state)
{
	static const char old[] =
		"quizdeck-log 1\n"
		"review\t2026-11-24T09:30:00.123Z\trust-uses\tborrow-1\t3\t4200\tstudy\ty\t00739882\n"
		"undo\t2026-11-24T09:30:05.000Z\trust-uses\tborrow-1\t2026-11-24T09:30:00.123Z\t00692b00\n";
	struct qd_event ev = {T0, QD_EVENT_SUSPEND, "rust-uses", "borrow-1", false, 0};
	struct qd_undo u = {T0 + 4877, "rust-uses", "borrow-1", T0, 0, true, QD_EVENT_SUSPEND};
	struct qd_review r;
	struct qd_logdata d;
	struct qd_diags dg;
	struct qd_buf b;

	(void)state;
	qd_diags_init(&dg, "reviews.log");
	assert_int_equal(qd_revlog_load_mem(old, strlen(old), &d, &dg, NULL), 0);
	assert_int_equal(dg.len, 0);
	assert_int_equal(d.n_reviews, 1);
	assert_true(d.reviews[0].undone);
	assert_int_equal(d.n_undos, 1);
	assert_int_equal(d.n_events, 0);
	qd_logdata_release(&d);

	qd_buf_init(&b);
	qd_buf_adds(&b, old);
	r = review("rust-uses", "borrow-1", T0, 1); /* a rating, then a suspension, same ms */
	assert_int_equal(qd_revrec_encode_review(&b, &r, NULL), 0);
	assert_int_equal(qd_revrec_encode_event(&b, &ev, NULL), 0);
	assert_int_equal(qd_revrec_encode_undo(&b, &u, NULL), 0);  /* the suspension's */
	ev.kind = QD_EVENT_BURY;
	assert_int_equal(qd_revrec_encode_event(&b, &ev, NULL), 0);
	u.target_kind = QD_EVENT_UNSUSPEND; /* matches nothing: a warning */
	assert_int_equal(qd_revrec_encode_undo(&b, &u, NULL), 0);
	assert_int_equal(qd_revlog_load_mem(b.data, b.len, &d, &dg, NULL), 0);
	assert_int_equal(dg.len, 1);
	assert_int_equal(dg.items[0].line, 8);
	assert_string_equal(dg.items[0].msg, "undo of 'rust-uses/borrow-1' matches no earlier "
	                                     "unsuspend; line skipped");
	assert_int_equal(d.n_reviews, 2);
	assert_false(d.reviews[1].undone);
	assert_int_equal(d.n_events, 2);
	assert_true(d.events[0].undone);
	assert_int_equal(d.events[0].line, 5);
	assert_false(d.events[1].undone);
	assert_int_equal(d.events[1].kind, QD_EVENT_BURY);
	assert_int_equal(d.n_undos, 2);
	qd_logdata_release(&d);
	qd_diags_release(&dg);
	qd_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_crc32),
		cmocka_unit_test(test_crc32_tables),
		cmocka_unit_test(test_review_line),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_quiz_id),
		cmocka_unit_test(test_points_range),
		cmocka_unit_test(test_quiz_fingerprint),
		cmocka_unit_test(test_event_lines),
		cmocka_unit_test(test_undo_target),
		cmocka_unit_test(test_load_events),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

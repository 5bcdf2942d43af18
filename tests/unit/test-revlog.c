/* Unit tests for the review log store: round trips through a loaded log
 * (escaping included), torn and damaged lines, the version header, undo,
 * quiz results, import deduplication, and errors on unwritable paths. The
 * single line's codec has its own tests (test-revrec.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>

#include "quizdeck/buf.h"
#include "quizdeck/exit.h"
#include "quizdeck/revlog.h"

#define T0 INT64_C(1795512600123) /* 2026-11-24T09:30:00.123Z */

static char tmpdir[256];

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/qd-test-revlog-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[300];
	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

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

/* A run context for a data directory: the default lock wait, no terminal. */
static struct qd_ctx ctx_for(const char *dir)
{
	struct qd_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.prog = "test-revlog";
	ctx.err = stderr;
	ctx.data_dir = (char *)dir; /* only read */
	ctx.lock_timeout_ms = QD_LOCK_TIMEOUT_MS;
	return ctx;
}

static int open_log(const char *dir, struct qd_revlog **log, struct qd_err *err)
{
	struct qd_ctx ctx = ctx_for(dir);
	return qd_revlog_open(&ctx, 0, log, err);
}

static void load_str(const char *s, struct qd_logdata *d, struct qd_diags *dg)
{
	struct qd_err err;
	qd_diags_init(dg, "reviews.log");
	assert_int_equal(qd_revlog_load_mem(s, strlen(s), d, dg, &err), 0);
}

static void test_round_trip(void **state)
{
	struct qd_buf b;
	struct qd_review r[3];
	struct qd_quiz_answer qa[2];
	struct qd_quiz_result q;
	const char *decks[] = {"a,b", "rust-uses"};
	struct qd_logdata d;
	struct qd_diags dg;
	struct qd_err err;

	(void)state;
	r[0] = review("d\tx", "c\\1\n2", T0, 1);
	r[1] = review("rust-uses", "c2", T0 + 1, 4);
	r[1].mode = QD_MODE_IMPORT;
	r[1].correct = QD_CORRECT_NA;
	r[2] = review("rust-uses", "c3", -5, 2);
	r[2].mode = QD_MODE_QUIZ;
	r[2].correct = QD_CORRECT_NO;
	memset(qa, 0, sizeof(qa));
	qa[0] = (struct qd_quiz_answer){"rust-uses", "c2", QD_QUIZ_CORRECT, 1500, 0.75,
	                                "Rc<RefCell<T>>\t\"x\"\r\n\x1b[31m"};
	qa[1] = (struct qd_quiz_answer){"rust-uses", "c3", QD_QUIZ_TIMEOUT, 10000, 0, ""};
	memset(&q, 0, sizeof(q));
	q.time_ms = T0 + 60000;
	q.started_ms = T0;
	q.name = "Zoë\tB";
	q.decks = decks;
	q.n_decks = 2;
	q.seed = UINT64_MAX;
	q.time_used_ms = 11500;
	q.score = 0.75;
	q.max_score = 2;
	q.answers = qa;
	q.n_answers = 2;

	qd_buf_init(&b);
	qd_buf_adds(&b, "quizdeck-log 1\n");
	for (int i = 0; i < 3; i++)
		assert_int_equal(qd_revrec_encode_review(&b, &r[i], &err), 0);
	assert_int_equal(qd_revrec_encode_quiz(&b, &q, &err), 0);
	/* Every record is exactly one line. */
	{
		size_t lines = 0;
		for (size_t i = 0; i < b.len; i++)
			lines += b.data[i] == '\n';
		assert_int_equal(lines, 1 + 3 + 3);
	}
	load_str(b.data, &d, &dg);
	assert_int_equal(dg.len, 0);
	assert_int_equal(d.version, 1);
	assert_int_equal(d.n_reviews, 3);
	for (int i = 0; i < 3; i++) {
		assert_string_equal(d.reviews[i].deck, r[i].deck);
		assert_string_equal(d.reviews[i].card, r[i].card);
		assert_int_equal(d.reviews[i].time_ms, r[i].time_ms);
		assert_int_equal(d.reviews[i].rating, r[i].rating);
		assert_int_equal(d.reviews[i].duration_ms, r[i].duration_ms);
		assert_int_equal(d.reviews[i].mode, r[i].mode);
		assert_int_equal(d.reviews[i].correct, r[i].correct);
		assert_false(d.reviews[i].undone);
		assert_int_equal(d.reviews[i].line, i + 2);
	}
	assert_int_equal(d.n_quizzes, 1);
	assert_string_equal(d.quizzes[0].id, "1795512600123-18446744073709551615");
	assert_string_equal(d.quizzes[0].name, "Zoë\tB");
	assert_int_equal(d.quizzes[0].n_decks, 2);
	assert_string_equal(d.quizzes[0].decks[0], "a,b");
	assert_string_equal(d.quizzes[0].decks[1], "rust-uses");
	assert_true(d.quizzes[0].seed == UINT64_MAX);
	assert_int_equal(d.quizzes[0].started_ms, T0);
	assert_int_equal(d.quizzes[0].time_ms, T0 + 60000);
	assert_int_equal(d.quizzes[0].time_used_ms, 11500);
	assert_true(d.quizzes[0].score == 0.75 && d.quizzes[0].max_score == 2);
	assert_int_equal(d.quizzes[0].n_answers, 2);
	assert_string_equal(d.quizzes[0].answers[0].given, qa[0].given);
	assert_int_equal(d.quizzes[0].answers[0].outcome, QD_QUIZ_CORRECT);
	assert_true(d.quizzes[0].answers[0].points == 0.75);
	assert_int_equal(d.quizzes[0].answers[1].outcome, QD_QUIZ_TIMEOUT);
	assert_int_equal(d.quizzes[0].answers[1].time_ms, 10000);
	assert_string_equal(d.quizzes[0].answers[1].given, "");
	qd_logdata_release(&d);
	qd_diags_release(&dg);
	qd_buf_release(&b);
}

static void test_damage(void **state)
{
	struct qd_buf b;
	struct qd_review r = review("d", "c", T0, 3);
	struct qd_logdata d;
	struct qd_diags dg;
	struct qd_err err;
	size_t mid = 0;

	(void)state;
	qd_buf_init(&b);
	qd_buf_adds(&b, "quizdeck-log 1\n");
	for (int i = 0; i < 4; i++) {
		if (i == 1)
			mid = b.len;
		r.time_ms = T0 + i;
		qd_revrec_encode_review(&b, &r, &err);
	}
	b.data[mid + 10] ^= 1;       /* flip a bit in line 3 */
	qd_buf_adds(&b, "garbage\n"); /* line 6: no checksum */
	qd_buf_adds(&b, "review\t2026"); /* torn last line */
	load_str(b.data, &d, &dg);
	assert_int_equal(d.n_reviews, 3);
	assert_int_equal(d.reviews[1].time_ms, T0 + 2);
	assert_int_equal(dg.len, 3);
	assert_int_equal(dg.errors, 0);
	assert_int_equal(dg.items[0].line, 3);
	assert_non_null(strstr(dg.items[0].msg, "checksum"));
	assert_int_equal(dg.items[1].line, 6);
	assert_int_equal(dg.items[2].line, 7);
	assert_non_null(strstr(dg.items[2].msg, "torn last line"));
	qd_logdata_release(&d);
	qd_diags_release(&dg);
	qd_buf_release(&b);
}

static void test_malformed_with_good_crc(void **state)
{
	struct qd_buf b;
	struct qd_logdata d;
	struct qd_diags dg;
	const char *bodies[] = {
		"review\t2026-11-24T09:30:00Z\td\tc\t3\t0\tstudy\ty", /* not canonical time */
		"review\t2026-11-24T09:30:00.000Z\td\tc\t5\t0\tstudy\ty", /* rating */
		"review\t2026-11-24T09:30:00.000Z\td\t\t3\t0\tstudy\ty",  /* empty card */
		"review\t2026-11-24T09:30:00.000Z\td\tc\\q\t3\t0\tstudy\ty", /* bad escape */
		"future\tx",
		"review\t2026-11-24T09:30:00.000Z\td\tc\t3\t0\tstudy\ty\textra", /* ok */
	};

	(void)state;
	qd_buf_init(&b);
	qd_buf_adds(&b, "quizdeck-log 1\n");
	for (size_t i = 0; i < sizeof(bodies) / sizeof(*bodies); i++)
		qd_buf_addf(&b, "%s\t%08x\n", bodies[i],
		            (unsigned)qd_crc32(bodies[i], strlen(bodies[i])));
	load_str(b.data, &d, &dg);
	assert_int_equal(d.n_reviews, 1);
	assert_int_equal(d.reviews[0].line, 7);
	assert_int_equal(dg.len, 5);
	assert_non_null(strstr(dg.items[4].msg, "unknown record type 'future'"));
	qd_logdata_release(&d);
	qd_diags_release(&dg);
	qd_buf_release(&b);
}

static void test_header(void **state)
{
	struct qd_logdata d;
	struct qd_diags dg;
	struct qd_err err;
	const char *newer = "quizdeck-log 2\nwhatever\n";

	(void)state;
	qd_diags_init(&dg, "reviews.log");
	assert_int_equal(qd_revlog_load_mem(newer, strlen(newer), &d, &dg, &err), -1);
	assert_int_equal(err.status, 65);
	assert_non_null(strstr(err.msg, "format version 2"));
	qd_logdata_release(&d);
	assert_int_equal(qd_revlog_load_mem("hello\n", 6, &d, &dg, &err), -1);
	assert_non_null(strstr(err.msg, "not a quizdeck review log"));
	qd_logdata_release(&d);
	/* Empty and torn-header files are empty logs. */
	assert_int_equal(qd_revlog_load_mem("", 0, &d, &dg, &err), 0);
	assert_int_equal(d.n_reviews, 0);
	qd_logdata_release(&d);
	assert_int_equal(qd_revlog_load_mem("quizdeck-lo", 11, &d, &dg, &err), 0);
	assert_int_equal(dg.warnings, 1);
	qd_logdata_release(&d);
	qd_diags_release(&dg);
	/* A missing file is an empty log, and nothing is created. */
	assert_int_equal(qd_revlog_load("/nonexistent/quizdeck/reviews.log", &d, NULL, &err), 0);
	assert_int_equal(d.n_reviews, 0);
	qd_logdata_release(&d);
}

static void test_undo(void **state)
{
	struct qd_buf b;
	struct qd_review r = review("d", "c", T0, 3);
	struct qd_undo u = {T0 + 9, "d", "c", T0, 0, false, QD_EVENT_SUSPEND};
	struct qd_logdata d;
	struct qd_diags dg;
	struct qd_err err;

	(void)state;
	qd_buf_init(&b);
	qd_buf_adds(&b, "quizdeck-log 1\n");
	qd_revrec_encode_review(&b, &r, &err); /* line 2 */
	qd_revrec_encode_review(&b, &r, &err); /* line 3: same time (two terminals) */
	r.time_ms = T0 + 5;
	qd_revrec_encode_review(&b, &r, &err); /* line 4 */
	qd_revrec_encode_undo(&b, &u, &err);   /* cancels line 3 */
	qd_revrec_encode_undo(&b, &u, &err);   /* then line 2 */
	qd_revrec_encode_undo(&b, &u, &err);   /* nothing left: warned */
	load_str(b.data, &d, &dg);
	assert_int_equal(d.n_reviews, 3);
	assert_true(d.reviews[0].undone);
	assert_true(d.reviews[1].undone);
	assert_false(d.reviews[2].undone);
	assert_int_equal(d.n_undos, 2);
	assert_int_equal(dg.len, 1);
	assert_int_equal(dg.items[0].line, 7);
	qd_logdata_release(&d);
	qd_diags_release(&dg);
	qd_buf_release(&b);
}

static void test_store(void **state)
{
	char dir[300], *path;
	struct qd_revlog *log;
	struct qd_review r[3];
	struct qd_logdata d;
	struct qd_diags dg;
	struct qd_err err;
	size_t added, skipped;
	struct stat st;
	FILE *fp;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/a/b/quizdeck", tmpdir);
	assert_int_equal(open_log(dir, &log, &err), 0);
	assert_int_equal(stat(dir, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	path = qd_revlog_path(dir);
	assert_string_equal(qd_revlog_file(log), path);
	r[0] = review("d", "c1", T0, 3);
	r[1] = review("d", "c2", T0 + 1, 1);
	r[2] = review("d", "c1", T0, 3); /* duplicate of r[0] */
	assert_int_equal(qd_revlog_append_review(log, &r[0], &err), 0);
	/* Simulate a torn append: the next append must seal it. */
	fp = fopen(path, "a");
	fputs("review\t2026-11-", fp);
	fclose(fp);
	assert_int_equal(qd_revlog_import(log, r, 3, &added, &skipped, NULL, &err), 0);
	assert_int_equal(added, 1);
	assert_int_equal(skipped, 2);
	assert_int_equal(qd_revlog_import(log, r, 3, &added, &skipped, NULL, &err), 0);
	assert_int_equal(added, 0);
	assert_int_equal(skipped, 3);
	{
		struct qd_undo u = {T0 + 50, "d", "c2", T0 + 1, 0, false, QD_EVENT_SUSPEND};
		struct qd_quiz_answer qa = {"d", "c1", QD_QUIZ_WRONG, 800, 0, "no\\idea"};
		struct qd_quiz_result q;

		memset(&q, 0, sizeof(q));
		q.id = "quiz-1";
		q.time_ms = T0 + 60;
		q.started_ms = T0 + 55;
		q.seed = 7;
		q.answers = &qa;
		q.n_answers = 1;
		q.max_score = 1;
		assert_int_equal(qd_revlog_append_undo(log, &u, &err), 0);
		assert_int_equal(qd_revlog_append_quiz(log, &q, &err), 0);
		q.id = "not a quiz id";
		assert_int_equal(qd_revlog_append_quiz(log, &q, &err), -1);
	}
	qd_revlog_free(log);

	qd_diags_init(&dg, path);
	assert_int_equal(qd_revlog_load(path, &d, &dg, &err), 0);
	assert_int_equal(d.n_reviews, 2);
	assert_int_equal(d.reviews[1].mode, QD_MODE_IMPORT);
	assert_true(d.reviews[1].undone);
	assert_int_equal(d.n_quizzes, 1);
	assert_string_equal(d.quizzes[0].id, "quiz-1");
	assert_string_equal(d.quizzes[0].answers[0].given, "no\\idea");
	assert_int_equal(d.quizzes[0].n_decks, 0);
	assert_string_equal(d.quizzes[0].name, "");
	assert_int_equal(dg.len, 1); /* the sealed torn line, now in the middle */
	assert_int_equal(dg.items[0].line, 3);
	qd_logdata_release(&d);
	qd_diags_release(&dg);
	free(path);
}

static void test_unwritable(void **state)
{
	char file[300], dir[320], file2[340];
	struct qd_revlog *log;
	struct qd_err err;
	FILE *fp;

	(void)state;
	/* A path below a regular file fails with ENOTDIR, even for root. */
	snprintf(file, sizeof(file), "%s/plain", tmpdir);
	fp = fopen(file, "w");
	fclose(fp);
	snprintf(dir, sizeof(dir), "%s/quizdeck", file);
	assert_int_equal(open_log(dir, &log, &err), -1);
	assert_null(log);
	assert_int_equal(err.status, 74);
	assert_non_null(strstr(err.msg, dir));
	/* A file that is not a log is never appended to. */
	snprintf(dir, sizeof(dir), "%s/notalog", tmpdir);
	mkdir(dir, 0700);
	snprintf(file2, sizeof(file2), "%s/reviews.log", dir);
	fp = fopen(file2, "w");
	fputs("hello world, this is not a log\n", fp);
	fclose(fp);
	assert_int_equal(open_log(dir, &log, &err), -1);
	assert_int_equal(err.status, 65);
}

/* The examples in docs/log-format.md are valid records. */
static void test_doc_examples(void **state)
{
	FILE *fp = fopen(QD_SOURCE_DIR "/docs/log-format.md", "r");
	struct qd_buf b;
	struct qd_logdata d;
	struct qd_diags dg;
	char line[1024];

	(void)state;
	assert_non_null(fp);
	qd_buf_init(&b);
	qd_buf_adds(&b, "quizdeck-log 1\n");
	while (fgets(line, sizeof(line), fp))
		if (!strncmp(line, "review\t", 7) || !strncmp(line, "undo\t", 5) ||
		    !strncmp(line, "qa\t", 3) || !strncmp(line, "quiz\t", 5) ||
		    !strncmp(line, "suspend\t", 8) || !strncmp(line, "bury\t", 5))
			qd_buf_adds(&b, line);
	fclose(fp);
	load_str(b.data, &d, &dg);
	assert_int_equal(dg.len, 0);
	assert_int_equal(d.n_reviews, 1);
	assert_true(d.reviews[0].undone);
	assert_int_equal(d.n_events, 2); /* suspend, and bury, undone by the second undo */
	assert_false(d.events[0].undone);
	assert_true(d.events[1].undone);
	assert_int_equal(d.n_quizzes, 1);
	assert_int_equal(d.quizzes[0].n_answers, 2);
	qd_logdata_release(&d);
	qd_diags_release(&dg);
	qd_buf_release(&b);
}

/* A log converted to CRLF (a text-mode copy, an editor) loads whole: the CR
 * follows the checksum and was never part of the record. A writer appends
 * to it as it is. */
static void test_crlf(void **state)
{
	struct qd_buf b, crlf;
	struct qd_review r = review("d", "c", T0, 3);
	struct qd_undo u = {T0 + 9, "d", "c", T0 + 1, 0, false, QD_EVENT_SUSPEND};
	struct qd_logdata d;
	struct qd_diags dg;
	struct qd_revlog *log;
	struct qd_err err;
	char dir[300], *path;
	FILE *fp;

	(void)state;
	qd_buf_init(&b);
	qd_buf_init(&crlf);
	qd_buf_adds(&b, qd_revrec_header());
	qd_revrec_encode_review(&b, &r, &err);
	r.time_ms = T0 + 1;
	qd_revrec_encode_review(&b, &r, &err);
	qd_revrec_encode_undo(&b, &u, &err);
	for (size_t i = 0; i < b.len; i++) {
		if (b.data[i] == '\n')
			qd_buf_addc(&crlf, '\r');
		qd_buf_addc(&crlf, b.data[i]);
	}
	load_str(crlf.data, &d, &dg);
	assert_int_equal(dg.len, 0);
	assert_int_equal(d.version, 1);
	assert_int_equal(d.n_reviews, 2);
	assert_int_equal(d.n_undos, 1);
	assert_true(d.reviews[1].undone);
	qd_logdata_release(&d);
	qd_diags_release(&dg);

	snprintf(dir, sizeof(dir), "%s/crlf", tmpdir);
	mkdir(dir, 0700);
	path = qd_revlog_path(dir);
	fp = fopen(path, "w");
	fwrite(crlf.data, 1, crlf.len, fp);
	fclose(fp);
	assert_int_equal(open_log(dir, &log, &err), 0);
	r.time_ms = T0 + 2;
	assert_int_equal(qd_revlog_append_review(log, &r, &err), 0);
	qd_revlog_free(log);
	qd_diags_init(&dg, path);
	assert_int_equal(qd_revlog_load(path, &d, &dg, &err), 0);
	assert_int_equal(dg.len, 0);
	assert_int_equal(d.n_reviews, 3);
	qd_logdata_release(&d);
	qd_diags_release(&dg);
	free(path);
	qd_buf_release(&crlf);
	qd_buf_release(&b);
}

/* Reviews dated more than a day after now are reported once per load, at
 * the first one's line, naming its card; undone ones hide nothing. */
static void test_future(void **state)
{
	struct qd_buf b;
	struct qd_review r = review("d", "soon", T0 + 3600000, 3); /* in an hour: fine */
	struct qd_undo u = {T0, "d", "undone", T0 + 400 * INT64_C(86400000), 0, false, QD_EVENT_SUSPEND};
	struct qd_logdata d;
	struct qd_diags dg;

	(void)state;
	qd_buf_init(&b);
	qd_buf_adds(&b, qd_revrec_header());
	qd_revrec_encode_review(&b, &r, NULL);                      /* line 2 */
	r = review("d", "undone", T0 + 400 * INT64_C(86400000), 3);
	qd_revrec_encode_review(&b, &r, NULL);                      /* line 3 */
	qd_revrec_encode_undo(&b, &u, NULL);                        /* line 4 */
	r = review("d", "later", T0 + 2 * INT64_C(86400000), 1);
	qd_revrec_encode_review(&b, &r, NULL);                      /* line 5 */
	r = review("e", "other", T0 + 30 * INT64_C(86400000), 4);
	qd_revrec_encode_review(&b, &r, NULL);                      /* line 6 */
	load_str(b.data, &d, &dg);
	assert_int_equal(dg.len, 0);
	qd_revlog_warn_future(&d, T0, &dg);
	assert_int_equal(dg.len, 1);
	assert_int_equal(dg.warnings, 1);
	assert_int_equal(dg.items[0].line, 5);
	assert_string_equal(dg.items[0].msg,
	                    "review of 'd/later' is dated 2026-11-26T09:30:00.123Z, after now "
	                    "(2026-11-24T09:30:00.123Z): the card's state is derived from a review "
	                    "in the future, so it is not due before then (1 more review is dated "
	                    "after now)");
	/* A day later, the first is no longer more than a day ahead. */
	qd_diags_release(&dg);
	qd_diags_init(&dg, "reviews.log");
	qd_revlog_warn_future(&d, T0 + INT64_C(86400000), &dg);
	assert_int_equal(dg.len, 1);
	assert_int_equal(dg.items[0].line, 6);
	assert_non_null(strstr(dg.items[0].msg, "'e/other'"));
	assert_null(strstr(dg.items[0].msg, "more review"));
	qd_diags_release(&dg);
	qd_diags_init(&dg, "reviews.log");
	qd_revlog_warn_future(&d, T0 + 40 * INT64_C(86400000), &dg);
	assert_int_equal(dg.len, 0);
	qd_logdata_release(&d);
	qd_diags_release(&dg);
	qd_buf_release(&b);
}

/* Another writer holding the lock: a bounded wait, said on a terminal,
 * then QD_EXIT_TEMPFAIL naming the log; once it lets go, appends go on. */
static void test_lock_wait(void **state)
{
	char dir[300], *path, said[256] = "";
	struct qd_ctx ctx;
	struct qd_revlog *log;
	struct qd_review r = review("d", "c", T0, 3);
	struct qd_err err;
	struct timespec t0, t1;
	int64_t ms;
	FILE *tty = tmpfile();
	int other;

	(void)state;
	snprintf(dir, sizeof(dir), "%s/locked", tmpdir);
	ctx = ctx_for(dir);
	ctx.lock_timeout_ms = 300;
	ctx.err = tty;
	ctx.err_tty = true;
	assert_int_equal(qd_revlog_open(&ctx, 0, &log, &err), 0);
	path = qd_revlog_path(dir);
	other = open(path, O_RDWR | O_CLOEXEC); /* its own open file: its own lock */
	assert_true(other >= 0);
	assert_int_equal(flock(other, LOCK_EX), 0);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	assert_int_equal(qd_revlog_append_review(log, &r, &err), -1);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
	assert_true(ms >= 300 && ms < 3000);
	assert_int_equal(err.status, QD_EXIT_TEMPFAIL);
	assert_non_null(strstr(err.msg, path));
	assert_non_null(strstr(err.msg, "locked by another quizdeck"));
	rewind(tty);
	assert_non_null(fgets(said, sizeof(said), tty));
	assert_string_equal(said, "test-revlog: waiting for the review log lock held by another "
	                          "quizdeck...\n");
	/* Opening waits the same way; with no wait at all, it fails at once. */
	qd_revlog_free(log);
	ctx.lock_timeout_ms = 0;
	assert_int_equal(qd_revlog_open(&ctx, 0, &log, &err), -1);
	assert_int_equal(err.status, QD_EXIT_TEMPFAIL);
	assert_null(log);

	flock(other, LOCK_UN);
	assert_int_equal(qd_revlog_open(&ctx, 0, &log, &err), 0);
	assert_int_equal(qd_revlog_append_review(log, &r, &err), 0);
	qd_revlog_free(log);
	close(other);
	fclose(tty);
	free(path);
}

/* A log written before quiz results carried a fingerprint loads whole:
 * the result with its questions, and no fingerprint. */
static void test_quiz_before_fingerprints(void **state)
{
	struct qd_logdata d;
	struct qd_diags dg;
	struct qd_err err;

	(void)state;
	qd_logdata_init(&d);
	qd_diags_init(&dg, "old.log");
	assert_int_equal(qd_revlog_load(QD_TEST_DATA "/revlog/quiz-before-fingerprints.log", &d, &dg,
	                                &err),
	                 0);
	assert_int_equal(dg.errors + dg.warnings, 0);
	assert_int_equal(d.n_quizzes, 1);
	assert_string_equal(d.quizzes[0].id, "1795512600123-42");
	assert_int_equal(d.quizzes[0].n_answers, 2);
	assert_string_equal(d.quizzes[0].answers[1].card, "box-2");
	assert_true(d.quizzes[0].fingerprint == NULL);
	qd_diags_release(&dg);
	qd_logdata_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_quiz_before_fingerprints),
		cmocka_unit_test(test_damage),
		cmocka_unit_test(test_malformed_with_good_crc),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_undo),
		cmocka_unit_test(test_store),
		cmocka_unit_test(test_unwritable),
		cmocka_unit_test(test_doc_examples),
		cmocka_unit_test(test_crlf),
		cmocka_unit_test(test_future),
		cmocka_unit_test(test_lock_wait),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

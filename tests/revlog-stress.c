/*
 * Durability and concurrency tests of the review log store, run by ctest
 * (tests/revlog.cmake):
 *
 *   revlog-stress crash DIR KILLS SEED
 *     Starts KILLS children one after another. Each appends reviews and,
 *     after each append returns, reports the review's sequence number to
 *     the parent through a pipe; the parent SIGKILLs it after a seeded
 *     random delay. Afterwards every acknowledged review must be in the log,
 *     and the log must load (torn or sealed lines are only warnings).
 *
 *   revlog-stress concurrent DIR PER_PROCESS sync|nosync|batch
 *     Two processes append PER_PROCESS reviews each to one log at the same
 *     time; all 2 * PER_PROCESS must load, none damaged. "sync" fsyncs
 *     every record (the real path), "batch" appends 100 records per call
 *     (one fsync each), "nosync" skips fsync (QD_REVLOG_NOSYNC).
 *
 * Prints the elapsed time, so the cost of fsync is visible in the ctest log.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/revlog.h"

#define T0 INT64_C(1795512600000)

static uint64_t splitmix(uint64_t *s)
{
	uint64_t z = (*s += 0x9e3779b97f4a7c15u);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9u;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebu;
	return z ^ (z >> 31);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Review number seq of writer w: card "w<w>-<seq>", time T0 + seq. */
static struct qd_review make_review(char *card, size_t n, int w, uint64_t seq)
{
	struct qd_review r;

	snprintf(card, n, "w%d-%" PRIu64, w, seq);
	memset(&r, 0, sizeof(r));
	r.time_ms = T0 + (int64_t)seq;
	r.deck = "stress";
	r.card = card;
	r.rating = (int)(seq % 4) + 1;
	r.duration_ms = (int64_t)(seq % 9000);
	r.mode = QD_MODE_STUDY;
	r.correct = QD_CORRECT_YES;
	return r;
}

static int load(const char *dir, struct qd_logdata *d, size_t *warnings)
{
	char *path = qd_revlog_path(dir);
	struct qd_diags dg;
	struct qd_err err;
	int rc;

	qd_diags_init(&dg, path);
	rc = qd_revlog_load(path, d, &dg, &err);
	if (rc)
		qd_err_print(stderr, "revlog-stress", &err);
	for (size_t i = 0; i < dg.len && i < 5; i++)
		fprintf(stderr, "  log line %d: %s\n", dg.items[i].line, dg.items[i].msg);
	*warnings = dg.len;
	qd_diags_release(&dg);
	free(path);
	return rc;
}

/* A run context for a data directory: the default lock wait, no terminal. */
static struct qd_ctx ctx_for(const char *dir)
{
	struct qd_ctx ctx;

	memset(&ctx, 0, sizeof(ctx));
	ctx.prog = "revlog-stress";
	ctx.err = stderr;
	ctx.data_dir = (char *)dir; /* only read */
	ctx.lock_timeout_ms = QD_LOCK_TIMEOUT_MS;
	return ctx;
}

static void child_crash(const char *dir, int fd, uint64_t first)
{
	struct qd_revlog *log;
	struct qd_err err;
	char card[64];
	struct qd_ctx ctx = ctx_for(dir);

	if (qd_revlog_open(&ctx, 0, &log, &err)) {
		qd_err_print(stderr, "revlog-stress child", &err);
		_exit(2);
	}
	for (uint64_t seq = first;; seq++) {
		struct qd_review r = make_review(card, sizeof(card), 0, seq);
		if (qd_revlog_append_review(log, &r, &err)) {
			qd_err_print(stderr, "revlog-stress child", &err);
			_exit(2);
		}
		if (write(fd, &seq, sizeof(seq)) != (ssize_t)sizeof(seq))
			_exit(3);
	}
}

static int crash(const char *dir, int kills, uint64_t seed)
{
	uint64_t *acked = NULL, rng = seed, seq;
	size_t nacked = 0, cap = 0, warnings, missing = 0;
	struct qd_logdata d;
	double t = now_s();
	char card[64];
	int status;

	for (int k = 0; k < kills; k++) {
		int p[2];
		pid_t pid;
		struct timespec delay;
		ssize_t n;

		if (pipe(p))
			return perror("pipe"), 1;
		fflush(NULL);
		if ((pid = fork()) < 0)
			return perror("fork"), 1;
		if (pid == 0) {
			close(p[0]);
			child_crash(dir, p[1], (uint64_t)k * 1000000);
		}
		close(p[1]);
		/* 0 to 12 ms: sometimes before the first append, mostly in the middle. */
		delay.tv_sec = 0;
		delay.tv_nsec = (long)(splitmix(&rng) % 12000000);
		nanosleep(&delay, NULL);
		kill(pid, SIGKILL);
		waitpid(pid, &status, 0);
		if (!WIFSIGNALED(status)) {
			fprintf(stderr, "child %d exited by itself (status %d)\n", k, status);
			return 1;
		}
		while ((n = read(p[0], &seq, sizeof(seq))) == (ssize_t)sizeof(seq)) {
			if (nacked == cap) {
				cap = cap ? cap * 2 : 1024;
				acked = qd_xrealloc(acked, cap * sizeof(*acked));
			}
			acked[nacked++] = seq;
		}
		close(p[0]);
	}
	if (load(dir, &d, &warnings)) {
		free(acked);
		qd_logdata_release(&d);
		return 1;
	}
	/* Every acknowledged review is in the log (both lists are in order). */
	for (size_t i = 0, j = 0; i < nacked; i++) {
		make_review(card, sizeof(card), 0, acked[i]);
		while (j < d.n_reviews && strcmp(d.reviews[j].card, card) != 0)
			j++;
		if (j == d.n_reviews) {
			if (missing++ < 5)
				fprintf(stderr, "acknowledged review %s is missing\n", card);
			j = 0;
		}
	}
	printf("crash: %d kills, %zu acknowledged, %zu in the log, %zu damaged lines, "
	       "%.2f s\n", kills, nacked, d.n_reviews, warnings, now_s() - t);
	qd_logdata_release(&d);
	free(acked);
	return missing || nacked == 0 ? 1 : 0;
}

static int writer(const char *dir, int w, long count, const char *mode)
{
	struct qd_revlog *log;
	struct qd_err err;
	int flags = strcmp(mode, "nosync") == 0 ? QD_REVLOG_NOSYNC : 0;
	long batch = strcmp(mode, "batch") == 0 ? 100 : 1;
	struct qd_review r[100];
	char cards[100][64];
	struct qd_ctx ctx = ctx_for(dir);

	if (qd_revlog_open(&ctx, flags, &log, &err)) {
		qd_err_print(stderr, "revlog-stress writer", &err);
		return 2;
	}
	for (long i = 0; i < count; i += batch) {
		long n = count - i < batch ? count - i : batch;
		for (long k = 0; k < n; k++)
			r[k] = make_review(cards[k], sizeof(cards[k]), w, (uint64_t)(i + k));
		if (qd_revlog_append_reviews(log, r, (size_t)n, &err)) {
			qd_err_print(stderr, "revlog-stress writer", &err);
			qd_revlog_free(log);
			return 2;
		}
	}
	qd_revlog_free(log);
	return 0;
}

static int concurrent(const char *dir, long count, const char *mode)
{
	pid_t pids[2];
	double t = now_s();
	struct qd_logdata d;
	size_t warnings, seen[2] = {0, 0};
	int status, rc = 0;

	fflush(NULL);
	for (int w = 0; w < 2; w++) {
		if ((pids[w] = fork()) < 0)
			return perror("fork"), 1;
		if (pids[w] == 0)
			_exit(writer(dir, w, count, mode));
	}
	for (int w = 0; w < 2; w++) {
		waitpid(pids[w], &status, 0);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
			fprintf(stderr, "writer %d failed\n", w);
			rc = 1;
		}
	}
	if (load(dir, &d, &warnings))
		return 1;
	/* Each writer's reviews appear in its own order, complete. */
	for (size_t i = 0; i < d.n_reviews; i++) {
		const struct qd_review *r = &d.reviews[i];
		char card[64];
		int w = r->card[1] - '0';

		if (w < 0 || w > 1) {
			rc = 1;
			continue;
		}
		make_review(card, sizeof(card), w, seen[w]);
		if (strcmp(r->card, card) != 0 || r->time_ms != T0 + (int64_t)seen[w]) {
			if (rc == 0)
				fprintf(stderr, "line %d: expected %s, got %s\n", r->line, card, r->card);
			rc = 1;
		}
		seen[w]++;
	}
	printf("concurrent (%s): 2 x %ld appends, %zu loaded, %zu damaged lines, %.2f s\n",
	       mode, count, d.n_reviews, warnings, now_s() - t);
	if (d.n_reviews != (size_t)(2 * count) || warnings)
		rc = 1;
	qd_logdata_release(&d);
	return rc;
}

int main(int argc, char **argv)
{
	char cmd[1200];

	if (argc != 5) {
		fputs("usage: revlog-stress crash DIR KILLS SEED | concurrent DIR N sync|nosync|batch\n",
		      stderr);
		return 64;
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", argv[2]);
	if (strchr(argv[2], '\'') || system(cmd) != 0)
		return 1;
	if (strcmp(argv[1], "crash") == 0)
		return crash(argv[2], atoi(argv[3]), strtoull(argv[4], NULL, 10));
	if (strcmp(argv[1], "concurrent") == 0)
		return concurrent(argv[2], atol(argv[3]), argv[4]);
	return 64;
}

/*
 * study-sim: fifty days of a scripted learner, through the real binary.
 *
 *   study-sim QUIZDECK WORKDIR
 *
 * Writes a deck of 1,201 typed cards into WORKDIR (every answer is "yes",
 * but one card's learner keeps forgetting it) and settings with
 * new_per_day: 20 and reviews_per_day: 25, then runs `quizdeck study` once
 * a day for 50 days, QUIZDECK_NOW stepping a day at a time. The learner
 * is this program, on the session's pipes: it reads up to each prompt,
 * answers what the question asks, and rates Good what it knew and Again
 * what it did not. The forgetful card is answered right the day it is
 * learnt or relearnt and wrong whenever it comes back on a later day.
 *
 * Then it reads the review log and checks, replaying it through the
 * library's scheduler:
 *   - no day starts more than 20 new cards or reviews more than 25 cards
 *     in review (and the review limit is reached, so it is tested);
 *   - no card is shown early: a review card not before its day, a card in
 *     learning steps not before its step is due less learn_ahead (20 min);
 *   - the forgetful card becomes a leech at 8 lapses, the session says so,
 *     it is suspended (an event in the log) and never asked again.
 * It prints the reviews of each day. Exit 0 when all hold, 1 otherwise.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/qtime.h"
#include "quizdeck/replay.h"
#include "quizdeck/revlog.h"
#include "quizdeck/sched.h"
#include "quizdeck/strset.h"

#define DAYS 50
#define CARDS 1200 /* besides the forgetful one */
#define NEW_PER_DAY 20
#define REVIEWS_PER_DAY 25
#define LEARN_AHEAD_MS (20 * 60 * 1000)
#define LEECH_LAPSES 8
#define START_MS INT64_C(1767603600000) /* 2026-01-05T09:00:00Z */
#define DAY_MS INT64_C(86400000)

static int failures;

static void fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void fail(const char *fmt, ...)
{
	va_list ap;

	fputs("study-sim: FAIL: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	failures++;
}

static void die(const char *what)
{
	fprintf(stderr, "study-sim: %s: %s\n", what, strerror(errno));
	exit(2);
}

static void write_file(const char *path, const char *data)
{
	FILE *fp = fopen(path, "w");

	if (!fp || fputs(data, fp) == EOF || fclose(fp) != 0)
		die(path);
}

static void write_all(int fd, const char *s)
{
	size_t n = strlen(s);

	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			die("write to the session");
		}
		s += w;
		n -= (size_t)w;
	}
}

static bool ends_with(const struct qd_buf *b, const char *s)
{
	size_t n = strlen(s);

	return b->len >= n && memcmp(b->data + b->len - n, s, n) == 0;
}

struct learner {
	int forget_day;   /* the day the forgetful card was last answered, or -1 */
	bool wrong;       /* the last answer was wrong */
	bool leech_said;  /* a session said it is a leech */
	int leech_day;
};

/* One day's session: answers every prompt until the session ends. Returns
 * its exit status; its transcript is left in out. */
static int session(const char *quizdeck, const char *deck, int day, struct learner *l,
                   struct qd_buf *out)
{
	int in[2], from[2], status;
	size_t asked_from = 0, prompts = 0;
	char now[QD_ISO_MAX];
	pid_t pid;

	if (pipe(in) || pipe(from))
		die("pipe");
	qd_time_format_iso(START_MS + day * DAY_MS, now);
	pid = fork();
	if (pid < 0)
		die("fork");
	if (pid == 0) {
		dup2(in[0], 0);
		dup2(from[1], 1);
		dup2(from[1], 2);
		close(in[0]);
		close(in[1]);
		close(from[0]);
		close(from[1]);
		setenv("QUIZDECK_NOW", now, 1);
		execl(quizdeck, quizdeck, "study", deck, (char *)NULL);
		_exit(127);
	}
	close(in[0]);
	close(from[1]);
	for (;;) {
		struct pollfd pfd = {from[0], POLLIN, 0};
		char chunk[4096];
		ssize_t n;
		int rc = poll(&pfd, 1, 60000);

		if (rc == 0) {
			fail("day %d: the session said nothing for 60 s; last output: %s", day + 1,
			     out->len > 300 ? out->data + out->len - 300 : out->data);
			kill(pid, SIGKILL);
			break;
		}
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			die("poll");
		}
		n = read(from[0], chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		qd_buf_add(out, chunk, (size_t)n);
		if (!ends_with(out, "> "))
			continue;
		if (++prompts > 20000) {
			fail("day %d: more than 20,000 prompts", day + 1);
			kill(pid, SIGKILL);
			break;
		}
		if (ends_with(out, "answer> ")) {
			bool forget = strstr(out->data + asked_from, "Forget me") != NULL;
			const char *a = "yes\n";
			if (forget) {
				/* Right the day it is (re)learnt; wrong on a later day. */
				if (l->forget_day >= 0 && l->forget_day < day)
					a = "no\n";
				l->forget_day = day;
			}
			l->wrong = a[0] == 'n';
			write_all(in[1], a);
		} else if (strstr(out->data + (out->len > 40 ? out->len - 40 : 0), "rate [")) {
			/* As a daily learner rates: good when it was known. */
			write_all(in[1], l->wrong ? "again\n" : "good\n");
		} else {
			fail("day %d: an unknown prompt: %s", day + 1,
			     out->len > 300 ? out->data + out->len - 300 : out->data);
			kill(pid, SIGKILL);
			break;
		}
		asked_from = out->len;
	}
	close(in[1]);
	close(from[0]);
	if (waitpid(pid, &status, 0) < 0)
		die("waitpid");
	if (strstr(out->data, "This card is a leech") && !l->leech_said) {
		l->leech_said = true;
		l->leech_day = day;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(int argc, char **argv)
{
	struct qd_buf b, out;
	struct learner l = {.forget_day = -1, .leech_day = -1};
	struct qd_logdata log;
	struct qd_diags diags;
	struct qd_err err;
	struct qd_sched_params p;
	struct qd_replay rp;
	struct qd_cardref *refs;
	struct qd_strset index = {0};
	struct qd_memory *mem;
	char path[4096], deck[4096];
	int started[DAYS] = {0}, reviewed[DAYS] = {0}, other[DAYS] = {0};
	bool limit_reached = false;
	int64_t leech_event_ms = -1;

	if (argc != 3) {
		fprintf(stderr, "usage: study-sim QUIZDECK WORKDIR\n");
		return 2;
	}
	/* A world of its own. */
	snprintf(path, sizeof(path), "rm -rf '%s' && mkdir -p '%s/home' '%s/data' '%s/state'",
	         argv[2], argv[2], argv[2], argv[2]);
	if (system(path) != 0)
		die("cannot create the work directory");
	snprintf(path, sizeof(path), "%s/home", argv[2]);
	setenv("HOME", path, 1);
	snprintf(path, sizeof(path), "%s/data", argv[2]);
	setenv("QUIZDECK_DATA", path, 1);
	setenv("XDG_DATA_HOME", path, 1);
	snprintf(path, sizeof(path), "%s/state", argv[2]);
	setenv("XDG_STATE_HOME", path, 1);
	setenv("XDG_CONFIG_HOME", path, 1);
	setenv("TZ", "UTC", 1);
	setenv("LC_ALL", "C.UTF-8", 1);
	setenv("NO_COLOR", "1", 1);
	unsetenv("COLUMNS");
	snprintf(path, sizeof(path), "%s/settings.yaml", argv[2]);
	qd_buf_init(&b);
	qd_buf_addf(&b, "new_per_day: %d\nreviews_per_day: %d\nlearn_ahead: 20m\n"
	                "leech_threshold: %d\nleech_action: suspend\n",
	            NEW_PER_DAY, REVIEWS_PER_DAY, LEECH_LAPSES);
	write_file(path, b.data);
	setenv("QUIZDECK_CONFIG", path, 1);
	qd_buf_reset(&b);
	qd_buf_adds(&b, "deck: sim\ntitle: Fifty days\ncards:\n"
	                "  - {id: forget, type: typed, q: \"Forget me: type yes\", a: \"yes\"}\n");
	for (int i = 1; i <= CARDS; i++)
		qd_buf_addf(&b, "  - {id: c%04d, type: typed, q: \"Card %d: type yes\", a: \"yes\"}\n",
		            i, i);
	snprintf(deck, sizeof(deck), "%s/sim.yaml", argv[2]);
	write_file(deck, b.data);

	/* Fifty days. */
	qd_buf_init(&out);
	for (int day = 0; day < DAYS; day++) {
		int st;
		qd_buf_reset(&out);
		st = session(argv[1], deck, day, &l, &out);
		snprintf(path, sizeof(path), "%s/day-%02d.out", argv[2], day + 1);
		write_file(path, out.data ? out.data : "");
		if (st != 0)
			fail("day %d: the session exited %d (see %s)", day + 1, st, path);
	}
	qd_buf_release(&out);

	/* The log, replayed. */
	snprintf(path, sizeof(path), "%s/data/reviews.log", argv[2]);
	qd_diags_init(&diags, path);
	if (qd_revlog_load(path, &log, &diags, &err)) {
		qd_err_print(stderr, "study-sim", &err);
		return 1;
	}
	if (diags.len)
		fail("the log loads with %zu warnings", diags.len);
	qd_diags_release(&diags);
	qd_sched_params_default(&p);
	qd_sched_params_finish(&p);
	refs = calloc(CARDS + 1, sizeof(*refs));
	mem = calloc(CARDS + 1, sizeof(*mem));
	if (!refs || !mem)
		die("calloc");
	for (size_t i = 0; i <= CARDS; i++) {
		char id[16];
		if (i == 0)
			snprintf(id, sizeof(id), "forget");
		else
			snprintf(id, sizeof(id), "c%04zu", i);
		refs[i].deck = "sim";
		refs[i].card = strdup(id);
		qd_strset_put_n(&index, id, strlen(id), i, NULL);
		qd_memory_init(&mem[i]);
	}
	qd_replay_run(&rp, &p, &log, refs, CARDS + 1);

	/* Each review, in the log's order (the sessions' order), against the
	 * state the card was in. */
	for (size_t i = 0; i < log.n_reviews; i++) {
		const struct qd_review *r = &log.reviews[i];
		size_t c;
		int64_t day = (r->time_ms - START_MS) / DAY_MS;
		struct qd_memory *m;

		if (r->undone)
			continue;
		if (!qd_strset_get_n(&index, r->card, strlen(r->card), &c) || day < 0 || day >= DAYS) {
			fail("log line %d: a review of '%s' at an unexpected time", r->line, r->card);
			continue;
		}
		m = &mem[c];
		if (m->state != rp.state_before[i])
			fail("log line %d: the replay disagrees on the state before", r->line);
		if (m->state == QD_STATE_NEW) {
			started[day]++;
		} else if (m->state == QD_STATE_REVIEW) {
			reviewed[day]++;
			if (qd_sched_day(&p, r->time_ms) < qd_sched_day(&p, m->due_ms))
				fail("log line %d: '%s' reviewed before its day", r->line, r->card);
		} else {
			other[day]++;
			if (r->time_ms < m->due_ms - LEARN_AHEAD_MS)
				fail("log line %d: '%s' shown %" PRId64 " min before its step, beyond "
				     "learn_ahead", r->line, r->card, (m->due_ms - r->time_ms) / 60000);
		}
		if (c == 0 && leech_event_ms >= 0 && r->time_ms > leech_event_ms)
			fail("log line %d: the suspended leech was asked again", r->line);
		qd_sched_review(&p, m, r->time_ms, (enum qd_rating)r->rating,
		                qd_sched_fuzz_seed(qd_replay_card_key("sim", r->card), m->reps), m);
		if (c == 0 && leech_event_ms < 0 && m->lapses >= LEECH_LAPSES)
			leech_event_ms = r->time_ms;
	}
	printf("day  new  review  steps\n");
	for (int d = 0; d < DAYS; d++) {
		printf("%3d  %3d  %6d  %5d\n", d + 1, started[d], reviewed[d], other[d]);
		if (started[d] > NEW_PER_DAY)
			fail("day %d: %d new cards started, the limit is %d", d + 1, started[d],
			     NEW_PER_DAY);
		if (reviewed[d] > REVIEWS_PER_DAY)
			fail("day %d: %d review cards reviewed, the limit is %d", d + 1, reviewed[d],
			     REVIEWS_PER_DAY);
		if (started[d] != NEW_PER_DAY)
			fail("day %d: %d new cards started, not %d", d + 1, started[d], NEW_PER_DAY);
		limit_reached = limit_reached || reviewed[d] == REVIEWS_PER_DAY;
	}
	if (!limit_reached)
		fail("reviews_per_day was never reached: the limit is not tested");

	/* The forgetful card: a leech at 8 lapses, said, suspended. */
	{
		const struct qd_card_state *fc = &rp.cards[0];
		printf("forget: %d lapses, %s, leech announced on day %d\n", fc->mem.lapses,
		       fc->suspended ? "suspended" : "not suspended", l.leech_day + 1);
		if (fc->mem.lapses != LEECH_LAPSES)
			fail("the forgetful card has %d lapses, not %d", fc->mem.lapses, LEECH_LAPSES);
		if (!fc->suspended)
			fail("the forgetful card is not suspended");
		if (!l.leech_said)
			fail("no session said the card is a leech");
		if (!qd_replay_leech(fc, LEECH_LAPSES))
			fail("the forgetful card is not marked a leech");
	}
	for (size_t i = 0; i <= CARDS; i++)
		free((char *)refs[i].card);
	free(refs);
	free(mem);
	qd_strset_release(&index);
	qd_replay_release(&rp);
	qd_logdata_release(&log);
	qd_buf_release(&b);
	if (failures) {
		fprintf(stderr, "study-sim: %d failure(s)\n", failures);
		return 1;
	}
	printf("study-sim: passed\n");
	return 0;
}

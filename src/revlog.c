/*
 * The review log's store (see quizdeck/revlog.h and docs/log-format.md):
 * loading a whole log, and appending to it durably. The bytes of each line
 * are the codec's (revrec.c).
 *
 * Design choices:
 * - Loading never fails on a damaged line: each line is parsed on its own
 *   and a bad one is reported with its number and skipped. What links lines
 *   (an undo to the review or event it cancels, question lines to their quiz
 *   summary) is resolved here, in file order.
 * - Appends: one write() per record on an O_APPEND descriptor under
 *   flock(LOCK_EX), then fsync() before returning. Under the lock the writer
 *   re-checks that the path is still the file it holds (a compaction may have
 *   renamed a new file over it), that the header is there, and that the file
 *   ends with a newline: if an earlier append was torn by a crash, a newline
 *   is written first so the torn bytes become one damaged line instead of
 *   corrupting the new record.
 * - An import appends in batches of about QD_REVLOG_IMPORT_BATCH bytes, one
 *   write() and one fsync() each, a batch counted only once durable; its
 *   duplicate check (a hash set over the log and the file) is what makes a
 *   batch cut by a crash harmless: importing again skips its whole lines.
 * - Loading reads the file a block at a time, parses each line into one
 *   scratch buffer and keeps each distinct id once (interned): nothing is
 *   allocated per record, and nothing keeps the file's bytes.
 * - The lock is held only for the duration of one append (or one import).
 *   A writer that finds it taken waits in a blocking flock(), which is fair
 *   to it where polling with LOCK_NB can starve it, but not forever: after
 *   the context's lock_timeout_ms (QUIZDECK_LOCK_TIMEOUT) it gives up with
 *   QD_EXIT_TEMPFAIL, saying on a terminal that it is waiting.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/fileio.h"
#include "quizdeck/qtime.h"
#include "quizdeck/revlog.h"
#include "quizdeck/strset.h"

/* ---- The string pool of a loaded log ---- */

/* Blocks that the loaded records point into (quiz results), and the deck
 * and card ids, each distinct id stored once: a log of a million reviews
 * of ten thousand cards keeps ten thousand card ids, and its records point
 * at them. */
struct qd_logdata_pool {
	void **ptrs;
	size_t len, cap;
	struct qd_strset ids; /* id -> its index in strs */
	char **strs;
	size_t n_strs, cap_strs;
};

static struct qd_logdata_pool *pool_of(struct qd_logdata *d)
{
	if (!d->pool) /* allocated lazily: init allocates nothing, so a second init cannot leak */
		d->pool = qd_xcalloc(1, sizeof(*d->pool));
	return d->pool;
}

static void *pool_keep(struct qd_logdata *d, void *p)
{
	struct qd_logdata_pool *pl = pool_of(d);

	if (pl->len == pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 64;
		pl->ptrs = qd_xrealloc(pl->ptrs, pl->cap * sizeof(*pl->ptrs));
	}
	pl->ptrs[pl->len++] = p;
	return p;
}

/* The pool's copy of the id s: the same pointer for the same bytes. *last
 * is the id this was last asked for in the same role (a log's records
 * nearly all name one deck, or a few, one after another): equal bytes are
 * found without a lookup. */
static const char *intern(struct qd_logdata *d, const char *s, const char **last)
{
	struct qd_logdata_pool *pl = pool_of(d);
	size_t len, at;

	if (*last && strcmp(*last, s) == 0)
		return *last;
	len = strlen(s);
	if (qd_strset_get_n(&pl->ids, s, len, &at))
		return *last = pl->strs[at];
	if (pl->n_strs == pl->cap_strs) {
		pl->cap_strs = pl->cap_strs ? pl->cap_strs * 2 : 64;
		pl->strs = qd_xrealloc(pl->strs, pl->cap_strs * sizeof(*pl->strs));
	}
	pl->strs[pl->n_strs] = qd_xstrndup(s, len);
	qd_strset_put_n(&pl->ids, s, len, pl->n_strs, NULL);
	return *last = pl->strs[pl->n_strs++];
}

void qd_logdata_init(struct qd_logdata *d)
{
	memset(d, 0, sizeof(*d));
}

void qd_logdata_release(struct qd_logdata *d)
{
	if (d->pool) {
		for (size_t i = 0; i < d->pool->len; i++)
			free(d->pool->ptrs[i]);
		free(d->pool->ptrs);
		for (size_t i = 0; i < d->pool->n_strs; i++)
			free(d->pool->strs[i]);
		free(d->pool->strs);
		qd_strset_release(&d->pool->ids);
		free(d->pool);
	}
	free(d->reviews);
	free(d->undos);
	free(d->events);
	free(d->quizzes);
	memset(d, 0, sizeof(*d));
}

char *qd_revlog_path(const char *data_dir)
{
	struct qd_buf b;

	qd_buf_init(&b);
	qd_buf_addf(&b, "%s/%s", data_dir, QD_REVLOG_FILE);
	return qd_buf_detach(&b, NULL);
}

/* ---- Loading ---- */

/* A question line waiting for its quiz summary. */
struct pending_qa {
	struct qd_revrec_qa qa;
	int line;
	bool used;
	size_t next; /* the next pending line of the same quiz, or NO_QA */
};

#define NO_QA SIZE_MAX

/* The question lines waiting for their summary are chained per quiz id,
 * and the chains found through a hash map, so that a log of many quizzes
 * loads in linear time. */
struct qa_chain {
	size_t head, tail; /* NO_QA when every line so far was used */
};

struct loader {
	const char *name; /* the file, in errors */
	struct qd_logdata *d;
	struct qd_diags *diags;
	int line;               /* lines read so far */
	struct qd_buf scratch;  /* the strings of the line being read */
	const char *last_deck, *last_card; /* the ids of the last record (interned) */
	size_t cap_reviews, cap_undos, cap_quizzes, cap_events;
	struct pending_qa *qa;
	size_t n_qa, cap_qa;
	struct qd_strset qa_ids; /* quiz id -> index in chains */
	struct qa_chain *chains;
	size_t n_chains, cap_chains;
};

static void add_review(struct loader *L, const struct qd_review *r)
{
	if (L->d->n_reviews == L->cap_reviews) {
		L->cap_reviews = L->cap_reviews ? L->cap_reviews * 2 : 256;
		L->d->reviews = qd_xrealloc(L->d->reviews, L->cap_reviews * sizeof(*r));
	}
	L->d->reviews[L->d->n_reviews++] = *r;
}

static void add_event(struct loader *L, const struct qd_event *e)
{
	if (L->d->n_events == L->cap_events) {
		L->cap_events = L->cap_events ? L->cap_events * 2 : 16;
		L->d->events = qd_xrealloc(L->d->events, L->cap_events * sizeof(*e));
	}
	L->d->events[L->d->n_events++] = *e;
}

/* Cancels the latest review the undo names that is not undone yet. */
static bool undo_review(struct loader *L, const struct qd_undo *u)
{
	for (size_t i = L->d->n_reviews; i-- > 0;) {
		struct qd_review *r = &L->d->reviews[i];
		/* Ids are interned: equal ids are the same pointer. */
		if (!r->undone && r->time_ms == u->target_ms && r->card == u->card &&
		    r->deck == u->deck) {
			r->undone = true;
			return true;
		}
	}
	return false;
}

/* The same for an event of the undo's kind. */
static bool undo_event(struct loader *L, const struct qd_undo *u)
{
	for (size_t i = L->d->n_events; i-- > 0;) {
		struct qd_event *e = &L->d->events[i];
		if (!e->undone && e->kind == u->target_kind && e->time_ms == u->target_ms &&
		    e->card == u->card && e->deck == u->deck) {
			e->undone = true;
			return true;
		}
	}
	return false;
}

static void add_undo(struct loader *L, const struct qd_undo *u)
{
	if (!(u->target_event ? undo_event(L, u) : undo_review(L, u))) {
		if (L->diags)
			qd_diags_add(L->diags, QD_SEV_WARNING, u->line, 0,
			             "undo of '%s/%s' matches no earlier %s; line skipped",
			             u->deck, u->card,
			             u->target_event ? qd_event_kind_name(u->target_kind) : "review");
		return;
	}
	if (L->d->n_undos == L->cap_undos) {
		L->cap_undos = L->cap_undos ? L->cap_undos * 2 : 16;
		L->d->undos = qd_xrealloc(L->d->undos, L->cap_undos * sizeof(*u));
	}
	L->d->undos[L->d->n_undos++] = *u;
}

static void add_qa(struct loader *L, const struct qd_revrec_qa *qa, int line)
{
	size_t at;

	if (L->n_qa == L->cap_qa) {
		L->cap_qa = L->cap_qa ? L->cap_qa * 2 : 32;
		L->qa = qd_xrealloc(L->qa, L->cap_qa * sizeof(*L->qa));
	}
	if (qd_strset_put_n(&L->qa_ids, qa->quiz_id, strlen(qa->quiz_id), L->n_chains, &at)) {
		if (L->n_chains == L->cap_chains) {
			L->cap_chains = L->cap_chains ? L->cap_chains * 2 : 32;
			L->chains = qd_xrealloc(L->chains, L->cap_chains * sizeof(*L->chains));
		}
		at = L->n_chains++;
		L->chains[at].head = NO_QA;
	}
	if (L->chains[at].head == NO_QA)
		L->chains[at].head = L->n_qa;
	else
		L->qa[L->chains[at].tail].next = L->n_qa;
	L->chains[at].tail = L->n_qa;
	L->qa[L->n_qa].qa = *qa;
	L->qa[L->n_qa].line = line;
	L->qa[L->n_qa].used = false;
	L->qa[L->n_qa].next = NO_QA;
	L->n_qa++;
}

/* A quiz summary takes the question lines before it with its id. */
static void add_quiz(struct loader *L, struct qd_quiz_result *q)
{
	size_t nq = q->n_answers, found = 0, chain, first = NO_QA;
	struct qd_quiz_answer *answers = pool_keep(L->d, qd_xcalloc(nq + 1, sizeof(*answers)));

	if (qd_strset_get_n(&L->qa_ids, q->id, strlen(q->id), &chain)) {
		first = L->chains[chain].head;
		L->chains[chain].head = NO_QA; /* every line of the chain is used now */
	}
	for (size_t i = first; i != NO_QA; i = L->qa[i].next) {
		struct pending_qa *p = &L->qa[i];
		p->used = true;
		if (p->qa.index > nq || answers[p->qa.index - 1].deck) {
			if (L->diags)
				qd_diags_add(L->diags, QD_SEV_WARNING, p->line, 0,
				             "quiz '%s': question %zu does not belong to the result "
				             "on line %d; line skipped", q->id, p->qa.index, q->line);
			continue;
		}
		answers[p->qa.index - 1] = p->qa.answer;
		found++;
	}
	if (found != nq) {
		/* Keep what survives: compact the answers that are present. */
		size_t k = 0;
		for (size_t i = 0; i < nq; i++)
			if (answers[i].deck)
				answers[k++] = answers[i];
		if (L->diags)
			qd_diags_add(L->diags, QD_SEV_WARNING, q->line, 0,
			             "quiz '%s': %zu of %zu question lines are missing or damaged",
			             q->id, nq - found, nq);
	}
	q->answers = answers;
	q->n_listed = nq;
	q->n_answers = found;
	if (L->d->n_quizzes == L->cap_quizzes) {
		L->cap_quizzes = L->cap_quizzes ? L->cap_quizzes * 2 : 8;
		L->d->quizzes = qd_xrealloc(L->d->quizzes, L->cap_quizzes * sizeof(*q));
	}
	L->d->quizzes[L->d->n_quizzes++] = *q;
}

/* Reads one line; a line that is not a record is reported and skipped.
 * Reviews, undos and events (nearly every line) are parsed into the
 * loader's scratch buffer and keep only their interned ids: no allocation
 * per line. A quiz's lines keep their own memory, as before. */
static void load_line(struct loader *L, const char *p, size_t len, int line)
{
	struct qd_revrec rec;
	enum qd_revrec_status st = qd_revrec_parse_in(p, len, &rec, &L->scratch);

	if (st == QD_REVREC_OK && (rec.type == QD_REVREC_QA || rec.type == QD_REVREC_QUIZ))
		st = qd_revrec_parse(p, len, &rec);
	if (st != QD_REVREC_OK) {
		if (L->diags && st == QD_REVREC_UNKNOWN)
			qd_diags_add(L->diags, QD_SEV_WARNING, line, 0,
			             "unknown record type '%s'; line skipped", rec.unknown);
		else if (L->diags)
			qd_diags_add(L->diags, QD_SEV_WARNING, line, 0, "%s; line skipped",
			             st == QD_REVREC_DAMAGED ? "damaged record (checksum mismatch)"
			                                     : "malformed record");
		qd_revrec_release(&rec);
		return;
	}
	switch (rec.type) {
	case QD_REVREC_REVIEW:
		rec.review.line = line;
		rec.review.deck = intern(L->d, rec.review.deck, &L->last_deck);
		rec.review.card = intern(L->d, rec.review.card, &L->last_card);
		add_review(L, &rec.review);
		break;
	case QD_REVREC_UNDO:
		rec.undo.line = line;
		rec.undo.deck = intern(L->d, rec.undo.deck, &L->last_deck);
		rec.undo.card = intern(L->d, rec.undo.card, &L->last_card);
		add_undo(L, &rec.undo);
		break;
	case QD_REVREC_QA:
		add_qa(L, &rec.qa, line);
		break;
	case QD_REVREC_QUIZ:
		rec.quiz.line = line;
		add_quiz(L, &rec.quiz);
		break;
	case QD_REVREC_EVENT:
		rec.event.line = line;
		rec.event.deck = intern(L->d, rec.event.deck, &L->last_deck);
		rec.event.card = intern(L->d, rec.event.card, &L->last_card);
		add_event(L, &rec.event);
		break;
	}
	/* The quiz records point into the line's own memory. */
	if (rec.mem)
		pool_keep(L->d, rec.mem);
}

/* Reads the complete lines at the start of data[0..len) (the first one is
 * the header) and returns how many bytes they take; the rest, a line
 * without its newline yet, is left for the next call or for load_end().
 * -1 with err when the header is refused. */
static ptrdiff_t load_lines(struct loader *L, const char *data, size_t len, struct qd_err *err)
{
	const char *p = data, *end = data + len, *nl;

	for (; p < end && (nl = memchr(p, '\n', (size_t)(end - p))); p = nl + 1) {
		if (L->line++ == 0) {
			if (qd_revrec_parse_header(p, (size_t)(nl - p), &L->d->version, L->name, err))
				return -1;
			continue;
		}
		load_line(L, p, (size_t)(nl - p), L->line);
	}
	return p - data;
}

/* The end of the file: rest[0..len) is what follows its last newline. */
static int load_end(struct loader *L, const char *rest, size_t len, struct qd_err *err)
{
	const char *header = qd_revrec_header();
	size_t hlen = strlen(header);

	if (L->line == 0 && len > 0) {
		/* No newline at all: only a torn header (the file was being
		 * created), or a first line that must be a header. */
		if (len < hlen && memcmp(rest, header, len) == 0) {
			if (L->diags)
				qd_diags_add(L->diags, QD_SEV_WARNING, 1, 0,
				             "torn header ignored (the log was being created)");
			return 0;
		}
		return qd_revrec_parse_header(rest, len, &L->d->version, L->name, err);
	}
	if (len > 0 && L->diags)
		qd_diags_add(L->diags, QD_SEV_WARNING, L->line + 1, 0,
		             "torn last line ignored (an append was interrupted)");
	for (size_t i = 0; i < L->n_qa; i++)
		if (!L->qa[i].used && L->diags)
			qd_diags_add(L->diags, QD_SEV_WARNING, L->qa[i].line, 0,
			             "quiz '%s': question line without a result summary (an "
			             "interrupted quiz); line skipped", L->qa[i].qa.quiz_id);
	return 0;
}

static void loader_init(struct loader *L, const char *name, struct qd_logdata *out,
                        struct qd_diags *diags)
{
	memset(L, 0, sizeof(*L));
	L->name = name;
	L->d = out;
	L->diags = diags;
	qd_buf_init(&L->scratch);
}

static void loader_release(struct loader *L)
{
	free(L->qa);
	free(L->chains);
	qd_strset_release(&L->qa_ids);
	qd_buf_release(&L->scratch);
}

int qd_revlog_load_mem(const char *data, size_t len, struct qd_logdata *out,
                       struct qd_diags *diags, struct qd_err *err)
{
	struct loader L;
	ptrdiff_t used;
	int rc = -1;

	qd_logdata_init(out);
	loader_init(&L, diags && diags->file ? diags->file : "", out, diags);
	used = load_lines(&L, data, len, err);
	if (used >= 0)
		rc = load_end(&L, data + used, len - (size_t)used, err);
	loader_release(&L);
	return rc;
}

/* The file is read a block at a time, never whole: once a line is read
 * nothing points into it, so memory holds the records, not the file. */
#define LOAD_BLOCK (1 << 20)

int qd_revlog_load(const char *path, struct qd_logdata *out, struct qd_diags *diags,
                   struct qd_err *err)
{
	int fd, rc;

	qd_logdata_init(out);
	fd = qd_file_open(path, err);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0; /* no review yet */
		if (err)
			err->status = QD_EXIT_IOERR;
		return -1;
	}
	rc = qd_revlog_load_fd(fd, path, out, NULL, diags, err);
	close(fd);
	return rc;
}

int qd_revlog_load_fd(int fd, const char *path, struct qd_logdata *out, uint64_t *len,
                      struct qd_diags *diags, struct qd_err *err)
{
	struct loader L;
	struct qd_buf b;
	uint64_t total = 0;
	int rc = 0;

	qd_logdata_init(out);
	loader_init(&L, path, out, diags);
	qd_buf_init(&b);
	for (;;) {
		ptrdiff_t used;
		ssize_t n;

		/* b holds the start of a line; a line longer than the block
		 * makes it grow. */
		qd_buf_grow(&b, b.len < LOAD_BLOCK ? LOAD_BLOCK : b.len);
		n = read(fd, b.data + b.len, b.cap - b.len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			rc = qd_err_at(err, QD_EXIT_IOERR, path, 0, 0, "cannot read: %s",
			               strerror(errno));
			break;
		}
		if (n == 0) {
			rc = load_end(&L, b.data, b.len, err);
			break;
		}
		b.len += (size_t)n;
		total += (uint64_t)n;
		if ((used = load_lines(&L, b.data, b.len, err)) < 0) {
			rc = -1;
			break;
		}
		memmove(b.data, b.data + used, b.len - (size_t)used);
		b.len -= (size_t)used;
	}
	if (len)
		*len = total;
	qd_buf_release(&b);
	loader_release(&L);
	return rc;
}

void qd_revlog_warn_future(const struct qd_logdata *d, int64_t now_ms,
                           struct qd_diags *diags)
{
	const struct qd_review *first = NULL;
	char when[QD_ISO_MAX], now[QD_ISO_MAX];
	size_t more = 0;

	for (size_t i = 0; i < d->n_reviews; i++) {
		const struct qd_review *r = &d->reviews[i];
		if (r->undone || r->time_ms <= now_ms || r->time_ms - now_ms <= QD_REVLOG_FUTURE_MS)
			continue;
		if (first)
			more++;
		else
			first = r;
	}
	if (!first || !diags)
		return;
	qd_time_format_iso_ms(first->time_ms, when);
	qd_time_format_iso_ms(now_ms, now);
	if (more)
		qd_diags_add(diags, QD_SEV_WARNING, first->line, 0,
		             "review of '%s/%s' is dated %s, after now (%s): the card's state is "
		             "derived from a review in the future, so it is not due before then "
		             "(%zu more review%s dated after now)", first->deck, first->card, when,
		             now, more, more == 1 ? " is" : "s are");
	else
		qd_diags_add(diags, QD_SEV_WARNING, first->line, 0,
		             "review of '%s/%s' is dated %s, after now (%s): the card's state is "
		             "derived from a review in the future, so it is not due before then",
		             first->deck, first->card, when, now);
}

/* ---- The store ---- */

struct qd_revlog {
	char *dir, *path;
	int fd, flags;
	bool wrote_header; /* by the last prepare() */
	dev_t dev;
	ino_t ino;
	int64_t lock_timeout_ms;
	FILE *notice;      /* where to say that we wait for the lock; or NULL */
	const char *prog;  /* for the notice */
	int64_t kill_at;   /* ctx->test_kill_import_bytes */
};

const char *qd_revlog_file(const struct qd_revlog *log)
{
	return log->path;
}

static void wake(int sig)
{
	(void)sig; /* only interrupts the flock() of wait_lock() */
}

static int64_t elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)(now.tv_sec - since->tv_sec) * 1000 +
	       (now.tv_nsec - since->tv_nsec) / 1000000;
}

/* Another writer holds the lock: waits for it at most log->lock_timeout_ms.
 * The wait is a blocking flock(), fair to us where polling with LOCK_NB
 * loses every time to a writer appending in a loop; a timer of our own
 * interrupts it every tick (SIGALRM, with a handler and an unblocked mask
 * only for the wait) to look at the clock. Sessions block SIGINT and read
 * it from a signalfd, so this bound is what keeps a learner from waiting
 * forever on a stuck writer. */
static int wait_lock(struct qd_revlog *log, struct qd_err *err)
{
	enum { TICK_MS = 100 };
	struct sigaction sa, old_sa;
	struct sigevent sev;
	struct itimerspec tick;
	struct timespec start;
	sigset_t alrm, old_mask;
	timer_t timer;
	bool told = false;
	int rc = 0;

	clock_gettime(CLOCK_MONOTONIC, &start);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = wake; /* no SA_RESTART: flock() returns EINTR */
	sigemptyset(&sa.sa_mask);
	memset(&sev, 0, sizeof(sev));
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = SIGALRM;
	sigemptyset(&alrm);
	sigaddset(&alrm, SIGALRM);
	if (sigaction(SIGALRM, &sa, &old_sa) != 0)
		return qd_err_errno(err, QD_EXIT_SOFTWARE, errno, "cannot wait for '%s'",
		                    log->path);
	sigprocmask(SIG_UNBLOCK, &alrm, &old_mask);
	if (timer_create(CLOCK_MONOTONIC, &sev, &timer) != 0) {
		rc = qd_err_errno(err, QD_EXIT_SOFTWARE, errno, "cannot wait for '%s'",
		                  log->path);
		goto out;
	}
	memset(&tick, 0, sizeof(tick));
	tick.it_value.tv_nsec = tick.it_interval.tv_nsec = TICK_MS * 1000000L;
	timer_settime(timer, 0, &tick, NULL);
	while (flock(log->fd, LOCK_EX) != 0) {
		int64_t waited = elapsed_ms(&start);

		if (errno != EINTR) {
			rc = qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot lock '%s'", log->path);
			break;
		}
		if (waited >= log->lock_timeout_ms) {
			rc = qd_err_set(err, QD_EXIT_TEMPFAIL,
			                "'%s' stayed locked by another quizdeck for %" PRId64
			                ".%01" PRId64 " s; try again when it has finished "
			                "(QUIZDECK_LOCK_TIMEOUT sets how long to wait)",
			                log->path, waited / 1000, waited % 1000 / 100);
			break;
		}
		if (!told && log->notice) {
			fprintf(log->notice, "%s: waiting for the review log lock held by another "
			        "quizdeck...\n", log->prog);
			fflush(log->notice);
			told = true;
		}
	}
	timer_delete(timer);
out:
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	sigaction(SIGALRM, &old_sa, NULL);
	return rc;
}

static int lock_log(struct qd_revlog *log, struct qd_err *err)
{
	/* The usual case, no other writer: no timer, no signal. */
	while (flock(log->fd, LOCK_EX | LOCK_NB) != 0) {
		if (errno == EWOULDBLOCK)
			return log->lock_timeout_ms > 0 ? wait_lock(log, err)
			                                : qd_err_set(err, QD_EXIT_TEMPFAIL,
			                                             "'%s' is locked by another "
			                                             "quizdeck; try again when it "
			                                             "has finished", log->path);
		if (errno != EINTR)
			return qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot lock '%s'", log->path);
	}
	return 0;
}

static void unlock_log(struct qd_revlog *log)
{
	(void)flock(log->fd, LOCK_UN);
}

static int open_file(struct qd_revlog *log, struct qd_err *err)
{
	struct stat st;
	bool created = false;
	int fd;

	fd = open(log->path, O_RDWR | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		created = true;
	else if (errno == EEXIST)
		fd = open(log->path, O_RDWR | O_APPEND | O_CLOEXEC);
	if (fd < 0)
		return qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot open '%s' for writing",
		                    log->path);
	if (fstat(fd, &st) != 0) {
		int e = errno;
		close(fd);
		return qd_err_errno(err, QD_EXIT_IOERR, e, "cannot stat '%s'", log->path);
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return qd_err_set(err, QD_EXIT_IOERR, "'%s' is not a regular file", log->path);
	}
	if (created)
		qd_file_sync_dir(log->dir);
	log->fd = fd;
	log->dev = st.st_dev;
	log->ino = st.st_ino;
	return 0;
}

static int write_all(struct qd_revlog *log, const char *data, size_t len, struct qd_err *err)
{
	while (len > 0) {
		ssize_t n = write(log->fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot write to '%s'",
			                    log->path);
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

static int sync_log(struct qd_revlog *log, struct qd_err *err)
{
	if (log->flags & QD_REVLOG_NOSYNC)
		return 0;
	while (fsync(log->fd) != 0) {
		if (errno != EINTR)
			return qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot save '%s'", log->path);
	}
	return 0;
}

/* Under the lock: makes sure log->fd is the file at log->path, that it
 * starts with a header we can append to, and that it ends with a newline.
 * *need_nl is set when the last record was torn. */
static int prepare(struct qd_revlog *log, bool *need_nl, struct qd_err *err)
{
	struct stat st;
	const char *head = qd_revrec_header();
	off_t hlen = (off_t)strlen(head);
	char got[32], last;
	ssize_t n;
	int version;

	*need_nl = false;
	log->wrote_header = false;
	for (int tries = 0;; tries++) {
		if (stat(log->path, &st) == 0 && st.st_dev == log->dev && st.st_ino == log->ino)
			break;
		/* Replaced (compaction) or removed: reopen the file at the path. */
		if (tries == 3)
			return qd_err_set(err, QD_EXIT_IOERR, "'%s' keeps being replaced", log->path);
		unlock_log(log);
		close(log->fd);
		log->fd = -1;
		if (open_file(log, err) || lock_log(log, err))
			return -1;
	}
	if (fstat(log->fd, &st) != 0)
		return qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot stat '%s'", log->path);
	if (st.st_size < hlen) {
		n = st.st_size ? pread(log->fd, got, (size_t)st.st_size, 0) : 0;
		if (n != st.st_size)
			return qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot read '%s'", log->path);
		if (n > 0 && memcmp(got, head, (size_t)n) != 0)
			return qd_err_at(err, QD_EXIT_DATAERR, log->path, 1, 0,
			                 "not a quizdeck review log; refusing to append to it");
		/* New file, or a header torn while the file was being created:
		 * nothing else can be in it, so start it afresh. */
		if (n > 0 && ftruncate(log->fd, 0) != 0)
			return qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot write to '%s'",
			                    log->path);
		if (write_all(log, head, (size_t)hlen, err))
			return -1;
		log->wrote_header = true;
		return 0;
	}
	n = pread(log->fd, got, sizeof(got), 0);
	if (n < 0)
		return qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot read '%s'", log->path);
	{
		const char *nl = memchr(got, '\n', (size_t)n);
		if (!nl)
			return qd_err_at(err, QD_EXIT_DATAERR, log->path, 1, 0,
			                 "not a quizdeck review log; refusing to append to it");
		if (qd_revrec_parse_header(got, (size_t)(nl - got), &version, log->path, err))
			return -1;
	}
	if (pread(log->fd, &last, 1, st.st_size - 1) != 1)
		return qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot read '%s'", log->path);
	*need_nl = last != '\n';
	return 0;
}

int qd_revlog_open(const struct qd_ctx *ctx, int flags, struct qd_revlog **out,
                   struct qd_err *err)
{
	struct qd_revlog *log;
	bool need_nl;
	int rc;

	*out = NULL;
	if (qd_file_mkdirs(ctx->data_dir, err))
		return -1;
	log = qd_xcalloc(1, sizeof(*log));
	log->dir = qd_xstrdup(ctx->data_dir);
	log->path = qd_revlog_path(ctx->data_dir);
	log->flags = flags;
	log->fd = -1;
	log->lock_timeout_ms = ctx->lock_timeout_ms;
	log->notice = ctx->err_tty ? ctx->err : NULL;
	log->prog = ctx->prog ? ctx->prog : "quizdeck";
	log->kill_at = ctx->test_kill_import_bytes;
	if (open_file(log, err) || lock_log(log, err)) {
		qd_revlog_free(log);
		return -1;
	}
	/* need_nl is false after a fresh header: then make it durable now. */
	rc = prepare(log, &need_nl, err);
	if (rc == 0 && log->wrote_header)
		rc = sync_log(log, err);
	unlock_log(log);
	if (rc) {
		qd_revlog_free(log);
		return -1;
	}
	*out = log;
	return 0;
}

void qd_revlog_free(struct qd_revlog *log)
{
	if (!log)
		return;
	if (log->fd >= 0)
		close(log->fd);
	free(log->dir);
	free(log->path);
	free(log);
}

/* Writes already-encoded records (each a complete line), with the lock
 * held: one write() per record, then one fsync. */
static int append_locked(struct qd_revlog *log, const struct qd_buf *lines,
                         const size_t *ends, size_t n, struct qd_err *err)
{
	struct qd_buf first;
	bool need_nl;
	size_t start = 0;
	int rc;

	rc = prepare(log, &need_nl, err);
	qd_buf_init(&first);
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const char *p = lines->data + start;
		size_t len = ends[i] - start;

		if (i == 0 && need_nl) {
			/* Seal a torn line in the same write as the record. */
			qd_buf_addc(&first, '\n');
			qd_buf_add(&first, p, len);
			p = first.data;
			len = first.len;
		}
		rc = write_all(log, p, len, err);
		start = ends[i];
	}
	if (rc == 0)
		rc = sync_log(log, err);
	qd_buf_release(&first);
	return rc;
}

static int append_lines(struct qd_revlog *log, const struct qd_buf *lines,
                        const size_t *ends, size_t n, struct qd_err *err)
{
	int rc;

	if (lock_log(log, err))
		return -1;
	rc = append_locked(log, lines, ends, n, err);
	unlock_log(log);
	return rc;
}

/* The records' encoders, each over one item of an array. */
typedef int (*encode_fn)(struct qd_buf *b, const void *item, struct qd_err *err);

static int encode_review(struct qd_buf *b, const void *item, struct qd_err *err)
{
	return qd_revrec_encode_review(b, item, err);
}

static int encode_undo(struct qd_buf *b, const void *item, struct qd_err *err)
{
	return qd_revrec_encode_undo(b, item, err);
}

static int encode_event(struct qd_buf *b, const void *item, struct qd_err *err)
{
	return qd_revrec_encode_event(b, item, err);
}

static int encode_quiz(struct qd_buf *b, const void *item, struct qd_err *err)
{
	return qd_revrec_encode_quiz(b, item, err);
}

/* Encodes the n items of size bytes each at items, then appends them
 * under one lock: all of them, or (on an encoding error) none. */
static int append_records(struct qd_revlog *log, const void *items, size_t size, size_t n,
                          encode_fn encode, struct qd_err *err)
{
	struct qd_buf b;
	size_t *ends = qd_xcalloc(n ? n : 1, sizeof(*ends));
	int rc = 0;

	qd_buf_init(&b);
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = encode(&b, (const char *)items + i * size, err);
		ends[i] = b.len;
	}
	if (rc == 0 && n)
		rc = append_lines(log, &b, ends, n, err);
	qd_buf_release(&b);
	free(ends);
	return rc;
}

int qd_revlog_append_reviews(struct qd_revlog *log, const struct qd_review *r, size_t n,
                             struct qd_err *err)
{
	return append_records(log, r, sizeof(*r), n, encode_review, err);
}

int qd_revlog_append_review(struct qd_revlog *log, const struct qd_review *r,
                            struct qd_err *err)
{
	return qd_revlog_append_reviews(log, r, 1, err);
}

int qd_revlog_append_undo(struct qd_revlog *log, const struct qd_undo *u, struct qd_err *err)
{
	return qd_revlog_append_undos(log, u, 1, err);
}

int qd_revlog_append_undos(struct qd_revlog *log, const struct qd_undo *u, size_t n,
                           struct qd_err *err)
{
	return append_records(log, u, sizeof(*u), n, encode_undo, err);
}

int qd_revlog_append_events(struct qd_revlog *log, const struct qd_event *e, size_t n,
                            struct qd_err *err)
{
	return append_records(log, e, sizeof(*e), n, encode_event, err);
}

int qd_revlog_append_quiz(struct qd_revlog *log, const struct qd_quiz_result *q,
                          struct qd_err *err)
{
	return append_records(log, q, sizeof(*q), 1, encode_quiz, err);
}

/* ---- Import with deduplication ---- */

/* The keys already seen: the log's reviews, then the imported ones. A
 * slot holds a key's number (1-based over both arrays; 0: an empty slot)
 * in its low 32 bits and the high half of its hash in the others, so that
 * probing past other keys rarely reads their reviews. */
struct keyset {
	uint64_t *slots;
	size_t cap;
	const struct qd_review *logged, *imported;
	size_t n_logged;
};

static uint64_t review_key_hash(const struct qd_review *r)
{
	uint64_t h = 1469598103934665603u;
	const char *parts[2] = {r->deck, r->card};

	for (int k = 0; k < 2; k++) {
		for (const char *s = parts[k]; *s; s++)
			h = (h ^ (unsigned char)*s) * 1099511628211u;
		h = (h ^ 0xff) * 1099511628211u;
	}
	h = (h ^ (uint64_t)r->time_ms) * 1099511628211u;
	h = (h ^ (uint64_t)r->rating) * 1099511628211u;
	return h ^ (h >> 29);
}

static bool same_key(const struct qd_review *a, const struct qd_review *b)
{
	return a->time_ms == b->time_ms && a->rating == b->rating &&
	       strcmp(a->card, b->card) == 0 && strcmp(a->deck, b->deck) == 0;
}

static const struct qd_review *keyset_at(const struct keyset *ks, uint64_t slot)
{
	size_t k = (size_t)(slot & 0xffffffffu);

	return k <= ks->n_logged ? &ks->logged[k - 1] : &ks->imported[k - 1 - ks->n_logged];
}

/* Inserts key number k (1-based over both arrays); returns false if an
 * equal key was already there. */
static bool keyset_add(struct keyset *ks, uint32_t k)
{
	uint64_t slot = k;
	const struct qd_review *r = keyset_at(ks, slot);
	uint64_t h = review_key_hash(r), tag = h & ~UINT64_C(0xffffffff);
	/* The low half of the hash scaled to the table (cap < 2^32), which
	 * need not be a power of two. */
	size_t i = (size_t)(((h & 0xffffffffu) * (uint64_t)ks->cap) >> 32);

	for (; ks->slots[i]; i = i + 1 == ks->cap ? 0 : i + 1)
		if ((ks->slots[i] & ~UINT64_C(0xffffffff)) == tag &&
		    same_key(keyset_at(ks, ks->slots[i]), r))
			return false;
	ks->slots[i] = tag | slot;
	return true;
}

/* Appends one batch of encoded lines with the lock held: buf[0] is room
 * for a newline, the lines are buf[1..len). One write(), one fsync; a torn
 * last line is sealed by a newline in the same write(). If the write or the
 * sync fails, the file is cut back to where it ended before, so an error
 * leaves none of the batch (a crash may leave a part of it: complete lines,
 * which a new import skips as already present, and a torn one). *written
 * counts the bytes this import appended, for the crash-test hook. */
static int append_batch(struct qd_revlog *log, char *buf, size_t len, size_t *written,
                        struct qd_err *err)
{
	struct stat st;
	bool need_nl;
	const char *p = buf + 1;
	int rc;

	len--;
	if (prepare(log, &need_nl, err))
		return -1;
	if (fstat(log->fd, &st) != 0)
		return qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot stat '%s'", log->path);
	if (need_nl) {
		buf[0] = '\n';
		p = buf;
		len++;
	}
	if (log->kill_at && *written + len > (size_t)log->kill_at) {
		/* Crash tests: a write() cut short by a kill. */
		(void)write_all(log, p, (size_t)log->kill_at - *written, err);
		raise(SIGKILL);
	}
	rc = write_all(log, p, len, err);
	if (rc == 0)
		rc = sync_log(log, err);
	if (rc) {
		if (ftruncate(log->fd, st.st_size) == 0)
			(void)sync_log(log, NULL);
		return -1;
	}
	*written += len;
	return 0;
}

int qd_revlog_import(struct qd_revlog *log, const struct qd_review *r, size_t n,
                     size_t *added, size_t *skipped, struct qd_diags *diags,
                     struct qd_err *err)
{
	struct qd_logdata d;
	struct keyset ks;
	struct qd_buf b;
	size_t in_batch = 0, written = 0;
	int rc = 0;

	*added = *skipped = 0;
	/* Validate before taking the lock: nothing is written for bad input. */
	for (size_t i = 0; i < n; i++)
		if (qd_revrec_check_review(&r[i], err))
			return -1;
	if (n > UINT32_MAX / 4)
		return qd_err_set(err, QD_EXIT_SOFTWARE, "too many reviews to import at once");
	if (lock_log(log, err))
		return -1;
	/* Read and append under one lock, so a concurrent import of the same
	 * file cannot slip in between. */
	if (qd_revlog_load(log->path, &d, diags, err) ||
	    (d.n_reviews > UINT32_MAX / 4 &&
	     qd_err_set(err, QD_EXIT_SOFTWARE, "too many reviews in '%s'", log->path))) {
		unlock_log(log);
		qd_logdata_release(&d);
		return -1;
	}
	/* At most two thirds full: a few probes a key, and 8 bytes a slot. */
	ks.cap = (d.n_reviews + n) / 2 * 3 + 16;
	ks.slots = qd_xcalloc(ks.cap, sizeof(*ks.slots));
	ks.logged = d.reviews;
	ks.n_logged = d.n_reviews;
	ks.imported = r;
	for (size_t i = 0; i < d.n_reviews; i++)
		keyset_add(&ks, (uint32_t)(i + 1));
	qd_buf_init(&b);
	/* One byte of room before the lines, for a newline that seals a torn
	 * last line. */
	qd_buf_addc(&b, '\n');
	for (size_t i = 0; i < n && rc == 0; i++) {
		struct qd_review x;

		if (!keyset_add(&ks, (uint32_t)(d.n_reviews + i + 1))) {
			(*skipped)++;
		} else {
			x = r[i];
			x.mode = QD_MODE_IMPORT;
			qd_revrec_encode_review(&b, &x, NULL);
			in_batch++;
		}
		if (in_batch && (b.len >= QD_REVLOG_IMPORT_BATCH || i + 1 == n)) {
			rc = append_batch(log, b.data, b.len, &written, err);
			if (rc == 0)
				*added += in_batch; /* acknowledged: on disk */
			in_batch = 0;
			qd_buf_reset(&b);
			qd_buf_addc(&b, '\n');
		}
	}
	free(ks.slots);
	unlock_log(log);
	qd_logdata_release(&d);
	qd_buf_release(&b);
	return rc;
}

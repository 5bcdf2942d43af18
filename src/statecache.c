/*
 * The derived-state cache beside the review log (see quizdeck/statecache.h):
 * reading and checking it, replaying the records appended since, building
 * it from the whole log when it cannot be used, and saving it.
 *
 * The file (native byte order, checked by a byte-order mark):
 *   "QDSTATE\n", u32 QD_STATECACHE_VERSION, u32 0x01020304,
 *   u64 settings key (quizdeck version, scheduling settings, time zone),
 *   u64 device, u64 inode, u64 covered bytes, i64 log mtime and ctime (ns),
 *   u32 CRC-32 of the samples of the covered bytes,
 *   i64 latest review, u8 any review, i64 recent_since,
 *   u64 cards, u64 recent reviews,
 *   each card: u32 length + deck id, u32 length + card id, its memory, its
 *     counts, suspension, burial and the times of its first and latest
 *     review and latest event,
 *   each recent review: u64 card, i64 time, u8 state before,
 *   u32 CRC-32 of everything before it.
 */
#include <assert.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/fileio.h"
#include "quizdeck/revlog.h"
#include "quizdeck/revrec.h"
#include "quizdeck/statecache.h"

#define MAGIC "QDSTATE\n"
#define BOM 0x01020304u
/* Today's reviews are counted from the cache's recent reviews: the latest
 * review's two days before it cover any day length and day start. */
#define RECENT_MS ((int64_t)2 * 24 * 60 * 60 * 1000)
#define HEAD_SAMPLE 4096
#define SPREAD_SAMPLES 16
#define TAIL_SAMPLE 65536
/* The cache is rewritten once the records appended since it was made reach
 * the larger of these and a sixteenth of its size: a short tail (a study
 * session's reviews) costs less to replay again than a large cache to
 * rewrite. */
#define TAIL_REWRITE 65536
#define TAIL_REWRITE_RATIO 16

/* What the cache says of the log, and checks against it. */
struct ident {
	uint64_t dev, ino, covered;
	int64_t mtime_ns, ctime_ns;
	uint32_t crc;
	uint64_t cache_len; /* the cache file's size */
};

/* The decks whose cards are read (NULL decks: every deck). */
struct want {
	const char *const *decks;
	size_t n;
};

static bool wanted(const struct want *w, const char *deck, size_t len)
{
	if (!w->decks)
		return true;
	for (size_t i = 0; i < w->n; i++)
		if (strncmp(w->decks[i], deck, len) == 0 && w->decks[i][len] == '\0')
			return true;
	return false;
}

/* Whole-cache facts beside the cards. */
struct facts {
	int64_t max_review_ms;
	bool any_review;
};

static uint64_t fnv(uint64_t h, const void *data, size_t n)
{
	const unsigned char *p = data;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211u;
	}
	return h;
}

static uint64_t fnv_i64(uint64_t h, int64_t v)
{
	return fnv(h, &v, sizeof(v));
}

/* The settings a card's state depends on, and the time zone's day
 * boundaries (sampled over a century, so a change of TZ or of its rules
 * changes the key). */
static uint64_t settings_key(const struct qd_sched_params *p)
{
	uint64_t h = 1469598103934665603u;
	const char *tz = getenv("TZ");

	h = fnv(h, QD_VERSION, sizeof(QD_VERSION));
	h = fnv_i64(h, QD_STATECACHE_VERSION);
	h = fnv_i64(h, p->kind);
	h = fnv_i64(h, p->n_w_in);
	h = fnv(h, p->w_in, sizeof(p->w_in[0]) * (size_t)p->n_w_in);
	h = fnv(h, &p->retention, sizeof(p->retention));
	h = fnv_i64(h, p->maximum_interval);
	h = fnv_i64(h, p->n_learning_steps);
	h = fnv(h, p->learning_steps, sizeof(p->learning_steps[0]) * (size_t)p->n_learning_steps);
	h = fnv_i64(h, p->n_relearning_steps);
	h = fnv(h, p->relearning_steps,
	        sizeof(p->relearning_steps[0]) * (size_t)p->n_relearning_steps);
	h = fnv_i64(h, p->short_term);
	h = fnv_i64(h, p->fuzz);
	h = fnv_i64(h, p->day_start_hour);
	h = fnv_i64(h, p->day_of != NULL);
	h = tz ? fnv(h, tz, strlen(tz) + 1) : fnv(h, "\1", 1);
	for (int64_t i = 0; i < 64; i++) {
		/* 1990-01-01 on, every 173 days and 7h13m */
		int64_t t = 631152000000 + i * (173 * 86400000LL + 7 * 3600000LL + 13 * 60000LL);
		h = fnv_i64(h, qd_sched_day(p, t));
		h = fnv_i64(h, qd_sched_next_day_ms(p, t));
	}
	return h;
}

static int64_t ns(const struct timespec *t)
{
	return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

static int read_at(int fd, void *buf, size_t len, uint64_t off)
{
	char *p = buf;

	while (len > 0) {
		ssize_t n = pread(fd, p, len, (off_t)off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
		off += (uint64_t)n;
	}
	return 0;
}

/* The CRC-32 of the samples of the first `covered` bytes of fd. */
static int sample_crc(int fd, uint64_t covered, uint32_t *out)
{
	unsigned char *b = qd_xmalloc(TAIL_SAMPLE);
	uint32_t crcs[SPREAD_SAMPLES + 2];
	uint64_t off[SPREAD_SAMPLES + 2], len[SPREAD_SAMPLES + 2];
	int rc = 0;

	off[0] = 0;
	len[0] = covered < HEAD_SAMPLE ? covered : HEAD_SAMPLE;
	for (int k = 1; k <= SPREAD_SAMPLES; k++) {
		off[k] = covered / (SPREAD_SAMPLES + 1) * (uint64_t)k;
		len[k] = covered - off[k] < HEAD_SAMPLE ? covered - off[k] : HEAD_SAMPLE;
	}
	off[SPREAD_SAMPLES + 1] = covered > TAIL_SAMPLE ? covered - TAIL_SAMPLE : 0;
	len[SPREAD_SAMPLES + 1] = covered - off[SPREAD_SAMPLES + 1];
	for (int k = 0; k < SPREAD_SAMPLES + 2 && rc == 0; k++) {
		rc = read_at(fd, b, (size_t)len[k], off[k]);
		crcs[k] = qd_crc32(b, (size_t)len[k]);
	}
	*out = qd_crc32(crcs, sizeof(crcs));
	free(b);
	return rc;
}

/* ---- The card table ---- */


/* The index of (deck, card) among the first n cards of c, which are
 * sorted, or SIZE_MAX. */
static size_t find_in(const struct qd_statecache *c, size_t n, const char *deck, const char *card)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int d = qd_replay_cmp_ids(c->cards[mid].st.deck, c->cards[mid].st.card, deck, card);
		if (d == 0)
			return mid;
		if (d < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return SIZE_MAX;
}

size_t qd_statecache_find(const struct qd_statecache *c, const char *deck, const char *card)
{
	return find_in(c, c->n_cards, deck, card);
}

static struct qd_cached_card *add_card(struct qd_statecache *c, size_t *cap, const char *deck,
                                       const char *card)
{
	struct qd_cached_card *cc;

	if (c->n_cards == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		c->cards = qd_xrealloc(c->cards, *cap * sizeof(*c->cards));
	}
	cc = &c->cards[c->n_cards++];
	memset(cc, 0, sizeof(*cc));
	cc->st.deck = qd_xstrdup(deck);
	cc->st.card = qd_xstrdup(card);
	qd_memory_init(&cc->st.mem);
	return cc;
}

static void add_recent(struct qd_statecache *c, size_t *cap, size_t card, int64_t t,
                       enum qd_state before)
{
	if (c->n_recent == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		c->recent = qd_xrealloc(c->recent, *cap * sizeof(*c->recent));
	}
	c->recent[c->n_recent].card = card;
	c->recent[c->n_recent].time_ms = t;
	c->recent[c->n_recent].before = before;
	c->n_recent++;
}

struct order {
	const struct qd_cached_card *cc;
	size_t at;
};

static int cmp_order(const void *a, const void *b)
{
	const struct qd_cached_card *x = ((const struct order *)a)->cc;
	const struct qd_cached_card *y = ((const struct order *)b)->cc;

	return qd_replay_cmp_ids(x->st.deck, x->st.card, y->st.deck, y->st.card);
}

/* Sorts the cards by id again after some were appended, keeping the recent
 * reviews pointing at their cards; *cap becomes the new table's size. */
static void resort(struct qd_statecache *c, size_t *cap)
{
	struct order *order = qd_xcalloc(c->n_cards + 1, sizeof(*order));
	size_t *where = qd_xcalloc(c->n_cards + 1, sizeof(*where));
	struct qd_cached_card *cards = qd_xcalloc(c->n_cards + 1, sizeof(*cards));

	for (size_t i = 0; i < c->n_cards; i++) {
		order[i].cc = &c->cards[i];
		order[i].at = i;
	}
	qsort(order, c->n_cards, sizeof(*order), cmp_order);
	for (size_t i = 0; i < c->n_cards; i++) {
		cards[i] = c->cards[order[i].at];
		where[order[i].at] = i;
	}
	for (size_t i = 0; i < c->n_recent; i++)
		c->recent[i].card = where[c->recent[i].card];
	free(c->cards);
	c->cards = cards;
	*cap = c->n_cards + 1;
	free(order);
	free(where);
}

/* Whether every review left out of c->recent (all before recent_since) is
 * of a day before now's. */
static bool recent_enough(const struct qd_sched_params *p, int64_t since, int64_t now)
{
	return since == INT64_MIN || qd_sched_day(p, since - 1) < qd_sched_day(p, now);
}

/* The table from a whole log: one replay of every card, then the cards
 * with events only. */
static void build(const struct qd_sched_params *p, const struct qd_logdata *log, int64_t now,
                  struct qd_statecache *c, struct facts *f)
{
	struct qd_replay rp;
	const struct qd_event **extra = qd_xcalloc(log->n_events + 1, sizeof(*extra));
	size_t cap, rcap = 0, nx = 0, n_replayed;

	qd_replay_run(&rp, p, log, NULL, 0);
	cap = rp.n_cards + 1;
	c->cards = qd_xcalloc(cap, sizeof(*c->cards));
	for (size_t i = 0; i < rp.n_cards; i++) {
		struct qd_cached_card *cc = &c->cards[i];
		cc->st = rp.cards[i];
		cc->st.deck = qd_xstrdup(rp.cards[i].deck);
		cc->st.card = qd_xstrdup(rp.cards[i].card);
		cc->st.orphan = false;
	}
	c->n_cards = n_replayed = rp.n_cards;
	memset(f, 0, sizeof(*f));
	for (size_t i = 0; i < log->n_reviews; i++) {
		const struct qd_review *r = &log->reviews[i];
		struct qd_cached_card *cc;
		if (r->undone)
			continue;
		cc = &c->cards[rp.card_of[i]];
		if (rp.state_before[i] == QD_STATE_NEW && !cc->first_review_ms)
			cc->first_review_ms = r->time_ms;
		if (r->time_ms > cc->last_review_ms)
			cc->last_review_ms = r->time_ms;
		if (!f->any_review || r->time_ms > f->max_review_ms)
			f->max_review_ms = r->time_ms;
		f->any_review = true;
	}
	c->recent_since = f->any_review ? f->max_review_ms - RECENT_MS : INT64_MIN;
	if (!recent_enough(p, c->recent_since, now))
		c->recent_since = INT64_MIN; /* "now" is before the history's end */
	for (size_t i = 0; i < log->n_reviews; i++) {
		const struct qd_review *r = &log->reviews[i];
		if (!r->undone && r->time_ms >= c->recent_since)
			add_recent(c, &rcap, rp.card_of[i], r->time_ms, rp.state_before[i]);
	}
	/* Events: the replay applied those of reviewed cards; the others are
	 * cards with events only, applied here in the replay's order. */
	for (size_t i = 0; i < log->n_events; i++) {
		const struct qd_event *e = &log->events[i];
		size_t at;
		if (e->undone)
			continue;
		at = qd_statecache_find(c, e->deck, e->card);
		if (at == SIZE_MAX)
			extra[nx++] = e;
		else if (e->time_ms > c->cards[at].last_event_ms)
			c->cards[at].last_event_ms = e->time_ms;
	}
	qsort(extra, nx, sizeof(*extra), qd_replay_cmp_event_ptrs);
	for (size_t k = 0; k < nx; k++) {
		struct qd_cached_card *cc = &c->cards[c->n_cards - 1];
		if (k == 0 || qd_replay_cmp_ids(extra[k]->deck, extra[k]->card, extra[k - 1]->deck,
		                      extra[k - 1]->card) != 0)
			cc = add_card(c, &cap, extra[k]->deck, extra[k]->card);
		qd_replay_event(p, &cc->st, extra[k]);
		cc->last_event_ms = extra[k]->time_ms;
	}
	if (c->n_cards > n_replayed)
		resort(c, &cap);
	free(extra);
	qd_replay_release(&rp);
}

/* Replays the records of tail (appended after what c covers) on c.
 * Returns -1 when they cannot be applied in order: then only the whole log
 * gives the states. */
static int apply_tail(const struct qd_sched_params *p, const struct qd_logdata *tail,
                      const struct want *w, struct qd_statecache *c, struct facts *f)
{
	const struct qd_review **rv = qd_xcalloc(tail->n_reviews + 1, sizeof(*rv));
	const struct qd_event **ev = qd_xcalloc(tail->n_events + 1, sizeof(*ev));
	size_t nr = 0, ne = 0, cap = c->n_cards, rcap = c->n_recent, n_before = c->n_cards;
	int rc = 0;

	/* Only the cards read are kept up to date (all, when the cache is to
	 * be saved); the latest review is the whole log's. */
	for (size_t i = 0; i < tail->n_reviews; i++) {
		const struct qd_review *r = &tail->reviews[i];
		if (r->undone)
			continue;
		if (!f->any_review || r->time_ms > f->max_review_ms)
			f->max_review_ms = r->time_ms;
		f->any_review = true;
		if (wanted(w, r->deck, strlen(r->deck)))
			rv[nr++] = r;
	}
	for (size_t i = 0; i < tail->n_events; i++)
		if (!tail->events[i].undone &&
		    wanted(w, tail->events[i].deck, strlen(tail->events[i].deck)))
			ev[ne++] = &tail->events[i];
	qsort(rv, nr, sizeof(*rv), qd_replay_cmp_review_ptrs);
	qsort(ev, ne, sizeof(*ev), qd_replay_cmp_event_ptrs);
	/* New cards first, so that lookups see one sorted table: they are
	 * appended, and looked for among the sorted ones only, until the table
	 * is sorted again. */
	for (size_t k = 0; k < nr; k++)
		if (find_in(c, n_before, rv[k]->deck, rv[k]->card) == SIZE_MAX &&
		    (k == 0 || qd_replay_cmp_ids(rv[k]->deck, rv[k]->card, rv[k - 1]->deck, rv[k - 1]->card)))
			add_card(c, &cap, rv[k]->deck, rv[k]->card);
	if (c->n_cards > n_before)
		resort(c, &cap);
	n_before = c->n_cards;
	for (size_t k = 0; k < ne; k++)
		if (find_in(c, n_before, ev[k]->deck, ev[k]->card) == SIZE_MAX &&
		    (k == 0 || qd_replay_cmp_ids(ev[k]->deck, ev[k]->card, ev[k - 1]->deck, ev[k - 1]->card)))
			add_card(c, &cap, ev[k]->deck, ev[k]->card);
	if (c->n_cards > n_before)
		resort(c, &cap);

	for (size_t k = 0; k < nr && rc == 0; k++) {
		const struct qd_review *r = rv[k];
		size_t at = qd_statecache_find(c, r->deck, r->card);
		struct qd_cached_card *cc = &c->cards[at];
		enum qd_state before = cc->st.mem.state;

		if (cc->st.n_reviews && r->time_ms < cc->last_review_ms) {
			rc = -1; /* dated before a review the cache covers */
			break;
		}
		qd_replay_review(p, &cc->st, qd_replay_card_key(r->deck, r->card), r);
		if (before == QD_STATE_NEW && !cc->first_review_ms)
			cc->first_review_ms = r->time_ms;
		cc->last_review_ms = r->time_ms;
		if (r->time_ms >= c->recent_since)
			add_recent(c, &rcap, at, r->time_ms, before);
	}
	for (size_t k = 0; k < ne && rc == 0; k++) {
		const struct qd_event *e = ev[k];
		struct qd_cached_card *cc = &c->cards[qd_statecache_find(c, e->deck, e->card)];

		if (cc->last_event_ms && e->time_ms < cc->last_event_ms) {
			rc = -1;
			break;
		}
		qd_replay_event(p, &cc->st, e);
		cc->last_event_ms = e->time_ms;
	}
	free(rv);
	free(ev);
	return rc;
}

/* ---- The file ---- */

static void put(struct qd_buf *b, const void *v, size_t n)
{
	qd_buf_add(b, v, n);
}

static void put_u64(struct qd_buf *b, uint64_t v) { put(b, &v, sizeof(v)); }
static void put_i64(struct qd_buf *b, int64_t v) { put(b, &v, sizeof(v)); }
static void put_u32(struct qd_buf *b, uint32_t v) { put(b, &v, sizeof(v)); }
static void put_i32(struct qd_buf *b, int32_t v) { put(b, &v, sizeof(v)); }
static void put_u8(struct qd_buf *b, uint8_t v) { put(b, &v, sizeof(v)); }
static void put_f64(struct qd_buf *b, double v) { put(b, &v, sizeof(v)); }

static void put_str(struct qd_buf *b, const char *s)
{
	put_u32(b, (uint32_t)strlen(s));
	put(b, s, strlen(s));
}

struct rd {
	const unsigned char *p;
	size_t len, at;
	bool bad;
};

static void get(struct rd *r, void *v, size_t n)
{
	if (r->bad || r->len - r->at < n) {
		r->bad = true;
		memset(v, 0, n);
		return;
	}
	memcpy(v, r->p + r->at, n);
	r->at += n;
}

static uint64_t get_u64(struct rd *r) { uint64_t v; get(r, &v, sizeof(v)); return v; }
static int64_t get_i64(struct rd *r) { int64_t v; get(r, &v, sizeof(v)); return v; }
static uint32_t get_u32(struct rd *r) { uint32_t v; get(r, &v, sizeof(v)); return v; }
static int32_t get_i32(struct rd *r) { int32_t v; get(r, &v, sizeof(v)); return v; }
static uint8_t get_u8(struct rd *r) { uint8_t v; get(r, &v, sizeof(v)); return v; }
static double get_f64(struct rd *r) { double v; get(r, &v, sizeof(v)); return v; }

/* A string of the file (no NUL inside), or NULL. */
static char *get_str(struct rd *r)
{
	uint32_t n = get_u32(r);

	if (r->bad || r->len - r->at < n || memchr(r->p + r->at, '\0', n)) {
		r->bad = true;
		return NULL;
	}
	r->at += n;
	return qd_xstrndup((const char *)r->p + r->at - n, n);
}

/* A card's bytes after its two ids (put_card()). */
#define CARD_FIXED (4 + 3 * 8 + 2 * 8 + 5 * 4 + 8 + 8 + 1 + 8 + 3 * 8)

static void put_card(struct qd_buf *b, const struct qd_cached_card *cc)
{
	const struct qd_memory *m = &cc->st.mem;
	size_t at;

	put_str(b, cc->st.deck);
	put_str(b, cc->st.card);
	at = b->len;
	put_u32(b, (uint32_t)m->state);
	put_f64(b, m->stability);
	put_f64(b, m->difficulty);
	put_f64(b, m->ease);
	put_i64(b, m->due_ms);
	put_i64(b, m->last_review_ms);
	put_i32(b, m->scheduled_days);
	put_i32(b, m->step);
	put_i32(b, m->reps);
	put_i32(b, m->lapses);
	put_i32(b, m->sm2_reps);
	put_u64(b, cc->st.n_reviews);
	put_i64(b, cc->st.time_spent_ms);
	put_u8(b, cc->st.suspended);
	put_i64(b, cc->st.buried_until_ms);
	put_i64(b, cc->first_review_ms);
	put_i64(b, cc->last_review_ms);
	put_i64(b, cc->last_event_ms);
	assert(b->len - at == CARD_FIXED);
	(void)at;
}

/* Skips a card of a deck not read; its deck id is the next string. */
static void skip_card(struct rd *r)
{
	for (int k = 0; k < 2; k++) {
		uint32_t n = get_u32(r);
		if (r->bad || r->len - r->at < n) {
			r->bad = true;
			return;
		}
		r->at += n;
	}
	if (r->len - r->at < CARD_FIXED)
		r->bad = true;
	else
		r->at += CARD_FIXED;
}

/* Whether the next card (at r) is of a deck of w; *last caches the answer
 * for the deck id at *last_at (the cards come sorted by deck). */
static bool next_wanted(const struct rd *r, const struct want *w, const unsigned char **last,
                        uint32_t *last_len, bool *last_wanted)
{
	uint32_t n;

	if (!w->decks || r->len - r->at < 4)
		return true; /* get_card() tells a short file */
	memcpy(&n, r->p + r->at, 4);
	if (r->len - r->at - 4 < n)
		return true;
	if (*last && *last_len == n && memcmp(*last, r->p + r->at + 4, n) == 0)
		return *last_wanted;
	*last = r->p + r->at + 4;
	*last_len = n;
	*last_wanted = wanted(w, (const char *)*last, n);
	return *last_wanted;
}

static void get_card(struct rd *r, struct qd_cached_card *cc)
{
	struct qd_memory *m = &cc->st.mem;
	uint32_t state;
	uint8_t susp;

	memset(cc, 0, sizeof(*cc));
	cc->st.deck = get_str(r);
	cc->st.card = get_str(r);
	state = get_u32(r);
	if (state > QD_STATE_RELEARNING)
		r->bad = true;
	m->state = (enum qd_state)state;
	m->stability = get_f64(r);
	m->difficulty = get_f64(r);
	m->ease = get_f64(r);
	m->due_ms = get_i64(r);
	m->last_review_ms = get_i64(r);
	m->scheduled_days = get_i32(r);
	m->step = get_i32(r);
	m->reps = get_i32(r);
	m->lapses = get_i32(r);
	m->sm2_reps = get_i32(r);
	cc->st.n_reviews = (size_t)get_u64(r);
	cc->st.time_spent_ms = get_i64(r);
	susp = get_u8(r);
	if (susp > 1)
		r->bad = true;
	cc->st.suspended = susp;
	cc->st.buried_until_ms = get_i64(r);
	cc->first_review_ms = get_i64(r);
	cc->last_review_ms = get_i64(r);
	cc->last_event_ms = get_i64(r);
}

static void save(int fd, const char *path, uint64_t key, uint64_t covered,
                 const struct qd_statecache *c, const struct facts *f)
{
	struct ident id;
	struct stat st;
	struct qd_buf b;
	struct qd_err err;

	if (fstat(fd, &st) || sample_crc(fd, covered, &id.crc))
		return;
	qd_buf_init(&b);
	put(&b, MAGIC, 8);
	put_u32(&b, QD_STATECACHE_VERSION);
	put_u32(&b, BOM);
	put_u64(&b, key);
	put_u64(&b, (uint64_t)st.st_dev);
	put_u64(&b, (uint64_t)st.st_ino);
	put_u64(&b, covered);
	put_i64(&b, ns(&st.st_mtim));
	put_i64(&b, ns(&st.st_ctim));
	put_u32(&b, id.crc);
	put_i64(&b, f->max_review_ms);
	put_u8(&b, f->any_review);
	put_i64(&b, c->recent_since);
	put_u64(&b, c->n_cards);
	put_u64(&b, c->n_recent);
	for (size_t i = 0; i < c->n_cards; i++)
		put_card(&b, &c->cards[i]);
	for (size_t i = 0; i < c->n_recent; i++) {
		put_u64(&b, c->recent[i].card);
		put_i64(&b, c->recent[i].time_ms);
		put_u8(&b, (uint8_t)c->recent[i].before);
	}
	put_u32(&b, qd_crc32(b.data, b.len));
	/* Private as the log is; not synced: the checksum refuses whatever a
	 * crash leaves. Best effort, and silent: a cache that cannot be
	 * written only costs the next command a whole replay. */
	qd_file_write_atomic_opt(path, b.data, b.len, QD_FILE_PRIVATE | QD_FILE_NOSYNC, &err);
	qd_buf_release(&b);
}

/* Reads the cache file into c: the cards of the decks of w (and the recent
 * reviews of those); -1 if it is missing, damaged, from another version or
 * made with other settings. */
static int read_cache(const char *path, uint64_t key, const struct want *w,
                      struct qd_statecache *c, struct ident *id, struct facts *f)
{
	struct qd_buf b;
	struct qd_err err;
	struct rd r = {0};
	const unsigned char *last = NULL;
	uint32_t crc, last_len = 0;
	uint64_t n_cards, n_recent;
	size_t cap = 0, rcap = 0, *map = NULL;
	bool last_wanted = false;
	int rc = -1;

	qd_buf_init(&b);
	if (qd_file_read(path, 0, &b, &err) || b.len < 8 + 4 || memcmp(b.data, MAGIC, 8) != 0)
		goto out;
	memcpy(&crc, b.data + b.len - 4, 4);
	if (crc != qd_crc32(b.data, b.len - 4))
		goto out;
	id->cache_len = b.len;
	r.p = (const unsigned char *)b.data + 8;
	r.len = b.len - 8 - 4;
	if (get_u32(&r) != QD_STATECACHE_VERSION || get_u32(&r) != BOM || get_u64(&r) != key)
		goto out;
	id->dev = get_u64(&r);
	id->ino = get_u64(&r);
	id->covered = get_u64(&r);
	id->mtime_ns = get_i64(&r);
	id->ctime_ns = get_i64(&r);
	id->crc = get_u32(&r);
	f->max_review_ms = get_i64(&r);
	f->any_review = get_u8(&r) != 0;
	c->recent_since = get_i64(&r);
	n_cards = get_u64(&r);
	n_recent = get_u64(&r);
	if (r.bad || n_cards > r.len || n_recent > r.len)
		goto out;
	/* map: each card of the file to its index in c->cards, or SIZE_MAX. */
	map = qd_xcalloc((size_t)n_cards + 1, sizeof(*map));
	for (uint64_t i = 0; i < n_cards && !r.bad; i++) {
		struct qd_cached_card cc;
		map[i] = SIZE_MAX;
		if (!next_wanted(&r, w, &last, &last_len, &last_wanted)) {
			skip_card(&r);
			c->partial = true;
			continue;
		}
		get_card(&r, &cc);
		if (r.bad || (c->n_cards && qd_replay_cmp_ids(c->cards[c->n_cards - 1].st.deck,
		                                    c->cards[c->n_cards - 1].st.card, cc.st.deck,
		                                    cc.st.card) >= 0)) {
			free((char *)cc.st.deck); /* unsorted: not this program's */
			free((char *)cc.st.card);
			r.bad = true;
			break;
		}
		if (c->n_cards == cap) {
			cap = cap ? cap * 2 : 64;
			c->cards = qd_xrealloc(c->cards, cap * sizeof(*c->cards));
		}
		map[i] = c->n_cards;
		c->cards[c->n_cards++] = cc;
	}
	for (uint64_t i = 0; i < n_recent && !r.bad; i++) {
		uint64_t card = get_u64(&r);
		int64_t t = get_i64(&r);
		uint8_t before = get_u8(&r);
		if (card >= n_cards || before > QD_STATE_RELEARNING)
			r.bad = true;
		else if (map[card] != SIZE_MAX)
			add_recent(c, &rcap, map[card], t, (enum qd_state)before);
	}
	if (!r.bad && r.at == r.len)
		rc = 0;
out:
	free(map);
	qd_buf_release(&b);
	return rc;
}

/* The states from the cache and the log's tail: 0, or 1 when the cache
 * should be rewritten but only some decks were read (then read them all
 * again); -1 if anything is in doubt. */
static int from_cache(int fd, const char *cpath, uint64_t key, const struct qd_sched_params *p,
                      int64_t now, const struct want *w, struct qd_statecache *c)
{
	struct ident id;
	struct facts f;
	struct stat st;
	struct qd_logdata tail;
	struct qd_diags dg;
	struct qd_err err;
	struct qd_buf b;
	uint32_t crc;
	uint64_t size;
	int rc = -1;

	if (read_cache(cpath, key, w, c, &id, &f) || fstat(fd, &st) || id.covered == 0)
		return -1;
	size = (uint64_t)st.st_size;
	if ((uint64_t)st.st_dev != id.dev || (uint64_t)st.st_ino != id.ino || size < id.covered)
		return -1;
	if (size == id.covered && (ns(&st.st_mtim) != id.mtime_ns || ns(&st.st_ctim) != id.ctime_ns))
		return -1; /* rewritten in place (touch -r cannot restore a ctime) */
	if (sample_crc(fd, id.covered, &crc) || crc != id.crc)
		return -1;
	if (f.any_review && f.max_review_ms > now && f.max_review_ms - now > QD_REVLOG_FUTURE_MS)
		return -1; /* the whole log's load says so */
	if (size == id.covered)
		return recent_enough(p, c->recent_since, now) ? 0 : -1;

	/* What was appended: the header line, then the new lines. */
	qd_buf_init(&b);
	qd_buf_grow(&b, HEAD_SAMPLE);
	if (read_at(fd, b.data, id.covered < HEAD_SAMPLE ? id.covered : HEAD_SAMPLE, 0) == 0) {
		char *nl = memchr(b.data, '\n', id.covered < HEAD_SAMPLE ? id.covered : HEAD_SAMPLE);
		if (nl) {
			b.len = (size_t)(nl - b.data) + 1;
			qd_buf_grow(&b, size - id.covered);
			if (read_at(fd, b.data + b.len, size - id.covered, id.covered) == 0) {
				b.len += size - id.covered;
				rc = 0;
			}
		}
	}
	if (rc == 0) {
		qd_diags_init(&dg, "");
		rc = qd_revlog_load_mem(b.data, b.len, &tail, &dg, &err);
		/* Any warning (a damaged or torn line, an undo of a covered
		 * record): the whole log's load tells it right. */
		if (rc == 0 && (dg.warnings || dg.errors))
			rc = -1;
		for (size_t i = 0; rc == 0 && i < tail.n_reviews; i++)
			if (!tail.reviews[i].undone && tail.reviews[i].time_ms > now &&
			    tail.reviews[i].time_ms - now > QD_REVLOG_FUTURE_MS)
				rc = -1;
		if (rc == 0)
			rc = apply_tail(p, &tail, w, c, &f);
		qd_diags_release(&dg);
		qd_logdata_release(&tail);
	}
	qd_buf_release(&b);
	if (rc == 0 && f.any_review && f.max_review_ms - RECENT_MS > c->recent_since &&
	    recent_enough(p, f.max_review_ms - RECENT_MS, now)) {
		size_t k = 0;
		c->recent_since = f.max_review_ms - RECENT_MS;
		for (size_t i = 0; i < c->n_recent; i++)
			if (c->recent[i].time_ms >= c->recent_since)
				c->recent[k++] = c->recent[i];
		c->n_recent = k;
	}
	if (rc == 0 && !recent_enough(p, c->recent_since, now))
		rc = -1;
	if (rc == 0 && size - id.covered >= TAIL_REWRITE &&
	    size - id.covered >= id.cache_len / TAIL_REWRITE_RATIO) {
		if (c->partial)
			return 1;
		save(fd, cpath, key, size, c, &f);
	}
	return rc;
}

/* The states from the whole log, saved to the cache when it loads cleanly. */
static int from_log(int fd, const char *path, const char *cpath, uint64_t key,
                    const struct qd_sched_params *p, int64_t now, struct qd_statecache *c,
                    struct qd_diags *diags, struct qd_err *err)
{
	struct qd_logdata log;
	struct qd_diags own;
	struct facts f;
	size_t warned;
	uint64_t len = 0;
	char last = 0;
	int rc;

	qd_diags_init(&own, path);
	if (!diags)
		diags = &own; /* the caller ignores them; the cache may not */
	warned = diags->warnings + diags->errors;
	rc = qd_revlog_load_fd(fd, path, &log, &len, diags, err);
	if (rc == 0) {
		/* Cached only when it loaded without a warning and ends with a
		 * whole line: the cache covers len bytes. */
		bool clean = diags->warnings + diags->errors == warned && len > 0 &&
		             read_at(fd, &last, 1, len - 1) == 0 && last == '\n';
		qd_revlog_warn_future(&log, now, diags);
		build(p, &log, now, c, &f);
		if (clean)
			save(fd, cpath, key, len, c, &f);
	}
	qd_logdata_release(&log);
	qd_diags_release(&own);
	return rc;
}

int qd_statecache_load(const struct qd_ctx *ctx, const char *log_path,
                       const struct qd_sched_params *p, const char *const *decks,
                       size_t n_decks, struct qd_statecache *out, struct qd_diags *diags,
                       struct qd_err *err)
{
	struct want w = {decks, n_decks}, all = {NULL, 0};
	struct qd_buf cpath;
	uint64_t key;
	int fd, rc;

	memset(out, 0, sizeof(*out));
	out->recent_since = INT64_MIN;
	fd = qd_file_open(log_path, err);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0; /* no review yet */
		if (err)
			err->status = QD_EXIT_IOERR;
		return -1;
	}
	qd_buf_init(&cpath);
	qd_buf_addf(&cpath, "%s/%s", ctx->data_dir, QD_STATECACHE_FILE);
	key = settings_key(p);
	rc = from_cache(fd, cpath.data, key, p, ctx->now_ms, &w, out);
	if (rc == 1) {
		qd_statecache_release(out);
		rc = from_cache(fd, cpath.data, key, p, ctx->now_ms, &all, out);
	}
	if (rc == 0) {
		out->used = true;
	} else {
		qd_statecache_release(out);
		rc = from_log(fd, log_path, cpath.data, key, p, ctx->now_ms, out, diags, err);
	}
	close(fd);
	qd_buf_release(&cpath);
	return rc;
}

void qd_statecache_release(struct qd_statecache *c)
{
	for (size_t i = 0; i < c->n_cards; i++) {
		free((char *)c->cards[i].st.deck);
		free((char *)c->cards[i].st.card);
	}
	free(c->cards);
	free(c->recent);
	memset(c, 0, sizeof(*c));
	c->recent_since = INT64_MIN;
}

/*
 * The review log codec and store (see quizdeck/revlog.h and
 * docs/log-format.md).
 *
 * Design choices:
 * - One record per line, TAB-separated fields, a CRC-32 of the line's body
 *   as the last field: a torn or bit-flipped line is detected and skipped on
 *   its own, and every other line still loads. Text fields are escaped
 *   (backslash, TAB, LF, CR, other control bytes) so no value can forge a
 *   field or a line.
 * - Numbers are written as integers only (points in thousandths), so the
 *   process locale can never change the bytes written or how they parse.
 * - Appends: one write() per record on an O_APPEND descriptor under
 *   flock(LOCK_EX), then fsync() before returning. Under the lock the writer
 *   re-checks that the path is still the file it holds (a compaction may have
 *   renamed a new file over it), that the header is there, and that the file
 *   ends with a newline: if an earlier append was torn by a crash, a newline
 *   is written first so the torn bytes become one damaged line instead of
 *   corrupting the new record.
 * - The lock is taken with a blocking flock(): it is held only for the
 *   duration of one append, and a blocking wait is fair to a second writer
 *   where polling with LOCK_NB can starve it.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/fileio.h"
#include "quizdeck/qtime.h"
#include "quizdeck/revlog.h"
#include "quizdeck/strset.h"

#define HEADER_PREFIX "quizdeck-log "

/* ---- CRC-32 (IEEE 802.3, reflected, as zlib) with a nibble table ---- */

uint32_t qd_crc32(const void *data, size_t len)
{
	static const uint32_t t[16] = {
		0x00000000, 0x1db71064, 0x3b6e20c8, 0x26d930ac, 0x76dc4190, 0x6b6b51f4,
		0x4db26158, 0x5005713c, 0xedb88320, 0xf00f9344, 0xd6d6a3e8, 0xcb61b38c,
		0x9b64c2b0, 0x86d3d2d4, 0xa00ae278, 0xbdbdf21c,
	};
	const unsigned char *p = data;
	uint32_t c = 0xffffffffu;

	for (size_t i = 0; i < len; i++) {
		c ^= p[i];
		c = (c >> 4) ^ t[c & 15];
		c = (c >> 4) ^ t[c & 15];
	}
	return c ^ 0xffffffffu;
}

/* ---- The string pool of a loaded log ---- */

struct qd_logdata_pool {
	void **ptrs;
	size_t len, cap;
};

static void *pool_keep(struct qd_logdata *d, void *p)
{
	struct qd_logdata_pool *pl;

	if (!d->pool) /* allocated lazily: init allocates nothing, so a second init cannot leak */
		d->pool = qd_xcalloc(1, sizeof(*d->pool));
	pl = d->pool;
	if (pl->len == pl->cap) {
		pl->cap = pl->cap ? pl->cap * 2 : 64;
		pl->ptrs = qd_xrealloc(pl->ptrs, pl->cap * sizeof(*pl->ptrs));
	}
	pl->ptrs[pl->len++] = p;
	return p;
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
		free(d->pool);
	}
	free(d->reviews);
	free(d->undos);
	free(d->quizzes);
	memset(d, 0, sizeof(*d));
}

const char *qd_review_mode_name(enum qd_review_mode m)
{
	switch (m) {
	case QD_MODE_STUDY: return "study";
	case QD_MODE_QUIZ: return "quiz";
	case QD_MODE_IMPORT: return "import";
	}
	return "?";
}

char *qd_revlog_path(const char *data_dir)
{
	struct qd_buf b;

	qd_buf_init(&b);
	qd_buf_addf(&b, "%s/%s", data_dir, QD_REVLOG_FILE);
	return qd_buf_detach(&b, NULL);
}

/* ---- Encoding ---- */

static void add_escaped(struct qd_buf *b, const char *s, bool in_list)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '\\': qd_buf_adds(b, "\\\\"); break;
		case '\t': qd_buf_adds(b, "\\t"); break;
		case '\n': qd_buf_adds(b, "\\n"); break;
		case '\r': qd_buf_adds(b, "\\r"); break;
		default:
			if (c < 0x20 || c == 0x7f || (in_list && c == ','))
				qd_buf_addf(b, "\\x%02x", c);
			else
				qd_buf_addc(b, (char)c);
		}
	}
}

static void add_time(struct qd_buf *b, int64_t ms)
{
	char iso[QD_ISO_MAX];

	qd_time_format_iso_ms(ms, iso);
	qd_buf_adds(b, iso);
}

/* Thousandths as "12", "12.5", "0.125", "-1.25". */
static void add_milli(struct qd_buf *b, int64_t m)
{
	uint64_t a = m < 0 ? (uint64_t)0 - (uint64_t)m : (uint64_t)m;
	unsigned frac = (unsigned)(a % 1000);

	qd_buf_addf(b, "%s%" PRIu64, m < 0 ? "-" : "", a / 1000);
	if (frac) {
		char f[8];
		int n = snprintf(f, sizeof(f), "%03u", frac);
		while (n > 0 && f[n - 1] == '0')
			f[--n] = '\0';
		qd_buf_addf(b, ".%s", f);
	}
}

static int64_t to_milli(double v)
{
	double x = v * 1000.0;
	return (int64_t)(x < 0 ? x - 0.5 : x + 0.5);
}

static void finish_line(struct qd_buf *b, size_t start)
{
	uint32_t crc = qd_crc32(b->data + start, b->len - start);
	qd_buf_addf(b, "\t%08" PRIx32 "\n", crc);
}

static bool is_slug(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '.' || *s == '_' || *s == ':' || *s == '-'))
			return false;
	return true;
}

static int check_ids(const char *what, const char *deck, const char *card, struct qd_err *err)
{
	if (!deck || !*deck || !card || !*card)
		return qd_err_set(err, QD_EXIT_SOFTWARE, "%s record without a deck or card id",
		                  what);
	return 0;
}

int qd_revlog_encode_review(struct qd_buf *b, const struct qd_review *r, struct qd_err *err)
{
	size_t start = b->len;
	static const char correct[] = {'-', 'y', 'n'};

	if (check_ids("review", r->deck, r->card, err))
		return -1;
	if (r->rating < 1 || r->rating > 4)
		return qd_err_set(err, QD_EXIT_SOFTWARE, "review of '%s/%s': rating %d is not 1-4",
		                  r->deck, r->card, r->rating);
	if (r->duration_ms < 0 || (unsigned)r->mode > QD_MODE_IMPORT ||
	    (unsigned)r->correct > QD_CORRECT_NO)
		return qd_err_set(err, QD_EXIT_SOFTWARE, "review of '%s/%s': invalid fields",
		                  r->deck, r->card);
	qd_buf_adds(b, "review\t");
	add_time(b, r->time_ms);
	qd_buf_addc(b, '\t');
	add_escaped(b, r->deck, false);
	qd_buf_addc(b, '\t');
	add_escaped(b, r->card, false);
	qd_buf_addf(b, "\t%d\t%" PRId64 "\t%s\t%c", r->rating, r->duration_ms,
	            qd_review_mode_name(r->mode), correct[r->correct]);
	finish_line(b, start);
	return 0;
}

int qd_revlog_encode_undo(struct qd_buf *b, const struct qd_undo *u, struct qd_err *err)
{
	size_t start = b->len;

	if (check_ids("undo", u->deck, u->card, err))
		return -1;
	qd_buf_adds(b, "undo\t");
	add_time(b, u->time_ms);
	qd_buf_addc(b, '\t');
	add_escaped(b, u->deck, false);
	qd_buf_addc(b, '\t');
	add_escaped(b, u->card, false);
	qd_buf_addc(b, '\t');
	add_time(b, u->target_ms);
	finish_line(b, start);
	return 0;
}

int qd_revlog_encode_quiz(struct qd_buf *b, const struct qd_quiz_result *q, struct qd_err *err)
{
	static const char outcome[] = {'n', 'y', 't'};
	char idbuf[64];
	const char *id = q->id;
	size_t start;

	if (!id) {
		snprintf(idbuf, sizeof(idbuf), "%" PRId64 "-%" PRIu64, q->started_ms, q->seed);
		id = idbuf;
	}
	if (!is_slug(id))
		return qd_err_set(err, QD_EXIT_SOFTWARE, "quiz id '%s' is not a slug", id);
	if (q->time_used_ms < 0)
		return qd_err_set(err, QD_EXIT_SOFTWARE, "quiz '%s': negative time used", id);
	for (size_t i = 0; i < q->n_answers; i++) {
		const struct qd_quiz_answer *a = &q->answers[i];

		if (check_ids("quiz answer", a->deck, a->card, err))
			return -1;
		if ((unsigned)a->outcome > QD_QUIZ_TIMEOUT || a->time_ms < 0)
			return qd_err_set(err, QD_EXIT_SOFTWARE, "quiz '%s': question %zu: invalid "
			                  "fields", id, i + 1);
		start = b->len;
		qd_buf_addf(b, "qa\t%s\t%zu\t", id, i + 1);
		add_escaped(b, a->deck, false);
		qd_buf_addc(b, '\t');
		add_escaped(b, a->card, false);
		qd_buf_addf(b, "\t%c\t%" PRId64 "\t", outcome[a->outcome], a->time_ms);
		add_milli(b, to_milli(a->points));
		qd_buf_addc(b, '\t');
		add_escaped(b, a->given ? a->given : "", false);
		finish_line(b, start);
	}
	start = b->len;
	qd_buf_adds(b, "quiz\t");
	add_time(b, q->time_ms);
	qd_buf_addf(b, "\t%s\t", id);
	add_escaped(b, q->name ? q->name : "", false);
	qd_buf_addc(b, '\t');
	for (size_t i = 0; i < q->n_decks; i++) {
		if (i)
			qd_buf_addc(b, ',');
		add_escaped(b, q->decks[i], true);
	}
	qd_buf_addf(b, "\t%" PRIu64 "\t", q->seed);
	add_time(b, q->started_ms);
	qd_buf_addf(b, "\t%" PRId64 "\t%zu\t", q->time_used_ms, q->n_answers);
	add_milli(b, to_milli(q->score));
	qd_buf_addc(b, '\t');
	add_milli(b, to_milli(q->max_score));
	finish_line(b, start);
	return 0;
}

/* ---- Decoding ---- */

struct field {
	const char *p;
	size_t len;
};

#define MAX_FIELDS 16

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Unescapes a field into a new pool string; NULL if an escape is invalid
 * or the result holds a NUL byte. */
static char *unescape(struct qd_logdata *d, const char *p, size_t len)
{
	char *out = qd_xmalloc(len + 1);
	size_t n = 0;

	for (size_t i = 0; i < len; i++) {
		if (p[i] != '\\') {
			out[n++] = p[i];
			continue;
		}
		if (++i >= len)
			goto bad;
		switch (p[i]) {
		case '\\': out[n++] = '\\'; break;
		case 't': out[n++] = '\t'; break;
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 'x': {
			int hi, lo;
			if (i + 2 >= len)
				goto bad;
			hi = hexval(p[i + 1]);
			lo = hexval(p[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				goto bad;
			out[n++] = (char)(hi * 16 + lo);
			i += 2;
			break;
		}
		default:
			goto bad;
		}
	}
	out[n] = '\0';
	return pool_keep(d, out);
bad:
	free(out);
	return NULL;
}

static char *nonempty(struct qd_logdata *d, struct field f)
{
	char *s = f.len ? unescape(d, f.p, f.len) : NULL;
	return s && *s ? s : NULL;
}

static int parse_i64(struct field f, int64_t *out)
{
	int64_t v = 0;

	if (f.len == 0 || f.len > 18)
		return -1;
	for (size_t i = 0; i < f.len; i++) {
		if (f.p[i] < '0' || f.p[i] > '9')
			return -1;
		v = v * 10 + (f.p[i] - '0');
	}
	*out = v;
	return 0;
}

static int parse_u64(struct field f, uint64_t *out)
{
	uint64_t v = 0;

	if (f.len == 0 || f.len > 20)
		return -1;
	for (size_t i = 0; i < f.len; i++) {
		unsigned dgt = (unsigned)(f.p[i] - '0');
		if (f.p[i] < '0' || f.p[i] > '9' || v > (UINT64_MAX - dgt) / 10)
			return -1;
		v = v * 10 + dgt;
	}
	*out = v;
	return 0;
}

static int parse_milli(struct field f, double *out)
{
	size_t i = 0, dot;
	int64_t whole, frac = 0;
	int neg = 0;
	struct field w;

	if (f.len && f.p[0] == '-') {
		neg = 1;
		i = 1;
	}
	for (dot = i; dot < f.len && f.p[dot] != '.'; dot++)
		;
	w.p = f.p + i;
	w.len = dot - i;
	if (parse_i64(w, &whole))
		return -1;
	if (dot < f.len) {
		size_t nf = f.len - dot - 1;
		if (nf < 1 || nf > 3)
			return -1;
		for (size_t k = 0; k < 3; k++) {
			char c = k < nf ? f.p[dot + 1 + k] : '0';
			if (c < '0' || c > '9')
				return -1;
			frac = frac * 10 + (c - '0');
		}
	}
	/* parse_i64 allows 18 digits, more than thousandths fit in 64 bits. */
	if (whole > (INT64_MAX - frac) / 1000)
		return -1;
	*out = (double)(whole * 1000 + frac) / 1000.0 * (neg ? -1 : 1);
	return 0;
}

static int parse_time(struct field f, int64_t *out)
{
	char s[QD_ISO_MAX], back[QD_ISO_MAX];

	if (f.len >= sizeof(s))
		return -1;
	memcpy(s, f.p, f.len);
	s[f.len] = '\0';
	if (qd_time_parse_iso(s, out))
		return -1;
	qd_time_format_iso_ms(*out, back);
	return strcmp(s, back) == 0 ? 0 : -1; /* only the canonical form */
}

static bool field_is(struct field f, const char *s)
{
	return strlen(s) == f.len && memcmp(f.p, s, f.len) == 0;
}

struct pending_qa {
	char *quiz_id;
	size_t index;
	struct qd_quiz_answer a;
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
	struct qd_logdata *d;
	struct qd_diags *diags;
	size_t cap_reviews, cap_undos, cap_quizzes;
	struct pending_qa *qa;
	size_t n_qa, cap_qa;
	struct qd_strset qa_ids; /* quiz id -> index in chains */
	struct qa_chain *chains;
	size_t n_chains, cap_chains;
};

static void warn(struct loader *L, int line, const char *msg, const char *arg)
{
	if (!L->diags)
		return;
	if (arg)
		qd_diags_add(L->diags, QD_SEV_WARNING, line, 0, "%s '%s'; line skipped", msg, arg);
	else
		qd_diags_add(L->diags, QD_SEV_WARNING, line, 0, "%s; line skipped", msg);
}

static int load_review(struct loader *L, struct field *f, size_t nf, int line)
{
	struct qd_review r;
	int64_t rating;

	memset(&r, 0, sizeof(r));
	if (nf < 8)
		return -1;
	if (parse_time(f[1], &r.time_ms) || !(r.deck = nonempty(L->d, f[2])) ||
	    !(r.card = nonempty(L->d, f[3])) || parse_i64(f[4], &rating) || rating < 1 ||
	    rating > 4 || parse_i64(f[5], &r.duration_ms))
		return -1;
	r.rating = (int)rating;
	if (field_is(f[6], "study"))
		r.mode = QD_MODE_STUDY;
	else if (field_is(f[6], "quiz"))
		r.mode = QD_MODE_QUIZ;
	else if (field_is(f[6], "import"))
		r.mode = QD_MODE_IMPORT;
	else
		return -1;
	if (field_is(f[7], "y"))
		r.correct = QD_CORRECT_YES;
	else if (field_is(f[7], "n"))
		r.correct = QD_CORRECT_NO;
	else if (field_is(f[7], "-"))
		r.correct = QD_CORRECT_NA;
	else
		return -1;
	r.line = line;
	if (L->d->n_reviews == L->cap_reviews) {
		L->cap_reviews = L->cap_reviews ? L->cap_reviews * 2 : 256;
		L->d->reviews = qd_xrealloc(L->d->reviews, L->cap_reviews * sizeof(r));
	}
	L->d->reviews[L->d->n_reviews++] = r;
	return 0;
}

static int load_undo(struct loader *L, struct field *f, size_t nf, int line)
{
	struct qd_undo u;
	size_t i;

	memset(&u, 0, sizeof(u));
	if (nf < 5 || parse_time(f[1], &u.time_ms) || !(u.deck = nonempty(L->d, f[2])) ||
	    !(u.card = nonempty(L->d, f[3])) || parse_time(f[4], &u.target_ms))
		return -1;
	u.line = line;
	for (i = L->d->n_reviews; i-- > 0;) {
		struct qd_review *r = &L->d->reviews[i];
		if (!r->undone && r->time_ms == u.target_ms && strcmp(r->card, u.card) == 0 &&
		    strcmp(r->deck, u.deck) == 0) {
			r->undone = true;
			break;
		}
	}
	if (i == (size_t)-1) {
		if (L->diags)
			qd_diags_add(L->diags, QD_SEV_WARNING, line, 0,
			             "undo of '%s/%s' matches no earlier review; line skipped",
			             u.deck, u.card);
		return 0;
	}
	if (L->d->n_undos == L->cap_undos) {
		L->cap_undos = L->cap_undos ? L->cap_undos * 2 : 16;
		L->d->undos = qd_xrealloc(L->d->undos, L->cap_undos * sizeof(u));
	}
	L->d->undos[L->d->n_undos++] = u;
	return 0;
}

static int load_qa(struct loader *L, struct field *f, size_t nf, int line)
{
	struct pending_qa p;
	int64_t index;
	double points;
	size_t at;

	memset(&p, 0, sizeof(p));
	if (nf < 9 || !(p.quiz_id = nonempty(L->d, f[1])) || parse_i64(f[2], &index) ||
	    index < 1 || !(p.a.deck = nonempty(L->d, f[3])) ||
	    !(p.a.card = nonempty(L->d, f[4])) || parse_i64(f[6], &p.a.time_ms) ||
	    parse_milli(f[7], &points))
		return -1;
	if (field_is(f[5], "y"))
		p.a.outcome = QD_QUIZ_CORRECT;
	else if (field_is(f[5], "n"))
		p.a.outcome = QD_QUIZ_WRONG;
	else if (field_is(f[5], "t"))
		p.a.outcome = QD_QUIZ_TIMEOUT;
	else
		return -1;
	p.a.points = points;
	if (f[8].len == 0)
		p.a.given = "";
	else if (!(p.a.given = unescape(L->d, f[8].p, f[8].len)))
		return -1;
	p.index = (size_t)index;
	p.line = line;
	p.next = NO_QA;
	if (L->n_qa == L->cap_qa) {
		L->cap_qa = L->cap_qa ? L->cap_qa * 2 : 32;
		L->qa = qd_xrealloc(L->qa, L->cap_qa * sizeof(p));
	}
	if (qd_strset_put_n(&L->qa_ids, p.quiz_id, strlen(p.quiz_id), L->n_chains, &at)) {
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
	L->qa[L->n_qa++] = p;
	return 0;
}

static int load_quiz(struct loader *L, struct field *f, size_t nf, int line)
{
	struct qd_quiz_result q;
	struct qd_quiz_answer *answers;
	const char **decks;
	int64_t nq;
	size_t found = 0, chain, first = NO_QA;
	char *id, *name, *dl;

	memset(&q, 0, sizeof(q));
	if (nf < 11 || parse_time(f[1], &q.time_ms) || !(id = nonempty(L->d, f[2])) ||
	    parse_u64(f[5], &q.seed) || parse_time(f[6], &q.started_ms) ||
	    parse_i64(f[7], &q.time_used_ms) || parse_i64(f[8], &nq) || nq > 100000 ||
	    parse_milli(f[9], &q.score) || parse_milli(f[10], &q.max_score))
		return -1;
	if (f[3].len == 0)
		name = "";
	else if (!(name = unescape(L->d, f[3].p, f[3].len)))
		return -1;
	/* Decks: a comma-separated list of escaped ids (commas inside are \x2c). */
	decks = pool_keep(L->d, qd_xcalloc(f[4].len / 2 + 1, sizeof(*decks)));
	for (size_t s = 0, e; s < f[4].len; s = e + 1) {
		for (e = s; e < f[4].len && f[4].p[e] != ','; e++)
			;
		if (!(dl = unescape(L->d, f[4].p + s, e - s)) || !*dl)
			return -1;
		decks[q.n_decks++] = dl;
	}
	answers = pool_keep(L->d, qd_xcalloc((size_t)nq + 1, sizeof(*answers)));
	if (qd_strset_get_n(&L->qa_ids, id, strlen(id), &chain)) {
		first = L->chains[chain].head;
		L->chains[chain].head = NO_QA; /* every line of the chain is used now */
	}
	for (size_t i = first; i != NO_QA; i = L->qa[i].next) {
		struct pending_qa *p = &L->qa[i];
		p->used = true;
		if (p->index > (size_t)nq || answers[p->index - 1].deck) {
			if (L->diags)
				qd_diags_add(L->diags, QD_SEV_WARNING, p->line, 0,
				             "quiz '%s': question %zu does not belong to the result "
				             "on line %d; line skipped", id, p->index, line);
			continue;
		}
		answers[p->index - 1] = p->a;
		found++;
	}
	if (found != (size_t)nq) {
		/* Keep what survives: compact the answers that are present. */
		size_t k = 0;
		for (size_t i = 0; i < (size_t)nq; i++)
			if (answers[i].deck)
				answers[k++] = answers[i];
		if (L->diags)
			qd_diags_add(L->diags, QD_SEV_WARNING, line, 0,
			             "quiz '%s': %zu of %" PRId64 " question lines are missing or "
			             "damaged", id, (size_t)nq - found, nq);
	}
	q.id = id;
	q.name = name;
	q.decks = decks;
	q.answers = answers;
	q.n_answers = found;
	q.line = line;
	if (L->d->n_quizzes == L->cap_quizzes) {
		L->cap_quizzes = L->cap_quizzes ? L->cap_quizzes * 2 : 8;
		L->d->quizzes = qd_xrealloc(L->d->quizzes, L->cap_quizzes * sizeof(q));
	}
	L->d->quizzes[L->d->n_quizzes++] = q;
	return 0;
}

/* Checks the header line; returns 0, or -1 with err. */
static int check_header(const char *line, size_t len, int *version, const char *name,
                        struct qd_err *err)
{
	size_t plen = strlen(HEADER_PREFIX);
	int v = 0;

	if (len <= plen || memcmp(line, HEADER_PREFIX, plen) != 0)
		return qd_err_at(err, QD_EXIT_DATAERR, name, 1, 0,
		                 "not a quizdeck review log (the first line should be '"
		                 HEADER_PREFIX "%d')", QD_REVLOG_VERSION);
	for (size_t i = plen; i < len; i++) {
		if (line[i] < '0' || line[i] > '9' || v > 100000)
			return qd_err_at(err, QD_EXIT_DATAERR, name, 1, 0,
			                 "malformed review log header");
		v = v * 10 + (line[i] - '0');
	}
	if (v > QD_REVLOG_VERSION)
		return qd_err_at(err, QD_EXIT_DATAERR, name, 1, 0,
		                 "the review log has format version %d, but this quizdeck reads "
		                 "only version %d: upgrade quizdeck (the log was left untouched)",
		                 v, QD_REVLOG_VERSION);
	if (v < 1)
		return qd_err_at(err, QD_EXIT_DATAERR, name, 1, 0, "malformed review log header");
	*version = v;
	return 0;
}

static int load_mem(const char *name, const char *data, size_t len, struct qd_logdata *out,
                    struct qd_diags *diags, struct qd_err *err)
{
	struct loader L;
	const char *p = data, *end = data + len, *nl;
	int line = 1;
	char hdr[32];
	int hlen;

	memset(&L, 0, sizeof(L));
	L.d = out;
	L.diags = diags;
	if (len == 0)
		return 0;
	nl = memchr(p, '\n', len);
	hlen = snprintf(hdr, sizeof(hdr), HEADER_PREFIX "%d", QD_REVLOG_VERSION);
	if (!nl) {
		/* Only a torn header: the file was being created. */
		if (len < (size_t)hlen && memcmp(p, hdr, len) == 0) {
			if (diags)
				qd_diags_add(diags, QD_SEV_WARNING, 1, 0,
				             "torn header ignored (the log was being created)");
			return 0;
		}
		nl = end;
	}
	if (check_header(p, (size_t)(nl - p), &out->version, name, err))
		return -1;
	for (p = nl < end ? nl + 1 : end; p < end; p = nl + 1) {
		struct field f[MAX_FIELDS];
		size_t nf = 0, blen;
		const char *tab, *s;
		uint32_t want = 0;
		int rc = -1, bad_crc = 0;

		line++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl) {
			if (diags)
				qd_diags_add(diags, QD_SEV_WARNING, line, 0,
				             "torn last line ignored (an append was interrupted)");
			break;
		}
		/* The checksum: the last field, 8 hex digits over the rest. */
		tab = NULL;
		for (s = nl; s > p; s--)
			if (s[-1] == '\t') {
				tab = s - 1;
				break;
			}
		if (!tab || nl - tab != 9) {
			bad_crc = 1;
		} else {
			for (int i = 1; i <= 8; i++) {
				int h = hexval(tab[i]);
				if (h < 0 || (tab[i] >= 'A' && tab[i] <= 'F')) {
					bad_crc = 1;
					break;
				}
				want = want * 16 + (uint32_t)h;
			}
			if (!bad_crc && qd_crc32(p, (size_t)(tab - p)) != want)
				bad_crc = 1;
		}
		if (bad_crc) {
			warn(&L, line, "damaged record (checksum mismatch)", NULL);
			continue;
		}
		blen = (size_t)(tab - p);
		for (size_t i = 0, st = 0; i <= blen; i++) {
			if (i == blen || p[i] == '\t') {
				if (nf == MAX_FIELDS)
					break;
				f[nf].p = p + st;
				f[nf].len = i - st;
				nf++;
				st = i + 1;
			}
		}
		if (field_is(f[0], "review"))
			rc = load_review(&L, f, nf, line);
		else if (field_is(f[0], "undo"))
			rc = load_undo(&L, f, nf, line);
		else if (field_is(f[0], "qa"))
			rc = load_qa(&L, f, nf, line);
		else if (field_is(f[0], "quiz"))
			rc = load_quiz(&L, f, nf, line);
		else {
			char *t = qd_xstrndup(f[0].p, f[0].len < 32 ? f[0].len : 32);
			warn(&L, line, "unknown record type", t);
			free(t);
			continue;
		}
		if (rc)
			warn(&L, line, "malformed record", NULL);
	}
	for (size_t i = 0; i < L.n_qa; i++)
		if (!L.qa[i].used && diags)
			qd_diags_add(diags, QD_SEV_WARNING, L.qa[i].line, 0,
			             "quiz '%s': question line without a result summary (an "
			             "interrupted quiz); line skipped", L.qa[i].quiz_id);
	free(L.qa);
	free(L.chains);
	qd_strset_release(&L.qa_ids);
	return 0;
}

int qd_revlog_load_mem(const char *data, size_t len, struct qd_logdata *out,
                       struct qd_diags *diags, struct qd_err *err)
{
	qd_logdata_init(out);
	return load_mem(diags && diags->file ? diags->file : "", data, len, out, diags, err);
}

int qd_revlog_load(const char *path, struct qd_logdata *out, struct qd_diags *diags,
                   struct qd_err *err)
{
	struct qd_buf b;
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
	qd_buf_init(&b);
	rc = qd_file_read_fd(fd, path, 0, &b, err);
	close(fd);
	if (rc == 0)
		rc = load_mem(path, b.data, b.len, out, diags, err);
	else if (err)
		err->status = QD_EXIT_IOERR;
	qd_buf_release(&b);
	return rc;
}

/* ---- The store ---- */

struct qd_revlog {
	char *dir, *path;
	int fd, flags;
	bool wrote_header; /* by the last prepare() */
	dev_t dev;
	ino_t ino;
};

const char *qd_revlog_file(const struct qd_revlog *log)
{
	return log->path;
}

static void fsync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	/* Best effort: some file systems refuse fsync on directories. */
	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

/* mkdir -p with mode 0700; fsyncs the parent of each directory created. */
static int mkdir_p(const char *dir, struct qd_err *err)
{
	char *p = qd_xstrdup(dir);
	int rc = 0;

	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) == 0) {
			char *slash = strrchr(p, '/');
			if (slash && slash != p) {
				*slash = '\0';
				fsync_dir(p);
				*slash = '/';
			} else {
				fsync_dir(slash ? "/" : ".");
			}
		} else if (errno != EEXIST) {
			rc = qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot create directory '%s'",
			                  p);
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return rc;
}

static int lock_log(struct qd_revlog *log, struct qd_err *err)
{
	while (flock(log->fd, LOCK_EX) != 0) {
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
		fsync_dir(log->dir);
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
	char head[32], last;
	int hlen = snprintf(head, sizeof(head), HEADER_PREFIX "%d\n", QD_REVLOG_VERSION);
	char got[32];
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
		if (check_header(got, (size_t)(nl - got), &version, log->path, err))
			return -1;
	}
	if (pread(log->fd, &last, 1, st.st_size - 1) != 1)
		return qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot read '%s'", log->path);
	*need_nl = last != '\n';
	return 0;
}

int qd_revlog_open(const char *data_dir, int flags, struct qd_revlog **out,
                   struct qd_err *err)
{
	struct qd_revlog *log;
	bool need_nl;
	int rc;

	*out = NULL;
	if (mkdir_p(data_dir, err))
		return -1;
	log = qd_xcalloc(1, sizeof(*log));
	log->dir = qd_xstrdup(data_dir);
	log->path = qd_revlog_path(data_dir);
	log->flags = flags;
	log->fd = -1;
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

int qd_revlog_append_reviews(struct qd_revlog *log, const struct qd_review *r, size_t n,
                             struct qd_err *err)
{
	struct qd_buf b;
	size_t *ends = qd_xcalloc(n ? n : 1, sizeof(*ends));
	int rc = 0;

	qd_buf_init(&b);
	for (size_t i = 0; i < n && rc == 0; i++) {
		rc = qd_revlog_encode_review(&b, &r[i], err);
		ends[i] = b.len;
	}
	if (rc == 0 && n)
		rc = append_lines(log, &b, ends, n, err);
	qd_buf_release(&b);
	free(ends);
	return rc;
}

int qd_revlog_append_review(struct qd_revlog *log, const struct qd_review *r,
                            struct qd_err *err)
{
	return qd_revlog_append_reviews(log, r, 1, err);
}

int qd_revlog_append_undo(struct qd_revlog *log, const struct qd_undo *u, struct qd_err *err)
{
	struct qd_buf b;
	size_t end;
	int rc;

	qd_buf_init(&b);
	rc = qd_revlog_encode_undo(&b, u, err);
	end = b.len;
	if (rc == 0)
		rc = append_lines(log, &b, &end, 1, err);
	qd_buf_release(&b);
	return rc;
}

int qd_revlog_append_quiz(struct qd_revlog *log, const struct qd_quiz_result *q,
                          struct qd_err *err)
{
	struct qd_buf b;
	size_t end;
	int rc;

	qd_buf_init(&b);
	rc = qd_revlog_encode_quiz(&b, q, err);
	end = b.len;
	if (rc == 0)
		rc = append_lines(log, &b, &end, 1, err);
	qd_buf_release(&b);
	return rc;
}

/* ---- Import with deduplication ---- */

struct keyset {
	const struct qd_review **slots;
	size_t cap;
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

/* Inserts r; returns false if an equal key was already there. */
static bool keyset_add(struct keyset *ks, const struct qd_review *r)
{
	size_t i = (size_t)review_key_hash(r) & (ks->cap - 1);

	while (ks->slots[i]) {
		if (same_key(ks->slots[i], r))
			return false;
		i = (i + 1) & (ks->cap - 1);
	}
	ks->slots[i] = r;
	return true;
}

int qd_revlog_import(struct qd_revlog *log, const struct qd_review *r, size_t n,
                     size_t *added, size_t *skipped, struct qd_diags *diags,
                     struct qd_err *err)
{
	struct qd_logdata d;
	struct qd_review x;
	struct keyset ks;
	struct qd_buf b;
	size_t *ends = qd_xcalloc(n ? n : 1, sizeof(*ends)), nt = 0;
	int rc = 0;

	*added = *skipped = 0;
	qd_buf_init(&b);
	/* Validate before taking the lock: nothing is written for bad input. */
	for (size_t i = 0; i < n && rc == 0; i++)
		rc = qd_revlog_encode_review(&b, &r[i], err);
	qd_buf_reset(&b);
	if (rc || lock_log(log, err)) {
		free(ends);
		qd_buf_release(&b);
		return -1;
	}
	/* Read and append under one lock, so a concurrent import of the same
	 * file cannot slip in between. */
	rc = qd_revlog_load(log->path, &d, diags, err);
	if (rc == 0) {
		ks.cap = 16;
		while (ks.cap < 2 * (d.n_reviews + n))
			ks.cap *= 2;
		ks.slots = qd_xcalloc(ks.cap, sizeof(*ks.slots));
		for (size_t i = 0; i < d.n_reviews; i++)
			keyset_add(&ks, &d.reviews[i]);
		for (size_t i = 0; i < n; i++) {
			if (!keyset_add(&ks, &r[i])) {
				(*skipped)++;
				continue;
			}
			x = r[i];
			x.mode = QD_MODE_IMPORT;
			qd_revlog_encode_review(&b, &x, NULL);
			ends[nt++] = b.len;
		}
		free(ks.slots);
		if (nt)
			rc = append_locked(log, &b, ends, nt, err);
		if (rc == 0)
			*added = nt;
	}
	unlock_log(log);
	qd_logdata_release(&d);
	qd_buf_release(&b);
	free(ends);
	return rc;
}

void qd_revlog_format_points(char *buf, size_t size, double v)
{
	size_t n;

	snprintf(buf, size, "%.3f", v);
	n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	if (strcmp(buf, "-0") == 0)
		snprintf(buf, size, "0");
}

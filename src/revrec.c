/*
 * The review log's record codec: one record to one line and back (see
 * quizdeck/revrec.h and docs/log-format.md). No file, lock or clock here:
 * the store (revlog.c) reads and writes the lines.
 *
 * Design choices:
 * - One record per line, TAB-separated fields, a CRC-32 of the line's body
 *   as the last field: a torn or bit-flipped line is detected on its own,
 *   and every other line still reads. Text fields are escaped (backslash,
 *   TAB, LF, CR, other control bytes), so no value can forge a field or a
 *   line.
 * - Numbers are written as integers only (points in thousandths), so the
 *   process locale can never change the bytes written or how they parse.
 *   Times are accepted in their one canonical form only, so a record reads
 *   back to the bytes it was written from.
 * - A parsed record owns one block of memory holding all its strings, which
 *   the loader keeps or frees as a whole; or, for a reader that copies what
 *   it keeps (the log's loader interns ids), its strings live in one
 *   scratch buffer used again for every line: no allocation per record.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "crc32-table.h"
#include "quizdeck/buf.h"
#include "quizdeck/qtime.h"
#include "quizdeck/revrec.h"

#define HEADER_PREFIX "quizdeck-log "
#define MAX_FIELDS 16
#define MAX_QUIZ_QUESTIONS 100000

/* ---- CRC-32 (IEEE 802.3, reflected, as zlib), sliced by 8 ----
 *
 * Eight bytes are folded in per step through eight constant tables
 * (src/crc32-table.h, written by scripts/gen-crc32-table and checked entry
 * by entry by tests/unit/test-revrec.c); the bytes are read one by one, so
 * the result does not depend on the machine's byte order or alignment. */

uint32_t qd_crc32(const void *data, size_t len)
{
	const uint32_t (*t)[256] = qd_crc32_table;
	const unsigned char *p = data;
	uint32_t c = 0xffffffffu;

	for (; len >= 8; len -= 8, p += 8) {
		uint32_t lo = c ^ ((uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
		                   (uint32_t)p[3] << 24);
		c = t[7][lo & 0xff] ^ t[6][(lo >> 8) & 0xff] ^ t[5][(lo >> 16) & 0xff] ^
		    t[4][lo >> 24] ^ t[3][p[4]] ^ t[2][p[5]] ^ t[1][p[6]] ^ t[0][p[7]];
	}
	while (len--)
		c = (c >> 8) ^ t[0][(c ^ *p++) & 0xff];
	return c ^ 0xffffffffu;
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

const char *qd_event_kind_name(enum qd_event_kind k)
{
	switch (k) {
	case QD_EVENT_SUSPEND: return "suspend";
	case QD_EVENT_UNSUSPEND: return "unsuspend";
	case QD_EVENT_BURY: return "bury";
	}
	return "?";
}

/* A quiz id links a result's lines and is written as it is, never
 * escaped, so it may hold only bytes that need no escape and cannot split a
 * field: one or more of [A-Za-z0-9._:-]. (Not a deck's slug: it is made
 * from the start time and the seed, and keeps the whole set.) */
static bool fingerprint_valid(const char *s, size_t len)
{
	if (len != 64)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

static bool quiz_id_valid(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '.' || s[i] == '_' || s[i] == ':' ||
		      s[i] == '-'))
			return false;
	return true;
}

/* ---- Encoding ---- */

#define STR_(x) #x
#define STR(x) STR_(x)

const char *qd_revrec_header(void)
{
	return HEADER_PREFIX STR(QD_REVREC_VERSION) "\n";
}

static bool needs_escape(unsigned char c, bool in_list)
{
	return c < 0x20 || c == 0x7f || c == '\\' || (in_list && c == ',');
}

static void add_escaped(struct qd_buf *b, const char *s, bool in_list)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		size_t run = 0;

		/* Plain bytes (nearly all of them) are copied a run at a time. */
		while (s[run] && !needs_escape((unsigned char)s[run], in_list))
			run++;
		if (run) {
			qd_buf_add(b, s, run);
			s += run - 1;
			continue;
		}
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

/* The most thousandths of a point a points field may say: points are held
 * as doubles, and below 2^50 thousandths m, (m / 1000) * 1000 is within a
 * quarter of m, so what loads encodes again to the same bytes. */
#define MAX_MILLI ((INT64_C(1) << 50) - 1)

/* Points to thousandths; -1 if they are not finite or beyond MAX_MILLI. */
static int to_milli(double v, int64_t *out)
{
	double x = v * 1000.0;

	x = x < 0 ? x - 0.5 : x + 0.5;
	if (!(x > -(double)MAX_MILLI - 1 && x < (double)MAX_MILLI + 1)) /* NaN too */
		return -1;
	*out = (int64_t)x;
	return 0;
}

/* A count or duration in decimal, by hand: written for every record. */
static void add_u64(struct qd_buf *b, uint64_t v)
{
	char d[20];
	size_t n = sizeof(d);

	do {
		d[--n] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	qd_buf_add(b, d + n, sizeof(d) - n);
}

static void finish_line(struct qd_buf *b, size_t start)
{
	static const char hex[] = "0123456789abcdef";
	uint32_t crc = qd_crc32(b->data + start, b->len - start);
	char t[11];

	t[0] = '\t';
	for (int i = 0; i < 8; i++)
		t[1 + i] = hex[(crc >> (28 - 4 * i)) & 15];
	t[9] = '\n';
	qd_buf_add(b, t, 10);
}

static int check_ids(const char *what, const char *deck, const char *card, struct qd_err *err)
{
	if (!deck || !*deck || !card || !*card)
		return qd_err_set(err, QD_EXIT_SOFTWARE, "%s record without a deck or card id",
		                  what);
	return 0;
}

int qd_revrec_check_review(const struct qd_review *r, struct qd_err *err)
{
	if (check_ids("review", r->deck, r->card, err))
		return -1;
	if (r->rating < 1 || r->rating > 4)
		return qd_err_set(err, QD_EXIT_SOFTWARE, "review of '%s/%s': rating %d is not 1-4",
		                  r->deck, r->card, r->rating);
	if (r->duration_ms < 0 || (unsigned)r->mode > QD_MODE_IMPORT ||
	    (unsigned)r->correct > QD_CORRECT_NO)
		return qd_err_set(err, QD_EXIT_SOFTWARE, "review of '%s/%s': invalid fields",
		                  r->deck, r->card);
	return 0;
}

int qd_revrec_encode_review(struct qd_buf *b, const struct qd_review *r, struct qd_err *err)
{
	size_t start = b->len;
	static const char correct[] = {'-', 'y', 'n'};

	if (qd_revrec_check_review(r, err))
		return -1;
	qd_buf_adds(b, "review\t");
	add_time(b, r->time_ms);
	qd_buf_addc(b, '\t');
	add_escaped(b, r->deck, false);
	qd_buf_addc(b, '\t');
	add_escaped(b, r->card, false);
	qd_buf_addc(b, '\t');
	qd_buf_addc(b, (char)('0' + r->rating));
	qd_buf_addc(b, '\t');
	add_u64(b, (uint64_t)r->duration_ms);
	qd_buf_addc(b, '\t');
	qd_buf_adds(b, qd_review_mode_name(r->mode));
	qd_buf_addc(b, '\t');
	qd_buf_addc(b, correct[r->correct]);
	finish_line(b, start);
	return 0;
}

int qd_revrec_encode_undo(struct qd_buf *b, const struct qd_undo *u, struct qd_err *err)
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
	/* Added after format 1's first fields, as the quiz fingerprint was:
	 * an undo of a review keeps the bytes it always had. */
	if (u->target_event) {
		if ((unsigned)u->target_kind > QD_EVENT_BURY) {
			b->len = start;
			b->data[start] = '\0';
			return qd_err_set(err, QD_EXIT_SOFTWARE, "undo of '%s/%s': invalid target",
			                  u->deck, u->card);
		}
		qd_buf_addf(b, "\t%s", qd_event_kind_name(u->target_kind));
	}
	finish_line(b, start);
	return 0;
}

int qd_revrec_encode_event(struct qd_buf *b, const struct qd_event *e, struct qd_err *err)
{
	size_t start = b->len;

	if (check_ids("event", e->deck, e->card, err))
		return -1;
	if ((unsigned)e->kind > QD_EVENT_BURY)
		return qd_err_set(err, QD_EXIT_SOFTWARE, "event of '%s/%s': invalid kind", e->deck,
		                  e->card);
	qd_buf_addf(b, "%s\t", qd_event_kind_name(e->kind));
	add_time(b, e->time_ms);
	qd_buf_addc(b, '\t');
	add_escaped(b, e->deck, false);
	qd_buf_addc(b, '\t');
	add_escaped(b, e->card, false);
	finish_line(b, start);
	return 0;
}

int qd_revrec_encode_quiz(struct qd_buf *b, const struct qd_quiz_result *q, struct qd_err *err)
{
	static const char outcome[] = {'n', 'y', 't'};
	char idbuf[64];
	const char *id = q->id;
	size_t start, begin = b->len;
	int64_t score, max_score;

	if (!id) {
		snprintf(idbuf, sizeof(idbuf), "%" PRId64 "-%" PRIu64, q->started_ms, q->seed);
		id = idbuf;
	}
	if (!quiz_id_valid(id, strlen(id)))
		return qd_err_set(err, QD_EXIT_SOFTWARE,
		                  "quiz id '%s' is not one or more of [A-Za-z0-9._:-]", id);
	if (q->fingerprint && *q->fingerprint &&
	    !fingerprint_valid(q->fingerprint, strlen(q->fingerprint)))
		return qd_err_set(err, QD_EXIT_SOFTWARE, "quiz '%s': invalid fingerprint", id);
	if (q->time_used_ms < 0)
		return qd_err_set(err, QD_EXIT_SOFTWARE, "quiz '%s': negative time used", id);
	if (to_milli(q->score, &score) || to_milli(q->max_score, &max_score))
		return qd_err_set(err, QD_EXIT_SOFTWARE, "quiz '%s': score out of range", id);
	for (size_t i = 0; i < q->n_answers; i++) {
		const struct qd_quiz_answer *a = &q->answers[i];
		int64_t points;

		if (check_ids("quiz answer", a->deck, a->card, err))
			goto bad;
		if ((unsigned)a->outcome > QD_QUIZ_TIMEOUT || a->time_ms < 0 ||
		    to_milli(a->points, &points)) {
			qd_err_set(err, QD_EXIT_SOFTWARE, "quiz '%s': question %zu: invalid fields",
			           id, i + 1);
			goto bad;
		}
		start = b->len;
		qd_buf_addf(b, "qa\t%s\t%zu\t", id, i + 1);
		add_escaped(b, a->deck, false);
		qd_buf_addc(b, '\t');
		add_escaped(b, a->card, false);
		qd_buf_addf(b, "\t%c\t%" PRId64 "\t", outcome[a->outcome], a->time_ms);
		add_milli(b, points);
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
	add_milli(b, score);
	qd_buf_addc(b, '\t');
	add_milli(b, max_score);
	/* Added after format 1's first fields, which older readers read
	 * alone (they ignore the fields that follow): no new version. */
	if (q->fingerprint && *q->fingerprint)
		qd_buf_addf(b, "\t%s", q->fingerprint);
	finish_line(b, start);
	return 0;
bad:
	/* Nothing of a result that cannot be written whole. */
	b->len = begin;
	b->data[begin] = '\0';
	return -1;
}

/* ---- Decoding ---- */

struct field {
	const char *p;
	size_t len;
};

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

int qd_revrec_parse_header(const char *line, size_t len, int *version, const char *file,
                           struct qd_err *err)
{
	size_t plen = strlen(HEADER_PREFIX);
	int v = 0;

	if (len && line[len - 1] == '\r')
		len--;
	if (len <= plen || memcmp(line, HEADER_PREFIX, plen) != 0)
		return qd_err_at(err, QD_EXIT_DATAERR, file, 1, 0,
		                 "not a quizdeck review log (the first line should be '"
		                 HEADER_PREFIX "%d')", QD_REVREC_VERSION);
	for (size_t i = plen; i < len; i++) {
		if (line[i] < '0' || line[i] > '9' || v > 100000)
			return qd_err_at(err, QD_EXIT_DATAERR, file, 1, 0,
			                 "malformed review log header");
		v = v * 10 + (line[i] - '0');
	}
	if (v > QD_REVREC_VERSION)
		return qd_err_at(err, QD_EXIT_DATAERR, file, 1, 0,
		                 "the review log has format version %d, but this quizdeck reads "
		                 "only version %d: upgrade quizdeck (the log was left untouched)",
		                 v, QD_REVREC_VERSION);
	if (v < 1)
		return qd_err_at(err, QD_EXIT_DATAERR, file, 1, 0, "malformed review log header");
	*version = v;
	return 0;
}

/* Unescapes f into the record's memory at *at (which it advances); NULL if
 * an escape is invalid or would give a NUL byte. */
static char *unescape(char **at, struct field f)
{
	const char *p = f.p;
	char *out = *at;
	size_t n = 0;

	for (size_t i = 0; i < f.len; i++) {
		if (p[i] != '\\') {
			out[n++] = p[i];
			continue;
		}
		if (++i >= f.len)
			return NULL;
		switch (p[i]) {
		case '\\': out[n++] = '\\'; break;
		case 't': out[n++] = '\t'; break;
		case 'n': out[n++] = '\n'; break;
		case 'r': out[n++] = '\r'; break;
		case 'x': {
			int hi, lo;
			if (i + 2 >= f.len)
				return NULL;
			hi = hexval(p[i + 1]);
			lo = hexval(p[i + 2]);
			if (hi < 0 || lo < 0 || (hi == 0 && lo == 0))
				return NULL;
			out[n++] = (char)(hi * 16 + lo);
			i += 2;
			break;
		}
		default:
			return NULL;
		}
	}
	out[n] = '\0';
	*at = out + n + 1;
	return out;
}

static char *nonempty(char **at, struct field f)
{
	char *s = f.len ? unescape(at, f) : NULL;
	return s && *s ? s : NULL;
}

/* A quiz id as written (no escapes), copied to *at; NULL if it is not one. */
static char *quiz_id(char **at, struct field f)
{
	char *s = *at;

	if (!quiz_id_valid(f.p, f.len))
		return NULL;
	memcpy(s, f.p, f.len);
	s[f.len] = '\0';
	*at = s + f.len + 1;
	return s;
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
	/* parse_i64 allows 18 digits, more than points may have. */
	if (whole > (MAX_MILLI - frac) / 1000)
		return -1;
	*out = (double)(whole * 1000 + frac) / 1000.0 * (neg ? -1 : 1);
	return 0;
}

/* Only the canonical form, so that a record reads back to its bytes. */
static int parse_time(struct field f, int64_t *out)
{
	return qd_time_parse_log(f.p, f.len, out);
}

static bool field_is(struct field f, const char *s)
{
	return strlen(s) == f.len && memcmp(f.p, s, f.len) == 0;
}

static int parse_review(struct qd_review *r, const struct field *f, size_t nf, char *at)
{
	int64_t rating;

	if (nf < 8 || parse_time(f[1], &r->time_ms) || !(r->deck = nonempty(&at, f[2])) ||
	    !(r->card = nonempty(&at, f[3])) || parse_i64(f[4], &rating) || rating < 1 ||
	    rating > 4 || parse_i64(f[5], &r->duration_ms))
		return -1;
	r->rating = (int)rating;
	if (field_is(f[6], "study"))
		r->mode = QD_MODE_STUDY;
	else if (field_is(f[6], "quiz"))
		r->mode = QD_MODE_QUIZ;
	else if (field_is(f[6], "import"))
		r->mode = QD_MODE_IMPORT;
	else
		return -1;
	if (field_is(f[7], "y"))
		r->correct = QD_CORRECT_YES;
	else if (field_is(f[7], "n"))
		r->correct = QD_CORRECT_NO;
	else if (field_is(f[7], "-"))
		r->correct = QD_CORRECT_NA;
	else
		return -1;
	return 0;
}

/* The record type of an event, or -1. */
static int event_kind(struct field f)
{
	for (int k = QD_EVENT_SUSPEND; k <= QD_EVENT_BURY; k++)
		if (field_is(f, qd_event_kind_name((enum qd_event_kind)k)))
			return k;
	return -1;
}

static int parse_undo(struct qd_undo *u, const struct field *f, size_t nf, char *at)
{
	int k;

	if (nf < 5 || parse_time(f[1], &u->time_ms) || !(u->deck = nonempty(&at, f[2])) ||
	    !(u->card = nonempty(&at, f[3])) || parse_time(f[4], &u->target_ms))
		return -1;
	/* TARGET-TYPE: absent (every undo of a review), or empty when a later
	 * field follows without one. */
	if (nf > 5 && f[5].len && !field_is(f[5], "review")) {
		if ((k = event_kind(f[5])) < 0)
			return -1;
		u->target_event = true;
		u->target_kind = (enum qd_event_kind)k;
	}
	return 0;
}

static int parse_event(struct qd_event *e, const struct field *f, size_t nf, char *at)
{
	int k = event_kind(f[0]);

	if (k < 0 || nf < 4 || parse_time(f[1], &e->time_ms) ||
	    !(e->deck = nonempty(&at, f[2])) || !(e->card = nonempty(&at, f[3])))
		return -1;
	e->kind = (enum qd_event_kind)k;
	return 0;
}

static int parse_qa(struct qd_revrec_qa *qa, const struct field *f, size_t nf, char *at)
{
	struct qd_quiz_answer *a = &qa->answer;
	int64_t index;

	if (nf < 9 || !(qa->quiz_id = quiz_id(&at, f[1])) || parse_i64(f[2], &index) ||
	    index < 1 || !(a->deck = nonempty(&at, f[3])) || !(a->card = nonempty(&at, f[4])) ||
	    parse_i64(f[6], &a->time_ms) || parse_milli(f[7], &a->points) ||
	    !(a->given = unescape(&at, f[8])))
		return -1;
	if (field_is(f[5], "y"))
		a->outcome = QD_QUIZ_CORRECT;
	else if (field_is(f[5], "n"))
		a->outcome = QD_QUIZ_WRONG;
	else if (field_is(f[5], "t"))
		a->outcome = QD_QUIZ_TIMEOUT;
	else
		return -1;
	qa->index = (size_t)index;
	return 0;
}

/* decks has room for every item of f[4]. */
static int parse_quiz(struct qd_quiz_result *q, const struct field *f, size_t nf,
                      const char **decks, char *at)
{
	int64_t nq;
	char *dl;

	if (nf < 11 || parse_time(f[1], &q->time_ms) || !(q->id = quiz_id(&at, f[2])) ||
	    !(q->name = unescape(&at, f[3])) || parse_u64(f[5], &q->seed) ||
	    parse_time(f[6], &q->started_ms) || parse_i64(f[7], &q->time_used_ms) ||
	    parse_i64(f[8], &nq) || nq > MAX_QUIZ_QUESTIONS || parse_milli(f[9], &q->score) ||
	    parse_milli(f[10], &q->max_score))
		return -1;
	/* Decks: a comma-separated list of escaped ids (commas inside are \x2c). */
	for (size_t s = 0, e; s < f[4].len; s = e + 1) {
		struct field item;

		for (e = s; e < f[4].len && f[4].p[e] != ','; e++)
			;
		item.p = f[4].p + s;
		item.len = e - s;
		if (!(dl = nonempty(&at, item)))
			return -1;
		decks[q->n_decks++] = dl;
	}
	/* FINGERPRINT: absent in results written before it, empty when a
	 * later field follows without one. */
	if (nf > 11 && f[11].len) {
		if (!fingerprint_valid(f[11].p, f[11].len))
			return -1;
		memcpy(at, f[11].p, f[11].len);
		at[f[11].len] = '\0';
		q->fingerprint = at;
		at += f[11].len + 1;
	}
	q->decks = decks;
	q->n_answers = (size_t)nq;
	return 0;
}

/* Parses into memory of its own (mem), or into scratch when it is given. */
static enum qd_revrec_status parse(const char *line, size_t len, struct qd_revrec *out,
                                   struct qd_buf *scratch)
{
	struct field f[MAX_FIELDS];
	const char *tab = NULL;
	size_t nf = 0, blen, ndecks = 0, size;
	uint32_t want = 0;
	void *base;
	char *at;
	int rc;

	memset(out, 0, sizeof(*out));
	/* A CR before the LF (a log converted to CRLF) follows the checksum:
	 * it was never part of the record. */
	if (len && line[len - 1] == '\r')
		len--;
	/* The checksum: the last field, 8 lowercase hex digits over the rest. */
	for (size_t i = len; i > 0; i--)
		if (line[i - 1] == '\t') {
			tab = line + i - 1;
			break;
		}
	if (!tab || line + len - tab != 9)
		return QD_REVREC_DAMAGED;
	for (int i = 1; i <= 8; i++) {
		int h = hexval(tab[i]);
		if (h < 0 || (tab[i] >= 'A' && tab[i] <= 'F'))
			return QD_REVREC_DAMAGED;
		want = want * 16 + (uint32_t)h;
	}
	blen = (size_t)(tab - line);
	if (qd_crc32(line, blen) != want)
		return QD_REVREC_DAMAGED;
	for (size_t i = 0, st = 0; i <= blen; i++) {
		if (i == blen || line[i] == '\t') {
			if (nf == MAX_FIELDS)
				break;
			f[nf].p = line + st;
			f[nf].len = i - st;
			nf++;
			st = i + 1;
		}
	}

	if (field_is(f[0], "quiz") && nf > 4)
		ndecks = f[4].len / 2 + 1;
	/* Every string is at most as long as its field, plus its NUL. */
	size = ndecks * sizeof(char *) + blen + MAX_FIELDS + ndecks + 1;
	if (scratch) {
		qd_buf_reset(scratch);
		qd_buf_grow(scratch, size);
		base = scratch->data;
	} else {
		base = out->mem = qd_xmalloc(size);
	}
	at = (char *)base + ndecks * sizeof(char *);
	if (field_is(f[0], "review")) {
		out->type = QD_REVREC_REVIEW;
		rc = parse_review(&out->review, f, nf, at);
	} else if (field_is(f[0], "undo")) {
		out->type = QD_REVREC_UNDO;
		rc = parse_undo(&out->undo, f, nf, at);
	} else if (field_is(f[0], "qa")) {
		out->type = QD_REVREC_QA;
		rc = parse_qa(&out->qa, f, nf, at);
	} else if (field_is(f[0], "quiz")) {
		out->type = QD_REVREC_QUIZ;
		rc = parse_quiz(&out->quiz, f, nf, base, at);
	} else if (event_kind(f[0]) >= 0) {
		out->type = QD_REVREC_EVENT;
		rc = parse_event(&out->event, f, nf, at);
	} else {
		size_t n = f[0].len < 32 ? f[0].len : 32;
		memcpy(at, f[0].p, n);
		at[n] = '\0';
		out->unknown = at;
		return QD_REVREC_UNKNOWN;
	}
	return rc ? QD_REVREC_MALFORMED : QD_REVREC_OK;
}

enum qd_revrec_status qd_revrec_parse(const char *line, size_t len, struct qd_revrec *out)
{
	return parse(line, len, out, NULL);
}

enum qd_revrec_status qd_revrec_parse_in(const char *line, size_t len, struct qd_revrec *out,
                                         struct qd_buf *scratch)
{
	return parse(line, len, out, scratch);
}

void qd_revrec_release(struct qd_revrec *r)
{
	free(r->mem);
	memset(r, 0, sizeof(*r));
}

void qd_revrec_format_points(char *buf, size_t size, double v)
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

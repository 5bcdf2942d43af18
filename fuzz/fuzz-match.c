/*
 * Fuzz target: answer matching and untrusted text on the terminal
 * (quizdeck/match.h, quizdeck/text.h).
 *
 * Input layout: byte 0 holds flags (bit 0 ignore_accents, 1 no_typos,
 * 2 multi, 3 color, 4 one-line sanitising, 5 visible sanitising), byte 1 the wrap width
 * (value % 100 - 4, so 0 and negative widths occur), byte 2 the indent
 * (% 24), bytes 3-8 three cloze spans (start, length); the rest is split at
 * NUL bytes into pieces: the typed answer, then the expected answers (also
 * the choices and the cloze answers). The whole rest, NUL bytes included,
 * is sanitised. Checked: sanitised text is valid UTF-8 without C0 (but
 * newline and tab, unless one-line or visible), DEL, C1 or bidi overrides
 * (nor U+2028/U+2029 when visible), and sanitising again changes nothing; an
 * answer typed as written is right; distances are symmetric and zero on
 * equal valid strings; a parsed choice answer chooses what it says; wrapped lines
 * fit their width unless they hold a single grapheme cluster; every piece
 * normalises to the same bytes with and without the ASCII shortcut; a cut (the
 * whole rest, at the wrap width) is one line within its width; cluster
 * iteration always advances and stays in bounds.
 */
#include <string.h>

#include <unistr.h>

#include "fuzz.h"
#include "quizdeck/match.h"
#include "quizdeck/text.h"

#define MAX_PIECES 32

static void check_sanitized(const struct qd_buf *b, unsigned flags)
{
	const uint8_t *p = (const uint8_t *)b->data, *end = p + b->len;
	struct qd_buf again;

	fuzz_check(u8_check(p, b->len) == NULL, "sanitised text is valid UTF-8");
	while (p < end) {
		ucs4_t c;
		int n = u8_mbtouc(&c, p, (size_t)(end - p));
		bool line_ok = !(flags & (QD_SANITIZE_ONELINE | QD_SANITIZE_VISIBLE)) &&
		               (c == '\n' || c == '\t');
		fuzz_check(line_ok || (c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f)),
		           "no control characters after sanitising");
		fuzz_check(!((c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)),
		           "no bidi embedding, override or isolate after sanitising");
		fuzz_check(!(flags & QD_SANITIZE_VISIBLE) || (c != 0x2028 && c != 0x2029),
		           "no line separator after visible sanitising");
		p += n;
	}
	qd_buf_init(&again);
	qd_text_sanitize(&again, b->data, b->len, flags);
	fuzz_check(again.len == b->len && memcmp(again.data, b->data, b->len) == 0,
	           "sanitising is idempotent");
	qd_buf_release(&again);
}

static void check_clusters(const char *s, size_t len)
{
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *q = qd_text_next_cluster(p, end);
		fuzz_check(q > p && q <= end, "clusters advance within bounds");
		p = q;
	}
}

/* qd_match_normalize (with its shortcut for ASCII) and the libunistring
 * path give the same bytes. */
static void check_normalize(const char *s, bool ignore_accents)
{
	struct qd_buf fast, slow;

	qd_buf_init(&fast);
	qd_buf_init(&slow);
	qd_match_normalize(&fast, s, ignore_accents);
	qd_match_normalize_unicode(&slow, s, ignore_accents);
	fuzz_check(fast.len == slow.len && memcmp(fast.data, slow.data, fast.len) == 0,
	           "normalising takes the same result by either path");
	qd_buf_release(&slow);
	qd_buf_release(&fast);
}

/* Each line of a wrap of s (no colour in s: it is sanitised first) fits
 * width - indent columns, or is one grapheme cluster. */
static void check_wrap(const char *s, int width, int indent)
{
	struct qd_buf in, out;
	int room = width - indent > 1 ? width - indent : 1;
	size_t lines;
	const char *p;

	qd_buf_init(&in);
	qd_buf_init(&out);
	qd_text_sanitize(&in, s, strlen(s), 0);
	lines = qd_text_wrap(&out, in.data, width, indent);
	fuzz_check(lines > 0 || out.len == 0, "wrap counts its lines");
	p = out.data;
	for (size_t i = 0; width > 0; i++) {
		const char *nl = strchr(p, '\n'), *e = nl ? nl : p + strlen(p);
		const char *t = p;
		if (i > 0)
			for (int k = 0; k < indent && t < e && *t == ' '; k++)
				t++;
		fuzz_check(e == p || e[-1] != ' ', "no trailing spaces");
		fuzz_check(qd_text_width(t, (size_t)(e - t)) <= (size_t)room ||
		                   qd_text_next_cluster(t, e) == e,
		           "wrapped lines fit");
		if (!nl)
			break;
		p = nl + 1;
	}
	qd_buf_release(&out);
	qd_buf_release(&in);
}

/* A cut of s (a table cell) is one sanitised line of at most width columns
 * (at least 1), as wide as it says, ending in "…" when it was cut. */
static void check_cut(const char *s, size_t len, int width)
{
	size_t w = width > 0 ? (size_t)width : 1, got;
	struct qd_buf out;

	qd_buf_init(&out);
	got = qd_text_cut(&out, s, len, w);
	fuzz_check(got <= w, "a cut fits its width");
	fuzz_check(qd_text_width(out.data, out.len) == got, "a cut is as wide as it says");
	fuzz_check(!memchr(out.data, '\n', out.len) && !memchr(out.data, '\t', out.len),
	           "a cut is one line");
	qd_buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *pieces[MAX_PIECES];
	size_t n = 0, nans;
	struct qd_match_opts opts;
	struct qd_match_result res;
	struct qd_cloze_blank blanks[3];
	bool chosen[MAX_PIECES];
	struct qd_buf b, rest;
	struct qd_err err;
	unsigned flags, sflags;
	int width, indent, rc;
	enum qd_rating rating;
	bool tf;

	if (size < 9)
		return 0;
	flags = data[0];
	width = data[1] % 100 - 4;
	indent = data[2] % 24;
	opts.ignore_accents = flags & 1;
	opts.no_typos = flags & 2;
	sflags = (flags & 16 ? QD_SANITIZE_ONELINE : 0) | (flags & 32 ? QD_SANITIZE_VISIBLE : 0);

	qd_buf_init(&b);
	qd_buf_init(&rest);
	fuzz_copy(&rest, data + 9, size - 9);
	for (size_t i = 0; i <= rest.len && n < MAX_PIECES; i += strlen(rest.data + i) + 1)
		pieces[n++] = rest.data + i;
	nans = n - 1;

	/* Untrusted text on the terminal. */
	qd_text_sanitize(&b, rest.data, rest.len, sflags);
	check_sanitized(&b, sflags);
	(void)qd_text_width(rest.data, rest.len);
	check_clusters(rest.data, rest.len);
	check_wrap(pieces[0], width, indent);
	check_cut(rest.data, rest.len, width);
	qd_buf_reset(&b);
	qd_text_wrap(&b, pieces[0], width, indent);
	qd_buf_reset(&b);
	qd_style_prompt(&b, flags & 8, QD_STYLE_BOLD | QD_STYLE_RED, pieces[0]);

	/* Typed answers; every piece normalises to the same bytes with and
	 * without the ASCII shortcut. */
	for (size_t i = 0; i < n; i++)
		check_normalize(pieces[i], opts.ignore_accents);
	qd_buf_reset(&b);
	qd_match_normalize(&b, pieces[0], opts.ignore_accents);
	qd_match_typed(pieces[0], pieces + 1, nans, &opts, &res);
	fuzz_check(nans == 0 ? !res.correct : res.which < nans, "typed: which");
	for (size_t i = 1; i < n; i++) {
		size_t d = qd_match_distance(pieces[0], pieces[i]);
		fuzz_check(d == qd_match_distance(pieces[i], pieces[0]), "distance is symmetric");
		qd_match_typed(pieces[i], pieces + 1, nans, &opts, &res);
		qd_buf_reset(&b);
		qd_match_normalize(&b, pieces[i], opts.ignore_accents);
		fuzz_check(res.correct || b.len == 0, "an answer typed as written is right");
		qd_buf_reset(&b);
		qd_match_diff(&b, pieces[0], pieces[i], flags & 8);
	}
	/* Invalid UTF-8 has no code points to compare: QD_MATCH_FAR. */
	if (u8_check((const uint8_t *)pieces[0], strlen(pieces[0])) == NULL)
		fuzz_check(qd_match_distance(pieces[0], pieces[0]) == 0, "distance to itself");

	/* Choices, true/false, ratings. */
	rc = qd_match_choice_parse(pieces[0], pieces + 1, nans, flags & 4, &opts, chosen, &err);
	if (rc >= 0) {
		int count = 0;
		for (size_t i = 0; i < nans; i++)
			count += chosen[i];
		fuzz_check(rc == count && rc >= 1 && ((flags & 4) || rc == 1), "choice count");
	}
	(void)qd_match_truefalse_parse(pieces[0], &tf, &err);
	if (qd_match_rating_parse(pieces[0], QD_GOOD, &rating, &err) == 0)
		fuzz_check(rating >= QD_AGAIN && rating <= QD_EASY, "rating range");

	/* Cloze rendering with arbitrary (possibly bad) spans over piece 0. */
	for (int i = 0; i < 3; i++) {
		blanks[i].start = data[3 + 2 * i];
		blanks[i].len = data[4 + 2 * i];
		blanks[i].answers = pieces + (n > 1 ? 1 : 0);
		blanks[i].n_answers = n > 1 ? nans : 1;
	}
	for (size_t cur = 0; cur < 4; cur++) {
		qd_buf_reset(&b);
		qd_match_cloze_prompt(&b, pieces[0], blanks, 3, cur, flags & 8);
	}
	qd_buf_reset(&b);
	qd_match_cloze_reveal(&b, pieces[0], blanks, 3, NULL, flags & 8);

	qd_buf_release(&rest);
	qd_buf_release(&b);
	return 0;
}

/*
 * Answer checking; see quizdeck/match.h for the rules.
 *
 * Design choices:
 *   - Comparison works on arrays of code points (UTF-32) of the normalised
 *     strings, so typo distances count characters, not bytes.
 *   - NFKC rather than plain NFC: learners using CJK input methods type
 *     full-width letters and digits, and ligatures or superscripts pasted
 *     from a web page should not make a right answer wrong. Canonical
 *     equivalents (NFC vs NFD input) compare equal either way.
 *   - Punctuation folding is per word, so "C++", "C#", "->" and "3.14"
 *     keep the characters that carry their meaning while sentence
 *     punctuation, quotes and separators inside names ("crates.io") fold.
 *   - Typo tolerance never touches numbers: a date or a quantity with one
 *     digit changed is a different answer, not a typo.
 *   - All Unicode knowledge comes from libunistring (case folding,
 *     normalisation, general categories, White_Space, grapheme clusters).
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "quizdeck/markup.h"
#include "quizdeck/match.h"
#include "quizdeck/text.h"

/* A normalised string as code points. */
struct u32s {
	uint32_t *s;
	size_t n;
};

static void u32s_free(struct u32s *u)
{
	free(u->s);
	u->s = NULL;
	u->n = 0;
}

/* Valid UTF-8 with controls turned into spaces. */
static void clean_utf8(struct qd_buf *out, const char *s)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);

	while (p < end) {
		ucs4_t uc;
		int n = u8_mbtouc(&uc, p, (size_t)(end - p));
		uint8_t tmp[6];
		int k;

		if (uc < 0x20 || (uc >= 0x7f && uc <= 0x9f))
			uc = ' ';
		k = u8_uctomb(tmp, uc, (int)sizeof tmp);
		if (k > 0)
			qd_buf_add(out, tmp, (size_t)k);
		p += n;
	}
}

static bool is_cat(ucs4_t uc, uc_general_category_t cat)
{
	return uc_is_general_category(uc, cat);
}

static bool is_digit(ucs4_t uc)
{
	return uc && is_cat(uc, UC_CATEGORY_Nd);
}

static bool is_wordish(ucs4_t uc)
{
	return uc && (is_cat(uc, UC_CATEGORY_L) || is_cat(uc, UC_CATEGORY_N) ||
	              is_cat(uc, UC_CATEGORY_M));
}

static ucs4_t unify(ucs4_t uc)
{
	switch (uc) {
	case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2032:
	case 0x0060: case 0x00b4: case 0x02bc:
		return '\'';
	case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0x2033:
	case 0x00ab: case 0x00bb:
		return '"';
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014: case 0x2015:
	case 0x2212:
		return '-';
	default:
		return uc_is_property_white_space(uc) ? ' ' : uc;
	}
}

/* U+202A-U+202E and U+2066-U+2069: the embeddings, overrides and isolates. */
static bool is_bidi_control(ucs4_t uc)
{
	return (uc >= 0x202a && uc <= 0x202e) || (uc >= 0x2066 && uc <= 0x2069);
}

/*
 * General categories of an ASCII code point (c < 0x80), as libunistring
 * gives them: Nd the digits, L the letters, S "$+<=>^`|~", P the rest of
 * the printable characters; controls and space are none of these. ASCII_KEPT
 * marks the punctuation step 5 keeps inside words: # % & @ * \ _.
 */
enum { ASCII_P = 1, ASCII_S = 2, ASCII_ND = 4, ASCII_L = 8, ASCII_KEPT = 16 };

static unsigned ascii_class(ucs4_t c)
{
	if (c >= '0' && c <= '9')
		return ASCII_ND;
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return ASCII_L;
	if (c <= 0x20 || c >= 0x7f)
		return 0;
	switch (c) {
	case '$': case '+': case '<': case '=': case '>': case '^': case '`': case '|': case '~':
		return ASCII_S;
	case '#': case '%': case '&': case '@': case '*': case '\\': case '_':
		return ASCII_P | ASCII_KEPT;
	default:
		return ASCII_P;
	}
}

/* The category tests of step 5; ascii: every code point is below 0x80, so
 * ascii_class answers without libunistring. */
static bool w_punct(ucs4_t c, bool ascii)
{
	return ascii ? (ascii_class(c) & ASCII_P) != 0 : is_cat(c, UC_CATEGORY_P);
}

static bool w_symbol(ucs4_t c, bool ascii)
{
	return ascii ? (ascii_class(c) & ASCII_S) != 0 : is_cat(c, UC_CATEGORY_S);
}

/* A symbol, or punctuation that step 5 keeps inside a word. */
static bool w_kept(ucs4_t c, bool ascii)
{
	if (ascii)
		return (ascii_class(c) & (ASCII_S | ASCII_KEPT)) != 0;
	return is_cat(c, UC_CATEGORY_S) || (c < 0x80 && strchr("#%&@*\\_", (int)c));
}

static bool w_digit(ucs4_t c, bool ascii)
{
	return ascii ? (ascii_class(c) & ASCII_ND) != 0 : is_digit(c);
}

static bool w_wordish(ucs4_t c, bool ascii)
{
	return ascii ? (ascii_class(c) & (ASCII_ND | ASCII_L)) != 0 : is_wordish(c);
}

/* Step 5 of the header: punctuation folding of one word a[i..j) into out. */
static void fold_word(const uint32_t *a, size_t i, size_t j, uint32_t *out, size_t *o, bool ascii)
{
	bool all_punct = true;

	for (size_t k = i; k < j && all_punct; k++)
		all_punct = w_punct(a[k], ascii) || w_symbol(a[k], ascii);
	for (size_t k = i; k < j; k++) {
		ucs4_t c = a[k], prev = k > i ? a[k - 1] : 0, next = k + 1 < j ? a[k + 1] : 0;

		if (all_punct) {
			out[(*o)++] = c;
		} else if (c == '\'' || c == '"') {
			continue;
		} else if (w_kept(c, ascii)) {
			out[(*o)++] = c;
		} else if (w_punct(c, ascii)) {
			if ((c == '.' || c == ',') && w_digit(prev, ascii) && w_digit(next, ascii))
				out[(*o)++] = c;
			else if (c == '-' && w_digit(next, ascii) && !w_wordish(prev, ascii))
				out[(*o)++] = c;
			else
				out[(*o)++] = ' ';
		} else {
			out[(*o)++] = c;
		}
	}
}

/*
 * Steps 1 to 4 of the header for pure-ASCII s (len bytes), without
 * libunistring: controls become spaces, A-Z fold to a-z (NFKC, NFKD and
 * case folding change no other ASCII character, and no ASCII character is
 * a combining mark or a bidi control), '`' becomes '\''. The code points
 * are the ones the general path gives (test-match compares the two).
 */
static uint32_t *ascii32(const char *s, size_t len)
{
	uint32_t *a = qd_xmalloc((len + 1) * sizeof *a);

	for (size_t k = 0; k < len; k++) {
		uint32_t c = (unsigned char)s[k];
		if (c < 0x20 || c == 0x7f)
			c = ' ';
		else if (c >= 'A' && c <= 'Z')
			c += 'a' - 'A';
		else if (c == '`')
			c = '\'';
		a[k] = c;
	}
	return a;
}

static bool is_ascii(const char *s, size_t *len)
{
	size_t k = 0;

	for (; s[k]; k++)
		if ((unsigned char)s[k] >= 0x80)
			return false;
	*len = k;
	return true;
}

/* s normalised as code points; ascii_shortcut lets pure-ASCII input skip
 * libunistring (same result, several times faster). */
static struct u32s norm32_with(const char *s, bool ignore_accents, bool ascii_shortcut)
{
	struct qd_buf clean;
	struct u32s r = { NULL, 0 };
	uint8_t *folded;
	uint32_t *a, *b;
	size_t flen, n, o, w;
	bool ascii = ascii_shortcut && is_ascii(s, &n);

	if (ascii) {
		a = ascii32(s, n);
		goto fold;
	}
	qd_buf_init(&clean);
	clean_utf8(&clean, s);
	folded = u8_casefold((const uint8_t *)clean.data, clean.len, NULL,
	                     ignore_accents ? UNINORM_NFKD : UNINORM_NFKC, NULL, &flen);
	if (!folded) {
		/* Only on allocation failure: compare the cleaned text as is. */
		flen = clean.len;
		folded = (uint8_t *)qd_buf_detach(&clean, NULL);
	}
	qd_buf_release(&clean);
	a = u8_to_u32(folded, flen, NULL, &n);
	free(folded);
	if (!a)
		return r;

	if (ignore_accents) {
		size_t m = 0, cn;
		uint32_t *c;
		for (size_t k = 0; k < n; k++)
			if (!is_cat(a[k], UC_CATEGORY_M))
				a[m++] = a[k];
		c = u32_normalize(UNINORM_NFC, a, m, NULL, &cn);
		if (c) {
			free(a);
			a = c;
			n = cn;
		} else {
			n = m;
		}
	}
	{
		/* Bidi controls are dropped: the screen never shows them
		 * (qd_text_sanitize removes them), so nobody could type them. */
		size_t m = 0;
		for (size_t k = 0; k < n; k++)
			if (!is_bidi_control(a[k]))
				a[m++] = unify(a[k]);
		n = m;
	}

fold:
	/* Fold word by word, then collapse and trim spaces. */
	b = qd_xmalloc((n + 1) * sizeof *b);
	o = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		if (a[i] == ' ') {
			b[o++] = ' ';
			i++;
			continue;
		}
		while (j < n && a[j] != ' ')
			j++;
		fold_word(a, i, j, b, &o, ascii);
		i = j;
	}
	free(a);
	w = 0;
	for (size_t k = 0; k < o; k++) {
		if (b[k] == ' ' && (w == 0 || b[w - 1] == ' '))
			continue;
		b[w++] = b[k];
	}
	while (w > 0 && b[w - 1] == ' ')
		w--;
	r.s = b;
	r.n = w;
	return r;
}

static struct u32s norm32(const char *s, bool ignore_accents)
{
	return norm32_with(s, ignore_accents, true);
}

/* Appends u as UTF-8 (at most 4 bytes a code point) and frees it. */
static void add_u32s(struct qd_buf *out, struct u32s *u)
{
	uint8_t *p;

	qd_buf_grow(out, u->n * 4);
	p = (uint8_t *)out->data + out->len;
	for (size_t i = 0; i < u->n; i++) {
		int k;

		if (u->s[i] < 0x80) {
			*p++ = (uint8_t)u->s[i];
			continue;
		}
		k = u8_uctomb(p, u->s[i], 4);
		if (k > 0)
			p += k;
	}
	out->len = (size_t)(p - (uint8_t *)out->data);
	out->data[out->len] = '\0';
	u32s_free(u);
}

void qd_match_normalize(struct qd_buf *out, const char *s, bool ignore_accents)
{
	struct u32s u = norm32(s, ignore_accents);

	add_u32s(out, &u);
}

void qd_match_normalize_unicode(struct qd_buf *out, const char *s, bool ignore_accents)
{
	struct u32s u = norm32_with(s, ignore_accents, false);

	add_u32s(out, &u);
}

size_t qd_match_typo_budget(size_t n)
{
	return n <= 4 ? 0 : n <= 8 ? 1 : 2;
}

/* Optimal string alignment distance, three rolling rows. */
static size_t osa(const uint32_t *a, size_t na, const uint32_t *b, size_t nb)
{
	size_t *rows = qd_xmalloc(3 * (nb + 1) * sizeof *rows);
	size_t *pp = rows, *prev = rows + (nb + 1), *cur = rows + 2 * (nb + 1), d;

	for (size_t j = 0; j <= nb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= na; i++) {
		size_t *t;
		cur[0] = i;
		for (size_t j = 1; j <= nb; j++) {
			size_t cost = a[i - 1] != b[j - 1];
			size_t v = prev[j - 1] + cost;
			if (prev[j] + 1 < v)
				v = prev[j] + 1;
			if (cur[j - 1] + 1 < v)
				v = cur[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
			    pp[j - 2] + 1 < v)
				v = pp[j - 2] + 1;
			cur[j] = v;
		}
		t = pp;
		pp = prev;
		prev = cur;
		cur = t;
	}
	d = prev[nb];
	free(rows);
	return d;
}

size_t qd_match_distance(const char *a, const char *b)
{
	size_t na, nb, d;
	uint32_t *ua = u8_to_u32((const uint8_t *)a, strlen(a), NULL, &na);
	uint32_t *ub = u8_to_u32((const uint8_t *)b, strlen(b), NULL, &nb);

	if (!ua || !ub)
		d = QD_MATCH_FAR; /* invalid UTF-8 */
	else
		d = osa(ua, na, ub, nb);
	free(ua);
	free(ub);
	return d;
}

/* The numbers of a normalised string: digit runs (with '.' ',' kept inside
 * them by the folding), each run followed by a space. */
static struct u32s numbers(const struct u32s *u)
{
	struct u32s r;
	size_t o = 0;

	r.s = qd_xmalloc((2 * u->n + 1) * sizeof *r.s);
	for (size_t i = 0; i < u->n; i++) {
		ucs4_t c = u->s[i];
		bool in = is_digit(c) ||
		          ((c == '.' || c == ',') && i > 0 && i + 1 < u->n &&
		           is_digit(u->s[i - 1]) && is_digit(u->s[i + 1]));
		if (in) {
			r.s[o++] = c;
			if (i + 1 == u->n || !(is_digit(u->s[i + 1]) || u->s[i + 1] == '.' ||
			                      u->s[i + 1] == ','))
				r.s[o++] = ' ';
		}
	}
	r.n = o;
	return r;
}

static bool u32s_equal(const struct u32s *a, const struct u32s *b)
{
	return a->n == b->n && (a->n == 0 || !memcmp(a->s, b->s, a->n * sizeof *a->s));
}

void qd_match_typed(const char *given, const char *const *answers, size_t n,
                    const struct qd_match_opts *opts, struct qd_match_result *res)
{
	static const struct qd_match_opts defaults = { false, false };
	struct u32s g, gnum;
	size_t best_typo = SIZE_MAX, best_near = SIZE_MAX, near_d = SIZE_MAX, typo_d = SIZE_MAX;

	if (!opts)
		opts = &defaults;
	res->correct = res->typo = false;
	res->which = 0;
	res->distance = QD_MATCH_FAR;
	g = norm32(given, opts->ignore_accents);
	gnum = numbers(&g);
	for (size_t i = 0; i < n; i++) {
		struct u32s a = norm32(answers[i], opts->ignore_accents), anum;
		size_t d;

		if (a.n == 0 || g.n == 0) {
			d = a.n > g.n ? a.n : g.n;
		} else if (u32s_equal(&a, &g)) {
			res->correct = true;
			res->which = i;
			res->distance = 0;
			u32s_free(&a);
			goto done;
		} else if ((a.n > g.n ? a.n - g.n : g.n - a.n) > QD_MATCH_FAR_LEN) {
			d = QD_MATCH_FAR;
		} else {
			d = osa(g.s, g.n, a.s, a.n);
		}
		if (d < near_d || best_near == SIZE_MAX) {
			near_d = d;
			best_near = i;
		}
		if (!opts->no_typos && g.n > 0 && a.n > 0 && d <= qd_match_typo_budget(a.n) &&
		    d < typo_d) {
			anum = numbers(&a);
			if (u32s_equal(&anum, &gnum)) {
				typo_d = d;
				best_typo = i;
			}
			u32s_free(&anum);
		}
		u32s_free(&a);
	}
	if (best_typo != SIZE_MAX) {
		res->correct = res->typo = true;
		res->which = best_typo;
		res->distance = typo_d;
	} else if (best_near != SIZE_MAX) {
		res->which = best_near;
		res->distance = near_d;
	}
done:
	u32s_free(&gnum);
	u32s_free(&g);
}

/* ---- differences ---- */

#define DIFF_MAX_CLUSTERS 512

struct clusters {
	const char *start[DIFF_MAX_CLUSTERS + 1]; /* start[n] is the end */
	uint8_t *key[DIFF_MAX_CLUSTERS];          /* case-folded NFC, malloc'd */
	size_t keylen[DIFF_MAX_CLUSTERS];
	size_t n;
	bool truncated;
};

static void clusters_split(struct clusters *c, const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	c->n = 0;
	c->truncated = false;
	while (p < end) {
		const char *q = qd_text_next_cluster(p, end);
		if (c->n == DIFF_MAX_CLUSTERS) {
			c->truncated = true;
			break;
		}
		c->start[c->n] = p;
		c->key[c->n] = u8_casefold((const uint8_t *)p, (size_t)(q - p), NULL, UNINORM_NFC,
		                           NULL, &c->keylen[c->n]);
		c->n++;
		p = q;
	}
	c->start[c->n] = p;
}

static void clusters_free(struct clusters *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->key[i]);
}

static bool cluster_eq(const struct clusters *a, size_t i, const struct clusters *b, size_t j)
{
	if (!a->key[i] || !b->key[j]) {
		size_t la = (size_t)(a->start[i + 1] - a->start[i]);
		size_t lb = (size_t)(b->start[j + 1] - b->start[j]);
		return la == lb && !memcmp(a->start[i], b->start[j], la);
	}
	return a->keylen[i] == b->keylen[j] && !memcmp(a->key[i], b->key[j], a->keylen[i]);
}

size_t qd_match_diff(struct qd_buf *out, const char *given, const char *expected, bool color)
{
	struct qd_buf gs, es;
	struct clusters *g = qd_xmalloc(sizeof *g), *e = qd_xmalloc(sizeof *e);
	size_t *dp, w, marked = 0;
	bool *mark;
	const unsigned style = QD_STYLE_BOLD | QD_STYLE_RED | QD_STYLE_UNDERLINE;

	qd_buf_init(&gs);
	qd_buf_init(&es);
	qd_text_sanitize(&gs, given, strlen(given), QD_SANITIZE_ONELINE);
	qd_text_sanitize(&es, expected, strlen(expected), QD_SANITIZE_ONELINE);
	clusters_split(g, gs.data, gs.len);
	clusters_split(e, es.data, es.len);

	/* Levenshtein over clusters, then walk back marking expected clusters
	 * that were substituted or missing. */
	w = e->n + 1;
	dp = qd_xmalloc((g->n + 1) * w * sizeof *dp);
	mark = qd_xcalloc(e->n + 1, sizeof *mark);
	for (size_t i = 0; i <= g->n; i++)
		for (size_t j = 0; j <= e->n; j++) {
			size_t v;
			if (i == 0 || j == 0) {
				v = i + j;
			} else {
				v = dp[(i - 1) * w + j - 1] + !cluster_eq(g, i - 1, e, j - 1);
				if (dp[(i - 1) * w + j] + 1 < v)
					v = dp[(i - 1) * w + j] + 1;
				if (dp[i * w + j - 1] + 1 < v)
					v = dp[i * w + j - 1] + 1;
			}
			dp[i * w + j] = v;
		}
	for (size_t i = g->n, j = e->n; i > 0 || j > 0;) {
		size_t v = dp[i * w + j];
		if (i > 0 && j > 0 && cluster_eq(g, i - 1, e, j - 1) && dp[(i - 1) * w + j - 1] == v) {
			i--, j--;
		} else if (i > 0 && j > 0 && dp[(i - 1) * w + j - 1] + 1 == v) {
			mark[--j] = true;
			i--;
		} else if (j > 0 && dp[i * w + j - 1] + 1 == v) {
			mark[--j] = true;
		} else {
			i--;
		}
	}

	for (size_t j = 0; j < e->n; j++) {
		bool open = mark[j] && (j == 0 || !mark[j - 1]);
		bool close = mark[j] && !mark[j + 1];
		if (open) {
			if (color)
				qd_style_open(out, true, style);
			else
				qd_buf_addc(out, '[');
		}
		qd_buf_add(out, e->start[j], (size_t)(e->start[j + 1] - e->start[j]));
		marked += mark[j];
		if (close) {
			if (color)
				qd_style_close(out, true, style);
			else
				qd_buf_addc(out, ']');
		}
	}
	if (e->truncated)
		qd_buf_adds(out, e->start[e->n]);

	free(mark);
	free(dp);
	clusters_free(g);
	clusters_free(e);
	free(g);
	free(e);
	qd_buf_release(&gs);
	qd_buf_release(&es);
	return marked;
}

size_t qd_match_mark(struct qd_buf *out, const char *given, const char *const *answers, size_t n,
                     const struct qd_match_result *res, bool color)
{
	size_t which = res->which < n ? res->which : 0;

	if (n == 0)
		return 0;
	if (given[strspn(given, " \t")] == '\0')
		return qd_match_diff(out, "", answers[0], color);
	if (res->correct && !res->typo) {
		qd_text_sanitize(out, answers[which], strlen(answers[which]), QD_SANITIZE_ONELINE);
		return 0;
	}
	if (!res->correct) {
		/* A wrong answer that shares little with the answer: marking the
		 * few letters it happens to share ("[M]o[zil]l[a]" for "Google")
		 * teaches nothing, so the whole answer is marked. */
		struct qd_buf tmp;
		size_t marked, all;

		qd_buf_init(&tmp);
		marked = qd_match_diff(&tmp, given, answers[which], color);
		all = qd_match_diff(&tmp, "", answers[which], color);
		qd_buf_release(&tmp);
		if (marked * 2 > all)
			given = "";
	}
	return qd_match_diff(out, given, answers[which], color);
}

/* ---- parsing learner input ---- */

static void trim(const char **s, size_t *len)
{
	const char *p = *s, *e = p + strlen(p);

	while (p < e && isspace((unsigned char)*p))
		p++;
	while (e > p && isspace((unsigned char)e[-1]))
		e--;
	*s = p;
	*len = (size_t)(e - p);
}

/* Learner input quoted safely in a message (one line, at most 40 bytes of
 * it, not cut inside a character). */
static const char *quoted(struct qd_buf *b, const char *s, size_t len)
{
	qd_buf_reset(b);
	if (len > 40) {
		len = 40;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
		qd_text_sanitize(b, s, len, QD_SANITIZE_ONELINE);
		qd_buf_adds(b, "...");
	} else {
		qd_text_sanitize(b, s, len, QD_SANITIZE_ONELINE);
	}
	return b->data;
}

static bool eq_nocase(const char *s, size_t len, const char *word)
{
	return strlen(word) == len && !strncasecmp(s, word, len);
}

static void choice_range(char *buf, size_t size, size_t n)
{
	if (n <= 26)
		snprintf(buf, size, "1-%zu or a-%c", n, (char)('a' + n - 1));
	else
		snprintf(buf, size, "1-%zu", n);
}

enum label_status { LABELS_OK, LABELS_BAD, LABELS_NOT };

/* Parses p[0..len) as labels into chosen; on LABELS_BAD, *bad and *badlen
 * give the offending token. */
static enum label_status parse_labels(const char *p, size_t len, size_t n, bool *chosen,
                                      const char **bad, size_t *badlen)
{
	const char *end = p + len;

	while (p < end) {
		const char *t, *te;
		bool digits = true, letters = true;

		while (p < end && (isspace((unsigned char)*p) || *p == ',' || *p == ';'))
			p++;
		if (p == end)
			break;
		t = p;
		while (p < end && !isspace((unsigned char)*p) && *p != ',' && *p != ';')
			p++;
		te = p;
		if (te - t > 1 && (te[-1] == ')' || te[-1] == '.'))
			te--;
		for (const char *q = t; q < te; q++) {
			digits = digits && isdigit((unsigned char)*q);
			letters = letters && (unsigned char)*q < 0x80 && isalpha((unsigned char)*q);
		}
		if (digits) {
			size_t v = 0;
			for (const char *q = t; q < te && v <= n; q++)
				v = v * 10 + (size_t)(*q - '0');
			if (v < 1 || v > n) {
				*bad = t;
				*badlen = (size_t)(te - t);
				return LABELS_BAD;
			}
			chosen[v - 1] = true;
		} else if (letters && n <= 26) {
			for (const char *q = t; q < te; q++)
				if ((size_t)(tolower((unsigned char)*q) - 'a') >= n) {
					*bad = te - t == 1 ? t : q;
					*badlen = 1;
					return te - t == 1 ? LABELS_BAD : LABELS_NOT;
				}
			for (const char *q = t; q < te; q++)
				chosen[tolower((unsigned char)*q) - 'a'] = true;
		} else {
			return LABELS_NOT;
		}
	}
	return LABELS_OK;
}

/* Index of the choice whose text equals s[0..len) after normalisation. */
static size_t find_choice_text(const char *s, size_t len, const char *const *choices, size_t n,
                               bool ignore_accents)
{
	struct qd_buf given, c;
	size_t found = SIZE_MAX;
	char *tmp = qd_xstrndup(s, len);

	qd_buf_init(&given);
	qd_buf_init(&c);
	qd_match_normalize(&given, tmp, ignore_accents);
	for (size_t i = 0; i < n && found == SIZE_MAX && given.len; i++) {
		qd_buf_reset(&c);
		qd_match_normalize(&c, choices[i], ignore_accents);
		if (c.len == given.len && !memcmp(c.data, given.data, c.len))
			found = i;
	}
	free(tmp);
	qd_buf_release(&given);
	qd_buf_release(&c);
	return found;
}

static size_t count_true(const bool *b, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += b[i];
	return k;
}

/* Choice texts: the whole input, or (multi) pieces separated by ',' ';'. */
static bool parse_texts(const char *p, size_t len, const char *const *choices, size_t n,
                        bool multi, bool accents, bool *chosen)
{
	size_t i = find_choice_text(p, len, choices, n, accents);
	const char *end = p + len;

	memset(chosen, 0, n * sizeof *chosen);
	if (i != SIZE_MAX) {
		chosen[i] = true;
		return true;
	}
	if (!multi)
		return false;
	while (p < end) {
		const char *q = p;
		while (q < end && *q != ',' && *q != ';')
			q++;
		if (q > p) {
			i = find_choice_text(p, (size_t)(q - p), choices, n, accents);
			if (i == SIZE_MAX) {
				/* Blank pieces ("a,,b") are fine; others must match. */
				const char *r = p;
				while (r < q && isspace((unsigned char)*r))
					r++;
				if (r < q)
					return false;
			} else {
				chosen[i] = true;
			}
		}
		p = q < end ? q + 1 : q;
	}
	return count_true(chosen, n) > 0;
}

int qd_match_choice_parse(const char *input, const char *const *choices, size_t n_choices,
                          bool multi, const struct qd_match_opts *opts, bool *chosen,
                          struct qd_err *err)
{
	const char *p, *bad = NULL;
	size_t len, badlen = 0, k;
	enum label_status st;
	bool accents = opts && opts->ignore_accents;
	char range[40];
	struct qd_buf q;
	int rc;

	if (n_choices == 0)
		return qd_err_set(err, QD_EXIT_USAGE, "this card has no choices");
	memset(chosen, 0, n_choices * sizeof *chosen);
	p = input;
	trim(&p, &len);
	if (len == 0)
		return qd_err_set(err, QD_EXIT_USAGE, "no answer given");
	st = parse_labels(p, len, n_choices, chosen, &bad, &badlen);
	k = count_true(chosen, n_choices);
	if (st == LABELS_OK && k > 0 && (multi || k == 1))
		return (int)k;
	if (parse_texts(p, len, choices, n_choices, multi, accents, chosen))
		return (int)count_true(chosen, n_choices);
	memset(chosen, 0, n_choices * sizeof *chosen);
	choice_range(range, sizeof range, n_choices);
	qd_buf_init(&q);
	if (st == LABELS_OK)
		rc = qd_err_set(err, QD_EXIT_USAGE, "choose one answer: %s", range);
	else if (st == LABELS_BAD)
		rc = qd_err_set(err, QD_EXIT_USAGE, "'%s' is not a choice: answer %s",
		                quoted(&q, bad, badlen), range);
	else
		rc = qd_err_set(err, QD_EXIT_USAGE, "'%s' is not one of the choices: answer %s%s",
		                quoted(&q, p, len), range, multi ? ", several allowed" : "");
	qd_buf_release(&q);
	return rc;
}

int qd_match_truefalse_parse(const char *input, bool *out, struct qd_err *err)
{
	static const char *const yes[] = { "t", "true", "y", "yes" };
	static const char *const no[] = { "f", "false", "n", "no" };
	const char *p = input;
	size_t len;
	struct qd_buf q;
	int rc;

	trim(&p, &len);
	for (size_t i = 0; i < 4; i++) {
		if (eq_nocase(p, len, yes[i])) {
			*out = true;
			return 0;
		}
		if (eq_nocase(p, len, no[i])) {
			*out = false;
			return 0;
		}
	}
	qd_buf_init(&q);
	rc = qd_err_set(err, QD_EXIT_USAGE, "'%s' is not an answer: type t(rue) or f(alse)",
	                quoted(&q, p, len));
	qd_buf_release(&q);
	return rc;
}

static const char *const rating_names[] = { "again", "hard", "good", "easy" };

int qd_match_rating_parse(const char *input, enum qd_rating suggestion, enum qd_rating *out,
                          struct qd_err *err)
{
	const char *p = input;
	size_t len;
	struct qd_buf q;
	int rc;

	trim(&p, &len);
	if (len == 0) {
		*out = suggestion;
		return 0;
	}
	if (len == 1 && *p >= '1' && *p <= '4') {
		*out = (enum qd_rating)(*p - '0');
		return 0;
	}
	for (int i = 0; i < 4; i++)
		if (len <= strlen(rating_names[i]) && !strncasecmp(p, rating_names[i], len)) {
			*out = (enum qd_rating)(i + 1);
			return 0;
		}
	qd_buf_init(&q);
	rc = qd_err_set(err, QD_EXIT_USAGE,
	                "'%s' is not a rating: press Enter for %s, or type 1-4 or again, hard, "
	                "good, easy", quoted(&q, p, len),
	                suggestion >= QD_AGAIN && suggestion <= QD_EASY
	                        ? rating_names[suggestion - 1] : "the suggestion");
	qd_buf_release(&q);
	return rc;
}

enum qd_rating qd_match_suggest(bool correct, bool typo, int64_t duration_ms, size_t expected_len)
{
	int64_t allowance;

	if (!correct)
		return QD_AGAIN;
	if (duration_ms < 0)
		return typo ? QD_HARD : QD_GOOD;
	if (expected_len > 10000)
		expected_len = 10000;
	allowance = (int64_t)expected_len * QD_SUGGEST_PER_CHAR_MS;
	if (duration_ms > QD_SUGGEST_SLOW_MS + 2 * allowance)
		return QD_HARD;
	if (typo)
		return QD_GOOD;
	if (duration_ms <= QD_SUGGEST_FAST_MS + allowance)
		return QD_EASY;
	return QD_GOOD;
}

/* ---- cloze ---- */

enum blank_look { BLANK_FILLED, BLANK_CURRENT, BLANK_LATER, BLANK_REVEAL_OK, BLANK_REVEAL_BAD };

/* A piece of a cloze's text between blanks, with its inline markup (a span
 * does not cross a blank). */
static void cloze_piece(struct qd_buf *out, const char *p, size_t n, bool color)
{
	char *piece = qd_xstrndup(p, n);

	qd_markup_inline(out, piece, QD_STYLE_NONE, color, 0);
	free(piece);
}

static void render_cloze(struct qd_buf *out, const char *text, const struct qd_cloze_blank *blanks,
                         size_t n, size_t current, const bool *correct, bool reveal, bool color)
{
	size_t pos = 0, tlen = strlen(text);

	for (size_t i = 0; i < n; i++) {
		const struct qd_cloze_blank *b = &blanks[i];
		const char *ans = b->n_answers ? b->answers[0] : "";
		enum blank_look look;

		if (b->start < pos || b->start > tlen || b->len > tlen - b->start)
			continue; /* not a span of text after the previous one */
		cloze_piece(out, text + pos, b->start - pos, color);
		pos = b->start + b->len;
		if (reveal)
			look = correct && !correct[i] ? BLANK_REVEAL_BAD : BLANK_REVEAL_OK;
		else
			look = i < current ? BLANK_FILLED : i == current ? BLANK_CURRENT : BLANK_LATER;
		switch (look) {
		case BLANK_FILLED:
			qd_markup_inline(out, ans, QD_STYLE_GREEN, color, 0);
			break;
		case BLANK_CURRENT:
			qd_style(out, color, QD_STYLE_BOLD | QD_STYLE_CYAN, "[...]");
			break;
		case BLANK_LATER:
			qd_style(out, color, QD_STYLE_DIM, "[_]");
			break;
		case BLANK_REVEAL_OK:
		case BLANK_REVEAL_BAD:
			if (!color)
				qd_buf_addc(out, '[');
			qd_markup_inline(out, ans,
			                 QD_STYLE_BOLD |
			                         (look == BLANK_REVEAL_OK ? QD_STYLE_GREEN : QD_STYLE_RED),
			                 color, 0);
			if (!color)
				qd_buf_addc(out, ']');
			break;
		}
	}
	cloze_piece(out, text + pos, tlen - pos, color);
}

void qd_match_cloze_prompt(struct qd_buf *out, const char *text,
                           const struct qd_cloze_blank *blanks, size_t n, size_t current,
                           bool color)
{
	render_cloze(out, text, blanks, n, current, NULL, false, color);
}

void qd_match_cloze_reveal(struct qd_buf *out, const char *text,
                           const struct qd_cloze_blank *blanks, size_t n, const bool *correct,
                           bool color)
{
	render_cloze(out, text, blanks, n, 0, correct, true, color);
}

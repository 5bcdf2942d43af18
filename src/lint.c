/*
 * Card smells (see quizdeck/lint.h).
 *
 * Every rule compares text the way answers are graded: through
 * qd_match_normalize (case folding, NFKC, punctuation folded to word
 * breaks), so "C++" stays one word and "Actix-web" is two. Words are found
 * whole, by searching " word " in a normalised text padded with spaces.
 * The rules look at shape only (numbers, dates, capitals, commas): they
 * are cheap, need no dictionary, and say in their message what to change.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unictype.h>
#include <unistr.h>

#include "quizdeck/buf.h"
#include "quizdeck/figure.h"
#include "quizdeck/lint.h"
#include "quizdeck/markup.h"
#include "quizdeck/match.h"
#include "quizdeck/strset.h"
#include "quizdeck/words.h"
#include "quizdeck/yamldoc.h"

static const char *const names[QD_LINT_COUNT] = {
	[QD_LINT_ANSWER_LENGTH] = "answer-length",
	[QD_LINT_ANSWER_ENUMERATION] = "answer-enumeration",
	[QD_LINT_ANSWER_IN_QUESTION] = "answer-in-question",
	[QD_LINT_TF_QUESTION] = "tf-question",
	[QD_LINT_CHOICE_KIND] = "choice-kind",
	[QD_LINT_DISTRACTOR_ACCEPTED] = "distractor-accepted",
	[QD_LINT_MULTI_FEW_FALSE] = "multi-few-false",
	[QD_LINT_CLOZE_ENUMERATION] = "cloze-enumeration",
	[QD_LINT_DUPLICATE_QUESTION] = "duplicate-question",
};

const char *qd_lint_name(enum qd_lint_id id)
{
	return (unsigned)id < QD_LINT_COUNT ? names[id] : "unknown";
}

int qd_lint_parse(const char *name, enum qd_lint_id *out)
{
	for (int i = 0; i < QD_LINT_COUNT; i++)
		if (strcmp(name, names[i]) == 0) {
			*out = (enum qd_lint_id)i;
			return 0;
		}
	return -1;
}

/* ---- the run ---- */

struct lint {
	const struct qd_deck *deck;
	const struct qd_lint_opts *opts;
	qd_lint_report_fn report;
	void *data;
	size_t found;
	bool accents; /* the deck ignores accents */
};

static bool silenced(const struct lint *L, const struct qd_card *c, enum qd_lint_id id)
{
	if (L->opts && L->opts->off[id])
		return true;
	for (size_t i = 0; i < c->n_nowarn; i++)
		if (strcmp(c->nowarn[i], names[id]) == 0)
			return true;
	return false;
}

static void smell(struct lint *L, const struct qd_card *c, enum qd_lint_id id,
                  struct qd_mark at, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

static void smell(struct lint *L, const struct qd_card *c, enum qd_lint_id id,
                  struct qd_mark at, const char *fmt, ...)
{
	struct qd_buf b;
	va_list ap;

	if (silenced(L, c, id))
		return;
	if (at.line <= 0) {
		at.line = c->line;
		at.col = c->col;
	}
	qd_buf_init(&b);
	va_start(ap, fmt);
	qd_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	L->report(L->data, c, id, at.line, at.col, b.data);
	L->found++;
	qd_buf_release(&b);
}

/* ---- words ---- */

/* s normalised for comparison, padded with one space on each side. A
 * possessive "'s" is dropped first, so that "Kirk's son" shows "Kirk". */
static void padded(struct qd_buf *out, const char *s, bool accents)
{
	struct qd_buf plain;

	qd_buf_init(&plain);
	for (const char *p = s; *p; p++) {
		size_t q = *p == '\'' ? 1 : strncmp(p, "\xe2\x80\x99", 3) == 0 ? 3 : 0;
		if (q && (p[q] == 's' || p[q] == 'S') && !((p[q + 1] >= 'a' && p[q + 1] <= 'z') ||
		                                             (p[q + 1] >= 'A' && p[q + 1] <= 'Z'))) {
			p += q;
			continue;
		}
		qd_buf_addc(&plain, *p);
	}
	qd_buf_reset(out);
	qd_buf_addc(out, ' ');
	qd_match_normalize(out, plain.data, accents);
	qd_buf_addc(out, ' ');
	qd_buf_release(&plain);
}

/* Whether the normalised words of needle occur, whole, in hay (padded). */
static bool contains_words(const char *hay, const char *needle, bool accents)
{
	struct qd_buf n;
	bool r;

	qd_buf_init(&n);
	padded(&n, needle, accents);
	r = n.len > 2 && strstr(hay, n.data) != NULL;
	qd_buf_release(&n);
	return r;
}

static size_t word_count(const char *s)
{
	size_t n = 0;
	bool in = false;

	for (; *s; s++) {
		bool space = *s == ' ' || *s == '\n' || *s == '\t';
		if (!space && !in)
			n++;
		in = !space;
	}
	return n;
}

/* Words of card text as shown: markup (quizdeck/markup.h) is not words. */
static size_t shown_word_count(const char *s)
{
	struct qd_buf plain;
	size_t n;

	qd_buf_init(&plain);
	qd_markup_plain(&plain, s);
	n = word_count(plain.len ? plain.data : "");
	qd_buf_release(&plain);
	return n;
}

static const char *const stop_words[] = {
	"a", "an", "the", "of", "and", "or", "in", "on", "at", "to", "for", "by", "with", "from",
	"is", "are", "was", "were", "be", "it", "its", "as", "that", "this", "i", "no", "not",
	NULL,
};

static bool is_stop(const char *w, size_t n)
{
	for (size_t i = 0; stop_words[i]; i++)
		if (strlen(stop_words[i]) == n && strncasecmp(stop_words[i], w, n) == 0)
			return true;
	return false;
}

/* The first code point of s is an uppercase letter. */
static bool starts_upper(const char *s)
{
	ucs4_t u;

	if (!*s)
		return false;
	if (u8_mbtouc(&u, (const uint8_t *)s, strlen(s)) <= 0)
		return false;
	return uc_is_upper(u);
}

/* The kinds of thing a name's last word often says: shown in a question,
 * they do not give the name away. */
static const char *const head_nouns[] = {
	"ocean", "sea", "river", "lake", "mountain", "mountains", "island", "islands", "bay",
	"gulf", "channel", "age", "era", "war", "city", "street", "university", "company",
	"group", "foundation", "church", "cathedral", "temple", "shrine", "palace", "castle",
	"bridge", "tower", "park", "desert", "forest", "valley", "canal", "strait", "cape",
	"peninsula", "state", "states", "kingdom", "republic", "empire", "dynasty", "prize",
	"award", "cup", "games", "museum", "library", "station", "airport", "language",
	"protocol", "treaty", "agreement", "festival", "revolution", NULL,
};

static bool in_words(const char *const *list, const char *w, size_t n);

/* s in lowercase ASCII, into out (size 256). */
static const char *lowered(const char *s, char *out)
{
	size_t i = 0;

	for (; s[i] && i < 255; i++)
		out[i] = (char)(s[i] >= 'A' && s[i] <= 'Z' ? s[i] - 'A' + 'a' : s[i]);
	out[i] = '\0';
	return out;
}

/* Calls fn for each word of s that names something (capitalised, not a
 * function word) or holds a digit: the words that give an answer away when
 * the question shows them. Stops early when fn returns true. */
static bool any_distinctive(const char *s, bool (*fn)(void *, const char *), void *data)
{
	const char *p = s;
	char word[256], lw[256];

	while (*p) {
		while (*p == ' ' || *p == '\n' || *p == '\t')
			p++;
		const char *w = p;
		while (*p && *p != ' ' && *p != '\n' && *p != '\t')
			p++;
		size_t n = (size_t)(p - w);
		/* Surrounding punctuation is not part of the word. */
		while (n && strchr("\"'([", *w)) {
			w++;
			n--;
		}
		while (n && strchr(".,;:!?)]\"'", w[n - 1]))
			n--;
		if (!n || n >= sizeof(word) || is_stop(w, n))
			continue;
		bool digit = false;
		for (size_t k = 0; k < n; k++)
			if (w[k] >= '0' && w[k] <= '9')
				digit = true;
		memcpy(word, w, n);
		word[n] = '\0';
		/* "Pacific Ocean" asked as "Which ocean ...?": the last word of
		 * a name is often the kind of thing it names, no giveaway */
		bool head = !*p && word_count(s) > 1 && in_words(head_nouns, lowered(word, lw), n);
		if ((digit || starts_upper(word)) && !head && fn(data, word))
			return true;
	}
	return false;
}

struct in_ctx {
	const char *hay;
	bool accents;
	const char *found;
	char buf[256];
};

static bool word_in(void *data, const char *word)
{
	struct in_ctx *x = data;

	if (!contains_words(x->hay, word, x->accents))
		return false;
	snprintf(x->buf, sizeof(x->buf), "%s", word);
	x->found = x->buf;
	return true;
}

/* What of answer the padded normalised text hay shows: the whole answer,
 * or one of its distinctive words (whole_only: only the whole answer).
 * Returns the text found (in a buffer of x) or NULL. */
static const char *shown(struct in_ctx *x, const char *hay, const char *answer, bool accents,
                         bool whole_only)
{
	x->hay = hay;
	x->accents = accents;
	x->found = NULL;
	if (contains_words(hay, answer, accents)) {
		snprintf(x->buf, sizeof(x->buf), "%s", answer);
		return x->buf;
	}
	if (!whole_only && word_count(answer) > 1)
		any_distinctive(answer, word_in, x);
	return x->found;
}

bool qd_lint_shows(const char *text, const char *answer, bool whole_only)
{
	struct qd_buf hay;
	struct in_ctx x;
	bool r;

	qd_buf_init(&hay);
	padded(&hay, text, false);
	r = shown(&x, hay.data, answer, false, whole_only) != NULL;
	qd_buf_release(&hay);
	return r;
}

/* ---- kinds of choices ---- */

enum kind { K_YEAR, K_DATE, K_NUMBER, K_NAME, K_PHRASE, K_WORD };

static const char *const kind_names[] = {"a year", "a date", "a number", "a name", "a phrase",
                                         "a word"};

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", NULL,
};

static const char *const eras[] = {"ad", "bc", "bce", "ce", NULL};

static const char *const number_words[] = {
	"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
	"twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen",
	"nineteen", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
	"hundred", "thousand", "million", "billion", "trillion", "dozen", "half", "dozens",
	"hundreds", "thousands", "millions", "billions", NULL,
};

static const char *const qualifiers[] = {
	"about", "around", "roughly", "nearly", "almost", "over", "under", "some", "up", "to",
	"more", "than", "less", "at", "least", "most", "approximately", "just", "c", "circa", "in",
	"and", "a", "an", NULL,
};

static bool in_words(const char *const *list, const char *w, size_t n)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
			return true;
	return false;
}

struct kind_of {
	enum kind kind;
	char unit[48]; /* numbers: the word after the figure, singular ("bar") */
};

static bool numeric_word(const char *w, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (w[k] >= '0' && w[k] <= '9')
			return true;
	return in_words(number_words, w, n);
}

/* The kind of raw, norm being raw normalised (qd_match_normalize). */
static void classify(const char *raw, const char *norm, struct kind_of *k)
{
	const char *p, *w;
	size_t n, nwords = 0;
	bool month = false, number = false, after_number = false, era = false;

	memset(k, 0, sizeof(*k));
	p = norm;
	while ((w = qd_word_next(&p, &n))) {
		nwords++;
		if (in_words(months, w, n))
			month = true;
		if (in_words(eras, w, n))
			era = true;
		if (numeric_word(w, n)) {
			number = true;
			after_number = true;
			if (memchr(w, '%', n))
				snprintf(k->unit, sizeof(k->unit), "percent");
			continue;
		}
		if (after_number && !k->unit[0] && !in_words(qualifiers, w, n) && !in_words(eras, w, n)) {
			size_t m = n < sizeof(k->unit) - 1 ? n : sizeof(k->unit) - 1;
			memcpy(k->unit, w, m);
			k->unit[m] = '\0';
			if (strcmp(k->unit, "per") == 0)
				snprintf(k->unit, sizeof(k->unit), "percent");
		}
	}
	/* "the Salt March", "June Carter" are names: a month is a date with a
	 * day or a year, or alone */
	if (month && (number || nwords == 1)) {
		k->kind = K_DATE;
	} else if (number && era) {
		k->kind = K_YEAR;
	} else if (number) {
		/* A bare four-digit figure from 1000 to 2100 (or a decade,
		 * "1990s"), perhaps after "in" or "c.", is a year. */
		const char *d = norm;
		while (*d && !(*d >= '0' && *d <= '9'))
			d++;
		char *end;
		long v = strtol(d, &end, 10);
		bool year = end - d == 4 && v >= 1000 && v <= 2100 &&
		            (*end == '\0' || strcmp(end, "s") == 0) && !k->unit[0];
		k->kind = year ? K_YEAR : K_NUMBER;
		if (year)
			k->unit[0] = '\0';
	} else if (starts_upper(raw)) {
		k->kind = K_NAME;
	} else {
		k->kind = nwords > 1 ? K_PHRASE : K_WORD;
	}
}

static bool same_kind(const struct kind_of *a, const struct kind_of *b)
{
	if (a->kind == K_WORD || b->kind == K_WORD)
		return (a->kind == K_WORD || a->kind == K_NAME || a->kind == K_PHRASE) &&
		       (b->kind == K_WORD || b->kind == K_NAME || b->kind == K_PHRASE);
	if (a->kind != b->kind)
		return false;
	if (a->kind == K_NUMBER && a->unit[0] && b->unit[0]) {
		/* one unit, singular or plural: "1 hour", "2 hours" */
		size_t na = strlen(a->unit), nb = strlen(b->unit);
		if (na > 3 && a->unit[na - 1] == 's')
			na--;
		if (nb > 3 && b->unit[nb - 1] == 's')
			nb--;
		if (na == nb && strncmp(a->unit, b->unit, na) == 0)
			return true;
		/* one measure in other units: "8 seconds", "8 minutes" */
		const char *ma = qd_unit_measure(a->unit, strlen(a->unit));
		const char *mb = qd_unit_measure(b->unit, strlen(b->unit));
		return ma && mb && strcmp(ma, mb) == 0;
	}
	return true;
}

/* ---- forms of one answer ---- */

/* The capitals of s's words that start with one ("World Health
 * Organization" -> "WHO"), at most size - 1 of them. */
static void initials(const char *s, char *out, size_t size)
{
	size_t o = 0;
	bool start = true;

	for (; *s && o + 1 < size; s++) {
		if (*s == ' ' || *s == '-') {
			start = true;
			continue;
		}
		if (start && *s >= 'A' && *s <= 'Z')
			out[o++] = *s;
		start = false;
	}
	out[o] = '\0';
}

static bool all_capitals(const char *s)
{
	size_t n = 0;

	for (; *s; s++) {
		if (*s >= 'A' && *s <= 'Z')
			n++;
		else
			return false;
	}
	return n >= 2;
}

/* A normalised text and its length. */
struct norm {
	const char *data;
	size_t len;
};

/* Whether a and b are forms of one answer: equal once normalised, one the
 * other's words with a few more before or after ("Torvalds" and "Linus
 * Torvalds", "9" and "9 bars"), or an abbreviation of the other's capitals
 * ("WHO", "World Health Organization"). na and nb: a and b normalised. */
static bool same_answer(const char *a, const char *b, const struct norm *na,
                        const struct norm *nb)
{
	bool r = false;

	if (strcmp(na->data, nb->data) == 0) {
		r = true;
	} else {
		const struct norm *s = na->len < nb->len ? na : nb, *l = na->len < nb->len ? nb : na;
		size_t ws = word_count(s->data), wl = word_count(l->data);
		const char *longer = na->len < nb->len ? b : a;
		if (s->len && wl <= ws + 3 && !is_stop(s->data, s->len)) {
			/* a figure without its unit ("9", "9 bars") */
			if (strncmp(l->data, s->data, s->len) == 0 && l->data[s->len] == ' ' &&
			    s->data[0] >= '0' && s->data[0] <= '9')
				r = true;
			/* a name's last words ("Torvalds", "Linus Torvalds"); not a
			 * kind of thing ("chloride", "sodium chloride") */
			if (l->len > s->len && strcmp(l->data + l->len - s->len, s->data) == 0 &&
			    l->data[l->len - s->len - 1] == ' ' && starts_upper(longer))
				r = true;
		}
	}
	if (!r) {
		char ia[32], ib[32];
		initials(a, ia, sizeof(ia));
		initials(b, ib, sizeof(ib));
		if ((all_capitals(a) && strlen(ib) >= 2 && strcmp(a, ib) == 0) ||
		    (all_capitals(b) && strlen(ia) >= 2 && strcmp(b, ia) == 0))
			r = true;
	}
	return r;
}

/* ---- enumerations ---- */

/* Whether t, trimmed of trailing spaces, is the word w. */
static bool is_word(const char *t, const char *w)
{
	size_t n = strlen(w);

	if (strncmp(t, w, n) != 0)
		return false;
	for (t += n; *t; t++)
		if (*t != ' ')
			return false;
	return true;
}

/* Whether the text between two blanks only separates items of one list:
 * ", ", " and ", ", or ", or a run of short unblanked items between such
 * separators (", web services, and "). */
static bool list_gap(const char *s, size_t n)
{
	struct qd_buf b;
	char *piece;
	size_t pieces = 0, commas = 0;
	bool ok = true;
	const char *first = NULL, *last = NULL;

	for (size_t i = 0; i < n; i++) {
		if (strchr(".;:!?()[]\n", s[i]))
			return false;
		commas += s[i] == ',';
	}
	qd_buf_init(&b);
	qd_buf_add(&b, s, n);
	if (commas == 0) {
		/* "X and {{Y}}": only a conjunction between. */
		char *t = b.data;
		while (*t == ' ')
			t++;
		ok = word_count(t) == 1 && (is_word(t, "and") || is_word(t, "or"));
		qd_buf_release(&b);
		return ok;
	}
	/* The pieces between commas: the first and the last may only be empty
	 * or a conjunction; the inner ones are short items. */
	char *p = b.data;
	size_t len = b.len;
	size_t start = 0;
	for (size_t i = 0; i <= len && ok; i++) {
		if (i < len && p[i] != ',')
			continue;
		p[i] = '\0';
		piece = p + start;
		while (*piece == ' ')
			piece++;
		size_t w = word_count(piece);
		if (pieces == 0)
			first = piece;
		last = piece;
		if (pieces > 0 && i < len && (w == 0 || w > 4))
			ok = false;
		pieces++;
		start = i + 1;
	}
	if (ok && first && word_count(first) != 0)
		ok = false;
	if (ok && last && word_count(last) > 1)
		ok = false;
	if (ok && last && word_count(last) == 1)
		ok = is_word(last, "and") || is_word(last, "or");
	qd_buf_release(&b);
	return ok;
}

/* The most blanks of c that stand in one enumeration. */
static size_t blanks_in_one_list(const struct qd_card *c)
{
	size_t best = c->n_blanks ? 1 : 0, run = 1;

	for (size_t i = 1; i < c->n_blanks; i++) {
		const struct qd_cloze_blank *a = &c->blanks[i - 1], *b = &c->blanks[i];
		size_t from = a->start + a->len;
		if (b->start >= from && list_gap(c->text + from, b->start - from))
			run++;
		else
			run = 1;
		if (run > best)
			best = run;
	}
	return best;
}

/* Whether an answer is itself an enumeration to recall whole: "A, B, C and
 * D" (at least three items, the inner ones short). Returns the number of
 * items, or 0. */
size_t qd_lint_list_items(const char *s)
{
	size_t n = strlen(s), items = 1, longest_inner = 0, words = word_count(s);
	size_t last_start = 0;
	bool conj = false;

	if (words > 25)
		return 0;
	for (size_t i = 0; i < n; i++) {
		if (strchr(".;:!?", s[i]) && i + 1 < n && s[i + 1] != ' ' && s[i] == '.')
			continue; /* "crates.io" */
		if (strchr(".;:!?", s[i]) && i + 1 < n)
			return 0; /* more than one sentence or clause */
		if (s[i] != ',')
			continue;
		if (items > 1) {
			char piece[256];
			size_t m = i - last_start < sizeof(piece) - 1 ? i - last_start : sizeof(piece) - 1;
			memcpy(piece, s + last_start, m);
			piece[m] = '\0';
			size_t w = word_count(piece);
			if (w > longest_inner)
				longest_inner = w;
		}
		items++;
		last_start = i + 1;
	}
	{
		const char *t = s + last_start;
		while (*t == ' ')
			t++;
		conj = strncmp(t, "and ", 4) == 0 || strncmp(t, "or ", 3) == 0;
		if (!conj && items >= 2) {
			/* "A, B and C": the conjunction inside the last piece */
			const char *a = strstr(t, " and ");
			const char *o = strstr(t, " or ");
			if ((a || o) && word_count(t) <= 6) {
				items++;
				conj = true;
			}
		}
		if (word_count(t) > 5)
			return 0;
	}
	/* The lead and the first item: short enough that the list is the
	 * answer ("Rust is used for building A, B, C and D"), not a detail of
	 * a longer sentence. */
	{
		char lead[256];
		size_t m = strcspn(s, ",");
		if (m >= sizeof(lead))
			return 0;
		memcpy(lead, s, m);
		lead[m] = '\0';
		if (word_count(lead) > 8)
			return 0;
	}
	if (items < 3 || !conj || longest_inner > 4)
		return 0;
	return items;
}

/* ---- the rules, card by card ---- */

static void check_lengths(struct lint *L, const struct qd_card *c)
{
	size_t w;

	switch (c->type) {
	case QD_CARD_BASIC:
		if (c->a && (w = shown_word_count(c->a)) > QD_LINT_MAX_BASIC_WORDS)
			smell(L, c, QD_LINT_ANSWER_LENGTH, c->a_at,
			      "the answer has %zu words; a basic answer should have at most %d (one "
			      "fact a card: move the rest to 'explain')", w, QD_LINT_MAX_BASIC_WORDS);
		break;
	case QD_CARD_TYPED:
		if (c->a && (w = shown_word_count(c->a)) > QD_LINT_MAX_TYPED_WORDS)
			smell(L, c, QD_LINT_ANSWER_LENGTH, c->a_at,
			      "the answer has %zu words; nobody types more than %d exactly (ask for "
			      "a term, a name or a number, or make the card basic)", w,
			      QD_LINT_MAX_TYPED_WORDS);
		break;
	case QD_CARD_CHOICE:
	case QD_CARD_MULTI:
		for (size_t i = 0; i < c->n_choices; i++)
			if ((w = shown_word_count(c->choices[i])) > QD_LINT_MAX_CHOICE_WORDS) {
				smell(L, c, QD_LINT_ANSWER_LENGTH,
				      c->choice_at ? c->choice_at[i] : c->choices_at,
				      "choice %zu has %zu words; a choice should have at most %d", i + 1, w,
				      QD_LINT_MAX_CHOICE_WORDS);
				break;
			}
		break;
	case QD_CARD_CLOZE:
		for (size_t i = 0; i < c->n_blanks; i++)
			if ((w = shown_word_count(c->blanks[i].answers[0])) > QD_LINT_MAX_TYPED_WORDS) {
				smell(L, c, QD_LINT_ANSWER_LENGTH, c->text_at,
				      "blank %zu has %zu words; a blank should be a term of at most %d "
				      "words", i + 1, w, QD_LINT_MAX_TYPED_WORDS);
				break;
			}
		break;
	case QD_CARD_TRUEFALSE:
		break;
	}
}

static void check_enumeration(struct lint *L, const struct qd_card *c)
{
	size_t n;

	if ((c->type != QD_CARD_BASIC && c->type != QD_CARD_TYPED) || !c->a)
		return;
	if ((n = qd_lint_list_items(c->a)))
		smell(L, c, QD_LINT_ANSWER_ENUMERATION, c->a_at,
		      "the answer is a list of %zu items to recall whole; ask for one item a card "
		      "(a cloze for each)", n);
}

static void check_shown(struct lint *L, const struct qd_card *c)
{
	struct qd_buf hay;
	struct in_ctx x;
	const char *f;
	char ex[128];

	qd_buf_init(&hay);
	if (c->type == QD_CARD_CLOZE) {
		/* Each blank against the text outside every blank, and the lead-in. */
		struct qd_buf outside;
		size_t at = 0;
		qd_buf_init(&outside);
		for (size_t i = 0; i < c->n_blanks; i++) {
			qd_buf_add(&outside, c->text + at, c->blanks[i].start - at);
			qd_buf_addc(&outside, ' ');
			at = c->blanks[i].start + c->blanks[i].len;
		}
		qd_buf_adds(&outside, c->text + at);
		if (c->q) {
			qd_buf_addc(&outside, ' ');
			qd_buf_adds(&outside, c->q);
		}
		padded(&hay, outside.data, L->accents);
		qd_buf_release(&outside);
		for (size_t i = 0; i < c->n_blanks; i++) {
			for (size_t k = 0; k < c->blanks[i].n_answers; k++) {
				if (!(f = shown(&x, hay.data, c->blanks[i].answers[k], L->accents, k > 0)))
					continue;
				smell(L, c, QD_LINT_ANSWER_IN_QUESTION, c->text_at,
				      "blank %zu ('%s') can be read outside the blank ('%s'); blank every "
				      "mention or rephrase", i + 1,
				      qd_text_excerpt(c->blanks[i].answers[0],
				                      strlen(c->blanks[i].answers[0]), 40, ex, sizeof(ex)),
				      f);
				qd_buf_release(&hay);
				return;
			}
		}
		qd_buf_release(&hay);
		return;
	}
	if (!c->q || c->type == QD_CARD_TRUEFALSE) {
		qd_buf_release(&hay);
		return;
	}
	padded(&hay, c->q, L->accents);
	if (c->type == QD_CARD_MULTI) {
		for (size_t i = 0; i < c->n_answers; i++)
			if ((f = shown(&x, hay.data, c->answers[i], L->accents, true))) {
				smell(L, c, QD_LINT_ANSWER_IN_QUESTION, c->q_at,
				      "the question names a right answer, '%s'", f);
				break;
			}
	} else if (c->a) {
		bool whole_only = c->type == QD_CARD_BASIC;
		f = shown(&x, hay.data, c->a, L->accents, whole_only);
		for (size_t i = 0; !f && c->type == QD_CARD_TYPED && i < c->n_accept; i++)
			f = shown(&x, hay.data, c->accept[i], L->accents, true);
		if (f)
			smell(L, c, QD_LINT_ANSWER_IN_QUESTION, c->q_at,
			      "the question gives the answer away: it shows '%s'", f);
	}
	qd_buf_release(&hay);
}

static void check_tf(struct lint *L, const struct qd_card *c)
{
	size_t n;

	if (c->type != QD_CARD_TRUEFALSE || !c->q)
		return;
	n = strlen(c->q);
	while (n && (c->q[n - 1] == ' ' || c->q[n - 1] == '\n'))
		n--;
	if ((n && c->q[n - 1] == '?') || (n >= 3 && strncmp(c->q + n - 3, "\xef\xbc\x9f", 3) == 0))
		smell(L, c, QD_LINT_TF_QUESTION, c->q_at,
		      "a true/false card should state a claim to judge, not ask a question "
		      "('Is X free?' -> 'X is free.')");
}

static void check_choices(struct lint *L, const struct qd_card *c)
{
	struct qd_strset right_set = {0};
	struct kind_of ka, kd;
	char e1[128], e2[128];
	struct qd_buf texts;
	struct norm *norms;
	size_t *offs;
	const char *answer;
	const char *const *rights;
	size_t nr;

	if (c->type != QD_CARD_CHOICE && c->type != QD_CARD_MULTI)
		return;
	answer = c->type == QD_CARD_CHOICE ? c->a : c->n_answers ? c->answers[0] : NULL;
	if (!answer || !c->choices)
		return;
	rights = c->type == QD_CARD_CHOICE ? &c->a : c->answers;
	nr = c->type == QD_CARD_CHOICE ? 1 : c->n_answers;
	/* A set of the right answers: a card may list thousands of choices. */
	for (size_t k = 0; k < nr; k++)
		qd_strset_add(&right_set, rights[k]);
	/* Every choice and right answer normalised once, offsets into texts. */
	qd_buf_init(&texts);
	offs = qd_xmalloc((c->n_choices + nr) * sizeof(*offs));
	for (size_t i = 0; i < c->n_choices + nr; i++) {
		offs[i] = texts.len;
		qd_match_normalize(&texts, i < c->n_choices ? c->choices[i] : rights[i - c->n_choices],
		                   L->accents);
		qd_buf_addc(&texts, '\0');
	}
	norms = qd_xmalloc((c->n_choices + nr) * sizeof(*norms));
	for (size_t i = 0; i < c->n_choices + nr; i++) {
		norms[i].data = texts.data + offs[i];
		norms[i].len = strlen(norms[i].data);
	}
	free(offs);
	classify(answer, norms[c->n_choices].data, &ka);
	for (size_t i = 0; i < c->n_choices; i++) {
		const char *d = c->choices[i];
		if (qd_strset_has(&right_set, d))
			continue;
		classify(d, norms[i].data, &kd);
		if (!same_kind(&ka, &kd)) {
			bool units = ka.kind == K_NUMBER && kd.kind == K_NUMBER;
			smell(L, c, QD_LINT_CHOICE_KIND, c->choice_at ? c->choice_at[i] : c->choices_at,
			      units ? "choice '%s' counts '%s', but the answer '%s' counts '%s': a "
			              "distractor should be of the answer's kind"
			            : "choice '%s' is %s, but the answer '%s' is %s: a distractor "
			              "should be of the answer's kind",
			      qd_text_excerpt(d, strlen(d), 40, e1, sizeof(e1)),
			      units ? kd.unit : kind_names[kd.kind],
			      qd_text_excerpt(answer, strlen(answer), 40, e2, sizeof(e2)),
			      units ? ka.unit : kind_names[ka.kind]);
			break;
		}
	}
	/* A false option that is a form of a right one. */
	for (size_t i = 0; i < c->n_choices; i++) {
		const char *d = c->choices[i];
		bool right = qd_strset_has(&right_set, d), clash = false;
		size_t which = 0;
		for (size_t k = 0; !right && !clash && k < nr; k++)
			if (same_answer(d, rights[k], &norms[i], &norms[c->n_choices + k])) {
				clash = true;
				which = k;
			}
		if (clash) {
			smell(L, c, QD_LINT_DISTRACTOR_ACCEPTED,
			      c->choice_at ? c->choice_at[i] : c->choices_at,
			      "choice '%s' is a form of the right answer '%s', so it is not false",
			      qd_text_excerpt(d, strlen(d), 40, e1, sizeof(e1)),
			      qd_text_excerpt(rights[which], strlen(rights[which]), 40, e2, sizeof(e2)));
			break;
		}
	}
	free(norms);
	qd_buf_release(&texts);
	qd_strset_release(&right_set);
	if (c->type == QD_CARD_MULTI && c->n_choices >= c->n_answers) {
		size_t wrong = c->n_choices - c->n_answers;
		if (wrong < 2 || wrong * 2 < c->n_answers)
			smell(L, c, QD_LINT_MULTI_FEW_FALSE, c->choices_at,
			      "%zu false option%s among %zu choices: a multi card needs at least two, "
			      "and at least half as many as right ones, to be a real question",
			      wrong, wrong == 1 ? "" : "s", (size_t)c->n_choices);
	}
}

static void check_cloze_list(struct lint *L, const struct qd_card *c)
{
	size_t n;

	if (c->type != QD_CARD_CLOZE)
		return;
	if ((n = blanks_in_one_list(c)) > 2)
		smell(L, c, QD_LINT_CLOZE_ENUMERATION, c->text_at,
		      "%zu blanks stand in one enumeration, which asks for the list's order; "
		      "blank one item a card", n);
}

/* ---- duplicates across cards ---- */

struct qkey {
	char *key;
	size_t card;
};

static int qkey_cmp(const void *a, const void *b)
{
	const struct qkey *x = a, *y = b;
	int c = strcmp(x->key, y->key);
	return c ? c : (x->card > y->card) - (x->card < y->card);
}

static void check_duplicates(struct lint *L)
{
	size_t n = qd_deck_card_count(L->deck), k = 0;
	struct qkey *keys = qd_xcalloc(n ? n : 1, sizeof(*keys));
	struct qd_buf b;

	qd_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		const struct qd_card *c = qd_deck_card(L->deck, i);
		qd_buf_reset(&b);
		if (c->type == QD_CARD_CLOZE) {
			if (!c->text)
				continue;
			qd_buf_adds(&b, "t ");
			qd_buf_adds(&b, c->text);
		} else {
			if (!c->q)
				continue;
			qd_buf_adds(&b, "q ");
			qd_match_normalize(&b, c->q, L->accents);
		}
		keys[k].key = qd_xstrdup(b.data);
		keys[k].card = i;
		k++;
	}
	qsort(keys, k, sizeof(*keys), qkey_cmp);
	for (size_t i = 1, first = 0; i < k; i++) {
		if (strcmp(keys[i].key, keys[first].key) != 0) {
			first = i;
			continue;
		}
		const struct qd_card *c = qd_deck_card(L->deck, keys[i].card);
		const struct qd_card *f = qd_deck_card(L->deck, keys[first].card);
		smell(L, c, QD_LINT_DUPLICATE_QUESTION, c->type == QD_CARD_CLOZE ? c->text_at : c->q_at,
		      "asks the same question as card '%s' (line %d): ask each fact once, in the "
		      "type that suits it best", f->id ? f->id : "?", f->line);
	}
	for (size_t i = 0; i < k; i++)
		free(keys[i].key);
	free(keys);
	qd_buf_release(&b);
}

size_t qd_lint_deck(const struct qd_deck *deck, const struct qd_lint_opts *opts,
                    qd_lint_report_fn report, void *data)
{
	struct lint L = {deck, opts, report, data, 0, qd_deck_ignores_accents(deck)};
	size_t n = qd_deck_card_count(deck);

	for (size_t i = 0; i < n; i++) {
		const struct qd_card *c = qd_deck_card(deck, i);
		check_lengths(&L, c);
		check_enumeration(&L, c);
		check_shown(&L, c);
		check_tf(&L, c);
		check_choices(&L, c);
		check_cloze_list(&L, c);
	}
	check_duplicates(&L);
	return L.found;
}

static void to_diags(void *data, const struct qd_card *c, enum qd_lint_id id, int line,
                     int col, const char *msg)
{
	char ex[128], prefix[160];

	snprintf(prefix, sizeof(prefix), "card '%s': ",
	         c->id ? qd_text_excerpt(c->id, strlen(c->id), 48, ex, sizeof(ex)) : "?");
	qd_diags_add_prefix(data, QD_SEV_WARNING, line, col, names[id], prefix, "%s", msg);
}

size_t qd_lint_deck_diags(const struct qd_deck *deck, const struct qd_lint_opts *opts,
                          struct qd_diags *diags)
{
	size_t n = qd_deck_card_count(deck);
	char e1[128], e2[128];

	for (size_t i = 0; i < n; i++) {
		const struct qd_card *c = qd_deck_card(deck, i);
		enum qd_lint_id id;
		for (size_t k = 0; k < c->n_nowarn; k++) {
			if (qd_lint_parse(c->nowarn[k], &id) == 0)
				continue;
			qd_diags_add(diags, QD_SEV_WARNING, c->line, c->col,
			             "card '%s': 'nowarn' names no card smell: '%s' (see 'quizdeck help "
			             "check')",
			             c->id ? qd_text_excerpt(c->id, strlen(c->id), 48, e1, sizeof(e1)) : "?",
			             qd_text_excerpt(c->nowarn[k], strlen(c->nowarn[k]), 48, e2,
			                             sizeof(e2)));
		}
	}
	return qd_lint_deck(deck, opts, to_diags, diags);
}

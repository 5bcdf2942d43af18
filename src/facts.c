/*
 * Reading an article for its facts (see quizdeck/facts.h).
 *
 * Each sentence is read by a series of finders, most specific first; a
 * token taken by one finder is not taken again:
 *
 *   dates      "July 20, 1969", "May 1961", "12 June 2024"
 *   names      runs of capitalised words ("Sea of Tranquility", "D. Richard
 *              Hipp", "Edwin "Buzz" Aldrin"), with their abbreviations
 *              ("National Aeronautics and Space Administration (NASA)")
 *   figures    numbers with their unit ("9 bars", "three billion people",
 *              "95 percent"), years, ranges, times
 *   terms      what the article marks as a term: "called X", "known as X",
 *              a short quoted phrase, "without X", "X rather than Y", "used
 *              for X", a lowercase phrase with its abbreviation
 *   lists      the items of "A, B, and C" (validated: every item a short
 *              noun phrase, or the list is not one)
 *   key terms  two content words the article repeats ("memory safety")
 *
 * and a sentence "X is a/an/the Y" is marked as a definition of X.
 *
 * Whether a capitalised word is a name depends on the whole article: at the
 * start of a sentence it counts only if the article never writes it in
 * lowercase and capitalises it elsewhere. So the article's word statistics
 * are gathered first.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quizdeck/buf.h"
#include "quizdeck/facts.h"
#include "quizdeck/figure.h"

/* ---- article-wide word statistics: a small hash map ---- */

struct stat_entry {
	char *key;  /* lowercase */
	char *form; /* the first capitalised spelling, or NULL */
	int cap_initial, cap_inner, lower, total, alone_name;
};

struct stats {
	struct stat_entry *slots;
	size_t cap, len;
};

static char lower_c(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static uint32_t hash_str(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)lower_c(s[i])) * 16777619u;
	return h;
}

static struct stat_entry *stats_get(struct stats *st, const char *w, size_t n, bool create)
{
	size_t i;

	if (create && (st->len + 1) * 2 > st->cap) {
		size_t cap = st->cap ? st->cap * 2 : 256;
		struct stats bigger = {qd_xcalloc(cap, sizeof(struct stat_entry)), cap, 0};
		for (size_t k = 0; k < st->cap; k++) {
			struct stat_entry *e = &st->slots[k];
			if (!e->key)
				continue;
			size_t j = hash_str(e->key, strlen(e->key)) & (cap - 1);
			while (bigger.slots[j].key)
				j = (j + 1) & (cap - 1);
			bigger.slots[j] = *e;
			bigger.len++;
		}
		free(st->slots);
		*st = bigger;
	}
	if (!st->cap)
		return NULL;
	i = hash_str(w, n) & (st->cap - 1);
	while (st->slots[i].key) {
		if (strlen(st->slots[i].key) == n && strncasecmp(st->slots[i].key, w, n) == 0)
			return &st->slots[i];
		i = (i + 1) & (st->cap - 1);
	}
	if (!create)
		return NULL;
	st->slots[i].key = qd_xstrndup(w, n);
	for (char *p = st->slots[i].key; *p; p++)
		*p = lower_c(*p);
	st->len++;
	return &st->slots[i];
}

static void stats_release(struct stats *st)
{
	for (size_t i = 0; i < st->cap; i++) {
		free(st->slots[i].key);
		free(st->slots[i].form);
	}
	free(st->slots);
	memset(st, 0, sizeof(*st));
}

/* The reader's state while analysing one article. */
struct reader {
	struct qd_facts *f;
	struct stats words, pairs;
	int next_list;
};

/* ---- small helpers ---- */

static const char *tok_text(const struct qd_sent *s, size_t i)
{
	return s->text + s->toks[i].start;
}

static bool tok_word_in(const struct qd_sent *s, size_t i, enum qd_wclass c)
{
	return qd_tok_in(s, i, c);
}

static bool tok_verb(const struct qd_sent *s, size_t i)
{
	return qd_word_is_verb(tok_text(s, i), qd_tok_len(s, i));
}

static bool tok_has(const struct qd_sent *s, size_t i, unsigned flag)
{
	return (s->toks[i].flags & flag) != 0;
}

/* Nothing but spaces between token i and token i + 1. */
static bool joined(const struct qd_sent *s, size_t i)
{
	return i + 1 < s->n_toks && !s->toks[i].after && s->toks[i].paren == s->toks[i + 1].paren;
}

static struct qd_fact *add_fact(struct qd_fsent *fs, size_t start, size_t end,
                                enum qd_fact_kind kind)
{
	fs->facts = qd_xrealloc(fs->facts, (fs->n_facts + 1) * sizeof(*fs->facts));
	struct qd_fact *t = &fs->facts[fs->n_facts++];
	memset(t, 0, sizeof(*t));
	t->start = start;
	t->end = end;
	t->kind = kind;
	t->list = -1;
	return t;
}

static void fact_release(struct qd_fact *t)
{
	free(t->alias);
	free(t->unit);
}

static void remove_fact(struct qd_fsent *fs, size_t k)
{
	fact_release(&fs->facts[k]);
	memmove(&fs->facts[k], &fs->facts[k + 1], (fs->n_facts - k - 1) * sizeof(*fs->facts));
	fs->n_facts--;
}

/* The fact covering byte range [start, end) exactly, or NULL. */
static struct qd_fact *fact_at(struct qd_fsent *fs, size_t start, size_t end)
{
	for (size_t k = 0; k < fs->n_facts; k++)
		if (fs->facts[k].start == start && fs->facts[k].end == end)
			return &fs->facts[k];
	return NULL;
}

static bool overlaps(const struct qd_fsent *fs, size_t start, size_t end)
{
	for (size_t k = 0; k < fs->n_facts; k++)
		if (fs->facts[k].start < end && start < fs->facts[k].end)
			return true;
	return false;
}

char *qd_fact_text(const struct qd_fsent *s, const struct qd_fact *f)
{
	return qd_xstrndup(s->s.text + f->start, f->end - f->start);
}

/* ---- word statistics ---- */

static void count_words(struct reader *r, const struct qd_sent *s)
{
	for (size_t i = 0; i < s->n_toks; i++) {
		const struct qd_tok *t = &s->toks[i];
		struct stat_entry *e = stats_get(&r->words, tok_text(s, i), t->end - t->start, true);
		e->total++;
		if ((t->flags & QD_W_CAP) && !e->form)
			e->form = qd_xstrndup(tok_text(s, i), t->end - t->start);
		if (!(t->flags & QD_W_CAP))
			e->lower++;
		else if (t->flags & QD_W_FIRST)
			e->cap_initial++;
		else
			e->cap_inner++;
		/* A capitalised word standing alone between non-names: a
		 * surname used by itself ("Armstrong radioed"). */
		bool prev_cap = i > 0 && !s->toks[i - 1].after && tok_has(s, i - 1, QD_W_CAP) &&
		                !(s->toks[i - 1].flags & QD_W_FIRST);
		bool next_cap = i + 1 < s->n_toks && !t->after && tok_has(s, i + 1, QD_W_CAP);
		if ((t->flags & QD_W_CAP) && !prev_cap && !next_cap)
			e->alone_name++;
	}
}

/* Adjacent lowercase content words with nothing between them. */
static bool pair_at(const struct qd_sent *s, size_t i, struct qd_buf *b)
{
	const struct qd_tok *t = &s->toks[i], *u = &s->toks[i + 1];

	if (t->after || t->paren != u->paren || tok_word_in(s, i, QD_WC_STOP) ||
	    tok_word_in(s, i + 1, QD_WC_STOP) || (t->flags & QD_W_DIGIT) || (u->flags & QD_W_DIGIT) ||
	    ((t->flags & QD_W_CAP) && !(t->flags & QD_W_FIRST)) || (u->flags & QD_W_CAP) ||
	    tok_verb(s, i) || tok_verb(s, i + 1))
		return false;
	qd_buf_reset(b);
	for (size_t k = t->start; k < t->end; k++)
		qd_buf_addc(b, lower_c(s->text[k]));
	qd_buf_addc(b, ' ');
	for (size_t k = u->start; k < u->end; k++)
		qd_buf_addc(b, lower_c(s->text[k]));
	return true;
}

static void count_pairs(struct reader *r, const struct qd_sent *s)
{
	struct qd_buf b;

	qd_buf_init(&b);
	for (size_t i = 0; i + 1 < s->n_toks; i++)
		if (pair_at(s, i, &b))
			stats_get(&r->pairs, b.data, b.len, true)->total++;
	qd_buf_release(&b);
}

/* A word that may be part of a name: capitalised, and not a function word;
 * at the start of a sentence only if the article never writes it in
 * lowercase and capitalises it elsewhere. Months and days are dates. */
static bool name_word(struct reader *r, const struct qd_sent *s, size_t i)
{
	const struct qd_tok *t = &s->toks[i];
	size_t n = t->end - t->start;
	const char *w = tok_text(s, i);
	struct stat_entry *e;

	if (!(t->flags & QD_W_CAP))
		return false;
	if (n == 1 && (w[0] == 'I' || w[0] == 'A'))
		return false;
	if (qd_word_in(QD_WC_MONTH, w, n) || qd_word_in(QD_WC_DAY, w, n))
		return false;
	if (qd_word_in(QD_WC_STOP, w, n) && !(t->flags & QD_W_INNER_CAP))
		return false;
	/* "Y-shaped", "X-ray": a letter before a lowercase compound */
	if (n >= 3 && w[1] == '-' && w[2] >= 'a' && w[2] <= 'z')
		return false;
	if (t->flags & (QD_W_INNER_CAP | QD_W_DIGIT | QD_W_SYMBOL | QD_W_ALLCAPS))
		return true;
	if (!(t->flags & QD_W_FIRST))
		return true;
	if (qd_word_in(QD_WC_LEAD, w, n))
		return false;
	e = stats_get(&r->words, w, n, false);
	if (!e || e->lower != 0)
		return false;
	/* "Andrew Kelley started Zig": a first word joined to a name that
	 * follows is that name's first part (unless it reads as an adjective). */
	if (!t->after && i + 1 < s->n_toks && (s->toks[i + 1].flags & QD_W_CAP) &&
	    !qd_word_in(QD_WC_STOP, tok_text(s, i + 1), qd_tok_len(s, i + 1))) {
		static const char *const adj[] = {"al", "ive", "ous", "ic", "ern", "ish", "ese",
		                                  "ian", "ean", "ary", "ful", NULL};
		bool adjective = false;
		for (size_t k = 0; adj[k]; k++) {
			size_t m = strlen(adj[k]);
			if (n > m + 2 && strncasecmp(w + n - m, adj[k], m) == 0)
				adjective = true;
		}
		if (!adjective)
			return true;
	}
	/* "Docker, which made ...", "Kubernetes, the container ...": what
	 * takes a relative clause or an apposition at once is named. */
	if (t->after == ',' && t->last == ',' && i + 1 < s->n_toks &&
	    (qd_tok_is(s, i + 1, "which") || qd_tok_is(s, i + 1, "who") ||
	     qd_tok_is(s, i + 1, "the") || qd_tok_is(s, i + 1, "a") || qd_tok_is(s, i + 1, "an") ||
	     (i + 2 < s->n_toks && qd_tok_is(s, i + 2, "by") &&
	      qd_word_is_past(tok_text(s, i + 1), qd_tok_len(s, i + 1))) ||
	     (i + 2 < s->n_toks && qd_tok_is(s, i + 2, "by") && qd_tok_len(s, i + 1) > 4 &&
	      strncasecmp(tok_text(s, i + 1) + qd_tok_len(s, i + 1) - 2, "ed", 2) == 0)))
		return true;
	/* "Kiyomizu-dera stands ...": a capitalised compound with a short
	 * lowercase part is a name. */
	{
		const char *dash = memchr(w, '-', n);
		if (dash && dash > w + 2 && n - (size_t)(dash - w) - 1 <= 6 && dash[1] >= 'a' &&
		    dash[1] <= 'z')
			return true;
	}
	if (e->cap_inner >= 1)
		return true;
	/* Seen only at the start of sentences: a name if it does not look like
	 * an ordinary word ("Inactivated", "Afterwards", "Traditionally"). */
	static const char *const suffixes[] = {"ed", "ing", "ly", "wards", "tion", "sion", "ness",
	                                       "ment", "ous", "ive", "able", "ible", "ful", "less",
	                                       NULL};
	for (size_t i = 0; suffixes[i]; i++) {
		size_t m = strlen(suffixes[i]);
		if (n > m + 2 && strncasecmp(w + n - m, suffixes[i], m) == 0)
			return false;
	}
	return e->cap_initial >= 2;
}

/* "D." of "D. Richard Hipp": one capital and a period. */
static bool is_initial(const struct qd_sent *s, size_t i)
{
	const struct qd_tok *t = &s->toks[i];

	return t->end - t->start == 1 && (t->flags & QD_W_CAP) && t->after == '.' &&
	       t->last == '.' && s->text[t->end] == '.';
}

/* ---- the subject ---- */

static void find_subject(struct reader *r)
{
	const char *title = r->f->article->title;
	int best = 0;
	size_t best_first = SIZE_MAX;

	for (size_t i = 0; i < r->words.cap; i++) {
		struct stat_entry *e = &r->words.slots[i];
		if (!e->key || !e->form || qd_word_in(QD_WC_STOP, e->key, strlen(e->key)))
			continue;
		int caps = e->cap_initial + e->cap_inner;
		if (caps < best || caps < e->lower || caps < 2 || !qd_has_word(title, e->key))
			continue;
		const char *p = title;
		size_t first = 0;
		for (; *p && strncasecmp(p, e->key, strlen(e->key)) != 0; p++)
			first++;
		if (caps == best && first >= best_first)
			continue;
		best = caps;
		best_first = first;
		free(r->f->subject);
		r->f->subject = qd_xstrdup(e->form);
	}
}

static bool is_subject(const struct reader *r, const char *s, size_t n)
{
	const char *subj = r->f->subject;

	return subj && strlen(subj) == n && strncasecmp(s, subj, n) == 0;
}

/* ---- dates ---- */

static bool day_number(const struct qd_sent *s, size_t i)
{
	const struct qd_tok *t = &s->toks[i];
	size_t n = t->end - t->start;
	long v;
	char *end;

	if (n < 1 || n > 2 || !(t->flags & QD_W_DIGIT))
		return false;
	v = strtol(tok_text(s, i), &end, 10);
	return end == tok_text(s, i) + n && v >= 1 && v <= 31;
}

static bool year_number(const struct qd_sent *s, size_t i)
{
	const struct qd_tok *t = &s->toks[i];
	long v;
	char *end;

	if (t->end - t->start != 4 || !(t->flags & QD_W_DIGIT))
		return false;
	v = strtol(tok_text(s, i), &end, 10);
	return end == tok_text(s, i) + 4 && v >= 1000 && v <= 2099;
}

static void find_dates(struct reader *r, struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;

	for (size_t i = 0; i < s->n_toks; i++) {
		if (!tok_word_in(s, i, QD_WC_MONTH) || !tok_has(s, i, QD_W_CAP) || used[i])
			continue;
		size_t from = i, to = i;
		/* "20 July 1969" */
		if (i > 0 && day_number(s, i - 1) && joined(s, i - 1) && !used[i - 1])
			from = i - 1;
		/* "July 20, 1969", "July 20", "May 1961" */
		if (from == i && i + 1 < s->n_toks && joined(s, i) && day_number(s, i + 1)) {
			to = i + 1;
			if (i + 2 < s->n_toks && (s->toks[i + 1].after == ',' || !s->toks[i + 1].after) &&
			    s->toks[i + 1].last != '.' && year_number(s, i + 2))
				to = i + 2;
		} else if (i + 1 < s->n_toks && joined(s, i) && year_number(s, i + 1)) {
			to = i + 1;
		}
		if (from == to) {
			/* A month alone ("in May") is no fact. */
			continue;
		}
		add_fact(fs, s->toks[from].start, s->toks[to].end, QD_FACT_DATE);
		for (size_t k = from; k <= to; k++)
			used[k] = true;
		i = to;
	}
	(void)r;
}

/* ---- names ---- */

/* Words after which a capitalised run is an organisation or a place, not
 * a person ("Kennedy Space Center"). */
static const char *const not_person_words[] = {
	"company", "inc", "corporation", "corp", "ltd", "group", "university", "center", "centre",
	"institute", "foundation", "association", "society", "agency", "administration",
	"council", "office", "department", "museum", "temple", "shrine", "palace", "castle",
	"station", "airport", "island", "islands", "lake", "gulf", "channel", "canal", "valley",
	"state", "states", "kingdom", "republic", "union", "empire", "party", "protocol",
	"treaty", "act", "prize", "award", "cup", "games", "machine", "engine", "project",
	"program", "programme", "mission", "system", "service", "services", "network",
	"language", "bridge", "tower", "road", "street", "square", "avenue", "church",
	"cathedral", "school", "college", "academy", "library", "navy", "army", "force",
	"forces", "bay", "sea", "ocean", "river", "mountain", "mountains", "city", "park",
	"hall", "house", "studio", "studios", "records", "press", "times", "post", "news",
	"labs", "lab", "laboratory", "world", "war", "age", "era", "period", "dynasty",
	"festival", "market", "district", "province", "county", "prefecture", "region",
	"peninsula", "desert", "forest", "coast", "base", "tranquility", NULL,
};

static bool word_listed(const char *const *list, const char *w, size_t n)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
			return true;
	return false;
}

/* Verbs that say a person did something. */
static const char *const agent_verbs[] = {
	"created", "invented", "founded", "patented", "wrote", "discovered", "designed", "led",
	"said", "radioed", "joined", "walked", "stepped", "built", "started", "introduced",
	"developed", "proposed", "described", "named", "painted", "composed", "directed",
	"explained", "argued", "claimed", "announced", "became", "was", "is", "died", "won",
	"met", "married", "showed", "studied", "taught", "ruled", "asked", "followed", NULL,
};

/* Marks a name as a person's when its shape and the article say so. */
static bool person_name(struct reader *r, const struct qd_sent *s, size_t from, size_t to,
                        bool titled)
{
	size_t words = 0;
	bool initial = false;

	if (titled)
		return true;
	for (size_t k = from; k <= to; k++) {
		const struct qd_tok *t = &s->toks[k];
		if (t->flags & (QD_W_DIGIT | QD_W_SYMBOL | QD_W_ALLCAPS | QD_W_INNER_CAP))
			return false;
		if (tok_word_in(s, k, QD_WC_CONNECTOR))
			return false;
		if (word_listed(not_person_words, tok_text(s, k), qd_tok_len(s, k)))
			return false;
		if (is_initial(s, k))
			initial = true;
		words++;
	}
	if (words < 2 || words > 4)
		return false;
	if (initial)
		return true;
	/* The surname alone elsewhere ("Armstrong radioed"). */
	struct stat_entry *e = stats_get(&r->words, tok_text(s, to), qd_tok_len(s, to), false);
	if (e && e->alone_name > 0 && e->lower == 0)
		return true;
	/* The subject of a verb people do ("Linus Torvalds created Git"). */
	if (to + 1 < s->n_toks && !s->toks[to].after &&
	    word_listed(agent_verbs, tok_text(s, to + 1), qd_tok_len(s, to + 1)))
		return true;
	/* "X, the commander", "X, an Italian barista": an apposition that
	 * names a person's role. */
	static const char *const roles[] = {
		"commander", "pilot", "founder", "creator", "inventor", "president", "chemist",
		"scientist", "doctor", "physicist", "engineer", "writer", "author", "carpenter",
		"son", "daughter", "wife", "husband", "king", "queen", "leader", "captain",
		"director", "designer", "programmer", "developer", "professor", "student", "artist",
		"architect", "emperor", "astronaut", "baker", "explorer", "maintainer", "chef",
		"barista", "poet", "painter", "composer", "mathematician", "biologist", "priest",
		"monk", "minister", "secretary", "officer", "general", "soldier", "player", "coach",
		"singer", "actor", "actress", "journalist", "philosopher", "historian", NULL,
	};
	if (s->toks[to].after == ',' && to + 2 < s->n_toks &&
	    (qd_tok_is(s, to + 1, "a") || qd_tok_is(s, to + 1, "an") || qd_tok_is(s, to + 1, "the")))
		for (size_t k = to + 2; k < s->n_toks && k <= to + 5; k++) {
			if (word_listed(roles, tok_text(s, k), qd_tok_len(s, k)))
				return true;
			if (s->toks[k].after)
				break;
		}
	return false;
}

/* The letters an abbreviation is made of: the initials of the words of
 * s[from..to] (both capitals of a camel-case word), function words left
 * out. */
static void initials_of(const struct qd_sent *s, size_t from, size_t to, bool all_words,
                        char *out, size_t size)
{
	size_t o = 0;

	for (size_t k = from; k <= to && o + 1 < size; k++) {
		const char *w = tok_text(s, k);
		size_t n = qd_tok_len(s, k);
		if ((!all_words && tok_word_in(s, k, QD_WC_STOP) && !(s->toks[k].flags & QD_W_CAP)) ||
		    qd_tok_is(s, k, "&"))
			continue;
		out[o++] = (char)(w[0] >= 'a' && w[0] <= 'z' ? w[0] - 'a' + 'A' : w[0]);
		for (size_t j = 1; j < n && o + 1 < size; j++)
			if (w[j] >= 'A' && w[j] <= 'Z')
				out[o++] = w[j];
	}
	out[o] = '\0';
}

static int char_cmp(const void *a, const void *b)
{
	return *(const char *)a - *(const char *)b;
}

/* Whether abbr abbreviates the words s[from..to]: their initials, in order
 * or (as "UTC" for "Coordinated Universal Time") in another order. */
static bool abbreviates(const char *abbr, size_t n, const struct qd_sent *s, size_t from,
                        size_t to)
{
	char ini[64], all[64], a[64];

	if (n < 2 || n >= sizeof(a))
		return false;
	initials_of(s, from, to, false, ini, sizeof(ini));
	initials_of(s, from, to, true, all, sizeof(all));
	for (size_t k = 0; k < n; k++)
		a[k] = (char)(abbr[k] >= 'a' && abbr[k] <= 'z' ? abbr[k] - 'a' + 'A' : abbr[k]);
	a[n] = '\0';
	/* "WHO", "IoT" (with the "of"), "NASA" */
	if (strcmp(ini, a) == 0 || strcmp(all, a) == 0)
		return true;
	/* Camel case gives extra capitals: "WebAssembly" (WA) for "WASM". */
	if (from == to && strlen(ini) > 1 && strncmp(ini, a, strlen(ini)) == 0 &&
	    (s->toks[to].flags & QD_W_INNER_CAP))
		return true;
	/* The same initials in another order: "UTC" for "Coordinated
	 * Universal Time". */
	if (strlen(ini) < 2)
		return false;
	qsort(ini, strlen(ini), 1, char_cmp);
	qsort(a, n, 1, char_cmp);
	return strcmp(ini, a) == 0;
}

/* For "(ABBR)" right after token k: how far back the long form starts so
 * that its initials spell ABBR ("National Aeronautics and Space
 * Administration"), or SIZE_MAX. */
static size_t long_form_start(const struct qd_sent *s, size_t k, const char *abbr, size_t n)
{
	for (size_t j = k + 1; j-- > 0 && k - j < 8;) {
		const struct qd_tok *t = &s->toks[j];
		if ((j < k && t->after) || t->paren != s->toks[k].paren)
			return SIZE_MAX;
		if (tok_word_in(s, j, QD_WC_STOP) && !(t->flags & QD_W_CAP))
			continue; /* a long form does not start with "of" or "and" */
		if (abbreviates(abbr, n, s, j, k))
			return j;
	}
	return SIZE_MAX;
}

/* A token that reads as an abbreviation: 2 to 8 letters or digits, a
 * letter first, at least two capitals ("NASA", "IoT", "mRNA", "UNFCCC"). */
static bool abbr_token(const struct qd_sent *s, size_t i)
{
	const char *w = tok_text(s, i);
	size_t n = qd_tok_len(s, i), caps = 0;

	if (n < 2 || n > 8 || !((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z')))
		return false;
	for (size_t k = 0; k < n; k++) {
		if (w[k] >= 'A' && w[k] <= 'Z')
			caps++;
		else if (!((w[k] >= 'a' && w[k] <= 'z') || (w[k] >= '0' && w[k] <= '9')))
			return false;
	}
	return caps >= 2;
}

/* A token alone in parentheses right after a word: "(MMR)", "(WASM)". */
static bool parenthesised(const struct qd_sent *s, size_t i)
{
	return i > 0 && s->toks[i - 1].after == '(' && s->toks[i].after == ')' &&
	       s->toks[i].paren == s->toks[i - 1].paren + 1;
}

static void find_names(struct reader *r, struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;
	size_t i = 0;

	while (i < s->n_toks) {
		bool titled = false;
		if (used[i] || !name_word(r, s, i)) {
			i++;
			continue;
		}
		/* "President John F. Kennedy": the title is not part of the name. */
		if (tok_word_in(s, i, QD_WC_TITLE) && joined(s, i) && i + 1 < s->n_toks &&
		    name_word(r, s, i + 1) && !(s->toks[i + 1].flags & QD_W_FIRST)) {
			titled = true;
			i++;
		}
		size_t j = i;
		for (;;) {
			const struct qd_tok *t = &s->toks[j];
			if (j + 1 >= s->n_toks || used[j + 1] || (t->flags & QD_W_POSS))
				break;
			bool sep_ok = !t->after || (is_initial(s, j) && t->last == '.');
			/* A quoted nickname: Edwin "Buzz" Aldrin. */
			if (!sep_ok && t->after == '"' && t->last == '"' && j + 2 < s->n_toks &&
			    (s->toks[j + 1].flags & QD_W_QUOTED) && name_word(r, s, j + 1) &&
			    s->toks[j + 1].after == '"' && name_word(r, s, j + 2) &&
			    !(s->toks[j + 2].flags & QD_W_QUOTED)) {
				j += 2;
				continue;
			}
			if (!sep_ok || s->toks[j + 1].paren != s->toks[i].paren)
				break;
			if (name_word(r, s, j + 1) && !(s->toks[j + 1].flags & QD_W_FIRST)) {
				j++;
			} else if (j + 2 < s->n_toks && (tok_word_in(s, j + 1, QD_WC_CONNECTOR) ||
			                                 qd_tok_is(s, j + 1, "&")) &&
			           !(s->toks[j + 1].flags & QD_W_CAP) && joined(s, j + 1) &&
			           name_word(r, s, j + 2) && !used[j + 2]) {
				j += 2;
			} else if ((s->toks[j + 1].flags & QD_W_DIGIT) &&
			           !(s->toks[j + 1].flags & QD_W_LOWER) && qd_tok_len(s, j + 1) <= 3 &&
			           !(t->flags & QD_W_DIGIT)) {
				/* "Apollo 11", "Windows 95", "Saturn V" */
				j++;
			} else {
				break;
			}
		}
		/* "the Bayer process", "the Hall–Héroult process": a name with the
		 * kind of thing it names. */
		static const char *const kinds[] = {
			"process", "method", "effect", "law", "principle", "theorem", "equation",
			"constant", "cycle", "reaction", "test", "scale", "model", "algorithm",
			"paradox", "syndrome", "disease", "technique", "procedure", "formula", "rule",
			"oven", "gate", "gates", "program", "programme", NULL,
		};
		bool with_kind = false;
		if (j + 1 < s->n_toks && joined(s, j) && !used[j + 1] &&
		    word_listed(kinds, tok_text(s, j + 1), qd_tok_len(s, j + 1)) &&
		    (s->toks[j + 1].flags & QD_W_LOWER)) {
			j++;
			with_kind = true;
		}
		size_t start = s->toks[i].start, end = s->toks[j].end;
		size_t name_end = s->toks[with_kind ? j - 1 : j].end;
		if (is_subject(r, s->text + start, name_end - start)) {
			for (size_t k = i; k <= j; k++)
				used[k] = true;
			i = j + 1;
			continue;
		}
		/* "X (ABBR)": a name in parentheses right after the name. */
		if (j + 1 < s->n_toks && parenthesised(s, j + 1) &&
		    (abbr_token(s, j + 1) || (s->toks[j + 1].flags & QD_W_CAP))) {
			const char *abbr = tok_text(s, j + 1);
			size_t an = qd_tok_len(s, j + 1);
			size_t from = long_form_start(s, j, abbr, an);
			/* "GNU General Public License (GPL)": the letters may skip a
			 * first word of the name */
			if (from != SIZE_MAX && from > i)
				from = i;
			if (from != SIZE_MAX && from <= i) {
				/* The long form may reach back over words already read
				 * as another name ("National Aeronautics and ..."). */
				for (size_t k = fs->n_facts; k-- > 0;)
					if (fs->facts[k].start >= s->toks[from].start &&
					    fs->facts[k].end <= end)
						remove_fact(fs, k);
				start = s->toks[from].start;
				struct qd_fact *t = add_fact(fs, start, end, (s->toks[from].flags & QD_W_CAP)
				                                                 ? QD_FACT_NAME : QD_FACT_TERM);
				t->alias = qd_xstrndup(abbr, an);
				t->defined = !(s->toks[from].flags & QD_W_CAP);
				for (size_t k = from; k <= j + 1; k++)
					used[k] = true;
				i = j + 2;
				continue;
			}
		}
		/* An abbreviation alone in parentheses after something else
		 * ("measles, mumps, and rubella (MMR)") is that thing's short
		 * name, not a fact of its own. */
		if (i == j && parenthesised(s, i) && abbr_token(s, i)) {
			used[i] = true;
			i++;
			continue;
		}
		/* "B cells", "T cells": a capital letter naming a kind of thing. */
		if (i == j && qd_tok_len(s, i) == 1 && joined(s, i) && i + 1 < s->n_toks &&
		    !used[i + 1] && (s->toks[i + 1].flags & QD_W_LOWER) &&
		    !tok_word_in(s, i + 1, QD_WC_STOP) && !tok_word_in(s, i + 1, QD_WC_PREP) &&
		    !tok_verb(s, i + 1)) {
			struct qd_fact *t = add_fact(fs, start, s->toks[i + 1].end, QD_FACT_TERM);
			t->defined = i >= 2 && qd_tok_is(s, i - 1, "as") &&
			             (qd_tok_is(s, i - 2, "known") || qd_tok_is(s, i - 2, "called"));
			used[i] = used[i + 1] = true;
			i += 2;
			continue;
		}
		struct qd_fact *t = add_fact(fs, start, end, QD_FACT_NAME);
		t->person = !with_kind && person_name(r, s, i, j, titled);
		/* "Kinkaku-ji, the Golden Pavilion": the second name is another
		 * name of the first, so the two are one fact. */
		if (s->toks[j].after == ',' && j + 2 < s->n_toks && qd_tok_is(s, j + 1, "the") &&
		    (s->toks[j + 2].flags & QD_W_CAP) && !(s->toks[j + 2].flags & QD_W_FIRST)) {
			size_t m = j + 2;
			while (m + 1 < s->n_toks && !s->toks[m].after && (s->toks[m + 1].flags & QD_W_CAP))
				m++;
			if (s->toks[m].after == ',' && !t->person)
				t->alias = qd_xstrndup(s->text + s->toks[j + 2].start,
				                       s->toks[m].end - s->toks[j + 2].start);
		}
		for (size_t k = i; k <= j; k++)
			used[k] = true;
		i = j + 1;
	}
}

/* "ABBR (Long Form)" and "lowercase long form (ABBR)": abbreviations the
 * name pass did not pair. */
static void find_abbreviations(struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;

	for (size_t k = 0; k + 1 < s->n_toks; k++) {
		const struct qd_tok *t = &s->toks[k], *p = &s->toks[k + 1];
		if (t->after != '(' || p->paren != t->paren + 1)
			continue;
		/* "long form (ABBR)" with a lowercase long form. */
		if (abbr_token(s, k + 1) && p->after == ')' && !used[k]) {
			const char *abbr = tok_text(s, k + 1);
			size_t an = qd_tok_len(s, k + 1);
			size_t from = long_form_start(s, k, abbr, an);
			if (from == SIZE_MAX || overlaps(fs, s->toks[from].start, t->end))
				continue;
			used[k + 1] = false;
			struct qd_fact *f = add_fact(fs, s->toks[from].start, t->end, QD_FACT_TERM);
			f->alias = qd_xstrndup(abbr, an);
			f->defined = true;
			for (size_t m = from; m <= k + 1; m++)
				used[m] = true;
		}
	}
}

/* ---- figures ---- */

static bool unit_word(const struct qd_sent *s, size_t i)
{
	const struct qd_tok *t = &s->toks[i];
	const char *w = tok_text(s, i);
	size_t n = t->end - t->start;

	if ((unsigned char)w[0] == 0xC2 && n > 2) /* "°C" */
		return true;
	if ((t->flags & QD_W_ALLCAPS) && n <= 3)
		return true; /* "km", "MB" are lowercase or short capitals */
	if (!(t->flags & QD_W_LOWER) || (t->flags & QD_W_DIGIT))
		return false;
	if (n > 3 && strncasecmp(w + n - 2, "ed", 2) == 0)
		return false; /* "two crewed parts": a participle, not the unit */
	if (qd_word_in(QD_WC_GENERIC, w, n))
		return false; /* "two high tides": the unit is the noun after */
	return !qd_word_in(QD_WC_STOP, w, n) && !qd_word_in(QD_WC_PREP, w, n) &&
	       !qd_word_in(QD_WC_CLAUSE, w, n) && !qd_word_is_verb(w, n) &&
	       !qd_word_in(QD_WC_MONTH, w, n);
}

/* A number word that starts a figure ("three", "twenty-five"); "one" only
 * before a scale word ("one million"), as it is mostly a pronoun. */
static bool number_word_at(const struct qd_sent *s, size_t i, bool first)
{
	const char *w = tok_text(s, i);
	size_t n = qd_tok_len(s, i);
	bool scale;
	const char *dash = memchr(w, '-', n);
	double v = qd_word_number(w, dash ? (size_t)(dash - w) : n, &scale);

	if (v < 0 || (s->toks[i].flags & QD_W_CAP && !(s->toks[i].flags & QD_W_FIRST)))
		return false;
	if (dash && qd_word_number(dash + 1, n - (size_t)(dash + 1 - w), &scale) < 0)
		return false;
	if (first && (v == 1 || v == 0 || scale || v == 12)) {
		if (v == 1 && i + 1 < s->n_toks && joined(s, i)) {
			double nv = qd_word_number(tok_text(s, i + 1), qd_tok_len(s, i + 1), &scale);
			return nv >= 100;
		}
		return false;
	}
	return true;
}

static void add_number(struct reader *r, struct qd_fsent *fs, size_t from, size_t to,
                       bool *used, bool exact_only)
{
	const struct qd_sent *s = &fs->s;
	size_t start = s->toks[from].start, end = s->toks[to].end;
	struct qd_figure fig;
	bool parsed = qd_figure_parse(s->text + start, end - start, &fig);
	bool year = !exact_only && from == to && !fig.grouped &&
	            (year_number(s, from) || (from > 0 && qd_tok_len(s, from) == 3 && parsed &&
	                                      fig.value >= 100 && !fig.decimals &&
	                                      (qd_tok_is(s, from - 1, "in") ||
	                                       qd_tok_is(s, from - 1, "since"))));
	size_t u = to + 1;
	struct qd_fact *f;

	/* A unit noun right after ("9 bars", "three astronauts", "95 percent",
	 * "7.5 billion US dollars"). */
	size_t u_end = u;
	bool has_unit = u < s->n_toks && joined(s, to) && !used[u] && unit_word(s, u) &&
	                !fig.percent_sign;
	if (!has_unit && u + 1 < s->n_toks && joined(s, to) && joined(s, u) &&
	    (s->toks[u].flags & QD_W_ALLCAPS) &&
	    (qd_tok_is(s, u + 1, "dollars") || qd_tok_is(s, u + 1, "cents"))) {
		has_unit = true;
		u_end = u + 1;
	}
	if (year && has_unit) {
		/* "1600 temples", "2000 people" count things; "the 1958 brick
		 * patent" is a year. */
		const char *uw = tok_text(s, u);
		size_t un = qd_tok_len(s, u);
		if ((un > 2 && uw[un - 1] == 's' && uw[un - 2] != 's') || qd_tok_is(s, u, "people"))
			year = false;
		else
			has_unit = false;
	}
	f = add_fact(fs, start, end, year ? QD_FACT_YEAR : QD_FACT_NUMBER);
	f->exact_only = exact_only || !parsed;
	if (parsed) {
		f->value = fig.value;
		f->decimals = fig.decimals;
		f->in_words = fig.words;
		f->grouped = fig.grouped;
	}
	f->unit_end = end;
	/* "three quarters", "two thirds": a fraction, asked as written */
	if (has_unit && (qd_tok_is(s, u, "quarters") || qd_tok_is(s, u, "quarter") ||
	                 qd_tok_is(s, u, "thirds") || qd_tok_is(s, u, "third") ||
	                 qd_tok_is(s, u, "fifths") || qd_tok_is(s, u, "halves") ||
	                 qd_tok_is(s, u, "tenths")))
		f->exact_only = true;
	if (has_unit && !year) {
		f->unit = qd_xstrndup(tok_text(s, u), s->toks[u_end].end - s->toks[u].start);
		f->unit_end = s->toks[u_end].end;
		if (qd_tok_is(s, u, "per") && u + 1 < s->n_toks && qd_tok_is(s, u + 1, "cent")) {
			free(f->unit);
			f->unit = qd_xstrdup("percent");
			f->unit_end = s->toks[u + 1].end;
		}
	}
	for (size_t k = from; k <= to; k++)
		used[k] = true;
	if (parsed || year) {
		r->f->numbers = qd_xrealloc(r->f->numbers, (r->f->n_numbers + 1) *
		                            sizeof(*r->f->numbers));
		r->f->numbers[r->f->n_numbers++] = fig.value;
		if (year && fig.value > r->f->max_year)
			r->f->max_year = (int)fig.value;
	}
}

static void find_numbers(struct reader *r, struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;

	for (size_t i = 0; i < s->n_toks; i++) {
		const struct qd_tok *t = &s->toks[i];
		if (used[i])
			continue;
		if (t->flags & QD_W_DIGIT) {
			const char *w = tok_text(s, i);
			size_t n = t->end - t->start, k = 0;
			bool exact = false, letters = false;
			/* Ranges (25–30, 4-8), times (20:17), ordinals (20th) and
			 * decades (1990s) are asked as they are written. */
			while (k < n && !((w[k] >= 'a' && w[k] <= 'z') || (w[k] >= 'A' && w[k] <= 'Z')))
				k++;
			if (k < n) {
				const char *rest = w + k;
				size_t rn = n - k;
				if ((rn == 2 && (!strncmp(rest, "st", 2) || !strncmp(rest, "nd", 2) ||
				                 !strncmp(rest, "rd", 2) || !strncmp(rest, "th", 2))) ||
				    (rn == 1 && rest[0] == 's'))
					exact = true;
				else
					letters = true;
			}
			if (letters && k > 1 && w[k - 1] == '-' && strspn(w, "0123456789") == k - 1) {
				/* "40-character", "eight-year-old": a figure and its unit in one */
				add_number(r, fs, i, i, used, true);
				continue;
			}
			if (letters)
				continue; /* "3D", "mRNA-1273": part of a name, not a figure */
			if (memchr(w, ':', n) || strstr(w, "\xe2\x80\x93") || (memchr(w + 1, '-', n - 1)))
				exact = true;
			size_t to = i;
			if ((!exact || !memchr(w, ':', n)) && joined(s, i) && i + 1 < s->n_toks) {
				bool scale;
				double v = qd_word_number(tok_text(s, i + 1), qd_tok_len(s, i + 1), &scale);
				if (scale && v >= 1000)
					to = i + 1;
			}
			/* "20,000 to 60,000 bees", "17 to 18 percent": a range */
			if (!exact && to + 2 < s->n_toks && joined(s, to) && joined(s, to + 1) &&
			    qd_tok_is(s, to + 1, "to") && (s->toks[to + 2].flags & QD_W_DIGIT) &&
			    !used[to + 2] && strspn(tok_text(s, to + 2), "0123456789,.") ==
			                          qd_tok_len(s, to + 2)) {
				to += 2;
				exact = true;
			}
			/* "3300 BC", "AD 79" are years of their era, asked as written */
			if (to + 1 < s->n_toks && joined(s, to) &&
			    (qd_tok_is(s, to + 1, "BC") || qd_tok_is(s, to + 1, "BCE") ||
			     qd_tok_is(s, to + 1, "AD") || qd_tok_is(s, to + 1, "CE"))) {
				to++;
				exact = true;
			}
			add_number(r, fs, i, to, used, exact);
			i = to;
			continue;
		}
		/* "one to two weeks": a range from one. */
		if (qd_tok_is(s, i, "one") && joined(s, i) && i + 2 < s->n_toks &&
		    (qd_tok_is(s, i + 1, "to") || qd_tok_is(s, i + 1, "or")) && joined(s, i + 1) &&
		    number_word_at(s, i + 2, false) && !used[i + 2]) {
			add_number(r, fs, i, i + 2, used, true);
			i += 2;
			continue;
		}
		if (!(t->flags & (QD_W_LOWER | QD_W_FIRST)) || !number_word_at(s, i, true))
			continue;
		/* "the last two", "the other three": a reference back, no figure */
		if (i > 0 && (qd_tok_is(s, i - 1, "last") || qd_tok_is(s, i - 1, "first") ||
		              qd_tok_is(s, i - 1, "other") || qd_tok_is(s, i - 1, "next") ||
		              qd_tok_is(s, i - 1, "these") || qd_tok_is(s, i - 1, "those") ||
		              qd_tok_is(s, i - 1, "all")))
			continue;
		size_t to = i;
		while (to + 1 < s->n_toks && joined(s, to) && !used[to + 1]) {
			if (number_word_at(s, to + 1, false)) {
				to++;
			} else if (to + 3 < s->n_toks && qd_tok_is(s, to + 1, "and") &&
			           qd_tok_is(s, to + 2, "a") && qd_tok_is(s, to + 3, "half") &&
			           joined(s, to + 1) && joined(s, to + 2)) {
				to += 3;
			} else {
				break;
			}
		}
		/* "five to ten days": a range in words. */
		bool exact = false;
		if (to + 2 < s->n_toks && joined(s, to) && qd_tok_is(s, to + 1, "to") &&
		    joined(s, to + 1) && number_word_at(s, to + 2, false)) {
			to += 2;
			exact = true;
		}
		add_number(r, fs, i, to, used, exact);
		i = to;
	}
}

/* ---- marked terms ---- */

/* A noun phrase starting at token i (after determiners): up to max
 * lowercase content words with nothing between them. Returns the last
 * token, or SIZE_MAX. A phrase opened by a gerund ("building X") skips
 * the gerund. */
static size_t phrase_from(const struct qd_sent *s, size_t i, size_t max, bool *used,
                          bool cued)
{
	size_t j;

	while (i < s->n_toks && tok_word_in(s, i, QD_WC_DETERMINER) && joined(s, i))
		i++;
	if (i < s->n_toks && qd_tok_len(s, i) > 4 &&
	    strncasecmp(tok_text(s, i) + qd_tok_len(s, i) - 3, "ing", 3) == 0 && joined(s, i))
		i++;
	if (i >= s->n_toks)
		return SIZE_MAX;
	for (j = i;; j++) {
		const struct qd_tok *t = &s->toks[j];
		if (used[j] || !(t->flags & QD_W_LOWER) || (t->flags & QD_W_DIGIT) ||
		    tok_word_in(s, j, QD_WC_STOP) || tok_word_in(s, j, QD_WC_PREP) ||
		    tok_word_in(s, j, QD_WC_CLAUSE) ||
		    (tok_verb(s, j) && !(cued && j == i &&
		                         !qd_word_is_past(tok_text(s, j), qd_tok_len(s, j)))) ||
		    (qd_tok_len(s, j) > 3 &&
		     strncasecmp(tok_text(s, j) + qd_tok_len(s, j) - 2, "ly", 2) == 0)) {
			break;
		}
		if (j - i + 1 > max)
			return SIZE_MAX;
		if (t->after || j + 1 >= s->n_toks) {
			j++;
			break;
		}
	}
	if (j == i)
		return SIZE_MAX;
	return j - 1;
}

/* Whether tokens [from, to] make a term worth a blank: not one vague
 * noun, not a generic modifier first, at least one word of three letters. */
static bool term_ok(const struct qd_sent *s, size_t from, size_t to)
{
	if (from == to && (tok_word_in(s, from, QD_WC_VAGUE) || qd_tok_len(s, from) < 3))
		return false;
	if (tok_word_in(s, from, QD_WC_GENERIC))
		return false;
	if (tok_word_in(s, to, QD_WC_VAGUE) && from == to)
		return false;
	return true;
}

static void add_term(struct qd_fsent *fs, size_t from, size_t to, bool *used, bool defined)
{
	const struct qd_sent *s = &fs->s;
	struct qd_fact *f = add_fact(fs, s->toks[from].start, s->toks[to].end, QD_FACT_TERM);

	f->defined = defined;
	for (size_t k = from; k <= to; k++)
		used[k] = true;
}

static void find_terms(struct reader *r, struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;

	for (size_t i = 0; i < s->n_toks; i++) {
		size_t next = SIZE_MAX;
		bool defined = false;
		/* "called X", "named X", "known as X", "referred to as X" */
		if ((qd_tok_is(s, i, "called") || qd_tok_is(s, i, "named") ||
		     qd_tok_is(s, i, "termed") || qd_tok_is(s, i, "dubbed") ||
		     qd_tok_is(s, i, "nicknamed")) && joined(s, i))
			next = i + 1;
		else if (i + 1 < s->n_toks && (qd_tok_is(s, i, "known") || qd_tok_is(s, i, "referred")) &&
		         joined(s, i) && joined(s, i + 1) && i + 2 < s->n_toks &&
		         qd_tok_is(s, i + 1, "as"))
			next = i + 2;
		else if (i + 2 < s->n_toks && qd_tok_is(s, i, "referred") && qd_tok_is(s, i + 1, "to") &&
		         qd_tok_is(s, i + 2, "as") && joined(s, i + 2) && i + 3 < s->n_toks)
			next = i + 3;
		if (next != SIZE_MAX) {
			defined = true;
			if (next < s->n_toks && qd_tok_is(s, next, "after"))
				continue; /* "named after X" */
			/* A name there is already a fact: mark it defined. */
			for (size_t k = 0; k < fs->n_facts; k++)
				if (fs->facts[k].start == s->toks[next].start)
					fs->facts[k].defined = true;
			size_t end = phrase_from(s, next, 3, used, true);
			if (end != SIZE_MAX) {
				size_t from = next;
				while (from < end && tok_word_in(s, from, QD_WC_DETERMINER))
					from++;
				if (term_ok(s, from, end) && !overlaps(fs, s->toks[from].start,
				                                       s->toks[end].end))
					add_term(fs, from, end, used, defined);
			}
			continue;
		}
		/* "enzymes such as invertase, which ...": one example named */
		if (i >= 1 && qd_tok_is(s, i, "as") && qd_tok_is(s, i - 1, "such") && joined(s, i) &&
		    i + 1 < s->n_toks && !used[i + 1] && (s->toks[i + 1].flags & QD_W_LOWER)) {
			size_t end = phrase_from(s, i + 1, 2, used, false);
			/* a single example ends at a comma or the sentence's end and
			 * is not the first of a list */
			if (end != SIZE_MAX && (end + 1 == s->n_toks ||
			                         (s->toks[end].after && s->toks[end].after != '(' &&
			                          !(end + 1 < s->n_toks && s->toks[end].after == ',' &&
			                            (s->toks[end + 1].flags & QD_W_LOWER) &&
			                            !tok_word_in(s, end + 1, QD_WC_CLAUSE)))) &&
			    term_ok(s, i + 1, end) && !overlaps(fs, s->toks[i + 1].start, s->toks[end].end))
				add_term(fs, i + 1, end, used, true);
		}
		/* "using cowpox to protect": what something is used as */
		if ((qd_tok_is(s, i, "using") || qd_tok_is(s, i, "use") || qd_tok_is(s, i, "uses")) &&
		    joined(s, i) && i + 2 < s->n_toks) {
			size_t a = i + 1, b = a;
			while (a < s->n_toks && tok_word_in(s, a, QD_WC_DETERMINER) && joined(s, a))
				a++;
			b = a;
			if (b + 1 < s->n_toks && joined(s, b) && (s->toks[b + 1].flags & QD_W_LOWER) &&
			    !tok_word_in(s, b + 1, QD_WC_STOP) && !tok_word_in(s, b + 1, QD_WC_PREP) &&
			    !tok_verb(s, b + 1))
				b++;
			struct stat_entry *e = a < s->n_toks ? stats_get(&r->words, tok_text(s, b),
			                                                 qd_tok_len(s, b), false) : NULL;
			if (a < s->n_toks && b + 1 < s->n_toks && joined(s, b) &&
			    (qd_tok_is(s, b + 1, "to") || qd_tok_is(s, b + 1, "for")) &&
			    (s->toks[a].flags & QD_W_LOWER) && !used[a] && !used[b] &&
			    !tok_word_in(s, a, QD_WC_STOP) && !tok_verb(s, a) && term_ok(s, a, b) &&
			    !(e && e->total >= 3) && !overlaps(fs, s->toks[a].start, s->toks[b].end))
				add_term(fs, a, b, used, false);
		}
		/* "without X", "used for X", "made of X" */
		if (joined(s, i) && i + 1 < s->n_toks &&
		    (qd_tok_is(s, i, "without") ||
		     (qd_tok_is(s, i, "for") && i > 0 &&
		      (qd_tok_is(s, i - 1, "used") || qd_tok_is(s, i - 1, "use") ||
		       (i > 1 && (qd_tok_is(s, i - 2, "uses") || qd_tok_is(s, i - 2, "use"))))) ||
		     ((qd_tok_is(s, i, "of") || qd_tok_is(s, i, "from")) && i > 0 &&
		      (qd_tok_is(s, i - 1, "made") || qd_tok_is(s, i - 1, "composed") ||
		       qd_tok_is(s, i - 1, "consists"))))) {
			size_t from = i + 1;
			while (from < s->n_toks && tok_word_in(s, from, QD_WC_DETERMINER) && joined(s, from))
				from++;
			size_t end = phrase_from(s, i + 1, 3, used, false);
			if (end != SIZE_MAX && end >= from) {
				/* the gerund phrase_from skipped */
				while (from < end && qd_tok_len(s, from) > 4 &&
				       strncasecmp(tok_text(s, from) + qd_tok_len(s, from) - 3, "ing", 3) == 0)
					from++;
				/* "without garbage collection"; one word after "without"
				 * is seldom the fact ("without permission") */
				bool one = end == from && qd_tok_is(s, i, "without");
				if (!one && term_ok(s, from, end) &&
				    !overlaps(fs, s->toks[from].start, s->toks[end].end))
					add_term(fs, from, end, used, false);
			}
			continue;
		}
		/* "X rather than Y", "X instead of Y": X, read backwards. */
		if (i > 0 && joined(s, i) && i + 1 < s->n_toks &&
		    ((qd_tok_is(s, i, "rather") && qd_tok_is(s, i + 1, "than")) ||
		     (qd_tok_is(s, i, "instead") && qd_tok_is(s, i + 1, "of"))) &&
		    !s->toks[i - 1].after) {
			size_t end = i - 1, from = end;
			/* back over content words; a verb's base form only as a
			 * modifier right after a preposition ("at compile time"), not
			 * after a subject ("Breville use electric pumps") */
			while (from > 0 && from + 2 > end + 1 && !s->toks[from - 1].after &&
			       (s->toks[from - 1].flags & QD_W_LOWER) && !used[from - 1] &&
			       !tok_word_in(s, from - 1, QD_WC_STOP) && !tok_word_in(s, from - 1, QD_WC_PREP) &&
			       !qd_word_is_past(tok_text(s, from - 1), qd_tok_len(s, from - 1)) &&
			       !(tok_verb(s, from - 1) &&
			         !(from >= 2 && (tok_word_in(s, from - 2, QD_WC_PREP) ||
			                         tok_word_in(s, from - 2, QD_WC_DETERMINER)))))
				from--;
			if (!used[end] && (s->toks[end].flags & QD_W_LOWER) && !tok_verb(s, end) &&
			    term_ok(s, from, end) &&
			    !tok_word_in(s, end, QD_WC_STOP) && !overlaps(fs, s->toks[from].start,
			                                                  s->toks[end].end))
				add_term(fs, from, end, used, false);
		}
	}
	/* "X, a/an/the Y": X named and described ("in a Dutch oven, a heavy
	 * lidded pot", "practised variolation, a riskier method", "making
	 * antibodies, Y-shaped proteins that ..."). Not in an opening phrase
	 * ("In the morning, the baker ..."). */
	bool opening = s->n_toks && (tok_word_in(s, 0, QD_WC_PREP) || tok_word_in(s, 0, QD_WC_LEAD));
	for (size_t i = 0; i + 2 < s->n_toks; i++) {
		const struct qd_tok *t = &s->toks[i];
		if (t->after != ',' || t->last != ',' || t->paren)
			continue;
		if (opening && i > 0) {
			opening = false; /* the first comma ends the opening phrase */
			continue;
		}
		bool described = qd_tok_is(s, i + 1, "a") || qd_tok_is(s, i + 1, "an") ||
		                 qd_tok_is(s, i + 1, "the") ||
		                 /* "Bronze, made mostly of copper and tin," */
		                 (i == 0 && qd_tok_is(s, i + 1, "made"));
		/* or a short description and a relative clause: ", Y-shaped proteins that" */
		for (size_t k = i + 2; !described && k < s->n_toks && k <= i + 4; k++) {
			if (s->toks[k - 1].after)
				break;
			if (qd_tok_is(s, k, "that") || qd_tok_is(s, k, "which") || qd_tok_is(s, k, "who"))
				described = !tok_word_in(s, i + 1, QD_WC_STOP) &&
				            !tok_verb(s, i + 1) && !(s->toks[i + 1].flags & QD_W_DIGIT);
		}
		if (described && (qd_tok_is(s, i + 1, "a") || qd_tok_is(s, i + 1, "an") ||
		                  qd_tok_is(s, i + 1, "the")) &&
		    (tok_word_in(s, i + 2, QD_WC_STOP) || tok_word_in(s, i + 2, QD_WC_PREP)))
			described = false; /* ", a little like yoghurt" describes nothing */
		/* An apposition ends before the sentence goes on: ", the wreck
		 * has been protected" opens the main clause instead. */
		for (size_t k = i + 2; described && k < s->n_toks && k <= i + 9; k++) {
			if (qd_tok_is(s, k, "that") || qd_tok_is(s, k, "which") ||
			    qd_tok_is(s, k, "who") || s->toks[k].after || k + 1 == s->n_toks)
				break;
			if (tok_word_in(s, k, QD_WC_CLAUSE) ||
			    (tok_verb(s, k) && !qd_word_is_past(tok_text(s, k), qd_tok_len(s, k))))
				described = false; /* a participle ("a library begun by") is fine */
		}
		/* "Brass, an alloy of copper and zinc": the first word of a
		 * sentence, capitalised only for being first */
		if (described && i == 0 && (t->flags & QD_W_CAP) && !used[0] &&
		    !(t->flags & (QD_W_ALLCAPS | QD_W_INNER_CAP | QD_W_DIGIT)) &&
		    !tok_word_in(s, 0, QD_WC_STOP) && !tok_word_in(s, 0, QD_WC_LEAD) &&
		    qd_tok_len(s, 0) >= 3) {
			add_term(fs, 0, 0, used, true);
			continue;
		}
		if (!described || i == 0 || tok_word_in(s, i, QD_WC_STOP) || tok_verb(s, i) ||
		    (t->flags & QD_W_DIGIT) || !(t->flags & QD_W_LOWER))
			continue;
		/* X: this word and, perhaps, one more before it ("Dutch oven"). */
		size_t from = i;
		if (from > 0 && !s->toks[from - 1].after && !tok_word_in(s, from - 1, QD_WC_STOP) &&
		    !tok_word_in(s, from - 1, QD_WC_PREP) && !tok_verb(s, from - 1) &&
		    !qd_word_is_past(tok_text(s, from - 1), qd_tok_len(s, from - 1)) &&
		    !(s->toks[from - 1].flags & QD_W_DIGIT)) {
			/* A single word read as a name ("Dutch") joins the term. */
			struct qd_fact *nf = fact_at(fs, s->toks[from - 1].start, s->toks[from - 1].end);
			if (!used[from - 1] || (nf && nf->kind == QD_FACT_NAME)) {
				if (nf)
					remove_fact(fs, (size_t)(nf - fs->facts));
				used[from - 1] = false;
				from--;
			}
		}
		/* X is a whole noun phrase: what stands before it is an article,
		 * a preposition or a verb, not "if" or "one" */
		size_t b = from - 1;
		bool np = from > 0 && (tok_word_in(s, b, QD_WC_DETERMINER) ||
		                       tok_word_in(s, b, QD_WC_PREP) || qd_tok_is(s, b, "while") ||
		                       qd_tok_is(s, b, "whereas") || qd_tok_is(s, b, "and") ||
		                       qd_tok_is(s, b, "but") ||
		                       (!tok_word_in(s, b, QD_WC_STOP) && !tok_word_in(s, b, QD_WC_CLAUSE)));
		if (used[i] || !np || !term_ok(s, from, i) ||
		    overlaps(fs, s->toks[from].start, t->end) ||
		    (qd_tok_len(s, from) > 3 &&
		     strncasecmp(tok_text(s, from) + qd_tok_len(s, from) - 2, "ly", 2) == 0))
			continue;
		add_term(fs, from, i, used, true);
	}

	/* Short quoted phrases: “leg godt”, “dosing and tamping”. */
	for (size_t i = 0; i < s->n_toks; i++) {
		if (!(s->toks[i].flags & QD_W_QUOTED) || (i > 0 && (s->toks[i - 1].flags & QD_W_QUOTED)))
			continue;
		size_t j = i;
		bool clause = false;
		while (j + 1 < s->n_toks && (s->toks[j + 1].flags & QD_W_QUOTED))
			j++;
		for (size_t k = i; k <= j; k++)
			if (tok_word_in(s, k, QD_WC_CLAUSE) || tok_verb(s, k) || used[k] ||
			    (k < j && s->toks[k].after))
				clause = true;
		if (clause || j - i + 1 > 4 || s->toks[j].after != '"' || s->text[s->toks[j].end] != '"')
			continue;
		add_term(fs, i, j, used, true);
	}
	/* The last noun phrase of a clause after a preposition: "combine the
	 * work with a merge.", "give off carbon dioxide, which ...". */
	for (size_t i = 1; i < s->n_toks; i++) {
		const struct qd_tok *t = &s->toks[i];
		bool end = i + 1 == s->n_toks ||
		           (t->after == ',' && i + 1 < s->n_toks &&
		            (qd_tok_is(s, i + 1, "which") || qd_tok_is(s, i + 1, "while") ||
		             qd_tok_is(s, i + 1, "who") ||
		             (qd_tok_is(s, i + 1, "in") && i + 2 < s->n_toks &&
		              qd_tok_is(s, i + 2, "which"))));
		if (!end || used[i] || !(t->flags & QD_W_LOWER) || (t->flags & QD_W_DIGIT) ||
		    tok_word_in(s, i, QD_WC_STOP) || tok_verb(s, i) || t->paren)
			continue;
		size_t from = i;
		if (from > 1 && !s->toks[from - 1].after && !used[from - 1] &&
		    (s->toks[from - 1].flags & QD_W_LOWER) && !tok_word_in(s, from - 1, QD_WC_STOP) &&
		    !tok_word_in(s, from - 1, QD_WC_PREP) && !tok_verb(s, from - 1) &&
		    !tok_word_in(s, from - 1, QD_WC_GENERIC))
			from--;
		size_t p = from - 1;
		bool det = tok_word_in(s, p, QD_WC_DETERMINER) && p > 0;
		if (det)
			p--;
		/* a bare word after a preposition may be an idiom ("at bay", "by
		 * hand", "in time"), not a term */
		static const char *const idioms[] = {
			"bay", "hand", "time", "place", "turn", "fact", "least", "most", "once",
			"first", "last", "large", "general", "particular", "short", "total", "addition",
			"contrast", "practice", "theory", "advance", "order", "person", "public",
			"private", "common", "detail", "effect", "mind", "sight", "demand", "stock",
			"line", "charge", "control", "check", "touch", "fashion", "trouble", "danger",
			"use", "need", "full", "part", "whole", "return", "response", "case", "board",
			"hold", "home", "work", "school", "bed", "heart", "length", "depth", "principle",
			"average", "common", "time", "itself", "themselves", "sum", "fun", "purpose",
			NULL,
		};
		/* One word alone needs an article ("with a merge"; not "without
		 * permission", "on top", "to install"), is no gerund ("after the
		 * sinking") and no word the article keeps using ("the metal"). */
		bool lone = from == i;
		const char *tw = tok_text(s, i);
		size_t tn = qd_tok_len(s, i);
		struct stat_entry *e = stats_get(&r->words, tw, tn, false);
		bool possessive = tok_word_in(s, from - 1, QD_WC_DETERMINER) &&
		                  !qd_tok_is(s, from - 1, "a") && !qd_tok_is(s, from - 1, "an") &&
		                  !qd_tok_is(s, from - 1, "the");
		if (!tok_word_in(s, p, QD_WC_PREP) || s->toks[p].after || !term_ok(s, from, i) ||
		    (lone && (!det || possessive || word_listed(idioms, tw, tn) ||
		              (tn > 4 && strncasecmp(tw + tn - 3, "ing", 3) == 0) ||
		              (e && e->total >= 3))) ||
		    overlaps(fs, s->toks[from].start, t->end))
			continue;
		add_term(fs, from, i, used, false);
		/* "with baker's percentages, in which ...": the clause defines it */
		if (i + 2 < s->n_toks && qd_tok_is(s, i + 1, "in"))
			fs->facts[fs->n_facts - 1].defined = true;
		else
			fs->facts[fs->n_facts - 1].tail = true;
	}
}

/* ---- enumerations ---- */

struct seg {
	size_t *toks;       /* top-level token indexes */
	size_t n;           /* top-level words */
	size_t first, last; /* token range, inclusive */
};

static bool is_pronoun(const struct qd_sent *s, size_t i)
{
	static const char *const pronouns[] = {"it", "they", "he", "she", "we", "you", "i",
	                                       "them", "him", "her", "us", "this", "these",
	                                       "those", NULL};
	return word_listed(pronouns, tok_text(s, i), qd_tok_len(s, i));
}

/* The item a middle segment holds: its words up to the first
 * preposition or clause word ("git status to see what changed" holds "git
 * status"), at most four. Returns the number of words, or 0. */
static size_t segment_head(const struct qd_sent *s, const struct seg *g, bool cmd, bool tails)
{
	size_t h = 0;

	if (g->n < 1 || qd_tok_is(s, g->toks[0], "and") || qd_tok_is(s, g->toks[0], "or") ||
	    qd_tok_is(s, g->toks[0], "such"))
		return 0;
	while (h < g->n && !tok_word_in(s, g->toks[h], QD_WC_CLAUSE) &&
	       !tok_word_in(s, g->toks[h], QD_WC_PREP) && !qd_tok_is(s, g->toks[h], "such") &&
	       !(h > 0 && !(cmd && h == 1) && tok_verb(s, g->toks[h]) &&
	         !qd_word_is_past(tok_text(s, g->toks[h]), qd_tok_len(s, g->toks[h]))))
		h++;
	if (h == 0 || h > 4)
		return 0;
	/* Words after the head make it a phrase with a purpose ("git add to
	 * stage files"), in a list announced by a colon only; there only "to"
	 * or "for" may start that tail. */
	if (h < g->n && (!tails || (!qd_tok_is(s, g->toks[h], "to") &&
	                            !qd_tok_is(s, g->toks[h], "for"))))
		return 0;
	return h;
}

/* An item is a short noun phrase: not opened by a preposition or a
 * function word (once determiners are dropped), not ended by one, with no
 * verb after its first word and no digit. */
static bool item_ok(const struct reader *r, const struct qd_sent *s, size_t from, size_t to)
{
	if (to < from || to - from >= 4)
		return false;
	/* "git commit": the subject written as a command takes any word */
	if (to == from + 1 && is_subject(r, tok_text(s, from), qd_tok_len(s, from)) &&
	    (s->toks[from].flags & QD_W_LOWER))
		return true;
	if (tok_word_in(s, from, QD_WC_PREP) || tok_word_in(s, from, QD_WC_STOP) ||
	    tok_word_in(s, to, QD_WC_STOP) || tok_word_in(s, to, QD_WC_PREP))
		return false;
	for (size_t k = from; k <= to; k++) {
		if (k > from && tok_verb(s, k) && !qd_word_is_past(tok_text(s, k), qd_tok_len(s, k)))
			return false;
		if (k == to && k > from && qd_word_is_past(tok_text(s, k), qd_tok_len(s, k)))
			return false;
		if (tok_word_in(s, k, QD_WC_CLAUSE))
			return false;
	}
	if (from == to && tok_verb(s, from) && !(s->toks[from].flags & QD_W_CAP))
		return false;
	/* "offering excellent performance" is a clause, not an item */
	if (to > from && qd_tok_len(s, from) > 4 &&
	    strncasecmp(tok_text(s, from) + qd_tok_len(s, from) - 3, "ing", 3) == 0 &&
	    !(s->toks[from].flags & QD_W_CAP))
		return false;
	return true;
}

/* Records an item, reusing a fact (a name) with exactly its span. */
static bool list_item(const struct reader *r, struct qd_fsent *fs, size_t from, size_t to,
                      int list, size_t pos, bool *used, bool dry)
{
	const struct qd_sent *s = &fs->s;
	size_t start, end;
	struct qd_fact *t;

	while (from < to && tok_word_in(s, from, QD_WC_DETERMINER))
		from++;
	start = s->toks[from].start;
	end = s->toks[to].end;
	t = fact_at(fs, start, end);
	if (!t) {
		/* An item that starts or ends with a name is that name. */
		for (size_t k = 0; k < fs->n_facts && !t; k++) {
			struct qd_fact *x = &fs->facts[k];
			if (x->kind == QD_FACT_NAME && ((x->start == start && x->end <= end) ||
			                                (x->end == end && x->start >= start)))
				t = x;
		}
	}
	if (dry)
		return t || (item_ok(r, s, from, to) && !overlaps(fs, start, end));
	if (!t) {
		for (size_t k = from; k <= to; k++)
			used[k] = true;
		t = add_fact(fs, start, end, QD_FACT_ITEM);
	}
	t->list = list;
	t->list_pos = pos;
	return true;
}

/* Gives every item of list a list_len. */
static void close_list(struct qd_fsent *fs, int list)
{
	size_t n = 0;

	for (size_t k = 0; k < fs->n_facts; k++)
		n += fs->facts[k].list == list;
	for (size_t k = 0; k < fs->n_facts; k++)
		if (fs->facts[k].list == list)
			fs->facts[k].list_len = n;
}

/* Records the items [items[m][0], items[m][1]] (token ranges) as one list,
 * if every one is a fair item; else records nothing. Returns whether it did. */
static bool add_list(struct reader *r, struct qd_fsent *fs, size_t (*items)[2], size_t n,
                     bool *used)
{
	for (size_t m = 0; m < n; m++)
		if (!list_item(r, fs, items[m][0], items[m][1], 0, 0, used, true))
			return false;
	int id = r->next_list++;
	for (size_t m = 0; m < n; m++)
		list_item(r, fs, items[m][0], items[m][1], id, m, used, false);
	close_list(fs, id);
	return true;
}

/* "A, B, and C" / "A, B and C" at the top level of the sentence, and
 * comma lists in parentheses. Every item must be a short noun phrase; a
 * fronted phrase ("Over decades, air and rain ...") is not an item. */
static void find_lists(struct reader *r, struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;
	struct seg *segs = NULL;
	size_t n_segs = 0, n_top = 0;
	size_t *top = qd_xmalloc((s->n_toks + 1) * sizeof(*top));
	size_t items[32][2];

	for (size_t i = 0; i < s->n_toks; i++) {
		char pl = i ? s->toks[i - 1].last : 0;
		if (i == 0 || (pl == ',' && s->toks[i].paren == 0) ||
		    (pl && pl != ',' && pl != '(' && pl != ')' && pl != '"' && s->toks[i].paren == 0)) {
			segs = qd_xrealloc(segs, (n_segs + 1) * sizeof(*segs));
			memset(&segs[n_segs], 0, sizeof(*segs));
			segs[n_segs].first = i;
			segs[n_segs].toks = top + n_top;
			n_segs++;
		}
		struct seg *g = &segs[n_segs - 1];
		g->last = i;
		if (s->toks[i].paren == 0) {
			top[n_top++] = i;
			g->n++;
		}
	}
	for (size_t j = 1; j < n_segs; j++) {
		struct seg *last = &segs[j];
		size_t conj = 0;
		while (conj < last->n && conj <= 4 && !qd_tok_is(s, last->toks[conj], "and") &&
		       !qd_tok_is(s, last->toks[conj], "or")) {
			if (tok_word_in(s, last->toks[conj], QD_WC_CLAUSE) ||
			    tok_word_in(s, last->toks[conj], QD_WC_PREP))
				break;
			conj++;
		}
		if (conj >= last->n || conj > 4 || conj + 1 >= last->n ||
		    (!qd_tok_is(s, last->toks[conj], "and") && !qd_tok_is(s, last->toks[conj], "or")))
			continue;
		if (s->toks[segs[j].first - 1].last != ',')
			continue;
		size_t k = j - 1, maxw = conj, heads[32];
		bool cmd = last->n > conj + 1 &&
		           is_subject(r, tok_text(s, last->toks[conj + 1]), qd_tok_len(s, last->toks[conj + 1])) &&
		           (s->toks[last->toks[conj + 1]].flags & QD_W_LOWER);
		/* A list announced by a colon: "commands: A to X, B to Y, and C". */
		bool tails = false;
		for (size_t m = j; m-- > 0;) {
			if (!segment_head(s, &segs[m], cmd, true) || segs[m].first == 0)
				break;
			if (s->toks[segs[m].first - 1].last == ':') {
				tails = true;
				break;
			}
			if (s->toks[segs[m].first - 1].last != ',')
				break;
		}
		while (k >= 1 && (heads[k % 32] = segment_head(s, &segs[k], cmd, tails)) &&
		       s->toks[segs[k].first - 1].last == ',') {
			if (heads[k % 32] > maxw)
				maxw = heads[k % 32];
			k--;
		}
		if (k + 1 == j && conj == 0)
			continue; /* no middle item */
		/* "styrene (ABS), a hard and glossy plastic": one comma and a
		 * determiner after it is an apposition, not a list. */
		if (k + 1 == j && tok_word_in(s, last->toks[0], QD_WC_DETERMINER))
			continue;
		struct seg *fsg = &segs[k];
		size_t take = 0, limit = maxw + 1 > 3 ? maxw + 1 : 3, nf = fsg->n;
		if (!nf)
			continue;
		/* A segment opened by "and" ends an earlier list: "Actix-web,
		 * Rocket, and Axum, offering X and Y" has no list after Axum. */
		if (qd_tok_is(s, fsg->toks[0], "and") || qd_tok_is(s, fsg->toks[0], "or"))
			continue;
		size_t f0;
		bool after_colon = tails && fsg->first > 0 && s->toks[fsg->first - 1].last == ':';
		if (after_colon) {
			/* "commands: git status to see what changed, ...": the
			 * first item is the head of its segment, like the others. */
			size_t h = segment_head(s, fsg, cmd, tails);
			if (!h)
				continue;
			f0 = 0;
			nf = h;
		} else {
			while (take < nf && take < limit) {
				size_t ti = fsg->toks[nf - 1 - take];
				if (tok_word_in(s, ti, QD_WC_CLAUSE) || tok_word_in(s, ti, QD_WC_PREP) ||
				    qd_tok_is(s, ti, "and") || qd_tok_is(s, ti, "or") ||
				    (s->toks[ti].paren == 0 && s->toks[ti].after && ti != fsg->toks[nf - 1]) ||
				    (take > 0 && tok_verb(s, ti)))
					break;
				take++;
			}
			if (take == 0)
				continue;
			f0 = nf - take;
			/* "because it blocks light, ...": after a subject pronoun the
			 * first word is the verb */
			if (take > 1 && f0 > 0 && is_pronoun(s, fsg->toks[f0 - 1]))
				f0++;
			if (take > 1 && f0 > 0 && tok_word_in(s, fsg->toks[f0 - 1], QD_WC_PREP)) {
				size_t ti = fsg->toks[f0];
				if ((qd_tok_len(s, ti) > 4 &&
				     strncmp(tok_text(s, ti) + qd_tok_len(s, ti) - 3, "ing", 3) == 0) ||
				    qd_tok_is(s, fsg->toks[f0 - 1], "to"))
					f0++;
			}
		}
		/* An item ending with a name is that name. */
		for (size_t m = 0; m < fs->n_facts; m++) {
			const struct qd_fact *x = &fs->facts[m];
			if (x->kind == QD_FACT_NAME && x->end == s->toks[fsg->toks[nf - 1]].end &&
			    x->start > s->toks[fsg->toks[f0]].start)
				while (f0 < nf && s->toks[fsg->toks[f0]].start < x->start)
					f0++;
		}
		/* "Afterwards, some B cells and T cells": with one comma, a first
		 * item at the start of the sentence is more often an opening
		 * phrase than an item. */
		if (j == k + 1 && fsg->toks[f0] == 0)
			continue;
		/* A fronted phrase is no item: "Over decades, air and rain"; but
		 * "Through the 1930s the workshop turned out A, B and C" is a list. */
		bool fronted = k == 0 && f0 > 0 && f0 <= 2 && fsg->toks[0] == 0 &&
		               (tok_word_in(s, 0, QD_WC_PREP) || tok_word_in(s, 0, QD_WC_LEAD));
		size_t first_len = nf - f0;
		size_t l0 = conj + 1, l1 = conj + 1;
		bool by_prep = false, by_bound = false;
		while (l1 < last->n) {
			size_t ti = last->toks[l1];
			if (tok_word_in(s, ti, QD_WC_CLAUSE) ||
			    (l1 > l0 && !(cmd && l1 == l0 + 1) && tok_verb(s, ti) &&
			     !qd_word_is_past(tok_text(s, ti), qd_tok_len(s, ti)))) {
				by_bound = true;
				break;
			}
			if (tok_word_in(s, ti, QD_WC_PREP)) {
				by_prep = true;
				break;
			}
			if (s->toks[ti].after) {
				l1++;
				by_bound = true;
				break;
			}
			l1++;
		}
		size_t lw = l1 - l0, lim = maxw > first_len ? maxw : first_len;
		if (lw == 0)
			continue;
		/* "... or check that servers are running": a verb, so the items
		 * are things done, not things */
		if (l1 < last->n && qd_tok_is(s, last->toks[l1], "that") && lw == 1)
			continue;
		/* "and bicycles use it": before an object pronoun stands a verb */
		if (l1 < last->n && lw > 1 && is_pronoun(s, last->toks[l1]))
			lw--;
		else if (by_prep && lw > lim && !tok_word_in(s, last->toks[l0], QD_WC_DETERMINER))
			lw--;
		if (!by_prep && !by_bound && lw > 4)
			lw = lim;
		if (lw > 4)
			lw = 4;
		for (size_t m = 0; m < fs->n_facts; m++) {
			const struct qd_fact *x = &fs->facts[m];
			if (x->kind != QD_FACT_NAME || x->start != s->toks[last->toks[l0]].start)
				continue;
			for (size_t w = 1; w <= lw; w++)
				if (s->toks[last->toks[l0 + w - 1]].end == x->end)
					lw = w;
		}
		size_t ni = 0;
		if (!fronted) {
			items[ni][0] = fsg->toks[f0];
			items[ni][1] = fsg->toks[nf - 1];
			ni++;
		}
		for (size_t m = k + 1; m < j && ni < 30; m++) {
			items[ni][0] = segs[m].toks[0];
			items[ni][1] = segs[m].toks[heads[m % 32] - 1];
			ni++;
		}
		if (conj) {
			items[ni][0] = last->toks[0];
			items[ni][1] = last->toks[conj - 1];
			ni++;
		}
		items[ni][0] = last->toks[l0];
		items[ni][1] = last->toks[l0 + lw - 1];
		ni++;
		if (ni >= 3)
			add_list(r, fs, items, ni, used);
	}
	free(segs);
	free(top);

	/* Two things something is made of or turned into: "made of copper and
	 * tin", "splits sucrose into glucose and fructose". */
	for (size_t i = 2; i + 1 < s->n_toks; i++) {
		if (!qd_tok_is(s, i, "and") || s->toks[i].paren || !joined(s, i) || !joined(s, i - 1))
			continue;
		size_t a0 = i - 1, b1 = i + 1;
		if (a0 > 0 && joined(s, a0 - 1) && (s->toks[a0 - 1].flags & QD_W_LOWER) &&
		    !tok_word_in(s, a0 - 1, QD_WC_STOP) && !tok_word_in(s, a0 - 1, QD_WC_PREP))
			a0--;
		if (a0 == 0)
			continue;
		size_t p = a0 - 1;
		bool cue = qd_tok_is(s, p, "into") ||
		           ((qd_tok_is(s, p, "of") || qd_tok_is(s, p, "from")) && p > 0 &&
		            (qd_tok_is(s, p - 1, "made") || qd_tok_is(s, p - 1, "composed") ||
		             qd_tok_is(s, p - 1, "consists") ||
		             (p > 1 && qd_tok_is(s, p - 2, "made"))));
		if (!cue)
			continue;
		if (b1 + 1 < s->n_toks && joined(s, b1) && (s->toks[b1 + 1].flags & QD_W_LOWER) &&
		    !tok_word_in(s, b1 + 1, QD_WC_STOP) && !tok_word_in(s, b1 + 1, QD_WC_PREP) &&
		    !tok_verb(s, b1 + 1))
			b1++;
		bool closed = b1 + 1 >= s->n_toks || s->toks[b1].after ||
		              tok_word_in(s, b1 + 1, QD_WC_CLAUSE) || tok_word_in(s, b1 + 1, QD_WC_PREP);
		if (!closed || !item_ok(r, s, a0, i - 1) || !item_ok(r, s, i + 1, b1))
			continue;
		size_t pair[2][2] = {{a0, i - 1}, {i + 1, b1}};
		add_list(r, fs, pair, 2, used);
	}

	/* "(ripgrep, tokei, exa)" */
	for (size_t i = 1; i < s->n_toks; i++) {
		if (s->toks[i].paren != 1 || s->toks[i - 1].after != '(')
			continue;
		size_t ni = 0, a = i, k = i;
		bool ok = true;
		for (;; k++) {
			if (k >= s->n_toks || s->toks[k].paren != 1) {
				ok = false;
				break;
			}
			char p = s->toks[k].after;
			if (p == ',' || p == ')') {
				if (ni == 30 || k - a >= 4) {
					ok = false;
					break;
				}
				items[ni][0] = a;
				items[ni][1] = k;
				ni++;
				a = k + 1;
				if (p == ')')
					break;
			} else if (p) {
				ok = false;
				break;
			}
		}
		if (ok && ni >= 2)
			add_list(r, fs, items, ni, used);
	}

	/* A technical word after "like", "such as" or "including"
	 * ("wasm-pack"), or alone in parentheses ("(crates.io)"), is a name. */
	for (size_t i = 1; i < s->n_toks; i++) {
		const struct qd_tok *t = &s->toks[i];
		bool after = (!s->toks[i - 1].after &&
		              (qd_tok_is(s, i - 1, "like") || qd_tok_is(s, i - 1, "including") ||
		               (i >= 2 && qd_tok_is(s, i - 1, "as") && qd_tok_is(s, i - 2, "such")))) ||
		             (s->toks[i - 1].after == '(' && t->after == ')' && t->paren == 1);
		bool technical = false, dotted = false;
		if (used[i])
			continue;
		for (size_t k = t->start + 1; k + 1 < t->end; k++) {
			if (strchr("-._", s->text[k]) || (s->text[k] >= '0' && s->text[k] <= '9'))
				technical = true;
			if ((s->text[k] == '.' || s->text[k] == '_') && s->text[k + 1] != '.')
				dotted = true;
		}
		/* "golang.org", "sqlite_utils": written like code anywhere */
		if (!after && !(dotted && (t->flags & QD_W_LOWER)))
			continue;
		if (technical) {
			add_fact(fs, t->start, t->end, QD_FACT_NAME);
			used[i] = true;
		}
	}
}

/* ---- key terms ---- */

static void find_key_terms(struct reader *r, struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;
	struct qd_buf b;

	qd_buf_init(&b);
	for (size_t i = 0; i + 1 < s->n_toks; i++) {
		if (used[i] || used[i + 1] || !pair_at(s, i, &b))
			continue;
		struct stat_entry *e = stats_get(&r->pairs, b.data, b.len, false);
		if (!e || e->total < 2 || tok_word_in(s, i, QD_WC_GENERIC) ||
		    tok_word_in(s, i + 1, QD_WC_VAGUE) ||
		    is_subject(r, tok_text(s, i), qd_tok_len(s, i)) ||
		    is_subject(r, tok_text(s, i + 1), qd_tok_len(s, i + 1)) ||
		    (qd_tok_len(s, i) > 3 &&
		     strncasecmp(tok_text(s, i) + qd_tok_len(s, i) - 2, "ly", 2) == 0))
			continue;
		/* "version control system": a key pair inside a longer compound is
		 * asked whole. */
		size_t to = i + 1;
		if (to + 1 < s->n_toks && joined(s, to) && !used[to + 1] &&
		    (s->toks[to + 1].flags & QD_W_LOWER) && !tok_word_in(s, to + 1, QD_WC_STOP) &&
		    !tok_word_in(s, to + 1, QD_WC_PREP) && !tok_verb(s, to + 1) &&
		    !tok_word_in(s, to + 1, QD_WC_CLAUSE))
			to++;
		add_fact(fs, s->toks[i].start, s->toks[to].end, QD_FACT_KEY);
		for (size_t k = i; k <= to; k++)
			used[k] = true;
		i = to;
	}
	qd_buf_release(&b);
}

/* ---- definitions ---- */

/* "X is a/an/the Y": X a name fact or up to three words from the start. */
static void find_definition(struct qd_fsent *fs)
{
	const struct qd_sent *s = &fs->s;

	for (size_t k = 1; k + 1 < s->n_toks && k <= 4; k++) {
		if (!(qd_tok_is(s, k, "is") || qd_tok_is(s, k, "are") || qd_tok_is(s, k, "was")))
			continue;
		if (!(qd_tok_is(s, k + 1, "a") || qd_tok_is(s, k + 1, "an") ||
		      qd_tok_is(s, k + 1, "the")))
			return;
		size_t from = 0;
		if (tok_word_in(s, 0, QD_WC_DETERMINER))
			from = 1;
		if (from >= k)
			return;
		for (size_t j = from; j < k; j++)
			if (s->toks[j].after || tok_word_in(s, j, QD_WC_STOP) ||
			    tok_word_in(s, j, QD_WC_PREP) || (s->toks[j].flags & QD_W_DIGIT))
				return;
		fs->definition = true;
		fs->def_start = s->toks[from].start;
		fs->def_end = s->toks[k - 1].end;
		fs->body_start = s->toks[k + 1].start;
		return;
	}
}

/* ---- classes of names ---- */

static void add_class(struct qd_facts *f, struct qd_strv *members)
{
	if (members->len < 2) {
		qd_strv_clear(members);
		return;
	}
	for (size_t c = 0; c < f->n_classes; c++) {
		const struct qd_strv *m = &f->classes[c].members;
		bool same = m->len == members->len;
		for (size_t i = 0; same && i < m->len; i++)
			same = strcmp(m->items[i], members->items[i]) == 0;
		if (same) {
			qd_strv_clear(members);
			return;
		}
	}
	f->classes = qd_xrealloc(f->classes, (f->n_classes + 1) * sizeof(*f->classes));
	f->classes[f->n_classes++].members = *members;
	memset(members, 0, sizeof(*members));
}

static void find_classes(struct qd_facts *f)
{
	struct qd_strv persons = {NULL, 0};

	for (size_t u = 0; u < f->n_units; u++) {
		const struct qd_unit *un = &f->units[u];
		struct qd_strv answer_names = {NULL, 0};
		/* "What/Which [adjectives] NOUNS ...?": the names answering it. */
		bool asks_names = un->kind == QD_UNIT_QUESTION &&
		                  (strncasecmp(un->heading, "what ", 5) == 0 ||
		                   strncasecmp(un->heading, "which ", 6) == 0);
		for (size_t i = 0; i < un->n_sents; i++) {
			const struct qd_fsent *fs = &un->sents[i];
			/* Names listed together. */
			for (size_t k = 0; k < fs->n_facts; k++) {
				const struct qd_fact *x = &fs->facts[k];
				if (x->list < 0 || x->list_pos != 0)
					continue;
				struct qd_strv m = {NULL, 0};
				bool all = true;
				for (size_t j = 0; j < fs->n_facts; j++) {
					const struct qd_fact *y = &fs->facts[j];
					if (y->list != x->list)
						continue;
					if (y->kind != QD_FACT_NAME)
						all = false;
					char *t = qd_fact_text(fs, y);
					qd_strv_push(&m, t);
					free(t);
				}
				if (all)
					add_class(f, &m);
				else
					qd_strv_clear(&m);
			}
			for (size_t k = 0; k < fs->n_facts; k++) {
				const struct qd_fact *x = &fs->facts[k];
				if (x->kind != QD_FACT_NAME)
					continue;
				char *t = qd_fact_text(fs, x);
				if (asks_names && !x->person && (x->list >= 0 || x->start == 0) &&
				    !qd_strv_has(&answer_names, t))
					qd_strv_push(&answer_names, t);
				if (x->person && !qd_strv_has(&persons, t))
					qd_strv_push(&persons, t);
				free(t);
			}
		}
		if (answer_names.len >= 3)
			add_class(f, &answer_names);
		else
			qd_strv_clear(&answer_names);
	}
	if (persons.len >= 3)
		add_class(f, &persons);
	else
		qd_strv_clear(&persons);
}

/* Whether a and b name the same thing: equal, or one the other's last
 * word ("Armstrong", "Neil A. Armstrong"), ASCII case-blind. */
static bool same_name(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	const char *l = na >= nb ? a : b, *s = na >= nb ? b : a;
	size_t nl = strlen(l), ns = strlen(s);

	if (strcasecmp(a, b) == 0)
		return true;
	return ns >= 3 && nl > ns && strcasecmp(l + nl - ns, s) == 0 && l[nl - ns - 1] == ' ';
}

void qd_facts_classmates(const struct qd_facts *f, const char *name, struct qd_strv *out)
{
	for (size_t c = 0; c < f->n_classes; c++) {
		const struct qd_strv *m = &f->classes[c].members;
		bool member = false;
		for (size_t i = 0; i < m->len && !member; i++)
			member = same_name(m->items[i], name);
		if (!member)
			continue;
		for (size_t i = 0; i < m->len; i++) {
			bool dup = same_name(m->items[i], name);
			for (size_t k = 0; k < out->len && !dup; k++)
				dup = same_name(out->items[k], m->items[i]);
			if (!dup)
				qd_strv_push(out, m->items[i]);
		}
	}
}

bool qd_facts_has_number(const struct qd_facts *f, double v)
{
	for (size_t i = 0; i < f->n_numbers; i++)
		if (fabs(f->numbers[i] - v) < 1e-9)
			return true;
	return false;
}

/* ---- the whole article ---- */

static int fact_cmp(const void *x, const void *y)
{
	const struct qd_fact *a = x, *b = y;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return (a->end > b->end) - (a->end < b->end);
}

/* "China, by a wide margin: ...": a related answer that opens with a
 * capitalised word set off by punctuation opens with its answer, a name. */
static void find_answer_name(struct reader *r, struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;
	size_t j = 0;

	if (!s->n_toks || !(s->toks[0].flags & QD_W_CAP) || used[0] ||
	    tok_word_in(s, 0, QD_WC_STOP) || tok_word_in(s, 0, QD_WC_LEAD) ||
	    tok_word_in(s, 0, QD_WC_DETERMINER) || number_word_at(s, 0, false))
		return;
	while (j + 1 < s->n_toks && !s->toks[j].after && (s->toks[j + 1].flags & QD_W_CAP) &&
	       j < 3)
		j++;
	if (s->toks[j].after != ',' && s->toks[j].after != ':' && s->toks[j].after != '-')
		return; /* "D. Richard Hipp": an initial, read as a name below */
	(void)r;
	add_fact(fs, s->toks[0].start, s->toks[j].end, QD_FACT_NAME);
	for (size_t k = 0; k <= j; k++)
		used[k] = true;
}

static void read_sentence(struct reader *r, struct qd_fsent *fs, bool answer_start)
{
	bool *used;

	/* A "sentence" of hundreds of words is a list or a paste, not
	 * something a card can show; reading it would only cost time. */
	if (fs->s.n_toks > QD_FACTS_MAX_WORDS)
		return;
	used = qd_xcalloc(fs->s.n_toks + 1, sizeof(*used));

	find_dates(r, fs, used);
	if (answer_start)
		find_answer_name(r, fs, used);
	find_names(r, fs, used);
	find_abbreviations(fs, used);
	find_numbers(r, fs, used);
	find_terms(r, fs, used);
	find_lists(r, fs, used);
	find_key_terms(r, fs, used);
	find_definition(fs);
	if (fs->n_facts)
		qsort(fs->facts, fs->n_facts, sizeof(*fs->facts), fact_cmp);
	free(used);
}

static struct qd_unit *add_unit(struct qd_facts *f, enum qd_unit_kind kind, size_t index,
                                const char *heading)
{
	f->units = qd_xrealloc(f->units, (f->n_units + 1) * sizeof(*f->units));
	struct qd_unit *u = &f->units[f->n_units++];
	memset(u, 0, sizeof(*u));
	u->kind = kind;
	u->index = index;
	u->heading = heading;
	return u;
}

static void unit_text(struct qd_unit *u, const struct qd_article_para *p, size_t n,
                      const char *single)
{
	struct qd_sent *sents = NULL;
	size_t count = 0;
	struct qd_buf all;

	qd_buf_init(&all);
	if (u->heading)
		qd_buf_addf(&all, "%s\n", u->heading);
	if (single) {
		qd_words_split(single, &sents, &count);
		qd_buf_addf(&all, "%s\n", single);
	}
	for (size_t i = 0; i < n; i++) {
		qd_words_split(p[i].text, &sents, &count);
		qd_buf_addf(&all, "%s\n", p[i].text);
	}
	u->sents = qd_xcalloc(count ? count : 1, sizeof(*u->sents));
	for (size_t i = 0; i < count; i++)
		u->sents[i].s = sents[i];
	u->n_sents = count;
	free(sents);
	for (char *c = all.data; *c; c++)
		*c = lower_c(*c);
	u->lower = qd_buf_detach(&all, NULL);
}

void qd_facts_analyse(const struct qd_article *a, struct qd_facts *f)
{
	struct reader r;

	memset(f, 0, sizeof(*f));
	memset(&r, 0, sizeof(r));
	f->article = a;
	r.f = f;
	if (a->quick)
		unit_text(add_unit(f, QD_UNIT_QUICK, 0, NULL), NULL, 0, a->quick);
	for (size_t i = 0; i < a->n_sections; i++)
		unit_text(add_unit(f, QD_UNIT_SECTION, i, a->sections[i].heading),
		          a->sections[i].paras, a->sections[i].n_paras, NULL);
	for (size_t i = 0; i < a->n_questions; i++)
		unit_text(add_unit(f, QD_UNIT_QUESTION, i, a->questions[i].question),
		          a->questions[i].paras, a->questions[i].n_paras, NULL);

	for (size_t u = 0; u < f->n_units; u++)
		for (size_t s = 0; s < f->units[u].n_sents; s++)
			count_words(&r, &f->units[u].sents[s].s);
	for (size_t u = 0; u < f->n_units; u++)
		for (size_t s = 0; s < f->units[u].n_sents; s++)
			count_pairs(&r, &f->units[u].sents[s].s);
	for (size_t i = 0; i < a->n_sections; i++) {
		/* Headings count for key terms (not for names: they are title case). */
		struct qd_sent h;
		memset(&h, 0, sizeof(h));
		h.text = qd_xstrdup(a->sections[i].heading);
		for (char *c = h.text; *c; c++)
			*c = lower_c(*c);
		qd_words_tokenize(&h);
		count_pairs(&r, &h);
		qd_sent_release(&h);
	}
	find_subject(&r);
	if (a->updated) {
		/* The article's own date bounds the years of distractors. */
		for (const char *p = a->updated; *p; p++)
			if (p[0] >= '1' && p[0] <= '2' && strspn(p, "0123456789") == 4 &&
			    (p == a->updated || !(p[-1] >= '0' && p[-1] <= '9'))) {
				int y = atoi(p);
				if (y > f->max_year)
					f->max_year = y;
			}
	}
	for (size_t u = 0; u < f->n_units; u++)
		for (size_t s = 0; s < f->units[u].n_sents; s++)
			read_sentence(&r, &f->units[u].sents[s],
			              f->units[u].kind == QD_UNIT_QUESTION && s == 0);
	find_classes(f);
	stats_release(&r.words);
	stats_release(&r.pairs);
}

void qd_facts_release(struct qd_facts *f)
{
	for (size_t u = 0; u < f->n_units; u++) {
		struct qd_unit *un = &f->units[u];
		for (size_t s = 0; s < un->n_sents; s++) {
			struct qd_fsent *fs = &un->sents[s];
			for (size_t k = 0; k < fs->n_facts; k++)
				fact_release(&fs->facts[k]);
			free(fs->facts);
			qd_sent_release(&fs->s);
		}
		free(un->sents);
		free(un->lower);
	}
	free(f->units);
	for (size_t c = 0; c < f->n_classes; c++)
		qd_strv_clear(&f->classes[c].members);
	free(f->classes);
	free(f->numbers);
	free(f->subject);
	memset(f, 0, sizeof(*f));
}

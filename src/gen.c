/*
 * Deck generation (see quizdeck/gen.h; the rules are in
 * docs/article-format.md, "Generation rules").
 *
 * The article is cut into units (the quick answer, each key-facts section,
 * each related question's answer), units into sentences, sentences into
 * tokens. Whole-article statistics come first (how each word is written,
 * which word pairs recur), because whether "Mozilla" at the start of a
 * sentence is a name, or whether "memory safety" is a key term, depends on
 * the rest of the article. Then each sentence gets its candidate terms, each
 * with a kind (name, number, list item, repeated term), and cards are built
 * from them by fixed priorities. Nothing is random; ties break by article
 * order, so the same article always gives the same deck.
 *
 * Card ids are made of a unit prefix (the first words of its heading or
 * question) and the card's content (its first blank, its answer), so an
 * edit elsewhere in the article does not rename a card.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quizdeck/gen.h"
#include "quizdeck/yamlemit.h"

/* ------------------------------------------------------------------ */
/* String lists */

void qd_strv_push(struct qd_strv *v, const char *s)
{
	v->items = qd_xrealloc(v->items, (v->len + 1) * sizeof(*v->items));
	v->items[v->len++] = qd_xstrdup(s);
}

void qd_strv_clear(struct qd_strv *v)
{
	for (size_t i = 0; i < v->len; i++)
		free(v->items[i]);
	free(v->items);
	v->items = NULL;
	v->len = 0;
}

bool qd_strv_has(const struct qd_strv *v, const char *s)
{
	for (size_t i = 0; i < v->len; i++)
		if (strcmp(v->items[i], s) == 0)
			return true;
	return false;
}

static bool strv_has_ci(const struct qd_strv *v, const char *s)
{
	for (size_t i = 0; i < v->len; i++)
		if (strcasecmp(v->items[i], s) == 0)
			return true;
	return false;
}

/* ------------------------------------------------------------------ */
/* Word classes */

static bool in_list(const char *const *list, const char *w, size_t n)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
			return true;
	return false;
}

/* Function words: never a term, never part of an id. */
static const char *const stop_words[] = {
	"a", "an", "the", "and", "or", "nor", "of", "in", "on", "for", "to", "with", "by", "at",
	"from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this",
	"that", "these", "those", "which", "who", "whom", "whose", "what", "why", "how", "when",
	"where", "should", "can", "could", "would", "will", "shall", "must", "do", "does", "did",
	"i", "you", "we", "they", "he", "she", "them", "us", "not", "no", "yes", "but", "if",
	"than", "then", "so", "such", "like", "including", "into", "over", "under", "about",
	"also", "has", "have", "had", "may", "might", "more", "most", "many", "much", "while",
	"however", "their", "there", "here", "our", "your", "my", "all", "any", "some", "each",
	"both", "other", "very", "just", "only", "even", "beyond", "because", "through",
	"within", "without", "between", "among", "via", "per", "whether", "although", "though",
	"yet", "own", "one", "out", "up", "down", "off", "after", "before", "since", "until",
	"too", "often", "usually", "less", "little", "still", "already", "again", "always",
	"never", NULL,
};

/* Words that end a list item before them (a verb or a clause follows). */
static const char *const verb_bounds[] = {
	"is", "are", "was", "were", "be", "been", "has", "have", "had", "can", "could", "will",
	"would", "may", "might", "should", "must", "do", "does", "did", "that", "which", "who",
	"whom", "whose", "where", "when", "while", "whereas", "but", "because", "although",
	"though", "if", "so", NULL,
};

/* Prepositions that end a list item; the word before may be a verb. */
static const char *const prep_bounds[] = {
	"for", "from", "to", "in", "on", "at", "by", "with", "without", "within", "into",
	"through", "than", "as", "like", "including", "such", "of", "across", "over", "under",
	"via", "during", "beyond", "among", "between", "inside", "outside", "near", "around",
	"behind", "about", "onto", "upon", "toward", "towards", "against", NULL,
};

/* Modifiers too generic to start a key term ("entire categories"). */
static const char *const generic_words[] = {
	"entire", "other", "various", "diverse", "new", "many", "several", "certain", "same",
	"different", "whole", "main", "major", "growing", "increasing", "large", "small",
	"high", "low", "good", "great", "better", "best", "wide", "broad", "common", "key",
	"particular", "specific", "general", "real", "full", "huge", "massive", NULL,
};

/* Abbreviations after which a period does not end a sentence. */
static const char *const abbreviations[] = {
	"e.g", "i.e", "etc", "vs", "cf", "mr", "mrs", "ms", "dr", "st", "inc", "ltd", "jr",
	"sr", "co", "corp", "approx", "no", "fig", "u.s", "u.k", NULL,
};

static bool is_stop(const char *w, size_t n)
{
	return in_list(stop_words, w, n);
}

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* ------------------------------------------------------------------ */
/* A small string → counters hash map for article-wide statistics */

struct stat_entry {
	char *key; /* lowercase */
	char *form; /* the first capitalised spelling seen, or NULL */
	int cap_initial, cap_inner, lower, total;
};

struct stats {
	struct stat_entry *slots;
	size_t cap, len;
};

static uint32_t hash_str(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (is_upper(c))
			c = (char)(c - 'A' + 'a');
		h = (h ^ (unsigned char)c) * 16777619u;
	}
	return h;
}

static struct stat_entry *stats_get(struct stats *st, const char *w, size_t n, bool create)
{
	size_t i;

	if (create && (st->len + 1) * 2 > st->cap) {
		struct stats bigger = {qd_xcalloc(st->cap ? st->cap * 2 : 256, sizeof(struct stat_entry)),
		                       st->cap ? st->cap * 2 : 256, 0};
		for (size_t k = 0; k < st->cap; k++) {
			struct stat_entry *e = &st->slots[k];
			if (!e->key)
				continue;
			size_t j = hash_str(e->key, strlen(e->key)) & (bigger.cap - 1);
			while (bigger.slots[j].key)
				j = (j + 1) & (bigger.cap - 1);
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
		if (is_upper(*p))
			*p = (char)(*p - 'A' + 'a');
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

/* ------------------------------------------------------------------ */
/* Tokens and sentences */

struct tok {
	size_t start, end; /* the word's core bytes (no possessive, no trailing '.') */
	char punct_after;  /* the first of ',', ';', ':', '(', ')', '.', '-' (a dash) after it, or 0 */
	char punct_last;   /* the last punctuation before the next word ("), " → ',') */
	int paren;         /* parenthesis depth */
	bool initial;      /* first word of the sentence */
	bool cap, inner_cap, digit, symbol;
};

enum kind { K_NAME, K_NUMBER, K_LIST, K_TERM, K_COUNT };

struct term {
	size_t start, end; /* bytes in the sentence */
	enum kind kind;
	char *alt;         /* "WASM" for "WebAssembly (WASM)", or NULL */
	bool in_list;      /* also an item of a list */
	int list_id;       /* which list, -1 if none */
	size_t list_pos;   /* position in that list */
	bool dropped;      /* an alternative merged into the previous term */
};

struct sentence {
	char *text;
	struct tok *toks;
	size_t n_toks;
	struct term *terms;
	size_t n_terms;
};

enum unit_kind { U_QUICK, U_SECTION, U_QUESTION };

struct unit {
	enum unit_kind kind;
	size_t index;
	char *prefix;  /* id prefix */
	char *tag;
	char *lower;   /* the unit's whole text, lowercase, for "occurs in" tests */
	char *heading; /* a section's heading, or NULL */
	struct sentence *sents;
	size_t n_sents;
};

struct gen {
	const struct qd_article *a;
	struct qd_gen_deck *d;
	struct unit *units;
	size_t n_units;
	struct stats words, pairs;
	const char *subject; /* the subject word ("Rust"), borrowed from words; or NULL */
	int next_list_id;
};

static const char *const punct_chars = ",;:()[]\"!?";

static bool is_dash_at(const char *s)
{
	return strncmp(s, "\xe2\x80\x93", 3) == 0 || strncmp(s, "\xe2\x80\x94", 3) == 0;
}

static void tokenize(struct sentence *se)
{
	const char *s = se->text;
	size_t i = 0, n = strlen(s), cap = 0;
	int depth = 0;

	while (i < n) {
		if (s[i] == ' ') {
			i++;
			continue;
		}
		if (strchr(punct_chars, s[i]) || is_dash_at(s + i) ||
		    (s[i] == '-' && (i + 1 == n || s[i + 1] == ' '))) {
			char c = is_dash_at(s + i) || s[i] == '-' ? '-' : s[i];
			if (c == '(' || c == '[')
				depth++;
			if ((c == ')' || c == ']') && depth > 0)
				depth--;
			if (se->n_toks) {
				struct tok *prev = &se->toks[se->n_toks - 1];
				char pc = c == '[' ? '(' : c == ']' ? ')' : c;
				if (!prev->punct_after)
					prev->punct_after = pc;
				prev->punct_last = pc;
			}
			i += is_dash_at(s + i) ? 3 : 1;
			continue;
		}
		size_t st = i;
		while (i < n && s[i] != ' ' && !strchr(punct_chars, s[i]) && !is_dash_at(s + i))
			i++;
		size_t en = i;
		char after = 0;
		while (en > st && (s[en - 1] == '.' || s[en - 1] == '\'')) {
			if (s[en - 1] == '.')
				after = '.';
			en--;
		}
		if (en - st > 2 && s[en - 2] == '\'' && s[en - 1] == 's')
			en -= 2;
		while (st < en && s[st] == '\'')
			st++;
		if (en <= st)
			continue;
		if (se->n_toks == cap) {
			cap = cap ? cap * 2 : 32;
			se->toks = qd_xrealloc(se->toks, cap * sizeof(*se->toks));
		}
		struct tok *t = &se->toks[se->n_toks++];
		memset(t, 0, sizeof(*t));
		t->start = st;
		t->end = en;
		t->paren = depth;
		t->initial = se->n_toks == 1;
		t->punct_after = t->punct_last = after;
		t->cap = is_upper(s[st]);
		for (size_t k = st; k < en; k++) {
			if (k > st && is_upper(s[k]))
				t->inner_cap = true;
			if (is_digit(s[k]))
				t->digit = true;
			if (s[k] == '+' || s[k] == '#')
				t->symbol = true;
		}
	}
}

static bool tok_is(const struct sentence *se, const struct tok *t, const char *w)
{
	size_t n = strlen(w);
	return t->end - t->start == n && strncasecmp(se->text + t->start, w, n) == 0;
}

static bool tok_in(const struct sentence *se, const struct tok *t, const char *const *list)
{
	return in_list(list, se->text + t->start, t->end - t->start);
}

static bool tok_stop(const struct sentence *se, const struct tok *t)
{
	return is_stop(se->text + t->start, t->end - t->start);
}

/* Splits a paragraph into sentences: at '.', '!' or '?' followed by a space
 * and a capital, digit, quote or parenthesis, outside parentheses, and not
 * after a known abbreviation or a single capital letter (an initial). */
static void split_sentences(struct unit *u, const char *para)
{
	size_t n = strlen(para), start = 0;
	int depth = 0;

	for (size_t i = 0; i <= n; i++) {
		bool end = i == n;
		char c = end ? 0 : para[i];

		if (c == '(')
			depth++;
		else if (c == ')' && depth > 0)
			depth--;
		if (!end && (c == '.' || c == '!' || c == '?') && depth == 0 && i + 2 < n &&
		    para[i + 1] == ' ' &&
		    (is_upper(para[i + 2]) || is_digit(para[i + 2]) || para[i + 2] == '"' ||
		     para[i + 2] == '(' || para[i + 2] == '\'')) {
			size_t w = i;
			while (w > start && para[w - 1] != ' ')
				w--;
			bool abbrev = c == '.' && (in_list(abbreviations, para + w, i - w) ||
			                           (i - w == 1 && is_upper(para[w])));
			if (!abbrev)
				end = true;
		}
		if (!end)
			continue;
		size_t stop = i == n ? n : i + 1;
		while (start < stop && para[start] == ' ')
			start++;
		if (stop > start) {
			u->sents = qd_xrealloc(u->sents, (u->n_sents + 1) * sizeof(*u->sents));
			struct sentence *se = &u->sents[u->n_sents++];
			memset(se, 0, sizeof(*se));
			se->text = qd_xstrndup(para + start, stop - start);
			tokenize(se);
		}
		start = stop;
	}
}

/* ------------------------------------------------------------------ */
/* Article-wide statistics */

static void count_words(struct gen *g, const struct sentence *se)
{
	for (size_t i = 0; i < se->n_toks; i++) {
		const struct tok *t = &se->toks[i];
		struct stat_entry *e = stats_get(&g->words, se->text + t->start, t->end - t->start, true);
		e->total++;
		if (t->cap && !e->form)
			e->form = qd_xstrndup(se->text + t->start, t->end - t->start);
		if (!t->cap)
			e->lower++;
		else if (t->initial)
			e->cap_initial++;
		else
			e->cap_inner++;
	}
}

/* Adjacent content words with nothing between them, as "w1 w2". */
static bool pair_at(const struct sentence *se, size_t i, struct qd_buf *b)
{
	const struct tok *t = &se->toks[i], *u = &se->toks[i + 1];

	if (t->punct_after || t->paren != u->paren || tok_stop(se, t) || tok_stop(se, u) ||
	    t->digit || u->digit || (t->cap && !t->initial) || u->cap)
		return false;
	qd_buf_reset(b);
	qd_buf_add(b, se->text + t->start, t->end - t->start);
	qd_buf_addc(b, ' ');
	qd_buf_add(b, se->text + u->start, u->end - u->start);
	return true;
}

static void count_pairs(struct gen *g, const struct sentence *se)
{
	struct qd_buf b;

	qd_buf_init(&b);
	for (size_t i = 0; i + 1 < se->n_toks; i++)
		if (pair_at(se, i, &b))
			stats_get(&g->pairs, b.data, b.len, true)->total++;
	qd_buf_release(&b);
}

static bool word_is_name(struct gen *g, const struct sentence *se, const struct tok *t)
{
	size_t n = t->end - t->start;
	const char *w = se->text + t->start;
	struct stat_entry *e;
	int letters = 0, uppers = 0;

	if (!t->cap)
		return false;
	for (size_t k = 0; k < n; k++) {
		if (is_upper(w[k]) || is_lower(w[k]))
			letters++;
		if (is_upper(w[k]))
			uppers++;
	}
	if (n == 1 && (w[0] == 'I' || w[0] == 'A'))
		return false;
	if (is_stop(w, n) && !t->inner_cap)
		return false;
	if (t->inner_cap || t->digit || t->symbol || (uppers == letters && letters >= 2))
		return true;
	if (!t->initial)
		return true;
	e = stats_get(&g->words, w, n, false);
	return e && e->lower == 0 && (e->cap_inner >= 1 || e->cap_initial >= 2);
}

/* Case-blind search for the whole word w in s. */
static bool has_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	for (const char *p = s; *p; p++) {
		if (strncasecmp(p, w, n) != 0)
			continue;
		bool left = p == s || !(is_lower(p[-1]) || is_upper(p[-1]) || is_digit(p[-1]));
		bool right = !(is_lower(p[n]) || is_upper(p[n]) || is_digit(p[n]));
		if (left && right)
			return true;
	}
	return false;
}

/* The subject: the most frequent capitalised word that is also a word of
 * the title ("Rust" in "What is rust used for"), as the article spells it. */
static void find_subject(struct gen *g)
{
	int best = 0;
	size_t best_first = SIZE_MAX;

	for (size_t i = 0; i < g->words.cap; i++) {
		struct stat_entry *e = &g->words.slots[i];
		if (!e->key || !e->form || is_stop(e->key, strlen(e->key)))
			continue;
		int caps = e->cap_initial + e->cap_inner;
		if (caps < best || caps < e->lower || caps < 2 || !has_word(g->a->title, e->key))
			continue;
		/* Ties: the word that comes first in the title. */
		const char *p = g->a->title;
		size_t first = 0;
		for (; *p && strncasecmp(p, e->key, strlen(e->key)) != 0; p++)
			first++;
		if (caps == best && first >= best_first)
			continue;
		best = caps;
		best_first = first;
		g->subject = e->form;
	}
}

/* ------------------------------------------------------------------ */
/* Candidate terms of a sentence */

static struct term *add_term(struct sentence *se, size_t start, size_t end, enum kind kind)
{
	/* Leading articles are not part of a term. */
	for (;;) {
		const char *s = se->text + start;
		if (strncasecmp(s, "the ", 4) == 0 && end - start > 4)
			start += 4;
		else if (strncasecmp(s, "an ", 3) == 0 && end - start > 3)
			start += 3;
		else if (strncasecmp(s, "a ", 2) == 0 && end - start > 2)
			start += 2;
		else if (strncasecmp(s, "no ", 3) == 0 && end - start > 3)
			start += 3;
		else
			break;
	}
	se->terms = qd_xrealloc(se->terms, (se->n_terms + 1) * sizeof(*se->terms));
	struct term *t = &se->terms[se->n_terms++];
	memset(t, 0, sizeof(*t));
	t->start = start;
	t->end = end;
	t->kind = kind;
	t->list_id = -1;
	return t;
}

static bool is_subject(struct gen *g, const struct sentence *se, size_t start, size_t end)
{
	return g->subject && strlen(g->subject) == end - start &&
	       strncasecmp(se->text + start, g->subject, end - start) == 0;
}

/* "D." in "D. Richard Hipp": a capital letter and a period only. */
static bool is_initial(const struct sentence *se, const struct tok *t)
{
	return t->end - t->start == 1 && t->cap && t->punct_after == '.' && t->punct_last == '.' &&
	       se->text[t->end] == '.';
}

/* Names: runs of name words with nothing between them but spaces and the
 * connector "of" ("Internet of Things"); a name in parentheses right after
 * another ("WebAssembly (WASM)") becomes that name's alternative. */
static void find_names(struct gen *g, struct sentence *se)
{
	size_t i = 0;

	while (i < se->n_toks) {
		if (!word_is_name(g, se, &se->toks[i])) {
			i++;
			continue;
		}
		size_t j = i;
		while (j + 1 < se->n_toks && (!se->toks[j].punct_after || is_initial(se, &se->toks[j])) &&
		       se->toks[j + 1].paren == se->toks[i].paren) {
			if (word_is_name(g, se, &se->toks[j + 1]) && !se->toks[j + 1].initial) {
				j++;
			} else if (j + 2 < se->n_toks && tok_is(se, &se->toks[j + 1], "of") &&
			           !se->toks[j + 1].punct_after && !se->toks[j + 2].initial &&
			           word_is_name(g, se, &se->toks[j + 2])) {
				j += 2;
			} else {
				break;
			}
		}
		size_t start = se->toks[i].start, end = se->toks[j].end;
		if (!is_subject(g, se, start, end)) {
			/* "X (Y)": Y alone in parentheses right after X is X's alias. */
			struct term *prev = se->n_terms ? &se->terms[se->n_terms - 1] : NULL;
			bool alias = prev && i > 0 && se->toks[i - 1].punct_after == '(' &&
			             se->toks[i].paren == 1 && i == j && se->toks[j].punct_after == ')' &&
			             prev->end == se->toks[i - 1].end;
			if (alias)
				prev->alt = qd_xstrndup(se->text + start, end - start);
			else
				add_term(se, start, end, K_NAME);
		}
		i = j + 1;
	}
}

static void find_numbers(struct sentence *se)
{
	for (size_t i = 0; i < se->n_toks; i++) {
		const struct tok *t = &se->toks[i];
		bool inside = false;
		if (!t->digit)
			continue;
		for (size_t k = 0; k < se->n_terms; k++)
			if (se->terms[k].start <= t->start && t->end <= se->terms[k].end)
				inside = true;
		if (!inside)
			add_term(se, t->start, t->end, K_NUMBER);
	}
}

/* Marks or adds a list item spanning tokens [from, to]. */
static void list_item(struct sentence *se, size_t from, size_t to, int list_id, size_t pos)
{
	size_t start = se->toks[from].start, end = se->toks[to].end;
	struct term *t = NULL;

	for (size_t k = 0; k < se->n_terms; k++) {
		struct term *x = &se->terms[k];
		if (x->start == start && x->end == end)
			t = x;
	}
	if (!t)
		t = add_term(se, start, end, K_LIST);
	t->in_list = true;
	t->list_id = list_id;
	t->list_pos = pos;
}

struct seg {
	size_t *toks;       /* top-level token indexes (into a shared array) */
	size_t n;           /* top-level words in the segment */
	size_t first, last; /* token range, inclusive, of the whole segment */
};

static bool short_item(const struct sentence *se, const struct seg *s)
{
	if (s->n < 1 || s->n > 4)
		return false;
	if (tok_is(se, &se->toks[s->toks[0]], "and") || tok_is(se, &se->toks[s->toks[0]], "or"))
		return false;
	for (size_t k = 0; k < s->n; k++)
		if (tok_in(se, &se->toks[s->toks[k]], verb_bounds))
			return false;
	return true;
}

/* Lists: "A, B, and C" (three or more items, the last after "and"/"or")
 * at the top level of a sentence, and every comma list in parentheses. */
static void find_lists(struct gen *g, struct sentence *se)
{
	struct seg *segs = NULL;
	size_t n_segs = 0, n_top = 0;
	size_t *top = qd_xmalloc((se->n_toks + 1) * sizeof(*top));

	/* Top-level comma segments. */
	for (size_t i = 0; i < se->n_toks; i++) {
		char pl = i ? se->toks[i - 1].punct_last : 0;
		if (i == 0 || (pl == ',' && se->toks[i].paren == 0) ||
		    (pl && pl != ',' && pl != '(' && pl != ')' && se->toks[i].paren == 0)) {
			segs = qd_xrealloc(segs, (n_segs + 1) * sizeof(*segs));
			memset(&segs[n_segs], 0, sizeof(*segs));
			segs[n_segs].first = i;
			segs[n_segs].toks = top + n_top;
			n_segs++;
		}
		struct seg *s = &segs[n_segs - 1];
		s->last = i;
		if (se->toks[i].paren == 0) {
			top[n_top++] = i;
			s->n++;
		}
	}
	/* A separator other than a comma (";", ":", a dash) ends a list: the
	 * segment after it starts fresh, which the loop above does by opening a
	 * new segment; treat such a boundary as not joinable below. */
	for (size_t j = 1; j < n_segs; j++) {
		struct seg *last = &segs[j];
		/* conj: where "and"/"or" stands in the last segment. At 0 the list
		 * had a serial comma ("A, B, and C"); further in, the words before
		 * it are one more item ("A, B and C"). */
		size_t conj = 0;
		while (conj < last->n && conj <= 4 &&
		       !tok_is(se, &se->toks[last->toks[conj]], "and") &&
		       !tok_is(se, &se->toks[last->toks[conj]], "or")) {
			if (tok_in(se, &se->toks[last->toks[conj]], verb_bounds) ||
			    tok_in(se, &se->toks[last->toks[conj]], prep_bounds))
				break;
			conj++;
		}
		if (conj >= last->n || conj > 4 || conj + 1 >= last->n ||
		    (!tok_is(se, &se->toks[last->toks[conj]], "and") &&
		     !tok_is(se, &se->toks[last->toks[conj]], "or")))
			continue;
		if (se->toks[segs[j].first - 1].punct_last != ',')
			continue;
		size_t k = j - 1, maxw = conj;
		while (k >= 1 && short_item(se, &segs[k]) &&
		       se->toks[segs[k].first - 1].punct_last == ',') {
			if (segs[k].n > maxw)
				maxw = segs[k].n;
			k--;
		}
		if (k + 1 == j && conj == 0) /* no middle item */
			continue;
		/* The first item: the trailing words of segment k after its last
		 * boundary word, dropping a gerund right after a preposition
		 * ("for building systems software" → "systems software"). */
		struct seg *fs = &segs[k];
		size_t take = 0, limit = maxw + 1 > 3 ? maxw + 1 : 3;
		size_t nf = fs->n;
		while (take < nf && take < limit) {
			const struct tok *t = &se->toks[fs->toks[nf - 1 - take]];
			if (tok_in(se, t, verb_bounds) || tok_in(se, t, prep_bounds) ||
			    tok_is(se, t, "and") || tok_is(se, t, "or") ||
			    (t->paren == 0 && t->punct_after && t != &se->toks[fs->toks[nf - 1]]))
				break;
			take++;
		}
		if (take == 0)
			continue;
		size_t f0 = nf - take;
		if (take > 1 && f0 > 0 && tok_in(se, &se->toks[fs->toks[f0 - 1]], prep_bounds)) {
			/* "for building X" and "to query X": the verb is not part of X. */
			const struct tok *t = &se->toks[fs->toks[f0]];
			if ((t->end - t->start > 4 && strncmp(se->text + t->end - 3, "ing", 3) == 0) ||
			    tok_is(se, &se->toks[fs->toks[f0 - 1]], "to"))
				f0++;
		}
		/* An item that ends with a name is that name. */
		for (size_t m = 0; m < se->n_terms; m++) {
			const struct term *x = &se->terms[m];
			if (x->kind == K_NAME && x->end == se->toks[fs->toks[nf - 1]].end &&
			    x->start > se->toks[fs->toks[f0]].start)
				while (f0 < nf && se->toks[fs->toks[f0]].start < x->start)
					f0++;
		}
		size_t first_len = nf - f0;
		/* The last item: the words after "and"/"or" up to a boundary word. */
		size_t l0 = conj + 1, l1 = conj + 1;
		bool by_prep = false, by_bound = false;
		while (l1 < last->n) {
			const struct tok *t = &se->toks[last->toks[l1]];
			if (tok_in(se, t, verb_bounds)) {
				by_bound = true;
				break;
			}
			if (tok_in(se, t, prep_bounds)) {
				by_prep = true;
				break;
			}
			l1++;
		}
		size_t lw = l1 - l0, lim = maxw > first_len ? maxw : first_len;
		if (lw == 0)
			continue;
		if (by_prep && lw > lim)
			lw--; /* the word before a preposition is taken for a verb */
		if (!by_prep && !by_bound && lw > 4)
			lw = lim;
		if (lw > 4)
			lw = 4;
		/* An item that starts with a name is that name. */
		for (size_t m = 0; m < se->n_terms; m++) {
			const struct term *x = &se->terms[m];
			if (x->kind != K_NAME || x->start != se->toks[last->toks[l0]].start)
				continue;
			for (size_t w = 1; w <= lw; w++)
				if (se->toks[last->toks[l0 + w - 1]].end == x->end)
					lw = w;
		}
		int id = g->next_list_id++;
		size_t pos = 0;
		list_item(se, fs->toks[f0], fs->toks[nf - 1], id, pos++);
		for (size_t m = k + 1; m < j; m++)
			list_item(se, segs[m].toks[0], segs[m].toks[segs[m].n - 1], id, pos++);
		if (conj)
			list_item(se, last->toks[0], last->toks[conj - 1], id, pos++);
		list_item(se, last->toks[l0], last->toks[l0 + lw - 1], id, pos++);
	}
	free(segs);
	free(top);

	/* Parenthesised lists: "(ripgrep, tokei, exa)"; a single word in
	 * parentheses after a non-name ("ecosystem (crates.io)") is an example. */
	for (size_t i = 0; i < se->n_toks; i++) {
		if (se->toks[i].paren != 1 || (i > 0 && se->toks[i - 1].paren == 1 &&
		                               se->toks[i - 1].punct_after != '(' ))
			continue;
		if (i == 0 || se->toks[i - 1].punct_after != '(')
			continue;
		size_t items[16][2], n_items = 0, a = i, k = i;
		bool ok = true;
		for (;; k++) {
			if (k >= se->n_toks || se->toks[k].paren != 1) {
				ok = false;
				break;
			}
			char p = se->toks[k].punct_after;
			if (p == ',' || p == ')') {
				if (n_items == 16 || k - a >= 4) {
					ok = false;
					break;
				}
				items[n_items][0] = a;
				items[n_items][1] = k;
				n_items++;
				a = k + 1;
				if (p == ')')
					break;
			} else if (p) {
				ok = false;
				break;
			}
		}
		if (!ok)
			continue;
		if (n_items == 1) {
			/* An alias already merged, or a name: leave it to names. */
			bool known = false;
			for (size_t m = 0; m < se->n_terms; m++)
				if (se->terms[m].alt &&
				    strncmp(se->terms[m].alt, se->text + se->toks[i].start,
				            se->toks[items[0][1]].end - se->toks[i].start) == 0)
					known = true;
			if (known || items[0][0] != items[0][1])
				continue;
		}
		int id = g->next_list_id++;
		for (size_t m = 0; m < n_items; m++)
			list_item(se, items[m][0], items[m][1], id, m);
	}

	/* Examples after "like" or "such as": a technical word (with '-', '.',
	 * '_' or a digit inside) such as "wasm-pack". */
	for (size_t i = 1; i < se->n_toks; i++) {
		const struct tok *t = &se->toks[i], *p = &se->toks[i - 1];
		bool after = !p->punct_after && (tok_is(se, p, "like") || tok_is(se, p, "as") ||
		                                 tok_is(se, p, "including"));
		bool technical = false;
		if (!after)
			continue;
		for (size_t k = t->start + 1; k + 1 < t->end; k++)
			if (strchr("-._", se->text[k]) || is_digit(se->text[k]))
				technical = true;
		bool known = false;
		for (size_t m = 0; m < se->n_terms; m++)
			if (se->terms[m].start <= t->start && t->end <= se->terms[m].end)
				known = true;
		if (technical && !known)
			add_term(se, t->start, t->end, K_NAME);
	}
}

static bool overlaps(const struct sentence *se, size_t start, size_t end)
{
	for (size_t k = 0; k < se->n_terms; k++)
		if (se->terms[k].start < end && start < se->terms[k].end)
			return true;
	return false;
}

/* Key terms: pairs of content words that occur at least twice in the
 * article (headings included), unless the first word is a generic modifier
 * or either word is the subject. */
static void find_repeated(struct gen *g, struct sentence *se)
{
	struct qd_buf b;

	qd_buf_init(&b);
	for (size_t i = 0; i + 1 < se->n_toks; i++) {
		const struct tok *t = &se->toks[i], *u = &se->toks[i + 1];
		if (!pair_at(se, i, &b))
			continue;
		struct stat_entry *e = stats_get(&g->pairs, b.data, b.len, false);
		if (!e || e->total < 2 || tok_in(se, t, generic_words) ||
		    is_subject(g, se, t->start, t->end) || is_subject(g, se, u->start, u->end) ||
		    overlaps(se, t->start, u->end))
			continue;
		add_term(se, t->start, u->end, K_TERM);
	}
	qd_buf_release(&b);
}

static int term_cmp(const void *x, const void *y)
{
	const struct term *a = x, *b = y;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return a->end < b->end ? -1 : a->end > b->end;
}

static void find_terms(struct gen *g, struct sentence *se)
{
	find_names(g, se);
	find_numbers(se);
	find_lists(g, se);
	find_repeated(g, se);
	if (se->n_terms)
		qsort(se->terms, se->n_terms, sizeof(*se->terms), term_cmp);
}

/* ------------------------------------------------------------------ */
/* Slugs and ids */

char *qd_gen_slug(const char *s, size_t max_words, bool skip_stop)
{
	struct qd_buf out, word;
	size_t words = 0;
	const char *p = s;

	qd_buf_init(&out);
	qd_buf_init(&word);
	for (;;) {
		char c = *p;
		bool alnum = is_lower(c) || is_upper(c) || is_digit(c);
		if (alnum) {
			qd_buf_addc(&word, is_upper(c) ? (char)(c - 'A' + 'a') : c);
		} else if (c == '+' && word.len) {
			qd_buf_adds(&word, "plus");
		} else if (c == '#' && word.len) {
			qd_buf_adds(&word, "sharp");
		} else if (c == '\'' || (unsigned char)c >= 0x80) {
			/* apostrophes and non-ASCII letters do not split words */
		} else {
			if (word.len && !(skip_stop && is_stop(word.data, word.len)) &&
			    !(word.len == 1 && word.data[0] == 's' && out.len)) {
				if (max_words && words == max_words)
					break;
				if (out.len + 1 + word.len > 40)
					break;
				if (out.len)
					qd_buf_addc(&out, '-');
				qd_buf_add(&out, word.data, word.len);
				words++;
			}
			qd_buf_reset(&word);
			if (!c)
				break;
		}
		p++;
	}
	qd_buf_release(&word);
	return qd_buf_detach(&out, NULL);
}

bool qd_gen_is_slug(const char *s)
{
	bool prev_dash = true;

	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s == '-') {
			if (prev_dash)
				return false;
			prev_dash = true;
		} else if (is_lower(*s) || is_digit(*s)) {
			prev_dash = false;
		} else {
			return false;
		}
	}
	return !prev_dash;
}

/* ------------------------------------------------------------------ */
/* The deck format's limits (quizdeck/deck.h): a string longer than
 * QD_DECK_MAX_TEXT does not load, so the generator never writes one and
 * qd_gen_deck_validate refuses one an overlay brings. */

static bool too_long(const char *s)
{
	return s && strlen(s) > QD_DECK_MAX_TEXT;
}

static bool list_too_long(const struct qd_strv *v)
{
	for (size_t i = 0; i < v->len; i++)
		if (too_long(v->items[i]))
			return true;
	return false;
}

/* The key of the first string of c over the limit, or NULL. */
static const char *card_too_long(const struct qd_gen_card *c)
{
	return too_long(c->q)               ? "q"
	       : too_long(c->a)             ? "a"
	       : too_long(c->text)          ? "text"
	       : too_long(c->explain)       ? "explain"
	       : too_long(c->hint)          ? "hint"
	       : list_too_long(&c->accept)  ? "accept"
	       : list_too_long(&c->choices) ? "choices"
	       : list_too_long(&c->answers) ? "a"
	       : list_too_long(&c->tags)    ? "tags"
	                                    : NULL;
}

static const char *deck_too_long(const struct qd_gen_deck *d)
{
	return too_long(d->title)         ? "title"
	       : too_long(d->description) ? "description"
	       : too_long(d->source)      ? "source"
	       : too_long(d->accents)     ? "accents"
	       : list_too_long(&d->tags)  ? "tags"
	                                  : NULL;
}

/* Cuts s (owned, valid UTF-8) to the limit at a character boundary,
 * marking the cut with "...". */
static void cut_text(char *s)
{
	size_t n;

	if (!too_long(s))
		return;
	n = QD_DECK_MAX_TEXT - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	memcpy(s + n, "...", 4);
}

/* ------------------------------------------------------------------ */
/* Deck helpers */

struct qd_gen_card *qd_gen_deck_add(struct qd_gen_deck *d)
{
	if (d->n_cards == d->cap_cards) {
		d->cap_cards = d->cap_cards ? d->cap_cards * 2 : 32;
		d->cards = qd_xrealloc(d->cards, d->cap_cards * sizeof(*d->cards));
	}
	memset(&d->cards[d->n_cards], 0, sizeof(*d->cards));
	return &d->cards[d->n_cards++];
}

long qd_gen_deck_find(const struct qd_gen_deck *d, const char *id)
{
	for (size_t i = 0; i < d->n_cards; i++)
		if (d->cards[i].id && strcmp(d->cards[i].id, id) == 0)
			return (long)i;
	return -1;
}

void qd_gen_card_release(struct qd_gen_card *c)
{
	free(c->id);
	free(c->q);
	free(c->a);
	free(c->text);
	free(c->explain);
	free(c->hint);
	qd_strv_clear(&c->accept);
	qd_strv_clear(&c->choices);
	qd_strv_clear(&c->answers);
	qd_strv_clear(&c->tags);
	memset(c, 0, sizeof(*c));
}

void qd_gen_deck_remove(struct qd_gen_deck *d, size_t i)
{
	if (i >= d->n_cards)
		return;
	qd_gen_card_release(&d->cards[i]);
	memmove(&d->cards[i], &d->cards[i + 1], (d->n_cards - i - 1) * sizeof(*d->cards));
	d->n_cards--;
}

void qd_gen_deck_release(struct qd_gen_deck *d)
{
	free(d->id);
	free(d->title);
	free(d->description);
	free(d->source);
	free(d->accents);
	qd_strv_clear(&d->tags);
	for (size_t i = 0; i < d->n_cards; i++)
		qd_gen_card_release(&d->cards[i]);
	free(d->cards);
	memset(d, 0, sizeof(*d));
}

/* Makes id unique among the cards so far: id, id-2, id-3, ... */
/* Shortens the slug in b to at most max bytes, keeping whole words when a
 * word boundary is left (a single longer word is cut), so that an id stays
 * within the deck format's QD_DECK_MAX_ID. */
static void cut_slug(struct qd_buf *b, size_t max)
{
	size_t cut = max;

	if (b->len <= max)
		return;
	if (b->data[max] != '-') {
		size_t k = max;
		while (k > 0 && b->data[k] != '-')
			k--;
		if (k > 0)
			cut = k;
	}
	while (cut > 0 && b->data[cut - 1] == '-')
		cut--;
	b->len = cut;
	b->data[cut] = '\0';
}

/* base, or base-2, base-3, ... (cut to fit QD_DECK_MAX_ID): the first id
 * no card of d has. */
static char *unique_id(struct qd_gen_deck *d, const char *base)
{
	struct qd_buf b;
	char suffix[24];

	qd_buf_init(&b);
	qd_buf_adds(&b, base);
	cut_slug(&b, QD_DECK_MAX_ID);
	if (qd_gen_deck_find(d, b.data) < 0)
		return qd_buf_detach(&b, NULL);
	for (int n = 2;; n++) {
		int len = snprintf(suffix, sizeof(suffix), "-%d", n);
		qd_buf_reset(&b);
		qd_buf_adds(&b, base);
		cut_slug(&b, QD_DECK_MAX_ID - (size_t)len);
		qd_buf_adds(&b, suffix);
		if (qd_gen_deck_find(d, b.data) < 0)
			return qd_buf_detach(&b, NULL);
	}
}

static struct qd_gen_card *new_card(struct gen *g, const struct unit *u, enum qd_card_type type,
                                    const char *suffix, const char *content)
{
	struct qd_buf id;
	char *slug = content ? qd_gen_slug(content, 3, false) : NULL;
	struct qd_gen_card *c;

	qd_buf_init(&id);
	qd_buf_adds(&id, u->prefix);
	if (suffix)
		qd_buf_addf(&id, "%s%s", id.len ? "-" : "", suffix);
	if (slug && *slug)
		qd_buf_addf(&id, "-%s", slug);
	free(slug);
	char *uid = unique_id(g->d, id.data);
	qd_buf_release(&id);
	c = qd_gen_deck_add(g->d);
	c->id = uid;
	c->type = type;
	qd_strv_push(&c->tags, u->tag);
	return c;
}

/* ------------------------------------------------------------------ */
/* Cards */

static char *term_text(const struct sentence *se, const struct term *t)
{
	return qd_xstrndup(se->text + t->start, t->end - t->start);
}

static bool usable_term(struct gen *g, const struct sentence *se, const struct term *t)
{
	for (size_t k = t->start; k < t->end; k++)
		if (strchr("|{}", se->text[k]))
			return false;
	return !t->dropped && !is_subject(g, se, t->start, t->end);
}

/* A term named in its section's heading would be given away by the card's
 * tag (and is rarely what the section teaches): it is not asked. */
static bool in_heading(const struct unit *u, const struct sentence *se, const struct term *t)
{
	char *x;
	bool r;

	if (!u->heading)
		return false;
	x = qd_xstrndup(se->text + t->start, t->end - t->start);
	r = has_word(u->heading, x);
	free(x);
	return r;
}

static bool clean_sentence(const struct sentence *se)
{
	return !strchr(se->text, '{') && !strchr(se->text, '}') && se->n_toks >= 4;
}

static int kind_rank_cloze(enum kind k)
{
	return (int)k; /* names, numbers, list items, key terms */
}

static int kind_rank_choice(enum kind k)
{
	static const int rank[K_COUNT] = {1, 2, 0, 3}; /* list items first */
	return rank[k];
}

static size_t word_count(const char *s)
{
	size_t n = 0;
	bool in = false;
	for (; *s; s++) {
		if (*s == ' ') {
			in = false;
		} else if (!in) {
			in = true;
			n++;
		}
	}
	return n;
}

static bool all_caps(const char *s)
{
	int up = 0;
	for (; *s; s++) {
		if (is_lower(*s))
			return false;
		if (is_upper(*s))
			up++;
	}
	return up >= 2;
}

struct cand {
	char *text;
	size_t order;
	long score;
};

static int cand_cmp(const void *x, const void *y)
{
	const struct cand *a = x, *b = y;
	if (a->score != b->score)
		return a->score < b->score ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

/* Distractors for answer (of kind k, from unit ui): terms of the same kind
 * from the other units that do not occur in this unit, closest in length
 * (and, for names, in shape) first, then in article order. Only the first
 * MAX_POOL such terms, among the first MAX_SEEN terms of the kind, in
 * article order, are considered: this keeps large articles fast. */
#define MAX_POOL 48
#define MAX_SEEN 200

static void pick_distractors(struct gen *g, size_t ui, enum kind k, const char *answer,
                             struct qd_strv *out, size_t want)
{
	struct cand *cands = NULL;
	size_t n = 0, order = 0, aw = word_count(answer), examined = 0;
	struct qd_strv seen = {NULL, 0};

	for (size_t v = 0; v < g->n_units && n < MAX_POOL && examined < MAX_SEEN; v++) {
		const struct unit *u = &g->units[v];
		for (size_t s = 0; s < u->n_sents && n < MAX_POOL && examined < MAX_SEEN; s++) {
			const struct sentence *se = &u->sents[s];
			for (size_t t = 0; t < se->n_terms; t++, order++) {
				const struct term *tm = &se->terms[t];
				if (v == ui || tm->kind != k || !usable_term(g, se, tm) || tm->start == 0)
					continue;
				examined++;
				char *txt = term_text(se, tm);
				if (strv_has_ci(&seen, txt) || strcasecmp(txt, answer) == 0 ||
				    has_word(g->units[ui].lower, txt)) {
					free(txt);
					continue;
				}
				qd_strv_push(&seen, txt);
				cands = qd_xrealloc(cands, (n + 1) * sizeof(*cands));
				size_t tw = word_count(txt);
				cands[n].score = (long)(tw > aw ? tw - aw : aw - tw) * 2 +
				                 (all_caps(txt) != all_caps(answer));
				cands[n].order = order;
				cands[n].text = txt;
				n++;
			}
		}
	}
	if (n)
		qsort(cands, n, sizeof(*cands), cand_cmp);
	for (size_t i = 0; i < n; i++) {
		if (out->len < want)
			qd_strv_push(out, cands[i].text);
		free(cands[i].text);
	}
	free(cands);
	qd_strv_clear(&seen);
}

static int str_ci_cmp(const void *x, const void *y)
{
	int c = strcasecmp(*(char *const *)x, *(char *const *)y);
	return c ? c : strcmp(*(char *const *)x, *(char *const *)y);
}

static bool occurs_twice(const struct sentence *se, const struct term *t)
{
	size_t n = t->end - t->start;
	int count = 0;
	for (const char *p = se->text; *p; p++)
		if (strncasecmp(p, se->text + t->start, n) == 0)
			count++;
	return count > 1;
}

/* One multiple-choice card for a unit: the best term (list items, then
 * names, numbers, key terms; in article order) that is not at the start of
 * its sentence and has at least two distractors. Returns the sentence
 * used, or NULL. */
static const struct sentence *choice_card(struct gen *g, size_t ui)
{
	const struct unit *u = &g->units[ui];
	int attempts = 0; /* terms tried; bounded for large sections */

	for (int rank = 0; rank < K_COUNT; rank++) {
		for (size_t s = 0; s < u->n_sents; s++) {
			const struct sentence *se = &u->sents[s];
			if (!clean_sentence(se))
				continue;
			for (size_t t = 0; t < se->n_terms; t++) {
				const struct term *tm = &se->terms[t];
				if (kind_rank_choice(tm->kind) != rank || tm->start == 0 || tm->alt ||
				    !usable_term(g, se, tm) || occurs_twice(se, tm) || in_heading(u, se, tm))
					continue;
				if (++attempts > 12)
					return NULL;
				char *ans = term_text(se, tm);
				struct qd_strv choices = {NULL, 0};
				pick_distractors(g, ui, tm->kind, ans, &choices, 3);
				if (choices.len < 2) {
					qd_strv_clear(&choices);
					free(ans);
					continue;
				}
				qd_strv_push(&choices, ans);
				qsort(choices.items, choices.len, sizeof(char *), str_ci_cmp);
				struct qd_gen_card *c = new_card(g, u, QD_CARD_CHOICE, "choice", ans);
				struct qd_buf q;
				qd_buf_init(&q);
				qd_buf_adds(&q, "Which fills the blank? ");
				qd_buf_add(&q, se->text, tm->start);
				qd_buf_adds(&q, "___");
				qd_buf_adds(&q, se->text + tm->end);
				c->q = qd_buf_detach(&q, NULL);
				c->a = ans;
				c->choices = choices;
				return se;
			}
		}
	}
	return NULL;
}

/* A cloze card for a sentence: blanks on every term of the best kind
 * present (names, then numbers, list items, key terms), at most three. */
static void cloze_card(struct gen *g, const struct unit *u, const struct sentence *se)
{
	const struct term *blanks[3];
	size_t n = 0;
	int best = K_COUNT;
	struct qd_buf text;

	if (!clean_sentence(se))
		return;
	for (size_t t = 0; t < se->n_terms; t++)
		if (usable_term(g, se, &se->terms[t]) && !in_heading(u, se, &se->terms[t]) &&
		    kind_rank_cloze(se->terms[t].kind) < best)
			best = kind_rank_cloze(se->terms[t].kind);
	/* Up to three names or numbers, two list items or key terms. */
	size_t max = best <= K_NUMBER ? 3 : 2;
	for (size_t t = 0; t < se->n_terms && n < max; t++) {
		const struct term *tm = &se->terms[t];
		if (!usable_term(g, se, tm) || in_heading(u, se, tm) || kind_rank_cloze(tm->kind) != best)
			continue;
		if (n && blanks[n - 1]->end > tm->start)
			continue; /* overlaps the previous blank */
		blanks[n++] = tm;
	}
	if (!n)
		return;
	qd_buf_init(&text);
	size_t at = 0;
	for (size_t k = 0; k < n; k++) {
		qd_buf_add(&text, se->text + at, blanks[k]->start - at);
		qd_buf_adds(&text, "{{");
		qd_buf_add(&text, se->text + blanks[k]->start, blanks[k]->end - blanks[k]->start);
		qd_buf_adds(&text, "}}");
		at = blanks[k]->end;
	}
	qd_buf_adds(&text, se->text + at);
	char *first = term_text(se, blanks[0]);
	struct qd_gen_card *c = new_card(g, u, QD_CARD_CLOZE, "cloze", first);
	free(first);
	c->text = qd_buf_detach(&text, NULL);
}

static bool ends_with_q(const char *s)
{
	size_t n = strlen(s);
	return n && s[n - 1] == '?';
}

static bool starts_with_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	return strncasecmp(s, w, n) == 0 && !is_lower(s[n]) && !is_upper(s[n]);
}

static char *join_paras(const struct qd_article_para *p, size_t n)
{
	struct qd_buf b;
	qd_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		if (i)
			qd_buf_adds(&b, "\n\n");
		qd_buf_adds(&b, p[i].text);
	}
	return qd_buf_detach(&b, NULL);
}

/* The checkable core of a related question's answer: "Yes"/"No" makes a
 * true/false card; a what/which/who question whose answer lists three or
 * more names makes a typed "name one" card accepting each; "who" takes the
 * first name, "when"/"how many"/"what year" the first number. */
static void question_check_card(struct gen *g, const struct unit *u,
                                const struct qd_article_question *q)
{
	const struct sentence *first = u->n_sents ? &u->sents[0] : NULL;
	struct qd_gen_card *c;

	if (!first || !first->n_toks)
		return;
	if (tok_is(first, &first->toks[0], "yes") || tok_is(first, &first->toks[0], "no")) {
		c = new_card(g, u, QD_CARD_TRUEFALSE, "tf", NULL);
		c->q = qd_xstrdup(q->question);
		c->truth = tok_is(first, &first->toks[0], "yes");
		c->explain = qd_xstrdup(q->paras[0].text);
		return;
	}
	bool who = starts_with_word(q->question, "who");
	bool what = starts_with_word(q->question, "what") || starts_with_word(q->question, "which");
	bool number = starts_with_word(q->question, "when") ||
	              starts_with_word(q->question, "how many") ||
	              starts_with_word(q->question, "how much") ||
	              strncasecmp(q->question, "what year", 9) == 0 ||
	              strncasecmp(q->question, "in what year", 12) == 0;
	struct qd_strv names = {NULL, 0};
	bool listed = false;

	if (number) {
		for (size_t t = 0; t < first->n_terms && !names.len; t++)
			if (first->terms[t].kind == K_NUMBER) {
				char *x = term_text(first, &first->terms[t]);
				qd_strv_push(&names, x);
				free(x);
			}
	} else if (who || what) {
		for (size_t s = 0; s < u->n_sents; s++) {
			const struct sentence *se = &u->sents[s];
			for (size_t t = 0; t < se->n_terms; t++) {
				const struct term *tm = &se->terms[t];
				bool all_names = tm->list_id >= 0;
				for (size_t m = 0; m < se->n_terms && all_names; m++)
					if (se->terms[m].list_id == tm->list_id && se->terms[m].kind != K_NAME)
						all_names = false;
				bool in_name_list = all_names && tm->kind == K_NAME && tm->list_pos < 16;
				size_t list_len = 0;
				for (size_t m = 0; m < se->n_terms; m++)
					if (tm->list_id >= 0 && se->terms[m].list_id == tm->list_id)
						list_len++;
				in_name_list = in_name_list && list_len >= 3;
				if (in_name_list)
					listed = true;
				if (tm->kind == K_NAME && usable_term(g, se, tm) &&
				    (in_name_list || tm->start == 0 || (who && s == 0 && !names.len))) {
					char *x = term_text(se, tm);
					if (!strv_has_ci(&names, x))
						qd_strv_push(&names, x);
					free(x);
				}
			}
		}
		if (what && !listed)
			qd_strv_clear(&names);
	}
	if (names.len) {
		c = new_card(g, u, QD_CARD_TYPED, "typed", NULL);
		struct qd_buf b;
		qd_buf_init(&b);
		qd_buf_adds(&b, q->question);
		if (names.len > 1 && listed)
			qd_buf_adds(&b, " Name one.");
		c->q = qd_buf_detach(&b, NULL);
		c->a = qd_xstrdup(names.items[0]);
		for (size_t i = 1; i < names.len && listed; i++)
			qd_strv_push(&c->accept, names.items[i]);
		c->explain = qd_xstrdup(q->paras[0].text);
	}
	qd_strv_clear(&names);
}

/* ------------------------------------------------------------------ */
/* Units and the whole deck */

static char *lowercase(const char *s)
{
	char *r = qd_xstrdup(s);
	for (char *p = r; *p; p++)
		if (is_upper(*p))
			*p = (char)(*p - 'A' + 'a');
	return r;
}

static struct unit *add_unit(struct gen *g, enum unit_kind kind, size_t index, char *prefix,
                             const char *tag)
{
	g->units = qd_xrealloc(g->units, (g->n_units + 1) * sizeof(*g->units));
	struct unit *u = &g->units[g->n_units++];
	memset(u, 0, sizeof(*u));
	u->kind = kind;
	u->index = index;
	u->prefix = prefix;
	u->tag = qd_xstrdup(tag);
	return u;
}

static void unit_text(struct unit *u, const char *heading, const struct qd_article_para *p,
                      size_t n, const char *single)
{
	struct qd_buf all;

	qd_buf_init(&all);
	if (heading)
		qd_buf_addf(&all, "%s\n", heading);
	if (single) {
		split_sentences(u, single);
		qd_buf_adds(&all, single);
	}
	for (size_t i = 0; i < n; i++) {
		split_sentences(u, p[i].text);
		qd_buf_addf(&all, "%s\n", p[i].text);
	}
	u->lower = lowercase(all.data);
	if (heading && u->kind == U_SECTION)
		u->heading = qd_xstrdup(heading);
	qd_buf_release(&all);
}

/* A heading as it reads inside a sentence: Title-Case words become
 * lowercase unless the article writes them capitalised mid-sentence. */
static char *heading_phrase(struct gen *g, const char *h)
{
	char *r = qd_xstrdup(h);
	char *p = r;

	while (*p) {
		while (*p == ' ')
			p++;
		char *w = p;
		bool inner = false;
		while (*p && *p != ' ') {
			if (p > w && is_upper(*p))
				inner = true;
			p++;
		}
		if (p > w && is_upper(*w) && !inner) {
			struct stat_entry *e = stats_get(&g->words, w, (size_t)(p - w), false);
			if (!e || e->cap_inner == 0 || e->lower > 0)
				*w = (char)(*w - 'A' + 'a');
		}
	}
	return r;
}

static void unit_release(struct unit *u)
{
	for (size_t s = 0; s < u->n_sents; s++) {
		struct sentence *se = &u->sents[s];
		for (size_t t = 0; t < se->n_terms; t++)
			free(se->terms[t].alt);
		free(se->terms);
		free(se->toks);
		free(se->text);
	}
	free(u->sents);
	free(u->prefix);
	free(u->tag);
	free(u->lower);
	free(u->heading);
}

static void deck_meta(struct gen *g, const struct qd_gen_opts *opts)
{
	const struct qd_article *a = g->a;
	struct qd_gen_deck *d = g->d;
	struct qd_buf b;

	d->id = opts && opts->id ? qd_xstrdup(opts->id) : qd_gen_slug(a->title, 6, false);
	if (!*d->id) {
		free(d->id);
		d->id = qd_xstrdup("article");
	}
	d->title = qd_xstrdup(a->title);
	qd_buf_init(&b);
	qd_buf_addf(&b, "Cards generated from the article \"%s\"", a->title);
	if (a->updated)
		qd_buf_addf(&b, " (last updated %s)", a->updated);
	if (a->n_sections) {
		qd_buf_adds(&b, ", covering ");
		for (size_t i = 0; i < a->n_sections; i++) {
			char *h = heading_phrase(g, a->sections[i].heading);
			qd_buf_addf(&b, "%s%s", i == 0 ? "" : i + 1 == a->n_sections ? " and " : ", ", h);
			free(h);
		}
	}
	if (a->n_questions)
		qd_buf_addf(&b, "%s%zu related question%s", a->n_sections ? ", with " : ", with ",
		            a->n_questions, a->n_questions == 1 ? "" : "s");
	qd_buf_adds(&b, ".");
	d->description = qd_buf_detach(&b, NULL);

	qd_buf_addf(&b, "%s", a->title);
	if (a->updated)
		qd_buf_addf(&b, " (last updated %s)", a->updated);
	for (size_t i = 0; i < a->n_sources; i++) {
		qd_buf_addf(&b, "%s%s", i ? ", " : "; sources: ", a->sources[i].title);
		if (a->sources[i].licence)
			qd_buf_addf(&b, " (%s)", a->sources[i].licence);
	}
	d->source = qd_buf_detach(&b, NULL);
}

int qd_gen_deck(const struct qd_article *a, const struct qd_gen_opts *opts,
                struct qd_gen_deck *d, struct qd_err *err)
{
	struct gen g;

	memset(d, 0, sizeof(*d));
	if (opts && opts->id && !qd_gen_is_slug(opts->id))
		return qd_err_set(err, QD_EXIT_USAGE,
		                  "'%s' is not a valid deck id (use lowercase letters, digits and "
		                  "single dashes)", opts->id);
	memset(&g, 0, sizeof(g));
	g.a = a;
	g.d = d;

	/* Units: the quick answer, the sections, the related questions. */
	if (a->quick)
		unit_text(add_unit(&g, U_QUICK, 0, qd_xstrdup("quick"), "overview"), NULL, NULL, 0,
		          a->quick);
	for (size_t i = 0; i < a->n_sections; i++) {
		const struct qd_article_section *s = &a->sections[i];
		char *tag = qd_gen_slug(s->heading, 0, false);
		char *prefix = qd_gen_slug(s->heading, 2, true);
		if (!*prefix) {
			free(prefix);
			prefix = qd_xstrdup("section");
		}
		if (!*tag) {
			free(tag);
			tag = qd_xstrdup("section");
		}
		unit_text(add_unit(&g, U_SECTION, i, prefix, tag), s->heading, s->paras, s->n_paras,
		          NULL);
		free(tag);
	}
	for (size_t i = 0; i < a->n_questions; i++) {
		const struct qd_article_question *q = &a->questions[i];
		char *prefix = qd_gen_slug(q->question, 4, true);
		if (!*prefix) {
			free(prefix);
			prefix = qd_xstrdup("question");
		}
		unit_text(add_unit(&g, U_QUESTION, i, prefix, "related-questions"), q->question,
		          q->paras, q->n_paras, NULL);
	}

	/* Article-wide statistics, then the terms of every sentence. */
	for (size_t u = 0; u < g.n_units; u++)
		for (size_t s = 0; s < g.units[u].n_sents; s++)
			count_words(&g, &g.units[u].sents[s]);
	for (size_t u = 0; u < g.n_units; u++)
		for (size_t s = 0; s < g.units[u].n_sents; s++)
			count_pairs(&g, &g.units[u].sents[s]);
	for (size_t i = 0; i < a->n_sections; i++) {
		/* Headings count for key terms (not for names: they are title case). */
		struct sentence h;
		memset(&h, 0, sizeof(h));
		h.text = lowercase(a->sections[i].heading);
		tokenize(&h);
		count_pairs(&g, &h);
		free(h.toks);
		free(h.text);
	}
	find_subject(&g);
	for (size_t u = 0; u < g.n_units; u++)
		for (size_t s = 0; s < g.units[u].n_sents; s++)
			find_terms(&g, &g.units[u].sents[s]);

	/* Cards, unit by unit. */
	for (size_t ui = 0; ui < g.n_units; ui++) {
		struct unit *u = &g.units[ui];
		const struct sentence *used = NULL;
		struct qd_gen_card *c;

		if (u->kind == U_QUICK) {
			c = new_card(&g, u, QD_CARD_BASIC, "answer", NULL);
			struct qd_buf q;
			qd_buf_init(&q);
			char *t = qd_xstrdup(a->title);
			if (g.subject) { /* "What is rust used for" → "What is Rust used for" */
				size_t n = strlen(g.subject);
				for (char *p = t; *p; p++)
					if (strncasecmp(p, g.subject, n) == 0 &&
					    (p == t || p[-1] == ' ') && !is_lower(p[n]) && !is_upper(p[n]))
						memcpy(p, g.subject, n);
			}
			if (is_lower(t[0]))
				t[0] = (char)(t[0] - 'a' + 'A');
			static const char *const qwords[] = {"what", "why", "how", "who", "when",
			                                     "where", "which", "is", "are", "can",
			                                     "does", "do", "should", NULL};
			size_t w = strcspn(t, " ");
			if (in_list(qwords, t, w))
				qd_buf_addf(&q, "%s%s", t, ends_with_q(t) ? "" : "?");
			else
				qd_buf_addf(&q, "In short, what does the article \"%s\" say?", t);
			free(t);
			c->q = qd_buf_detach(&q, NULL);
			c->a = qd_xstrdup(a->quick);
		} else if (u->kind == U_SECTION) {
			const struct qd_article_section *s = &a->sections[u->index];
			c = new_card(&g, u, QD_CARD_BASIC, "main", NULL);
			char *h = heading_phrase(&g, s->heading);
			struct qd_buf q;
			qd_buf_init(&q);
			qd_buf_addf(&q, "What is the main point about %s?", h);
			free(h);
			c->q = qd_buf_detach(&q, NULL);
			c->a = qd_xstrdup(u->n_sents ? u->sents[0].text : s->paras[0].text);
			used = choice_card(&g, ui);
		} else {
			const struct qd_article_question *q = &a->questions[u->index];
			c = new_card(&g, u, QD_CARD_BASIC, NULL, NULL);
			c->q = qd_xstrdup(q->question);
			c->a = join_paras(q->paras, q->n_paras);
			question_check_card(&g, u, q);
		}
		for (size_t s = 0; s < u->n_sents; s++)
			if (&u->sents[s] != used)
				cloze_card(&g, u, &u->sents[s]);
	}

	/* A card with a string the deck format cannot hold (a very long
	 * paragraph) is left out; the other ids are already fixed. */
	for (size_t i = d->n_cards; i-- > 0;)
		if (card_too_long(&d->cards[i]))
			qd_gen_deck_remove(d, i);

	/* Deck fields. */
	deck_meta(&g, opts);
	cut_text(d->title);
	cut_text(d->description);
	cut_text(d->source);
	for (size_t u = 0; u < g.n_units; u++)
		if (g.units[u].kind == U_SECTION && !qd_strv_has(&d->tags, g.units[u].tag))
			qd_strv_push(&d->tags, g.units[u].tag);

	for (size_t u = 0; u < g.n_units; u++)
		unit_release(&g.units[u]);
	free(g.units);
	stats_release(&g.words);
	stats_release(&g.pairs);
	return 0;
}

/* ------------------------------------------------------------------ */
/* Validation and output */

static const char *const type_names[] = {
	[QD_CARD_BASIC] = "basic",         [QD_CARD_TYPED] = "typed",
	[QD_CARD_CHOICE] = "choice",       [QD_CARD_MULTI] = "multi",
	[QD_CARD_TRUEFALSE] = "truefalse", [QD_CARD_CLOZE] = "cloze",
};

const char *qd_gen_type_name(enum qd_card_type t)
{
	return (size_t)t < sizeof(type_names) / sizeof(*type_names) ? type_names[t] : "basic";
}

int qd_gen_type_parse(const char *name, enum qd_card_type *out)
{
	for (size_t i = 0; i < sizeof(type_names) / sizeof(*type_names); i++)
		if (strcmp(type_names[i], name) == 0) {
			*out = (enum qd_card_type)i;
			return 0;
		}
	return -1;
}

static bool blank(const char *s)
{
	if (!s)
		return true;
	for (; *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\t')
			return false;
	return true;
}

static bool has_dups(const struct qd_strv *v)
{
	for (size_t i = 0; i < v->len; i++)
		for (size_t j = i + 1; j < v->len; j++)
			if (strcmp(v->items[i], v->items[j]) == 0)
				return true;
	return false;
}

/* Counts the {{...}} blanks of a cloze text; -1 if unbalanced or empty. */
static int count_blanks(const char *s)
{
	int n = 0;
	while ((s = strstr(s, "{{"))) {
		const char *e = strstr(s + 2, "}}");
		const char *again = strstr(s + 2, "{{");
		if (!e || (again && again < e) || e == s + 2)
			return -1;
		n++;
		s = e + 2;
	}
	return n;
}

int qd_gen_deck_validate(const struct qd_gen_deck *d, struct qd_err *err)
{
	const char *what;

	if (!d->id || !qd_gen_is_slug(d->id) || strlen(d->id) > QD_DECK_MAX_ID)
		return qd_err_set(err, QD_EXIT_DATAERR, "deck id '%s' is not a slug of at most %d bytes",
		                  d->id ? d->id : "", QD_DECK_MAX_ID);
	if (blank(d->title))
		return qd_err_set(err, QD_EXIT_DATAERR, "the deck has no title");
	if ((what = deck_too_long(d)))
		return qd_err_set(err, QD_EXIT_DATAERR, "the deck's '%s' is longer than %d bytes", what,
		                  QD_DECK_MAX_TEXT);
	if (!d->n_cards)
		return qd_err_set(err, QD_EXIT_DATAERR, "the deck has no cards");
	if (d->n_cards > QD_DECK_MAX_CARDS)
		return qd_err_set(err, QD_EXIT_DATAERR, "the deck has %zu cards; the limit is %d",
		                  d->n_cards, QD_DECK_MAX_CARDS);
	for (size_t i = 0; i < d->n_cards; i++) {
		const struct qd_gen_card *c = &d->cards[i];
		const char *id = c->id ? c->id : "";
		if (!qd_gen_is_slug(id) || strlen(id) > QD_DECK_MAX_ID)
			return qd_err_set(err, QD_EXIT_DATAERR,
			                  "card id '%s' is not a slug of at most %d bytes", id,
			                  QD_DECK_MAX_ID);
		if ((what = card_too_long(c)))
			return qd_err_set(err, QD_EXIT_DATAERR, "card '%s': '%s' is longer than %d bytes",
			                  id, what, QD_DECK_MAX_TEXT);
		for (size_t j = 0; j < i; j++)
			if (strcmp(d->cards[j].id, id) == 0)
				return qd_err_set(err, QD_EXIT_DATAERR, "duplicate card id '%s'", id);
		if (c->type != QD_CARD_CLOZE && blank(c->q))
			return qd_err_set(err, QD_EXIT_DATAERR, "card '%s': empty question", id);
		switch (c->type) {
		case QD_CARD_BASIC:
		case QD_CARD_TYPED:
			if (blank(c->a))
				return qd_err_set(err, QD_EXIT_DATAERR, "card '%s': empty answer", id);
			break;
		case QD_CARD_CHOICE:
			if (c->choices.len < 2 || has_dups(&c->choices))
				return qd_err_set(err, QD_EXIT_DATAERR,
				                  "card '%s': 'choices' must list at least two different "
				                  "answers", id);
			if (blank(c->a) || !qd_strv_has(&c->choices, c->a))
				return qd_err_set(err, QD_EXIT_DATAERR,
				                  "card '%s': the answer is not among the choices", id);
			break;
		case QD_CARD_MULTI:
			if (c->choices.len < 2 || has_dups(&c->choices))
				return qd_err_set(err, QD_EXIT_DATAERR,
				                  "card '%s': 'choices' must list at least two different "
				                  "answers", id);
			if (!c->answers.len || has_dups(&c->answers))
				return qd_err_set(err, QD_EXIT_DATAERR,
				                  "card '%s': a multi card needs a list of correct choices", id);
			for (size_t k = 0; k < c->answers.len; k++)
				if (!qd_strv_has(&c->choices, c->answers.items[k]))
					return qd_err_set(err, QD_EXIT_DATAERR,
					                  "card '%s': answer '%s' is not among the choices", id,
					                  c->answers.items[k]);
			break;
		case QD_CARD_TRUEFALSE:
			break;
		case QD_CARD_CLOZE:
			if (blank(c->text) || count_blanks(c->text) <= 0)
				return qd_err_set(err, QD_EXIT_DATAERR,
				                  "card '%s': a cloze text needs {{blanks}}", id);
			break;
		}
	}
	return 0;
}

static void emit_list(struct qd_yemit *e, const char *key, const struct qd_strv *v, bool flow)
{
	if (!v->len)
		return;
	qd_yemit_str(e, key);
	qd_yemit_seq_start(e, flow);
	for (size_t i = 0; i < v->len; i++)
		qd_yemit_str(e, v->items[i]);
	qd_yemit_seq_end(e);
}

static void emit_opt(struct qd_yemit *e, const char *key, const char *value)
{
	if (value)
		qd_yemit_kv(e, key, value);
}

int qd_gen_deck_emit(const struct qd_gen_deck *d, struct qd_buf *out, struct qd_err *err)
{
	struct qd_yemit *e = qd_yemit_new(out, 100);
	int rc;

	qd_yemit_map_start(e, false);
	qd_yemit_kv(e, "deck", d->id);
	qd_yemit_kv(e, "title", d->title);
	emit_opt(e, "description", d->description);
	emit_opt(e, "source", d->source);
	emit_list(e, "tags", &d->tags, true);
	if (d->reverse) {
		qd_yemit_str(e, "reverse");
		qd_yemit_plain(e, "true");
	}
	emit_opt(e, "accents", d->accents);
	qd_yemit_str(e, "cards");
	qd_yemit_seq_start(e, false);
	for (size_t i = 0; i < d->n_cards; i++) {
		const struct qd_gen_card *c = &d->cards[i];
		qd_yemit_map_start(e, false);
		qd_yemit_kv(e, "id", c->id);
		qd_yemit_kv(e, "type", qd_gen_type_name(c->type));
		emit_opt(e, "q", c->q);
		emit_opt(e, "text", c->text);
		if (c->type == QD_CARD_TRUEFALSE) {
			qd_yemit_str(e, "a");
			qd_yemit_plain(e, c->truth ? "true" : "false");
		} else if (c->type == QD_CARD_MULTI) {
			emit_list(e, "choices", &c->choices, false);
			emit_list(e, "a", &c->answers, false);
		} else {
			emit_opt(e, "a", c->a);
		}
		emit_list(e, "accept", &c->accept, true);
		if (c->type != QD_CARD_MULTI)
			emit_list(e, "choices", &c->choices, false);
		emit_opt(e, "explain", c->explain);
		emit_opt(e, "hint", c->hint);
		emit_list(e, "tags", &c->tags, true);
		qd_yemit_map_end(e);
	}
	qd_yemit_seq_end(e);
	qd_yemit_map_end(e);
	rc = qd_yemit_finish(e, err);
	qd_yemit_free(e);
	return rc;
}

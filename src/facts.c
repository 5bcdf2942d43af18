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
 *
 * This file is the driver (units, statistics, the subject, key terms,
 * definitions, classes of names); the finders of names, figures and terms
 * live in facts-names.c, facts-figures.c and facts-terms.c, sharing the
 * reader's state through src/facts-read.h.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "facts-read.h"

/* ---- article-wide word statistics ---- */

static uint32_t hash_str(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)lower_c(s[i])) * 16777619u;
	return h;
}

struct stat_entry *qd_facts_stat(struct stats *st, const char *w, size_t n, bool create)
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


struct qd_fact *qd_facts_add(struct qd_fsent *fs, size_t start, size_t end,
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

void qd_facts_release_fact(struct qd_fact *t)
{
	free(t->alias);
	free(t->unit);
}

void qd_facts_remove(struct qd_fsent *fs, size_t k)
{
	qd_facts_release_fact(&fs->facts[k]);
	memmove(&fs->facts[k], &fs->facts[k + 1], (fs->n_facts - k - 1) * sizeof(*fs->facts));
	fs->n_facts--;
}

/* The fact covering byte range [start, end) exactly, or NULL. */
struct qd_fact *qd_facts_at(struct qd_fsent *fs, size_t start, size_t end)
{
	for (size_t k = 0; k < fs->n_facts; k++)
		if (fs->facts[k].start == start && fs->facts[k].end == end)
			return &fs->facts[k];
	return NULL;
}

bool qd_facts_overlaps(const struct qd_fsent *fs, size_t start, size_t end)
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
		struct stat_entry *e = qd_facts_stat(&r->words, tok_text(s, i), t->end - t->start, true);
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
			qd_facts_stat(&r->pairs, b.data, b.len, true)->total++;
	qd_buf_release(&b);
}

/* A word that may be part of a name: capitalised, and not a function word;
 * at the start of a sentence only if the article never writes it in
 * lowercase and capitalises it elsewhere. Months and days are dates. */
bool qd_facts_name_word(struct reader *r, const struct qd_sent *s, size_t i)
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
	e = qd_facts_stat(&r->words, w, n, false);
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
bool qd_facts_is_initial(const struct qd_sent *s, size_t i)
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

bool qd_facts_is_subject(const struct reader *r, const char *s, size_t n)
{
	const char *subj = r->f->subject;

	return subj && strlen(subj) == n && strncasecmp(s, subj, n) == 0;
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
		struct stat_entry *e = qd_facts_stat(&r->pairs, b.data, b.len, false);
		if (!e || e->total < 2 || tok_word_in(s, i, QD_WC_GENERIC) ||
		    tok_word_in(s, i + 1, QD_WC_VAGUE) ||
		    qd_facts_is_subject(r, tok_text(s, i), qd_tok_len(s, i)) ||
		    qd_facts_is_subject(r, tok_text(s, i + 1), qd_tok_len(s, i + 1)) ||
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
		qd_facts_add(fs, s->toks[i].start, s->toks[to].end, QD_FACT_KEY);
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

/* Adds the class members unless it has none to offer or the article gave
 * the same list before (seen: each class's members joined by NUL bytes). */
static void add_class(struct qd_facts *f, struct qd_strv *members, struct qd_strset *seen)
{
	struct qd_buf key;
	bool fresh;

	if (members->len < 2) {
		qd_strv_clear(members);
		return;
	}
	qd_buf_init(&key);
	for (size_t i = 0; i < members->len; i++)
		qd_buf_add(&key, members->items[i], strlen(members->items[i]) + 1);
	fresh = qd_strset_put_n(seen, key.data, key.len, 0, NULL);
	qd_buf_release(&key);
	if (!fresh) {
		qd_strv_clear(members);
		return;
	}
	if ((f->n_classes & (f->n_classes - 1)) == 0) /* 0, 1, 2, 4...: full */
		f->classes = qd_xrealloc(f->classes, (f->n_classes ? 2 * f->n_classes : 1) *
		                                         sizeof(*f->classes));
	f->classes[f->n_classes++].members = *members;
	memset(members, 0, sizeof(*members));
}

/* Two names are the same when equal or when the shorter (of 3 bytes or
 * more) ends the longer after a space ("Armstrong", "Neil A. Armstrong"),
 * ASCII case-blind. So a set of names is looked up by two kinds of keys,
 * both lowercase: "=NAME" for each name, "~TAIL" for each tail of a name
 * after a space. A name x is the same as a member when "=x" is there (the
 * same), when "~x" is there (x ends a member), or when "=T" is there for a
 * tail T of x (a member ends x). */
static void name_key(struct qd_buf *b, char kind, const char *s)
{
	qd_buf_reset(b);
	qd_buf_addc(b, kind);
	for (; *s; s++)
		qd_buf_addc(b, lower_c(*s));
}

/* Calls fn(key, data) on each key of name: "=name" and its "~tails". */
static void name_keys(const char *name, struct qd_buf *b,
                      void (*fn)(const struct qd_buf *key, void *data), void *data)
{
	name_key(b, '=', name);
	fn(b, data);
	for (const char *p = strchr(name, ' '); p; p = strchr(p + 1, ' ')) {
		if (strlen(p + 1) < 3)
			break;
		name_key(b, '~', p + 1);
		fn(b, data);
	}
}

/* Whether a key of the kinds above matching x is in set: calls fn on each
 * key to look up and stops at the first it answers true. */
static bool name_lookup(const char *x, struct qd_buf *b,
                        bool (*fn)(const struct qd_buf *key, void *data), void *data)
{
	name_key(b, '=', x);
	if (fn(b, data))
		return true;
	if (strlen(x) >= 3) {
		name_key(b, '~', x);
		if (fn(b, data))
			return true;
	}
	for (const char *p = strchr(x, ' '); p; p = strchr(p + 1, ' ')) {
		if (strlen(p + 1) < 3)
			break;
		name_key(b, '=', p + 1);
		if (fn(b, data))
			return true;
	}
	return false;
}

/* The classes a key leads to, in order. */
struct qd_facts_refs {
	size_t *v, n, cap;
};

struct index_add {
	struct qd_facts *f;
	size_t class;
};

static void index_key(const struct qd_buf *key, void *data)
{
	struct index_add *a = data;
	struct qd_facts *f = a->f;
	size_t at;
	struct qd_facts_refs *r;

	if (qd_strset_put_n(&f->by_name, key->data, key->len, f->n_refs, &at)) {
		at = f->n_refs++;
		if ((at & (at - 1)) == 0) /* 0, 1, 2, 4...: full */
			f->refs = qd_xrealloc(f->refs, (at ? 2 * at : 1) * sizeof(*f->refs));
		memset(&f->refs[at], 0, sizeof(*f->refs));
	}
	r = &f->refs[at];
	if (r->n && r->v[r->n - 1] == a->class)
		return;
	if (r->n == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 2;
		r->v = qd_xrealloc(r->v, r->cap * sizeof(*r->v));
	}
	r->v[r->n++] = a->class;
}

static void index_classes(struct qd_facts *f)
{
	struct qd_buf b;

	qd_buf_init(&b);
	for (size_t c = 0; c < f->n_classes; c++) {
		struct index_add a = {f, c};
		for (size_t i = 0; i < f->classes[c].members.len; i++)
			name_keys(f->classes[c].members.items[i], &b, index_key, &a);
	}
	qd_buf_release(&b);
}

static void find_classes(struct qd_facts *f)
{
	struct qd_strv persons = {NULL, 0};
	struct qd_strset seen = {0}, persons_seen = {0};

	for (size_t u = 0; u < f->n_units; u++) {
		const struct qd_unit *un = &f->units[u];
		struct qd_strv answer_names = {NULL, 0};
		struct qd_strset answer_seen = {0};
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
					add_class(f, &m, &seen);
				else
					qd_strv_clear(&m);
			}
			for (size_t k = 0; k < fs->n_facts; k++) {
				const struct qd_fact *x = &fs->facts[k];
				if (x->kind != QD_FACT_NAME)
					continue;
				char *t = qd_fact_text(fs, x);
				if (asks_names && !x->person && (x->list >= 0 || x->start == 0) &&
				    qd_strset_add(&answer_seen, t))
					qd_strv_push(&answer_names, t);
				if (x->person && qd_strset_add(&persons_seen, t))
					qd_strv_push(&persons, t);
				free(t);
			}
		}
		qd_strset_release(&answer_seen);
		if (answer_names.len >= 3)
			add_class(f, &answer_names, &seen);
		else
			qd_strv_clear(&answer_names);
	}
	if (persons.len >= 3)
		add_class(f, &persons, &seen);
	else
		qd_strv_clear(&persons);
	qd_strset_release(&seen);
	qd_strset_release(&persons_seen);
	index_classes(f);
}

/* Looking a name up among the classes: collects the classes of each key
 * found (never stops early). */
struct class_hits {
	const struct qd_facts *f;
	size_t *v, n, cap;
};

static bool collect_classes(const struct qd_buf *key, void *data)
{
	struct class_hits *h = data;
	size_t at;

	if (!qd_strset_get_n(&h->f->by_name, key->data, key->len, &at))
		return false;
	for (size_t i = 0; i < h->f->refs[at].n; i++) {
		if (h->n == h->cap) {
			h->cap = h->cap ? h->cap * 2 : 8;
			h->v = qd_xrealloc(h->v, h->cap * sizeof(*h->v));
		}
		h->v[h->n++] = h->f->refs[at].v[i];
	}
	return false;
}

static int size_cmp(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return (a > b) - (a < b);
}

static void add_key(const struct qd_buf *key, void *data)
{
	qd_strset_put_n(data, key->data, key->len, 0, NULL);
}

static bool has_key(const struct qd_buf *key, void *data)
{
	return qd_strset_get_n(data, key->data, key->len, NULL);
}

void qd_facts_classmates(const struct qd_facts *f, const char *name,
                         bool (*each)(void *data, const char *mate), void *data)
{
	struct class_hits h = {f, NULL, 0, 0};
	struct qd_strset given = {0}; /* name and the mates given, by their keys */
	struct qd_buf b;

	qd_buf_init(&b);
	name_lookup(name, &b, collect_classes, &h);
	if (h.n)
		qsort(h.v, h.n, sizeof(*h.v), size_cmp);
	name_keys(name, &b, add_key, &given);
	for (size_t c = 0; c < h.n; c++) {
		if (c && h.v[c] == h.v[c - 1])
			continue;
		const struct qd_strv *m = &f->classes[h.v[c]].members;
		for (size_t i = 0; i < m->len; i++) {
			if (name_lookup(m->items[i], &b, has_key, &given))
				continue;
			name_keys(m->items[i], &b, add_key, &given);
			if (!each(data, m->items[i]))
				goto done;
		}
	}
done:
	qd_strset_release(&given);
	qd_buf_release(&b);
	free(h.v);
}

/* Whether v is within 1e-9 of a figure of the article: a binary search in
 * the sorted figures, then the few around v. */
bool qd_facts_has_number(const struct qd_facts *f, double v)
{
	size_t lo = 0, hi = f->n_numbers;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (f->numbers[mid] < v - 1e-6)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < f->n_numbers && f->numbers[i] <= v + 1e-6; i++)
		if (fabs(f->numbers[i] - v) < 1e-9)
			return true;
	return false;
}

static int double_cmp(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

/* Sorts the article's figures for qd_facts_has_number(), leaving out any
 * that is not a number (it is within 1e-9 of nothing). */
static void sort_numbers(struct qd_facts *f)
{
	size_t k = 0;

	for (size_t i = 0; i < f->n_numbers; i++)
		if (!isnan(f->numbers[i]))
			f->numbers[k++] = f->numbers[i];
	f->n_numbers = k;
	if (k)
		qsort(f->numbers, k, sizeof(*f->numbers), double_cmp);
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
	    tok_word_in(s, 0, QD_WC_DETERMINER) || qd_facts_number_word_at(s, 0, false))
		return;
	while (j + 1 < s->n_toks && !s->toks[j].after && (s->toks[j + 1].flags & QD_W_CAP) &&
	       j < 3)
		j++;
	if (s->toks[j].after != ',' && s->toks[j].after != ':' && s->toks[j].after != '-')
		return; /* "D. Richard Hipp": an initial, read as a name below */
	(void)r;
	qd_facts_add(fs, s->toks[0].start, s->toks[j].end, QD_FACT_NAME);
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

	qd_facts_find_dates(r, fs, used);
	if (answer_start)
		find_answer_name(r, fs, used);
	qd_facts_find_names(r, fs, used);
	qd_facts_find_abbreviations(fs, used);
	qd_facts_find_numbers(r, fs, used);
	qd_facts_find_terms(r, fs, used);
	qd_facts_find_lists(r, fs, used);
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
	sort_numbers(f);
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
				qd_facts_release_fact(&fs->facts[k]);
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
	for (size_t i = 0; i < f->n_refs; i++)
		free(f->refs[i].v);
	free(f->refs);
	qd_strset_release(&f->by_name);
	free(f->numbers);
	free(f->subject);
	memset(f, 0, sizeof(*f));
}

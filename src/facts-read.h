/*
 * Internals of the article reader (src/facts*.c; see quizdeck/facts.h):
 * the reader's state, shared by the finders, and the helpers they share.
 * Nothing outside src/facts*.c includes this.
 *
 *   facts.c          the driver: units, word statistics, the subject, key
 *                    terms, definitions, classes of names
 *   facts-names.c    dates, names and people, abbreviations
 *   facts-figures.c  figures with their units, years, ranges
 *   facts-terms.c    marked terms and enumerations
 */
#ifndef QUIZDECK_FACTS_READ_H
#define QUIZDECK_FACTS_READ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/buf.h"
#include "quizdeck/facts.h"
#include "quizdeck/words.h"

/* Article-wide word statistics: a small hash map from a lowercase word
 * (or a "word word" pair) to counters. */
struct stat_entry {
	char *key;  /* lowercase */
	char *form; /* the first capitalised spelling, or NULL */
	int cap_initial, cap_inner, lower, total, alone_name;
};

struct stats {
	struct stat_entry *slots;
	size_t cap, len;
};

/* The counters of w[0..n) (ASCII case-blind), created when create. */
struct stat_entry *qd_facts_stat(struct stats *st, const char *w, size_t n, bool create);

/* The reader's state while analysing one article. */
struct reader {
	struct qd_facts *f;
	struct stats words, pairs;
	int next_list;
};

static inline char lower_c(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static inline const char *tok_text(const struct qd_sent *s, size_t i)
{
	return s->text + s->toks[i].start;
}

static inline bool tok_word_in(const struct qd_sent *s, size_t i, enum qd_wclass c)
{
	return qd_tok_in(s, i, c);
}

static inline bool tok_verb(const struct qd_sent *s, size_t i)
{
	return qd_word_is_verb(tok_text(s, i), qd_tok_len(s, i));
}

static inline bool tok_has(const struct qd_sent *s, size_t i, unsigned flag)
{
	return (s->toks[i].flags & flag) != 0;
}

/* Nothing but spaces between token i and token i + 1. */
static inline bool joined(const struct qd_sent *s, size_t i)
{
	return i + 1 < s->n_toks && !s->toks[i].after && s->toks[i].paren == s->toks[i + 1].paren;
}

/* Facts of a sentence: add one (returned, owned by fs), remove one, the one
 * spanning exactly [start, end), whether any qd_facts_overlaps [start, end). */
struct qd_fact *qd_facts_add(struct qd_fsent *fs, size_t start, size_t end,
                             enum qd_fact_kind kind);
void qd_facts_remove(struct qd_fsent *fs, size_t k);
void qd_facts_release_fact(struct qd_fact *t);
struct qd_fact *qd_facts_at(struct qd_fsent *fs, size_t start, size_t end);
bool qd_facts_overlaps(const struct qd_fsent *fs, size_t start, size_t end);

/* Words: a possible part of a name; an initial ("D."); the article's
 * subject; a word of a NULL-terminated list (ASCII case-blind); a year
 * (1000-2099); a number word starting (first) or continuing a figure. */
bool qd_facts_name_word(struct reader *r, const struct qd_sent *s, size_t i);
bool qd_facts_is_initial(const struct qd_sent *s, size_t i);
bool qd_facts_is_subject(const struct reader *r, const char *s, size_t n);
bool qd_facts_listed(const char *const *list, const char *w, size_t n);
bool qd_facts_year_number(const struct qd_sent *s, size_t i);
bool qd_facts_number_word_at(const struct qd_sent *s, size_t i, bool first);

/* The finders, in the order they run. used[k] marks token k taken. */
void qd_facts_find_dates(struct reader *r, struct qd_fsent *fs, bool *used);
void qd_facts_find_names(struct reader *r, struct qd_fsent *fs, bool *used);
void qd_facts_find_abbreviations(struct qd_fsent *fs, bool *used);
void qd_facts_find_numbers(struct reader *r, struct qd_fsent *fs, bool *used);
void qd_facts_find_terms(struct reader *r, struct qd_fsent *fs, bool *used);
void qd_facts_find_lists(struct reader *r, struct qd_fsent *fs, bool *used);

#endif

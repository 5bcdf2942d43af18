/*
 * What an article states: its key facts, found sentence by sentence.
 *
 * The article is cut into units (the quick answer, each section, each
 * related question's answer) and units into sentences (quizdeck/words.h).
 * Each sentence gets its facts: spans of its own text that a card may ask
 * for, each of one kind. Whole-article statistics come first (how each word
 * is capitalised, which word pairs recur, which names are listed together),
 * because whether "Mozilla" at the start of a sentence is a name, or
 * "memory safety" a key term, depends on the rest of the article.
 *
 * Nothing here decides what becomes a card (quizdeck/gen.h does): this is
 * the reading, not the writing. Deterministic; everything is owned by the
 * analysis and freed by qd_facts_release().
 */
#ifndef QUIZDECK_FACTS_H
#define QUIZDECK_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/article.h"
#include "quizdeck/strset.h"
#include "quizdeck/strv.h"
#include "quizdeck/words.h"

/* Sentences longer than this (in words) are not read for facts. */
#define QD_FACTS_MAX_WORDS 150

enum qd_fact_kind {
	QD_FACT_NAME,   /* a proper name: a person, an organisation, a product, a place */
	QD_FACT_NUMBER, /* a figure ("9", "650 million", "2.7"); its unit follows it */
	QD_FACT_YEAR,   /* "1886", "1990s" */
	QD_FACT_DATE,   /* "July 20, 1969", "May 1961", "12 June 2024" */
	QD_FACT_TERM,   /* a defined or marked term: "called patina", a quoted phrase,
	                   "without garbage collection", "compile time rather than" */
	QD_FACT_ITEM,   /* an item of an enumeration that is not a name */
	QD_FACT_KEY,    /* a key term: two content words the article repeats */
};

struct qd_fact {
	size_t start, end;  /* the answer's bytes in the sentence's text */
	enum qd_fact_kind kind;
	int list;           /* the enumeration it is an item of, or -1 */
	size_t list_pos, list_len;
	bool defined;       /* introduced by "called", "known as", quotes... */
	bool tail;          /* a term found only as the last noun phrase of a clause
	                       ("... with rebase, which ..."): asked only where the
	                       sentence has nothing else */
	/* Names. */
	bool person;        /* a person's: the surname alone is accepted too */
	char *alias;        /* another form the article gives: "WASM" for "WebAssembly
	                       (WASM)", "World Health Organization" for "WHO"; owned */
	/* Numbers and years. */
	double value;       /* the figure's value (a range: its lower end) */
	int decimals;       /* digits after the point */
	bool in_words;      /* written in words ("three billion") */
	bool grouped;       /* written with thousands separators ("400,000") */
	bool exact_only;    /* a range, an ordinal, a time, a decade: no distractors */
	char *unit;         /* the noun after the figure ("bars", "percent"), owned, or NULL */
	size_t unit_end;    /* end of the figure with its unit */
};

/* An analysed sentence. "X is a/an/the Y" makes it a definition of X. */
struct qd_fsent {
	struct qd_sent s;
	struct qd_fact *facts; /* sorted by start */
	size_t n_facts;
	bool definition;
	size_t def_start, def_end; /* X */
	size_t body_start;         /* where Y starts (after "is a") */
};

enum qd_unit_kind { QD_UNIT_QUICK, QD_UNIT_SECTION, QD_UNIT_QUESTION };

struct qd_unit {
	enum qd_unit_kind kind;
	size_t index;          /* into the article's sections or questions */
	const char *heading;   /* the section's heading or the question; NULL for the quick answer */
	struct qd_fsent *sents;
	size_t n_sents;
	char *lower;           /* the unit's text (heading included), lowercase */
};

/* Names the article lists together ("Amazon, Discord and Dropbox", the
 * names answering "What major companies use Rust?"): of one class, so
 * each is a fair distractor for another where they are not said together. */
struct qd_name_class {
	struct qd_strv members;
};

struct qd_facts_refs;

struct qd_facts {
	const struct qd_article *article;
	struct qd_unit *units;
	size_t n_units;
	char *subject;         /* the article's subject as it writes it ("Rust"), or NULL */
	struct qd_name_class *classes;
	size_t n_classes;
	double *numbers;       /* every figure of the article, for distractors to avoid
	                          (sorted) */
	size_t n_numbers;
	int max_year;          /* the latest year the article names (0 if none) */
	/* private: the classes by the names of their members, for
	 * qd_facts_classmates() */
	struct qd_strset by_name;
	struct qd_facts_refs *refs;
	size_t n_refs;
};

/* Analyses a (parsed) article. Cannot fail. */
void qd_facts_analyse(const struct qd_article *a, struct qd_facts *out);
void qd_facts_release(struct qd_facts *f);

/* Calls each(data, mate) on the names that share a class with name, in
 * article order, until it returns false: each name once, and neither name
 * nor a form of it (nor of a name given before: "Armstrong" after "Neil
 * Armstrong"). The time is that of the mates given, not of the article. */
void qd_facts_classmates(const struct qd_facts *f, const char *name,
                         bool (*each)(void *data, const char *mate), void *data);

/* A fact's answer text (owned by the caller). */
char *qd_fact_text(const struct qd_fsent *s, const struct qd_fact *f);

/* Whether the figure f (a number) appears anywhere in the article. */
bool qd_facts_has_number(const struct qd_facts *f, double v);

#endif

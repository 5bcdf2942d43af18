/*
 * The generator's lexical layer: sentences cut into tokens, the closed
 * word classes of English the generator needs (function words,
 * prepositions, common verbs, number words, months), and slugs.
 *
 * Everything is deterministic and locale-free. Words are compared
 * ASCII-case-blind; a word's capitalisation is read from its first code
 * point (so "Émile" is capitalised). The lists are small on purpose: they
 * decide where a term ends ("a process called fermentation, which"), not
 * what a word means.
 */
#ifndef QUIZDECK_WORDS_H
#define QUIZDECK_WORDS_H

#include <stdbool.h>
#include <stddef.h>

/* Token flags. */
enum {
	QD_W_CAP = 1 << 0,       /* starts with an uppercase letter */
	QD_W_INNER_CAP = 1 << 1, /* an uppercase letter after the first ("WebAssembly") */
	QD_W_DIGIT = 1 << 2,     /* holds a digit */
	QD_W_SYMBOL = 1 << 3,    /* holds '+' or '#' ("C++", "C#") */
	QD_W_ALLCAPS = 1 << 4,   /* two or more letters, all uppercase ("AWS") */
	QD_W_FIRST = 1 << 5,     /* the first word of its sentence */
	QD_W_POSS = 1 << 6,      /* written with a possessive "'s" (removed from the span) */
	QD_W_QUOTED = 1 << 7,    /* inside double quotes */
	QD_W_LOWER = 1 << 8,     /* starts with a lowercase letter */
};

struct qd_tok {
	size_t start, end; /* the word's bytes in the sentence: no possessive, no final '.' */
	unsigned flags;
	char after;        /* the first mark between this word and the next: one of
	                      , ; : ( ) . ! ? " - (a dash), or 0 */
	char last;         /* the last such mark before the next word */
	int paren;         /* parenthesis depth */
};

struct qd_sent {
	char *text; /* owned */
	struct qd_tok *toks;
	size_t n_toks;
};

/* Cuts a paragraph into sentences (at '.', '!' or '?' followed by a space
 * and a capital, digit, quote or parenthesis, outside parentheses, not
 * after an abbreviation or an initial) and tokenises each; appends them to
 * *sents. */
void qd_words_split(const char *para, struct qd_sent **sents, size_t *n);
/* Tokenises s->text into s->toks. */
void qd_words_tokenize(struct qd_sent *s);
void qd_sent_release(struct qd_sent *s);

/* Closed classes. */
enum qd_wclass {
	QD_WC_STOP,      /* function words: never a term, never in an id */
	QD_WC_PREP,      /* prepositions: end a term */
	QD_WC_CLAUSE,    /* auxiliaries, relative and subordinating words: end a term */
	QD_WC_GENERIC,   /* modifiers too generic to start a term ("entire", "major") */
	QD_WC_MONTH,     /* January ... December */
	QD_WC_DAY,       /* Monday ... Sunday */
	QD_WC_VAGUE,     /* nouns too vague to be a blank alone ("decades", "things") */
	QD_WC_TITLE,     /* "Dr", "President", "Sir": start a person's name */
	QD_WC_CONNECTOR, /* "of", "de", "van": inside a name before a capital */
	QD_WC_LEAD,      /* words that open a sentence without being its subject */
	QD_WC_DETERMINER, /* "the", "a", "an", "its", "their", ... */
};

bool qd_word_in(enum qd_wclass c, const char *w, size_t n);
/* A verb form by the lexicon: a common verb's base, -s or past form
 * ("mix", "conducts", "founded", "built"). Nouns that are also verbs and
 * common in technical prose ("code", "use", "process") are not listed. */
bool qd_word_is_verb(const char *w, size_t n);
/* A past form only ("founded", "built"). */
bool qd_word_is_past(const char *w, size_t n);
/* The value of a number word ("three" 3, "twenty" 20, "hundred" 100,
 * "million" 1e6; "dozen" 12), or a negative number if w is none. *scale is
 * set for hundred and above. */
double qd_word_number(const char *w, size_t n, bool *scale);
/* Writes n (1..999) in words ("twenty-five") to out; returns out. */
char *qd_number_words(long n, char *out, size_t size);

/* Token helpers: the token's text equals w (ASCII case-blind); the token is
 * in class c. */
bool qd_tok_is(const struct qd_sent *s, size_t i, const char *w);
bool qd_tok_in(const struct qd_sent *s, size_t i, enum qd_wclass c);
size_t qd_tok_len(const struct qd_sent *s, size_t i);

/* Lowercase ASCII slug of s: words of [a-z0-9] joined by '-', at most
 * max_words words (0: no limit) and max_bytes bytes (whole words); "+"
 * reads "plus", "#" "sharp", other non-ASCII letters are dropped; function
 * words are skipped when skip_stop. Caller frees; "" if nothing is left. */
char *qd_slug_make(const char *s, size_t max_words, size_t max_bytes, bool skip_stop);

/* The next word of a space-separated string: skips spaces at *p, returns
 * the word's start with its length in *n and moves *p past it; NULL when
 * only spaces are left. */
const char *qd_word_next(const char **p, size_t *n);

/* Case-blind search for w as a whole word (letters and digits around it
 * are word characters) in s. */
bool qd_has_word(const char *s, const char *w);

#endif

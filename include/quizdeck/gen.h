/*
 * Deck generation from an article (quizdeck gen). The rules, which are
 * deterministic and explainable, are documented in docs/article-format.md.
 *
 * The generator fills a plain, mutable deck description (struct
 * qd_gen_deck) rather than the immutable loaded model of quizdeck/deck.h:
 * an overlay (quizdeck/overlay.h) edits it before it is emitted as YAML.
 * Every string is owned by the deck and freed by qd_gen_deck_release().
 */
#ifndef QUIZDECK_GEN_H
#define QUIZDECK_GEN_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/article.h"
#include "quizdeck/buf.h"
#include "quizdeck/deck.h"
#include "quizdeck/err.h"

/* A growable list of owned strings. */
struct qd_strv {
	char **items;
	size_t len;
};

void qd_strv_push(struct qd_strv *v, const char *s); /* copies s */
void qd_strv_clear(struct qd_strv *v);
bool qd_strv_has(const struct qd_strv *v, const char *s);

struct qd_gen_card {
	char *id;
	enum qd_card_type type;
	char *q;              /* question; NULL for cloze */
	char *a;              /* basic, typed, choice */
	bool truth;           /* truefalse */
	char *text;           /* cloze, with {{markers}} */
	struct qd_strv accept;  /* typed */
	struct qd_strv choices; /* choice, multi */
	struct qd_strv answers; /* multi: the correct choices */
	char *explain, *hint; /* may be NULL */
	struct qd_strv tags;
};

struct qd_gen_deck {
	char *id, *title, *description, *source;
	struct qd_strv tags;
	bool reverse;    /* emit `reverse: true` */
	char *accents;   /* emit `accents: VALUE` when not NULL */
	struct qd_gen_card *cards;
	size_t n_cards, cap_cards;
};

struct qd_gen_opts {
	const char *id; /* deck id; NULL derives it from the title */
};

/* Generates the cards of article a into d (which the function initialises).
 * Returns 0, or -1 with err set (QD_EXIT_USAGE for a bad --id). On failure d
 * is left released. */
int qd_gen_deck(const struct qd_article *a, const struct qd_gen_opts *opts,
                struct qd_gen_deck *d, struct qd_err *err);
void qd_gen_deck_release(struct qd_gen_deck *d);

/* Appends a zeroed card (owned by d) and returns it. */
struct qd_gen_card *qd_gen_deck_add(struct qd_gen_deck *d);
/* Index of the card with this id, or -1. */
long qd_gen_deck_find(const struct qd_gen_deck *d, const char *id);
/* Removes card i, keeping the order of the others. */
void qd_gen_deck_remove(struct qd_gen_deck *d, size_t i);
void qd_gen_card_release(struct qd_gen_card *c);

/* Checks what quizdeck check requires of each card (id a slug and unique,
 * the fields its type needs, choice answers among the choices, cloze text
 * with balanced blanks). Returns 0, or -1 with err naming the card. */
int qd_gen_deck_validate(const struct qd_gen_deck *d, struct qd_err *err);

/* Writes the deck as YAML (deterministic, UTF-8). Returns 0 or -1. */
int qd_gen_deck_emit(const struct qd_gen_deck *d, struct qd_buf *out, struct qd_err *err);

/* "basic", "typed", ... (the deck format's names), and back: 0 or -1. */
const char *qd_gen_type_name(enum qd_card_type t);
int qd_gen_type_parse(const char *name, enum qd_card_type *out);

/* Lowercase ASCII slug of s: words of [a-z0-9] joined by '-', at most
 * max_words words (0: no limit) and 40 bytes; "+" reads "plus", "#" "sharp";
 * stop words are skipped when skip_stop. Caller frees; "" if nothing left. */
char *qd_gen_slug(const char *s, size_t max_words, bool skip_stop);
/* True if s is a valid deck/card id: [a-z0-9] words joined by single '-'. */
bool qd_gen_is_slug(const char *s);

#endif

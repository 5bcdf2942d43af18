/*
 * A deck being made: the plain, mutable deck description the generator
 * fills (quizdeck/gen.h) and overlays edit (quizdeck/overlay.h), and its
 * YAML writer. Whether it is a valid deck is decided by the deck loader
 * alone (quizdeck/deck.h): qd_gen_deck_validate() writes it and loads it
 * back from memory, so a generated deck is valid exactly when `quizdeck
 * check` says so, in the loader's words.
 *
 * Every string is owned by the deck and freed by qd_gen_deck_release().
 */
#ifndef QUIZDECK_GENDECK_H
#define QUIZDECK_GENDECK_H

#include <stdbool.h>
#include <stddef.h>

#include "quizdeck/buf.h"
#include "quizdeck/deck.h"
#include "quizdeck/err.h"
#include "quizdeck/strset.h"
#include "quizdeck/strv.h"

struct qd_gen_card {
	char *id;
	enum qd_card_type type;
	char *q;                /* question; for cloze, an optional lead-in */
	char *a;                /* basic, typed, choice */
	bool truth;             /* truefalse */
	char *text;             /* cloze, with {{markers}} */
	struct qd_strv accept;  /* typed */
	struct qd_strv choices; /* choice, multi */
	struct qd_strv answers; /* multi: the correct choices */
	char *explain, *hint;   /* may be NULL */
	struct qd_strv tags;
	char *group;            /* siblings share it; may be NULL */
	struct qd_strv nowarn;  /* smells not to report */
	signed char reverse;    /* basic: 1 `reverse: true`, -1 `false`, 0 not written */
};

struct qd_gen_deck {
	char *id, *title, *description, *source;
	struct qd_strv tags;
	bool reverse;  /* emit `reverse: true` */
	char *accents; /* emit `accents: VALUE` when not NULL */
	struct qd_gen_card *cards;
	size_t n_cards, cap_cards;
};

/* Appends a zeroed card (owned by d) and returns it. */
struct qd_gen_card *qd_gen_deck_add(struct qd_gen_deck *d);
/* Index of the card with this id, or -1. */
long qd_gen_deck_find(const struct qd_gen_deck *d, const char *id);
/* Removes card i, keeping the order of the others. */
void qd_gen_deck_remove(struct qd_gen_deck *d, size_t i);
/* Removes every card whose id is in ids, keeping the order of the others,
 * in one pass. */
void qd_gen_deck_remove_ids(struct qd_gen_deck *d, const struct qd_strset *ids);
void qd_gen_card_release(struct qd_gen_card *c);
void qd_gen_deck_release(struct qd_gen_deck *d);

/* Whether every string of c fits the deck format's limit (QD_DECK_MAX_TEXT). */
bool qd_gen_card_fits(const struct qd_gen_card *c);

/* Writes the deck as YAML (deterministic, UTF-8). Returns 0 or -1. */
int qd_gen_deck_emit(const struct qd_gen_deck *d, struct qd_buf *out, struct qd_err *err);

/* Whether a deck of d's cards, written as yaml_len bytes of YAML (0: the
 * cards alone are counted), is within what the loader accepts of a whole
 * deck: at most QD_DECK_MAX_CARDS cards and QD_YAML_MAX_BYTES bytes. Each
 * card can be made to fit (qd_gen_card_fits()), but an article can be too
 * long for one deck. Returns 0, or -1 with err (QD_EXIT_DATAERR) saying so
 * and to split the article. */
int qd_gen_deck_within_limits(const struct qd_gen_deck *d, size_t yaml_len, struct qd_err *err);

/* Writes d and loads it back as `quizdeck check` would. Returns 0 with the
 * loaded deck in *out (caller frees; out may be NULL) and the YAML in yaml
 * (may be NULL), or -1 with err holding the first error: the deck too
 * large (qd_gen_deck_within_limits(), before the loader is asked), else the
 * loader's (status QD_EXIT_DATAERR; no file position, since the file does
 * not exist yet). */
int qd_gen_deck_load(const struct qd_gen_deck *d, struct qd_buf *yaml, struct qd_deck **out,
                     struct qd_err *err);
/* The same, keeping nothing: 0 if the deck is valid. */
int qd_gen_deck_validate(const struct qd_gen_deck *d, struct qd_err *err);

#endif

/*
 * A learner's collection as the commands see it: the effective settings,
 * the decks, the review log, and every card's state replayed from the log.
 * Loading it is the first thing study, quiz, cards and stats do.
 */
#ifndef QUIZDECK_COLLECTION_H
#define QUIZDECK_COLLECTION_H

#include "quizdeck/config.h"
#include "quizdeck/ctx.h"
#include "quizdeck/deckset.h"
#include "quizdeck/replay.h"
#include "quizdeck/revlog.h"

/* A card of a loaded deck, beside its state (same index in states.cards). */
struct qd_collection_card {
	const struct qd_deck *deck;
	const struct qd_card *card;
	int64_t first_review_ms; /* 0 if never reviewed */
	bool gone; /* its deck was reloaded without it (qd_collection_reload_deck) */
};

struct qd_collection {
	struct qd_config cfg;
	struct qd_deckset *decks;
	struct qd_logdata log;
	struct qd_replay states;   /* states.cards[0..n_cards) are the decks' cards */
	struct qd_collection_card *cards;
	size_t n_cards;
	char *log_path;
	/* Decks replaced by qd_collection_reload_deck(), kept alive: card
	 * states and cards gone from a reloaded deck still point into them. */
	struct qd_deck **retired;
	size_t n_retired;
};

/* Loads settings, the decks named by args[0..n) (all decks when n == 0) and
 * the review log of ctx->data_dir, then replays it. Diagnostics (settings,
 * decks, damaged log lines) are printed to ctx->err as they are found.
 * Returns 0, or -1 with err set (its status is the exit status); c is
 * always safe to release. */
int qd_collection_load(const struct qd_ctx *ctx, int n, char *const *args,
                       struct qd_collection *c, struct qd_err *err);
/* The same over decks already loaded (a quiz file's), which it takes: they
 * are the collection's decks, in their order, whatever it returns. */
int qd_collection_load_decks(const struct qd_ctx *ctx, struct qd_deckset *decks,
                             struct qd_collection *c, struct qd_err *err);
void qd_collection_release(struct qd_collection *c);

/* What qd_collection_reload_deck() did. */
struct qd_reload {
	size_t kept;  /* cards of the old deck found by id in the new one: now its cards */
	size_t gone;  /* cards of the old deck not in the new one: marked gone */
	size_t added; /* cards of the new deck not in the collection (left out) */
};

/* Puts deck (a deck of the collection loaded again, after an edit; taken)
 * in the place of the collection's deck with its id: every card of the
 * old deck whose id the new deck has points at its new version, keeping
 * its index, state and history (ids are the key); the others are marked
 * gone and keep their old version; the new deck's other cards are not
 * added (the card states are replayed for a fixed list). The old deck is
 * kept until qd_collection_release(). Returns 0 with *r filled, or -1
 * (deck freed, nothing changed) when no deck of the collection has its id. */
int qd_collection_reload_deck(struct qd_collection *c, struct qd_deck *deck,
                              struct qd_reload *r);

#endif

/*
 * A learner's collection as the commands see it: the effective settings,
 * the decks, the review log, and every card's state replayed from the log.
 * Loading it is the first thing study, quiz, cards and stats do.
 */
#ifndef QUIZDECK_COLLECTION_H
#define QUIZDECK_COLLECTION_H

#include "quizdeck/buf.h"
#include "quizdeck/config.h"
#include "quizdeck/ctx.h"
#include "quizdeck/deckset.h"
#include "quizdeck/queue.h"
#include "quizdeck/replay.h"
#include "quizdeck/revlog.h"

/* A card of a loaded deck, beside its state (same index in states.cards,
 * whose card is the id the log knows it by). A card with a reversed twin
 * (qd_card_has_reverse()) is followed by the twin: the same deck card with
 * reversed set, asked answer-first, its state under "ID@rev". */
struct qd_collection_card {
	const struct qd_deck *deck;
	const struct qd_card *card;
	int64_t first_review_ms; /* 0 if never reviewed */
	bool reversed;           /* the answer-first twin */
	bool gone; /* its deck was reloaded without it (qd_collection_reload_deck) */
};

/* A review not undone (qd_collection_load_states()). */
struct qd_collection_review {
	size_t card; /* index into cards, or SIZE_MAX: a card of no loaded deck */
	int64_t time_ms;
	enum qd_state before; /* the card's state before it */
};

struct qd_collection {
	struct qd_config cfg;
	struct qd_deckset *decks;
	struct qd_logdata log;
	struct qd_replay states;   /* states.cards[0..n_cards) are the decks' cards */
	struct qd_collection_card *cards;
	size_t n_cards;
	char *log_path;
	char **rev_ids; /* the twins' "ID@rev", owned */
	size_t n_rev_ids;
	/* Loaded by qd_collection_load_states(): log is empty and states has
	 * the decks' cards only (no orphans, no per-review arrays); recent
	 * holds the reviews of the last days, enough for today's counts. */
	bool states_only;
	struct qd_collection_review *recent;
	size_t n_recent;
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
/* The same for commands that need the cards' states and not the history
 * (study, due, cards, suspend): the states at the log's end come from the
 * derived-state cache beside the log when it is valid, with only what was
 * appended since replayed (quizdeck/statecache.h), and the cache is made or
 * brought up to date. Only the decks' cards are kept (states.n_cards ==
 * states.n_listed == n_cards); c->log stays empty. The states, the first
 * reviews and today's counts are those qd_collection_load() gives. */
int qd_collection_load_states(const struct qd_ctx *ctx, int n, char *const *args,
                              struct qd_collection *c, struct qd_err *err);
/* The same over decks already loaded (a quiz file's), which it takes: they
 * are the collection's decks, in their order, whatever it returns. */
int qd_collection_load_decks(const struct qd_ctx *ctx, struct qd_deckset *decks,
                             struct qd_collection *c, struct qd_err *err);
void qd_collection_release(struct qd_collection *c);

/* Whether the card carries one of tags[0..n): its own tags or its deck's
 * (a deck's `tags` describe every card in it). True when n is 0. */
bool qd_collection_card_has_tag(const struct qd_collection_card *cc, const char *const *tags,
                                size_t n);
/* Appends what the card asks, as plain text (unsanitised): its question
 * (a reversed twin's: the answer); for a cloze, the lead-in and the text
 * with each blank as "[...]". */
void qd_collection_card_question(const struct qd_collection_card *cc, struct qd_buf *out);
/* Whether the card's text (question, answer, accepted answers, choices,
 * cloze text with its answers) contains needle, both in the normalised form
 * that grading compares (qd_match_normalize(): case, Unicode forms,
 * punctuation and spaces folded). Accents are folded too when the deck says
 * `accents: ignore`, or when the needle has none, so "tokyo" finds "Tōkyō"
 * and "café" does not find "cafe". */
bool qd_collection_card_matches(const struct qd_collection_card *cc, const char *needle);

/* Whether a card in state m is due by the instant at_ms: a card in review
 * when its due day (the learner's day, quizdeck/sched.h) is at_ms's day or
 * earlier, a card in (re)learning steps when its step is due at at_ms or
 * before. New cards are never due. */
bool qd_collection_due_at(const struct qd_sched_params *p, const struct qd_memory *m,
                          int64_t at_ms);
/* Whether it is due on the learner's day `day` or before (any state but new). */
bool qd_collection_due_on(const struct qd_sched_params *p, const struct qd_memory *m,
                          int64_t day);

/* Today's work (the day of now) against the daily limits, as
 * qd_queue_done_today() counts it from the log, from whichever of the log
 * and the recent reviews the collection was loaded with. */
void qd_collection_done_today(const struct qd_collection *c, int64_t now,
                              struct qd_queue_today *total, struct qd_queue_today *per_card);

/* What a study session started at now would find, as its queue is built
 * (quizdeck/session.h, docs/study.md): cards due now, one card of a group a
 * day (the siblings of a card reviewed today wait, as do the later due
 * siblings of a group), and the new cards it may introduce, one of a group,
 * up to what is left of new_per_day. */
struct qd_due_counts {
	size_t due;       /* due now, learning and review */
	size_t learning;  /* of which in (re)learning steps */
	size_t new_today; /* new cards a session may introduce today */
};
void qd_collection_count_due(const struct qd_collection *c, int64_t now,
                             struct qd_due_counts *out);

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

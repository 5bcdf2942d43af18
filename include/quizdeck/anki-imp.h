/*
 * Internal to the Anki importer, not for other callers (quizdeck/anki.h is
 * the importer's interface): the state one import carries through its steps
 * (src/anki.c drives them; src/anki-pkg.c opens the collection,
 * src/anki-notetypes.c and src/anki-cards.c make the cards,
 * src/anki-revlog.c converts the review log), the note types read from
 * the collection, and the tallies its warnings are made of.
 */
#ifndef QUIZDECK_ANKI_IMP_H
#define QUIZDECK_ANKI_IMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <sqlite3.h>

#include "quizdeck/err.h"
#include "quizdeck/gendeck.h"
#include "quizdeck/strset.h"

/* How many cards or notes one warning is about, and the first notes'
 * ids, so the warning names where to look in Anki (its browser finds
 * "nid:ID"). Cards come in note order, so a note is counted once. */
#define QD_ANKI_TALLY_IDS 3

struct qd_anki_tally {
	size_t n;                 /* cards (or notes) */
	size_t notes;             /* distinct notes among them */
	int64_t last;             /* the last note counted */
	int64_t ids[QD_ANKI_TALLY_IDS]; /* the first notes' ids */
};

/* ---- Note types ---- */

enum qd_anki_plan { QD_ANKI_PLAN_BASIC, QD_ANKI_PLAN_TYPED, QD_ANKI_PLAN_CLOZE, QD_ANKI_PLAN_OTHER };

struct qd_anki_tmpl {
	int ord;
	char *qfmt, *afmt;
	/* The plan (standard note types): fields by index, -1 for none. */
	int q, a, hint;
	bool typed, ok;
};

struct qd_anki_notetype {
	int64_t id;
	char *name;
	bool cloze;
	char **fields;
	size_t n_fields;
	struct qd_anki_tmpl *tmpls;
	size_t n_tmpls;
	enum qd_anki_plan plan;
	int cloze_field;        /* QD_ANKI_PLAN_CLOZE: the field with the deletions */
	int extra[8];           /* QD_ANKI_PLAN_CLOZE: fields shown on the back */
	size_t n_extra;
	struct qd_anki_tally fallback;  /* QD_ANKI_PLAN_OTHER: notes read as basic cards */
};

struct qd_anki_deck {
	int64_t id;
	char *name;
};

/* Why a review-log entry was not converted; one warning each. */
enum qd_anki_skip {
	QD_ANKI_SKIP_NO_CARD,   /* its card is not among the imported cards */
	QD_ANKI_SKIP_CRAM,      /* a filtered-deck review that did not reschedule */
	QD_ANKI_SKIP_NOT_ANSWER, /* manual, rescheduled, set due date, forget: no button */
	QD_ANKI_SKIP_BEFORE,    /* before the card was forgotten or learnt anew */
	QD_ANKI_SKIP_INVALID,   /* a button or time out of range */
	QD_ANKI_N_SKIP,
};

struct qd_anki_imp {
	const char *path;
	sqlite3 *db;
	int ver, sched_ver;
	struct qd_anki_notetype *nts;
	size_t n_nts;
	struct qd_anki_deck *decks;
	size_t n_decks;
	struct qd_gen_deck *deck;
	struct qd_diags *d;
	struct qd_strset media, ids, cids; /* cids: Anki card id -> card index + 1 */
	size_t *card_deck;  /* per card: index into decks, or SIZE_MAX */
	size_t cap_card_deck;
	struct qd_anki_tally empty_cards, cloze_missing, occlusion, no_field;
	size_t skipped[QD_ANKI_N_SKIP];
	size_t no_learning;  /* cards whose history starts with no learning answer */
};

/* Counts a card (or note) of note nid in t. */
void qd_anki_tally_add(struct qd_anki_tally *t, int64_t nid);

/* Frees what m holds (not m->deck, which is the caller's). */
void qd_anki_imp_release(struct qd_anki_imp *m);

/* A copy of s[0..n) with control characters and invalid UTF-8 left out:
 * for names and tags, which are no HTML. Caller frees. */
char *qd_anki_clean_text(const char *s, size_t n);

#endif

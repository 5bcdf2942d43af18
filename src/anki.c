/*
 * Anki packages into a deck being made, and their review log into review
 * records (see quizdeck/anki.h, docs/anki.md): the import's steps in
 * order, and the warnings about what was left out.
 *
 * The steps follow the package's layers: the zip, zstd and the SQLite
 * collection (src/anki-pkg.c), the note types and decks
 * (src/anki-notetypes.c), the notes to cards and the deck's name
 * (src/anki-cards.c), the review log (src/anki-revlog.c). What they share
 * is the state of one import (quizdeck/anki-imp.h, src/anki-imp.c).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sqlite3.h>

#include "quizdeck/anki.h"
#include "quizdeck/anki-cards.h"
#include "quizdeck/anki-imp.h"
#include "quizdeck/anki-notetypes.h"
#include "quizdeck/anki-pkg.h"
#include "quizdeck/anki-revlog.h"
#include "quizdeck/buf.h"
#include "quizdeck/deck.h"
#include "quizdeck/fileio.h"

/* " (note ID)", " (notes ID, ID, ID and N more)" into buf. */
static void tally_notes(const struct qd_anki_tally *t, char *buf, size_t size)
{
	size_t shown = t->notes < QD_ANKI_TALLY_IDS ? t->notes : QD_ANKI_TALLY_IDS, len;

	len = (size_t)snprintf(buf, size, " (note%s", t->notes == 1 ? "" : "s");
	for (size_t i = 0; i < shown && len < size; i++)
		len += (size_t)snprintf(buf + len, size - len, "%s%" PRId64,
		                        i == 0 ? " " : i + 1 == t->notes ? " and " : ", ", t->ids[i]);
	if (len < size && t->notes > shown)
		len += (size_t)snprintf(buf + len, size - len, " and %zu more", t->notes - shown);
	if (len < size)
		snprintf(buf + len, size - len, ")");
}

bool qd_anki_is_package(const char *path)
{
	size_t n = strlen(path);

	return (n > 5 && strcasecmp(path + n - 5, ".apkg") == 0) ||
	       (n > 7 && strcasecmp(path + n - 7, ".colpkg") == 0);
}

/* ---- Reporting ---- */

static void report(struct qd_anki_imp *m, bool with_reviews)
{
	struct qd_diags *d = m->d;
	char ids[160];

	for (size_t i = 0; i < m->n_nts; i++) {
		const struct qd_anki_tally *t = &m->nts[i].fallback;
		if (m->nts[i].plan != QD_ANKI_PLAN_OTHER || !t->n)
			continue;
		tally_notes(t, ids, sizeof(ids));
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "note type '%s' is not Basic, Basic (and reversed), Basic (type in "
		             "the answer) or Cloze: its %zu note%s became basic cards of their "
		             "first two fields%s", m->nts[i].name, t->n, t->n == 1 ? "" : "s", ids);
	}
	if (m->no_field.n) {
		tally_notes(&m->no_field, ids, sizeof(ids));
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu note%s left out: a note type of one field gives no question and "
		             "answer%s", m->no_field.n, m->no_field.n == 1 ? "" : "s", ids);
	}
	if (m->empty_cards.n) {
		tally_notes(&m->empty_cards, ids, sizeof(ids));
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu card%s left out: empty question or answer (or a field over %d "
		             "bytes)%s", m->empty_cards.n, m->empty_cards.n == 1 ? "" : "s",
		             QD_DECK_MAX_TEXT, ids);
	}
	if (m->cloze_missing.n) {
		tally_notes(&m->cloze_missing, ids, sizeof(ids));
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu cloze card%s left out: the note's text has no deletion of the "
		             "card's number%s", m->cloze_missing.n,
		             m->cloze_missing.n == 1 ? "" : "s", ids);
	}
	if (m->occlusion.n) {
		tally_notes(&m->occlusion, ids, sizeof(ids));
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu image occlusion card%s left out: they are pictures%s",
		             m->occlusion.n, m->occlusion.n == 1 ? "" : "s", ids);
	}
	if (m->media.len)
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu media file%s referenced but not imported (images show as "
		             "[image: NAME], sounds as [sound:NAME])", m->media.len,
		             m->media.len == 1 ? "" : "s");
	if (!with_reviews)
		return;
	/* In this order, which is the order of the warnings. */
	static const struct {
		int kind;
		const char *why;
	} skips[] = {
		{QD_ANKI_SKIP_NOT_ANSWER, "no answer (rescheduled, set due date, forgotten)"},
		{QD_ANKI_SKIP_CRAM, "reviews in a filtered deck that did not reschedule"},
		{QD_ANKI_SKIP_BEFORE, "answers before the card was forgotten or learnt anew"},
		{QD_ANKI_SKIP_NO_CARD, "their card is deleted or was not imported"},
		{QD_ANKI_SKIP_INVALID, "a button or time out of range"},
	};
	for (size_t k = 0; k < sizeof(skips) / sizeof(skips[0]); k++) {
		size_t n = m->skipped[skips[k].kind];

		if (n)
			qd_diags_add(d, QD_SEV_WARNING, 0, 0, "%zu review-log entr%s skipped: %s", n,
			             n == 1 ? "y" : "ies", skips[k].why);
	}
	if (m->no_learning)
		qd_diags_add(d, QD_SEV_WARNING, 0, 0,
		             "%zu card%s ha%s no learning answers in the review log: the first "
		             "review kept is replayed as the card's first answer", m->no_learning,
		             m->no_learning == 1 ? "" : "s", m->no_learning == 1 ? "s" : "ve");
}

int qd_anki_import(const char *path, const struct qd_anki_opts *o, struct qd_gen_deck *deck,
                   struct qd_review **reviews, size_t *n, struct qd_diags *d,
                   struct qd_err *err)
{
	struct qd_anki_imp m;
	struct qd_buf db;
	const char *member = "";
	int fd;
	struct qd_review *rv = NULL;
	size_t nrv = 0;
	int rc = -1;

	if (reviews)
		*reviews = NULL;
	if (n)
		*n = 0;
	memset(&m, 0, sizeof(m));
	m.path = path;
	m.deck = deck;
	m.d = d;
	qd_buf_init(&db);
	/* The zip is read from the file, not loaded whole: a collection
	 * package holds the media too, which may be gigabytes. */
	fd = qd_file_open(path, err);
	if (fd < 0 || qd_anki_read_collection(path, fd, &db, &member, err))
		goto out;
	if (qd_anki_open_db(&m, &db, member, err) || qd_anki_read_col(&m, err) || qd_anki_read_notetypes(&m, err))
		goto out;
	for (size_t i = 0; i < m.n_nts; i++)
		qd_anki_plan_notetype(&m.nts[i]);
	if (qd_anki_read_cards(&m, err))
		goto out;
	if (deck->n_cards > QD_DECK_MAX_CARDS) {
		qd_err_at(err, QD_EXIT_DATAERR, path, 0, 0,
		          "the package gives %zu cards, more than a deck holds (%d): export a "
		          "smaller Anki deck", deck->n_cards, QD_DECK_MAX_CARDS);
		goto out;
	}
	qd_anki_name_deck(&m, o);
	if (o->with_reviews) {
		if (qd_anki_read_revlog(&m, &rv, &nrv, err))
			goto out;
		for (size_t i = 0; i < nrv; i++) {
			rv[i].deck = deck->id;
			rv[i].card = deck->cards[rv[i].line].id;
			rv[i].line = 0;
		}
	}
	report(&m, o->with_reviews);
	if (reviews) {
		*reviews = rv;
		rv = NULL;
	}
	if (n)
		*n = nrv;
	rc = 0;
out:
	free(rv);
	if (m.db)
		sqlite3_close(m.db);
	qd_anki_imp_release(&m);
	qd_buf_release(&db);
	return rc;
}

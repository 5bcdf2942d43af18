/*
 * An Anki collection's review log into review records
 * (quizdeck/anki-revlog.h), converted as Anki's FSRS code reads it
 * (rslib/src/scheduler/fsrs/params.rs): per card, cramming entries are
 * ignored, the history starts at the last run of learning answers (or
 * just after the last "forget"), and only button presses are answers.
 * What is left out is counted, one warning each (src/anki.c reports).
 */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "quizdeck/anki-pkg.h"
#include "quizdeck/anki-revlog.h"

/* The latest time a review may carry (as import-reviews: year 9999). */
#define MAX_TIME_MS INT64_C(253402300799999)
#define MAX_DURATION_MS (INT64_C(1) << 40)

struct row {
	int64_t id;
	int ease, type, factor;
	int64_t time;
};

static bool is_cram(const struct row *r)
{
	return r->type == 3 && r->factor == 0;
}

/* Converts one card's rows (sorted by time). */
static void convert_card(struct qd_anki_imp *m, struct row *rows, size_t n, size_t card,
                         struct qd_review **out, size_t *n_out, size_t *cap)
{
	size_t start = 0;
	bool learning = false, drop = false, cut = false;

	for (size_t i = 0; i < n; i++) {
		/* v1 scheduler: learning answers had three buttons. */
		if (m->sched_ver == 1 && (rows[i].ease == 2 || rows[i].ease == 3) &&
		    (rows[i].type == 0 || rows[i].type == 2))
			rows[i].ease++;
		if (rows[i].type < 0 || rows[i].type > 5)
			rows[i].type = 0;
	}
	/* Backwards, as Anki's FSRS code: the last run of learning answers
	 * starts the history; a "forget" before it ends the search, and one
	 * after the last learning answer starts the history after it. */
	for (size_t k = n; k-- > 0;) {
		const struct row *r = &rows[k];
		if (is_cram(r))
			continue;
		if (r->type == 0 && r->ease > 0) {
			start = k;
			learning = true;
			continue;
		}
		if (r->type == 4 && r->factor == 0) {
			if (!learning) {
				size_t j;
				for (j = k + 1; j < n; j++)
					if (rows[j].ease > 0 && !is_cram(&rows[j]))
						break;
				if (j == n)
					drop = true;
				start = j;
				cut = true;
			}
			break;
		}
		if (learning)
			break;
	}
	if (!learning && !cut)
		start = 0;
	if (!learning && !drop) {
		for (size_t k = start; k < n; k++)
			if (rows[k].ease > 0 && !is_cram(&rows[k])) {
				m->no_learning++;
				break;
			}
	}
	for (size_t k = 0; k < n; k++) {
		const struct row *r = &rows[k];
		struct qd_review *v;
		if (is_cram(r)) {
			m->skipped[QD_ANKI_SKIP_CRAM]++;
			continue;
		}
		if (r->ease == 0) {
			m->skipped[QD_ANKI_SKIP_NOT_ANSWER]++;
			continue;
		}
		if (drop || k < start) {
			m->skipped[QD_ANKI_SKIP_BEFORE]++;
			continue;
		}
		if (r->ease < 1 || r->ease > 4 || r->id <= 0 || r->id > MAX_TIME_MS) {
			m->skipped[QD_ANKI_SKIP_INVALID]++;
			continue;
		}
		if (*n_out == *cap) {
			*cap = *cap ? *cap * 2 : 256;
			*out = qd_xrealloc(*out, *cap * sizeof(**out));
		}
		v = &(*out)[(*n_out)++];
		memset(v, 0, sizeof(*v));
		v->time_ms = r->id;
		v->rating = r->ease;
		v->duration_ms = r->time < 0 ? 0 : r->time > MAX_DURATION_MS ? MAX_DURATION_MS : r->time;
		v->mode = QD_MODE_IMPORT;
		v->correct = QD_CORRECT_NA;
		/* The card's index until the deck is final (its id may still move
		 * in memory); qd_anki_import() sets the ids and clears it. */
		v->line = (int)card;
	}
}

int qd_anki_read_revlog(struct qd_anki_imp *m, struct qd_review **out, size_t *n_out, struct qd_err *err)
{
	sqlite3_stmt *st = qd_anki_prep(m, "SELECT id, cid, ease, factor, time, type FROM revlog "
	                           "ORDER BY cid, id", "review log", err);
	struct row *rows = NULL;
	size_t n = 0, cap = 0, rcap = 0, card = 0;
	int64_t cur = 0;
	bool mapped = false;
	int rc;

	if (!st)
		return -1;
	*out = NULL;
	*n_out = 0;
	for (;;) {
		struct row r;
		int64_t cid = 0;
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			cid = sqlite3_column_int64(st, 1);
		if (n && (rc != SQLITE_ROW || cid != cur)) {
			if (mapped)
				convert_card(m, rows, n, card, out, n_out, &rcap);
			else
				m->skipped[QD_ANKI_SKIP_NO_CARD] += n;
			n = 0;
		}
		if (rc != SQLITE_ROW)
			break;
		if (n == 0) {
			char key[32];
			size_t v = 0;
			cur = cid;
			snprintf(key, sizeof(key), "%" PRId64, cid);
			mapped = qd_strset_get_n(&m->cids, key, strlen(key), &v) && v > 0;
			card = v ? v - 1 : 0;
		}
		r.id = sqlite3_column_int64(st, 0);
		r.ease = sqlite3_column_int(st, 2);
		r.factor = sqlite3_column_int(st, 3);
		r.time = sqlite3_column_int64(st, 4);
		r.type = sqlite3_column_int(st, 5);
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			rows = qd_xrealloc(rows, cap * sizeof(*rows));
		}
		rows[n++] = r;
	}
	free(rows);
	if (rc != SQLITE_DONE) {
		free(*out);
		*out = NULL;
		*n_out = 0;
		return qd_anki_step_err(m, st, "review log", err);
	}
	sqlite3_finalize(st);
	return 0;
}

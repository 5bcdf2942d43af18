/*
 * statecache-log: writes review logs for the derived-state cache's tests
 * (tests/statecache.sh), and says whether a load used the cache.
 *
 *   statecache-log gen FILE N SEED
 *       a new log of N reviews of the cards c000..c199 of deck "big",
 *       o00..o49 of deck "other" (whose o50..o59 are never reviewed) and
 *       g0..g9 of deck "gone" (a deck that is not installed: orphans), one a minute from 2026-01-01, ratings
 *       drawn from SEED; every 997th review is undone at once, and a few
 *       cards are suspended, unsuspended and buried (one card has events
 *       only). Every field has a fixed width, so two seeds give logs of
 *       the same length and different content.
 *   statecache-log append FILE N SEED START_MS [STEP_MS]
 *       appends N reviews, one a minute (or every STEP_MS) from START_MS:
 *       first of o50..o54 (new cards), then of the same cards as gen
 *   statecache-log append-new FILE NEW N SEED START_MS STEP_MS
 *       appends N reviews, every STEP_MS from START_MS: the first NEW of
 *       new cards a0, a1 ... of deck "big" (not in its file, sorted before
 *       every card of the log), then of the same cards as gen
 *   statecache-log undo FILE DECK CARD TARGET_MS
 *       appends an undo of the review of DECK/CARD at TARGET_MS
 *   statecache-log used
 *       loads the states of the environment's data directory as the
 *       commands do (qd_statecache_load()) and prints "used" when the cache
 *       was used, "rebuilt" when the whole log was replayed
 *
 * Everything comes from counters and SEED, so every run writes the same
 * bytes.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/config.h"
#include "quizdeck/revlog.h"
#include "quizdeck/revrec.h"
#include "quizdeck/rng.h"
#include "quizdeck/statecache.h"

#define T0 INT64_C(1767225600000) /* 2026-01-01T00:00:00Z */
#define MINUTE INT64_C(60000)

static void review_of(uint64_t k, uint64_t n_new, bool fresh, struct qd_rng *rng, int64_t t,
                      struct qd_review *r, char id[16], const char **deck)
{
	unsigned which = (unsigned)(k % 260);

	if (k < n_new) {
		*deck = "big";
		snprintf(id, 16, "a%u", (unsigned)k);
	} else if (fresh && k < 5) {
		*deck = "other"; /* new cards: started today */
		snprintf(id, 16, "o5%u", (unsigned)k);
	} else if (which < 200) {
		*deck = "big";
		snprintf(id, 16, "c%03u", which);
	} else if (which < 250) {
		*deck = "other";
		snprintf(id, 16, "o%02u", which - 200);
	} else {
		*deck = "gone";
		snprintf(id, 16, "g%u", which - 250);
	}
	memset(r, 0, sizeof(*r));
	r->time_ms = t;
	r->deck = *deck;
	r->card = id;
	r->rating = qd_rng_below(rng, 10) == 0 ? 1 : (int)qd_rng_below(rng, 3) + 2;
	r->duration_ms = 1000 + (int64_t)qd_rng_below(rng, 9000);
	r->mode = QD_MODE_STUDY;
}

static int event(struct qd_buf *b, enum qd_event_kind kind, const char *deck, const char *card,
                 int64_t t)
{
	struct qd_event e = {.time_ms = t, .kind = kind, .deck = deck, .card = card};

	return qd_revrec_encode_event(b, &e, NULL);
}

static int write_file(const char *path, const char *mode, const struct qd_buf *b)
{
	FILE *f = fopen(path, mode);

	if (!f || fwrite(b->data, 1, b->len, f) != b->len || fclose(f)) {
		perror(path);
		return 1;
	}
	return 0;
}

static int reviews(struct qd_buf *b, uint64_t n, uint64_t n_new, uint64_t seed, int64_t start,
                   int64_t step, bool events)
{
	struct qd_rng rng;
	char id[16];
	const char *deck;

	qd_rng_init(&rng, seed);
	for (uint64_t k = 0; k < n; k++) {
		struct qd_review r;
		int64_t t = start + (int64_t)k * step;

		review_of(k, n_new, !events && n_new == 0, &rng, t, &r, id, &deck);
		if (qd_revrec_encode_review(b, &r, NULL))
			return 1;
		if (events && k % 997 == 996) {
			struct qd_undo u = {.time_ms = t + 1000, .deck = deck, .card = id,
			                    .target_ms = t};
			if (qd_revrec_encode_undo(b, &u, NULL))
				return 1;
		}
		if (events && k == n / 2) {
			/* c001 suspended, c002 suspended then not, c003 buried;
			 * o55 (a card of the deck never reviewed: see review_of)
			 * and x07 (of no deck) have events only. */
			if (event(b, QD_EVENT_SUSPEND, "big", "c001", t + 2000) ||
			    event(b, QD_EVENT_SUSPEND, "big", "c002", t + 2000) ||
			    event(b, QD_EVENT_UNSUSPEND, "big", "c002", t + 3000) ||
			    event(b, QD_EVENT_BURY, "big", "c003", t + 2000) ||
			    event(b, QD_EVENT_SUSPEND, "other", "o55", t + 2000) ||
			    event(b, QD_EVENT_BURY, "other", "o56", t + 2000) ||
			    event(b, QD_EVENT_SUSPEND, "other", "x07", t + 2000))
				return 1;
		}
	}
	return 0;
}

static int used(void)
{
	struct qd_ctx ctx;
	struct qd_config cfg;
	struct qd_statecache sc;
	struct qd_err err;
	char *path;
	int rc;

	if (qd_ctx_init(&ctx, NULL, NULL, &err) || qd_config_load(&ctx, &cfg, &err)) {
		fprintf(stderr, "statecache-log: %s\n", err.msg);
		return 1;
	}
	path = qd_revlog_path(ctx.data_dir);
	rc = qd_statecache_load(&ctx, path, &cfg.params, NULL, 0, &sc, NULL, &err);
	if (rc == 0)
		puts(sc.used ? "used" : "rebuilt");
	qd_statecache_release(&sc);
	free(path);
	qd_ctx_release(&ctx);
	return rc ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct qd_buf b;
	int rc = 2;

	qd_buf_init(&b);
	if (argc == 5 && strcmp(argv[1], "gen") == 0) {
		qd_buf_adds(&b, qd_revrec_header());
		rc = reviews(&b, strtoull(argv[3], NULL, 10), 0, strtoull(argv[4], NULL, 10), T0, MINUTE,
		             true) ||
		     write_file(argv[2], "w", &b);
	} else if ((argc == 6 || argc == 7) && strcmp(argv[1], "append") == 0) {
		rc = reviews(&b, strtoull(argv[3], NULL, 10), 0, strtoull(argv[4], NULL, 10),
		             strtoll(argv[5], NULL, 10), argc == 7 ? strtoll(argv[6], NULL, 10) : MINUTE,
		             false) ||
		     write_file(argv[2], "a", &b);
	} else if (argc == 8 && strcmp(argv[1], "append-new") == 0) {
		rc = reviews(&b, strtoull(argv[4], NULL, 10), strtoull(argv[3], NULL, 10),
		             strtoull(argv[5], NULL, 10), strtoll(argv[6], NULL, 10),
		             strtoll(argv[7], NULL, 10), false) ||
		     write_file(argv[2], "a", &b);
	} else if (argc == 6 && strcmp(argv[1], "undo") == 0) {
		struct qd_undo u = {.time_ms = strtoll(argv[5], NULL, 10) + 1, .deck = argv[3],
		                    .card = argv[4], .target_ms = strtoll(argv[5], NULL, 10)};
		rc = qd_revrec_encode_undo(&b, &u, NULL) || write_file(argv[2], "a", &b);
	} else if (argc == 2 && strcmp(argv[1], "used") == 0) {
		rc = used();
	} else {
		fprintf(stderr, "usage: statecache-log gen FILE N SEED | append FILE N SEED START_MS [STEP_MS] |"
		                " append-new FILE NEW N SEED START_MS STEP_MS |"
		                " undo FILE DECK CARD TARGET_MS | used\n");
	}
	qd_buf_release(&b);
	return rc;
}

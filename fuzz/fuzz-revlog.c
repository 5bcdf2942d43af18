/*
 * Fuzz target: the review log loader (qd_revlog_load_mem). The input is a
 * log file. It is loaded twice: as it is, and with the checksum of every
 * line that has one (a tab and 8 characters at its end) recomputed, so the
 * fuzzer gets past the CRC to the field parsers. Each review loaded is
 * encoded again (it must be valid) and reloaded, and must come back equal;
 * so must each event (suspend, unsuspend, bury); each undo loaded must
 * encode again; each quiz result loaded must encode again.
 */
#include <inttypes.h>
#include <string.h>

#include "fuzz.h"
#include "quizdeck/revlog.h"

static void roundtrip(const struct qd_review *r)
{
	struct qd_buf b;
	struct qd_logdata d;
	struct qd_diags dg;
	struct qd_err err;

	qd_buf_init(&b);
	qd_buf_adds(&b, "quizdeck-log 1\n");
	fuzz_check(qd_revrec_encode_review(&b, r, &err) == 0, "a loaded review encodes");
	qd_diags_init(&dg, "again.log");
	fuzz_check(qd_revlog_load_mem(b.data, b.len, &d, &dg, &err) == 0, "reload");
	fuzz_check(dg.len == 0 && d.n_reviews == 1, "reload finds the review");
	fuzz_check(d.reviews[0].time_ms == r->time_ms && strcmp(d.reviews[0].deck, r->deck) == 0 &&
	                   strcmp(d.reviews[0].card, r->card) == 0 &&
	                   d.reviews[0].rating == r->rating &&
	                   d.reviews[0].duration_ms == r->duration_ms &&
	                   d.reviews[0].mode == r->mode && d.reviews[0].correct == r->correct,
	           "review round trip");
	qd_logdata_release(&d);
	qd_diags_release(&dg);
	qd_buf_release(&b);
}

static void roundtrip_event(const struct qd_event *e)
{
	struct qd_buf b;
	struct qd_logdata d;
	struct qd_diags dg;
	struct qd_err err;

	qd_buf_init(&b);
	qd_buf_adds(&b, "quizdeck-log 1\n");
	fuzz_check(qd_revrec_encode_event(&b, e, &err) == 0, "a loaded event encodes");
	qd_diags_init(&dg, "again.log");
	fuzz_check(qd_revlog_load_mem(b.data, b.len, &d, &dg, &err) == 0, "reload");
	fuzz_check(dg.len == 0 && d.n_events == 1, "reload finds the event");
	fuzz_check(d.events[0].time_ms == e->time_ms && d.events[0].kind == e->kind &&
	                   strcmp(d.events[0].deck, e->deck) == 0 &&
	                   strcmp(d.events[0].card, e->card) == 0,
	           "event round trip");
	qd_logdata_release(&d);
	qd_diags_release(&dg);
	qd_buf_release(&b);
}

static void load(const char *data, size_t size, bool check)
{
	struct qd_logdata d;
	struct qd_diags dg;
	struct qd_err err;

	qd_diags_init(&dg, "reviews.log");
	if (qd_revlog_load_mem(data, size, &d, &dg, &err) == 0 && check) {
		for (size_t i = 0; i < d.n_reviews; i++)
			roundtrip(&d.reviews[i]);
		for (size_t i = 0; i < d.n_events; i++)
			roundtrip_event(&d.events[i]);
		for (size_t i = 0; i < d.n_undos; i++) {
			struct qd_buf b;

			qd_buf_init(&b);
			fuzz_check(qd_revrec_encode_undo(&b, &d.undos[i], &err) == 0,
			           "a loaded undo encodes");
			qd_buf_release(&b);
		}
		for (size_t i = 0; i < d.n_quizzes; i++) {
			struct qd_buf b;

			fuzz_check(d.quizzes[i].n_answers == 0 || d.quizzes[i].answers != NULL,
			           "quiz answers");
			qd_buf_init(&b);
			fuzz_check(qd_revrec_encode_quiz(&b, &d.quizzes[i], &err) == 0,
			           "a loaded quiz result encodes");
			qd_buf_release(&b);
		}
	}
	qd_diags_sort(&dg);
	qd_diags_print(fuzz_sink(), &dg);
	qd_logdata_release(&d);
	qd_diags_release(&dg);
}

/* Rewrites the last 8 bytes before each newline (or CR LF), when a tab
 * precedes them, with the CRC-32 of the line up to that tab. */
static void fix_checksums(char *p, size_t size)
{
	size_t start = 0;

	for (size_t i = 0; i < size; i++) {
		size_t end = i;

		if (p[i] != '\n')
			continue;
		if (end > start && p[end - 1] == '\r')
			end--;
		if (end - start >= 9 && p[end - 9] == '\t') {
			char hex[9];
			snprintf(hex, sizeof(hex), "%08" PRIx32, qd_crc32(p + start, end - 9 - start));
			memcpy(p + end - 8, hex, 8);
		}
		start = i + 1;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *copy;

	load((const char *)data, size, true);
	/* An exact-size copy, so reading past the end is still caught. */
	copy = qd_xmalloc(size ? size : 1);
	memcpy(copy, data, size);
	fix_checksums(copy, size);
	load(copy, size, true);
	free(copy);
	return 0;
}

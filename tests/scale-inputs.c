/*
 * scale-inputs DIR: writes large valid (or merely noisy) inputs into DIR, for
 * the scale tests (tests/scale.sh) and for timing commands on them
 * (bench/bench-scale.sh), with any build of quizdeck:
 *
 *   choices.yaml  a deck of just under 1 MiB (the loader's limit): a choice
 *                 card with 150,000 choices and a multi card with 25,000
 *                 choices, all of them right answers; 200,000 short strings
 *                 that the loader checks for duplicates and looks up
 *   aliases.yaml  a deck whose card list is one anchor and 64,000 aliases to
 *                 it: 64,001 errors of two kinds
 *   results.log   a review log with 40,000 quiz results of 5 questions each
 *                 (distinct learners, 5,000 different wrong answers)
 *
 * Everything comes from counters, so every run writes the same bytes.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/revrec.h"

#define CHOICES 150000
#define MULTI 25000
#define ALIASES 64000
#define RESULTS 40000
#define QUESTIONS 5

/* A short distinct token for i: a digit then three base-36 characters
 * (never "null" or another YAML null). */
static void token(struct qd_buf *b, unsigned i)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";

	qd_buf_addc(b, digits[(i / (36 * 36 * 36)) % 10]);
	qd_buf_addc(b, digits[(i / (36 * 36)) % 36]);
	qd_buf_addc(b, digits[(i / 36) % 36]);
	qd_buf_addc(b, digits[i % 36]);
}

static int write_file(const char *dir, const char *name, const struct qd_buf *b)
{
	char path[4096];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!(fp = fopen(path, "wb"))) {
		fprintf(stderr, "scale-inputs: cannot create %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (fwrite(b->data, 1, b->len, fp) != b->len || fclose(fp) != 0) {
		fprintf(stderr, "scale-inputs: cannot write %s\n", path);
		return -1;
	}
	return 0;
}

static void choices_deck(struct qd_buf *b)
{
	qd_buf_adds(b, "deck: many-choices\ntitle: Many choices\ncards:\n"
	               "  - id: pick-one\n    type: choice\n    q: Which one?\n    a: '0000'\n"
	               "    choices: [");
	for (unsigned i = 0; i < CHOICES; i++) {
		if (i)
			qd_buf_addc(b, ',');
		token(b, i);
	}
	qd_buf_adds(b, "]\n  - id: pick-all\n    type: multi\n    q: Which ones?\n    choices: [");
	for (unsigned i = 0; i < MULTI; i++) {
		if (i)
			qd_buf_addc(b, ',');
		token(b, i);
	}
	qd_buf_adds(b, "]\n    a: [");
	for (unsigned i = 0; i < MULTI; i++) {
		if (i)
			qd_buf_addc(b, ',');
		token(b, i);
	}
	qd_buf_adds(b, "]\n");
}

static void aliases_deck(struct qd_buf *b)
{
	qd_buf_adds(b, "deck: aliases\ntitle: &t Aliases\ncards: [");
	for (unsigned i = 0; i < ALIASES; i++)
		qd_buf_adds(b, i ? ",*t" : "*t");
	qd_buf_adds(b, "]\n");
}

static int results_log(struct qd_buf *b)
{
	static const char *const decks[] = {"class-deck"};
	static const char *const cards[QUESTIONS] = {"q-one", "q-two", "q-three", "q-four",
	                                              "q-five"};
	const int64_t t0 = INT64_C(1772442000000); /* 2026-03-02T09:00:00Z */
	struct qd_err err;

	qd_buf_adds(b, "quizdeck-log 1\n");
	for (unsigned i = 0; i < RESULTS; i++) {
		struct qd_quiz_answer answers[QUESTIONS];
		char given[QUESTIONS][32], id[64], name[64];
		struct qd_quiz_result q;
		double score = 0;

		for (unsigned k = 0; k < QUESTIONS; k++) {
			unsigned x = (i * 7919u + k * 104729u) % 10007u;
			bool right = x % 3 != 0;
			snprintf(given[k], sizeof(given[k]), right ? "right" : "wrong %u", x % 5000u);
			answers[k].deck = decks[0];
			answers[k].card = cards[k];
			answers[k].outcome = right ? QD_QUIZ_CORRECT : QD_QUIZ_WRONG;
			answers[k].time_ms = 1000 + (int64_t)(x % 20000u);
			answers[k].points = right ? 1 : 0;
			answers[k].given = given[k];
			score += answers[k].points;
		}
		snprintf(id, sizeof(id), "quiz-%u", i % 100u);
		snprintf(name, sizeof(name), "student %u", i);
		memset(&q, 0, sizeof(q));
		q.id = id;
		q.started_ms = t0 + (int64_t)i * 60000;
		q.time_ms = q.started_ms + 120000;
		q.name = name;
		q.decks = decks;
		q.n_decks = 1;
		q.seed = i;
		q.time_used_ms = 100000;
		q.score = score;
		q.max_score = QUESTIONS;
		q.answers = answers;
		q.n_answers = QUESTIONS;
		if (qd_revrec_encode_quiz(b, &q, &err)) {
			fprintf(stderr, "scale-inputs: %s\n", err.msg);
			return -1;
		}
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct qd_buf b;
	int rc = 0;

	if (argc != 2) {
		fprintf(stderr, "usage: scale-inputs DIR\n");
		return 64;
	}
	qd_buf_init(&b);
	choices_deck(&b);
	rc |= write_file(argv[1], "choices.yaml", &b);
	qd_buf_reset(&b);
	aliases_deck(&b);
	rc |= write_file(argv[1], "aliases.yaml", &b);
	qd_buf_reset(&b);
	rc |= results_log(&b);
	if (rc == 0)
		rc |= write_file(argv[1], "results.log", &b);
	qd_buf_release(&b);
	return rc ? 1 : 0;
}

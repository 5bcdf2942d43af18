/* Unit tests for imported cards made into a deck (quizdeck/importdeck.h):
 * ids derived, kept, made unique and cut to fit; the merge into an old
 * deck; and, on 200,000 cards, a build in linear time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "quizdeck/importdeck.h"

static struct qd_import_card *basic(struct qd_import *im, const char *id, const char *q,
                                    const char *a)
{
	struct qd_import_card *c = qd_import_add(im);

	c->card.type = QD_CARD_BASIC;
	c->card.id = id ? qd_xstrdup(id) : NULL;
	c->card.q = qd_xstrdup(q);
	c->card.a = qd_xstrdup(a);
	c->key = qd_xstrdup(q);
	c->have = QD_IMPORT_Q | QD_IMPORT_A;
	return c;
}

static void test_ids(void **state)
{
	struct qd_import im;
	char long_q[400];

	(void)state;
	memset(long_q, 0, sizeof(long_q));
	for (int i = 0; i < 20; i++)
		strcat(long_q, "tremendously ");
	qd_import_init(&im);
	basic(&im, NULL, "What is the capital of France?", "Paris");
	basic(&im, NULL, "What is the capital of France?", "Paris again");
	basic(&im, "given-id", "Anything", "x");
	basic(&im, "Not A Slug", "Its question", "x");
	basic(&im, NULL, "?!", "x");
	basic(&im, NULL, long_q, "x");
	qd_import_assign_ids(&im);
	assert_string_equal(im.cards[0].card.id, "capital-france");
	assert_string_equal(im.cards[1].card.id, "capital-france-2");
	assert_string_equal(im.cards[2].card.id, "given-id");
	assert_string_equal(im.cards[3].card.id, "question");
	assert_string_equal(im.cards[4].card.id, "card");
	assert_true(strlen(im.cards[5].card.id) <= QD_DECK_MAX_ID);
	qd_import_release(&im);
}

static void test_build_merge(void **state)
{
	struct qd_import im;
	struct qd_gen_deck d;
	struct qd_import_stats st;
	struct qd_err err;

	(void)state;
	qd_import_init(&im);
	basic(&im, "one", "First?", "1");
	basic(&im, "two", "Second?", "2");
	qd_import_assign_ids(&im);
	memset(&d, 0, sizeof(d));
	assert_int_equal(qd_import_build(&im, NULL, NULL, "Numbers", NULL, &d, &st, &err), 0);
	assert_string_equal(d.id, "numbers");
	assert_int_equal(d.n_cards, 2);
	assert_int_equal(st.added, 2);
	qd_gen_deck_release(&d);
	qd_import_release(&im);
	/* nothing to import */
	qd_import_init(&im);
	memset(&d, 0, sizeof(d));
	assert_int_equal(qd_import_build(&im, NULL, NULL, NULL, "x", &d, &st, &err), -1);
	assert_int_equal(err.status, QD_EXIT_DATAERR);
	qd_gen_deck_release(&d);
	qd_import_release(&im);
}

static double seconds(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* 200,000 new cards: with the deck searched card by card for each one this
 * ran for more than five minutes; linear, it takes 1.4 s (4.6 s under ASan). */
static void test_build_large(void **state)
{
	enum { N = 200000 };
	struct qd_import im;
	struct qd_gen_deck d;
	struct qd_import_stats st;
	struct qd_err err;
	double t0, t;

	(void)state;
	qd_import_init(&im);
	for (int i = 0; i < N; i++) {
		char id[32], q[48];
		snprintf(id, sizeof(id), "c%d", i);
		snprintf(q, sizeof(q), "Question %d?", i);
		basic(&im, id, q, "a");
	}
	qd_import_assign_ids(&im);
	memset(&d, 0, sizeof(d));
	t0 = seconds();
	assert_int_equal(qd_import_build(&im, NULL, "big", "Big", NULL, &d, &st, &err), 0);
	t = seconds() - t0;
	fprintf(stderr, "qd_import_build of %d cards: %.2f s\n", N, t);
	assert_int_equal(st.added, N);
	assert_true(t < 40.0);
	qd_gen_deck_release(&d);
	qd_import_release(&im);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ids),
		cmocka_unit_test(test_build_merge),
		cmocka_unit_test(test_build_large),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

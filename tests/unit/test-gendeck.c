/* Unit tests for the generated deck (quizdeck/gendeck.h): a deck over the
 * loader's limits on a whole deck is refused as the article's doing (65,
 * "split the article"), before anything is loaded; removing cards by id. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/gendeck.h"
#include "quizdeck/yamldoc.h"

static void test_limits(void **state)
{
	struct qd_gen_deck d;
	struct qd_err err;

	(void)state;
	memset(&d, 0, sizeof(d));
	/* The count alone: no card needs to exist to be counted. */
	d.n_cards = QD_DECK_MAX_CARDS;
	assert_int_equal(qd_gen_deck_within_limits(&d, 0, &err), 0);
	assert_int_equal(qd_gen_deck_within_limits(&d, QD_YAML_MAX_BYTES, &err), 0);
	qd_err_clear(&err);
	assert_int_equal(qd_gen_deck_within_limits(&d, QD_YAML_MAX_BYTES + 1, &err), -1);
	assert_int_equal(err.status, QD_EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "the deck would be too large ("));
	assert_non_null(strstr(err.msg, "split the article into smaller ones"));
	d.n_cards = QD_DECK_MAX_CARDS + 1;
	qd_err_clear(&err);
	assert_int_equal(qd_gen_deck_within_limits(&d, 0, &err), -1);
	assert_int_equal(err.status, QD_EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "cards, over the limit of"));
	assert_non_null(strstr(err.msg, "split the article into smaller ones"));
	/* Validation asks first: the cards (none here) are never written. */
	qd_err_clear(&err);
	assert_int_equal(qd_gen_deck_validate(&d, &err), -1);
	assert_int_equal(err.status, QD_EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "split the article"));
}

/* A deck over the byte limit, made of cards that each fit. */
static void test_too_many_bytes(void **state)
{
	struct qd_gen_deck d;
	struct qd_err err;
	struct qd_buf text;
	size_t n = QD_YAML_MAX_BYTES / (QD_DECK_MAX_TEXT - 100) + 1;

	(void)state;
	if (n > 200)
		skip(); /* a large limit: too many bytes to write in a unit test */
	memset(&d, 0, sizeof(d));
	qd_buf_init(&text);
	for (size_t i = 0; i + 100 < QD_DECK_MAX_TEXT; i += 10)
		qd_buf_adds(&text, "some text ");
	d.id = qd_xstrdup("big");
	d.title = qd_xstrdup("Big");
	for (size_t i = 0; i < n; i++) {
		struct qd_gen_card *c = qd_gen_deck_add(&d);
		char id[32];
		snprintf(id, sizeof(id), "c%zu", i);
		c->id = qd_xstrdup(id);
		c->type = QD_CARD_BASIC;
		c->q = qd_xstrdup("What?");
		c->a = qd_xstrdup("This.");
		c->explain = qd_xstrdup(text.data);
		assert_true(qd_gen_card_fits(c));
	}
	qd_err_clear(&err);
	assert_int_equal(qd_gen_deck_validate(&d, &err), -1);
	assert_int_equal(err.status, QD_EXIT_DATAERR);
	assert_non_null(strstr(err.msg, "the deck would be too large"));
	/* Half as many, under the limit: they load. */
	while (d.n_cards > n / 2)
		qd_gen_deck_remove(&d, d.n_cards - 1);
	if (qd_gen_deck_validate(&d, &err))
		fail_msg("%s", err.msg);
	qd_gen_deck_release(&d);
	qd_buf_release(&text);
}

static void test_remove_ids(void **state)
{
	struct qd_gen_deck d;
	struct qd_strset ids = {0};
	static const char *const names[] = {"a", "b", "c", "d", "e"};

	(void)state;
	memset(&d, 0, sizeof(d));
	for (size_t i = 0; i < 5; i++)
		qd_gen_deck_add(&d)->id = qd_xstrdup(names[i]);
	qd_gen_deck_add(&d); /* a card without an id stays */
	qd_strset_add(&ids, "a");
	qd_strset_add(&ids, "c");
	qd_strset_add(&ids, "e");
	qd_strset_add(&ids, "z");
	qd_gen_deck_remove_ids(&d, &ids);
	assert_int_equal(d.n_cards, 3);
	assert_string_equal(d.cards[0].id, "b");
	assert_string_equal(d.cards[1].id, "d");
	assert_null(d.cards[2].id);
	assert_int_equal(qd_gen_deck_find(&d, "d"), 1);
	assert_int_equal(qd_gen_deck_find(&d, "c"), -1);
	qd_strset_release(&ids);
	qd_gen_deck_release(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_limits),
		cmocka_unit_test(test_too_many_bytes),
		cmocka_unit_test(test_remove_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

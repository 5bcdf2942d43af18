/* Unit tests for string sets and maps (quizdeck/strset.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/strset.h"

static void test_set(void **state)
{
	struct qd_strset s = {0};

	(void)state;
	assert_false(qd_strset_has(&s, ""));
	assert_true(qd_strset_add(&s, ""));
	assert_true(qd_strset_add(&s, "a"));
	assert_false(qd_strset_add(&s, "a"));
	assert_true(qd_strset_has(&s, ""));
	assert_true(qd_strset_has(&s, "a"));
	assert_false(qd_strset_has(&s, "b"));
	assert_int_equal(s.len, 2);
	qd_strset_release(&s);
	assert_int_equal(s.len, 0);
}

/* Keys with NUL bytes are keys of their full length; values are kept. */
static void test_map_with_lengths(void **state)
{
	struct qd_strset s = {0};
	size_t v = 99;

	(void)state;
	assert_true(qd_strset_put_n(&s, "a\0b", 3, 1, NULL));
	assert_true(qd_strset_put_n(&s, "a\0c", 3, 2, NULL));
	assert_true(qd_strset_put_n(&s, "a", 1, 3, NULL));
	assert_false(qd_strset_put_n(&s, "a\0b", 3, 7, &v));
	assert_int_equal(v, 1);
	assert_true(qd_strset_get_n(&s, "a\0c", 3, &v));
	assert_int_equal(v, 2);
	assert_true(qd_strset_get_n(&s, "a", 1, &v));
	assert_int_equal(v, 3);
	assert_true(qd_strset_has(&s, "a"));
	assert_false(qd_strset_get_n(&s, "a\0", 2, NULL));
	qd_strset_release(&s);
}

/* Many keys: every one is found with its value after the table grew. */
static void test_many(void **state)
{
	struct qd_strset s = {0};
	char key[32];
	size_t v;

	(void)state;
	for (size_t i = 0; i < 100000; i++) {
		int n = snprintf(key, sizeof(key), "k%zu", i);
		assert_true(qd_strset_put_n(&s, key, (size_t)n, i, NULL));
	}
	assert_int_equal(s.len, 100000);
	for (size_t i = 0; i < 100000; i++) {
		int n = snprintf(key, sizeof(key), "k%zu", i);
		assert_true(qd_strset_get_n(&s, key, (size_t)n, &v));
		assert_int_equal(v, i);
		assert_false(qd_strset_add(&s, key));
	}
	assert_false(qd_strset_has(&s, "k100000"));
	qd_strset_release(&s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_set),
		cmocka_unit_test(test_map_with_lengths),
		cmocka_unit_test(test_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

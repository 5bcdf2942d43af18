/* Unit tests for Rust's StdRng and shuffle: rand's value-stability vector,
 * seed_from_u64, and the shuffle's properties. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/stdrng.h"

/* rand's test_stdrng_construction: from_seed, then from_rng of it. */
static void test_value_stability(void **state)
{
	const uint32_t key[8] = {1, 23, 456, 7890, 0, 0, 0, 0};
	struct qd_stdrng r0, r1;
	uint32_t key1[8];

	(void)state;
	qd_stdrng_from_key(&r0, key);
	assert_true(qd_stdrng_next_u64(&r0) == UINT64_C(10719222850664546238));
	for (int i = 0; i < 8; i++)
		key1[i] = qd_stdrng_next_u32(&r0);
	qd_stdrng_from_key(&r1, key1);
	assert_true(qd_stdrng_next_u64(&r1) == UINT64_C(14064965282130556830));
}

/* Blocks follow one another: the 17th word is the second block's first. */
static void test_blocks_continue(void **state)
{
	struct qd_stdrng a, b;
	uint32_t w[40];

	(void)state;
	qd_stdrng_seed(&a, 2023);
	qd_stdrng_seed(&b, 2023);
	for (int i = 0; i < 40; i++)
		w[i] = qd_stdrng_next_u32(&a);
	for (int i = 0; i < 40; i++)
		assert_true(qd_stdrng_next_u32(&b) == w[i]);
	assert_true(w[0] != w[16]);
}

/* A shuffle is a permutation, depends on the seed, and spreads evenly. */
static void test_shuffle(void **state)
{
	struct qd_stdrng r;
	size_t v[50], count[5][5] = {{0}};

	(void)state;
	qd_stdrng_seed(&r, 7);
	for (int k = 0; k < 20000; k++) {
		size_t x[5] = {0, 1, 2, 3, 4};
		qd_stdrng_shuffle(&r, x, 5);
		for (int i = 0; i < 5; i++)
			count[i][x[i]]++;
	}
	for (int i = 0; i < 5; i++)
		for (int j = 0; j < 5; j++)
			assert_true(count[i][j] > 3700 && count[i][j] < 4300);
	for (size_t i = 0; i < 50; i++)
		v[i] = i;
	qd_stdrng_shuffle(&r, v, 50);
	{
		int seen[50] = {0};
		for (size_t i = 0; i < 50; i++)
			seen[v[i]]++;
		for (size_t i = 0; i < 50; i++)
			assert_int_equal(seen[i], 1);
	}
	for (uint32_t range = 1; range < 100; range += 7)
		assert_true(qd_stdrng_below(&r, range) < range);
}

/* The orders the optimizer visits 12 batches in over three epochs with
 * fsrs-rs's seed, 2023: with them, quizdeck's fit of a simulated history
 * gave fsrs-rs 6.5.0's weights to 4 decimals (docs/scheduling.md), which a
 * different order does not. Fixed here so that they cannot drift. */
static void test_fsrs_seed_orders(void **state)
{
	const size_t want[3][12] = {
		{10, 6, 11, 4, 5, 2, 9, 3, 0, 7, 8, 1},
		{1, 5, 11, 0, 2, 4, 6, 3, 7, 10, 8, 9},
		{10, 0, 4, 6, 5, 2, 3, 9, 8, 11, 1, 7},
	};
	struct qd_stdrng r;

	(void)state;
	qd_stdrng_seed(&r, 2023);
	for (int k = 0; k < 3; k++) {
		size_t v[12];
		for (size_t i = 0; i < 12; i++)
			v[i] = i;
		qd_stdrng_shuffle(&r, v, 12);
		assert_memory_equal(v, want[k], sizeof(v));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_value_stability),
		cmocka_unit_test(test_blocks_continue),
		cmocka_unit_test(test_shuffle),
		cmocka_unit_test(test_fsrs_seed_orders),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Rust's StdRng (rand 0.9/0.10: ChaCha12) seeded with seed_from_u64, and
 * its slice shuffle: the generator fsrs-rs shuffles its batches with, so
 * that quizdeck's optimizer visits the batches in fsrs-rs's order for the
 * same seed. Not for cryptography; no global state.
 *
 * Reproduces rand's value-stability vector (StdRng::from_seed of the words
 * 1, 23, 456, 7890, 0, 0, 0, 0: first next_u64 10719222850664546238).
 */
#ifndef QUIZDECK_STDRNG_H
#define QUIZDECK_STDRNG_H

#include <stddef.h>
#include <stdint.h>

struct qd_stdrng {
	uint32_t key[8];
	uint64_t counter;  /* the next block */
	uint32_t buf[16];  /* the current block's output */
	int pos;           /* next word of buf; 16 when used up */
};

/* StdRng::from_seed: the 32-byte seed as 8 little-endian words. */
void qd_stdrng_from_key(struct qd_stdrng *r, const uint32_t key[8]);
/* StdRng::seed_from_u64 (the key expanded by PCG32, as rand_core does). */
void qd_stdrng_seed(struct qd_stdrng *r, uint64_t seed);
uint32_t qd_stdrng_next_u32(struct qd_stdrng *r);
uint64_t qd_stdrng_next_u64(struct qd_stdrng *r);
/* rng.random_range(0..range) for a u32 range > 0 (Canon's method, as rand 0.9). */
uint32_t qd_stdrng_below(struct qd_stdrng *r, uint32_t range);
/* slice.shuffle(rng) for a slice shorter than 2³² (rand 0.9's
 * partial_shuffle with IncreasingUniform). */
void qd_stdrng_shuffle(struct qd_stdrng *r, size_t *v, size_t n);

#endif

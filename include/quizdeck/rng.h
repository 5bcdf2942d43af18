/*
 * Seeded pseudo-random numbers for choice order and question draws.
 *
 * There is no global generator: every caller owns a struct qd_rng seeded
 * from an option (--seed) mixed with something stable such as a card id, so
 * the same seed gives the same quiz on every machine, forever. The outputs
 * of these functions are therefore part of quizdeck's contract (a teacher's
 * printed seed must reproduce the same quiz after an upgrade): changing
 * them needs a note in the changelog.
 *
 * The generator is SplitMix64 (Steele, Lea and Flood 2014): one 64-bit
 * word of state, good statistical quality for this use, trivially portable.
 * Not for cryptography.
 */
#ifndef QUIZDECK_RNG_H
#define QUIZDECK_RNG_H

#include <stddef.h>
#include <stdint.h>

struct qd_rng {
	uint64_t state;
};

/* Any seed, including 0, is fine. */
void qd_rng_init(struct qd_rng *r, uint64_t seed);
/* The next SplitMix64 output. With seed 0 the first outputs are
 * 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4, 0x06c45d188009454f. */
uint64_t qd_rng_next(struct qd_rng *r);
/* A uniformly distributed number in [0, n) (no modulo bias: rejection
 * sampling); returns 0 when n is 0. */
uint64_t qd_rng_below(struct qd_rng *r, uint64_t n);
/* Permutes idx[0..n) in place (Fisher-Yates, drawing from r). */
void qd_rng_shuffle(struct qd_rng *r, size_t *idx, size_t n);

/* Fills idx[0..n) with a permutation of 0..n-1 determined by seed alone:
 * idx[k] is the original index of the item shown at position k. */
void qd_shuffle_indices(size_t *idx, size_t n, uint64_t seed);

/* Derives a seed from a seed and a string (say, the quiz seed and a card
 * id): the first SplitMix64 output for the state seed ^ FNV-1a-64(s).
 * s may be NULL (treated as ""). */
uint64_t qd_seed_mix(uint64_t seed, const char *s);

#endif

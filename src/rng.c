/*
 * Seeded pseudo-random numbers; see quizdeck/rng.h.
 *
 * SplitMix64 is used both as the generator and as the finaliser that turns
 * an FNV-1a hash into a well-mixed seed, so there is one algorithm to trust
 * and to keep stable (seeds are printed for teachers and must reproduce the
 * same quiz across versions and platforms: only fixed-width unsigned
 * arithmetic, no floating point, no size_t-dependent results).
 */
#include "quizdeck/rng.h"

#define GOLDEN UINT64_C(0x9e3779b97f4a7c15)

static uint64_t mix64(uint64_t z)
{
	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

void qd_rng_init(struct qd_rng *r, uint64_t seed)
{
	r->state = seed;
}

uint64_t qd_rng_next(struct qd_rng *r)
{
	r->state += GOLDEN;
	return mix64(r->state);
}

uint64_t qd_rng_below(struct qd_rng *r, uint64_t n)
{
	uint64_t threshold, x;

	if (n == 0)
		return 0;
	/* 2^64 mod n: the outputs below it would make small results likelier. */
	threshold = (0 - n) % n;
	do
		x = qd_rng_next(r);
	while (x < threshold);
	return x % n;
}

void qd_rng_shuffle(struct qd_rng *r, size_t *idx, size_t n)
{
	for (size_t i = n; i > 1; i--) {
		size_t j = (size_t)qd_rng_below(r, (uint64_t)i);
		size_t t = idx[i - 1];
		idx[i - 1] = idx[j];
		idx[j] = t;
	}
}

void qd_shuffle_indices(size_t *idx, size_t n, uint64_t seed)
{
	struct qd_rng r;

	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	qd_rng_init(&r, seed);
	qd_rng_shuffle(&r, idx, n);
}

uint64_t qd_seed_mix(uint64_t seed, const char *s)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);

	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		h ^= *p;
		h *= UINT64_C(0x100000001b3);
	}
	return mix64((seed ^ h) + GOLDEN); /* one SplitMix64 step from seed ^ h */
}

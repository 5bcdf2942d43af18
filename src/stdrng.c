/*
 * Rust's StdRng and its shuffle (see quizdeck/stdrng.h), transcribed from
 * the algorithms of rand_core (seed_from_u64), rand_chacha (ChaCha12: a
 * 64-bit block counter in words 12-13, stream 0 in words 14-15, output
 * words in order) and rand's seq module (Fisher-Yates driven by
 * IncreasingUniform, which draws several small indices from one u32).
 */
#include <string.h>

#include "quizdeck/stdrng.h"

static uint32_t rotl(uint32_t x, int k)
{
	return (x << k) | (x >> (32 - k));
}

/* The ChaCha quarter round on words a, b, c, d of x. */
static void qr(uint32_t *x, int a, int b, int c, int d)
{
	x[a] += x[b]; x[d] ^= x[a]; x[d] = rotl(x[d], 16);
	x[c] += x[d]; x[b] ^= x[c]; x[b] = rotl(x[b], 12);
	x[a] += x[b]; x[d] ^= x[a]; x[d] = rotl(x[d], 8);
	x[c] += x[d]; x[b] ^= x[c]; x[b] = rotl(x[b], 7);
}

static void block(struct qd_stdrng *r)
{
	uint32_t in[16] = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574}, x[16];

	memcpy(in + 4, r->key, sizeof(r->key));
	in[12] = (uint32_t)r->counter;
	in[13] = (uint32_t)(r->counter >> 32);
	in[14] = in[15] = 0;
	memcpy(x, in, sizeof(x));
	for (int i = 0; i < 6; i++) { /* 12 rounds */
		qr(x, 0, 4, 8, 12);
		qr(x, 1, 5, 9, 13);
		qr(x, 2, 6, 10, 14);
		qr(x, 3, 7, 11, 15);
		qr(x, 0, 5, 10, 15);
		qr(x, 1, 6, 11, 12);
		qr(x, 2, 7, 8, 13);
		qr(x, 3, 4, 9, 14);
	}
	for (int i = 0; i < 16; i++)
		r->buf[i] = x[i] + in[i];
	r->counter++;
	r->pos = 0;
}

void qd_stdrng_from_key(struct qd_stdrng *r, const uint32_t key[8])
{
	memcpy(r->key, key, sizeof(r->key));
	r->counter = 0;
	r->pos = 16;
}

void qd_stdrng_seed(struct qd_stdrng *r, uint64_t state)
{
	uint32_t key[8];

	for (int i = 0; i < 8; i++) {
		uint32_t xorshifted, rot;
		state = state * UINT64_C(6364136223846793005) + UINT64_C(11634580027462260723);
		xorshifted = (uint32_t)(((state >> 18) ^ state) >> 27);
		rot = (uint32_t)(state >> 59);
		key[i] = (xorshifted >> rot) | (xorshifted << ((32 - rot) & 31));
	}
	qd_stdrng_from_key(r, key);
}

uint32_t qd_stdrng_next_u32(struct qd_stdrng *r)
{
	if (r->pos >= 16)
		block(r);
	return r->buf[r->pos++];
}

uint64_t qd_stdrng_next_u64(struct qd_stdrng *r)
{
	uint64_t lo = qd_stdrng_next_u32(r);
	return lo | (uint64_t)qd_stdrng_next_u32(r) << 32;
}

uint32_t qd_stdrng_below(struct qd_stdrng *r, uint32_t range)
{
	uint64_t m = (uint64_t)qd_stdrng_next_u32(r) * range;
	uint32_t hi = (uint32_t)(m >> 32), lo = (uint32_t)m;

	if (lo > (uint32_t)(0u - range)) {
		uint32_t extra = (uint32_t)(((uint64_t)qd_stdrng_next_u32(r) * range) >> 32);
		if ((uint32_t)(lo + extra) < lo)
			hi++;
	}
	return hi;
}

/* The largest product n·(n+1)·… that fits in a u32, and its factor count. */
static void bound_u32(uint32_t n, uint32_t *bound, uint32_t *count)
{
	uint64_t product = n;
	uint32_t cur = n + 1;

	while (product * cur <= UINT32_MAX) {
		product *= cur;
		cur++;
	}
	*bound = (uint32_t)product;
	*count = cur - n;
}

void qd_stdrng_shuffle(struct qd_stdrng *r, size_t *v, size_t len)
{
	uint32_t n = 0, chunk = 0, remaining = 1; /* IncreasingUniform::new(rng, 0) */

	if (len <= 1)
		return;
	for (size_t i = 0; i < len; i++) {
		uint32_t next_n = n + 1, next_remaining, index;
		size_t tmp;

		if (remaining == 0) {
			uint32_t bound, count;
			bound_u32(next_n, &bound, &count);
			chunk = qd_stdrng_below(r, bound);
			next_remaining = count - 1;
		} else {
			next_remaining = remaining - 1;
		}
		if (next_remaining == 0) {
			index = chunk;
		} else {
			index = chunk % next_n;
			chunk /= next_n;
		}
		remaining = next_remaining;
		n = next_n;
		tmp = v[i];
		v[i] = v[index];
		v[index] = tmp;
	}
}

/*
 * SHA-256 (FIPS 180-4), for fingerprints that people compare: two equal
 * fingerprints must mean the same content, so a cryptographic hash rather
 * than a checksum. Incremental: init, update any number of times, final.
 */
#ifndef QUIZDECK_SHA256_H
#define QUIZDECK_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define QD_SHA256_LEN 32 /* bytes in a digest; twice that in hex */

struct qd_sha256 {
	uint32_t h[8];
	uint64_t bytes;      /* message length so far */
	unsigned char block[64];
	size_t fill;         /* bytes waiting in block */
};

void qd_sha256_init(struct qd_sha256 *s);
void qd_sha256_update(struct qd_sha256 *s, const void *data, size_t len);
/* Writes the digest to out and leaves s to be initialised again. */
void qd_sha256_final(struct qd_sha256 *s, unsigned char out[QD_SHA256_LEN]);
/* The digest of data[0..len) as 64 lowercase hex digits and a NUL. */
void qd_sha256_hex(const void *data, size_t len, char out[2 * QD_SHA256_LEN + 1]);

#endif

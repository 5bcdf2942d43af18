/*
 * Helpers shared by the fuzz targets (fuzz/fuzz-*.c).
 *
 * Each target defines LLVMFuzzerTestOneInput(), the libFuzzer entry point;
 * it is linked either with libFuzzer (QD_FUZZ builds) or with
 * fuzz/replay-main.c, which feeds it the regression corpus under ctest.
 * A target must not leak, must not keep state between inputs, and aborts
 * (via fuzz_check) when an invariant the headers promise does not hold, so
 * that the fuzzer reports it as a crash.
 */
#ifndef QUIZDECK_FUZZ_H
#define QUIZDECK_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "quizdeck/buf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Aborts with a message when a promised property does not hold. */
static inline void fuzz_check(int ok, const char *what)
{
	if (!ok) {
		fprintf(stderr, "fuzz: broken invariant: %s\n", what);
		abort();
	}
}

/* Where diagnostics are printed, so the printing code runs too. Opened on
 * first use and never closed (one stream per process). */
static inline FILE *fuzz_sink(void)
{
	static FILE *fp;
	if (!fp)
		fp = fopen("/dev/null", "w");
	if (!fp)
		abort();
	return fp;
}

/* Copies data into b (reset first) as a NUL-terminated string; interior
 * NUL bytes stay, so C-string users see only the first piece. */
static inline void fuzz_copy(struct qd_buf *b, const uint8_t *data, size_t size)
{
	qd_buf_reset(b);
	qd_buf_add(b, data, size);
}

#endif

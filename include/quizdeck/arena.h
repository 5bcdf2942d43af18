/*
 * An arena: many small allocations freed together.
 *
 * The YAML tree and the deck are made of hundreds of thousands of small
 * pieces (nodes, strings, lists) that live and die together; one malloc
 * each, and one free each, cost more than the parsing itself. An arena
 * hands out pieces of large chunks and frees the chunks at once.
 *
 * A zeroed struct is an empty arena. Allocation aborts on failure, as
 * qd_xmalloc does. Under AddressSanitizer the bytes between pieces and the
 * unused end of each chunk are poisoned, so a read past a piece is still
 * caught.
 */
#ifndef QUIZDECK_ARENA_H
#define QUIZDECK_ARENA_H

#include <stddef.h>

struct qd_arena_chunk;

struct qd_arena {
	struct qd_arena_chunk *head; /* private: the chunk being filled first */
	size_t total;                /* bytes of all chunks, for figures */
};

/* n bytes aligned for any object, uninitialised; n may be 0. */
void *qd_arena_alloc(struct qd_arena *a, size_t n);
/* The same, zeroed. */
void *qd_arena_zalloc(struct qd_arena *a, size_t n);
/* A copy of s[0..len) with a NUL after it (packed: no alignment). */
char *qd_arena_strndup(struct qd_arena *a, const char *s, size_t len);
/* Frees every piece but keeps (the largest of) the memory for the next
 * ones: a scratch arena reset after each small structure (a deck's card)
 * reuses the same, already touched, pages. */
void qd_arena_reset(struct qd_arena *a);
/* Frees every piece; the arena is empty again. */
void qd_arena_release(struct qd_arena *a);

#endif

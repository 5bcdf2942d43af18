/*
 * Arenas (see quizdeck/arena.h). Chunks double from 4 KiB up to 1 MiB, so
 * a small document (a settings file) costs one small chunk and a large one
 * wastes at most one chunk's tail; a piece larger than a chunk gets a chunk
 * of its own, linked behind the current one so the current one keeps
 * filling.
 *
 * The chunks of a large structure are 2 MiB, aligned, and marked for
 * transparent huge pages where the system has them (madvise): a 100,000-card
 * deck fills about a hundred of them, and one page fault for each instead
 * of 512 takes about a tenth off its load. Smaller chunks stay ordinary
 * allocations, so a small document costs no more than before.
 */
#include <stdalign.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "quizdeck/arena.h"
#include "quizdeck/buf.h"

#if defined(__SANITIZE_ADDRESS__)
#define QD_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define QD_ASAN 1
#endif
#endif

#ifdef QD_ASAN
#include <sanitizer/asan_interface.h>
#define POISON(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define UNPOISON(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#define REDZONE 16
#else
#define POISON(p, n) ((void)(p), (void)(n))
#define UNPOISON(p, n) ((void)(p), (void)(n))
#define REDZONE 0
#endif

#define MIN_CHUNK 4096
#define HUGE_CHUNK ((size_t)2 << 20)
#define MAX_CHUNK (HUGE_CHUNK - sizeof(struct qd_arena_chunk)) /* a chunk of it: 2 MiB */
#define ALIGN alignof(max_align_t)

struct qd_arena_chunk {
	struct qd_arena_chunk *next;
	size_t size, used; /* bytes of data[], and those handed out */
	alignas(max_align_t) unsigned char data[];
};

static struct qd_arena_chunk *chunk_new(size_t size)
{
	struct qd_arena_chunk *c = NULL;

	if (sizeof(*c) + size == HUGE_CHUNK) {
		c = aligned_alloc(HUGE_CHUNK, HUGE_CHUNK);
#if defined(MADV_HUGEPAGE)
		if (c)
			madvise(c, HUGE_CHUNK, MADV_HUGEPAGE); /* a hint: its failure is harmless */
#endif
	}
	if (!c)
		c = qd_xmalloc(sizeof(*c) + size);

	c->next = NULL;
	c->size = size;
	c->used = 0;
	POISON(c->data, size);
	return c;
}

static void *take(struct qd_arena *a, size_t n, size_t align)
{
	struct qd_arena_chunk *c = a->head;
	size_t at;

	if (c) {
		at = (c->used + align - 1) & ~(align - 1);
		if (at <= c->size && c->size - at >= n + REDZONE) {
			c->used = at + n + REDZONE;
			UNPOISON(c->data + at, n);
			return c->data + at;
		}
	}
	if (n + REDZONE > MAX_CHUNK / 4) {
		/* A big piece: a chunk of its own, behind the current one. */
		struct qd_arena_chunk *big = chunk_new(n + REDZONE);
		if (c) {
			big->next = c->next;
			c->next = big;
		} else {
			a->head = big;
		}
		big->used = big->size;
		a->total += big->size;
		UNPOISON(big->data, n);
		return big->data;
	}
	{
		size_t size = c ? c->size * 2 : MIN_CHUNK;
		if (size > MAX_CHUNK)
			size = MAX_CHUNK;
		while (size < n + REDZONE) /* n + REDZONE <= MAX_CHUNK / 4 */
			size *= 2;
		c = chunk_new(size);
		c->next = a->head;
		a->head = c;
		a->total += size;
		c->used = n + REDZONE;
		UNPOISON(c->data, n);
		return c->data;
	}
}

void *qd_arena_alloc(struct qd_arena *a, size_t n)
{
	return take(a, n, ALIGN);
}

void *qd_arena_zalloc(struct qd_arena *a, size_t n)
{
	void *p = take(a, n, ALIGN);

	memset(p, 0, n);
	return p;
}

char *qd_arena_strndup(struct qd_arena *a, const char *s, size_t len)
{
	char *p = take(a, len + 1, 1);

	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

void qd_arena_reset(struct qd_arena *a)
{
	struct qd_arena_chunk *c = a->head, *keep = NULL;

	/* The chunk being filled is the largest ordinary one: it stays, the
	 * others (smaller ones, and big pieces behind it) go. */
	if (c && c->next) {
		for (struct qd_arena_chunk *p = c->next; p;) {
			struct qd_arena_chunk *next = p->next;
			UNPOISON(p->data, p->size);
			free(p);
			p = next;
		}
		c->next = NULL;
	}
	keep = c;
	if (keep) {
		keep->used = 0;
		POISON(keep->data, keep->size);
		a->total = keep->size;
	}
	a->head = keep;
}

void qd_arena_release(struct qd_arena *a)
{
	struct qd_arena_chunk *c = a->head;

	while (c) {
		struct qd_arena_chunk *next = c->next;
		UNPOISON(c->data, c->size);
		free(c);
		c = next;
	}
	a->head = NULL;
	a->total = 0;
}

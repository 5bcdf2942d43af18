/*
 * String sets (see quizdeck/strset.h). The table doubles when half full,
 * so a lookup probes a few slots on average.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/strset.h"

static uint32_t hash(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

bool qd_strset_has(const struct qd_strset *s, const char *key)
{
	if (!s->cap)
		return false;
	for (size_t i = hash(key) & (s->cap - 1); s->slots[i]; i = (i + 1) & (s->cap - 1))
		if (strcmp(s->slots[i], key) == 0)
			return true;
	return false;
}

static void place(char **slots, size_t cap, char *key)
{
	size_t i = hash(key) & (cap - 1);

	while (slots[i])
		i = (i + 1) & (cap - 1);
	slots[i] = key;
}

bool qd_strset_add(struct qd_strset *s, const char *key)
{
	if (qd_strset_has(s, key))
		return false;
	if ((s->len + 1) * 2 > s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 64;
		char **slots = qd_xcalloc(cap, sizeof(*slots));
		for (size_t i = 0; i < s->cap; i++)
			if (s->slots[i])
				place(slots, cap, s->slots[i]);
		free(s->slots);
		s->slots = slots;
		s->cap = cap;
	}
	place(s->slots, s->cap, qd_xstrdup(key));
	s->len++;
	return true;
}

void qd_strset_release(struct qd_strset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		free(s->slots[i]);
	free(s->slots);
	memset(s, 0, sizeof(*s));
}

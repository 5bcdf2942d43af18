/*
 * String sets (see quizdeck/strset.h). The table doubles when half full,
 * so a lookup probes a few slots on average. Each slot keeps its key's
 * hash and length: probing compares those before any bytes, and growing
 * never hashes a key again.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/strset.h"

struct qd_strset_slot {
	const char *key; /* NULL: an empty slot */
	size_t len;
	size_t value;
	uint32_t hash;
	bool owned; /* key is a copy the set frees */
};

static uint32_t hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The slot holding key, or the empty slot where it would go (cap > 0). */
static struct qd_strset_slot *find(const struct qd_strset *s, const char *key, size_t len,
                                   uint32_t h)
{
	size_t i = h & (s->cap - 1);

	for (; s->slots[i].key; i = (i + 1) & (s->cap - 1)) {
		const struct qd_strset_slot *t = &s->slots[i];
		if (t->hash == h && t->len == len && memcmp(t->key, key, len) == 0)
			break;
	}
	return &s->slots[i];
}

bool qd_strset_get_n(const struct qd_strset *s, const char *key, size_t len, size_t *value)
{
	const struct qd_strset_slot *t;

	if (!s->cap)
		return false;
	t = find(s, key, len, hash(key, len));
	if (!t->key)
		return false;
	if (value)
		*value = t->value;
	return true;
}

static void grow(struct qd_strset *s)
{
	size_t cap = s->cap ? s->cap * 2 : 64;
	struct qd_strset_slot *slots = qd_xcalloc(cap, sizeof(*slots));

	for (size_t i = 0; i < s->cap; i++) {
		struct qd_strset_slot *t = &s->slots[i];
		size_t k;
		if (!t->key)
			continue;
		for (k = t->hash & (cap - 1); slots[k].key; k = (k + 1) & (cap - 1))
			;
		slots[k] = *t;
	}
	free(s->slots);
	s->slots = slots;
	s->cap = cap;
}

static bool put(struct qd_strset *s, const char *key, size_t len, size_t value, size_t *old,
                bool copy)
{
	uint32_t h = hash(key, len);
	struct qd_strset_slot *t;

	if (s->cap) {
		t = find(s, key, len, h);
		if (t->key) {
			if (old)
				*old = t->value;
			return false;
		}
	}
	if ((s->len + 1) * 2 > s->cap)
		grow(s);
	t = find(s, key, len, h);
	if (copy) {
		char *k = qd_xmalloc(len + 1);
		memcpy(k, key, len);
		k[len] = '\0';
		t->key = k;
	} else {
		t->key = key;
	}
	t->owned = copy;
	t->len = len;
	t->value = value;
	t->hash = h;
	s->len++;
	return true;
}

bool qd_strset_put_n(struct qd_strset *s, const char *key, size_t len, size_t value,
                     size_t *old)
{
	return put(s, key, len, value, old, true);
}

bool qd_strset_put_borrowed(struct qd_strset *s, const char *key, size_t len, size_t value,
                            size_t *old)
{
	return put(s, key, len, value, old, false);
}

bool qd_strset_has(const struct qd_strset *s, const char *key)
{
	return qd_strset_get_n(s, key, strlen(key), NULL);
}

bool qd_strset_add(struct qd_strset *s, const char *key)
{
	return qd_strset_put_n(s, key, strlen(key), 0, NULL);
}

void qd_strset_release(struct qd_strset *s)
{
	for (size_t i = 0; i < s->cap; i++)
		if (s->slots[i].owned)
			free((char *)s->slots[i].key);
	free(s->slots);
	memset(s, 0, sizeof(*s));
}

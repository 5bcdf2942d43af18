/*
 * A set of strings (open addressing, FNV-1a), for "seen before?" questions
 * over many keys: answers a generator has asked, groups a session has
 * shown today. Keys are copied.
 */
#ifndef QUIZDECK_STRSET_H
#define QUIZDECK_STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct qd_strset {
	char **slots;
	size_t cap, len;
};

/* A zeroed struct is an empty set. */
bool qd_strset_has(const struct qd_strset *s, const char *key);
/* Adds a copy of key; returns false if it was already there. The empty
 * string is a key like any other. */
bool qd_strset_add(struct qd_strset *s, const char *key);
void qd_strset_release(struct qd_strset *s);

#endif

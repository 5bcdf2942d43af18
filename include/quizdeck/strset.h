/*
 * A set of strings (open addressing, FNV-1a), for "seen before?" questions
 * over many keys: answers a generator has asked, groups a session has
 * shown today, duplicates in a deck's lists or in merged quiz results.
 * Keys are copied (or borrowed, with qd_strset_put_borrowed). Each key may carry a value (a size_t, such as the index
 * where the key was first seen), which makes the set a map when needed.
 *
 * Keys are byte strings: the _n functions take a length, so a key may hold
 * NUL bytes (two strings joined by a NUL make one key for a pair); the
 * others take a NUL-terminated string.
 */
#ifndef QUIZDECK_STRSET_H
#define QUIZDECK_STRSET_H

#include <stdbool.h>
#include <stddef.h>

struct qd_strset_slot;

struct qd_strset {
	struct qd_strset_slot *slots; /* private */
	size_t cap, len;              /* len: the number of keys */
};

/* A zeroed struct is an empty set. */
bool qd_strset_has(const struct qd_strset *s, const char *key);
/* Adds a copy of key; returns false if it was already there. The empty
 * string is a key like any other. */
bool qd_strset_add(struct qd_strset *s, const char *key);

/* Adds a copy of key[0..len) with value, and returns true; or, if the key
 * is there already, changes nothing, sets *old (unless NULL) to its value
 * and returns false. */
bool qd_strset_put_n(struct qd_strset *s, const char *key, size_t len, size_t value,
                     size_t *old);
/* The same without a copy: the set keeps key itself, which must stay
 * unchanged until the set is released (a deck's card ids in the deck's
 * own memory). */
bool qd_strset_put_borrowed(struct qd_strset *s, const char *key, size_t len, size_t value,
                            size_t *old);
/* Whether key[0..len) is there; if so and value is not NULL, sets *value. */
bool qd_strset_get_n(const struct qd_strset *s, const char *key, size_t len, size_t *value);

void qd_strset_release(struct qd_strset *s);

#endif

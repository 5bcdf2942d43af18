/*
 * "Did you mean" suggestions for misspelt keys and names.
 */
#ifndef QUIZDECK_SUGGEST_H
#define QUIZDECK_SUGGEST_H

#include <stddef.h>

/* Optimal-string-alignment (Damerau-Levenshtein with adjacent
 * transpositions) distance between a[0..alen) and b[0..blen), ASCII
 * case-insensitive. Strings longer than 64 bytes count as very distant. */
size_t qd_edit_distance(const char *a, size_t alen, const char *b, size_t blen);

/* The closest of the NULL-terminated list valid to word[0..len), or NULL if
 * none is close enough (distance 1 for names up to 5 bytes, 2 beyond; a
 * one- or two-letter name is only suggested for a word as short).
 * synonyms, which may be NULL, is a NULL-terminated list of pairs
 * {"answer", "a", "question", "q", NULL}: a word close to the first of a
 * pair suggests the second. Returns a pointer into valid or synonyms. */
const char *qd_suggest(const char *word, size_t len, const char *const *valid,
                       const char *const *synonyms);

#endif

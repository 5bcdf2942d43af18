/*
 * "Did you mean" suggestions (see quizdeck/suggest.h). Keys are short, so
 * the quadratic distance is cheap; the threshold keeps suggestions to
 * plausible typos, and synonym pairs cover what a distance cannot
 * ("answer" for "a").
 */
#include <ctype.h>
#include <string.h>

#include "quizdeck/suggest.h"

#define MAX_LEN 64

size_t qd_edit_distance(const char *a, size_t alen, const char *b, size_t blen)
{
	size_t d[MAX_LEN + 1][MAX_LEN + 1];

	if (alen > MAX_LEN || blen > MAX_LEN)
		return (size_t)-1 / 2;
	for (size_t i = 0; i <= alen; i++)
		d[i][0] = i;
	for (size_t j = 0; j <= blen; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= alen; i++) {
		for (size_t j = 1; j <= blen; j++) {
			int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
			size_t cost = ca != cb, v = d[i - 1][j - 1] + cost;
			if (d[i - 1][j] + 1 < v)
				v = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < v)
				v = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < v)
				v = d[i - 2][j - 2] + 1;
			d[i][j] = v;
		}
	}
	return d[alen][blen];
}

static size_t threshold(size_t cand_len, size_t word_len)
{
	if (cand_len <= 2)
		return word_len <= 2 ? 1 : 0;
	return cand_len <= 5 ? 1 : 2;
}

const char *qd_suggest(const char *word, size_t len, const char *const *valid,
                       const char *const *synonyms)
{
	const char *best = NULL;
	size_t best_d = (size_t)-1;

	for (size_t i = 0; valid && valid[i]; i++) {
		size_t l = strlen(valid[i]), d = qd_edit_distance(word, len, valid[i], l);
		if ((d == 0 || d <= threshold(l, len)) && d < best_d) {
			best = valid[i];
			best_d = d;
		}
	}
	for (size_t i = 0; synonyms && synonyms[i] && synonyms[i + 1]; i += 2) {
		size_t l = strlen(synonyms[i]), d = qd_edit_distance(word, len, synonyms[i], l);
		if ((d == 0 || d <= threshold(l, len)) && d < best_d) {
			best = synonyms[i + 1];
			best_d = d;
		}
	}
	return best;
}

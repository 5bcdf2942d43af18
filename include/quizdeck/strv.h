/*
 * A growable list of owned strings, for the generator's mutable deck and
 * its overlays.
 */
#ifndef QUIZDECK_STRV_H
#define QUIZDECK_STRV_H

#include <stdbool.h>
#include <stddef.h>

struct qd_strv {
	char **items; /* owned */
	size_t len;
};

void qd_strv_push(struct qd_strv *v, const char *s); /* copies s */
void qd_strv_clear(struct qd_strv *v);               /* frees every item; v stays usable */
bool qd_strv_has(const struct qd_strv *v, const char *s);
bool qd_strv_has_ci(const struct qd_strv *v, const char *s); /* ASCII case-blind */

#endif

/*
 * String lists (see quizdeck/strv.h).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quizdeck/buf.h"
#include "quizdeck/strv.h"

void qd_strv_push(struct qd_strv *v, const char *s)
{
	v->items = qd_xrealloc(v->items, (v->len + 1) * sizeof(*v->items));
	v->items[v->len++] = qd_xstrdup(s);
}

void qd_strv_clear(struct qd_strv *v)
{
	for (size_t i = 0; i < v->len; i++)
		free(v->items[i]);
	free(v->items);
	v->items = NULL;
	v->len = 0;
}

bool qd_strv_has(const struct qd_strv *v, const char *s)
{
	for (size_t i = 0; i < v->len; i++)
		if (strcmp(v->items[i], s) == 0)
			return true;
	return false;
}

bool qd_strv_has_ci(const struct qd_strv *v, const char *s)
{
	for (size_t i = 0; i < v->len; i++)
		if (strcasecmp(v->items[i], s) == 0)
			return true;
	return false;
}

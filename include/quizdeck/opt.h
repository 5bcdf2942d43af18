/*
 * Option tables: each command declares its options once, beside its usage,
 * and both the parser and the help text are driven by the table, so they
 * cannot drift apart.
 */
#ifndef QUIZDECK_OPT_H
#define QUIZDECK_OPT_H

#include <stdbool.h>
#include <stdio.h>

#include "quizdeck/err.h"

enum qd_opt_kind {
	QD_OPT_END,
	QD_OPT_FLAG,   /* bool *value = true */
	QD_OPT_STRING, /* const char **value = the argument (borrowed from argv) */
	QD_OPT_INT,    /* long *value, checked against [min, max] */
	QD_OPT_LIST,   /* appends to struct qd_optlist *value (repeatable) */
};

struct qd_optlist {
	const char **items; /* borrowed from argv; owned array */
	int len;
};

struct qd_opt {
	enum qd_opt_kind kind;
	char shortname;       /* 0 if none */
	const char *longname; /* without "--" */
	void *value;
	const char *argname;  /* "N", "FILE"; NULL for flags */
	const char *help;
	long min, max;        /* QD_OPT_INT only */
};

/* Parses argv[1..argc-1]. Options may come anywhere; "--" ends them.
 * Positional arguments are moved, in order, to argv[1..n]; returns n, or
 * -1 with err set (status 64), or -2 if --help/-h was given. */
int qd_opt_parse(const struct qd_opt *opts, int argc, char **argv, struct qd_err *err);
void qd_opt_help(FILE *fp, const struct qd_opt *opts);
void qd_optlist_release(struct qd_optlist *l);
/* The words of a repeatable option whose values may also be comma- or
 * space-separated ("--tags a,b --tags c" -> a, b, c). Returns an array of
 * *n words (caller frees) pointing into *store (caller frees). */
const char **qd_optlist_split(const struct qd_optlist *l, int *n, char **store);

#endif

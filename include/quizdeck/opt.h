/*
 * Option tables: each command declares its options once, as constant data
 * beside its usage, and both the parser and the help text are driven by
 * the table, so they cannot drift apart.
 *
 * A table says where each option's value goes as an offset into the
 * command's own options struct, so it holds no pointer to anyone's
 * variables: the same table serves `help CMD` and the parse in the
 * command's run function, which passes its local struct:
 *
 *	struct cards_args { bool json; };
 *	static const struct qd_opt cards_opts[] = {
 *		QD_OPT_FLAG(0, "json", struct cards_args, json, "print the cards as JSON"),
 *		QD_OPT_END(),
 *	};
 *	...
 *	struct cards_args a = {false};
 *	n = qd_opt_parse(cards_opts, &a, argc, argv, &err);
 *
 * The macros check at compile time that the field has the type the kind
 * writes (bool, const char *, long, struct qd_optlist). A string option
 * may list the values it takes (QD_OPT_CHOICE, checked by the parser) or
 * names it knows beside any other value (QD_OPT_NAMES); the shell's
 * completion offers them.
 */
#ifndef QUIZDECK_OPT_H
#define QUIZDECK_OPT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "quizdeck/err.h"

enum qd_opt_kind {
	QD_OPT_KIND_END,
	QD_OPT_KIND_FLAG,   /* bool = true */
	QD_OPT_KIND_STRING, /* const char * = the argument (borrowed from argv) */
	QD_OPT_KIND_INT,    /* long, checked against [min, max] */
	QD_OPT_KIND_LIST,   /* appends to a struct qd_optlist (repeatable) */
	QD_OPT_KIND_OPTSTRING, /* const char * = "" (given alone) or the value of
	                          --name=VALUE: a value only after '=', as git's
	                          optional values, so `--name WORD` leaves WORD
	                          an argument; long options only */
};

struct qd_optlist {
	const char **items; /* borrowed from argv; owned array */
	int len;
};

struct qd_opt {
	enum qd_opt_kind kind;
	char shortname;       /* 0 if none */
	const char *longname; /* without "--"; NULL if none */
	size_t offset;        /* of the value in the command's options struct */
	const char *argname;  /* "N", "FILE"; NULL for flags */
	const char *help;
	long min, max;        /* QD_OPT_KIND_INT only */
	/* QD_OPT_KIND_STRING: the values it takes, NULL-terminated (NULL: any).
	 * The parser refuses any other unless choices_open, when they are
	 * names offered beside other values the command judges. The shell's
	 * completion offers them, and help shows a closed list. */
	const char *const *choices;
	bool choices_open;
};

/* offsetof(type, field), refused at compile time unless field is a ftype. */
#define QD_OPT_FIELD_(type, field, ftype) _Generic(((type *)0)->field, ftype: offsetof(type, field))

#define QD_OPT_FLAG(s, l, type, field, help)                                                   \
	{QD_OPT_KIND_FLAG, s, l, QD_OPT_FIELD_(type, field, bool), NULL, help, 0, 0, NULL, false}
#define QD_OPT_STRING(s, l, type, field, arg, help)                                            \
	{QD_OPT_KIND_STRING, s, l, QD_OPT_FIELD_(type, field, const char *), arg, help, 0, 0,    \
	 NULL, false}
#define QD_OPT_INT(s, l, type, field, arg, help, min, max)                                     \
	{QD_OPT_KIND_INT, s, l, QD_OPT_FIELD_(type, field, long), arg, help, min, max, NULL, false}
#define QD_OPT_LIST(s, l, type, field, arg, help)                                              \
	{QD_OPT_KIND_LIST, s, l, QD_OPT_FIELD_(type, field, struct qd_optlist), arg, help, 0, 0, \
	 NULL, false}
#define QD_OPT_OPTSTRING(l, type, field, arg, help)                                             \
	{QD_OPT_KIND_OPTSTRING, 0, l, QD_OPT_FIELD_(type, field, const char *), arg, help, 0, 0, \
	 NULL, false}
/* A string that is one of choices (a NULL-terminated array of strings). */
#define QD_OPT_CHOICE(s, l, type, field, arg, help, choices)                                   \
	{QD_OPT_KIND_STRING, s, l, QD_OPT_FIELD_(type, field, const char *), arg, help, 0, 0,    \
	 choices, false}
/* A string that may be one of the names in choices, or another value. */
#define QD_OPT_NAMES(s, l, type, field, arg, help, choices)                                    \
	{QD_OPT_KIND_STRING, s, l, QD_OPT_FIELD_(type, field, const char *), arg, help, 0, 0,    \
	 choices, true}
#define QD_OPT_END() {QD_OPT_KIND_END, 0, NULL, 0, NULL, NULL, 0, 0, NULL, false}

/* Parses argv[1..argc-1] into values, the options struct that opts
 * describes (NULL for a table with no options). Options may come anywhere;
 * "--" ends them. Positional arguments are moved, in order, to argv[1..n];
 * returns n, or -1 with err set (QD_EXIT_USAGE), or -2 if --help/-h was
 * given. Values already parsed stay in *values either way (release a
 * struct qd_optlist in it). */
int qd_opt_parse(const struct qd_opt *opts, void *values, int argc, char **argv,
                 struct qd_err *err);
/* The same for options that come before a command, as the program's
 * global options do: parses argv[1..] up to the first positional argument
 * (or just after "--") and returns its index (argc if there is none),
 * moving nothing; -1 with err set, or -2 for --help/-h, as above. */
int qd_opt_parse_head(const struct qd_opt *opts, void *values, int argc, char **argv,
                      struct qd_err *err);
/* The table's help lines, and the one for -h, --help. */
void qd_opt_help(FILE *fp, const struct qd_opt *opts);
/* "a, b or c": the values of a choices list, into out (size n). */
void qd_opt_choices_text(const char *const *choices, char *out, size_t n);
void qd_optlist_release(struct qd_optlist *l);
/* The words of a repeatable option whose values may also be comma- or
 * space-separated ("--tags a,b --tags c" -> a, b, c). Returns an array of
 * *n words (caller frees) pointing into *store (caller frees). */
const char **qd_optlist_split(const struct qd_optlist *l, int *n, char **store);

#endif

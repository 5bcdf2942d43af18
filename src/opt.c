/*
 * Table-driven option parsing (see quizdeck/opt.h): GNU conventions,
 * --name=value, --name value, -n value, -nvalue, bundled short flags, and
 * "--" to end options, with unique-prefix matching of long names. Values
 * go through the table's offsets into the struct the caller passes, so a
 * table is constant and a parse touches nothing else.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/exit.h"
#include "quizdeck/opt.h"

/* The width of the options column of help; the help texts start after it. */
#define HELP_LEFT_WIDTH 24

static const struct qd_opt *find_long(const struct qd_opt *opts, const char *name, size_t len,
                                      struct qd_err *err)
{
	const struct qd_opt *found = NULL;
	int matches = 0;

	/* "--=x" names nothing: it is no prefix of every option. */
	if (len == 0) {
		qd_err_set(err, QD_EXIT_USAGE, "unknown option '--%s'", name);
		return NULL;
	}
	for (const struct qd_opt *o = opts; o->kind != QD_OPT_KIND_END; o++) {
		if (!o->longname || strncmp(o->longname, name, len) != 0)
			continue;
		if (strlen(o->longname) == len)
			return o;
		found = o;
		matches++;
	}
	if (matches == 1)
		return found;
	if (matches > 1) {
		qd_err_set(err, QD_EXIT_USAGE, "option '--%.*s' is ambiguous", (int)len, name);
		return NULL;
	}
	qd_err_set(err, QD_EXIT_USAGE, "unknown option '--%.*s'", (int)len, name);
	return NULL;
}

static const struct qd_opt *find_short(const struct qd_opt *opts, char c, struct qd_err *err)
{
	for (const struct qd_opt *o = opts; o->kind != QD_OPT_KIND_END; o++)
		if (o->shortname == c)
			return o;
	qd_err_set(err, QD_EXIT_USAGE, "unknown option '-%c'", c);
	return NULL;
}

static void opt_name(const struct qd_opt *o, char *out, size_t n)
{
	if (o->longname)
		snprintf(out, n, "--%s", o->longname);
	else
		snprintf(out, n, "-%c", o->shortname);
}

static int apply(const struct qd_opt *o, void *values, const char *arg, struct qd_err *err)
{
	void *value = (char *)values + o->offset;
	char name[64];
	char *end;
	long v;

	opt_name(o, name, sizeof(name));
	switch (o->kind) {
	case QD_OPT_KIND_FLAG:
		*(bool *)value = true;
		return 0;
	case QD_OPT_KIND_STRING:
	case QD_OPT_KIND_OPTSTRING:
		if (o->choices && !o->choices_open) {
			const char *const *c = o->choices;
			char list[256];

			while (*c && strcmp(*c, arg) != 0)
				c++;
			if (!*c) {
				qd_opt_choices_text(o->choices, list, sizeof(list));
				return qd_err_set(err, QD_EXIT_USAGE, "%s: '%s' is not %s", name, arg,
				                  list);
			}
		}
		*(const char **)value = arg;
		return 0;
	case QD_OPT_KIND_INT:
		errno = 0;
		v = strtol(arg, &end, 10);
		if (!*arg || *end || errno)
			return qd_err_set(err, QD_EXIT_USAGE, "%s: '%s' is not a whole number", name,
			                  arg);
		if (v < o->min || v > o->max)
			return qd_err_set(err, QD_EXIT_USAGE, "%s: %ld is out of range (%ld to %ld)",
			                  name, v, o->min, o->max);
		*(long *)value = v;
		return 0;
	case QD_OPT_KIND_LIST: {
		struct qd_optlist *l = value;
		l->items = qd_xrealloc(l->items, (size_t)(l->len + 1) * sizeof(*l->items));
		l->items[l->len++] = arg;
		return 0;
	}
	case QD_OPT_KIND_END:
		break;
	}
	return qd_err_set(err, QD_EXIT_SOFTWARE, "bad option table");
}

/* The parse of both entry points: with head set, it stops at the first
 * positional argument (or after "--") and returns its index, moving
 * nothing; else it returns the number of positional arguments moved. */
static int parse(const struct qd_opt *opts, void *values, int argc, char **argv, bool head,
                 struct qd_err *err)
{
	int npos = 0;
	bool only_pos = false;

	for (int i = 1; i < argc; i++) {
		char *a = argv[i];
		const struct qd_opt *o;

		if (head && (a[0] != '-' || a[1] == '\0'))
			return i;
		if (only_pos || a[0] != '-' || a[1] == '\0') {
			argv[1 + npos++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			if (head)
				return i + 1;
			only_pos = true;
			continue;
		}
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return -2;
		if (a[1] == '-') {
			char *name = a + 2, *eq = strchr(name, '=');
			size_t len = eq ? (size_t)(eq - name) : strlen(name);
			char oname[64];

			if (!(o = find_long(opts, name, len, err)))
				return -1;
			opt_name(o, oname, sizeof(oname));
			if (o->kind == QD_OPT_KIND_FLAG) {
				if (eq)
					return qd_err_set(err, QD_EXIT_USAGE, "option '%s' takes no value",
					                  oname);
				apply(o, values, NULL, err);
				continue;
			}
			if (o->kind == QD_OPT_KIND_OPTSTRING) {
				apply(o, values, eq ? eq + 1 : "", err);
				continue;
			}
			if (eq) {
				if (apply(o, values, eq + 1, err))
					return -1;
				continue;
			}
			if (i + 1 >= argc)
				return qd_err_set(err, QD_EXIT_USAGE, "option '%s' needs a value (%s)",
				                  oname, o->argname ? o->argname : "an argument");
			if (apply(o, values, argv[++i], err))
				return -1;
			continue;
		}
		for (char *p = a + 1; *p; p++) {
			if (!(o = find_short(opts, *p, err)))
				return -1;
			if (o->kind == QD_OPT_KIND_FLAG) {
				apply(o, values, NULL, err);
				continue;
			}
			if (p[1]) {
				if (apply(o, values, p + 1, err))
					return -1;
			} else if (i + 1 < argc) {
				if (apply(o, values, argv[++i], err))
					return -1;
			} else {
				return qd_err_set(err, QD_EXIT_USAGE, "option '-%c' needs a value (%s)",
				                  *p, o->argname ? o->argname : "an argument");
			}
			break;
		}
	}
	return head ? argc : npos;
}

int qd_opt_parse(const struct qd_opt *opts, void *values, int argc, char **argv,
                 struct qd_err *err)
{
	return parse(opts, values, argc, argv, false, err);
}

int qd_opt_parse_head(const struct qd_opt *opts, void *values, int argc, char **argv,
                      struct qd_err *err)
{
	return parse(opts, values, argc, argv, true, err);
}

void qd_opt_choices_text(const char *const *choices, char *out, size_t n)
{
	size_t len = 0;

	out[0] = '\0';
	for (const char *const *c = choices; *c && len < n; c++) {
		const char *join = c == choices ? "" : c[1] ? ", " : " or ";
		int w = snprintf(out + len, n - len, "%s%s", join, *c);
		if (w < 0)
			break;
		len += (size_t)w;
	}
}

/* One help line: "  LEFT" padded to the help column, then the help. A LEFT
 * wider than its column puts the help on the next line, in the column, so
 * the help texts stay aligned (as git's usage_with_options() does). */
static void help_line(FILE *fp, const char *left, const char *help)
{
	if (strlen(left) > HELP_LEFT_WIDTH)
		fprintf(fp, "  %s\n%*s%s\n", left, HELP_LEFT_WIDTH + 3, "", help);
	else
		fprintf(fp, "  %-*s %s\n", HELP_LEFT_WIDTH, left, help);
}

void qd_opt_help(FILE *fp, const struct qd_opt *opts)
{
	for (const struct qd_opt *o = opts; o && o->kind != QD_OPT_KIND_END; o++) {
		char left[64];
		int n = 0;

		if (o->shortname && o->longname)
			n = snprintf(left, sizeof(left), "-%c, --%s", o->shortname, o->longname);
		else if (o->longname)
			n = snprintf(left, sizeof(left), "    --%s", o->longname);
		else
			n = snprintf(left, sizeof(left), "-%c", o->shortname);
		if (o->choices && !o->choices_open && n > 0 && (size_t)n < sizeof(left)) {
			/* "--format csv|tsv|quizlet": the values themselves */
			for (const char *const *c = o->choices; *c && (size_t)n < sizeof(left); c++) {
				int w = snprintf(left + n, sizeof(left) - (size_t)n, "%s%s",
				                 c == o->choices ? " " : "|", *c);
				if (w < 0)
					break;
				n += w;
			}
		} else if (o->argname && n > 0 && (size_t)n < sizeof(left)) {
			snprintf(left + n, sizeof(left) - (size_t)n,
			         o->kind == QD_OPT_KIND_OPTSTRING ? "[=%s]" : " %s", o->argname);
		}
		help_line(fp, left, o->help ? o->help : "");
	}
	help_line(fp, "-h, --help", "show this help");
}

void qd_optlist_release(struct qd_optlist *l)
{
	free(l->items);
	l->items = NULL;
	l->len = 0;
}

const char **qd_optlist_split(const struct qd_optlist *l, int *n, char **store)
{
	struct qd_buf b;
	const char **words;
	char *save = NULL;
	int count = 0;

	qd_buf_init(&b);
	for (int i = 0; i < l->len; i++) {
		qd_buf_adds(&b, l->items[i]);
		qd_buf_addc(&b, ',');
	}
	*store = qd_buf_detach(&b, NULL);
	words = qd_xcalloc(strlen(*store) + 1, sizeof(*words));
	for (char *p = strtok_r(*store, ", ", &save); p; p = strtok_r(NULL, ", ", &save))
		words[count++] = p;
	*n = count;
	return words;
}

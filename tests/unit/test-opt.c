/* Unit tests for option tables: parsing into a caller's struct through the
 * table's offsets, the errors and their status, and the help lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/exit.h"
#include "quizdeck/opt.h"

struct args {
	bool all, verbose, vertical;
	long count;
	const char *name;
	struct qd_optlist tags;
};

static const struct qd_opt opts[] = {
	QD_OPT_FLAG('a', "all", struct args, all, "every one"),
	QD_OPT_FLAG('v', "verbose", struct args, verbose, "say more"),
	QD_OPT_FLAG(0, "vertical", struct args, vertical, "up and down"),
	QD_OPT_INT('n', "count", struct args, count, "N", "how many", 1, 100),
	QD_OPT_STRING(0, "name", struct args, name, "NAME", "who"),
	QD_OPT_LIST('t', "tags", struct args, tags, "TAG", "only these (repeatable)"),
	QD_OPT_END(),
};

/* Parses the words of line (split at spaces) into a; argv[0] is "cmd". */
static int parse(const char *line, struct args *a, char ***argv_out, char **store,
                 struct qd_err *err)
{
	char **argv = calloc(32, sizeof(*argv));
	char *save = NULL;
	int argc = 0;

	*store = strdup(line);
	argv[argc++] = "cmd";
	for (char *w = strtok_r(*store, " ", &save); w; w = strtok_r(NULL, " ", &save))
		argv[argc++] = w;
	*argv_out = argv;
	qd_err_clear(err);
	return qd_opt_parse(opts, a, argc, argv, err);
}

static void test_values_go_to_the_struct(void **state)
{
	struct args a = {.count = 10};
	struct qd_err err;
	char **argv, *store;

	(void)state;
	assert_int_equal(parse("x --all -n 3 y --name=ann --tags a,b -tc -- -v", &a, &argv, &store,
	                       &err),
	                 3);
	assert_true(a.all);
	assert_false(a.verbose);
	assert_int_equal(a.count, 3);
	assert_string_equal(a.name, "ann");
	assert_int_equal(a.tags.len, 2);
	assert_string_equal(a.tags.items[0], "a,b");
	assert_string_equal(a.tags.items[1], "c");
	/* Positional arguments, in order, after "--" too. */
	assert_string_equal(argv[1], "x");
	assert_string_equal(argv[2], "y");
	assert_string_equal(argv[3], "-v");
	qd_optlist_release(&a.tags);
	free(argv);
	free(store);
}

static void test_short_forms_and_prefixes(void **state)
{
	struct args a = {.count = 10};
	struct qd_err err;
	char **argv, *store;

	(void)state;
	/* Bundled flags, a bundled value, a unique prefix, a lone "-". */
	assert_int_equal(parse("-av -n7 --na bob -", &a, &argv, &store, &err), 1);
	assert_true(a.all);
	assert_true(a.verbose);
	assert_int_equal(a.count, 7);
	assert_string_equal(a.name, "bob");
	assert_string_equal(argv[1], "-");
	free(argv);
	free(store);
}

static void test_tables_hold_no_state(void **state)
{
	struct args a = {.count = 10}, b = {.count = 20};
	struct qd_err err;
	char **argv, *store;

	(void)state;
	assert_int_equal(parse("--count 5 --all", &a, &argv, &store, &err), 0);
	free(argv);
	free(store);
	assert_int_equal(parse("--verbose", &b, &argv, &store, &err), 0);
	free(argv);
	free(store);
	/* The second parse saw only its own struct. */
	assert_int_equal(a.count, 5);
	assert_true(a.all);
	assert_false(a.verbose);
	assert_int_equal(b.count, 20);
	assert_false(b.all);
	assert_true(b.verbose);
}

static void expect_error(const char *line, const char *msg)
{
	struct args a = {.count = 10};
	struct qd_err err;
	char **argv, *store;

	assert_int_equal(parse(line, &a, &argv, &store, &err), -1);
	assert_int_equal(err.status, QD_EXIT_USAGE);
	assert_string_equal(err.msg, msg);
	qd_optlist_release(&a.tags);
	free(argv);
	free(store);
}

static void test_errors(void **state)
{
	(void)state;
	expect_error("--nope", "unknown option '--nope'");
	expect_error("x --nope=1", "unknown option '--nope'");
	expect_error("-x", "unknown option '-x'");
	expect_error("-ax", "unknown option '-x'");
	expect_error("--ver", "option '--ver' is ambiguous");
	expect_error("--=ann", "unknown option '--=ann'"); /* not a prefix of --name */
	expect_error("--all=1", "option '--all' takes no value");
	expect_error("--count", "option '--count' needs a value (N)");
	expect_error("-n", "option '-n' needs a value (N)");
	expect_error("-n x", "--count: 'x' is not a whole number");
	expect_error("--count=", "--count: '' is not a whole number");
	expect_error("--count=99999999999999999999",
	             "--count: '99999999999999999999' is not a whole number");
	expect_error("-n0", "--count: 0 is out of range (1 to 100)");
	expect_error("--count 101", "--count: 101 is out of range (1 to 100)");
}

static void test_help(void **state)
{
	static const struct qd_opt none[] = {QD_OPT_END()};
	struct args a = {.count = 10};
	struct qd_err err;
	char **argv, *store, *text = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	assert_int_equal(parse("x --help --nope", &a, &argv, &store, &err), -2);
	free(argv);
	free(store);
	assert_int_equal(parse("-h", &a, &argv, &store, &err), -2);
	free(argv);
	free(store);

	fp = open_memstream(&text, &len);
	assert_non_null(fp);
	qd_opt_help(fp, opts);
	qd_opt_help(fp, none);
	fclose(fp);
	assert_string_equal(text,
	                    "  -a, --all                every one\n"
	                    "  -v, --verbose            say more\n"
	                    "      --vertical           up and down\n"
	                    "  -n, --count N            how many\n"
	                    "      --name NAME          who\n"
	                    "  -t, --tags TAG           only these (repeatable)\n"
	                    "  -h, --help               show this help\n"
	                    "  -h, --help               show this help\n");
	free(text);

}

/* A command without options passes no struct. */
static void test_no_options(void **state)
{
	static const struct qd_opt none[] = {QD_OPT_END()};
	char *pos[] = {"cmd", "x", "--", "-y", NULL}, *bad[] = {"cmd", "-y", NULL};
	struct qd_err err;

	(void)state;
	assert_int_equal(qd_opt_parse(none, NULL, 4, pos, &err), 2);
	assert_string_equal(pos[2], "-y");
	assert_int_equal(qd_opt_parse(none, NULL, 2, bad, &err), -1);
	assert_string_equal(err.msg, "unknown option '-y'");
}

/* An option too wide for the left column gets its help on the next line,
 * in the help column, rather than pushing it out of line. */
static void test_help_long_option(void **state)
{
	static const struct qd_opt wide[] = {
		QD_OPT_INT(0, "per-question", struct args, count, "SECONDS", "time limit", 1, 9),
		QD_OPT_INT(0, "per-questi", struct args, count, "SECONDS", "fits exactly", 1, 9),
		QD_OPT_END(),
	};
	char *text = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&text, &len);

	(void)state;
	assert_non_null(fp);
	qd_opt_help(fp, wide);
	fclose(fp);
	assert_string_equal(text, "      --per-question SECONDS\n"
	                          "                           time limit\n"
	                          "      --per-questi SECONDS fits exactly\n"
	                          "  -h, --help               show this help\n");
	free(text);
}

/* An optional value comes only after '=': alone the option is "", and the
 * next word stays an argument (it could be a deck named like a date). */
static void test_optional_value(void **state)
{
	static const struct qd_opt optv[] = {
		QD_OPT_OPTSTRING("due", struct args, name, "DATE", "by DATE"),
		QD_OPT_END(),
	};
	char *argv1[] = {"cmd", "--due", "2026-01-02", NULL};
	char *argv2[] = {"cmd", "--du=2026-01-02", NULL};
	char *argv3[] = {"cmd", "x", NULL};
	struct args a = {0};
	struct qd_err err;
	char *text = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	assert_int_equal(qd_opt_parse(optv, &a, 3, argv1, &err), 1);
	assert_string_equal(a.name, "");
	assert_string_equal(argv1[1], "2026-01-02");
	a.name = NULL;
	assert_int_equal(qd_opt_parse(optv, &a, 2, argv2, &err), 0);
	assert_string_equal(a.name, "2026-01-02");
	a.name = NULL;
	assert_int_equal(qd_opt_parse(optv, &a, 2, argv3, &err), 1);
	assert_null(a.name);
	fp = open_memstream(&text, &len);
	assert_non_null(fp);
	qd_opt_help(fp, optv);
	fclose(fp);
	assert_string_equal(text, "      --due[=DATE]         by DATE\n"
	                          "  -h, --help               show this help\n");
	free(text);
}

/* Options before a command: the parse stops at the first positional
 * argument, which keeps its place, and after "--". */
/* A string option's list of values: a closed one is checked by the parser
 * (exactly, every way the value comes) and shown by help; an open one is
 * names beside any other value. */
static void test_choices(void **state)
{
	struct pick {
		const char *colour, *sep;
	};
	static const char *const colours[] = {"red", "green", "blue", NULL};
	static const char *const names[] = {"tab", "comma", NULL};
	static const struct qd_opt table[] = {
		QD_OPT_CHOICE('c', "colour", struct pick, colour, "C", "the colour", colours),
		QD_OPT_NAMES(0, "sep", struct pick, sep, "S", "the separator", names),
		QD_OPT_END(),
	};
	char *good[] = {"cmd", "--colour=green", "--sep", "#", NULL};
	char *shortv[] = {"cmd", "-cblue", NULL};
	char *bad[] = {"cmd", "--colour", "gre", NULL};
	char *empty[] = {"cmd", "-c", "", NULL};
	struct pick p = {NULL, NULL};
	struct qd_err err;
	char list[64], *text = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	assert_int_equal(qd_opt_parse(table, &p, 4, good, &err), 0);
	assert_string_equal(p.colour, "green");
	assert_string_equal(p.sep, "#");
	assert_int_equal(qd_opt_parse(table, &p, 2, shortv, &err), 0);
	assert_string_equal(p.colour, "blue");
	assert_int_equal(qd_opt_parse(table, &p, 3, bad, &err), -1);
	assert_int_equal(err.status, QD_EXIT_USAGE);
	assert_string_equal(err.msg, "--colour: 'gre' is not red, green or blue");
	assert_int_equal(qd_opt_parse(table, &p, 3, empty, &err), -1);
	assert_string_equal(err.msg, "--colour: '' is not red, green or blue");
	qd_opt_choices_text(names, list, sizeof(list));
	assert_string_equal(list, "tab or comma");
	qd_opt_choices_text(colours, list, 8); /* cut short, still a string */
	assert_string_equal(list, "red, gr");

	fp = open_memstream(&text, &len);
	assert_non_null(fp);
	qd_opt_help(fp, table);
	fclose(fp);
	assert_string_equal(text,
	                    "  -c, --colour red|green|blue\n"
	                    "                           the colour\n"
	                    "      --sep S              the separator\n"
	                    "  -h, --help               show this help\n");
	free(text);
}

static void test_head(void **state)
{
	char *argv1[] = {"quizdeck", "--name", "x", "-a", "cards", "--all", "-v", NULL};
	char *argv2[] = {"quizdeck", "-a", "--", "-v", NULL};
	char *argv3[] = {"quizdeck", "--na=y", NULL};
	char *argv4[] = {"quizdeck", "--bogus", "cards", NULL};
	char *argv5[] = {"quizdeck", "-a", "-h", "cards", NULL};
	struct args a = {0};
	struct qd_err err;

	(void)state;
	assert_int_equal(qd_opt_parse_head(opts, &a, 7, argv1, &err), 4);
	assert_string_equal(a.name, "x");
	assert_true(a.all);
	assert_false(a.verbose);
	assert_string_equal(argv1[4], "cards");
	assert_string_equal(argv1[5], "--all");
	a = (struct args){0};
	assert_int_equal(qd_opt_parse_head(opts, &a, 4, argv2, &err), 3);
	assert_true(a.all);
	assert_false(a.verbose);
	assert_int_equal(qd_opt_parse_head(opts, &a, 2, argv3, &err), 2);
	assert_string_equal(a.name, "y");
	assert_int_equal(qd_opt_parse_head(opts, &a, 3, argv4, &err), -1);
	assert_string_equal(err.msg, "unknown option '--bogus'");
	assert_int_equal(qd_opt_parse_head(opts, &a, 4, argv5, &err), -2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values_go_to_the_struct),
		cmocka_unit_test(test_short_forms_and_prefixes),
		cmocka_unit_test(test_tables_hold_no_state),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_help),
		cmocka_unit_test(test_no_options),
		cmocka_unit_test(test_help_long_option),
		cmocka_unit_test(test_optional_value),
		cmocka_unit_test(test_head),
		cmocka_unit_test(test_choices),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

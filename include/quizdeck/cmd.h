/*
 * The command table. Each subcommand lives in src/cmd-<name>.c and exports
 * one struct qd_cmd; src/cmd.c lists them. Adding a command means adding a
 * file and a table row.
 *
 * A command is data plus a run function: its name, usage, summary and
 * option table (quizdeck/opt.h) are constants, so `help CMD` and
 * `CMD --help` print the same usage from the same entry, and the options'
 * values live only in the run function, in a struct that the table
 * describes. run receives argv with argv[0] = the command's name, parses
 * its options first with qd_cmd_parse(), and returns an exit status
 * (enum qd_exit). It prints its own diagnostics to ctx->err.
 */
#ifndef QUIZDECK_CMD_H
#define QUIZDECK_CMD_H

#include <stdbool.h>

#include "quizdeck/ctx.h"
#include "quizdeck/opt.h"

struct qd_cmd {
	const char *name;
	const char *args;    /* "[--json] DECK..." */
	const char *summary; /* one line for `quizdeck --help` */
	const struct qd_opt *opts; /* ends with QD_OPT_END(); offsets into run's options struct */
	int (*run)(struct qd_ctx *ctx, int argc, char **argv);
	const char *more;    /* printed after the options by help; may be NULL */
	bool hidden;         /* for programs, not people: found by its exact name
	                        only, and listed by neither --help nor the completion */
};

/* The program's own options, before the command (`quizdeck --data DIR
 * cards`): main parses them with this table (qd_opt_parse_head()), and
 * `--help` and the completion list them from it. */
struct qd_global_args {
	const char *data, *config;
	bool version;
};
extern const struct qd_opt qd_global_opts[];

/* The table, NULL-terminated, in the order `--help` lists them. */
extern const struct qd_cmd *const qd_commands[];

/* Finds a command by exact name or unique prefix (a hidden command by its
 * exact name only). Returns NULL with err set
 * ("unknown command 'x'" or "ambiguous command 'st': stats, study"). */
const struct qd_cmd *qd_cmd_find(const char *name, struct qd_err *err);

/* The top-level help: global usage and the command list. */
void qd_help_print(FILE *fp);

/* Prints "usage: quizdeck NAME ARGS" and the option table. */
void qd_cmd_usage(FILE *fp, const struct qd_cmd *cmd);

/* Reports a usage error of cmd on ctx->err: "PROG NAME: MESSAGE"
 * (sanitised, since it may quote the command line) and the hint
 * "usage: PROG NAME ARGS (see 'PROG help NAME')". Returns QD_EXIT_USAGE. */
int qd_cmd_usage_error(const struct qd_ctx *ctx, const struct qd_cmd *cmd, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Parses argv with cmd's option table into values, the command's options
 * struct (see qd_opt_parse()). Returns the number of positional arguments
 * (moved to argv[1..n]), or -1 after printing an error and a usage hint to
 * ctx->err (*status = 64), or -2 after printing qd_cmd_usage() for --help
 * (*status = 0). */
int qd_cmd_parse(struct qd_ctx *ctx, const struct qd_cmd *cmd, void *values, int argc,
                 char **argv, int *status);

#endif

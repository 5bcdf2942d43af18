/*
 * quizdeck help [COMMAND]: the command list, or one command's usage.
 */
#include "quizdeck/cmd.h"

static const struct qd_opt help_opts[] = {
	QD_OPT_END(),
};

static int help_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_opt qd_global_opts[] = {
	QD_OPT_STRING(0, "data", struct qd_global_args, data, "DIR",
	              "keep the review log in DIR (also QUIZDECK_DATA)"),
	QD_OPT_STRING(0, "config", struct qd_global_args, config, "FILE",
	              "read settings from FILE (also QUIZDECK_CONFIG)"),
	QD_OPT_FLAG('V', "version", struct qd_global_args, version, "show the version"),
	QD_OPT_END(),
};

const struct qd_cmd qd_cmd_help = {
	.name = "help",
	.args = "[COMMAND]",
	.summary = "show the commands, or how to use one",
	.opts = help_opts,
	.run = help_run,
};

void qd_help_print(FILE *fp)
{
	fputs("usage: quizdeck [--data DIR] [--config FILE] [COMMAND [ARGS...]]\n\n"
	      "A terminal quiz and flashcard trainer with spaced repetition.\n"
	      "With no command, studies the due cards of every deck.\n\ncommands:\n",
	      fp);
	for (size_t i = 0; qd_commands[i]; i++)
		if (!qd_commands[i]->hidden)
			fprintf(fp, "  %-16s %s\n", qd_commands[i]->name, qd_commands[i]->summary);
	fputs("\nglobal options:\n", fp);
	qd_opt_help(fp, qd_global_opts);
	fputs("\nRun 'quizdeck help COMMAND' for a command's options; 'man quizdeck' for more.\n",
	      fp);
}

static int help_run(struct qd_ctx *ctx, int argc, char **argv)
{
	const struct qd_cmd *cmd;
	struct qd_err err;
	int status, n = qd_cmd_parse(ctx, &qd_cmd_help, NULL, argc, argv, &status);

	if (n < 0)
		return status;
	if (n == 0) {
		qd_help_print(ctx->out);
		return QD_EXIT_OK;
	}
	if (n > 1) {
		return qd_cmd_usage_error(ctx, &qd_cmd_help, "too many arguments");
	}
	if (!(cmd = qd_cmd_find(argv[1], &err))) {
		qd_err_printf(ctx->err, NULL, "%s help: %s", ctx->prog, err.msg);
		fprintf(ctx->err, "(see '%s --help' for the list)\n", ctx->prog);
		return QD_EXIT_USAGE;
	}
	qd_cmd_usage(ctx->out, cmd);
	return QD_EXIT_OK;
}

/*
 * The command table and its lookup (exact name or unique prefix, as tmux
 * does), plus the shared usage and option handling for commands.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"

extern const struct qd_cmd qd_cmd_study;
extern const struct qd_cmd qd_cmd_quiz;
extern const struct qd_cmd qd_cmd_results;
extern const struct qd_cmd qd_cmd_cards;
extern const struct qd_cmd qd_cmd_due;
extern const struct qd_cmd qd_cmd_check;
extern const struct qd_cmd qd_cmd_decks;
extern const struct qd_cmd qd_cmd_gen;
extern const struct qd_cmd qd_cmd_import;
extern const struct qd_cmd qd_cmd_export;
extern const struct qd_cmd qd_cmd_import_reviews;
extern const struct qd_cmd qd_cmd_export_reviews;
extern const struct qd_cmd qd_cmd_stats;
extern const struct qd_cmd qd_cmd_optimize;
extern const struct qd_cmd qd_cmd_suspend;
extern const struct qd_cmd qd_cmd_unsuspend;
extern const struct qd_cmd qd_cmd_bury;
extern const struct qd_cmd qd_cmd_help;
extern const struct qd_cmd qd_cmd_complete;

const struct qd_cmd *const qd_commands[] = {
	&qd_cmd_study,
	&qd_cmd_quiz,
	&qd_cmd_results,
	&qd_cmd_cards,
	&qd_cmd_due,
	&qd_cmd_stats,
	&qd_cmd_optimize,
	&qd_cmd_suspend,
	&qd_cmd_unsuspend,
	&qd_cmd_bury,
	&qd_cmd_check,
	&qd_cmd_decks,
	&qd_cmd_gen,
	&qd_cmd_import,
	&qd_cmd_export,
	&qd_cmd_import_reviews,
	&qd_cmd_export_reviews,
	&qd_cmd_help,
	&qd_cmd_complete,
	NULL,
};

const struct qd_cmd *qd_cmd_find(const char *name, struct qd_err *err)
{
	const struct qd_cmd *found = NULL;
	struct qd_buf list;
	size_t len = strlen(name);
	int matches = 0;

	for (size_t i = 0; qd_commands[i]; i++) {
		if (strcmp(qd_commands[i]->name, name) == 0)
			return qd_commands[i];
		if (len && !qd_commands[i]->hidden &&
		    strncmp(qd_commands[i]->name, name, len) == 0) {
			found = qd_commands[i];
			matches++;
		}
	}
	if (matches == 1)
		return found;
	if (matches == 0) {
		qd_err_set(err, QD_EXIT_USAGE, "unknown command '%s'", name);
		return NULL;
	}
	qd_buf_init(&list);
	for (size_t i = 0; qd_commands[i]; i++)
		if (!qd_commands[i]->hidden && strncmp(qd_commands[i]->name, name, len) == 0)
			qd_buf_addf(&list, "%s%s", list.len ? ", " : "", qd_commands[i]->name);
	qd_err_set(err, QD_EXIT_USAGE, "ambiguous command '%s': %s", name, list.data);
	qd_buf_release(&list);
	return NULL;
}

void qd_cmd_usage(FILE *fp, const struct qd_cmd *cmd)
{
	fprintf(fp, "usage: quizdeck %s%s%s\n\n%s\n", cmd->name, cmd->args[0] ? " " : "",
	        cmd->args, cmd->summary);
	fputs("\noptions:\n", fp);
	qd_opt_help(fp, cmd->opts);
	if (cmd->more)
		fputs(cmd->more, fp);
}

int qd_cmd_usage_error(const struct qd_ctx *ctx, const struct qd_cmd *cmd, const char *fmt, ...)
{
	struct qd_buf msg;
	va_list ap;

	qd_buf_init(&msg);
	va_start(ap, fmt);
	qd_buf_vaddf(&msg, fmt, ap);
	va_end(ap);
	qd_err_printf(ctx->err, NULL, "%s %s: %s", ctx->prog, cmd->name, msg.data);
	fprintf(ctx->err, "usage: %s %s %s (see '%s help %s')\n", ctx->prog, cmd->name, cmd->args,
	        ctx->prog, cmd->name);
	qd_buf_release(&msg);
	return QD_EXIT_USAGE;
}

int qd_cmd_parse(struct qd_ctx *ctx, const struct qd_cmd *cmd, void *values, int argc,
                 char **argv, int *status)
{
	struct qd_err err;
	int n = qd_opt_parse(cmd->opts, values, argc, argv, &err);

	if (n == -2) {
		qd_cmd_usage(ctx->out, cmd);
		*status = QD_EXIT_OK;
		return -2;
	}
	if (n < 0) {
		*status = qd_cmd_usage_error(ctx, cmd, "%s", err.msg);
		return -1;
	}
	return n;
}

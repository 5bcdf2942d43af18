/*
 * quizdeck's entry point: global options, the run context, dispatch to the
 * command table, and the exit status. All logic lives in the library.
 */
#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/cmd.h"
#include "quizdeck/ctx.h"
#include "quizdeck/fileio.h"

#define DEFAULT_COMMAND "study"

/* Every way out after writing to stdout comes here: output that was lost
 * (a full disk, /dev/full) is an error, not a silent success. */
static int close_stdout(int status)
{
	struct qd_err err;

	if (qd_file_close_out(stdout, "standard output", &err) == 0)
		return status;
	qd_err_print(stderr, "quizdeck", &err);
	return err.status;
}

static int usage_error(const char *msg)
{
	qd_err_printf(stderr, "quizdeck", "%s", msg);
	fputs("usage: quizdeck [--data DIR] [--config FILE] [COMMAND [ARGS...]] "
	      "(see 'quizdeck --help')\n",
	      stderr);
	return QD_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	struct qd_global_args global = {0};
	const struct qd_cmd *cmd;
	struct qd_ctx ctx;
	struct qd_err err;
	char *default_argv[] = {DEFAULT_COMMAND, NULL};
	int i, status;

	qd_file_open_std_fds();
	setlocale(LC_ALL, "");
	/* A file-size limit must surface as a write error (EFBIG) that the
	 * review log reports, not as a signal that kills a session. */
	signal(SIGXFSZ, SIG_IGN);
	/* quizdeck reads and writes UTF-8 whatever the locale (decks, logs and
	 * its own output are UTF-8). Under a non-UTF-8 locale such as LC_ALL=C,
	 * Readline would echo a typed "é" as "\303\251" and Backspace would
	 * delete half of it: give it a UTF-8 character type instead. Readline
	 * sets LC_CTYPE again from LC_ALL, LC_CTYPE or LANG when it starts, so
	 * the environment must say the same (no child process sees it). */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0 && setlocale(LC_CTYPE, "C.UTF-8")) {
		unsetenv("LC_ALL");
		setenv("LC_CTYPE", "C.UTF-8", 1);
	}
	/* The options before the command, from the table that --help lists. */
	i = qd_opt_parse_head(qd_global_opts, &global, argc, argv, &err);
	if (i == -2) {
		qd_help_print(stdout);
		return close_stdout(QD_EXIT_OK);
	}
	if (i < 0)
		return usage_error(err.msg);
	if (global.version) {
		printf("quizdeck %s\n", QD_VERSION);
		return close_stdout(QD_EXIT_OK);
	}

	/* With no command, the default one runs, found like any other. */
	if (!(cmd = qd_cmd_find(i < argc ? argv[i] : DEFAULT_COMMAND, &err))) {
		qd_err_printf(stderr, "quizdeck", "%s", err.msg);
		fputs("(see 'quizdeck --help' for the commands)\n", stderr);
		return QD_EXIT_USAGE;
	}
	if (i < argc) {
		argv += i;
		argc -= i;
	} else {
		argv = default_argv;
		argc = 1;
	}

	if (qd_ctx_init(&ctx, global.data, global.config, &err)) {
		qd_err_print(stderr, "quizdeck", &err);
		return err.status;
	}
	status = cmd->run(&ctx, argc, argv);
	qd_ctx_release(&ctx);
	return close_stdout(status);
}

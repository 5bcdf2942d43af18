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

static int usage_error(const char *msg, const char *arg)
{
	qd_err_printf(stderr, "quizdeck", "%s '%s'", msg, arg);
	fputs("usage: quizdeck [--data DIR] [--config FILE] [COMMAND [ARGS...]] "
	      "(see 'quizdeck --help')\n",
	      stderr);
	return QD_EXIT_USAGE;
}

int main(int argc, char **argv)
{
	const char *data_opt = NULL, *config_opt = NULL;
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
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		const char **slot = NULL;
		size_t n = 0;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			qd_help_print(stdout);
			return close_stdout(QD_EXIT_OK);
		}
		if (strcmp(a, "--version") == 0 || strcmp(a, "-V") == 0) {
			printf("quizdeck %s\n", QD_VERSION);
			return close_stdout(QD_EXIT_OK);
		}
		if (strncmp(a, "--data", 6) == 0 && (a[6] == '\0' || a[6] == '=')) {
			slot = &data_opt;
			n = 6;
		} else if (strncmp(a, "--config", 8) == 0 && (a[8] == '\0' || a[8] == '=')) {
			slot = &config_opt;
			n = 8;
		} else if (strcmp(a, "--") == 0) {
			i++;
			break;
		} else {
			return usage_error("unknown option", a);
		}
		if (a[n] == '=') {
			*slot = a + n + 1;
		} else if (i + 1 < argc) {
			*slot = argv[++i];
		} else {
			return usage_error("missing value for option", a);
		}
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

	if (qd_ctx_init(&ctx, data_opt, config_opt, &err)) {
		qd_err_print(stderr, "quizdeck", &err);
		return err.status;
	}
	status = cmd->run(&ctx, argc, argv);
	qd_ctx_release(&ctx);
	return close_stdout(status);
}

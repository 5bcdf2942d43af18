/*
 * Builds the run context from the environment: XDG base directories
 * (relative values are ignored, as the specification requires), NO_COLOR,
 * TERM, QUIZDECK_NOW, QUIZDECK_LOCK_TIMEOUT, QUIZDECK_PROGRESS_AFTER, the
 * login name (USER,
 * LOGNAME) that quiz results carry by default, and the editor (VISUAL,
 * EDITOR). This is the only place that
 * reads the environment, the wall clock or the terminal's size
 * (qd_ctx_term_width(), asked when needed, since a window may be resized
 * while a command runs).
 */
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/ctx.h"
#include "quizdeck/qtime.h"

static char *xdg_dir(const char *var, const char *fallback, const char *leaf)
{
	const char *v = getenv(var), *home;
	struct qd_buf b;

	qd_buf_init(&b);
	if (v && v[0] == '/') {
		qd_buf_addf(&b, "%s/%s", v, leaf);
	} else {
		home = getenv("HOME");
		if (!home || home[0] != '/')
			return NULL;
		qd_buf_addf(&b, "%s/%s/%s", home, fallback, leaf);
	}
	return qd_buf_detach(&b, NULL);
}

/* Seconds as people write them ("5", "0.25"; at most 3 decimals, at most a
 * day) to ms, without strtod: the decimal point must not depend on the
 * locale. Returns 0, or -1. */
static int parse_seconds(const char *s, int64_t *ms)
{
	int64_t v = 0, scale = 1000;
	const char *p = s;

	if (!(*p >= '0' && *p <= '9'))
		return -1;
	for (; *p >= '0' && *p <= '9'; p++)
		if ((v = v * 10 + (*p - '0')) > 86400)
			return -1;
	v *= 1000;
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9' && scale > 1; p++)
			v += (*p - '0') * (scale /= 10);
		if (p[-1] == '.')
			return -1;
	}
	if (*p)
		return -1;
	*ms = v;
	return 0;
}

int qd_ctx_init(struct qd_ctx *ctx, const char *data_opt, const char *config_opt,
                struct qd_err *err)
{
	const char *v, *term, *no_color;

	memset(ctx, 0, sizeof(*ctx));
	ctx->prog = "quizdeck";
	ctx->in = stdin;
	ctx->out = stdout;
	ctx->err = stderr;
	ctx->in_tty = isatty(STDIN_FILENO);
	ctx->out_tty = isatty(STDOUT_FILENO);
	ctx->err_tty = isatty(STDERR_FILENO);
	term = getenv("TERM");
	no_color = getenv("NO_COLOR");
	ctx->term_dumb = !term || !*term || strcmp(term, "dumb") == 0;
	ctx->color = ctx->out_tty && !ctx->term_dumb && !(no_color && *no_color);

	if ((v = getenv("QUIZDECK_NOW")) && *v) {
		if (qd_time_parse_iso(v, &ctx->now_ms))
			return qd_err_set(err, QD_EXIT_USAGE,
			                  "QUIZDECK_NOW: '%s' is not an ISO-8601 instant "
			                  "(like 2026-11-24T09:30:00Z)", v);
		ctx->now_fixed = true;
	} else {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		ctx->now_ms = (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
	}

	ctx->lock_timeout_ms = QD_LOCK_TIMEOUT_MS;
	if ((v = getenv("QUIZDECK_LOCK_TIMEOUT")) && *v && parse_seconds(v, &ctx->lock_timeout_ms))
		return qd_err_set(err, QD_EXIT_USAGE,
		                  "QUIZDECK_LOCK_TIMEOUT: '%s' is not a number of seconds "
		                  "(like 5 or 0.5, at most 86400)", v);

	if ((v = getenv("QUIZDECK_TEST_KILL_IMPORT")) && *v) {
		char *end;
		long long b = strtoll(v, &end, 10);
		if (*end || b < 1)
			return qd_err_set(err, QD_EXIT_USAGE,
			                  "QUIZDECK_TEST_KILL_IMPORT: '%s' is not a number of bytes", v);
		ctx->test_kill_import_bytes = b;
	}

	ctx->progress_after_ms = 1000;
	if ((v = getenv("QUIZDECK_PROGRESS_AFTER")) && *v &&
	    parse_seconds(v, &ctx->progress_after_ms))
		return qd_err_set(err, QD_EXIT_USAGE,
		                  "QUIZDECK_PROGRESS_AFTER: '%s' is not a number of seconds "
		                  "(like 1 or 0.5, at most 86400)", v);

	if (data_opt && *data_opt)
		ctx->data_dir = qd_xstrdup(data_opt);
	else if ((v = getenv("QUIZDECK_DATA")) && *v)
		ctx->data_dir = qd_xstrdup(v);
	else
		ctx->data_dir = xdg_dir("XDG_DATA_HOME", ".local/share", "quizdeck");
	ctx->user_decks_dir = xdg_dir("XDG_DATA_HOME", ".local/share", "quizdeck/decks");
	ctx->state_dir = xdg_dir("XDG_STATE_HOME", ".local/state", "quizdeck");

	if ((v = getenv("USER")) && *v)
		ctx->user = qd_xstrdup(v);
	else if ((v = getenv("LOGNAME")) && *v)
		ctx->user = qd_xstrdup(v);
	else
		ctx->user = qd_xstrdup("");

	/* As git and less choose: VISUAL, then EDITOR, then vi. */
	if ((v = getenv("VISUAL")) && *v)
		ctx->editor = qd_xstrdup(v);
	else if ((v = getenv("EDITOR")) && *v)
		ctx->editor = qd_xstrdup(v);
	else
		ctx->editor = qd_xstrdup("vi");

	if (config_opt && *config_opt) {
		ctx->config_path = qd_xstrdup(config_opt);
		ctx->config_explicit = true;
	} else if ((v = getenv("QUIZDECK_CONFIG")) && *v) {
		ctx->config_path = qd_xstrdup(v);
		ctx->config_explicit = true;
	} else {
		ctx->config_path = xdg_dir("XDG_CONFIG_HOME", ".config", "quizdeck/config.yaml");
	}
	if (!ctx->data_dir) {
		qd_ctx_release(ctx);
		return qd_err_set(err, QD_EXIT_USAGE,
		                  "cannot find a data directory: set HOME, XDG_DATA_HOME or "
		                  "QUIZDECK_DATA");
	}
	return 0;
}

void qd_ctx_release(struct qd_ctx *ctx)
{
	free(ctx->data_dir);
	free(ctx->state_dir);
	free(ctx->config_path);
	free(ctx->user_decks_dir);
	free(ctx->user);
	free(ctx->editor);
	ctx->user = ctx->editor = NULL;
	ctx->data_dir = ctx->state_dir = ctx->config_path = ctx->user_decks_dir = NULL;
}

int qd_ctx_term_width(const struct qd_ctx *ctx, int max)
{
	struct winsize ws;
	int cols = 80;

	if (ctx->out_tty && ioctl(fileno(ctx->out), TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		cols = ws.ws_col;
	return max > 0 && cols > max ? max : cols;
}

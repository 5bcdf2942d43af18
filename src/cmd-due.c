/*
 * quizdeck due [DECK...] [--json] [--format FMT]: how much there is to study
 * now, on one line, for a shell prompt or a tmux status bar: "12 due · 5
 * new", the parts that are zero left out, and nothing at all (not even a
 * newline) when there is nothing to study, so `$(quizdeck due)` in a prompt
 * takes no room then.
 *
 * The counts are the session's (qd_collection_count_due()): cards due now,
 * one of a group a day, and the new cards a session may introduce today.
 * --format expands %d (due), %n (new today), %l (due cards in learning
 * steps) and %% and is printed whatever the counts, so a status bar can
 * show "0"; --json prints {"due":N,"learning":N,"new":N}.
 *
 * It runs on every prompt, so it does no more than it must: no table, no
 * sorting beyond the replay's, output written in one call. The log is
 * still read and replayed whole (see bench/ for the figures).
 */
#include <stdio.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/collection.h"

struct due_args {
	bool json;
	const char *format;
};

static const struct qd_opt due_opts[] = {
	QD_OPT_FLAG(0, "json", struct due_args, json, "print the counts as JSON"),
	QD_OPT_STRING(0, "format", struct due_args, format, "FMT",
	              "print FMT with %d due, %n new today, %l learning, %% a percent sign"),
	QD_OPT_END(),
};

static int due_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_due = {
	.name = "due",
	.args = "[DECK...] [--json] [--format FMT]",
	.summary = "one line of what is due now, for a shell prompt or a status bar",
	.opts = due_opts,
	.run = due_run,
	.more = "\nWithout --format: '12 due · 5 new', the parts that are 0 left out, and\n"
	        "nothing at all when nothing is due and no new card is waiting.\n",
};

/* Expands fmt into b; returns 0, or -1 at the first unknown %-sequence
 * (*bad is its offset). */
static int expand(struct qd_buf *b, const char *fmt, const struct qd_due_counts *n, size_t *bad)
{
	for (const char *p = fmt; *p; p++) {
		if (*p != '%') {
			qd_buf_addc(b, *p);
			continue;
		}
		switch (p[1]) {
		case 'd': qd_buf_addf(b, "%zu", n->due); break;
		case 'n': qd_buf_addf(b, "%zu", n->new_today); break;
		case 'l': qd_buf_addf(b, "%zu", n->learning); break;
		case '%': qd_buf_addc(b, '%'); break;
		default:
			*bad = (size_t)(p - fmt);
			return -1;
		}
		p++;
	}
	return 0;
}

static int due_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct due_args a = {0};
	struct qd_due_counts n;
	struct qd_collection c;
	struct qd_err err;
	struct qd_buf b;
	size_t bad;
	int status, npos;

	npos = qd_cmd_parse(ctx, &qd_cmd_due, &a, argc, argv, &status);
	if (npos < 0)
		return status;
	qd_buf_init(&b);
	/* A bad format is a usage error before any file is read. */
	memset(&n, 0, sizeof(n));
	if (a.format && expand(&b, a.format, &n, &bad)) {
		qd_buf_release(&b);
		return qd_cmd_usage_error(ctx, &qd_cmd_due, "--format: unknown field '%.2s' in '%s' "
		                          "(%%d due, %%n new, %%l learning, %%%% a percent sign)",
		                          a.format + bad, a.format);
	}
	qd_buf_reset(&b);
	if (qd_collection_load_states(ctx, npos, argv + 1, &c, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		qd_collection_release(&c);
		qd_buf_release(&b);
		return err.status;
	}
	qd_collection_count_due(&c, ctx->now_ms, &n);
	if (a.json) {
		qd_buf_addf(&b, "{\"due\":%zu,\"learning\":%zu,\"new\":%zu}\n", n.due, n.learning,
		            n.new_today);
	} else if (a.format) {
		expand(&b, a.format, &n, &bad);
		qd_buf_addc(&b, '\n');
	} else if (n.due || n.new_today) {
		if (n.due)
			qd_buf_addf(&b, "%zu due", n.due);
		if (n.new_today)
			qd_buf_addf(&b, "%s%zu new", n.due ? " · " : "", n.new_today);
		qd_buf_addc(&b, '\n');
	}
	fwrite(b.data, 1, b.len, ctx->out);
	qd_buf_release(&b);
	status = qd_deckset_left_out(c.decks); /* a broken deck of the folder: 65 */
	qd_collection_release(&c);
	return status;
}

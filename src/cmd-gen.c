/*
 * quizdeck gen ARTICLE [-o DECK.yaml] [--id SLUG] [--overlay FILE]: turn an
 * article into a deck (docs/article-format.md).
 *
 * The pipeline is article → generated deck → overlay → validation (by the
 * deck loader itself) → YAML. Cards the generator left out because
 * `check` would warn about them are named on stderr as notes.
 * With -o the deck goes to a temporary file in the target's directory that
 * is synced and renamed over the target (then the directory is synced), so
 * the target is either the old file or the complete new one, and nothing
 * is written at all when any step fails. Only a regular file (or a new
 * path) is a valid target: renaming over a device or FIFO would replace it.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quizdeck/article.h"
#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/gen.h"
#include "quizdeck/overlay.h"

static int gen_run(struct qd_ctx *ctx, int argc, char **argv);

static const char *opt_output, *opt_id, *opt_overlay;

static const struct qd_opt gen_opts[] = {
	{QD_OPT_STRING, 'o', "output", &opt_output, "FILE",
	 "write the deck to FILE (atomically) instead of stdout", 0, 0},
	{QD_OPT_STRING, 0, "id", &opt_id, "SLUG", "the deck id (default: from the title)", 0, 0},
	{QD_OPT_STRING, 0, "overlay", &opt_overlay, "FILE",
	 "apply the curation in FILE (drop, edit, add cards by id)", 0, 0},
	{QD_OPT_END, 0, NULL, NULL, NULL, NULL, 0, 0},
};

const struct qd_cmd qd_cmd_gen = {
	.name = "gen",
	.args = "ARTICLE [-o DECK.yaml] [--id SLUG] [--overlay FILE]",
	.summary = "generate a deck from an article",
	.opts = gen_opts,
	.run = gen_run,
};

/* Writes data to path through a synced temporary file and a rename. */
static int write_atomic(const char *path, const char *data, size_t len, struct qd_err *err)
{
	struct qd_buf tmp, dir;
	const char *slash = strrchr(path, '/');
	struct stat st;
	int fd, e;
	size_t off = 0;

	/* The rename would replace whatever the path names: a device such as
	 * /dev/null (when run as root), a FIFO or a socket must not be swapped
	 * for a regular file, so only regular files (or nothing) are targets. */
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		qd_err_set(err, QD_EXIT_CANTCREAT, "cannot create '%s': %s", path,
		           S_ISDIR(st.st_mode) ? "Is a directory" : "not a regular file");
		return -1;
	}
	qd_buf_init(&tmp);
	qd_buf_init(&dir);
	if (slash)
		qd_buf_add(&dir, path, (size_t)(slash - path) + (slash == path));
	else
		qd_buf_adds(&dir, ".");
	qd_buf_addf(&tmp, "%s/.%s.XXXXXX", dir.data, slash ? slash + 1 : path);
	if ((fd = mkstemp(tmp.data)) < 0) {
		e = errno;
		qd_err_errno(err, QD_EXIT_CANTCREAT, e, "cannot create '%s'", path);
		goto out;
	}
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			e = errno;
			close(fd);
			unlink(tmp.data);
			qd_err_errno(err, QD_EXIT_CANTCREAT, e, "cannot write '%s'", path);
			goto out;
		}
		off += (size_t)n;
	}
	if (fchmod(fd, 0644) != 0 || fsync(fd) != 0 || close(fd) != 0) {
		e = errno;
		unlink(tmp.data);
		qd_err_errno(err, QD_EXIT_CANTCREAT, e, "cannot write '%s'", path);
		goto out;
	}
	if (rename(tmp.data, path) != 0) {
		e = errno;
		unlink(tmp.data);
		qd_err_errno(err, QD_EXIT_CANTCREAT, e, "cannot create '%s'", path);
		goto out;
	}
	if ((fd = open(dir.data, O_RDONLY)) >= 0) {
		fsync(fd); /* best effort: the rename is done either way */
		close(fd);
	}
	qd_buf_release(&tmp);
	qd_buf_release(&dir);
	return 0;
out:
	qd_buf_release(&tmp);
	qd_buf_release(&dir);
	return -1;
}

static int gen_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct qd_article *article;
	struct qd_gen_deck deck;
	struct qd_gen_opts gopts;
	struct qd_strv notes = {NULL, 0};
	struct qd_err err;
	struct qd_buf out;
	int status, n;

	opt_output = opt_id = opt_overlay = NULL;
	n = qd_cmd_parse(ctx, &qd_cmd_gen, argc, argv, &status);
	if (n < 0)
		return status;
	if (n != 1) {
		fprintf(ctx->err, "%s gen: %s\nusage: %s gen %s (see '%s help gen')\n", ctx->prog,
		        n == 0 ? "missing ARTICLE" : "too many arguments", ctx->prog, qd_cmd_gen.args,
		        ctx->prog);
		return QD_EXIT_USAGE;
	}
	qd_err_clear(&err);
	if (!(article = qd_article_load(argv[1], &err))) {
		/* Data errors read like a compiler's: ARTICLE:LINE:COL: error: ... */
		qd_err_print(ctx->err, err.status == QD_EXIT_DATAERR ? NULL : ctx->prog, &err);
		return err.status;
	}
	memset(&gopts, 0, sizeof(gopts));
	gopts.id = opt_id;
	gopts.notes = &notes;
	if (qd_gen_deck(article, &gopts, &deck, &err)) {
		qd_article_free(article);
		qd_strv_clear(&notes);
		if (err.status == QD_EXIT_DATAERR) {
			char msg[sizeof(err.msg)];
			memcpy(msg, err.msg, sizeof(msg));
			qd_err_at(&err, QD_EXIT_DATAERR, argv[1], 0, 0, "%s", msg);
		}
		qd_err_print(ctx->err, err.status == QD_EXIT_DATAERR ? NULL : ctx->prog, &err);
		return err.status;
	}
	qd_article_free(article);
	for (size_t i = 0; i < notes.len; i++)
		qd_err_printf(ctx->err, NULL, "%s: note: %s", argv[1], notes.items[i]);
	qd_strv_clear(&notes);
	if (opt_overlay && qd_overlay_apply_file(&deck, opt_overlay, &err)) {
		qd_gen_deck_release(&deck);
		qd_err_print(ctx->err, err.status == QD_EXIT_DATAERR ? NULL : ctx->prog, &err);
		return err.status;
	}
	if (opt_id) { /* --id wins over the overlay */
		free(deck.id);
		deck.id = qd_xstrdup(opt_id);
	}
	qd_buf_init(&out);
	if (!deck.n_cards)
		qd_err_set(&err, QD_EXIT_DATAERR, "the deck has no cards left");
	if (!deck.n_cards || qd_gen_deck_load(&deck, &out, NULL, &err)) {
		qd_gen_deck_release(&deck);
		qd_buf_release(&out);
		if (opt_overlay && err.status == QD_EXIT_DATAERR) {
			size_t m = strlen(err.msg);
			snprintf(err.msg + m, sizeof(err.msg) - m, " (after applying '%s')", opt_overlay);
		}
		qd_err_print(ctx->err, ctx->prog, &err);
		return err.status;
	}
	qd_gen_deck_release(&deck);
	if (opt_output) {
		if (write_atomic(opt_output, out.data, out.len, &err)) {
			qd_buf_release(&out);
			qd_err_print(ctx->err, ctx->prog, &err);
			return err.status;
		}
	} else if (fwrite(out.data, 1, out.len, ctx->out) != out.len) {
		qd_buf_release(&out);
		fprintf(ctx->err, "%s gen: cannot write to stdout\n", ctx->prog);
		return QD_EXIT_IOERR;
	}
	qd_buf_release(&out);
	return QD_EXIT_OK;
}

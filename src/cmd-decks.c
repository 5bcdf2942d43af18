/*
 * quizdeck decks [--json]: lists the bundled deck and the user's decks
 * (the *.yaml files of the user deck directory): id, card count, title and where it comes from.
 * Decks that fail to load are reported on stderr (sorted diagnostics) and
 * left out; the status is then 65 (or 66 if one could not be read). A
 * deck of the folder with the bundled deck's id shadows it (it is used in
 * its place, quizdeck/deckset.h): the bundled deck is listed as shadowed.
 *
 * quizdeck decks --copy DECK [--force]: writes DECK (the bundled deck, or
 * a deck file) to the decks folder as ID.yaml, byte for byte, so it can be
 * edited; its cards keep their ids, so their history goes on. It refuses
 * to overwrite an existing file unless --force, and refuses, even then, a
 * deck id another file of the folder already has (two decks with one id
 * are an error).
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/bundled.h"
#include "quizdeck/cmd.h"
#include "quizdeck/deckset.h"
#include "quizdeck/fileio.h"
#include "quizdeck/text.h"

struct decks_args {
	bool json, force;
	const char *copy;
};

static const struct qd_opt decks_opts[] = {
	QD_OPT_FLAG(0, "json", struct decks_args, json, "print the list as JSON"),
	QD_OPT_STRING(0, "copy", struct decks_args, copy, "DECK",
	              "copy DECK (rust-uses) to your decks folder, to edit it"),
	QD_OPT_FLAG(0, "force", struct decks_args, force,
	            "with --copy: replace the file if it exists"),
	QD_OPT_END(),
};

static int decks_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_decks = {
	.name = "decks",
	.args = "[--json] | --copy DECK [--force]",
	.summary = "list the bundled deck and your decks; copy one to edit it",
	.opts = decks_opts,
	.run = decks_run,
};

/* Whether arg is the bundled deck's id ("rust-uses" of "rust-uses.yaml"). */
static bool is_bundled_id(const char *arg)
{
	const char *dot = strrchr(qd_bundled_deck_name, '.');
	size_t n = dot ? (size_t)(dot - qd_bundled_deck_name) : strlen(qd_bundled_deck_name);

	return strlen(arg) == n && strncmp(arg, qd_bundled_deck_name, n) == 0;
}

/* The path of a deck of the decks folder whose id is id, or NULL (caller
 * frees). Decks that do not load are skipped. */
static char *folder_deck_with_id(const struct qd_ctx *ctx, const char *id)
{
	struct qd_deck_src *srcs;
	char *found = NULL;
	size_t n;

	if (qd_deck_srcs_default(ctx, &srcs, &n, NULL))
		return NULL;
	for (size_t i = 0; i < n && !found; i++) {
		struct qd_diags d;
		struct qd_deck *deck;
		if (srcs[i].bundled)
			continue;
		qd_diags_init(&d, srcs[i].path);
		if (qd_deck_src_load(&srcs[i], &deck, &d, NULL) == 0) {
			if (strcmp(qd_deck_id(deck), id) == 0)
				found = qd_xstrdup(srcs[i].path);
			qd_deck_free(deck);
		}
		qd_diags_release(&d);
	}
	qd_deck_srcs_free(srcs, n);
	return found;
}

static int copy_deck(struct qd_ctx *ctx, const char *arg, bool force)
{
	struct qd_deck_src src;
	struct qd_deck *deck = NULL;
	struct qd_diags d;
	struct qd_buf data, target;
	struct qd_err err;
	char *other = NULL;
	int status = QD_EXIT_OK;

	if (!ctx->user_decks_dir) {
		qd_err_printf(ctx->err, ctx->prog,
		              "error: no decks folder: set HOME or XDG_DATA_HOME");
		return QD_EXIT_USAGE;
	}
	if (is_bundled_id(arg)) {
		/* The bundled deck itself, even when a copy shadows it. */
		struct qd_buf b;
		qd_buf_init(&b);
		qd_buf_addf(&b, "%s%s", QD_BUNDLED_PREFIX, qd_bundled_deck_name);
		src.bundled = true;
		src.path = qd_buf_detach(&b, NULL);
	} else if (qd_deck_src_resolve(ctx, arg, &src, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		return err.status;
	}
	qd_buf_init(&data);
	qd_buf_init(&target);
	if (src.bundled) {
		qd_buf_add(&data, qd_bundled_deck_data, qd_bundled_deck_size);
	} else if (qd_file_read(src.path, 0, &data, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	/* Only a deck that loads is copied: the copy must be usable. */
	qd_diags_init(&d, src.path);
	if (qd_deck_load_mem(src.path, data.data, data.len, &deck, &d, &err)) {
		qd_diags_sort(&d);
		qd_diags_print_errors(ctx->err, &d);
		qd_diags_release(&d);
		qd_err_printf(ctx->err, ctx->prog, "%s was not copied: it does not load", src.path);
		status = err.status;
		goto out;
	}
	qd_diags_release(&d);
	qd_buf_addf(&target, "%s/%s.yaml", ctx->user_decks_dir, qd_deck_id(deck));
	other = folder_deck_with_id(ctx, qd_deck_id(deck));
	if (other && (!force || strcmp(other, target.data) != 0)) {
		qd_err_printf(ctx->err, ctx->prog,
		              "error: deck '%s' is already in your decks folder: %s%s",
		              qd_deck_id(deck), other,
		              strcmp(other, target.data) == 0
		                      ? " (edit it; --force replaces it with a new copy)"
		                      : "");
		status = QD_EXIT_CANTCREAT;
		goto out;
	}
	if (!force && access(target.data, F_OK) == 0) {
		qd_err_printf(ctx->err, ctx->prog,
		              "error: %s already exists: move it away, or give --force to replace it",
		              target.data);
		status = QD_EXIT_CANTCREAT;
		goto out;
	}
	if (qd_file_mkdirs(ctx->user_decks_dir, &err) ||
	    qd_file_write_atomic(target.data, data.data, data.len, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	fprintf(ctx->out, "Copied %s%s to %s.\n", src.bundled ? "the bundled deck " : "",
	        src.bundled ? qd_deck_id(deck) : src.path, target.data);
	fprintf(ctx->out,
	        "It is used in place of %s from now on: its cards keep their ids, so their "
	        "history goes on.\nEdit it in any editor, or with :edit during a session.\n",
	        src.bundled ? "the bundled deck" : "other decks of that id");
out:
	free(other);
	qd_deck_free(deck);
	qd_buf_release(&data);
	qd_buf_release(&target);
	qd_deck_src_release(&src);
	return status;
}

static int decks_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct qd_deck_src *srcs;
	struct qd_deck **decks;
	struct qd_buf out;
	struct qd_err err;
	size_t nsrc, shown = 0;
	struct decks_args a = {false, false, NULL};
	const char *shadow = NULL; /* the folder's deck with the bundled deck's id */
	int status = QD_EXIT_OK, n;

	n = qd_cmd_parse(ctx, &qd_cmd_decks, &a, argc, argv, &status);
	if (n < 0)
		return status;
	if (n > 0) {
		return qd_cmd_usage_error(ctx, &qd_cmd_decks, "too many arguments");
	}
	if (a.copy && a.json)
		return qd_cmd_usage_error(ctx, &qd_cmd_decks, "--copy goes without --json");
	if (a.force && !a.copy)
		return qd_cmd_usage_error(ctx, &qd_cmd_decks, "--force goes with --copy");
	if (a.copy)
		return copy_deck(ctx, a.copy, a.force);
	if (qd_deck_srcs_default(ctx, &srcs, &nsrc, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		return err.status;
	}
	decks = qd_xcalloc(nsrc, sizeof(*decks));
	for (size_t i = 0; i < nsrc; i++) {
		struct qd_diags d;

		qd_diags_init(&d, srcs[i].path);
		if (qd_deck_src_load(&srcs[i], &decks[i], &d, &err)) {
			decks[i] = NULL;
			if (err.status == QD_EXIT_NOINPUT) {
				qd_err_print(ctx->err, ctx->prog, &err);
				status = QD_EXIT_NOINPUT;
			} else if (status == QD_EXIT_OK) {
				status = QD_EXIT_DATAERR;
			}
			qd_diags_sort(&d);
			qd_diags_print(ctx->err, &d);
		}
		qd_diags_release(&d);
	}
	for (size_t i = 1; i < nsrc && srcs[0].bundled && decks[0] && !shadow; i++)
		if (decks[i] && strcmp(qd_deck_id(decks[i]), qd_deck_id(decks[0])) == 0)
			shadow = srcs[i].path;
	qd_buf_init(&out);
	if (!a.json)
		qd_buf_addf(&out, "%-24s %5s  %s\n", "ID", "CARDS", "TITLE (PATH)");
	for (size_t i = 0; i < nsrc; i++) {
		struct qd_deck *deck = decks[i];
		const char *by = srcs[i].bundled ? shadow : NULL;

		if (!deck)
			continue;
		if (a.json) {
			qd_buf_adds(&out, shown ? ",\n  {\"id\": " : "\n  {\"id\": ");
			qd_buf_add_json(&out, qd_deck_id(deck), strlen(qd_deck_id(deck)));
			qd_buf_adds(&out, ", \"title\": ");
			qd_buf_add_json(&out, qd_deck_title(deck), strlen(qd_deck_title(deck)));
			qd_buf_addf(&out, ", \"cards\": %zu, \"bundled\": %s, \"path\": ",
			            qd_deck_card_count(deck), srcs[i].bundled ? "true" : "false");
			qd_buf_add_json(&out, srcs[i].path, strlen(srcs[i].path));
			if (by) {
				qd_buf_adds(&out, ", \"shadowed_by\": ");
				qd_buf_add_json(&out, by, strlen(by));
			}
			qd_buf_adds(&out, "}");
		} else {
			/* The title and the file name are untrusted: one line each. */
			qd_buf_addf(&out, "%-24s %5zu  ", qd_deck_id(deck), qd_deck_card_count(deck));
			qd_text_sanitize(&out, qd_deck_title(deck), strlen(qd_deck_title(deck)),
			                 QD_SANITIZE_VISIBLE);
			qd_buf_adds(&out, " (");
			qd_text_sanitize(&out, srcs[i].path, strlen(srcs[i].path), QD_SANITIZE_VISIBLE);
			if (by) {
				qd_buf_adds(&out, "; shadowed by ");
				qd_text_sanitize(&out, by, strlen(by), QD_SANITIZE_VISIBLE);
			}
			qd_buf_adds(&out, ")\n");
		}
		shown++;
	}
	if (a.json)
		fprintf(ctx->out, "[%s%s]\n", out.data, shown ? "\n" : "");
	else
		fputs(out.data, ctx->out);
	qd_buf_release(&out);
	for (size_t i = 0; i < nsrc; i++)
		qd_deck_free(decks[i]);
	free(decks);
	qd_deck_srcs_free(srcs, nsrc);
	return status;
}

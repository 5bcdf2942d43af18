/*
 * `:edit`; see quizdeck/edit.h.
 *
 * The file's bytes are read before and after the editor runs, so an
 * editor closed without saving changes nothing, and the bytes loaded are
 * the bytes the diagnostics quote (qd_deck_load_mem keeps them as the
 * source of its diagnostics). The collection is changed only by a deck
 * that loads with no error and keeps its deck id: a broken edit leaves the
 * session on the deck it had, and the learner can :edit again to fix it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "quizdeck/buf.h"
#include "quizdeck/bundled.h"
#include "quizdeck/edit.h"
#include "quizdeck/fileio.h"
#include "quizdeck/text.h"

void qd_edit_command(const char *editor, int line, const char *path, struct qd_buf *cmd,
                     char plus[16], char *argv[7])
{
	qd_buf_init(cmd);
	qd_buf_addf(cmd, "%s \"$@\"", editor);
	snprintf(plus, 16, "+%d", line > 0 ? line : 1);
	argv[0] = (char *)"sh";
	argv[1] = (char *)"-c";
	argv[2] = cmd->data;
	argv[3] = (char *)editor; /* $0 */
	argv[4] = plus;
	argv[5] = (char *)path;
	argv[6] = NULL;
}

/* Writes text (untrusted parts already in it) wrapped to the terminal,
 * continuation lines indented by 4. */
static void say(struct qd_ctx *ctx, const char *text)
{
	struct qd_buf w;

	qd_buf_init(&w);
	qd_text_wrap(&w, text, qd_ctx_term_width(ctx, QD_TEXT_MAX_WIDTH), 4);
	qd_buf_addc(&w, '\n');
	fwrite(w.data, 1, w.len, ctx->out);
	fflush(ctx->out);
	qd_buf_release(&w);
}

static void sayf(struct qd_ctx *ctx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sayf(struct qd_ctx *ctx, const char *fmt, ...)
{
	struct qd_buf b, clean;
	va_list ap;

	qd_buf_init(&b);
	qd_buf_init(&clean);
	va_start(ap, fmt);
	qd_buf_vaddf(&b, fmt, ap);
	va_end(ap);
	qd_text_sanitize(&clean, b.data, b.len, 0);
	say(ctx, clean.data);
	qd_buf_release(&clean);
	qd_buf_release(&b);
}

static bool is_bundled(const struct qd_deck *deck)
{
	return strncmp(qd_deck_path(deck), QD_BUNDLED_PREFIX, strlen(QD_BUNDLED_PREFIX)) == 0;
}

bool qd_edit_opens_editor(const struct qd_prompt *prompt, const struct qd_deck *deck)
{
	return !is_bundled(deck) && qd_prompt_terminal(prompt) &&
	       access(qd_deck_path(deck), W_OK) == 0;
}

/* Runs the editor; false (said why) if it could not be run at all. An
 * editor that fails or is killed is reported, and the file is read
 * anyway: what is on disk is what the next session will load. */
static bool run_editor(struct qd_ctx *ctx, struct qd_prompt *prompt, const char *path, int line)
{
	struct qd_buf cmd;
	struct qd_err err;
	char plus[16], *argv[7];
	int ws = 0;
	bool ran = true;

	qd_edit_command(ctx->editor, line, path, &cmd, plus, argv);
	if (qd_prompt_run(prompt, argv, &ws, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		ran = false;
	} else if (WIFEXITED(ws) && WEXITSTATUS(ws) == 127) {
		sayf(ctx, "  the editor '%s' could not be run: set VISUAL or EDITOR to one you "
		     "have", ctx->editor);
	} else if (WIFEXITED(ws) && WEXITSTATUS(ws) != 0) {
		sayf(ctx, "  the editor '%s' exited with status %d", ctx->editor, WEXITSTATUS(ws));
	} else if (WIFSIGNALED(ws)) {
		sayf(ctx, "  the editor '%s' was ended by signal %d", ctx->editor, WTERMSIG(ws));
	}
	qd_buf_release(&cmd);
	return ran;
}

enum qd_edit_result qd_edit_card(struct qd_ctx *ctx, struct qd_prompt *prompt,
                                 struct qd_collection *col, size_t i, struct qd_reload *r)
{
	const struct qd_collection_card *cc = &col->cards[i];
	const struct qd_card *card = cc->card;
	const char *path = qd_deck_path(cc->deck), *id = qd_deck_id(cc->deck);
	struct qd_buf before, after;
	struct qd_diags diags;
	struct qd_deck *deck;
	struct qd_err err;
	enum qd_edit_result res;

	memset(r, 0, sizeof(*r));
	if (is_bundled(cc->deck)) {
		sayf(ctx, "  the bundled deck '%s' is part of quizdeck and read-only. To edit its "
		     "cards, make your own copy, used in its place from then on (the same deck "
		     "id, so your history goes on), then :edit again:", id);
		sayf(ctx, "    quizdeck decks --copy %s", id);
		return QD_EDIT_READONLY;
	}
	if (!qd_prompt_terminal(prompt)) {
		sayf(ctx, "  %s:%d:%d: card '%s' (an editor needs a terminal)", path, card->line,
		     card->col, card->id);
		return QD_EDIT_PLACE;
	}
	if (access(path, W_OK) != 0) {
		sayf(ctx, "  %s:%d:%d: card '%s': you cannot write this file; copy it to your "
		     "decks folder to edit it", path, card->line, card->col, card->id);
		return QD_EDIT_READONLY;
	}
	qd_buf_init(&before);
	qd_buf_init(&after);
	qd_file_read(path, 0, &before, NULL);
	if (!run_editor(ctx, prompt, path, card->line)) {
		res = QD_EDIT_FAILED;
		goto out;
	}
	if (qd_file_read(path, 0, &after, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		sayf(ctx, "  the deck is kept as it was for this session");
		res = QD_EDIT_BROKEN;
		goto out;
	}
	if (after.len == before.len && memcmp(after.data, before.data, after.len) == 0) {
		sayf(ctx, "  no change to %s", path);
		res = QD_EDIT_UNCHANGED;
		goto out;
	}
	qd_diags_init(&diags, path);
	if (qd_deck_load_mem(path, after.data, after.len, &deck, &diags, &err)) {
		qd_diags_sort(&diags);
		qd_diags_print(ctx->err, &diags);
		qd_diags_release(&diags);
		sayf(ctx, "  the deck is kept as it was for this session; :edit again to fix it");
		res = QD_EDIT_BROKEN;
		goto out;
	}
	qd_diags_sort(&diags);
	qd_diags_print(ctx->err, &diags); /* the warnings */
	qd_diags_release(&diags);
	if (strcmp(qd_deck_id(deck), id) != 0) {
		sayf(ctx, "  %s: the deck's id is now '%s', not '%s'; reviews are kept by deck and "
		     "card id, so that is another deck: the deck is kept as it was for this "
		     "session", path, qd_deck_id(deck), id);
		qd_deck_free(deck);
		res = QD_EDIT_BROKEN;
		goto out;
	}
	qd_collection_reload_deck(col, deck, r);
	if (col->cards[i].gone) {
		sayf(ctx, "  card '%s' is no longer in %s (its id was changed or it was "
		     "removed): its history stays with the id '%s', and it leaves this session",
		     card->id, path, card->id);
		res = QD_EDIT_CARD_GONE;
	} else {
		sayf(ctx, "  card '%s' edited", col->cards[i].card->id);
		res = QD_EDIT_RELOADED;
	}
	if (r->gone > (res == QD_EDIT_CARD_GONE))
		sayf(ctx, "  %zu other card%s of the deck %s no longer in it and leave%s this "
		     "session", r->gone - (res == QD_EDIT_CARD_GONE),
		     r->gone - (res == QD_EDIT_CARD_GONE) == 1 ? "" : "s",
		     r->gone - (res == QD_EDIT_CARD_GONE) == 1 ? "is" : "are",
		     r->gone - (res == QD_EDIT_CARD_GONE) == 1 ? "s" : "");
	if (r->added)
		sayf(ctx, "  %zu new card%s in the deck: studied from the next session", r->added,
		     r->added == 1 ? "" : "s");
out:
	qd_buf_release(&before);
	qd_buf_release(&after);
	return res;
}

/*
 * quizdeck suspend|unsuspend|bury [--tags TAG]... [DECK/ID | DECK]...:
 * the learner's decisions about cards, taken outside a session. Each card
 * chosen gets an event in the review log (docs/log-format.md): suspend (the
 * card is never due until unsuspended), unsuspend (lifts a suspension and a
 * burial), bury (not due again before the next day starts).
 *
 * The three commands differ only in the event they write, so they share
 * this file, as tmux's kill-server and start-server share theirs: three
 * entries over one run function.
 *
 * All or nothing: every DECK/ID is checked against its deck first (an
 * unknown id is reported with the closest id of the deck) and nothing is
 * written when one is wrong. A DECK without an ID selects, with --tags, the
 * deck's cards carrying one of the tags; --tags alone looks in every deck.
 * A card already in the state asked for gets no record.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/collection.h"
#include "quizdeck/suggest.h"

struct suspend_args {
	struct qd_optlist tags;
};

static const struct qd_opt suspend_opts[] = {
	QD_OPT_LIST(0, "tags", struct suspend_args, tags, "TAG",
	            "the cards with this tag (repeatable; commas separate tags)"),
	QD_OPT_END(),
};

static int suspend_run(struct qd_ctx *ctx, int argc, char **argv);
static int unsuspend_run(struct qd_ctx *ctx, int argc, char **argv);
static int bury_run(struct qd_ctx *ctx, int argc, char **argv);

#define MORE_TEXT                                                                              \
	"\nA card is DECK/ID, as 'cards' lists them. With --tags, a DECK alone limits\n"    \
	"the search to its cards; with no DECK at all, every deck is searched.\n"

const struct qd_cmd qd_cmd_suspend = {
	.name = "suspend",
	.args = "[--tags TAG]... [DECK/ID | DECK]...",
	.summary = "suspend cards: they are never due until unsuspended",
	.opts = suspend_opts,
	.run = suspend_run,
	.more = MORE_TEXT,
};

const struct qd_cmd qd_cmd_unsuspend = {
	.name = "unsuspend",
	.args = "[--tags TAG]... [DECK/ID | DECK]...",
	.summary = "make suspended or buried cards due again",
	.opts = suspend_opts,
	.run = unsuspend_run,
	.more = MORE_TEXT,
};

const struct qd_cmd qd_cmd_bury = {
	.name = "bury",
	.args = "[--tags TAG]... [DECK/ID | DECK]...",
	.summary = "bury cards: not due again before the next day starts",
	.opts = suspend_opts,
	.run = bury_run,
	.more = MORE_TEXT,
};

/* Marks the card DECK/ID of arg, or reports why it names none (with the
 * closest id of the deck). Returns 0, or -1 after the message. */
static int select_card(const struct qd_ctx *ctx, const struct qd_collection *c, const char *deck,
                       const char *id, bool *chosen)
{
	const char **ids = qd_xcalloc(c->n_cards + 1, sizeof(*ids));
	const char *sugg;
	size_t n = 0;

	for (size_t i = 0; i < c->n_cards; i++) {
		if (strcmp(qd_deck_id(c->cards[i].deck), deck) != 0)
			continue;
		if (strcmp(c->cards[i].card->id, id) == 0) {
			chosen[i] = true;
			free(ids);
			return 0;
		}
		ids[n++] = c->cards[i].card->id;
	}
	sugg = qd_suggest(id, strlen(id), ids, NULL);
	if (sugg)
		qd_err_printf(ctx->err, ctx->prog,
		              "error: deck '%s' has no card '%s' \xE2\x80\x94 did you mean '%s/%s'?", deck,
		              id, deck, sugg);
	else
		qd_err_printf(ctx->err, ctx->prog,
		              "error: deck '%s' has no card '%s' (quizdeck cards %s lists its cards)", deck,
		              id, deck);
	free(ids);
	return -1;
}

/* Whether the card is already as the event would leave it. */
static bool already(const struct qd_card_state *cs, enum qd_event_kind kind, int64_t now)
{
	switch (kind) {
	case QD_EVENT_SUSPEND: return cs->suspended;
	case QD_EVENT_UNSUSPEND: return qd_replay_available(cs, now);
	case QD_EVENT_BURY: return qd_replay_buried(cs, now);
	}
	return false;
}

/* "2025-03-02 04:00" in the learner's time zone. */
static void local_time(int64_t ms, char out[32])
{
	time_t t = (time_t)(ms / 1000);
	struct tm tm;

	if (!localtime_r(&t, &tm) || !strftime(out, 32, "%Y-%m-%d %H:%M", &tm))
		snprintf(out, 32, "?");
}

static void report(const struct qd_ctx *ctx, const struct qd_collection *c, enum qd_event_kind kind,
                   size_t done, size_t skipped)
{
	static const char *const verb[] = {"suspended", "unsuspended", "buried"};
	static const char *const was[] = {"already suspended", "neither suspended nor buried",
	                                  "already buried"};

	fprintf(ctx->out, "%s %zu card%s", verb[kind], done, done == 1 ? "" : "s");
	if (kind == QD_EVENT_BURY && done) {
		char when[32];
		local_time(qd_sched_next_day_ms(&c->cfg.params, ctx->now_ms), when);
		fprintf(ctx->out, " until %s", when);
	}
	if (skipped)
		fprintf(ctx->out, " (%zu %s %s)", skipped, skipped == 1 ? "was" : "were", was[kind]);
	fputc('\n', ctx->out);
}

/* Writes the events of the chosen cards. */
static int apply(struct qd_ctx *ctx, const struct qd_collection *c, enum qd_event_kind kind,
                 const bool *chosen)
{
	struct qd_event *ev = qd_xcalloc(c->n_cards + 1, sizeof(*ev));
	struct qd_revlog *log = NULL;
	struct qd_err err;
	size_t n = 0, skipped = 0;
	int status = QD_EXIT_OK;

	for (size_t i = 0; i < c->n_cards; i++) {
		if (!chosen[i])
			continue;
		if (already(&c->states.cards[i], kind, ctx->now_ms)) {
			skipped++;
			continue;
		}
		ev[n].time_ms = ctx->now_ms;
		ev[n].kind = kind;
		ev[n].deck = c->states.cards[i].deck;
		ev[n].card = c->states.cards[i].card;
		n++;
	}
	if (n && (qd_revlog_open(ctx, 0, &log, &err) || qd_revlog_append_events(log, ev, n, &err))) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
	} else {
		report(ctx, c, kind, n, skipped);
	}
	qd_revlog_free(log);
	free(ev);
	return status;
}

static int run(struct qd_ctx *ctx, const struct qd_cmd *cmd, enum qd_event_kind kind, int argc,
               char **argv)
{
	struct suspend_args a = {{NULL, 0}};
	struct qd_collection c;
	struct qd_err err;
	char **decks = NULL, *tag_store = NULL;
	const char **tags = NULL;
	bool *chosen = NULL, *whole = NULL;
	int status, n, ndecks = 0, ntags = 0, bad = 0;
	size_t picked = 0;

	memset(&c, 0, sizeof(c));
	n = qd_cmd_parse(ctx, cmd, &a, argc, argv, &status);
	if (n < 0)
		goto out;
	if (a.tags.len)
		tags = qd_optlist_split(&a.tags, &ntags, &tag_store);
	if (n == 0 && ntags == 0) {
		status = qd_cmd_usage_error(ctx, cmd, "no card given");
		goto out;
	}
	/* The decks to load: each DECK of the arguments once (none: all). */
	decks = qd_xcalloc((size_t)n + 1, sizeof(*decks));
	whole = qd_xcalloc((size_t)n + 1, sizeof(*whole));
	for (int i = 1; i <= n; i++) {
		char *slash = strchr(argv[i], '/');
		size_t dl = slash ? (size_t)(slash - argv[i]) : strlen(argv[i]);
		bool seen = false;

		if (!qd_slug_valid(argv[i], dl) ||
		    (slash && !qd_slug_valid(slash + 1, strlen(slash + 1)))) {
			status = qd_cmd_usage_error(ctx, cmd, "'%s' is not DECK/ID (ids as 'cards' "
			                            "lists them)", argv[i]);
			goto out;
		}
		if (!slash && ntags == 0) {
			status = qd_cmd_usage_error(ctx, cmd, "'%s' is a deck, not a card: give "
			                            "DECK/ID, or --tags TAG to choose its cards by tag",
			                            argv[i]);
			goto out;
		}
		whole[i - 1] = !slash;
		for (int k = 0; k < ndecks; k++)
			seen = seen || (strlen(decks[k]) == dl && strncmp(decks[k], argv[i], dl) == 0);
		if (!seen) {
			decks[ndecks] = qd_xmalloc(dl + 1);
			memcpy(decks[ndecks], argv[i], dl);
			decks[ndecks++][dl] = '\0';
		}
	}
	if (qd_collection_load_states(ctx, ndecks, decks, &c, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	chosen = qd_xcalloc(c.n_cards + 1, sizeof(*chosen));
	for (int i = 1; i <= n; i++) {
		char *slash = strchr(argv[i], '/');

		if (slash) {
			*slash = '\0';
			bad += select_card(ctx, &c, argv[i], slash + 1, chosen) != 0;
			*slash = '/';
		}
	}
	if (bad) {
		qd_err_printf(ctx->err, ctx->prog, "error: nothing recorded: %d unknown card%s", bad,
		              bad == 1 ? "" : "s");
		status = QD_EXIT_NOINPUT;
		goto out;
	}
	if (ntags) {
		bool any_whole = false;

		for (int i = 0; i < n; i++)
			any_whole = any_whole || whole[i];
		for (size_t i = 0; i < c.n_cards; i++) {
			bool in_scope = !any_whole;

			for (int k = 1; k <= n && !in_scope; k++)
				in_scope = whole[k - 1] && strcmp(argv[k], qd_deck_id(c.cards[i].deck)) == 0;
			if (in_scope && !chosen[i] &&
			    qd_collection_card_has_tag(&c.cards[i], tags, (size_t)ntags)) {
				chosen[i] = true;
				picked++;
			}
		}
		if (picked == 0) {
			qd_err_printf(ctx->err, ctx->prog, "error: no card has %s", ntags == 1 ? "this tag"
			                                                                 : "these tags");
			status = QD_EXIT_FAIL;
			goto out;
		}
	}
	status = apply(ctx, &c, kind, chosen);
	if (status == QD_EXIT_OK)
		status = qd_deckset_left_out(c.decks); /* a broken deck of the folder: 65 */
out:
	qd_collection_release(&c);
	for (int k = 0; k < ndecks; k++)
		free(decks[k]);
	free(decks);
	free(whole);
	free(chosen);
	free(tags);
	free(tag_store);
	qd_optlist_release(&a.tags);
	return status;
}

static int suspend_run(struct qd_ctx *ctx, int argc, char **argv)
{
	return run(ctx, &qd_cmd_suspend, QD_EVENT_SUSPEND, argc, argv);
}

static int unsuspend_run(struct qd_ctx *ctx, int argc, char **argv)
{
	return run(ctx, &qd_cmd_unsuspend, QD_EVENT_UNSUSPEND, argc, argv);
}

static int bury_run(struct qd_ctx *ctx, int argc, char **argv)
{
	return run(ctx, &qd_cmd_bury, QD_EVENT_BURY, argc, argv);
}

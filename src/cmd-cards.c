/*
 * quizdeck cards [DECK...] [--json]: every card of the decks with its state,
 * derived by replaying the review log (quizdeck/replay.h).
 *
 * --json prints one array of objects with exactly the keys deck, id, state,
 * stability, difficulty, due, reps, lapses, last_review, suspended,
 * buried_until (the last two derived from the log's events); numbers are written
 * without the C library's locale-dependent formatting, so a learner's
 * LC_NUMERIC cannot turn "2.5" into "2,5". The plain form is an aligned
 * table. Cards whose reviews have no deck any more are not listed here
 * (stats reports them).
 */
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/qtime.h"
#include "quizdeck/collection.h"
#include "quizdeck/text.h"

struct cards_args {
	bool json;
	bool leeches;
};

static const struct qd_opt cards_opts[] = {
	QD_OPT_FLAG(0, "json", struct cards_args, json, "print the cards as JSON"),
	QD_OPT_FLAG(0, "leeches", struct cards_args, leeches,
	            "only the leeches (lapses reached leech_threshold)"),
	QD_OPT_END(),
};

static int cards_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_cards = {
	.name = "cards",
	.args = "[DECK...] [--json]",
	.summary = "list every card with its scheduling state",
	.opts = cards_opts,
	.run = cards_run,
};

/* v with up to `decimals` decimals (trailing zeros dropped), '.' always. */
static void add_number(struct qd_buf *b, double v, int decimals)
{
	int64_t scale = 1, q, whole, frac;
	char f[24];
	int n;

	if (!isfinite(v)) {
		qd_buf_adds(b, "null");
		return;
	}
	for (int i = 0; i < decimals; i++)
		scale *= 10;
	if (fabs(v) * (double)scale > 9e18) { /* beyond int64: integral anyway */
		qd_buf_addf(b, "%.0f", v);
		return;
	}
	q = llround(v * (double)scale);
	if (q < 0)
		qd_buf_addc(b, '-');
	q = q < 0 ? -q : q;
	whole = q / scale;
	frac = q % scale;
	qd_buf_addf(b, "%" PRId64, whole);
	if (frac) {
		n = snprintf(f, sizeof(f), "%0*" PRId64, decimals, frac);
		while (n > 0 && f[n - 1] == '0')
			f[--n] = '\0';
		qd_buf_addf(b, ".%s", f);
	}
}

/* ISO UTC in JSON; in the table, local time as a person reads it. */
static void add_iso_or_null(struct qd_buf *b, bool present, int64_t ms, bool json)
{
	char iso[QD_ISO_MAX], local[QD_LOCAL_MAX];

	if (!present) {
		qd_buf_adds(b, json ? "null" : "-");
		return;
	}
	if (json) {
		qd_time_format_iso(ms, iso);
		qd_buf_addf(b, "\"%s\"", iso);
	} else {
		qd_time_format_local(ms, local);
		qd_buf_adds(b, local);
	}
}

/* Whether card i is listed: every card, or the leeches with --leeches. */
static bool listed(const struct qd_collection *h, const struct cards_args *a, size_t i)
{
	return !a->leeches || qd_replay_leech(&h->states.cards[i], h->cfg.leech_threshold);
}

static void print_json(struct qd_buf *b, const struct qd_collection *h,
                       const struct cards_args *a, int64_t now)
{
	size_t shown = 0;

	qd_buf_addc(b, '[');
	for (size_t i = 0; i < h->n_cards; i++) {
		const struct qd_card_state *cs = &h->states.cards[i];
		const struct qd_memory *m = &cs->mem;
		bool is_new = m->state == QD_STATE_NEW;

		if (!listed(h, a, i))
			continue;
		qd_buf_adds(b, shown++ ? ",\n{" : "\n{");
		qd_buf_adds(b, "\"deck\":");
		qd_buf_add_json(b, cs->deck, strlen(cs->deck));
		qd_buf_adds(b, ",\"id\":");
		qd_buf_add_json(b, cs->card, strlen(cs->card));
		qd_buf_addf(b, ",\"state\":\"%s\",\"stability\":", qd_state_name(m->state));
		if (is_new)
			qd_buf_adds(b, "null");
		else
			add_number(b, m->stability, 8);
		qd_buf_adds(b, ",\"difficulty\":");
		if (is_new)
			qd_buf_adds(b, "null");
		else
			add_number(b, m->difficulty, 8);
		qd_buf_adds(b, ",\"due\":");
		add_iso_or_null(b, !is_new, m->due_ms, true);
		qd_buf_addf(b, ",\"reps\":%d,\"lapses\":%d,\"last_review\":", m->reps, m->lapses);
		add_iso_or_null(b, cs->n_reviews > 0, m->last_review_ms, true);
		qd_buf_addf(b, ",\"suspended\":%s,\"buried_until\":", cs->suspended ? "true" : "false");
		add_iso_or_null(b, qd_replay_buried(cs, now), cs->buried_until_ms, true);
		qd_buf_addc(b, '}');
	}
	qd_buf_adds(b, shown ? "\n]\n" : "]\n");
}

static void pad(struct qd_buf *b, const char *s, size_t width)
{
	size_t w = qd_text_strwidth(s);

	qd_text_sanitize(b, s, strlen(s), 0);
	while (w++ < width)
		qd_buf_addc(b, ' ');
}

static void print_table(struct qd_buf *b, const struct qd_collection *h,
                        const struct cards_args *a)
{
	size_t wd = 4, wc = 2;

	for (size_t i = 0; i < h->n_cards; i++) {
		size_t a = qd_text_strwidth(h->states.cards[i].deck), c = qd_text_strwidth(h->states.cards[i].card);
		wd = a > wd ? a : wd;
		wc = c > wc ? c : wc;
	}
	pad(b, "DECK", wd + 2);
	pad(b, "ID", wc + 2);
	qd_buf_adds(b, "STATE       DUE                   STABILITY  DIFFICULTY  REPS  LAPSES\n");
	for (size_t i = 0; i < h->n_cards; i++) {
		const struct qd_card_state *cs = &h->states.cards[i];
		const struct qd_memory *m = &cs->mem;
		bool is_new = m->state == QD_STATE_NEW;
		struct qd_buf num;
		size_t start;

		if (!listed(h, a, i))
			continue;
		pad(b, cs->deck, wd + 2);
		pad(b, cs->card, wc + 2);
		pad(b, qd_state_name(m->state), 12);
		start = b->len;
		add_iso_or_null(b, !is_new, m->due_ms, false);
		while (b->len - start < 22)
			qd_buf_addc(b, ' ');
		qd_buf_init(&num);
		if (is_new)
			qd_buf_adds(&num, "-");
		else
			add_number(&num, m->stability, 2);
		qd_buf_addf(b, "%9s  ", num.data);
		qd_buf_reset(&num);
		if (is_new)
			qd_buf_adds(&num, "-");
		else
			add_number(&num, m->difficulty, 2);
		qd_buf_addf(b, "%10s  %4d  %6d\n", num.data, m->reps, m->lapses);
		qd_buf_release(&num);
	}
}

static int cards_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct cards_args a = {false, false};
	struct qd_collection h;
	struct qd_err err;
	struct qd_buf b;
	int status, n;

	n = qd_cmd_parse(ctx, &qd_cmd_cards, &a, argc, argv, &status);
	if (n < 0)
		return status;
	if (qd_collection_load(ctx, n, argv + 1, &h, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		qd_collection_release(&h);
		return err.status;
	}
	qd_buf_init(&b);
	if (a.json)
		print_json(&b, &h, &a, ctx->now_ms);
	else
		print_table(&b, &h, &a);
	fwrite(b.data, 1, b.len, ctx->out);
	qd_buf_release(&b);
	status = qd_deckset_left_out(h.decks); /* a broken deck of the folder: 65 */
	qd_collection_release(&h);
	return status;
}

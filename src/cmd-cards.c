/*
 * quizdeck cards [DECK...] [--json] [filters]: the cards of the decks with
 * their state, derived by replaying the review log (quizdeck/replay.h), so
 * a learner can find a card by its text and see where it stands.
 *
 * Filters, all of which a card must pass: --grep TEXT (its text, compared
 * as grading compares answers: qd_collection_card_matches()), --state S
 * (a scheduling state, or suspended), --due[=DATE] (due by now, by an ISO
 * instant, or by the end of a local YYYY-MM-DD day, as the session counts
 * due: qd_collection_due_at/on()), --tags T (its own or its deck's, as
 * study's --tags), --leeches (lapses reached leech_threshold).
 *
 * --json prints one array of objects with the keys deck, id, state,
 * stability, difficulty, due, reps, lapses, last_review (unchanged since
 * they were first published), then suspended and buried_until (derived
 * from the log's events), type and question; numbers are written
 * without the C library's locale-dependent formatting, so a learner's
 * LC_NUMERIC cannot turn "2.5" into "2,5". The plain form is an aligned
 * table whose last column, the question, is cut (qd_text_cut()) to what the
 * terminal's width leaves of the line, at least MIN_QUESTION columns. Cards whose reviews have no deck
 * any more are not listed here (stats reports them).
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
	const char *grep, *state, *due;
	struct qd_optlist tags;
	bool leeches;
};

/* --state: the scheduling states (qd_state_name()), and suspended */
static const char *const states[] = {"new", "learning", "review", "relearning", "suspended",
                                     NULL};

static const struct qd_opt cards_opts[] = {
	QD_OPT_FLAG(0, "json", struct cards_args, json, "print the cards as JSON"),
	QD_OPT_STRING(0, "grep", struct cards_args, grep, "TEXT",
	              "only cards whose text holds TEXT (case and accents folded as in grading)"),
	QD_OPT_CHOICE(0, "state", struct cards_args, state, "STATE",
	              "only cards in this scheduling state, or suspended", states),
	QD_OPT_OPTSTRING("due", struct cards_args, due, "DATE",
	                 "only cards due by now, or by DATE (YYYY-MM-DD, local; or an ISO time)"),
	QD_OPT_LIST(0, "tags", struct cards_args, tags, "TAG",
	            "only cards with this tag (repeatable; commas separate tags)"),
	QD_OPT_FLAG(0, "leeches", struct cards_args, leeches,
	            "only the leeches (lapses reached leech_threshold)"),
	QD_OPT_END(),
};

/* What a card must pass to be listed. */
struct filter {
	const struct qd_sched_params *params;
	const char *grep;         /* NULL: no --grep */
	int state;                /* an enum qd_state, or -1 */
	int due;                  /* 0: no --due; 1: by due_ms; 2: by due_day */
	int64_t due_ms, due_day;
	const char **tags;
	int n_tags;
	bool leeches;             /* --leeches */
	int leech_threshold;
};

#define STATE_SUSPENDED 100 /* --state suspended: not a scheduling state */

static int cards_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_cards = {
	.name = "cards",
	.args = "[options] [DECK...]",
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

static bool passes(const struct filter *f, const struct qd_collection *h, size_t i)
{
	const struct qd_collection_card *cc = &h->cards[i];
	const struct qd_card_state *cs = &h->states.cards[i];
	const struct qd_memory *m = &cs->mem;

	if (f->state == STATE_SUSPENDED ? !cs->suspended : f->state >= 0 && (int)m->state != f->state)
		return false;
	if (f->leeches && !qd_replay_leech(cs, f->leech_threshold))
		return false;
	if (f->due == 1 && !qd_collection_due_at(f->params, m, f->due_ms))
		return false;
	if (f->due == 2 && !qd_collection_due_on(f->params, m, f->due_day))
		return false;
	if (!qd_collection_card_has_tag(cc, f->tags, (size_t)f->n_tags))
		return false;
	return !f->grep || qd_collection_card_matches(cc, f->grep);
}

static void print_json(struct qd_buf *b, const struct qd_collection *h, const bool *shown,
                       int64_t now)
{
	struct qd_buf q;
	size_t n = 0;

	qd_buf_init(&q);
	qd_buf_addc(b, '[');
	for (size_t i = 0; i < h->n_cards; i++) {
		const struct qd_card_state *cs = &h->states.cards[i];
		const struct qd_memory *m = &cs->mem;
		bool is_new = m->state == QD_STATE_NEW;

		if (!shown[i])
			continue;
		qd_buf_adds(b, n++ ? ",\n{" : "\n{");
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
		qd_buf_addf(b, ",\"type\":\"%s\",\"question\":", qd_card_type_name(h->cards[i].card->type));
		qd_buf_reset(&q);
		qd_collection_card_question(&h->cards[i], &q);
		qd_buf_add_json(b, q.data, q.len);
		qd_buf_addc(b, '}');
	}
	qd_buf_adds(b, n ? "\n]\n" : "]\n");
	qd_buf_release(&q);
}

static void pad(struct qd_buf *b, const char *s, size_t width)
{
	size_t w = qd_text_strwidth(s);

	qd_text_sanitize(b, s, strlen(s), 0);
	while (w++ < width)
		qd_buf_addc(b, ' ');
}

/* The question column is at least this wide, however narrow the terminal. */
#define MIN_QUESTION 24

static void print_table(struct qd_buf *b, const struct qd_collection *h, const bool *shown,
                        int term_width)
{
	size_t wd = 4, wc = 2, line_start, room;
	struct qd_buf q;

	for (size_t i = 0; i < h->n_cards; i++) {
		size_t a = qd_text_strwidth(h->states.cards[i].deck), c = qd_text_strwidth(h->states.cards[i].card);
		if (!shown[i])
			continue;
		wd = a > wd ? a : wd;
		wc = c > wc ? c : wc;
	}
	line_start = b->len;
	pad(b, "DECK", wd + 2);
	pad(b, "ID", wc + 2);
	qd_buf_adds(b, "STATE       DUE                   STABILITY  DIFFICULTY  REPS  LAPSES  ");
	/* What is left of the line is the question's. */
	room = qd_text_width(b->data + line_start, b->len - line_start);
	room = (size_t)term_width > room + MIN_QUESTION ? (size_t)term_width - room : MIN_QUESTION;
	qd_buf_adds(b, "QUESTION\n");
	qd_buf_init(&q);
	for (size_t i = 0; i < h->n_cards; i++) {
		const struct qd_card_state *cs = &h->states.cards[i];
		const struct qd_memory *m = &cs->mem;
		bool is_new = m->state == QD_STATE_NEW;
		struct qd_buf num;
		size_t start;

		if (!shown[i])
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
		qd_buf_addf(b, "%10s  %4d  %6d  ", num.data, m->reps, m->lapses);
		qd_buf_release(&num);
		qd_buf_reset(&q);
		qd_collection_card_question(&h->cards[i], &q);
		qd_text_cut(b, q.data, q.len, room);
		qd_buf_addc(b, '\n');
	}
	qd_buf_release(&q);
}

/* A date "YYYY-MM-DD" that exists, as a day number (the learner's days are
 * numbered so: quizdeck/dayclock.h). Returns 0, or -1. */
static int parse_day(const char *s, int64_t *day)
{
	int v[3] = {0, 0, 0}, m, d;
	int64_t y;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (int i = 0, k = 0; i < 10; i++) {
		if (i == 4 || i == 7) {
			k++;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v[k] = v[k] * 10 + (s[i] - '0');
	}
	if (v[1] < 1 || v[1] > 12 || v[2] < 1 || v[2] > 31)
		return -1;
	*day = qd_days_from_civil(v[0], v[1], v[2]);
	qd_civil_from_days(*day, &y, &m, &d); /* 2026-02-30 is no day */
	return y == v[0] && m == v[1] && d == v[2] ? 0 : -1;
}

/* Reads the filters of a into f; returns 0, or a usage error's status. */
static int read_filter(struct qd_ctx *ctx, const struct cards_args *a, struct filter *f,
                       char **tag_store)
{
	f->state = -1;
	if (a->state) {
		for (int s = QD_STATE_NEW; s <= QD_STATE_RELEARNING; s++)
			if (strcmp(a->state, qd_state_name((enum qd_state)s)) == 0)
				f->state = s;
		if (strcmp(a->state, "suspended") == 0)
			f->state = STATE_SUSPENDED;
	}
	if (a->due && !a->due[0]) {
		f->due = 1;
		f->due_ms = ctx->now_ms;
	} else if (a->due) {
		if (parse_day(a->due, &f->due_day) == 0)
			f->due = 2;
		else if (qd_time_parse_iso(a->due, &f->due_ms) == 0)
			f->due = 1;
		else
			return qd_cmd_usage_error(ctx, &qd_cmd_cards, "--due: '%s' is not a date "
			                          "(YYYY-MM-DD) nor an ISO time (2026-11-24T09:30:00Z)",
			                          a->due);
	}
	f->grep = a->grep;
	if (a->tags.len)
		f->tags = qd_optlist_split(&a->tags, &f->n_tags, tag_store);
	return 0;
}

static int cards_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct cards_args a = {0};
	struct filter f = {0};
	struct qd_collection h;
	struct qd_err err;
	struct qd_buf b;
	char *tag_store = NULL;
	bool *shown = NULL;
	int status, n;

	n = qd_cmd_parse(ctx, &qd_cmd_cards, &a, argc, argv, &status);
	if (n < 0)
		goto out;
	if ((status = read_filter(ctx, &a, &f, &tag_store)) != 0)
		goto out;
	if (qd_collection_load_states(ctx, n, argv + 1, &h, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		qd_collection_release(&h);
		status = err.status;
		goto out;
	}
	f.params = &h.cfg.params;
	f.leeches = a.leeches;
	f.leech_threshold = h.cfg.leech_threshold;
	shown = qd_xcalloc(h.n_cards + 1, sizeof(*shown));
	for (size_t i = 0; i < h.n_cards; i++)
		shown[i] = passes(&f, &h, i);
	qd_buf_init(&b);
	if (a.json)
		print_json(&b, &h, shown, ctx->now_ms);
	else
		print_table(&b, &h, shown, qd_ctx_term_width(ctx, 0));
	fwrite(b.data, 1, b.len, ctx->out);
	qd_buf_release(&b);
	status = qd_deckset_left_out(h.decks); /* a broken deck of the folder: 65 */
	qd_collection_release(&h);
out:
	free(shown);
	free(f.tags);
	free(tag_store);
	qd_optlist_release(&a.tags);
	return status;
}

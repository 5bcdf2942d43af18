/*
 * quizdeck stats [DECK...] [--json]: what the review log says about the
 * learner, all relative to ctx->now_ms (QUIZDECK_NOW) and counted in the
 * learner's days (TZ and day_start), so the output is deterministic:
 *
 *   - cards by state;
 *   - cards due today (overdue included) and on each of the next 14 days,
 *     as a horizontal bar chart of Unicode eighth blocks;
 *   - reviews per day over the last 26 weeks as a calendar heatmap (rows
 *     Monday..Sunday, a column per week; shade blocks, 256-colour greens
 *     when ctx->color);
 *   - true retention over the last 30 days: the share of reviews of cards in
 *     the review state that were not rated Again;
 *   - the current streak: consecutive days with reviews, ending today, or
 *     yesterday when there are none yet today;
 *   - time spent answering (sum of review durations);
 *   - orphan reviews: of cards that are no longer in their deck;
 *   - the leeches: cards whose lapses reached leech_threshold;
 *   - (text only) which FSRS weights are in use: the defaults, the
 *     settings file's, or the ones `optimize --write` fitted, and when.
 *
 * Suspended cards are left out of the forecast (they are never due), and a
 * buried card counts on the day it comes back.
 *
 * On a terminal narrower than the 59 columns of the full chart, the bars
 * and the number of heatmap weeks shrink to fit, so no line wraps (a
 * wrapped heatmap row is unreadable); the JSON always has all 26 weeks.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/qtime.h"
#include "quizdeck/collection.h"

struct stats_args {
	bool json;
};

static const struct qd_opt stats_opts[] = {
	QD_OPT_FLAG(0, "json", struct stats_args, json, "print the statistics as JSON"),
	QD_OPT_END(),
};

static int stats_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_stats = {
	.name = "stats",
	.args = "[DECK...] [--json]",
	.summary = "show progress: states, due forecast, review heatmap, retention, streak",
	.opts = stats_opts,
	.run = stats_run,
};

#define DUE_DAYS 15     /* today and the next 14 */
#define HEAT_WEEKS 26

struct stats {
	size_t by_state[4], n_cards;
	size_t due[DUE_DAYS];
	int64_t today;                /* day number */
	int64_t heat_first;           /* first day of the heatmap (a Monday) */
	size_t heat[HEAT_WEEKS * 7];
	size_t reviews, ret_total, ret_pass;
	int64_t time_spent_ms;
	int streak;
	size_t orphan_reviews, orphan_cards;
	size_t *leeches, n_leeches;   /* indexes into the collection's cards */
};

/* Whether log review i counts for the selected decks: a review of one of
 * their cards, or of a card no longer in one of them (any such orphan when
 * all decks were selected). Undone reviews never count. */
static bool selected(const struct qd_collection *h, bool all, size_t i)
{
	size_t c = h->states.card_of[i];

	if (c == SIZE_MAX)
		return false;
	if (c < h->states.n_listed || all)
		return true;
	return qd_deckset_find(h->decks, h->states.cards[c].deck) != NULL;
}

/* Monday = 0 for a day number counted from 1970-01-01 (a Thursday). */
static int weekday(int64_t day)
{
	int64_t w = (day + 3) % 7;
	return (int)(w < 0 ? w + 7 : w);
}

static void date_of(int64_t day, char out[16])
{
	int64_t y;
	int m, d;

	qd_civil_from_days(day, &y, &m, &d);
	snprintf(out, 16, "%04lld-%02d-%02d", (long long)y, m, d);
}

static int cmp_day(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void compute(const struct qd_collection *h, bool all, int64_t now, struct stats *s)
{
	const struct qd_sched_params *p = &h->cfg.params;
	int64_t since30 = now - 30 * QD_MS_PER_DAY;
	size_t ndays = 0, cap = 64;
	int64_t *days = qd_xcalloc(cap, sizeof(*days));

	memset(s, 0, sizeof(*s));
	s->today = qd_sched_day(p, now);
	s->heat_first = s->today - weekday(s->today) - (HEAT_WEEKS - 1) * 7;
	for (size_t i = 0; i < h->n_cards; i++) {
		const struct qd_memory *m = &h->states.cards[i].mem;
		int64_t d;

		s->by_state[m->state]++;
		s->n_cards++;
		if (qd_replay_leech(&h->states.cards[i], h->cfg.leech_threshold)) {
			if (!s->leeches)
				s->leeches = qd_xcalloc(h->n_cards, sizeof(*s->leeches));
			s->leeches[s->n_leeches++] = i;
		}
		if (m->state == QD_STATE_NEW || h->states.cards[i].suspended)
			continue;
		d = qd_sched_day(p, m->due_ms) - s->today;
		if (qd_replay_buried(&h->states.cards[i], now) &&
		    qd_sched_day(p, h->states.cards[i].buried_until_ms) - s->today > d)
			d = qd_sched_day(p, h->states.cards[i].buried_until_ms) - s->today;
		if (d < 0)
			d = 0;
		if (d < DUE_DAYS)
			s->due[d]++;
	}
	for (size_t i = 0; i < h->log.n_reviews; i++) {
		const struct qd_review *r = &h->log.reviews[i];
		int64_t d;

		if (!selected(h, all, i) || r->time_ms > now)
			continue;
		s->reviews++;
		s->time_spent_ms += r->duration_ms;
		d = qd_sched_day(p, r->time_ms);
		if (d >= s->heat_first && d <= s->today)
			s->heat[d - s->heat_first]++;
		if (r->time_ms >= since30 && h->states.state_before[i] == QD_STATE_REVIEW) {
			s->ret_total++;
			s->ret_pass += r->rating != QD_AGAIN;
		}
		if (ndays == cap) {
			cap *= 2;
			days = qd_xrealloc(days, cap * sizeof(*days));
		}
		days[ndays++] = d;
	}
	for (size_t c = h->states.n_listed; c < h->states.n_cards; c++) {
		const struct qd_card_state *cs = &h->states.cards[c];
		if (all || qd_deckset_find(h->decks, cs->deck)) {
			s->orphan_cards++;
			s->orphan_reviews += cs->n_reviews;
		}
	}
	/* The streak: distinct review days, walked back from today (or from
	 * yesterday when today has none yet). */
	qsort(days, ndays, sizeof(*days), cmp_day);
	{
		int64_t want = s->today;
		size_t k = ndays;

		while (k > 0 && days[k - 1] > want)
			k--;
		if (k > 0 && days[k - 1] < want)
			want--;
		while (k > 0 && days[k - 1] == want) {
			s->streak++;
			want--;
			while (k > 0 && days[k - 1] > want)
				k--;
		}
	}
	free(days);
}

static void add_bar(struct qd_buf *b, size_t v, size_t max, int width)
{
	static const char *const eighths[] = {"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"};
	size_t units = max ? (v * (size_t)width * 8 + max - 1) / max : 0;

	for (size_t i = 0; i < units / 8; i++)
		qd_buf_adds(b, "█");
	qd_buf_adds(b, eighths[units % 8]);
}

static void print_leeches(struct qd_buf *b, const struct stats *s, const struct qd_collection *h)
{
	if (!s->n_leeches) /* the usual case: no line */
		return;
	qd_buf_addf(b, "leeches: %zu\n", s->n_leeches);
	for (size_t k = 0; k < s->n_leeches; k++) {
		const struct qd_card_state *cs = &h->states.cards[s->leeches[k]];
		qd_buf_addf(b, "  %s/%s  %d lapses%s\n", cs->deck, cs->card, cs->mem.lapses,
		            cs->suspended ? ", suspended" : "");
	}
}

/* Which FSRS weights schedule the cards, and when optimize fitted them. */
static void print_weights(struct qd_buf *b, const struct qd_config *cfg)
{
	char when[QD_LOCAL_MAX];

	if (cfg->params.kind != QD_SCHED_FSRS) {
		qd_buf_adds(b, "weights: none (the scheduler is SM-2)\n");
	} else if (!cfg->custom_weights) {
		qd_buf_adds(b, "weights: the FSRS-6 defaults ('quizdeck optimize' fits your own)\n");
	} else if (cfg->weights_fitted_ms) {
		qd_time_format_local(cfg->weights_fitted_ms, when);
		qd_buf_addf(b, "weights: your own, fitted by 'quizdeck optimize' on %s\n", when);
	} else {
		qd_buf_adds(b, "weights: from the settings file\n");
	}
}

static void print_text(struct qd_buf *b, const struct stats *s, const struct qd_config *cfg,
                       bool color, int width)
{
	static const char *const shades[] = {"·", "░", "▒", "▓", "█"};
	static const int greens[] = {0, 22, 28, 34, 46};
	static const char *const wd[] = {"Mon", "", "Wed", "", "Fri", "", "Sun"};
	/* "  2026-11-25     1 " is 19 columns, "  Mon " 6; keep one spare. */
	int bar = width - 20 < 40 ? width - 20 : 40;
	int weeks = width - 7 < HEAT_WEEKS ? width - 7 : HEAT_WEEKS;
	int w0;
	size_t max = 0;
	char date[16], dur[16];

	bar = bar < 4 ? 4 : bar;
	weeks = weeks < 4 ? 4 : weeks;
	w0 = HEAT_WEEKS - weeks;

	qd_buf_addf(b, "cards: %zu (new %zu, learning %zu, review %zu, relearning %zu)\n\n",
	            s->n_cards, s->by_state[0], s->by_state[1], s->by_state[2], s->by_state[3]);
	qd_buf_adds(b, "due:\n");
	for (int i = 0; i < DUE_DAYS; i++)
		max = s->due[i] > max ? s->due[i] : max;
	for (int i = 0; i < DUE_DAYS; i++) {
		date_of(s->today + i, date);
		qd_buf_addf(b, "  %-10s %5zu ", i == 0 ? "today" : date, s->due[i]);
		add_bar(b, s->due[i], max, bar);
		qd_buf_addc(b, '\n');
	}
	/* Heatmap levels: 0, then quartiles of the busiest day. */
	max = 0;
	for (int i = w0 * 7; i < HEAT_WEEKS * 7; i++)
		max = s->heat[i] > max ? s->heat[i] : max;
	date_of(s->heat_first + w0 * 7, date);
	qd_buf_addf(b, "\nreviews per day, %d weeks from %s (busiest day: %zu):\n", weeks,
	            date, max);
	for (int row = 0; row < 7; row++) {
		qd_buf_addf(b, "  %-4s", wd[row]);
		for (int w = w0; w < HEAT_WEEKS; w++) {
			int64_t day = s->heat_first + w * 7 + row;
			size_t v;
			int lvl;

			if (day > s->today) {
				qd_buf_addc(b, ' ');
				continue;
			}
			v = s->heat[w * 7 + row];
			lvl = v == 0 ? 0 : (int)((v * 4 + max - 1) / max);
			if (lvl > 4)
				lvl = 4;
			if (color && lvl)
				qd_buf_addf(b, "\033[38;5;%dm%s\033[0m", greens[lvl], shades[lvl]);
			else
				qd_buf_adds(b, shades[lvl]);
		}
		qd_buf_addc(b, '\n');
	}
	qd_buf_addc(b, '\n');
	print_weights(b, cfg);
	qd_buf_adds(b, "retention (30 days): ");
	if (s->ret_total)
		qd_buf_addf(b, "%zu.%zu%% of %zu reviews of review cards\n",
		            s->ret_pass * 1000 / s->ret_total / 10,
		            s->ret_pass * 1000 / s->ret_total % 10, s->ret_total);
	else
		qd_buf_adds(b, "no reviews of review cards\n");
	qd_buf_addf(b, "streak: %d day%s\n", s->streak, s->streak == 1 ? "" : "s");
	qd_duration_format(s->time_spent_ms, dur);
	qd_buf_addf(b, "time spent: %s over %zu review%s\n", dur, s->reviews,
	            s->reviews == 1 ? "" : "s");
	qd_buf_addf(b, "orphan reviews: %zu (of %zu card%s no longer in any deck)\n",
	            s->orphan_reviews, s->orphan_cards, s->orphan_cards == 1 ? "" : "s");
}

static void print_json(struct qd_buf *b, const struct stats *s, const struct qd_collection *h)
{
	char date[16];

	qd_buf_addf(b, "{\"cards\":{\"total\":%zu,\"new\":%zu,\"learning\":%zu,\"review\":%zu,"
	            "\"relearning\":%zu},\n\"due\":[", s->n_cards, s->by_state[0], s->by_state[1],
	            s->by_state[2], s->by_state[3]);
	for (int i = 0; i < DUE_DAYS; i++) {
		date_of(s->today + i, date);
		qd_buf_addf(b, "%s{\"date\":\"%s\",\"cards\":%zu}", i ? "," : "", date, s->due[i]);
	}
	qd_buf_adds(b, "],\n\"reviews_per_day\":[");
	for (int i = 0, first = 1; i < HEAT_WEEKS * 7 && s->heat_first + i <= s->today; i++) {
		if (!s->heat[i])
			continue;
		date_of(s->heat_first + i, date);
		qd_buf_addf(b, "%s{\"date\":\"%s\",\"reviews\":%zu}", first ? "" : ",", date,
		            s->heat[i]);
		first = 0;
	}
	qd_buf_addf(b, "],\n\"retention_30d\":");
	if (s->ret_total)
		qd_buf_addf(b, "{\"reviews\":%zu,\"passed\":%zu}", s->ret_total, s->ret_pass);
	else
		qd_buf_adds(b, "null");
	qd_buf_addf(b, ",\n\"streak_days\":%d,\"reviews\":%zu,\"time_spent_ms\":%" PRId64
	            ",\"orphan_reviews\":%zu,\"orphan_cards\":%zu,\n\"leeches\":[", s->streak,
	            s->reviews, s->time_spent_ms, s->orphan_reviews, s->orphan_cards);
	for (size_t k = 0; k < s->n_leeches; k++) {
		const struct qd_card_state *cs = &h->states.cards[s->leeches[k]];
		qd_buf_adds(b, k ? ",{\"deck\":" : "{\"deck\":");
		qd_buf_add_json(b, cs->deck, strlen(cs->deck));
		qd_buf_adds(b, ",\"id\":");
		qd_buf_add_json(b, cs->card, strlen(cs->card));
		qd_buf_addf(b, ",\"lapses\":%d,\"suspended\":%s}", cs->mem.lapses,
		            cs->suspended ? "true" : "false");
	}
	qd_buf_adds(b, "]}\n");
}

static int stats_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct stats_args a = {false};
	struct qd_collection h;
	struct qd_err err;
	struct stats s;
	struct qd_buf b;
	int status, n;

	n = qd_cmd_parse(ctx, &qd_cmd_stats, &a, argc, argv, &status);
	if (n < 0)
		return status;
	if (qd_collection_load(ctx, n, argv + 1, &h, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		qd_collection_release(&h);
		return err.status;
	}
	compute(&h, n == 0, ctx->now_ms, &s);
	qd_buf_init(&b);
	if (a.json) {
		print_json(&b, &s, &h);
	} else {
		print_text(&b, &s, &h.cfg, ctx->color, qd_ctx_term_width(ctx, 0));
		print_leeches(&b, &s, &h);
	}
	free(s.leeches);
	fwrite(b.data, 1, b.len, ctx->out);
	qd_buf_release(&b);
	status = qd_deckset_left_out(h.decks); /* a broken deck of the folder: 65 */
	qd_collection_release(&h);
	return status;
}

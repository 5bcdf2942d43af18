/*
 * The study session; see quizdeck/session.h.
 *
 * What comes next is the queue's business (quizdeck/queue.h): the session
 * builds its line once (due review cards, then new cards, within the daily
 * limits), hands it the cards in learning steps, and asks it at each card,
 * with the time now, what to show. When nothing is due, the session shows a
 * learning card early (learn-ahead), offers to wait for it on a terminal,
 * or ends saying when it is due. Suspended and buried cards are left out.
 * An answer is acknowledged (the next card shown) only after
 * qd_revlog_append_review() has returned, which means the record is on
 * disk. :suspend and :bury append an event for the card being asked, as a
 * leech's suspension does. Undo takes back the last action, whatever it
 * was: it appends an undo record naming the review or event and restores
 * the card's previous state from a stack kept in memory.
 *
 * The session's clock is ctx->now_ms plus the monotonic time since it
 * started; under QUIZDECK_NOW it is frozen, and moves only by the waits the
 * learner accepts (exactly their length), so recorded sessions stay
 * reproducible and a wait still ends.
 *
 * `:edit` (quizdeck/edit.h) reloads the card's deck into the collection in
 * place: a card keeps its index, so its state, its queue entries and its
 * history go on; the edited card is asked again from its start
 * (STEP_SHOW), and cards the edit removed leave the queue.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quizdeck/ask.h"
#include "quizdeck/buf.h"
#include "quizdeck/match.h"
#include "quizdeck/qtime.h"
#include "quizdeck/queue.h"
#include "quizdeck/rng.h"
#include "quizdeck/collection.h"
#include "quizdeck/edit.h"
#include "quizdeck/session.h"
#include "quizdeck/strset.h"
#include "quizdeck/text.h"

/* A wait for the next learning card is offered when it is due within this. */
#define WAIT_MAX_MS (60 * 60 * 1000)

/* A deck's day against its own limits (the settings' decks:). */
struct deck_day {
	const struct qd_deck *deck;
	int new_per_day, reviews_per_day; /* -1: none of its own */
	struct qd_queue_today done;       /* today's work, this session's included */
	size_t queued_new, queued_reviews; /* put in the queue (build_queue) */
};

/* The actions :undo takes back: a rating (with the suspension it caused
 * when it made the card a leech), or a suspend or bury event. */
enum undo_kind { UNDO_REVIEW, UNDO_EVENT };

struct undo_item {
	enum undo_kind kind;
	size_t card;
	struct qd_memory before;
	int64_t review_ms;
	bool correct, graded;
	enum qd_queue_kind qkind;  /* where the card came from, to go back there */
	int64_t leech_ms;          /* a rating that suspended a leech: the event's time; or 0 */
	enum qd_event_kind event;  /* UNDO_EVENT: the event, at event_ms */
	int64_t event_ms;
	bool was_suspended;        /* the card before the event */
	int64_t buried_before;
};

struct session {
	struct qd_ctx *ctx;
	const struct qd_config *cfg;
	const struct qd_session_opts *opts;
	struct qd_collection *col;
	struct qd_replay *st;
	struct qd_revlog *log;
	struct qd_prompt *prompt;
	struct qd_queue queue;
	struct qd_queue_item cur; /* the card on the screen (taken from the queue) */
	size_t done;    /* cards shown and rated or skipped: the n-1 of [n/N] */
	int64_t waited_ms; /* frozen clock: the waits accepted */
	struct qd_queue_today today; /* against new_per_day, reviews_per_day */
	struct deck_day *days;       /* one per deck of the collection */
	size_t n_days;
	size_t matched; /* cards with one of the --tags (all cards without) */
	struct qd_strset shown_groups; /* groups with a card shown today */
	struct qd_strset shown_cards;  /* and those cards (a card may come back) */
	size_t buried;  /* siblings left for another day */
	struct undo_item *undo;
	size_t nundo, undocap;
	const struct qd_collection_card *current; /* the card being asked */
	int64_t start_mono;
	int width;
	/* The card on the screen, drawn again after a resize (redraw()):
	 * how it is asked and its answer so far; revealed once rated. */
	struct qd_ask *ask;
	struct qd_ask_result *res;
	bool revealed;
	char preview[160];
	/* results */
	size_t reviewed, graded, correct;
	int status;
};

static const char *const commands[] = {
	":help", ":hint", ":skip", ":undo", ":edit", ":stats", ":quit", ":suspend", ":bury", NULL,
};
static const char *const rating_words[] = {
	"again", "hard", "good", "easy", ":help", ":skip", ":undo", ":edit", ":stats", ":quit",
	":suspend", ":bury", NULL,
};

static int64_t now_ms(const struct session *s)
{
	/* QUIZDECK_NOW freezes the clock, so recorded sessions are reproducible;
	 * only an accepted wait moves it. */
	if (s->ctx->now_fixed)
		return s->ctx->now_ms + s->waited_ms;
	return s->ctx->now_ms + (qd_prompt_clock_ms() - s->start_mono);
}

/* A card carries its own tags and its deck's (qd_collection_card_has_tag);
 * with --reverse, only the reversed twins are studied. */
static bool has_tag(const struct qd_collection_card *cc, const struct qd_session_opts *o)
{
	if (o->reverse && !cc->reversed)
		return false;
	return qd_collection_card_has_tag(cc, o->tags, o->tags && o->n_tags > 0 ? (size_t)o->n_tags
	                                                                        : 0);
}

/* Sort key of a due card: learning cards first, then by due time, then in
 * deck order (card index), so the order is total and qsort is stable. */
struct due_key {
	bool review;
	int64_t due_ms;
	size_t card;
};

static int cmp_due(const void *pa, const void *pb)
{
	const struct due_key *a = pa, *b = pb;

	if (a->review != b->review)
		return a->review ? 1 : -1;
	if (a->due_ms != b->due_ms)
		return a->due_ms < b->due_ms ? -1 : 1;
	return a->card < b->card ? -1 : a->card > b->card;
}

/* The key of a card's group: siblings (cards of one fact or sentence)
 * share it; a card without a group is its own. */
static void group_key(const struct qd_collection_card *cc, struct qd_buf *b)
{
	qd_buf_reset(b);
	qd_buf_addf(b, "%s\x1f%s%s", qd_deck_id(cc->deck), cc->card->group ? "g:" : "c:",
	            cc->card->group ? cc->card->group : cc->card->id);
}

/* Cram shows every card, but siblings apart: the first card of each group
 * first, then the second ones, and so on (a stable reordering). */
static void spread_siblings(struct session *s)
{
	struct qd_queue *q = &s->queue;
	struct qd_strset seen = {0};
	struct qd_buf key;
	struct qd_queue_item *out = qd_xcalloc(q->n_line ? q->n_line : 1, sizeof(*out));
	bool *taken = qd_xcalloc(q->n_line ? q->n_line : 1, sizeof(*taken));
	size_t n = 0;

	qd_buf_init(&key);
	while (n < q->n_line) {
		for (size_t i = 0; i < q->n_line; i++) {
			if (taken[i])
				continue;
			group_key(&s->col->cards[q->line[i].card], &key);
			if (!qd_strset_add(&seen, key.data))
				continue;
			out[n++] = q->line[i];
			taken[i] = true;
		}
		qd_strset_release(&seen);
	}
	memcpy(q->line, out, q->n_line * sizeof(*out));
	free(out);
	free(taken);
	qd_buf_release(&key);
}

/* The day of cc's deck (days exist for every deck: see count_today). */
static struct deck_day *deck_day(struct session *s, const struct qd_deck *d)
{
	for (size_t i = s->n_days; i-- > 0;)
		if (s->days[i].deck == d)
			return &s->days[i];
	return NULL;
}

/* What is left under a deck's own limit (SIZE_MAX: it has none). */
static size_t deck_left(int limit, size_t done, size_t queued)
{
	return limit < 0 ? SIZE_MAX : qd_queue_left(limit, done + queued);
}

/* Today's work from the log, in all and per deck. */
static void count_today(struct session *s, int64_t now)
{
	struct qd_queue_today *per_card = qd_xcalloc(s->st->n_listed + 1, sizeof(*per_card));

	qd_collection_done_today(s->col, now, &s->today, per_card);
	s->days = qd_xcalloc(s->col->n_cards + 1, sizeof(*s->days));
	for (size_t i = 0; i < s->col->n_cards; i++) {
		const struct qd_deck *d = s->col->cards[i].deck;
		struct deck_day *dd = deck_day(s, d);
		if (!dd) {
			dd = &s->days[s->n_days++];
			dd->deck = d;
			qd_config_deck_limits(s->cfg, qd_deck_id(d), &dd->new_per_day,
			                      &dd->reviews_per_day);
		}
		if (i < s->st->n_listed) {
			dd->done.started += per_card[i].started;
			dd->done.reviewed += per_card[i].reviewed;
		}
	}
	free(per_card);
}

/* Counts a rating (sign 1) or its undo (sign -1) against today's limits,
 * by the card's state before it. */
static void count_work(struct session *s, size_t card, enum qd_state before, int sign)
{
	struct deck_day *dd = deck_day(s, s->col->cards[card].deck);

	if (before == QD_STATE_NEW) {
		s->today.started += (size_t)sign;
		dd->done.started += (size_t)sign;
	} else if (before == QD_STATE_REVIEW) {
		s->today.reviewed += (size_t)sign;
		dd->done.reviewed += (size_t)sign;
	}
}

/* The queue at the start: every card in learning steps (shown when its
 * step is due), the due review cards up to what is left of reviews_per_day,
 * then new cards up to what is left of new_per_day (or --new), each within
 * its deck's own limits; siblings of
 * a card already chosen or reviewed today wait; --limit caps the number of
 * cards, learning cards due first. */
static void build_queue(struct session *s)
{
	const struct qd_sched_params *p = &s->cfg->params;
	int64_t now = now_ms(s);
	int64_t today = qd_sched_day(p, now);
	size_t new_left, rev_left, ndue = 0, nlearn = 0, limit;
	struct due_key *due = qd_xcalloc(s->col->n_cards + 1, sizeof(*due));
	struct qd_queue *q = &s->queue;
	struct qd_buf key;

	count_today(s, now);
	qd_buf_init(&key);
	for (size_t i = 0; i < s->col->n_cards; i++) {
		const struct qd_collection_card *cc = &s->col->cards[i];
		const struct qd_memory *m = &s->st->cards[i].mem;
		/* Siblings of a card reviewed today wait for another day. */
		if (!s->opts->cram && m->last_review_ms && qd_sched_day(p, m->last_review_ms) == today) {
			group_key(cc, &key);
			qd_strset_add(&s->shown_groups, key.data);
			qd_strset_add(&s->shown_cards, s->st->cards[i].card);
		}
	}
	for (size_t i = 0; i < s->col->n_cards; i++) {
		const struct qd_memory *m = &s->st->cards[i].mem;
		if (!has_tag(&s->col->cards[i], s->opts))
			continue;
		s->matched++;
		if (!qd_replay_available(&s->st->cards[i], now)) /* suspended or buried */
			continue;
		if (s->opts->cram) {
			qd_queue_push(q, i, m->state == QD_STATE_NEW ? QD_QUEUE_NEW : QD_QUEUE_REVIEW);
		} else if (m->state == QD_STATE_LEARNING || m->state == QD_STATE_RELEARNING ||
		           qd_queue_due_now(p, m, now)) {
			due[ndue].review = m->state == QD_STATE_REVIEW;
			due[ndue].due_ms = m->due_ms;
			due[ndue].card = i;
			ndue++;
		}
	}
	if (s->opts->cram) {
		if (s->opts->limit > 0 && q->n_line > (size_t)s->opts->limit)
			q->n_line = (size_t)s->opts->limit;
		goto shuffle;
	}
	/* Learning cards first, earliest first; then review cards. */
	qsort(due, ndue, sizeof(*due), cmp_due);
	limit = s->opts->limit > 0 ? (size_t)s->opts->limit : SIZE_MAX;
	rev_left = qd_queue_left(s->cfg->reviews_per_day, s->today.reviewed);
	for (size_t i = 0; i < ndue && q->n_line + nlearn < limit; i++) {
		const struct qd_collection_card *cc = &s->col->cards[due[i].card];
		struct deck_day *dd = deck_day(s, cc->deck);
		/* One card of a group a day: the first due (learning before
		 * review, earliest first) keeps its place, its siblings wait. */
		const char *id = s->st->cards[due[i].card].card; /* a twin's is ID@rev */
		group_key(cc, &key);
		if (qd_strset_has(&s->shown_groups, key.data) &&
		    !qd_strset_has(&s->shown_cards, id)) {
			s->buried++;
			continue;
		}
		if (due[i].review &&
		    (rev_left == 0 ||
		     deck_left(dd->reviews_per_day, dd->done.reviewed, dd->queued_reviews) == 0))
			continue; /* over today's limit: counted in the summary */
		qd_strset_add(&s->shown_groups, key.data);
		qd_strset_add(&s->shown_cards, id);
		if (due[i].review) {
			qd_queue_push(q, due[i].card, QD_QUEUE_REVIEW);
			rev_left--;
			dd->queued_reviews++;
		} else {
			qd_queue_learn(q, due[i].card);
			nlearn++;
		}
	}
	new_left = s->opts->new_cards >= 0
	                   ? (size_t)s->opts->new_cards
	                   : qd_queue_left(s->cfg->new_per_day, s->today.started);
	/* Every new card is looked at, also once the limits are reached, so
	 * that the summary counts all the siblings left for another day. */
	for (size_t i = 0; i < s->col->n_cards; i++) {
		const struct qd_card_state *cs = &s->st->cards[i];
		const struct qd_collection_card *cc = &s->col->cards[i];
		struct deck_day *dd = deck_day(s, cc->deck);
		if (cs->mem.state != QD_STATE_NEW || !has_tag(cc, s->opts) ||
		    !qd_replay_available(cs, now))
			continue;
		group_key(cc, &key);
		if (qd_strset_has(&s->shown_groups, key.data)) {
			s->buried++;
			continue;
		}
		if (new_left == 0 || q->n_line + nlearn >= limit)
			continue;
		/* --new N replaces the day's allowance, the deck's too. */
		if (s->opts->new_cards < 0 &&
		    deck_left(dd->new_per_day, dd->done.started, dd->queued_new) == 0)
			continue;
		qd_strset_add(&s->shown_groups, key.data);
		qd_strset_add(&s->shown_cards, cs->card);
		qd_queue_push(q, i, QD_QUEUE_NEW);
		new_left--;
		dd->queued_new++;
	}
shuffle:
	if (s->opts->shuffle && q->n_line > 1) {
		size_t *idx = qd_xcalloc(q->n_line, sizeof(*idx));
		struct qd_queue_item *copy = qd_xcalloc(q->n_line, sizeof(*copy));
		qd_shuffle_indices(idx, q->n_line, qd_seed_mix(s->opts->seed, "shuffle"));
		for (size_t k = 0; k < q->n_line; k++)
			copy[k] = q->line[idx[k]];
		memcpy(q->line, copy, q->n_line * sizeof(*copy));
		free(copy);
		free(idx);
	}
	if (s->opts->cram)
		spread_siblings(s);
	free(due);
	qd_buf_release(&key);
}

/* Writes b wrapped to the terminal's width (b is already sanitised and
 * styled; qd_text_wrap keeps its newlines and carries styles across breaks). */
static void out_buf(struct session *s, struct qd_buf *b)
{
	struct qd_buf w;

	qd_buf_init(&w);
	qd_text_wrap(&w, b->data, s->width, 0);
	if (b->len && b->data[b->len - 1] == '\n' && (!w.len || w.data[w.len - 1] != '\n'))
		qd_buf_addc(&w, '\n');
	fwrite(w.data, 1, w.len, s->ctx->out);
	qd_buf_release(&w);
	qd_buf_reset(b);
}

/* What is due now, the card on the screen included. */
static void counts(struct session *s, struct qd_queue_counts *c)
{
	qd_queue_count(&s->queue, s->st->cards, now_ms(s), c);
	if (s->cur.kind == QD_QUEUE_REVIEW)
		c->review++;
	else if (s->cur.kind == QD_QUEUE_NEW)
		c->fresh++;
	else
		c->learn++;
}

/* "[n/N] due R · new N · again L": this card is the n-th shown, N counts
 * it, those before it and what is due now; R, N and L count what is due
 * now (the learning cards whose step is due) with this card. */
static void progress(struct session *s)
{
	struct qd_queue_counts c;
	struct qd_buf b;
	char head[64];

	counts(s, &c);
	qd_buf_init(&b);
	snprintf(head, sizeof(head), "[%zu/%zu]", s->done + 1,
	         s->done + c.review + c.fresh + c.learn);
	qd_buf_addc(&b, '\n');
	qd_style(&b, s->ctx->color, QD_STYLE_CYAN | QD_STYLE_BOLD, head);
	qd_buf_addf(&b, " due %zu · new %zu · again %zu", c.review, c.fresh, c.learn);
	if (s->opts->cram)
		qd_buf_adds(&b, " · cram");
	qd_buf_adds(&b, "\n");
	out_buf(s, &b);
	qd_buf_release(&b);
}

static void title_line(struct session *s, const struct qd_collection_card *cs)
{
	struct qd_buf b;

	qd_buf_init(&b);
	qd_style(&b, s->ctx->color, QD_STYLE_DIM, qd_deck_title(cs->deck));
	qd_buf_addc(&b, '\n');
	out_buf(s, &b);
	qd_buf_release(&b);
}

static void say(struct session *s, unsigned style, const char *text)
{
	struct qd_buf b;

	qd_buf_init(&b);
	qd_style(&b, s->ctx->color, style, text);
	qd_buf_addc(&b, '\n');
	out_buf(s, &b);
	qd_buf_release(&b);
}

static void help(struct session *s)
{
	fputs("  answer at the prompt, then rate: Enter takes the suggestion, or 1-4 /\n"
	      "  again, hard, good, easy.\n"
	      "  :hint   show the card's hint        :skip   skip this card\n"
	      "  :undo   undo the last action         :edit   edit the card in your editor\n"
	      "  :stats  this session so far          :quit   end (Ctrl-D and Ctrl-C too)\n"
	      "  :bury   not again before tomorrow    :suspend  not again until unsuspended\n",
	      s->ctx->out);
}

static void stats(struct session *s)
{
	int64_t secs = (qd_prompt_clock_ms() - s->start_mono) / 1000;
	struct qd_queue_counts c;

	counts(s, &c);

	fprintf(s->ctx->out, "  reviewed %zu · correct %zu of %zu graded · %lld:%02lld · %zu to go\n",
	        s->reviewed, s->correct, s->graded, (long long)(secs / 60), (long long)(secs % 60),
	        c.review + c.fresh + c.learn);
}

static struct undo_item *undo_push(struct session *s)
{
	if (s->nundo == s->undocap) {
		s->undocap = s->undocap ? s->undocap * 2 : 32;
		s->undo = qd_xrealloc(s->undo, s->undocap * sizeof(*s->undo));
	}
	memset(&s->undo[s->nundo], 0, sizeof(s->undo[s->nundo]));
	return &s->undo[s->nundo++];
}

/* The undo records of u: the event's, or the leech suspension's, first
 * (it was written after the rating), then the rating's. Returns how many. */
static size_t undo_records(const struct session *s, const struct undo_item *u,
                           struct qd_undo rec[2])
{
	const struct qd_card_state *cs = &s->st->cards[u->card];
	size_t n = 0;

	memset(rec, 0, 2 * sizeof(*rec));
	if (u->kind == UNDO_EVENT || u->leech_ms) {
		rec[n].target_event = true;
		rec[n].target_kind = u->kind == UNDO_EVENT ? u->event : QD_EVENT_SUSPEND;
		rec[n].target_ms = u->kind == UNDO_EVENT ? u->event_ms : u->leech_ms;
		n++;
	}
	if (u->kind == UNDO_REVIEW)
		rec[n++].target_ms = u->review_ms;
	for (size_t i = 0; i < n; i++) {
		rec[i].time_ms = now_ms(s);
		rec[i].deck = cs->deck;
		rec[i].card = cs->card;
	}
	return n;
}/* Undoes the last action: the card on the screen goes back to the front
 * of the queue, and the card of the undone action before it, to be asked
 * again. */
static int do_undo(struct session *s)
{
	struct undo_item *u;
	struct qd_card_state *cs;
	struct qd_undo rec[2];
	struct qd_err err;
	struct qd_buf b;

	if (s->opts->cram || s->nundo == 0) {
		say(s, QD_STYLE_YELLOW, "  nothing to undo");
		return 0;
	}
	u = &s->undo[s->nundo - 1];
	cs = &s->st->cards[u->card];
	if (qd_revlog_append_undos(s->log, rec, undo_records(s, u, rec), &err)) {
		qd_err_print(s->ctx->err, s->ctx->prog, &err);
		s->status = err.status;
		return -1;
	}
	cs->suspended = u->was_suspended;
	cs->buried_until_ms = u->buried_before;
	if (u->kind == UNDO_REVIEW) {
		cs->mem = u->before;
		cs->n_reviews--;
		s->reviewed--;
		count_work(s, u->card, u->before.state, -1);
		if (u->graded) {
			s->graded--;
			if (u->correct)
				s->correct--;
		}
	}
	s->done--;
	qd_queue_forget(&s->queue, u->card);
	qd_queue_push_front(&s->queue, s->cur.card, s->cur.kind);
	qd_queue_push_front(&s->queue, u->card, u->qkind);
	qd_buf_init(&b);
	qd_buf_adds(&b, "  undone: ");
	if (u->kind == UNDO_EVENT)
		qd_buf_addf(&b, "%s of ", qd_event_kind_name(u->event));
	qd_buf_adds(&b, cs->card);
	say(s, QD_STYLE_YELLOW, b.data);
	qd_buf_release(&b);
	s->nundo--;
	return 0;
}

/* Saves an event of kind for the card cs at t; on failure says why and
 * sets the session's status. Returns 0 or -1. */
static int save_event(struct session *s, const struct qd_card_state *cs,
                      enum qd_event_kind kind, int64_t t)
{
	struct qd_event ev;
	struct qd_err err;

	memset(&ev, 0, sizeof(ev));
	ev.time_ms = t;
	ev.kind = kind;
	ev.deck = cs->deck;
	ev.card = cs->card;
	if (qd_revlog_append_events(s->log, &ev, 1, &err)) {
		qd_err_print(s->ctx->err, s->ctx->prog, &err);
		s->status = err.status;
		return -1;
	}
	return 0;
}

/* :suspend and :bury: an event for the card being asked, which
 * leaves the queue until :undo brings it back. Returns -1 when the event
 * could not be saved (the session stops). */
static int card_event(struct session *s, size_t idx, enum qd_event_kind kind)
{
	struct qd_card_state *cs = &s->st->cards[idx];
	int64_t t = now_ms(s);
	struct undo_item *u;
	struct qd_buf b;

	if (save_event(s, cs, kind, t))
		return -1;
	u = undo_push(s);
	u->kind = UNDO_EVENT;
	u->card = idx;
	u->qkind = s->cur.kind;
	u->event = kind;
	u->event_ms = t;
	u->was_suspended = cs->suspended;
	u->buried_before = cs->buried_until_ms;
	if (kind == QD_EVENT_SUSPEND)
		cs->suspended = true;
	else
		cs->buried_until_ms = qd_sched_next_day_ms(&s->cfg->params, t);
	qd_queue_forget(&s->queue, idx);
	s->done++;
	qd_buf_init(&b);
	qd_buf_addf(&b, "  %s %s%s (:undo takes it back)",
	            kind == QD_EVENT_SUSPEND ? "suspended" : "buried", cs->card,
	            kind == QD_EVENT_SUSPEND ? "" : " until tomorrow");
	say(s, QD_STYLE_DIM, b.data);
	qd_buf_release(&b);
	return 0;
}

/* After a rating saved at t: a lapse that makes the card a leech (at the
 * threshold, then every half of it) is announced, and with leech_action
 * suspend the card is suspended by an event at t, which an :undo of the
 * rating takes back too. Returns -1 when the event could not be saved. */
static int leech(struct session *s, size_t idx, int64_t t, int lapses_before)
{
	struct qd_card_state *cs = &s->st->cards[idx];
	bool suspend = s->cfg->leech_action == QD_LEECH_SUSPEND;
	struct qd_buf b;

	if (cs->mem.lapses <= lapses_before || !qd_leech_at(cs->mem.lapses, s->cfg->leech_threshold))
		return 0;
	if (suspend && !cs->suspended) {
		if (save_event(s, cs, QD_EVENT_SUSPEND, t))
			return -1;
		s->undo[s->nundo - 1].leech_ms = t;
		cs->suspended = true;
		qd_queue_forget(&s->queue, idx);
	}
	qd_buf_init(&b);
	qd_buf_addf(&b, "  This card is a leech: you have forgotten it %d times. ", cs->mem.lapses);
	if (suspend)
		qd_buf_addf(&b, "It is suspended; rewrite it (:edit shows where it is), or bring "
		            "it back with 'quizdeck unsuspend %s/%s'.", cs->deck, cs->card);
	else
		qd_buf_adds(&b, "Rewrite it (:edit shows where it is), or learn it another way; "
		            "'quizdeck cards --leeches' lists the leeches.");
	say(s, QD_STYLE_YELLOW, b.data);
	qd_buf_release(&b);
	return 0;
}

/* STEP_SHOW: the current card again from its start (it was edited). */
enum step { STEP_NEXT, STEP_AGAIN, STEP_SHOW, STEP_END };

/* Takes the cards an edit removed from their deck out of the rest of the
 * queue (their history stays in the log under their ids). */
static void drop_gone(struct session *s)
{
	for (size_t i = 0; i < s->col->n_cards; i++)
		if (s->col->cards[i].gone)
			qd_queue_forget(&s->queue, i);
}

/* :edit: the editor on the card's deck file, then the card as edited
 * (quizdeck/edit.h); in place when no editor was started. */
static enum step edit(struct session *s, const struct qd_collection_card *cs)
{
	struct qd_reload r;
	enum qd_edit_result e = qd_edit_card(s->ctx, s->prompt, s->col,
	                                     (size_t)(cs - s->col->cards), &r);

	if (r.gone)
		drop_gone(s);
	switch (e) {
	case QD_EDIT_READONLY:
	case QD_EDIT_PLACE:
		return STEP_AGAIN;
	case QD_EDIT_CARD_GONE:
		return STEP_NEXT;
	case QD_EDIT_FAILED:
	case QD_EDIT_UNCHANGED:
	case QD_EDIT_BROKEN:
	case QD_EDIT_RELOADED:
		break;
	}
	return STEP_SHOW;
}

/* Handles a command typed at a prompt. */
static enum step command(struct session *s, const struct qd_collection_card *cs, const char *line)
{
	if (strcmp(line, ":help") == 0 || strcmp(line, ":?") == 0) {
		help(s);
		return STEP_AGAIN;
	}
	if (strcmp(line, ":skip") == 0) {
		say(s, QD_STYLE_DIM, "  skipped");
		s->done++;
		return STEP_NEXT;
	}
	if (strcmp(line, ":suspend") == 0 || strcmp(line, ":bury") == 0) {
		if (s->opts->cram) {
			say(s, QD_STYLE_YELLOW, "  nothing is recorded in cram mode");
			return STEP_AGAIN;
		}
		if (card_event(s, (size_t)(cs - s->col->cards),
		               line[1] == 's' ? QD_EVENT_SUSPEND : QD_EVENT_BURY))
			return STEP_END;
		return STEP_NEXT;
	}
	if (strcmp(line, ":undo") == 0) {
		if (s->opts->cram || s->nundo == 0) {
			/* The card is asked again from its start. */
			qd_queue_push_front(&s->queue, s->cur.card, s->cur.kind);
		}
		if (do_undo(s))
			return STEP_END;
		return STEP_NEXT; /* the undone card is now first */
	}
	if (strcmp(line, ":edit") == 0)
		return edit(s, cs);
	if (strcmp(line, ":stats") == 0) {
		stats(s);
		return STEP_AGAIN;
	}
	if (strcmp(line, ":quit") == 0 || strcmp(line, ":q") == 0)
		return STEP_END;
	if (strcmp(line, ":hint") == 0) {
		say(s, QD_STYLE_YELLOW, "  the hint is shown before you answer");
		return STEP_AGAIN;
	}
	{
		struct qd_buf b;
		qd_buf_init(&b);
		qd_buf_adds(&b, "  unknown command '");
		qd_text_sanitize(&b, line, strlen(line), QD_SANITIZE_ONELINE);
		qd_buf_adds(&b, "' (try :help)");
		say(s, QD_STYLE_YELLOW, b.data);
		qd_buf_release(&b);
	}
	return STEP_AGAIN;
}

/* qd_ask's command_fn: the commands that leave the learner at the same
 * prompt are answered there, so a command typed at the second blank of a
 * cloze does not start the card over. */
static bool command_in_place(void *data, const char *line)
{
	struct session *s = data;

	if (strcmp(line, ":skip") == 0 || strcmp(line, ":undo") == 0 ||
	    strcmp(line, ":quit") == 0 || strcmp(line, ":q") == 0 ||
	    (!s->opts->cram && (strcmp(line, ":suspend") == 0 || strcmp(line, ":bury") == 0)))
		return false;
	/* The editor takes the screen: the card is shown again after it. */
	if (strcmp(line, ":edit") == 0 && qd_edit_opens_editor(s->prompt, s->current->deck))
		return false;
	return command(s, s->current, line) == STEP_AGAIN;
}

static enum step rate(struct session *s, size_t idx, const struct qd_ask_result *res,
                      bool hinted, enum qd_queue_kind kind)
{
	struct qd_card_state *cs = &s->st->cards[idx];
	const struct qd_collection_card *cc = &s->col->cards[idx];
	const struct qd_sched_params *p = &s->cfg->params;
	int64_t t = now_ms(s);
	uint64_t fseed = qd_sched_fuzz_seed(qd_replay_card_key(cs->deck, cs->card), cs->mem.reps);
	int lapses_before = cs->mem.lapses;
	struct qd_memory prev[4];
	enum qd_rating suggestion;
	char line_buf[160];
	struct qd_buf prompt;

	qd_sched_preview(p, &cs->mem, t, fseed, prev);
	qd_sched_preview_format(prev, t, line_buf, sizeof(line_buf));
	say(s, QD_STYLE_DIM, line_buf);
	snprintf(s->preview, sizeof(s->preview), "%s", line_buf);
	s->revealed = true;
	suggestion = res->graded ? qd_match_suggest(res->correct, res->typo, res->duration_ms,
	                                            res->expected_len)
	                         : QD_GOOD;
	/* An answer found with the hint's help was hard at best. */
	if (hinted && suggestion > QD_HARD)
		suggestion = QD_HARD;
	qd_buf_init(&prompt);
	snprintf(line_buf, sizeof(line_buf), "rate [%s]", qd_rating_name(suggestion));
	qd_style_prompt(&prompt, s->ctx->color, QD_STYLE_BOLD, line_buf);
	qd_buf_adds(&prompt, "> ");
	for (;;) {
		struct qd_prompt_req req = {prompt.data, rating_words, 0, false, false};
		enum qd_prompt_status st;
		enum qd_rating r;
		struct qd_review rec;
		struct qd_err err;
		char *line = NULL;

		fflush(s->ctx->out);
		st = qd_prompt_read(s->prompt, &req, &line);
		if (st != QD_PROMPT_LINE) {
			free(line);
			qd_buf_release(&prompt);
			return STEP_END;
		}
		if (line[0] == ':') {
			enum step next;
			if (strcmp(line, ":undo") == 0 && s->nundo == 0) {
				/* Nothing to undo: stay here, the answer in hand is kept. */
				say(s, QD_STYLE_YELLOW, "  nothing to undo");
				free(line);
				continue;
			}
			if (strcmp(line, ":skip") == 0 || strcmp(line, ":undo") == 0 ||
			    strcmp(line, ":quit") == 0 || strcmp(line, ":q") == 0 ||
			    strcmp(line, ":suspend") == 0 || strcmp(line, ":bury") == 0) {
				/* :undo: the previous card, then this one, are
				 * asked again (do_undo puts both back). */
				next = command(s, cc, line);
				free(line);
				qd_buf_release(&prompt);
				return next;
			}
			next = command(s, cc, line);
			free(line);
			if (next != STEP_AGAIN) {
				qd_buf_release(&prompt);
				return next;
			}
			continue;
		}
		if (qd_match_rating_parse(line, suggestion, &r, &err)) {
			fprintf(s->ctx->out, "  %s\n", err.msg);
			free(line);
			continue;
		}
		free(line);
		rec.time_ms = t;
		rec.deck = cs->deck;
		rec.card = cs->card;
		rec.rating = (int)r;
		rec.duration_ms = res->duration_ms > 0 ? res->duration_ms : 0;
		rec.mode = QD_MODE_STUDY;
		rec.correct = !res->graded ? QD_CORRECT_NA : res->correct ? QD_CORRECT_YES
		                                                          : QD_CORRECT_NO;
		rec.undone = false;
		rec.line = 0;
		if (qd_revlog_append_review(s->log, &rec, &err)) {
			fputs("\n", s->ctx->out);
			fflush(s->ctx->out);
			qd_err_print(s->ctx->err, s->ctx->prog, &err);
			fprintf(s->ctx->err, "%s: this answer was not saved; the session stops here\n",
			        s->ctx->prog);
			s->status = err.status ? err.status : QD_EXIT_IOERR;
			qd_buf_release(&prompt);
			return STEP_END;
		}
		/* Saved: acknowledge. */
		{
			struct undo_item *u = undo_push(s);
			u->kind = UNDO_REVIEW;
			u->card = idx;
			u->before = cs->mem;
			u->review_ms = t;
			u->graded = res->graded;
			u->correct = res->correct;
			u->qkind = kind;
			u->was_suspended = cs->suspended;
			u->buried_before = cs->buried_until_ms;
		}
		cs->mem = prev[r - 1];
		if (!s->col->cards[idx].first_review_ms)
			s->col->cards[idx].first_review_ms = t;
		cs->n_reviews++;
		s->reviewed++;
		s->done++;
		count_work(s, idx, s->undo[s->nundo - 1].before.state, 1);
		if (res->graded) {
			s->graded++;
			if (res->correct)
				s->correct++;
		}
		/* In (re)learning steps: back when its step is due. */
		if (cs->mem.state == QD_STATE_LEARNING || cs->mem.state == QD_STATE_RELEARNING)
			qd_queue_learn(&s->queue, idx);
		qd_buf_release(&prompt);
		return leech(s, idx, t, lapses_before) ? STEP_END : STEP_NEXT;
	}
}

/* A time to wait, as a person reads it: "45 s", "8 min", "1 h 05 min"
 * (rounded up: a card due in 7 min 10 s is not due in 7 min). */
static void span(int64_t ms, char out[32])
{
	long long secs = ms <= 0 ? 0 : (long long)((ms + 999) / 1000), min = (secs + 59) / 60;

	if (secs < 60)
		snprintf(out, 32, "%lld s", secs);
	else if (min < 60)
		snprintf(out, 32, "%lld min", min);
	else
		snprintf(out, 32, "%lld h %02lld min", min / 60, min % 60);
}

static bool is_word(const char *line, const char *const *words)
{
	size_t n = strspn(line, " \t");
	size_t len = strlen(line + n);

	while (len && strchr(" \t", line[n + len - 1]))
		len--;
	for (; *words; words++)
		if (strlen(*words) == len && strncasecmp(line + n, *words, len) == 0)
			return true;
	return false;
}

/* Nothing is due and the next learning card is due at due_ms. On a
 * terminal, when it is due within WAIT_MAX_MS, offers to wait for it with
 * a countdown (Ctrl-C, Ctrl-D or n stop); returns true when the wait ran
 * its course and the card is due. Otherwise (declined, stopped, not a
 * terminal, too far away) says when it is due and returns false. */
static bool wait_for(struct session *s, int64_t due_ms)
{
	static const char *const yes[] = {"", "y", "yes", NULL};
	static const char *const no[] = {"n", "no", "q", ":quit", ":q", NULL};
	int64_t left = due_ms - now_ms(s), deadline;
	char when[32], text[96];
	struct qd_buf prompt;
	bool waited = false;

	span(left, when);
	if (!s->ctx->in_tty || !s->ctx->out_tty || left > WAIT_MAX_MS) {
		snprintf(text, sizeof(text), "Next card due in %s.", when);
		say(s, QD_STYLE_BOLD, text);
		return false;
	}
	qd_buf_init(&prompt);
	snprintf(text, sizeof(text), "Next card due in %s: wait? [Y/n]", when);
	qd_style_prompt(&prompt, s->ctx->color, QD_STYLE_BOLD, text);
	qd_buf_adds(&prompt, "> ");
	for (;;) {
		struct qd_prompt_req req = {prompt.data, NULL, 0, false, false};
		char *line = NULL;
		bool y, n;

		fflush(s->ctx->out);
		if (qd_prompt_read(s->prompt, &req, &line) != QD_PROMPT_LINE) {
			qd_buf_release(&prompt);
			return false;
		}
		y = is_word(line, yes);
		n = is_word(line, no);
		free(line);
		if (n) {
			qd_buf_release(&prompt);
			return false;
		}
		if (y)
			break;
		say(s, QD_STYLE_YELLOW, "  y to wait, n to stop");
	}
	/* The deadline is on the monotonic clock: the time left now. */
	left = due_ms - now_ms(s);
	deadline = qd_prompt_clock_ms() + (left > 0 ? left : 0);
	qd_buf_reset(&prompt);
	qd_style_prompt(&prompt, s->ctx->color, QD_STYLE_DIM,
	                "waiting for the next card (n, Ctrl-C or Ctrl-D to stop)");
	qd_buf_adds(&prompt, "> ");
	for (;;) {
		struct qd_prompt_req req = {prompt.data, NULL, deadline, true, false};
		enum qd_prompt_status st;
		char *line = NULL;
		bool n;

		fflush(s->ctx->out);
		st = qd_prompt_read(s->prompt, &req, &line);
		if (st == QD_PROMPT_TIMEOUT) {
			if (s->ctx->now_fixed && left > 0)
				s->waited_ms += left; /* the frozen clock moves by the wait */
			waited = true;
			break;
		}
		if (st != QD_PROMPT_LINE)
			break;
		n = is_word(line, no);
		free(line);
		if (n)
			break;
	}
	qd_buf_release(&prompt);
	return waited;
}

/* "Reviews left today: 0 (14 due; reviews_per_day is 200)." there cards
 * are there, decks of them within their decks' own limits, global of them
 * within the global limit. */
static void left_today(struct qd_buf *b, const char *what, const char *there_what, size_t there,
                       size_t decks, size_t global, const char *key, int limit)
{
	size_t left = decks < global ? decks : global;

	qd_buf_addf(b, "%s left today: %zu (%zu %s", what, left, there, there_what);
	if (left < there && global <= decks)
		qd_buf_addf(b, "; %s is %d", key, limit);
	else if (left < there)
		qd_buf_adds(b, "; the decks' own limits");
	qd_buf_adds(b, ").\n");
}

static void summary(struct session *s)
{
	int64_t secs = (qd_prompt_clock_ms() - s->start_mono) / 1000;
	int64_t next = INT64_MAX, now = now_ms(s);
	size_t waiting_new = 0, due_reviews = 0, new_in_decks = 0, reviews_in_decks = 0;
	/* per deck day k: [2k] new cards waiting, [2k + 1] reviews due */
	size_t *there = qd_xcalloc(2 * s->n_days + 2, sizeof(*there));
	struct qd_buf b;
	char when[16], local[QD_LOCAL_MAX];

	for (size_t i = 0; i < s->col->n_cards; i++) {
		const struct qd_memory *m = &s->st->cards[i].mem;
		bool mine = has_tag(&s->col->cards[i], s->opts);
		struct deck_day *dd = deck_day(s, s->col->cards[i].deck);
		size_t k = dd ? (size_t)(dd - s->days) : 0;
		if (!qd_replay_available(&s->st->cards[i], now))
			continue;
		if (m->state == QD_STATE_NEW) {
			waiting_new += mine;
			if (dd)
				there[2 * k] += mine;
			continue;
		}
		if (m->due_ms < next)
			next = m->due_ms;
		if (mine && m->state == QD_STATE_REVIEW && qd_queue_due_now(&s->cfg->params, m, now)) {
			due_reviews++;
			if (dd)
				there[2 * k + 1]++;
		}
	}
	for (size_t k = 0; k < s->n_days; k++) {
		const struct deck_day *dd = &s->days[k];
		size_t l = deck_left(dd->new_per_day, dd->done.started, 0);
		new_in_decks += l < there[2 * k] ? l : there[2 * k];
		l = deck_left(dd->reviews_per_day, dd->done.reviewed, 0);
		reviews_in_decks += l < there[2 * k + 1] ? l : there[2 * k + 1];
	}
	free(there);
	qd_buf_init(&b);
	qd_buf_adds(&b, "\n");
	qd_style(&b, s->ctx->color, QD_STYLE_BOLD, "Session over.");
	qd_buf_addf(&b, " %zu card%s reviewed", s->reviewed, s->reviewed == 1 ? "" : "s");
	if (s->graded)
		qd_buf_addf(&b, ", %zu%% correct (%zu of %zu)", s->correct * 100 / s->graded,
		            s->correct, s->graded);
	qd_buf_addf(&b, ", %lld:%02lld.\n", (long long)(secs / 60), (long long)(secs % 60));
	if (next != INT64_MAX) {
		qd_duration_format(next - now, when);
		qd_time_format_local(next, local);
		if (next <= now)
			qd_buf_addf(&b, "Next due: now (%s).\n", local);
		else
			qd_buf_addf(&b, "Next due: in %s (%s).\n", when, local);
	}
	/* What today's limits still allow of what is there. */
	if (!s->opts->cram && due_reviews)
		left_today(&b, "Reviews", "due", due_reviews, reviews_in_decks,
		           qd_queue_left(s->cfg->reviews_per_day, s->today.reviewed), "reviews_per_day",
		           s->cfg->reviews_per_day);
	if (!s->opts->cram && waiting_new)
		left_today(&b, "New cards", "waiting", waiting_new, new_in_decks,
		           qd_queue_left(s->cfg->new_per_day, s->today.started), "new_per_day",
		           s->cfg->new_per_day);
	else if (waiting_new)
		qd_buf_addf(&b, "New cards waiting: %zu.\n", waiting_new);
	if (s->buried)
		qd_buf_addf(&b, "Siblings of today's cards left for another day: %zu.\n", s->buried);
	out_buf(s, &b);
	qd_buf_release(&b);
}

/*
 * The prompt's resize function: when the width to wrap to has changed, the
 * card being asked is drawn again at the new width on a cleared screen
 * (its progress line and deck title, the question with its choices or the
 * blank to fill, and once answered the verdict, answer, explanation and
 * interval preview); the prompt then draws itself and the text typed so
 * far below. What else was printed for the card (a hint, :help) is not
 * drawn again. Without cursor control (TERM=dumb) nothing is redrawn:
 * what is printed next uses the new width.
 */
static bool redraw(void *data)
{
	struct session *s = data;
	int w = qd_ctx_term_width(s->ctx, QD_TEXT_MAX_WIDTH);

	if (w == s->width)
		return false;
	s->width = w;
	if (s->ask)
		s->ask->width = w;
	if (s->ctx->term_dumb || !s->ask || !s->current)
		return false;
	fputs("\033[H\033[2J", s->ctx->out);
	progress(s);
	title_line(s, s->current);
	qd_ask_show_question(s->ask, s->current->card, s->res);
	if (s->revealed) {
		qd_ask_reveal(s->ask, s->current->card, s->res);
		say(s, QD_STYLE_DIM, s->preview);
	}
	fflush(s->ctx->out);
	return true;
}

int qd_session_run(struct qd_ctx *ctx, const struct qd_config *cfg,
                   const struct qd_session_opts *opts, struct qd_collection *col,
                   struct qd_revlog *log, struct qd_prompt *prompt)
{
	struct session s;
	bool shown = false;

	memset(&s, 0, sizeof(s));
	s.ctx = ctx;
	s.cfg = cfg;
	s.opts = opts;
	s.col = col;
	s.st = &col->states;
	s.log = log;
	s.prompt = prompt;
	s.start_mono = qd_prompt_clock_ms();
	s.width = qd_ctx_term_width(ctx, QD_TEXT_MAX_WIDTH);
	qd_queue_init(&s.queue, cfg->learn_ahead_ms);
	build_queue(&s);
	qd_prompt_on_resize(prompt, redraw, &s);

	for (;;) {
		struct qd_queue_pick pick;
		enum qd_queue_status qs = qd_queue_next(&s.queue, s.st->cards, now_ms(&s), &pick);
		struct qd_card_state *st;
		struct qd_collection_card *cs;
		struct qd_ask a = {0};
		struct qd_ask_result res;
		enum step next = STEP_NEXT;
		bool repeat, hinted = false;

		if (qs != QD_QUEUE_SHOW && !shown)
			say(&s, QD_STYLE_BOLD,
			    s.matched == 0 && opts->n_tags > 0 ? "No cards have these tags."
			    : opts->cram                       ? "No cards match."
			                                       : "Nothing to study now.");
		shown = true;
		if (qs == QD_QUEUE_DONE)
			break;
		if (qs == QD_QUEUE_WAIT) {
			if (wait_for(&s, pick.due_ms))
				continue;
			break;
		}
		if (pick.ahead) {
			char when[32], text[96];
			span(pick.due_ms - now_ms(&s), when);
			snprintf(text, sizeof(text), "learning ahead: next card was due in %s", when);
			say(&s, QD_STYLE_DIM, text);
		}
		qd_queue_take(&s.queue, &pick);
		s.cur = pick.item;
		st = &s.st->cards[s.cur.card];
		cs = &s.col->cards[s.cur.card];
		/* Laid out at the width of the moment (the window may have been
		 * resized between two reads); redraw() follows resizes during one. */
		s.width = qd_ctx_term_width(ctx, QD_TEXT_MAX_WIDTH);
		progress(&s);
		title_line(&s, cs);
		a.out = ctx->out;
		a.color = ctx->color;
		a.width = s.width;
		a.prompt = prompt;
		a.ignore_accents = qd_deck_ignores_accents(cs->deck);
		a.reverse = cs->reversed;
		a.allow_hint = true;
		a.hinted = &hinted;
		a.seed = qd_seed_mix(opts->seed ^ (uint64_t)st->mem.reps, cs->card->id);
		a.commands = commands;
		a.command_fn = command_in_place;
		a.command_data = &s;
		s.current = cs;
		s.ask = &a;
		s.res = &res;
		do {
			repeat = false;
			s.revealed = false;
			qd_ask_card(&a, cs->card, &res);
			switch (res.status) {
			case QD_ASK_COMMAND:
				next = command(&s, cs, res.command);
				repeat = next == STEP_AGAIN;
				break;
			case QD_ASK_ANSWERED:
				qd_ask_reveal(&a, cs->card, &res);
				if (opts->cram) {
					s.reviewed++;
					if (res.graded) {
						s.graded++;
						s.correct += res.correct;
					}
					s.done++;
				} else {
					next = rate(&s, s.cur.card, &res, hinted, s.cur.kind);
				}
				break;
			case QD_ASK_TIMEOUT:
				s.done++;
				break;
			case QD_ASK_EOF:
			case QD_ASK_INTERRUPT:
			case QD_ASK_ERROR:
				next = STEP_END;
				break;
			}
			qd_ask_result_release(&res);
		} while (repeat);
		s.ask = NULL;
		s.res = NULL;
		if (next == STEP_END)
			break;
		if (next == STEP_SHOW) /* edited: asked again from its start */
			qd_queue_push_front(&s.queue, s.cur.card, s.cur.kind);
	}
	qd_prompt_on_resize(prompt, NULL, NULL);
	summary(&s);
	fflush(ctx->out);
	qd_queue_release(&s.queue);
	free(s.days);
	free(s.undo);
	qd_strset_release(&s.shown_groups);
	qd_strset_release(&s.shown_cards);
	return s.status;
}

/*
 * The study session; see quizdeck/session.h.
 *
 * The queue is a list of indexes into the card states, built once (due
 * learning cards, then due review cards, then new cards) and extended as
 * cards in learning steps come due again. An answer is acknowledged (the
 * next card shown) only after qd_revlog_append_review() has returned, which
 * means the record is on disk. Undo appends an undo record and restores
 * the card's previous state from a stack kept in memory.
 *
 * `:edit` (quizdeck/edit.h) reloads the card's deck into the collection in
 * place: a card keeps its index, so its state, its queue entries and its
 * history go on; the edited card is asked again from its start
 * (STEP_SHOW), and cards the edit removed leave the queue.
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/ask.h"
#include "quizdeck/buf.h"
#include "quizdeck/match.h"
#include "quizdeck/qtime.h"
#include "quizdeck/rng.h"
#include "quizdeck/collection.h"
#include "quizdeck/edit.h"
#include "quizdeck/session.h"
#include "quizdeck/strset.h"
#include "quizdeck/text.h"

enum origin { FROM_DUE, FROM_NEW, FROM_AGAIN };

struct entry {
	size_t card;   /* index into states->cards */
	enum origin origin;
};

struct undo_item {
	size_t card;
	struct qd_memory before;
	int64_t review_ms;
	bool correct, graded;
	enum origin origin;
};

struct session {
	struct qd_ctx *ctx;
	const struct qd_config *cfg;
	const struct qd_session_opts *opts;
	struct qd_collection *col;
	struct qd_replay *st;
	struct qd_revlog *log;
	struct qd_prompt *prompt;
	struct entry *q;
	size_t qlen, qcap, pos;
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
	":help", ":hint", ":skip", ":undo", ":edit", ":stats", ":quit", NULL,
};
static const char *const rating_words[] = {
	"again", "hard", "good", "easy", ":help", ":skip", ":undo", ":edit", ":stats", ":quit",
	NULL,
};

static int64_t now_ms(const struct session *s)
{
	/* QUIZDECK_NOW freezes the clock, so recorded sessions are reproducible. */
	if (s->ctx->now_fixed)
		return s->ctx->now_ms;
	return s->ctx->now_ms + (qd_prompt_clock_ms() - s->start_mono);
}

static void push(struct session *s, size_t card, enum origin o)
{
	if (s->qlen == s->qcap) {
		s->qcap = s->qcap ? s->qcap * 2 : 64;
		s->q = qd_xrealloc(s->q, s->qcap * sizeof(*s->q));
	}
	s->q[s->qlen].card = card;
	s->q[s->qlen].origin = o;
	s->qlen++;
}

static void insert_at(struct session *s, size_t at, size_t card, enum origin o)
{
	push(s, card, o);
	memmove(&s->q[at + 1], &s->q[at], (s->qlen - 1 - at) * sizeof(*s->q));
	s->q[at].card = card;
	s->q[at].origin = o;
}

/* A card carries its own tags and its deck's (a deck's `tags` describe
 * every card in it, so `--tags rust` selects the whole rust deck). */
static bool has_tag(const struct qd_collection_card *cc, const struct qd_session_opts *o)
{
	const struct qd_card *c = cc->card;
	const char *const *deck_tags;
	size_t n_deck_tags;

	if (!o->tags || o->n_tags == 0)
		return true;
	deck_tags = qd_deck_tags(cc->deck, &n_deck_tags);
	for (int i = 0; i < o->n_tags; i++) {
		for (size_t j = 0; j < c->n_tags; j++)
			if (strcmp(o->tags[i], c->tags[j]) == 0)
				return true;
		for (size_t j = 0; j < n_deck_tags; j++)
			if (strcmp(o->tags[i], deck_tags[j]) == 0)
				return true;
	}
	return false;
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

static void sort_due(struct session *s, size_t from, size_t to)
{
	size_t n = to - from;
	struct due_key *keys;

	if (n < 2)
		return;
	keys = qd_xcalloc(n, sizeof(*keys));
	for (size_t i = 0; i < n; i++) {
		const struct qd_memory *m = &s->st->cards[s->q[from + i].card].mem;
		keys[i].review = m->state == QD_STATE_REVIEW;
		keys[i].due_ms = m->due_ms;
		keys[i].card = s->q[from + i].card;
	}
	qsort(keys, n, sizeof(*keys), cmp_due);
	for (size_t i = 0; i < n; i++)
		s->q[from + i].card = keys[i].card; /* every due entry has origin FROM_DUE */
	free(keys);
}

static bool is_due(const struct session *s, const struct qd_memory *m, int64_t now)
{
	const struct qd_sched_params *p = &s->cfg->params;

	if (m->state == QD_STATE_NEW)
		return false;
	if (m->state == QD_STATE_REVIEW)
		return qd_sched_day(p, m->due_ms) <= qd_sched_day(p, now);
	return m->due_ms <= now + QD_LEARN_AHEAD_MS;
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
	struct qd_strset seen = {0};
	struct qd_buf key;
	struct entry *out = qd_xcalloc(s->qlen ? s->qlen : 1, sizeof(*out));
	bool *taken = qd_xcalloc(s->qlen ? s->qlen : 1, sizeof(*taken));
	size_t n = 0;

	qd_buf_init(&key);
	while (n < s->qlen) {
		for (size_t i = 0; i < s->qlen; i++) {
			if (taken[i])
				continue;
			group_key(&s->col->cards[s->q[i].card], &key);
			if (!qd_strset_add(&seen, key.data))
				continue;
			out[n++] = s->q[i];
			taken[i] = true;
		}
		qd_strset_release(&seen);
	}
	memcpy(s->q, out, s->qlen * sizeof(*out));
	free(out);
	free(taken);
	qd_buf_release(&key);
}

static void build_queue(struct session *s)
{
	int64_t now = now_ms(s);
	int64_t today = qd_sched_day(&s->cfg->params, now);
	long new_left, introduced = 0;
	size_t ndue;
	struct qd_buf key;

	qd_buf_init(&key);
	for (size_t i = 0; i < s->col->n_cards; i++) {
		const struct qd_collection_card *cc = &s->col->cards[i];
		const struct qd_memory *m = &s->st->cards[i].mem;
		if (cc->first_review_ms && qd_sched_day(&s->cfg->params, cc->first_review_ms) == today)
			introduced++;
		/* Siblings of a card reviewed today wait for another day. */
		if (!s->opts->cram && m->last_review_ms &&
		    qd_sched_day(&s->cfg->params, m->last_review_ms) == today) {
			group_key(cc, &key);
			qd_strset_add(&s->shown_groups, key.data);
			qd_strset_add(&s->shown_cards, cc->card->id);
		}
	}
	for (size_t i = 0; i < s->col->n_cards; i++) {
		const struct qd_card_state *cs = &s->st->cards[i];
		if (!has_tag(&s->col->cards[i], s->opts))
			continue;
		s->matched++;
		if (s->opts->cram || is_due(s, &cs->mem, now))
			push(s, i, cs->mem.state == QD_STATE_NEW ? FROM_NEW : FROM_DUE);
	}
	ndue = s->qlen;
	if (!s->opts->cram) {
		sort_due(s, 0, ndue);
		/* One card of a group a day: the first due (learning before
		 * review, earliest first) keeps its place, its siblings wait. */
		size_t kept = 0;
		for (size_t i = 0; i < ndue; i++) {
			const struct qd_collection_card *cc = &s->col->cards[s->q[i].card];
			group_key(cc, &key);
			if (qd_strset_has(&s->shown_groups, key.data) &&
			    !qd_strset_has(&s->shown_cards, cc->card->id)) {
				s->buried++;
				continue;
			}
			qd_strset_add(&s->shown_groups, key.data);
			qd_strset_add(&s->shown_cards, cc->card->id);
			s->q[kept++] = s->q[i];
		}
		s->qlen = ndue = kept;
	}
	new_left = s->opts->new_cards >= 0 ? s->opts->new_cards : s->cfg->new_per_day - introduced;
	for (size_t i = 0; !s->opts->cram && i < s->col->n_cards && new_left > 0; i++) {
		const struct qd_card_state *cs = &s->st->cards[i];
		const struct qd_collection_card *cc = &s->col->cards[i];
		if (cs->mem.state != QD_STATE_NEW || !has_tag(cc, s->opts))
			continue;
		group_key(cc, &key);
		if (!qd_strset_add(&s->shown_groups, key.data)) {
			s->buried++;
			continue;
		}
		qd_strset_add(&s->shown_cards, cc->card->id);
		push(s, i, FROM_NEW);
		new_left--;
	}
	if (s->opts->limit > 0 && s->qlen > (size_t)s->opts->limit)
		s->qlen = (size_t)s->opts->limit;
	if (s->opts->shuffle && s->qlen > 1) {
		size_t *idx = qd_xcalloc(s->qlen, sizeof(*idx));
		struct entry *copy = qd_xcalloc(s->qlen, sizeof(*copy));
		qd_shuffle_indices(idx, s->qlen, qd_seed_mix(s->opts->seed, "shuffle"));
		for (size_t k = 0; k < s->qlen; k++)
			copy[k] = s->q[idx[k]];
		memcpy(s->q, copy, s->qlen * sizeof(*copy));
		free(copy);
		free(idx);
	}
	if (s->opts->cram)
		spread_siblings(s);
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

static void progress(struct session *s)
{
	size_t due = 0, nw = 0, again = 0;
	struct qd_buf b;
	char head[64];

	for (size_t i = s->pos; i < s->qlen; i++) {
		if (s->q[i].origin == FROM_DUE)
			due++;
		else if (s->q[i].origin == FROM_NEW)
			nw++;
		else
			again++;
	}
	qd_buf_init(&b);
	snprintf(head, sizeof(head), "[%zu/%zu]", s->pos + 1, s->qlen);
	qd_buf_addc(&b, '\n');
	qd_style(&b, s->ctx->color, QD_STYLE_CYAN | QD_STYLE_BOLD, head);
	qd_buf_addf(&b, " due %zu · new %zu · again %zu", due, nw, again);
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
	      "  :undo   undo the last rating         :edit   edit the card in your editor\n"
	      "  :stats  this session so far          :quit   end (Ctrl-D and Ctrl-C too)\n",
	      s->ctx->out);
}

static void stats(struct session *s)
{
	int64_t secs = (qd_prompt_clock_ms() - s->start_mono) / 1000;

	fprintf(s->ctx->out, "  reviewed %zu · correct %zu of %zu graded · %lld:%02lld · %zu to go\n",
	        s->reviewed, s->correct, s->graded, (long long)(secs / 60), (long long)(secs % 60),
	        s->qlen > s->pos ? s->qlen - s->pos : 0);
}

/* Removes later occurrences of card from the queue (after pos). */
static void unqueue(struct session *s, size_t card)
{
	size_t k = s->pos;

	for (size_t i = s->pos; i < s->qlen; i++)
		if (s->q[i].card != card)
			s->q[k++] = s->q[i];
	s->qlen = k;
}

static int do_undo(struct session *s)
{
	struct undo_item *u;
	struct qd_card_state *cs;
	struct qd_undo rec;
	struct qd_err err;

	if (s->opts->cram || s->nundo == 0) {
		say(s, QD_STYLE_YELLOW, "  nothing to undo");
		return 0;
	}
	u = &s->undo[s->nundo - 1];
	cs = &s->st->cards[u->card];
	rec.time_ms = now_ms(s);
	rec.deck = cs->deck;
	rec.card = cs->card;
	rec.target_ms = u->review_ms;
	rec.line = 0;
	if (qd_revlog_append_undo(s->log, &rec, &err)) {
		qd_err_print(s->ctx->err, s->ctx->prog, &err);
		s->status = err.status;
		return -1;
	}
	cs->mem = u->before;
	cs->n_reviews--;
	s->reviewed--;
	if (u->graded) {
		s->graded--;
		if (u->correct)
			s->correct--;
	}
	unqueue(s, u->card);
	insert_at(s, s->pos, u->card, u->origin);
	{
		struct qd_buf b;
		qd_buf_init(&b);
		qd_buf_adds(&b, "  undone: ");
		qd_buf_adds(&b, cs->card);
		say(s, QD_STYLE_YELLOW, b.data);
		qd_buf_release(&b);
	}
	s->nundo--;
	return 0;
}

/* STEP_SHOW: the current card again from its start (it was edited). */
enum step { STEP_NEXT, STEP_AGAIN, STEP_SHOW, STEP_END };

/* Takes the cards an edit removed from their deck out of the rest of the
 * queue (their history stays in the log under their ids). */
static void drop_gone(struct session *s)
{
	size_t k = s->pos;

	for (size_t i = s->pos; i < s->qlen; i++)
		if (!s->col->cards[s->q[i].card].gone)
			s->q[k++] = s->q[i];
	s->qlen = k;
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
		s->pos++;
		return STEP_NEXT;
	}
	if (strcmp(line, ":undo") == 0) {
		size_t before = s->qlen;
		if (do_undo(s))
			return STEP_END;
		(void)before;
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
	    strcmp(line, ":quit") == 0 || strcmp(line, ":q") == 0)
		return false;
	/* The editor takes the screen: the card is shown again after it. */
	if (strcmp(line, ":edit") == 0 && qd_edit_opens_editor(s->prompt, s->current->deck))
		return false;
	return command(s, s->current, line) == STEP_AGAIN;
}

static enum step rate(struct session *s, size_t idx, const struct qd_ask_result *res,
                      const struct qd_ask *a, enum origin origin)
{
	struct qd_card_state *cs = &s->st->cards[idx];
	const struct qd_collection_card *cc = &s->col->cards[idx];
	const struct qd_sched_params *p = &s->cfg->params;
	int64_t t = now_ms(s);
	uint64_t fseed = qd_sched_fuzz_seed(qd_replay_card_key(cs->deck, cs->card), cs->mem.reps);
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
	qd_buf_init(&prompt);
	snprintf(line_buf, sizeof(line_buf), "rate [%s]", qd_rating_name(suggestion));
	qd_style_prompt(&prompt, s->ctx->color, QD_STYLE_BOLD, line_buf);
	qd_buf_adds(&prompt, "> ");
	(void)a;
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
			    strcmp(line, ":quit") == 0 || strcmp(line, ":q") == 0) {
				if (strcmp(line, ":undo") == 0) {
					/* Undo the previous card; this one is asked again after it. */
					insert_at(s, s->pos + 1, idx, origin);
					s->pos++;
				}
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
		if (s->nundo == s->undocap) {
			s->undocap = s->undocap ? s->undocap * 2 : 32;
			s->undo = qd_xrealloc(s->undo, s->undocap * sizeof(*s->undo));
		}
		s->undo[s->nundo].card = idx;
		s->undo[s->nundo].before = cs->mem;
		s->undo[s->nundo].review_ms = t;
		s->undo[s->nundo].graded = res->graded;
		s->undo[s->nundo].correct = res->correct;
		s->undo[s->nundo].origin = origin;
		s->nundo++;
		cs->mem = prev[r - 1];
		if (!s->col->cards[idx].first_review_ms)
			s->col->cards[idx].first_review_ms = t;
		cs->n_reviews++;
		s->reviewed++;
		if (res->graded) {
			s->graded++;
			if (res->correct)
				s->correct++;
		}
		s->pos++;
		if (cs->mem.state != QD_STATE_REVIEW && cs->mem.due_ms <= t + QD_LEARN_AHEAD_MS)
			push(s, idx, FROM_AGAIN);
		qd_buf_release(&prompt);
		return STEP_NEXT;
	}
}

static void summary(struct session *s)
{
	int64_t secs = (qd_prompt_clock_ms() - s->start_mono) / 1000;
	int64_t next = INT64_MAX, now = now_ms(s);
	size_t waiting_new = 0;
	struct qd_buf b;
	char when[16], iso[QD_ISO_MAX];

	for (size_t i = 0; i < s->col->n_cards; i++) {
		const struct qd_memory *m = &s->st->cards[i].mem;
		if (m->state == QD_STATE_NEW)
			waiting_new++;
		else if (m->due_ms < next)
			next = m->due_ms;
	}
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
		qd_time_format_iso(next, iso);
		if (next <= now)
			qd_buf_addf(&b, "Next due: now (%s).\n", iso);
		else
			qd_buf_addf(&b, "Next due: in %s (%s).\n", when, iso);
	}
	if (waiting_new)
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
	build_queue(&s);
	qd_prompt_on_resize(prompt, redraw, &s);

	if (s.qlen == 0) {
		say(&s, QD_STYLE_BOLD,
		    s.matched == 0 && opts->n_tags > 0 ? "No cards have these tags."
		    : opts->cram                       ? "No cards match."
		                                       : "Nothing to study now.");
		qd_prompt_on_resize(prompt, NULL, NULL);
		summary(&s);
		free(s.q);
		qd_strset_release(&s.shown_groups);
		qd_strset_release(&s.shown_cards);
		return QD_EXIT_OK;
	}
	while (s.pos < s.qlen) {
		struct entry e = s.q[s.pos];
		struct qd_card_state *st = &s.st->cards[e.card];
		struct qd_collection_card *cs = &s.col->cards[e.card];
		struct qd_ask a = {0};
		struct qd_ask_result res;
		enum step next = STEP_NEXT;
		bool repeat;

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
		a.reverse = opts->reverse && qd_deck_allows_reverse(cs->deck);
		a.allow_hint = true;
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
					s.pos++;
				} else {
					next = rate(&s, e.card, &res, &a, e.origin);
				}
				break;
			case QD_ASK_TIMEOUT:
				s.pos++;
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
	}
	qd_prompt_on_resize(prompt, NULL, NULL);
	summary(&s);
	fflush(ctx->out);
	free(s.q);
	free(s.undo);
	qd_strset_release(&s.shown_groups);
	qd_strset_release(&s.shown_cards);
	return s.status;
}

/*
 * A study session's queue; see quizdeck/queue.h.
 *
 * The learning set is small (the cards in steps, a few dozen at most), so
 * it is scanned at each pick rather than kept sorted: the due times change
 * as cards are rated, and a scan cannot go stale. Ties between learning
 * cards due at the same instant go to the lower card index (deck order),
 * so the order is total and the same on every run.
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/queue.h"

enum { AT_FRONT, AT_LEARN, AT_LINE };

void qd_queue_init(struct qd_queue *q, int64_t learn_ahead_ms)
{
	memset(q, 0, sizeof(*q));
	q->learn_ahead_ms = learn_ahead_ms < 0 ? 0 : learn_ahead_ms;
}

void qd_queue_release(struct qd_queue *q)
{
	free(q->front);
	free(q->line);
	free(q->learn);
	qd_queue_init(q, 0);
}

static void grow(void **p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return;
	*cap = *cap ? *cap * 2 : 32;
	*p = qd_xrealloc(*p, *cap * size);
}

void qd_queue_learn(struct qd_queue *q, size_t card)
{
	for (size_t i = 0; i < q->n_learn; i++)
		if (q->learn[i] == card)
			return;
	grow((void **)&q->learn, &q->cap_learn, q->n_learn, sizeof(*q->learn));
	q->learn[q->n_learn++] = card;
}

void qd_queue_push(struct qd_queue *q, size_t card, enum qd_queue_kind kind)
{
	if (kind == QD_QUEUE_LEARN) {
		qd_queue_learn(q, card);
		return;
	}
	grow((void **)&q->line, &q->cap_line, q->n_line, sizeof(*q->line));
	q->line[q->n_line].card = card;
	q->line[q->n_line].kind = kind;
	q->n_line++;
}

static void unlearn(struct qd_queue *q, size_t card)
{
	for (size_t i = 0; i < q->n_learn; i++)
		if (q->learn[i] == card) {
			q->learn[i] = q->learn[--q->n_learn];
			return;
		}
}

void qd_queue_forget(struct qd_queue *q, size_t card)
{
	size_t k = 0;

	unlearn(q, card);
	for (size_t i = 0; i < q->n_front; i++)
		if (q->front[i].card != card)
			q->front[k++] = q->front[i];
	q->n_front = k;
}

void qd_queue_push_front(struct qd_queue *q, size_t card, enum qd_queue_kind kind)
{
	qd_queue_forget(q, card);
	grow((void **)&q->front, &q->cap_front, q->n_front, sizeof(*q->front));
	q->front[q->n_front].card = card;
	q->front[q->n_front].kind = kind;
	q->n_front++;
}

bool qd_queue_due_now(const struct qd_sched_params *p, const struct qd_memory *m, int64_t now)
{
	if (m->state == QD_STATE_NEW)
		return false;
	if (m->state == QD_STATE_REVIEW)
		return qd_sched_day(p, m->due_ms) <= qd_sched_day(p, now);
	return m->due_ms <= now;
}

/* The learning card due first (index into q->learn), or SIZE_MAX. */
static size_t earliest(const struct qd_queue *q, const struct qd_card_state *cards)
{
	size_t best = SIZE_MAX;

	for (size_t i = 0; i < q->n_learn; i++) {
		const struct qd_memory *m = &cards[q->learn[i]].mem, *b;
		if (best == SIZE_MAX) {
			best = i;
			continue;
		}
		b = &cards[q->learn[best]].mem;
		if (m->due_ms < b->due_ms || (m->due_ms == b->due_ms && q->learn[i] < q->learn[best]))
			best = i;
	}
	return best;
}

enum qd_queue_status qd_queue_next(const struct qd_queue *q, const struct qd_card_state *cards,
                                   int64_t now, struct qd_queue_pick *pick)
{
	size_t e = earliest(q, cards);
	int64_t due = e == SIZE_MAX ? 0 : cards[q->learn[e]].mem.due_ms;

	memset(pick, 0, sizeof(*pick));
	if (q->n_front) {
		pick->where = AT_FRONT;
		pick->at = q->n_front - 1;
		pick->item = q->front[pick->at];
		pick->due_ms = cards[pick->item.card].mem.due_ms;
		return QD_QUEUE_SHOW;
	}
	if (e != SIZE_MAX && due <= now) {
		pick->where = AT_LEARN;
		pick->at = e;
		pick->item.card = q->learn[e];
		pick->item.kind = QD_QUEUE_LEARN;
		pick->due_ms = due;
		return QD_QUEUE_SHOW;
	}
	if (q->pos < q->n_line) {
		pick->where = AT_LINE;
		pick->at = q->pos;
		pick->item = q->line[q->pos];
		return QD_QUEUE_SHOW;
	}
	if (e == SIZE_MAX)
		return QD_QUEUE_DONE;
	pick->due_ms = due;
	if (due - now <= q->learn_ahead_ms) {
		pick->where = AT_LEARN;
		pick->at = e;
		pick->item.card = q->learn[e];
		pick->item.kind = QD_QUEUE_LEARN;
		pick->ahead = true;
		return QD_QUEUE_SHOW;
	}
	return QD_QUEUE_WAIT;
}

void qd_queue_take(struct qd_queue *q, const struct qd_queue_pick *pick)
{
	switch (pick->where) {
	case AT_FRONT:
		memmove(&q->front[pick->at], &q->front[pick->at + 1],
		        (q->n_front - pick->at - 1) * sizeof(*q->front));
		q->n_front--;
		break;
	case AT_LEARN:
		q->learn[pick->at] = q->learn[--q->n_learn];
		break;
	default:
		q->pos++;
		break;
	}
	/* A card is in one place at a time: a card put back at the front or
	 * taken from the line leaves the learning set too. */
	unlearn(q, pick->item.card);
}

static void count_kind(struct qd_queue_counts *c, enum qd_queue_kind k)
{
	if (k == QD_QUEUE_REVIEW)
		c->review++;
	else if (k == QD_QUEUE_NEW)
		c->fresh++;
	else
		c->learn++;
}

void qd_queue_count(const struct qd_queue *q, const struct qd_card_state *cards, int64_t now,
                    struct qd_queue_counts *out)
{
	memset(out, 0, sizeof(*out));
	for (size_t i = 0; i < q->n_front; i++)
		count_kind(out, q->front[i].kind);
	for (size_t i = q->pos; i < q->n_line; i++)
		count_kind(out, q->line[i].kind);
	for (size_t i = 0; i < q->n_learn; i++)
		if (cards[q->learn[i]].mem.due_ms <= now)
			out->learn++;
}

void qd_queue_done_today(const struct qd_sched_params *p, const struct qd_logdata *log,
                         const struct qd_replay *r, int64_t now, struct qd_queue_today *total,
                         struct qd_queue_today *per_card)
{
	int64_t today = qd_sched_day(p, now);

	memset(total, 0, sizeof(*total));
	for (size_t i = 0; i < log->n_reviews; i++) {
		const struct qd_review *rv = &log->reviews[i];
		size_t c = r->card_of[i];
		if (rv->undone || c >= r->n_listed || qd_sched_day(p, rv->time_ms) != today)
			continue;
		if (r->state_before[i] == QD_STATE_NEW) {
			total->started++;
			if (per_card)
				per_card[c].started++;
		} else if (r->state_before[i] == QD_STATE_REVIEW) {
			total->reviewed++;
			if (per_card)
				per_card[c].reviewed++;
		}
	}
}

size_t qd_queue_left(long limit, size_t done)
{
	if (limit <= 0 || (size_t)limit <= done)
		return 0;
	return (size_t)limit - done;
}

/*
 * Deck generation: from the article's facts to cards (see quizdeck/gen.h;
 * the rules are in docs/article-format.md, "Generation rules").
 *
 * Two passes. The first decides what to ask: every fact is asked at most
 * once in the whole deck (the same name, figure or term in a later
 * sentence is not asked again), and the article's own questions claim
 * their answers first, then abbreviations and definitions, then the facts
 * of the sections, of the related answers and of the quick answer, at most
 * MAX_PER_SENTENCE a sentence, the most specific kinds first (figures and
 * dates, defined terms, people, other names, list items, marked terms, key
 * terms). The second pass writes the cards in article order.
 *
 * A fact becomes a choice card when the article gives three distractors of
 * its kind that it makes false (other figures of the same unit and scale;
 * other names of its class that the unit does not mention), and a cloze
 * otherwise. Cards made from one sentence share a group (siblings). Ids are
 * the unit's prefix, the card's kind and a slug of its answer, so an edit
 * elsewhere keeps them.
 *
 * Every question asked over the whole deck or article (is this id taken,
 * this fact claimed, which cards share a sentence, which names share a
 * class) is a hash lookup, so the time grows with the article, not with
 * its square (tests/gen-scale.sh).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quizdeck/answer.h"
#include "quizdeck/facts.h"
#include "quizdeck/figure.h"
#include "quizdeck/gen.h"
#include "quizdeck/lint.h"
#include "quizdeck/phrase.h"
#include "quizdeck/rng.h"
#include "quizdeck/strset.h"
#include "quizdeck/words.h"

#define MAX_PER_SENTENCE 4
#define MAX_BASIC_WORDS QD_LINT_MAX_BASIC_WORDS
#define MAX_DEF_WORDS 15
#define SLUG_BYTES 40

enum how { H_NONE, H_CLOZE, H_CHOICE, H_BY_UNIT, H_ABBR };

enum unit_card { UC_NONE, UC_BASIC, UC_TYPED, UC_TF };

struct splan {
	unsigned char *how; /* per fact */
	size_t asked;       /* cards planned from this sentence */
	bool def_card;
};

struct gunit {
	const struct qd_unit *u;
	char *prefix, *tag;
	struct splan *plans; /* per sentence */
	enum unit_card card;
	size_t typed_sent, typed_fact; /* UC_TYPED: the fact answering */
	char *answer;        /* UC_BASIC: the short answer; UC_TF: the statement */
	bool truth;
};

struct gen {
	const struct qd_article *a;
	struct qd_facts f;
	struct qd_gen_deck *d;
	struct gunit *units;
	size_t n_units;
	struct qd_strset claimed;
	struct qd_strset capitalised, lowercase; /* words written so inside sentences */
	struct qd_strset ids;   /* every card id given */
	struct qd_strset bases; /* ids wanted twice: the index of their next suffix */
	size_t *next, n_next, cap_next;
	/* where each card came from, for groups */
	size_t *card_unit, *card_sent, cap_cards;
};

/* ---- text helpers ---- */

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* A comparison key: lowercase, letters, digits, '+' and '#', words joined
 * by one space, a leading "the" dropped. */
static void key_of(const char *s, size_t n, struct qd_buf *out)
{
	qd_buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (is_alnum(c) || c == '+' || c == '#' || (unsigned char)c >= 0x80) {
			qd_buf_addc(out, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
		} else if (c != '\'' && c != '.' && out->len && out->data[out->len - 1] != ' ') {
			qd_buf_addc(out, ' ');
		}
	}
	while (out->len && out->data[out->len - 1] == ' ')
		out->data[--out->len] = '\0';
	if (strncmp(out->data, "the ", 4) == 0) {
		memmove(out->data, out->data + 4, out->len - 3);
		out->len -= 4;
	}
}

static char *dup_n(const char *s, size_t n)
{
	return qd_xstrndup(s, n);
}

/* The last word of a name ("Armstrong" of "Neil A. Armstrong"). */
static const char *last_word(const char *s)
{
	const char *sp = strrchr(s, ' ');
	return sp ? sp + 1 : s;
}

/* ---- claims ---- */

static void fact_keys(const struct qd_fsent *fs, const struct qd_fact *f, struct qd_strv *keys)
{
	struct qd_buf b;
	char *t = qd_fact_text(fs, f);

	qd_buf_init(&b);
	if ((f->kind == QD_FACT_NUMBER) && f->unit) {
		char *with = qd_xstrndup(fs->s.text + f->start, f->unit_end - f->start);
		key_of(with, strlen(with), &b);
		free(with);
	} else {
		key_of(t, strlen(t), &b);
	}
	qd_strv_push(keys, b.data);
	if (f->alias) {
		key_of(f->alias, strlen(f->alias), &b);
		qd_strv_push(keys, b.data);
	}
	if (f->person) {
		const char *lw = last_word(t);
		key_of(lw, strlen(lw), &b);
		qd_strv_push(keys, b.data);
	}
	qd_buf_release(&b);
	free(t);
}

static bool is_claimed(struct gen *g, const struct qd_fsent *fs, const struct qd_fact *f)
{
	struct qd_strv keys = {NULL, 0};
	bool r = false;

	fact_keys(fs, f, &keys);
	for (size_t i = 0; i < keys.len && !r; i++)
		r = qd_strset_has(&g->claimed, keys.items[i]);
	qd_strv_clear(&keys);
	return r;
}

static void claim(struct gen *g, const struct qd_fsent *fs, const struct qd_fact *f)
{
	struct qd_strv keys = {NULL, 0};

	fact_keys(fs, f, &keys);
	for (size_t i = 0; i < keys.len; i++)
		qd_strset_add(&g->claimed, keys.items[i]);
	qd_strv_clear(&keys);
}

/* ---- what may be asked ---- */

static bool clean_sentence(const struct qd_fsent *fs)
{
	return !strpbrk(fs->s.text, "{}|") && fs->s.n_toks >= 4;
}

/* Whether the sentence shows t inside a longer word elsewhere ("C" of
 * "C++", "Rocket" of "Rocket Lab"). */
static bool shown_longer(const struct qd_fsent *fs, const struct qd_fact *f, const char *t)
{
	const struct qd_sent *s = &fs->s;
	size_t n = strlen(t);

	for (size_t k = 0; k < s->n_toks; k++) {
		const struct qd_tok *x = &s->toks[k];
		if (x->start >= f->start && x->end <= f->end)
			continue;
		if (x->end - x->start > n && strncasecmp(s->text + x->start, t, n) == 0 &&
		    !is_alnum(s->text[x->start + n]))
			return true;
	}
	return false;
}

/* Adjectives of peoples and languages: "the English doctor" is no fact
 * to blank. */
static bool nationality(const char *t)
{
	static const char *const words[] = {"us", "uk", "eu", "latin", "greek", "dutch", "french",
	                                    "soviet", "thai",
	                                    "swiss", "irish", "welsh", "norse", "arab", "czech",
	                                    "british", "english", "spanish", "danish", "polish",
	                                    "swedish", "finnish", "turkish", NULL};
	static const char *const endings[] = {"ish", "ese", "ian", "ean", "an", "ic", NULL};
	size_t n = strlen(t);

	if (strchr(t, ' '))
		return false;
	for (size_t i = 0; words[i]; i++)
		if (strcasecmp(words[i], t) == 0)
			return true;
	for (size_t i = 0; endings[i]; i++) {
		size_t m = strlen(endings[i]);
		if (n > m + 3 && strcasecmp(t + n - m, endings[i]) == 0)
			return true;
	}
	return false;
}

/* Names too familiar to ask: "the Earth's crust". */
static bool everyday_name(const char *t)
{
	static const char *const names[] = {"earth", "world", "sun", "moon", "god", "internet",
	                                    NULL};
	for (size_t i = 0; names[i]; i++)
		if (strcasecmp(names[i], t) == 0)
			return true;
	return false;
}

static bool quoted_speech(const struct qd_fsent *fs, const struct qd_fact *f)
{
	const struct qd_sent *s = &fs->s;

	if (f->kind == QD_FACT_TERM && f->defined)
		return false;
	for (size_t k = 0; k < s->n_toks; k++)
		if (s->toks[k].start == f->start)
			return (s->toks[k].flags & QD_W_QUOTED) != 0;
	return false;
}

/* The token right after a fact, if nothing but a space is between. */
static long token_after(const struct qd_fsent *fs, const struct qd_fact *f)
{
	const struct qd_sent *s = &fs->s;

	for (size_t k = 0; k + 1 < s->n_toks; k++)
		if (s->toks[k].end == f->end)
			return s->toks[k].after ? -1 : (long)(k + 1);
	return -1;
}

static bool blank_span(const struct qd_fsent *fs, const struct qd_fact *f, size_t *bs,
                       size_t *be);

/* Whether a fact is worth a card at all, in its place: a whole term, that
 * the rest of the sentence does not give away. */
static bool askable(struct gen *g, const struct gunit *gu, const struct qd_fsent *fs,
                    const struct qd_fact *f)
{
	char *t = qd_fact_text(fs, f);
	bool ok = true;
	size_t n = strlen(t);
	long next = token_after(fs, f);

	(void)gu;
	if (strpbrk(t, "{}|") || n < 1 || qd_phrase_words(t) > QD_LINT_MAX_TYPED_WORDS)
		ok = false;
	/* One vague word is no term. */
	else if ((f->kind == QD_FACT_ITEM || f->kind == QD_FACT_KEY || f->kind == QD_FACT_TERM) &&
	         !strchr(t, ' ') && (qd_word_in(QD_WC_VAGUE, t, n) || n < 3))
		ok = false;
	else if (g->f.subject && strcasecmp(t, g->f.subject) == 0)
		ok = false;
	/* Words inside quoted speech ("Houston, Tranquility Base here") are
	 * what someone said, not facts; a quoted term is. */
	else if (quoted_speech(fs, f))
		ok = false;
	else if (f->kind == QD_FACT_NAME && everyday_name(t))
		ok = false;
	/* "the English doctor": an adjective of a people, not the fact. */
	else if (f->kind == QD_FACT_NAME && next >= 0 &&
	         (fs->s.toks[next].flags & QD_W_LOWER) && nationality(t))
		ok = false;
	else if (shown_longer(fs, f, t))
		ok = false;
	else {
		size_t bs, be;
		ok = blank_span(fs, f, &bs, &be);
	}
	free(t);
	return ok;
}

/* The text a card shows around a blank at [bs, be) of the sentence: the
 * clipped sentence without the blank. */
static void outside_text(const struct qd_fsent *fs, size_t bs, size_t be, struct qd_buf *out)
{
	size_t from, to;

	qd_phrase_clip(fs->s.text, bs, be, &from, &to);
	qd_buf_reset(out);
	qd_buf_add(out, fs->s.text + from, bs - from);
	qd_buf_addc(out, ' ');
	qd_buf_add(out, fs->s.text + be, to - be);
}

/* Where the blank of fact f goes: the fact with its unit; a name whose
 * last word the card shows elsewhere ("the Aoi Matsuri, the Gion
 * Matsuri") without that word. Returns false when the rest of the card
 * would still give the answer away (check's answer-in-question, asked
 * before the card exists). */
static bool blank_span(const struct qd_fsent *fs, const struct qd_fact *f, size_t *bs,
                       size_t *be)
{
	struct qd_buf out;
	char *t;
	bool ok;

	*bs = f->start;
	*be = qd_answer_end(f, true);
	qd_buf_init(&out);
	outside_text(fs, *bs, *be, &out);
	t = dup_n(fs->s.text + *bs, *be - *bs);
	if (f->kind == QD_FACT_NAME && strchr(t, ' ') && qd_lint_shows(out.data, last_word(t), true)) {
		size_t cut = (size_t)(last_word(t) - t);
		while (cut && t[cut - 1] == ' ')
			cut--;
		*be = *bs + cut;
		t[cut] = '\0';
		outside_text(fs, *bs, *be, &out);
	}
	ok = !qd_lint_shows(out.data, t, false) &&
	     !(f->alias && qd_lint_shows(out.data, f->alias, true));
	free(t);
	qd_buf_release(&out);
	return ok;
}

static int priority(const struct qd_fact *f)
{
	switch (f->kind) {
	case QD_FACT_NUMBER:
	case QD_FACT_YEAR:
	case QD_FACT_DATE:
		return f->exact_only && f->kind != QD_FACT_DATE ? 3 : 0;
	case QD_FACT_TERM:
		return f->defined || f->alias ? 1 : f->tail ? 7 : 5;
	case QD_FACT_NAME:
		return f->person ? 2 : f->list >= 0 ? 4 : 3;
	case QD_FACT_ITEM:
		return 4;
	case QD_FACT_KEY:
		return 6;
	}
	return 7;
}

/* ---- ids ---- */

static void cut_slug(struct qd_buf *b, size_t max)
{
	size_t cut = max;

	if (b->len <= max)
		return;
	if (b->data[max] != '-') {
		size_t k = max;
		while (k > 0 && b->data[k] != '-')
			k--;
		if (k > 0)
			cut = k;
	}
	while (cut > 0 && b->data[cut - 1] == '-')
		cut--;
	b->len = cut;
	b->data[cut] = '\0';
}

/* base cut to fit, or with the first suffix "-2", "-3"... that makes it
 * an id no card has yet. Each base remembers the last suffix it took, so
 * the hundredth card of one base does not try the ninety-nine before it. */
static char *unique_id(struct gen *g, const char *base)
{
	struct qd_buf b;
	char suffix[24];
	size_t at;

	qd_buf_init(&b);
	qd_buf_adds(&b, base);
	cut_slug(&b, QD_DECK_MAX_ID);
	if (qd_strset_put_n(&g->ids, b.data, b.len, 0, NULL))
		return qd_buf_detach(&b, NULL);
	if (qd_strset_put_n(&g->bases, base, strlen(base), g->n_next, &at)) {
		if ((at = g->n_next++) == g->cap_next) {
			g->cap_next = g->cap_next ? g->cap_next * 2 : 16;
			g->next = qd_xrealloc(g->next, g->cap_next * sizeof(*g->next));
		}
		g->next[at] = 2;
	}
	for (size_t n = g->next[at];; n++) {
		int len = snprintf(suffix, sizeof(suffix), "-%zu", n);
		qd_buf_reset(&b);
		qd_buf_adds(&b, base);
		cut_slug(&b, QD_DECK_MAX_ID - (size_t)len);
		qd_buf_adds(&b, suffix);
		if (qd_strset_put_n(&g->ids, b.data, b.len, 0, NULL)) {
			g->next[at] = n + 1;
			return qd_buf_detach(&b, NULL);
		}
	}
}

static struct qd_gen_card *new_card(struct gen *g, size_t ui, size_t si, enum qd_card_type type,
                                    const char *kind, const char *content)
{
	const struct gunit *gu = &g->units[ui];
	struct qd_buf id;
	char *slug = content ? qd_slug_make(content, 3, SLUG_BYTES, false) : NULL;
	struct qd_gen_card *c;

	qd_buf_init(&id);
	qd_buf_adds(&id, gu->prefix);
	if (kind)
		qd_buf_addf(&id, "%s%s", id.len ? "-" : "", kind);
	if (slug && *slug)
		qd_buf_addf(&id, "-%s", slug);
	free(slug);
	char *uid = unique_id(g, id.data);
	qd_buf_release(&id);
	c = qd_gen_deck_add(g->d);
	c->id = uid;
	c->type = type;
	qd_strv_push(&c->tags, gu->tag);
	if (g->d->n_cards > g->cap_cards) {
		g->cap_cards = g->cap_cards ? g->cap_cards * 2 : 64;
		g->card_unit = qd_xrealloc(g->card_unit, g->cap_cards * sizeof(*g->card_unit));
		g->card_sent = qd_xrealloc(g->card_sent, g->cap_cards * sizeof(*g->card_sent));
	}
	g->card_unit[g->d->n_cards - 1] = ui;
	g->card_sent[g->d->n_cards - 1] = si;
	return c;
}

/* ---- the plan ---- */

static bool has_list(const struct qd_fsent *fs, bool names_only)
{
	for (size_t k = 0; k < fs->n_facts; k++)
		if (fs->facts[k].list >= 0 && fs->facts[k].list_len >= 3 &&
		    (!names_only || fs->facts[k].kind == QD_FACT_NAME))
			return true;
	return false;
}

/* The first fact of sentence fs answering a question of kind k, or -1. */
static long answering_fact(const struct gunit *gu, const struct qd_fsent *fs,
                           enum qd_question_kind k)
{
	for (size_t i = 0; i < fs->n_facts; i++) {
		const struct qd_fact *f = &fs->facts[i];
		bool fits = false;
		switch (k) {
		case QD_Q_WHO:
			fits = f->kind == QD_FACT_NAME && (f->person || f->start == 0);
			break;
		case QD_Q_WHEN:
			fits = f->kind == QD_FACT_YEAR || f->kind == QD_FACT_DATE;
			break;
		case QD_Q_HOWMANY:
			fits = f->kind == QD_FACT_NUMBER;
			break;
		case QD_Q_WHERE:
			fits = f->kind == QD_FACT_NAME && !f->person;
			break;
		case QD_Q_WHICH:
			/* "Which country ...?" "China, by a wide margin": a name that
			 * opens the answer, not one of a list */
			fits = f->kind == QD_FACT_NAME && f->start == 0 && f->list < 0;
			break;
		default:
			break;
		}
		if (!fits)
			continue;
		char *t = qd_fact_text(fs, f);
		bool shown = qd_has_word(gu->u->heading, f->person ? last_word(t) : t) ||
		             strpbrk(t, "{}|");
		free(t);
		if (!shown)
			return (long)i;
	}
	return -1;
}

/* The key a definition card of sentence fs would claim ("def:lego group"). */
static void definition_key(const struct qd_fsent *fs, struct qd_buf *key)
{
	struct qd_buf k;

	qd_buf_init(&k);
	key_of(fs->s.text + fs->def_start, fs->def_end - fs->def_start, &k);
	qd_buf_reset(key);
	qd_buf_addf(key, "def:%s", k.data);
	qd_buf_release(&k);
}

/* A basic card whose answer is a definition of X asks what X is: no
 * definition card of X follows. */
static void claim_definition(struct gen *g, const struct qd_fsent *fs)
{
	struct qd_buf key;

	if (!fs->definition)
		return;
	qd_buf_init(&key);
	definition_key(fs, &key);
	qd_strset_add(&g->claimed, key.data);
	qd_buf_release(&key);
}

static void plan_question(struct gen *g, struct gunit *gu)
{
	const struct qd_unit *u = gu->u;
	const struct qd_article_question *q = &g->a->questions[u->index];
	enum qd_question_kind k = qd_phrase_question_kind(q->question);
	const struct qd_fsent *first = u->n_sents ? &u->sents[0] : NULL;

	if (!first)
		return;
	if (k == QD_Q_YESNO) {
		int yn = qd_phrase_yes_no(q->paras[0].text);
		size_t subj = 0;
		char *st;
		/* A name right after the auxiliary is the subject. */
		if (yn >= 0) {
			struct qd_sent qs;
			memset(&qs, 0, sizeof(qs));
			qs.text = qd_xstrdup(q->question);
			qd_words_tokenize(&qs);
			if (qs.n_toks > 2 && (qs.toks[1].flags & QD_W_CAP)) {
				size_t j = 1;
				while (j + 1 < qs.n_toks && !qs.toks[j].after &&
				       (qs.toks[j + 1].flags & QD_W_CAP))
					j++;
				subj = qs.toks[j].end - qs.toks[1].start;
			}
			qd_sent_release(&qs);
			if ((st = qd_phrase_statement(q->question, subj))) {
				gu->card = UC_TF;
				gu->answer = st;
				gu->truth = yn == 1;
				return;
			}
		}
	}
	/* "What major companies use Rust?": a question after several names is
	 * answered by a list, never by the first of them. */
	bool plural = false;
	if (k == QD_Q_WHICH) {
		struct qd_sent qs;
		memset(&qs, 0, sizeof(qs));
		qs.text = qd_xstrdup(q->question);
		qd_words_tokenize(&qs);
		for (size_t t = 1; t < qs.n_toks && t <= 3 && !plural; t++) {
			size_t n = qs.toks[t].end - qs.toks[t].start;
			const char *w = qs.text + qs.toks[t].start;
			if (qd_word_in(QD_WC_STOP, w, n) || qd_word_is_verb(w, n))
				break;
			plural = n > 3 && w[n - 1] == 's' && w[n - 2] != 's';
		}
		qd_sent_release(&qs);
		for (size_t s = 0; s < u->n_sents && !plural; s++)
			plural = has_list(&u->sents[s], true);
	}
	if (k == QD_Q_WHO || k == QD_Q_WHEN || k == QD_Q_HOWMANY || k == QD_Q_WHERE ||
	    (k == QD_Q_WHICH && !plural)) {
		long fi = answering_fact(gu, first, k);
		if (fi >= 0 && !is_claimed(g, first, &first->facts[fi])) {
			gu->card = UC_TYPED;
			gu->typed_sent = 0;
			gu->typed_fact = (size_t)fi;
			gu->plans[0].how[fi] = H_BY_UNIT;
			gu->plans[0].asked++;
			claim(g, first, &first->facts[fi]);
			return;
		}
	}
	/* "What companies use X?" answered by a list: the list is asked item
	 * by item, not as a whole. */
	if (k == QD_Q_WHICH)
		for (size_t s = 0; s < u->n_sents; s++)
			if (has_list(&u->sents[s], false))
				return;
	if (k == QD_Q_OTHER && has_list(first, true))
		return;
	char *a = qd_phrase_short_answer(q->paras[0].text, k, MAX_BASIC_WORDS);
	if (!a)
		return;
	if (qd_phrase_words(a) <= MAX_BASIC_WORDS && !qd_lint_list_items(a)) {
		gu->card = UC_BASIC;
		gu->answer = a;
		claim_definition(g, first);
	} else {
		free(a);
	}
}

/* Abbreviation cards: "What does NASA stand for?". */
static void plan_abbreviations(struct gen *g, struct gunit *gu)
{
	for (size_t s = 0; s < gu->u->n_sents; s++) {
		const struct qd_fsent *fs = &gu->u->sents[s];
		for (size_t i = 0; i < fs->n_facts; i++) {
			const struct qd_fact *f = &fs->facts[i];
			if (!f->alias || gu->plans[s].how[i] != H_NONE || is_claimed(g, fs, f))
				continue;
			char *t = qd_fact_text(fs, f);
			bool camel = false;
			for (const char *c = t + 1; *c; c++)
				camel = camel || (*c >= 'A' && *c <= 'Z');
			bool long_ok = (strchr(t, ' ') || camel) &&
			               qd_phrase_words(t) <= QD_LINT_MAX_TYPED_WORDS && !strpbrk(t, "{}|") &&
			               strcasecmp(t, f->alias) != 0;
			size_t an = strlen(f->alias);
			bool abbr_ok = an >= 2 && an <= 8;
			for (size_t k = 0; k < an; k++)
				if (!((f->alias[k] >= 'A' && f->alias[k] <= 'Z') ||
				      (f->alias[k] >= 'a' && f->alias[k] <= 'z')))
					abbr_ok = false;
			free(t);
			if (!long_ok || !abbr_ok)
				continue;
			gu->plans[s].how[i] = H_ABBR;
			gu->plans[s].asked++;
			claim(g, fs, f);
		}
	}
}

static void plan_definitions(struct gen *g, struct gunit *gu)
{
	struct qd_buf key;

	qd_buf_init(&key);
	for (size_t s = 0; s < gu->u->n_sents; s++) {
		const struct qd_fsent *fs = &gu->u->sents[s];
		if (!fs->definition || !clean_sentence(fs))
			continue;
		definition_key(fs, &key);
		if (qd_strset_has(&g->claimed, key.data))
			continue;
		char *body = qd_phrase_short_answer(fs->s.text + fs->body_start, QD_Q_OTHER,
		                                    MAX_DEF_WORDS);
		if (!body)
			continue;
		bool ok = qd_phrase_words(body) >= 3 && !qd_lint_list_items(body);
		free(body);
		if (!ok)
			continue;
		qd_strset_add(&g->claimed, key.data);
		gu->plans[s].def_card = true;
		gu->plans[s].asked++;
		/* The card asks what X is; blanking X in the same sentence would
		 * ask the same fact backwards. */
		for (size_t i = 0; i < fs->n_facts; i++)
			if (fs->facts[i].start == fs->def_start && gu->plans[s].how[i] == H_NONE)
				gu->plans[s].how[i] = H_BY_UNIT;
	}
	qd_buf_release(&key);
}

/* The order facts of one sentence are taken in: by kind, then items of
 * several lists in turn (the first of each, then the second...), then by
 * place. */
struct pick {
	size_t fact;
	int pri;
	size_t pos;
};

static int pick_cmp(const void *x, const void *y)
{
	const struct pick *a = x, *b = y;

	if (a->pri != b->pri)
		return a->pri - b->pri;
	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	return (a->fact > b->fact) - (a->fact < b->fact);
}

static void plan_facts(struct gen *g, struct gunit *gu)
{
	for (size_t s = 0; s < gu->u->n_sents; s++) {
		const struct qd_fsent *fs = &gu->u->sents[s];
		struct splan *p = &gu->plans[s];
		struct pick *picks;
		if (!clean_sentence(fs) || !fs->n_facts)
			continue;
		picks = qd_xcalloc(fs->n_facts, sizeof(*picks));
		for (size_t i = 0; i < fs->n_facts; i++) {
			picks[i].fact = i;
			picks[i].pri = priority(&fs->facts[i]);
			picks[i].pos = fs->facts[i].list >= 0 ? fs->facts[i].list_pos : 0;
		}
		qsort(picks, fs->n_facts, sizeof(*picks), pick_cmp);
		for (size_t k = 0; k < fs->n_facts && p->asked < MAX_PER_SENTENCE; k++) {
			size_t i = picks[k].fact;
			const struct qd_fact *f = &fs->facts[i];
			/* A key term or a clause's last phrase only where the sentence
			 * has little else. */
			if ((f->kind == QD_FACT_KEY && p->asked) || (f->tail && p->asked > 1))
				break;
			if (p->how[i] != H_NONE || is_claimed(g, fs, f) || !askable(g, gu, fs, f))
				continue;
			p->how[i] = H_CLOZE;
			p->asked++;
			claim(g, fs, f);
		}
		free(picks);
	}
}

/* ---- writing cards ---- */

/* The sentence clipped around [bs, be) with the blank replaced by repl
 * (the cloze marker or "___"). */
static char *sentence_with(const struct qd_fsent *fs, size_t bs, size_t be, const char *repl)
{
	struct qd_buf b;
	size_t from, to;
	const char *s = fs->s.text;

	qd_phrase_clip(s, bs, be, &from, &to);
	qd_buf_init(&b);
	qd_buf_add(&b, s + from, bs - from);
	qd_buf_adds(&b, repl);
	qd_buf_add(&b, s + be, to - be);
	while (b.len && (b.data[b.len - 1] == ' ' || b.data[b.len - 1] == ',' ||
	                 b.data[b.len - 1] == ';'))
		b.data[--b.len] = '\0';
	if (b.len && !strchr(".!?\"", b.data[b.len - 1]))
		qd_buf_addc(&b, '.');
	if (from > 0 && b.data[0] >= 'a' && b.data[0] <= 'z')
		b.data[0] = (char)(b.data[0] - 'a' + 'A');
	return qd_buf_detach(&b, NULL);
}

static void write_fact(struct gen *g, size_t ui, size_t si, size_t fi)
{
	struct gunit *gu = &g->units[ui];
	const struct qd_fsent *fs = &gu->u->sents[si];
	const struct qd_fact *f = &fs->facts[fi];
	size_t start, end;
	blank_span(fs, f, &start, &end);
	char *answer = dup_n(fs->s.text + start, end - start);
	struct qd_strv choices = {NULL, 0};
	struct qd_gen_card *c;

	if ((f->kind == QD_FACT_NUMBER || f->kind == QD_FACT_YEAR) &&
	    qd_answer_figures(&g->f, fs, f, &choices)) {
		/* keep */
	} else if (end != qd_answer_end(f, true) || !qd_answer_names(&g->f, gu->u, fs, f, &choices)) {
		/* a name blanked in part ("the {{Aoi}} Matsuri") is a cloze */
		qd_strv_clear(&choices);
	}
	if (choices.len == 4) {
		char *q = sentence_with(fs, start, end, "___");
		struct qd_buf b;
		qd_buf_init(&b);
		qd_buf_addf(&b, "Which fills the blank? %s", q);
		free(q);
		c = new_card(g, ui, si, QD_CARD_CHOICE, "choice", answer);
		c->q = qd_buf_detach(&b, NULL);
		c->a = qd_xstrdup(answer);
		c->choices = choices;
		free(answer);
		return;
	}
	struct qd_strv forms = {NULL, 0};
	struct qd_buf m;
	if (end != qd_answer_end(f, true)) {
		char *whole = qd_answer_text(fs, f, true);
		qd_answer_add_form(&forms, answer, whole);
		free(whole);
	}
	qd_answer_forms(fs, f, answer, &forms);
	qd_buf_init(&m);
	qd_buf_addf(&m, "{{%s", answer);
	for (size_t k = 0; k < forms.len; k++)
		qd_buf_addf(&m, "|%s", forms.items[k]);
	qd_buf_adds(&m, "}}");
	c = new_card(g, ui, si, QD_CARD_CLOZE, "cloze", answer);
	c->text = sentence_with(fs, start, end, m.data);
	qd_buf_release(&m);
	qd_strv_clear(&forms);
	free(answer);
}

static void write_abbreviation(struct gen *g, size_t ui, size_t si, size_t fi)
{
	const struct qd_fsent *fs = &g->units[ui].u->sents[si];
	const struct qd_fact *f = &fs->facts[fi];
	char *t = qd_fact_text(fs, f);
	struct qd_buf q;
	struct qd_gen_card *c = new_card(g, ui, si, QD_CARD_TYPED, "abbr", f->alias);

	qd_buf_init(&q);
	qd_buf_addf(&q, "What does %s stand for?", f->alias);
	c->q = qd_buf_detach(&q, NULL);
	c->a = t;
	c->explain = qd_xstrdup(fs->s.text);
}

static bool capitalised_mid_sentence(const struct gen *g, const char *word);

static void write_definition(struct gen *g, size_t ui, size_t si)
{
	const struct qd_fsent *fs = &g->units[ui].u->sents[si];
	const struct qd_sent *s = &fs->s;
	char *x = dup_n(s->text + fs->def_start, fs->def_end - fs->def_start);
	char *body = qd_phrase_short_answer(s->text + fs->body_start, QD_Q_OTHER, MAX_DEF_WORDS);
	struct qd_buf q;
	bool plural = false;

	for (size_t k = 0; k < s->n_toks; k++)
		if (s->toks[k].start >= fs->def_end) {
			plural = qd_tok_is(s, k, "are") || qd_tok_is(s, k, "were");
			break;
		}
	/* "Crema" -> "crema", unless it is a name ("Kinkaku-ji", "Go's"). */
	if (x[0] >= 'A' && x[0] <= 'Z' && s->toks[0].start == fs->def_start &&
	    !(s->toks[0].flags & (QD_W_INNER_CAP | QD_W_ALLCAPS))) {
		bool name = false;
		char *w = dup_n(s->text + s->toks[0].start, s->toks[0].end - s->toks[0].start);
		for (size_t k = 0; k < fs->n_facts; k++)
			if (fs->facts[k].kind == QD_FACT_NAME && fs->facts[k].start == fs->def_start)
				name = true;
		if (!name && !(g->f.subject && strcasecmp(w, g->f.subject) == 0) &&
		    !capitalised_mid_sentence(g, w))
			x[0] = (char)(x[0] - 'A' + 'a');
		free(w);
	}
	qd_buf_init(&q);
	qd_buf_addf(&q, "What %s %s?", plural ? "are" : "is", x);
	struct qd_gen_card *c = new_card(g, ui, si, QD_CARD_BASIC, "what", x);
	c->q = qd_buf_detach(&q, NULL);
	c->a = body;
	free(x);
}

static char *join_paras(const struct qd_article_para *p, size_t n)
{
	struct qd_buf b;

	qd_buf_init(&b);
	for (size_t i = 0; i < n; i++) {
		if (i)
			qd_buf_adds(&b, "\n\n");
		qd_buf_adds(&b, p[i].text);
	}
	return qd_buf_detach(&b, NULL);
}

static void write_question(struct gen *g, size_t ui)
{
	struct gunit *gu = &g->units[ui];
	const struct qd_article_question *q = &g->a->questions[gu->u->index];
	struct qd_gen_card *c;

	switch (gu->card) {
	case UC_NONE:
		return;
	case UC_BASIC:
		c = new_card(g, ui, 0, QD_CARD_BASIC, NULL, NULL);
		c->q = qd_xstrdup(q->question);
		c->a = qd_xstrdup(gu->answer);
		{
			char *all = join_paras(q->paras, q->n_paras);
			if (strcmp(all, gu->answer) != 0)
				c->explain = all;
			else
				free(all);
		}
		return;
	case UC_TF:
		c = new_card(g, ui, 0, QD_CARD_TRUEFALSE, "tf", NULL);
		c->q = qd_xstrdup(gu->answer);
		c->truth = gu->truth;
		c->explain = qd_phrase_short_answer(q->paras[0].text, QD_Q_YESNO, 40);
		if (!c->explain)
			c->explain = qd_xstrdup(q->paras[0].text);
		return;
	case UC_TYPED: {
		const struct qd_fsent *fs = &gu->u->sents[gu->typed_sent];
		const struct qd_fact *f = &fs->facts[gu->typed_fact];
		char *t = qd_answer_text(fs, f, !(f->unit && qd_has_word(q->question, f->unit)));
		struct qd_strv forms = {NULL, 0};
		c = new_card(g, ui, gu->typed_sent, QD_CARD_TYPED, "typed", NULL);
		c->q = qd_xstrdup(q->question);
		qd_answer_forms(fs, f, t, &forms);
		c->a = t;
		c->accept = forms;
		c->explain = qd_xstrdup(fs->s.text);
		return;
	}
	}
}

static char *title_question(struct gen *g)
{
	static const char *const qwords[] = {"what", "why", "how", "who", "when", "where",
	                                     "which", "is", "are", "can", "does", "do",
	                                     "should", "was", "were", "did", NULL};
	const char *subject = g->f.subject;
	char *t = qd_xstrdup(g->a->title);
	struct qd_buf q;
	size_t w = strcspn(t, " ");
	bool asks = false;

	if (subject) { /* "What is rust used for" -> "What is Rust used for" */
		size_t n = strlen(subject);
		for (char *p = t; *p; p++)
			if (strncasecmp(p, subject, n) == 0 && (p == t || p[-1] == ' ') &&
			    !is_alnum(p[n]))
				memcpy(p, subject, n);
	}
	if (t[0] >= 'a' && t[0] <= 'z')
		t[0] = (char)(t[0] - 'a' + 'A');
	for (size_t i = 0; qwords[i]; i++)
		if (strlen(qwords[i]) == w && strncasecmp(qwords[i], t, w) == 0)
			asks = true;
	qd_buf_init(&q);
	if (asks)
		qd_buf_addf(&q, "%s%s", t, t[strlen(t) - 1] == '?' ? "" : "?");
	else
		qd_buf_addf(&q, "In short, what does the article \"%s\" say?", t);
	free(t);
	return qd_buf_detach(&q, NULL);
}

/* The quick answer's basic card: the title as a question, answered by the
 * quick answer's first sentence when that is short and not a list. */
static void plan_quick(struct gen *g, struct gunit *gu)
{
	char *a = qd_phrase_short_answer(g->a->quick, QD_Q_OTHER, MAX_BASIC_WORDS);

	if (!a)
		return;
	if (qd_phrase_words(a) > MAX_BASIC_WORDS || qd_lint_list_items(a) ||
	    (gu->u->n_sents && has_list(&gu->u->sents[0], false) &&
	     strncmp(a, gu->u->sents[0].s.text, strlen(a) - 1) == 0)) {
		free(a);
		return;
	}
	gu->card = UC_BASIC;
	gu->answer = a;
	if (gu->u->n_sents)
		claim_definition(g, &gu->u->sents[0]);
}

static void write_quick(struct gen *g, size_t ui)
{
	struct gunit *gu = &g->units[ui];
	struct qd_gen_card *c;

	if (gu->card != UC_BASIC)
		return;
	c = new_card(g, ui, 0, QD_CARD_BASIC, "answer", NULL);
	c->q = title_question(g);
	c->a = qd_xstrdup(gu->answer);
	if (strcmp(g->a->quick, gu->answer) != 0)
		c->explain = qd_xstrdup(g->a->quick);
}

static void write_unit(struct gen *g, size_t ui)
{
	struct gunit *gu = &g->units[ui];

	if (gu->u->kind == QD_UNIT_QUESTION)
		write_question(g, ui);
	else if (gu->u->kind == QD_UNIT_QUICK)
		write_quick(g, ui);
	for (size_t s = 0; s < gu->u->n_sents; s++) {
		struct splan *p = &gu->plans[s];
		if (p->def_card)
			write_definition(g, ui, s);
		for (size_t i = 0; i < gu->u->sents[s].n_facts; i++) {
			if (p->how[i] == H_ABBR)
				write_abbreviation(g, ui, s, i);
			else if (p->how[i] == H_CLOZE)
				write_fact(g, ui, s, i);
		}
	}
}

/* Leaves out the cards with a string over the deck format's limit. */
static void drop_misfits(struct gen *g)
{
	struct qd_gen_deck *d = g->d;
	size_t k = 0;

	for (size_t i = 0; i < d->n_cards; i++) {
		if (!qd_gen_card_fits(&d->cards[i])) {
			qd_gen_card_release(&d->cards[i]);
			continue;
		}
		d->cards[k] = d->cards[i];
		g->card_unit[k] = g->card_unit[i];
		g->card_sent[k] = g->card_sent[i];
		k++;
	}
	d->n_cards = k;
}

/* Cards of one sentence share a group named after the first of them;
 * a card alone needs none. */
static void assign_groups(struct gen *g)
{
	struct qd_gen_deck *d = g->d;
	struct qd_strset first = {0}; /* a sentence: the index of its first card */
	size_t *count = qd_xcalloc(d->n_cards + 1, sizeof(*count)), *of;

	of = qd_xcalloc(d->n_cards + 1, sizeof(*of));
	for (size_t i = 0; i < d->n_cards; i++) {
		size_t key[2] = {g->card_unit[i], g->card_sent[i]};
		if (qd_strset_put_n(&first, (const char *)key, sizeof(key), i, &of[i]))
			of[i] = i;
		count[of[i]]++;
	}
	for (size_t i = 0; i < d->n_cards; i++)
		if (count[of[i]] >= 2)
			d->cards[i].group = qd_xstrdup(d->cards[of[i]].id);
	qd_strset_release(&first);
	free(count);
	free(of);
}

/* ---- the last guard: no card check would warn about ---- */

struct smelly {
	struct qd_strset ids;
	struct qd_strv *notes;
};

static void note_smell(void *data, const struct qd_card *c, enum qd_lint_id id, int line,
                       int col, const char *msg)
{
	struct smelly *s = data;
	struct qd_buf b;

	(void)line;
	(void)col;
	qd_strset_add(&s->ids, c->id);
	if (!s->notes)
		return;
	qd_buf_init(&b);
	qd_buf_addf(&b, "left out card '%s': %s [-W%s]", c->id, msg, qd_lint_name(id));
	qd_strv_push(s->notes, b.data);
	qd_buf_release(&b);
}

static int drop_smells(struct qd_gen_deck *d, struct qd_strv *notes, struct qd_err *err)
{
	struct qd_deck *deck;
	struct smelly s = {{0}, notes};
	struct qd_buf yaml;
	int rc;

	qd_buf_init(&yaml);
	rc = qd_gen_deck_load(d, &yaml, &deck, err);
	/* An article too long for one deck is the article's doing (65, with
	 * the limit); any other deck the loader refuses is a generator bug. */
	if (rc && qd_gen_deck_within_limits(d, yaml.len, err) == 0) {
		char why[sizeof(err->msg)];
		memcpy(why, err->msg, sizeof(why));
		qd_err_set(err, QD_EXIT_SOFTWARE, "generated an invalid deck: %s", why);
	}
	qd_buf_release(&yaml);
	if (rc)
		return -1;
	qd_lint_deck(deck, NULL, note_smell, &s);
	qd_deck_free(deck);
	qd_gen_deck_remove_ids(d, &s.ids);
	qd_strset_release(&s.ids);
	return 0;
}

/* ---- deck fields ---- */

/* Whether the article writes word capitalised inside a sentence and never
 * in lowercase: a name ("Rust", "WebAssembly"), not "Systems". */
static bool capitalised_mid_sentence(const struct gen *g, const char *word)
{
	struct qd_buf key;
	bool r;

	qd_buf_init(&key);
	key_of(word, strlen(word), &key);
	r = qd_strset_has(&g->capitalised, key.data) && !qd_strset_has(&g->lowercase, key.data);
	qd_buf_release(&key);
	return r;
}

/* Reads once how the article writes each word, for the above. */
static void note_cases(struct gen *g)
{
	struct qd_buf key;

	qd_buf_init(&key);
	for (size_t u = 0; u < g->f.n_units; u++)
		for (size_t s = 0; s < g->f.units[u].n_sents; s++) {
			const struct qd_sent *se = &g->f.units[u].sents[s].s;
			for (size_t k = 0; k < se->n_toks; k++) {
				const struct qd_tok *t = &se->toks[k];
				key_of(se->text + t->start, t->end - t->start, &key);
				if (t->flags & QD_W_LOWER)
					qd_strset_add(&g->lowercase, key.data);
				else if (k > 0)
					qd_strset_add(&g->capitalised, key.data);
			}
		}
	qd_buf_release(&key);
}

/* A heading as it reads inside a sentence: Title-Case words become
 * lowercase unless the article writes them as names. */
static char *heading_phrase(const struct gen *g, const char *h)
{
	char *r = qd_xstrdup(h);
	const char *p = r, *w;
	size_t n;

	while ((w = qd_word_next(&p, &n))) {
		bool inner = false;
		for (size_t i = 1; i < n; i++)
			inner |= w[i] >= 'A' && w[i] <= 'Z';
		if (!(*w >= 'A' && *w <= 'Z') || inner)
			continue;
		char *word = dup_n(w, n);
		if (!capitalised_mid_sentence(g, word))
			r[w - r] = (char)(*w - 'A' + 'a');
		free(word);
	}
	return r;
}

static void cut_text(char *s)
{
	size_t n;

	if (!s || strlen(s) <= QD_DECK_MAX_TEXT)
		return;
	n = QD_DECK_MAX_TEXT - 3;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	while (n > 0 && s[n - 1] == ' ')
		n--;
	memcpy(s + n, "...", 4);
}

static void deck_meta(struct gen *g, const struct qd_gen_opts *opts)
{
	const struct qd_article *a = g->a;
	struct qd_gen_deck *d = g->d;
	struct qd_buf b;

	d->id = opts && opts->id ? qd_xstrdup(opts->id) : qd_slug_make(a->title, 6, SLUG_BYTES, false);
	if (!*d->id) {
		free(d->id);
		d->id = qd_xstrdup("article");
	}
	d->title = qd_xstrdup(a->title);
	qd_buf_init(&b);
	qd_buf_addf(&b, "Cards generated from the article \"%s\"", a->title);
	if (a->updated)
		qd_buf_addf(&b, " (last updated %s)", a->updated);
	if (a->n_sections) {
		qd_buf_adds(&b, ", covering ");
		for (size_t i = 0; i < a->n_sections; i++) {
			char *h = heading_phrase(g, a->sections[i].heading);
			qd_buf_addf(&b, "%s%s", i == 0 ? "" : i + 1 == a->n_sections ? " and " : ", ", h);
			free(h);
		}
	}
	if (a->n_questions)
		qd_buf_addf(&b, ", with %zu related question%s", a->n_questions,
		            a->n_questions == 1 ? "" : "s");
	qd_buf_adds(&b, ".");
	d->description = qd_buf_detach(&b, NULL);

	qd_buf_addf(&b, "%s", a->title);
	if (a->updated)
		qd_buf_addf(&b, " (last updated %s)", a->updated);
	for (size_t i = 0; i < a->n_sources; i++) {
		qd_buf_addf(&b, "%s%s", i ? ", " : "; sources: ", a->sources[i].title);
		if (a->sources[i].licence)
			qd_buf_addf(&b, " (%s)", a->sources[i].licence);
	}
	d->source = qd_buf_detach(&b, NULL);
	cut_text(d->title);
	cut_text(d->description);
	cut_text(d->source);
	for (size_t u = 0; u < g->n_units; u++)
		if (g->units[u].u->kind == QD_UNIT_SECTION && !qd_strv_has(&d->tags, g->units[u].tag))
			qd_strv_push(&d->tags, g->units[u].tag);
}

/* ---- the whole deck ---- */

static void setup_units(struct gen *g)
{
	g->n_units = g->f.n_units;
	g->units = qd_xcalloc(g->n_units ? g->n_units : 1, sizeof(*g->units));
	for (size_t i = 0; i < g->n_units; i++) {
		struct gunit *gu = &g->units[i];
		const struct qd_unit *u = &g->f.units[i];
		gu->u = u;
		switch (u->kind) {
		case QD_UNIT_QUICK:
			gu->prefix = qd_xstrdup("quick");
			gu->tag = qd_xstrdup("overview");
			break;
		case QD_UNIT_SECTION:
			gu->prefix = qd_slug_make(u->heading, 2, SLUG_BYTES, true);
			gu->tag = qd_slug_make(u->heading, 0, SLUG_BYTES, false);
			break;
		case QD_UNIT_QUESTION:
			gu->prefix = qd_slug_make(u->heading, 4, SLUG_BYTES, true);
			gu->tag = qd_xstrdup("related-questions");
			break;
		}
		if (!*gu->prefix) {
			free(gu->prefix);
			gu->prefix = qd_xstrdup(u->kind == QD_UNIT_QUESTION ? "question" : "section");
		}
		if (!*gu->tag) {
			free(gu->tag);
			gu->tag = qd_xstrdup("section");
		}
		gu->plans = qd_xcalloc(u->n_sents ? u->n_sents : 1, sizeof(*gu->plans));
		for (size_t s = 0; s < u->n_sents; s++)
			gu->plans[s].how = qd_xcalloc(u->sents[s].n_facts + 1, 1);
	}
}

static void release(struct gen *g)
{
	for (size_t i = 0; i < g->n_units; i++) {
		struct gunit *gu = &g->units[i];
		for (size_t s = 0; s < gu->u->n_sents; s++)
			free(gu->plans[s].how);
		free(gu->plans);
		free(gu->prefix);
		free(gu->tag);
		free(gu->answer);
	}
	free(g->units);
	free(g->card_unit);
	free(g->card_sent);
	qd_strset_release(&g->claimed);
	qd_strset_release(&g->ids);
	qd_strset_release(&g->bases);
	free(g->next);
	qd_strset_release(&g->capitalised);
	qd_strset_release(&g->lowercase);
	qd_facts_release(&g->f);
}

int qd_gen_deck(const struct qd_article *a, const struct qd_gen_opts *opts,
                struct qd_gen_deck *d, struct qd_err *err)
{
	struct gen g;

	memset(d, 0, sizeof(*d));
	if (opts && opts->id && !qd_slug_valid(opts->id, strlen(opts->id)))
		return qd_err_set(err, QD_EXIT_USAGE,
		                  "'%s' is not a valid deck id (use lowercase letters, digits and "
		                  "dashes, at most %d bytes)", opts->id, QD_DECK_MAX_ID);
	memset(&g, 0, sizeof(g));
	g.a = a;
	g.d = d;
	qd_facts_analyse(a, &g.f);
	note_cases(&g);
	setup_units(&g);

	/* What to ask, most specific first. */
	for (size_t u = 0; u < g.n_units; u++)
		if (g.units[u].u->kind == QD_UNIT_QUESTION)
			plan_question(&g, &g.units[u]);
		else if (g.units[u].u->kind == QD_UNIT_QUICK)
			plan_quick(&g, &g.units[u]);
	for (size_t u = 0; u < g.n_units; u++)
		plan_abbreviations(&g, &g.units[u]);
	for (size_t u = 0; u < g.n_units; u++)
		plan_definitions(&g, &g.units[u]);
	for (size_t u = 0; u < g.n_units; u++)
		if (g.units[u].u->kind == QD_UNIT_SECTION)
			plan_facts(&g, &g.units[u]);
	for (size_t u = 0; u < g.n_units; u++)
		if (g.units[u].u->kind == QD_UNIT_QUESTION)
			plan_facts(&g, &g.units[u]);
	for (size_t u = 0; u < g.n_units; u++)
		if (g.units[u].u->kind == QD_UNIT_QUICK)
			plan_facts(&g, &g.units[u]);

	/* The cards, in article order. */
	for (size_t u = 0; u < g.n_units; u++)
		write_unit(&g, u);
	drop_misfits(&g);
	assign_groups(&g);
	deck_meta(&g, opts);
	release(&g);

	if (drop_smells(d, opts ? opts->notes : NULL, err)) {
		qd_gen_deck_release(d);
		return -1;
	}
	if (!d->n_cards) {
		qd_gen_deck_release(d);
		return qd_err_set(err, QD_EXIT_DATAERR,
		                  "no card could be made from the article: it states no name, "
		                  "figure, date or term to ask for");
	}
	return 0;
}

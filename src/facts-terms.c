/*
 * The article reader's terms (see src/facts-read.h): what the article marks
 * as a term ("called X", quotes, appositions...) and the items of its
 * enumerations.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "facts-read.h"

/* ---- marked terms ---- */

/* A noun phrase starting at token i (after determiners): up to max
 * lowercase content words with nothing between them. Returns the last
 * token, or SIZE_MAX. A phrase opened by a gerund ("building X") skips
 * the gerund. */
static size_t phrase_from(const struct qd_sent *s, size_t i, size_t max, bool *used,
                          bool cued)
{
	size_t j;

	while (i < s->n_toks && tok_word_in(s, i, QD_WC_DETERMINER) && joined(s, i))
		i++;
	if (i < s->n_toks && qd_tok_len(s, i) > 4 &&
	    strncasecmp(tok_text(s, i) + qd_tok_len(s, i) - 3, "ing", 3) == 0 && joined(s, i))
		i++;
	if (i >= s->n_toks)
		return SIZE_MAX;
	for (j = i;; j++) {
		const struct qd_tok *t = &s->toks[j];
		if (used[j] || !(t->flags & QD_W_LOWER) || (t->flags & QD_W_DIGIT) ||
		    tok_word_in(s, j, QD_WC_STOP) || tok_word_in(s, j, QD_WC_PREP) ||
		    tok_word_in(s, j, QD_WC_CLAUSE) ||
		    (tok_verb(s, j) && !(cued && j == i &&
		                         !qd_word_is_past(tok_text(s, j), qd_tok_len(s, j)))) ||
		    (qd_tok_len(s, j) > 3 &&
		     strncasecmp(tok_text(s, j) + qd_tok_len(s, j) - 2, "ly", 2) == 0)) {
			break;
		}
		if (j - i + 1 > max)
			return SIZE_MAX;
		if (t->after || j + 1 >= s->n_toks) {
			j++;
			break;
		}
	}
	if (j == i)
		return SIZE_MAX;
	return j - 1;
}

/* Whether tokens [from, to] make a term worth a blank: not one vague
 * noun, not a generic modifier first, at least one word of three letters. */
static bool term_ok(const struct qd_sent *s, size_t from, size_t to)
{
	if (from == to && (tok_word_in(s, from, QD_WC_VAGUE) || qd_tok_len(s, from) < 3))
		return false;
	if (tok_word_in(s, from, QD_WC_GENERIC))
		return false;
	if (tok_word_in(s, to, QD_WC_VAGUE) && from == to)
		return false;
	return true;
}

static void add_term(struct qd_fsent *fs, size_t from, size_t to, bool *used, bool defined)
{
	const struct qd_sent *s = &fs->s;
	struct qd_fact *f = qd_facts_add(fs, s->toks[from].start, s->toks[to].end, QD_FACT_TERM);

	f->defined = defined;
	for (size_t k = from; k <= to; k++)
		used[k] = true;
}

void qd_facts_find_terms(struct reader *r, struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;

	for (size_t i = 0; i < s->n_toks; i++) {
		size_t next = SIZE_MAX;
		bool defined = false;
		/* "called X", "named X", "known as X", "referred to as X" */
		if ((qd_tok_is(s, i, "called") || qd_tok_is(s, i, "named") ||
		     qd_tok_is(s, i, "termed") || qd_tok_is(s, i, "dubbed") ||
		     qd_tok_is(s, i, "nicknamed")) && joined(s, i))
			next = i + 1;
		else if (i + 1 < s->n_toks && (qd_tok_is(s, i, "known") || qd_tok_is(s, i, "referred")) &&
		         joined(s, i) && joined(s, i + 1) && i + 2 < s->n_toks &&
		         qd_tok_is(s, i + 1, "as"))
			next = i + 2;
		else if (i + 2 < s->n_toks && qd_tok_is(s, i, "referred") && qd_tok_is(s, i + 1, "to") &&
		         qd_tok_is(s, i + 2, "as") && joined(s, i + 2) && i + 3 < s->n_toks)
			next = i + 3;
		if (next != SIZE_MAX) {
			defined = true;
			if (next < s->n_toks && qd_tok_is(s, next, "after"))
				continue; /* "named after X" */
			/* A name there is already a fact: mark it defined. */
			for (size_t k = 0; k < fs->n_facts; k++)
				if (fs->facts[k].start == s->toks[next].start)
					fs->facts[k].defined = true;
			size_t end = phrase_from(s, next, 3, used, true);
			if (end != SIZE_MAX) {
				size_t from = next;
				while (from < end && tok_word_in(s, from, QD_WC_DETERMINER))
					from++;
				if (term_ok(s, from, end) && !qd_facts_overlaps(fs, s->toks[from].start,
				                                       s->toks[end].end))
					add_term(fs, from, end, used, defined);
			}
			continue;
		}
		/* "enzymes such as invertase, which ...": one example named */
		if (i >= 1 && qd_tok_is(s, i, "as") && qd_tok_is(s, i - 1, "such") && joined(s, i) &&
		    i + 1 < s->n_toks && !used[i + 1] && (s->toks[i + 1].flags & QD_W_LOWER)) {
			size_t end = phrase_from(s, i + 1, 2, used, false);
			/* a single example ends at a comma or the sentence's end and
			 * is not the first of a list */
			if (end != SIZE_MAX && (end + 1 == s->n_toks ||
			                         (s->toks[end].after && s->toks[end].after != '(' &&
			                          !(end + 1 < s->n_toks && s->toks[end].after == ',' &&
			                            (s->toks[end + 1].flags & QD_W_LOWER) &&
			                            !tok_word_in(s, end + 1, QD_WC_CLAUSE)))) &&
			    term_ok(s, i + 1, end) && !qd_facts_overlaps(fs, s->toks[i + 1].start, s->toks[end].end))
				add_term(fs, i + 1, end, used, true);
		}
		/* "using cowpox to protect": what something is used as */
		if ((qd_tok_is(s, i, "using") || qd_tok_is(s, i, "use") || qd_tok_is(s, i, "uses")) &&
		    joined(s, i) && i + 2 < s->n_toks) {
			size_t a = i + 1, b = a;
			while (a < s->n_toks && tok_word_in(s, a, QD_WC_DETERMINER) && joined(s, a))
				a++;
			b = a;
			if (b + 1 < s->n_toks && joined(s, b) && (s->toks[b + 1].flags & QD_W_LOWER) &&
			    !tok_word_in(s, b + 1, QD_WC_STOP) && !tok_word_in(s, b + 1, QD_WC_PREP) &&
			    !tok_verb(s, b + 1))
				b++;
			struct stat_entry *e = a < s->n_toks ? qd_facts_stat(&r->words, tok_text(s, b),
			                                                 qd_tok_len(s, b), false) : NULL;
			if (a < s->n_toks && b + 1 < s->n_toks && joined(s, b) &&
			    (qd_tok_is(s, b + 1, "to") || qd_tok_is(s, b + 1, "for")) &&
			    (s->toks[a].flags & QD_W_LOWER) && !used[a] && !used[b] &&
			    !tok_word_in(s, a, QD_WC_STOP) && !tok_verb(s, a) && term_ok(s, a, b) &&
			    !(e && e->total >= 3) && !qd_facts_overlaps(fs, s->toks[a].start, s->toks[b].end))
				add_term(fs, a, b, used, false);
		}
		/* "without X", "used for X", "made of X" */
		if (joined(s, i) && i + 1 < s->n_toks &&
		    (qd_tok_is(s, i, "without") ||
		     (qd_tok_is(s, i, "for") && i > 0 &&
		      (qd_tok_is(s, i - 1, "used") || qd_tok_is(s, i - 1, "use") ||
		       (i > 1 && (qd_tok_is(s, i - 2, "uses") || qd_tok_is(s, i - 2, "use"))))) ||
		     ((qd_tok_is(s, i, "of") || qd_tok_is(s, i, "from")) && i > 0 &&
		      (qd_tok_is(s, i - 1, "made") || qd_tok_is(s, i - 1, "composed") ||
		       qd_tok_is(s, i - 1, "consists"))))) {
			size_t from = i + 1;
			while (from < s->n_toks && tok_word_in(s, from, QD_WC_DETERMINER) && joined(s, from))
				from++;
			size_t end = phrase_from(s, i + 1, 3, used, false);
			if (end != SIZE_MAX && end >= from) {
				/* the gerund phrase_from skipped */
				while (from < end && qd_tok_len(s, from) > 4 &&
				       strncasecmp(tok_text(s, from) + qd_tok_len(s, from) - 3, "ing", 3) == 0)
					from++;
				/* "without garbage collection"; one word after "without"
				 * is seldom the fact ("without permission") */
				bool one = end == from && qd_tok_is(s, i, "without");
				if (!one && term_ok(s, from, end) &&
				    !qd_facts_overlaps(fs, s->toks[from].start, s->toks[end].end))
					add_term(fs, from, end, used, false);
			}
			continue;
		}
		/* "X rather than Y", "X instead of Y": X, read backwards. */
		if (i > 0 && joined(s, i) && i + 1 < s->n_toks &&
		    ((qd_tok_is(s, i, "rather") && qd_tok_is(s, i + 1, "than")) ||
		     (qd_tok_is(s, i, "instead") && qd_tok_is(s, i + 1, "of"))) &&
		    !s->toks[i - 1].after) {
			size_t end = i - 1, from = end;
			/* back over content words; a verb's base form only as a
			 * modifier right after a preposition ("at compile time"), not
			 * after a subject ("Breville use electric pumps") */
			while (from > 0 && from + 2 > end + 1 && !s->toks[from - 1].after &&
			       (s->toks[from - 1].flags & QD_W_LOWER) && !used[from - 1] &&
			       !tok_word_in(s, from - 1, QD_WC_STOP) && !tok_word_in(s, from - 1, QD_WC_PREP) &&
			       !qd_word_is_past(tok_text(s, from - 1), qd_tok_len(s, from - 1)) &&
			       !(tok_verb(s, from - 1) &&
			         !(from >= 2 && (tok_word_in(s, from - 2, QD_WC_PREP) ||
			                         tok_word_in(s, from - 2, QD_WC_DETERMINER)))))
				from--;
			if (!used[end] && (s->toks[end].flags & QD_W_LOWER) && !tok_verb(s, end) &&
			    term_ok(s, from, end) &&
			    !tok_word_in(s, end, QD_WC_STOP) && !qd_facts_overlaps(fs, s->toks[from].start,
			                                                  s->toks[end].end))
				add_term(fs, from, end, used, false);
		}
	}
	/* "X, a/an/the Y": X named and described ("in a Dutch oven, a heavy
	 * lidded pot", "practised variolation, a riskier method", "making
	 * antibodies, Y-shaped proteins that ..."). Not in an opening phrase
	 * ("In the morning, the baker ..."). */
	bool opening = s->n_toks && (tok_word_in(s, 0, QD_WC_PREP) || tok_word_in(s, 0, QD_WC_LEAD));
	for (size_t i = 0; i + 2 < s->n_toks; i++) {
		const struct qd_tok *t = &s->toks[i];
		if (t->after != ',' || t->last != ',' || t->paren)
			continue;
		if (opening && i > 0) {
			opening = false; /* the first comma ends the opening phrase */
			continue;
		}
		bool described = qd_tok_is(s, i + 1, "a") || qd_tok_is(s, i + 1, "an") ||
		                 qd_tok_is(s, i + 1, "the") ||
		                 /* "Bronze, made mostly of copper and tin," */
		                 (i == 0 && qd_tok_is(s, i + 1, "made"));
		/* or a short description and a relative clause: ", Y-shaped proteins that" */
		for (size_t k = i + 2; !described && k < s->n_toks && k <= i + 4; k++) {
			if (s->toks[k - 1].after)
				break;
			if (qd_tok_is(s, k, "that") || qd_tok_is(s, k, "which") || qd_tok_is(s, k, "who"))
				described = !tok_word_in(s, i + 1, QD_WC_STOP) &&
				            !tok_verb(s, i + 1) && !(s->toks[i + 1].flags & QD_W_DIGIT);
		}
		if (described && (qd_tok_is(s, i + 1, "a") || qd_tok_is(s, i + 1, "an") ||
		                  qd_tok_is(s, i + 1, "the")) &&
		    (tok_word_in(s, i + 2, QD_WC_STOP) || tok_word_in(s, i + 2, QD_WC_PREP)))
			described = false; /* ", a little like yoghurt" describes nothing */
		/* An apposition ends before the sentence goes on: ", the wreck
		 * has been protected" opens the main clause instead. */
		for (size_t k = i + 2; described && k < s->n_toks && k <= i + 9; k++) {
			if (qd_tok_is(s, k, "that") || qd_tok_is(s, k, "which") ||
			    qd_tok_is(s, k, "who") || s->toks[k].after || k + 1 == s->n_toks)
				break;
			if (tok_word_in(s, k, QD_WC_CLAUSE) ||
			    (tok_verb(s, k) && !qd_word_is_past(tok_text(s, k), qd_tok_len(s, k))))
				described = false; /* a participle ("a library begun by") is fine */
		}
		/* "Brass, an alloy of copper and zinc": the first word of a
		 * sentence, capitalised only for being first */
		if (described && i == 0 && (t->flags & QD_W_CAP) && !used[0] &&
		    !(t->flags & (QD_W_ALLCAPS | QD_W_INNER_CAP | QD_W_DIGIT)) &&
		    !tok_word_in(s, 0, QD_WC_STOP) && !tok_word_in(s, 0, QD_WC_LEAD) &&
		    qd_tok_len(s, 0) >= 3) {
			add_term(fs, 0, 0, used, true);
			continue;
		}
		if (!described || i == 0 || tok_word_in(s, i, QD_WC_STOP) || tok_verb(s, i) ||
		    (t->flags & QD_W_DIGIT) || !(t->flags & QD_W_LOWER))
			continue;
		/* X: this word and, perhaps, one more before it ("Dutch oven"). */
		size_t from = i;
		size_t pn = from > 0 ? qd_tok_len(s, from - 1) : 0;
		const char *pw = from > 0 ? tok_text(s, from - 1) : "";
		bool verbish = pn > 4 && (strncasecmp(pw + pn - 3, "ing", 3) == 0 ||
		                          strncasecmp(pw + pn - 2, "ed", 2) == 0);
		if (from > 0 && !s->toks[from - 1].after && !tok_word_in(s, from - 1, QD_WC_STOP) &&
		    !tok_word_in(s, from - 1, QD_WC_PREP) && !tok_verb(s, from - 1) && !verbish &&
		    !qd_word_is_past(tok_text(s, from - 1), qd_tok_len(s, from - 1)) &&
		    !(s->toks[from - 1].flags & QD_W_DIGIT)) {
			/* A single word read as a name ("Dutch") joins the term. */
			struct qd_fact *nf = qd_facts_at(fs, s->toks[from - 1].start, s->toks[from - 1].end);
			if (!used[from - 1] || (nf && nf->kind == QD_FACT_NAME)) {
				if (nf)
					qd_facts_remove(fs, (size_t)(nf - fs->facts));
				used[from - 1] = false;
				from--;
			}
		}
		/* X is a whole noun phrase: what stands before it is an article,
		 * a preposition or a verb, not "if" or "one" */
		size_t b = from - 1;
		bool np = from > 0 && (tok_word_in(s, b, QD_WC_DETERMINER) ||
		                       tok_word_in(s, b, QD_WC_PREP) || qd_tok_is(s, b, "while") ||
		                       qd_tok_is(s, b, "whereas") || qd_tok_is(s, b, "and") ||
		                       qd_tok_is(s, b, "but") ||
		                       (!tok_word_in(s, b, QD_WC_STOP) && !tok_word_in(s, b, QD_WC_CLAUSE)));
		if (used[i] || !np || !term_ok(s, from, i) ||
		    qd_facts_overlaps(fs, s->toks[from].start, t->end) ||
		    (qd_tok_len(s, from) > 3 &&
		     strncasecmp(tok_text(s, from) + qd_tok_len(s, from) - 2, "ly", 2) == 0))
			continue;
		add_term(fs, from, i, used, true);
	}

	/* Short quoted phrases: “leg godt”, “dosing and tamping”. */
	for (size_t i = 0; i < s->n_toks; i++) {
		if (!(s->toks[i].flags & QD_W_QUOTED) || (i > 0 && (s->toks[i - 1].flags & QD_W_QUOTED)))
			continue;
		size_t j = i;
		bool clause = false;
		while (j + 1 < s->n_toks && (s->toks[j + 1].flags & QD_W_QUOTED))
			j++;
		for (size_t k = i; k <= j; k++)
			if (tok_word_in(s, k, QD_WC_CLAUSE) || tok_verb(s, k) || used[k] ||
			    (k < j && s->toks[k].after))
				clause = true;
		if (clause || j - i + 1 > 4 || s->toks[j].after != '"' || s->text[s->toks[j].end] != '"')
			continue;
		add_term(fs, i, j, used, true);
	}
	/* The last noun phrase of a clause after a preposition: "combine the
	 * work with a merge.", "give off carbon dioxide, which ...". */
	for (size_t i = 1; i < s->n_toks; i++) {
		const struct qd_tok *t = &s->toks[i];
		bool end = i + 1 == s->n_toks ||
		           (t->after == ',' && i + 1 < s->n_toks &&
		            (qd_tok_is(s, i + 1, "which") || qd_tok_is(s, i + 1, "while") ||
		             qd_tok_is(s, i + 1, "who") ||
		             (qd_tok_is(s, i + 1, "in") && i + 2 < s->n_toks &&
		              qd_tok_is(s, i + 2, "which"))));
		if (!end || used[i] || !(t->flags & QD_W_LOWER) || (t->flags & QD_W_DIGIT) ||
		    tok_word_in(s, i, QD_WC_STOP) || tok_verb(s, i) || t->paren)
			continue;
		size_t from = i;
		if (from > 1 && !s->toks[from - 1].after && !used[from - 1] &&
		    (s->toks[from - 1].flags & QD_W_LOWER) && !tok_word_in(s, from - 1, QD_WC_STOP) &&
		    !tok_word_in(s, from - 1, QD_WC_PREP) && !tok_verb(s, from - 1) &&
		    !tok_word_in(s, from - 1, QD_WC_GENERIC))
			from--;
		size_t p = from - 1;
		bool det = tok_word_in(s, p, QD_WC_DETERMINER) && p > 0;
		if (det)
			p--;
		/* a bare word after a preposition may be an idiom ("at bay", "by
		 * hand", "in time"), not a term */
		static const char *const idioms[] = {
			"bay", "hand", "time", "place", "turn", "fact", "least", "most", "once",
			"first", "last", "large", "general", "particular", "short", "total", "addition",
			"contrast", "practice", "theory", "advance", "order", "person", "public",
			"private", "common", "detail", "effect", "mind", "sight", "demand", "stock",
			"line", "charge", "control", "check", "touch", "fashion", "trouble", "danger",
			"use", "need", "full", "part", "whole", "return", "response", "case", "board",
			"hold", "home", "work", "school", "bed", "heart", "length", "depth", "principle",
			"average", "common", "time", "itself", "themselves", "sum", "fun", "purpose",
			NULL,
		};
		/* One word alone needs an article ("with a merge"; not "without
		 * permission", "on top", "to install"), is no gerund ("after the
		 * sinking") and no word the article keeps using ("the metal"). */
		bool lone = from == i;
		const char *tw = tok_text(s, i);
		size_t tn = qd_tok_len(s, i);
		struct stat_entry *e = qd_facts_stat(&r->words, tw, tn, false);
		bool possessive = tok_word_in(s, from - 1, QD_WC_DETERMINER) &&
		                  !qd_tok_is(s, from - 1, "a") && !qd_tok_is(s, from - 1, "an") &&
		                  !qd_tok_is(s, from - 1, "the");
		if (!tok_word_in(s, p, QD_WC_PREP) || s->toks[p].after || !term_ok(s, from, i) ||
		    (lone && (!det || possessive || qd_facts_listed(idioms, tw, tn) ||
		              (tn > 4 && strncasecmp(tw + tn - 3, "ing", 3) == 0) ||
		              (e && e->total >= 3))) ||
		    qd_facts_overlaps(fs, s->toks[from].start, t->end))
			continue;
		add_term(fs, from, i, used, false);
		/* "with baker's percentages, in which ...": the clause defines it */
		if (i + 2 < s->n_toks && qd_tok_is(s, i + 1, "in"))
			fs->facts[fs->n_facts - 1].defined = true;
		else
			fs->facts[fs->n_facts - 1].tail = true;
	}
}

/* ---- enumerations ---- */

struct seg {
	size_t *toks;       /* top-level token indexes */
	size_t n;           /* top-level words */
	size_t first, last; /* token range, inclusive */
};

static bool is_pronoun(const struct qd_sent *s, size_t i)
{
	static const char *const pronouns[] = {"it", "they", "he", "she", "we", "you", "i",
	                                       "them", "him", "her", "us", "this", "these",
	                                       "those", NULL};
	return qd_facts_listed(pronouns, tok_text(s, i), qd_tok_len(s, i));
}

/* The item a middle segment holds: its words up to the first
 * preposition or clause word ("git status to see what changed" holds "git
 * status"), at most four. Returns the number of words, or 0. */
static size_t segment_head(const struct qd_sent *s, const struct seg *g, bool cmd, bool tails)
{
	size_t h = 0;

	if (g->n < 1 || qd_tok_is(s, g->toks[0], "and") || qd_tok_is(s, g->toks[0], "or") ||
	    qd_tok_is(s, g->toks[0], "such"))
		return 0;
	while (h < g->n && !tok_word_in(s, g->toks[h], QD_WC_CLAUSE) &&
	       !tok_word_in(s, g->toks[h], QD_WC_PREP) && !qd_tok_is(s, g->toks[h], "such") &&
	       !(h > 0 && !(cmd && h == 1) && tok_verb(s, g->toks[h]) &&
	         !qd_word_is_past(tok_text(s, g->toks[h]), qd_tok_len(s, g->toks[h]))))
		h++;
	if (h == 0 || h > 4)
		return 0;
	/* Words after the head make it a phrase with a purpose ("git add to
	 * stage files"), in a list announced by a colon only; there only "to"
	 * or "for" may start that tail. */
	if (h < g->n && (!tails || (!qd_tok_is(s, g->toks[h], "to") &&
	                            !qd_tok_is(s, g->toks[h], "for"))))
		return 0;
	return h;
}

/* An item is a short noun phrase: not opened by a preposition or a
 * function word (once determiners are dropped), not ended by one, with no
 * verb after its first word and no digit. */
static bool item_ok(const struct reader *r, const struct qd_sent *s, size_t from, size_t to)
{
	if (to < from || to - from >= 4)
		return false;
	/* "git commit": the subject written as a command takes any word */
	if (to == from + 1 && qd_facts_is_subject(r, tok_text(s, from), qd_tok_len(s, from)) &&
	    (s->toks[from].flags & QD_W_LOWER))
		return true;
	if (tok_word_in(s, from, QD_WC_PREP) || tok_word_in(s, from, QD_WC_STOP) ||
	    tok_word_in(s, to, QD_WC_STOP) || tok_word_in(s, to, QD_WC_PREP))
		return false;
	for (size_t k = from; k <= to; k++) {
		if (k > from && tok_verb(s, k) && !qd_word_is_past(tok_text(s, k), qd_tok_len(s, k)))
			return false;
		if (k == to && k > from && qd_word_is_past(tok_text(s, k), qd_tok_len(s, k)))
			return false;
		if (tok_word_in(s, k, QD_WC_CLAUSE))
			return false;
	}
	if (from == to && tok_verb(s, from) && !(s->toks[from].flags & QD_W_CAP))
		return false;
	/* "offering excellent performance" is a clause, not an item */
	if (to > from && qd_tok_len(s, from) > 4 &&
	    strncasecmp(tok_text(s, from) + qd_tok_len(s, from) - 3, "ing", 3) == 0 &&
	    !(s->toks[from].flags & QD_W_CAP))
		return false;
	return true;
}

/* Records an item, reusing a fact (a name) with exactly its span. */
static bool list_item(const struct reader *r, struct qd_fsent *fs, size_t from, size_t to,
                      int list, size_t pos, bool *used, bool dry)
{
	const struct qd_sent *s = &fs->s;
	size_t start, end;
	struct qd_fact *t;

	while (from < to && tok_word_in(s, from, QD_WC_DETERMINER))
		from++;
	start = s->toks[from].start;
	end = s->toks[to].end;
	t = qd_facts_at(fs, start, end);
	if (!t) {
		/* An item that starts or ends with a name is that name. */
		for (size_t k = 0; k < fs->n_facts && !t; k++) {
			struct qd_fact *x = &fs->facts[k];
			if (x->kind == QD_FACT_NAME && ((x->start == start && x->end <= end) ||
			                                (x->end == end && x->start >= start)))
				t = x;
		}
	}
	if (dry)
		return t || (item_ok(r, s, from, to) && !qd_facts_overlaps(fs, start, end));
	if (!t) {
		for (size_t k = from; k <= to; k++)
			used[k] = true;
		t = qd_facts_add(fs, start, end, QD_FACT_ITEM);
	}
	t->list = list;
	t->list_pos = pos;
	return true;
}

/* Gives every item of list a list_len. */
static void close_list(struct qd_fsent *fs, int list)
{
	size_t n = 0;

	for (size_t k = 0; k < fs->n_facts; k++)
		n += fs->facts[k].list == list;
	for (size_t k = 0; k < fs->n_facts; k++)
		if (fs->facts[k].list == list)
			fs->facts[k].list_len = n;
}

/* Records the items [items[m][0], items[m][1]] (token ranges) as one list,
 * if every one is a fair item; else records nothing. Returns whether it did. */
static bool add_list(struct reader *r, struct qd_fsent *fs, size_t (*items)[2], size_t n,
                     bool *used)
{
	for (size_t m = 0; m < n; m++)
		if (!list_item(r, fs, items[m][0], items[m][1], 0, 0, used, true))
			return false;
	int id = r->next_list++;
	for (size_t m = 0; m < n; m++)
		list_item(r, fs, items[m][0], items[m][1], id, m, used, false);
	close_list(fs, id);
	return true;
}

/* "A, B, and C" / "A, B and C" at the top level of the sentence, and
 * comma lists in parentheses. Every item must be a short noun phrase; a
 * fronted phrase ("Over decades, air and rain ...") is not an item. */
void qd_facts_find_lists(struct reader *r, struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;
	struct seg *segs = NULL;
	size_t n_segs = 0, n_top = 0;
	size_t *top = qd_xmalloc((s->n_toks + 1) * sizeof(*top));
	size_t items[32][2];

	for (size_t i = 0; i < s->n_toks; i++) {
		char pl = i ? s->toks[i - 1].last : 0;
		if (i == 0 || (pl == ',' && s->toks[i].paren == 0) ||
		    (pl && pl != ',' && pl != '(' && pl != ')' && pl != '"' && s->toks[i].paren == 0)) {
			segs = qd_xrealloc(segs, (n_segs + 1) * sizeof(*segs));
			memset(&segs[n_segs], 0, sizeof(*segs));
			segs[n_segs].first = i;
			segs[n_segs].toks = top + n_top;
			n_segs++;
		}
		struct seg *g = &segs[n_segs - 1];
		g->last = i;
		if (s->toks[i].paren == 0) {
			top[n_top++] = i;
			g->n++;
		}
	}
	for (size_t j = 1; j < n_segs; j++) {
		struct seg *last = &segs[j];
		size_t conj = 0;
		while (conj < last->n && conj <= 4 && !qd_tok_is(s, last->toks[conj], "and") &&
		       !qd_tok_is(s, last->toks[conj], "or")) {
			if (tok_word_in(s, last->toks[conj], QD_WC_CLAUSE) ||
			    tok_word_in(s, last->toks[conj], QD_WC_PREP))
				break;
			conj++;
		}
		if (conj >= last->n || conj > 4 || conj + 1 >= last->n ||
		    (!qd_tok_is(s, last->toks[conj], "and") && !qd_tok_is(s, last->toks[conj], "or")))
			continue;
		if (s->toks[segs[j].first - 1].last != ',')
			continue;
		size_t k = j - 1, maxw = conj, heads[32];
		bool cmd = last->n > conj + 1 &&
		           qd_facts_is_subject(r, tok_text(s, last->toks[conj + 1]), qd_tok_len(s, last->toks[conj + 1])) &&
		           (s->toks[last->toks[conj + 1]].flags & QD_W_LOWER);
		/* A list announced by a colon: "commands: A to X, B to Y, and C". */
		bool tails = false;
		for (size_t m = j; m-- > 0;) {
			if (!segment_head(s, &segs[m], cmd, true) || segs[m].first == 0)
				break;
			if (s->toks[segs[m].first - 1].last == ':') {
				tails = true;
				break;
			}
			if (s->toks[segs[m].first - 1].last != ',')
				break;
		}
		while (k >= 1 && (heads[k % 32] = segment_head(s, &segs[k], cmd, tails)) &&
		       s->toks[segs[k].first - 1].last == ',') {
			if (heads[k % 32] > maxw)
				maxw = heads[k % 32];
			k--;
		}
		if (k + 1 == j && conj == 0)
			continue; /* no middle item */
		/* "styrene (ABS), a hard and glossy plastic": one comma and a
		 * determiner after it is an apposition, not a list. */
		if (k + 1 == j && tok_word_in(s, last->toks[0], QD_WC_DETERMINER))
			continue;
		struct seg *fsg = &segs[k];
		size_t take = 0, limit = maxw + 1 > 3 ? maxw + 1 : 3, nf = fsg->n;
		if (!nf)
			continue;
		/* A segment opened by "and" ends an earlier list: "Actix-web,
		 * Rocket, and Axum, offering X and Y" has no list after Axum. */
		if (qd_tok_is(s, fsg->toks[0], "and") || qd_tok_is(s, fsg->toks[0], "or"))
			continue;
		size_t f0;
		bool after_colon = tails && fsg->first > 0 && s->toks[fsg->first - 1].last == ':';
		if (after_colon) {
			/* "commands: git status to see what changed, ...": the
			 * first item is the head of its segment, like the others. */
			size_t h = segment_head(s, fsg, cmd, tails);
			if (!h)
				continue;
			f0 = 0;
			nf = h;
		} else {
			while (take < nf && take < limit) {
				size_t ti = fsg->toks[nf - 1 - take];
				if (tok_word_in(s, ti, QD_WC_CLAUSE) || tok_word_in(s, ti, QD_WC_PREP) ||
				    qd_tok_is(s, ti, "and") || qd_tok_is(s, ti, "or") ||
				    (s->toks[ti].paren == 0 && s->toks[ti].after && ti != fsg->toks[nf - 1]) ||
				    (take > 0 && tok_verb(s, ti)))
					break;
				take++;
			}
			if (take == 0)
				continue;
			f0 = nf - take;
			/* "because it blocks light, ...": after a subject pronoun the
			 * first word is the verb */
			if (take > 1 && f0 > 0 && is_pronoun(s, fsg->toks[f0 - 1]))
				f0++;
			if (take > 1 && f0 > 0 && tok_word_in(s, fsg->toks[f0 - 1], QD_WC_PREP)) {
				size_t ti = fsg->toks[f0];
				if ((qd_tok_len(s, ti) > 4 &&
				     strncmp(tok_text(s, ti) + qd_tok_len(s, ti) - 3, "ing", 3) == 0) ||
				    qd_tok_is(s, fsg->toks[f0 - 1], "to"))
					f0++;
			}
		}
		/* An item ending with a name is that name. */
		for (size_t m = 0; m < fs->n_facts; m++) {
			const struct qd_fact *x = &fs->facts[m];
			if (x->kind == QD_FACT_NAME && x->end == s->toks[fsg->toks[nf - 1]].end &&
			    x->start > s->toks[fsg->toks[f0]].start)
				while (f0 < nf && s->toks[fsg->toks[f0]].start < x->start)
					f0++;
		}
		/* "Afterwards, some B cells and T cells": with one comma, a first
		 * item at the start of the sentence is more often an opening
		 * phrase than an item. */
		if (j == k + 1 && fsg->toks[f0] == 0)
			continue;
		/* A fronted phrase is no item: "Over decades, air and rain"; but
		 * "Through the 1930s the workshop turned out A, B and C" is a list. */
		bool fronted = k == 0 && f0 > 0 && f0 <= 2 && fsg->toks[0] == 0 &&
		               (tok_word_in(s, 0, QD_WC_PREP) || tok_word_in(s, 0, QD_WC_LEAD));
		size_t first_len = nf - f0;
		size_t l0 = conj + 1, l1 = conj + 1;
		bool by_prep = false, by_bound = false;
		while (l1 < last->n) {
			size_t ti = last->toks[l1];
			if (tok_word_in(s, ti, QD_WC_CLAUSE) ||
			    (l1 > l0 && !(cmd && l1 == l0 + 1) && tok_verb(s, ti) &&
			     !qd_word_is_past(tok_text(s, ti), qd_tok_len(s, ti)))) {
				by_bound = true;
				break;
			}
			if (tok_word_in(s, ti, QD_WC_PREP)) {
				by_prep = true;
				break;
			}
			if (s->toks[ti].after) {
				l1++;
				by_bound = true;
				break;
			}
			l1++;
		}
		size_t lw = l1 - l0, lim = maxw > first_len ? maxw : first_len;
		if (lw == 0)
			continue;
		/* "... or check that servers are running": a verb, so the items
		 * are things done, not things */
		if (l1 < last->n && qd_tok_is(s, last->toks[l1], "that") && lw == 1)
			continue;
		/* "and bicycles use it": before an object pronoun stands a verb */
		if (l1 < last->n && lw > 1 && is_pronoun(s, last->toks[l1]))
			lw--;
		else if (by_prep && lw > lim && !tok_word_in(s, last->toks[l0], QD_WC_DETERMINER))
			lw--;
		if (!by_prep && !by_bound && lw > 4)
			lw = lim;
		if (lw > 4)
			lw = 4;
		for (size_t m = 0; m < fs->n_facts; m++) {
			const struct qd_fact *x = &fs->facts[m];
			if (x->kind != QD_FACT_NAME || x->start != s->toks[last->toks[l0]].start)
				continue;
			for (size_t w = 1; w <= lw; w++)
				if (s->toks[last->toks[l0 + w - 1]].end == x->end)
					lw = w;
		}
		size_t ni = 0;
		if (!fronted) {
			items[ni][0] = fsg->toks[f0];
			items[ni][1] = fsg->toks[nf - 1];
			ni++;
		}
		for (size_t m = k + 1; m < j && ni < 30; m++) {
			items[ni][0] = segs[m].toks[0];
			items[ni][1] = segs[m].toks[heads[m % 32] - 1];
			ni++;
		}
		if (conj) {
			items[ni][0] = last->toks[0];
			items[ni][1] = last->toks[conj - 1];
			ni++;
		}
		items[ni][0] = last->toks[l0];
		items[ni][1] = last->toks[l0 + lw - 1];
		ni++;
		if (ni >= 3)
			add_list(r, fs, items, ni, used);
	}
	free(segs);
	free(top);

	/* Two things something is made of or turned into: "made of copper and
	 * tin", "splits sucrose into glucose and fructose". */
	for (size_t i = 2; i + 1 < s->n_toks; i++) {
		if (!qd_tok_is(s, i, "and") || s->toks[i].paren || !joined(s, i) || !joined(s, i - 1))
			continue;
		size_t a0 = i - 1, b1 = i + 1;
		if (a0 > 0 && joined(s, a0 - 1) && (s->toks[a0 - 1].flags & QD_W_LOWER) &&
		    !tok_word_in(s, a0 - 1, QD_WC_STOP) && !tok_word_in(s, a0 - 1, QD_WC_PREP))
			a0--;
		if (a0 == 0)
			continue;
		size_t p = a0 - 1;
		bool cue = qd_tok_is(s, p, "into") ||
		           ((qd_tok_is(s, p, "of") || qd_tok_is(s, p, "from")) && p > 0 &&
		            (qd_tok_is(s, p - 1, "made") || qd_tok_is(s, p - 1, "composed") ||
		             qd_tok_is(s, p - 1, "consists") ||
		             (p > 1 && qd_tok_is(s, p - 2, "made"))));
		if (!cue)
			continue;
		if (b1 + 1 < s->n_toks && joined(s, b1) && (s->toks[b1 + 1].flags & QD_W_LOWER) &&
		    !tok_word_in(s, b1 + 1, QD_WC_STOP) && !tok_word_in(s, b1 + 1, QD_WC_PREP) &&
		    !tok_verb(s, b1 + 1))
			b1++;
		bool closed = b1 + 1 >= s->n_toks || s->toks[b1].after ||
		              tok_word_in(s, b1 + 1, QD_WC_CLAUSE) || tok_word_in(s, b1 + 1, QD_WC_PREP);
		if (!closed || !item_ok(r, s, a0, i - 1) || !item_ok(r, s, i + 1, b1))
			continue;
		size_t pair[2][2] = {{a0, i - 1}, {i + 1, b1}};
		add_list(r, fs, pair, 2, used);
	}

	/* "(ripgrep, tokei, exa)" */
	for (size_t i = 1; i < s->n_toks; i++) {
		if (s->toks[i].paren != 1 || s->toks[i - 1].after != '(')
			continue;
		size_t ni = 0, a = i, k = i;
		bool ok = true;
		for (;; k++) {
			if (k >= s->n_toks || s->toks[k].paren != 1) {
				ok = false;
				break;
			}
			char p = s->toks[k].after;
			if (p == ',' || p == ')') {
				if (ni == 30 || k - a >= 4) {
					ok = false;
					break;
				}
				items[ni][0] = a;
				items[ni][1] = k;
				ni++;
				a = k + 1;
				if (p == ')')
					break;
			} else if (p) {
				ok = false;
				break;
			}
		}
		if (ok && ni >= 2)
			add_list(r, fs, items, ni, used);
	}

	/* A technical word after "like", "such as" or "including"
	 * ("wasm-pack"), or alone in parentheses ("(crates.io)"), is a name. */
	for (size_t i = 1; i < s->n_toks; i++) {
		const struct qd_tok *t = &s->toks[i];
		bool after = (!s->toks[i - 1].after &&
		              (qd_tok_is(s, i - 1, "like") || qd_tok_is(s, i - 1, "including") ||
		               (i >= 2 && qd_tok_is(s, i - 1, "as") && qd_tok_is(s, i - 2, "such")))) ||
		             (s->toks[i - 1].after == '(' && t->after == ')' && t->paren == 1);
		bool technical = false, dotted = false;
		if (used[i])
			continue;
		for (size_t k = t->start + 1; k + 1 < t->end; k++) {
			if (strchr("-._", s->text[k]) || (s->text[k] >= '0' && s->text[k] <= '9'))
				technical = true;
			/* "golang.org", "crates.io"; not "p.m" or "e.g" */
			if ((s->text[k] == '.' || s->text[k] == '_') && s->text[k + 1] != '.' &&
			    k >= t->start + 2 && t->end - k > 2)
				dotted = true;
		}
		/* "golang.org", "sqlite_utils": written like code anywhere */
		if (!after && !(dotted && (t->flags & QD_W_LOWER)))
			continue;
		if (technical) {
			qd_facts_add(fs, t->start, t->end, QD_FACT_NAME);
			used[i] = true;
		}
	}
}


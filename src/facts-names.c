/*
 * The article reader's names (see src/facts-read.h): dates, runs of
 * capitalised words and who among them is a person, abbreviations with
 * their long forms.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "facts-read.h"

/* ---- dates ---- */

static bool day_number(const struct qd_sent *s, size_t i)
{
	const struct qd_tok *t = &s->toks[i];
	size_t n = t->end - t->start;
	long v;
	char *end;

	if (n < 1 || n > 2 || !(t->flags & QD_W_DIGIT))
		return false;
	v = strtol(tok_text(s, i), &end, 10);
	return end == tok_text(s, i) + n && v >= 1 && v <= 31;
}

bool qd_facts_year_number(const struct qd_sent *s, size_t i)
{
	const struct qd_tok *t = &s->toks[i];
	long v;
	char *end;

	if (t->end - t->start != 4 || !(t->flags & QD_W_DIGIT))
		return false;
	v = strtol(tok_text(s, i), &end, 10);
	return end == tok_text(s, i) + 4 && v >= 1000 && v <= 2099;
}

void qd_facts_find_dates(struct reader *r, struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;

	for (size_t i = 0; i < s->n_toks; i++) {
		if (!tok_word_in(s, i, QD_WC_MONTH) || !tok_has(s, i, QD_W_CAP) || used[i])
			continue;
		size_t from = i, to = i;
		/* "20 July 1969" */
		if (i > 0 && day_number(s, i - 1) && joined(s, i - 1) && !used[i - 1])
			from = i - 1;
		/* "July 20, 1969", "July 20", "May 1961" */
		if (from == i && i + 1 < s->n_toks && joined(s, i) && day_number(s, i + 1)) {
			to = i + 1;
			if (i + 2 < s->n_toks && (s->toks[i + 1].after == ',' || !s->toks[i + 1].after) &&
			    s->toks[i + 1].last != '.' && qd_facts_year_number(s, i + 2))
				to = i + 2;
		} else if (i + 1 < s->n_toks && joined(s, i) && qd_facts_year_number(s, i + 1)) {
			to = i + 1;
		}
		if (from == to) {
			/* A month alone ("in May") is no fact. */
			continue;
		}
		qd_facts_add(fs, s->toks[from].start, s->toks[to].end, QD_FACT_DATE);
		for (size_t k = from; k <= to; k++)
			used[k] = true;
		i = to;
	}
	(void)r;
}

/* ---- names ---- */

/* Words after which a capitalised run is an organisation or a place, not
 * a person ("Kennedy Space Center"). */
static const char *const not_person_words[] = {
	"company", "inc", "corporation", "corp", "ltd", "group", "university", "center", "centre",
	"institute", "foundation", "association", "society", "agency", "administration",
	"council", "office", "department", "museum", "temple", "shrine", "palace", "castle",
	"station", "airport", "island", "islands", "lake", "gulf", "channel", "canal", "valley",
	"state", "states", "kingdom", "republic", "union", "empire", "party", "protocol",
	"treaty", "act", "prize", "award", "cup", "games", "machine", "engine", "project",
	"program", "programme", "mission", "system", "service", "services", "network",
	"language", "bridge", "tower", "road", "street", "square", "avenue", "church",
	"cathedral", "school", "college", "academy", "library", "navy", "army", "force",
	"forces", "bay", "sea", "ocean", "river", "mountain", "mountains", "city", "park",
	"hall", "house", "studio", "studios", "records", "press", "times", "post", "news",
	"labs", "lab", "laboratory", "world", "war", "age", "era", "period", "dynasty",
	"festival", "market", "district", "province", "county", "prefecture", "region",
	"peninsula", "desert", "forest", "coast", "base", "tranquility", NULL,
};

bool qd_facts_listed(const char *const *list, const char *w, size_t n)
{
	for (size_t i = 0; list[i]; i++)
		if (strlen(list[i]) == n && strncasecmp(list[i], w, n) == 0)
			return true;
	return false;
}

/* Verbs that say a person did something. */
static const char *const agent_verbs[] = {
	"created", "invented", "founded", "patented", "wrote", "discovered", "designed", "led",
	"said", "radioed", "joined", "walked", "stepped", "built", "started", "introduced",
	"developed", "proposed", "described", "named", "painted", "composed", "directed",
	"explained", "argued", "claimed", "announced", "became", "was", "is", "died", "won",
	"met", "married", "showed", "studied", "taught", "ruled", "asked", "followed", NULL,
};

/* Marks a name as a person's when its shape and the article say so. */
static bool person_name(struct reader *r, const struct qd_sent *s, size_t from, size_t to,
                        bool titled)
{
	size_t words = 0;
	bool initial = false;

	if (titled)
		return true;
	for (size_t k = from; k <= to; k++) {
		const struct qd_tok *t = &s->toks[k];
		if (t->flags & (QD_W_DIGIT | QD_W_SYMBOL | QD_W_ALLCAPS | QD_W_INNER_CAP))
			return false;
		if (tok_word_in(s, k, QD_WC_CONNECTOR))
			return false;
		if (qd_facts_listed(not_person_words, tok_text(s, k), qd_tok_len(s, k)))
			return false;
		if (qd_facts_is_initial(s, k))
			initial = true;
		words++;
	}
	if (words < 2 || words > 4)
		return false;
	if (initial)
		return true;
	/* The surname alone elsewhere ("Armstrong radioed"). */
	struct stat_entry *e = qd_facts_stat(&r->words, tok_text(s, to), qd_tok_len(s, to), false);
	if (e && e->alone_name > 0 && e->lower == 0)
		return true;
	/* The subject of a verb people do ("Linus Torvalds created Git"). */
	if (to + 1 < s->n_toks && !s->toks[to].after &&
	    qd_facts_listed(agent_verbs, tok_text(s, to + 1), qd_tok_len(s, to + 1)))
		return true;
	/* "X, the commander", "X, an Italian barista": an apposition that
	 * names a person's role. */
	static const char *const roles[] = {
		"commander", "pilot", "founder", "creator", "inventor", "president", "chemist",
		"scientist", "doctor", "physicist", "engineer", "writer", "author", "carpenter",
		"son", "daughter", "wife", "husband", "king", "queen", "leader", "captain",
		"director", "designer", "programmer", "developer", "professor", "student", "artist",
		"architect", "emperor", "astronaut", "baker", "explorer", "maintainer", "chef",
		"barista", "poet", "painter", "composer", "mathematician", "biologist", "priest",
		"monk", "minister", "secretary", "officer", "general", "soldier", "player", "coach",
		"singer", "actor", "actress", "journalist", "philosopher", "historian", NULL,
	};
	if (s->toks[to].after == ',' && to + 2 < s->n_toks &&
	    (qd_tok_is(s, to + 1, "a") || qd_tok_is(s, to + 1, "an") || qd_tok_is(s, to + 1, "the")))
		for (size_t k = to + 2; k < s->n_toks && k <= to + 5; k++) {
			if (qd_facts_listed(roles, tok_text(s, k), qd_tok_len(s, k)))
				return true;
			if (s->toks[k].after)
				break;
		}
	return false;
}

/* The letters an abbreviation is made of: the initials of the words of
 * s[from..to] (both capitals of a camel-case word), function words left
 * out. */
static void initials_of(const struct qd_sent *s, size_t from, size_t to, bool all_words,
                        char *out, size_t size)
{
	size_t o = 0;

	for (size_t k = from; k <= to && o + 1 < size; k++) {
		const char *w = tok_text(s, k);
		size_t n = qd_tok_len(s, k);
		if ((!all_words && tok_word_in(s, k, QD_WC_STOP) && !(s->toks[k].flags & QD_W_CAP)) ||
		    qd_tok_is(s, k, "&"))
			continue;
		out[o++] = (char)(w[0] >= 'a' && w[0] <= 'z' ? w[0] - 'a' + 'A' : w[0]);
		for (size_t j = 1; j < n && o + 1 < size; j++)
			if (w[j] >= 'A' && w[j] <= 'Z')
				out[o++] = w[j];
	}
	out[o] = '\0';
}

static int char_cmp(const void *a, const void *b)
{
	return *(const char *)a - *(const char *)b;
}

/* Whether abbr abbreviates the words s[from..to]: their initials, in order
 * or (as "UTC" for "Coordinated Universal Time") in another order. */
static bool abbreviates(const char *abbr, size_t n, const struct qd_sent *s, size_t from,
                        size_t to)
{
	char ini[64], all[64], a[64];

	if (n < 2 || n >= sizeof(a))
		return false;
	initials_of(s, from, to, false, ini, sizeof(ini));
	initials_of(s, from, to, true, all, sizeof(all));
	for (size_t k = 0; k < n; k++)
		a[k] = (char)(abbr[k] >= 'a' && abbr[k] <= 'z' ? abbr[k] - 'a' + 'A' : abbr[k]);
	a[n] = '\0';
	/* "WHO", "IoT" (with the "of"), "NASA" */
	if (strcmp(ini, a) == 0 || strcmp(all, a) == 0)
		return true;
	/* Camel case gives extra capitals: "WebAssembly" (WA) for "WASM". */
	if (from == to && strlen(ini) > 1 && strncmp(ini, a, strlen(ini)) == 0 &&
	    (s->toks[to].flags & QD_W_INNER_CAP))
		return true;
	/* The same initials in another order: "UTC" for "Coordinated
	 * Universal Time". */
	if (strlen(ini) < 2)
		return false;
	qsort(ini, strlen(ini), 1, char_cmp);
	qsort(a, n, 1, char_cmp);
	return strcmp(ini, a) == 0;
}

/* For "(ABBR)" right after token k: how far back the long form starts so
 * that its initials spell ABBR ("National Aeronautics and Space
 * Administration"), or SIZE_MAX. */
static size_t long_form_start(const struct qd_sent *s, size_t k, const char *abbr, size_t n)
{
	for (size_t j = k + 1; j-- > 0 && k - j < 8;) {
		const struct qd_tok *t = &s->toks[j];
		if ((j < k && t->after) || t->paren != s->toks[k].paren)
			return SIZE_MAX;
		if (tok_word_in(s, j, QD_WC_STOP) && !(t->flags & QD_W_CAP))
			continue; /* a long form does not start with "of" or "and" */
		if (abbreviates(abbr, n, s, j, k))
			return j;
	}
	return SIZE_MAX;
}

/* A token that reads as an abbreviation: 2 to 8 letters or digits, a
 * letter first, at least two capitals ("NASA", "IoT", "mRNA", "UNFCCC"). */
static bool abbr_token(const struct qd_sent *s, size_t i)
{
	const char *w = tok_text(s, i);
	size_t n = qd_tok_len(s, i), caps = 0;

	if (n < 2 || n > 8 || !((w[0] >= 'a' && w[0] <= 'z') || (w[0] >= 'A' && w[0] <= 'Z')))
		return false;
	for (size_t k = 0; k < n; k++) {
		if (w[k] >= 'A' && w[k] <= 'Z')
			caps++;
		else if (!((w[k] >= 'a' && w[k] <= 'z') || (w[k] >= '0' && w[k] <= '9')))
			return false;
	}
	return caps >= 2;
}

/* A token alone in parentheses right after a word: "(MMR)", "(WASM)". */
static bool parenthesised(const struct qd_sent *s, size_t i)
{
	return i > 0 && s->toks[i - 1].after == '(' && s->toks[i].after == ')' &&
	       s->toks[i].paren == s->toks[i - 1].paren + 1;
}

void qd_facts_find_names(struct reader *r, struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;
	size_t i = 0;

	while (i < s->n_toks) {
		bool titled = false;
		if (used[i] || !qd_facts_name_word(r, s, i)) {
			i++;
			continue;
		}
		/* "President John F. Kennedy": the title is not part of the name. */
		if (tok_word_in(s, i, QD_WC_TITLE) && joined(s, i) && i + 1 < s->n_toks &&
		    qd_facts_name_word(r, s, i + 1) && !(s->toks[i + 1].flags & QD_W_FIRST)) {
			titled = true;
			i++;
		}
		size_t j = i;
		for (;;) {
			const struct qd_tok *t = &s->toks[j];
			if (j + 1 >= s->n_toks || used[j + 1] || (t->flags & QD_W_POSS))
				break;
			bool sep_ok = !t->after || (qd_facts_is_initial(s, j) && t->last == '.');
			/* A quoted nickname: Edwin "Buzz" Aldrin. */
			if (!sep_ok && t->after == '"' && t->last == '"' && j + 2 < s->n_toks &&
			    (s->toks[j + 1].flags & QD_W_QUOTED) && qd_facts_name_word(r, s, j + 1) &&
			    s->toks[j + 1].after == '"' && qd_facts_name_word(r, s, j + 2) &&
			    !(s->toks[j + 2].flags & QD_W_QUOTED)) {
				j += 2;
				continue;
			}
			if (!sep_ok || s->toks[j + 1].paren != s->toks[i].paren)
				break;
			if (qd_facts_name_word(r, s, j + 1) && !(s->toks[j + 1].flags & QD_W_FIRST)) {
				j++;
			} else if (j + 2 < s->n_toks && (tok_word_in(s, j + 1, QD_WC_CONNECTOR) ||
			                                 qd_tok_is(s, j + 1, "&")) &&
			           !(s->toks[j + 1].flags & QD_W_CAP) && joined(s, j + 1) &&
			           qd_facts_name_word(r, s, j + 2) && !used[j + 2]) {
				j += 2;
			} else if ((s->toks[j + 1].flags & QD_W_DIGIT) &&
			           !(s->toks[j + 1].flags & QD_W_LOWER) && qd_tok_len(s, j + 1) <= 3 &&
			           !(t->flags & QD_W_DIGIT)) {
				/* "Apollo 11", "Windows 95", "Saturn V" */
				j++;
			} else {
				break;
			}
		}
		/* "the Bayer process", "the Hall–Héroult process": a name with the
		 * kind of thing it names. */
		static const char *const kinds[] = {
			"process", "method", "effect", "law", "principle", "theorem", "equation",
			"constant", "cycle", "reaction", "test", "scale", "model", "algorithm",
			"paradox", "syndrome", "disease", "technique", "procedure", "formula", "rule",
			"oven", "gate", "gates", "program", "programme", NULL,
		};
		bool with_kind = false;
		if (j + 1 < s->n_toks && joined(s, j) && !used[j + 1] &&
		    qd_facts_listed(kinds, tok_text(s, j + 1), qd_tok_len(s, j + 1)) &&
		    (s->toks[j + 1].flags & QD_W_LOWER)) {
			j++;
			with_kind = true;
		}
		size_t start = s->toks[i].start, end = s->toks[j].end;
		size_t name_end = s->toks[with_kind ? j - 1 : j].end;
		if (qd_facts_is_subject(r, s->text + start, name_end - start)) {
			for (size_t k = i; k <= j; k++)
				used[k] = true;
			i = j + 1;
			continue;
		}
		/* "X (ABBR)": a name in parentheses right after the name. */
		if (j + 1 < s->n_toks && parenthesised(s, j + 1) &&
		    (abbr_token(s, j + 1) || (s->toks[j + 1].flags & QD_W_CAP))) {
			const char *abbr = tok_text(s, j + 1);
			size_t an = qd_tok_len(s, j + 1);
			size_t from = long_form_start(s, j, abbr, an);
			/* "GNU General Public License (GPL)": the letters may skip a
			 * first word of the name */
			if (from != SIZE_MAX && from > i)
				from = i;
			if (from != SIZE_MAX && from <= i) {
				/* The long form may reach back over words already read
				 * as another name ("National Aeronautics and ..."). */
				for (size_t k = fs->n_facts; k-- > 0;)
					if (fs->facts[k].start >= s->toks[from].start &&
					    fs->facts[k].end <= end)
						qd_facts_remove(fs, k);
				start = s->toks[from].start;
				struct qd_fact *t = qd_facts_add(fs, start, end, (s->toks[from].flags & QD_W_CAP)
				                                                 ? QD_FACT_NAME : QD_FACT_TERM);
				t->alias = qd_xstrndup(abbr, an);
				t->defined = !(s->toks[from].flags & QD_W_CAP);
				for (size_t k = from; k <= j + 1; k++)
					used[k] = true;
				i = j + 2;
				continue;
			}
		}
		/* An abbreviation alone in parentheses after something else
		 * ("measles, mumps, and rubella (MMR)") is that thing's short
		 * name, not a fact of its own. */
		if (i == j && parenthesised(s, i) && abbr_token(s, i)) {
			used[i] = true;
			i++;
			continue;
		}
		/* "B cells", "T cells": a capital letter naming a kind of thing. */
		if (i == j && qd_tok_len(s, i) == 1 && joined(s, i) && i + 1 < s->n_toks &&
		    !used[i + 1] && (s->toks[i + 1].flags & QD_W_LOWER) &&
		    !tok_word_in(s, i + 1, QD_WC_STOP) && !tok_word_in(s, i + 1, QD_WC_PREP) &&
		    !tok_verb(s, i + 1)) {
			struct qd_fact *t = qd_facts_add(fs, start, s->toks[i + 1].end, QD_FACT_TERM);
			t->defined = i >= 2 && qd_tok_is(s, i - 1, "as") &&
			             (qd_tok_is(s, i - 2, "known") || qd_tok_is(s, i - 2, "called"));
			used[i] = used[i + 1] = true;
			i += 2;
			continue;
		}
		struct qd_fact *t = qd_facts_add(fs, start, end, QD_FACT_NAME);
		t->person = !with_kind && person_name(r, s, i, j, titled);
		/* "Kinkaku-ji, the Golden Pavilion": the second name is another
		 * name of the first, so the two are one fact. */
		if (s->toks[j].after == ',' && j + 2 < s->n_toks && qd_tok_is(s, j + 1, "the") &&
		    (s->toks[j + 2].flags & QD_W_CAP) && !(s->toks[j + 2].flags & QD_W_FIRST)) {
			size_t m = j + 2;
			while (m + 1 < s->n_toks && !s->toks[m].after && (s->toks[m + 1].flags & QD_W_CAP))
				m++;
			if (s->toks[m].after == ',' && !t->person)
				t->alias = qd_xstrndup(s->text + s->toks[j + 2].start,
				                       s->toks[m].end - s->toks[j + 2].start);
		}
		for (size_t k = i; k <= j; k++)
			used[k] = true;
		i = j + 1;
	}
}

/* "ABBR (Long Form)" and "lowercase long form (ABBR)": abbreviations the
 * name pass did not pair. */
void qd_facts_find_abbreviations(struct qd_fsent *fs, bool *used)
{
	const struct qd_sent *s = &fs->s;

	for (size_t k = 0; k + 1 < s->n_toks; k++) {
		const struct qd_tok *t = &s->toks[k], *p = &s->toks[k + 1];
		if (t->after != '(' || p->paren != t->paren + 1)
			continue;
		/* "long form (ABBR)" with a lowercase long form. */
		if (abbr_token(s, k + 1) && p->after == ')' && !used[k]) {
			const char *abbr = tok_text(s, k + 1);
			size_t an = qd_tok_len(s, k + 1);
			size_t from = long_form_start(s, k, abbr, an);
			if (from == SIZE_MAX || qd_facts_overlaps(fs, s->toks[from].start, t->end))
				continue;
			used[k + 1] = false;
			struct qd_fact *f = qd_facts_add(fs, s->toks[from].start, t->end, QD_FACT_TERM);
			f->alias = qd_xstrndup(abbr, an);
			f->defined = true;
			for (size_t m = from; m <= k + 1; m++)
				used[m] = true;
		}
	}
}


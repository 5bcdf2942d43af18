/*
 * The generator's lexical layer (see quizdeck/words.h).
 *
 * Tokens keep byte offsets into their sentence, so later stages can cut
 * blanks and questions out of the article's own text. A dash written
 * without spaces joins its neighbours ("25–30", "Hall–Héroult",
 * "Actix-web"); with spaces, or an em dash, it is punctuation. Double
 * quotes are tracked so that a quoted "Houston. The Eagle has landed" is
 * not two sentences and a quoted phrase can be a defined term.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unictype.h>
#include <unistr.h>

#include "quizdeck/buf.h"
#include "quizdeck/words.h"

/* ---- word lists ---- */

static const char *const stop_words[] = {
	"a", "an", "the", "and", "or", "nor", "of", "in", "on", "for", "to", "with", "by", "at",
	"from", "as", "is", "are", "was", "were", "be", "been", "being", "it", "its", "this",
	"that", "these", "those", "which", "who", "whom", "whose", "what", "why", "how", "when",
	"where", "should", "can", "could", "would", "will", "shall", "must", "do", "does", "did",
	"i", "you", "we", "they", "he", "she", "him", "his", "her", "hers", "them", "us", "not",
	"no", "yes", "but", "if", "than", "then", "so", "such", "like", "including", "into",
	"over", "under", "about", "also", "has", "have", "had", "may", "might", "more", "most",
	"many", "much", "while", "however", "their", "there", "here", "our", "your", "my", "all",
	"any", "some", "each", "both", "other", "very", "just", "only", "even", "beyond",
	"because", "through", "within", "without", "between", "among", "via", "per", "whether",
	"although", "though", "yet", "own", "one", "out", "up", "down", "off", "after", "before",
	"since", "until", "too", "often", "usually", "less", "little", "still", "already",
	"again", "always", "never", "every", "another", "same", "around", "across", "during",
	"upon", "onto", "toward", "towards", "against", "along", "behind", "inside", "outside",
	"near", "whereas", "thus", "therefore", "instead", "rather", "either", "neither",
	"whose", "itself", "themselves", "himself", "herself", "something", "anything",
	"everything", "nothing", "someone", "anyone", "everyone", "today", "now", "later",
	"once", "twice", "almost", "nearly", "roughly", "about", "around", "approximately",
	"several", "few", "fewer", "least", "last", "first", "next", "well", "mostly", "mainly",
	"largely", "partly", "especially", "particularly", "typically", "generally", "widely",
	"commonly", "sometimes", "together", "alone", "ago", "away", "back", "far", "soon",
	NULL,
};

static const char *const prepositions[] = {
	"for", "from", "to", "in", "on", "at", "by", "with", "without", "within", "into",
	"through", "than", "as", "like", "including", "such", "of", "across", "over", "under",
	"via", "during", "beyond", "among", "between", "inside", "outside", "near", "around",
	"behind", "about", "onto", "upon", "toward", "towards", "against", "along", "after",
	"before", "since", "until", "throughout", "despite", "except", "unlike", "per", "above",
	"below", "beneath", "beside", "besides", "amid", "off", "out", NULL,
};

static const char *const clause_words[] = {
	"is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "can", "could",
	"will", "would", "may", "might", "should", "must", "shall", "do", "does", "did", "that",
	"which", "who", "whom", "whose", "where", "when", "while", "whereas", "but", "because",
	"although", "though", "if", "so", "then", "unless", "whether", "once", "until", "since",
	"and", "or", "nor", "yet", "it", "they", "he", "she", "we", "you", "i", "there", "this",
	"these", "those", "not", NULL,
};

static const char *const generic_words[] = {
	"entire", "other", "various", "diverse", "new", "many", "several", "certain", "same",
	"different", "whole", "main", "major", "growing", "increasing", "large", "small",
	"high", "low", "good", "great", "better", "best", "wide", "broad", "common", "key",
	"particular", "specific", "general", "real", "full", "huge", "massive", "important",
	"significant", "modern", "traditional", "typical", "simple", "basic", "further",
	"additional", "possible", "available", "similar", "whole", "usual", "early", "late",
	"long", "short", "recent", "current", "popular", "famous", "known", "well-known",
	"single", "special", "certain", "simple", "little", "tiny", "huge", "special",
	"dramatically", "extremely", "highly", "increasingly", "particularly", "especially",
	NULL,
};

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july", "august", "september",
	"october", "november", "december", NULL,
};

static const char *const days[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", NULL,
};

static const char *const vague_words[] = {
	"decade", "decades", "year", "years", "century", "centuries", "month", "months", "week",
	"weeks", "day", "days", "hour", "hours", "minute", "minutes", "time", "times", "thing",
	"things", "people", "person", "way", "ways", "part", "parts", "kind", "kinds", "type",
	"types", "lot", "lots", "others", "area", "areas", "place", "places", "use", "uses",
	"case", "cases", "example", "examples", "feature", "features", "item", "items",
	"aspect", "aspects", "reason", "reasons", "factor", "factors", "amount", "amounts",
	"number", "numbers", "range", "variety", "world", "majority", "rest", "end", "start",
	"beginning", "form", "forms", "set", "sets", "group", "groups", "level", "levels",
	"fact", "facts", "point", "points", "role", "roles", "result", "results", "one", "ones",
	"today", "now", "side", "sides", "piece", "pieces", "step", "steps", "stage", "stages",
	"purpose", "purposes", "matter", "matters", "question", "questions", "idea", "ideas",
	"difference", "differences", "sort", "sorts", "deal", "bit", "bits", "half", "much",
	"many", "most", "some", "all", "total", "whole", "share", "rate", "size", "age",
	"country", "countries", "city", "cities", "region", "regions", "surface", "home",
	"life", "lives", "thing", "something", "everything", "anything", "nothing", "kind",
	"quality", "qualities", "value", "values", "reason", "problem", "problems", "issue",
	"issues", "play", "care", "use", "need", "needs", "help", NULL,
};

static const char *const titles[] = {
	"dr", "mr", "mrs", "ms", "prof", "professor", "sir", "dame", "lord", "lady", "president",
	"king", "queen", "emperor", "empress", "pope", "saint", "st", "general", "captain",
	"senator", "chancellor", "minister", "governor", "mayor", "judge", "bishop", "prince",
	"princess", "duke", "admiral", "colonel", "lieutenant", "commander", "chef", "emperor",
	"shogun", "pharaoh", "tsar", "czar", "sultan", "ceo", NULL,
};

static const char *const connectors[] = {
	"of", "de", "da", "van", "von", "der", "den", "del", "della", "di", "du", "dos", "das",
	"bin", "ibn", "y", "upon", NULL,
};

static const char *const leads[] = {
	"however", "today", "also", "instead", "meanwhile", "later", "still", "finally",
	"first", "then", "yet", "although", "because", "since", "after", "before", "during",
	"over", "in", "on", "at", "by", "for", "from", "with", "without", "unlike", "like", "as",
	"while", "when", "where", "once", "though", "thus", "therefore", "moreover",
	"furthermore", "besides", "indeed", "often", "most", "many", "some", "each", "every",
	"all", "both", "these", "those", "this", "that", "it", "its", "their", "they", "there",
	"here", "such", "other", "another", "beyond", "around", "about", "unless", "if",
	"whether", "until", "within", "across", "under", "above", "below", "throughout",
	"together", "eventually", "originally", "traditionally", "historically", "recently",
	"nowadays", "now", "since", "despite", "above", "overall", "live", "newer", "older",
	"modern", "early", "earlier", "few", "several", "certain", "afterwards", "afterward",
	"meanwhile", "soon", "only", "even", "just", "whatever", "whenever", "everyone",
	"nobody", "people", "someone", NULL,
};

static const char *const determiners[] = {
	"the", "a", "an", "its", "their", "his", "her", "our", "your", "my", "this", "that",
	"these", "those", "some", "any", "each", "every", "no", "another", NULL,
};

/* Common verbs of explanatory prose, base forms. Words as often nouns in
 * technical text (code, use, process, design, test, work, run, power,
 * plant, train, lead...) are left out on purpose: a verb here ends a term,
 * and a missed verb costs less than a broken term. */
static const char *const verbs[] = {
	"accept", "achieve", "add", "adopt", "affect", "allow", "appear", "apply", "argue",
	"arrive", "ask", "avoid", "become", "begin", "believe", "belong", "borrow", "bring",
	"buy", "carry", "cause", "choose", "cover", "claim", "climb", "collect", "combine", "come",
	"commit", "compete", "complete", "conduct", "connect", "consider", "contain",
	"continue", "contribute", "convert", "create", "decide", "define", "deliver", "depend",
	"describe", "destroy", "determine", "develop", "die", "discover", "dominate", "earn",
	"eliminate", "emerge", "enable", "encourage", "ensure", "enter", "establish",
	"estimate", "evolve", "expand", "expect", "explain", "explore", "face", "fall", "fill",
	"find", "finish", "follow", "force", "found", "gain", "get", "give", "go", "grow",
	"happen", "help", "hold", "improve", "include", "increase", "introduce", "invent",
	"involve", "join", "keep", "know", "leave", "let", "lift", "live", "look", "lose",
	"maintain", "make", "manage", "mean", "meet", "migrate", "mix", "move", "need",
	"offer", "own", "pass", "pay", "perform", "permit", "pick", "prefer", "prepare",
	"prevent", "produce", "promote", "protect", "prove", "provide", "publish", "put", "reach", "receive", "recognise", "recognize", "reduce", "refer",
	"reflect", "remain", "remove", "replace", "represent", "require", "say", "see",
	"seem", "sell", "send", "serve", "show", "sit", "speak", "spend", "stand", "stay",
	"stop", "succeed", "suggest", "supply", "take", "talk", "teach", "tell", "tend",
	"think", "try", "understand", "vary", "want", "wear", "win", "write", "excel",
	"enjoy", "attract", "survive", "rebuild", "absorb", "resist", "melt", "boil", "freeze",
	"bake", "knead", "ferment", "smelt", "refine", "recycle", "weigh", "trigger",
	"infect", "eradicate", "kill", "spread", "compile", "recognise", "operate", "employ",
	"attach", "detach", "undock", "descend", "splash", NULL,
};

static const char *const irregular_past[] = {
	"began", "became", "brought", "built", "bought", "came", "caught", "chose", "chosen",
	"did", "done", "drew", "drawn", "drove", "driven", "ate", "eaten", "fell", "fallen",
	"felt", "flew", "flown", "forgot", "forgotten", "gave", "given", "went", "gone", "grew",
	"grown", "had", "held", "kept", "knew", "known", "laid", "led", "left", "lost", "made",
	"meant", "met", "paid", "ran", "rose", "risen", "said", "saw", "seen", "sold", "sent",
	"shot", "showed", "shown", "sang", "sung", "sat", "slept", "spoke", "spoken", "spent",
	"stood", "stole", "stolen", "struck", "swam", "took", "taken", "taught", "told",
	"thought", "threw", "thrown", "understood", "wore", "worn", "won", "wrote", "written",
	"begun", "broke", "broken", "hid", "hidden", "woke", "woken", "sought", "fought",
	"found", "wound", "withdrew", "undertook", "overtook", "became", "arose", "arisen", NULL,
};

static char lower_ascii(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether w[0..n) is in list (ASCII case-blind; the lists are lowercase).
 * The lists hold a few hundred words and are asked about every word of an
 * article, so the first two letters are compared before anything else. */
static bool list_has(const char *const *list, const char *w, size_t n)
{
	char c, c1;

	if (!n)
		return false;
	c = lower_ascii(w[0]);
	c1 = n > 1 ? lower_ascii(w[1]) : '\0';
	for (size_t i = 0; list[i]; i++)
		if (list[i][0] == c && list[i][1] == c1 &&
		    (n < 2 || strncasecmp(list[i] + 2, w + 2, n - 2) == 0) && list[i][n] == '\0')
			return true;
	return false;
}

bool qd_word_in(enum qd_wclass c, const char *w, size_t n)
{
	switch (c) {
	case QD_WC_STOP:
		return list_has(stop_words, w, n);
	case QD_WC_PREP:
		return list_has(prepositions, w, n);
	case QD_WC_CLAUSE:
		return list_has(clause_words, w, n);
	case QD_WC_GENERIC:
		return list_has(generic_words, w, n);
	case QD_WC_MONTH:
		return list_has(months, w, n);
	case QD_WC_DAY:
		return list_has(days, w, n);
	case QD_WC_VAGUE:
		return list_has(vague_words, w, n);
	case QD_WC_TITLE:
		return list_has(titles, w, n);
	case QD_WC_CONNECTOR:
		return list_has(connectors, w, n);
	case QD_WC_LEAD:
		return list_has(leads, w, n);
	case QD_WC_DETERMINER:
		return list_has(determiners, w, n);
	}
	return false;
}

/* Whether w[0..n) with its ending replaced is a listed verb. */
static bool verb_with(const char *w, size_t n, size_t cut, const char *add)
{
	char base[64];
	size_t m;

	if (n <= cut || n - cut + strlen(add) >= sizeof(base))
		return false;
	m = n - cut;
	memcpy(base, w, m);
	strcpy(base + m, add);
	return list_has(verbs, base, strlen(base));
}

bool qd_word_is_past(const char *w, size_t n)
{
	if (list_has(irregular_past, w, n))
		return true;
	if (n > 4 && strncasecmp(w + n - 2, "ed", 2) == 0) {
		if (verb_with(w, n, 2, "") || verb_with(w, n, 1, "") || verb_with(w, n, 3, "y") ||
		    (n > 5 && w[n - 3] == w[n - 4] && verb_with(w, n, 3, "")))
			return true;
	}
	return false;
}

bool qd_word_is_verb(const char *w, size_t n)
{
	if (list_has(verbs, w, n) || qd_word_is_past(w, n))
		return true;
	if (n > 3 && (w[n - 1] == 's' || w[n - 1] == 'S')) {
		if (verb_with(w, n, 1, "") || (n > 4 && strncasecmp(w + n - 2, "es", 2) == 0 &&
		                               verb_with(w, n, 2, "")) ||
		    (n > 4 && strncasecmp(w + n - 3, "ies", 3) == 0 && verb_with(w, n, 3, "y")))
			return true;
	}
	return false;
}

static const struct {
	const char *w;
	double v;
} number_words[] = {
	{"zero", 0}, {"one", 1}, {"two", 2}, {"three", 3}, {"four", 4}, {"five", 5},
	{"six", 6}, {"seven", 7}, {"eight", 8}, {"nine", 9}, {"ten", 10}, {"eleven", 11},
	{"twelve", 12}, {"thirteen", 13}, {"fourteen", 14}, {"fifteen", 15}, {"sixteen", 16},
	{"seventeen", 17}, {"eighteen", 18}, {"nineteen", 19}, {"twenty", 20}, {"thirty", 30},
	{"forty", 40}, {"fifty", 50}, {"sixty", 60}, {"seventy", 70}, {"eighty", 80},
	{"ninety", 90}, {"hundred", 100}, {"thousand", 1e3}, {"million", 1e6},
	{"billion", 1e9}, {"trillion", 1e12}, {"dozen", 12}, {NULL, 0},
};

double qd_word_number(const char *w, size_t n, bool *scale)
{
	*scale = false;
	for (size_t i = 0; number_words[i].w; i++) {
		if (strlen(number_words[i].w) != n || strncasecmp(number_words[i].w, w, n) != 0)
			continue;
		*scale = number_words[i].v >= 100 && number_words[i].v != 12;
		return number_words[i].v;
	}
	return -1;
}

char *qd_number_words(long n, char *out, size_t size)
{
	static const char *const ones[] = {"zero", "one", "two", "three", "four", "five", "six",
	                                   "seven", "eight", "nine", "ten", "eleven", "twelve",
	                                   "thirteen", "fourteen", "fifteen", "sixteen",
	                                   "seventeen", "eighteen", "nineteen"};
	static const char *const tens[] = {"", "", "twenty", "thirty", "forty", "fifty", "sixty",
	                                   "seventy", "eighty", "ninety"};
	char rest[64];

	if (n < 0 || n > 999) {
		snprintf(out, size, "%ld", n);
		return out;
	}
	if (n >= 100) {
		if (n % 100)
			snprintf(out, size, "%s hundred %s", ones[n / 100],
			         qd_number_words(n % 100, rest, sizeof(rest)));
		else
			snprintf(out, size, "%s hundred", ones[n / 100]);
	} else if (n >= 20) {
		if (n % 10)
			snprintf(out, size, "%s-%s", tens[n / 10], ones[n % 10]);
		else
			snprintf(out, size, "%s", tens[n / 10]);
	} else {
		snprintf(out, size, "%s", ones[n]);
	}
	return out;
}

/* ---- characters ---- */

static bool is_ascii_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_ascii_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* U+2014 em dash, U+2013 en dash, U+2026 ellipsis. */
static bool is_em_dash(const char *s)
{
	return strncmp(s, "\xe2\x80\x94", 3) == 0;
}

static bool is_en_dash(const char *s)
{
	return strncmp(s, "\xe2\x80\x93", 3) == 0;
}

static bool is_ellipsis(const char *s)
{
	return strncmp(s, "\xe2\x80\xa6", 3) == 0;
}

/* The case of the code point at s: 1 upper, -1 lower, 0 neither. */
static int case_at(const char *s, size_t n)
{
	ucs4_t u;

	if (!n)
		return 0;
	if ((unsigned char)*s < 0x80)
		return is_ascii_upper(*s) ? 1 : is_ascii_lower(*s) ? -1 : 0;
	if (u8_mbtouc(&u, (const uint8_t *)s, n) <= 0)
		return 0;
	return uc_is_upper(u) ? 1 : uc_is_lower(u) ? -1 : 0;
}

/* ---- tokens ---- */

static const char *const marks = ",;:()[]\"!?";

/* A punctuation mark that ends a word: not a ',' or ':' between digits
 * ("400,000", "20:17"). */
static bool is_mark(const char *s, size_t i, size_t n)
{
	if (!strchr(marks, s[i]) || !s[i])
		return false;
	if ((s[i] == ',' || s[i] == ':') && i > 0 && i + 1 < n && is_digit(s[i - 1]) &&
	    is_digit(s[i + 1]))
		return false;
	return true;
}

void qd_words_tokenize(struct qd_sent *se)
{
	const char *s = se->text;
	size_t i = 0, n = strlen(s), cap = 0;
	int depth = 0;
	bool quoted = false;

	while (i < n) {
		bool spaced_before = i == 0 || s[i - 1] == ' ';
		if (s[i] == ' ') {
			i++;
			continue;
		}
		/* A dash is punctuation when spaced, at an edge, or an em dash. */
		bool dash = is_em_dash(s + i) ||
		            (is_en_dash(s + i) && (spaced_before || i + 3 >= n || s[i + 3] == ' ')) ||
		            (s[i] == '-' && (spaced_before || i + 1 == n || s[i + 1] == ' '));
		if (is_mark(s, i, n) || dash || is_ellipsis(s + i)) {
			char c = dash ? '-' : is_ellipsis(s + i) ? '.' : s[i];
			if (c == '(' || c == '[')
				depth++;
			if ((c == ')' || c == ']') && depth > 0)
				depth--;
			if (c == '"')
				quoted = !quoted;
			if (se->n_toks) {
				struct qd_tok *prev = &se->toks[se->n_toks - 1];
				char pc = c == '[' ? '(' : c == ']' ? ')' : c;
				if (!prev->after)
					prev->after = pc;
				prev->last = pc;
			}
			i += dash && s[i] != '-' ? 3 : is_ellipsis(s + i) ? 3 : 1;
			continue;
		}
		size_t st = i;
		while (i < n && s[i] != ' ' && !is_mark(s, i, n) && !is_em_dash(s + i) &&
		       !is_ellipsis(s + i) &&
		       !(is_en_dash(s + i) && (i + 3 >= n || s[i + 3] == ' ')))
			i++;
		size_t en = i;
		char after = 0;
		unsigned flags = 0;
		while (en > st && (s[en - 1] == '.' || s[en - 1] == '\'' || s[en - 1] == '-')) {
			if (s[en - 1] == '.' || s[en - 1] == '-')
				after = s[en - 1]; /* "ok-" and "25- 30": the dash is punctuation */
			en--;
		}
		if (en - st > 2 && s[en - 2] == '\'' && (s[en - 1] == 's' || s[en - 1] == 'S')) {
			en -= 2;
			flags |= QD_W_POSS;
		}
		while (st < en && s[st] == '\'')
			st++;
		if (en <= st)
			continue;
		if (se->n_toks == cap) {
			cap = cap ? cap * 2 : 32;
			se->toks = qd_xrealloc(se->toks, cap * sizeof(*se->toks));
		}
		struct qd_tok *t = &se->toks[se->n_toks++];
		memset(t, 0, sizeof(*t));
		t->start = st;
		t->end = en;
		t->paren = depth;
		t->after = t->last = after;
		int cs = case_at(s + st, en - st);
		if (cs > 0)
			flags |= QD_W_CAP;
		else if (cs < 0)
			flags |= QD_W_LOWER;
		if (se->n_toks == 1)
			flags |= QD_W_FIRST;
		if (quoted)
			flags |= QD_W_QUOTED;
		size_t letters = 0, uppers = 0;
		for (size_t k = st; k < en; k++) {
			if (k > st && is_ascii_upper(s[k]))
				flags |= QD_W_INNER_CAP;
			if (is_digit(s[k]))
				flags |= QD_W_DIGIT;
			if (s[k] == '+' || s[k] == '#')
				flags |= QD_W_SYMBOL;
			if (is_ascii_upper(s[k]) || is_ascii_lower(s[k]))
				letters++;
			if (is_ascii_upper(s[k]))
				uppers++;
		}
		if (letters >= 2 && uppers == letters)
			flags |= QD_W_ALLCAPS;
		t->flags = flags;
	}
}

void qd_sent_release(struct qd_sent *s)
{
	free(s->text);
	free(s->toks);
	memset(s, 0, sizeof(*s));
}

static const char *const abbreviations[] = {
	"e.g", "i.e", "etc", "vs", "cf", "mr", "mrs", "ms", "dr", "st", "inc", "ltd", "jr",
	"sr", "co", "corp", "approx", "no", "fig", "u.s", "u.k", "prof", "gen", "capt", "lt",
	"col", "mt", "ft", "ca", "c", "al", NULL,
};

void qd_words_split(const char *para, struct qd_sent **sents, size_t *count)
{
	size_t n = strlen(para), start = 0, quotes = 0;
	int depth = 0;
	bool quoted = false;

	for (size_t i = 0; i < n; i++)
		quotes += para[i] == '"';
	for (size_t i = 0; i <= n; i++) {
		bool end = i == n;
		char c = end ? 0 : para[i];
		size_t stop = i + 1;

		if (c == '(')
			depth++;
		else if (c == ')' && depth > 0)
			depth--;
		else if (c == '"' && quotes % 2 == 0)
			quoted = !quoted;
		if (!end && (c == '.' || c == '!' || c == '?')) {
			/* Closing quotes and parentheses belong to the sentence. */
			size_t j = i + 1;
			int d = depth;
			bool q = quoted;
			while (j < n && (para[j] == '"' || para[j] == ')')) {
				if (para[j] == '"' && quotes % 2 == 0)
					q = !q;
				else if (para[j] == ')' && d > 0)
					d--;
				j++;
			}
			if (d == 0 && !q && j + 1 < n && para[j] == ' ' &&
			    (is_ascii_upper(para[j + 1]) || is_digit(para[j + 1]) ||
			     para[j + 1] == '"' || para[j + 1] == '(' || para[j + 1] == '\'' ||
			     case_at(para + j + 1, n - j - 1) > 0)) {
				size_t w = i;
				while (w > start && para[w - 1] != ' ' && para[w - 1] != '(')
					w--;
				/* "No. 5" is an abbreviation; "No. SQLite costs money." ends
				 * a sentence */
				bool number_abbrev = i - w == 2 && strncasecmp(para + w, "no", 2) == 0;
				bool abbrev = c == '.' &&
				              ((list_has(abbreviations, para + w, i - w) && !number_abbrev) ||
				               (number_abbrev && is_digit(para[j + 1])) ||
				               (i - w == 1 && is_ascii_upper(para[w])));
				if (!abbrev) {
					end = true;
					stop = j;
					quoted = q;
					depth = d;
				}
			}
		}
		if (!end)
			continue;
		if (i == n)
			stop = n;
		while (start < stop && para[start] == ' ')
			start++;
		if (stop > start) {
			*sents = qd_xrealloc(*sents, (*count + 1) * sizeof(**sents));
			struct qd_sent *se = &(*sents)[(*count)++];
			memset(se, 0, sizeof(*se));
			se->text = qd_xstrndup(para + start, stop - start);
			qd_words_tokenize(se);
		}
		start = stop;
		i = stop - 1;
		if (i + 1 >= n)
			break;
	}
}

/* ---- token helpers ---- */

bool qd_tok_is(const struct qd_sent *s, size_t i, const char *w)
{
	const struct qd_tok *t = &s->toks[i];
	size_t n = strlen(w);

	return t->end - t->start == n && strncasecmp(s->text + t->start, w, n) == 0;
}

bool qd_tok_in(const struct qd_sent *s, size_t i, enum qd_wclass c)
{
	const struct qd_tok *t = &s->toks[i];

	return qd_word_in(c, s->text + t->start, t->end - t->start);
}

size_t qd_tok_len(const struct qd_sent *s, size_t i)
{
	return s->toks[i].end - s->toks[i].start;
}

/* ---- slugs and words ---- */

char *qd_slug_make(const char *s, size_t max_words, size_t max_bytes, bool skip_stop)
{
	struct qd_buf out, word;
	size_t words = 0;
	const char *p = s;

	qd_buf_init(&out);
	qd_buf_init(&word);
	for (;;) {
		char c = *p;
		bool alnum = is_ascii_lower(c) || is_ascii_upper(c) || is_digit(c);
		if (alnum) {
			qd_buf_addc(&word, is_ascii_upper(c) ? (char)(c - 'A' + 'a') : c);
		} else if (c == '+' && word.len) {
			qd_buf_adds(&word, "plus");
		} else if (c == '#' && word.len) {
			qd_buf_adds(&word, "sharp");
		} else if (c == '\'' || (unsigned char)c >= 0x80) {
			/* apostrophes and non-ASCII letters do not split words */
		} else {
			if (word.len && !(skip_stop && list_has(stop_words, word.data, word.len)) &&
			    !(word.len == 1 && word.data[0] == 's' && out.len)) {
				if (max_words && words == max_words)
					break;
				if (out.len + (out.len ? 1 : 0) + word.len > max_bytes)
					break;
				if (out.len)
					qd_buf_addc(&out, '-');
				qd_buf_add(&out, word.data, word.len);
				words++;
			}
			qd_buf_reset(&word);
			if (!c)
				break;
		}
		p++;
	}
	qd_buf_release(&word);
	return qd_buf_detach(&out, NULL);
}

const char *qd_word_next(const char **p, size_t *n)
{
	const char *w = *p;

	while (*w == ' ')
		w++;
	*p = w + strcspn(w, " ");
	*n = (size_t)(*p - w);
	return *n ? w : NULL;
}

bool qd_has_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	char first[3];

	if (!n)
		return false;
	/* Only where the first letter is, in either case. */
	first[0] = lower_ascii(w[0]);
	first[1] = is_ascii_lower(w[0]) ? (char)(w[0] - 'a' + 'A') : w[0];
	first[2] = '\0';
	for (const char *p = s; (p = strpbrk(p, first)); p++) {
		if (p > s && (is_ascii_lower(p[-1]) || is_ascii_upper(p[-1]) || is_digit(p[-1])))
			continue;
		if (strncasecmp(p, w, n) != 0)
			continue;
		if (!(is_ascii_lower(p[n]) || is_ascii_upper(p[n]) || is_digit(p[n])))
			return true;
	}
	return false;
}

/*
 * Rewording for the generator (see quizdeck/phrase.h).
 *
 * Clause boundaries are read from punctuation and a few words: a comma
 * followed by "which", "while", "making", "allowing" or another -ing
 * word, a semicolon, a spaced dash. Never at ", and" (that is more often
 * the end of a list than of a clause).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "quizdeck/buf.h"
#include "quizdeck/phrase.h"
#include "quizdeck/words.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\n' || c == '\t';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

size_t qd_phrase_words(const char *s)
{
	size_t n = 0;
	bool in = false;

	for (; *s; s++) {
		if (!is_space(*s) && !in)
			n++;
		in = !is_space(*s);
	}
	return n;
}

/* Whether s starts with word w (case-blind) followed by a non-letter. */
static bool starts_word(const char *s, const char *w)
{
	size_t n = strlen(w);
	return strncasecmp(s, w, n) == 0 && !is_alpha(s[n]);
}

/* The n-th word of s (0-based) into out; returns false if none. */
static bool word_at(const char *s, size_t k, char *out, size_t size)
{
	size_t i = 0;

	for (;;) {
		while (*s && is_space(*s))
			s++;
		if (!*s)
			return false;
		const char *w = s;
		while (*s && !is_space(*s))
			s++;
		if (i++ == k) {
			size_t n = (size_t)(s - w);
			while (n && strchr(",.;:?!\"", w[n - 1]))
				n--;
			if (n >= size)
				n = size - 1;
			memcpy(out, w, n);
			out[n] = '\0';
			return true;
		}
	}
}

static const char *const aux_be[] = {"is", "are", "was", "were", NULL};
static const char *const aux_modal[] = {"can", "could", "will", "would", "should", "must",
                                        "may", "might", NULL};
static const char *const aux_do[] = {"do", "does", "did", NULL};
static const char *const aux_have[] = {"has", "have", "had", NULL};

static bool in(const char *const *list, const char *w)
{
	for (size_t i = 0; list[i]; i++)
		if (strcasecmp(list[i], w) == 0)
			return true;
	return false;
}

enum qd_question_kind qd_phrase_question_kind(const char *q)
{
	char w0[32], w1[32], w2[32];

	if (!word_at(q, 0, w0, sizeof(w0)))
		return QD_Q_OTHER;
	if (!word_at(q, 1, w1, sizeof(w1)))
		w1[0] = '\0';
	if (!word_at(q, 2, w2, sizeof(w2)))
		w2[0] = '\0';
	if (!strcasecmp(w0, "who") || !strcasecmp(w0, "whom") || !strcasecmp(w0, "whose"))
		return QD_Q_WHO;
	if (!strcasecmp(w0, "when"))
		return QD_Q_WHEN;
	if ((!strcasecmp(w0, "what") || !strcasecmp(w0, "which")) &&
	    (!strcasecmp(w1, "year") || !strcasecmp(w1, "date") || !strcasecmp(w1, "century")))
		return QD_Q_WHEN;
	if (!strcasecmp(w0, "in") && (!strcasecmp(w1, "what") || !strcasecmp(w1, "which")) &&
	    (!strcasecmp(w2, "year") || !strcasecmp(w2, "century")))
		return QD_Q_WHEN;
	if (!strcasecmp(w0, "how") &&
	    (!strcasecmp(w1, "many") || !strcasecmp(w1, "much") || !strcasecmp(w1, "long") ||
	     !strcasecmp(w1, "old") || !strcasecmp(w1, "big") || !strcasecmp(w1, "far") ||
	     !strcasecmp(w1, "tall") || !strcasecmp(w1, "fast") || !strcasecmp(w1, "hot") ||
	     !strcasecmp(w1, "heavy") || !strcasecmp(w1, "large")))
		return QD_Q_HOWMANY;
	if (!strcasecmp(w0, "where"))
		return QD_Q_WHERE;
	if (!strcasecmp(w0, "why"))
		return QD_Q_WHY;
	if (in(aux_be, w0) || in(aux_modal, w0) || in(aux_do, w0) || in(aux_have, w0))
		return QD_Q_YESNO;
	if ((!strcasecmp(w0, "what") || !strcasecmp(w0, "which")) && w1[0] &&
	    !in(aux_be, w1) && !in(aux_do, w1) && !in(aux_modal, w1) && !in(aux_have, w1) &&
	    !qd_word_is_verb(w1, strlen(w1)))
		return QD_Q_WHICH;
	return QD_Q_OTHER;
}

/* ---- clauses ---- */

static const char *const clause_openers[] = {
	"which", "while", "whereas", "making", "allowing", "enabling", "giving", "offering",
	"preventing", "eliminating", "helping", "leaving", "meaning", "creating", "providing",
	"so", "but", "although", "though", "where", "with", "because", "since", "unlike",
	"as", "thanks", "including", "such", "who", "when", "without", NULL,
};

/* Whether a clause boundary stands at s[i] (a ',' ';' or a spaced dash
 * that ends a clause). Sets *skip to the length of the mark. */
static bool boundary_at(const char *s, size_t i, size_t *skip)
{
	char w[32];

	if (s[i] == ';') {
		*skip = 1;
		return true;
	}
	if (strncmp(s + i, " \xe2\x80\x94 ", 5) == 0 || strncmp(s + i, " \xe2\x80\x93 ", 5) == 0) {
		*skip = 5;
		return true;
	}
	if (strncmp(s + i, " - ", 3) == 0) {
		*skip = 3;
		return true;
	}
	if (s[i] != ',' || s[i + 1] != ' ')
		return false;
	*skip = 1;
	if (!word_at(s + i + 1, 0, w, sizeof(w)))
		return false;
	if (in(clause_openers, w))
		return true;
	size_t n = strlen(w);
	return n > 5 && strcmp(w + n - 3, "ing") == 0 && w[0] >= 'a' && w[0] <= 'z';
}

/* Words of s[0..n). */
static size_t words_n(const char *s, size_t n)
{
	size_t c = 0;
	bool w = false;

	for (size_t i = 0; i < n; i++) {
		if (!is_space(s[i]) && !w)
			c++;
		w = !is_space(s[i]);
	}
	return c;
}

/* s[0..n) without trailing spaces and commas, with a period, as a
 * sentence: the first letter capitalised. */
static char *as_sentence(const char *s, size_t n)
{
	struct qd_buf b;

	while (n && (is_space(s[n - 1]) || s[n - 1] == ',' || s[n - 1] == ';' || s[n - 1] == ':'))
		n--;
	while (n && is_space(*s)) {
		s++;
		n--;
	}
	if (!n)
		return NULL;
	qd_buf_init(&b);
	qd_buf_add(&b, s, n);
	if (b.data[0] >= 'a' && b.data[0] <= 'z')
		b.data[0] = (char)(b.data[0] - 'a' + 'A');
	if (!strchr(".!?", b.data[b.len - 1]) &&
	    !(b.len >= 2 && b.data[b.len - 1] == '"' && strchr(".!?", b.data[b.len - 2])))
		qd_buf_addc(&b, '.');
	return qd_buf_detach(&b, NULL);
}

/* The longest prefix of s, ending at a clause boundary, with at most max
 * words (and at least 4); the whole of s if it is short enough. */
static char *clip_to(const char *s, size_t max)
{
	size_t n = strlen(s), best = 0, skip;

	if (qd_phrase_words(s) <= max)
		return as_sentence(s, n);
	for (size_t i = 0; i < n; i++) {
		if (!boundary_at(s, i, &skip))
			continue;
		size_t w = words_n(s, i);
		if (w > max)
			break;
		if (w >= 4)
			best = i;
	}
	return best ? as_sentence(s, best) : NULL;
}

void qd_phrase_clip(const char *s, size_t bs, size_t be, size_t *from, size_t *to)
{
	static const char *const subordinators[] = {
		"while", "although", "though", "because", "since", "when", "if", "unlike",
		"beyond", "as", "after", "before", "despite", "whereas", "once", NULL,
	};
	size_t n = strlen(s), skip;
	char w[32];

	*from = 0;
	*to = n;
	if (qd_phrase_words(s) <= 25)
		return;
	/* A trailing clause after the blank: at a clause boundary, or at a
	 * "where" or "while" that opens one ("... embedded systems where memory
	 * safety ... are essential"). */
	for (size_t i = be; i < n; i++) {
		bool cut = boundary_at(s, i, &skip) ||
		           strncmp(s + i, " where ", 7) == 0 || strncmp(s + i, " while ", 7) == 0;
		if (cut && words_n(s, i) >= 6) {
			*to = i;
			break;
		}
	}
	/* A leading subordinate clause before it. */
	if (word_at(s, 0, w, sizeof(w)) && in(subordinators, w)) {
		const char *comma = memchr(s, ',', bs);
		if (comma && (size_t)(comma - s) + 2 <= bs && words_n(s, (size_t)(comma - s)) <= 12)
			*from = (size_t)(comma - s) + 2;
	}
}

/* ---- answers ---- */

int qd_phrase_yes_no(const char *a)
{
	while (is_space(*a))
		a++;
	if (starts_word(a, "yes")) {
		const char *r = a + 3;
		while (*r == ' ' || *r == ',' )
			r++;
		if (starts_word(r, "and no") || starts_word(r, "and no.") || starts_word(r, "but"))
			return -1;
		return 1;
	}
	if (starts_word(a, "no") && !starts_word(a, "no one") && !starts_word(a, "nobody") &&
	    strncasecmp(a, "no-one", 6) != 0) {
		const char *r = a + 2;
		if (*r == ' ' && is_alpha(r[1]))
			return -1; /* "No single ...": not a lead */
		return 0;
	}
	return -1;
}

/* A yes/no lead: "Yes", "No", "Not usually", "Usually", ... and where the
 * text after it starts. Returns the lead's length or 0. */
static size_t lead_len(const char *s, size_t *rest)
{
	static const char *const leads[] = {
		"not usually", "not always", "not really", "not quite", "not exactly",
		"not necessarily", "yes", "no", "usually", "mostly", "sometimes", "rarely",
		"often", "generally", "partly", "in part", "it depends", NULL,
	};
	for (size_t i = 0; leads[i]; i++) {
		size_t n = strlen(leads[i]);
		if (strncasecmp(s, leads[i], n) != 0 || is_alpha(s[n]))
			continue;
		size_t j = n;
		if (s[j] == ' ' && strncmp(s + j, " \xe2\x80\x94", 4) != 0 &&
		    strncmp(s + j, " -", 2) != 0)
			return 0; /* "No single answer" */
		while (s[j] == ' ' || s[j] == ',' || s[j] == '.' || s[j] == ':' || s[j] == ';' ||
		       s[j] == '-' || strncmp(s + j, "\xe2\x80\x94", 3) == 0 ||
		       strncmp(s + j, "\xe2\x80\x93", 3) == 0)
			j += (unsigned char)s[j] == 0xe2 ? 3 : 1;
		*rest = j;
		return n;
	}
	return 0;
}

char *qd_phrase_short_answer(const char *p, enum qd_question_kind kind, size_t max)
{
	struct qd_sent *sents = NULL;
	size_t count = 0, rest = 0, ll;
	char *r = NULL;

	qd_words_split(p, &sents, &count);
	if (!count) {
		free(sents);
		return NULL;
	}
	const char *s1 = sents[0].text;
	if ((ll = lead_len(s1, &rest))) {
		/* The lead and one sentence of reason. */
		struct qd_buf b;
		const char *reason = s1 + rest;
		char *clipped;
		size_t lead_words = words_n(s1, rest);
		qd_buf_init(&b);
		if (*reason && qd_phrase_words(reason) <= 5) {
			/* "No — not per cup." is the lead's own qualification. */
			qd_buf_adds(&b, s1);
			lead_words = qd_phrase_words(s1);
			reason = count > 1 ? sents[1].text : "";
		} else {
			qd_buf_add(&b, s1, ll);
			qd_buf_addc(&b, '.');
			if (!*reason && count > 1)
				reason = sents[1].text;
		}
		if (*reason && lead_words < max && (clipped = clip_to(reason, max - lead_words))) {
			qd_buf_addc(&b, ' ');
			qd_buf_adds(&b, clipped);
			free(clipped);
		}
		if (b.data[0] >= 'a' && b.data[0] <= 'z')
			b.data[0] = (char)(b.data[0] - 'a' + 'A');
		r = qd_buf_detach(&b, NULL);
	} else {
		if (kind == QD_Q_WHY) {
			/* The reason clause itself: "... because X" -> "Because X". */
			static const char *const cues[] = {" because ", " so that ", " as a way to ",
			                                   " in order to ", NULL};
			for (size_t i = 0; cues[i] && !r; i++) {
				const char *c = strstr(s1, cues[i]);
				if (!c)
					continue;
				struct qd_buf b;
				qd_buf_init(&b);
				if (strstr(cues[i], " to "))
					qd_buf_adds(&b, "To ");
				else
					qd_buf_add(&b, c + 1, strlen(cues[i]) - 1);
				qd_buf_adds(&b, c + strlen(cues[i]));
				r = clip_to(b.data, max);
				qd_buf_release(&b);
			}
		}
		if (!r)
			r = clip_to(s1, max);
	}
	for (size_t i = 0; i < count; i++)
		qd_sent_release(&sents[i]);
	free(sents);
	return r;
}

/* ---- statements ---- */

static const char *const predicate_words[] = {
	"good", "bad", "free", "safe", "fast", "slow", "hard", "easy", "true", "false",
	"possible", "necessary", "better", "worse", "best", "worst", "open", "used", "still",
	"really", "worth", "more", "less", "as", "too", "very", "so", "always", "ever",
	"actually", "also", "only", "just", "available", "visible", "dangerous", "healthy",
	"cheap", "expensive", "popular", "common", "rare", "legal", "new", "old", "alive",
	"dead", "real", "different", "same", "similar", "enough", "ready", "able", "likely",
	"required", "needed", "part", "made", "named", "called", "known", "still", "much",
	"any", "all", "only", "in", "on", "at", "from", "for", "of", "with", "by", NULL,
};

static bool predicate_start(const char *w, const char *next)
{
	size_t n = strlen(w);

	if (!strcasecmp(w, "a") || !strcasecmp(w, "an") || !strcasecmp(w, "the"))
		return true;
	if (in(predicate_words, w) || qd_word_in(QD_WC_PREP, w, n))
		return true;
	if (n > 3 && next && !strcasecmp(next, "than") && !strcmp(w + n - 2, "er"))
		return true;
	if (n > 4 && w[0] >= 'a' && w[0] <= 'z') { /* "Titanic" is no adjective */
		static const char *const suffixes[] = {"ful", "ous", "ive", "able", "ible", "al",
		                                       "ic", "ent", "ant", "less", "ed", "en", NULL};
		for (size_t i = 0; suffixes[i]; i++) {
			size_t m = strlen(suffixes[i]);
			if (n > m + 2 && !strcasecmp(w + n - m, suffixes[i]))
				return true;
		}
	}
	return qd_word_is_past(w, n);
}

static const char *const common_bases[] = {
	"have", "be", "need", "use", "make", "get", "go", "work", "run", "cost", "take",
	"contain", "require", "help", "cause", "come", "matter", "last", "taste", "walk",
	"land", "fly", "live", "grow", "support", "run", "rise", "work", "change", "count",
	"store", "produce", "mean", "hurt", "stay", NULL,
};

static void third_person(const char *v, struct qd_buf *b)
{
	size_t n = strlen(v);

	if (!strcasecmp(v, "have")) {
		qd_buf_adds(b, "has");
	} else if (!strcasecmp(v, "be")) {
		qd_buf_adds(b, "is");
	} else if (!strcasecmp(v, "do") || !strcasecmp(v, "go")) {
		qd_buf_adds(b, v);
		qd_buf_adds(b, "es");
	} else if (n > 1 && v[n - 1] == 'y' && !strchr("aeiou", v[n - 2])) {
		qd_buf_add(b, v, n - 1);
		qd_buf_adds(b, "ies");
	} else if ((n > 1 && (v[n - 1] == 's' || v[n - 1] == 'x' || v[n - 1] == 'z')) ||
	           (n > 2 && (!strcmp(v + n - 2, "ch") || !strcmp(v + n - 2, "sh")))) {
		qd_buf_adds(b, v);
		qd_buf_adds(b, "es");
	} else {
		qd_buf_adds(b, v);
		qd_buf_addc(b, 's');
	}
}

/* Runs of vowels in v: the syllables, roughly. */
static size_t vowel_groups(const char *v)
{
	size_t n = 0;
	bool in = false;

	for (; *v; v++) {
		bool vowel = strchr("aeiouAEIOU", *v) != NULL;
		if (vowel && !in)
			n++;
		in = vowel;
	}
	return n;
}

static void past(const char *v, struct qd_buf *b)
{
	static const char *const irregular[] = {
		"be", "was", "have", "had", "do", "did", "go", "went", "make", "made", "take", "took",
		"come", "came", "see", "saw", "give", "gave", "get", "got", "find", "found", "build",
		"built", "write", "wrote", "leave", "left", "lead", "led", "fly", "flew", "run", "ran",
		"win", "won", "begin", "began", "become", "became", "bring", "brought", "buy",
		"bought", "catch", "caught", "choose", "chose", "drink", "drank", "drive", "drove",
		"eat", "ate", "fall", "fell", "feel", "felt", "grow", "grew", "hold", "held", "keep",
		"kept", "know", "knew", "lose", "lost", "mean", "meant", "meet", "met", "pay", "paid",
		"say", "said", "sell", "sold", "send", "sent", "sit", "sat", "speak", "spoke",
		"spend", "spent", "stand", "stood", "teach", "taught", "tell", "told", "think",
		"thought", "throw", "threw", "understand", "understood", "wear", "wore", "swim",
		"swam", "sing", "sang", "rise", "rose", "put", "put", "set", "set", "cut", "cut",
		"let", "let", "hit", "hit", "read", "read", "shut", "shut", "spread", "spread",
		"cost", "cost", "hurt", "hurt", "quit", "quit", "invent", "invented", NULL,
	};
	size_t n = strlen(v);

	for (size_t i = 0; irregular[i]; i += 2)
		if (!strcasecmp(irregular[i], v)) {
			qd_buf_adds(b, irregular[i + 1]);
			return;
		}
	if (n && v[n - 1] == 'e') {
		qd_buf_adds(b, v);
		qd_buf_addc(b, 'd');
	} else if (n > 1 && v[n - 1] == 'y' && !strchr("aeiou", v[n - 2])) {
		qd_buf_add(b, v, n - 1);
		qd_buf_adds(b, "ied");
	} else if (n >= 3 && n <= 4 && !strchr("aeiouwxy", v[n - 1]) && strchr("aeiou", v[n - 2]) &&
	           !strchr("aeiou", v[n - 3]) && vowel_groups(v) == 1) {
		/* stop -> stopped, plan -> planned; not open -> opened */
		qd_buf_adds(b, v);
		qd_buf_addc(b, v[n - 1]);
		qd_buf_adds(b, "ed");
	} else {
		qd_buf_adds(b, v);
		qd_buf_adds(b, "ed");
	}
}

char *qd_phrase_statement(const char *question, size_t subject_len)
{
	char aux[32], w[64], next[64];
	const char *rest, *p;
	size_t qn = strlen(question), subj_end, k;
	struct qd_buf b;

	while (qn && (is_space(question[qn - 1]) || question[qn - 1] == '?'))
		qn--;
	if (!word_at(question, 0, aux, sizeof(aux)))
		return NULL;
	rest = question + strlen(aux);
	while (is_space(*rest))
		rest++;
	if ((size_t)(rest - question) >= qn)
		return NULL;
	size_t rn = qn - (size_t)(rest - question);
	char *r = qd_xstrndup(rest, rn);
	/* Questions about the reader are opinions, not statements. */
	if (word_at(r, 0, w, sizeof(w)) && (!strcasecmp(w, "I") || !strcasecmp(w, "you") ||
	                                     !strcasecmp(w, "we") || !strcasecmp(w, "my") ||
	                                     !strcasecmp(w, "your") || !strcasecmp(w, "it") ||
	                                     !strcasecmp(w, "there") || !strcasecmp(w, "this"))) {
		free(r);
		return NULL;
	}
	/* Where the subject ends. */
	bool be = in(aux_be, aux), modal = in(aux_modal, aux), does = in(aux_do, aux),
	     have = in(aux_have, aux);
	if (!be && !modal && !does && !have) {
		free(r);
		return NULL;
	}
	subj_end = 0;
	if (subject_len && subject_len < rn) {
		subj_end = subject_len;
	} else {
		char prev[64] = "";
		for (k = 1; k <= 7 && word_at(r, k, w, sizeof(w)); k++) {
			if (!word_at(r, k + 1, next, sizeof(next)))
				next[0] = '\0';
			if (!word_at(r, k - 1, prev, sizeof(prev)))
				prev[0] = '\0';
			/* "the wreck of the Titanic": "of" and what follows it belong
			 * to the subject */
			if (!strcasecmp(w, "of") || !strcasecmp(prev, "of"))
				continue;
			/* "Has SQLite ever had ...?" has no statement to judge */
			if (!strcasecmp(w, "ever")) {
				free(r);
				return NULL;
			}
			/* a capitalised word is part of a name, not the verb */
			bool stop = be ? predicate_start(w, next[0] ? next : NULL)
			               : !(w[0] >= 'A' && w[0] <= 'Z') &&
			                     (qd_word_is_verb(w, strlen(w)) || in(common_bases, w));
			if (stop)
				break;
		}
		if (k > 7 || !word_at(r, k, w, sizeof(w))) {
			free(r);
			return NULL;
		}
		/* subj_end: the byte offset of word k */
		p = r;
		for (size_t i = 0; i < k; i++) {
			while (is_space(*p))
				p++;
			while (*p && !is_space(*p))
				p++;
		}
		subj_end = (size_t)(p - r);
	}
	const char *pred = r + subj_end;
	while (is_space(*pred))
		pred++;
	if (!*pred) {
		free(r);
		return NULL;
	}
	qd_buf_init(&b);
	qd_buf_add(&b, r, subj_end);
	while (b.len && is_space(b.data[b.len - 1]))
		b.len--;
	b.data[b.len] = '\0';
	if (b.data[0] >= 'a' && b.data[0] <= 'z')
		b.data[0] = (char)(b.data[0] - 'a' + 'A');
	qd_buf_addc(&b, ' ');
	if (does) {
		/* "Did X walk on ..." -> "X walked on ..." */
		char verb[64];
		if (!word_at(pred, 0, verb, sizeof(verb))) {
			qd_buf_release(&b);
			free(r);
			return NULL;
		}
		if (!strcasecmp(aux, "does"))
			third_person(verb, &b);
		else if (!strcasecmp(aux, "did"))
			past(verb, &b);
		else
			qd_buf_adds(&b, verb);
		qd_buf_adds(&b, pred + strlen(verb));
	} else {
		for (char *c = aux; *c; c++)
			*c = (char)(*c >= 'A' && *c <= 'Z' ? *c - 'A' + 'a' : *c);
		qd_buf_adds(&b, aux);
		qd_buf_addc(&b, ' ');
		qd_buf_adds(&b, pred);
	}
	qd_buf_addc(&b, '.');
	free(r);
	return qd_buf_detach(&b, NULL);
}

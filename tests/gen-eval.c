/*
 * gen-eval: how well `quizdeck gen` asks for an article's key facts.
 *
 *   gen-eval [-v] [--min PERCENT] DIR
 *
 * For every DIR/NAME.txt with a hand-made DIR/NAME.facts (one key fact a
 * line, as the short answer a card would ask for, alternatives separated
 * by " | ", "# ..." a comment), generates the deck as `quizdeck gen` does,
 * loads it back, and prints one row per article: the cards, the key facts
 * that some card asks for out of those listed, and the card smells
 * `quizdeck check` finds (plus cards the generator left out for one).
 *
 * A card asks for a fact when the fact (any of its alternatives, compared
 * as answers are graded: case, accents of the deck, punctuation folded) is
 * a cloze blank or one of its alternatives, a typed answer or an accepted
 * one, a choice's right answer or a multi card's, or stands whole in a
 * short basic answer or true/false statement (at most 20 words). A longer
 * answer containing the fact counts when it is a term of at most three
 * words more than the fact.
 *
 * Exits 1 if any article asks for fewer than PERCENT (default 90) of its key
 * facts or has a smell; -v lists every fact with the card that asks it (or
 * "MISSED").
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/article.h"
#include "quizdeck/buf.h"
#include "quizdeck/gen.h"
#include "quizdeck/lint.h"
#include "quizdeck/match.h"


struct asked {
	char *norm; /* normalised, padded with spaces */
	size_t words;
	const char *card;
	bool whole_answer; /* a blank, typed, choice answer: not a sentence */
};

static size_t words(const char *s)
{
	size_t n = 0;
	bool in = false;
	for (; *s; s++) {
		bool sp = *s == ' ';
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

static void add(struct asked **v, size_t *n, const char *s, const char *card, bool whole,
                bool accents)
{
	struct qd_buf b;

	qd_buf_init(&b);
	qd_buf_addc(&b, ' ');
	qd_match_normalize(&b, s, accents);
	qd_buf_addc(&b, ' ');
	*v = realloc(*v, (*n + 1) * sizeof(**v));
	(*v)[*n].norm = qd_buf_detach(&b, NULL);
	(*v)[*n].words = words((*v)[*n].norm);
	(*v)[*n].card = card;
	(*v)[*n].whole_answer = whole;
	(*n)++;
}

static void collect(const struct qd_deck *d, struct asked **v, size_t *n)
{
	bool acc = qd_deck_ignores_accents(d);

	for (size_t i = 0; i < qd_deck_card_count(d); i++) {
		const struct qd_card *c = qd_deck_card(d, i);
		switch (c->type) {
		case QD_CARD_CLOZE:
			for (size_t k = 0; k < c->n_blanks; k++)
				for (size_t j = 0; j < c->blanks[k].n_answers; j++)
					add(v, n, c->blanks[k].answers[j], c->id, true, acc);
			break;
		case QD_CARD_TYPED:
			add(v, n, c->a, c->id, true, acc);
			for (size_t k = 0; k < c->n_accept; k++)
				add(v, n, c->accept[k], c->id, true, acc);
			break;
		case QD_CARD_CHOICE:
			add(v, n, c->a, c->id, true, acc);
			break;
		case QD_CARD_MULTI:
			for (size_t k = 0; k < c->n_answers; k++)
				add(v, n, c->answers[k], c->id, true, acc);
			break;
		case QD_CARD_BASIC:
			if (words(c->a) <= QD_LINT_MAX_BASIC_WORDS)
				add(v, n, c->a, c->id, false, acc);
			break;
		case QD_CARD_TRUEFALSE:
			if (words(c->q) <= QD_LINT_MAX_BASIC_WORDS)
				add(v, n, c->q, c->id, false, acc);
			break;
		}
	}
}

/* The card asking for fact alternative alt (normalised, padded), or NULL. */
static const char *asked_by(const struct asked *v, size_t n, const char *alt)
{
	size_t aw = words(alt);

	for (size_t i = 0; i < n; i++)
		if (strcmp(v[i].norm, alt) == 0)
			return v[i].card;
	for (size_t i = 0; i < n; i++)
		if (strstr(v[i].norm, alt) && (!v[i].whole_answer || v[i].words <= aw + 3))
			return v[i].card;
	return NULL;
}

struct row {
	size_t cards, facts, found, smells, left_out;
};

static void smell_line(void *data, const struct qd_card *c, enum qd_lint_id id, int line,
                       int col, const char *msg)
{
	(void)line;
	(void)col;
	printf("    SMELL %s: %s [-W%s]\n", c->id, msg, qd_lint_name(id));
	((struct row *)data)->smells++;
}

static int eval(const char *dir, const char *name, bool verbose, struct row *r)
{
	char path[4096];
	struct qd_err err;
	struct qd_article *a;
	struct qd_gen_deck gd;
	struct qd_gen_opts o = {0};
	struct qd_strv notes = {NULL, 0};
	struct qd_deck *deck;
	struct asked *v = NULL;
	size_t nv = 0;
	FILE *fp;
	char line[1024];

	memset(r, 0, sizeof(*r));
	snprintf(path, sizeof(path), "%s/%s.txt", dir, name);
	if (!(a = qd_article_load(path, &err))) {
		fprintf(stderr, "%s: %s\n", path, err.msg);
		return -1;
	}
	o.notes = &notes;
	if (qd_gen_deck(a, &o, &gd, &err)) {
		fprintf(stderr, "%s: gen: %s\n", path, err.msg);
		qd_article_free(a);
		return -1;
	}
	qd_article_free(a);
	r->left_out = notes.len;
	for (size_t i = 0; i < notes.len; i++)
		printf("    LEFT OUT %s\n", notes.items[i]);
	qd_strv_clear(&notes);
	if (qd_gen_deck_load(&gd, NULL, &deck, &err)) {
		fprintf(stderr, "%s: the generated deck does not load: %s\n", path, err.msg);
		qd_gen_deck_release(&gd);
		return -1;
	}
	qd_gen_deck_release(&gd);
	r->cards = qd_deck_card_count(deck);
	qd_lint_deck(deck, NULL, smell_line, r);
	collect(deck, &v, &nv);

	snprintf(path, sizeof(path), "%s/%s.facts", dir, name);
	if (!(fp = fopen(path, "r"))) {
		perror(path);
		qd_deck_free(deck);
		return -1;
	}
	while (fgets(line, sizeof(line), fp)) {
		char *hash = strstr(line, "#"), *p, *save = NULL;
		const char *by = NULL;
		if (line[0] == '#')
			continue;
		if (hash)
			*hash = '\0';
		line[strcspn(line, "\r\n")] = '\0';
		if (strspn(line, " \t") == strlen(line))
			continue;
		r->facts++;
		char copy[1024];
		snprintf(copy, sizeof(copy), "%s", line);
		for (p = strtok_r(copy, "|", &save); p && !by; p = strtok_r(NULL, "|", &save)) {
			struct qd_buf b;
			qd_buf_init(&b);
			qd_buf_addc(&b, ' ');
			qd_match_normalize(&b, p, qd_deck_ignores_accents(deck));
			qd_buf_addc(&b, ' ');
			if (b.len > 2)
				by = asked_by(v, nv, b.data);
			qd_buf_release(&b);
		}
		if (by)
			r->found++;
		if (verbose)
			printf("    %-8s %-40s %s\n", by ? "asked" : "MISSED", line, by ? by : "");
	}
	fclose(fp);
	for (size_t i = 0; i < nv; i++)
		free(v[i].norm);
	free(v);
	qd_deck_free(deck);
	return 0;
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
	bool verbose = false;
	double min_recall = 0.90;
	const char *dir = argv[argc - 1];

	for (int i = 1; i + 1 < argc; i++) {
		if (strcmp(argv[i], "-v") == 0)
			verbose = true;
		else if (strcmp(argv[i], "--min") == 0 && i + 2 < argc)
			min_recall = atof(argv[++i]) / 100;
	}
	DIR *d;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	int status = 0;
	struct row tot = {0};

	if (argc < 2) {
		fprintf(stderr, "usage: gen-eval [-v] DIR\n");
		return 2;
	}
	if (!(d = opendir(dir))) {
		perror(dir);
		return 2;
	}
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len > 6 && strcmp(e->d_name + len - 6, ".facts") == 0) {
			names = realloc(names, (n + 1) * sizeof(*names));
			names[n++] = strndup(e->d_name, len - 6);
		}
	}
	closedir(d);
	qsort(names, n, sizeof(*names), name_cmp);
	printf("| article | cards | key facts asked | recall | smells |\n");
	printf("| --- | ---: | ---: | ---: | ---: |\n");
	for (size_t i = 0; i < n; i++) {
		struct row r;
		if (verbose)
			printf("%s:\n", names[i]);
		if (eval(dir, names[i], verbose, &r)) {
			status = 1;
			free(names[i]);
			continue;
		}
		double recall = r.facts ? (double)r.found / (double)r.facts : 0;
		printf("| %s | %zu | %zu / %zu | %.0f%% | %zu |\n", names[i], r.cards, r.found, r.facts,
		       recall * 100, r.smells + r.left_out);
		if (recall < min_recall || r.smells || r.left_out)
			status = 1;
		tot.cards += r.cards;
		tot.found += r.found;
		tot.facts += r.facts;
		tot.smells += r.smells + r.left_out;
		free(names[i]);
	}
	free(names);
	printf("| all %zu | %zu | %zu / %zu | %.0f%% | %zu |\n", n, tot.cards, tot.found, tot.facts,
	       tot.facts ? 100.0 * (double)tot.found / (double)tot.facts : 0.0, tot.smells);
	if (!n) {
		fprintf(stderr, "gen-eval: no .facts files in %s\n", dir);
		status = 1;
	}
	return status;
}

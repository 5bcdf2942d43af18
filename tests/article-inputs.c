/*
 * article-inputs BYTES ARTICLE...: writes to stdout one long article of
 * about BYTES bytes (at least BYTES, at most QD_ARTICLE_MAX_BYTES) made of
 * the paragraphs and related questions of the given articles, for the
 * generator's scale test (tests/gen-scale.sh) and for timing `quizdeck gen`
 * on large articles (bench/bench-table.sh).
 *
 * The paragraphs are taken in turn, all of them, then all again, as copies.
 * So that a copy states new facts rather than the ones already asked (the
 * generator asks each fact once), copy k > 0 is changed: a capitalised word
 * inside a sentence ("Billund") gets a suffix of syllables spelling k
 * ("Billundke" in copy 1), month and day names excepted so that dates stay
 * dates, and a whole number written in digits ("1932", not "1.5" or
 * "400,000") is k more. Headings are the headings of the paragraphs' sections, with
 * the section's number, so many share their first words (and the ids the
 * generator derives from them). The article has as many sections as it
 * needs paragraphs, at most 190, each of at most 50 paragraphs, and half as
 * many related questions (renamed the same way).
 *
 * Everything comes from the input articles and counters, so the same
 * arguments always write the same bytes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/article.h"
#include "quizdeck/buf.h"

#define MAX_SECTIONS 190

struct para {
	const char *heading, *text;
};

struct question {
	const char *question;
	const struct qd_article_para *paras;
	size_t n_paras;
};

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}

static bool is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

static bool kept_word(const char *w, size_t n)
{
	static const char *const words[] = {
		"January", "February", "March",  "April",   "May",      "June",     "July",
		"August",  "September", "October", "November", "December", "Monday", "Tuesday",
		"Wednesday", "Thursday", "Friday", "Saturday", "Sunday",   NULL};

	for (size_t i = 0; words[i]; i++)
		if (strlen(words[i]) == n && memcmp(words[i], w, n) == 0)
			return true;
	return false;
}

/* k in base 16, one syllable a digit. */
static void add_syllables(struct qd_buf *b, size_t k)
{
	static const char *const syl[] = {"ba", "ke", "lo", "mi", "nu", "pa", "ri", "so",
	                                  "tu", "ve", "xa", "ze", "do", "fi", "go", "hu"};
	char tmp[32][3];
	size_t n = 0;

	while (k) {
		memcpy(tmp[n++], syl[k % 16], 3);
		k /= 16;
	}
	while (n)
		qd_buf_adds(b, tmp[--n]);
}

/* s with every capitalised word inside a sentence renamed for copy k. */
static void add_renamed(struct qd_buf *b, const char *s, size_t k)
{
	bool sentence_start = true;

	for (size_t i = 0; s[i];) {
		if (is_upper(s[i]) && (i == 0 || !is_lower(s[i - 1]))) {
			size_t n = 1;
			while (is_lower(s[i + n]))
				n++;
			qd_buf_add(b, s + i, n);
			if (k && !sentence_start && n >= 3 && !kept_word(s + i, n))
				add_syllables(b, k);
			i += n;
			sentence_start = false;
			continue;
		}
		if (k && s[i] >= '1' && s[i] <= '9' && (i == 0 || s[i - 1] == ' ')) {
			/* A whole number (not "1.5" or "400,000"): plus k. */
			size_t n = strspn(s + i, "0123456789");
			if (n <= 6 && s[i + n] != '.' && s[i + n] != ',' && s[i + n] != ':') {
				qd_buf_addf(b, "%lu", strtoul(s + i, NULL, 10) + k);
				i += n;
				sentence_start = false;
				continue;
			}
		}
		if (s[i] == '.' || s[i] == '!' || s[i] == '?' || s[i] == ':')
			sentence_start = true;
		else if (s[i] != ' ' && s[i] != '"' && s[i] != '(')
			sentence_start = false;
		qd_buf_addc(b, s[i++]);
	}
}

int main(int argc, char **argv)
{
	struct qd_article **arts;
	struct para *paras = NULL;
	struct question *qs = NULL;
	size_t n_paras = 0, n_qs = 0, bytes = 0, para_bytes = 0;
	struct qd_buf b;
	int rc = 0;

	if (argc < 3 || (bytes = strtoul(argv[1], NULL, 10)) == 0) {
		fprintf(stderr, "usage: article-inputs BYTES ARTICLE...\n");
		return 64;
	}
	if (bytes > QD_ARTICLE_MAX_BYTES - 8192)
		bytes = QD_ARTICLE_MAX_BYTES - 8192;
	arts = qd_xcalloc((size_t)argc, sizeof(*arts));
	for (int i = 2; i < argc; i++) {
		struct qd_err err;
		qd_err_clear(&err);
		if (!(arts[i] = qd_article_load(argv[i], &err))) {
			fprintf(stderr, "article-inputs: %s: %s\n", argv[i], err.msg);
			rc = 1;
			goto out;
		}
		for (size_t s = 0; s < arts[i]->n_sections; s++)
			for (size_t p = 0; p < arts[i]->sections[s].n_paras; p++) {
				paras = qd_xrealloc(paras, (n_paras + 1) * sizeof(*paras));
				paras[n_paras].heading = arts[i]->sections[s].heading;
				paras[n_paras].text = arts[i]->sections[s].paras[p].text;
				para_bytes += strlen(paras[n_paras].text) + 2;
				n_paras++;
			}
		for (size_t q = 0; q < arts[i]->n_questions; q++) {
			qs = qd_xrealloc(qs, (n_qs + 1) * sizeof(*qs));
			qs[n_qs].question = arts[i]->questions[q].question;
			qs[n_qs].paras = arts[i]->questions[q].paras;
			qs[n_qs].n_paras = arts[i]->questions[q].n_paras;
			n_qs++;
		}
	}
	if (!n_paras) {
		fprintf(stderr, "article-inputs: the articles have no section\n");
		rc = 1;
		goto out;
	}

	/* Paragraphs a section: enough for BYTES in MAX_SECTIONS sections
	 * (a paragraph and a question's answer count alike). */
	size_t avg = para_bytes / n_paras + 1;
	size_t per = bytes / avg / MAX_SECTIONS + 1;
	if (per > QD_ARTICLE_MAX_PARAS)
		per = QD_ARTICLE_MAX_PARAS;

	qd_buf_init(&b);
	qd_buf_adds(&b, "A long article on many subjects\n\nLast updated: January 1, 2026\n\n");
	if (arts[2]->quick)
		qd_buf_addf(&b, "Quick Answer: %s\n\n", arts[2]->quick);
	qd_buf_adds(&b, "Key Facts\n\n");
	size_t i = 0, sec = 0;
	for (; b.len < bytes * 2 / 3 && sec < MAX_SECTIONS; sec++) {
		qd_buf_addf(&b, "%s %zu\n\n", paras[i % n_paras].heading, sec + 1);
		for (size_t p = 0; p < per && b.len < bytes * 2 / 3; p++, i++) {
			add_renamed(&b, paras[i % n_paras].text, i / n_paras);
			qd_buf_adds(&b, "\n\n");
		}
	}
	/* The last third: related questions, then more sections' worth of
	 * paragraphs into the questions' answers when there are few. */
	size_t nq = 0;
	if (n_qs) {
		qd_buf_adds(&b, "Related Questions\n\n");
		for (size_t q = 0; b.len < bytes && nq < QD_ARTICLE_MAX_PARTS; q++, nq++) {
			const struct question *x = &qs[q % n_qs];
			add_renamed(&b, x->question, q / n_qs + 1);
			qd_buf_adds(&b, "\n\n");
			for (size_t p = 0; p < x->n_paras; p++) {
				add_renamed(&b, x->paras[p].text, q / n_qs + 1);
				qd_buf_adds(&b, "\n\n");
			}
			for (size_t p = 0; p + x->n_paras < per && b.len < bytes; p++, i++) {
				add_renamed(&b, paras[i % n_paras].text, i / n_paras);
				qd_buf_adds(&b, "\n\n");
			}
		}
	}
	qd_buf_adds(&b, "Sources\n\n");
	for (int k = 2; k < argc; k++)
		for (size_t s = 0; s < arts[k]->n_sources; s++)
			qd_buf_addf(&b, "  - %s%s%s\n", arts[k]->sources[s].title,
			            arts[k]->sources[s].licence ? " " : "",
			            arts[k]->sources[s].licence ? arts[k]->sources[s].licence : "");
	if (fwrite(b.data, 1, b.len, stdout) != b.len || fflush(stdout) != 0) {
		fprintf(stderr, "article-inputs: cannot write the article\n");
		rc = 1;
	}
	qd_buf_release(&b);
out:
	for (int k = 2; k < argc; k++)
		qd_article_free(arts[k]);
	free(arts);
	free(paras);
	free(qs);
	return rc;
}

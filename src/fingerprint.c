/*
 * Quiz fingerprints: a canonical encoding and its SHA-256. See
 * quizdeck/fingerprint.h.
 *
 * Netstrings make the encoding unambiguous without escaping (no text can
 * pass for a field boundary), and every value is written in one fixed
 * spelling: numbers in decimal, booleans as 0/1, type names as the deck
 * format spells them, tags sorted by bytes (a tag list is a set). No
 * locale, clock or path reaches it. Rules that are spelt differently but
 * draw alike encode alike: the card types are those that can be drawn
 * (self-grading is only whether basic is among them).
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/fingerprint.h"
#include "quizdeck/sha256.h"

#define VERSION_LINE "quizdeck quiz fingerprint 1\n"

static void netstring(struct qd_buf *b, const char *s)
{
	qd_buf_addf(b, "%zu:", strlen(s));
	qd_buf_adds(b, s);
	qd_buf_addc(b, ',');
}

static void put(struct qd_buf *b, const char *label, const char *value)
{
	netstring(b, label);
	netstring(b, value ? value : "");
}

static void put_num(struct qd_buf *b, const char *label, long long v)
{
	char num[32];

	snprintf(num, sizeof(num), "%lld", v);
	put(b, label, num);
}

static void put_list(struct qd_buf *b, const char *label, const char *const *items, size_t n)
{
	put_num(b, label, (long long)n);
	for (size_t i = 0; i < n; i++)
		netstring(b, items[i]);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

void qd_fingerprint_encode(struct qd_buf *out, const struct qd_quiz_opts *o,
                           const struct qd_quiz_question *qs, size_t n)
{
	const char **tags = NULL;
	size_t ntags = o->draw.tags && o->draw.n_tags > 0 ? (size_t)o->draw.n_tags : 0;
	char types[64] = "";

	qd_buf_adds(out, VERSION_LINE);
	put_num(out, "questions", (long long)o->draw.count);
	put_num(out, "time-ms", (long long)o->total_ms);
	put_num(out, "per-question-ms", (long long)o->per_question_ms);
	put_num(out, "seed", (long long)o->draw.seed);
	/* The types that can be drawn, however the quiz said so: every type
	 * unless limited, basic only when self-graded. */
	unsigned effective = o->draw.types ? o->draw.types : ~0u;
	if (!o->draw.self_grade)
		effective &= ~(1u << QD_CARD_BASIC);
	for (int t = QD_CARD_BASIC; t <= QD_CARD_CLOZE; t++)
		if (effective & (1u << t))
			snprintf(types + strlen(types), sizeof(types) - strlen(types), "%s%s",
			         *types ? "," : "", qd_card_type_name((enum qd_card_type)t));
	put(out, "types", types);
	if (ntags) {
		tags = qd_xcalloc(ntags, sizeof(*tags));
		memcpy(tags, o->draw.tags, ntags * sizeof(*tags));
		qsort(tags, ntags, sizeof(*tags), cmp_str);
	}
	put_list(out, "tags", tags, ntags);
	free(tags);
	put_num(out, "speed-bonus", o->speed_bonus);
	put_num(out, "cards", (long long)n);
	for (size_t i = 0; i < n; i++) {
		const struct qd_card *c = qs[i].card;

		put(out, "deck", qd_deck_id(qs[i].deck));
		put(out, "accents", qd_deck_ignores_accents(qs[i].deck) ? "ignore" : "strict");
		put(out, "card", c->id);
		put(out, "type", qd_card_type_name(c->type));
		put(out, "q", c->q);
		put(out, "a", c->type == QD_CARD_TRUEFALSE ? (c->truth ? "true" : "false") : c->a);
		put_list(out, "accept", c->accept, c->n_accept);
		put_list(out, "choices", c->choices, c->n_choices);
		put_list(out, "answers", c->answers, c->n_answers);
		put(out, "text", c->text);
	}
}

void qd_fingerprint(const struct qd_quiz_opts *o, const struct qd_quiz_question *qs, size_t n,
                    char out[QD_FINGERPRINT_HEX + 1])
{
	struct qd_buf b;

	qd_buf_init(&b);
	qd_fingerprint_encode(&b, o, qs, n);
	qd_sha256_hex(b.data, b.len, out);
	qd_buf_release(&b);
}

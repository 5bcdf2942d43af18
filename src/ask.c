/*
 * Asking one card; see quizdeck/ask.h.
 *
 * Every card type goes through the same steps: show the question, read
 * lines until one is an answer (commands and invalid input are handled
 * here or handed back), grade it with the match module. The time taken is
 * measured on the monotonic clock from the moment the question is shown.
 */
#include <stdlib.h>
#include <string.h>

#include <unistr.h>

#include "quizdeck/ask.h"
#include "quizdeck/buf.h"
#include "quizdeck/markup.h"
#include "quizdeck/match.h"
#include "quizdeck/rng.h"
#include "quizdeck/text.h"

void qd_ask_result_release(struct qd_ask_result *r)
{
	free(r->given);
	free(r->command);
	free(r->blank_ok);
	free(r->chosen);
	free(r->order);
	for (size_t i = 0; i < r->n_blanks; i++)
		free(r->blanks[i].given);
	free(r->blanks);
	memset(r, 0, sizeof(*r));
}

bool qd_ask_auto_gradable(const struct qd_card *card)
{
	return card->type != QD_CARD_BASIC;
}

static void put(const struct qd_ask *a, struct qd_buf *b)
{
	fwrite(b->data, 1, b->len, a->out);
	qd_buf_reset(b);
}

/* Card text (untrusted, with markup) rendered in style and wrapped. */
static void put_wrapped(const struct qd_ask *a, const char *s, unsigned style, int indent)
{
	struct qd_buf out;

	qd_buf_init(&out);
	for (int i = 0; i < indent; i++)
		qd_buf_addc(&out, ' ');
	qd_markup_render(&out, s, style, a->color, a->width, indent);
	qd_buf_addc(&out, '\n');
	put(a, &out);
	qd_buf_release(&out);
}

/* The plain text (markup removed: what grading compares) of first and
 * rest[0..n_rest), owned; *n is their number. first may be NULL. */
static char **plain_answers(const char *first, const char *const *rest, size_t n_rest, size_t *n)
{
	char **p = qd_xcalloc(n_rest + 1, sizeof(*p));
	struct qd_buf b;

	*n = 0;
	qd_buf_init(&b);
	for (size_t i = 0; i <= n_rest; i++) {
		const char *s = i == 0 ? first : rest[i - 1];
		if (!s)
			continue;
		qd_buf_reset(&b);
		qd_markup_plain(&b, s);
		p[(*n)++] = qd_xstrdup(b.len ? b.data : "");
	}
	qd_buf_release(&b);
	return p;
}

static void free_answers(char **p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i]);
	free(p);
}

/* Reads one line; handles ":hint" when allowed. Returns the prompt status,
 * with QD_PROMPT_LINE lines that are commands turned into res->command. */
static enum qd_prompt_status ask_line(const struct qd_ask *a, const struct qd_card *card,
                                      const char *label, const char *const *words,
                                      char **line)
{
	struct qd_buf prompt;
	enum qd_prompt_status st;
	struct qd_prompt_req req = {0};

	qd_buf_init(&prompt);
	qd_style_prompt(&prompt, a->color, QD_STYLE_BOLD, label);
	qd_buf_adds(&prompt, "> ");
	req.prompt = prompt.data;
	req.completions = words;
	req.deadline_ms = a->deadline_ms;
	req.countdown = a->countdown;
	req.history = true;
	for (;;) {
		fflush(a->out);
		st = qd_prompt_read(a->prompt, &req, line);
		if (st == QD_PROMPT_LINE && (*line)[0] == ':' && strcmp(*line, ":hint") != 0 &&
		    a->command_fn && a->command_fn(a->command_data, *line)) {
			free(*line);
			*line = NULL;
			continue;
		}
		if (st != QD_PROMPT_LINE || !a->allow_hint || strcmp(*line, ":hint") != 0)
			break;
		free(*line);
		*line = NULL;
		if (card->hint) {
			struct qd_buf h;
			qd_buf_init(&h);
			qd_buf_adds(&h, "hint: ");
			qd_buf_adds(&h, card->hint);
			put_wrapped(a, h.data, QD_STYLE_YELLOW, 2);
			qd_buf_release(&h);
			if (a->hinted)
				*a->hinted = true;
		} else {
			fputs("  no hint for this card\n", a->out);
		}
	}
	qd_buf_release(&prompt);
	return st;
}

static enum qd_ask_status status_of(enum qd_prompt_status st)
{
	switch (st) {
	case QD_PROMPT_EOF: return QD_ASK_EOF;
	case QD_PROMPT_INTERRUPT: return QD_ASK_INTERRUPT;
	case QD_PROMPT_TIMEOUT: return QD_ASK_TIMEOUT;
	case QD_PROMPT_ERROR: return QD_ASK_ERROR;
	case QD_PROMPT_LINE: break;
	}
	return QD_ASK_ANSWERED;
}

/* Completion words: the commands, then the extra words. Borrowed strings. */
static const char **words_with(const struct qd_ask *a, const char *const *extra, size_t n_extra)
{
	size_t n = 0, k = 0;
	const char **w;

	while (a->commands && a->commands[n])
		n++;
	w = qd_xcalloc(n + n_extra + 1, sizeof(*w));
	for (size_t i = 0; i < n; i++)
		w[k++] = a->commands[i];
	for (size_t i = 0; i < n_extra; i++)
		w[k++] = extra[i];
	w[k] = NULL;
	return w;
}

static size_t cp_len(const char *s)
{
	return u8_mbsnlen((const uint8_t *)s, strlen(s));
}

/* Shows the choices in the seeded order; fills res->order. */
/* ---- the grading rules, shared by asking and by checking a recorded answer ---- */

/* A typed card's answer against its answer and `accept` list. */
static void grade_typed(const struct qd_card *card, const char *given,
                        const struct qd_match_opts *mo, struct qd_match_result *mr)
{
	size_t n;
	char **answers = plain_answers(card->a, card->accept, card->n_accept, &n);

	qd_match_typed(given, (const char *const *)answers, n, mo, mr);
	free_answers(answers, n);
}

/* One blank of a cloze against its answers. */
static void grade_blank(const struct qd_cloze_blank *bl, const char *given,
                        const struct qd_match_opts *mo, struct qd_match_result *mr)
{
	size_t n;
	char **answers = plain_answers(NULL, bl->answers, bl->n_answers, &n);

	qd_match_typed(given, (const char *const *)answers, n, mo, mr);
	free_answers(answers, n);
}

/* A true/false answer: a blank one is "I don't know", wrong. Returns -1
 * when the text is not a true/false answer. */
static int grade_truefalse(const struct qd_card *card, const char *given, bool *right)
{
	struct qd_err err;
	bool v;

	if (given[strspn(given, " \t")] == '\0') {
		*right = false;
		return 0;
	}
	if (qd_match_truefalse_parse(given, &v, &err) < 0)
		return -1;
	*right = v == card->truth;
	return 0;
}

/* Whether choice i (original order) is one the learner must choose. */
static bool choice_wanted(const struct qd_card *card, size_t i)
{
	if (card->type != QD_CARD_MULTI)
		return strcmp(card->a, card->choices[i]) == 0;
	for (size_t j = 0; j < card->n_answers; j++)
		if (strcmp(card->answers[j], card->choices[i]) == 0)
			return true;
	return false;
}

/* A choice or multi answer is right when exactly the wanted choices are
 * chosen; choosing none ("I don't know") is wrong. */
static bool choices_right(const struct qd_card *card, const bool *chosen)
{
	size_t n = 0;

	for (size_t i = 0; i < card->n_choices; i++) {
		n += chosen[i];
		if (chosen[i] != choice_wanted(card, i))
			return false;
	}
	return n > 0;
}

/* The choices in the order shown (order: shown position -> original index). */
static void put_choices(const struct qd_ask *a, const struct qd_card *card, const size_t *order)
{
	struct qd_buf b;

	qd_buf_init(&b);
	for (size_t k = 0; k < card->n_choices; k++) {
		char label[16];
		int n;
		if (card->n_choices <= 26)
			n = snprintf(label, sizeof(label), "  %2zu %c) ", k + 1, (char)('a' + k));
		else
			n = snprintf(label, sizeof(label), "  %2zu) ", k + 1);
		qd_buf_adds(&b, label);
		{
			struct qd_buf item;
			qd_buf_init(&item);
			qd_markup_inline(&item, card->choices[order[k]], QD_STYLE_NONE, a->color,
			                 QD_SANITIZE_ONELINE);
			qd_text_wrap(&b, item.data, a->width, n);
			qd_buf_release(&item);
		}
		qd_buf_addc(&b, '\n');
	}
	put(a, &b);
	qd_buf_release(&b);
}

static void show_choices(const struct qd_ask *a, const struct qd_card *card,
                         struct qd_ask_result *res)
{
	res->order = qd_xcalloc(card->n_choices, sizeof(*res->order));
	qd_shuffle_indices(res->order, card->n_choices, a->seed);
	put_choices(a, card, res->order);
}

/* A cloze's text with blank i to fill. */
static void put_cloze(const struct qd_ask *a, const struct qd_card *card, size_t i)
{
	struct qd_buf b, w;

	qd_buf_init(&b);
	qd_buf_init(&w);
	qd_match_cloze_prompt(&b, card->text, card->blanks, card->n_blanks, i, a->color);
	qd_text_wrap(&w, b.data, a->width, 0);
	qd_buf_addc(&w, '\n');
	put(a, &w);
	qd_buf_release(&w);
	qd_buf_release(&b);
}

static void show_question(const struct qd_ask *a, const struct qd_card *card)
{
	const char *q = card->q;

	if (card->type == QD_CARD_BASIC && a->reverse)
		q = card->a;
	if (q && *q)
		put_wrapped(a, q, QD_STYLE_BOLD, 0);
}

/* Runs one prompt and classifies the line. Returns true when `line` is an
 * answer to grade; false when res->status is final. */
static bool get_answer(const struct qd_ask *a, const struct qd_card *card, const char *label,
                       const char *const *words, struct qd_ask_result *res, char **line)
{
	enum qd_prompt_status st = ask_line(a, card, label, words, line);

	if (st != QD_PROMPT_LINE) {
		res->status = status_of(st);
		if (st == QD_PROMPT_TIMEOUT) {
			free(res->given);
			res->given = *line ? *line : qd_xstrdup("");
			*line = NULL;
		}
		return false;
	}
	if ((*line)[0] == ':') {
		res->status = QD_ASK_COMMAND;
		res->command = *line;
		*line = NULL;
		return false;
	}
	return true;
}

static void ask_typed(const struct qd_ask *a, const struct qd_card *card,
                      struct qd_ask_result *res, const char **words)
{
	struct qd_match_opts mo = {a->ignore_accents, false};
	struct qd_match_result mr;
	char *line = NULL;

	if (!get_answer(a, card, "answer", words, res, &line))
		return;
	grade_typed(card, line, &mo, &mr);
	res->graded = true;
	res->correct = mr.correct;
	res->typo = mr.typo;
	res->which = mr.which;
	res->expected_len = cp_len(card->a);
	res->given = line;
}

static void ask_basic(const struct qd_ask *a, const struct qd_card *card,
                      struct qd_ask_result *res, const char **words)
{
	char *line = NULL;

	if (!get_answer(a, card, "your answer (Enter reveals)", words, res, &line))
		return;
	res->graded = false;
	res->given = line;
	res->expected_len = cp_len(a->reverse ? card->q : card->a);
}

static void ask_choice(const struct qd_ask *a, const struct qd_card *card,
                       struct qd_ask_result *res, const char **cmds)
{
	bool multi = card->type == QD_CARD_MULTI;
	struct qd_match_opts mo = {a->ignore_accents, true};
	const char **words;
	char **shown, *line = NULL;

	show_choices(a, card, res);
	/* The choices as shown, markup removed: what the learner types or Tab
	 * completes. */
	shown = qd_xcalloc(card->n_choices, sizeof(*shown));
	for (size_t k = 0; k < card->n_choices; k++) {
		struct qd_buf p;
		qd_buf_init(&p);
		qd_markup_plain(&p, card->choices[res->order[k]]);
		shown[k] = qd_buf_detach(&p, NULL);
	}
	words = words_with(a, (const char *const *)shown, card->n_choices);
	(void)cmds;
	res->chosen = qd_xcalloc(card->n_choices, sizeof(bool));
	for (;;) {
		struct qd_err err;
		bool *chosen_shown = qd_xcalloc(card->n_choices, sizeof(bool));
		int n;

		if (!get_answer(a, card, multi ? "choices (e.g. 1 3)" : "choice", words, res,
		                &line)) {
			free(chosen_shown);
			break;
		}
		n = qd_match_choice_parse(line, (const char *const *)shown, card->n_choices, multi,
		                          &mo, chosen_shown, &err);
		if (n < 0 && line[strspn(line, " \t")] != '\0') {
			struct qd_buf m;
			qd_buf_init(&m);
			qd_buf_adds(&m, "  ");
			qd_style(&m, a->color, QD_STYLE_YELLOW, err.msg);
			qd_buf_addc(&m, '\n');
			put(a, &m);
			qd_buf_release(&m);
			free(chosen_shown);
			free(line);
			line = NULL;
			continue;
		}
		/* An empty answer is "I don't know": wrong. */
		res->graded = true;
		for (size_t k = 0; k < card->n_choices; k++)
			res->chosen[res->order[k]] = n > 0 && chosen_shown[k];
		res->correct = choices_right(card, res->chosen);
		res->given = line;
		free(chosen_shown);
		break;
	}
	free(words);
	for (size_t k = 0; k < card->n_choices; k++)
		free(shown[k]);
	free(shown);
}

static void ask_truefalse(const struct qd_ask *a, const struct qd_card *card,
                          struct qd_ask_result *res, const char **words)
{
	char *line = NULL;

	for (;;) {
		struct qd_err err;
		bool right;

		if (!get_answer(a, card, "true or false", words, res, &line))
			return;
		if (grade_truefalse(card, line, &right) < 0) {
			qd_match_truefalse_parse(line, &right, &err);
			fprintf(a->out, "  %s\n", err.msg);
			free(line);
			line = NULL;
			continue;
		}
		res->graded = true;
		res->correct = right;
		res->given = line;
		return;
	}
}

static void ask_cloze(const struct qd_ask *a, const struct qd_card *card,
                      struct qd_ask_result *res, const char **words)
{
	struct qd_match_opts mo = {a->ignore_accents, false};
	struct qd_buf given;

	qd_buf_init(&given);
	res->blank_ok = qd_xcalloc(card->n_blanks ? card->n_blanks : 1, sizeof(bool));
	res->blanks = qd_xcalloc(card->n_blanks ? card->n_blanks : 1, sizeof(*res->blanks));
	res->n_blanks = card->n_blanks;
	res->graded = true;
	res->correct = true;
	for (size_t i = 0; i < card->n_blanks; i++) {
		const struct qd_cloze_blank *bl = &card->blanks[i];
		struct qd_match_result mr;
		char label[48], *line = NULL;

		res->blank = i;
		put_cloze(a, card, i);
		if (card->n_blanks > 1)
			snprintf(label, sizeof(label), "blank %zu/%zu", i + 1, (size_t)card->n_blanks);
		else
			snprintf(label, sizeof(label), "blank");
		if (!get_answer(a, card, label, words, res, &line)) {
			if (res->status == QD_ASK_TIMEOUT) {
				qd_buf_adds(&given, given.len ? " | " : "");
				qd_buf_adds(&given, res->given);
				free(res->given);
				res->given = qd_buf_detach(&given, NULL);
			}
			qd_buf_release(&given);
			return;
		}
		grade_blank(bl, line, &mo, &mr);
		res->blank_ok[i] = mr.correct;
		res->blanks[i].answered = true;
		res->blanks[i].ok = mr.correct;
		res->blanks[i].typo = mr.typo;
		res->blanks[i].which = mr.which;
		res->blanks[i].given = qd_xstrdup(line);
		if (!mr.correct)
			res->correct = false;
		if (mr.typo)
			res->typo = true;
		res->expected_len += cp_len(bl->answers[0]);
		if (i)
			qd_buf_adds(&given, " | ");
		qd_buf_adds(&given, line);
		free(line);
	}
	res->given = qd_buf_detach(&given, NULL);
}

void qd_ask_card(const struct qd_ask *a, const struct qd_card *card, struct qd_ask_result *res)
{
	const char **words = words_with(a, NULL, 0);
	int64_t start = qd_prompt_clock_ms();

	memset(res, 0, sizeof(*res));
	res->status = QD_ASK_ANSWERED;
	if (card->type != QD_CARD_CLOZE || (card->q && *card->q))
		show_question(a, card);
	switch (card->type) {
	case QD_CARD_BASIC: ask_basic(a, card, res, words); break;
	case QD_CARD_TYPED: ask_typed(a, card, res, words); break;
	case QD_CARD_CHOICE:
	case QD_CARD_MULTI: ask_choice(a, card, res, words); break;
	case QD_CARD_TRUEFALSE: ask_truefalse(a, card, res, words); break;
	case QD_CARD_CLOZE: ask_cloze(a, card, res, words); break;
	}
	free(words);
	res->duration_ms = qd_prompt_clock_ms() - start;
	if (res->status != QD_ASK_ANSWERED) {
		res->graded = false;
		res->correct = false;
	}
	if (!res->given)
		res->given = qd_xstrdup("");
}

void qd_ask_show_question(const struct qd_ask *a, const struct qd_card *card,
                          const struct qd_ask_result *res)
{
	if (card->type != QD_CARD_CLOZE || (card->q && *card->q))
		show_question(a, card);
	if ((card->type == QD_CARD_CHOICE || card->type == QD_CARD_MULTI) && res->order)
		put_choices(a, card, res->order);
	if (card->type == QD_CARD_CLOZE && res->blank < card->n_blanks)
		put_cloze(a, card, res->blank);
}

void qd_ask_answer_text(struct qd_buf *b, const struct qd_card *card)
{
	switch (card->type) {
	case QD_CARD_BASIC:
	case QD_CARD_TYPED:
	case QD_CARD_CHOICE:
		qd_markup_plain(b, card->a);
		break;
	case QD_CARD_MULTI:
		for (size_t i = 0; i < card->n_answers; i++) {
			qd_buf_adds(b, i ? ", " : "");
			qd_markup_plain(b, card->answers[i]);
		}
		break;
	case QD_CARD_TRUEFALSE:
		qd_buf_adds(b, card->truth ? "true" : "false");
		break;
	case QD_CARD_CLOZE:
		for (size_t i = 0; i < card->n_blanks; i++) {
			qd_buf_adds(b, i ? " | " : "");
			qd_markup_plain(b, card->blanks[i].answers[0]);
		}
		break;
	}
}

/* "answer: Mercury": a near miss or a wrong answer marked against the
 * answer it was nearest to; when that is an accepted alternative, the
 * card's answer first, then the alternative marked. */
static void reveal_typed(const struct qd_ask *a, const struct qd_card *card,
                         const struct qd_ask_result *res, struct qd_buf *b)
{
	size_t n;
	char **answers = plain_answers(card->a, card->accept, card->n_accept, &n);
	struct qd_match_result mr = {res->correct, res->typo, res->which, 0};
	bool marked = res->graded && res->given[0] && (!res->correct || res->typo);

	/* Marks are made on the plain text the answer was matched as. */
	qd_buf_adds(b, "answer: ");
	if (marked && res->which == 0) {
		qd_match_mark(b, res->given, (const char *const *)answers, n, &mr, a->color);
	} else {
		qd_markup_inline(b, card->a, QD_STYLE_GREEN, a->color, QD_SANITIZE_ONELINE);
		if (marked && res->which < n) {
			qd_buf_adds(b, res->correct ? " · accepted: " : " · nearest accepted: ");
			qd_match_mark(b, res->given, (const char *const *)answers, n, &mr, a->color);
		}
	}
	qd_buf_addc(b, '\n');
	put(a, b);
	free_answers(answers, n);
}

/* One line per cloze blank: "  blank 2 ✓ typo: Graydon H[o]are · you typed
 * 'Graydon Hare'", marked against the alternative matched. */
static void reveal_blank(const struct qd_ask *a, const struct qd_card *card,
                         const struct qd_ask_result *res, size_t i, struct qd_buf *b)
{
	const struct qd_cloze_blank *bl = &card->blanks[i];
	const struct qd_ask_blank *ab = &res->blanks[i];
	struct qd_match_result mr = {ab->ok, ab->typo, ab->which, 0};
	bool blank = !ab->given || ab->given[strspn(ab->given, " \t")] == '\0';
	struct qd_buf line;
	size_t n;
	char **answers;

	if (!ab->answered)
		return;
	answers = plain_answers(NULL, bl->answers, bl->n_answers, &n);
	qd_buf_init(&line);
	qd_buf_addf(&line, "  blank %zu ", i + 1);
	if (ab->ok && !ab->typo) {
		qd_style(&line, a->color, QD_STYLE_GREEN | QD_STYLE_BOLD, "✓");
		qd_buf_addc(&line, ' ');
		qd_match_mark(&line, ab->given, (const char *const *)answers, n, &mr, a->color);
	} else {
		if (ab->ok)
			qd_style(&line, a->color, QD_STYLE_GREEN | QD_STYLE_BOLD, "✓ typo:");
		else
			qd_style(&line, a->color, QD_STYLE_RED | QD_STYLE_BOLD, "✗ wrong:");
		qd_buf_addc(&line, ' ');
		qd_match_mark(&line, blank ? "" : ab->given, (const char *const *)answers, n, &mr,
		              a->color);
		if (blank) {
			qd_buf_adds(&line, " · no answer");
		} else {
			qd_buf_adds(&line, " · you typed '");
			qd_text_sanitize(&line, ab->given, strlen(ab->given), QD_SANITIZE_ONELINE);
			qd_buf_addc(&line, '\'');
		}
	}
	qd_text_wrap(b, line.data, a->width, 4);
	qd_buf_addc(b, '\n');
	put(a, b);
	qd_buf_release(&line);
	free_answers(answers, n);
}

void qd_ask_reveal(const struct qd_ask *a, const struct qd_card *card,
                   const struct qd_ask_result *res)
{
	struct qd_buf b;

	qd_buf_init(&b);
	if (res->graded) {
		if (res->correct && res->typo)
			qd_style(&b, a->color, QD_STYLE_GREEN | QD_STYLE_BOLD, "✓ correct (typo)");
		else if (res->correct)
			qd_style(&b, a->color, QD_STYLE_GREEN | QD_STYLE_BOLD, "✓ correct");
		else
			qd_style(&b, a->color, QD_STYLE_RED | QD_STYLE_BOLD, "✗ wrong");
		qd_buf_addc(&b, '\n');
		put(a, &b);
	} else if (res->status == QD_ASK_TIMEOUT) {
		qd_style(&b, a->color, QD_STYLE_RED | QD_STYLE_BOLD, "⏱ time is up");
		qd_buf_addc(&b, '\n');
		put(a, &b);
	}
	switch (card->type) {
	case QD_CARD_BASIC:
		qd_buf_adds(&b, a->reverse ? card->q : card->a);
		fputs("answer:\n", a->out);
		put_wrapped(a, b.data, QD_STYLE_GREEN, 2);
		qd_buf_reset(&b);
		break;
	case QD_CARD_TYPED:
		reveal_typed(a, card, res, &b);
		break;
	case QD_CARD_CHOICE:
	case QD_CARD_MULTI:
		fputs("answer:\n", a->out);
		for (size_t k = 0; res->order && k < card->n_choices; k++) {
			size_t orig = res->order[k];
			bool want = false, picked = res->chosen && res->chosen[orig];
			char label[32];
			if (card->type == QD_CARD_MULTI) {
				for (size_t j = 0; j < card->n_answers; j++)
					if (strcmp(card->answers[j], card->choices[orig]) == 0)
						want = true;
			} else {
				want = strcmp(card->a, card->choices[orig]) == 0;
			}
			if (!want && !picked)
				continue;
			snprintf(label, sizeof(label), "  %s %2zu) ",
			         want ? (picked ? "✓" : "•") : "✗", k + 1);
			qd_buf_adds(&b, label);
			qd_markup_inline(&b, card->choices[orig], want ? QD_STYLE_GREEN : QD_STYLE_RED,
			                 a->color, QD_SANITIZE_ONELINE);
			if (want && !picked && res->graded)
				qd_buf_adds(&b, "  (missed)");
			qd_buf_addc(&b, '\n');
		}
		if (!res->order) {
			qd_buf_adds(&b, "  ");
			qd_ask_answer_text(&b, card);
			qd_buf_addc(&b, '\n');
		}
		put(a, &b);
		break;
	case QD_CARD_TRUEFALSE:
		qd_buf_adds(&b, "answer: ");
		qd_style(&b, a->color, QD_STYLE_GREEN, card->truth ? "true" : "false");
		qd_buf_addc(&b, '\n');
		put(a, &b);
		break;
	case QD_CARD_CLOZE: {
		struct qd_buf w;
		qd_match_cloze_reveal(&b, card->text, card->blanks, card->n_blanks, res->blank_ok,
		                      a->color);
		qd_buf_init(&w);
		qd_buf_adds(&w, "answer: ");
		qd_text_wrap(&w, b.data, a->width, 8);
		qd_buf_addc(&w, '\n');
		put(a, &w);
		qd_buf_release(&w);
		qd_buf_reset(&b);
		if (res->graded)
			for (size_t i = 0; i < card->n_blanks && i < res->n_blanks; i++)
				reveal_blank(a, card, res, i, &b);
		break;
	}
	}
	if (card->explain) {
		qd_buf_adds(&b, card->explain);
		put_wrapped(a, b.data, QD_STYLE_DIM, 2);
	}
	qd_buf_release(&b);
}

/* ---- grading a recorded answer ---- */

/* Ways to read s as choices of card joined by ", " in the deck's order,
 * from choice `from` on; each complete reading's grade is ORed into
 * *seen (1 wrong, 2 right). *budget bounds the search: pathological
 * choices ("a", "a, a", ...) could make it exponential. */
static void read_choices(const struct qd_card *card, const char *s, size_t from, bool *chosen,
                         unsigned *seen, size_t *budget)
{
	if (*s == '\0') {
		*seen |= choices_right(card, chosen) ? 2u : 1u;
		return;
	}
	for (size_t i = from; i < card->n_choices && *budget > 0; i++) {
		size_t n = strlen(card->choices[i]);
		const char *rest = s + n;

		--*budget;
		if (strncmp(s, card->choices[i], n) != 0)
			continue;
		if (*rest != '\0') {
			if (strncmp(rest, ", ", 2) != 0 || card->type != QD_CARD_MULTI)
				continue;
			rest += 2;
		}
		chosen[i] = true;
		read_choices(card, rest, i + 1, chosen, seen, budget);
		chosen[i] = false;
	}
}

enum qd_ask_grade qd_ask_grade_recorded(const struct qd_card *card, const char *given,
                                        bool ignore_accents)
{
	struct qd_match_opts mo = {ignore_accents, false};
	struct qd_match_result mr;

	switch (card->type) {
	case QD_CARD_BASIC:
		return QD_GRADE_UNKNOWN;
	case QD_CARD_TYPED:
		grade_typed(card, given, &mo, &mr);
		return mr.correct ? QD_GRADE_RIGHT : QD_GRADE_WRONG;
	case QD_CARD_TRUEFALSE: {
		bool right;
		if (grade_truefalse(card, given, &right) < 0)
			return QD_GRADE_UNREADABLE;
		return right ? QD_GRADE_RIGHT : QD_GRADE_WRONG;
	}
	case QD_CARD_CHOICE:
	case QD_CARD_MULTI: {
		bool *chosen;
		unsigned seen = 0;
		size_t budget = 100000;
		if (given[strspn(given, " \t")] == '\0')
			return QD_GRADE_WRONG; /* nothing chosen: "I don't know" */
		chosen = qd_xcalloc(card->n_choices ? card->n_choices : 1, sizeof(*chosen));
		read_choices(card, given, 0, chosen, &seen, &budget);
		free(chosen);
		if (seen == 0)
			return budget ? QD_GRADE_UNREADABLE : QD_GRADE_UNKNOWN;
		return seen == 2 ? QD_GRADE_RIGHT : seen == 1 ? QD_GRADE_WRONG : QD_GRADE_UNKNOWN;
	}
	case QD_CARD_CLOZE: {
		const char *p = given;
		bool right = true;
		for (size_t i = 0; i < card->n_blanks; i++) {
			const char *sep = i + 1 < card->n_blanks ? strstr(p, " | ") : NULL;
			size_t len = sep ? (size_t)(sep - p) : strlen(p);
			char *part;
			if (i + 1 < card->n_blanks && !sep)
				return QD_GRADE_UNREADABLE;
			part = qd_xstrndup(p, len);
			grade_blank(&card->blanks[i], part, &mo, &mr);
			free(part);
			right = right && mr.correct;
			p += len + (sep ? 3 : 0);
		}
		return right ? QD_GRADE_RIGHT : QD_GRADE_WRONG;
	}
	}
	return QD_GRADE_UNKNOWN;
}

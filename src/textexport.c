/*
 * A deck in Anki's text import format (quizdeck/textexport.h): the headers,
 * then one line per card, each field HTML.
 */
#include <string.h>

#include "quizdeck/html.h"
#include "quizdeck/textexport.h"

static const char *const columns[] = {
	"id", "notetype", "deck", "q", "a", "tags", "type", "choices", "accept", "hint",
	"explain", "prompt", "group", NULL,
};

/* One field: HTML, a leading formula character as its entity. */
static void field(struct qd_buf *out, const char *s, bool last)
{
	if (s && s[0]) {
		if (strchr("=+-@", s[0])) {
			qd_buf_addf(out, "&#%d;", s[0]);
			s++;
		}
		qd_html_from_text(out, s, strlen(s));
	}
	qd_buf_addc(out, last ? '\n' : '\t');
}

/* One item a line; a single item holding '|' after a newline, which
 * says that it is one item (a cell of one line is split at '|'). */
static void list(struct qd_buf *b, const char *const *items, size_t n)
{
	if (n == 1 && strchr(items[0], '|'))
		qd_buf_addc(b, '\n');
	for (size_t i = 0; i < n; i++) {
		if (i)
			qd_buf_addc(b, '\n');
		qd_buf_adds(b, items[i]);
	}
}

/* Our blanks {{answer|alt}} as Anki's {{c1::answer|alt}}. */
static void cloze_text(struct qd_buf *b, const struct qd_card *c)
{
	size_t at = 0;

	for (size_t i = 0; i < c->n_blanks; i++) {
		const struct qd_cloze_blank *bl = &c->blanks[i];
		qd_buf_add(b, c->text + at, bl->start - at);
		qd_buf_adds(b, "{{c1::");
		qd_buf_add(b, c->text + bl->start + 2, bl->len - 4);
		qd_buf_adds(b, "}}");
		at = bl->start + bl->len;
	}
	qd_buf_adds(b, c->text + at);
}

void qd_textexport_deck(struct qd_buf *out, const struct qd_deck *deck)
{
	struct qd_buf f;

	qd_buf_adds(out, "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n"
	                 "#deck column:3\n#tags column:6\n#columns:");
	for (size_t i = 0; columns[i]; i++)
		qd_buf_addf(out, "%s%c", columns[i], columns[i + 1] ? '\t' : '\n');
	qd_buf_init(&f);
	for (size_t i = 0; i < qd_deck_card_count(deck); i++) {
		const struct qd_card *c = qd_deck_card(deck, i);
		bool cloze = c->type == QD_CARD_CLOZE;

		field(out, c->id, false);
		field(out, cloze ? "Cloze" : c->type == QD_CARD_TYPED ? "Basic (type in the answer)"
		                                                      : "Basic", false);
		field(out, qd_deck_title(deck), false);
		qd_buf_reset(&f);
		if (cloze)
			cloze_text(&f, c);
		else
			qd_buf_adds(&f, c->q);
		field(out, f.data, false);
		qd_buf_reset(&f);
		if (cloze)
			qd_buf_adds(&f, c->explain ? c->explain : "");
		else if (c->type == QD_CARD_MULTI)
			list(&f, c->answers, c->n_answers);
		else if (c->type == QD_CARD_TRUEFALSE)
			qd_buf_adds(&f, c->truth ? "true" : "false");
		else
			qd_buf_adds(&f, c->a);
		field(out, f.data, false);
		qd_buf_reset(&f);
		for (size_t t = 0; t < c->n_tags; t++) {
			if (t)
				qd_buf_addc(&f, ' ');
			for (const char *p = c->tags[t]; *p; p++) /* Anki's tags have no spaces */
				qd_buf_addc(&f, *p == ' ' || *p == '\t' || *p == '\n' ? '_' : *p);
		}
		field(out, f.data, false);
		field(out, qd_card_type_name(c->type), false);
		qd_buf_reset(&f);
		list(&f, c->choices, c->n_choices);
		field(out, f.data, false);
		qd_buf_reset(&f);
		list(&f, c->accept, c->n_accept);
		field(out, f.data, false);
		field(out, c->hint, false);
		field(out, cloze ? NULL : c->explain, false);
		field(out, cloze ? c->q : NULL, false);
		field(out, c->group, true);
	}
	qd_buf_release(&f);
}

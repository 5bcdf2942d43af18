/*
 * An Anki field's HTML reduced to deck text (qd_html_to_text_with() of a
 * foreign field, used by the .apkg import for every field): any bytes, with
 * each combination of trim (not a fragment) and inline_only. The text must
 * be valid UTF-8 with no control character but newline and tab (no newline
 * when inline_only), no space or newline
 * at either end when trimmed, and it must load as a card's question and
 * answer (so every marker it writes is one the deck format reads).
 */
#include <string.h>

#include <unistr.h>

#include "fuzz.h"
#include "quizdeck/gendeck.h"
#include "quizdeck/html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (int mode = 0; mode < 4; mode++) {
		bool trim = mode & 1, inline_only = mode & 2;
		struct qd_strv media = {0};
		struct qd_html_opts o = {.foreign = true, .fragment = !trim,
		                         .inline_only = inline_only, .media = &media};
		struct qd_buf b;
		char *t;
		size_t n;

		qd_buf_init(&b);
		qd_html_to_text_with(&b, (const char *)data, size, &o);
		t = qd_buf_detach(&b, &n);

		fuzz_check(u8_check((const uint8_t *)t, n) == NULL, "valid UTF-8");
		for (size_t i = 0; i < n; i++) {
			unsigned char c = (unsigned char)t[i];
			fuzz_check(c >= 0x20 || c == '\n' || c == '\t', "no control character");
			fuzz_check(c != 0x7f, "no DEL");
			fuzz_check(!(c == 0xc2 && i + 1 < n && (unsigned char)t[i + 1] < 0xa0),
			           "no C1 control");
			fuzz_check(!(inline_only && c == '\n'), "one line when inline_only");
		}
		if (trim && n) {
			fuzz_check(t[0] != ' ' && t[0] != '\n', "trimmed at the start");
			fuzz_check(t[n - 1] != ' ' && t[n - 1] != '\n', "trimmed at the end");
		}
		for (size_t i = 0; i < media.len; i++)
			fuzz_check(media.items[i][0] != '\0', "media names are not empty");
		if (mode == 1 && n && n <= 4000) {
			struct qd_gen_deck d = {0};
			struct qd_gen_card *c;
			struct qd_err err;
			d.id = strdup("fuzz");
			d.title = strdup("fuzz");
			c = qd_gen_deck_add(&d);
			c->id = strdup("card");
			c->type = QD_CARD_BASIC;
			c->q = strdup(t);
			c->a = strdup(t);
			fuzz_check(qd_gen_deck_validate(&d, &err) == 0, "the text loads as a card");
			qd_gen_deck_release(&d);
		}
		qd_strv_clear(&media);
		free(t);
	}
	return 0;
}

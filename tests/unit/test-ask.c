/* Unit tests for grading as asking grades: card text with markup is
 * matched as the plain text it shows (docs/deck-format.md, "Formatting"). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/ask.h"
#include "quizdeck/buf.h"
#include "quizdeck/deck.h"
#include "quizdeck/err.h"

static const char deck_yaml[] = "deck: md\n"
                                "title: Markup\n"
                                "cards:\n"
                                "  - id: vec\n"
                                "    type: typed\n"
                                "    q: The growable array type?\n"
                                "    a: \"`Vec<T>`\"\n"
                                "    accept: [\"**a vector**\"]\n"
                                "  - id: owner\n"
                                "    type: typed\n"
                                "    q: What does Rust check at compile time?\n"
                                "    a: \"**ownership** and *borrowing*\"\n"
                                "  - id: deref\n"
                                "    type: cloze\n"
                                "    text: \"The {{`*` operator|**star** operator}} dereferences.\"\n"
                                "  - id: str\n"
                                "    type: choice\n"
                                "    q: A borrowed string slice?\n"
                                "    choices: [\"`&str`\", \"`String`\"]\n"
                                "    a: \"`&str`\"\n";

static struct qd_deck *load(void)
{
	struct qd_deck *d = NULL;
	struct qd_diags diags;

	qd_diags_init(&diags, "md.yaml");
	assert_int_equal(qd_deck_load_mem("md.yaml", deck_yaml, strlen(deck_yaml), &d, &diags, NULL),
	                 0);
	qd_diags_release(&diags);
	return d;
}

static void test_grading_with_markup(void **state)
{
	struct qd_deck *d = load();
	const struct qd_card *vec = qd_deck_find(d, "vec"), *owner = qd_deck_find(d, "owner");
	const struct qd_card *deref = qd_deck_find(d, "deref");

	(void)state;
	assert_int_equal(qd_ask_grade_recorded(vec, "Vec<T>", false), QD_GRADE_RIGHT);
	assert_int_equal(qd_ask_grade_recorded(vec, "a vector", false), QD_GRADE_RIGHT);
	assert_int_equal(qd_ask_grade_recorded(vec, "a vectr", false), QD_GRADE_RIGHT);
	assert_int_equal(qd_ask_grade_recorded(vec, "Vec", false), QD_GRADE_WRONG);
	/* The stars are markup, not part of the answer. */
	assert_int_equal(qd_ask_grade_recorded(owner, "ownership and borrowing", false),
	                 QD_GRADE_RIGHT);
	assert_int_equal(qd_ask_grade_recorded(deref, "* operator", false), QD_GRADE_RIGHT);
	assert_int_equal(qd_ask_grade_recorded(deref, "star operator", false), QD_GRADE_RIGHT);
	assert_int_equal(qd_ask_grade_recorded(deref, "dot operator", false), QD_GRADE_WRONG);
	qd_deck_free(d);
}

/* The answer as one line of text, for summaries and results: plain. */
static void test_answer_text_plain(void **state)
{
	struct qd_deck *d = load();
	struct qd_buf b;

	(void)state;
	qd_buf_init(&b);
	qd_ask_answer_text(&b, qd_deck_find(d, "owner"));
	assert_string_equal(b.data, "ownership and borrowing");
	qd_buf_reset(&b);
	qd_ask_answer_text(&b, qd_deck_find(d, "deref"));
	assert_string_equal(b.data, "* operator");
	qd_buf_reset(&b);
	qd_ask_answer_text(&b, qd_deck_find(d, "str"));
	assert_string_equal(b.data, "&str");
	qd_buf_release(&b);
	qd_deck_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_grading_with_markup),
		cmocka_unit_test(test_answer_text_plain),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for card smells (quizdeck/lint.h): for every smell, a small
 * deck that has it and a near-identical twin that does not, with the smell
 * and the 1-based position it is reported at; smell names; -Wno-NAME
 * (opts->off) and a card's `nowarn`; the warnings qd_lint_deck_diags adds;
 * and the two rules shared with the generator, qd_lint_list_items and
 * qd_lint_shows. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/deck.h"
#include "quizdeck/lint.h"

/* Every deck starts with these three lines: its first card is on line 4. */
#define HEAD "deck: t\ntitle: Smells\ncards:\n"

#define MAX_HITS 16

struct hit {
	enum qd_lint_id id;
	int line, col;
	char card[QD_DECK_MAX_ID + 1];
	char msg[512];
};

struct hits {
	struct hit h[MAX_HITS];
	size_t n;
};

static void collect(void *data, const struct qd_card *card, enum qd_lint_id id, int line,
                    int col, const char *msg)
{
	struct hits *hs = data;
	struct hit *h;

	assert_true(hs->n < MAX_HITS);
	assert_non_null(card);
	assert_non_null(msg);
	h = &hs->h[hs->n++];
	h->id = id;
	h->line = line;
	h->col = col;
	snprintf(h->card, sizeof(h->card), "%s", card->id);
	snprintf(h->msg, sizeof(h->msg), "%s", msg);
}

/* Loads yaml, which must be a valid deck without any warning. */
static struct qd_deck *load(const char *yaml)
{
	struct qd_deck *deck = NULL;
	struct qd_diags d;
	struct qd_err err;

	qd_diags_init(&d, "t.yaml");
	if (qd_deck_load_mem("t.yaml", yaml, strlen(yaml), &deck, &d, &err) != 0) {
		qd_diags_print(stderr, &d);
		fail_msg("the deck does not load: %s", err.msg);
	}
	if (d.len)
		qd_diags_print(stderr, &d);
	assert_int_equal(d.len, 0);
	qd_diags_release(&d);
	return deck;
}

/* Lints yaml into hs; returns how many smells were found. */
static size_t lint(const char *yaml, const struct qd_lint_opts *opts, struct hits *hs)
{
	struct qd_deck *deck = load(yaml);
	size_t n;

	memset(hs, 0, sizeof(*hs));
	n = qd_lint_deck(deck, opts, collect, hs);
	assert_int_equal(n, hs->n);
	qd_deck_free(deck);
	return n;
}

/* The i-th smell found is ID, on card CARD, at LINE:COL. */
#define assert_hit(hs, i, ID, CARD, LINE, COL)                     \
	do {                                                         \
		assert_true((size_t)(i) < (hs)->n);                  \
		assert_string_equal(qd_lint_name((hs)->h[i].id), qd_lint_name(ID)); \
		assert_string_equal((hs)->h[i].card, (CARD));        \
		assert_int_equal((hs)->h[i].line, (LINE));           \
		assert_int_equal((hs)->h[i].col, (COL));             \
	} while (0)

/* Lints a deck that must have no smell at all. */
static void assert_clean(const char *yaml)
{
	struct hits hs;

	if (lint(yaml, NULL, &hs))
		fail_msg("unexpected smell '%s' on card '%s' at %d:%d: %s", qd_lint_name(hs.h[0].id),
		         hs.h[0].card, hs.h[0].line, hs.h[0].col, hs.h[0].msg);
}

/* ---- answer-length ---- */

/* Each card type just over its limit; the twin just at it. */
static const char length_smelly[] =
	HEAD
	"  - id: autumn-leaves\n"                                               /* 4 */
	"    type: basic\n"
	"    q: Why do leaves change colour in autumn?\n"
	"    a: Chlorophyll breaks down as days shorten, revealing the yellow and orange\n"
	"      carotenoids that were hidden in the leaf all summer long.\n"     /* 21 words */
	"  - id: versailles\n"                                                  /* 9 */
	"    type: typed\n"
	"    q: Which peace settlement ended the First World War with Germany?\n"
	"    a: the Treaty of Versailles of June 1919\n"                        /* 7 words */
	"  - id: blue-sky\n"                                                    /* 13 */
	"    type: choice\n"
	"    q: Why is the sky blue?\n"
	"    choices:\n"
	"      - scattering of sunlight by air molecules\n"
	"      - reflection of the oceans\n"
	"      - light bouncing off the dust and water droplets that float high up in the thin air\n"
	"    a: scattering of sunlight by air molecules\n"                      /* 16 words */
	"  - id: mitochondria\n"                                                /* 21 */
	"    type: cloze\n"
	"    text: Mitochondria {{release the energy of food as ATP}} for the cell.\n"; /* 7 */

static const char length_clean[] =
	HEAD
	"  - id: autumn-leaves\n"
	"    type: basic\n"
	"    q: Why do leaves change colour in autumn?\n"
	"    a: Chlorophyll breaks down as days shorten, revealing the yellow and orange\n"
	"      carotenoids that were hidden in the leaf all summer.\n"          /* 20 words */
	"  - id: versailles\n"
	"    type: typed\n"
	"    q: Which peace settlement ended the First World War with Germany?\n"
	"    a: the Treaty of Versailles of 1919\n"                             /* 6 words */
	"  - id: blue-sky\n"
	"    type: choice\n"
	"    q: Why is the sky blue?\n"
	"    choices:\n"
	"      - scattering of sunlight by air molecules\n"
	"      - reflection of the oceans\n"
	"      - light bouncing off the dust and water droplets that float high up in the air\n"
	"    a: scattering of sunlight by air molecules\n"                      /* 15 words */
	"  - id: mitochondria\n"
	"    type: cloze\n"
	"    text: Mitochondria {{release energy of food as ATP}} for the cell.\n"; /* 6 */

static void test_answer_length(void **state)
{
	struct hits hs;

	(void)state;
	assert_int_equal(lint(length_smelly, NULL, &hs), 4);
	assert_hit(&hs, 0, QD_LINT_ANSWER_LENGTH, "autumn-leaves", 7, 8);
	assert_string_equal(hs.h[0].msg, "the answer has 21 words; a basic answer should have at "
	                                 "most 20 (one fact a card: move the rest to 'explain')");
	assert_hit(&hs, 1, QD_LINT_ANSWER_LENGTH, "versailles", 12, 8);
	assert_non_null(strstr(hs.h[1].msg, "the answer has 7 words; nobody types more than 6"));
	assert_hit(&hs, 2, QD_LINT_ANSWER_LENGTH, "blue-sky", 19, 9); /* the long choice */
	assert_string_equal(hs.h[2].msg, "choice 3 has 16 words; a choice should have at most 15");
	assert_hit(&hs, 3, QD_LINT_ANSWER_LENGTH, "mitochondria", 23, 11);
	assert_string_equal(hs.h[3].msg,
	                    "blank 1 has 7 words; a blank should be a term of at most 6 words");
	assert_clean(length_clean);
}

/* Markup is not words: bullets, fences and stars do not count (19 words
 * shown; 23 with the markers). */
static const char length_markup[] =
	HEAD
	"  - id: autumn-leaves\n"
	"    type: basic\n"
	"    q: Why do leaves change colour in autumn?\n"
	"    a: |-\n"
	"      Chlorophyll breaks down as days shorten, **revealing**\n"
	"      - the yellow\n"
	"      - and orange *carotenoids*\n"
	"      ```\n"
	"      hidden in the leaf all summer long\n"
	"      ```\n";

static void test_answer_length_markup(void **state)
{
	(void)state;
	assert_clean(length_markup);
}

/* ---- answer-enumeration ---- */

static const char enum_smelly[] =
	HEAD
	"  - id: rocky-planets\n"
	"    type: basic\n"
	"    q: Which planets of the solar system are rocky?\n"
	"    a: Mercury, Venus, Earth, and Mars.\n"                            /* 7 */
	"  - id: noble-gases\n"
	"    type: typed\n"
	"    q: Name three noble gases.\n"
	"    a: neon, argon and xenon\n";                                      /* 11 */

static const char enum_clean[] =
	HEAD
	"  - id: rocky-planets\n"
	"    type: basic\n"
	"    q: Which planets of the solar system are rocky?\n"
	"    a: The four inner ones, up to Mars.\n"
	"  - id: noble-gases\n"
	"    type: typed\n"
	"    q: Name a noble gas.\n"
	"    a: neon\n"
	"    accept: [argon, xenon]\n";

static void test_answer_enumeration(void **state)
{
	struct hits hs;

	(void)state;
	assert_int_equal(lint(enum_smelly, NULL, &hs), 2);
	assert_hit(&hs, 0, QD_LINT_ANSWER_ENUMERATION, "rocky-planets", 7, 8);
	assert_string_equal(hs.h[0].msg, "the answer is a list of 4 items to recall whole; ask for "
	                                 "one item a card (a cloze for each)");
	assert_hit(&hs, 1, QD_LINT_ANSWER_ENUMERATION, "noble-gases", 11, 8);
	assert_non_null(strstr(hs.h[1].msg, "a list of 3 items"));
	assert_clean(enum_clean);
}

/* ---- answer-in-question ---- */

static const char shown_smelly[] =
	HEAD
	"  - id: mona-lisa\n"                                    /* typed: a distinctive word */
	"    type: typed\n"
	"    q: Which Leonardo painted the Mona Lisa?\n"        /* 6 */
	"    a: Leonardo da Vinci\n"
	"  - id: photosynthesis-gas\n"                           /* basic: the whole answer */
	"    type: basic\n"
	"    q: Which gas, carbon dioxide or oxygen, do plants take in for photosynthesis?\n" /* 10 */
	"    a: carbon dioxide\n"
	"  - id: rubicon\n"                                      /* basic: a word is not enough */
	"    type: basic\n"
	"    q: Which Caesar crossed the Rubicon?\n"
	"    a: Julius Caesar\n"
	"  - id: rocky-planets\n"                                /* multi: a right answer */
	"    type: multi\n"
	"    q: Which of these planets, like Mercury, are rocky?\n" /* 18 */
	"    choices: [Mercury, Venus, Mars, Jupiter, Saturn]\n"
	"    a: [Mercury, Venus, Mars]\n"
	"  - id: curie\n"                                        /* cloze: outside the blank */
	"    type: cloze\n"
	"    text: \"{{Marie Curie}} was the first woman to win a Nobel Prize; Curie won a second in 1911.\"\n" /* 23 */
	"  - id: iron\n"                                         /* typed: an accepted answer */
	"    type: typed\n"
	"    q: Which element has the symbol Fe, from the Latin ferrum?\n" /* 26 */
	"    a: iron\n"
	"    accept: [ferrum]\n";

static const char shown_clean[] =
	HEAD
	"  - id: mona-lisa\n"
	"    type: typed\n"
	"    q: Who painted the Mona Lisa?\n"
	"    a: Leonardo da Vinci\n"
	"  - id: photosynthesis-gas\n"
	"    type: basic\n"
	"    q: Which gas do plants take in for photosynthesis?\n"
	"    a: carbon dioxide\n"
	"  - id: rubicon\n"
	"    type: basic\n"
	"    q: Which Caesar crossed the Rubicon?\n"
	"    a: Julius Caesar\n"
	"  - id: rocky-planets\n"
	"    type: multi\n"
	"    q: Which of these planets are rocky?\n"
	"    choices: [Mercury, Venus, Mars, Jupiter, Saturn]\n"
	"    a: [Mercury, Venus, Mars]\n"
	"  - id: curie\n"
	"    type: cloze\n"
	"    text: \"{{Marie Curie}} was the first woman to win a Nobel Prize; she won a second in 1911.\"\n"
	"  - id: iron\n"
	"    type: typed\n"
	"    q: Which element has the symbol Fe?\n"
	"    a: iron\n"
	"    accept: [ferrum]\n";

static void test_answer_in_question(void **state)
{
	struct hits hs;

	(void)state;
	assert_int_equal(lint(shown_smelly, NULL, &hs), 5);
	assert_hit(&hs, 0, QD_LINT_ANSWER_IN_QUESTION, "mona-lisa", 6, 8);
	assert_string_equal(hs.h[0].msg, "the question gives the answer away: it shows 'Leonardo'");
	assert_hit(&hs, 1, QD_LINT_ANSWER_IN_QUESTION, "photosynthesis-gas", 10, 8);
	assert_string_equal(hs.h[1].msg,
	                    "the question gives the answer away: it shows 'carbon dioxide'");
	assert_hit(&hs, 2, QD_LINT_ANSWER_IN_QUESTION, "rocky-planets", 18, 8);
	assert_string_equal(hs.h[2].msg, "the question names a right answer, 'Mercury'");
	assert_hit(&hs, 3, QD_LINT_ANSWER_IN_QUESTION, "curie", 23, 11);
	assert_string_equal(hs.h[3].msg, "blank 1 ('Marie Curie') can be read outside the blank "
	                                 "('Curie'); blank every mention or rephrase");
	assert_hit(&hs, 4, QD_LINT_ANSWER_IN_QUESTION, "iron", 26, 8);
	assert_string_equal(hs.h[4].msg, "the question gives the answer away: it shows 'ferrum'");
	assert_clean(shown_clean);
}

/* A deck that ignores accents compares them away, as grading does. */
static void test_answer_in_question_accents(void **state)
{
	static const char strict[] =
		HEAD
		"  - id: mexico\n"
		"    type: typed\n"
		"    q: Which country has Mexico City as its capital?\n"
		"    a: México\n";
	static const char ignore[] =
		"deck: t\ntitle: Smells\naccents: ignore\ncards:\n"
		"  - id: mexico\n"
		"    type: typed\n"
		"    q: Which country has Mexico City as its capital?\n"  /* 7 */
		"    a: México\n";
	struct hits hs;

	(void)state;
	assert_clean(strict);
	assert_int_equal(lint(ignore, NULL, &hs), 1);
	assert_hit(&hs, 0, QD_LINT_ANSWER_IN_QUESTION, "mexico", 7, 8);
	assert_string_equal(hs.h[0].msg, "the question gives the answer away: it shows 'México'");
}

/* ---- tf-question ---- */

static const char tf_smelly[] =
	HEAD
	"  - id: great-wall\n"
	"    type: truefalse\n"
	"    q: Is the Great Wall of China visible from the Moon with the naked eye?\n" /* 6 */
	"    a: false\n"
	"  - id: sound\n"
	"    type: truefalse\n"
	"    q: \"Does light travel faster than sound?  \"\n"                         /* 10 */
	"    a: true\n";

static const char tf_clean[] =
	HEAD
	"  - id: great-wall\n"
	"    type: truefalse\n"
	"    q: The Great Wall of China is visible from the Moon with the naked eye.\n"
	"    a: false\n"
	"  - id: sound\n"
	"    type: truefalse\n"
	"    q: \"Light travels faster than sound.  \"\n"
	"    a: true\n";

static void test_tf_question(void **state)
{
	struct hits hs;

	(void)state;
	assert_int_equal(lint(tf_smelly, NULL, &hs), 2);
	assert_hit(&hs, 0, QD_LINT_TF_QUESTION, "great-wall", 6, 8);
	assert_string_equal(hs.h[0].msg, "a true/false card should state a claim to judge, not ask "
	                                 "a question ('Is X free?' -> 'X is free.')");
	assert_hit(&hs, 1, QD_LINT_TF_QUESTION, "sound", 10, 8);
	assert_clean(tf_clean);
}

/* ---- choice-kind ---- */

static const char kind_smelly[] =
	HEAD
	"  - id: moon-landing\n"
	"    type: choice\n"
	"    q: In which year did Apollo 11 land on the Moon?\n"
	"    choices:\n"
	"      - \"1969\"\n"
	"      - \"1972\"\n"
	"      - Neil Armstrong\n"                                  /* 10: a name, not a year */
	"    a: \"1969\"\n"
	"  - id: moon-distance\n"
	"    type: choice\n"
	"    q: How far is the Moon from Earth on average?\n"
	"    choices: [\"384,400 km\", \"150 million km\", 27 days]\n" /* 15: days, not km */
	"    a: \"384,400 km\"\n"
	/* Columns count characters, not bytes. */
	"  - {id: creme, type: choice, q: Quel dessert est flambé à table ?, choices: [crème brûlée, 1850, tarte Tatin], a: crème brûlée}\n" /* 17 */
	/* Another measure is another kind, even in a unit's abbreviation. */
	"  - {id: marathon, type: choice, q: How long is a marathon?, choices: [42 km, 42 kg, 26 miles], a: 42 km}\n"; /* 18 */

static const char kind_clean[] =
	HEAD
	"  - id: moon-landing\n"
	"    type: choice\n"
	"    q: In which year did Apollo 11 land on the Moon?\n"
	"    choices:\n"
	"      - \"1969\"\n"
	"      - \"1972\"\n"
	"      - \"1961\"\n"
	"    a: \"1969\"\n"
	"  - id: moon-distance\n"
	"    type: choice\n"
	"    q: How far is the Moon from Earth on average?\n"
	"    choices: [\"384,400 km\", \"150 million km\", \"27,000 km\"]\n"
	"    a: \"384,400 km\"\n"
	"  - {id: creme, type: choice, q: Quel dessert est flambé à table ?, choices: [crème brûlée, crêpe Suzette, tarte Tatin], a: crème brûlée}\n"
	/* Units of one measure are one kind: the unit is the question here. */
	"  - {id: sunlight, type: choice, q: How long does sunlight take to reach us?, choices: [8 seconds, 8 minutes, 8 hours, 8 days], a: 8 minutes}\n"
	"  - {id: marathon, type: choice, q: How long is a marathon?, choices: [42 km, 26 miles, 42 m], a: 42 km}\n";

static void test_choice_kind(void **state)
{
	struct hits hs;

	(void)state;
	assert_int_equal(lint(kind_smelly, NULL, &hs), 4);
	assert_hit(&hs, 0, QD_LINT_CHOICE_KIND, "moon-landing", 10, 9);
	assert_string_equal(hs.h[0].msg, "choice 'Neil Armstrong' is a name, but the answer '1969' "
	                                 "is a year: a distractor should be of the answer's kind");
	assert_hit(&hs, 1, QD_LINT_CHOICE_KIND, "moon-distance", 15, 47);
	assert_string_equal(hs.h[1].msg, "choice '27 days' counts 'days', but the answer '384,400 km' "
	                                 "counts 'km': a distractor should be of the answer's kind");
	assert_hit(&hs, 2, QD_LINT_CHOICE_KIND, "creme", 17, 93);
	assert_non_null(strstr(hs.h[2].msg, "choice '1850' is a year, but the answer 'crème brûlée' "
	                                    "is a phrase"));
	assert_string_equal(hs.h[3].card, "marathon");
	assert_string_equal(hs.h[3].msg, "choice '42 kg' counts 'kg', but the answer '42 km' counts "
	                                 "'km': a distractor should be of the answer's kind");
	assert_clean(kind_clean);
}

/* ---- distractor-accepted ---- */

static const char accepted_smelly[] =
	HEAD
	"  - id: linux\n"
	"    type: choice\n"
	"    q: Who wrote the first Linux kernel?\n"
	"    choices:\n"
	"      - Linus Torvalds\n"
	"      - Richard Stallman\n"
	"      - Torvalds\n"                                     /* 10: the surname alone */
	"    a: Linus Torvalds\n"
	"  - id: bones\n"
	"    type: choice\n"
	"    q: How many bones does an adult human skeleton have?\n"
	"    choices: [\"206\", \"206 bones\", \"300\", \"186\"]\n" /* 15: the number with its unit */
	"    a: \"206\"\n"
	"  - id: moon-agencies\n"
	"    type: multi\n"
	"    q: Which of these agencies have landed a craft on the Moon?\n"
	"    choices:\n"
	"      - NASA\n"
	"      - CNSA\n"
	"      - ISRO\n"
	"      - ESA\n"
	"      - China National Space Administration\n"          /* 25: spelt out */
	"      - UK Space Agency\n"
	"    a: [NASA, CNSA, ISRO]\n";

static const char accepted_clean[] =
	HEAD
	"  - id: linux\n"
	"    type: choice\n"
	"    q: Who wrote the first Linux kernel?\n"
	"    choices:\n"
	"      - Linus Torvalds\n"
	"      - Richard Stallman\n"
	"      - Ken Thompson\n"
	"    a: Linus Torvalds\n"
	"  - id: bones\n"
	"    type: choice\n"
	"    q: How many bones does an adult human skeleton have?\n"
	"    choices: [\"206\", \"212\", \"300\", \"186\"]\n"
	"    a: \"206\"\n"
	"  - id: moon-agencies\n"
	"    type: multi\n"
	"    q: Which of these agencies have landed a craft on the Moon?\n"
	"    choices:\n"
	"      - NASA\n"
	"      - CNSA\n"
	"      - ISRO\n"
	"      - ESA\n"
	"      - Canadian Space Agency\n"
	"      - UK Space Agency\n"
	"    a: [NASA, CNSA, ISRO]\n";

static void test_distractor_accepted(void **state)
{
	struct hits hs;

	(void)state;
	assert_int_equal(lint(accepted_smelly, NULL, &hs), 3);
	assert_hit(&hs, 0, QD_LINT_DISTRACTOR_ACCEPTED, "linux", 10, 9);
	assert_string_equal(hs.h[0].msg, "choice 'Torvalds' is a form of the right answer 'Linus "
	                                 "Torvalds', so it is not false");
	assert_hit(&hs, 1, QD_LINT_DISTRACTOR_ACCEPTED, "bones", 15, 22);
	assert_string_equal(hs.h[1].msg,
	                    "choice '206 bones' is a form of the right answer '206', so it is not false");
	assert_hit(&hs, 2, QD_LINT_DISTRACTOR_ACCEPTED, "moon-agencies", 25, 9);
	assert_string_equal(hs.h[2].msg, "choice 'China National Space Administration' is a form of "
	                                 "the right answer 'CNSA', so it is not false");
	assert_clean(accepted_clean);
}

/* ---- multi-few-false ---- */

static const char few_smelly[] =
	HEAD
	"  - id: mammals\n"
	"    type: multi\n"
	"    q: Which of these animals are mammals?\n"
	"    choices: [dolphin, bat, platypus, shark]\n"              /* 7: one false */
	"    a: [dolphin, bat, platypus]\n"
	"  - id: primes\n"
	"    type: multi\n"
	"    q: Which of these numbers are prime?\n"
	"    choices:\n"
	"      - \"2\"\n"                                              /* 13: 2 false for 5 right */
	"      - \"3\"\n"
	"      - \"5\"\n"
	"      - \"7\"\n"
	"      - \"11\"\n"
	"      - \"9\"\n"
	"      - \"15\"\n"
	"    a: [\"2\", \"3\", \"5\", \"7\", \"11\"]\n";

static const char few_clean[] =
	HEAD
	"  - id: mammals\n"
	"    type: multi\n"
	"    q: Which of these animals are mammals?\n"
	"    choices: [dolphin, bat, platypus, shark, salmon]\n"
	"    a: [dolphin, bat, platypus]\n"
	"  - id: primes\n"
	"    type: multi\n"
	"    q: Which of these numbers are prime?\n"
	"    choices:\n"
	"      - \"2\"\n"
	"      - \"3\"\n"
	"      - \"5\"\n"
	"      - \"7\"\n"
	"      - \"11\"\n"
	"      - \"9\"\n"
	"      - \"15\"\n"
	"      - \"21\"\n"
	"    a: [\"2\", \"3\", \"5\", \"7\", \"11\"]\n";

static void test_multi_few_false(void **state)
{
	struct hits hs;

	(void)state;
	assert_int_equal(lint(few_smelly, NULL, &hs), 2);
	assert_hit(&hs, 0, QD_LINT_MULTI_FEW_FALSE, "mammals", 7, 14);
	assert_string_equal(hs.h[0].msg, "1 false option among 4 choices: a multi card needs at "
	                                 "least two, and at least half as many as right ones, to be "
	                                 "a real question");
	assert_hit(&hs, 1, QD_LINT_MULTI_FEW_FALSE, "primes", 13, 7);
	assert_non_null(strstr(hs.h[1].msg, "2 false options among 7 choices"));
	assert_clean(few_clean);
}

/* ---- cloze-enumeration ---- */

static const char cloze_smelly[] =
	HEAD
	"  - id: primary-colours\n"
	"    type: cloze\n"
	"    text: The primary colours of light are {{red}}, {{green}} and {{blue}}.\n" /* 6 */
	"  - id: southern-capitals\n"
	"    type: cloze\n"
	"    q: Complete the list.\n"
	"    text: \"{{Lisbon}}, Madrid, {{Rome}} or {{Athens}}: capitals in the south.\"\n" /* 10 */
	"  - id: boiling\n"
	"    type: cloze\n"
	"    text: Water boils at {{100}} degrees Celsius at {{sea level}} and {{1 atm}}.\n";

static const char cloze_clean[] =
	HEAD
	"  - id: primary-colours\n"
	"    type: cloze\n"
	"    text: The primary colours of light are {{red}}, {{green}} and blue.\n"
	"  - id: southern-capitals\n"
	"    type: cloze\n"
	"    q: Complete the list.\n"
	"    text: \"{{Lisbon}}, Madrid, Rome or {{Athens}}: capitals in the south.\"\n"
	"  - id: boiling\n"
	"    type: cloze\n"
	"    text: Water boils at {{100}} degrees Celsius at {{sea level}}, at {{1 atm}}.\n";

static void test_cloze_enumeration(void **state)
{
	struct hits hs;

	(void)state;
	assert_int_equal(lint(cloze_smelly, NULL, &hs), 2);
	assert_hit(&hs, 0, QD_LINT_CLOZE_ENUMERATION, "primary-colours", 6, 11);
	assert_string_equal(hs.h[0].msg, "3 blanks stand in one enumeration, which asks for the "
	                                 "list's order; blank one item a card");
	assert_hit(&hs, 1, QD_LINT_CLOZE_ENUMERATION, "southern-capitals", 10, 11);
	/* Two blanks around "and" are a pair, not an enumeration. */
	assert_clean(cloze_clean);
}

/* ---- duplicate-question ---- */

static const char dup_smelly[] =
	HEAD
	"  - id: capital-typed\n"                                   /* 4 */
	"    type: typed\n"
	"    q: What is the capital of Canada?\n"
	"    a: Ottawa\n"
	"  - id: capital-choice\n"
	"    type: choice\n"
	"    q: what is the capital of CANADA\n"                    /* 10: the same, normalised */
	"    choices: [Ottawa, Toronto, Montreal]\n"
	"    a: Ottawa\n"
	"  - id: capital-cloze\n"                                   /* 13 */
	"    type: cloze\n"
	"    text: \"{{Ottawa}} is the capital of Canada.\"\n"
	"  - id: capital-cloze-again\n"
	"    type: cloze\n"
	"    q: A lead-in does not make it another question.\n"
	"    text: \"{{Ottawa}} is the capital of Canada.\"\n"     /* 19 */
	"  - id: capital-basic\n"
	"    type: basic\n"
	"    q: What is the capital of Canada?\n"                  /* 22: a third time */
	"    a: Ottawa\n";

static const char dup_clean[] =
	HEAD
	"  - id: capital-typed\n"
	"    type: typed\n"
	"    q: What is the capital of Canada?\n"
	"    a: Ottawa\n"
	"  - id: capital-choice\n"
	"    type: choice\n"
	"    q: what is the capital of AUSTRALIA\n"
	"    choices: [Canberra, Sydney, Melbourne]\n"
	"    a: Canberra\n"
	"  - id: capital-cloze\n"
	"    type: cloze\n"
	"    text: \"{{Ottawa}} is the capital of Canada.\"\n"
	"  - id: capital-cloze-again\n"
	"    type: cloze\n"
	"    q: A lead-in does not make it another question.\n"
	"    text: \"{{Canberra}} is the capital of Australia.\"\n"
	"  - id: capital-basic\n"
	"    type: basic\n"
	"    q: What is the capital of New Zealand?\n"
	"    a: Wellington\n";

static void test_duplicate_question(void **state)
{
	struct hits hs;

	(void)state;
	assert_int_equal(lint(dup_smelly, NULL, &hs), 3);
	/* Each later card is reported, naming the first one; questions before
	 * cloze texts. */
	assert_hit(&hs, 0, QD_LINT_DUPLICATE_QUESTION, "capital-choice", 10, 8);
	assert_string_equal(hs.h[0].msg, "asks the same question as card 'capital-typed' (line 4): "
	                                 "ask each fact once, in the type that suits it best");
	assert_hit(&hs, 1, QD_LINT_DUPLICATE_QUESTION, "capital-basic", 22, 8);
	assert_non_null(strstr(hs.h[1].msg, "card 'capital-typed' (line 4)"));
	assert_hit(&hs, 2, QD_LINT_DUPLICATE_QUESTION, "capital-cloze-again", 19, 11);
	assert_string_equal(hs.h[2].msg, "asks the same question as card 'capital-cloze' (line 13): "
	                                 "ask each fact once, in the type that suits it best");
	assert_clean(dup_clean);
}

/* ---- names ---- */

static void test_names(void **state)
{
	static const char *const all[] = {
		"answer-length", "answer-enumeration", "answer-in-question", "tf-question",
		"choice-kind", "distractor-accepted", "multi-few-false", "cloze-enumeration",
		"duplicate-question",
	};
	enum qd_lint_id id;

	(void)state;
	assert_int_equal(sizeof(all) / sizeof(all[0]), QD_LINT_COUNT);
	for (int i = 0; i < QD_LINT_COUNT; i++) {
		assert_string_equal(qd_lint_name((enum qd_lint_id)i), all[i]);
		id = QD_LINT_COUNT;
		assert_int_equal(qd_lint_parse(all[i], &id), 0);
		assert_int_equal(id, i);
	}
	assert_string_equal(qd_lint_name(QD_LINT_COUNT), "unknown");
	id = QD_LINT_TF_QUESTION;
	assert_int_equal(qd_lint_parse("unknown", &id), -1);
	assert_int_equal(qd_lint_parse("", &id), -1);
	assert_int_equal(qd_lint_parse("Answer-Length", &id), -1);
	assert_int_equal(qd_lint_parse("answer-length ", &id), -1);
	assert_int_equal(qd_lint_parse("-Wanswer-length", &id), -1);
	assert_int_equal(qd_lint_parse("no-answer-length", &id), -1);
	assert_int_equal(qd_lint_parse("answer-lenght", &id), -1);
	assert_int_equal(qd_lint_parse("answer", &id), -1);
	assert_int_equal(id, QD_LINT_TF_QUESTION); /* untouched on failure */
}

/* ---- silencing ---- */

static const char two_smells[] =
	HEAD
	"  - id: everest\n"
	"    type: truefalse\n"
	"    q: Is Everest the highest mountain above sea level?\n"  /* 6 */
	"    a: true\n"
	"  - id: mammals\n"
	"    type: multi\n"
	"    q: Which of these animals are mammals?\n"
	"    choices: [dolphin, bat, platypus, shark]\n"             /* 11 */
	"    a: [dolphin, bat, platypus]\n";

static void test_opts_off(void **state)
{
	struct qd_lint_opts opts;
	struct hits hs;

	(void)state;
	memset(&opts, 0, sizeof(opts));
	assert_int_equal(lint(two_smells, NULL, &hs), 2);
	assert_int_equal(lint(two_smells, &opts, &hs), 2);
	opts.off[QD_LINT_TF_QUESTION] = true;
	assert_int_equal(lint(two_smells, &opts, &hs), 1);
	assert_hit(&hs, 0, QD_LINT_MULTI_FEW_FALSE, "mammals", 11, 14);
	/* Turning off another smell changes nothing. */
	opts.off[QD_LINT_TF_QUESTION] = false;
	opts.off[QD_LINT_ANSWER_LENGTH] = true;
	assert_int_equal(lint(two_smells, &opts, &hs), 2);
	for (int i = 0; i < QD_LINT_COUNT; i++)
		opts.off[i] = true;
	assert_int_equal(lint(two_smells, &opts, &hs), 0);
}

/* nowarn silences the smells it names on its own card, and nothing else. */
static const char nowarn_deck[] =
	HEAD
	"  - id: rocky\n"                                           /* 4: two smells, one silenced */
	"    type: multi\n"
	"    q: Which of these planets, like Venus, are rocky?\n"   /* 6 */
	"    choices: [Venus, Mars, Earth, Jupiter]\n"
	"    a: [Venus, Mars, Earth]\n"
	"    nowarn: [multi-few-false]\n"
	"  - id: mammals\n"                                         /* 10: the same smell, not silenced */
	"    type: multi\n"
	"    q: Which of these animals are mammals?\n"
	"    choices: [dolphin, bat, platypus, shark]\n"            /* 13 */
	"    a: [dolphin, bat, platypus]\n"
	"    nowarn: [tf-question]\n"
	"  - id: everest\n"                                         /* 16: both silenced */
	"    type: truefalse\n"
	"    q: Is Everest the highest mountain above sea level?\n"
	"    a: true\n"
	"    nowarn: [multi-few-false, tf-question]\n";

static void test_nowarn(void **state)
{
	struct hits hs;

	(void)state;
	assert_int_equal(lint(nowarn_deck, NULL, &hs), 2);
	assert_hit(&hs, 0, QD_LINT_ANSWER_IN_QUESTION, "rocky", 6, 8);
	assert_hit(&hs, 1, QD_LINT_MULTI_FEW_FALSE, "mammals", 13, 14);
}

/* ---- as diagnostics ---- */

static const char diags_deck[] =
	HEAD
	"  - id: everest\n"                                         /* 4 */
	"    type: truefalse\n"
	"    q: Is Everest the highest mountain above sea level?\n"  /* 6 */
	"    a: true\n"
	"  - {id: k2, type: truefalse, q: K2 is in the Himalaya., a: false, nowarn: [tf-questoin]}\n"; /* 8 */

static void test_deck_diags(void **state)
{
	struct qd_deck *deck = load(diags_deck);
	struct qd_lint_opts opts;
	struct qd_diags d;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	(void)state;
	qd_diags_init(&d, "t.yaml");
	assert_int_equal(qd_lint_deck_diags(deck, NULL, &d), 1); /* smells only */
	qd_diags_sort(&d);
	assert_int_equal(d.len, 2);
	assert_int_equal(d.warnings, 2);
	assert_int_equal(d.errors, 0);

	assert_int_equal(d.items[0].sev, QD_SEV_WARNING);
	assert_int_equal(d.items[0].line, 6);
	assert_int_equal(d.items[0].col, 8);
	assert_non_null(d.items[0].flag);
	assert_string_equal(d.items[0].flag, "tf-question");
	assert_false(d.items[0].promoted);
	assert_string_equal(d.items[0].msg, "card 'everest': a true/false card should state a claim "
	                                    "to judge, not ask a question ('Is X free?' -> 'X is "
	                                    "free.')");

	/* An unknown name in nowarn: a plain warning, at the card. */
	assert_int_equal(d.items[1].sev, QD_SEV_WARNING);
	assert_int_equal(d.items[1].line, 8);
	assert_int_equal(d.items[1].col, 5);
	assert_null(d.items[1].flag);
	assert_string_equal(d.items[1].msg, "card 'k2': 'nowarn' names no card smell: "
	                                    "'tf-questoin' (see 'quizdeck help check')");

	/* Printed with the flag; promoted (--strict) as -Werror=NAME. */
	fp = open_memstream(&out, &len);
	qd_diags_print(fp, &d);
	qd_diags_promote(&d);
	qd_diags_print(fp, &d);
	fclose(fp);
	assert_string_equal(out,
		"t.yaml:6:8: warning: card 'everest': a true/false card should state a claim to judge, "
		"not ask a question ('Is X free?' -> 'X is free.') [-Wtf-question]\n"
		"t.yaml:8:5: warning: card 'k2': 'nowarn' names no card smell: 'tf-questoin' (see "
		"'quizdeck help check')\n"
		"t.yaml:6:8: error: card 'everest': a true/false card should state a claim to judge, "
		"not ask a question ('Is X free?' -> 'X is free.') [-Werror=tf-question]\n"
		"t.yaml:8:5: error: card 'k2': 'nowarn' names no card smell: 'tf-questoin' (see "
		"'quizdeck help check')\n");
	free(out);
	qd_diags_release(&d);

	/* -Wno-tf-question: the smell goes, the unknown name still warns. */
	memset(&opts, 0, sizeof(opts));
	opts.off[QD_LINT_TF_QUESTION] = true;
	qd_diags_init(&d, "t.yaml");
	assert_int_equal(qd_lint_deck_diags(deck, &opts, &d), 0);
	assert_int_equal(d.len, 1);
	assert_int_equal(d.warnings, 1);
	assert_null(d.items[0].flag);
	assert_int_equal(d.items[0].line, 8);
	qd_diags_release(&d);
	qd_deck_free(deck);
}

/* ---- the shared rules ---- */

/* Cards that once smelled by mistake: a verb starting "or" between blanks,
 * a name holding a month, a name's kind named by the question, a compound
 * beside its first word. */
static const char false_alarms[] =
	HEAD
	"  - id: moons\n"
	"    type: cloze\n"
	"    text: \"{{Ganymede}} orbits {{Jupiter}}, {{Titan}} orbits Saturn.\"\n"
	"  - id: singer\n"
	"    type: choice\n"
	"    q: Who sang Ring of Fire first?\n"
	"    choices: [June Carter, Johnny Cash, Patsy Cline]\n"
	"    a: June Carter\n"
	"  - id: ocean\n"
	"    type: typed\n"
	"    q: Which ocean is the largest?\n"
	"    a: Pacific Ocean\n"
	"  - id: salt\n"
	"    type: choice\n"
	"    q: What is table salt?\n"
	"    choices: [sodium, sodium chloride, potassium iodide]\n"
	"    a: sodium chloride\n"
	"  - id: vesuvius\n"
	"    type: choice\n"
	"    q: When did Vesuvius bury Pompeii?\n"
	"    choices: [AD 79, 1066, 1815]\n"
	"    a: AD 79\n";

static void test_false_alarms(void **state)
{
	(void)state;
	assert_clean(false_alarms);
}

static void test_list_items(void **state)
{
	(void)state;
	assert_int_equal(qd_lint_list_items("Systems software, web services, and embedded systems."), 3);
	assert_int_equal(qd_lint_list_items("Yes, Rust excels through frameworks like Actix-web, "
	                                    "Rocket, and Axum."), 0);
	assert_int_equal(qd_lint_list_items("Mercury, Venus, Earth, and Mars"), 4);
	assert_int_equal(qd_lint_list_items("Superior, Michigan, Huron, Erie, or Ontario"), 5);
	/* four items with no comma before the conjunction (a regression) */
	assert_int_equal(qd_lint_list_items("Mercury, Venus, Earth and Mars"), 4);
	assert_int_equal(qd_lint_list_items("red, green and blue"), 3);
	assert_int_equal(qd_lint_list_items("red, green or blue"), 3);
	assert_int_equal(qd_lint_list_items("crates.io, docs.rs and GitHub"), 3);
	assert_int_equal(qd_lint_list_items("salt and pepper"), 0);              /* two items */
	assert_int_equal(qd_lint_list_items("flour, water, salt"), 0);           /* no conjunction */
	assert_int_equal(qd_lint_list_items("Paris, the capital of France."), 0);
	assert_int_equal(qd_lint_list_items("Flour, water and salt. Then knead it."), 0);
	assert_int_equal(qd_lint_list_items("Rome, the city that was built on seven hills, Athens "
	                                    "and Sparta"), 0);                    /* a long item */
	assert_int_equal(qd_lint_list_items("In the late Middle Ages the great trading cities of "
	                                    "northern Europe, Lübeck, Hamburg and Bruges"), 0);
	assert_int_equal(qd_lint_list_items("Ottawa"), 0);
	assert_int_equal(qd_lint_list_items(""), 0);
}

static void test_shows(void **state)
{
	(void)state;
	/* A distinctive word of the answer. */
	assert_true(qd_lint_shows("The Bronze Age began", "Bronze", false));
	assert_true(qd_lint_shows("The Bronze Age began", "Bronze", true));
	assert_true(qd_lint_shows("The Bronze Age began", "Bronze Age", true));
	assert_true(qd_lint_shows("Tools of bronze replaced stone.", "Bronze Age", false));
	assert_false(qd_lint_shows("Tools of bronze replaced stone.", "Bronze Age", true));
	/* Whole words only, case and punctuation folded. */
	assert_false(qd_lint_shows("Bronzes from Benin", "Bronze", false));
	assert_false(qd_lint_shows("Who wrote Romeo and Juliet?", "Rome", false));
	assert_true(qd_lint_shows("WHO WROTE ROMEO AND JULIET?", "Romeo", true));
	/* A possessive still shows the name. */
	assert_true(qd_lint_shows("Who was Kirk's first officer?", "James Kirk", false));
	/* A number is distinctive; a lowercase common word is not. */
	assert_true(qd_lint_shows("What happened in 1969?", "July 1969", false));
	assert_false(qd_lint_shows("Which engine burns fuel?", "jet engine", false));
	assert_true(qd_lint_shows("Is a jet engine a heat engine?", "jet engine", true));
	/* Function words are not distinctive, even capitalised. */
	assert_false(qd_lint_shows("What is the tallest tower?", "The Shard", false));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_answer_length),
		cmocka_unit_test(test_answer_length_markup),
		cmocka_unit_test(test_answer_enumeration),
		cmocka_unit_test(test_answer_in_question),
		cmocka_unit_test(test_answer_in_question_accents),
		cmocka_unit_test(test_tf_question),
		cmocka_unit_test(test_choice_kind),
		cmocka_unit_test(test_distractor_accepted),
		cmocka_unit_test(test_multi_few_false),
		cmocka_unit_test(test_cloze_enumeration),
		cmocka_unit_test(test_duplicate_question),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_opts_off),
		cmocka_unit_test(test_nowarn),
		cmocka_unit_test(test_deck_diags),
		cmocka_unit_test(test_false_alarms),
		cmocka_unit_test(test_list_items),
		cmocka_unit_test(test_shows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

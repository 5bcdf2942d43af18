/*
 * Anki packages (src/anki.c; its fields' HTML is tests/unit/test-html.c's): the same small collection in
 * each package format (tests/anki-fixtures.c, made here with sqlite3,
 * libzip and libzstd) gives the same deck and the same reviews, the deck
 * passes the loader, and broken packages are refused with the file and,
 * where one note is at fault, its id.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cmocka.h>

#include "../anki-fixtures.h"
#include "quizdeck/anki.h"
#include "quizdeck/gendeck.h"

static char dir[] = "/tmp/qd-test-anki-XXXXXX";

static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static char *path_of(const char *name)
{
	static char p[256];
	snprintf(p, sizeof(p), "%s/%s", dir, name);
	return p;
}

static const struct qd_gen_card *card(const struct qd_gen_deck *d, const char *id)
{
	long i = qd_gen_deck_find(d, id);
	if (i < 0)
		fail_msg("no card '%s'", id);
	return &d->cards[i];
}

static bool diag_has(const struct qd_diags *d, const char *s)
{
	for (size_t i = 0; i < d->len; i++)
		if (strstr(d->items[i].msg, s))
			return true;
	return false;
}

static void check_tags(const struct qd_gen_card *c, const char *const *tags, size_t n)
{
	assert_int_equal(c->tags.len, n);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(c->tags.items[i], tags[i]);
}

struct imported {
	struct qd_gen_deck deck;
	struct qd_review *rv;
	size_t n;
	struct qd_diags dg;
};

static void import(enum fx_format f, const char *name, struct imported *im)
{
	struct qd_anki_opts o = {.with_reviews = true};
	struct qd_err err;
	char *p = path_of(name);

	memset(im, 0, sizeof(*im));
	assert_int_equal(fx_write_package(p, f), 0);
	qd_diags_init(&im->dg, p);
	if (qd_anki_import(p, &o, &im->deck, &im->rv, &im->n, &im->dg, &err))
		fail_msg("%s: %s", err.file, err.msg);
}

static void release(struct imported *im)
{
	free(im->rv);
	qd_gen_deck_release(&im->deck);
	qd_diags_release(&im->dg);
}

/* Everything the collection holds, as a deck, whatever the format. */
static void check_deck(const struct imported *im)
{
	const struct qd_gen_deck *d = &im->deck;
	const struct qd_gen_card *c;
	struct qd_err err;

	assert_string_equal(d->id, "spanish");
	assert_string_equal(d->title, "Spanish");
	assert_int_equal(d->n_cards, 7);
	for (size_t i = 0; i < d->n_cards; i++)
		assert_null(strstr(d->cards[i].q ? d->cards[i].q : "", "Please update"));

	/* Basic, HTML: bold, a non-breaking space, blocks, an image. */
	c = card(d, "4162312178-1");
	assert_int_equal(c->type, QD_CARD_BASIC);
	assert_string_equal(c->q, "What is **2 + 2**?");
	assert_string_equal(c->a, "Four\n4 [image: cat.jpg]");
	check_tags(c, (const char *[]){"math", "leech"}, 2);
	assert_null(c->group);

	/* Basic (and reversed card): the reverse is a card of its own; both
	 * in the sub-deck Spanish::Verbs, tagged so. */
	c = card(d, "7265762332-1");
	assert_int_equal(c->type, QD_CARD_BASIC);
	assert_string_equal(c->q, "perro");
	assert_string_equal(c->a, "dog");
	assert_string_equal(c->group, "7265762332");
	check_tags(c, (const char *[]){"animals", "Verbs"}, 2);
	c = card(d, "7265762332-2");
	assert_string_equal(c->q, "dog");
	assert_string_equal(c->a, "perro");
	assert_string_equal(c->group, "7265762332");

	/* Basic (type in the answer). */
	c = card(d, "74797033-1");
	assert_int_equal(c->type, QD_CARD_TYPED);
	assert_string_equal(c->q, "Capital of *France*?");
	assert_string_equal(c->a, "Paris");

	/* Cloze: one card per number, the hint kept, the other deletion
	 * shown, the back's extra field as the explanation. */
	c = card(d, "636c7a34-1");
	assert_int_equal(c->type, QD_CARD_CLOZE);
	assert_string_equal(c->text, "{{Paris}} is the capital of France.");
	assert_string_equal(c->hint, "city");
	assert_string_equal(c->explain, "Since *508*. [sound:paris.mp3]");
	check_tags(c, (const char *[]){"geo"}, 1);
	c = card(d, "636c7a34-2");
	assert_int_equal(c->type, QD_CARD_CLOZE);
	assert_string_equal(c->text, "Paris is the capital of {{France}}.");
	assert_null(c->hint);
	/* In a filtered deck: its home deck counts. */
	check_tags(c, (const char *[]){"geo"}, 1);

	/* Another note type: its first two fields, with a warning. */
	c = card(d, "766f6335-1");
	assert_int_equal(c->type, QD_CARD_BASIC);
	assert_string_equal(c->q, "hablar");
	assert_string_equal(c->a, "to speak");
	assert_true(diag_has(&im->dg, "note type 'Vocab' is not Basic, Basic (and reversed), "
	                              "Basic (type in the answer) or Cloze: its 1 note became "
	                              "basic cards of their first two fields (note "
	                              "1700000000005)"));
	assert_true(diag_has(&im->dg, "2 media files referenced but not imported"));
	assert_int_equal(im->dg.errors, 0);

	if (qd_gen_deck_validate(d, &err))
		fail_msg("the deck does not load: %s", err.msg);
}

static void check_reviews(const struct imported *im)
{
	static const struct {
		const char *card;
		int64_t time;
		int rating;
		int64_t duration;
	} want[] = {
		{"4162312178-1", 1700000000000, 1, 8000},
		{"4162312178-1", 1700000600000, 3, 5000},
		{"4162312178-1", 1700086400000, 3, 4000},
		{"4162312178-1", 1700345600000, 1, 9000},
		{"4162312178-1", 1700346200000, 3, 3000},
		{"7265762332-1", 1700000100000, 3, 6000},
		{"7265762332-1", 1700000700000, 3, 4000},
		{"7265762332-1", 1700172800000, 4, 3000},
		{"7265762332-2", 1700000200000, 4, 7000},
		{"636c7a34-1", 1700000300000, 1, 12000},
		{"636c7a34-1", 1700000900000, 3, 6000},
		{"636c7a34-1", 1700259200000, 3, 5000},
		{"766f6335-1", 1700000400000, 3, 4000},
	};
	const size_t n = sizeof(want) / sizeof(want[0]);

	assert_int_equal(im->n, n);
	for (size_t i = 0; i < n; i++) {
		assert_string_equal(im->rv[i].deck, "spanish");
		assert_string_equal(im->rv[i].card, want[i].card);
		assert_int_equal(im->rv[i].time_ms, want[i].time);
		assert_int_equal(im->rv[i].rating, want[i].rating);
		assert_int_equal(im->rv[i].duration_ms, want[i].duration);
		assert_int_equal(im->rv[i].mode, QD_MODE_IMPORT);
	}
	assert_true(diag_has(&im->dg, "2 review-log entries skipped: no answer"));
	assert_true(diag_has(&im->dg, "1 review-log entry skipped: reviews in a filtered deck "
	                              "that did not reschedule"));
	assert_true(diag_has(&im->dg, "2 review-log entries skipped: answers before the card was "
	                              "forgotten"));
	assert_true(diag_has(&im->dg, "1 review-log entry skipped: their card is deleted"));
	assert_true(diag_has(&im->dg, "1 card has no learning answers"));
}

static void test_current_format(void **state)
{
	struct imported im;

	(void)state;
	import(FX_ANKI21B, "current.apkg", &im);
	check_deck(&im);
	check_reviews(&im);
	release(&im);
}

static void test_legacy_anki21(void **state)
{
	struct imported im;

	(void)state;
	import(FX_ANKI21, "legacy21.apkg", &im);
	check_deck(&im);
	check_reviews(&im);
	release(&im);
}

/* Before Anki 2.1.50: collection.anki2 alone, and the v1 scheduler's
 * three learning buttons, read as the v2 scheduler's four. */
static void test_legacy_anki2(void **state)
{
	struct imported im;

	(void)state;
	import(FX_ANKI2, "legacy2.colpkg", &im);
	check_deck(&im);
	check_reviews(&im);
	release(&im);
}

static void test_options_and_no_reviews(void **state)
{
	struct qd_anki_opts o = {.deck_id = "mine", .title = "My cards"};
	struct qd_gen_deck d = {0};
	struct qd_diags dg;
	struct qd_err err;
	char *p = path_of("opts.apkg");

	(void)state;
	assert_int_equal(fx_write_package(p, FX_ANKI21B), 0);
	qd_diags_init(&dg, p);
	assert_int_equal(qd_anki_import(p, &o, &d, NULL, NULL, &dg, &err), 0);
	assert_string_equal(d.id, "mine");
	assert_string_equal(d.title, "My cards");
	assert_int_equal(d.n_cards, 7);
	assert_false(diag_has(&dg, "review-log"));
	assert_true(diag_has(&dg, "media files"));
	qd_gen_deck_release(&d);
	qd_diags_release(&dg);
}

/* Cloze deletions as Anki reads them: nested, several numbers, the same
 * number twice; braces and '|' that would read as our blanks. */
static void test_cloze_cases(void **state)
{
	static const struct {
		const char *text;
		int ord;
		const char *want, *hint; /* want NULL: the card is left out */
	} cases[] = {
		{"{{c1::outer {{c2::inner}}::hint}} end", 0, "{{outer inner}} end", "hint"},
		{"{{c1::outer {{c2::inner}}::hint}} end", 1, "outer {{inner}} end", NULL},
		{"{{c1,2::both}} and {{c2::two}}", 0, "{{both}} and two", NULL},
		{"{{c1,2::both}} and {{c2::two}}", 1, "{{both}} and {{two}}", NULL},
		{"{{c1::Rome}} is in {{c1::Italy::country}}", 0, "{{Rome}} is in {{Italy}}", "country"},
		{"a {{b}} {{c1::x|y}}", 0, "a { {b} } {{x/y}}", NULL},
		{"<b>{{c1::bold}}</b> text<br>next", 0, "{{bold}} text\nnext", NULL},
		{"{{c3::three}}", 0, NULL, NULL},
		{"{{c1::image-occlusion:rect:left=.1:top=.2}}", 0, NULL, NULL},
		{"{{c2::two}}", 0, NULL, NULL},
		{"no deletion at all", 0, NULL, NULL},
		{"{{c1::one}}", 1, NULL, NULL},
	};
	const size_t n = sizeof(cases) / sizeof(cases[0]);
	const char *texts[sizeof(cases) / sizeof(cases[0])];
	int ords[sizeof(cases) / sizeof(cases[0])];
	struct qd_anki_opts o = {0};
	struct qd_gen_deck d = {0};
	struct qd_diags dg;
	struct qd_err err;
	char *p = path_of("clozes.apkg");

	(void)state;
	for (size_t i = 0; i < n; i++) {
		texts[i] = cases[i].text;
		ords[i] = cases[i].ord;
	}
	assert_int_equal(fx_write_clozes(p, texts, ords, n), 0);
	qd_diags_init(&dg, p);
	if (qd_anki_import(p, &o, &d, NULL, NULL, &dg, &err))
		fail_msg("%s", err.msg);
	for (size_t i = 0; i < n; i++) {
		char guid[16], id[48];
		size_t len = 0;
		long k;
		/* The fixture's guid is "cz<i>"; the id is its hex and the card's number. */
		snprintf(guid, sizeof(guid), "cz%zu", i);
		for (const char *g = guid; *g; g++)
			len += (size_t)snprintf(id + len, sizeof(id) - len, "%02x", (unsigned char)*g);
		snprintf(id + len, sizeof(id) - len, "-%d", cases[i].ord + 1);
		k = qd_gen_deck_find(&d, id);
		if (!cases[i].want) {
			assert_true(k < 0);
			continue;
		}
		if (k < 0)
			fail_msg("no card '%s' for '%s'", id, cases[i].text);
		if (strcmp(d.cards[k].text, cases[i].want) != 0)
			fail_msg("'%s' card %d gave '%s', want '%s'", cases[i].text, cases[i].ord + 1,
			         d.cards[k].text, cases[i].want);
		if (cases[i].hint)
			assert_string_equal(d.cards[k].hint, cases[i].hint);
		else
			assert_null(d.cards[k].hint);
	}
	/* Each warning names the first notes at fault. */
	assert_true(diag_has(&dg, "4 cloze cards left out: the note's text has no deletion of the "
	                          "card's number (notes 107, 109, 110 and 1 more)"));
	assert_true(diag_has(&dg, "1 image occlusion card left out: they are pictures (note 108)"));
	if (qd_gen_deck_validate(&d, &err))
		fail_msg("the deck does not load: %s", err.msg);
	qd_gen_deck_release(&d);
	qd_diags_release(&dg);
}

static void test_broken(void **state)
{
	static const struct {
		enum fx_broken b;
		const char *name, *msg;
	} cases[] = {
		{FX_NOT_ZIP, "text.apkg", "not an Anki package: not a readable zip archive"},
		{FX_TRUNCATED, "cut.apkg", "not an Anki package: not a readable zip archive"},
		{FX_NOT_SQLITE, "text-db.apkg",
		 "not an Anki collection: 'collection.anki21' is not an SQLite database"},
		{FX_FOREIGN_SQLITE, "foreign.apkg",
		 "not an Anki collection: cannot read its 'col' table (no such table: col)"},
		{FX_SCHEMA_19, "schema19.apkg",
		 "unknown Anki collection schema version 19 (Anki writes 11 to 18)"},
		{FX_BAD_NOTETYPE, "badnote.apkg",
		 "note 1700000000999: its note type 7777 is not in the collection"},
		{FX_META_4, "meta4.apkg", "unknown Anki package version 4"},
		{FX_BAD_ZSTD, "zstd.apkg", "'collection.anki21b' is not valid zstd data"},
		{FX_NO_COLLECTION, "dummy-only.apkg",
		 "not an Anki package: no 'collection.anki21b' in the archive"},
		{FX_BAD_CRC, "crc.apkg", "damaged zip archive: 'collection.anki21' fails its checksum"},
		{FX_DUP_GUID, "dup.apkg",
		 "note 1700000000998: its guid 'rev#2' is another note's too "
		 "(card '7265762332-1' twice)"},
		{FX_NO_TEMPLATE, "notmpl.apkg",
		 "note 1700000000998: card 6 has no template in note type 'Basic'"},
		{FX_VIEW, "view.apkg", "not an Anki collection: 'revlog' is a view, not a table"},
		{FX_GENERATED, "generated.apkg",
		 "not an Anki collection: column 'big' of 'notes' is computed, not stored"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct qd_anki_opts o = {.with_reviews = true};
		struct qd_gen_deck d = {0};
		struct qd_review *rv = (struct qd_review *)&o;
		size_t n = 99;
		struct qd_diags dg;
		struct qd_err err;
		char *p = path_of(cases[i].name);

		assert_int_equal(fx_write_broken(p, cases[i].b), 0);
		qd_diags_init(&dg, p);
		alarm(30); /* a query that never ends must not hang the test */
		if (qd_anki_import(p, &o, &d, &rv, &n, &dg, &err) != -1)
			fail_msg("%s: imported", cases[i].name);
		alarm(0);
		if (!strstr(err.msg, cases[i].msg))
			fail_msg("%s: got '%s', want '%s'", cases[i].name, err.msg, cases[i].msg);
		assert_int_equal(err.status, QD_EXIT_DATAERR);
		assert_string_equal(err.file, p);
		assert_null(rv);
		assert_int_equal(n, 0);
		qd_gen_deck_release(&d);
		qd_diags_release(&dg);
	}
}

static void test_missing_file(void **state)
{
	struct qd_anki_opts o = {0};
	struct qd_gen_deck d = {0};
	struct qd_diags dg;
	struct qd_err err;
	char *p = path_of("none.apkg");

	(void)state;
	qd_diags_init(&dg, p);
	assert_int_equal(qd_anki_import(p, &o, &d, NULL, NULL, &dg, &err), -1);
	assert_int_equal(err.status, QD_EXIT_NOINPUT);
	qd_gen_deck_release(&d);
	qd_diags_release(&dg);
}

static long max_rss_kb(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : 0;
}

/* A collection package holds the media beside the collection, often
 * gigabytes: the import reads the members it needs, not the whole file.
 * (First of the tests, so the process's peak memory is still low.) */
static void test_large_package(void **state)
{
	const size_t size = (size_t)96 << 20;
	struct qd_anki_opts o = {0};
	struct qd_gen_deck d = {0};
	struct qd_diags dg;
	struct qd_err err;
	char *p = path_of("large.colpkg");
	long before, grown;

	(void)state;
	assert_int_equal(fx_write_large(p, size), 0);
	qd_diags_init(&dg, p);
	before = max_rss_kb();
	if (qd_anki_import(p, &o, &d, NULL, NULL, &dg, &err))
		fail_msg("%s", err.msg);
	grown = max_rss_kb() - before;
	assert_int_equal(d.n_cards, 7);
	if (grown > 32 * 1024)
		fail_msg("importing a package of %zu MB took %ld MB more memory", size >> 20,
		         grown / 1024);
	qd_gen_deck_release(&d);
	qd_diags_release(&dg);
}

static void test_is_package(void **state)
{
	(void)state;
	assert_true(qd_anki_is_package("deck.apkg"));
	assert_true(qd_anki_is_package("dir/Collection.COLPKG"));
	assert_false(qd_anki_is_package("deck.csv"));
	assert_false(qd_anki_is_package(".apkg"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_large_package),
		cmocka_unit_test(test_current_format),
		cmocka_unit_test(test_legacy_anki21),
		cmocka_unit_test(test_legacy_anki2),
		cmocka_unit_test(test_options_and_no_reviews),
		cmocka_unit_test(test_cloze_cases),
		cmocka_unit_test(test_broken),
		cmocka_unit_test(test_missing_file),
		cmocka_unit_test(test_is_package),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}

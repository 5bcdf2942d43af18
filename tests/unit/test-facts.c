/* Unit tests for the article-wide lookups of the reader (quizdeck/facts.h)
 * that the generator asks for every fact: a name's classmates (found through
 * an index, checked against the plain definition: every class that has a
 * member naming the same thing, in order, each mate once) and whether the
 * article states a figure. */
#include <dirent.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <cmocka.h>

#include "quizdeck/buf.h"
#include "quizdeck/facts.h"

/* The definition: equal, or the shorter (of 3 bytes or more) ends the
 * longer after a space, ASCII case-blind. */
static bool same_name(const char *a, const char *b)
{
	size_t na = strlen(a), nb = strlen(b);
	const char *l = na >= nb ? a : b, *s = na >= nb ? b : a;
	size_t nl = strlen(l), ns = strlen(s);

	if (strcasecmp(a, b) == 0)
		return true;
	return ns >= 3 && nl > ns && strcasecmp(l + nl - ns, s) == 0 && l[nl - ns - 1] == ' ';
}

/* The classmates as defined, by comparing every member with every other. */
static void plain_classmates(const struct qd_facts *f, const char *name, struct qd_strv *out)
{
	for (size_t c = 0; c < f->n_classes; c++) {
		const struct qd_strv *m = &f->classes[c].members;
		bool member = false;
		for (size_t i = 0; i < m->len && !member; i++)
			member = same_name(m->items[i], name);
		if (!member)
			continue;
		for (size_t i = 0; i < m->len; i++) {
			bool dup = same_name(m->items[i], name);
			for (size_t k = 0; k < out->len && !dup; k++)
				dup = same_name(out->items[k], m->items[i]);
			if (!dup)
				qd_strv_push(out, m->items[i]);
		}
	}
}

struct collect {
	struct qd_strv got;
	size_t stop_at; /* 0: never */
};

static bool collect(void *data, const char *mate)
{
	struct collect *c = data;

	qd_strv_push(&c->got, mate);
	return !c->stop_at || c->got.len < c->stop_at;
}

/* The classmates of name agree with the definition, whole and cut short. */
static void check_name(const struct qd_facts *f, const char *name)
{
	struct qd_strv want = {NULL, 0};
	struct collect all = {{NULL, 0}, 0}, two = {{NULL, 0}, 2};

	plain_classmates(f, name, &want);
	qd_facts_classmates(f, name, collect, &all);
	qd_facts_classmates(f, name, collect, &two);
	if (all.got.len != want.len)
		fail_msg("'%s': %zu classmates, not %zu", name, all.got.len, want.len);
	for (size_t i = 0; i < want.len; i++)
		assert_string_equal(all.got.items[i], want.items[i]);
	assert_int_equal(two.got.len, want.len < 2 ? want.len : 2);
	for (size_t i = 0; i < two.got.len; i++)
		assert_string_equal(two.got.items[i], want.items[i]);
	qd_strv_clear(&want);
	qd_strv_clear(&all.got);
	qd_strv_clear(&two.got);
}

/* Every member of every class, its last words, in other cases, and names
 * of no class. Returns the number of classes. */
static size_t check_article(const char *path)
{
	struct qd_err err;
	struct qd_article *a;
	struct qd_facts f;
	size_t n;

	qd_err_clear(&err);
	a = qd_article_load(path, &err);
	if (!a)
		fail_msg("%s: %s", path, err.msg);
	qd_facts_analyse(a, &f);
	for (size_t c = 0; c < f.n_classes; c++)
		for (size_t i = 0; i < f.classes[c].members.len; i++) {
			const char *m = f.classes[c].members.items[i];
			char *up = qd_xstrdup(m);
			check_name(&f, m);
			for (const char *p = strchr(m, ' '); p; p = strchr(p + 1, ' '))
				check_name(&f, p + 1);
			for (char *p = up; *p; p++)
				if (*p >= 'a' && *p <= 'z')
					*p = (char)(*p - 'a' + 'A');
			check_name(&f, up);
			free(up);
		}
	check_name(&f, "Nobody Here");
	check_name(&f, "");
	n = f.n_classes;
	qd_facts_release(&f);
	qd_article_free(a);
	return n;
}

static size_t check_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[1024];
	size_t classes = 0;

	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t n = strlen(e->d_name);
		if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		classes += check_article(path);
	}
	closedir(d);
	return classes;
}

static void test_classmates_articles(void **state)
{
	size_t classes = 0;

	(void)state;
	classes += check_dir(QD_TEST_DATA "/articles");
	classes += check_dir(QD_TEST_DATA "/articles/eval");
	classes += check_dir(QD_TEST_DATA "/articles/heldout");
	assert_true(classes >= 8);
}

/* Forms of one name across classes: the mates of "Armstrong" leave out
 * "Neil Armstrong" and "neil armstrong", and a mate given once is not
 * given again in another form ("Aldrin" after "Buzz Aldrin"). */
static void test_classmates_forms(void **state)
{
	static const char text[] =
		"Crews\n\nKey Facts\n\nThe First Crew\n\n"
		"The crew of Apollo 11 was Neil Armstrong, Buzz Aldrin, and Michael Collins. "
		"The backup crew was Jim Lovell, Bill Anders, and Fred Haise.\n\n"
		"The Second Crew\n\n"
		"The next crew was Pete Conrad, Richard Gordon, and Alan Bean. "
		"Armstrong, Aldrin, and Lovell had all flown on Gemini missions before.\n";
	struct qd_err err;
	struct qd_article *a = qd_article_parse("crews", text, sizeof(text) - 1, &err);
	struct qd_facts f;
	struct collect c = {{NULL, 0}, 0};

	(void)state;
	assert_non_null(a);
	qd_facts_analyse(a, &f);
	assert_true(f.n_classes >= 3);
	check_name(&f, "Armstrong");
	check_name(&f, "ARMSTRONG");
	check_name(&f, "Neil Armstrong");
	check_name(&f, "Aldrin");
	check_name(&f, "Lovell");
	qd_facts_classmates(&f, "Armstrong", collect, &c);
	for (size_t i = 0; i < c.got.len; i++) {
		assert_false(same_name(c.got.items[i], "Armstrong"));
		for (size_t k = 0; k < i; k++)
			assert_false(same_name(c.got.items[i], c.got.items[k]));
	}
	assert_true(c.got.len >= 3);
	qd_strv_clear(&c.got);
	qd_facts_release(&f);
	qd_article_free(a);
}

/* A figure is stated when within 1e-9 of one of the article's. */
static void test_has_number(void **state)
{
	static const char text[] =
		"Figures\n\nKey Facts\n\nSome Figures\n\n"
		"The tower is 324 metres tall and weighs 7,300 tonnes. "
		"It was built in 1889 by about 300 workers, and 2.5 million rivets hold it together. "
		"Some 0.001 percent of visitors climb all 1,665 steps.\n";
	struct qd_err err;
	struct qd_article *a = qd_article_parse("figures", text, sizeof(text) - 1, &err);
	struct qd_facts f;

	(void)state;
	assert_non_null(a);
	qd_facts_analyse(a, &f);
	assert_true(f.n_numbers >= 5);
	for (size_t i = 1; i < f.n_numbers; i++)
		assert_true(f.numbers[i - 1] <= f.numbers[i]);
	assert_true(qd_facts_has_number(&f, 324));
	assert_true(qd_facts_has_number(&f, 324 + 1e-10));
	assert_true(qd_facts_has_number(&f, 7300));
	assert_true(qd_facts_has_number(&f, 300));
	assert_true(qd_facts_has_number(&f, 1665));
	assert_false(qd_facts_has_number(&f, 325));
	assert_false(qd_facts_has_number(&f, 324 + 1e-8));
	assert_false(qd_facts_has_number(&f, -1));
	assert_false(qd_facts_has_number(&f, 1e300));
	assert_false(qd_facts_has_number(&f, INFINITY));
	assert_false(qd_facts_has_number(&f, NAN));
	for (size_t i = 0; i < f.n_numbers; i++)
		assert_true(qd_facts_has_number(&f, f.numbers[i]));
	qd_facts_release(&f);
	qd_article_free(a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_classmates_articles),
		cmocka_unit_test(test_classmates_forms),
		cmocka_unit_test(test_has_number),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

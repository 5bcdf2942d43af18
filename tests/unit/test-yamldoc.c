/* Unit tests for the YAML document tree: structure, marks, limits and the
 * problems it must refuse with their positions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "quizdeck/buf.h"
#include "quizdeck/yamldoc.h"

/* Parses s; returns the rc and leaves the diagnostics in *d (sorted). */
static int parse(const char *s, struct qd_ynode **root, struct qd_diags *d)
{
	int rc;

	qd_diags_init(d, "t.yaml");
	rc = qd_ydoc_parse(s, strlen(s), NULL, root, d);
	qd_diags_sort(d);
	return rc;
}

static void test_tree_and_marks(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;
	const struct qd_ynode *n;

	(void)state;
	assert_int_equal(parse("a: 1\nlist:\n  - x\n  - 'y'\nmap: {k: v}\n", &root, &d), 0);
	assert_int_equal(d.len, 0);
	assert_int_equal(root->kind, QD_YNODE_MAPPING);
	assert_int_equal(root->n_pairs, 3);
	n = qd_ynode_get(root, "a");
	assert_true(qd_ynode_equals(n, "1"));
	assert_int_equal(n->line, 1);
	assert_int_equal(n->col, 4);
	assert_true(n->plain);
	n = qd_ynode_get(root, "list");
	assert_int_equal(n->kind, QD_YNODE_SEQUENCE);
	assert_int_equal(n->n_items, 2);
	assert_int_equal(n->items[1]->line, 4);
	assert_int_equal(n->items[1]->col, 5);
	assert_false(n->items[1]->plain);
	assert_int_equal(root->pairs[1].key->line, 2);
	assert_int_equal(root->pairs[1].key->col, 1);
	n = qd_ynode_get(root, "map");
	assert_true(qd_ynode_equals(qd_ynode_get(n, "k"), "v"));
	assert_null(qd_ynode_get(root, "missing"));
	qd_ynode_free(root);
	qd_diags_release(&d);
}

static void test_nulls_and_empty(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;

	(void)state;
	assert_int_equal(parse("", &root, &d), 0);
	assert_null(root);
	qd_diags_release(&d);
	assert_int_equal(parse("a:\nb: ~\nc: null\nd: ''\ne: \"null\"\n", &root, &d), 0);
	assert_true(qd_ynode_is_null(qd_ynode_get(root, "a")));
	assert_true(qd_ynode_is_null(qd_ynode_get(root, "b")));
	assert_true(qd_ynode_is_null(qd_ynode_get(root, "c")));
	assert_false(qd_ynode_is_null(qd_ynode_get(root, "d")));
	assert_false(qd_ynode_is_null(qd_ynode_get(root, "e")));
	qd_ynode_free(root);
	qd_diags_release(&d);
}

static void test_duplicate_keys(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;

	(void)state;
	assert_int_equal(parse("a: 1\nb: 2\na: 3\n\"b\": 4\n", &root, &d), 0);
	assert_int_equal(d.errors, 2);
	assert_int_equal(d.items[0].line, 3);
	assert_string_equal(d.items[0].msg, "duplicate key 'a' (first on line 1)");
	assert_string_equal(d.items[1].msg, "duplicate key 'b' (first on line 2)");
	assert_int_equal(root->n_pairs, 2); /* the first ones are kept */
	assert_true(qd_ynode_equals(qd_ynode_get(root, "a"), "1"));
	qd_ynode_free(root);
	qd_diags_release(&d);
}

static void test_aliases(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;

	(void)state;
	/* A billion-laughs opening is refused, not expanded. */
	assert_int_equal(parse("a: &a [x, x]\nb: [*a, *a, *a]\n", &root, &d), 0);
	assert_int_equal(d.errors, 4);
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].col, 4);
	assert_string_equal(d.items[1].msg,
	                    "aliases are not supported ('*a'): write the value out in full");
	assert_int_equal(qd_ynode_get(root, "b")->items[0]->kind, QD_YNODE_BAD);
	qd_ynode_free(root);
	qd_diags_release(&d);
}

/* Positions of the problems found before libyaml reads the file count
 * lines as libyaml does: NEL and U+2028 end a line too. */
static void test_positions_after_nel(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;

	(void)state;
	assert_int_equal(parse("a: x\xc2\x85" "b: y\xe2\x80\xa8" "c: \x07\n", &root, &d), -1);
	assert_int_equal(d.items[0].line, 3);
	assert_int_equal(d.items[0].col, 4);
	qd_diags_release(&d);
}

static void test_syntax_error(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;

	(void)state;
	assert_int_equal(parse("a: [1, 2\nb: c\n", &root, &d), -1);
	assert_null(root);
	assert_int_equal(d.errors, 1);
	/* at the bracket left open */
	assert_string_equal(d.items[0].msg, "this '[' is never closed: end the list with ']'");
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].col, 4);
	qd_diags_release(&d);
	assert_int_equal(parse("a: b: c\n", &root, &d), -1);
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].col, 5);
	qd_diags_release(&d);
}

static void test_depth_limit(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;
	struct qd_buf b;
	struct qd_ylimits lim = {.max_depth = 4};

	(void)state;
	qd_buf_init(&b);
	for (int i = 0; i < 100000; i++)
		qd_buf_addc(&b, '[');
	assert_int_equal(parse(b.data, &root, &d), -1);
	assert_int_equal(d.items[0].col, QD_YAML_MAX_DEPTH + 1);
	assert_string_equal(d.items[0].msg, "nesting is deeper than 32 levels");
	qd_diags_release(&d);
	qd_buf_release(&b);
	qd_diags_init(&d, "t");
	assert_int_equal(qd_ydoc_parse("[[[[x]]]]", 9, &lim, &root, &d), 0);
	qd_ynode_free(root);
	assert_int_equal(qd_ydoc_parse("[[[[[x]]]]]", 11, &lim, &root, &d), -1);
	qd_diags_release(&d);
}

static void test_size_limit(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;
	struct qd_ylimits lim = {.max_bytes = 8};

	(void)state;
	qd_diags_init(&d, "t");
	assert_int_equal(qd_ydoc_parse("a: 12345", 8, &lim, &root, &d), 0);
	qd_ynode_free(root);
	assert_int_equal(qd_ydoc_parse("a: 123456", 9, &lim, &root, &d), -1);
	assert_string_equal(d.items[0].msg, "file is too large (9 bytes; the limit is 8)");
	qd_diags_release(&d);
}

/* The node limit stops a file of many tiny values with an error at the
 * value over the limit, and no tree. */
static void test_node_limit(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;
	struct qd_ylimits lim = {.max_nodes = 5};

	(void)state;
	qd_diags_init(&d, "t");
	assert_int_equal(qd_ydoc_parse("[a, b, c, d]", 12, &lim, &root, &d), 0);
	assert_int_equal(root->n_items, 4);
	qd_ynode_free(root);
	assert_int_equal(qd_ydoc_parse("[a, b, c, d, e]", 15, &lim, &root, &d), -1);
	assert_null(root);
	assert_int_equal(d.items[0].col, 14);
	assert_string_equal(d.items[0].msg, "the file holds too many values (the limit is 5)");
	qd_diags_release(&d);
}

/* A mapping too large for comparing each key with all before it finds its
 * duplicates through a hash map, with the same messages, keeping the
 * first of each key, in file order. */
static void test_duplicates_in_a_large_mapping(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;
	struct qd_buf b;

	(void)state;
	qd_buf_init(&b);
	for (int i = 0; i < 40; i++)
		qd_buf_addf(&b, "k%d: v%d\n", i % 30, i);
	assert_int_equal(parse(b.data, &root, &d), 0);
	assert_int_equal(d.errors, 10);
	assert_int_equal(d.items[0].line, 31);
	assert_string_equal(d.items[0].msg, "duplicate key 'k0' (first on line 1)");
	assert_string_equal(d.items[9].msg, "duplicate key 'k9' (first on line 10)");
	assert_int_equal(root->n_pairs, 30);
	for (int i = 0; i < 30; i++) {
		char key[8], want[8];
		snprintf(key, sizeof(key), "k%d", i);
		snprintf(want, sizeof(want), "v%d", i);
		assert_true(qd_ynode_equals(root->pairs[i].key, key));
		assert_true(qd_ynode_equals(qd_ynode_get(root, key), want));
	}
	qd_ynode_free(root);
	qd_diags_release(&d);
	qd_buf_release(&b);
}

static void test_encoding_and_controls(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;
	const struct qd_ynode *n;

	(void)state;
	assert_int_equal(parse("a: ok\nb: caf\xC3\xA9 \xFF\n", &root, &d), -1);
	assert_int_equal(d.items[0].line, 2);
	assert_int_equal(d.items[0].col, 9); /* characters, not bytes */
	assert_string_equal(d.items[0].msg,
	                    "invalid UTF-8 (byte 0xFF): the file must be UTF-8 text");
	qd_diags_release(&d);
	assert_int_equal(parse("a: \xC0\x80\n", &root, &d), -1); /* overlong NUL */
	qd_diags_release(&d);
	assert_int_equal(parse("a: x\x1B[31m\n", &root, &d), -1);
	assert_int_equal(d.items[0].col, 5);
	qd_diags_release(&d);

	/* Escapes: NUL, ESC and C1 are refused; the length keeps the NUL. */
	assert_int_equal(parse("a: \"x\\0y\"\nb: \"\\e[1m\"\nc: \"\\x9b\"\nd: \"tab\\there\\n\"\n",
	                       &root, &d), 0);
	assert_int_equal(d.errors, 3);
	n = qd_ynode_get(root, "a");
	assert_int_equal(n->len, 3);
	assert_true(n->tainted);
	assert_int_equal(d.items[1].line, 2);
	assert_non_null(strstr(d.items[1].msg, "U+001B"));
	assert_non_null(strstr(d.items[2].msg, "U+009B"));
	assert_false(qd_ynode_get(root, "d")->tainted);
	qd_ynode_free(root);
	qd_diags_release(&d);
}

/* The input and the strings are scanned eight bytes at a time: a bad
 * byte is found, at its column, wherever it falls in a word and whatever
 * clean bytes (newlines and tabs too) are around it. */
static void test_bad_byte_at_every_offset(void **state)
{
	static const char *const bad[] = {"\x7F", "\x1F", "\x80", "\xFF", "\r"};
	static const char *const fill[] = {"x", "\t"};

	(void)state;
	for (size_t b = 0; b < sizeof(bad) / sizeof(bad[0]); b++)
		for (size_t f = 0; f < 2; f++)
			for (int off = 0; off < 24; off++) {
				struct qd_ynode *root;
				struct qd_diags d;
				char doc[128] = "a: \"";
				int rc;

				for (int i = 0; i < off; i++)
					strcat(doc, i == 0 ? "x" : fill[f]);
				strcat(doc, bad[b]);
				strcat(doc, "yyyyyyyyyyyyyyyy\"\n");
				rc = parse(doc, &root, &d);
				if (bad[b][0] == '\r') { /* a line break, allowed */
					assert_int_equal(rc, 0);
					assert_int_equal(d.len, 0);
					qd_ynode_free(root);
				} else {
					assert_int_equal(rc, -1);
					assert_int_equal(d.len, 1);
					assert_int_equal(d.items[0].line, 1);
					assert_int_equal(d.items[0].col, 5 + off);
					/* Our own message, not libyaml's. */
					assert_non_null(strstr(d.items[0].msg,
					                       (unsigned char)bad[b][0] >= 0x80
					                           ? "invalid UTF-8"
					                           : "control character U+00"));
				}
				qd_diags_release(&d);
			}
	/* The same inside strings, from escapes, after clean text of every
	 * length. */
	for (int off = 0; off < 24; off++) {
		struct qd_ynode *root;
		struct qd_diags d;
		char doc[128] = "a: \"";

		for (int i = 0; i < off; i++)
			strcat(doc, i % 5 == 4 ? "\\t" : "x");
		strcat(doc, "\\x7fyyyyyyyyyyyyyyyy\"\nb: \"");
		for (int i = 0; i < off; i++)
			strcat(doc, "z");
		strcat(doc, "yyyyyyyyyyyyyyyyyyyyyy\"\n");
		assert_int_equal(parse(doc, &root, &d), 0);
		assert_int_equal(d.errors, 1);
		assert_non_null(strstr(d.items[0].msg, "U+007F"));
		assert_true(qd_ynode_get(root, "a")->tainted);
		assert_false(qd_ynode_get(root, "b")->tainted);
		qd_ynode_free(root);
		qd_diags_release(&d);
	}
}

static void test_byte_order_mark(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;
	const struct qd_ynode *n;

	(void)state;
	/* Skipped, as by libyaml's own encoding detection: the marks count
	 * from after it. */
	assert_int_equal(parse("\xEF\xBB\xBF" "deck: x\ntitle: T\n", &root, &d), 0);
	assert_int_equal(d.len, 0);
	n = qd_ynode_get(root, "deck");
	assert_true(qd_ynode_equals(n, "x"));
	assert_int_equal(n->line, 1);
	assert_int_equal(n->col, 7);
	assert_int_equal(qd_ynode_get(root, "title")->line, 2);
	qd_ynode_free(root);
	qd_diags_release(&d);
	/* Positions of what the parser refuses do not count it either. */
	assert_int_equal(parse("\xEF\xBB\xBF" "a: \xFF\n", &root, &d), -1);
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].col, 4);
	qd_diags_release(&d);
	assert_int_equal(parse("\xEF\xBB\xBF" "a: b: c\n", &root, &d), -1);
	assert_int_equal(d.items[0].line, 1);
	assert_int_equal(d.items[0].col, 5);
	qd_diags_release(&d);
	/* Only at the very start: a BOM further on is text. */
	assert_int_equal(parse("a: \xEF\xBB\xBFx\n", &root, &d), 0);
	assert_int_equal(qd_ynode_get(root, "a")->len, 4);
	qd_ynode_free(root);
	qd_diags_release(&d);
}

static void test_documents_and_keys(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;

	(void)state;
	assert_int_equal(parse("---\na: 1\n---\nb: 2\n", &root, &d), 0);
	assert_int_equal(d.errors, 1);
	assert_int_equal(d.items[0].line, 3);
	assert_non_null(qd_ynode_get(root, "a"));
	qd_ynode_free(root);
	qd_diags_release(&d);
	assert_int_equal(parse("? [a, b]\n: c\nd: e\n", &root, &d), 0);
	assert_int_equal(d.errors, 1);
	assert_string_equal(d.items[0].msg, "a mapping key must be a plain string, not a list");
	assert_int_equal(root->n_pairs, 1);
	qd_ynode_free(root);
	qd_diags_release(&d);
}

static void test_excerpt(void **state)
{
	char out[64];

	(void)state;
	assert_string_equal(qd_text_excerpt("a\x1b[0m\n\t", 7, 40, out, sizeof(out)),
	                    "a\\x1B[0m\\n\\t");
	assert_string_equal(qd_text_excerpt("\xC2\x9B" "caf\xC3\xA9", 7, 40, out, sizeof(out)),
	                    "\\u009Bcaf\xC3\xA9");
	assert_string_equal(qd_text_excerpt("abcdefgh", 8, 3, out, sizeof(out)), "abc...");
	assert_string_equal(qd_text_excerpt("abcdefgh", 8, 40, out, 5), "abcd");
}

static void test_load_file(void **state)
{
	struct qd_ynode *root;
	struct qd_diags d;
	struct qd_err err;

	(void)state;
	qd_diags_init(&d, "x");
	assert_int_equal(qd_ydoc_load_file(QD_TEST_DATA "/no-such-file.yaml", NULL, &root, &d,
	                                   &err), -1);
	assert_int_equal(err.status, QD_EXIT_NOINPUT);
	assert_string_equal(err.msg, "cannot open: No such file or directory");
	assert_int_equal(d.len, 0);
	assert_int_equal(qd_ydoc_load_file(QD_TEST_DATA "/decks", NULL, &root, &d, &err), -1);
	assert_int_equal(err.status, QD_EXIT_NOINPUT);
	assert_int_equal(qd_ydoc_load_file(QD_SOURCE_DIR "/decks/rust-uses.yaml", NULL, &root, &d,
	                                   &err), 0);
	assert_int_equal(d.len, 0);
	assert_int_equal(root->kind, QD_YNODE_MAPPING);
	qd_ynode_free(root);
	qd_diags_release(&d);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *print_diags(const struct qd_diags *d)
{
	char *s = NULL;
	size_t n = 0;
	FILE *fp = open_memstream(&s, &n);

	assert_non_null(fp);
	qd_diags_print(fp, d);
	assert_int_equal(fclose(fp), 0);
	return s;
}

/* A file is not kept in memory for its source lines: it is read again when
 * a diagnostic is printed, and not shown if it changed since. */
static void test_source_read_again(void **state)
{
	char path[] = "/tmp/test-yamldoc-XXXXXX";
	struct qd_ynode *root;
	struct qd_diags d;
	struct qd_err err;
	char *out;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	write_text(path, "a: 1\na: \u00e9t\u00e9\n");
	qd_diags_init(&d, "x");
	assert_int_equal(qd_ydoc_load_file(path, NULL, &root, &d, &err), 0);
	assert_null(d.src);
	assert_int_equal(d.errors, 1);
	out = print_diags(&d);
	assert_non_null(strstr(out, "x:2:1: error: duplicate key 'a'"));
	assert_non_null(strstr(out, " 2 | a: \u00e9t\u00e9\n   | ^\n"));
	free(out);
	write_text(path, "a: 1\nb: 22\n");
	out = print_diags(&d);
	assert_non_null(strstr(out, "x:2:1: error: duplicate key 'a'"));
	assert_null(strstr(out, " | "));
	free(out);
	unlink(path);
	out = print_diags(&d);
	assert_null(strstr(out, " | "));
	free(out);
	qd_ynode_free(root);
	qd_diags_release(&d);
}

/* A file read in blocks: characters cut by a block's end, and a bad byte
 * far in, give what the same text parsed in memory gives. */
static void test_file_in_blocks(void **state)
{
	char path[] = "/tmp/test-yamldoc-XXXXXX";
	const char *items[] = {"- \u00e9\n", "- \u20ac\u00e9\n", "- \U0001d11e\u20ac\n", "- x\n"};
	struct qd_ynode *a, *b;
	struct qd_diags da, db;
	struct qd_err err;
	struct qd_buf t;
	int fd = mkstemp(path);

	(void)state;
	assert_true(fd >= 0);
	close(fd);
	qd_buf_init(&t);
	qd_buf_adds(&t, "\xEF\xBB\xBFk:\n");
	for (int i = 0; t.len < 300000; i++)
		qd_buf_adds(&t, items[i % 4]);
	for (int bad = 0; bad < 2; bad++) {
		if (bad)
			qd_buf_adds(&t, "- a\x01b\n");
		write_text(path, t.data);
		qd_diags_init(&da, "x");
		qd_diags_init(&db, "x");
		assert_int_equal(qd_ydoc_parse(t.data, t.len, NULL, &a, &da), bad ? -1 : 0);
		assert_int_equal(qd_ydoc_load_file(path, NULL, &b, &db, &err), bad ? -1 : 0);
		assert_int_equal(da.len, db.len);
		if (bad) {
			assert_string_equal(da.items[0].msg, db.items[0].msg);
			assert_int_equal(da.items[0].line, db.items[0].line);
			assert_int_equal(da.items[0].col, db.items[0].col);
		} else {
			const struct qd_ynode *la = qd_ynode_get(a, "k"), *lb = qd_ynode_get(b, "k");
			assert_int_equal(la->n_items, lb->n_items);
			for (uint32_t i = 0; i < la->n_items; i++)
				assert_string_equal(la->items[i]->str, lb->items[i]->str);
			qd_ynode_free(a);
			qd_ynode_free(b);
		}
		qd_diags_release(&da);
		qd_diags_release(&db);
	}
	unlink(path);
	qd_buf_release(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tree_and_marks),
		cmocka_unit_test(test_nulls_and_empty),
		cmocka_unit_test(test_duplicate_keys),
		cmocka_unit_test(test_aliases),
		cmocka_unit_test(test_syntax_error),
		cmocka_unit_test(test_positions_after_nel),
		cmocka_unit_test(test_depth_limit),
		cmocka_unit_test(test_size_limit),
		cmocka_unit_test(test_encoding_and_controls),
		cmocka_unit_test(test_byte_order_mark),
		cmocka_unit_test(test_bad_byte_at_every_offset),
		cmocka_unit_test(test_documents_and_keys),
		cmocka_unit_test(test_excerpt),
		cmocka_unit_test(test_load_file),
		cmocka_unit_test(test_source_read_again),
		cmocka_unit_test(test_file_in_blocks),
		cmocka_unit_test(test_node_limit),
		cmocka_unit_test(test_duplicates_in_a_large_mapping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

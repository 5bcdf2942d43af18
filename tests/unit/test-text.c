/* Unit tests for sanitising, display width, wrapping and styles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/text.h"

#define FFFD "\xef\xbf\xbd"

static char *san(struct qd_buf *b, const char *s, size_t len, unsigned flags)
{
	qd_buf_reset(b);
	qd_text_sanitize(b, s, len, flags);
	return b->data;
}

#define SAN(b, lit, flags) san((b), (lit), sizeof(lit) - 1, (flags))

/* No byte of out may be a C0 control other than \n and \t, DEL, or the
 * lead of a C1 code point (0xC2 0x80-0x9F); out must be valid UTF-8. */
static void assert_terminal_safe(const struct qd_buf *b)
{
	for (size_t i = 0; i < b->len; i++) {
		unsigned char c = (unsigned char)b->data[i];
		assert_false(c < 0x20 && c != '\n' && c != '\t');
		assert_false(c == 0x7f);
		if (c == 0xc2 && i + 1 < b->len)
			assert_false((unsigned char)b->data[i + 1] < 0xa0);
	}
}

/* Diagnostics: tabs, newlines and line separators become visible too. */
static void test_visible(void **state)
{
	struct qd_buf b;

	(void)state;
	qd_buf_init(&b);
	assert_string_equal(SAN(&b, "a\tb\nc\r\033]0;t\a", QD_SANITIZE_VISIBLE),
	                    "a^Ib^Jc^M^[]0;t^G");
	assert_string_equal(SAN(&b, "x\xe2\x80\xa8y\xe2\x80\xaez", QD_SANITIZE_VISIBLE),
	                    "x" FFFD "yz");
	assert_string_equal(SAN(&b, "^J", QD_SANITIZE_VISIBLE), "^J");
	qd_buf_release(&b);
}

static void test_escape_sequences(void **state)
{
	struct qd_buf b;

	(void)state;
	qd_buf_init(&b);
	/* CSI (colour, cursor movement), OSC (window title), SGR 8 (conceal). */
	assert_string_equal(SAN(&b, "a\033[31mred\033[0m", 0), "a^[[31mred^[[0m");
	assert_string_equal(SAN(&b, "\033[2J\033[H", 0), "^[[2J^[[H");
	assert_string_equal(SAN(&b, "x\033]2;pwned\007y", 0), "x^[]2;pwned^Gy");
	assert_string_equal(SAN(&b, "\033]8;;http://e\033\\l\033]8;;\033\\", 0),
	                    "^[]8;;http://e^[\\l^[]8;;^[\\");
	assert_string_equal(SAN(&b, "\033[8mhidden", 0), "^[[8mhidden");
	assert_null(memchr(b.data, '\033', b.len));
	/* Other C0 controls, DEL and NUL (the length is honoured). */
	assert_string_equal(SAN(&b, "over\rwrite\b\x7f", 0), "over^Mwrite^H^?");
	assert_int_equal(san(&b, "a\0b", 3, 0)[0], 'a');
	assert_string_equal(b.data, "a^@b");
	/* Readline's prompt markers. */
	assert_string_equal(SAN(&b, "a\001b\002c", 0), "a^Ab^Bc");
	qd_buf_release(&b);
}

static void test_newlines_and_tabs(void **state)
{
	struct qd_buf b;

	(void)state;
	qd_buf_init(&b);
	assert_string_equal(SAN(&b, "a\tb\nc", 0), "a\tb\nc");
	assert_string_equal(SAN(&b, "a\tb\nc", QD_SANITIZE_ONELINE), "a b c");
	assert_string_equal(SAN(&b, "a\r\nb", QD_SANITIZE_ONELINE), "a^M b");
	/* U+2028 LINE SEPARATOR */
	assert_string_equal(SAN(&b, "a\xe2\x80\xa8" "b", 0), "a\nb");
	assert_string_equal(SAN(&b, "a\xe2\x80\xa8" "b", QD_SANITIZE_ONELINE), "a b");
	qd_buf_release(&b);
}

static void test_c1_and_invalid_utf8(void **state)
{
	struct qd_buf b;

	(void)state;
	qd_buf_init(&b);
	/* C1 CSI U+009B and NEL U+0085 encoded as UTF-8. */
	assert_string_equal(SAN(&b, "x\xc2\x9b" "31m", 0), "x" FFFD "31m");
	assert_string_equal(SAN(&b, "\xc2\x85", 0), FFFD);
	/* U+00A0 just after the C1 range is fine. */
	assert_string_equal(SAN(&b, "\xc2\xa0", 0), "\xc2\xa0");
	/* Raw C1 bytes (invalid UTF-8 on their own). */
	assert_string_equal(SAN(&b, "\x9b" "31m\x90q\x9c", 0), FFFD "31m" FFFD "q" FFFD);
	/* Truncated, overlong, surrogate, out of range, stray continuation. */
	assert_string_equal(SAN(&b, "a\xe2\x82", 0), "a" FFFD);
	SAN(&b, "\xc0\x80", 0);
	assert_terminal_safe(&b);
	assert_non_null(strstr(b.data, FFFD));
	SAN(&b, "\xed\xa0\x80" "z", 0);
	assert_non_null(strstr(b.data, FFFD));
	assert_int_equal(b.data[b.len - 1], 'z');
	SAN(&b, "\xf4\x90\x80\x80", 0);
	assert_non_null(strstr(b.data, FFFD));
	assert_string_equal(SAN(&b, "\xbf", 0), FFFD);
	/* Valid multi-byte text passes unchanged. */
	assert_string_equal(SAN(&b, "café 日本 \xf0\x9f\x98\x80", 0), "café 日本 \xf0\x9f\x98\x80");
	qd_buf_release(&b);
}

static void test_bidi_controls(void **state)
{
	struct qd_buf b;

	(void)state;
	qd_buf_init(&b);
	/* RLO U+202E ... PDF U+202C, LRE U+202A, RLI U+2067 ... PDI U+2069 */
	assert_string_equal(SAN(&b, "a\xe2\x80\xae" "cba\xe2\x80\xac" "d", 0), "acbad");
	assert_string_equal(SAN(&b, "\xe2\x80\xaa" "x\xe2\x81\xa7" "y\xe2\x81\xa9", 0), "xy");
	assert_string_equal(SAN(&b, "\xe2\x81\xa6\xe2\x81\xa8", 0), "");
	/* LRM/RLM U+200E/U+200F are harmless marks and stay. */
	assert_string_equal(SAN(&b, "a\xe2\x80\x8f" "b", 0), "a\xe2\x80\x8f" "b");
	qd_buf_release(&b);
}

static void test_sanitize_all_bytes_and_idempotence(void **state)
{
	struct qd_buf b, c;
	char all[256];

	(void)state;
	for (int i = 0; i < 256; i++)
		all[i] = (char)i;
	qd_buf_init(&b);
	qd_buf_init(&c);
	qd_text_sanitize(&b, all, sizeof all, 0);
	assert_terminal_safe(&b);
	qd_text_sanitize(&c, b.data, b.len, 0);
	assert_int_equal(b.len, c.len);
	assert_memory_equal(b.data, c.data, b.len);
	qd_buf_reset(&b);
	qd_text_sanitize(&b, all, sizeof all, QD_SANITIZE_ONELINE);
	assert_null(memchr(b.data, '\n', b.len));
	assert_null(memchr(b.data, '\t', b.len));
	qd_buf_release(&b);
	qd_buf_release(&c);
}

static void test_width(void **state)
{
	(void)state;
	assert_int_equal(qd_text_strwidth(""), 0);
	assert_int_equal(qd_text_strwidth("hello"), 5);
	assert_int_equal(qd_text_strwidth("café"), 4);          /* NFC é */
	assert_int_equal(qd_text_strwidth("cafe\xcc\x81"), 4);  /* e + U+0301 */
	assert_int_equal(qd_text_strwidth("日本語"), 6);
	assert_int_equal(qd_text_strwidth("ｱｲ"), 2);            /* halfwidth katakana */
	assert_int_equal(qd_text_strwidth("한국"), 4);
	assert_int_equal(qd_text_strwidth("\xf0\x9f\x98\x80"), 2);   /* U+1F600 */
	assert_int_equal(qd_text_strwidth("a\xe2\x80\x8b" "b"), 2);  /* zero width space */
	/* Styles count nothing, so styled text can be measured. */
	assert_int_equal(qd_text_strwidth("\033[1;31mred\033[0m"), 3);
	assert_int_equal(qd_text_width("日本語", 3), 2);
}

static char *wrap(struct qd_buf *b, const char *s, int width, int indent, size_t *lines)
{
	qd_buf_reset(b);
	*lines = qd_text_wrap(b, s, width, indent);
	return b->data;
}

/* Every line of b fits in width columns. */
static void assert_fits(const struct qd_buf *b, size_t width)
{
	const char *p = b->data, *end = b->data + b->len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;
		assert_true(qd_text_width(p, (size_t)(le - p)) <= width);
		assert_true(le == p || le[-1] != ' ');
		p = le + 1;
	}
}

static void test_wrap_words(void **state)
{
	struct qd_buf b;
	size_t n;

	(void)state;
	qd_buf_init(&b);
	assert_string_equal(wrap(&b, "The quick brown fox jumps over the lazy dog", 12, 2, &n),
	                    "The quick\n  brown fox\n  jumps over\n  the lazy\n  dog");
	assert_int_equal(n, 5);
	assert_fits(&b, 12);
	assert_string_equal(wrap(&b, "one two", 80, 0, &n), "one two");
	assert_int_equal(n, 1);
	assert_string_equal(wrap(&b, "", 80, 0, &n), "");
	assert_int_equal(n, 0);
	/* Exactly full lines; break whitespace is dropped. */
	assert_string_equal(wrap(&b, "abcd efgh   ijkl", 4, 0, &n), "abcd\nefgh\nijkl");
	/* Hard breaks, blank lines without trailing spaces, code indentation. */
	assert_string_equal(wrap(&b, "fn main() {\n    go();\n}\n\nend\n", 20, 3, &n),
	                    "fn main() {\n       go();\n   }\n\n   end\n");
	assert_int_equal(n, 5);
	/* No wrapping. */
	assert_string_equal(wrap(&b, "a b c\nd", 0, 1, &n), "a b c\n d");
	qd_buf_release(&b);
}

static void test_wrap_long_words_and_clusters(void **state)
{
	struct qd_buf b;
	size_t n;

	(void)state;
	qd_buf_init(&b);
	assert_string_equal(wrap(&b, "supercalifragilistic x", 10, 2, &n),
	                    "supercal\n  ifragili\n  stic x");
	assert_fits(&b, 10);
	/* CJK: two columns each, never split. */
	assert_string_equal(wrap(&b, "日本語のテキスト", 7, 0, &n), "日本語\nのテキ\nスト");
	assert_fits(&b, 7);
	/* Combining marks stay with their base (e + U+0301, width 1). */
	assert_string_equal(wrap(&b, "e\xcc\x81" "e\xcc\x81" "e\xcc\x81", 2, 0, &n),
	                    "e\xcc\x81" "e\xcc\x81\n" "e\xcc\x81");
	/* A cluster wider than the line gets its own line. */
	assert_string_equal(wrap(&b, "日本", 1, 0, &n), "日\n本");
	/* Emoji ZWJ sequences and flags are one cluster. */
	wrap(&b, "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f\x87\xab\xf0\x9f\x87\xb7", 3, 0, &n);
	assert_string_equal(b.data, "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\n\xf0\x9f\x87\xab\xf0\x9f\x87\xb7");
	/* man ZWJ woman ZWJ girl: one cluster, not split after a ZWJ. */
	wrap(&b, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7" "ab", 2, 0, &n);
	assert_string_equal(b.data, "\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7\nab");
	/* Width smaller than the indent still makes progress. */
	assert_string_equal(wrap(&b, "ab cd", 2, 4, &n), "a\n    b\n    c\n    d");
	qd_buf_release(&b);
}

static void test_wrap_sanitises_and_keeps_styles(void **state)
{
	struct qd_buf b, s;
	size_t n;

	(void)state;
	qd_buf_init(&b);
	qd_buf_init(&s);
	/* Untrusted sequences are neutralised... */
	assert_string_equal(wrap(&b, "a\033]0;t\007 \033[8mx\001", 80, 0, &n), "a^[]0;t^G ^[[8mx^A");
	/* ...our own styles pass and are closed/reopened around breaks. */
	qd_style(&s, true, QD_STYLE_BOLD, "bold words that wrap");
	qd_buf_adds(&s, " tail");
	assert_string_equal(wrap(&b, s.data, 12, 2, &n),
	                    "\033[1mbold words\033[0m\n  \033[1mthat wrap\033[0m\n  tail");
	assert_fits(&b, 12);
	/* Deck text styled by qd_style cannot smuggle an escape through. */
	qd_buf_reset(&s);
	qd_style(&s, true, QD_STYLE_RED, "\033[2Jboom");
	assert_string_equal(s.data, "\033[31m^[[2Jboom\033[0m");
	qd_buf_release(&s);
	qd_buf_release(&b);
}

static void test_styles(void **state)
{
	struct qd_buf b;

	(void)state;
	qd_buf_init(&b);
	qd_style(&b, false, QD_STYLE_BOLD | QD_STYLE_RED, "plain\033");
	assert_string_equal(b.data, "plain^[");
	qd_buf_reset(&b);
	qd_style(&b, true, QD_STYLE_BOLD | QD_STYLE_RED, "x");
	assert_string_equal(b.data, "\033[1;31mx\033[0m");
	qd_buf_reset(&b);
	qd_style(&b, true, QD_STYLE_NONE, "x");
	assert_string_equal(b.data, "x");
	qd_buf_reset(&b);
	qd_style_open(&b, true, QD_STYLE_DIM | QD_STYLE_UNDERLINE | QD_STYLE_REVERSE);
	qd_style_close(&b, true, QD_STYLE_DIM);
	qd_style_open(&b, true, QD_STYLE_GREEN);
	qd_style_open(&b, true, QD_STYLE_YELLOW);
	qd_style_open(&b, true, QD_STYLE_CYAN);
	qd_style_open(&b, false, QD_STYLE_CYAN);
	qd_style_close(&b, false, QD_STYLE_CYAN);
	assert_string_equal(b.data, "\033[2;4;7m\033[0m\033[32m\033[33m\033[36m");
	/* Prompts: SGR inside \001..\002, text one-line and free of markers. */
	qd_buf_reset(&b);
	qd_style_prompt(&b, true, QD_STYLE_CYAN, "ans\001\002\n> ");
	assert_string_equal(b.data, "\001\033[36m\002ans^A^B > \001\033[0m\002");
	qd_buf_reset(&b);
	qd_style_prompt(&b, false, QD_STYLE_CYAN, "answer> ");
	assert_string_equal(b.data, "answer> ");
	qd_buf_release(&b);
}

/* A table cell: one line, spaces squeezed, cut between clusters with "…". */
static void test_cut(void **state)
{
	struct qd_buf b;

	(void)state;
	qd_buf_init(&b);
	assert_int_equal(qd_text_cut(&b, "  two\n lines\t", 13, 20), 9);
	assert_string_equal(b.data, "two lines");
	qd_buf_reset(&b);
	assert_int_equal(qd_text_cut(&b, "abcdef", 6, 6), 6);
	assert_string_equal(b.data, "abcdef");
	qd_buf_reset(&b);
	assert_int_equal(qd_text_cut(&b, "abcdefg", 7, 6), 6);
	assert_string_equal(b.data, "abcde…");
	qd_buf_reset(&b);
	/* No space before the ellipsis; a wide character is never split. */
	assert_int_equal(qd_text_cut(&b, "ab cd", 5, 4), 3);
	assert_string_equal(b.data, "ab…");
	qd_buf_reset(&b);
	assert_int_equal(qd_text_cut(&b, "日本語です", strlen("日本語です"), 6), 5);
	assert_string_equal(b.data, "日本…");
	qd_buf_reset(&b);
	assert_int_equal(qd_text_cut(&b, "e\u0301e\u0301e", 7, 2), 2);
	assert_string_equal(b.data, "e\u0301…");
	qd_buf_reset(&b);
	/* Escapes are sanitised before they are measured. */
	qd_text_cut(&b, "\033]0;x\007abc", 10, 40);
	assert_null(strchr(b.data, '\033'));
	qd_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_escape_sequences),
		cmocka_unit_test(test_newlines_and_tabs),
		cmocka_unit_test(test_c1_and_invalid_utf8),
		cmocka_unit_test(test_bidi_controls),
		cmocka_unit_test(test_sanitize_all_bytes_and_idempotence),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_wrap_words),
		cmocka_unit_test(test_wrap_long_words_and_clusters),
		cmocka_unit_test(test_wrap_sanitises_and_keeps_styles),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_visible),
		cmocka_unit_test(test_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

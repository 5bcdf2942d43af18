/* Unit tests for the HTML reducer and its inverse: entities, line breaks
 * and blocks, white space as a browser shows it, bold/italic/code to the
 * Markdown subset, stripped tags, scripts and comments; and card text
 * through qd_html_from_text() and back unchanged; fields of another
 * program (Anki) with every option: escapes, fragments, inline, media,
 * control characters dropped. */
#include <setjmp.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "quizdeck/html.h"

static char *reduce(const char *html)
{
	struct qd_buf b;

	qd_buf_init(&b);
	qd_html_to_text(&b, html, strlen(html));
	return qd_buf_detach(&b, NULL);
}

#define REDUCES(html, text)                                                                    \
	do {                                                                                   \
		char *got_ = reduce(html);                                                     \
		assert_string_equal(got_, text);                                               \
		free(got_);                                                                    \
	} while (0)

static void test_entities(void **state)
{
	(void)state;
	REDUCES("a &amp; b &lt;c&gt; &quot;d&quot; &#39;e&#39;", "a & b <c> \"d\" 'e'");
	REDUCES("caf&eacute; &#233; &#xE9; &euro;", "café é é €");
	REDUCES("a&nbsp;&nbsp;b", "a  b");
	/* not entities: kept as typed */
	REDUCES("AT&T &unknown; &#; &#x;", "AT&T &unknown; &#; &#x;");
	/* controls and surrogates never come out of an entity */
	REDUCES("a&#1;b&#xD800;c&#x110000;d&#127;e", "a\xef\xbf\xbd" "b\xef\xbf\xbd" "c\xef\xbf\xbd"
	                                          "d\xef\xbf\xbd" "e");
	REDUCES("tab&#9;here", "tab\there");
}

static void test_breaks_and_blocks(void **state)
{
	(void)state;
	REDUCES("one<br>two<BR/>three<br />four", "one\ntwo\nthree\nfour");
	REDUCES("<div>first</div><div>second</div>", "first\nsecond");
	REDUCES("intro<ul><li>a</li><li>b</li></ul>end", "intro\n- a\n- b\nend");
	REDUCES("<p>para</p><p>graph</p>", "para\ngraph");
	REDUCES("<br><br>x<br><br>", "\n\nx");
}

static void test_white_space(void **state)
{
	(void)state;
	REDUCES("  a \n\t b  ", "a b");
	REDUCES("a <br> b", "a\nb");
	REDUCES("<div> x </div>", "x");
}

static void test_styles(void **state)
{
	(void)state;
	REDUCES("<b>bold</b> and <i>it</i> and <code>Vec&lt;T&gt;</code>",
	        "**bold** and *it* and `Vec<T>`");
	REDUCES("<strong>s</strong> <em>e</em> <kbd>k</kbd>", "**s** *e* `k`");
	/* spaces at an element's ends go outside its markers */
	REDUCES("a<b> b </b>c", "a **b** c");
	REDUCES("a, <b> b </b>c", "a, **b** c");
	/* empty, unclosed, inside a word: no markers */
	REDUCES("<b></b>x<i> </i>y", "x y");
	REDUCES("<b>open", "open");
	REDUCES("foo<b>bar</b>", "foobar");
	REDUCES("<b>Ex</b>ample <i>a</i>, <b>b</b>2 <b>x <i>y</i>z</b>", "Example *a*, b2 **x yz**");
	/* code holding backticks gets a longer run */
	REDUCES("<code>a`b</code>", "``a`b``");
	REDUCES("<code>`x`</code>", "`` `x` ``");
	/* no emphasis inside code */
	REDUCES("<code>a<b>b</b></code>", "`ab`");
	REDUCES("<b><i>x</i></b>", "***x***");
}

static void test_stripped(void **state)
{
	(void)state;
	REDUCES("<span style=\"color: red\">red</span> <a href='x>y'>link</a>", "red link");
	REDUCES("a<script>alert('<b>')</script>b<style>p { }</style>c", "abc");
	REDUCES("x<!-- <b>comment</b> -->y", "xy");
	REDUCES("<img src=\"a.png\">pic", "pic");
	/* a '<' that starts no tag is text */
	REDUCES("1 < 2 and 3 <4", "1 < 2 and 3 <4");
	REDUCES("<unclosed", "<unclosed");
}

static void test_round_trip(void **state)
{
	static const char *const texts[] = {
		"plain",
		"two  spaces and   three",
		"  leading spaces\n    indented code\nend ",
		"line one\nline two\n\nafter a blank",
		"tab\there\t",
		"<b>not html</b> & &amp; \"quoted\" 'single'",
		"**bold** *it* `code` \\* 2*3*4",
		"trailing space \nnext",
		"=SUM(A1) +1 -x @y",
		"caf\xc3\xa9 \xe2\x80\x94 \xf0\x9f\x98\x80",
		"{{c1::cloze}} and {{blank|alt}}",
		"a \n b",
		NULL,
	};

	(void)state;
	for (size_t i = 0; texts[i]; i++) {
		struct qd_buf h, t;
		qd_buf_init(&h);
		qd_buf_init(&t);
		qd_html_from_text(&h, texts[i], strlen(texts[i]));
		assert_null(memchr(h.data, '\n', h.len));
		assert_null(memchr(h.data, '\t', h.len));
		assert_null(memchr(h.data, '"', h.len));
		qd_html_to_text(&t, h.data, h.len);
		assert_string_equal(t.data, texts[i]);
		qd_buf_release(&h);
		qd_buf_release(&t);
	}
}

/* A field of another program (Anki's notes) read with every option as the
 * Anki package reader reads it: trim is !fragment. */
static void foreign_is(const char *html, bool trim, bool inline_only, const char *want)
{
	struct qd_strv media = {0};
	struct qd_html_opts o = {.foreign = true, .fragment = !trim,
	                         .inline_only = inline_only, .media = &media};
	struct qd_buf b;

	qd_buf_init(&b);
	qd_html_to_text_with(&b, html, strlen(html), &o);
	if (strcmp(b.data ? b.data : "", want) != 0)
		fail_msg("'%s' gave '%s', want '%s'", html, b.data ? b.data : "", want);
	qd_buf_release(&b);
	qd_strv_clear(&media);
}

static void test_foreign_fields(void **state)
{
	struct qd_strv media = {0};
	struct qd_html_opts o = {.foreign = true, .media = &media};
	struct qd_buf b;
	const char *h;

	(void)state;
	foreign_is("a&nbsp;&amp;&lt;b&gt; &#233;&#x41;&bogus;", true, false, "a &<b> \xc3\xa9" "A&bogus;");
	foreign_is("one<br>two<br/>three", true, false, "one\ntwo\nthree");
	foreign_is("<div>one</div><div>two</div>", true, false, "one\ntwo");
	foreign_is("<ul><li>x</li><li>y</li></ul>", true, false, "- x\n- y");
	foreign_is("<b>bold</b> <i>it</i> <code>v&lt;T&gt;</code>", true, false,
	           "**bold** *it* `v<T>`");
	/* Inside a word, no marker; spaces at an element's ends go outside. */
	foreign_is("un<b>believ</b>able, <b> spaced </b>, <i></i>x", true, false,
	           "unbelievable, **spaced** , x");
	/* The text's own markup characters are escaped, but not in code. */
	foreign_is("2*3*4 `x` &#42;", true, false, "2\\*3\\*4 \\`x\\` \\*");
	foreign_is("<code>a*b</code>", true, false, "`a*b`");
	foreign_is("<!-- c --><style>.a{}</style>x<script>y()</script>", true, false, "x");
	foreign_is("  lots   of\n space  ", true, false, "lots of space");
	foreign_is(" edge ", false, false, " edge ");
	foreign_is("&nbsp;<br>x&nbsp;&nbsp;y&nbsp;<br><br>", true, false, "x y");
	foreign_is("<b>x </b>", true, false, "**x**");
	foreign_is("end<br>", false, false, "end\n");
	foreign_is("a<br>b", true, true, "a b");
	/* characters of white space written as entities are white space */
	foreign_is("a&#10;b", true, true, "a b");
	foreign_is("a&#10;&#9; &#13;b", true, false, "a b");
	foreign_is("<ul><li>x</li><li>y</li></ul>", true, true, "x y");
	foreign_is("bad \x01\x7f\xc2\x85 bytes \xff &#1;", true, false, "bad bytes");
	foreign_is("1 < 2 and [x]", true, false, "1 < 2 and [x]");
	h = "<img src='a b.png'>[sound:s.mp3]<img src=\"http://x/y.png\"><img src=a&amp;b.jpg>";
	qd_buf_init(&b);
	qd_html_to_text_with(&b, h, strlen(h), &o);
	assert_string_equal(b.data, "[image: a b.png][sound:s.mp3][image: http://x/y.png]"
	                            "[image: a&b.jpg]");
	assert_int_equal(media.len, 3);
	assert_string_equal(media.items[0], "s.mp3");
	assert_string_equal(media.items[1], "a b.png");
	assert_string_equal(media.items[2], "a&b.jpg");
	qd_buf_release(&b);
	qd_strv_clear(&media);
	/* Without options, an image is stripped and controls are kept. */
	REDUCES("<img src=a.png>x&#1;", "x\xef\xbf\xbd");
}

/* Any bytes are safe, and deep or broken nesting costs nothing. */
static void test_hostile(void **state)
{
	struct qd_buf b, out;

	(void)state;
	qd_buf_init(&b);
	qd_buf_init(&out);
	for (int i = 0; i < 5000; i++)
		qd_buf_adds(&b, "<b><i><code>&#x");
	qd_buf_adds(&b, "</b>\x01\xff<");
	qd_html_to_text(&out, b.data, b.len);
	qd_buf_release(&out);
	qd_buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_entities),
		cmocka_unit_test(test_breaks_and_blocks),
		cmocka_unit_test(test_white_space),
		cmocka_unit_test(test_styles),
		cmocka_unit_test(test_stripped),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_foreign_fields),
		cmocka_unit_test(test_hostile),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Fuzz target: overlays (qd_overlay_apply) on a generated deck, as
 * `quizdeck gen --overlay` applies them. The input is split at its first
 * NUL byte into an article and an overlay; without a NUL the whole input is
 * the overlay and the article is the fixed one below (whose card ids the
 * seeds in fuzz/corpus/overlay/ use, so the fuzzer starts from overlays
 * that apply). An overlay that fails must say why; one that applies to a
 * deck that then validates must emit YAML that the deck loader
 * (qd_deck_load_mem) accepts without errors: qd_gen_deck_validate promises
 * the checks of quizdeck check, so passing it is the whole contract.
 */
#include <string.h>

#include "fuzz.h"
#include "quizdeck/article.h"
#include "quizdeck/gen.h"
#include "quizdeck/overlay.h"

/* The article of fuzz/corpus/article/zig.txt (also tests/unit/test-gen.c). */
static const char zig[] =
	"What is Zig used for\n\nQuick Answer: Zig is used for systems code, build tooling, and "
	"cross-compilation.\n\nKey Facts\n\nBuild Tooling\n\nThe Zig compiler can build C and C++ "
	"projects. Uber used Zig to cross-compile for Linux, macOS, and Windows targets.\n\n"
	"Safety Features\n\nZig checks integer overflow in Debug and ReleaseSafe builds. Andrew Kelley "
	"started Zig in 2016.\n\nRelated Questions\n\nIs Zig stable?\n\nNo, version 1.0 has not been "
	"released.\n";

static void check_loads(const struct qd_buf *yaml)
{
	struct qd_deck *deck = NULL;
	struct qd_diags dg;
	struct qd_err err;

	qd_diags_init(&dg, "gen.yaml");
	if (qd_deck_load_mem("gen.yaml", yaml->data, yaml->len, &deck, &dg, &err) != 0 ||
	    dg.len != 0) {
		qd_diags_sort(&dg);
		qd_diags_print(stderr, &dg);
		fprintf(stderr, "--- emitted YAML:\n%s---\n", yaml->data);
		fuzz_check(0, "a deck that validates loads with no error");
	}
	qd_diags_print(fuzz_sink(), &dg);
	qd_deck_free(deck);
	qd_diags_release(&dg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = zig, *ov = (const char *)data;
	size_t text_len = sizeof(zig) - 1, ov_len = size;
	const uint8_t *nul = memchr(data, '\0', size);
	struct qd_article *a;
	struct qd_gen_deck d;
	struct qd_err err;
	struct qd_buf y;

	if (nul) {
		text = (const char *)data;
		text_len = (size_t)(nul - data);
		ov = (const char *)nul + 1;
		ov_len = size - text_len - 1;
	}
	if (!(a = qd_article_parse("fuzz.txt", text, text_len, &err)))
		return 0;
	if (qd_gen_deck(a, NULL, &d, &err) != 0) {
		fuzz_check(err.status == QD_EXIT_DATAERR && err.msg[0],
		           "an article that parses generates, or says why it gives no card");
		qd_article_free(a);
		return 0;
	}
	qd_article_free(a);
	if (qd_overlay_apply(&d, "fuzz.overlay.yaml", ov, ov_len, &err) != 0) {
		fuzz_check(err.msg[0] != '\0', "a failed overlay says why");
	} else if (qd_gen_deck_validate(&d, &err) == 0) {
		qd_buf_init(&y);
		if (qd_gen_deck_emit(&d, &y, &err) != 0) {
			fprintf(stderr, "emit: %s\n", err.msg);
			fuzz_check(0, "a deck that validates emits");
		}
		check_loads(&y);
		qd_buf_release(&y);
	} else {
		fuzz_check(err.msg[0] != '\0', "a failed validation says why");
	}
	qd_gen_deck_release(&d);
	return 0;
}

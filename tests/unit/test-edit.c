/* Unit tests for editing a card (quizdeck/edit.h): the editor's command
 * line, run through sh as a session runs it, with editor words and a
 * hostile file name; and reloading an edited deck into a collection
 * (qd_collection_reload_deck): cards found by id keep their index and
 * point at their new version, cards removed are marked gone and keep
 * their old one, new cards are counted and left out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "quizdeck/buf.h"
#include "quizdeck/collection.h"
#include "quizdeck/edit.h"

/* Runs argv and returns what it wrote to stdout (caller frees). */
static char *run(char *const argv[])
{
	struct qd_buf out;
	char chunk[256];
	int fds[2], ws = 0;
	ssize_t n;
	pid_t pid;

	assert_int_equal(pipe(fds), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		close(fds[1]);
		execvp(argv[0], argv);
		_exit(127);
	}
	close(fds[1]);
	qd_buf_init(&out);
	while ((n = read(fds[0], chunk, sizeof(chunk))) > 0)
		qd_buf_add(&out, chunk, (size_t)n);
	close(fds[0]);
	assert_int_equal(waitpid(pid, &ws, 0), pid);
	assert_true(WIFEXITED(ws) && WEXITSTATUS(ws) == 0);
	return qd_buf_detach(&out, NULL);
}

/* The editor's words are split by the shell (options work); +LINE and the
 * path arrive as two arguments, the path as written, never parsed. */
static void test_command(void **state)
{
	const char *path = "/tmp/my deck's \"file\" $(touch x) `y` *.yaml";
	struct qd_buf cmd;
	char plus[16], *argv[7], *got;

	(void)state;
	qd_edit_command("printf '[%s]'", 45, path, &cmd, plus, argv);
	assert_string_equal(argv[0], "sh");
	assert_string_equal(argv[1], "-c");
	assert_null(argv[6]);
	got = run(argv);
	assert_string_equal(got, "[+45][/tmp/my deck's \"file\" $(touch x) `y` *.yaml]");
	free(got);
	qd_buf_release(&cmd);
	/* no line known: +1 */
	qd_edit_command("printf '[%s]'", 0, "f.yaml", &cmd, plus, argv);
	got = run(argv);
	assert_string_equal(got, "[+1][f.yaml]");
	free(got);
	qd_buf_release(&cmd);
}

static struct qd_deck *load(const char *text)
{
	struct qd_deck *deck = NULL;
	struct qd_diags d;
	struct qd_err err;

	qd_diags_init(&d, "deck.yaml");
	assert_int_equal(qd_deck_load_mem("deck.yaml", text, strlen(text), &deck, &d, &err), 0);
	qd_diags_release(&d);
	return deck;
}

static void test_reload(void **state)
{
	struct qd_collection c;
	struct qd_reload r;
	struct qd_deck *other;
	const struct qd_deck *old;
	struct qd_err err;

	(void)state;
	memset(&c, 0, sizeof(c));
	c.decks = qd_deckset_new();
	assert_int_equal(qd_deckset_add(c.decks,
	                                load("deck: d\ntitle: T\ncards:\n"
	                                     "  - {id: x, type: typed, q: QX, a: AX}\n"
	                                     "  - {id: y, type: typed, q: QY, a: Paris}\n"
	                                     "  - {id: z, type: typed, q: QZ, a: AZ}\n"),
	                                &err),
	                 0);
	old = qd_deckset_deck(c.decks, 0);
	c.n_cards = 3;
	c.cards = calloc(3, sizeof(*c.cards));
	for (size_t i = 0; i < 3; i++) {
		c.cards[i].deck = old;
		c.cards[i].card = qd_deck_card(old, i);
	}
	/* y edited, z removed, w added, x moved */
	assert_int_equal(qd_collection_reload_deck(&c,
	                                           load("deck: d\ntitle: T2\ncards:\n"
	                                                "  - {id: w, type: typed, q: QW, a: AW}\n"
	                                                "  - {id: y, type: typed, q: QY, a: Lutetia}\n"
	                                                "  - {id: x, type: typed, q: QX, a: AX}\n"),
	                                           &r),
	                 0);
	assert_int_equal(r.kept, 2);
	assert_int_equal(r.gone, 1);
	assert_int_equal(r.added, 1);
	assert_string_equal(qd_deck_title(qd_deckset_deck(c.decks, 0)), "T2");
	assert_ptr_equal(c.cards[0].deck, qd_deckset_deck(c.decks, 0));
	assert_string_equal(c.cards[0].card->id, "x");
	assert_string_equal(c.cards[1].card->a, "Lutetia");
	assert_false(c.cards[0].gone || c.cards[1].gone);
	assert_true(c.cards[2].gone);
	assert_string_equal(c.cards[2].card->a, "AZ"); /* the old version, still alive */
	assert_int_equal(c.n_retired, 1);
	/* edited again: the gone card stays gone, and is not counted again */
	assert_int_equal(qd_collection_reload_deck(&c,
	                                           load("deck: d\ntitle: T3\ncards:\n"
	                                                "  - {id: y, type: typed, q: QY, a: Rome}\n"
	                                                "  - {id: x, type: typed, q: QX, a: AX}\n"
	                                                "  - {id: z, type: typed, q: QZ, a: back}\n"),
	                                           &r),
	                 0);
	assert_int_equal(r.kept, 2);
	assert_int_equal(r.gone, 0);
	assert_int_equal(r.added, 1);
	assert_string_equal(c.cards[1].card->a, "Rome");
	assert_true(c.cards[2].gone);
	/* a deck the collection does not have: refused, freed */
	other = load("deck: e\ntitle: E\ncards:\n  - {id: x, type: typed, q: Q, a: A}\n");
	assert_int_equal(qd_collection_reload_deck(&c, other, &r), -1);
	assert_int_equal(c.n_retired, 2);
	qd_collection_release(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_command),
		cmocka_unit_test(test_reload),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for the run context's view of the terminal: the width of the
 * terminal on ctx->out, on a pseudo-terminal of known size and off one. */
#ifndef _XOPEN_SOURCE
#define _XOPEN_SOURCE 600 /* posix_openpt() */
#endif
#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <cmocka.h>

#include "quizdeck/ctx.h"

/* Not a terminal: 80 columns, whatever the limit. */
static void test_width_off_a_terminal(void **state)
{
	struct qd_ctx ctx;
	FILE *fp = tmpfile();

	(void)state;
	assert_non_null(fp);
	memset(&ctx, 0, sizeof(ctx));
	ctx.out = fp;
	ctx.out_tty = false;
	assert_int_equal(qd_ctx_term_width(&ctx, 0), 80);
	assert_int_equal(qd_ctx_term_width(&ctx, 100), 80);
	/* Said to be a terminal, but it has no window size: still 80. */
	ctx.out_tty = true;
	assert_int_equal(qd_ctx_term_width(&ctx, 0), 80);
	fclose(fp);
}

/* Sets the window size of the pty whose slave fp is. */
static void resize(FILE *fp, unsigned short cols)
{
	struct winsize ws = {.ws_row = 24, .ws_col = cols};

	assert_int_equal(ioctl(fileno(fp), TIOCSWINSZ, &ws), 0);
}

static void test_width_of_a_terminal(void **state)
{
	struct qd_ctx ctx;
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	FILE *fp;

	(void)state;
	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	fp = fopen(ptsname(master), "w");
	assert_non_null(fp);
	memset(&ctx, 0, sizeof(ctx));
	ctx.out = fp;
	ctx.out_tty = true;

	resize(fp, 132);
	assert_int_equal(qd_ctx_term_width(&ctx, 0), 132);
	assert_int_equal(qd_ctx_term_width(&ctx, 100), 100);
	/* Asked anew each time: a resize shows at the next call. */
	resize(fp, 40);
	assert_int_equal(qd_ctx_term_width(&ctx, 0), 40);
	assert_int_equal(qd_ctx_term_width(&ctx, 100), 40);
	/* A terminal that does not know its size (0 columns): 80. */
	resize(fp, 0);
	assert_int_equal(qd_ctx_term_width(&ctx, 0), 80);
	/* ctx->out_tty false wins: the output is treated as no terminal. */
	resize(fp, 132);
	ctx.out_tty = false;
	assert_int_equal(qd_ctx_term_width(&ctx, 0), 80);
	fclose(fp);
	close(master);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_width_off_a_terminal),
		cmocka_unit_test(test_width_of_a_terminal),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/* Unit tests for src/fileio.c: only regular files (and /dev/null) are read,
 * a FIFO is refused without blocking, the size cap and the messages; atomic
 * writes and the modes they give; the check of an output stream at exit. */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#include "quizdeck/fileio.h"

struct tmpdir {
	char path[64];
	char file[128];
};

static int setup(void **state)
{
	struct tmpdir *t = calloc(1, sizeof(*t));

	snprintf(t->path, sizeof(t->path), "/tmp/qd-test-fileio.XXXXXX");
	if (!mkdtemp(t->path))
		return -1;
	*state = t;
	/* A blocking open would hang the test: fail it instead. */
	alarm(10);
	return 0;
}

static int teardown(void **state)
{
	struct tmpdir *t = *state;
	char cmd[128];

	alarm(0);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->path);
	if (system(cmd) != 0)
		return -1;
	free(t);
	return 0;
}

static const char *in(struct tmpdir *t, const char *name)
{
	snprintf(t->file, sizeof(t->file), "%s/%s", t->path, name);
	return t->file;
}

static void write_file(const char *path, const char *s)
{
	FILE *fp = fopen(path, "w");

	assert_non_null(fp);
	fputs(s, fp);
	assert_int_equal(fclose(fp), 0);
}

static void test_regular_file(void **state)
{
	struct tmpdir *t = *state;
	struct qd_buf b;
	struct qd_err err;

	write_file(in(t, "a.yaml"), "deck: a\n");
	qd_buf_init(&b);
	qd_buf_adds(&b, ">");
	assert_int_equal(qd_file_read(t->file, 0, &b, &err), 0);
	assert_string_equal(b.data, ">deck: a\n"); /* appended */
	qd_buf_release(&b);
}

static void test_fifo_refused_at_once(void **state)
{
	struct tmpdir *t = *state;
	struct qd_buf b;
	struct qd_err err;

	assert_int_equal(mkfifo(in(t, "x.yaml"), 0600), 0);
	assert_int_equal(qd_file_open(t->file, &err), -1);
	assert_int_not_equal(errno, ENOENT);
	assert_int_equal(err.status, QD_EXIT_NOINPUT);
	assert_string_equal(err.file, t->file);
	assert_string_equal(err.msg, "cannot read: not a regular file (a FIFO)");
	qd_buf_init(&b);
	assert_int_equal(qd_file_read(t->file, 100, &b, &err), -1);
	assert_string_equal(err.msg, "cannot read: not a regular file (a FIFO)");
	assert_int_equal(b.len, 0);
	qd_buf_release(&b);
}

static void test_missing_directory_device(void **state)
{
	struct tmpdir *t = *state;
	struct qd_buf b;
	struct qd_err err;

	qd_buf_init(&b);
	assert_int_equal(qd_file_open(in(t, "none.yaml"), &err), -1);
	assert_int_equal(errno, ENOENT);
	assert_int_equal(err.status, QD_EXIT_NOINPUT);
	assert_string_equal(err.msg, "cannot open: No such file or directory");
	assert_int_equal(qd_file_read(t->path, 0, &b, &err), -1);
	assert_int_equal(err.status, QD_EXIT_NOINPUT);
	assert_string_equal(err.file, t->path);
	assert_string_equal(err.msg, "cannot read: not a regular file (a directory)");
	assert_int_equal(qd_file_read("/dev/zero", 100, &b, &err), -1);
	assert_int_equal(err.status, QD_EXIT_NOINPUT);
	assert_string_equal(err.msg, "cannot read: not a regular file (a device)");
	assert_int_equal(b.len, 0);
	/* /dev/null reads as an empty file. */
	assert_int_equal(qd_file_read("/dev/null", 100, &b, &err), 0);
	assert_int_equal(b.len, 0);
	qd_buf_release(&b);
}

static void test_size_limit(void **state)
{
	struct tmpdir *t = *state;
	struct qd_buf b;
	struct qd_err err;
	int fds[2];

	write_file(in(t, "big"), "0123456789");
	qd_buf_init(&b);
	assert_int_equal(qd_file_read(t->file, 10, &b, &err), 0);
	assert_int_equal(b.len, 10);
	b.len = 0;
	assert_int_equal(qd_file_read(t->file, 9, &b, &err), -1);
	assert_int_equal(err.status, QD_EXIT_DATAERR);
	assert_string_equal(err.msg, "file is too large (10 bytes; the limit is 9)");
	/* A pipe has no size: read one byte past the limit, then stop. */
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "0123456789", 10), 10);
	close(fds[1]);
	b.len = 0;
	assert_int_equal(qd_file_read_fd(fds[0], "<stdin>", 4, &b, &err), -1);
	assert_string_equal(err.file, "<stdin>");
	assert_string_equal(err.msg, "file is too large (over 4 bytes)");
	assert_int_equal(b.len, 5);
	close(fds[0]);
	qd_buf_release(&b);
}

static void test_pipe_on_stdin(void **state)
{
	struct qd_buf b;
	struct qd_err err;
	int fds[2];

	(void)state;
	/* Standard input may be a pipe (import-reviews -). */
	assert_int_equal(pipe(fds), 0);
	assert_int_equal(write(fds[1], "x,y\n", 4), 4);
	close(fds[1]);
	qd_buf_init(&b);
	assert_int_equal(qd_file_read_fd(fds[0], "<stdin>", 0, &b, &err), 0);
	assert_string_equal(b.data, "x,y\n");
	close(fds[0]);
	qd_buf_release(&b);
}

static mode_t mode_of(const char *path)
{
	struct stat st;

	assert_int_equal(stat(path, &st), 0);
	return st.st_mode & 07777;
}

/* QD_FILE_PRIVATE: 0600 for a new file, whatever the umask, and for an
 * existing one, whatever its mode; QD_FILE_NOSYNC writes the same bytes. */
static void test_write_atomic_private(void **state)
{
	struct tmpdir *t = *state;
	struct qd_buf b;
	struct qd_err err;
	mode_t old = umask(0);

	qd_buf_init(&b);
	assert_int_equal(qd_file_write_atomic_opt(in(t, "cache"), "abc", 3,
	                                          QD_FILE_PRIVATE | QD_FILE_NOSYNC, &err), 0);
	assert_int_equal(mode_of(t->file), 0600);
	assert_int_equal(chmod(t->file, 0644), 0);
	assert_int_equal(qd_file_write_atomic_opt(t->file, "de", 2, QD_FILE_PRIVATE, &err), 0);
	assert_int_equal(mode_of(t->file), 0600);
	assert_int_equal(qd_file_read(t->file, 0, &b, &err), 0);
	assert_string_equal(b.data, "de");
	umask(old);
	qd_buf_release(&b);
}

static void test_write_atomic(void **state)
{
	struct tmpdir *t = *state;
	struct qd_buf b;
	struct qd_err err;
	mode_t old = umask(077);
	char cmd[160];

	/* A new file: 0666 less the umask. */
	assert_int_equal(qd_file_write_atomic(in(t, "new.yaml"), "abc", 3, &err), 0);
	assert_int_equal(mode_of(t->file), 0600);
	qd_buf_init(&b);
	assert_int_equal(qd_file_read(t->file, 0, &b, &err), 0);
	assert_string_equal(b.data, "abc");
	/* An existing file keeps its mode, whatever the umask. */
	umask(0);
	assert_int_equal(chmod(t->file, 0640), 0);
	assert_int_equal(qd_file_write_atomic(t->file, "de", 2, &err), 0);
	assert_int_equal(mode_of(t->file), 0640);
	b.len = 0;
	assert_int_equal(qd_file_read(t->file, 0, &b, &err), 0);
	assert_string_equal(b.data, "de");
	umask(old);
	/* Not a regular file: refused, left as it is. */
	assert_int_equal(mkfifo(in(t, "fifo"), 0600), 0);
	assert_int_equal(qd_file_write_atomic(t->file, "x", 1, &err), -1);
	assert_int_equal(err.status, QD_EXIT_CANTCREAT);
	assert_string_equal(err.msg, "cannot replace: not a regular file (a FIFO)");
	assert_int_equal(qd_file_write_atomic(t->path, "x", 1, &err), -1);
	assert_string_equal(err.msg, "cannot replace: not a regular file (a directory)");
	/* A directory that does not exist. */
	assert_int_equal(qd_file_write_atomic(in(t, "none/x.yaml"), "x", 1, &err), -1);
	assert_int_equal(err.status, QD_EXIT_CANTCREAT);
	assert_non_null(strstr(err.msg, "cannot create a temporary file in '"));
	/* No temporary file left behind. */
	snprintf(cmd, sizeof(cmd), "test -z \"$(ls -A '%s' | grep '^\\.')\"", t->path);
	assert_int_equal(system(cmd), 0);
	qd_buf_release(&b);
}

static void test_mkdirs(void **state)
{
	struct tmpdir *t = *state;
	struct qd_err err;
	char deep[160];

	/* Every missing level, private to the user whatever the umask. */
	snprintf(deep, sizeof(deep), "%s/a/b/c", t->path);
	assert_int_equal(qd_file_mkdirs(deep, &err), 0);
	assert_int_equal(mode_of(deep), 0700);
	assert_int_equal(mode_of(in(t, "a")), 0700);
	/* Existing levels are fine, a trailing slash too. */
	assert_int_equal(qd_file_mkdirs(deep, &err), 0);
	strcat(deep, "/");
	assert_int_equal(qd_file_mkdirs(deep, &err), 0);
	/* Under a regular file: the level that cannot be made is named. */
	write_file(in(t, "f"), "x");
	snprintf(deep, sizeof(deep), "%s/f/g", t->path);
	assert_int_equal(qd_file_mkdirs(deep, &err), -1);
	assert_int_equal(err.status, QD_EXIT_IOERR);
	assert_non_null(strstr(err.msg, "cannot create directory '"));
	assert_non_null(strstr(err.msg, "/f/g': Not a directory"));
	assert_int_equal(qd_file_mkdirs(deep, NULL), -1);
}

static void test_close_out(void **state)
{
	struct qd_err err;
	FILE *fp;
	int fds[2];
	static char big[100000];

	(void)state;
	/* A write error found at the flush, with its reason. */
	if ((fp = fopen("/dev/full", "w"))) {
		fputs("abc\n", fp);
		assert_int_equal(qd_file_close_out(fp, "standard output", &err), -1);
		assert_int_equal(err.status, QD_EXIT_IOERR);
		assert_string_equal(err.msg, "cannot write standard output: No space left on device");
		/* An earlier failed write leaves only the error flag: still an error. */
		fp = fopen("/dev/full", "w");
		assert_non_null(fp);
		memset(big, 'x', sizeof(big));
		assert_int_not_equal(fwrite(big, 1, sizeof(big), fp), sizeof(big));
		assert_int_equal(qd_file_close_out(fp, "standard output", &err), -1);
		assert_non_null(strstr(err.msg, "cannot write standard output"));
	}
	/* Everything written: 0. */
	fp = fopen("/dev/null", "w");
	assert_non_null(fp);
	fputs("abc\n", fp);
	assert_int_equal(qd_file_close_out(fp, "standard output", &err), 0);
	/* A reader that has gone (SIGPIPE ignored, so EPIPE): not an error. */
	signal(SIGPIPE, SIG_IGN);
	assert_int_equal(pipe(fds), 0);
	close(fds[0]);
	fp = fdopen(fds[1], "w");
	assert_non_null(fp);
	fputs("abc\n", fp);
	assert_int_equal(qd_file_close_out(fp, "standard output", &err), 0);
	signal(SIGPIPE, SIG_DFL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_regular_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fifo_refused_at_once, setup, teardown),
		cmocka_unit_test_setup_teardown(test_missing_directory_device, setup, teardown),
		cmocka_unit_test_setup_teardown(test_size_limit, setup, teardown),
		cmocka_unit_test(test_pipe_on_stdin),
		cmocka_unit_test_setup_teardown(test_write_atomic, setup, teardown),
		cmocka_unit_test_setup_teardown(test_write_atomic_private, setup, teardown),
		cmocka_unit_test_setup_teardown(test_mkdirs, setup, teardown),
		cmocka_unit_test(test_close_out),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}

/*
 * Whole-file reads that never block and refuse endless inputs; see
 * quizdeck/fileio.h.
 *
 * The type is checked on the opened descriptor, not on the path before
 * opening: a stat() first would leave a window in which the path could be
 * swapped for a FIFO. Opening non-blocking is what makes the check possible
 * at all, as a blocking open() of a FIFO does not return until a writer
 * comes.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quizdeck/fileio.h"

static bool is_dev_null(const struct stat *st)
{
	struct stat null_st;

	return S_ISCHR(st->st_mode) && stat("/dev/null", &null_st) == 0 &&
	       S_ISCHR(null_st.st_mode) && null_st.st_rdev == st->st_rdev;
}

static const char *kind_of(mode_t mode)
{
	if (S_ISDIR(mode))
		return "a directory";
	if (S_ISFIFO(mode))
		return "a FIFO";
	if (S_ISSOCK(mode))
		return "a socket";
	if (S_ISCHR(mode) || S_ISBLK(mode))
		return "a device";
	return "a special file";
}

/* Refuses what is not a regular file or /dev/null (nor, with pipes_ok, a
 * pipe or socket already open, such as standard input). */
static int check_type(const struct stat *st, bool pipes_ok, const char *name,
                      struct qd_err *err)
{
	if (S_ISREG(st->st_mode) || is_dev_null(st))
		return 0;
	if (pipes_ok && (S_ISFIFO(st->st_mode) || S_ISSOCK(st->st_mode)))
		return 0;
	return qd_err_at(err, QD_EXIT_NOINPUT, name, 0, 0, "cannot read: not a regular file (%s)",
	                 kind_of(st->st_mode));
}

int qd_file_open(const char *path, struct qd_err *err)
{
	struct stat st;
	int fd, flags, e;

	fd = open(path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		e = errno;
		qd_err_at(err, QD_EXIT_NOINPUT, path, 0, 0, "cannot open: %s", strerror(e));
		errno = e;
		return -1;
	}
	if (fstat(fd, &st) != 0) {
		e = errno;
		close(fd);
		qd_err_at(err, QD_EXIT_NOINPUT, path, 0, 0, "cannot read: %s", strerror(e));
		errno = e;
		return -1;
	}
	if (check_type(&st, false, path, err)) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	if ((flags = fcntl(fd, F_GETFL)) == -1 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) == -1) {
		e = errno;
		close(fd);
		qd_err_at(err, QD_EXIT_NOINPUT, path, 0, 0, "cannot read: %s", strerror(e));
		errno = e;
		return -1;
	}
	return fd;
}

int qd_file_read_fd(int fd, const char *name, size_t max, struct qd_buf *out,
                    struct qd_err *err)
{
	size_t start = out->len;
	struct stat st;

	if (fstat(fd, &st) != 0)
		return qd_err_at(err, QD_EXIT_NOINPUT, name, 0, 0, "cannot read: %s", strerror(errno));
	if (check_type(&st, true, name, err))
		return -1;
	if (max && S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max)
		return qd_err_at(err, QD_EXIT_DATAERR, name, 0, 0,
		                 "file is too large (%jd bytes; the limit is %zu)", (intmax_t)st.st_size,
		                 max);
	for (;;) {
		size_t want;
		ssize_t n;

		qd_buf_grow(out, 65536);
		want = out->cap - out->len - 1;
		/* Read at most one byte over the limit: enough to know. */
		if (max && want > max + 1 - (out->len - start))
			want = max + 1 - (out->len - start);
		n = read(fd, out->data + out->len, want);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return qd_err_at(err, QD_EXIT_NOINPUT, name, 0, 0, "cannot read: %s",
			                 strerror(errno));
		if (n == 0)
			return 0;
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		if (max && out->len - start > max)
			return qd_err_at(err, QD_EXIT_DATAERR, name, 0, 0,
			                 "file is too large (over %zu bytes)", max);
	}
}

int qd_file_read(const char *path, size_t max, struct qd_buf *out, struct qd_err *err)
{
	int fd = qd_file_open(path, err), rc;

	if (fd < 0)
		return -1;
	rc = qd_file_read_fd(fd, path, max, out, err);
	close(fd);
	return rc;
}

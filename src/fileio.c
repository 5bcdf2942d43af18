/*
 * Whole-file reads that never block and refuse endless inputs, and atomic
 * whole-file writes; see quizdeck/fileio.h.
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
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
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
	/* A regular file's size is known: one allocation, no copy as it grows. */
	if (S_ISREG(st.st_mode) && st.st_size > 0 && (!max || (uintmax_t)st.st_size <= max))
		qd_buf_grow(out, (size_t)st.st_size + 1);
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

/* Creates a new file "DIR/.NAME.XXXXXX" (six random letters and digits)
 * with mode 0666, which the umask narrows as for any file created. mkstemp()
 * would give 0600 whatever the umask. Returns the descriptor, the name in
 * tmp, or -1 with errno. */
static int create_temp(const char *dir, const char *name, mode_t mode, struct qd_buf *tmp)
{
	static const char digits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
	struct timespec ts;
	uint64_t x;

	clock_gettime(CLOCK_REALTIME, &ts);
	x = ((uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec) ^ ((uint64_t)getpid() << 32);
	for (int attempt = 0; attempt < 100; attempt++) {
		int fd;

		tmp->len = 0;
		qd_buf_addf(tmp, "%s/.%s.", dir, name);
		x = x * 6364136223846793005u + 1442695040888963407u; /* an LCG step */
		for (int i = 0; i < 6; i++)
			qd_buf_addc(tmp, digits[(x >> (16 + 5 * i)) % 36]);
		fd = open(tmp->data, O_WRONLY | O_CREAT | O_EXCL | O_NOCTTY | O_CLOEXEC, mode);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	errno = EEXIST;
	return -1;
}

static int write_all(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int qd_file_write_atomic(const char *path, const void *data, size_t len, struct qd_err *err)
{
	return qd_file_write_atomic_opt(path, data, len, 0, err);
}

int qd_file_write_atomic_opt(const char *path, const void *data, size_t len, int flags,
                             struct qd_err *err)
{
	bool private = (flags & QD_FILE_PRIVATE) != 0, sync = (flags & QD_FILE_NOSYNC) == 0;
	const char *slash = strrchr(path, '/');
	struct qd_buf tmp, dir;
	struct stat st;
	bool exists;
	int fd, e;

	exists = stat(path, &st) == 0;
	if (exists && !S_ISREG(st.st_mode))
		return qd_err_at(err, QD_EXIT_CANTCREAT, path, 0, 0,
		                 "cannot replace: not a regular file (%s)", kind_of(st.st_mode));
	qd_buf_init(&tmp);
	qd_buf_init(&dir);
	if (slash)
		qd_buf_add(&dir, path, (size_t)(slash - path) + (slash == path));
	else
		qd_buf_adds(&dir, ".");
	if ((fd = create_temp(dir.data, slash ? slash + 1 : path, private ? 0600 : 0666, &tmp)) < 0) {
		qd_err_at(err, QD_EXIT_CANTCREAT, path, 0, 0,
		          "cannot create a temporary file in '%s': %s", dir.data, strerror(errno));
		goto fail;
	}
	if (write_all(fd, data, len) != 0 ||
	    (exists && !private && fchmod(fd, st.st_mode & 0777) != 0) ||
	    (sync && fsync(fd) != 0)) {
		e = errno;
		close(fd);
		unlink(tmp.data);
		qd_err_at(err, QD_EXIT_CANTCREAT, path, 0, 0, "cannot write: %s", strerror(e));
		goto fail;
	}
	if (close(fd) != 0) {
		e = errno;
		unlink(tmp.data);
		qd_err_at(err, QD_EXIT_CANTCREAT, path, 0, 0, "cannot write: %s", strerror(e));
		goto fail;
	}
	if (rename(tmp.data, path) != 0) {
		e = errno;
		unlink(tmp.data);
		qd_err_at(err, QD_EXIT_CANTCREAT, path, 0, 0, "cannot replace: %s", strerror(e));
		goto fail;
	}
	if (sync)
		qd_file_sync_dir(dir.data);
	qd_buf_release(&tmp);
	qd_buf_release(&dir);
	return 0;
fail:
	qd_buf_release(&tmp);
	qd_buf_release(&dir);
	return -1;
}

void qd_file_sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

int qd_file_mkdirs(const char *dir, struct qd_err *err)
{
	char *p = qd_xstrdup(dir);
	int rc = 0;

	for (char *s = p + 1;; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0700) == 0) {
			char *slash = strrchr(p, '/');
			if (slash && slash != p) {
				*slash = '\0';
				qd_file_sync_dir(p);
				*slash = '/';
			} else {
				qd_file_sync_dir(slash ? "/" : ".");
			}
		} else if (errno != EEXIST) {
			rc = qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot create directory '%s'", p);
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	free(p);
	return rc;
}

void qd_file_open_std_fds(void)
{
	for (int fd = 0; fd <= 2; fd++) {
		int null_fd;

		if (fcntl(fd, F_GETFD) != -1 || errno != EBADF)
			continue;
		/* open() returns the lowest free number: fd itself. */
		null_fd = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
		if (null_fd >= 0 && null_fd != fd) {
			(void)dup2(null_fd, fd);
			close(null_fd);
		}
	}
}

int qd_file_close_out(FILE *fp, const char *name, struct qd_err *err)
{
	struct stat st;
	bool failed, to_pipe;
	int e = 0;

	to_pipe = fstat(fileno(fp), &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode));
	if (fflush(fp) != 0)
		e = errno;
	failed = e != 0 || ferror(fp);
	if (fclose(fp) != 0 && !failed) {
		e = errno;
		failed = true;
	}
	if (!failed || e == EPIPE || (e == 0 && to_pipe))
		return 0;
	if (e)
		return qd_err_set(err, QD_EXIT_IOERR, "cannot write %s: %s", name, strerror(e));
	return qd_err_set(err, QD_EXIT_IOERR, "cannot write %s", name);
}

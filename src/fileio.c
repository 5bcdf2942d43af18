/*
 * Whole-file reads that refuse endless inputs; see quizdeck/fileio.h.
 */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include "quizdeck/fileio.h"

int qd_file_read_fd(int fd, const char *name, size_t max, struct qd_buf *out,
                    struct qd_err *err)
{
	struct stat st;

	if (fstat(fd, &st) != 0)
		return qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot read '%s'", name);
	if (S_ISDIR(st.st_mode))
		return qd_err_set(err, QD_EXIT_DATAERR, "'%s' is a directory, not a file", name);
	if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode) && !S_ISSOCK(st.st_mode))
		return qd_err_set(err, QD_EXIT_DATAERR, "'%s' is a device, not a file", name);
	for (;;) {
		ssize_t n;

		qd_buf_grow(out, 65536);
		n = read(fd, out->data + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return qd_err_errno(err, QD_EXIT_IOERR, errno, "cannot read '%s'", name);
		if (n == 0)
			return 0;
		out->len += (size_t)n;
		out->data[out->len] = '\0';
		if (max && out->len > max)
			return qd_err_set(err, QD_EXIT_DATAERR, "'%s' is larger than %zu bytes", name,
			                  max);
	}
}

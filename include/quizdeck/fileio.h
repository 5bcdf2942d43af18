/*
 * Reading a whole input file for parsing, safely: a path given by a user
 * may name a directory or a device such as /dev/zero that never ends, and
 * reading it whole would exhaust memory. Regular files, pipes and FIFOs are
 * read; anything else is refused with a message naming it.
 */
#ifndef QUIZDECK_FILEIO_H
#define QUIZDECK_FILEIO_H

#include <stddef.h>

#include "quizdeck/buf.h"
#include "quizdeck/err.h"

/* Appends everything readable from fd to out. name is used in messages.
 * max > 0 caps the size. Returns 0, or -1 with err: QD_EXIT_DATAERR for a
 * directory, a device or a file over max bytes, QD_EXIT_IOERR if reading
 * fails. Does not close fd. */
int qd_file_read_fd(int fd, const char *name, size_t max, struct qd_buf *out,
                    struct qd_err *err);

#endif

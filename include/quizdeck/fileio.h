/*
 * Reading a whole input file, safely. Every file quizdeck reads whole (decks,
 * the settings file, articles, overlays, review logs, CSV imports) is opened
 * here. A path given by a user may name something that is not a file: a FIFO,
 * whose open() waits for a writer for ever; a device such as /dev/zero that
 * never ends; a directory. Only regular files are read (and /dev/null, as an
 * empty file); anything else is refused at once, with a message naming it.
 *
 * Writing a whole file goes through qd_file_write_atomic(), so that a reader
 * never sees half a file and a failure never leaves one.
 *
 * Errors name the file in err->file (no line), with messages such as
 * "cannot open: No such file or directory" or "cannot read: not a regular
 * file (a FIFO)", so they print as "PATH: error: ..." like any diagnostic.
 */
#ifndef QUIZDECK_FILEIO_H
#define QUIZDECK_FILEIO_H

#include <stddef.h>
#include <stdio.h>

#include "quizdeck/buf.h"
#include "quizdeck/err.h"

/* Opens path for reading without ever blocking: the descriptor is opened
 * non-blocking, checked with fstat(), and only then made blocking. Returns
 * the descriptor (close-on-exec; the caller closes it), or -1 with err:
 * QD_EXIT_NOINPUT when it cannot be opened (errno is then open()'s, so a
 * caller may read ENOENT as "no file yet") or is not a regular file (errno
 * is then not ENOENT). */
int qd_file_open(const char *path, struct qd_err *err);

/* Appends everything readable from fd to out; name is the file in messages.
 * Regular files, /dev/null, pipes and FIFOs are read (fd may be standard
 * input); a directory or another device is refused. max > 0 caps the size.
 * Returns 0, or -1 with err: QD_EXIT_DATAERR for an input over max bytes
 * ("file is too large (N bytes; the limit is MAX)"), QD_EXIT_NOINPUT for a
 * directory or device or if reading fails. Does not close fd. */
int qd_file_read_fd(int fd, const char *name, size_t max, struct qd_buf *out,
                    struct qd_err *err);

/* qd_file_open() then qd_file_read_fd(): reads the regular file at path whole
 * into out (appended), at most max bytes when max > 0. Returns 0 or -1 with
 * err as those two do. */
int qd_file_read(const char *path, size_t max, struct qd_buf *out, struct qd_err *err);

/* Replaces the file at path with len bytes of data, atomically, as git's
 * lock files do: the bytes go to a new temporary file beside it
 * (".NAME.XXXXXX" in the same directory, so the rename cannot cross file
 * systems), which is synced and renamed over path, and then the directory is
 * synced. path names its old content or the complete new one, never a part;
 * on failure it is untouched and the temporary file removed.
 * A new file gets mode 0666 less the umask (and any default ACL), as open()
 * gives; an existing file keeps its permission bits (a 0600 file stays
 * private). Only a regular file (or nothing) may be replaced: the rename
 * would swap a device, FIFO or socket for a file. Returns 0, or -1 with err:
 * QD_EXIT_CANTCREAT. */
int qd_file_write_atomic(const char *path, const void *data, size_t len, struct qd_err *err);
/* The same with flags: QD_FILE_PRIVATE, the file gets mode 0600 whatever
 * it had; QD_FILE_NOSYNC, neither the file nor the directory is synced (for
 * a file derived from others and checked when read, such as the
 * derived-state cache: after a crash it may hold its old content, the new,
 * or damaged bytes, which the reader's checks refuse). */
#define QD_FILE_PRIVATE 1
#define QD_FILE_NOSYNC 2
int qd_file_write_atomic_opt(const char *path, const void *data, size_t len, int flags,
                             struct qd_err *err);

/* Syncs a directory, so that a name created, renamed or removed in it
 * survives a crash. Best effort: some file systems refuse fsync on a
 * directory, and the change is made either way. */
void qd_file_sync_dir(const char *dir);

/* mkdir -p with mode 0700 (the data of one person): creates dir and any
 * missing parent, syncing the parent of each directory it creates.
 * Returns 0, or -1 with err (QD_EXIT_IOERR naming the directory that could
 * not be created; err may be NULL). */
int qd_file_mkdirs(const char *dir, struct qd_err *err);

/* Opens /dev/null on any of descriptors 0, 1 and 2 that is closed, as git
 * does at start: otherwise the first file opened would get that number, and
 * what is printed to stdout or stderr would land in it (a session started
 * with stdout closed, '>&-', wrote its screen into the review log). Call it
 * before opening anything. */
void qd_file_open_std_fds(void);

/* Flushes and closes fp (standard output, at exit) and says whether all
 * that was written to it arrived. A write error is checked three ways, as
 * git does: a failed fflush(), the stream's error flag (left by an earlier
 * failed write, whose errno is lost by then) and a failed fclose(). Returns
 * 0, or -1 with err: QD_EXIT_IOERR, "cannot write NAME: REASON" (the reason
 * when the system gave one, e.g. "No space left on device").
 * A reader that went away is not an error (`quizdeck cards | head -1`):
 * EPIPE, or any write error on a pipe or socket, returns 0. (With SIGPIPE
 * at its default, as usual, the process has ended on the signal before.) */
int qd_file_close_out(FILE *fp, const char *name, struct qd_err *err);

#endif

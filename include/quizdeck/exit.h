/*
 * Exit statuses, following sysexits(3) where one fits. Documented in the man
 * page; scripts rely on them.
 *
 * There is no status for an interruption: Ctrl-C ends a session or a quiz
 * as the learner's way out, with what was answered saved and status 0;
 * anywhere else SIGINT keeps its default action, and the shell reports the
 * death by signal as 130 by itself.
 */
#ifndef QUIZDECK_EXIT_H
#define QUIZDECK_EXIT_H

enum qd_exit {
	QD_EXIT_OK = 0,
	QD_EXIT_FAIL = 1,        /* a command ran and reports a negative result */
	QD_EXIT_USAGE = 64,      /* bad command line */
	QD_EXIT_DATAERR = 65,    /* invalid deck, article, log or CSV */
	QD_EXIT_NOINPUT = 66,    /* a file that cannot be opened */
	QD_EXIT_SOFTWARE = 70,   /* internal error */
	QD_EXIT_CANTCREAT = 73,  /* an output file that cannot be created */
	QD_EXIT_IOERR = 74,      /* reading or writing the data directory failed */
	QD_EXIT_TEMPFAIL = 75,   /* the log stayed locked by another writer (QUIZDECK_LOCK_TIMEOUT) */
	QD_EXIT_CONFIG = 78,     /* invalid settings file */
};

#endif

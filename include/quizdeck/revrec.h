/*
 * The review log's record codec: one line of the log (docs/log-format.md)
 * to bytes and back, with no file, lock or clock.
 *
 * A record is one line of TAB-separated fields: the record type first, the
 * CRC-32 of everything before it last. The qd_revrec_encode_*() functions
 * append complete lines to a buffer; qd_revrec_parse() reads one line back.
 * The header line, which names the format version, is here too. The store
 * (quizdeck/revlog.h) keeps files of these lines: it appends, locks, loads
 * and links the records of a whole log.
 */
#ifndef QUIZDECK_REVREC_H
#define QUIZDECK_REVREC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/err.h"

struct qd_buf;

/* The format version this build reads and writes. */
#define QD_REVREC_VERSION 1

enum qd_review_mode {
	QD_MODE_STUDY,
	QD_MODE_QUIZ,
	QD_MODE_IMPORT,
};

/* "study", "quiz", "import": the MODE field. */
const char *qd_review_mode_name(enum qd_review_mode m);

/* Whether a typed answer was judged correct ('y', 'n'), or '-' when the
 * card was not auto-graded (self-graded or imported). */
enum qd_correct {
	QD_CORRECT_NA = 0,
	QD_CORRECT_YES,
	QD_CORRECT_NO,
};

struct qd_review {
	int64_t time_ms;     /* when the answer was given, ms since the epoch (UTC) */
	const char *deck;    /* deck id */
	const char *card;    /* card id */
	int rating;          /* 1 again, 2 hard, 3 good, 4 easy */
	int64_t duration_ms; /* time taken to answer, >= 0 */
	enum qd_review_mode mode;
	enum qd_correct correct;
	/* Filled by qd_revlog_load() only (ignored when encoding): */
	bool undone;         /* cancelled by a later undo record */
	int line;            /* 1-based line in the log */
};

/* A learner's decision about one card, recorded as an event: suspend (the
 * card is never due until unsuspended), unsuspend (lifts a suspension and a
 * burial), bury (not due again before the next day starts). */
enum qd_event_kind {
	QD_EVENT_SUSPEND,
	QD_EVENT_UNSUSPEND,
	QD_EVENT_BURY,
};

/* "suspend", "unsuspend", "bury": the record type of the event. */
const char *qd_event_kind_name(enum qd_event_kind k);

struct qd_event {
	int64_t time_ms;     /* when it was decided */
	enum qd_event_kind kind;
	const char *deck, *card;
	/* Filled by qd_revlog_load() only (ignored when encoding): */
	bool undone;         /* cancelled by a later undo record */
	int line;
};

/* An undo cancels one earlier record of (deck, card): the latest one in
 * file order, not already undone, whose time is target_ms and which is a
 * review (target_event false: every undo written before events existed)
 * or an event of kind target_kind. */
struct qd_undo {
	int64_t time_ms;   /* when the undo happened */
	const char *deck, *card;
	int64_t target_ms; /* time_ms of the record it cancels */
	int line;          /* qd_revlog_load() only */
	bool target_event; /* an event, not a review */
	enum qd_event_kind target_kind; /* when target_event */
};

enum qd_quiz_outcome {
	QD_QUIZ_WRONG = 0, /* 'n' */
	QD_QUIZ_CORRECT,   /* 'y' */
	QD_QUIZ_TIMEOUT,   /* 't': the time ran out before an answer */
};

/* One question of a quiz. */
struct qd_quiz_answer {
	const char *deck, *card;
	enum qd_quiz_outcome outcome;
	int64_t time_ms;   /* time taken on the question */
	double points;     /* points scored (speed bonus may make it fractional) */
	const char *given; /* the answer as typed (any text; "" if none) */
};

/* One quiz result. */
struct qd_quiz_result {
	/* Links the question lines to their summary: a quiz id, one or more
	 * of [A-Za-z0-9._:-], written as it is (never escaped). When encoding,
	 * NULL means "derive one": STARTED_MS-SEED in decimal. */
	const char *id;
	int64_t time_ms;     /* when the result was recorded */
	int64_t started_ms;  /* when the quiz started */
	const char *name;    /* the learner's name (any text; may be "") */
	const char *const *decks; /* deck ids the questions came from */
	size_t n_decks;
	uint64_t seed;
	int64_t time_used_ms;
	double score, max_score;
	const struct qd_quiz_answer *answers; /* in the order asked */
	size_t n_answers;
	/* The quiz's fingerprint (quizdeck/fingerprint.h): 64 lowercase hex
	 * digits, the same for everyone who was asked the same questions. NULL
	 * or "" when absent (results recorded before fingerprints, or a
	 * writer that has none); then the field is not written. */
	const char *fingerprint;
	int line;            /* qd_revlog_load() only: the summary line */
	size_t n_listed;     /* qd_revlog_load() only: QUESTIONS as written (n_answers
	                      * counts the question lines found) */
};

/* ---- Writing ---- */

/* The first line of every log, newline included: "quizdeck-log 1\n". */
const char *qd_revrec_header(void);

/* Append one complete line, checksum and newline included, to b. Return -1
 * with err (QD_EXIT_SOFTWARE; err may be NULL) for a record that cannot be
 * written: a rating not 1-4, a negative duration or time used, an empty
 * deck or card id, a quiz id that is not one. Nothing is appended then. */
int qd_revrec_encode_review(struct qd_buf *b, const struct qd_review *r, struct qd_err *err);
/* Whether qd_revrec_encode_review() would write r: 0, or -1 with the same
 * err. */
int qd_revrec_check_review(const struct qd_review *r, struct qd_err *err);
/* An undo of a review is written as before events existed; an undo of an
 * event has one more field, the event's type. */
int qd_revrec_encode_undo(struct qd_buf *b, const struct qd_undo *u, struct qd_err *err);
int qd_revrec_encode_event(struct qd_buf *b, const struct qd_event *e, struct qd_err *err);
/* All question lines, then the summary line (a fingerprint that is not
 * 64 lowercase hex digits is refused). */
int qd_revrec_encode_quiz(struct qd_buf *b, const struct qd_quiz_result *q, struct qd_err *err);

/* ---- Reading ---- */

/* Checks the header line (its bytes without the line end; a CR before it is
 * allowed). Returns 0 with *version, or -1 with err (QD_EXIT_DATAERR, at
 * file:1): not a quizdeck log, a malformed header, or a newer version. */
int qd_revrec_parse_header(const char *line, size_t len, int *version, const char *file,
                           struct qd_err *err);

enum qd_revrec_type {
	QD_REVREC_REVIEW,
	QD_REVREC_UNDO,
	QD_REVREC_QA,   /* one question of a quiz result */
	QD_REVREC_QUIZ, /* the summary of a quiz result */
	QD_REVREC_EVENT, /* suspend, unsuspend or bury */
};

/* A qa line: question `index` of the quiz whose summary follows it. */
struct qd_revrec_qa {
	const char *quiz_id;
	size_t index; /* 1-based, in the order asked */
	struct qd_quiz_answer answer;
};

/* One parsed line. The strings and arrays it points to live in mem, which
 * the record owns: qd_revrec_release() frees it, or a caller that keeps
 * the record takes mem over (and sets it to NULL). */
struct qd_revrec {
	enum qd_revrec_type type;
	union {
		struct qd_review review; /* mode, correct as read; undone false */
		struct qd_undo undo;
		struct qd_revrec_qa qa;
		/* answers NULL; n_answers is the number of qa lines the summary
		 * announces (at most 100000). */
		struct qd_quiz_result quiz;
		struct qd_event event; /* undone false */
	};
	const char *unknown; /* QD_REVREC_UNKNOWN: the type as written, cut to 32 bytes */
	void *mem;
};

enum qd_revrec_status {
	QD_REVREC_OK = 0,
	QD_REVREC_DAMAGED,   /* no checksum, or not the line's: torn or changed bytes */
	QD_REVREC_MALFORMED, /* the checksum holds but a field is invalid */
	QD_REVREC_UNKNOWN,   /* the checksum holds; a record type this build does not know */
};

/* Parses one line, line[0..len) without its LF; a CR before the LF (a log
 * converted to CRLF) is not part of the record. Fills out on every status
 * (release it in any case); only QD_REVREC_OK gives a record. Any bytes
 * are safe to pass in. */
enum qd_revrec_status qd_revrec_parse(const char *line, size_t len, struct qd_revrec *out);
/* The same, with the strings in scratch (an initialised buffer, reset
 * first and grown as needed) instead of memory of the record's own: they
 * live until scratch is used again, and out->mem is NULL. For a reader of
 * many lines that copies what it keeps: nothing is allocated per line. */
enum qd_revrec_status qd_revrec_parse_in(const char *line, size_t len, struct qd_revrec *out,
                                         struct qd_buf *scratch);
void qd_revrec_release(struct qd_revrec *r);

/* ---- Shared with the format's readers ---- */

/* IEEE CRC-32 (as zlib's crc32()) of len bytes. */
uint32_t qd_crc32(const void *data, size_t len);

/* Points and scores as people read them: at most 3 decimals, no trailing
 * zeros ("3.5", "1", "0.667"), the precision the log keeps. */
void qd_revrec_format_points(char *buf, size_t size, double v);

#endif

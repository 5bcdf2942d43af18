/*
 * Quiz files: a quiz written down once by a teacher and run as it is on
 * every machine (docs/quiz.md, "Quiz files").
 *
 *	quiz:
 *	  title: Rust, week 3
 *	  decks: [rust-week3.yaml]
 *	  questions: 10
 *	  seed: 482113
 *
 * A YAML file whose top-level mapping has the key `quiz` is a quiz file
 * (decks have `deck`). It names its decks by path relative to the quiz
 * file, or holds them whole (a deck embedded as an item of `decks`), and
 * says everything that decides the draw and the scoring: the number of
 * questions, the limits, the seed, the card types and tags, self-grading
 * and the speed bonus. This module is the one home of the format's rules:
 * the reader (with positioned diagnostics, through quizdeck/yamldoc.h), the
 * writer of `quiz --save`, and the command line that reproduces a quiz
 * run from options.
 */
#ifndef QUIZDECK_QUIZFILE_H
#define QUIZDECK_QUIZFILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/buf.h"
#include "quizdeck/deck.h"
#include "quizdeck/deckset.h"
#include "quizdeck/err.h"
#include "quizdeck/quiz.h"

/* What defines a quiz, whether a quiz file or the options give it. */
struct qd_quizspec {
	char *title, *class_name;     /* owned; NULL when absent */
	long questions;               /* 1..10000 */
	long time_s, per_question_s;  /* limits in seconds, 1..86400; 0: none */
	uint64_t seed;                /* 0..2147483647 */
	unsigned types;               /* bit (1u << enum qd_card_type) per type; 0: the default */
	char **tags;                  /* owned; only cards with one of these */
	size_t n_tags;
	bool self_grade, speed_bonus;
};

void qd_quizspec_release(struct qd_quizspec *s);

/* Fills the quiz's draw, limits and scoring (title, name, countdown and
 * the rest are left alone). The strings stay s's. */
void qd_quizspec_opts(const struct qd_quizspec *s, struct qd_quiz_opts *o);

/* Appends the shell command line that runs the quiz s over the decks
 * args[0..n) (as the DECK arguments: paths, or the bundled deck's id):
 * "quizdeck quiz DECK... -n N [--time S] [--per-question S] [--tags T]
 * --seed N [--self-grade] [--speed-bonus]", every word quoted for a POSIX
 * shell when it needs it. Title, class and types have no option; a spec
 * with types set cannot be written so (returns -1, nothing appended). */
int qd_quizspec_command(struct qd_buf *out, const struct qd_quizspec *s, const char *const *args,
                        size_t n);

/* Appends the quiz file for s naming the decks paths[0..n) (relative to
 * the file's directory), through quizdeck/yamlemit.h. Returns 0, or -1
 * with err set. */
int qd_quizspec_write_yaml(struct qd_buf *out, const struct qd_quizspec *s,
                           const char *const *paths, size_t n, struct qd_err *err);

/* The path to write in a quiz file that will be at quiz_path for the deck
 * file deck_path (both as the user gave them): deck_path relative to the
 * quiz file's directory, through both real paths ("../decks/x.yaml").
 * Returns it (caller frees), or NULL with err set: QD_EXIT_CANTCREAT when
 * the quiz file's directory does not resolve, QD_EXIT_NOINPUT when the
 * deck's path does not. The inverse of how the reader resolves a deck
 * path. */
char *qd_quizfile_relative_path(const char *quiz_path, const char *deck_path,
                                struct qd_err *err);

/* A deck a quiz file names. */
struct qd_quizfile_deck {
	char *path;            /* the file, resolved against the quiz file's directory;
	                          NULL for a deck embedded in the quiz file */
	struct qd_deck *deck;  /* NULL when it did not load */
	struct qd_diags diags; /* a deck file's own diagnostics (empty when embedded:
	                          those are the quiz file's) */
	int line, col;         /* where the quiz file names it */
};

struct qd_quizfile {
	char *path;                    /* the quiz file as given */
	struct qd_diags diags;         /* its own diagnostics, its embedded decks' too */
	struct qd_quizspec spec;
	struct qd_quizfile_deck *decks; /* in the order the file names them */
	size_t n_decks;
	/* QD_EXIT_OK, or the status its problems give: QD_EXIT_NOINPUT when
	 * the file or a deck it names cannot be read (this wins), else
	 * QD_EXIT_DATAERR when any file has an error. */
	int status;
};

/* Whether the YAML tree root (quizdeck/yamldoc.h) is a quiz file's: a
 * mapping with the key `quiz`. */
struct qd_ynode;
bool qd_quizfile_is_tree(const struct qd_ynode *root);
/* Whether path names a file that parses as YAML into a quiz file's tree. */
bool qd_quizfile_sniff(const char *path);

/* Reads and checks the quiz file at path (or held in data[0..len), named
 * path), and loads the decks it names. Never NULL: every problem of every
 * file is in the diagnostics and ->status says whether it can run. A quiz
 * that loads but from whose decks no question can be drawn is an error;
 * fewer questions than asked for is a warning. Free with
 * qd_quizfile_free(). */
struct qd_quizfile *qd_quizfile_load(const char *path);
struct qd_quizfile *qd_quizfile_load_mem(const char *path, const char *data, size_t len);
void qd_quizfile_free(struct qd_quizfile *qf);

/* Prints the diagnostics, sorted: the quiz file's, then each deck file's.
 * warnings: warnings too, else errors only. */
void qd_quizfile_print(FILE *fp, struct qd_quizfile *qf, bool warnings);

/* Moves the decks (all loaded: ->status is QD_EXIT_OK) into a new deck set,
 * in the file's order. */
struct qd_deckset *qd_quizfile_take_decks(struct qd_quizfile *qf);

#endif

/*
 * The prompt: one line of input at a time, from GNU Readline when stdin and
 * stdout are terminals, from a plain line reader otherwise.
 *
 * Terminal mode uses Readline's callback interface under poll(), so a read
 * can carry a deadline and a live countdown ("[0:07] answer> ") redrawn
 * every second without disturbing typed text, and waiting costs no CPU.
 * SIGINT, SIGTERM, SIGHUP, SIGTSTP and SIGWINCH are received through a
 * signalfd while a prompt object exists, so Ctrl-C, Ctrl-Z/fg and window
 * resizes never leave the terminal raw; Ctrl-C, SIGTERM and SIGHUP are
 * reported as QD_PROMPT_INTERRUPT, in both modes, so a session or quiz ends
 * cleanly and records what was answered. Signals the parent ignores
 * (nohup) stay ignored.
 *
 * The owner may redraw its screen after a resize (qd_prompt_on_resize), and
 * run a program such as an editor in the foreground between two reads
 * (qd_prompt_run), which gets the terminal and the job-control keys as
 * under the shell.
 *
 * Not a terminal: no Readline, no echo, no key bindings; lines are read from
 * the file descriptor with our own buffered reader (stdio's getline cannot be
 * combined with poll() deadlines), so `quizdeck study < answers.txt` works.
 * Each line read is written after its prompt, sanitised (qd_text_sanitize,
 * one line), so a transcript reads like the session on a terminal.
 *
 * Deadlines are strict and leave nothing behind: input is taken only while
 * the deadline has not passed, and a read that times out discards what was
 * typed but not entered. So does the next read, for what arrived before it
 * started: on a terminal the input queue is flushed; off a terminal, what
 * is already waiting is dropped, and so is the rest of a line begun before
 * the time-out, however late it ends (docs/quiz.md, "Timeout"). A prompt
 * freed right after a time-out flushes a terminal's queue too, so late keys
 * do not reach the shell.
 */
#ifndef QUIZDECK_PROMPT_H
#define QUIZDECK_PROMPT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "quizdeck/err.h"

struct qd_prompt;

struct qd_prompt_opts {
	bool terminal;            /* use Readline (stdin and stdout are terminals) */
	int in_fd;                /* input (0) */
	FILE *out;                /* where prompts go (stdout) */
	const char *history_path; /* NULL: no history file */
	int history_max;          /* lines kept in the history file */
};

enum qd_prompt_status {
	QD_PROMPT_LINE,      /* *line holds the input */
	QD_PROMPT_EOF,       /* Ctrl-D on an empty line, or end of input */
	QD_PROMPT_INTERRUPT, /* Ctrl-C */
	QD_PROMPT_TIMEOUT,   /* the deadline passed; what was typed is discarded */
	QD_PROMPT_ERROR,     /* reading failed */
};

struct qd_prompt_req {
	const char *prompt;      /* may hold SGR codes wrapped in \001..\002 */
	const char *const *completions; /* NULL-terminated words for Tab, or NULL */
	int64_t deadline_ms;     /* on qd_prompt_clock_ms(); 0 for none */
	bool countdown;          /* show the time left before the prompt */
	bool history;            /* add the line to the history */
};

/* Monotonic milliseconds, the clock of deadlines. */
int64_t qd_prompt_clock_ms(void);

int qd_prompt_new(const struct qd_prompt_opts *opts, struct qd_prompt **out,
                  struct qd_err *err);
/* Saves the history, restores the terminal and the signal mask. */
void qd_prompt_free(struct qd_prompt *p);

/* Whether p reads from a terminal, with Readline (opts.terminal). */
bool qd_prompt_terminal(const struct qd_prompt *p);

/* fn(data) is called when the window has been resized while a line is
 * read (terminal mode). It may draw the screen again (at the width of
 * the moment) and return true, leaving the cursor at the start of a
 * line: the prompt and the text typed so far are then drawn there again.
 * Returning false leaves the display to Readline. fn NULL: no calls. */
void qd_prompt_on_resize(struct qd_prompt *p, bool (*fn)(void *data), void *data);

/* Runs argv (argv[0] found on PATH) in the foreground of the terminal
 * and waits for it to end: an editor. Readline's terminal modes are undone
 * for it and set again after; it starts with the signal mask and
 * dispositions the program started with, in the program's process group,
 * so Ctrl-C and Ctrl-Z go to it as under the shell (a Ctrl-Z stops both,
 * `fg` resumes both; a Ctrl-C meant for it does not end the next read;
 * SIGTERM, SIGHUP and a resize wait for the next read). Returns 0 with
 * *wstatus as waitpid() gives it (exit status 127: argv[0] could not be
 * run), or -1 with err (QD_EXIT_SOFTWARE) when no process could be
 * started or waited for. */
int qd_prompt_run(struct qd_prompt *p, char *const argv[], int *wstatus, struct qd_err *err);

/* Reads one line into *line (malloc'd, no newline; caller frees; NULL for
 * every status but QD_PROMPT_LINE). */
enum qd_prompt_status qd_prompt_read(struct qd_prompt *p, const struct qd_prompt_req *req,
                                     char **line);

#endif

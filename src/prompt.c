/*
 * The prompt layer; see quizdeck/prompt.h. This is the only file that
 * includes Readline.
 *
 * Readline is a process-wide singleton whose callbacks (line handler,
 * completion generator) carry no user data, so the prompt being read is
 * reachable through one file-static pointer, `active`, set only for the
 * duration of qd_prompt_read(). That is the one piece of static state in
 * the library, and it exists because Readline's interface demands it.
 *
 * Signals: while a terminal prompt object exists, SIGINT, SIGTSTP, SIGWINCH,
 * SIGTERM and SIGHUP are blocked and read from a signalfd inside the same
 * poll() that waits for keys. No handler runs asynchronously, so the
 * terminal is always restored by ordinary code, and a Ctrl-C that arrives
 * while an answer is being saved waits until the save is done.
 *
 * Resizes: on SIGWINCH Readline learns the new size, and the owner's resize
 * function (qd_prompt_on_resize) may draw the screen again at the new width;
 * the prompt and the text typed so far are then drawn again below it.
 *
 * A child in the foreground (qd_prompt_run, an editor): it gets the
 * terminal as the shell would hand it over. Readline's terminal modes are
 * undone for it and set again after it; it starts with the signal mask
 * and dispositions we inherited, in our process group, so Ctrl-C and
 * Ctrl-Z reach it as they would under the shell. We wait as git waits for
 * its editor: SIGINT and SIGQUIT are not for us (a Ctrl-C queued in the
 * signalfd meanwhile is dropped), and SIGTSTP is unblocked so that a
 * Ctrl-Z (or an editor stopping its process group) stops us with it and
 * the shell's `fg` resumes both. SIGTERM, SIGHUP and SIGWINCH stay queued
 * for the next read.
 *
 * Deadlines: input counts only if it is read before the deadline (poll()
 * can wake with keys waiting after it has passed). When a read times out,
 * what was typed and not entered is dropped from every place it can wait:
 * at once from Readline's line buffer and pending key, and from our own
 * reader's buffer; when the next read starts (or the prompt is freed),
 * from the terminal's input queue or the pipe, which by then also hold what
 * was typed while the time-out was shown. So nothing typed before a prompt
 * appears becomes its answer; see discard_typeahead() and docs/quiz.md.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include <readline/history.h>
#include <readline/readline.h>

#include "quizdeck/buf.h"
#include "quizdeck/fileio.h"
#include "quizdeck/prompt.h"
#include "quizdeck/text.h"

struct qd_prompt {
	struct qd_prompt_opts opts;
	char *history_path;
	int history_added;
	/* terminal mode */
	int sigfd;
	sigset_t oldmask;
	bool done, got_eof;
	char *line;
	const char *const *completions;
	size_t comp_index, comp_len;
	/* plain mode: a buffered line reader on opts.in_fd */
	char *rbuf;
	size_t rlen, rcap;
	bool reof;
	/* The last read timed out: what is waiting when the next one starts
	 * (or, on a terminal, when the prompt is freed) is type-ahead. */
	bool discard;
	/* Plain mode, not a terminal: the line in progress at a time-out
	 * belongs to the question that timed out; drop it up to its newline,
	 * however late that arrives. */
	bool skip_line;
	/* Called after a resize (qd_prompt_on_resize), or NULL. */
	bool (*resize_fn)(void *data);
	void *resize_data;
};

static struct qd_prompt *active;

int64_t qd_prompt_clock_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_line(char *line)
{
	active->done = true;
	if (line)
		active->line = line;
	else
		active->got_eof = true;
	rl_callback_handler_remove();
}

static char *complete_word(const char *text, int state)
{
	struct qd_prompt *p = active;

	if (!state) {
		p->comp_index = 0;
		p->comp_len = strlen(text);
	}
	while (p->completions && p->completions[p->comp_index]) {
		const char *w = p->completions[p->comp_index++];
		if (strncmp(w, text, p->comp_len) == 0)
			return strdup(w);
	}
	return NULL;
}

static char **complete(const char *text, int start, int end)
{
	(void)start;
	(void)end;
	rl_attempted_completion_over = 1; /* never complete file names */
	rl_completion_append_character = '\0';
	if (!active || !active->completions)
		return NULL;
	return rl_completion_matches(text, complete_word);
}

/* Readline opens the history file with a blocking open(), which waits for
 * ever on a FIFO: use the file only when it is a regular file or does not
 * exist yet (checked without blocking; anything else means no history). */
static bool history_usable(const char *path)
{
	int fd = qd_file_open(path, NULL);

	if (fd < 0)
		return errno == ENOENT;
	close(fd);
	return true;
}

/* Creates the directory a file goes in (and its parents). */
static int make_parent(const char *path)
{
	const char *slash = strrchr(path, '/');
	char *dir;
	int rc;

	if (!slash || slash == path)
		return 0;
	dir = qd_xstrndup(path, (size_t)(slash - path));
	rc = qd_file_mkdirs(dir, NULL);
	free(dir);
	return rc;
}

/* Adds sig to set unless it is ignored: a signal the parent chose to
 * ignore (nohup, a background job of a script) stays ignored, and a
 * blocked signal would otherwise be queued despite SIG_IGN. */
static void add_signal(sigset_t *set, int sig)
{
	struct sigaction sa;

	if (sigaction(sig, NULL, &sa) == 0 && sa.sa_handler == SIG_IGN)
		return;
	sigaddset(set, sig);
}

/*
 * Drops type-ahead: called when a read starts after a time-out, and when
 * the prompt is freed after one (on a terminal only), so nothing typed
 * before a prompt appears becomes its answer, or reaches the shell.
 *   - A terminal: the input queue is flushed (tcflush), whether Readline
 *     reads it or the terminal's own line editing does.
 *   - Not a terminal: what is waiting in the pipe arrived before the
 *     prompt and is read and dropped. FIONREAD says how much, so a writer
 *     that never stops (`yes |`) cannot keep us here. If what was dropped
 *     ends inside a line, that line is dropped to its end as it arrives
 *     (skip_line): it was begun before the question it would answer.
 */
static void discard_typeahead(struct qd_prompt *p, bool at_end)
{
	int fd = p->opts.in_fd, avail = 0;
	bool tty = isatty(fd);
	char chunk[4096];

	if (tty)
		tcflush(fd, TCIFLUSH);
	if (tty || at_end || ioctl(fd, FIONREAD, &avail) != 0)
		return;
	while (avail > 0) {
		ssize_t got = read(fd, chunk, (size_t)avail < sizeof(chunk) ? (size_t)avail
		                                                            : sizeof(chunk));
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			p->reof = got == 0;
			break;
		}
		avail -= (int)got;
		p->skip_line = chunk[got - 1] != '\n';
	}
}

int qd_prompt_new(const struct qd_prompt_opts *opts, struct qd_prompt **out,
                  struct qd_err *err)
{
	struct qd_prompt *p = qd_xcalloc(1, sizeof(*p));
	sigset_t set;

	p->opts = *opts;
	p->sigfd = -1;
	/* Ctrl-C, SIGTERM and SIGHUP end a read cleanly in both modes, so a
	 * session or quiz can record what was answered; job control and
	 * resizes only matter to Readline. */
	sigemptyset(&set);
	add_signal(&set, SIGINT);
	add_signal(&set, SIGTERM);
	add_signal(&set, SIGHUP);
	if (opts->terminal) {
		add_signal(&set, SIGTSTP);
		add_signal(&set, SIGWINCH);
	}
	if (sigprocmask(SIG_BLOCK, &set, &p->oldmask) != 0) {
		free(p);
		return qd_err_errno(err, QD_EXIT_SOFTWARE, errno, "cannot block signals");
	}
	p->sigfd = signalfd(-1, &set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (p->sigfd < 0) {
		int e = errno;
		sigprocmask(SIG_SETMASK, &p->oldmask, NULL);
		free(p);
		return qd_err_errno(err, QD_EXIT_SOFTWARE, e, "cannot receive signals");
	}
	if (!opts->terminal) {
		*out = p;
		return 0;
	}

	rl_readline_name = "quizdeck";
	rl_instream = stdin;
	rl_outstream = opts->out;
	rl_catch_signals = 0;
	rl_catch_sigwinch = 0;
	rl_change_environment = 0;
	rl_initialize();
	rl_variable_bind("enable-bracketed-paste", "off");
	rl_attempted_completion_function = complete;
	rl_completer_word_break_characters = (char *)"";
	rl_completer_quote_characters = NULL;

	using_history();
	if (opts->history_path && history_usable(opts->history_path)) {
		p->history_path = qd_xstrdup(opts->history_path);
		stifle_history(opts->history_max > 0 ? opts->history_max : 1000);
		read_history(p->history_path); /* absent on first use */
	}
	*out = p;
	return 0;
}

void qd_prompt_free(struct qd_prompt *p)
{
	if (!p)
		return;
	if (p->opts.terminal) {
		if (p->history_path && p->history_added > 0 && make_parent(p->history_path) == 0) {
			if (access(p->history_path, F_OK) == 0)
				append_history(p->history_added, p->history_path);
			else
				write_history(p->history_path);
			history_truncate_file(p->history_path,
			                      p->opts.history_max > 0 ? p->opts.history_max : 1000);
		}
		clear_history();
		rl_callback_handler_remove();
	}
	if (p->discard)
		discard_typeahead(p, true);
	/* A Ctrl-C typed after the last prompt would kill the process the
	 * moment the mask is restored: the work is done, so drop it. */
	{
		struct signalfd_siginfo si;
		while (read(p->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si))
			;
	}
	close(p->sigfd);
	sigprocmask(SIG_SETMASK, &p->oldmask, NULL);
	free(p->history_path);
	free(p->rbuf);
	free(p);
}

/* "[1:07] " followed by the prompt. */
static char *countdown_prompt(const struct qd_prompt_req *req, int64_t left_ms)
{
	struct qd_buf b;
	int64_t secs = (left_ms + 999) / 1000;

	qd_buf_init(&b);
	if (req->countdown && req->deadline_ms)
		qd_buf_addf(&b, "[%lld:%02lld] ", (long long)(secs / 60), (long long)(secs % 60));
	qd_buf_adds(&b, req->prompt ? req->prompt : "");
	return qd_buf_detach(&b, NULL);
}

static void end_line_state(void)
{
	rl_free_line_state();
	rl_callback_sigcleanup();
	rl_callback_handler_remove();
}

/* Hands the terminal over (to the shell on a stop, to a child in the
 * foreground) in the modes it had before Readline: returns whether
 * Readline had set its own, for give_back(). */
static bool hand_over(const struct qd_prompt *p)
{
	if (!p->opts.terminal || !RL_ISSTATE(RL_STATE_TERMPREPPED))
		return false;
	rl_deprep_terminal();
	return true;
}

/* Takes the terminal back after hand_over(). */
static void take_back(bool prepped)
{
	if (prepped)
		rl_prep_terminal(1);
}

static void suspend_self(struct qd_prompt *p)
{
	bool prepped = hand_over(p);

	kill(getpid(), SIGSTOP);
	/* Resumed by fg: take the terminal back and draw the line again. */
	take_back(prepped);
	fputs("\r\033[K", rl_outstream);
	rl_forced_update_display();
}

bool qd_prompt_terminal(const struct qd_prompt *p)
{
	return p->opts.terminal;
}

void qd_prompt_on_resize(struct qd_prompt *p, bool (*fn)(void *data), void *data)
{
	p->resize_fn = fn;
	p->resize_data = data;
}

/* SIGWINCH while a line is read. Not while Readline shows a message in
 * place of the prompt (a search, a numeric argument): drawing the prompt
 * again would end it. */
static void resized(struct qd_prompt *p)
{
	rl_resize_terminal();
	if (!p->resize_fn ||
	    RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH | RL_STATE_NUMERICARG))
		return;
	if (p->resize_fn(p->resize_data)) {
		/* The owner drew the screen again and left the cursor at the
		 * start of a line: the prompt and the typed text go there. */
		fflush(p->opts.out);
		rl_on_new_line();
		rl_forced_update_display();
	}
}

int qd_prompt_run(struct qd_prompt *p, char *const argv[], int *wstatus, struct qd_err *err)
{
	struct sigaction ign, oldquit;
	struct timespec zero = {0, 0};
	sigset_t tstp, intr;
	pid_t pid;
	int e = 0;
	bool prepped;

	fflush(p->opts.out);
	fflush(stderr);
	prepped = hand_over(p);
	memset(&ign, 0, sizeof(ign));
	ign.sa_handler = SIG_IGN;
	sigemptyset(&ign.sa_mask);
	sigaction(SIGQUIT, &ign, &oldquit);
	pid = fork();
	if (pid == 0) {
		/* As we were started: the child knows nothing of our signalfd. */
		sigaction(SIGQUIT, &oldquit, NULL);
		sigprocmask(SIG_SETMASK, &p->oldmask, NULL);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0) {
		e = errno;
	} else {
		sigemptyset(&tstp);
		if (p->opts.terminal)
			add_signal(&tstp, SIGTSTP);
		sigprocmask(SIG_UNBLOCK, &tstp, NULL);
		while (waitpid(pid, wstatus, 0) < 0) {
			if (errno != EINTR) {
				e = errno;
				break;
			}
		}
		sigprocmask(SIG_BLOCK, &tstp, NULL);
	}
	sigaction(SIGQUIT, &oldquit, NULL);
	/* A Ctrl-C typed while the child ran was the child's. */
	sigemptyset(&intr);
	sigaddset(&intr, SIGINT);
	while (sigtimedwait(&intr, NULL, &zero) > 0)
		;
	take_back(prepped);
	if (pid < 0)
		return qd_err_errno(err, QD_EXIT_SOFTWARE, e, "cannot start '%s'", argv[0]);
	if (e)
		return qd_err_errno(err, QD_EXIT_SOFTWARE, e, "cannot wait for '%s'", argv[0]);
	return 0;
}

static enum qd_prompt_status read_terminal(struct qd_prompt *p, const struct qd_prompt_req *req,
                                           char **line)
{
	enum qd_prompt_status status = QD_PROMPT_LINE;
	char *shown;

	if (p->discard) {
		discard_typeahead(p, false);
		p->discard = false;
	}
	active = p;
	p->done = p->got_eof = false;
	p->line = NULL;
	p->completions = req->completions;
	shown = countdown_prompt(req, req->deadline_ms ? req->deadline_ms - qd_prompt_clock_ms() : 0);
	rl_callback_handler_install(shown, on_line);
	free(shown);

	while (!p->done) {
		struct pollfd fds[2] = {{p->opts.in_fd, POLLIN, 0}, {p->sigfd, POLLIN, 0}};
		int timeout = -1, r;

		if (req->deadline_ms) {
			int64_t left = req->deadline_ms - qd_prompt_clock_ms();
			if (left <= 0) {
				/* What was typed is not an answer: empty the line
				 * (and its undo list), drop a key Readline pushed
				 * back, and end a search, numeric argument or key
				 * sequence in progress, or it would carry over to
				 * the next prompt (and Enter there accept this
				 * line). The terminal's queue is flushed when the
				 * next prompt starts. */
				end_line_state();
				rl_replace_line("", 1);
				rl_clear_pending_input();
				rl_crlf();
				p->discard = true;
				active = NULL;
				return QD_PROMPT_TIMEOUT;
			}
			timeout = (int)(req->countdown ? (left % 1000 ? left % 1000 : 1000)
			                               : (left > 60000 ? 60000 : left));
		}
		r = poll(fds, 2, timeout);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			end_line_state();
			status = QD_PROMPT_ERROR;
			break;
		}
		if (r == 0) {
			/* Not while Readline shows a message in place of the
			 * prompt (a search, a numeric argument): rl_set_prompt()
			 * would draw the prompt over it. */
			if (req->countdown &&
			    !RL_ISSTATE(RL_STATE_ISEARCH | RL_STATE_NSEARCH | RL_STATE_NUMERICARG)) {
				shown = countdown_prompt(req, req->deadline_ms - qd_prompt_clock_ms());
				rl_set_prompt(shown);
				rl_redisplay();
				free(shown);
			}
			continue;
		}
		if (fds[1].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(p->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
				if (si.ssi_signo == SIGWINCH) {
					resized(p);
				} else if (si.ssi_signo == SIGTSTP) {
					suspend_self(p);
				} else {
					end_line_state();
					rl_crlf();
					status = QD_PROMPT_INTERRUPT;
					break;
				}
			}
			continue;
		}
		/* Keys waiting when the deadline has passed are late: the top
		 * of the loop times out instead of reading them. */
		if (req->deadline_ms && qd_prompt_clock_ms() >= req->deadline_ms)
			continue;
		if (fds[0].revents & (POLLIN | POLLHUP | POLLERR))
			rl_callback_read_char();
	}
	active = NULL;
	if (status != QD_PROMPT_LINE) {
		free(p->line);
		*line = NULL;
		return status;
	}
	if (p->got_eof) {
		*line = NULL;
		return QD_PROMPT_EOF;
	}
	if (req->history && p->line[0] && p->history_path) {
		add_history(p->line);
		p->history_added++;
	}
	*line = p->line;
	p->line = NULL;
	return QD_PROMPT_LINE;
}

/* Writes the prompt without Readline's \001..\002 markers and SGR codes. */
static void plain_prompt(FILE *out, const char *s)
{
	bool hidden = false;

	for (; s && *s; s++) {
		if (*s == '\001')
			hidden = true;
		else if (*s == '\002')
			hidden = false;
		else if (!hidden)
			fputc(*s, out);
	}
}

static char *take_line(struct qd_prompt *p, size_t n, size_t skip)
{
	char *l = qd_xstrndup(p->rbuf, n);

	if (n > 0 && l[n - 1] == '\r')
		l[n - 1] = '\0';
	memmove(p->rbuf, p->rbuf + n + skip, p->rlen - n - skip);
	p->rlen -= n + skip;
	return l;
}

static enum qd_prompt_status read_plain(struct qd_prompt *p, const struct qd_prompt_req *req,
                                        char **line)
{
	enum qd_prompt_status status = QD_PROMPT_LINE;

	if (p->discard) {
		discard_typeahead(p, false);
		p->discard = false;
	}
	plain_prompt(p->opts.out, req->prompt);
	fflush(p->opts.out);
	for (;;) {
		struct pollfd fds[2] = {{p->opts.in_fd, POLLIN, 0}, {p->sigfd, POLLIN, 0}};
		char *nl;
		ssize_t got;
		int r;

		if (p->skip_line && p->rlen) {
			char *end = memchr(p->rbuf, '\n', p->rlen);
			size_t n = end ? (size_t)(end - p->rbuf) + 1 : p->rlen;

			memmove(p->rbuf, p->rbuf + n, p->rlen - n);
			p->rlen -= n;
			p->skip_line = !end;
		}
		nl = p->rlen ? memchr(p->rbuf, '\n', p->rlen) : NULL;
		if (nl) {
			*line = take_line(p, (size_t)(nl - p->rbuf), 1);
			break;
		}
		if (p->reof) {
			if (p->rlen == 0) {
				*line = NULL;
				status = QD_PROMPT_EOF;
			} else {
				*line = take_line(p, p->rlen, 0);
			}
			break;
		}
		{
			int timeout = -1;
			if (req->deadline_ms) {
				int64_t left = req->deadline_ms - qd_prompt_clock_ms();
				if (left <= 0) {
					/* The unfinished line is not an answer. Our
					 * buffer holds no complete line (one is returned
					 * as soon as it is), only its start; the rest of
					 * it will be dropped as it arrives. A terminal in
					 * canonical mode (output to a pipe) holds the
					 * line itself, flushed when the next read
					 * starts. */
					if (p->rlen && !isatty(p->opts.in_fd))
						p->skip_line = true;
					p->rlen = 0;
					p->discard = true;
					*line = NULL;
					status = QD_PROMPT_TIMEOUT;
					break;
				}
				timeout = (int)(left > 60000 ? 60000 : left);
			}
			r = poll(fds, 2, timeout);
			if (r < 0 && errno != EINTR) {
				*line = NULL;
				return QD_PROMPT_ERROR;
			}
			if (r <= 0)
				continue;
			if (fds[1].revents & POLLIN) {
				struct signalfd_siginfo si;
				if (read(p->sigfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
					*line = NULL;
					fputc('\n', p->opts.out);
					fflush(p->opts.out);
					return QD_PROMPT_INTERRUPT;
				}
				continue;
			}
			/* Input waiting after the deadline is late: time out. */
			if (req->deadline_ms && qd_prompt_clock_ms() >= req->deadline_ms)
				continue;
		}
		if (p->rcap - p->rlen < 4096) {
			p->rcap = p->rcap ? p->rcap * 2 : 8192;
			p->rbuf = qd_xrealloc(p->rbuf, p->rcap);
		}
		got = read(p->opts.in_fd, p->rbuf + p->rlen, p->rcap - p->rlen);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			*line = NULL;
			return QD_PROMPT_ERROR;
		}
		if (got == 0)
			p->reof = true;
		p->rlen += (size_t)got;
	}
	/* Input is not echoed: show what was read, so a transcript reads well.
	 * Sanitised: the input file may hold escape sequences, and the output
	 * may be a terminal (`quizdeck study < answers.txt`). */
	if (*line) {
		struct qd_buf b;
		qd_buf_init(&b);
		qd_text_sanitize(&b, *line, strlen(*line), QD_SANITIZE_ONELINE);
		qd_buf_addc(&b, '\n');
		fwrite(b.data, 1, b.len, p->opts.out);
		qd_buf_release(&b);
	} else {
		fputc('\n', p->opts.out);
	}
	fflush(p->opts.out);
	return status;
}

enum qd_prompt_status qd_prompt_read(struct qd_prompt *p, const struct qd_prompt_req *req,
                                     char **line)
{
	*line = NULL;
	if (p->opts.terminal)
		return read_terminal(p, req, line);
	return read_plain(p, req, line);
}

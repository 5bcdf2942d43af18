/*
 * ptyrun: run a command on a pseudo-terminal and drive it with a small
 * line-based script (expect / send / key / resize / signal / expect-exit ...),
 * for end-to-end tests of quizdeck's interactive sessions. The script names
 * its command ('command' or 'sh') and can end with a shell 'check' of the
 * files the command left, so one file is one test. The language is
 * documented in docs/testing.md ("End-to-end tests in a pseudo-terminal").
 *
 * Design choices:
 * - Process layout: ptyrun forks a tiny "job controller" that becomes the
 *   session leader with the pty as controlling terminal, and which forks the
 *   command into its own foreground process group. A session leader's own
 *   group is orphaned, and the kernel discards Ctrl-Z (SIGTSTP) for orphaned
 *   groups; with the controller as parent in the same session, Ctrl-Z really
 *   stops the command, as under a shell. The controller reports the command's
 *   pid, stops, continues and exit (with its rusage) over a pipe.
 * - ptyrun holds its own slave descriptor until the controller has started,
 *   so the master never reports a hangup (EIO) before the command has opened
 *   the terminal; afterwards EIO on the master means "all output is in".
 * - All waiting is poll() with a deadline on the monotonic clock; output is
 *   drained whenever ptyrun waits or writes, so the command never blocks on a
 *   full pty buffer.
 * - It does not link the quizdeck library: it is a test tool, and it must not
 *   share code paths (sanitising, terminal handling) with what it checks.
 */
#define _DEFAULT_SOURCE
#define _XOPEN_SOURCE 700

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <regex.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define TAIL_BYTES 2000
#define EOF_GRACE_MS 2000 /* how long to wait for EIO after the exit report */

/* A growable byte buffer; data[len] is always 0 when data is non-NULL. */
struct bytes {
	char *data;
	size_t len, cap;
};

static void bytes_add(struct bytes *b, const void *p, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *d = realloc(b->data, cap);
		if (!d) {
			perror("ptyrun: realloc");
			abort();
		}
		b->data = d;
		b->cap = cap;
	}
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
}

static void bytes_addc(struct bytes *b, char c)
{
	bytes_add(b, &c, 1);
}

/* Records the job controller writes to ptyrun over the status pipe. */
struct report {
	char kind;   /* 'p' pid, 'x' exited, 'k' killed by signal, 'z' stopped, 'c' continued, 'e' error */
	int value;   /* pid, status, signal number or errno */
	long cpu_ms; /* for 'x' and 'k': user + system CPU time of the command */
};

struct forbid {
	char *seq;
	size_t len;
	size_t line;
};

/* A directive of the script. A 'sh' or 'check' directive whose argument is
 * <<WORD takes the lines after it, up to a line WORD, as its body. */
struct line {
	char *text;
	char *body; /* NULL without <<WORD */
	size_t no;  /* its line number in the script file */
};

struct run {
	/* configuration */
	long timeout_ms;
	FILE *rawlog;
	char **argv;      /* the command: from the command line or the script */
	char **argv_own;  /* argv when the script gave it (freed at the end) */
	char *must_fail;  /* 'must-fail TEXT': the failure the script expects */
	struct winsize ws;
	/* the script */
	const char *script_name;
	struct line *lines;
	size_t nlines;
	size_t lineno; /* 1-based number of the directive being run */
	char *cur;     /* working copy of that line, split in place */
	/* the child */
	int master, slave_hold, status_fd;
	pid_t ctl_pid, pid;
	int started, output_eof, exited, stopped;
	int exit_kind, exit_value;
	long exit_cpu_ms;
	/* output */
	struct bytes out;
	size_t mark; /* start of output not yet consumed by an expect */
	struct forbid *forbids;
	size_t nforbids;
};

static int64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ---- text helpers ---- */

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Decodes the escape at *s (just after its backslash) into out and moves *s
 * to its last character. Returns -1 with a message on a malformed escape. */
static int unescape_one(const char **sp, struct bytes *out, const char **why)
{
	const char *s = *sp;
	switch (*s) {
	case 'r': bytes_addc(out, '\r'); break;
	case 'n': bytes_addc(out, '\n'); break;
	case 't': bytes_addc(out, '\t'); break;
	case 'e': bytes_addc(out, '\033'); break;
	case 'a': bytes_addc(out, '\a'); break;
	case 'b': bytes_addc(out, '\b'); break;
	case '0': bytes_addc(out, '\0'); break;
	case 's': bytes_addc(out, ' '); break;
	case '$': bytes_addc(out, '$'); break;
	case '\\': bytes_addc(out, '\\'); break;
	case 'x': {
		int hi = s[1] ? hexval((unsigned char)s[1]) : -1;
		int lo = hi >= 0 && s[2] ? hexval((unsigned char)s[2]) : -1;
		if (lo < 0) {
			*why = "'\\x' needs two hex digits";
			return -1;
		}
		bytes_addc(out, (char)(hi * 16 + lo));
		s += 2;
		break;
	}
	default:
		*why = "unknown escape (use \\r \\n \\t \\e \\a \\b \\0 \\s \\$ \\xNN \\\\)";
		return -1;
	}
	*sp = s;
	return 0;
}

/* Decodes C-style escapes (\r \n \t \e \a \b \0 \xNN \\ \s for a space, \$
 * for a dollar sign) into out. Returns -1 with a message on a malformed
 * escape. */
static int unescape(const char *s, struct bytes *out, const char **why)
{
	out->len = 0;
	bytes_add(out, "", 0);
	for (; *s; s++) {
		if (*s != '\\') {
			bytes_addc(out, *s);
			continue;
		}
		s++;
		if (unescape_one(&s, out, why) < 0)
			return -1;
	}
	return 0;
}

/* Appends a readable, terminal-safe rendering of p[0..n). */
static void escape_into(struct bytes *dst, const char *p, size_t n)
{
	char tmp[8];
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '\n') {
			bytes_add(dst, "\\n\n", 3);
		} else if (c == '\r') {
			bytes_add(dst, "\\r", 2);
		} else if (c == '\t') {
			bytes_add(dst, "\\t", 2);
		} else if (c == 033) {
			bytes_add(dst, "\\e", 2);
		} else if (c == '\\') {
			bytes_add(dst, "\\\\", 2);
		} else if (c < 0x20 || c >= 0x7f) {
			snprintf(tmp, sizeof tmp, "\\x%02x", c);
			bytes_add(dst, tmp, 4);
		} else {
			bytes_addc(dst, (char)c);
		}
	}
}

static const char *find_mem(const char *hay, size_t hn, const char *needle, size_t nn)
{
	if (nn == 0)
		return hay;
	for (size_t i = 0; i + nn <= hn; i++)
		if (hay[i] == needle[0] && memcmp(hay + i, needle, nn) == 0)
			return hay + i;
	return NULL;
}

/*
 * The "screen text" view of raw output: escape sequences removed (CSI
 * ESC [ ... final, OSC ESC ] ... BEL or ST, DCS/SOS/PM/APC ESC P/X/^/_ ... ST,
 * other two- and three-byte ESC sequences), and C0 controls other than LF and
 * TAB removed (so CR, BS and BEL vanish). map[i] is the raw offset just after
 * the raw byte that produced text[i], so a match can be consumed in raw terms.
 */
static void strip_ansi(const char *p, size_t n, struct bytes *text, size_t **map, size_t *mapcap)
{
	size_t i = 0;
	text->len = 0;
	bytes_add(text, "", 0);
	if (*mapcap < n + 1) {
		size_t *m = realloc(*map, (n + 1) * sizeof **map);
		if (!m) {
			perror("ptyrun: realloc");
			abort();
		}
		*map = m;
		*mapcap = n + 1;
	}
	while (i < n) {
		unsigned char c = (unsigned char)p[i];
		if (c == 033) {
			unsigned char k = i + 1 < n ? (unsigned char)p[i + 1] : 0;
			i += 2;
			if (k == '[') {
				while (i < n && !((unsigned char)p[i] >= 0x40 && (unsigned char)p[i] <= 0x7e))
					i++;
				i++;
			} else if (k == ']' || k == 'P' || k == 'X' || k == '^' || k == '_') {
				while (i < n && p[i] != '\a' && !(p[i] == 033 && i + 1 < n && p[i + 1] == '\\'))
					i++;
				i += (i < n && p[i] == 033) ? 2 : 1;
			} else if (k >= 0x20 && k <= 0x2f) {
				while (i < n && (unsigned char)p[i] >= 0x20 && (unsigned char)p[i] <= 0x2f)
					i++;
				i++;
			}
			continue;
		}
		i++;
		if (c < 0x20 && c != '\n' && c != '\t')
			continue;
		(*map)[text->len] = i;
		bytes_addc(text, (char)c);
	}
}

/* ---- failure reporting ---- */

static void kill_child(struct run *r);

static void write_rawlog(struct run *r)
{
	if (r->rawlog) {
		fflush(r->rawlog);
		fclose(r->rawlog);
		r->rawlog = NULL;
	}
}

static void cleanup(struct run *r);

/* Prints where and why the script failed (SCRIPT:LINE: 'directive': why)
 * plus the tail of the output, kills the command and exits 1 -- or 0 when
 * the script said it must fail this way ('must-fail TEXT', TEXT in why). */
static void fail(struct run *r, const char *fmt, ...)
{
	struct bytes tail = {0};
	char why[1024];
	va_list ap;
	size_t start;
	int expected;

	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	if (r->lineno && r->lineno <= r->nlines)
		fprintf(stderr, "ptyrun: %s:%zu: '%s': %s\n", r->script_name,
		        r->lines[r->lineno - 1].no, r->lines[r->lineno - 1].text, why);
	else
		fprintf(stderr, "ptyrun: %s: %s\n", r->script_name, why);

	start = r->out.len > TAIL_BYTES ? r->out.len - TAIL_BYTES : 0;
	fprintf(stderr, "ptyrun: %zu bytes of output, unmatched output starts at byte %zu; "
	                "last %zu bytes (escaped):\n",
	        r->out.len, r->mark, r->out.len - start);
	escape_into(&tail, r->out.data ? r->out.data + start : "", r->out.len - start);
	fprintf(stderr, "----\n%s\n----\n", tail.data ? tail.data : "");
	free(tail.data);
	expected = r->must_fail && strstr(why, r->must_fail);
	if (r->must_fail)
		fprintf(stderr, expected ? "ptyrun: the script failed as it must ('%s')\n"
		                         : "ptyrun: the script must fail with '%s', not this way\n",
		        r->must_fail);
	kill_child(r);
	cleanup(r);
	exit(expected ? 0 : 1);
}

/* A usage or setup error outside the script. */
static void die(const char *fmt, ...)
{
	va_list ap;
	fputs("ptyrun: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* ---- the child ---- */

static void put_report(int fd, char kind, int value, long cpu_ms)
{
	struct report rep = {.kind = kind, .value = value, .cpu_ms = cpu_ms};
	ssize_t w;
	do
		w = write(fd, &rep, sizeof rep);
	while (w < 0 && errno == EINTR);
}

static void reset_signals(void)
{
	static const int sigs[] = {SIGINT, SIGQUIT, SIGTSTP, SIGTTIN, SIGTTOU, SIGCHLD,
	                           SIGHUP, SIGTERM, SIGPIPE, SIGWINCH, SIGCONT, SIGUSR1, SIGUSR2};
	sigset_t none;
	for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
		signal(sigs[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Runs in the forked job controller; never returns. */
static void controller(struct run *r, const char *slave_name, int report_fd)
{
	pid_t pid;
	int slave, status;
	struct rusage ru;

	close(r->master);
	close(r->slave_hold);
	if (setsid() < 0) {
		put_report(report_fd, 'e', errno, 0);
		_exit(127);
	}
	slave = open(slave_name, O_RDWR);
	if (slave < 0 || ioctl(slave, TIOCSCTTY, 0) < 0) {
		put_report(report_fd, 'e', errno, 0);
		_exit(127);
	}
	signal(SIGTTOU, SIG_IGN); /* tcsetpgrp from what becomes a background group */
	signal(SIGHUP, SIG_IGN);
	pid = fork();
	if (pid < 0) {
		put_report(report_fd, 'e', errno, 0);
		_exit(127);
	}
	if (pid == 0) {
		setpgid(0, 0);
		tcsetpgrp(slave, getpid());
		reset_signals();
		close(report_fd);
		if (dup2(slave, 0) < 0 || dup2(slave, 1) < 0 || dup2(slave, 2) < 0)
			_exit(127);
		if (slave > 2)
			close(slave);
		execvp(r->argv[0], r->argv);
		dprintf(2, "ptyrun: cannot run '%s': %s\n", r->argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(pid, pid);
	tcsetpgrp(slave, pid);
	close(slave);
	put_report(report_fd, 'p', pid, 0);
	for (;;) {
		pid_t w = wait4(pid, &status, WUNTRACED | WCONTINUED, &ru);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			put_report(report_fd, 'e', errno, 0);
			_exit(127);
		}
		long cpu = (long)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000 +
		           (long)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1000;
		if (WIFSTOPPED(status)) {
			put_report(report_fd, 'z', WSTOPSIG(status), 0);
		} else if (WIFCONTINUED(status)) {
			put_report(report_fd, 'c', 0, 0);
		} else if (WIFEXITED(status)) {
			put_report(report_fd, 'x', WEXITSTATUS(status), cpu);
			_exit(0);
		} else if (WIFSIGNALED(status)) {
			put_report(report_fd, 'k', WTERMSIG(status), cpu);
			_exit(0);
		}
	}
}

static void handle_report(struct run *r, const struct report *rep)
{
	switch (rep->kind) {
	case 'p':
		r->pid = rep->value;
		break;
	case 'z':
		r->stopped = rep->value;
		break;
	case 'c':
		r->stopped = 0;
		break;
	case 'x':
	case 'k':
		r->exited = 1;
		r->stopped = 0;
		r->exit_kind = rep->kind;
		r->exit_value = rep->value;
		r->exit_cpu_ms = rep->cpu_ms;
		break;
	case 'e':
		fail(r, "cannot start the command: %s", strerror(rep->value));
	}
}

static void start(struct run *r)
{
	int pfd[2];
	const char *name;
	struct report rep;
	ssize_t n;

	if (!r->argv)
		fail(r, "no command to run: add a 'command PROGRAM ARGS...' or 'sh SCRIPT' line "
		        "before the directives that talk to it");
	r->master = posix_openpt(O_RDWR | O_NOCTTY);
	if (r->master < 0 || grantpt(r->master) < 0 || unlockpt(r->master) < 0 ||
	    !(name = ptsname(r->master)))
		die("cannot allocate a pseudo-terminal: %s", strerror(errno));
	/* Held until the controller reports, so the master never sees a hangup
	 * before the command has the terminal open. */
	r->slave_hold = open(name, O_RDWR | O_NOCTTY);
	if (r->slave_hold < 0)
		die("cannot open '%s': %s", name, strerror(errno));
	if (ioctl(r->master, TIOCSWINSZ, &r->ws) < 0)
		die("cannot set the window size: %s", strerror(errno));
	if (pipe(pfd) < 0)
		die("pipe: %s", strerror(errno));
	fflush(NULL);
	r->ctl_pid = fork();
	if (r->ctl_pid < 0)
		die("fork: %s", strerror(errno));
	if (r->ctl_pid == 0) {
		close(pfd[0]);
		fcntl(pfd[1], F_SETFD, FD_CLOEXEC);
		controller(r, name, pfd[1]);
	}
	close(pfd[1]);
	r->status_fd = pfd[0];
	r->started = 1;
	do
		n = read(r->status_fd, &rep, sizeof rep);
	while (n < 0 && errno == EINTR);
	if (n != (ssize_t)sizeof rep)
		fail(r, "the job controller died before starting the command");
	handle_report(r, &rep);
	close(r->slave_hold);
	r->slave_hold = -1;
	fcntl(r->master, F_SETFL, fcntl(r->master, F_GETFL) | O_NONBLOCK);
}

static void kill_child(struct run *r)
{
	int st;
	if (!r->started || r->ctl_pid <= 0)
		return;
	if (r->pid > 0 && !r->exited) {
		kill(-r->pid, SIGKILL);
		kill(r->pid, SIGKILL);
	}
	kill(r->ctl_pid, SIGKILL);
	while (waitpid(r->ctl_pid, &st, 0) < 0 && errno == EINTR)
		;
	r->ctl_pid = 0;
}

static void cleanup(struct run *r)
{
	write_rawlog(r);
	if (r->master >= 0)
		close(r->master);
	if (r->status_fd >= 0)
		close(r->status_fd);
	if (r->slave_hold >= 0)
		close(r->slave_hold);
	r->master = r->status_fd = r->slave_hold = -1;
	for (size_t i = 0; i < r->nlines; i++) {
		free(r->lines[i].text);
		free(r->lines[i].body);
	}
	free(r->lines);
	for (size_t i = 0; r->argv_own && r->argv_own[i]; i++)
		free(r->argv_own[i]);
	free(r->argv_own);
	free(r->must_fail);
	r->argv = r->argv_own = NULL;
	r->must_fail = NULL;
	for (size_t i = 0; i < r->nforbids; i++)
		free(r->forbids[i].seq);
	free(r->forbids);
	free(r->out.data);
	free(r->cur);
	r->cur = NULL;
	r->lines = NULL;
	r->nlines = r->nforbids = 0;
	r->forbids = NULL;
	r->out.data = NULL;
}

/* ---- the event loop ---- */

static void read_master(struct run *r)
{
	char buf[4096];
	for (;;) {
		ssize_t n = read(r->master, buf, sizeof buf);
		if (n > 0) {
			bytes_add(&r->out, buf, (size_t)n);
			if (r->rawlog) { /* flushed at once: the log must survive a hung test */
				fwrite(buf, 1, (size_t)n, r->rawlog);
				fflush(r->rawlog);
			}
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		/* EIO (Linux, slave closed by everyone) or 0: no more output. */
		r->output_eof = 1;
		return;
	}
}

static void read_status(struct run *r)
{
	struct report rep;
	ssize_t n = read(r->status_fd, &rep, sizeof rep);
	if (n == (ssize_t)sizeof rep)
		handle_report(r, &rep);
	else if (n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN)) {
		close(r->status_fd);
		r->status_fd = -1;
		if (!r->exited)
			fail(r, "the job controller died unexpectedly");
	}
}

/*
 * Waits until done(r, arg) holds, the deadline passes (returns 0), or nothing
 * more can happen (output at EOF and the command gone; returns 0). While
 * waiting it reads all output and status reports. With wbuf, it also writes
 * those bytes to the terminal as it becomes writable.
 */
static int pump(struct run *r, int64_t deadline, int (*done)(struct run *, void *), void *arg,
                const char *wbuf, size_t wlen)
{
	size_t woff = 0;
	for (;;) {
		struct pollfd pf[2];
		int64_t left;
		int n = 0, rc;

		if (woff == wlen && done && done(r, arg))
			return 1;
		if (woff == wlen && !done)
			return 1;
		if (r->output_eof && r->status_fd < 0)
			return 0;
		left = deadline - now_ms();
		if (left <= 0)
			return 0;
		pf[0].fd = r->output_eof ? -1 : r->master;
		pf[0].events = POLLIN | (woff < wlen ? POLLOUT : 0);
		pf[0].revents = 0;
		pf[1].fd = r->status_fd;
		pf[1].events = POLLIN;
		pf[1].revents = 0;
		n = 2;
		rc = poll(pf, (nfds_t)n, left > 1000 ? 1000 : (int)left);
		if (rc < 0) {
			if (errno == EINTR)
				continue;
			fail(r, "poll: %s", strerror(errno));
		}
		if (pf[0].revents & (POLLIN | POLLHUP | POLLERR))
			read_master(r);
		if (woff < wlen && (pf[0].revents & POLLOUT)) {
			ssize_t w = write(r->master, wbuf + woff, wlen - woff);
			if (w > 0)
				woff += (size_t)w;
			else if (w < 0 && errno != EAGAIN && errno != EINTR)
				fail(r, "cannot write to the terminal: %s", strerror(errno));
		}
		if (woff < wlen && r->output_eof)
			fail(r, "cannot send: the terminal is closed");
		if (pf[1].revents & (POLLIN | POLLHUP | POLLERR))
			read_status(r);
	}
}

/* ---- matching ---- */

struct matcher {
	const char *text; /* literal */
	size_t len;
	regex_t *re;      /* or regular expression */
	size_t end;       /* raw offset just past the match */
	const char *view; /* "text" or "raw" */
	struct bytes stripped;
	size_t *map, mapcap;
	struct bytes rawcopy;
};

static int match_in(struct matcher *m, const char *hay, size_t n, size_t *end)
{
	if (m->re) {
		regmatch_t pm[1];
		if (regexec(m->re, hay, 1, pm, 0) != 0)
			return 0;
		*end = (size_t)pm[0].rm_eo;
		return 1;
	} else {
		const char *p = find_mem(hay, n, m->text, m->len);
		if (!p)
			return 0;
		*end = (size_t)(p - hay) + m->len;
		return 1;
	}
}

/* Does the unconsumed output contain the pattern, as screen text or raw? */
static int matched(struct run *r, void *arg)
{
	struct matcher *m = arg;
	const char *raw = r->out.data ? r->out.data + r->mark : "";
	size_t n = r->out.len - r->mark, end;

	strip_ansi(raw, n, &m->stripped, &m->map, &m->mapcap);
	if (match_in(m, m->stripped.data, m->stripped.len, &end)) {
		m->end = r->mark + (end ? m->map[end - 1] : 0);
		m->view = "text";
		return 1;
	}
	/* regexec needs a C string: NULs in raw output become 0xff */
	m->rawcopy.len = 0;
	bytes_add(&m->rawcopy, raw, n);
	for (size_t i = 0; i < n; i++)
		if (m->rawcopy.data[i] == '\0')
			m->rawcopy.data[i] = (char)0xff;
	if (match_in(m, m->rawcopy.data, n, &end)) {
		m->end = r->mark + end;
		m->view = "raw";
		return 1;
	}
	return 0;
}

static void matcher_release(struct matcher *m)
{
	free(m->stripped.data);
	free(m->map);
	free(m->rawcopy.data);
}

static int has_exited(struct run *r, void *arg)
{
	(void)arg;
	return r->exited && (r->output_eof || r->status_fd < 0);
}

static int has_exit_report(struct run *r, void *arg)
{
	(void)arg;
	return r->exited;
}

static int is_stopped(struct run *r, void *arg)
{
	(void)arg;
	return r->stopped != 0;
}

/* ---- directives ---- */

static const struct {
	const char *name;
	int sig;
} signals[] = {
	{"HUP", SIGHUP}, {"INT", SIGINT}, {"QUIT", SIGQUIT}, {"KILL", SIGKILL},
	{"TERM", SIGTERM}, {"USR1", SIGUSR1}, {"USR2", SIGUSR2}, {"PIPE", SIGPIPE},
	{"ALRM", SIGALRM}, {"CHLD", SIGCHLD}, {"CONT", SIGCONT}, {"STOP", SIGSTOP},
	{"TSTP", SIGTSTP}, {"TTIN", SIGTTIN}, {"TTOU", SIGTTOU}, {"WINCH", SIGWINCH},
	{"ABRT", SIGABRT}, {"SEGV", SIGSEGV},
};

static int parse_signal(const char *s)
{
	char *end;
	long v;
	if (strncmp(s, "SIG", 3) == 0)
		s += 3;
	for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++)
		if (strcmp(s, signals[i].name) == 0)
			return signals[i].sig;
	v = strtol(s, &end, 10);
	if (*s && !*end && v > 0 && v < 65)
		return (int)v;
	return -1;
}

static long parse_num(struct run *r, const char *s, const char *what)
{
	char *end;
	long v;
	errno = 0;
	v = strtol(s, &end, 10);
	if (!*s || *end || errno || v < 0)
		fail(r, "%s must be a non-negative integer, not '%s'", what, s);
	return v;
}

static const struct {
	const char *name;
	const char *bytes;
} keys[] = {
	{"enter", "\r"}, {"return", "\r"}, {"tab", "\t"}, {"backspace", "\x7f"},
	{"esc", "\033"}, {"escape", "\033"}, {"space", " "},
	{"up", "\033[A"}, {"down", "\033[B"}, {"right", "\033[C"}, {"left", "\033[D"},
	{"home", "\033[H"}, {"end", "\033[F"}, {"delete", "\033[3~"},
	{"pageup", "\033[5~"}, {"pagedown", "\033[6~"},
};

static void send_bytes(struct run *r, const char *p, size_t n)
{
	if (!pump(r, now_ms() + r->timeout_ms, NULL, NULL, p, n))
		fail(r, "timed out sending %zu bytes (the command is not reading?)", n);
}

static void cmd_key(struct run *r, const char *name)
{
	char c;
	if (strncmp(name, "ctrl-", 5) == 0 && name[5] && !name[6]) {
		c = name[5];
		if (isalpha((unsigned char)c))
			c = (char)(tolower((unsigned char)c) - 'a' + 1);
		else if (c >= '@' && c <= '_')
			c = (char)(c - '@');
		else
			fail(r, "unknown key '%s'", name);
		send_bytes(r, &c, 1);
		return;
	}
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		if (strcmp(name, keys[i].name) == 0) {
			send_bytes(r, keys[i].bytes, strlen(keys[i].bytes));
			return;
		}
	}
	fail(r, "unknown key '%s' (ctrl-A..ctrl-Z, ctrl-[ ctrl-\\ ctrl-] ctrl-^ ctrl-_, enter, tab, "
	        "backspace, esc, space, up, down, left, right, home, end, delete, pageup, pagedown)",
	     name);
}

static void cmd_expect(struct run *r, const char *arg, int is_re)
{
	struct matcher m = {0};
	struct bytes lit = {0};
	regex_t re;
	const char *why;
	int ok;

	if (is_re) {
		int rc = regcomp(&re, arg, REG_EXTENDED);
		if (rc) {
			char msg[256];
			regerror(rc, &re, msg, sizeof msg);
			fail(r, "bad regular expression: %s", msg);
		}
		m.re = &re;
	} else {
		if (unescape(arg, &lit, &why) < 0)
			fail(r, "%s", why);
		m.text = lit.data;
		m.len = lit.len;
	}
	ok = pump(r, now_ms() + r->timeout_ms, matched, &m, NULL, 0);
	if (is_re)
		regfree(&re);
	free(lit.data);
	if (!ok) {
		matcher_release(&m);
		if (r->output_eof && r->status_fd < 0)
			fail(r, "not found, and the command has exited with no more output");
		fail(r, "not found within %ld ms", r->timeout_ms);
	}
	r->mark = m.end;
	matcher_release(&m);
}

static void cmd_not_expect(struct run *r, const char *arg)
{
	struct matcher m = {0};
	struct bytes lit = {0};
	const char *sp = strrchr(arg, ' '), *why = NULL;
	char *text;
	long ms;
	int seen;

	if (!sp)
		fail(r, "usage: not-expect TEXT MS");
	ms = parse_num(r, sp + 1, "MS");
	if (!(text = strndup(arg, (size_t)(sp - arg))))
		abort();
	if (unescape(text, &lit, &why) < 0) {
		free(text);
		free(lit.data);
		fail(r, "%s", why);
	}
	free(text);
	m.text = lit.data;
	m.len = lit.len;
	/* waits the whole time unless the text appears or the command is gone */
	seen = pump(r, now_ms() + ms, matched, &m, NULL, 0);
	free(lit.data);
	matcher_release(&m);
	if (seen)
		fail(r, "unwanted text appeared (%s view)", m.view);
}

static int never(struct run *r, void *arg)
{
	(void)r;
	(void)arg;
	return 0;
}

/* Takes in whatever output and reports are already there, without waiting. */
static void drain(struct run *r)
{
	pump(r, now_ms() + 1, never, NULL, NULL, 0);
}

static void cmd_sleep(struct run *r, long ms)
{
	/* returns at the deadline, or early when nothing more can happen */
	pump(r, now_ms() + ms, never, NULL, NULL, 0);
}

static const char *exit_text(struct run *r, char *buf, size_t n)
{
	if (r->exit_kind == 'x')
		snprintf(buf, n, "exit status %d", r->exit_value);
	else
		snprintf(buf, n, "killed by signal %d (signal:%d)", r->exit_value, r->exit_value);
	return buf;
}

static void cmd_expect_exit(struct run *r, const char *arg)
{
	char got[64];
	int want_sig = 0, want = 0;

	if (strncmp(arg, "signal:", 7) == 0) {
		want_sig = 1;
		want = parse_signal(arg + 7);
		if (want < 0)
			fail(r, "unknown signal '%s'", arg + 7);
	} else {
		want = (int)parse_num(r, arg, "STATUS");
	}
	if (!pump(r, now_ms() + r->timeout_ms, has_exit_report, NULL, NULL, 0))
		fail(r, "the command did not exit within %ld ms", r->timeout_ms);
	/* collect the last output: wait for the hangup (EIO) briefly */
	pump(r, now_ms() + EOF_GRACE_MS, has_exited, NULL, NULL, 0);
	if (want_sig ? (r->exit_kind != 'k' || r->exit_value != want)
	             : (r->exit_kind != 'x' || r->exit_value != want))
		fail(r, "the command ended with %s", exit_text(r, got, sizeof got));
}

static void cmd_expect_sane(struct run *r)
{
	struct termios t;
	struct bytes bad = {0};

	drain(r);
	if (tcgetattr(r->master, &t) < 0)
		fail(r, "tcgetattr: %s", strerror(errno));
	if (!(t.c_lflag & ICANON))
		bytes_add(&bad, " -icanon", 8);
	if (!(t.c_lflag & ECHO))
		bytes_add(&bad, " -echo", 6);
	if (!(t.c_lflag & ISIG))
		bytes_add(&bad, " -isig", 6);
	if (!(t.c_iflag & ICRNL))
		bytes_add(&bad, " -icrnl", 7);
	if (!(t.c_oflag & OPOST))
		bytes_add(&bad, " -opost", 7);
	if (bad.len) {
		char msg[128];
		snprintf(msg, sizeof msg, "%s", bad.data);
		free(bad.data);
		fail(r, "the terminal is not sane:%s", msg);
	}
}

static void cmd_expect_stopped(struct run *r)
{
	if (!pump(r, now_ms() + r->timeout_ms, is_stopped, NULL, NULL, 0))
		fail(r, "the command did not stop within %ld ms", r->timeout_ms);
}

static void cmd_forbid(struct run *r, const char *arg)
{
	const char *p = arg;
	while (*p) {
		struct bytes seq = {0};
		while (*p == ' ')
			p++;
		if (!*p)
			break;
		while (*p && *p != ' ') {
			int hi = hexval((unsigned char)p[0]);
			int lo = p[1] ? hexval((unsigned char)p[1]) : -1;
			if (hi < 0 || lo < 0) {
				free(seq.data);
				fail(r, "forbid-bytes takes hex byte strings such as 1b5d or 9b");
			}
			bytes_addc(&seq, (char)(hi * 16 + lo));
			p += 2;
		}
		struct forbid *f = realloc(r->forbids, (r->nforbids + 1) * sizeof *f);
		if (!f)
			abort();
		r->forbids = f;
		f[r->nforbids].seq = seq.data;
		f[r->nforbids].len = seq.len;
		f[r->nforbids].line = r->lineno;
		r->nforbids++;
	}
}

static void check_forbids(struct run *r)
{
	for (size_t i = 0; i < r->nforbids; i++) {
		const struct forbid *f = &r->forbids[i];
		const char *hit = find_mem(r->out.data ? r->out.data : "", r->out.len, f->seq, f->len);
		if (hit) {
			r->lineno = f->line;
			fail(r, "forbidden bytes appeared in the output at byte %zu",
			     (size_t)(hit - r->out.data));
		}
	}
}

static long proc_cpu_ms(struct run *r)
{
	char path[64], buf[1024], *p;
	unsigned long ut, st;
	FILE *f;
	size_t n;

	snprintf(path, sizeof path, "/proc/%ld/stat", (long)r->pid);
	if (!(f = fopen(path, "r")))
		return -1;
	n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* the command name (field 2) may hold spaces and parentheses */
	if (!(p = strrchr(buf, ')')))
		return -1;
	/* after ')': state(3) ... utime(14) stime(15) */
	if (sscanf(p + 1, " %*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (long)((ut + st) * 1000 / (unsigned long)sysconf(_SC_CLK_TCK));
}

static void cmd_cpu_max(struct run *r, long max)
{
	long cpu;
	drain(r);
	cpu = r->exited ? r->exit_cpu_ms : proc_cpu_ms(r);
	if (cpu < 0 && !r->exited) {
		/* it may have exited just now */
		pump(r, now_ms() + 200, has_exit_report, NULL, NULL, 0);
		cpu = r->exited ? r->exit_cpu_ms : -1;
	}
	if (cpu < 0)
		fail(r, "cannot read the command's CPU time");
	fprintf(stderr, "ptyrun: line %zu: command CPU time so far %ld ms\n",
	        r->lines[r->lineno - 1].no, cpu);
	if (cpu > max)
		fail(r, "the command used %ld ms of CPU time, more than %ld ms", cpu, max);
}

static int parse_winsize(struct run *r, const char *arg)
{
	long cols, rows;
	char extra;
	if (sscanf(arg, "%ld %ld %c", &cols, &rows, &extra) != 2 || cols < 1 || rows < 1 ||
	    cols > 10000 || rows > 10000)
		fail(r, "usage: resize COLS ROWS");
	r->ws.ws_col = (unsigned short)cols;
	r->ws.ws_row = (unsigned short)rows;
	return 0;
}

/* Appends a word to the command the script gives (r->argv_own, kept
 * NULL-terminated). */
static void add_arg(struct run *r, size_t *n, const char *word)
{
	char **v = realloc(r->argv_own, (*n + 2) * sizeof *v);
	if (!v)
		abort();
	r->argv_own = v;
	if (!(v[*n] = strdup(word)))
		abort();
	v[++*n] = NULL;
}

static void check_no_command(struct run *r, const char *word)
{
	if (r->started)
		fail(r, "'%s' must come before the command starts", word);
	if (r->argv)
		fail(r, "the command is already given (%s)",
		     r->argv_own ? "by an earlier line" : "on ptyrun's command line");
}

/* command WORD...: words split at blanks; in each, escapes are decoded and
 * $NAME or ${NAME} is replaced by that environment variable (set by the
 * caller or an 'env' line), so a value with spaces stays one word. */
static void cmd_command(struct run *r, const char *arg)
{
	struct bytes w = {0};
	const char *why;
	size_t n = 0;

	check_no_command(r, "command");
	for (const char *p = arg;;) {
		p += strspn(p, " \t");
		if (!*p)
			break;
		w.len = 0;
		bytes_add(&w, "", 0);
		for (; *p && *p != ' ' && *p != '\t'; p++) {
			if (*p == '\\') {
				p++;
				if (unescape_one(&p, &w, &why) < 0)
					fail(r, "%s", why);
			} else if (*p == '$' && (p[1] == '{' || p[1] == '_' || isalpha((unsigned char)p[1]))) {
				char name[256];
				const char *v;
				size_t len;
				int braced = p[1] == '{';
				const char *start = p + 1 + braced;
				len = strspn(start, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
				                    "0123456789_");
				if (!len || len >= sizeof name || (braced && start[len] != '}'))
					fail(r, "malformed variable reference (write $NAME or ${NAME})");
				memcpy(name, start, len);
				name[len] = '\0';
				if (!(v = getenv(name)))
					fail(r, "'$%s' is not set", name);
				bytes_add(&w, v, strlen(v));
				p = start + len + braced - 1;
			} else {
				bytes_addc(&w, *p);
			}
		}
		add_arg(r, &n, w.data);
	}
	free(w.data);
	if (!n)
		fail(r, "usage: command PROGRAM [ARGS...]");
	r->argv = r->argv_own;
}

/* sh SCRIPT (or a <<WORD block): the command is /bin/sh -c SCRIPT. */
static void cmd_sh(struct run *r, const char *script)
{
	size_t n = 0;

	check_no_command(r, "sh");
	if (!*script)
		fail(r, "usage: sh SCRIPT, or sh <<WORD followed by lines and WORD");
	add_arg(r, &n, "/bin/sh");
	add_arg(r, &n, "-c");
	add_arg(r, &n, script);
	r->argv = r->argv_own;
}

/* check SCRIPT (or a <<WORD block): runs /bin/sh -c SCRIPT now, in ptyrun's
 * directory and environment (with the 'env' lines); a status other than 0
 * fails the script. For the files the command left once it has exited. */
static void cmd_check(struct run *r, const char *script)
{
	pid_t pid;
	int st;

	if (!*script)
		fail(r, "usage: check SCRIPT, or check <<WORD followed by lines and WORD");
	drain(r);
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		fail(r, "fork: %s", strerror(errno));
	if (pid == 0) {
		if (r->master >= 0)
			close(r->master);
		if (r->status_fd >= 0)
			close(r->status_fd);
		signal(SIGPIPE, SIG_DFL);
		execl("/bin/sh", "sh", "-c", script, (char *)NULL);
		dprintf(2, "ptyrun: cannot run /bin/sh: %s\n", strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			fail(r, "waitpid: %s", strerror(errno));
	if (WIFSIGNALED(st))
		fail(r, "the check was killed by signal %d", WTERMSIG(st));
	if (WEXITSTATUS(st) != 0)
		fail(r, "the check failed (exit status %d)", WEXITSTATUS(st));
}

/* Directives allowed before the command starts; the first other one starts it. */
static int is_setup(const char *word)
{
	return !strcmp(word, "env") || !strcmp(word, "unset") || !strcmp(word, "timeout") ||
	       !strcmp(word, "resize") || !strcmp(word, "forbid-bytes") ||
	       !strcmp(word, "command") || !strcmp(word, "sh") || !strcmp(word, "must-fail");
}

static void run_line(struct run *r, char *line, const char *body)
{
	char *word = line, *arg;
	struct bytes tmp = {0};
	const char *why;

	while (*word == ' ' || *word == '\t')
		word++;
	if (!*word || *word == '#')
		return;
	arg = word + strcspn(word, " ");
	if (*arg)
		*arg++ = '\0';

	if (!r->started && !is_setup(word))
		start(r);

	if (!strcmp(word, "command")) {
		cmd_command(r, arg);
	} else if (!strcmp(word, "sh")) {
		cmd_sh(r, body ? body : arg);
	} else if (!strcmp(word, "check")) {
		cmd_check(r, body ? body : arg);
	} else if (!strcmp(word, "must-fail")) {
		if (r->started)
			fail(r, "'must-fail' must come before the command starts");
		if (!*arg)
			fail(r, "usage: must-fail TEXT");
		free(r->must_fail);
		if (!(r->must_fail = strdup(arg)))
			abort();
	} else if (!strcmp(word, "env")) {
		char *eq = strchr(arg, '=');
		if (r->started)
			fail(r, "'env' must come before the command starts");
		if (!eq || eq == arg)
			fail(r, "usage: env NAME=VALUE");
		*eq = '\0';
		if (unescape(eq + 1, &tmp, &why) < 0)
			fail(r, "%s", why);
		setenv(arg, tmp.data, 1);
		*eq = '=';
	} else if (!strcmp(word, "unset")) {
		if (r->started)
			fail(r, "'unset' must come before the command starts");
		unsetenv(arg);
	} else if (!strcmp(word, "timeout")) {
		r->timeout_ms = parse_num(r, arg, "timeout (ms)");
	} else if (!strcmp(word, "expect")) {
		cmd_expect(r, arg, 0);
	} else if (!strcmp(word, "expect-re")) {
		cmd_expect(r, arg, 1);
	} else if (!strcmp(word, "not-expect")) {
		cmd_not_expect(r, arg);
	} else if (!strcmp(word, "send") || !strcmp(word, "sendline")) {
		if (unescape(arg, &tmp, &why) < 0)
			fail(r, "%s", why);
		if (word[4] == 'l')
			bytes_addc(&tmp, '\r');
		send_bytes(r, tmp.data, tmp.len);
	} else if (!strcmp(word, "key")) {
		cmd_key(r, arg);
	} else if (!strcmp(word, "sleep")) {
		cmd_sleep(r, parse_num(r, arg, "MS"));
	} else if (!strcmp(word, "resize")) {
		parse_winsize(r, arg);
		if (r->started) {
			if (ioctl(r->master, TIOCSWINSZ, &r->ws) < 0)
				fail(r, "TIOCSWINSZ: %s", strerror(errno));
			if (!r->exited)
				kill(-r->pid, SIGWINCH);
		}
	} else if (!strcmp(word, "signal")) {
		int sig = parse_signal(arg);
		if (sig < 0)
			fail(r, "unknown signal '%s'", arg);
		if (!r->exited && kill(-r->pid, sig) < 0)
			fail(r, "kill: %s", strerror(errno));
	} else if (!strcmp(word, "expect-exit")) {
		cmd_expect_exit(r, arg);
	} else if (!strcmp(word, "expect-stopped")) {
		cmd_expect_stopped(r);
	} else if (!strcmp(word, "expect-sane")) {
		cmd_expect_sane(r);
	} else if (!strcmp(word, "forbid-bytes")) {
		cmd_forbid(r, arg);
	} else if (!strcmp(word, "cpu-max")) {
		cmd_cpu_max(r, parse_num(r, arg, "MS"));
	} else {
		fail(r, "unknown directive '%s'", word);
	}
	free(tmp.data);
}

/* The WORD of a 'sh <<WORD' or 'check <<WORD' line, or NULL. */
static const char *block_word(const char *line)
{
	const char *p = line + strspn(line, " \t"), *w;
	if (!strncmp(p, "sh ", 3))
		p += 3;
	else if (!strncmp(p, "check ", 6))
		p += 6;
	else
		return NULL;
	p += strspn(p, " \t");
	if (strncmp(p, "<<", 2))
		return NULL;
	w = p + 2;
	if (!*w || w[strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")])
		return NULL;
	return w;
}

static void read_script(struct run *r, const char *path)
{
	FILE *f = (!path || !strcmp(path, "-")) ? stdin : fopen(path, "r");
	char *line = NULL;
	size_t cap = 0, no = 0;
	ssize_t n;
	struct line *cur = NULL; /* the directive whose <<WORD block is being read */
	struct bytes body = {0};

	r->script_name = f == stdin ? "<stdin>" : path;
	if (!f)
		die("cannot open script '%s': %s", path, strerror(errno));
	while ((n = getline(&line, &cap, f)) >= 0) {
		struct line *l;
		no++;
		while (n > 0 && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			line[--n] = '\0';
		if (cur) {
			if (!strcmp(line, block_word(cur->text))) {
				cur->body = body.data ? body.data : strdup("");
				body = (struct bytes){0};
				cur = NULL;
			} else {
				bytes_add(&body, line, (size_t)n);
				bytes_addc(&body, '\n');
			}
			continue;
		}
		l = realloc(r->lines, (r->nlines + 1) * sizeof *l);
		if (!l)
			abort();
		r->lines = l;
		l = &r->lines[r->nlines++];
		*l = (struct line){.text = strdup(line), .no = no};
		if (!l->text)
			abort();
		if (block_word(line))
			cur = l;
	}
	free(line);
	if (ferror(f))
		die("cannot read the script: %s", strerror(errno));
	if (cur)
		die("%s:%zu: no line '%s' ends the block of '%s'", r->script_name, cur->no,
		    block_word(cur->text), cur->text);
	if (f != stdin)
		fclose(f);
}

static void usage(void)
{
	fputs("usage: ptyrun [-t TIMEOUT_S] [-o RAWLOG] [-s SCRIPT] [-- COMMAND [ARGS...]]\n"
	      "  (without COMMAND, the script's 'command' or 'sh' line gives it)\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	struct run r = {.timeout_ms = 10000, .master = -1, .slave_hold = -1, .status_fd = -1,
	                .ws = {.ws_col = 80, .ws_row = 24}};
	const char *script = NULL, *rawlog = NULL;
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			i++;
			break;
		} else if (!strcmp(argv[i], "-t") && i + 1 < argc) {
			char *end;
			double t = strtod(argv[++i], &end);
			if (*end || !(t > 0) || t > 86400)
				usage();
			r.timeout_ms = (long)(t * 1000);
		} else if (!strcmp(argv[i], "-o") && i + 1 < argc) {
			rawlog = argv[++i];
		} else if (!strcmp(argv[i], "-s") && i + 1 < argc) {
			script = argv[++i];
		} else {
			usage();
		}
	}
	if (i < argc)
		r.argv = argv + i;
	else if (i > 1 && !strcmp(argv[i - 1], "--"))
		usage();
	/* the terminal is ours to write; never die of SIGPIPE on the log */
	signal(SIGPIPE, SIG_IGN);
	read_script(&r, script);
	if (rawlog && !(r.rawlog = fopen(rawlog, "wbe")))
		die("cannot create '%s': %s", rawlog, strerror(errno));

	for (size_t l = 0; l < r.nlines; l++) {
		r.lineno = l + 1;
		if (!(r.cur = strdup(r.lines[l].text)))
			abort();
		run_line(&r, r.cur, r.lines[l].body);
		free(r.cur);
		r.cur = NULL;
	}
	r.lineno = r.nlines;
	if (!r.started)
		start(&r);
	/* take in what is already there, then judge the whole output */
	drain(&r);
	check_forbids(&r);
	kill_child(&r);
	if (r.must_fail) {
		fprintf(stderr, "ptyrun: %s: the script must fail with '%s', but it passed\n",
		        r.script_name, r.must_fail);
		cleanup(&r);
		return 1;
	}
	cleanup(&r);
	return 0;
}

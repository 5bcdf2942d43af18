/*
 * bench-run: times a command the way bench/bench-table.sh needs, without
 * the noise of a shell's clock: RUNS runs of COMMAND (each after SETUP, a
 * shell command run untimed; its standard input from FILE or /dev/null,
 * its output thrown away), each measured through wait4(): the wall time
 * (CLOCK_MONOTONIC from fork to reaping), the CPU time (user + system) and
 * the peak resident set (ru_maxrss) of that one process.
 *
 * With --pty TEXT the command runs instead on a pseudo-terminal of 80x24
 * (as the session leader, the pty its controlling terminal and its
 * standard input, output and error) and the wall time is from fork to the
 * moment TEXT first appears in its output: how long a learner waits for
 * the first question. The command is then ended (SIGTERM, SIGKILL after
 * 5 s) and reaped, so the CPU time and the peak RSS are those of the
 * whole run, including its last moments. A command that exits, or has not
 * shown TEXT within 60 s, is a failure.
 *
 * usage: bench-run [--runs N] [--setup SHELL_COMMAND] [--stdin FILE | --pty TEXT]
 *                  COMMAND [ARG...]
 *
 * Prints one line: the median wall seconds, the median CPU seconds, the
 * largest peak RSS in KiB and the exit status of the last run (a signal N
 * as 128 + N; 0 with --pty once TEXT appeared):
 *
 *   0.081234 0.079000 8644 0
 *
 * Exit status 0 when every run could be started and measured (whatever the
 * command's own status), else 1 with a message on stderr.
 */
#define _GNU_SOURCE /* wait4(), memmem(), posix_openpt() */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
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

#define MAX_RUNS 101
#define PTY_TIMEOUT_S 60.0

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), dbl_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The measures of one run. */
struct run {
	double wall, cpu;
	long peak;
	int status;
};

/* Reaps pid into r (all but the wall time). Returns 0, or -1. */
static int reap(pid_t pid, struct run *r)
{
	struct rusage ru;
	int st;

	while (wait4(pid, &st, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "bench-run: wait4: %s\n", strerror(errno));
			return -1;
		}
	}
	r->cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	         (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	r->peak = ru.ru_maxrss;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return 0;
}

/* Runs argv once with its input from the file in; fills r. Returns 0, or
 * -1 if it could not. */
static int run_plain(char **argv, const char *in, struct run *r)
{
	double t0 = now();
	pid_t pid = fork();

	if (pid < 0) {
		fprintf(stderr, "bench-run: fork: %s\n", strerror(errno));
		return -1;
	}
	if (pid == 0) {
		int fd = open(in, O_RDONLY);
		int null = open("/dev/null", O_WRONLY);
		if (fd < 0 || null < 0 || dup2(fd, 0) < 0 || dup2(null, 1) < 0 || dup2(null, 2) < 0)
			_exit(126);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (reap(pid, r))
		return -1;
	r->wall = now() - t0;
	if (r->status == 127 || r->status == 126) {
		fprintf(stderr, "bench-run: cannot run %s\n", argv[0]);
		return -1;
	}
	return 0;
}

/* Ends the child pid: SIGTERM, then SIGKILL if it is still there after 5 s. */
static void end_child(pid_t pid)
{
	kill(pid, SIGTERM);
	for (int i = 0; i < 500; i++) {
		siginfo_t si;
		si.si_pid = 0;
		if (waitid(P_PID, (id_t)pid, &si, WEXITED | WNOHANG | WNOWAIT) == 0 && si.si_pid == pid)
			return;
		usleep(10000);
	}
	kill(pid, SIGKILL);
}

/* Runs argv once on a new pty until text appears in its output; fills r,
 * the wall time up to text. Returns 0, or -1 if it could not, or the
 * command ended or stalled before text. */
static int run_pty(char **argv, const char *text, struct run *r)
{
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	size_t tlen = strlen(text), have = 0;
	char *seen = malloc(2 * tlen + 4096);
	double t0, found = -1;
	int master, ok = 0;
	pid_t pid;

	if (!seen)
		return -1;
	master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) < 0 || unlockpt(master) < 0 ||
	    ioctl(master, TIOCSWINSZ, &ws) < 0) {
		fprintf(stderr, "bench-run: cannot open a pty: %s\n", strerror(errno));
		free(seen);
		if (master >= 0)
			close(master);
		return -1;
	}
	t0 = now();
	pid = fork();
	if (pid < 0) {
		fprintf(stderr, "bench-run: fork: %s\n", strerror(errno));
		free(seen);
		close(master);
		return -1;
	}
	if (pid == 0) {
		const char *name = ptsname(master);
		int slave;
		if (setsid() < 0 || !name)
			_exit(126);
		slave = open(name, O_RDWR);
		if (slave < 0 || ioctl(slave, TIOCSCTTY, 0) < 0 || dup2(slave, 0) < 0 ||
		    dup2(slave, 1) < 0 || dup2(slave, 2) < 0)
			_exit(126);
		close(master);
		if (slave > 2)
			close(slave);
		execvp(argv[0], argv);
		_exit(127);
	}
	/* Keep the last tlen - 1 bytes read, so that text is found across reads. */
	while (found < 0) {
		struct pollfd p = {.fd = master, .events = POLLIN};
		double left = PTY_TIMEOUT_S - (now() - t0);
		ssize_t n;
		if (left <= 0) {
			fprintf(stderr, "bench-run: '%s' not shown within %.0f s\n", text, PTY_TIMEOUT_S);
			break;
		}
		if (poll(&p, 1, (int)(left * 1000) + 1) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "bench-run: poll: %s\n", strerror(errno));
			break;
		}
		if (!p.revents)
			continue;
		n = read(master, seen + have, 4096);
		if (n <= 0) {
			fprintf(stderr, "bench-run: %s ended before showing '%s'\n", argv[0], text);
			break;
		}
		have += (size_t)n;
		if (have >= tlen && memmem(seen, have, text, tlen)) {
			found = now() - t0;
			ok = 1;
		} else if (have >= tlen) {
			memmove(seen, seen + have - (tlen - 1), tlen - 1);
			have = tlen - 1;
		}
	}
	end_child(pid);
	/* Drain what it writes while it ends, so a full pty never blocks it. */
	for (;;) {
		struct pollfd p = {.fd = master, .events = POLLIN};
		char sink[4096];
		if (poll(&p, 1, 0) <= 0 || read(master, sink, sizeof(sink)) <= 0)
			break;
	}
	close(master);
	free(seen);
	if (reap(pid, r))
		return -1;
	if (!ok)
		return -1;
	r->wall = found;
	r->status = 0;
	return 0;
}

int main(int argc, char **argv)
{
	int runs = 5, i = 1;
	const char *setup = NULL, *in = "/dev/null", *pty = NULL;
	double walls[MAX_RUNS], cpus[MAX_RUNS];
	struct run r = {0};
	long peak = 0;

	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--setup") == 0 && i + 1 < argc)
			setup = argv[++i];
		else if (strcmp(argv[i], "--stdin") == 0 && i + 1 < argc)
			in = argv[++i];
		else if (strcmp(argv[i], "--pty") == 0 && i + 1 < argc && argv[i + 1][0])
			pty = argv[++i];
		else
			break;
	}
	if (i >= argc || runs < 1 || runs > MAX_RUNS) {
		fprintf(stderr, "usage: bench-run [--runs N (1-%d)] [--setup SHELL_COMMAND] "
		                "[--stdin FILE | --pty TEXT] COMMAND [ARG...]\n", MAX_RUNS);
		return 1;
	}
	for (int k = 0; k < runs; k++) {
		if (setup && system(setup) != 0) {
			fprintf(stderr, "bench-run: the setup failed: %s\n", setup);
			return 1;
		}
		if (pty ? run_pty(argv + i, pty, &r) : run_plain(argv + i, in, &r))
			return 1;
		walls[k] = r.wall;
		cpus[k] = r.cpu;
		if (r.peak > peak)
			peak = r.peak;
	}
	printf("%.6f %.6f %ld %d\n", median(walls, runs), median(cpus, runs), peak, r.status);
	return 0;
}

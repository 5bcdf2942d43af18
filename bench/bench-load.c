/*
 * bench-load: how long loading a large deck takes, and how much memory,
 * against a floor measured in the same run.
 *
 * For decks of 1,000, 10,000 and 100,000 cards (or the counts given), it
 * writes a deck deterministically (a mix of card types like a real deck:
 * basic cards with and without explanations, typed cards with accepted
 * answers, choice and multi cards, true/false and cloze cards with groups;
 * plain, quoted and block strings; about 190 bytes a card; a fixed-seed
 * generator, so the same count always gives the same bytes) and times, in
 * pairs, RUNS times (default 7), each in a new process of its own (this
 * program again), as a command loads a deck once:
 *
 *   floor  `--floor-once FILE`: reading the file whole (qd_file_read(), as
 *          the loader does) and a bare libyaml event parse of it (every
 *          event taken and deleted, nothing built): what any loader of
 *          the file costs
 *   load   `--load-once FILE`: qd_deck_load_file() of the same file and
 *          qd_deck_free(): the YAML tree, validation, the deck
 *
 * The two of a pair run back to back, in alternating order, so a slower
 * moment of a shared machine falls on both; the ratios printed are the
 * medians of the pairs' ratios, of wall time and of CPU time (user +
 * system: what the process itself spent, which waiting for a processor
 * does not inflate). The peak resident set is getrusage's ru_maxrss of the
 * load's process. With --rss QUIZDECK each run also runs `QUIZDECK check
 * FILE` and the line ends with that whole command's median peak.
 *
 * usage:
 *   bench-load [--runs N] [--rss QUIZDECK] [--dir DIR] [CARDS...]
 *   bench-load --write CARDS FILE      write the deck of CARDS cards and exit
 *   bench-load --load-once FILE        load FILE once (exit 0 if it loads)
 *   bench-load --floor-once FILE       the floor of FILE once (exit 0 if it parses)
 *
 * Output, one line per deck after a header line starting with '#'
 * (whitespace-separated columns, for scripts to pick up):
 *
 *   # cards bytes floor_s load_s load/floor cpu_load/floor peak_kib peak/file [check_kib check/file]
 *   1000 185703 0.0040 0.0072 1.52 1.54 3488 19.23 5392 29.73
 *
 * floor_s and load_s are median wall times in seconds (CLOCK_MONOTONIC,
 * start and exit of the process included), peak_kib KiB, peak/file the
 * peak over the file's size; the last two columns only with --rss. The
 * decks are written into DIR (kept there), by default into a new directory
 * under $TMPDIR that is removed at exit. Exit status 0, or 1 if a deck did
 * not load (which would make its figures meaningless).
 *
 * Like the loader's own src/yamldoc.c, this program includes <yaml.h>: the
 * floor is libyaml alone.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

#include "quizdeck/buf.h"
#include "quizdeck/deck.h"
#include "quizdeck/err.h"
#include "quizdeck/fileio.h"

/* ---- the deck ---- */

static const char *const words[] = {
	"ownership", "borrow",  "lifetime", "trait",    "module",   "crate",    "closure",
	"iterator",  "vector",  "slice",    "string",   "pointer",  "thread",   "channel",
	"mutex",     "future",  "macro",    "pattern",  "enum",     "struct",   "compiler",
	"memory",    "stack",   "heap",     "reference", "value",   "type",     "generic",
	"function",  "method",  "variable", "constant", "loop",     "match",    "error",
	"result",    "option",  "package",  "library",  "binary",   "test",     "benchmark",
	"allocator", "buffer",  "socket",   "request",  "response", "server",   "client",
	"parser",    "token",   "syntax",   "runtime",  "kernel",   "driver",   "device",
	"network",   "packet",  "protocol", "signal",   "process",  "file",     "cache",
	"queue",
};
#define N_WORDS (sizeof(words) / sizeof(words[0]))

/* Answers come from words no question uses, so no card gives its answer
 * away (the deck checks clean, as a real one should). */
static const char *const answers[] = {
	"amber",  "basalt", "cobalt", "dune",   "ember",  "fjord",  "garnet", "harbor",
	"indigo", "jasper", "kelp",   "lagoon", "marble", "nectar", "onyx",   "pebble",
	"quartz", "reef",   "sierra", "tundra", "umber",  "velvet", "willow", "zephyr",
};
#define N_ANSWERS (sizeof(answers) / sizeof(answers[0]))

struct rng {
	uint64_t s;
};

static unsigned next(struct rng *r, unsigned n)
{
	r->s = r->s * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)((r->s >> 33) % n);
}

static const char *word(struct rng *r)
{
	return words[next(r, N_WORDS)];
}

static const char *answer(struct rng *r)
{
	return answers[next(r, N_ANSWERS)];
}

/* n distinct-ish words separated by spaces. */
static void phrase(struct qd_buf *b, struct rng *r, unsigned n)
{
	for (unsigned i = 0; i < n; i++)
		qd_buf_addf(b, "%s%s", i ? " " : "", word(r));
}

static void card(struct qd_buf *b, struct rng *r, unsigned i)
{
	unsigned kind = i % 20;

	qd_buf_addf(b, "- id: c%u-%s\n", i, word(r));
	if (kind < 7) { /* basic */
		qd_buf_adds(b, "  type: basic\n  q: What does the ");
		phrase(b, r, 3 + next(r, 4));
		qd_buf_addf(b, " do in step %u?\n  a: The %s %s\n", i, answer(r), answer(r));
		if (kind % 3 == 0) {
			qd_buf_adds(b, "  explain: \"It is the \\\"");
			phrase(b, r, 2);
			qd_buf_adds(b, "\\\" of the ");
			phrase(b, r, 6);
			qd_buf_adds(b, ".\"\n");
		} else if (kind == 5) {
			qd_buf_adds(b, "  explain: |\n    The ");
			phrase(b, r, 8);
			qd_buf_adds(b, ",\n    and the ");
			phrase(b, r, 5);
			qd_buf_adds(b, ".\n");
		}
	} else if (kind < 10) { /* typed */
		qd_buf_adds(b, "  type: typed\n  q: Which ");
		phrase(b, r, 2);
		qd_buf_adds(b, " holds the ");
		phrase(b, r, 3);
		qd_buf_addf(b, " of step %u?\n  a: %s\n  accept: [%s-%u, '%s %u']\n", i, answer(r),
		            answer(r), i, answer(r), i);
	} else if (kind < 13) { /* choice */
		const char *w = answer(r);
		qd_buf_adds(b, "  type: choice\n  q: Which one is the ");
		phrase(b, r, 3);
		qd_buf_addf(b, " of step %u?\n  choices: [%s one, %s two, %s three, %s four]\n"
		               "  a: %s three\n", i, w, w, w, w, w);
	} else if (kind == 13) { /* multi */
		const char *w = answer(r);
		qd_buf_adds(b, "  type: multi\n  q: Which of these are ");
		phrase(b, r, 2);
		qd_buf_addf(b, " in step %u?\n  choices:\n    - %s red\n    - %s green\n    - %s blue\n"
		               "    - %s black\n    - %s white\n  a: [%s red, %s blue]\n",
		            i, w, w, w, w, w, w, w);
	} else if (kind < 16) { /* truefalse */
		qd_buf_adds(b, "  type: truefalse\n  q: The ");
		phrase(b, r, 4);
		qd_buf_addf(b, " is a %s in step %u.\n  a: %s\n", word(r), i,
		            kind == 14 ? "true" : "false");
	} else { /* cloze, four to a group */
		qd_buf_adds(b, "  type: cloze\n  text: 'The ");
		phrase(b, r, 3);
		qd_buf_addf(b, " keeps the {{%s|%ss}} in its ", answer(r), answer(r));
		phrase(b, r, 4);
		qd_buf_addf(b, " (step %u).'\n", i);
		qd_buf_addf(b, "  group: g%u\n", i / 4);
	}
	if (i % 4 == 1) {
		qd_buf_adds(b, "  hint: Think of the ");
		phrase(b, r, 3);
		qd_buf_adds(b, ".\n");
	}
	if (i % 2 == 0)
		qd_buf_addf(b, "  tags: [t%u, %s]\n", i % 50, word(r));
}

/* The deck of n cards, always the same bytes for the same n. */
static void make_deck(struct qd_buf *b, unsigned n)
{
	struct rng r = {n};

	qd_buf_addf(b, "deck: bench-%u\ntitle: A deck of %u cards\n"
	               "description: Generated for timing the loader.\ncards:\n", n, n);
	for (unsigned i = 0; i < n; i++)
		card(b, &r, i);
}

static int write_deck(const char *path, unsigned n)
{
	struct qd_buf b;
	FILE *fp;
	int rc = 0;

	qd_buf_init(&b);
	make_deck(&b, n);
	if (!(fp = fopen(path, "wb")) || fwrite(b.data, 1, b.len, fp) != b.len) {
		fprintf(stderr, "bench-load: cannot write %s: %s\n", path, strerror(errno));
		rc = -1;
	}
	if (fp && fclose(fp) != 0 && rc == 0) {
		fprintf(stderr, "bench-load: cannot write %s: %s\n", path, strerror(errno));
		rc = -1;
	}
	qd_buf_release(&b);
	return rc;
}

/* ---- timing ---- */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* The median of v[0..n), n >= 1 (v is sorted in place). */
static double median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The floor: the file read whole, then every event parsed and deleted.
 * Returns 0, or -1 if the file cannot be read or parsed. */
static int floor_parse(const char *path)
{
	struct qd_buf b;
	struct qd_err err;
	yaml_parser_t p;
	yaml_event_t ev;
	int rc = 0;

	qd_buf_init(&b);
	if (qd_file_read(path, 0, &b, &err)) {
		qd_buf_release(&b);
		return -1;
	}
	yaml_parser_initialize(&p);
	yaml_parser_set_input_string(&p, (const unsigned char *)b.data, b.len);
	for (;;) {
		if (!yaml_parser_parse(&p, &ev)) {
			rc = -1;
			break;
		}
		if (ev.type == YAML_STREAM_END_EVENT) {
			yaml_event_delete(&ev);
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&p);
	qd_buf_release(&b);
	return rc;
}

/* The load: returns 0 if the deck loads clean of errors. */
static int load(const char *path)
{
	struct qd_diags d;
	struct qd_deck *deck;
	struct qd_err err;
	int rc;

	qd_diags_init(&d, path);
	rc = qd_deck_load_file(path, &deck, &d, &err);
	if (rc == 0)
		qd_deck_free(deck);
	else
		qd_diags_print(stderr, &d);
	qd_diags_release(&d);
	return rc;
}

/* What one run of a child process took. */
struct run {
	double wall, cpu; /* seconds */
	long peak;        /* KiB */
};

/* Runs prog with args (NULL-terminated, prog first) in a new process, its
 * output thrown away; returns 0 with *r filled, or -1 if it could not run
 * or did not exit 0. */
static int run_child(const char *prog, char *const *args, struct run *r)
{
	struct rusage ru;
	int status;
	double t0 = now();
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		if (null >= 0) {
			dup2(null, 1);
			dup2(null, 2);
		}
		execv(prog, args);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return -1;
	r->wall = now() - t0;
	r->cpu = (double)ru.ru_utime.tv_sec + (double)ru.ru_utime.tv_usec / 1e6 +
	         (double)ru.ru_stime.tv_sec + (double)ru.ru_stime.tv_usec / 1e6;
	r->peak = ru.ru_maxrss;
	return 0;
}

/* Times one deck and prints its line; returns 0, or -1 if it did not load
 * (or quizdeck, when given, did not check it clean). */
static int bench_deck(const char *path, unsigned cards, int runs, const char *quizdeck)
{
	double *v = calloc(6 * (size_t)runs, sizeof(double));
	double *tf = v, *tl = v + runs, *rw = v + 2 * runs, *rc = v + 3 * runs;
	double *pk = v + 4 * runs, *ck = v + 5 * runs;
	char *floor_args[] = {"bench-load", "--floor-once", (char *)path, NULL};
	char *load_args[] = {"bench-load", "--load-once", (char *)path, NULL};
	char *check_args[] = {(char *)quizdeck, "check", (char *)path, NULL};
	struct stat st;
	struct run f, l, c;
	int status = -1;

	if (!v || stat(path, &st))
		goto out;
	/* One of each first, not counted: the file in the page cache; and a
	 * check that both succeed. */
	if (run_child("/proc/self/exe", floor_args, &f) ||
	    run_child("/proc/self/exe", load_args, &l)) {
		fprintf(stderr, "bench-load: %s does not load\n", path);
		goto out;
	}
	for (int r = 0; r < runs; r++) {
		int e;

		if (r % 2 == 0)
			e = run_child("/proc/self/exe", floor_args, &f) ||
			    run_child("/proc/self/exe", load_args, &l);
		else
			e = run_child("/proc/self/exe", load_args, &l) ||
			    run_child("/proc/self/exe", floor_args, &f);
		if (e) {
			fprintf(stderr, "bench-load: %s does not load\n", path);
			goto out;
		}
		tf[r] = f.wall;
		tl[r] = l.wall;
		rw[r] = l.wall / f.wall;
		rc[r] = l.cpu / f.cpu;
		pk[r] = (double)l.peak;
		if (quizdeck) {
			if (run_child(quizdeck, check_args, &c)) {
				fprintf(stderr, "bench-load: %s check %s failed\n", quizdeck, path);
				goto out;
			}
			ck[r] = (double)c.peak;
		}
	}
	printf("%u %lld %.4f %.4f %.2f %.2f %.0f %.2f", cards, (long long)st.st_size,
	       median(tf, (size_t)runs), median(tl, (size_t)runs), median(rw, (size_t)runs),
	       median(rc, (size_t)runs), median(pk, (size_t)runs),
	       median(pk, (size_t)runs) * 1024 / (double)st.st_size);
	if (quizdeck)
		printf(" %.0f %.2f", median(ck, (size_t)runs),
		       median(ck, (size_t)runs) * 1024 / (double)st.st_size);
	printf("\n");
	status = 0;
out:
	fflush(stdout);
	free(v);
	return status;
}

static int usage(void)
{
	fprintf(stderr, "usage: bench-load [--runs N] [--rss QUIZDECK] [--dir DIR] [CARDS...]\n"
	                "       bench-load --write CARDS FILE\n"
	                "       bench-load --load-once FILE\n"
	                "       bench-load --floor-once FILE\n");
	return 2;
}

int main(int argc, char **argv)
{
	unsigned counts[16] = {1000, 10000, 100000};
	size_t n_counts = 3, n_given = 0;
	int runs = 7, status = 0;
	const char *rss = NULL, *dir = NULL;
	char tmpdir[4096] = "";

	if (argc == 4 && strcmp(argv[1], "--write") == 0)
		return write_deck(argv[3], (unsigned)strtoul(argv[2], NULL, 10)) ? 1 : 0;
	if (argc == 3 && strcmp(argv[1], "--load-once") == 0)
		return load(argv[2]) ? 1 : 0;
	if (argc == 3 && strcmp(argv[1], "--floor-once") == 0)
		return floor_parse(argv[2]) ? 1 : 0;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--rss") == 0 && i + 1 < argc)
			rss = argv[++i];
		else if (strcmp(argv[i], "--dir") == 0 && i + 1 < argc)
			dir = argv[++i];
		else if (argv[i][0] >= '1' && argv[i][0] <= '9' && n_given < 16)
			counts[n_given++] = (unsigned)strtoul(argv[i], NULL, 10);
		else
			return usage();
	}
	if (n_given)
		n_counts = n_given;
	if (runs < 1)
		runs = 1;
	if (!dir) {
		const char *t = getenv("TMPDIR");
		snprintf(tmpdir, sizeof(tmpdir), "%s/bench-load.XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(tmpdir)) {
			fprintf(stderr, "bench-load: cannot create a directory: %s\n", strerror(errno));
			return 1;
		}
		dir = tmpdir;
	}

	printf("# cards bytes floor_s load_s load/floor cpu_load/floor peak_kib peak/file%s\n",
	       rss ? " check_kib check/file" : "");
	fflush(stdout);
	for (size_t k = 0; k < n_counts && status == 0; k++) {
		char path[4200];

		snprintf(path, sizeof(path), "%s/deck-%u.yaml", dir, counts[k]);
		if (write_deck(path, counts[k]) || bench_deck(path, counts[k], runs, rss))
			status = 1;
		if (tmpdir[0])
			unlink(path);
	}
	if (tmpdir[0])
		rmdir(tmpdir);
	return status;
}

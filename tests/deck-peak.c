/*
 * deck-peak DIR: the peak memory of loading a large deck, and of asking
 * whether it is a quiz file, against the file's size.
 *
 * Writes DIR/peak.yaml, a deck of 100,000 cards of every type (about
 * 17 MB, from counters: the same bytes every run), then runs itself once
 * for each of `--load FILE` (qd_deck_load_file() and qd_deck_free()) and
 * `--sniff FILE` (qd_quizfile_sniff()), each in a new process, and reads
 * that process's peak resident set (getrusage of the child). Fails when the
 * load's peak is over LOAD_RATIO times the file (a whole tree of the file
 * built before the deck took about nine times, the file held whole for
 * the diagnostics four) or the sniff's over
 * SNIFF_RATIO times (it once built that tree too). Prints both figures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "quizdeck/deck.h"
#include "quizdeck/err.h"
#include "quizdeck/quizfile.h"

#define CARDS 100000
#define LOAD_RATIO 3.3
#define SNIFF_RATIO 2.0

static const char *const stones[] = {"amber", "basalt", "cobalt", "dune", "ember",
                                     "fjord", "garnet", "harbor", "indigo", "jasper"};

static int write_deck(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fputs("deck: peak\ntitle: A hundred thousand cards\ncards:\n", f);
	for (int i = 0; i < CARDS; i++) {
		const char *a = stones[i % 10], *b = stones[(i + 3) % 10];
		fprintf(f, "- id: card-%d\n", i);
		switch (i % 6) {
		case 0:
			fprintf(f, "  type: basic\n  q: What does the loader keep in step %d?\n"
			           "  a: The %s of the parser\n  explain: \"It is \\\"kept\\\" in %d.\"\n",
			        i, a, i);
			break;
		case 1:
			fprintf(f, "  type: typed\n  q: Which stone is step %d?\n  a: %s\n"
			           "  accept: [%s-%d, '%s %d']\n", i, a, b, i, b, i);
			break;
		case 2:
			fprintf(f, "  type: choice\n  q: Which one is step %d?\n"
			           "  choices: [%s one, %s two, %s three]\n  a: %s two\n", i, a, a, a, a);
			break;
		case 3:
			fprintf(f, "  type: multi\n  q: Which are kept in step %d?\n  choices:\n"
			           "    - %s red\n    - %s green\n    - %s blue\n  a: [%s red, %s blue]\n",
			        i, a, a, a, a, a);
			break;
		case 4:
			fprintf(f, "  type: truefalse\n  q: The parser keeps step %d.\n  a: %s\n", i,
			        i % 4 ? "true" : "false");
			break;
		default:
			fprintf(f, "  type: cloze\n  text: |\n    The parser keeps the {{%s|%ss}} of step %d.\n"
			           "  group: g%d\n", a, b, i, i / 4);
		}
		if (i % 2 == 0)
			fprintf(f, "  tags: [t%d, loader]\n", i % 50);
	}
	return fclose(f) ? -1 : 0;
}

/* The peak resident set, in KiB, of `self mode path`; -1 if it failed. */
static long peak_of(const char *self, const char *mode, const char *path)
{
	struct rusage ru;
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		execl(self, self, mode, path, (char *)NULL);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) != pid || !WIFEXITED(status) || WEXITSTATUS(status))
		return -1;
	return ru.ru_maxrss;
}

int main(int argc, char **argv)
{
	char path[4096];
	struct stat st;
	long load, sniff;
	double file_kib, rl, rs;

	if (argc == 3 && strcmp(argv[1], "--load") == 0) {
		struct qd_deck *deck = NULL;
		struct qd_diags d;
		int rc;
		qd_diags_init(&d, argv[2]);
		rc = qd_deck_load_file(argv[2], &deck, &d, NULL);
		qd_deck_free(deck);
		qd_diags_release(&d);
		return rc ? 1 : 0;
	}
	if (argc == 3 && strcmp(argv[1], "--sniff") == 0)
		return qd_quizfile_sniff(argv[2]) ? 1 : 0; /* a deck: not a quiz file */
	if (argc != 2) {
		fprintf(stderr, "usage: deck-peak DIR\n");
		return 2;
	}
	mkdir(argv[1], 0777);
	snprintf(path, sizeof(path), "%s/peak.yaml", argv[1]);
	if (write_deck(path) || stat(path, &st)) {
		fprintf(stderr, "deck-peak: cannot write %s\n", path);
		return 1;
	}
	load = peak_of(argv[0], "--load", path);
	sniff = peak_of(argv[0], "--sniff", path);
	if (load < 0 || sniff < 0) {
		fprintf(stderr, "deck-peak: the deck did not load, or was taken for a quiz file\n");
		return 1;
	}
	file_kib = (double)st.st_size / 1024;
	rl = (double)load / file_kib;
	rs = (double)sniff / file_kib;
	printf("file %.0f KiB; load peak %ld KiB (%.2fx); sniff peak %ld KiB (%.2fx)\n", file_kib,
	       load, rl, sniff, rs);
	if (rl > LOAD_RATIO || rs > SNIFF_RATIO) {
		fprintf(stderr, "deck-peak: over the bound (load %.1fx, sniff %.1fx the file)\n",
		        LOAD_RATIO, SNIFF_RATIO);
		return 1;
	}
	return 0;
}

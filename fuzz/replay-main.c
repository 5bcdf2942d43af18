/*
 * Replays inputs through a fuzz target without libFuzzer, so the regression
 * corpus runs in every build (plain and ASan/UBSan) under ctest.
 *
 * usage: replay-TARGET PATH...
 * Each PATH is a file or a directory; a directory's regular files are fed
 * in name order (not recursing, skipping names starting with '.'). Each
 * input is copied into a buffer of exactly its size, so a read past its
 * end is caught by ASan as it would be under libFuzzer. A crash or an
 * abort ends the run with the target's failure; otherwise it prints the
 * number of inputs and exits 0 (1 if a path cannot be read, or no input
 * was found: an empty corpus is a broken test).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz.h"

static int replay_file(const char *path)
{
	FILE *fp = fopen(path, "rb");
	struct qd_buf b;
	char chunk[65536];
	uint8_t *exact;
	size_t n, len;

	if (!fp) {
		fprintf(stderr, "replay: cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	qd_buf_init(&b);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0)
		qd_buf_add(&b, chunk, n);
	if (ferror(fp)) {
		fprintf(stderr, "replay: cannot read '%s'\n", path);
		fclose(fp);
		qd_buf_release(&b);
		return -1;
	}
	fclose(fp);
	len = b.len;
	exact = qd_xmalloc(len ? len : 1);
	memcpy(exact, b.data, len);
	qd_buf_release(&b);
	LLVMFuzzerTestOneInput(exact, len);
	free(exact);
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Replays path; returns the number of inputs, or -1. */
static long replay(const char *path)
{
	struct stat st;
	DIR *dir;
	struct dirent *e;
	char **names = NULL;
	size_t n = 0;
	long count = 0;

	if (stat(path, &st)) {
		fprintf(stderr, "replay: cannot read '%s': %s\n", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return replay_file(path) ? -1 : 1;
	dir = opendir(path);
	if (!dir) {
		fprintf(stderr, "replay: cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	while ((e = readdir(dir)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		names = qd_xrealloc(names, (n + 1) * sizeof(*names));
		names[n++] = qd_xstrdup(e->d_name);
	}
	closedir(dir);
	if (n)
		qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		struct qd_buf full;
		qd_buf_init(&full);
		qd_buf_addf(&full, "%s/%s", path, names[i]);
		if (stat(full.data, &st) == 0 && S_ISREG(st.st_mode)) {
			if (replay_file(full.data))
				count = -1;
			else if (count >= 0)
				count++;
		}
		qd_buf_release(&full);
		free(names[i]);
	}
	free(names);
	return count;
}

int main(int argc, char **argv)
{
	long total = 0;
	int status = 0;

	for (int i = 1; i < argc; i++) {
		long n = replay(argv[i]);
		if (n < 0)
			status = 1;
		else
			total += n;
	}
	if (total == 0) {
		fprintf(stderr, "replay: no inputs\n");
		status = 1;
	}
	printf("replayed %ld inputs\n", total);
	return status;
}

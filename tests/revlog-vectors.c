/*
 * The review log end to end against the scheduler's reference vectors:
 * takes COUNT histories of tests/fsrs/vectors.txt made with the default
 * parameters (ts-fsrs 5.4.2), writes them as an FSRS revlog CSV file and a
 * deck holding one card per history, runs `quizdeck import-reviews` and
 * `quizdeck cards --json` (TZ=UTC, day_start 0 in a settings file) and
 * checks each card's state against the history's last expected outcome:
 * state, due, reps, lapses and last_review exactly, stability and
 * difficulty within 1e-6 relative.
 *
 * usage: revlog-vectors QUIZDECK VECTORS.txt SCRATCH_DIR COUNT
 */
#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/qtime.h"

#define MAX_HIST 200
#define MAX_REV 64

struct rev {
	long long now, due;
	int rating, state, reps, lapses;
	double s, d;
};

struct hist {
	struct rev r[MAX_REV];
	int n;
};

static const char *state_names[] = {"new", "learning", "review", "relearning"};

static bool usable(const struct hist *h)
{
	if (h->n == 0 || h->n >= MAX_REV)
		return false;
	for (int i = 1; i < h->n; i++)
		if (h->r[i].now <= h->r[i - 1].now) /* import dedups, replay sorts */
			return false;
	return true;
}

/* The value after "key": in line, as a string (up to , or }). */
static int field(const char *line, const char *key, char *out, size_t n)
{
	char pat[64];
	const char *p;
	size_t len = 0;

	snprintf(pat, sizeof(pat), "\"%s\":", key);
	if (!(p = strstr(line, pat)))
		return -1;
	p += strlen(pat);
	if (*p == '"')
		p++;
	while (p[len] && p[len] != ',' && p[len] != '}' && p[len] != '"')
		len++;
	if (len >= n)
		return -1;
	memcpy(out, p, len);
	out[len] = '\0';
	return 0;
}

static bool close_to(double a, double e)
{
	return fabs(a - e) <= 1e-6 * fmax(1, fabs(e));
}

int main(int argc, char **argv)
{
	static struct hist hs[MAX_HIST];
	char path[1024], cmd[4096], line[1024];
	int nh = 0, want, in_default = 0, failures = 0, checked = 0, total_reviews = 0;
	FILE *fp, *out;

	if (argc != 5)
		return fputs("usage: revlog-vectors QUIZDECK VECTORS SCRATCH COUNT\n", stderr), 64;
	want = atoi(argv[4]);
	if (want < 1 || want > MAX_HIST)
		return 64;
	if (!(fp = fopen(argv[2], "r")))
		return perror(argv[2]), 1;
	while (fgets(line, sizeof(line), fp) && nh <= want) {
		if (line[0] == 'P') {
			if (in_default && usable(&hs[nh]) && ++nh == want)
				break;
			in_default = strstr(line, " 0.9 36500 1 1,10 10 default\n") != NULL;
			if (nh < MAX_HIST)
				hs[nh].n = 0;
		} else if (line[0] == 'R' && in_default && hs[nh].n < MAX_REV) {
			struct rev *r = &hs[nh].r[hs[nh].n++];
			int days, step;
			if (sscanf(line, "R %lld %d %d %lf %lf %lld %d %d %d %d", &r->now, &r->rating,
			           &r->state, &r->s, &r->d, &r->due, &days, &step, &r->reps,
			           &r->lapses) != 10)
				return fprintf(stderr, "bad vector line: %s", line), 1;
		}
	}
	fclose(fp);
	if (nh < want && in_default && usable(&hs[nh]))
		nh++;
	if (nh < want)
		return fprintf(stderr, "only %d usable histories\n", nh), 1;

	snprintf(cmd, sizeof(cmd), "rm -rf '%s' && mkdir -p '%s'", argv[3], argv[3]);
	if (system(cmd) != 0)
		return 1;
	snprintf(path, sizeof(path), "%s/vectors.yaml", argv[3]);
	out = fopen(path, "w");
	fputs("deck: vectors\ntitle: Scheduler reference histories\ncards:\n", out);
	for (int i = 0; i < nh; i++)
		fprintf(out, "  - id: h%d\n    type: basic\n    q: History %d?\n    a: Yes.\n", i + 1,
		        i + 1);
	fclose(out);
	snprintf(path, sizeof(path), "%s/config.yaml", argv[3]);
	out = fopen(path, "w");
	fputs("day_start: 0\n", out);
	fclose(out);
	snprintf(path, sizeof(path), "%s/revlog.csv", argv[3]);
	out = fopen(path, "w");
	fputs("card_id,review_time,review_rating\n", out);
	for (int i = 0; i < nh; i++)
		for (int k = 0; k < hs[i].n; k++, total_reviews++)
			fprintf(out, "h%d,%lld,%d\n", i + 1, hs[i].r[k].now, hs[i].r[k].rating);
	fclose(out);

	snprintf(cmd, sizeof(cmd),
	         "cd '%s' && TZ=UTC QUIZDECK_NOW=2026-11-24T00:00:00Z QUIZDECK_CONFIG=config.yaml "
	         "QUIZDECK_DATA=data '%s' import-reviews --deck vectors revlog.csv",
	         argv[3], argv[1]);
	if (system(cmd) != 0)
		return fputs("import-reviews failed\n", stderr), 1;
	snprintf(cmd, sizeof(cmd),
	         "cd '%s' && TZ=UTC QUIZDECK_NOW=2026-11-24T00:00:00Z QUIZDECK_CONFIG=config.yaml "
	         "QUIZDECK_DATA=data '%s' cards --json vectors.yaml",
	         argv[3], argv[1]);
	if (!(fp = popen(cmd, "r")))
		return perror("popen"), 1;
	while (fgets(line, sizeof(line), fp)) {
		char id[64], st[32], s[64], d[64], due[64], reps[16], lapses[16], last[64];
		char want_due[QD_ISO_MAX], want_last[QD_ISO_MAX];
		const struct rev *e;
		int i;

		if (line[0] != '{')
			continue;
		if (field(line, "id", id, sizeof id) || field(line, "state", st, sizeof st) ||
		    field(line, "stability", s, sizeof s) || field(line, "difficulty", d, sizeof d) ||
		    field(line, "due", due, sizeof due) || field(line, "reps", reps, sizeof reps) ||
		    field(line, "lapses", lapses, sizeof lapses) ||
		    field(line, "last_review", last, sizeof last) || id[0] != 'h')
			return fprintf(stderr, "unexpected cards output: %s", line), 1;
		i = atoi(id + 1) - 1;
		if (i < 0 || i >= nh)
			return fprintf(stderr, "unexpected card %s\n", id), 1;
		e = &hs[i].r[hs[i].n - 1];
		qd_time_format_iso(e->due, want_due);
		qd_time_format_iso(hs[i].r[hs[i].n - 1].now, want_last);
		checked++;
		if (strcmp(st, state_names[e->state]) != 0 || strcmp(due, want_due) != 0 ||
		    atoi(reps) != e->reps || atoi(lapses) != e->lapses ||
		    strcmp(last, want_last) != 0 || !close_to(strtod(s, NULL), e->s) ||
		    !close_to(strtod(d, NULL), e->d)) {
			failures++;
			fprintf(stderr,
			        "%s: expected %s S %.8f D %.8f due %s reps %d lapses %d last %s\n"
			        "  got %s", id, state_names[e->state], e->s, e->d, want_due, e->reps,
			        e->lapses, want_last, line);
		}
	}
	if (pclose(fp) != 0)
		return fputs("cards failed\n", stderr), 1;
	printf("%d histories (%d reviews) imported, %d cards checked, %d mismatches\n", nh,
	       total_reviews, checked, failures);
	return failures || checked != nh ? 1 : 0;
}

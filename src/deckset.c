/*
 * Sets of decks and the resolution of DECK arguments (see
 * quizdeck/deckset.h). The bundled deck is loaded from the bytes compiled
 * into the binary, under the display name "<bundled>/rust-uses.yaml", so
 * messages never point at a file the user does not have.
 *
 * A deck id is resolved by looking at the decks of the folder until one
 * loads with it (ID.yaml first). The id lives inside the file, and the
 * loader is the one judge of it; but a deck may be a hundred thousand
 * cards, so each file's id is first peeked at (qd_deck_peek_id(): the
 * events up to its 'deck' value, no tree), and only a file that may have
 * the id asked for is loaded. The peek never decides otherwise than the
 * load would: what it cannot tell, the load does. Files passed over are
 * not loaded, so, as before, their problems are not reported.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "quizdeck/buf.h"
#include "quizdeck/bundled.h"
#include "quizdeck/deckset.h"

struct qd_deckset {
	struct qd_deck **decks;
	size_t n, cap;
	int left_out; /* the status of the decks left out of a default set, or 0 */
};

static bool has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && strcmp(s + a - b, suffix) == 0;
}

static bool is_file(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && !S_ISDIR(st.st_mode);
}

/* "rust-uses" from "rust-uses.yaml". */
static size_t bundled_id_len(void)
{
	const char *dot = strrchr(qd_bundled_deck_name, '.');

	return dot ? (size_t)(dot - qd_bundled_deck_name) : strlen(qd_bundled_deck_name);
}

static void src_bundled(struct qd_deck_src *src)
{
	struct qd_buf b;

	qd_buf_init(&b);
	qd_buf_addf(&b, "%s%s", QD_BUNDLED_PREFIX, qd_bundled_deck_name);
	src->bundled = true;
	src->path = qd_buf_detach(&b, NULL);
}

/* What a peek at the deck file at path tells of its id against id. */
enum peek { PEEK_OTHER, PEEK_SAME, PEEK_UNKNOWN };

static enum peek peek_id(const char *path, const char *id)
{
	char *peeked;
	enum peek r;

	if (!qd_deck_peek_id(path, &peeked))
		return PEEK_UNKNOWN;
	r = strcmp(peeked, id) == 0 ? PEEK_SAME : PEEK_OTHER;
	free(peeked);
	return r;
}

/* Whether the deck file at path loads and has the id id. A file whose id
 * can be read without loading it, and is another, is not loaded: naming
 * one deck must not cost the loading of every other deck of the folder. */
static bool has_id(const char *path, const char *id)
{
	struct qd_deck *deck;
	struct qd_diags d;
	bool r = false;

	if (peek_id(path, id) == PEEK_OTHER)
		return false;
	qd_diags_init(&d, path);
	if (qd_deck_load_file(path, &deck, &d, NULL) == 0) {
		r = strcmp(qd_deck_id(deck), id) == 0;
		qd_deck_free(deck);
	}
	qd_diags_release(&d);
	return r;
}

/* Whether the deck file at path loads. */
static bool loads(const char *path)
{
	struct qd_deck *deck;
	struct qd_diags d;
	bool r;

	qd_diags_init(&d, path);
	r = qd_deck_load_file(path, &deck, &d, NULL) == 0;
	if (r)
		qd_deck_free(deck);
	qd_diags_release(&d);
	return r;
}

/* The path of the first deck of the decks folder (in file-name order; skip
 * excepted) whose id is id, or NULL. Caller frees. With peek_only, no file
 * is loaded: the first whose peek does not rule the id out. */
static char *find_by_id(const struct qd_ctx *ctx, const char *id, const char *skip,
                        bool peek_only)
{
	struct qd_deck_src *srcs;
	size_t n;
	char *found = NULL;

	if (qd_deck_srcs_default(ctx, &srcs, &n, NULL))
		return NULL;
	for (size_t i = 0; i < n && !found; i++)
		if (!srcs[i].bundled && !(skip && strcmp(srcs[i].path, skip) == 0) &&
		    (peek_only ? peek_id(srcs[i].path, id) != PEEK_OTHER : has_id(srcs[i].path, id)))
			found = qd_xstrdup(srcs[i].path);
	qd_deck_srcs_free(srcs, n);
	return found;
}

int qd_deck_src_resolve(const struct qd_ctx *ctx, const char *arg, struct qd_deck_src *src,
                        struct qd_err *err)
{
	static const char *const exts[] = {".yaml", ".yml"};
	bool bundled_id = strlen(arg) == bundled_id_len() &&
	                  strncmp(arg, qd_bundled_deck_name, bundled_id_len()) == 0;
	char *by_name = NULL;

	src->bundled = false;
	src->path = NULL;
	if (strchr(arg, '/') || has_suffix(arg, ".yaml") || has_suffix(arg, ".yml") ||
	    is_file(arg)) {
		src->path = qd_xstrdup(arg);
		return 0;
	}
	if (ctx->user_decks_dir && qd_slug_valid(arg, strlen(arg))) {
		for (size_t i = 0; i < 2 && !by_name; i++) {
			struct qd_buf b;
			qd_buf_init(&b);
			qd_buf_addf(&b, "%s/%s%s", ctx->user_decks_dir, arg, exts[i]);
			if (is_file(b.data))
				by_name = qd_buf_detach(&b, NULL);
			else
				qd_buf_release(&b);
		}
		/* The deck whose id is arg, as `decks` lists it (a copy of the
		 * bundled deck shadows it); else the bundled deck; else the
		 * file named after it (which may hold another id, or none). */
		if (by_name && peek_id(by_name, arg) == PEEK_SAME) {
			/* ID.yaml says it is ID: it is the deck, whether it
			 * loads or not (then it is reported as it is), unless
			 * it does not load and another file does with that
			 * id. When no other file may have the id, it is
			 * chosen without loading it here, once more. */
			char *other = find_by_id(ctx, arg, by_name, true);
			bool alone = !other;
			free(other);
			if (alone) {
				src->path = by_name;
				return 0;
			}
		}
		if (by_name && has_id(by_name, arg)) {
			src->path = by_name;
			return 0;
		}
		src->path = find_by_id(ctx, arg, by_name, false);
		if (src->path) {
			free(by_name);
			return 0;
		}
		/* A copy of the bundled deck broken by an edit is still the
		 * learner's copy: named, it is checked, not the bundled deck. */
		if (bundled_id && by_name && !loads(by_name)) {
			src->path = by_name;
			return 0;
		}
	}
	if (bundled_id) {
		free(by_name);
		src_bundled(src);
		return 0;
	}
	if (by_name) {
		src->path = by_name;
		return 0;
	}
	return qd_err_set(err, QD_EXIT_NOINPUT,
	                  "no deck '%s': not a file, not the bundled deck '%.*s', and not in %s",
	                  arg, (int)bundled_id_len(), qd_bundled_deck_name,
	                  ctx->user_decks_dir ? ctx->user_decks_dir : "the user's deck directory");
}

void qd_deck_src_release(struct qd_deck_src *src)
{
	free(src->path);
	src->path = NULL;
}

void qd_deck_srcs_free(struct qd_deck_src *srcs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		qd_deck_src_release(&srcs[i]);
	free(srcs);
}

static int name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int qd_deck_srcs_default(const struct qd_ctx *ctx, struct qd_deck_src **srcs, size_t *n,
                         struct qd_err *err)
{
	char **names = NULL;
	size_t nn = 0, cap = 0;
	struct dirent *e;
	DIR *dir;

	*srcs = qd_xcalloc(1, sizeof(**srcs));
	*n = 1;
	src_bundled(&(*srcs)[0]);
	if (!ctx->user_decks_dir || !(dir = opendir(ctx->user_decks_dir))) {
		if (ctx->user_decks_dir && errno != ENOENT && errno != ENOTDIR) {
			int e0 = errno;
			qd_deck_srcs_free(*srcs, *n);
			*srcs = NULL;
			*n = 0;
			return qd_err_errno(err, QD_EXIT_NOINPUT, e0, "cannot read the deck directory %s",
			                    ctx->user_decks_dir);
		}
		return 0;
	}
	while ((e = readdir(dir))) {
		if (e->d_name[0] == '.' || !(has_suffix(e->d_name, ".yaml") || has_suffix(e->d_name, ".yml")))
			continue;
		if (nn == cap) {
			cap = cap ? cap * 2 : 16;
			names = qd_xrealloc(names, cap * sizeof(*names));
		}
		names[nn++] = qd_xstrdup(e->d_name);
	}
	closedir(dir);
	if (nn)
		qsort(names, nn, sizeof(*names), name_cmp);
	*srcs = qd_xrealloc(*srcs, (nn + 1) * sizeof(**srcs));
	for (size_t i = 0; i < nn; i++) {
		struct qd_buf b;
		qd_buf_init(&b);
		qd_buf_addf(&b, "%s/%s", ctx->user_decks_dir, names[i]);
		(*srcs)[1 + i].bundled = false;
		(*srcs)[1 + i].path = qd_buf_detach(&b, NULL);
		free(names[i]);
	}
	free(names);
	*n = nn + 1;
	return 0;
}

int qd_deck_src_load(const struct qd_deck_src *src, struct qd_deck **out,
                     struct qd_diags *diags, struct qd_err *err)
{
	if (src->bundled)
		return qd_deck_load_mem(src->path, (const char *)qd_bundled_deck_data,
		                        qd_bundled_deck_size, out, diags, err);
	return qd_deck_load_file(src->path, out, diags, err);
}

struct qd_deckset *qd_deckset_new(void)
{
	return qd_xcalloc(1, sizeof(struct qd_deckset));
}

void qd_deckset_free(struct qd_deckset *set)
{
	if (!set)
		return;
	for (size_t i = 0; i < set->n; i++)
		qd_deck_free(set->decks[i]);
	free(set->decks);
	free(set);
}

int qd_deckset_add(struct qd_deckset *set, struct qd_deck *deck, struct qd_err *err)
{
	const struct qd_deck *other = qd_deckset_find(set, qd_deck_id(deck));

	if (other) {
		qd_err_at(err, QD_EXIT_DATAERR, qd_deck_path(deck), 0, 0,
		          "deck id '%s' is already used by %s", qd_deck_id(deck), qd_deck_path(other));
		qd_deck_free(deck);
		return -1;
	}
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 8;
		set->decks = qd_xrealloc(set->decks, set->cap * sizeof(*set->decks));
	}
	set->decks[set->n++] = deck;
	return 0;
}

size_t qd_deckset_count(const struct qd_deckset *set)
{
	return set->n;
}

const struct qd_deck *qd_deckset_deck(const struct qd_deckset *set, size_t i)
{
	return i < set->n ? set->decks[i] : NULL;
}

const struct qd_deck *qd_deckset_find(const struct qd_deckset *set, const char *deck_id)
{
	for (size_t i = 0; i < set->n; i++)
		if (strcmp(qd_deck_id(set->decks[i]), deck_id) == 0)
			return set->decks[i];
	return NULL;
}

struct qd_deck *qd_deckset_replace(struct qd_deckset *set, struct qd_deck *deck)
{
	for (size_t i = 0; i < set->n; i++) {
		if (strcmp(qd_deck_id(set->decks[i]), qd_deck_id(deck)) == 0) {
			struct qd_deck *old = set->decks[i];
			set->decks[i] = deck;
			return old;
		}
	}
	return NULL;
}

/* Prints the diagnostics of one file (errors, and warnings if asked). */
static void print_diags(FILE *fp, struct qd_diags *d, bool warnings)
{
	qd_diags_sort(d);
	if (warnings)
		qd_diags_print(fp, d);
	else
		qd_diags_print_errors(fp, d);
}

/* Whether src is one of srcs[0..n): the bundled deck, or the same file
 * (by device and inode, so "deck.yaml" and "./deck.yaml" are one). A deck
 * named twice on the command line is studied once, not refused as a
 * duplicate of itself. */
static bool named_before(const struct qd_deck_src *srcs, size_t n, const struct qd_deck_src *src)
{
	struct stat a, b;
	bool have_a = !src->bundled && stat(src->path, &a) == 0;

	for (size_t i = 0; i < n; i++) {
		if (srcs[i].bundled || src->bundled) {
			if (srcs[i].bundled && src->bundled)
				return true;
			continue;
		}
		if (strcmp(srcs[i].path, src->path) == 0)
			return true;
		if (have_a && stat(srcs[i].path, &b) == 0 && a.st_dev == b.st_dev &&
		    a.st_ino == b.st_ino)
			return true;
	}
	return false;
}

/* In the default set: whether deck (of the decks folder, srcs[i]) has the
 * id of the bundled deck, already in set; if so it takes the bundled
 * deck's place, which is freed, and *deck is taken. */
static bool shadows_bundled(struct qd_deckset *set, const struct qd_deck_src *srcs, size_t i,
                            struct qd_deck **deck)
{
	if (srcs[i].bundled || !srcs[0].bundled)
		return false;
	for (size_t k = 0; k < set->n; k++) {
		if (strcmp(qd_deck_id(set->decks[k]), qd_deck_id(*deck)) != 0)
			continue;
		if (strncmp(qd_deck_path(set->decks[k]), QD_BUNDLED_PREFIX,
		            strlen(QD_BUNDLED_PREFIX)) != 0)
			return false;
		qd_deck_free(set->decks[k]);
		set->decks[k] = *deck;
		*deck = NULL;
		return true;
	}
	return false;
}

int qd_deckset_load(const struct qd_ctx *ctx, int n, char *const *args, unsigned flags,
                    struct qd_deckset **out, struct qd_err *err)
{
	struct qd_deck_src *srcs;
	size_t nsrc = 0, bad = 0;
	int status = QD_EXIT_OK;
	struct qd_deckset *set;

	*out = NULL;
	if (n == 0) {
		if (qd_deck_srcs_default(ctx, &srcs, &nsrc, err))
			return -1;
	} else {
		srcs = qd_xcalloc((size_t)n, sizeof(*srcs));
		for (int i = 0; i < n; i++) {
			struct qd_err e;
			if (qd_deck_src_resolve(ctx, args[i], &srcs[nsrc], &e)) {
				qd_err_print(ctx->err, ctx->prog, &e);
				status = QD_EXIT_NOINPUT;
				bad++;
				continue;
			}
			if (named_before(srcs, nsrc, &srcs[nsrc])) {
				qd_deck_src_release(&srcs[nsrc]);
				continue;
			}
			nsrc++;
		}
	}
	set = qd_deckset_new();
	for (size_t i = 0; i < nsrc; i++) {
		struct qd_diags d;
		struct qd_deck *deck;
		struct qd_err e;

		qd_diags_init(&d, srcs[i].path);
		if (qd_deck_src_load(&srcs[i], &deck, &d, &e)) {
			if (e.status == QD_EXIT_NOINPUT) {
				qd_err_print(ctx->err, ctx->prog, &e);
				status = QD_EXIT_NOINPUT;
			} else if (status != QD_EXIT_NOINPUT) {
				status = QD_EXIT_DATAERR;
			}
			bad++;
		} else if (n == 0 && shadows_bundled(set, srcs, i, &deck)) {
			/* A copy of the bundled deck in the decks folder is
			 * used in its place (and at its place in the order). */
		} else if (qd_deckset_add(set, deck, &e)) {
			qd_diags_add(&d, QD_SEV_ERROR, 0, 0, "%s", e.msg);
			if (status != QD_EXIT_NOINPUT)
				status = QD_EXIT_DATAERR;
			bad++;
		}
		print_diags(ctx->err, &d, flags & QD_DECKSET_WARNINGS);
		qd_diags_release(&d);
	}
	qd_deck_srcs_free(srcs, nsrc);
	if (status != QD_EXIT_OK && n == 0) {
		/* The decks folder: one broken deck must not stop the others. */
		qd_err_printf(ctx->err, ctx->prog, "%zu deck%s could not be loaded and %s left out",
		              bad, bad == 1 ? "" : "s", bad == 1 ? "is" : "are");
		set->left_out = status;
	} else if (status != QD_EXIT_OK) {
		qd_deckset_free(set);
		return qd_err_set(err, status, "%zu deck%s could not be loaded", bad,
		                  bad == 1 ? "" : "s");
	}
	*out = set;
	return 0;
}

int qd_deckset_left_out(const struct qd_deckset *set)
{
	return set ? set->left_out : QD_EXIT_OK;
}

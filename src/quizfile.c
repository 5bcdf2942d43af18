/*
 * Quiz files: reading and checking them, writing them (`quiz --save`), and
 * the command line that reproduces a quiz run from options. See
 * quizdeck/quizfile.h and docs/quiz.md.
 *
 * The reader is strict, as a teacher wants: an unknown key is an error (a
 * misspelt `sed:` silently ignored would hand out another quiz), with a
 * did-you-mean, and every value is checked with its position. Decks named by
 * path are resolved against the quiz file's directory, never the current
 * directory or the decks folder, so the quiz means the same on every
 * machine; an absolute path is refused for the same reason. A deck embedded
 * in the file is loaded by the deck loader from its node, so its rules and
 * positions are the deck format's own.
 */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/buf.h"
#include "quizdeck/collection.h"
#include "quizdeck/fileio.h"
#include "quizdeck/quizfile.h"
#include "quizdeck/yamldoc.h"
#include "quizdeck/yamlemit.h"

#define MAX_QUESTIONS 10000
#define MAX_LIMIT_S 86400
#define MAX_SEED 2147483647L

static const char *const quiz_keys[] = {"title",  "class", "decks",      "questions",
                                        "time",   "per-question", "seed", "types",
                                        "tags",   "self-grade",   "speed-bonus", NULL};
static const char *const quiz_synonyms[] = {
	"count", "questions", "n", "questions", "number", "questions", "total", "time",
	"limit", "time", "per_question", "per-question", "question-time", "per-question",
	"deck", "decks", "tag", "tags", "type", "types", "name", "title", "class-name", "class",
	"self_grade", "self-grade", "speed_bonus", "speed-bonus", NULL};
static const char *const top_keys[] = {"quiz", NULL};

/* ---- the spec ---- */

void qd_quizspec_release(struct qd_quizspec *s)
{
	free(s->title);
	free(s->class_name);
	for (size_t i = 0; i < s->n_tags; i++)
		free(s->tags[i]);
	free(s->tags);
	memset(s, 0, sizeof(*s));
}

void qd_quizspec_opts(const struct qd_quizspec *s, struct qd_quiz_opts *o)
{
	o->draw.seed = s->seed;
	o->draw.count = (size_t)s->questions;
	o->draw.tags = (const char *const *)s->tags;
	o->draw.n_tags = (int)s->n_tags;
	o->draw.types = s->types;
	o->draw.self_grade = s->self_grade;
	o->total_ms = (int64_t)s->time_s * 1000;
	o->per_question_ms = (int64_t)s->per_question_s * 1000;
	o->speed_bonus = s->speed_bonus;
}

/* A word for a POSIX shell: as it is when every byte is harmless, else in
 * single quotes (a quote inside as '\''). */
static void add_shell_word(struct qd_buf *b, const char *w)
{
	static const char safe[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	                           "0123456789@%+=:,./_-";

	if (*w && w[strspn(w, safe)] == '\0') {
		qd_buf_adds(b, w);
		return;
	}
	qd_buf_addc(b, '\'');
	for (; *w; w++) {
		if (*w == '\'')
			qd_buf_adds(b, "'\\''");
		else
			qd_buf_addc(b, *w);
	}
	qd_buf_addc(b, '\'');
}

int qd_quizspec_command(struct qd_buf *out, const struct qd_quizspec *s, const char *const *args,
                        size_t n)
{
	char num[32];

	if (s->types)
		return -1;
	qd_buf_adds(out, "quizdeck quiz");
	for (size_t i = 0; i < n; i++) {
		qd_buf_addc(out, ' ');
		/* A path that starts with '-' would read as an option. */
		if (args[i][0] == '-') {
			struct qd_buf p;
			qd_buf_init(&p);
			qd_buf_addf(&p, "./%s", args[i]);
			add_shell_word(out, p.data);
			qd_buf_release(&p);
		} else {
			add_shell_word(out, args[i]);
		}
	}
	qd_buf_addf(out, " -n %ld", s->questions);
	if (s->time_s)
		qd_buf_addf(out, " --time %ld", s->time_s);
	if (s->per_question_s)
		qd_buf_addf(out, " --per-question %ld", s->per_question_s);
	if (s->n_tags) {
		struct qd_buf t;
		qd_buf_init(&t);
		for (size_t i = 0; i < s->n_tags; i++)
			qd_buf_addf(&t, "%s%s", i ? "," : "", s->tags[i]);
		qd_buf_adds(out, " --tags ");
		add_shell_word(out, t.data);
		qd_buf_release(&t);
	}
	snprintf(num, sizeof(num), "%llu", (unsigned long long)s->seed);
	qd_buf_addf(out, " --seed %s", num);
	if (s->self_grade)
		qd_buf_adds(out, " --self-grade");
	if (s->speed_bonus)
		qd_buf_adds(out, " --speed-bonus");
	return 0;
}

int qd_quizspec_write_yaml(struct qd_buf *out, const struct qd_quizspec *s,
                           const char *const *paths, size_t n, struct qd_err *err)
{
	struct qd_yemit *e = qd_yemit_new(out, 0);
	char num[32];
	int rc;

	qd_yemit_map_start(e, false);
	qd_yemit_str(e, "quiz");
	qd_yemit_map_start(e, false);
	if (s->title)
		qd_yemit_kv(e, "title", s->title);
	if (s->class_name)
		qd_yemit_kv(e, "class", s->class_name);
	qd_yemit_str(e, "decks");
	qd_yemit_seq_start(e, false);
	for (size_t i = 0; i < n; i++)
		qd_yemit_str(e, paths[i]);
	qd_yemit_seq_end(e);
	qd_yemit_str(e, "questions");
	snprintf(num, sizeof(num), "%ld", s->questions);
	qd_yemit_plain(e, num);
	if (s->time_s) {
		qd_yemit_str(e, "time");
		snprintf(num, sizeof(num), "%ld", s->time_s);
		qd_yemit_plain(e, num);
	}
	if (s->per_question_s) {
		qd_yemit_str(e, "per-question");
		snprintf(num, sizeof(num), "%ld", s->per_question_s);
		qd_yemit_plain(e, num);
	}
	qd_yemit_str(e, "seed");
	snprintf(num, sizeof(num), "%llu", (unsigned long long)s->seed);
	qd_yemit_plain(e, num);
	if (s->types) {
		qd_yemit_str(e, "types");
		qd_yemit_seq_start(e, true);
		for (int t = QD_CARD_BASIC; t <= QD_CARD_CLOZE; t++)
			if (s->types & (1u << t))
				qd_yemit_str(e, qd_card_type_name((enum qd_card_type)t));
		qd_yemit_seq_end(e);
	}
	if (s->n_tags) {
		qd_yemit_str(e, "tags");
		qd_yemit_seq_start(e, true);
		for (size_t i = 0; i < s->n_tags; i++)
			qd_yemit_str(e, s->tags[i]);
		qd_yemit_seq_end(e);
	}
	if (s->self_grade) {
		qd_yemit_str(e, "self-grade");
		qd_yemit_plain(e, "true");
	}
	if (s->speed_bonus) {
		qd_yemit_str(e, "speed-bonus");
		qd_yemit_plain(e, "true");
	}
	qd_yemit_map_end(e);
	qd_yemit_map_end(e);
	rc = qd_yemit_finish(e, err);
	qd_yemit_free(e);
	return rc;
}

/* ---- reading ---- */

bool qd_quizfile_is_tree(const struct qd_ynode *root)
{
	return root && root->kind == QD_YNODE_MAPPING && qd_ynode_get(root, "quiz") != NULL;
}

/* Whether text could hold the key `quiz` at all. Its four letters are
 * written as they are in every style of scalar but one: a double-quoted
 * one can spell a letter as an escape (\x71, \u0071, \U00000071) or join
 * two lines with a backslash at the end of the first. Without "quiz" and
 * without those, no value of the file, let alone a top-level key, is
 * "quiz". */
static bool may_name_quiz(const char *text, size_t len)
{
	const char *p = text, *end = text + len;

	for (const char *q = text; (q = memchr(q, 'q', (size_t)(end - q))); q++)
		if (end - q >= 4 && memcmp(q, "quiz", 4) == 0)
			return true;
	while ((p = memchr(p, '\\', (size_t)(end - p))) && ++p < end) {
		unsigned char c = (unsigned char)*p;
		if (c == 'x' || c == 'u' || c == 'U' || c == '\n' || c == '\r' || c >= 0x80)
			return true;
		if (c == '\\')
			p++; /* an escaped backslash */
	}
	return false;
}

static void drop_item(void *ctx, const struct qd_ynode *item, size_t index)
{
	(void)ctx;
	(void)item;
	(void)index;
}

/* The answer is that of parsing the file whole and asking the tree
 * (qd_quizfile_is_tree()), but a deck, which cannot name `quiz` (nearly
 * all of them: may_name_quiz()), is not parsed at all, and the cards of
 * one that might are dropped as they are parsed, not built into a tree. */
bool qd_quizfile_sniff(const char *path)
{
	struct qd_ystream drop = {.key = "cards", .item = drop_item};
	struct qd_ynode *root = NULL;
	struct qd_diags d;
	struct qd_buf b;
	bool r, maybe;

	qd_buf_init(&b);
	maybe = qd_file_read(path, QD_YAML_MAX_BYTES, &b, NULL) == 0 && may_name_quiz(b.data, b.len);
	qd_buf_release(&b);
	if (!maybe)
		return false;
	/* Read again, so that the text is held once, by the diagnostics. */
	qd_diags_init(&d, path);
	r = qd_ydoc_load_file_stream(path, NULL, &drop, &root, &d, NULL) == 0 &&
	    qd_quizfile_is_tree(root);
	qd_ynode_free(root);
	qd_diags_release(&d);
	return r;
}

struct reader {
	struct qd_quizfile *qf;
	struct qd_diags *d;
};

static void worse(struct qd_quizfile *qf, int status)
{
	if (qf->status != QD_EXIT_NOINPUT)
		qf->status = status;
}

/* A scalar's text for a message. */
static const char *excerpt(const struct qd_ynode *n, char *buf, size_t size)
{
	return qd_text_excerpt(n->str, n->len, 40, buf, size);
}

/* A whole number in [min, max]; returns false (reported) otherwise. */
static bool read_number(struct reader *R, const struct qd_ynode *n, const char *key, long min,
                        long max, long *out)
{
	char ex[64];
	long v = 0;
	size_t i;

	if (n->kind == QD_YNODE_BAD || n->tainted)
		return false;
	if (n->kind == QD_YNODE_SCALAR && n->len > 0 && n->len < 12) {
		for (i = 0; i < n->len && n->str[i] >= '0' && n->str[i] <= '9'; i++)
			v = v * 10 + (n->str[i] - '0');
		if (i == n->len && v >= min && v <= max) {
			*out = v;
			return true;
		}
	}
	if (n->kind == QD_YNODE_SCALAR)
		qd_diags_add(R->d, QD_SEV_ERROR, n->line, n->col,
		             "'%s' must be a whole number from %ld to %ld, not '%s'", key, min, max,
		             excerpt(n, ex, sizeof(ex)));
	else
		qd_diags_add(R->d, QD_SEV_ERROR, n->line, n->col,
		             "'%s' must be a whole number from %ld to %ld, not %s", key, min, max,
		             qd_ynode_kind_name(n));
	return false;
}

static bool read_bool(struct reader *R, const struct qd_ynode *n, const char *key, bool *out)
{
	if (n->kind == QD_YNODE_BAD || n->tainted)
		return false;
	if (qd_ynode_equals(n, "true") || qd_ynode_equals(n, "false")) {
		*out = qd_ynode_equals(n, "true");
		return true;
	}
	qd_diags_add(R->d, QD_SEV_ERROR, n->line, n->col, "'%s' must be true or false", key);
	return false;
}

/* A non-empty one-line string (title, class), copied. */
static char *read_text(struct reader *R, const struct qd_ynode *n, const char *key)
{
	size_t len;

	if (n->kind == QD_YNODE_BAD || n->tainted)
		return NULL;
	if (n->kind != QD_YNODE_SCALAR || qd_ynode_is_null(n)) {
		qd_diags_add(R->d, QD_SEV_ERROR, n->line, n->col, "'%s' must be a string, not %s", key,
		             qd_ynode_kind_name(n));
		return NULL;
	}
	len = n->len;
	while (len && (n->str[len - 1] == ' ' || n->str[len - 1] == '\n' || n->str[len - 1] == '\t'))
		len--;
	if (memchr(n->str, '\n', len)) {
		qd_diags_add(R->d, QD_SEV_ERROR, n->line, n->col, "'%s' must be one line", key);
		return NULL;
	}
	if (len > 200) {
		qd_diags_add(R->d, QD_SEV_ERROR, n->line, n->col,
		             "'%s' is too long (%zu bytes; the limit is 200)", key, len);
		return NULL;
	}
	char *s = qd_xmalloc(len + 1);
	memcpy(s, n->str, len);
	s[len] = '\0';
	return s;
}

/* A list of strings, or one string: the items of n. */
static bool list_items(struct reader *R, const struct qd_ynode *n, const char *key,
                       const struct qd_ynode *const **items, size_t *count,
                       const struct qd_ynode **one)
{
	if (n->kind == QD_YNODE_BAD)
		return false;
	if (n->kind == QD_YNODE_SEQUENCE) {
		*items = (const struct qd_ynode *const *)n->items;
		*count = n->n_items;
		return true;
	}
	if (n->kind == QD_YNODE_SCALAR && !qd_ynode_is_null(n)) {
		*one = n;
		*items = one;
		*count = 1;
		return true;
	}
	qd_diags_add(R->d, QD_SEV_ERROR, n->line, n->col, "'%s' must be a list, not %s", key,
	             qd_ynode_kind_name(n));
	return false;
}

static void read_types(struct reader *R, const struct qd_ynode *n)
{
	static const char *const names[] = {"basic", "typed", "choice", "multi", "truefalse",
	                                    "cloze", NULL};
	static const char *const synonyms[] = {"true-false", "truefalse", "tf", "truefalse",
	                                       "multiple", "multi", "text", "typed", NULL};
	const struct qd_ynode *const *items, *one;
	size_t count;

	if (!list_items(R, n, "types", &items, &count, &one))
		return;
	for (size_t i = 0; i < count; i++) {
		const struct qd_ynode *it = items[i];
		enum qd_card_type t;

		if (it->kind == QD_YNODE_BAD || it->tainted)
			continue;
		if (it->kind != QD_YNODE_SCALAR) {
			qd_diags_add(R->d, QD_SEV_ERROR, it->line, it->col,
			             "a card type must be a string, not %s", qd_ynode_kind_name(it));
			continue;
		}
		if (qd_card_type_parse(it->str, &t)) {
			qd_ynode_report_unknown(R->d, QD_SEV_ERROR, NULL, it, "card type", names, synonyms,
			                        "the types are basic, typed, choice, multi, truefalse, cloze");
			continue;
		}
		R->qf->spec.types |= 1u << t;
	}
	if (!R->qf->spec.types && count == 0)
		qd_diags_add(R->d, QD_SEV_ERROR, n->line, n->col, "'types' is empty: leave it out to "
		             "draw from every type");
}

static void read_tags(struct reader *R, const struct qd_ynode *n)
{
	const struct qd_ynode *const *items, *one;
	struct qd_quizspec *s = &R->qf->spec;
	size_t count;

	if (!list_items(R, n, "tags", &items, &count, &one))
		return;
	if (count == 0)
		qd_diags_add(R->d, QD_SEV_ERROR, n->line, n->col,
		             "'tags' is empty: leave it out to draw from every card");
	s->tags = qd_xcalloc(count ? count : 1, sizeof(*s->tags));
	for (size_t i = 0; i < count; i++) {
		const struct qd_ynode *it = items[i];

		if (it->kind == QD_YNODE_BAD || it->tainted)
			continue;
		if (it->kind != QD_YNODE_SCALAR || qd_ynode_is_null(it) || it->len == 0 ||
		    strlen(it->str) != it->len) {
			qd_diags_add(R->d, QD_SEV_ERROR, it->line, it->col,
			             "a tag must be a non-empty string, not %s", qd_ynode_kind_name(it));
			continue;
		}
		s->tags[s->n_tags++] = qd_xstrdup(it->str);
	}
}

/* The file a deck path names: rel resolved against the quiz file's
 * directory. */
static char *resolve(const char *quiz_path, const char *rel)
{
	const char *slash = strrchr(quiz_path, '/');
	struct qd_buf b;

	qd_buf_init(&b);
	if (slash)
		qd_buf_addf(&b, "%.*s/", (int)(slash - quiz_path), quiz_path);
	qd_buf_adds(&b, rel);
	return qd_buf_detach(&b, NULL);
}

char *qd_quizfile_relative_path(const char *quiz_path, const char *deck_path,
                                struct qd_err *err)
{
	const char *slash = strrchr(quiz_path, '/');
	char *dir, *real_dir, *real_deck, *rest;
	struct qd_buf b;
	size_t common = 0;

	dir = slash ? qd_xstrdup(quiz_path) : qd_xstrdup(".");
	if (slash)
		dir[slash == quiz_path ? 1 : slash - quiz_path] = '\0';
	real_dir = realpath(dir, NULL);
	if (!real_dir) {
		/* The quiz file's directory: where it cannot be written. */
		qd_err_errno(err, QD_EXIT_CANTCREAT, errno, "cannot write a quiz file in '%s'", dir);
		free(dir);
		return NULL;
	}
	real_deck = realpath(deck_path, NULL);
	if (!real_deck) {
		qd_err_errno(err, QD_EXIT_NOINPUT, errno, "cannot resolve '%s'", deck_path);
		free(dir);
		free(real_dir);
		return NULL;
	}
	/* The longest common run of whole components. */
	for (size_t i = 0;; i++) {
		if (real_dir[i] == '\0' && (real_deck[i] == '/' || real_deck[i] == '\0')) {
			common = i;
			break;
		}
		if (real_dir[i] != real_deck[i])
			break;
		if (real_dir[i] == '/')
			common = i;
	}
	qd_buf_init(&b);
	/* Each component of the directory after the common part is a "..". */
	for (const char *p = real_dir + common; *p; p++)
		if (*p == '/' && p[1])
			qd_buf_adds(&b, "../");
	rest = real_deck + common;
	while (*rest == '/')
		rest++;
	qd_buf_adds(&b, rest);
	free(dir);
	free(real_dir);
	free(real_deck);
	return qd_buf_detach(&b, NULL);
}

static void read_deck_item(struct reader *R, const struct qd_ynode *it)
{
	struct qd_quizfile *qf = R->qf;
	struct qd_quizfile_deck *dk = &qf->decks[qf->n_decks++];
	struct qd_err e;
	char ex[128];

	dk->line = it->line;
	dk->col = it->col;
	/* Named after the quiz file until the deck is a file of its own. */
	qd_diags_init(&dk->diags, qf->path);
	if (it->kind == QD_YNODE_BAD || it->tainted) {
		worse(qf, QD_EXIT_DATAERR);
		return;
	}
	if (it->kind == QD_YNODE_MAPPING) {
		/* An embedded deck: its diagnostics are the quiz file's. */
		if (qd_deck_load_node(qf->path, it, &dk->deck, R->d, &e))
			worse(qf, QD_EXIT_DATAERR);
		return;
	}
	if (it->kind != QD_YNODE_SCALAR || qd_ynode_is_null(it) || strlen(it->str) != it->len) {
		qd_diags_add(R->d, QD_SEV_ERROR, it->line, it->col,
		             "a deck must be a path (relative to the quiz file) or a whole deck, "
		             "not %s", qd_ynode_kind_name(it));
		return;
	}
	qd_text_excerpt(it->str, it->len, 80, ex, sizeof(ex));
	if (it->str[0] == '/') {
		qd_diags_add(R->d, QD_SEV_ERROR, it->line, it->col,
		             "deck path '%s' is absolute: name the deck relative to the quiz file, "
		             "so that the quiz runs on every machine", ex);
		return;
	}
	dk->path = resolve(qf->path, it->str);
	qd_diags_release(&dk->diags);
	qd_diags_init(&dk->diags, dk->path);
	if (qd_deck_load_file(dk->path, &dk->deck, &dk->diags, &e) == 0)
		return;
	if (e.status == QD_EXIT_NOINPUT) {
		qd_diags_add(R->d, QD_SEV_ERROR, it->line, it->col, "deck '%s': %s", ex, e.msg);
		worse(qf, QD_EXIT_NOINPUT);
	} else {
		qd_diags_add(R->d, QD_SEV_ERROR, it->line, it->col,
		             "deck '%s' could not be loaded (its errors are listed under its name)", ex);
		worse(qf, QD_EXIT_DATAERR);
	}
}

static void read_decks(struct reader *R, const struct qd_ynode *n)
{
	struct qd_quizfile *qf = R->qf;

	if (n->kind == QD_YNODE_BAD)
		return;
	if (n->kind == QD_YNODE_SCALAR && !qd_ynode_is_null(n)) {
		qf->decks = qd_xcalloc(1, sizeof(*qf->decks));
		read_deck_item(R, n);
		return;
	}
	if (n->kind != QD_YNODE_SEQUENCE || n->n_items == 0) {
		qd_diags_add(R->d, QD_SEV_ERROR, n->line, n->col,
		             "'decks' must list at least one deck (a path or a whole deck), not %s",
		             n->kind == QD_YNODE_SEQUENCE ? "an empty list" : qd_ynode_kind_name(n));
		return;
	}
	qf->decks = qd_xcalloc(n->n_items, sizeof(*qf->decks));
	for (size_t i = 0; i < n->n_items; i++)
		read_deck_item(R, n->items[i]);
	/* Deck ids are unique in a quiz: questions are recorded by them. */
	for (size_t i = 0; i < qf->n_decks; i++) {
		for (size_t j = 0; qf->decks[i].deck && j < i; j++) {
			if (qf->decks[j].deck &&
			    strcmp(qd_deck_id(qf->decks[i].deck), qd_deck_id(qf->decks[j].deck)) == 0) {
				qd_diags_add(R->d, QD_SEV_ERROR, qf->decks[i].line, qf->decks[i].col,
				             "deck id '%s' is already used by the deck at line %d",
				             qd_deck_id(qf->decks[i].deck), qf->decks[j].line);
				break;
			}
		}
	}
}

/* Whether the decks give the questions asked for: none is an error, fewer
 * a warning. */
static void check_draw(struct reader *R, const struct qd_ynode *key,
                       const struct qd_ynode *questions)
{
	struct qd_quizfile *qf = R->qf;
	struct qd_collection_card *cards;
	struct qd_quiz_question *qs = NULL;
	struct qd_quiz_opts o;
	const struct qd_ynode *at = questions ? questions : key;
	size_t n = 0, k = 0, got;

	for (size_t i = 0; i < qf->n_decks; i++)
		n += qd_deck_card_count(qf->decks[i].deck);
	cards = qd_xcalloc(n ? n : 1, sizeof(*cards));
	for (size_t i = 0; i < qf->n_decks; i++)
		for (size_t c = 0; c < qd_deck_card_count(qf->decks[i].deck); c++, k++) {
			cards[k].deck = qf->decks[i].deck;
			cards[k].card = qd_deck_card(qf->decks[i].deck, c);
		}
	memset(&o, 0, sizeof(o));
	qd_quizspec_opts(&qf->spec, &o);
	got = qd_quiz_draw(cards, n, &o.draw, &qs);
	if (got == 0)
		qd_diags_add(R->d, QD_SEV_ERROR, at->line, at->col,
		             "no card of these decks can be asked%s",
		             qf->spec.n_tags || qf->spec.types ? " with these types and tags"
		             : qf->spec.self_grade ? ""
		                                   : " (only basic cards? add 'self-grade: true')");
	else if (got < (size_t)qf->spec.questions)
		qd_diags_add(R->d, QD_SEV_WARNING, at->line, at->col,
		             "only %zu question%s can be drawn from these decks, not %ld: the quiz "
		             "will have %zu",
		             got, got == 1 ? "" : "s", qf->spec.questions, got);
	free(qs);
	free(cards);
}

static void read_quiz(struct reader *R, const struct qd_ynode *root)
{
	struct qd_quizfile *qf = R->qf;
	struct qd_quizspec *s = &qf->spec;
	const struct qd_ynode *quiz, *n, *questions = NULL, *seed = NULL, *key = NULL;
	long v;

	for (size_t i = 0; i < root->n_pairs; i++) {
		const struct qd_ynode *k = root->pairs[i].key;
		bool inner = false;
		if (qd_ynode_equals(k, "quiz")) {
			key = k;
			continue;
		}
		for (size_t j = 0; quiz_keys[j] && !inner; j++)
			inner = qd_ynode_equals(k, quiz_keys[j]);
		if (inner)
			qd_diags_add(R->d, QD_SEV_ERROR, k->line, k->col,
			             "'%s' belongs inside 'quiz': indent it under 'quiz'", k->str);
		else if (!k->tainted)
			qd_ynode_report_unknown(R->d, QD_SEV_ERROR, NULL, k, "key", top_keys, NULL,
			                        "a quiz file has one key, 'quiz', holding the quiz");
	}
	quiz = qd_ynode_get(root, "quiz");
	if (quiz->kind != QD_YNODE_MAPPING) {
		if (quiz->kind != QD_YNODE_BAD)
			qd_diags_add(R->d, QD_SEV_ERROR, quiz->line, quiz->col,
			             "'quiz' must be a mapping with 'decks' and 'seed', not %s",
			             qd_ynode_kind_name(quiz));
		return;
	}
	for (size_t i = 0; i < quiz->n_pairs; i++) {
		const struct qd_ynode *k = quiz->pairs[i].key;
		bool known = false;
		for (size_t j = 0; quiz_keys[j] && !known; j++)
			known = qd_ynode_equals(k, quiz_keys[j]);
		if (!known && !k->tainted)
			qd_ynode_report_unknown(R->d, QD_SEV_ERROR, NULL, k, "key", quiz_keys,
			                        quiz_synonyms,
			                        "a quiz has: title, class, decks, questions, time, "
			                        "per-question, seed, types, tags, self-grade, speed-bonus");
	}
	s->questions = 10;
	if ((n = qd_ynode_get(quiz, "title")))
		s->title = read_text(R, n, "title");
	if ((n = qd_ynode_get(quiz, "class")))
		s->class_name = read_text(R, n, "class");
	if ((questions = qd_ynode_get(quiz, "questions")) &&
	    read_number(R, questions, "questions", 1, MAX_QUESTIONS, &v))
		s->questions = v;
	if ((n = qd_ynode_get(quiz, "time")) && read_number(R, n, "time", 1, MAX_LIMIT_S, &v))
		s->time_s = v;
	if ((n = qd_ynode_get(quiz, "per-question")) &&
	    read_number(R, n, "per-question", 1, MAX_LIMIT_S, &v))
		s->per_question_s = v;
	if (!(seed = qd_ynode_get(quiz, "seed")))
		qd_diags_add(R->d, QD_SEV_ERROR, key->line, key->col,
		             "missing 'seed': the seed draws the questions, and everyone who takes "
		             "the quiz must have the same (a number from 0 to %ld)", MAX_SEED);
	else if (read_number(R, seed, "seed", 0, MAX_SEED, &v))
		s->seed = (uint64_t)v;
	if ((n = qd_ynode_get(quiz, "types")))
		read_types(R, n);
	if ((n = qd_ynode_get(quiz, "tags")))
		read_tags(R, n);
	if ((n = qd_ynode_get(quiz, "self-grade")))
		read_bool(R, n, "self-grade", &s->self_grade);
	if ((n = qd_ynode_get(quiz, "speed-bonus")) && read_bool(R, n, "speed-bonus", &s->speed_bonus) &&
	    s->speed_bonus && !qd_ynode_get(quiz, "time") && !qd_ynode_get(quiz, "per-question"))
		qd_diags_add(R->d, QD_SEV_ERROR, n->line, n->col,
		             "'speed-bonus' needs a time limit ('per-question' or 'time')");
	if ((s->types & (1u << QD_CARD_BASIC)) && !s->self_grade)
		qd_diags_add(R->d, QD_SEV_ERROR, qd_ynode_get(quiz, "types")->line,
		             qd_ynode_get(quiz, "types")->col,
		             "basic cards are graded by the learner: with 'basic' in 'types', add "
		             "'self-grade: true'");
	if (!(n = qd_ynode_get(quiz, "decks")))
		qd_diags_add(R->d, QD_SEV_ERROR, key->line, key->col,
		             "missing 'decks' (the decks to draw from: paths relative to the quiz "
		             "file, or whole decks)");
	else
		read_decks(R, n);
	if (R->d->errors || qf->status != QD_EXIT_OK || qf->n_decks == 0)
		return;
	for (size_t i = 0; i < qf->n_decks; i++)
		if (!qf->decks[i].deck || qf->decks[i].diags.errors)
			return;
	check_draw(R, key, questions);
}

static struct qd_quizfile *load(const char *path, const char *data, size_t len, bool from_mem)
{
	struct qd_quizfile *qf = qd_xcalloc(1, sizeof(*qf));
	struct qd_ynode *root = NULL;
	struct reader R = {qf, &qf->diags};
	struct qd_err e;
	int rc;

	qf->path = qd_xstrdup(path);
	qd_diags_init(&qf->diags, path);
	if (from_mem)
		rc = qd_ydoc_parse(data, len, NULL, &root, &qf->diags);
	else
		rc = qd_ydoc_load_file(path, NULL, &root, &qf->diags, &e);
	if (rc && !from_mem && e.status == QD_EXIT_NOINPUT) {
		qd_diags_add(&qf->diags, QD_SEV_ERROR, 0, 0, "%s", e.msg);
		qf->status = QD_EXIT_NOINPUT;
	} else if (rc == 0 && !qd_quizfile_is_tree(root)) {
		qd_diags_add(&qf->diags, QD_SEV_ERROR, root ? root->line : 1, root ? root->col : 1,
		             "not a quiz file: a quiz file is a mapping with the key 'quiz'");
	} else if (rc == 0) {
		read_quiz(&R, root);
	}
	qd_ynode_free(root);
	if (qf->diags.errors)
		worse(qf, QD_EXIT_DATAERR);
	for (size_t i = 0; i < qf->n_decks; i++)
		if (qf->decks[i].diags.errors)
			worse(qf, QD_EXIT_DATAERR);
	return qf;
}

struct qd_quizfile *qd_quizfile_load(const char *path)
{
	return load(path, NULL, 0, false);
}

struct qd_quizfile *qd_quizfile_load_mem(const char *path, const char *data, size_t len)
{
	return load(path, data, len, true);
}

void qd_quizfile_free(struct qd_quizfile *qf)
{
	if (!qf)
		return;
	for (size_t i = 0; i < qf->n_decks; i++) {
		free(qf->decks[i].path);
		qd_deck_free(qf->decks[i].deck);
		qd_diags_release(&qf->decks[i].diags);
	}
	free(qf->decks);
	qd_quizspec_release(&qf->spec);
	qd_diags_release(&qf->diags);
	free(qf->path);
	free(qf);
}

void qd_quizfile_print(FILE *fp, struct qd_quizfile *qf, bool warnings)
{
	qd_diags_sort(&qf->diags);
	if (warnings)
		qd_diags_print(fp, &qf->diags);
	else
		qd_diags_print_errors(fp, &qf->diags);
	for (size_t i = 0; i < qf->n_decks; i++) {
		qd_diags_sort(&qf->decks[i].diags);
		if (warnings)
			qd_diags_print(fp, &qf->decks[i].diags);
		else
			qd_diags_print_errors(fp, &qf->decks[i].diags);
	}
}

struct qd_deckset *qd_quizfile_take_decks(struct qd_quizfile *qf)
{
	struct qd_deckset *set = qd_deckset_new();

	for (size_t i = 0; i < qf->n_decks; i++) {
		if (!qf->decks[i].deck)
			continue;
		/* Ids were checked to be unique when the file was read (and a
		 * deck refused would be freed by qd_deckset_add). */
		qd_deckset_add(set, qf->decks[i].deck, NULL);
		qf->decks[i].deck = NULL;
	}
	return set;
}

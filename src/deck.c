/*
 * The deck loader: walks the YAML tree of quizdeck/yamldoc.h into the
 * immutable model of quizdeck/deck.h, like a compiler's semantic pass.
 *
 * Every problem is collected into the caller's struct qd_diags (never just
 * the first): errors make the load fail, warnings (unknown keys, keys that a
 * card type does not use, an empty deck) do not. Messages name the card by
 * its id when known ("card 'borrow-1': ...", else "card 3: ...") and point
 * at the offending node, or at the card when something is missing.
 *
 * The model is built while validating and thrown away if any error was
 * found, so a returned deck always satisfies the header's promises. All its
 * memory is one arena, freed together, and its array of cards. A deck read
 * from its own file or buffer is streamed (quizdeck/yamldoc.h): each card
 * is read as soon as the parser has it, from a small tree that is freed
 * right after, and the strings the deck keeps are copied into its arena;
 * the whole tree of the file never exists. The cards' messages are kept
 * aside and appended after the deck's own, so they come in the same order,
 * and are capped the same way, as when the cards are read from a whole
 * tree (a quiz file's deck, borrowed). Card ids are looked up through a
 * hash map, which also finds duplicate ids.
 *
 * A deck may have a million cards, so the work for each one is kept small:
 * its keys are matched against the known ones once, and the "card 'x': "
 * prefix of its messages is written only when it has a message.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "quizdeck/arena.h"
#include "quizdeck/buf.h"
#include "quizdeck/deck.h"
#include "quizdeck/strset.h"
#include "quizdeck/suggest.h"
#include "quizdeck/yamldoc.h"

struct id_slot {
	uint32_t card, hash;
};

#define CARD_BLOCK 256 /* 48 KiB: a chunk of the arena wastes little at its end */

struct qd_deck {
	const char *id, *title, *description, *source, *path;
	const char *const *tags;
	size_t n_tags;
	bool reverse, ignore_accents;
	/* The cards, CARD_BLOCK to a block, the blocks in the arena (whose
	 * large chunks are on huge pages: a hundred thousand cards fault in a
	 * few times, not five thousand); the array of blocks from malloc. */
	struct qd_card **blocks;
	size_t n_cards, n_blocks, cap_blocks;
	/* Card ids to cards, for qd_deck_find: open addressing, each slot a
	 * card's index + 1 (0: empty) and its id's hash, which most probes
	 * stop at without reading the card; at most half of them used. Eight
	 * bytes a slot, where a general map of strings takes thirty-two. */
	struct id_slot *by_id;
	size_t id_cap;
	struct qd_arena arena;  /* everything above, freed together */
};

static const char *const type_names[] = {"basic", "typed", "choice", "multi", "truefalse",
                                         "cloze", NULL};

static const char *const type_synonyms[] = {
	"flashcard", "basic", "card", "basic", "text", "typed", "input", "typed",
	"answer", "typed", "mcq", "choice", "single", "choice", "multiple-choice", "choice",
	"multiple", "multi", "multiselect", "multi", "checkbox", "multi", "bool", "truefalse",
	"boolean", "truefalse", "true-false", "truefalse", "tf", "truefalse", "yesno", "truefalse",
	"fill", "cloze", "blank", "cloze", "blanks", "cloze", "gap", "cloze", NULL,
};

static const char *const deck_keys[] = {"deck", "title", "description", "source", "tags",
                                        "reverse", "accents", "cards", NULL};
static const char *const deck_synonyms[] = {
	"id", "deck", "name", "title", "desc", "description", "summary", "description",
	"url", "source", "tag", "tags", "card", "cards", "questions", "cards",
	"reversed", "reverse", "accent", "accents", NULL,
};

enum { T_BASIC = 1 << QD_CARD_BASIC, T_TYPED = 1 << QD_CARD_TYPED,
       T_CHOICE = 1 << QD_CARD_CHOICE, T_MULTI = 1 << QD_CARD_MULTI,
       T_TF = 1 << QD_CARD_TRUEFALSE, T_CLOZE = 1 << QD_CARD_CLOZE, T_ALL = 0x3F };

#define KEY(name, types) {name, sizeof(name) - 1, types}
static const struct {
	const char *name;
	size_t len;
	unsigned types;
} card_keys[] = {
	KEY("id", T_ALL), KEY("type", T_ALL), KEY("q", T_ALL),
	KEY("a", T_BASIC | T_TYPED | T_CHOICE | T_MULTI | T_TF),
	KEY("accept", T_TYPED), KEY("choices", T_CHOICE | T_MULTI), KEY("text", T_CLOZE),
	KEY("explain", T_ALL), KEY("hint", T_ALL), KEY("tags", T_ALL), KEY("group", T_ALL),
	KEY("nowarn", T_ALL), KEY("reverse", T_BASIC),
};
/* Their indices. */
enum { K_ID, K_TYPE, K_Q, K_A, K_ACCEPT, K_CHOICES, K_TEXT, K_EXPLAIN, K_HINT, K_TAGS, K_GROUP,
       K_NOWARN, K_REVERSE };
#define N_CARD_KEYS (sizeof(card_keys) / sizeof(card_keys[0]))

static const char *const card_synonyms[] = {
	"question", "q", "answer", "a", "answers", "a", "correct", "a", "options", "choices",
	"choice", "choices", "alternatives", "accept", "accepted", "accept", "explanation", "explain",
	"tag", "tags", "kind", "type", "hints", "hint", "cloze", "text", "name", "id",
	"sibling", "group", "siblings", "group", "nolint", "nowarn", "allow", "nowarn",
	"ignore", "nowarn", "reversed", "reverse", NULL,
};

/* ---- the model's memory ---- */

/* Zeroed memory that lives as long as the deck. */
static void *deck_alloc(struct qd_deck *d, size_t n)
{
	return qd_arena_zalloc(&d->arena, n);
}

static const char *deck_strndup(struct qd_deck *d, const char *s, size_t len)
{
	return qd_arena_strndup(&d->arena, s, len);
}

void qd_deck_free(struct qd_deck *d)
{
	if (!d)
		return;
	free(d->by_id);
	free(d->blocks);
	qd_arena_release(&d->arena);
	free(d);
}

static struct qd_card *card_at(const struct qd_deck *d, size_t i)
{
	return &d->blocks[i / CARD_BLOCK][i % CARD_BLOCK];
}

/* Room for one more card; returns it (uninitialised). */
static struct qd_card *card_new(struct qd_deck *d)
{
	if (d->n_cards == d->n_blocks * CARD_BLOCK) {
		if (d->n_blocks == d->cap_blocks) {
			d->cap_blocks = d->cap_blocks ? d->cap_blocks * 2 : 4;
			d->blocks = qd_xrealloc(d->blocks, d->cap_blocks * sizeof(*d->blocks));
		}
		d->blocks[d->n_blocks++] =
			qd_arena_alloc(&d->arena, CARD_BLOCK * sizeof(struct qd_card));
	}
	return card_at(d, d->n_cards++);
}

/* ---- lookup by id ---- */

static uint32_t id_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The slot of id in d->by_id: the one holding its card, or the empty one
 * where it would go (d->id_cap > 0). */
static struct id_slot *id_slot(const struct qd_deck *d, const char *id, size_t len,
                               uint32_t h)
{
	size_t mask = d->id_cap - 1;

	for (size_t i = h & mask;; i = (i + 1) & mask) {
		struct id_slot *slot = &d->by_id[i];
		const char *other;
		if (!slot->card)
			return slot;
		if (slot->hash != h)
			continue;
		other = card_at(d, slot->card - 1)->id;
		if (strncmp(other, id, len) == 0 && other[len] == '\0')
			return slot;
	}
}

/* Builds the index of the cards' ids; reports each duplicate id (the first
 * card keeps it). */
static void index_ids(struct qd_deck *d, struct qd_diags *diags)
{
	size_t cap = 16;

	while (cap < 2 * d->n_cards)
		cap *= 2;
	d->by_id = qd_xcalloc(cap, sizeof(*d->by_id));
	d->id_cap = cap;
	for (size_t i = 0; i < d->n_cards; i++) {
		const struct qd_card *c = card_at(d, i);
		struct id_slot *slot;
		size_t len;
		uint32_t h;
		if (!c->id)
			continue;
		len = strlen(c->id);
		h = id_hash(c->id, len);
		slot = id_slot(d, c->id, len, h);
		if (slot->card) {
			qd_diags_add(diags, QD_SEV_ERROR, c->line, c->col,
			             "card '%s': duplicate card id (first used on line %d)", c->id,
			             card_at(d, slot->card - 1)->line);
		} else {
			slot->card = (uint32_t)i + 1;
			slot->hash = h;
		}
	}
}

/* ---- the loader's state and messages ---- */

struct loader {
	struct qd_diags *diags; /* where messages go now: main's or cards' */
	struct qd_diags *main;
	/* The cards' messages: the cards of a streamed deck are read while the
	 * file is parsed, before the deck's own keys, whose messages come
	 * first; these are appended after them. */
	struct qd_diags cards;
	struct qd_deck *deck;
	/* The strings of the card being read are in the deck's arena already:
	 * a streamed card's, which the parser put there. */
	bool own_strings;
	/* The prefix of messages: "card 'x': " for the card being read, written
	 * on its first message (see prefix()), or "". */
	char prefix[160];
	const struct qd_ynode *card, *card_id; /* the card being read, its id */
	size_t card_index;
	bool prefix_due;
	struct qd_strset choices; /* the card's choices (trimmed) -> index, while read */
};

#define EXCERPT 48
static const char *excerpt(const struct qd_ynode *n, char *buf, size_t size)
{
	return qd_text_excerpt(n->str, n->len, EXCERPT, buf, size);
}

static const char *prefix(struct loader *L)
{
	if (L->prefix_due) {
		const struct qd_ynode *idn = L->card_id;
		char ex[128];
		if (idn && idn->kind == QD_YNODE_SCALAR && !qd_ynode_is_null(idn) && !idn->tainted)
			snprintf(L->prefix, sizeof(L->prefix), "card '%s': ",
			         excerpt(idn, ex, sizeof(ex)));
		else
			snprintf(L->prefix, sizeof(L->prefix), "card %zu: ", L->card_index + 1);
		L->prefix_due = false;
	}
	return L->prefix;
}

static void report(struct loader *L, enum qd_severity sev, const struct qd_ynode *at,
                   const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void report(struct loader *L, enum qd_severity sev, const struct qd_ynode *at,
                   const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	qd_diags_vadd(L->diags, sev, at ? at->line : 0, at ? at->col : 0, NULL, prefix(L), fmt,
	              ap);
	va_end(ap);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* The length of s[0..len) without its trailing spaces: what a string value
 * keeps. */
static size_t trimmed_len(const char *s, size_t len)
{
	while (len > 0 && is_space(s[len - 1]))
		len--;
	return len;
}

static struct qd_mark mark_of(const struct qd_ynode *n)
{
	struct qd_mark m = {0, 0};

	if (n) {
		m.line = n->line;
		m.col = n->col;
	}
	return m;
}

/* ---- typed readers ---- */

enum res { R_ABSENT, R_EMPTY, R_BAD, R_OK };

/* Reads a string value: trims trailing white space (block scalars end with a
 * newline) and, if trim_lead, leading white space too. Reports a wrong type
 * or an over-long value; an empty value is R_EMPTY for the caller to judge. */
static enum res read_string(struct loader *L, const struct qd_ynode *n, const char *key,
                            bool trim_lead, const char **out, size_t *out_len)
{
	size_t start = 0, end;

	*out = NULL;
	if (!n)
		return R_ABSENT;
	if (n->kind == QD_YNODE_BAD || (n->kind == QD_YNODE_SCALAR && n->tainted))
		return R_BAD;
	if (n->kind != QD_YNODE_SCALAR) {
		report(L, QD_SEV_ERROR, n, "'%s' must be a string, not %s", key,
		       qd_ynode_kind_name(n));
		return R_BAD;
	}
	if (qd_ynode_is_null(n))
		return R_EMPTY;
	end = trimmed_len(n->str, n->len);
	if (trim_lead)
		while (start < end && is_space(n->str[start]))
			start++;
	if (start == end)
		return R_EMPTY;
	if (end - start > QD_DECK_MAX_TEXT) {
		report(L, QD_SEV_ERROR, n, "'%s' is too long (%zu bytes; the limit is %d)", key,
		       end - start, QD_DECK_MAX_TEXT);
		return R_BAD;
	}
	/* The parser's string itself when it is already the deck's (a
	 * streamed card's) and ends where the value does (has its NUL there);
	 * else a copy. */
	if (L->own_strings && end == n->len)
		*out = n->str + start;
	else
		*out = deck_strndup(L->deck, n->str + start, end - start);
	if (out_len)
		*out_len = end - start;
	return R_OK;
}

/* A required, non-empty string, the value n of key in map (NULL when
 * absent); what names it in messages ("the question"). */
static const char *need_string_at(struct loader *L, const struct qd_ynode *map,
                                  const struct qd_ynode *n, const char *key, const char *what,
                                  bool trim_lead)
{
	const char *s;

	switch (read_string(L, n, key, trim_lead, &s, NULL)) {
	case R_ABSENT:
		report(L, QD_SEV_ERROR, map, "missing '%s' (%s)", key, what);
		break;
	case R_EMPTY:
		if (n->kind == QD_YNODE_SCALAR && n->plain && n->len > 0 && qd_ynode_is_null(n))
			report(L, QD_SEV_ERROR, n, "%s ('%s') is null: write \"%s\" in quotes to "
			       "mean the text", what, key, n->str);
		else
			report(L, QD_SEV_ERROR, n, "%s ('%s') is empty", what, key);
		break;
	case R_BAD:
	case R_OK:
		break;
	}
	return s;
}

static const char *need_string(struct loader *L, const struct qd_ynode *map, const char *key,
                               const char *what, bool trim_lead)
{
	return need_string_at(L, map, qd_ynode_get(map, key), key, what, trim_lead);
}

/* An optional string, the value n of key (NULL when absent); an empty one
 * counts as absent. */
static const char *opt_string_at(struct loader *L, const struct qd_ynode *n, const char *key)
{
	const char *s;

	read_string(L, n, key, false, &s, NULL);
	return s;
}

static const char *opt_string(struct loader *L, const struct qd_ynode *map, const char *key)
{
	return opt_string_at(L, qd_ynode_get(map, key), key);
}

/* A list of non-empty strings. Reports problems; returns R_OK with the list
 * (possibly shorter than the node when items were bad), R_ABSENT or R_BAD. */
static enum res read_list_at(struct loader *L, const struct qd_ynode *n, const char *key,
                             const char *example, const char ***out, const struct qd_mark **marks,
                             size_t *count)
{
	const char **items;
	struct qd_mark *at = NULL;
	size_t k = 0;
	bool bad = false;

	*out = NULL;
	*count = 0;
	if (marks)
		*marks = NULL;
	if (!n || qd_ynode_is_null(n))
		return n ? R_EMPTY : R_ABSENT;
	if (n->kind == QD_YNODE_BAD)
		return R_BAD;
	if (n->kind != QD_YNODE_SEQUENCE) {
		report(L, QD_SEV_ERROR, n, "'%s' must be a list, not %s (write %s)", key,
		       qd_ynode_kind_name(n), example);
		return R_BAD;
	}
	items = deck_alloc(L->deck, n->n_items * sizeof(*items));
	if (marks)
		at = deck_alloc(L->deck, n->n_items * sizeof(*at));
	for (size_t i = 0; i < n->n_items; i++) {
		const char *s;
		switch (read_string(L, n->items[i], key, true, &s, NULL)) {
		case R_EMPTY:
			report(L, QD_SEV_ERROR, n->items[i], "'%s' item %zu is empty", key, i + 1);
			bad = true;
			break;
		case R_OK:
			if (at)
				at[k] = mark_of(n->items[i]);
			items[k++] = s;
			break;
		default:
			bad = true;
		}
	}
	*out = items;
	*count = k;
	if (marks)
		*marks = at;
	return bad ? R_BAD : R_OK;
}

static enum res read_list(struct loader *L, const struct qd_ynode *n, const char *key,
                          const char *example, const char ***out, size_t *count)
{
	return read_list_at(L, n, key, example, out, NULL, count);
}

static enum res read_bool(struct loader *L, const struct qd_ynode *n, const char *key,
                          bool *out)
{
	static const char *const yes[] = {"true", "yes", NULL}, *const no[] = {"false", "no", NULL};
	char ex[128];

	if (!n)
		return R_ABSENT;
	if (n->kind == QD_YNODE_BAD || (n->kind == QD_YNODE_SCALAR && n->tainted))
		return R_BAD;
	if (n->kind == QD_YNODE_SCALAR && !qd_ynode_is_null(n)) {
		for (int i = 0; yes[i]; i++) {
			if (n->len == strlen(yes[i]) && qd_edit_distance(n->str, n->len, yes[i], n->len) == 0) {
				*out = true;
				return R_OK;
			}
			if (n->len == strlen(no[i]) && qd_edit_distance(n->str, n->len, no[i], n->len) == 0) {
				*out = false;
				return R_OK;
			}
		}
		report(L, QD_SEV_ERROR, n, "'%s' must be true or false, not '%s'", key,
		       excerpt(n, ex, sizeof(ex)));
		return R_BAD;
	}
	report(L, QD_SEV_ERROR, n, "'%s' must be true or false, not %s", key, qd_ynode_kind_name(n));
	return R_BAD;
}

bool qd_slug_valid(const char *s, size_t len)
{
	if (len == 0 || len > QD_DECK_MAX_ID)
		return false;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (s[0] >= '0' && s[0] <= '9')))
		return false;
	for (size_t i = 1; i < len; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

/* A suggested slug for a bad id: lowercase ASCII, other runs become '-'. */
static void slugify(const char *s, size_t len, char *out, size_t size)
{
	size_t o = 0;
	bool dash = false;

	for (size_t i = 0; i < len && o + 2 < size && o < QD_DECK_MAX_ID; i++) {
		char c = s[i];
		if (c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && o > 0)
				out[o++] = '-';
			out[o++] = c;
			dash = false;
		} else {
			dash = true;
		}
	}
	out[o] = '\0';
}

/* An id: deck or card, the value n of key in map. Returns the id or NULL
 * (reported). */
static const char *read_id(struct loader *L, const struct qd_ynode *map,
                           const struct qd_ynode *n, const char *key, const char *what)
{
	const char *s = need_string_at(L, map, n, key, what, false);
	char ex[128], fix[QD_DECK_MAX_ID + 2];

	if (!s)
		return NULL;
	if (!qd_slug_valid(s, strlen(s))) {
		if (n->len > QD_DECK_MAX_ID) {
			report(L, QD_SEV_ERROR, n, "id '%s' is too long (%zu bytes; the limit is %d)",
			       excerpt(n, ex, sizeof(ex)), n->len, QD_DECK_MAX_ID);
			return NULL;
		}
		slugify(n->str, n->len, fix, sizeof(fix));
		if (fix[0] && qd_slug_valid(fix, strlen(fix)))
			report(L, QD_SEV_ERROR, n,
			       "id '%s' is not a slug: use lowercase letters, digits and '-' "
			       "(e.g. '%s')", excerpt(n, ex, sizeof(ex)), fix);
		else
			report(L, QD_SEV_ERROR, n,
			       "id '%s' is not a slug: use lowercase letters, digits and '-'",
			       excerpt(n, ex, sizeof(ex)));
		return NULL;
	}
	return s;
}

/* Unknown-key warnings for a mapping, with a suggestion when one is close. */
static void check_keys(struct loader *L, const struct qd_ynode *map, const char *const *valid,
                       const char *const *synonyms, const char *where)
{
	for (size_t i = 0; i < map->n_pairs; i++) {
		const struct qd_ynode *k = map->pairs[i].key;
		bool known = false;
		struct qd_buf list;

		for (size_t j = 0; valid[j] && !known; j++)
			known = qd_ynode_equals(k, valid[j]);
		if (known || k->tainted)
			continue;
		qd_buf_init(&list);
		qd_buf_addf(&list, "%s:", where);
		for (size_t j = 0; valid[j]; j++)
			qd_buf_addf(&list, "%s %s", j ? "," : "", valid[j]);
		qd_ynode_report_unknown(L->diags, QD_SEV_WARNING, prefix(L), k, "key", valid, synonyms,
		                        list.data);
		qd_buf_release(&list);
	}
}

/* ---- cards ---- */

/* The item's text as loaded (trimmed, as read_list_at() keeps it), or false
 * for an item that is no string or is empty. */
static bool item_text(const struct qd_ynode *it, const char **text, size_t *len)
{
	size_t a = 0, b;

	if (it->kind != QD_YNODE_SCALAR || it->tainted || qd_ynode_is_null(it))
		return false;
	b = it->len;
	while (a < b && is_space(it->str[a]))
		a++;
	while (b > a && is_space(it->str[b - 1]))
		b--;
	*text = it->str + a;
	*len = b - a;
	return a < b;
}

/* choices: at least two, no duplicates. */
static void read_choices(struct loader *L, const struct qd_ynode *card, struct qd_card *c)
{
	const struct qd_ynode *n = qd_ynode_get(card, "choices");
	const char **items;
	size_t count;
	char ex[128];

	c->choices_at = mark_of(n);
	switch (read_list_at(L, n, "choices", "[first, second, third]", &items, &c->choice_at,
	                     &count)) {
	case R_ABSENT:
		report(L, QD_SEV_ERROR, card, "missing 'choices' (the answers to pick from)");
		return;
	case R_EMPTY:
		report(L, QD_SEV_ERROR, n, "'choices' is empty: list at least two answers");
		return;
	case R_BAD:
		if (n->kind != QD_YNODE_SEQUENCE)
			return;
		break;
	case R_OK:
		break;
	}
	c->choices = items;
	c->n_choices = count;
	/* Duplicates through a hash map from each choice to where it was first
	 * listed (a deck may list many thousands); read_answer_for_choices()
	 * looks the answers up in the same map. The map borrows the tree's
	 * strings, which outlive it. */
	for (size_t i = 0; i < n->n_items; i++) {
		const struct qd_ynode *it = n->items[i];
		const char *t;
		size_t len, first;
		if (item_text(it, &t, &len) &&
		    !qd_strset_put_borrowed(&L->choices, t, len, i, &first))
			report(L, QD_SEV_ERROR, it, "duplicate choice '%s' (also choice %zu)",
			       excerpt(it, ex, sizeof(ex)), first + 1);
	}
	if (n->n_items < 2)
		report(L, QD_SEV_ERROR, n, "'choices' must list at least two answers");
}

static void read_cloze(struct loader *L, const struct qd_ynode *card, struct qd_card *c)
{
	const struct qd_ynode *tn = qd_ynode_get(card, "text");
	const char *t = need_string(L, card, "text", "the text with {{blanks}}", false);
	struct qd_cloze_blank *blanks;
	size_t n = 0, cap = 0, len, i = 0;
	bool bad = false;

	if (!t)
		return;
	len = strlen(t);
	/* At most len / 4 blanks ("{{x}}" is five bytes). */
	for (size_t k = 0; k + 1 < len; k++)
		if (t[k] == '{' && t[k + 1] == '{')
			cap++;
	blanks = deck_alloc(L->deck, (cap ? cap : 1) * sizeof(*blanks));
	while (i < len) {
		size_t j, start, nans = 0;
		const char **answers;

		if (t[i] == '}' && i + 1 < len && t[i + 1] == '}') {
			report(L, QD_SEV_ERROR, tn, "unbalanced '}}' in 'text': no '{{' opens it");
			bad = true;
			i += 2;
			continue;
		}
		if (!(t[i] == '{' && i + 1 < len && t[i + 1] == '{')) {
			i++;
			continue;
		}
		start = i;
		for (j = i + 2; j + 1 < len; j++)
			if ((t[j] == '}' && t[j + 1] == '}') || (t[j] == '{' && t[j + 1] == '{'))
				break;
		if (j + 1 >= len) {
			report(L, QD_SEV_ERROR, tn, "unbalanced '{{' in 'text': blank %zu is not closed "
			       "with '}}'", n + 1);
			bad = true;
			break;
		}
		if (t[j] == '{') {
			/* Skip to the end of the outer marker to report it once. */
			report(L, QD_SEV_ERROR, tn, "unbalanced '{{' in 'text': a '{{' inside blank %zu "
			       "(blanks cannot be nested)", n + 1);
			bad = true;
			while (j + 1 < len && !(t[j] == '}' && t[j + 1] == '}'))
				j++;
			i = j + 2;
			if (i + 1 < len && t[i] != '}')
				while (i + 1 < len && !(t[i] == '}' && t[i + 1] == '}') &&
				       !(t[i] == '{' && t[i + 1] == '{'))
					i++;
			if (i + 1 < len && t[i] == '}' && t[i + 1] == '}')
				i += 2;
			continue;
		}
		/* The marker is t[start..j+2); its content t[start+2..j), split on '|'. */
		{
			size_t alts = 1; /* one answer, and one for each '|' */
			for (size_t p = start + 2; p < j; p++)
				alts += t[p] == '|';
			answers = deck_alloc(L->deck, alts * sizeof(*answers));
		}
		for (size_t p = start + 2;;) {
			size_t q = p, a, b;
			while (q < j && t[q] != '|')
				q++;
			a = p;
			b = q;
			while (a < b && is_space(t[a]))
				a++;
			while (b > a && is_space(t[b - 1]))
				b--;
			if (a == b) {
				if (j == start + 2 || nans == 0)
					report(L, QD_SEV_ERROR, tn, "blank %zu in 'text' is empty", n + 1);
				else
					report(L, QD_SEV_ERROR, tn,
					       "blank %zu in 'text' has an empty alternative", n + 1);
				bad = true;
				break;
			}
			answers[nans++] = deck_strndup(L->deck, t + a, b - a);
			if (q >= j)
				break;
			p = q + 1;
		}
		blanks[n].start = start;
		blanks[n].len = j + 2 - start;
		blanks[n].answers = answers;
		blanks[n].n_answers = nans;
		n++;
		i = j + 2;
	}
	if (n == 0 && !bad)
		report(L, QD_SEV_ERROR, tn, "'text' has no blanks: mark the hidden words as "
		       "{{words}}");
	c->text = t;
	c->blanks = blanks;
	c->n_blanks = n;
}

static void read_answer_for_choices(struct loader *L, const struct qd_ynode *card,
                                    struct qd_card *c)
{
	const struct qd_ynode *n = qd_ynode_get(card, "a");
	char ex[128];

	if (c->type == QD_CARD_CHOICE) {
		if (n && n->kind == QD_YNODE_SEQUENCE) {
			report(L, QD_SEV_ERROR, n, "'a' must be one of the choices, not a list "
			       "(for several correct answers use type 'multi')");
			return;
		}
		c->a = need_string(L, card, "a", "the correct choice", true);
		if (c->a && c->choices && !qd_strset_get_n(&L->choices, c->a, strlen(c->a), NULL))
			report(L, QD_SEV_ERROR, n, "the answer '%s' is not among the choices",
			       excerpt(n, ex, sizeof(ex)));
		return;
	}
	/* multi */
	{
		struct qd_strset seen = {0};
		const char **items;
		size_t count;
		enum res r;

		if (n && n->kind == QD_YNODE_SCALAR && !qd_ynode_is_null(n)) {
			report(L, QD_SEV_ERROR, n, "'a' must be a list of the correct choices "
			       "(write [%s])", excerpt(n, ex, sizeof(ex)));
			return;
		}
		r = read_list_at(L, n, "a", "[first, second]", &items, &c->answer_at, &count);
		if (r == R_ABSENT) {
			report(L, QD_SEV_ERROR, card, "missing 'a' (the list of correct choices)");
			return;
		}
		if (r == R_EMPTY || (r == R_OK && count == 0)) {
			report(L, QD_SEV_ERROR, n, "'a' must name at least one correct choice");
			return;
		}
		c->answers = items;
		c->n_answers = count;
		for (size_t i = 0; n->kind == QD_YNODE_SEQUENCE && i < n->n_items; i++) {
			const struct qd_ynode *it = n->items[i];
			const char *t;
			size_t len;
			if (!item_text(it, &t, &len))
				continue;
			if (c->choices && !qd_strset_get_n(&L->choices, t, len, NULL))
				report(L, QD_SEV_ERROR, it, "the answer '%s' is not among the choices",
				       excerpt(it, ex, sizeof(ex)));
			if (!qd_strset_put_borrowed(&seen, t, len, i, NULL))
				report(L, QD_SEV_ERROR, it, "the answer '%s' is listed twice",
				       excerpt(it, ex, sizeof(ex)));
		}
		qd_strset_release(&seen);
	}
}

/* The index in card_keys of key k, or -1 for a key no card has. */
static int card_key_index(const struct qd_ynode *k)
{
	for (int j = 0; j < (int)N_CARD_KEYS; j++)
		if (k->len == card_keys[j].len && k->str[0] == card_keys[j].name[0] &&
		    memcmp(k->str, card_keys[j].name, k->len) == 0)
			return j;
	return -1;
}

/* Unknown keys of a card; keys of other card types get their own message. */
static void check_card_keys(struct loader *L, const struct qd_ynode *card, int type)
{
	const char *valid[N_CARD_KEYS + 1], *all[N_CARD_KEYS + 1];
	size_t nv = 0, unknown = 0;
	char ex[128];

	for (size_t i = 0; i < card->n_pairs; i++) {
		const struct qd_ynode *k = card->pairs[i].key;
		int j = card_key_index(k);
		struct qd_buf users;

		if (j < 0)
			unknown++;
		if (j < 0 || type < 0 || (card_keys[j].types & (1u << type)))
			continue;
		qd_buf_init(&users);
		for (int t = 0, seen = 0, total = 0; type_names[t]; t++) {
			if (!(card_keys[j].types & (1u << t)))
				continue;
			if (!total)
				for (int u = t; type_names[u]; u++)
					total += (card_keys[j].types >> u) & 1u;
			qd_buf_addf(&users, "%s'%s'", seen == 0 ? "" : seen == total - 1 ? " and " : ", ",
			            type_names[t]);
			seen++;
		}
		report(L, QD_SEV_WARNING, k, "'%s' is not used by '%s' cards (only by %s cards)",
		       excerpt(k, ex, sizeof(ex)), type_names[type], users.data);
		qd_buf_release(&users);
	}
	if (!unknown)
		return;
	for (size_t i = 0; i < N_CARD_KEYS; i++) {
		all[i] = card_keys[i].name;
		if (type < 0 || (card_keys[i].types & (1u << type)))
			valid[nv++] = card_keys[i].name;
	}
	all[N_CARD_KEYS] = NULL;
	valid[nv] = NULL;
	/* Keys of no card type at all. */
	{
		struct qd_ynode fake = *card;
		struct qd_ypair *keep = qd_xmalloc((card->n_pairs ? card->n_pairs : 1) * sizeof(*keep));
		size_t nk = 0;
		for (size_t i = 0; i < card->n_pairs; i++)
			if (card_key_index(card->pairs[i].key) < 0)
				keep[nk++] = card->pairs[i];
		fake.pairs = keep;
		fake.n_pairs = nk;
		check_keys(L, &fake, type < 0 ? all : valid, card_synonyms, "a card has");
		free(keep);
	}
}

static void read_card(struct loader *L, const struct qd_ynode *n, size_t index,
                      struct qd_card *c)
{
	const struct qd_ynode *v[N_CARD_KEYS] = {0}, *tn;
	char ex[128];
	int type = -1;
	const char **list;
	size_t count, unknown = 0;
	unsigned present = 0, allowed = 0;

	/* The value of each known key, found once. */
	for (size_t i = 0; i < n->n_pairs; i++) {
		int j = card_key_index(n->pairs[i].key);
		if (j < 0) {
			unknown++;
			continue;
		}
		present |= 1u << j;
		if (!v[j])
			v[j] = n->pairs[i].value;
	}
	tn = v[K_TYPE];
	memset(c, 0, sizeof(*c));
	c->line = n->line;
	c->col = n->col;
	L->card = n;
	L->card_id = v[K_ID];
	L->card_index = index;
	L->prefix_due = true;

	c->id = read_id(L, n, v[K_ID], "id", "the card's id");

	/* type */
	switch (read_string(L, tn, "type", true, &c->text, NULL)) {
	case R_ABSENT:
		report(L, QD_SEV_ERROR, n, "missing 'type' (one of basic, typed, choice, multi, "
		       "truefalse, cloze)");
		break;
	case R_EMPTY:
		report(L, QD_SEV_ERROR, tn, "'type' is empty (one of basic, typed, choice, multi, "
		       "truefalse, cloze)");
		break;
	case R_BAD:
		break;
	case R_OK: {
		enum qd_card_type t;
		if (qd_card_type_parse(c->text, &t) == 0) {
			type = (int)t;
			break;
		}
		qd_ynode_report_unknown(L->diags, QD_SEV_ERROR, prefix(L), tn, "card type", type_names,
		                        type_synonyms,
		                        "expected basic, typed, choice, multi, truefalse or cloze");
	}
	}
	c->text = NULL;
	c->type = type < 0 ? QD_CARD_BASIC : (enum qd_card_type)type;

	/* Its keys are looked at again only when one of them is unknown or not
	 * of its type: check_card_keys() has nothing to say otherwise. */
	for (size_t j = 0; type >= 0 && j < N_CARD_KEYS; j++)
		if (card_keys[j].types & (1u << type))
			allowed |= 1u << j;
	if (unknown || (type >= 0 && (present & ~allowed)))
		check_card_keys(L, n, type);

	if (type == QD_CARD_CLOZE)
		c->q = opt_string_at(L, v[K_Q], "q");
	else
		c->q = need_string_at(L, n, v[K_Q], "q", "the question", false);
	c->explain = opt_string_at(L, v[K_EXPLAIN], "explain");
	c->hint = opt_string_at(L, v[K_HINT], "hint");
	if (read_list(L, v[K_TAGS], "tags", "[tag, other-tag]", &list, &count) == R_OK) {
		c->tags = list;
		c->n_tags = count;
	}
	c->group = opt_string_at(L, v[K_GROUP], "group");
	if (read_list(L, v[K_NOWARN], "nowarn", "[answer-length]", &list, &count) == R_OK) {
		c->nowarn = list;
		c->n_nowarn = count;
	}
	c->q_at = mark_of(v[K_Q]);
	c->a_at = mark_of(v[K_A]);
	c->text_at = mark_of(v[K_TEXT]);

	c->reverse = -1;
	switch (type) {
	case QD_CARD_BASIC: {
		const struct qd_ynode *rn = v[K_REVERSE];
		bool b;
		c->a = need_string_at(L, n, v[K_A], "a", "the answer", false);
		if (read_bool(L, rn, "reverse", &b) == R_OK) {
			c->reverse = b;
			if (b && c->a && !qd_answer_is_term(c->a))
				report(L, QD_SEV_WARNING, rn, "'reverse' is ignored: the answer is not "
				       "a term or a name (at most %d words, not a sentence)",
				       QD_REVERSE_MAX_WORDS);
		}
		break;
	}
	case QD_CARD_TYPED: {
		const struct qd_ynode *acc = v[K_ACCEPT];
		c->a = need_string_at(L, n, v[K_A], "a", "the answer", true);
		if (acc && acc->kind == QD_YNODE_SCALAR && !qd_ynode_is_null(acc))
			report(L, QD_SEV_ERROR, acc, "'accept' must be a list of answers (write [%s])",
			       excerpt(acc, ex, sizeof(ex)));
		else if (read_list(L, acc, "accept", "[answer, other answer]", &list, &count) == R_OK) {
			c->accept = list;
			c->n_accept = count;
		}
		break;
	}
	case QD_CARD_CHOICE:
	case QD_CARD_MULTI:
		read_choices(L, n, c);
		read_answer_for_choices(L, n, c);
		qd_strset_release(&L->choices);
		break;
	case QD_CARD_TRUEFALSE: {
		const struct qd_ynode *an = v[K_A];
		if (!an)
			report(L, QD_SEV_ERROR, n, "missing 'a' (true or false)");
		else if (qd_ynode_is_null(an))
			report(L, QD_SEV_ERROR, an, "the answer ('a') is empty: write true or false");
		else
			read_bool(L, an, "a", &c->truth);
		break;
	}
	case QD_CARD_CLOZE:
		read_cloze(L, n, c);
		break;
	default:
		break;
	}
	L->prefix[0] = '\0';
	L->prefix_due = false;
	L->card = L->card_id = NULL;
}

/* Item index of the list of cards: read into the deck (the first
 * QD_DECK_MAX_CARDS of them), its messages kept aside in L->cards. */
static void take_card(struct loader *L, const struct qd_ynode *item, size_t index)
{
	struct qd_deck *d = L->deck;

	if (index >= QD_DECK_MAX_CARDS || item->kind == QD_YNODE_BAD)
		return;
	L->diags = &L->cards;
	if (item->kind != QD_YNODE_MAPPING) {
		report(L, QD_SEV_ERROR, item,
		       "card %zu must be a mapping (id: ..., type: ..., q: ...), not %s", index + 1,
		       qd_ynode_kind_name(item));
	} else {
		read_card(L, item, index, card_new(d));
	}
	L->diags = L->main;
}

static void stream_card(void *ctx, const struct qd_ynode *item, size_t index)
{
	struct loader *L = ctx;

	L->own_strings = true;
	take_card(L, item, index);
	L->own_strings = false;
}

static void read_cards(struct loader *L, const struct qd_ynode *root)
{
	const struct qd_ynode *cn = qd_ynode_get(root, "cards");
	struct qd_deck *d = L->deck;
	size_t n;

	if (!cn) {
		report(L, QD_SEV_ERROR, root, "missing 'cards' (the list of cards)");
		return;
	}
	if (cn->kind == QD_YNODE_BAD)
		return;
	if (qd_ynode_is_null(cn) || (cn->kind == QD_YNODE_SEQUENCE && cn->n_items == 0)) {
		report(L, QD_SEV_WARNING, cn, "the deck has no cards");
		return;
	}
	if (cn->kind != QD_YNODE_SEQUENCE) {
		report(L, QD_SEV_ERROR, cn, "'cards' must be a list of cards, not %s",
		       qd_ynode_kind_name(cn));
		return;
	}
	n = cn->n_items;
	if (n > QD_DECK_MAX_CARDS)
		report(L, QD_SEV_ERROR, cn, "too many cards (%zu; the limit is %d)", n,
		       QD_DECK_MAX_CARDS);
	/* A streamed list's cards were read while it was parsed. */
	for (size_t i = 0; !cn->streamed && i < n; i++)
		take_card(L, cn->items[i], i);
	qd_diags_append(L->main, &L->cards);
	/* Duplicate ids, through the map qd_deck_find() uses: each id to its
	 * first card. */
	index_ids(d, L->diags);
}

static void read_deck(struct loader *L, const struct qd_ynode *root)
{
	struct qd_deck *d = L->deck;
	const struct qd_ynode *n;
	const char **list;
	size_t count;
	bool b;

	if (!root) {
		qd_diags_add(L->diags, QD_SEV_ERROR, 1, 1, "the file is empty: a deck is a mapping "
		             "with 'deck', 'title' and 'cards'");
		return;
	}
	if (root->kind != QD_YNODE_MAPPING) {
		if (root->kind != QD_YNODE_BAD)
			report(L, QD_SEV_ERROR, root, "a deck must be a mapping with 'deck', 'title' "
			       "and 'cards', not %s", qd_ynode_kind_name(root));
		return;
	}
	check_keys(L, root, deck_keys, deck_synonyms, "a deck has");
	d->id = read_id(L, root, qd_ynode_get(root, "deck"), "deck", "the deck's id");
	d->title = need_string(L, root, "title", "the deck's title", false);
	d->description = opt_string(L, root, "description");
	d->source = opt_string(L, root, "source");
	if (read_list(L, qd_ynode_get(root, "tags"), "tags", "[tag, other-tag]", &list, &count) ==
	    R_OK) {
		d->tags = list;
		d->n_tags = count;
	}
	if (read_bool(L, qd_ynode_get(root, "reverse"), "reverse", &b) == R_OK)
		d->reverse = b;
	if ((n = qd_ynode_get(root, "accents"))) {
		if (qd_ynode_equals(n, "ignore"))
			d->ignore_accents = true;
		else if (!qd_ynode_equals(n, "strict") && n->kind != QD_YNODE_BAD)
			report(L, QD_SEV_ERROR, n, "'accents' must be 'ignore' or 'strict'");
	}
	read_cards(L, root);
}

static void loader_init(struct loader *L, struct qd_diags *diags, const char *name)
{
	memset(L, 0, sizeof(*L));
	L->diags = L->main = diags;
	L->deck = qd_xcalloc(1, sizeof(*L->deck));
	L->deck->path = deck_strndup(L->deck, name, strlen(name));
	qd_diags_init(&L->cards, diags->file);
}

/* Builds L's deck from a parsed tree (parsed: the tree is usable; its
 * cards may have been read already, streamed); errors added to diags
 * since errors0 fail it, and free the deck. */
static int build(struct loader *L, const struct qd_ynode *root, bool parsed, size_t errors0,
                 struct qd_deck **out, struct qd_err *err)
{
	struct qd_diags *diags = L->main;

	if (parsed)
		read_deck(L, root);
	qd_diags_release(&L->cards); /* appended, or of a failed parse */
	if (diags->errors > errors0) {
		qd_deck_free(L->deck);
		qd_diags_to_err(diags, err);
		if (err)
			err->status = QD_EXIT_DATAERR;
		return -1;
	}
	*out = L->deck;
	return 0;
}

/* Whether the tree holds a part that the parser already reported as an
 * error (an alias, a bad key, a control character): the loader skips such
 * parts without a word of its own. Aliases are BAD nodes, so the walk
 * knows no cycle, and the parser bounded the depth. */
static bool holds_reported(const struct qd_ynode *n)
{
	if (n->kind == QD_YNODE_BAD || n->tainted)
		return true;
	for (size_t i = 0; !n->streamed && i < n->n_items; i++)
		if (holds_reported(n->items[i]))
			return true;
	for (size_t i = 0; i < n->n_pairs; i++)
		if (n->pairs[i].key->tainted || holds_reported(n->pairs[i].value))
			return true;
	return false;
}

int qd_deck_load_node(const char *name, const struct qd_ynode *node, struct qd_deck **out,
                      struct qd_diags *diags, struct qd_err *err)
{
	struct loader L;

	*out = NULL;
	loader_init(&L, diags, name);
	if (build(&L, node, true, diags->errors, out, err))
		return -1;
	/* Errors reported while parsing, before this call, fail it too. */
	if (holds_reported(node)) {
		qd_deck_free(*out);
		*out = NULL;
		return qd_err_at(err, QD_EXIT_DATAERR, name, node->line, node->col,
		                 "the deck holds errors reported while parsing");
	}
	return 0;
}

/* A deck's own file is parsed with its cards streamed: each is read into
 * the deck as soon as it is parsed, and its tree freed, so the whole tree
 * never exists. */
int qd_deck_load_mem(const char *name, const char *data, size_t len, struct qd_deck **out,
                     struct qd_diags *diags, struct qd_err *err)
{
	struct loader L;
	struct qd_ystream stream = {.key = "cards", .item = stream_card, .ctx = &L};
	struct qd_ynode *root = NULL;
	size_t errors0 = diags->errors;
	bool parsed;
	int rc;

	*out = NULL;
	loader_init(&L, diags, name);
	stream.strings = &L.deck->arena;
	parsed = qd_ydoc_parse_stream(data, len, NULL, &stream, &root, diags) == 0;
	rc = build(&L, root, parsed, errors0, out, err);
	qd_ynode_free(root);
	return rc;
}

int qd_deck_load_file(const char *path, struct qd_deck **out, struct qd_diags *diags,
                      struct qd_err *err)
{
	struct loader L;
	struct qd_ystream stream = {.key = "cards", .item = stream_card, .ctx = &L};
	struct qd_ynode *root = NULL;
	size_t errors0 = diags->errors;
	struct qd_err e;
	int rc;

	*out = NULL;
	loader_init(&L, diags, path);
	stream.strings = &L.deck->arena;
	rc = qd_ydoc_load_file_stream(path, NULL, &stream, &root, diags, &e);
	if (rc && e.status == QD_EXIT_NOINPUT) {
		qd_diags_release(&L.cards);
		qd_deck_free(L.deck);
		if (err)
			*err = e;
		return -1;
	}
	rc = build(&L, root, rc == 0, errors0, out, err);
	qd_ynode_free(root);
	return rc;
}

/* A peeked 'deck' value as read_deck() takes it: read_string() drops its
 * trailing spaces. A value that is no slug, or is null, does not load:
 * whatever is returned for it is kept. */
static int peeked_id(int found, char *id, size_t len)
{
	if (found)
		id[trimmed_len(id, len)] = '\0';
	return found;
}

int qd_deck_peek_id(const char *path, char **id)
{
	size_t len;
	int found = qd_ydoc_peek_key(path, "deck", id, &len);

	return peeked_id(found, *id, len);
}

int qd_deck_peek_id_mem(const char *data, size_t size, char **id)
{
	size_t len;
	int found = qd_ydoc_peek_key_mem(data, size, "deck", id, &len);

	return peeked_id(found, *id, len);
}

/* ---- accessors ---- */

const char *qd_deck_id(const struct qd_deck *d) { return d->id; }
const char *qd_deck_title(const struct qd_deck *d) { return d->title; }
const char *qd_deck_description(const struct qd_deck *d) { return d->description; }
const char *qd_deck_source(const struct qd_deck *d) { return d->source; }
const char *qd_deck_path(const struct qd_deck *d) { return d->path; }
bool qd_deck_allows_reverse(const struct qd_deck *d) { return d->reverse; }
bool qd_deck_ignores_accents(const struct qd_deck *d) { return d->ignore_accents; }
size_t qd_deck_card_count(const struct qd_deck *d) { return d->n_cards; }

const struct qd_card *qd_deck_card(const struct qd_deck *d, size_t i)
{
	return i < d->n_cards ? card_at(d, i) : NULL;
}

const struct qd_card *qd_deck_find(const struct qd_deck *d, const char *card_id)
{
	const struct id_slot *slot;
	size_t len;

	if (!d->id_cap)
		return NULL;
	len = strlen(card_id);
	slot = id_slot(d, card_id, len, id_hash(card_id, len));
	return slot->card ? card_at(d, slot->card - 1) : NULL;
}

const char *const *qd_deck_tags(const struct qd_deck *d, size_t *n)
{
	*n = d->n_tags;
	return d->tags;
}

static bool ends_sentence(char c)
{
	return c == '.' || c == '!' || c == '?';
}

bool qd_answer_is_term(const char *a)
{
	size_t words = 0, len = strlen(a);
	bool in_word = false;

	for (size_t i = 0; i < len; i++) {
		char c = a[i];
		if (c == '\n' || c == '\r')
			return false;
		if (c == ' ' || c == '\t') {
			in_word = false;
			continue;
		}
		if ((ends_sentence(c) || c == ';') && i + 1 < len && (a[i + 1] == ' ' || a[i + 1] == '\t'))
			return false; /* a sentence ends inside */
		if (!in_word)
			words++;
		in_word = true;
	}
	if (words == 0 || words > QD_REVERSE_MAX_WORDS)
		return false;
	return words < 3 || !ends_sentence(a[len - 1]);
}

bool qd_card_has_reverse(const struct qd_deck *deck, const struct qd_card *card)
{
	if (card->type != QD_CARD_BASIC || !card->a || !qd_answer_is_term(card->a))
		return false;
	return card->reverse >= 0 ? card->reverse == 1 : deck->reverse;
}

const char *qd_card_type_name(enum qd_card_type t)
{
	return (unsigned)t < 6 ? type_names[t] : "unknown";
}

int qd_card_type_parse(const char *name, enum qd_card_type *out)
{
	for (int i = 0; type_names[i]; i++) {
		if (strcmp(name, type_names[i]) == 0) {
			*out = (enum qd_card_type)i;
			return 0;
		}
	}
	return -1;
}

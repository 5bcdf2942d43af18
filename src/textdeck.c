/*
 * Cards from CSV, TSV and Quizlet text (quizdeck/textdeck.h).
 *
 * A file is read in three steps: Anki's `#key:value` header lines, the
 * column map (named by `#columns:`, by a header row, or positional), then
 * one card per record. Records come from csv.c's tokenizer (the same RFC
 * 4180 reader as import-reviews), Quizlet rows from a plain split. Each
 * field is made text (HTML reduced by html.c when the file says
 * `#html:true`, line ends made '\n', white space trimmed) and checked
 * (NUL, invalid UTF-8, control characters) at its own position; the card
 * is then checked by the deck loader and reported at its row.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "quizdeck/csv.h"
#include "quizdeck/html.h"
#include "quizdeck/strset.h"
#include "quizdeck/textdeck.h"

enum col {
	C_Q, C_A, C_TYPE, C_CHOICES, C_ACCEPT, C_HINT, C_EXPLAIN, C_TAGS, C_ID, C_PROMPT,
	C_GROUP, C_NOTETYPE, C_DECK, C_GUID, NCOL
};

static const char *const col_names[NCOL] = {
	"q", "a", "type", "choices", "accept", "hint", "explain", "tags", "id", "prompt",
	"group", "notetype", "deck", "guid",
};

static const struct {
	const char *name;
	enum col col;
} synonyms[] = {
	{"question", C_Q}, {"front", C_Q}, {"term", C_Q}, {"text", C_Q},
	{"answer", C_A}, {"back", C_A}, {"definition", C_A}, {"back extra", C_EXPLAIN},
};

/* The column a header name means, or -1. Case-blind, spaces trimmed. */
static int col_of(const char *name)
{
	char low[32];
	size_t n = 0;

	while (*name == ' ')
		name++;
	for (; *name && n + 1 < sizeof(low); name++)
		low[n++] = (char)(*name >= 'A' && *name <= 'Z' ? *name | 0x20 : *name);
	while (n && low[n - 1] == ' ')
		n--;
	low[n] = '\0';
	if (*name)
		return -1;
	for (int c = 0; c < NCOL; c++)
		if (strcmp(low, col_names[c]) == 0)
			return c;
	for (size_t i = 0; i < sizeof(synonyms) / sizeof(synonyms[0]); i++)
		if (strcmp(low, synonyms[i].name) == 0)
			return (int)synonyms[i].col;
	return -1;
}

const char *const qd_textdeck_sep_names[] = {
	"comma", "semicolon", "tab", "space", "pipe", "colon", NULL,
};
/* The separator each of qd_textdeck_sep_names names. */
static const char sep_chars[] = {',', ';', '\t', ' ', '|', ':'};
_Static_assert(sizeof(sep_chars) + 1 ==
                       sizeof(qd_textdeck_sep_names) / sizeof(qd_textdeck_sep_names[0]),
               "a separator for each name");

char qd_textdeck_sep_parse(const char *s)
{
	char low[16];
	size_t n = 0;

	if (strcmp(s, "\\t") == 0)
		return '\t';
	if (s[0] && !s[1])
		return s[0] == '"' || s[0] == '\n' || s[0] == '\r' ? 0 : s[0];
	while (*s == ' ')
		s++;
	for (; *s && n + 1 < sizeof(low); s++)
		low[n++] = (char)(*s >= 'A' && *s <= 'Z' ? *s | 0x20 : *s);
	while (n && low[n - 1] == ' ')
		n--;
	low[n] = '\0';
	for (size_t i = 0; qd_textdeck_sep_names[i]; i++)
		if (strcmp(low, qd_textdeck_sep_names[i]) == 0)
			return sep_chars[i];
	return 0;
}

/* Anki's header lines. Columns are 0-based here (-1: none). */
struct meta {
	bool any;
	char sep;
	bool html;
	struct qd_strv tags;
	char *columns;
	int columns_line;
	char *notetype, *deck;
	int notetype_col, deck_col, tags_col, guid_col;
};

static char *trimmed(const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
		n--;
	return qd_xstrndup(s, n);
}

static void split_words(struct qd_strv *v, const char *s)
{
	const char *p = s;

	while (*p) {
		size_t n;
		while (*p == ' ' || *p == '\t' || *p == '\n')
			p++;
		n = strcspn(p, " \t\n");
		if (n) {
			char *w = qd_xstrndup(p, n);
			if (!qd_strv_has(v, w))
				qd_strv_push(v, w);
			free(w);
		}
		p += n;
	}
}

static int parse_col(const char *v)
{
	long n = strtol(v, NULL, 10);
	return n >= 1 && n <= 1000 ? (int)n - 1 : -1;
}

/* Reads one header line (without its newline); returns false if it is none. */
static void meta_line(struct meta *m, const char *p, size_t n, int line, bool first)
{
	const char *colon;
	char *key, *val;

	if (first && n >= 5 && memcmp(p, "tags:", 5) == 0) {
		char *v = trimmed(p + 5, n - 5);
		split_words(&m->tags, v);
		free(v);
		return;
	}
	colon = memchr(p, ':', n);
	if (!colon)
		return; /* a comment */
	key = trimmed(p + 1, (size_t)(colon - p - 1));
	for (char *k = key; *k; k++)
		*k = (char)(*k >= 'A' && *k <= 'Z' ? *k | 0x20 : *k);
	val = trimmed(colon + 1, n - (size_t)(colon - p) - 1);
	if (strcmp(key, "separator") == 0) {
		/* the raw value: a tab or space separator is the character itself */
		char *raw = qd_xstrndup(colon + 1, n - (size_t)(colon - p) - 1);
		size_t rl = strlen(raw);
		if (rl && raw[rl - 1] == '\r')
			raw[--rl] = '\0';
		m->sep = rl == 1 ? qd_textdeck_sep_parse(raw) : qd_textdeck_sep_parse(val);
		free(raw);
	} else if (strcmp(key, "html") == 0) {
		m->html = strcmp(val, "true") == 0 || strcmp(val, "True") == 0;
	} else if (strcmp(key, "tags") == 0) {
		split_words(&m->tags, val);
	} else if (strcmp(key, "columns") == 0) {
		free(m->columns);
		m->columns = qd_xstrndup(colon + 1, n - (size_t)(colon - p) - 1);
		m->columns_line = line;
	} else if (strcmp(key, "notetype") == 0) {
		free(m->notetype);
		m->notetype = qd_xstrdup(val);
	} else if (strcmp(key, "deck") == 0) {
		free(m->deck);
		m->deck = qd_xstrdup(val);
	} else if (strcmp(key, "notetype column") == 0) {
		m->notetype_col = parse_col(val);
	} else if (strcmp(key, "deck column") == 0) {
		m->deck_col = parse_col(val);
	} else if (strcmp(key, "tags column") == 0) {
		m->tags_col = parse_col(val);
	} else if (strcmp(key, "guid column") == 0) {
		m->guid_col = parse_col(val);
	}
	free(key);
	free(val);
}

/* Reads the header lines at data[*pos]; moves *pos and *line past them. */
static void read_meta(const char *d, size_t len, size_t *pos, int *line, struct meta *m)
{
	bool first = true;

	while (*pos < len && (d[*pos] == '#' || (first && len - *pos >= 5 &&
	                                          memcmp(d + *pos, "tags:", 5) == 0))) {
		const char *nl = memchr(d + *pos, '\n', len - *pos);
		size_t n = nl ? (size_t)(nl - (d + *pos)) : len - *pos;
		meta_line(m, d + *pos, n, *line, first);
		m->any = true;
		first = false;
		*pos += n + (nl ? 1 : 0);
		(*line)++;
	}
}

static char sniff(const char *d, size_t len)
{
	size_t commas = 0, semis = 0;

	for (size_t i = 0; i < len && d[i] != '\n'; i++) {
		if (d[i] == '\t')
			return '\t';
		commas += d[i] == ',';
		semis += d[i] == ';';
	}
	return semis > commas ? ';' : ',';
}

/* ---- fields ---- */

struct ctx {
	struct qd_diags *dg;
	struct qd_import *im;
	const struct meta *m;
	int col[NCOL];
	bool bad; /* a field of the current row was reported */
	struct qd_strset media; /* files named by foreign HTML fields */
};

/* The text of a field: HTML reduced or line ends normalised, trimmed,
 * checked. NULL when the column is absent. */
static char *field_text(struct ctx *x, const struct qd_csv_row *row, enum col c)
{
	/* Lists are trimmed item by item: a newline at a list cell's start
	 * says its one item is not split at '|' (quizdeck/textexport.h). */
	bool trim = c != C_A && c != C_CHOICES && c != C_ACCEPT;
	const struct qd_csv_field *f;
	struct qd_buf b;
	size_t a, z;

	if (x->col[c] < 0 || (size_t)x->col[c] >= row->n)
		return NULL;
	f = &row->f[x->col[c]];
	if (f->nul_line) {
		qd_diags_add(x->dg, QD_SEV_ERROR, f->nul_line, f->nul_col,
		             "the %s field holds a NUL byte", col_names[c]);
		x->bad = true;
		return NULL;
	}
	qd_buf_init(&b);
	if (x->m->html) {
		/* Fields that quizdeck wrote (its columns are there) hold text with
		 * its markup as typed; any other HTML is from an editor such as
		 * Anki's, read as the package reader reads it. */
		struct qd_strv media = {0};
		struct qd_html_opts o = {.foreign = x->col[C_TYPE] < 0, .media = &media};
		qd_html_to_text_with(&b, f->s, strlen(f->s), &o);
		for (size_t i = 0; i < media.len; i++)
			qd_strset_add(&x->media, media.items[i]);
		qd_strv_clear(&media);
	} else {
		for (const char *p = f->s; *p; p++) {
			if (*p == '\r') {
				qd_buf_addc(&b, '\n');
				if (p[1] == '\n')
					p++;
			} else {
				qd_buf_addc(&b, *p);
			}
		}
	}
	if (u8_check((const uint8_t *)b.data, b.len)) {
		qd_diags_add(x->dg, QD_SEV_ERROR, f->line, f->col,
		             "the %s field is not valid UTF-8", col_names[c]);
		x->bad = true;
		qd_buf_release(&b);
		return NULL;
	}
	for (size_t i = 0; i < b.len; i++) {
		unsigned char u = (unsigned char)b.data[i];
		bool c1 = u == 0xc2 && i + 1 < b.len && (unsigned char)b.data[i + 1] < 0xa0;
		if ((u < 0x20 && u != '\t' && u != '\n') || u == 0x7f || c1) {
			qd_diags_add(x->dg, QD_SEV_ERROR, f->line, f->col,
			             "the %s field holds a control character (U+%04X)", col_names[c],
			             c1 ? (unsigned char)b.data[i + 1] : u);
			x->bad = true;
			qd_buf_release(&b);
			return NULL;
		}
	}
	a = 0;
	z = b.len;
	while (trim && a < z && (b.data[a] == ' ' || b.data[a] == '\t' || b.data[a] == '\n'))
		a++;
	while (trim && z > a && (b.data[z - 1] == ' ' || b.data[z - 1] == '\t' || b.data[z - 1] == '\n'))
		z--;
	{
		char *s = qd_xstrndup(b.data + a, z - a);
		qd_buf_release(&b);
		return s;
	}
}

/* s without white space at its ends (a new string). */
static char *trimmed_all(const char *s)
{
	size_t n = strlen(s);

	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
		n--;
	return qd_xstrndup(s, n);
}

/* A list cell: one item a line, or items separated by '|'. */
static void split_list(struct qd_strv *v, const char *s)
{
	char sep = strchr(s, '\n') ? '\n' : '|';
	const char *p = s;

	for (;;) {
		const char *e = strchr(p, sep);
		size_t n = e ? (size_t)(e - p) : strlen(p);
		char *item = trimmed(p, n);
		if (item[0])
			qd_strv_push(v, item);
		free(item);
		if (!e)
			break;
		p = e + 1;
	}
}

static bool ci_contains(const char *s, const char *w)
{
	size_t n = strlen(w);
	for (; *s; s++) {
		size_t i = 0;
		while (i < n && s[i] && (s[i] | 0x20) == w[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

/* Anki's cloze numbers in text: sets nums[0..*n) ascending (at most max). */
static void cloze_numbers(const char *t, int *nums, size_t *n, size_t max)
{
	*n = 0;
	for (const char *p = t; (p = strstr(p, "{{c")) != NULL; p += 3) {
		char *end;
		long k = strtol(p + 3, &end, 10);
		size_t i;
		if (end == p + 3 || strncmp(end, "::", 2) != 0 || k < 1 || k > 999)
			continue;
		for (i = 0; i < *n && nums[i] < k; i++)
			;
		if (i < *n && nums[i] == k)
			continue;
		if (*n == max)
			break;
		memmove(nums + i + 1, nums + i, (*n - i) * sizeof(*nums));
		nums[i] = (int)k;
		(*n)++;
	}
}

/* Anki's cloze syntax to ours, for the card of cloze number num: its
 * blanks {{cN::answer::hint}} become {{answer}} (the hints go to hints),
 * the other numbers' blanks their answer's text. Text in our own syntax
 * passes through. */
static char *cloze_convert(const char *t, int num, struct qd_buf *hints)
{
	struct qd_buf b;
	const char *p = t;

	qd_buf_init(&b);
	while (*p) {
		char *end;
		long k;
		const char *close, *body, *hint;
		if (strncmp(p, "{{c", 3) != 0 || (k = strtol(p + 3, &end, 10), end == p + 3) ||
		    strncmp(end, "::", 2) != 0 || !(close = strstr(end + 2, "}}"))) {
			qd_buf_addc(&b, *p++);
			continue;
		}
		body = end + 2;
		hint = strstr(body, "::");
		if (hint && hint > close)
			hint = NULL;
		{
			size_t an = (size_t)((hint ? hint : close) - body);
			if (k == num) {
				qd_buf_adds(&b, "{{");
				qd_buf_add(&b, body, an);
				qd_buf_adds(&b, "}}");
				if (hint && close > hint + 2) {
					if (hints->len)
						qd_buf_adds(hints, "; ");
					qd_buf_add(hints, hint + 2, (size_t)(close - hint - 2));
				}
			} else {
				const char *bar = memchr(body, '|', an);
				qd_buf_add(&b, body, bar ? (size_t)(bar - body) : an);
			}
		}
		p = close + 2;
	}
	return qd_buf_detach(&b, NULL);
}

static bool parse_truth(const char *s, bool *out)
{
	static const char *const yes[] = {"true", "yes", NULL}, *const no[] = {"false", "no", NULL};
	for (int i = 0; yes[i]; i++) {
		if (strcasecmp(s, yes[i]) == 0)
			return *out = true, true;
		if (strcasecmp(s, no[i]) == 0)
			return *out = false, true;
	}
	return false;
}

static char *nonempty(char *s)
{
	if (s && !s[0]) {
		free(s);
		return NULL;
	}
	return s;
}

/* Makes the card(s) of one record. */
static void row_cards(struct ctx *x, const struct qd_csv_row *row)
{
	char *f[NCOL], *f_raw_a = NULL;
	enum qd_card_type type = QD_CARD_BASIC;
	unsigned have = 0;
	int nums[64];
	size_t n_nums = 0;

	x->bad = false;
	for (int c = 0; c < NCOL; c++) {
		f[c] = field_text(x, row, (enum col)c);
		if (f[c] && c == C_A) {
			/* the answer as a list (multi) is split untrimmed, else trimmed */
			char *t = trimmed_all(f[c]);
			f_raw_a = f[c];
			f[c] = t;
		}
		if (f[c] && c <= C_GROUP) {
			static const unsigned bits[] = {
				QD_IMPORT_Q, QD_IMPORT_A, 0, QD_IMPORT_CHOICES, QD_IMPORT_ACCEPT,
				QD_IMPORT_HINT, QD_IMPORT_EXPLAIN, QD_IMPORT_TAGS, 0, QD_IMPORT_PROMPT,
				QD_IMPORT_GROUP,
			};
			have |= bits[c];
		}
	}
	if (x->bad)
		goto out;
	if (!f[C_Q] || !f[C_Q][0]) {
		bool blank = true;
		for (size_t i = 0; i < row->n; i++)
			blank = blank && !row->f[i].s[0];
		if (!blank)
			qd_diags_add(x->dg, QD_SEV_ERROR, row->line, 0,
			             "the row has no question (column '%s')", col_names[C_Q]);
		goto out;
	}
	if (f[C_TYPE] && f[C_TYPE][0]) {
		if (qd_card_type_parse(f[C_TYPE], &type)) {
			const struct qd_csv_field *tf = &row->f[x->col[C_TYPE]];
			qd_diags_add(x->dg, QD_SEV_ERROR, tf->line, tf->col,
			             "unknown card type '%s' (basic, typed, choice, multi, truefalse "
			             "or cloze)", f[C_TYPE]);
			goto out;
		}
	} else {
		const char *nt = f[C_NOTETYPE] ? f[C_NOTETYPE] : x->m->notetype;
		cloze_numbers(f[C_Q], nums, &n_nums, 64);
		if ((nt && ci_contains(nt, "cloze")) || n_nums)
			type = QD_CARD_CLOZE;
		else if (nt && ci_contains(nt, "type in"))
			type = QD_CARD_TYPED;
	}
	if (type == QD_CARD_CLOZE && !n_nums)
		cloze_numbers(f[C_Q], nums, &n_nums, 64);
	if (type != QD_CARD_CLOZE || !n_nums) {
		nums[0] = 0;
		n_nums = 1;
	}
	for (size_t k = 0; k < n_nums; k++) {
		struct qd_import_card *ic = qd_import_add(x->im);
		struct qd_gen_card *g = &ic->card;
		struct qd_buf hints;

		qd_buf_init(&hints);
		ic->file = qd_xstrdup(x->dg->file);
		ic->line = row->line;
		ic->have = have;
		g->type = type;
		if (type == QD_CARD_CLOZE) {
			g->text = nums[k] ? cloze_convert(f[C_Q], nums[k], &hints) : qd_xstrdup(f[C_Q]);
			{
				struct qd_buf none;
				qd_buf_init(&none);
				ic->key = cloze_convert(f[C_Q], -1, &none);
				qd_buf_release(&none);
			}
			if (k > 0) {
				char sfx[16];
				snprintf(sfx, sizeof(sfx), "c%d", nums[k]);
				ic->suffix = qd_xstrdup(sfx);
			}
			g->q = nonempty(f[C_PROMPT] ? qd_xstrdup(f[C_PROMPT]) : NULL);
			/* Anki's Back Extra: the explanation, unless one is given. */
			if (f[C_A] && f[C_A][0] && !(f[C_EXPLAIN] && f[C_EXPLAIN][0]))
				ic->have |= QD_IMPORT_EXPLAIN, g->explain = qd_xstrdup(f[C_A]);
			ic->have &= ~(unsigned)QD_IMPORT_A;
		} else {
			g->q = qd_xstrdup(f[C_Q]);
			ic->key = qd_xstrdup(f[C_Q]);
			if (type == QD_CARD_MULTI) {
				if (f_raw_a)
					split_list(&g->answers, f_raw_a);
			} else if (type == QD_CARD_TRUEFALSE) {
				if (!f[C_A] || !parse_truth(f[C_A], &g->truth)) {
					qd_diags_add(x->dg, QD_SEV_ERROR, row->line, 0,
					             "a truefalse card's answer must be true or false, not '%s'",
					             f[C_A] ? f[C_A] : "");
					x->im->n--;
					qd_gen_card_release(g);
					free(ic->file);
					free(ic->key);
					qd_buf_release(&hints);
					goto out;
				}
			} else {
				g->a = f[C_A] ? qd_xstrdup(f[C_A]) : NULL;
			}
			if (f[C_CHOICES] && (type == QD_CARD_CHOICE || type == QD_CARD_MULTI))
				split_list(&g->choices, f[C_CHOICES]);
			if (f[C_ACCEPT] && type == QD_CARD_TYPED)
				split_list(&g->accept, f[C_ACCEPT]);
		}
		if (f[C_HINT] && f[C_HINT][0])
			g->hint = qd_xstrdup(f[C_HINT]);
		else if (hints.len)
			g->hint = qd_xstrdup(hints.data), ic->have |= QD_IMPORT_HINT;
		if (f[C_EXPLAIN] && f[C_EXPLAIN][0])
			g->explain = qd_xstrdup(f[C_EXPLAIN]);
		if (f[C_TAGS])
			split_words(&g->tags, f[C_TAGS]);
		for (size_t t = 0; t < x->m->tags.len; t++)
			if (!qd_strv_has(&g->tags, x->m->tags.items[t]))
				qd_strv_push(&g->tags, x->m->tags.items[t]);
		if (x->m->tags.len)
			ic->have |= QD_IMPORT_TAGS;
		if (f[C_GROUP] && f[C_GROUP][0])
			g->group = qd_xstrdup(f[C_GROUP]);
		if (f[C_ID] && f[C_ID][0])
			g->id = qd_xstrdup(f[C_ID]);
		else if (f[C_GUID] && f[C_GUID][0])
			g->id = qd_xstrdup(f[C_GUID]);
		if (g->id && k > 0) {
			char *id = qd_xmalloc(strlen(g->id) + 16);
			sprintf(id, "%s-c%d", g->id, nums[k]);
			free(g->id);
			g->id = id;
		}
		qd_buf_release(&hints);
		if (!x->im->deck_name && (f[C_DECK] || x->m->deck) &&
		    (f[C_DECK] ? f[C_DECK] : x->m->deck)[0])
			x->im->deck_name = qd_xstrdup(f[C_DECK] ? f[C_DECK] : x->m->deck);
		if (qd_import_card_check(ic, x->dg)) {
			x->im->n--;
			qd_gen_card_release(g);
			free(ic->file);
			free(ic->key);
			free(ic->suffix);
			goto out;
		}
	}
out:
	for (int c = 0; c < NCOL; c++)
		free(f[c]);
	free(f_raw_a);
}

/* ---- columns ---- */

/* Maps a header row's names; returns true if it is one (all names known,
 * one of them the question), false for a data row. An unknown name in a
 * row that names the question is an error. */
static bool header_row(struct ctx *x, const struct qd_csv_row *row, bool must)
{
	int col[NCOL];
	bool q = false, unknown = false;

	for (int c = 0; c < NCOL; c++)
		col[c] = -1;
	for (size_t i = 0; i < row->n; i++) {
		int c = col_of(row->f[i].s);
		if (c < 0) {
			unknown = unknown || row->f[i].s[0];
			continue;
		}
		q = q || c == C_Q;
		if (col[c] >= 0 && !must) {
			qd_diags_add(x->dg, QD_SEV_ERROR, row->f[i].line, row->f[i].col,
			             "column '%s' appears twice", col_names[c]);
			return true;
		}
		if (col[c] < 0)
			col[c] = (int)i;
	}
	if (!q)
		return false;
	if (unknown && !must) {
		for (size_t i = 0; i < row->n; i++)
			if (row->f[i].s[0] && col_of(row->f[i].s) < 0)
				qd_diags_add(x->dg, QD_SEV_ERROR, row->f[i].line, row->f[i].col,
				             "unknown column '%s' (columns are q, a, type, choices, accept, "
				             "hint, explain, tags, id, prompt, group)", row->f[i].s);
		return true;
	}
	memcpy(x->col, col, sizeof(col));
	return true;
}

/* Positional columns: Anki's meta columns where they say, then q, a, tags
 * in the others. */
static void positional(struct ctx *x)
{
	const struct meta *m = x->m;
	enum col order[] = {C_Q, C_A, C_TAGS};
	size_t next = 0;

	for (int i = 0; i < 64 && next < 3; i++) {
		if (i == m->notetype_col || i == m->deck_col || i == m->tags_col || i == m->guid_col)
			continue;
		if (order[next] == C_TAGS && m->tags_col >= 0)
			break;
		x->col[order[next++]] = i;
	}
}

static void meta_columns(struct ctx *x)
{
	const struct meta *m = x->m;

	if (m->notetype_col >= 0)
		x->col[C_NOTETYPE] = m->notetype_col;
	if (m->deck_col >= 0)
		x->col[C_DECK] = m->deck_col;
	if (m->tags_col >= 0)
		x->col[C_TAGS] = m->tags_col;
	if (m->guid_col >= 0 && x->col[C_ID] != m->guid_col)
		x->col[C_GUID] = m->guid_col;
}

static int read_csv(const char *d, size_t len, char opt_sep, struct ctx *x)
{
	struct meta *m = (struct meta *)x->m;
	struct qd_csv_row row = {0};
	size_t pos = 0, errors = x->dg->errors;
	int line = 1, rc;
	char sep;
	bool named = false;

	if (len >= 3 && memcmp(d, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	read_meta(d, len, &pos, &line, m);
	sep = opt_sep ? opt_sep : m->sep ? m->sep : sniff(d + pos, len - pos);
	for (int c = 0; c < NCOL; c++)
		x->col[c] = -1;
	if (m->columns) {
		size_t p = 0;
		int l = m->columns_line;
		struct qd_diags scratch;
		qd_diags_init(&scratch, x->dg->file);
		if (qd_csv_next(m->columns, strlen(m->columns), sep, &p, &l, &row, &scratch) > 0)
			named = header_row(x, &row, true);
		qd_diags_release(&scratch);
	}
	if (!named)
		positional(x);
	meta_columns(x);
	for (bool first = !m->columns;;) {
		/* After Anki's headers, a line starting with '#' is a comment. */
		while (m->any && pos < len && d[pos] == '#') {
			const char *nl = memchr(d + pos, '\n', len - pos);
			pos = nl ? (size_t)(nl - d) + 1 : len;
			line++;
		}
		if ((rc = qd_csv_next(d, len, sep, &pos, &line, &row, x->dg)) <= 0)
			break;
		if (first) {
			/* Only the first record may be a header row. */
			size_t before = x->dg->errors;
			first = false;
			if (header_row(x, &row, false)) {
				if (x->dg->errors != before)
					break;
				meta_columns(x);
				continue;
			}
		}
		row_cards(x, &row);
	}
	qd_csv_row_release(&row);
	return x->dg->errors != errors ? -1 : 0;
}

static int read_quizlet(const char *d, size_t len, const struct qd_textdeck_opts *o,
                        struct ctx *x)
{
	const char *rs = o->row_sep && o->row_sep[0] ? o->row_sep : "\n";
	const char *sep = o->term_sep && o->term_sep[0] ? o->term_sep : "\t";
	size_t rl = strlen(rs), sl = strlen(sep), pos = 0, errors = x->dg->errors;
	int line = 1;
	struct qd_csv_row row = {0};

	if (len >= 3 && memcmp(d, "\xef\xbb\xbf", 3) == 0)
		pos = 3;
	x->col[C_Q] = 0;
	x->col[C_A] = 1;
	row.cap = 2;
	row.f = qd_xcalloc(2, sizeof(*row.f));
	while (pos < len) {
		const char *end = NULL;
		size_t n, s;
		int row_line = line, cut_line, cut_col;
		for (size_t i = pos; i + rl <= len && !end; i++)
			if (memcmp(d + i, rs, rl) == 0)
				end = d + i;
		n = end ? (size_t)(end - (d + pos)) : len - pos;
		/* lines and columns: count newlines up to the separator */
		for (s = 0; s < n && !(s + sl <= n && memcmp(d + pos + s, sep, sl) == 0); s++)
			;
		{
			size_t ls = pos;
			cut_line = row_line;
			for (size_t i = pos; i < pos + s; i++)
				if (d[i] == '\n')
					cut_line++, ls = i + 1;
			cut_col = (int)(pos + s - ls) + 1;
		}
		for (size_t i = pos; i < pos + n + (end ? rl : 0); i++)
			line += d[i] == '\n';
		if (n && !(n == 1 && d[pos] == '\r')) {
			if (s == n) {
				qd_diags_add(x->dg, QD_SEV_ERROR, row_line, 0,
				             "no separator between term and definition (use --sep to name "
				             "it)");
			} else {
				size_t dn = n - s - sl;
				if (dn && d[pos + s + sl + dn - 1] == '\r' && rs[0] == '\n')
					dn--;
				row.n = 2;
				row.line = row_line;
				row.f[0] = (struct qd_csv_field){qd_xstrndup(d + pos, s), row_line, 1, 0, 0};
				row.f[1] = (struct qd_csv_field){qd_xstrndup(d + pos + s + sl, dn), cut_line,
				                                 cut_col + (int)sl, 0, 0};
				if (memchr(d + pos, '\0', n))
					qd_diags_add(x->dg, QD_SEV_ERROR, row_line, 0,
					             "the row holds a NUL byte");
				else
					row_cards(x, &row);
				free(row.f[0].s);
				free(row.f[1].s);
				row.n = 0;
			}
		}
		pos += n + (end ? rl : 0);
	}
	free(row.f);
	return x->dg->errors != errors ? -1 : 0;
}

int qd_textdeck_read(const char *data, size_t len, const struct qd_textdeck_opts *opts,
                     struct qd_import *im, struct qd_diags *dg)
{
	struct meta m;
	struct ctx x;
	int rc;

	memset(&m, 0, sizeof(m));
	m.notetype_col = m.deck_col = m.tags_col = m.guid_col = -1;
	memset(&x, 0, sizeof(x));
	x.dg = dg;
	x.im = im;
	x.m = &m;
	for (int c = 0; c < NCOL; c++)
		x.col[c] = -1;
	if (opts->format == QD_TEXT_QUIZLET)
		rc = read_quizlet(data, len, opts, &x);
	else
		rc = read_csv(data, len, opts->sep, &x);
	if (x.media.len)
		qd_diags_add(dg, QD_SEV_WARNING, 0, 0,
		             "%zu media file%s referenced but not imported (images show as "
		             "[image: NAME], sounds as [sound:NAME])", x.media.len,
		             x.media.len == 1 ? "" : "s");
	qd_strset_release(&x.media);
	qd_strv_clear(&m.tags);
	free(m.tags.items);
	free(m.columns);
	free(m.notetype);
	free(m.deck);
	return rc;
}

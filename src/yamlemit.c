/*
 * YAML output through libyaml's emitter (see quizdeck/yamlemit.h).
 *
 * libyaml decides plain versus quoted only from the characters of a scalar,
 * not from what a reader will resolve it to: with implicit tags it writes
 * yes, no, 123, null and "" plain. So this file decides the style itself
 * with a deliberately conservative test (qd_yemit_plain_safe) and asks for
 * double quotes whenever a string is not obviously a string. Plain style is
 * kept for the common case because decks are meant to be read and edited.
 *
 * This is the only file that uses libyaml's emitter; libyaml's 1/0 results
 * stay here.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "quizdeck/yamlemit.h"

#define MAX_DEPTH 64

struct qd_yemit {
	yaml_emitter_t em;
	struct qd_buf *out;
	bool failed;
	char problem[128];
	int depth;
	bool flow[MAX_DEPTH]; /* collection at each depth is a flow one */
	int flow_depth;       /* how many enclosing flow collections */
};

static int write_handler(void *data, unsigned char *buffer, size_t size)
{
	struct qd_yemit *e = data;
	qd_buf_add(e->out, buffer, size);
	return 1;
}

static void emit(struct qd_yemit *e, yaml_event_t *ev)
{
	if (e->failed) {
		yaml_event_delete(ev);
		return;
	}
	if (!yaml_emitter_emit(&e->em, ev)) { /* consumes ev either way */
		e->failed = true;
		snprintf(e->problem, sizeof(e->problem), "%s",
		         e->em.problem ? e->em.problem : "emitter error");
	}
}

static void fail(struct qd_yemit *e, const char *what)
{
	if (!e->failed) {
		e->failed = true;
		snprintf(e->problem, sizeof(e->problem), "%s", what);
	}
}

struct qd_yemit *qd_yemit_new(struct qd_buf *out, int width)
{
	struct qd_yemit *e = qd_xcalloc(1, sizeof(*e));
	yaml_event_t ev;

	e->out = out;
	if (!yaml_emitter_initialize(&e->em)) {
		fail(e, "cannot initialise the emitter");
		return e;
	}
	yaml_emitter_set_output(&e->em, write_handler, e);
	yaml_emitter_set_unicode(&e->em, 1);
	yaml_emitter_set_indent(&e->em, 2);
	yaml_emitter_set_width(&e->em, width > 0 ? width : 80);
	yaml_emitter_set_break(&e->em, YAML_LN_BREAK);
	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	emit(e, &ev);
	yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
	emit(e, &ev);
	return e;
}

void qd_yemit_free(struct qd_yemit *e)
{
	if (!e)
		return;
	yaml_emitter_delete(&e->em);
	free(e);
}

static void push(struct qd_yemit *e, bool flow)
{
	if (e->depth >= MAX_DEPTH) {
		fail(e, "nesting too deep");
		return;
	}
	e->flow[e->depth++] = flow;
	if (flow)
		e->flow_depth++;
}

static void pop(struct qd_yemit *e)
{
	if (e->depth == 0) {
		fail(e, "unbalanced end of collection");
		return;
	}
	if (e->flow[--e->depth])
		e->flow_depth--;
}

void qd_yemit_map_start(struct qd_yemit *e, bool flow)
{
	yaml_event_t ev;

	if (e->failed)
		return;
	yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
	                                    flow ? YAML_FLOW_MAPPING_STYLE
	                                         : YAML_BLOCK_MAPPING_STYLE);
	emit(e, &ev);
	push(e, flow);
}

void qd_yemit_map_end(struct qd_yemit *e)
{
	yaml_event_t ev;

	if (e->failed)
		return;
	yaml_mapping_end_event_initialize(&ev);
	emit(e, &ev);
	pop(e);
}

void qd_yemit_seq_start(struct qd_yemit *e, bool flow)
{
	yaml_event_t ev;

	if (e->failed)
		return;
	yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
	                                     flow ? YAML_FLOW_SEQUENCE_STYLE
	                                          : YAML_BLOCK_SEQUENCE_STYLE);
	emit(e, &ev);
	push(e, flow);
}

void qd_yemit_seq_end(struct qd_yemit *e)
{
	yaml_event_t ev;

	if (e->failed)
		return;
	yaml_sequence_end_event_initialize(&ev);
	emit(e, &ev);
	pop(e);
}

static void scalar(struct qd_yemit *e, const char *s, yaml_scalar_style_t style)
{
	yaml_event_t ev;

	if (e->failed)
		return;
	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 1,
	                                  style)) {
		fail(e, "invalid scalar");
		return;
	}
	emit(e, &ev);
}

void qd_yemit_str(struct qd_yemit *e, const char *s)
{
	scalar(e, s,
	       qd_yemit_plain_safe(s, e->flow_depth > 0) ? YAML_PLAIN_SCALAR_STYLE
	                                                : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

void qd_yemit_plain(struct qd_yemit *e, const char *s)
{
	scalar(e, s, YAML_PLAIN_SCALAR_STYLE);
}

void qd_yemit_kv(struct qd_yemit *e, const char *key, const char *value)
{
	qd_yemit_str(e, key);
	qd_yemit_str(e, value);
}

int qd_yemit_finish(struct qd_yemit *e, struct qd_err *err)
{
	yaml_event_t ev;

	if (!e->failed && e->depth != 0)
		fail(e, "unclosed collection");
	yaml_document_end_event_initialize(&ev, 1);
	emit(e, &ev);
	yaml_stream_end_event_initialize(&ev);
	emit(e, &ev);
	if (!e->failed && !yaml_emitter_flush(&e->em))
		fail(e, "cannot flush the output");
	if (e->failed)
		return qd_err_set(err, QD_EXIT_SOFTWARE, "cannot write YAML: %s", e->problem);
	return 0;
}

/* Words that YAML 1.1 resolves to booleans or null (1.2 is a subset). */
static const char *const special_words[] = {
	"y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", NULL,
};

static bool is_special_word(const char *s)
{
	size_t len = strlen(s);

	for (size_t i = 0; special_words[i]; i++) {
		const char *w = special_words[i];
		if (strlen(w) != len)
			continue;
		/* 1.1 accepts lower, Capitalised and UPPER spellings; be case-blind. */
		size_t k;
		for (k = 0; k < len; k++) {
			char c = s[k];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != w[k])
				break;
		}
		if (k == len)
			return true;
	}
	return false;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Anything that could start a number, a date, a time or .inf/.nan. */
static bool looks_numeric(const char *s)
{
	const char *p = s;

	if (*p == '+' || *p == '-')
		p++;
	if (is_digit(*p))
		return true;
	if (*p == '.') {
		if (is_digit(p[1]))
			return true;
		if (strcasecmp(p + 1, "inf") == 0 || strcasecmp(p + 1, "nan") == 0)
			return true;
	}
	return false;
}

bool qd_yemit_plain_safe(const char *s, bool flow)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t len = strlen(s);

	if (len == 0 || is_special_word(s) || looks_numeric(s))
		return false;
	if (strcmp(s, "<<") == 0 || strcmp(s, "=") == 0)
		return false;
	if (strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]))
		return false;
	if (s[len - 1] == ' ' || s[len - 1] == ':' || s[len - 1] == '\t')
		return false;
	if (strstr(s, ": ") || strstr(s, " #") || strstr(s, "  "))
		return false;
	if (flow && strpbrk(s, ",[]{}"))
		return false;
	for (size_t i = 0; i < len; i++) {
		if (p[i] < 0x20 || p[i] == 0x7f)
			return false;
		/* C1 controls (U+0080..U+009F), NEL, LS, PS, BOM: libyaml treats
		 * them as breaks or non-printable; quote and escape. */
		if (p[i] == 0xc2 && i + 1 < len && p[i + 1] >= 0x80 && p[i + 1] <= 0x9f)
			return false;
		if (p[i] == 0xe2 && i + 2 < len && p[i + 1] == 0x80 &&
		    (p[i + 2] == 0xa8 || p[i + 2] == 0xa9))
			return false;
		if (p[i] == 0xef && i + 2 < len && p[i + 1] == 0xbb && p[i + 2] == 0xbf)
			return false;
	}
	return true;
}

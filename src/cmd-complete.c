/*
 * quizdeck __complete [WORD...] CURRENT: what may come next on a command
 * line, for the shell's completion (completion/quizdeck.bash, as
 * git's completion asks git itself). WORDs are the words after the
 * program's name, as the shell split them, and CURRENT the word being
 * completed (possibly empty). It prints the candidates that start with
 * CURRENT, one a line, and a line ":files" or ":dirs" where the shell
 * should also offer file or directory names.
 *
 * Everything comes from the tables the parser uses (the commands, their
 * options and arguments, the global options), so the completion cannot
 * drift from the program. An option's value is offered from the values its
 * table lists (qd_opt.choices), if it lists any. What an argument holds is
 * read from its name in the usage (DECK: a deck id or a file; FILE,
 * ARTICLE, NAME.yaml: a file; DIR; COMMAND); deck ids are the decks
 * `quizdeck decks` lists.
 *
 * The shell splits "--name=VALUE" at '=' (COMP_WORDBREAKS), so the words
 * "--name", "=" and "VALUE" are read as one option with its value.
 *
 * The command is hidden: found by its exact name only, not listed, and its
 * words are never parsed as options of its own.
 */
#include <string.h>

#include "quizdeck/cmd.h"
#include "quizdeck/deck.h"
#include "quizdeck/deckset.h"

enum {
	WANT_COMMANDS = 1u << 0,
	WANT_DECKS = 1u << 1,
	WANT_FILES = 1u << 2,
	WANT_DIRS = 1u << 3,
};

static int complete_run(struct qd_ctx *ctx, int argc, char **argv);

static const struct qd_opt complete_opts[] = {
	QD_OPT_END(),
};

const struct qd_cmd qd_cmd_complete = {
	.name = "__complete",
	.args = "[WORD...] CURRENT",
	.summary = "the completions of a command line's last word, for the shell",
	.opts = complete_opts,
	.run = complete_run,
	.hidden = true,
};

/* What an argument named NAME in a usage holds ("DECK", "FILE.csv"). */
static unsigned arg_kind(const char *name)
{
	size_t n = strlen(name);

	if (strstr(name, "COMMAND"))
		return WANT_COMMANDS;
	if (strstr(name, "FILE") || strstr(name, "ARTICLE") ||
	    (n > 5 && strcmp(name + n - 5, ".yaml") == 0))
		return WANT_FILES;
	if (strstr(name, "DECK"))
		return WANT_DECKS | WANT_FILES;
	if (strstr(name, "DIR"))
		return WANT_DIRS;
	return 0;
}

/* What the positional arguments of a usage ("[--deck DECK] FILE.csv")
 * hold: the words that are not options or an option's value. */
static unsigned positional_kind(const char *usage)
{
	unsigned kind = 0;
	bool value_next = false;

	for (const char *p = usage; *p;) {
		char word[64];
		size_t n;

		while (*p && strchr(" []|.", *p))
			p++;
		n = strcspn(p, " []|");
		if (n == 0)
			continue;
		snprintf(word, sizeof(word), "%.*s", (int)(n < sizeof(word) ? n : sizeof(word) - 1), p);
		p += n;
		if (word[0] == '-') {
			/* "--csv|--json|--export FILE": the value of the last one */
			value_next = *p == ' ' && p[1] >= 'A' && p[1] <= 'Z';
			continue;
		}
		if (!value_next)
			kind |= arg_kind(word);
		value_next = false;
	}
	return kind;
}

/* The option of opts that word names ("--na" for --name, "-n", "--name=x"),
 * or NULL. */
static const struct qd_opt *find_opt(const struct qd_opt *opts, const char *word)
{
	const struct qd_opt *found = NULL;
	int matches = 0;

	if (word[0] != '-' || !word[1])
		return NULL;
	if (word[1] != '-') {
		for (const struct qd_opt *o = opts; o->kind != QD_OPT_KIND_END; o++)
			if (o->shortname == word[1] && !word[2])
				return o;
		return NULL;
	}
	for (const struct qd_opt *o = opts; o->kind != QD_OPT_KIND_END; o++) {
		size_t len = strcspn(word + 2, "=");

		if (!o->longname || len == 0 || strncmp(o->longname, word + 2, len) != 0)
			continue;
		if (strlen(o->longname) == len)
			return o;
		found = o;
		matches++;
	}
	return matches == 1 ? found : NULL;
}

/* Prints PREFIX WORD if it starts with cur. */
static void put(FILE *out, const char *cur, const char *prefix, const char *word)
{
	char full[256];

	snprintf(full, sizeof(full), "%s%s", prefix, word);
	if (strncmp(full, cur, strlen(cur)) == 0)
		fprintf(out, "%s\n", full);
}

static void put_opts(FILE *out, const char *cur, const struct qd_opt *opts)
{
	for (const struct qd_opt *o = opts; o->kind != QD_OPT_KIND_END; o++) {
		if (o->longname)
			put(out, cur, "--", o->longname);
		/* A lone "-" asks for every form. */
		if (o->shortname && (!o->longname || strcmp(cur, "-") == 0)) {
			char s[2] = {o->shortname, '\0'};
			put(out, cur, "-", s);
		}
	}
	put(out, cur, "--", "help");
	if (strcmp(cur, "-") == 0)
		put(out, cur, "-", "h");
}

static void put_decks(struct qd_ctx *ctx, FILE *out, const char *cur)
{
	struct qd_deckset *set = NULL;
	struct qd_err err;

	/* Decks that do not load are left out; their diagnostics go to
	 * stderr, which the shell's completion discards. */
	if (qd_deckset_load(ctx, 0, NULL, 0, &set, &err) != 0)
		return;
	for (size_t i = 0; i < qd_deckset_count(set); i++)
		put(out, cur, "", qd_deck_id(qd_deckset_deck(set, i)));
	qd_deckset_free(set);
}

static void put_kind(struct qd_ctx *ctx, FILE *out, const char *cur, unsigned kind)
{
	if (kind & WANT_COMMANDS)
		for (size_t i = 0; qd_commands[i]; i++)
			if (!qd_commands[i]->hidden)
				put(out, cur, "", qd_commands[i]->name);
	if (kind & WANT_DECKS)
		put_decks(ctx, out, cur);
	if (kind & WANT_FILES)
		fputs(":files\n", out);
	else if (kind & WANT_DIRS)
		fputs(":dirs\n", out);
}

/* What may be the value of o: the values its table lists, and what its
 * argument's name says (nothing else after a closed list). */
static void put_value(struct qd_ctx *ctx, FILE *out, const char *cur, const struct qd_opt *o)
{
	for (const char *const *c = o->choices; c && *c; c++)
		put(out, cur, "", *c);
	if (!o->choices || o->choices_open)
		put_kind(ctx, out, cur, arg_kind(o->argname));
}

/* Skips the options of opts at words[*i...] (up to words[last], the word
 * being completed, exclusive). Returns the option whose value the current
 * word is, or NULL; *only_pos is set after "--". */
static const struct qd_opt *skip_options(const struct qd_opt *opts, char **words, int *i,
                                         int last, bool stop_at_positional, bool *only_pos)
{
	while (*i < last) {
		const char *w = words[*i];
		const struct qd_opt *o;
		bool eq;

		if (*only_pos || w[0] != '-' || !w[1]) {
			if (stop_at_positional)
				return NULL;
			(*i)++;
			continue;
		}
		if (strcmp(w, "--") == 0) {
			*only_pos = true;
			(*i)++;
			continue;
		}
		o = find_opt(opts, w);
		(*i)++;
		if (!o || o->kind == QD_OPT_KIND_FLAG || strchr(w, '='))
			continue;
		/* "--name" "=" VALUE, as the shell splits "--name=VALUE"; an
		 * optional value comes only after '=' */
		eq = *i < last && strcmp(words[*i], "=") == 0;
		if (o->kind == QD_OPT_KIND_OPTSTRING && !eq)
			continue;
		if (eq)
			(*i)++;
		if (*i == last)
			return o;
		(*i)++;
	}
	return NULL;
}

static int complete_run(struct qd_ctx *ctx, int argc, char **argv)
{
	const struct qd_cmd *cmd;
	const struct qd_opt *o;
	struct qd_err err;
	char **words = argv + 1;
	int n = argc - 1, i = 0, last = n - 1;
	bool only_pos = false;
	const char *cur;

	if (n < 1)
		return QD_EXIT_OK;
	cur = words[last];
	if (strcmp(cur, "=") == 0)
		cur = "";
	if ((o = skip_options(qd_global_opts, words, &i, last, true, &only_pos))) {
		put_value(ctx, ctx->out, cur, o);
		return QD_EXIT_OK;
	}
	if (i == last) {
		if (cur[0] == '-' && !only_pos)
			put_opts(ctx->out, cur, qd_global_opts);
		else
			put_kind(ctx, ctx->out, cur, WANT_COMMANDS);
		return QD_EXIT_OK;
	}
	if (!(cmd = qd_cmd_find(words[i], &err)) || cmd->hidden)
		return QD_EXIT_OK;
	i++;
	only_pos = false;
	if ((o = skip_options(cmd->opts, words, &i, last, false, &only_pos)))
		put_value(ctx, ctx->out, cur, o);
	else if (cur[0] == '-' && !only_pos)
		put_opts(ctx->out, cur, cmd->opts);
	else
		put_kind(ctx, ctx->out, cur, positional_kind(cmd->args));
	return QD_EXIT_OK;
}

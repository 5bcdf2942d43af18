/*
 * quizdeck optimize [DECK...] [--tags T] [--json] [--write] [--evaluate]:
 * fits the 21 FSRS-6 weights to the learner's own review log, as Anki's
 * optimizer (fsrs-rs) does, and says how well the current and the fitted
 * weights predict that history (log loss and RMSE over bins, fsrs-rs's two
 * metrics). With --write the fitted weights go into the settings file
 * (only when they predict better), so every later schedule uses them.
 *
 * This file does the talking: the reviews are picked from the collection
 * (the given decks' cards, or all, orphans included; with --tags only
 * cards carrying one of the tags), turned into training items with the
 * learner's days (quizdeck/fsrsitems.h), fitted (quizdeck/fsrstrain.h) and
 * evaluated (quizdeck/fsrseval.h) by pure modules. Both metrics are
 * computed on every item in time order (as Anki evaluates), for the
 * weights in use and for the fitted ones rounded to the 4 decimals they
 * are written with.
 *
 * On a terminal, a fit that takes longer than a second
 * (QUIZDECK_PROGRESS_AFTER) shows a progress line on stderr (epoch, batch,
 * the last epoch's loss; then the polishing step and the loss), redrawn at
 * most ten times a second and erased when done; off a terminal, none.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "quizdeck/buf.h"
#include "quizdeck/cmd.h"
#include "quizdeck/collection.h"
#include "quizdeck/fileio.h"
#include "quizdeck/fsrseval.h"
#include "quizdeck/fsrsitems.h"
#include "quizdeck/fsrstrain.h"
#include "quizdeck/qtime.h"
#include "quizdeck/settings.h"
#include "quizdeck/yamldoc.h"

struct optimize_args {
	bool json, write, evaluate;
	struct qd_optlist tags;
};

static const struct qd_opt optimize_opts[] = {
	QD_OPT_LIST(0, "tags", struct optimize_args, tags, "TAG",
	            "only the reviews of cards with this tag (repeatable; commas separate tags)"),
	QD_OPT_FLAG(0, "json", struct optimize_args, json, "print the figures and weights as JSON"),
	QD_OPT_FLAG(0, "write", struct optimize_args, write,
	            "store the fitted weights in the settings file if they predict better"),
	QD_OPT_FLAG(0, "evaluate", struct optimize_args, evaluate,
	            "only evaluate the weights in use; fit nothing"),
	QD_OPT_END(),
};

static int optimize_run(struct qd_ctx *ctx, int argc, char **argv);

const struct qd_cmd qd_cmd_optimize = {
	.name = "optimize",
	.args = "[DECK...] [--tags T] [--json] [--write] [--evaluate]",
	.summary = "fit the FSRS weights to your review history",
	.opts = optimize_opts,
	.run = optimize_run,
	.more = "\nRun it after about 1,000 reviews, then every month or so: see\n"
	        "docs/scheduling.md, \"Fitting the weights\".\n",
};

/* The progress line: shown on a terminal once the fit has run
 * ctx->progress_after_ms. */
struct progress {
	const struct qd_ctx *ctx;
	struct timespec start, last;
	bool shown;
};

static double since(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

static void show_progress(void *p_, int epoch, int epochs, size_t batch, size_t n_batches,
                          double loss)
{
	struct progress *p = p_;
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	if (since(&p->start, &now) * 1000.0 < (double)p->ctx->progress_after_ms ||
	    (p->shown && since(&p->last, &now) < 0.1))
		return;
	p->last = now;
	p->shown = true;
	if (epoch > epochs)
		fprintf(p->ctx->err, "\r\033[Kfitting: polishing, step %zu/%zu", batch, n_batches);
	else
		fprintf(p->ctx->err, "\r\033[Kfitting: epoch %d/%d, batch %zu/%zu", epoch, epochs,
		        batch, n_batches);
	if (!isnan(loss))
		fprintf(p->ctx->err, ", loss %.4f", loss);
	fflush(p->ctx->err);
}

/* Whether log review i is one of the selection's: a card of the listed
 * decks carrying one of the tags, or (without tags) a card no longer in
 * its deck, when its deck was selected or all were. */
static bool selected(const struct qd_collection *h, bool all, const char *const *tags,
                     size_t n_tags, size_t i)
{
	size_t c = h->states.card_of[i];

	if (c == SIZE_MAX)
		return false;
	if (c < h->states.n_listed)
		return qd_collection_card_has_tag(&h->cards[c], tags, n_tags);
	if (n_tags)
		return false;
	return all || qd_deckset_find(h->decks, h->states.cards[c].deck) != NULL;
}

static void add_metrics(struct qd_buf *b, const char *label, const struct qd_fsrs_metrics *m)
{
	qd_buf_addf(b, "  %-22s %8.4f %11.2f%%\n", label, m->log_loss, m->rmse_bins * 100);
}

static void add_json_metrics(struct qd_buf *b, const char *key, const struct qd_fsrs_metrics *m)
{
	qd_buf_addf(b, ",\"%s\":{\"log_loss\":%.6f,\"rmse_bins\":%.6f}", key, m->log_loss,
	            m->rmse_bins);
}

/* Writes w into the settings file (created if missing). */
static int write_weights(const struct qd_ctx *ctx, const double *w, struct qd_err *err)
{
	struct qd_buf old, out;
	char *dir, *slash;
	int rc = -1;

	qd_buf_init(&old);
	qd_buf_init(&out);
	if (!ctx->config_path) {
		qd_err_set(err, QD_EXIT_CONFIG, "no settings file is known (set HOME or --config)");
		goto done;
	}
	if (qd_file_read(ctx->config_path, QD_YAML_MAX_BYTES, &old, err) != 0) {
		if (errno != ENOENT)
			goto done;
		old.len = 0;
	}
	if (qd_settings_with_weights(ctx->config_path, old.data ? old.data : "", old.len, w,
	                             ctx->now_ms, &out, err) != 0)
		goto done;
	dir = qd_xstrdup(ctx->config_path);
	slash = strrchr(dir, '/');
	if (slash && slash != dir) {
		*slash = '\0';
		if (qd_file_mkdirs(dir, err) != 0) {
			free(dir);
			goto done;
		}
	}
	free(dir);
	rc = qd_file_write_atomic(ctx->config_path, out.data ? out.data : "", out.len, err);
done:
	qd_buf_release(&old);
	qd_buf_release(&out);
	return rc;
}

static int optimize_run(struct qd_ctx *ctx, int argc, char **argv)
{
	struct optimize_args a = {0};
	struct qd_collection h;
	struct qd_fsrs_items it;
	struct qd_fsrs_input *in = NULL;
	struct qd_fsrs_train_opts o;
	struct qd_fsrs_fit fit;
	struct qd_fsrs_metrics cur, fitted;
	struct progress prog;
	struct qd_err err;
	struct qd_buf b;
	const char **tags = NULL;
	char *tag_store = NULL;
	int n_tags = 0, status, n;
	size_t n_in = 0;
	bool loaded = false, better;

	qd_fsrs_items_init(&it);
	qd_buf_init(&b);
	n = qd_cmd_parse(ctx, &qd_cmd_optimize, &a, argc, argv, &status);
	if (n < 0)
		goto out;
	if (a.evaluate && a.write) {
		status = qd_cmd_usage_error(ctx, &qd_cmd_optimize,
		                            "--evaluate fits nothing, so there is nothing to --write");
		goto out;
	}
	if (a.tags.len)
		tags = qd_optlist_split(&a.tags, &n_tags, &tag_store);
	loaded = true;
	if (qd_collection_load(ctx, n, argv + 1, &h, &err)) {
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	in = qd_xcalloc(h.log.n_reviews + 1, sizeof(*in));
	for (size_t i = 0; i < h.log.n_reviews; i++) {
		const struct qd_review *r = &h.log.reviews[i];
		if (!selected(&h, n == 0, tags, (size_t)n_tags, i))
			continue;
		in[n_in].card = h.states.card_of[i];
		in[n_in].time_ms = r->time_ms;
		in[n_in].rating = r->rating;
		in[n_in].order = (size_t)r->line;
		n_in++;
	}
	qd_fsrs_items_build(&it, in, n_in, &h.cfg.params);

	if (a.evaluate) {
		if (qd_fsrs_evaluate(&it, NULL, it.n_items, h.cfg.params.w, &cur) != 0) {
			qd_err_set(&err, QD_EXIT_DATAERR,
			           "nothing to evaluate: %zu review%s, none on a later day than its "
			           "card's previous review", n_in, n_in == 1 ? "" : "s");
			qd_err_print(ctx->err, ctx->prog, &err);
			status = err.status;
			goto out;
		}
		if (a.json) {
			qd_buf_addf(&b, "{\"reviews\":%zu,\"items\":%zu", n_in, it.n_items);
			add_json_metrics(&b, "current", &cur);
			qd_buf_adds(&b, "}\n");
		} else {
			qd_buf_addf(&b, "reviews: %zu (%zu predictable)\n\n  %-22s %8s %12s\n", n_in,
			            it.n_items, "weights", "log loss", "RMSE (bins)");
			add_metrics(&b, h.cfg.custom_weights ? "current (settings)" : "current (defaults)",
			            &cur);
		}
		status = qd_deckset_left_out(h.decks);
		goto print;
	}

	qd_fsrs_train_opts_default(&o);
	o.n_relearning_steps = h.cfg.params.n_relearning_steps;
	memset(&prog, 0, sizeof(prog));
	prog.ctx = ctx;
	clock_gettime(CLOCK_MONOTONIC, &prog.start);
	if (ctx->err_tty && !ctx->term_dumb) {
		o.progress = show_progress;
		o.progress_ctx = &prog;
	}
	qd_fsrs_fit(&it, &o, &fit);
	if (prog.shown) {
		fputs("\r\033[K", ctx->err);
		fflush(ctx->err);
	}
	if (fit.status == QD_FSRS_FIT_TOO_LITTLE || fit.n_train < QD_FSRS_MIN_TRAIN) {
		qd_err_set(&err, QD_EXIT_DATAERR,
		           "too little history to fit the weights: %zu review%s, of which %zu can be "
		           "used (a card's reviews on a later day than its previous one, less "
		           "outliers); at least %d are needed", n_in, n_in == 1 ? "" : "s",
		           fit.n_train, QD_FSRS_MIN_TRAIN);
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	if (fit.status == QD_FSRS_FIT_FAILED) {
		qd_err_set(&err, QD_EXIT_SOFTWARE, "the fit diverged (a weight is not a number)");
		qd_err_print(ctx->err, ctx->prog, &err);
		status = err.status;
		goto out;
	}
	/* The weights as they are written and would be used: 4 decimals. */
	for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
		fit.w[j] = round(fit.w[j] * 1e4) / 1e4;
	qd_fsrs_evaluate(&it, NULL, it.n_items, h.cfg.params.w, &cur);
	qd_fsrs_evaluate(&it, NULL, it.n_items, fit.w, &fitted);
	better = fitted.log_loss < cur.log_loss;

	if (a.json) {
		qd_buf_addf(&b, "{\"reviews\":%zu,\"items\":%zu", n_in, it.n_items);
		add_json_metrics(&b, "current", &cur);
		add_json_metrics(&b, "fitted", &fitted);
		qd_buf_adds(&b, ",\"weights\":[");
		for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
			qd_buf_addf(&b, "%s%.4f", j ? "," : "", fit.w[j]);
		qd_buf_adds(&b, "]}\n");
	} else {
		qd_buf_addf(&b, "reviews: %zu (%zu predictable, %zu used to fit)\n\n  %-22s %8s %12s\n",
		            n_in, it.n_items, fit.n_train, "weights", "log loss", "RMSE (bins)");
		add_metrics(&b, h.cfg.custom_weights ? "current (settings)" : "current (defaults)",
		            &cur);
		add_metrics(&b, "fitted", &fitted);
		qd_buf_adds(&b, "\nfitted weights:\n  ");
		for (int j = 0; j < QD_FSRS_WEIGHTS; j++)
			qd_buf_addf(&b, "%.4f%s", fit.w[j], j == 20 ? "\n" : j % 7 == 6 ? ",\n  " : ", ");
		if (!a.write)
			qd_buf_adds(&b, better ? "\nThey predict your history better: 'quizdeck optimize "
			                         "--write' puts them in your settings.\n"
			                       : "\nThey predict your history no better than the "
			                         "current weights.\n");
	}
	status = qd_deckset_left_out(h.decks);
	if (a.write) {
		if (!better) {
			fprintf(ctx->err, "%s: kept the current weights: the fitted ones predict your "
			        "history no better (log loss %.4f, current %.4f)\n", ctx->prog,
			        fitted.log_loss, cur.log_loss);
		} else if (write_weights(ctx, fit.w, &err) != 0) {
			qd_err_print(ctx->err, ctx->prog, &err);
			status = err.status;
		} else if (!a.json) {
			qd_buf_addf(&b, "\nwrote the fitted weights to %s\n", ctx->config_path);
		}
	}
print:
	fwrite(b.data ? b.data : "", 1, b.len, ctx->out);
out:
	if (loaded)
		qd_collection_release(&h);
	qd_fsrs_items_release(&it);
	qd_buf_release(&b);
	free(in);
	free(tags);
	free(tag_store);
	qd_optlist_release(&a.tags);
	return status;
}

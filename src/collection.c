/*
 * Loading a collection: settings, decks, log, replay. See
 * quizdeck/collection.h.
 */
#include <stdlib.h>
#include <string.h>

#include "quizdeck/collection.h"

int qd_collection_load(const struct qd_ctx *ctx, int n, char *const *args,
                       struct qd_collection *c, struct qd_err *err)
{
	struct qd_diags diags;
	int rc;

	memset(c, 0, sizeof(*c));
	qd_logdata_init(&c->log);
	if (qd_config_load(ctx, &c->cfg, err))
		return -1;
	if (qd_deckset_load(ctx, n, args, 0, &c->decks, err))
		return -1;
	c->log_path = qd_revlog_path(ctx->data_dir);
	qd_diags_init(&diags, c->log_path);
	rc = qd_revlog_load(c->log_path, &c->log, &diags, err);
	qd_diags_sort(&diags);
	qd_diags_print(ctx->err, &diags);
	qd_diags_release(&diags);
	if (rc)
		return -1;
	qd_replay_run(c->decks, &c->log, &c->cfg.params, &c->states);
	return 0;
}

void qd_collection_release(struct qd_collection *c)
{
	qd_replay_release(&c->states);
	qd_logdata_release(&c->log);
	qd_deckset_free(c->decks);
	free(c->log_path);
	memset(c, 0, sizeof(*c));
}

/*
 * The state an Anki import carries through its steps (quizdeck/anki-imp.h,
 * internal to the importer): its release, the tallies behind the
 * warnings that name notes, and names and tags cleaned of what is no text.
 */
#include <stdint.h>
#include <stdlib.h>

#include <unistr.h>

#include "quizdeck/anki-imp.h"
#include "quizdeck/buf.h"

void qd_anki_tally_add(struct qd_anki_tally *t, int64_t nid)
{
	t->n++;
	if (t->notes && t->last == nid)
		return;
	t->last = nid;
	if (t->notes < QD_ANKI_TALLY_IDS)
		t->ids[t->notes] = nid;
	t->notes++;
}

static void tmpl_release(struct qd_anki_tmpl *t)
{
	free(t->qfmt);
	free(t->afmt);
}

void qd_anki_imp_release(struct qd_anki_imp *m)
{
	for (size_t i = 0; i < m->n_nts; i++) {
		struct qd_anki_notetype *nt = &m->nts[i];
		free(nt->name);
		for (size_t k = 0; k < nt->n_fields; k++)
			free(nt->fields[k]);
		free(nt->fields);
		for (size_t k = 0; k < nt->n_tmpls; k++)
			tmpl_release(&nt->tmpls[k]);
		free(nt->tmpls);
	}
	free(m->nts);
	for (size_t i = 0; i < m->n_decks; i++)
		free(m->decks[i].name);
	free(m->decks);
	free(m->card_deck);
	qd_strset_release(&m->media);
	qd_strset_release(&m->ids);
	qd_strset_release(&m->cids);
}

/* A copy of s[0..n) with control characters and invalid UTF-8 left out:
 * for names and tags, which are no HTML. */
char *qd_anki_clean_text(const char *s, size_t n)
{
	struct qd_buf b;

	qd_buf_init(&b);
	for (size_t i = 0; i < n;) {
		ucs4_t uc;
		int k = u8_mbtoucr(&uc, (const uint8_t *)s + i, n - i);
		if (k <= 0) {
			i++;
			continue;
		}
		if (uc >= 0x20 && uc != 0x7f && !(uc >= 0x80 && uc < 0xa0))
			qd_buf_add(&b, s + i, (size_t)k);
		i += (size_t)k;
	}
	qd_buf_addc(&b, '\0');
	return b.data;
}

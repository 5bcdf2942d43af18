/*
 * A quiz's fingerprint: SHA-256 over a canonical encoding of what decides
 * what the learner is asked and how it is scored — the quiz's rules
 * (questions, limits, seed, the card types that can be drawn, tags, speed
 * bonus) and the
 * content of the cards drawn, in the order asked (deck id, accents rule,
 * card id, type, question, answers, accepted answers, choices, cloze
 * text). Two learners with equal fingerprints were asked the same
 * questions, in the same order, with the same choices and the same
 * answers accepted, whatever machine, locale, data directory or other
 * decks they had, and whether the quiz came from a quiz file or from
 * options. Titles, class names, explanations and where the decks lie do
 * not count. The encoding is part of quizdeck's contract
 * (docs/quiz.md, "The fingerprint"): changing it changes every
 * fingerprint, so it carries a version.
 */
#ifndef QUIZDECK_FINGERPRINT_H
#define QUIZDECK_FINGERPRINT_H

#include <stddef.h>

#include "quizdeck/buf.h"
#include "quizdeck/quiz.h"

#define QD_FINGERPRINT_HEX 64   /* digits of a fingerprint */
#define QD_FINGERPRINT_SHORT 12 /* digits shown to people */

/* Appends the canonical encoding (exposed for tests and for anyone who
 * wants to recompute a fingerprint): a version line, then netstrings
 * ("LEN:BYTES,") in pairs, a label and its value. */
void qd_fingerprint_encode(struct qd_buf *out, const struct qd_quiz_opts *o,
                           const struct qd_quiz_question *qs, size_t n);
/* The fingerprint: SHA-256 of the encoding, in lowercase hex. */
void qd_fingerprint(const struct qd_quiz_opts *o, const struct qd_quiz_question *qs, size_t n,
                    char out[QD_FINGERPRINT_HEX + 1]);

#endif

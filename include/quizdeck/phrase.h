/*
 * Rewording for the generator: the short answer of a paragraph, a yes/no
 * question turned into the statement it asks about, a long sentence
 * clipped to the clause that holds a blank. Small, rule-based and
 * conservative: each function says "no" (returns NULL) rather than write
 * something a person would not.
 */
#ifndef QUIZDECK_PHRASE_H
#define QUIZDECK_PHRASE_H

#include <stdbool.h>
#include <stddef.h>

/* How a related question asks. */
enum qd_question_kind {
	QD_Q_YESNO,  /* "Is ...?", "Does ...?", "Can ...?" */
	QD_Q_WHO,
	QD_Q_WHEN,   /* "When ...?", "What year ...?", "In what year ...?" */
	QD_Q_HOWMANY, /* "How many ...?", "How much ...?", "How long ...?", "How old ...?" */
	QD_Q_WHERE,
	QD_Q_WHY,
	QD_Q_WHICH,  /* "What/Which NOUN ...?" */
	QD_Q_OTHER,  /* "How ...?", "What is ...?" */
};

enum qd_question_kind qd_phrase_question_kind(const char *question);

/* Words of s (runs of non-spaces). */
size_t qd_phrase_words(const char *s);

/* The direct answer of paragraph p for a basic card: its first sentence,
 * clipped at a clause boundary to at most max_words words; an answer led by
 * "Yes"/"No"/"Not usually"... keeps the lead and one sentence of reason
 * ("Yes. SQLite is in the public domain."); a why-question answer may be
 * its reason clause ("To show that ..."). Caller frees; NULL if there is no
 * answer that short. */
char *qd_phrase_short_answer(const char *p, enum qd_question_kind kind, size_t max_words);

/* The lead of a yes/no answer: 1 for "Yes", 0 for "No", -1 for anything
 * else (including a hedged "Not usually" or "Yes and no"). */
int qd_phrase_yes_no(const char *answer);

/* The statement a yes/no question asks about: "Is SQLite free to use?" ->
 * "SQLite is free to use.", "Did Michael Collins walk on the Moon?" ->
 * "Michael Collins walked on the Moon.". subject_len, when not 0, is the
 * length of a name known to start right after the question's first word.
 * Caller frees; NULL when the question is not one this can turn. */
char *qd_phrase_statement(const char *question, size_t subject_len);

/* The span [*from, *to) of sentence s to show around a blank at [bs, be):
 * the whole sentence, or, for a long one, without a leading subordinate
 * clause or a trailing clause that do not hold the blank. */
void qd_phrase_clip(const char *s, size_t bs, size_t be, size_t *from, size_t *to);

#endif

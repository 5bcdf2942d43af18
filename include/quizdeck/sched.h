/*
 * The spaced-repetition engine: FSRS-6 (identical to ts-fsrs 5.4.2) and
 * classic SM-2. Pure code: no I/O, no clock, no globals. The review time is
 * passed in; the notion of "day" is given by the parameters (a UTC day
 * shifted by day_start_hour by default, or a caller-supplied function for
 * local time zones), so every result is reproducible.
 *
 * A card's state is never stored: it is derived by replaying the card's
 * reviews in order through qd_sched_review().
 */
#ifndef QUIZDECK_SCHED_H
#define QUIZDECK_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "quizdeck/err.h"

/* Numbered as ts-fsrs's State enum. */
enum qd_state {
	QD_STATE_NEW = 0,
	QD_STATE_LEARNING = 1,
	QD_STATE_REVIEW = 2,
	QD_STATE_RELEARNING = 3,
};

enum qd_rating {
	QD_AGAIN = 1,
	QD_HARD = 2,
	QD_GOOD = 3,
	QD_EASY = 4,
};

enum qd_scheduler {
	QD_SCHED_FSRS = 0,
	QD_SCHED_SM2 = 1,
};

/* One card's memory state. Zero-initialised (qd_memory_init) = new card. */
struct qd_memory {
	enum qd_state state;
	double stability;       /* FSRS S in days; SM-2: the current interval
	                         * in days (a step's length while in steps);
	                         * 0 while new */
	double difficulty;      /* FSRS D in [1, 10]; 0 while new and for SM-2 */
	double ease;            /* SM-2 easiness factor; 0 while new */
	int64_t due_ms;         /* 0 while new */
	int64_t last_review_ms; /* 0 while new */
	int scheduled_days;
	int step;               /* index into the (re)learning steps */
	int reps, lapses;
	int sm2_reps;           /* SM-2 repetition number n: successful reviews
	                         * since graduating or the last lapse; FSRS: 0 */
};

#define QD_FSRS_WEIGHTS 21
#define QD_MAX_STEPS 16

/* Maps an instant to a day number; consecutive days differ by 1. */
typedef int64_t (*qd_day_fn)(int64_t ms, const void *ctx);

struct qd_sched_params {
	enum qd_scheduler kind;
	/* The weights as given (qd_sched_params_set_weights; the 21 defaults
	 * otherwise). finish() clips them into w, as ts-fsrs does at
	 * construction: the clip ranges depend on the relearning step count and
	 * short_term, so they are applied only once those are final. */
	double w_in[QD_FSRS_WEIGHTS];
	int n_w_in;                   /* 21, or 19 for an FSRS-5 vector */
	double retention;             /* desired retention, 0.70 to 0.99 */
	int maximum_interval;         /* days */
	double learning_steps[QD_MAX_STEPS]; /* minutes */
	int n_learning_steps;
	double relearning_steps[QD_MAX_STEPS];
	int n_relearning_steps;
	bool short_term;              /* same-day formulas (ts-fsrs enable_short_term) */
	bool fuzz;                    /* deterministic interval fuzz */
	int day_start_hour;           /* 0..23: a day begins at this hour */
	qd_day_fn day_of;             /* NULL: UTC day shifted by day_start_hour;
	                               * local time: qd_dayclock_install() */
	const void *day_ctx;
	/* Derived by qd_sched_params_finish(): */
	double w[QD_FSRS_WEIGHTS];    /* clipped weights actually used */
	double decay, factor, interval_modifier;
	/* Terms of the formulas that depend on the weights alone, computed
	 * once (the same doubles the formulas would compute each review). */
	double init_d_easy;           /* D0(Easy), the mean-reversion target */
	double exp_w8;                /* exp(w8) of the recall stability */
	double again_shrink;          /* exp(w17·w18): the short-term floor of S after Again */
};

/* ts-fsrs 5.4.2 defaults (retention 0.9, steps 1m 10m / 10m, maximum 36500
 * days, short-term on, fuzz off), day start 4, then finished. */
void qd_sched_params_default(struct qd_sched_params *p);
/* Sets custom weights: 21 (FSRS-6) or 19 (FSRS-5, w19 = 0, w20 = 0.5
 * appended; w19 then clips to 0.01 with short-term on, as in ts-fsrs),
 * clipped to ts-fsrs's ranges by qd_sched_params_finish(), which must be
 * called afterwards. Returns -1 with err for any other count or a
 * non-finite value (p unchanged). */
int qd_sched_params_set_weights(struct qd_sched_params *p, const double *w, size_t n,
                                struct qd_err *err);
/* Recomputes w (clipping w_in), decay, factor, the interval modifier and
 * the constant terms. Call it after changing any field; retention must be
 * in (0, 1]. */
void qd_sched_params_finish(struct qd_sched_params *p);

void qd_memory_init(struct qd_memory *m);

/* The day number of an instant under p's day boundary: p->day_of if set,
 * else floor((ms - day_start_hour * 3600000) / 86400000), a UTC day that
 * begins at day_start_hour:00 UTC (day start 0: ts-fsrs's UTC date).
 * Elapsed days t = day(now) - day(last review), floored at 0. */
int64_t qd_sched_day(const struct qd_sched_params *p, int64_t ms);
/* The first instant (ms) of the day after the one of ms under p's day
 * boundary: when a card buried at ms comes back. */
int64_t qd_sched_next_day_ms(const struct qd_sched_params *p, int64_t ms);

/* Applies one review: in (the state before), the review time, the rating.
 * fuzz_seed makes fuzz deterministic (derive it from the card and the
 * review, e.g. qd_sched_fuzz_seed()); ignored when fuzz is off. Returns 0,
 * or -1 for an invalid rating (out untouched). A review earlier than the
 * previous one is treated as same-day. in and out may be the same object. */
int qd_sched_review(const struct qd_sched_params *p, const struct qd_memory *in,
                    int64_t now_ms, enum qd_rating rating, uint64_t fuzz_seed,
                    struct qd_memory *out);

/* The outcome of each rating: out[0] Again .. out[3] Easy. */
void qd_sched_preview(const struct qd_sched_params *p, const struct qd_memory *in,
                      int64_t now_ms, uint64_t fuzz_seed, struct qd_memory out[4]);

/* Probability of recall at now_ms (FSRS forgetting curve, elapsed time in
 * fractional days since the last review, not rounded); 0 for new cards.
 * For SM-2 cards, estimated with the FSRS-6 default curve taking the
 * interval as the stability (R = 0.9 when the interval has passed). */
double qd_sched_retrievability(const struct qd_sched_params *p, const struct qd_memory *m,
                               int64_t now_ms);

/* Formats the preview line for out (from qd_sched_preview), each due time
 * relative to now_ms: "Again 1m · Hard 6m · Good 10m · Easy 8d" (UTF-8
 * middle dots). Truncates to n bytes (always terminated when n > 0). */
void qd_sched_preview_format(const struct qd_memory out[4], int64_t now_ms, char *buf,
                             size_t n);

/* A fuzz seed for one review: a hash of a card key (e.g. a hash of the
 * card id) and the review's position in the card's history, so replaying
 * the log gives the same fuzzed dates. */
uint64_t qd_sched_fuzz_seed(uint64_t card_key, int reps);

const char *qd_state_name(enum qd_state s);   /* "new", "learning", ... */
const char *qd_rating_name(enum qd_rating r); /* "again", "hard", ... */
/* Parses "again"/"hard"/"good"/"easy" (any case, or a unique prefix such as
 * "a") or "1".."4". Returns 0, or -1 if s is none of them. */
int qd_rating_parse(const char *s, enum qd_rating *r);

#endif

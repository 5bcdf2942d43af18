/*
 * Fuzz target: the quiz-file reader (qd_quizfile_load_mem). The input is a
 * quiz file, named inside a directory that does not exist, so a deck path
 * in it names no file (and ".." cannot climb out of it): what is fuzzed is
 * the reader and the decks embedded in it. A quiz file that loads must
 * hold what the header promises.
 */
#include "fuzz.h"
#include "quizdeck/quizfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct qd_quizfile *qf =
		qd_quizfile_load_mem("/nonexistent-quizdeck-fuzz/quiz.yaml", (const char *)data, size);
	const struct qd_quizspec *s = &qf->spec;

	if (qf->status == QD_EXIT_OK) {
		fuzz_check(qf->diags.errors == 0, "a quiz file that loads has no errors");
		fuzz_check(qf->n_decks >= 1, "at least one deck");
		for (size_t i = 0; i < qf->n_decks; i++)
			fuzz_check(qf->decks[i].deck != NULL, "every deck loaded");
		fuzz_check(s->questions >= 1 && s->questions <= 10000, "questions range");
		fuzz_check(s->time_s >= 0 && s->time_s <= 86400, "time range");
		fuzz_check(s->per_question_s >= 0 && s->per_question_s <= 86400, "per-question range");
		fuzz_check(s->seed <= 2147483647u, "seed range");
		fuzz_check(!s->speed_bonus || s->time_s || s->per_question_s, "speed bonus has a limit");
	} else {
		fuzz_check(qf->status == QD_EXIT_DATAERR || qf->status == QD_EXIT_NOINPUT,
		           "status of a quiz file that does not load");
	}
	qd_quizfile_print(fuzz_sink(), qf, true);
	qd_quizfile_free(qf);
	return 0;
}

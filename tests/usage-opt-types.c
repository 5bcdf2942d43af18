/*
 * Compiled by tests/usage.cmake, not linked: an option table whose entry
 * names a field of the wrong type for its kind must not compile (here a
 * flag, which writes a bool, on a long), and the right one must.
 */
#include "quizdeck/opt.h"

struct args {
	long count;
};

const struct qd_opt opt_types_table[] = {
#ifdef QD_WRONG_TYPE
	QD_OPT_FLAG(0, "count", struct args, count, "a flag on a long"),
#else
	QD_OPT_INT(0, "count", struct args, count, "N", "an int on a long", 0, 9),
#endif
	QD_OPT_END(),
};

/*
 * YAML syntax errors in words that say what to do.
 *
 * libyaml describes a syntax error by what its parser was doing ("did not
 * find expected '-' indicator (while parsing a block collection...)"),
 * which is exact but rarely tells a deck's author what to change. This
 * module reads the error together with the source text and, for the
 * mistakes people make, reports what was meant:
 *
 *   - a tab in the indentation ("YAML indents with spaces; replace the tab");
 *   - a key or list item indented deeper or shallower than its siblings
 *     (naming the sibling's line and column);
 *   - a missing space after ':' ("title:t") or '-' ("-item");
 *   - an unclosed quote or bracket (pointing at where it was opened);
 *   - ': ' inside unquoted text ("q: What is 2: the answer"), with the
 *     quoted form to write instead.
 *
 * Anything else is reported as "not valid YAML here" with libyaml's own
 * words as a note. The source is read line by line as libyaml reads it
 * (lines end at LF, CRLF, CR, NEL, U+2028 or U+2029; columns count
 * characters), so the positions agree with libyaml's marks. It only reads
 * text: yamldoc, the one module that includes <yaml.h>, hands it the error
 * in plain values.
 */
#ifndef QUIZDECK_YAMLHINT_H
#define QUIZDECK_YAMLHINT_H

#include <stddef.h>

#include "quizdeck/err.h"

/* A libyaml syntax error: its problem and context strings (context may be
 * NULL) and their marks, 1-based. */
struct qd_yaml_problem {
	const char *problem;
	int line, col;
	const char *context;
	int context_line, context_col;
};

/* Reports p, an error found parsing data[0..len) (the text libyaml read:
 * after any byte order mark), as one error in diags: translated when it is
 * one of the mistakes above, else "not valid YAML here" with libyaml's
 * words as its note. */
void qd_yamlhint_report(const char *data, size_t len, const struct qd_yaml_problem *p,
                        struct qd_diags *diags);

#endif

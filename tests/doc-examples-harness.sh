#!/bin/sh
# tests/doc-examples.sh on pages made for it: tests/doc-examples/good.md
# (transcripts, "...", set-ups, scripts, an indented block, a skip, blocks
# that are no examples) passes; in tests/doc-examples/bad.md every kind of
# failure is reported at its page and line: wrong output, lines missing
# around "...", a failing script, a skip without a reason, a marker cut off
# from its block, a command that is not found.
# usage: doc-examples-harness.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
qd_env
here=$src/tests/doc-examples
sh "$src/tests/doc-examples.sh" "$bin" "$src" "$here/good.md" > "$WORK/good" 2>&1 ||
	fail "good.md fails: $(cat "$WORK/good")"
grep -q '3 examples run, 1 skipped' "$WORK/good" || fail "good.md: $(cat "$WORK/good")"
if sh "$src/tests/doc-examples.sh" "$bin" "$src" "$here/bad.md" > "$WORK/bad" 2>&1; then
	fail "bad.md passes"
fi
for want in \
	"bad.md:4: 'printf 'a\\nb\\n'' (exit 0) does not print what the page shows" \
	"bad.md:10: 'printf 'a\\nb\\nc\\n'' (exit 0) does not print what the page shows" \
	"(missing: a)" \
	"bad.md:16: the example exits 1:" \
	"+ false" \
	"bad.md:23: a skipped example must say why" \
	"bad.md:28: text between an example marker and its block" \
	"bad.md:34: the example exits 127:"; do
	grep -qF -- "$want" "$WORK/bad" || fail_later "bad.md: no '$want' in:
$(cat "$WORK/bad")"
done
finish "the harness runs good examples and reports bad ones at their lines"

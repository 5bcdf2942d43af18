#!/bin/sh
# Large valid inputs stay fast: each command below ran for minutes when a
# duplicate check, a lookup or a merge compared every item with every other
# one. The bounds are generous (the work itself takes a second or two in a
# plain build, on a busy machine too), and QD_SCALE_SLOWDOWN (set by
# tests/scale.cmake: 4 in a sanitized build) multiplies them: only
# quadratic work misses them. Inputs come from scale-inputs (see there).
#
# usage: scale.sh QUIZDECK SCALE_INPUTS WORKDIR
set -eu
q=$1 gen=$2 w=$3
. "${0%/*}/lib.sh"
qd_env "$w"
exec 3>&2 # fail() writes here, also inside bounded's redirections
# fail() as tests/lib.sh has it, but to fd 3: bounded() redirects stderr
fail() { printf '%s: FAIL: %s\n' "$QD_TEST" "$*" >&3; exit 1; }
# bounded SECONDS COMMAND...: runs COMMAND, failing if it takes longer
# than SECONDS times QD_SCALE_SLOWDOWN
bounded() {
	limit=$(($1 * ${QD_SCALE_SLOWDOWN:-1}))
	shift
	rc=0
	timeout "$limit" "$@" || rc=$?
	[ "$rc" -ne 124 ] || fail "over ${limit}s: $*"
	return "$rc"
}

"$gen" "$w" || fail "scale-inputs failed"

# 200,000 choices (150,000 on one card; 25,000 on a multi card, each also an
# answer): duplicates and answers are looked up, not compared pairwise
bounded 10 "$q" check "$w/choices.yaml" > "$w/choices.out" 2> "$w/choices.err" ||
	fail "check choices.yaml: exit $rc"
grep -q "error" "$w/choices.err" && fail "choices.yaml has errors"
grep -q "pick-all.*Wmulti-few-false" "$w/choices.err" || fail "choices.yaml was not linted"

# 64,000 aliases: 100 errors of the kind shown, then one note for the rest
rc=0
bounded 10 "$q" check "$w/aliases.yaml" > /dev/null 2> "$w/aliases.err" || rc=$?
[ "$rc" -eq 65 ] || fail "check aliases.yaml: exit $rc, not 65"
[ "$(grep -c ": error: aliases are not supported" "$w/aliases.err")" -eq 100 ] ||
	fail "not 100 alias errors shown"
grep -q '^'"$w"'/aliases.yaml: note: and 63,900 more errors like "aliases are not supported' \
	"$w/aliases.err" || fail "no note on the omitted errors"
# (each error shown is three lines: with its source line and caret)
[ "$(wc -l < "$w/aliases.err")" -le 310 ] || fail "too many lines"
rc=0
bounded 10 "$q" check --json "$w/aliases.yaml" > "$w/aliases.json" 2> /dev/null || rc=$?
[ "$rc" -eq 65 ] || fail "check --json aliases.yaml: exit $rc, not 65"
grep -q '"severity": "note", "message": "and 63,900 more errors like \\"aliases are not supported.*", "omitted": 63900}' \
	"$w/aliases.json" || fail "no JSON note on the omitted errors"

# 40,000 quiz results of 200,000 question lines, given twice: every result
# is found twice, and each second copy is a duplicate
bounded 10 "$q" results --csv "$w/results.log" "$w/results.log" > "$w/results.csv" \
	2> "$w/results.err" || fail "results: exit $rc"
[ "$(wc -l < "$w/results.csv")" -eq 40001 ] || fail "not 40,000 rows"
grep -q "40000 duplicate results" "$w/results.err" || fail "duplicates not counted"
bounded 10 "$q" results --csv --questions "$w/results.log" > "$w/questions.csv" 2> /dev/null ||
	fail "results --questions: exit $rc"
grep -q '^class-deck,q-one,40000,' "$w/questions.csv" || fail "question summary"
# the same with the deck among the user's decks: all 200,000 answers are
# graded again (and agree), and the plain report lays out every row
mkdir -p "$XDG_DATA_HOME/quizdeck/decks"
printf '%s\n' 'deck: class-deck' 'title: Class' 'cards:' \
	'  - {id: q-one, type: typed, q: one, a: right}' '  - {id: q-two, type: typed, q: two, a: right}' \
	'  - {id: q-three, type: typed, q: three, a: right}' \
	'  - {id: q-four, type: typed, q: four, a: right}' '  - {id: q-five, type: typed, q: five, a: right}' \
	> "$XDG_DATA_HOME/quizdeck/decks/class.yaml"
bounded 10 "$q" results "$w/results.log" > "$w/results.txt" 2> /dev/null ||
	fail "results (checked): exit $rc"
grep -q '^40000 results: average 67%$' "$w/results.txt" || fail "not 40,000 consistent results"
echo "scale.sh: ok"

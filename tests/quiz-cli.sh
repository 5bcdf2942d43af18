#!/bin/sh
# quizdeck quiz through pipes: regressions of the command's messages and
# results that need no terminal.
#
# usage: quiz-cli.sh QUIZDECK SRC WORKDIR
set -eu
. "${0%/*}/lib.sh"
q=$1 src=$2
deck=$src/tests/e2e/decks/quiz.yaml
qd_env "$3"
w=$WORK
export QUIZDECK_NOW=2026-03-02T09:00:00Z

# No card matches the tags: --self-grade would not help, so it is not suggested.
rc=0
"$q" quiz "$deck" --tags nosuchtag < /dev/null > "$w/out" 2> "$w/err" || rc=$?
[ "$rc" -eq 1 ] || fail "no match: exit $rc"
grep -q 'no card can be asked in a quiz (no card has these tags)' "$w/err" ||
	fail "no match: $(cat "$w/err")"
# Only a basic card matches: --self-grade is suggested.
cat > "$w/basic.yaml" <<'YAML'
deck: basic-only
title: Basic only
cards:
  - id: one
    type: basic
    q: One?
    a: "Yes"
YAML
rc=0
"$q" quiz "$w/basic.yaml" < /dev/null > "$w/out" 2> "$w/err" || rc=$?
[ "$rc" -eq 1 ] || fail "basic only: exit $rc"
grep -q 'only basic cards match: try --self-grade' "$w/err" || fail "basic only: $(cat "$w/err")"
# --record-reviews on a disk that fills up between the result and the
# reviews (a file-size limit of 1024 bytes; the long name puts the result
# line just under it): the result is saved and the output says so; the
# error is only about the reviews.
name=$(awk 'BEGIN { for (i = 0; i < 665; i++) printf "n" }')
rc=0
printf 'f\nMozilla\n' | QUIZDECK_DATA="$w/full" bash -c 'ulimit -f 1; exec "$@"' sh \
	"$q" quiz "$deck" --seed 3 -n 2 --name "$name" --record-reviews > "$w/out" 2> "$w/err" || rc=$?
[ "$rc" -eq 74 ] || fail "full: exit $rc"
grep -q '^Saved as quiz 1772442000000-3\.$' "$w/out" || fail "full: not said saved: $(tail -2 "$w/out")"
grep -q 'the answers were NOT recorded as reviews' "$w/err" || fail "full: $(cat "$w/err")"
! grep -q 'result was NOT saved' "$w/err" || fail "full: claims the result was not saved"
QUIZDECK_DATA="$w/full" "$q" results --csv 2> /dev/null | grep -q ',1772442000000-3,' ||
	fail "full: the result is not in the log"
# A question that times out before any input has arrived (the sanitizer
# build checks the empty read buffer is not copied from).
rc=0
(sleep 2) | QUIZDECK_DATA="$w/slow" "$q" quiz "$deck" --seed 3 -n 1 --per-question 1 \
	> "$w/out" 2> "$w/err" || rc=$?
[ "$rc" -eq 0 ] || fail "slow: exit $rc: $(cat "$w/err")"
[ ! -s "$w/err" ] || fail "slow: $(cat "$w/err")"
grep -q 'time is up' "$w/out" || fail "slow: no timeout"
finish

#!/bin/sh
# quizdeck results --export FILE: what a learner hands in. The file is a
# review log holding the quiz results results would list (the same logs and
# filters) and nothing of the study history; results reads it back to the
# same report; a result is exported once however many logs hold it; with
# nothing to export nothing is written.
#
# usage: results-export.sh QUIZDECK SRC WORKDIR
set -u
. "${0%/*}/lib.sh"
q=$1 src=$2
deck=$src/tests/e2e/decks/quiz.yaml
qd_env "$3"
w=$WORK
export QUIZDECK_NOW=2026-03-02T09:00:00Z

# Ann studies (her reviews are her own business) and takes two quizzes:
# one recording its answers as reviews, then one of another deck.
printf '\n\n\n' | "$q" study "$deck" --new 3 > /dev/null 2>&1 || fail "study failed"
printf 'f\nMozilla\ncargo\n42\n' | "$q" quiz "$deck" --seed 3 -n 4 --name Ann --record-reviews \
	> /dev/null 2>&1 || fail "first quiz failed"
sed 's/^deck: quiz-test/deck: other-deck/' "$deck" > "$w/other.yaml"
printf 'f\nMozilla\ncargo\n41\n' | QUIZDECK_NOW=2026-03-02T10:00:00Z \
	"$q" quiz "$w/other.yaml" --seed 3 -n 4 --name Ann > /dev/null 2>&1 || fail "second quiz failed"
log=$QUIZDECK_DATA/reviews.log
grep -q '^review	' "$log" || fail "the log should hold reviews"

# All her results: only quiz lines, read back to the same JSON.
out=$("$q" results --export "$w/ann.log" 2>&1)
[ $? = 0 ] || fail "export failed: $out"
[ "$out" = "Exported 2 quiz results to $w/ann.log: hand in this file." ] || fail_later "message: $out"
[ "$(sed -n 1p "$w/ann.log")" = "quizdeck-log 1" ] || fail_later "no log header"
others=$(sed 1d "$w/ann.log" | cut -f1 | grep -v -e '^qa$' -e '^quiz$' | sort -u)
[ -z "$others" ] || fail_later "the export holds other records: $others"
[ "$(grep -c '^quiz	' "$w/ann.log")" = 2 ] || fail_later "two results expected"
"$q" results --json > "$w/own.json" 2> /dev/null
"$q" results --json "$w/ann.log" > "$w/exported.json" 2> /dev/null
cmp -s "$w/own.json" "$w/exported.json" || fail_later "the export does not read back to the same results"

# Filters as for a report: one quiz's deck.
"$q" results --export "$w/one.log" --deck quiz-test > /dev/null || fail_later "export --deck failed"
[ "$(grep -c '^quiz	' "$w/one.log")" = 1 ] || fail_later "--deck: one result expected"
grep -q 'other-deck' "$w/one.log" && fail_later "--deck: the other deck's result was exported"

# Several logs: each result once.
"$q" results --export "$w/twice.log" "$w/ann.log" "$w/one.log" > /dev/null ||
	fail_later "export of two logs failed"
[ "$(grep -c '^quiz	' "$w/twice.log")" = 2 ] || fail_later "a result exported twice"

# Nothing to export: status 1, nothing written; a log that cannot be read:
# nothing written either.
"$q" results --export "$w/none.log" --name Zed > /dev/null 2> "$w/err"
[ $? = 1 ] || fail_later "nothing to export: status should be 1"
[ -e "$w/none.log" ] && fail_later "nothing to export: a file was written"
grep -q "no quiz result to export" "$w/err" || fail_later "nothing to export: $(cat "$w/err")"
"$q" results --export "$w/none.log" "$w/missing.log" > /dev/null 2>&1
[ $? = 66 ] || fail_later "a missing log: status should be 66"
[ -e "$w/none.log" ] && fail_later "a missing log: a file was written"

# An export is a log, not a report.
"$q" results --export "$w/x.log" --csv > /dev/null 2>&1
[ $? = 64 ] || fail_later "--export with --csv: status should be 64"
finish

#!/bin/sh
# quizdeck results: two students' quizzes, run for real through a pipe (each
# with its own data directory), merged into one CSV; the same log given
# twice counts once; a damaged line is a FILE:LINE warning and is skipped; a
# missing file is exit 66. Answer times depend on the machine, so the
# time columns are masked before comparing with tests/results/*.csv.
#
# usage: results-cli.sh QUIZDECK SRC WORKDIR
set -eu
. "${0%/*}/lib.sh"
q=$1 src=$2
deck=$src/tests/e2e/decks/quiz.yaml
exp=$src/tests/results
qd_env "$3"
w=$WORK

# seed 3 asks sky (false), mozilla, cargo, six-times-seven
printf 'f\nMozilla\ncargo\n41\n' |
	QUIZDECK_DATA="$w/ann" QUIZDECK_NOW=2026-03-02T09:00:00Z \
	"$q" quiz "$deck" --seed 3 -n 4 --name Ann --record-reviews > "$w/ann.out"
printf 't\nFirefox\ncargo\n42\n' |
	QUIZDECK_DATA="$w/bob" QUIZDECK_NOW=2026-03-02T09:01:00Z USER=bob \
	"$q" quiz "$deck" --seed 3 -n 4 --name 'Bob "B", Jr' > "$w/bob.out"
grep -q 'Score: 3/4 (75%)' "$w/ann.out" || fail "ann's score"
grep -q 'Score: 2/4 (50%)' "$w/bob.out" || fail "bob's score"
# --record-reviews: one review (mode quiz) per question; Bob's log has none
[ "$(grep -c '^review	.*	quiz	[yn]	' "$w/ann/reviews.log")" -eq 4 ] || fail "ann's reviews"
! grep -q '^review' "$w/bob/reviews.log" || fail "bob has reviews"

# Bob's log as it arrived by e-mail: with a damaged line at the end
cp "$w/bob/reviews.log" "$w/bob.log"
printf 'qa\t1-1\t1\tquiz-test\tsky\ty\t1\t1\tforged\t00000000\n' >> "$w/bob.log"
bad_line=$(wc -l < "$w/bob.log")

mask_rows() { sed 's/,[0-9]*$/,T/'; }
mask_questions() { awk -F, 'BEGIN { OFS = "," } NR > 1 && $8 != "" { $8 = "T" } { print }'; }

"$q" results --csv "$w/ann/reviews.log" "$w/bob.log" "$w/ann/reviews.log" \
	> "$w/rows.csv" 2> "$w/rows.err" || fail "results --csv failed"
mask_rows < "$w/rows.csv" | diff -u "$exp/two-students.csv" - || fail "rows differ"
grep -q "^$w/bob.log:$bad_line:1: warning: " "$w/rows.err" || fail "no FILE:LINE warning"
grep -q "1 duplicate result" "$w/rows.err" || fail "duplicate not reported"

"$q" results --csv --questions "$w/ann/reviews.log" "$w/bob.log" \
	> "$w/questions.csv" 2> /dev/null || fail "results --csv --questions failed"
mask_questions < "$w/questions.csv" | diff -u "$exp/two-students-questions.csv" - ||
	fail "questions differ"

# --name filters (case-insensitively); the local log (QUIZDECK_DATA) is the default
QUIZDECK_DATA="$w/ann" "$q" results --csv --name ann | mask_rows > "$w/ann.csv"
[ "$(sed -n 2p "$w/ann.csv" | cut -d, -f1)" = Ann ] || fail "--name"
[ "$(wc -l < "$w/ann.csv")" -eq 2 ] || fail "--name rows"
QUIZDECK_DATA="$w/ann" "$q" results --csv --name bob > "$w/none.csv"
[ "$(wc -l < "$w/none.csv")" -eq 1 ] || fail "--name bob should list nothing"

# plain output: sanitised, aligned; a question whose deck is not found is
# named by its id, by its text when it is (the deck of --deck FILE)
"$q" results "$w/ann/reviews.log" "$w/bob.log" > "$w/plain.txt" 2> /dev/null
grep -q '^? Ann  ' "$w/plain.txt" || fail "plain table"
grep -q '^quiz-test/six-times-seven ' "$w/plain.txt" || fail "plain question table"
"$q" results --deck "$deck" "$w/ann/reviews.log" "$w/bob.log" > "$w/plain.txt" 2> /dev/null
grep -q '^  Ann  ' "$w/plain.txt" || fail "plain table, checked"
grep -q '^What is 6 × 7?  ' "$w/plain.txt" || fail "plain question table, checked"
# JSON has both parts
"$q" results --json "$w/ann/reviews.log" "$w/bob.log" > "$w/out.json" 2> /dev/null
grep -q '"name": "Bob \\"B\\", Jr"' "$w/out.json" || fail "json name"
grep -q '"wrong_answers": \[{"answer": "41", "count": 1}\]' "$w/out.json" || fail "json wrong answers"

# a missing file: an error (66), the others still listed
rc=0
"$q" results --csv "$w/ann/reviews.log" "$w/nosuch.log" > "$w/missing.csv" 2> "$w/missing.err" || rc=$?
[ "$rc" -eq 66 ] || fail "missing file: exit $rc, not 66"
[ "$(wc -l < "$w/missing.csv")" -eq 2 ] || fail "missing file: other results not listed"
finish

#!/bin/sh
# quizdeck results does not believe a log: six students take the same quiz
# (through pipes, each with their own data directory) and four logs are
# then forged with their checksums recomputed (tests/results-resign.c), as
# the documented format allows. Each forgery is flagged inconsistent with
# its reason and left out of the class average and the question summary
# (unless --include-inconsistent); a result whose deck cannot be found is
# "not checked" and still counted.
#
# usage: results-check.sh QUIZDECK RESIGN SRC WORKDIR
set -eu
. "${0%/*}/lib.sh"
q=$1 resign=$2 src=$3
deck=$src/tests/e2e/decks/quiz.yaml
qd_env "$4"
w=$WORK

# take NAME ANSWERS [DECK [SEED]]: NAME's quiz (seed 3 asks sky, mozilla,
# cargo, six-times-seven), answered with the lines of ANSWERS, into
# $w/NAME.log
take() {
	printf "$2" | QUIZDECK_DATA="$w/$1" QUIZDECK_NOW=2026-03-02T09:00:00Z \
		"$q" quiz "${3:-$deck}" --seed "${4:-3}" -n 4 --name "$1" > "$w/$1.out" ||
		fail "$1's quiz failed"
	cp "$w/$1/reviews.log" "$w/$1.log"
}
# forge NAME AWK: rewrites NAME's log with the awk program, then its checksums
forge() {
	awk -F '\t' -v OFS='\t' "$2" "$w/$1.log" | "$resign" > "$w/$1.forged" ||
		fail "cannot forge $1's log"
	mv "$w/$1.forged" "$w/$1.log"
}

take Ann 'f\nMozilla\ncargo\n41\n'   # 3/4, honest
take Bob 't\nFirefox\ncargo\n42\n'   # 2/4, then 9/10
forge Bob '$1 == "quiz" { $10 = 9; $11 = 10 } { print }'
take Cy 'f\nMozilla\nnpm\n42\n'      # 3/4, the wrong answer's line deleted
grep -v '	cargo	n	' "$w/Cy.log" > "$w/Cy.cut" && mv "$w/Cy.cut" "$w/Cy.log"
take Dan 't\nFirefox\ncargo\n42\n'   # 2/4, Firefox turned right: 3/4
forge Dan '$5 == "mozilla" { $6 = "y"; $8 = 1 } $1 == "quiz" { $10 = 3 } { print }'
# Eve's deck has the same id and cards, but another answer: another deck
sed 's/a: Mozilla/a: Google/' "$deck" > "$w/eve-deck.yaml"
take Eve 'f\nGoogle\ncargo\n42\n' "$w/eve-deck.yaml"
grep -q 'Score: 4/4' "$w/Eve.out" || fail "Eve's own deck should give 4/4"
# Fay's deck is one the teacher does not have
sed 's/^deck: quiz-test/deck: fay-deck/' "$deck" > "$w/fay-deck.yaml"
take Fay 'f\nMozilla\ncargo\n42\n' "$w/fay-deck.yaml"
# Gus took another quiz of the class's deck (another seed), honestly: only
# its fingerprint tells
take Gus 'c\nf\ncargo\nMozilla\n' "$deck" 4
grep -q 'Score: 4/4' "$w/Gus.out" || fail "Gus's quiz should give 4/4"

logs="$w/Ann.log $w/Bob.log $w/Cy.log $w/Dan.log $w/Eve.log $w/Fay.log $w/Gus.log"
# The teacher has the quiz's deck among their decks.
mkdir -p "$XDG_DATA_HOME/quizdeck/decks"
cp "$deck" "$XDG_DATA_HOME/quizdeck/decks/"

# The plain report: marks, reasons, the class average of Ann (75%) only:
# Fay and Gus took other quizzes (their fingerprints differ from the
# class's).
"$q" results $logs > "$w/plain.txt" 2> "$w/plain.err" ||
	fail "results failed: $(cat "$w/plain.err")"
expect_line() { grep -qF -- "$1" "$w/plain.txt" || fail_later "plain: no line with '$1'"; }
expect_line '7 results, 1 counted: average 75%; 6 inconsistent (!)'
for who in Bob Cy Dan Eve Fay Gus; do
	grep -q "^! $who " "$w/plain.txt" || fail_later "$who is not marked inconsistent"
done
grep -q '^  Ann ' "$w/plain.txt" || fail_later "Ann is marked"
tr -s ' \n' '  ' < "$w/plain.txt" > "$w/plain.flat"
expect_flat() { grep -qF -- "$1" "$w/plain.flat" || fail_later "plain: no '$1'"; }
expect_flat '! Bob (quiz 1772442000000-3): inconsistent: the score is 9, the answers give 2'
expect_flat '! Cy (quiz 1772442000000-3): inconsistent: the result lists 4 questions, the log holds 3'
expect_flat "! Dan (quiz 1772442000000-3): inconsistent: question 2 (mozilla): 'Firefox' recorded as right, but it is wrong"
expect_flat "! Eve (quiz 1772442000000-3): inconsistent: question 2 (mozilla): 'Google' recorded as right, but it is wrong"
expect_flat "! Fay (quiz 1772442000000-3): inconsistent: deck 'fay-deck' not found: answers not graded again; another quiz was taken: fingerprint "
expect_flat "! Gus (quiz 1772442000000-4): inconsistent: another quiz was taken: fingerprint "
class=$(sed -n 's/^Fingerprint \([0-9a-f]*\):.*/\1/p' "$w/Ann.out")
[ -n "$class" ] || fail "no fingerprint on Ann's end screen"
expect_flat "the class's is $class"
# the question summary counts Ann only (Fay's questions are another deck's)
grep -q '^Which organisation created Rust? *1/1 ' "$w/plain.txt" ||
	fail_later "the questions count an inconsistent result"

# CSV keeps its columns; the inconsistent results are named on stderr
"$q" results --csv $logs > "$w/rows.csv" 2> "$w/rows.err" || fail "results --csv"
sed -n 1p "$w/rows.csv" | grep -qx 'name,quiz_id,started,decks,seed,score,max_score,percent,questions,correct,time_used_ms' ||
	fail_later "CSV header changed"
[ "$(wc -l < "$w/rows.csv")" -eq 8 ] || fail_later "CSV should list all seven results"
[ "$(grep -c 'is inconsistent, not counted' "$w/rows.err")" -eq 6 ] ||
	fail_later "CSV: six inconsistent results should be named on stderr"
"$q" results --csv --questions $logs > "$w/questions.csv" 2> /dev/null
grep -q '^quiz-test,mozilla,1,1,0,0,100.0,' "$w/questions.csv" ||
	fail_later "CSV questions count an inconsistent result"

# JSON: the check, its reasons, the recomputed score and the class
"$q" results --json $logs > "$w/out.json" 2> /dev/null
grep -q '"class": {"counted": 1, "inconsistent": 6, "unchecked": 0, "mean_percent": 75, "fingerprint": "'"$class" "$w/out.json" ||
	fail_later "JSON class figures"
[ "$(grep -c '"fingerprint": "'"$class" "$w/out.json")" -eq 5 ] ||
	fail_later "JSON: the class's fingerprint should be on Ann, Bob, Cy, Dan and the class"
grep -q '"score": 9, "max_score": 10, .*"check": "inconsistent", "reasons": "the score is 9, the answers give 2", "rescored": 2, "counted": false' "$w/out.json" ||
	fail_later "JSON: Bob's check"

# --include-inconsistent counts them all: 75, 90, 75, 75, 100, 100, 100
"$q" results --include-inconsistent $logs > "$w/all.txt" 2> /dev/null
grep -qF '7 results, all counted: average 88%; 6 inconsistent (!)' "$w/all.txt" ||
	fail_later "--include-inconsistent: $(sed -n 1p "$w/all.txt")"

# --deck with a file: the results of that deck only, checked against it
rm "$XDG_DATA_HOME/quizdeck/decks/quiz.yaml"
"$q" results --deck "$deck" $logs > "$w/file.txt" 2> /dev/null
grep -qF '6 results, 1 counted: average 75%; 5 inconsistent (!)' "$w/file.txt" ||
	fail_later "--deck FILE: $(sed -n 1p "$w/file.txt")"

# Without the deck, quiz-test is not found: nothing can be graded, but the
# score and the question count are still checked.
"$q" results $logs > "$w/nodeck.txt" 2> /dev/null
grep -q '^! Bob ' "$w/nodeck.txt" || fail_later "no deck: Bob's score not checked"
grep -q '^! Cy ' "$w/nodeck.txt" || fail_later "no deck: Cy's count not checked"
grep -q '^? Ann ' "$w/nodeck.txt" || fail_later "no deck: Ann should be unchecked"
finish

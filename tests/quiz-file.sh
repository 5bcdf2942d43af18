#!/bin/sh
# Quiz files and the class workflow, through pipes:
# - two students on two machines (data and XDG directories of their own),
#   one with a deck of their own installed, run the same quiz file from
#   different directories and locales: the same questions in the same order
#   and the same fingerprint;
# - a quiz run from options prints the command line that reproduces it, and
#   running that line gives the same quiz;
# - --save writes a quiz file that `check` accepts and that gives the same
#   quiz; options that would change a quiz file's quiz are refused;
# - changing one card's answer changes the fingerprint, not the draw.
#
# usage: quiz-file.sh QUIZDECK WORKDIR
set -eu
. "${0%/*}/lib.sh"
q=$1
qd_env "$2"
w=$WORK
export QUIZDECK_NOW=2026-03-02T09:00:00Z

# A deck of typed cards (any line answers one), written to $1 with id $2.
typed_deck() {
	{
		printf 'deck: %s\ntitle: Deck %s\ncards:\n' "$2" "$2"
		for i in 1 2 3 4 5 6 7 8; do
			printf '  - id: card-%s\n    type: typed\n    q: Question %s of %s?\n' "$i" "$i" "$2"
			printf '    a: answer-%s\n    tags: [%s]\n' "$i" "$([ $((i % 2)) = 0 ] && echo even || echo odd)"
		done
	} > "$1"
}

# The questions a student's log recorded, "DECK/CARD" a line, in order.
asked() {
	awk -F '\t' '$1 == "qa" { print $4 "/" $5 }' "$1/reviews.log"
}
# The fingerprint of the last result in a log.
fingerprint() {
	awk -F '\t' '$1 == "quiz" { f = $12 } END { print f }' "$1/reviews.log"
}
# Answers enough for any of these quizzes.
answers() {
	for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16; do echo x; done
}

# The teacher's material: a quiz file naming a deck beside it and holding
# one embedded deck.
mkdir -p "$w/class/decks"
typed_deck "$w/class/decks/week3.yaml" week3
cat > "$w/class/exam.yaml" <<'YAML'
quiz:
  title: Week 3
  class: 4B
  decks:
    - decks/week3.yaml
    - deck: extra-facts
      title: Extra facts
      cards:
        - id: fact-1
          type: typed
          q: First fact?
          a: one
        - id: fact-2
          type: typed
          q: Second fact?
          a: two
  questions: 6
  seed: 4242
YAML
"$q" check "$w/class/exam.yaml" > "$w/check.out" 2>&1 || fail "check: $(cat "$w/check.out")"

# Student A: their own machine, in the class directory.
mkdir -p "$w/a/data" "$w/a/xdg"
(cd "$w/class" && answers | QUIZDECK_DATA="$w/a/data" XDG_DATA_HOME="$w/a/xdg" \
	"$q" quiz exam.yaml --name Ann > "$w/a/out" 2> "$w/a/err") || fail "student a: $(cat "$w/a/err")"
# Student B: another machine with a deck of their own installed (its ids sort
# before the class's, and it has the same tags), elsewhere, in another locale.
mkdir -p "$w/b/data" "$w/b/xdg/quizdeck/decks" "$w/b/cwd"
typed_deck "$w/b/xdg/quizdeck/decks/aaa-mine.yaml" aaa-mine
(cd "$w/b/cwd" && answers | LC_ALL=C QUIZDECK_DATA="$w/b/data" XDG_DATA_HOME="$w/b/xdg" \
	"$q" quiz ../../class/exam.yaml --name Bob > "$w/b/out" 2> "$w/b/err") ||
	fail "student b: $(cat "$w/b/err")"
asked "$w/a/data" > "$w/a/asked"
asked "$w/b/data" > "$w/b/asked"
[ "$(wc -l < "$w/a/asked")" -eq 6 ] || fail "student a was asked $(wc -l < "$w/a/asked") questions"
if ! diff -u "$w/a/asked" "$w/b/asked"; then
	fail "the two students were asked different questions (- Ann, + Bob)"
fi
! grep -q aaa-mine "$w/b/asked" || fail "student b's own deck took part in the quiz"
fa=$(fingerprint "$w/a/data") fb=$(fingerprint "$w/b/data")
printf '%s\n' "$fa" | grep -Eq '^[0-9a-f]{64}$' || fail "no fingerprint recorded: '$fa'"
[ "$fa" = "$fb" ] || fail "fingerprints differ: $fa $fb"
grep -q "^Fingerprint $(printf %.12s "$fa"): " "$w/a/out" || fail "end screen: no fingerprint"
grep -q '^Week 3 · 4B$' "$w/a/out" || fail "header: no title and class: $(head -3 "$w/a/out")"
grep -q '^seed 4242 · quiz file exam.yaml$' "$w/a/out" || fail "header: $(head -3 "$w/a/out")"
# Before quiz files, the seed alone did not make the same quiz: the same
# options over each student's own decks differ (the reason for all this).
answers | QUIZDECK_DATA="$w/a/data2" XDG_DATA_HOME="$w/a/xdg" \
	"$q" quiz "$w/class/decks/week3.yaml" -n 6 --seed 4242 > /dev/null 2>&1 || fail "options run"
answers | QUIZDECK_DATA="$w/b/data2" XDG_DATA_HOME="$w/b/xdg" \
	"$q" quiz -n 6 --seed 4242 > /dev/null 2>&1 || fail "default decks run"
[ "$(asked "$w/a/data2")" != "$(asked "$w/b/data2")" ] ||
	fail "the default deck set gave the same quiz: this test shows nothing"

# A card's answer changes: the same questions, another fingerprint.
cp -R "$w/class" "$w/class2"
sed -i 's/answer-1$/answer-one/' "$w/class2/decks/week3.yaml"
grep -q 'answer-one' "$w/class2/decks/week3.yaml" || fail "sed did not change the deck"
(cd "$w/class2" && sed -i 's/questions: 6/questions: 10/' exam.yaml &&
	answers | QUIZDECK_DATA="$w/c/data" "$q" quiz exam.yaml > /dev/null 2> "$w/c.err") ||
	fail "changed deck: $(cat "$w/c.err")"
(cd "$w/class" && sed 's/questions: 6/questions: 10/' exam.yaml > exam10.yaml &&
	answers | QUIZDECK_DATA="$w/d/data" "$q" quiz exam10.yaml > /dev/null 2> "$w/d.err") ||
	fail "ten questions: $(cat "$w/d.err")"
[ "$(asked "$w/c/data")" = "$(asked "$w/d/data")" ] || fail "an answer changed the draw"
asked "$w/c/data" | grep -q '^week3/card-1$' || fail "card-1 was not drawn"
[ "$(fingerprint "$w/c/data")" != "$(fingerprint "$w/d/data")" ] ||
	fail "a changed answer kept the fingerprint"

# A quiz run from options prints the command that reproduces it, with every
# deck (a path with a space and a quote in it, quoted for the shell).
mkdir -p "$w/opt"
typed_deck "$w/opt/Ann's deck.yaml" anns
typed_deck "$w/opt/second.yaml" second
(cd "$w/opt" && answers | QUIZDECK_DATA="$w/opt/data1" "$q" quiz "Ann's deck.yaml" second.yaml \
	-n 5 --per-question 60 --time 600 --tags even,odd --seed 77 > "$w/opt/out1" 2> "$w/opt/err1") ||
	fail "options: $(cat "$w/opt/err1")"
cmd=$(sed -n 's/^  quizdeck quiz /quiz /p' "$w/opt/out1")
[ "$cmd" = "quiz 'Ann'\\''s deck.yaml' second.yaml -n 5 --time 600 --per-question 60 --tags even,odd --seed 77" ] ||
	fail "reproduce line: '$cmd' in $(head -4 "$w/opt/out1")"
! grep -q 'give the class' "$w/opt/out1" || fail "the old seed hint is still printed"
(cd "$w/opt" && answers | eval "QUIZDECK_DATA=\"\$w/opt/data2\" \"\$q\" $cmd" > "$w/opt/out2" 2>&1) ||
	fail "reproduced: $(cat "$w/opt/out2")"
[ "$(asked "$w/opt/data1")" = "$(asked "$w/opt/data2")" ] || fail "the printed command gave another quiz"
[ "$(fingerprint "$w/opt/data1")" = "$(fingerprint "$w/opt/data2")" ] ||
	fail "the printed command gave another fingerprint"

# --save writes the quiz file for the options instead of running them (no
# log is written); check accepts it; it runs the same quiz, from anywhere.
mkdir -p "$w/opt/out"
(cd "$w/opt" && QUIZDECK_DATA="$w/opt/data3" "$q" quiz "Ann's deck.yaml" second.yaml -n 5 \
	--per-question 60 --time 600 --tags even,odd --seed 77 --save out/exam.yaml \
	< /dev/null > "$w/opt/save.out" 2> "$w/opt/save.err") || fail "--save: $(cat "$w/opt/save.err")"
[ ! -e "$w/opt/data3/reviews.log" ] || fail "--save ran the quiz"
grep -q "^  quizdeck quiz out/exam.yaml$" "$w/opt/save.out" || fail "--save: $(cat "$w/opt/save.out")"
grep -q "\.\./Ann's deck.yaml" "$w/opt/out/exam.yaml" || fail "saved paths: $(cat "$w/opt/out/exam.yaml")"
"$q" check "$w/opt/out/exam.yaml" > "$w/opt/check" 2>&1 || fail "check of the saved file: $(cat "$w/opt/check")"
answers | QUIZDECK_DATA="$w/opt/data4" "$q" quiz "$w/opt/out/exam.yaml" > "$w/opt/out4" 2>&1 ||
	fail "saved quiz: $(cat "$w/opt/out4")"
[ "$(asked "$w/opt/data1")" = "$(asked "$w/opt/data4")" ] || fail "the saved quiz is another quiz"
[ "$(fingerprint "$w/opt/data1")" = "$(fingerprint "$w/opt/data4")" ] ||
	fail "the saved quiz has another fingerprint"

# --save into a directory that does not exist: 73, with its reason.
rc=0
(cd "$w/opt" && "$q" quiz second.yaml --seed 1 --save no/such/dir/exam.yaml < /dev/null \
	> /dev/null 2> "$w/err") || rc=$?
[ "$rc" -eq 73 ] || fail_later "--save into a missing directory: exit $rc"
grep -q "cannot write a quiz file in 'no/such/dir': No such file or directory" "$w/err" ||
	fail_later "--save into a missing directory: $(cat "$w/err")"

# Beside a quiz file, options that would change its quiz are usage errors;
# --name and --record-reviews are the student's own.
for opt in "-n 3" "--seed 1" "--time 60" "--per-question 9" "--tags odd" "--self-grade" \
	"--save $w/x.yaml"; do
	rc=0
	# $opt unquoted: split into the option and its value on purpose.
	"$q" quiz "$w/class/exam.yaml" $opt < /dev/null > /dev/null 2> "$w/err" || rc=$?
	[ "$rc" -eq 64 ] || fail_later "$opt with a quiz file: exit $rc"
	grep -q "cannot be given with a quiz file" "$w/err" || fail_later "$opt: $(cat "$w/err")"
done
rc=0
"$q" quiz "$w/class/exam.yaml" "$w/class/decks/week3.yaml" < /dev/null > /dev/null 2> "$w/err" || rc=$?
[ "$rc" -eq 64 ] || fail_later "a quiz file and a deck: exit $rc"
answers | QUIZDECK_DATA="$w/e/data" "$q" quiz "$w/class/exam.yaml" --name Eve --record-reviews \
	> /dev/null 2> "$w/err" || fail_later "--name with a quiz file: $(cat "$w/err")"
grep -q "	Eve	" "$w/e/data/reviews.log" || fail_later "--name was not recorded"
# A quiz file with errors does not run.
printf 'quiz:\n  decks: [nope.yaml]\n  seed: 1\n' > "$w/bad.yaml"
rc=0
"$q" quiz "$w/bad.yaml" < /dev/null > "$w/out" 2> "$w/err" || rc=$?
[ "$rc" -eq 66 ] || fail_later "a quiz file naming a missing deck: exit $rc"
grep -q "bad.yaml:2:11: error: deck 'nope.yaml': cannot open" "$w/err" || fail_later "$(cat "$w/err")"
finish

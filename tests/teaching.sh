#!/bin/sh
# The class workflow of docs/teaching.md, run on its example files
# (docs/examples/teaching): the draft deck fails `check` with the error the
# page shows, the page's edits turn it into the finished deck, which passes
# `check --strict`, as does the quiz file; a class of five takes the quiz
# (their home directories their own, one with a deck of his own installed),
# hands in `results --export` files, one of them edited; the teacher's
# `results` reads them. The output blocks of the page are compared with the
# real output (times masked, `...` lines standing for lines left out), so
# the page cannot drift from what quizdeck does.
#
# usage: teaching.sh QUIZDECK RESIGN SRC WORKDIR
set -u
. "${0%/*}/lib.sh"
q=$1 resign=$2 src=$3
qd_env "$4"
w=$WORK
ex=$src/docs/examples/teaching
doc=$src/docs/teaching.md
export NO_COLOR=1 TZ=Europe/Paris
[ -f /usr/share/zoneinfo/Europe/Paris ] || export TZ=CET-1CEST,M3.5.0,M10.5.0/3

# doc_block N CMD: the lines shown after the Nth line "$ CMD" of the page,
# up to the next "$ " line or the end of the block.
doc_block() {
	awk -v n="$1" -v cmd="\$ $2" '
		on && (/^\$ / || /^ *```/) { exit }
		on { print }
		$0 == cmd && ++seen == n { on = 1 }' "$doc"
}
# mask: the figures that depend on the machine's speed (time used, median
# times, a question's seconds).
mask() {
	sed -E -e 's/ [0-9]+:[0-9]{2}  ([0-9]{4}-)/ T  \1/' -e 's/[0-9]+\.[0-9] s( |$)/T s\1/g'
}
# same_as_doc N CMD FILE: FILE is what the page shows after "$ CMD" (the
# Nth time): the same lines, or, where the page cuts the output with
# "...", its lines in the same order among the real ones.
same_as_doc() {
	doc_block "$1" "$2" | mask > "$w/doc.txt"
	mask < "$3" > "$w/real.txt"
	[ -s "$w/doc.txt" ] || [ ! -s "$w/real.txt" ] || {
		fail_later "'$2' (#$1): the page shows nothing, quizdeck printed: $(cat "$3")"
		return
	}
	if grep -qx '\.\.\.' "$w/doc.txt"; then
		awk 'NR == FNR { if ($0 != "...") want[++n] = $0; next }
		     i < n && $0 == want[i + 1] { i++ }
		     END { if (i < n) { print "missing: " want[i + 1]; exit 1 } }' \
			"$w/doc.txt" "$w/real.txt" > "$w/diff.txt" ||
			fail_later "'$2' (#$1) differs from the page: $(cat "$w/diff.txt"); quizdeck printed:
$(cat "$3")"
	else
		diff "$w/doc.txt" "$w/real.txt" > "$w/diff.txt" ||
			fail_later "'$2' (#$1) differs from the page:
$(cat "$w/diff.txt")"
	fi
}
# run OUT CMD...: CMD's stdout and stderr in OUT, its status in $status.
run() {
	out=$1
	shift
	"$@" > "$out" 2>&1
	status=$?
}

# 1. The draft: a YAML mistake, shown with its line and caret.
mkdir -p "$w/teacher"
cd "$w/teacher" || fail "cd"
cp "$ex/draft/solar-system.yaml" solar-system.yaml
run "$w/check1" "$q" check solar-system.yaml
[ "$status" = 65 ] || fail_later "check of the draft: status $status, not 65"
[ "$(sed -n 1p "$w/check1")" = "solar-system.yaml:36:26: error: ': ' cannot be inside unquoted text: quote the text, as in q: \"Mars has two moons: Phobos and which other?\"" ] ||
	fail_later "check of the draft: $(sed -n 1p "$w/check1")"
same_as_doc 1 'quizdeck check solar-system.yaml' "$w/check1"

# The page's fix: quote the question.
sed 's/^    q: Mars has two moons: Phobos and which other?$/    q: "Mars has two moons: Phobos and which other?"/' \
	solar-system.yaml > fixed.yaml && mv fixed.yaml solar-system.yaml
run "$w/check2" "$q" check solar-system.yaml
[ "$status" = 0 ] || fail_later "check after the first fix: status $status, not 0"
same_as_doc 2 'quizdeck check solar-system.yaml' "$w/check2"

# 2. --strict: the smells are errors.
run "$w/strict1" "$q" check --strict solar-system.yaml
[ "$status" = 65 ] || fail_later "check --strict with smells: status $status, not 65"
sed -n 1p "$w/strict1" | grep -q "^solar-system.yaml:26:8: error: card 'pluto-planet': .*\[-Werror=tf-question\]$" ||
	fail_later "check --strict: $(sed -n 1p "$w/strict1")"
same_as_doc 1 'quizdeck check --strict solar-system.yaml' "$w/strict1"

# The page's edit gives the finished deck.
sed -e 's/^    q: Is Pluto one of the eight planets?$/    q: Pluto is one of the eight planets./' \
	solar-system.yaml > fixed.yaml && mv fixed.yaml solar-system.yaml
cmp -s solar-system.yaml "$ex/solar-system.yaml" ||
	fail_later "the page's edits of the draft do not give examples/teaching/solar-system.yaml"
run "$w/strict2" "$q" check --strict solar-system.yaml
[ "$status" = 0 ] || fail_later "check --strict of the deck: status $status: $(cat "$w/strict2")"
same_as_doc 2 'quizdeck check --strict solar-system.yaml' "$w/strict2"

# 3. The quiz file.
cp "$ex/solar-system.yaml" "$ex/exam.yaml" .
run "$w/strict3" "$q" check --strict exam.yaml
[ "$status" = 0 ] || fail_later "check --strict exam.yaml: status $status: $(cat "$w/strict3")"
same_as_doc 1 'quizdeck check --strict exam.yaml' "$w/strict3"
QUIZDECK_NOW=2026-03-01T17:00:00Z "$q" quiz solar-system.yaml -n 6 --per-question 30 --time 240 \
	--seed 7 < /dev/null > "$w/options" 2>&1
same_as_doc 1 'quizdeck quiz solar-system.yaml -n 6 --per-question 30 --time 240 --seed 7' "$w/options"
mkdir -p "$w/saved" && cp solar-system.yaml "$w/saved/"
(cd "$w/saved" && "$q" quiz solar-system.yaml -n 6 --per-question 30 --time 240 --seed 7 \
	--save exam.yaml) > "$w/save" 2>&1 || fail_later "--save failed: $(cat "$w/save")"
same_as_doc 1 'quizdeck quiz solar-system.yaml -n 6 --per-question 30 --time 240 --seed 7 --save exam.yaml' "$w/save"
# --save's file draws what the hand-written one does (title and class are no part of the fingerprint).
printf '1\n' | (cd "$w/saved" && QUIZDECK_DATA=$w/saved/data "$q" quiz exam.yaml) 2>&1 |
	grep -q 'Fingerprint 227c81627511' || fail_later "--save's quiz file is another quiz"

# 5 and 6. The class, each on their own machine: their own home (the
# default data directory), the handout in ~/solar; Ben with a deck of his
# own whose id sorts first.
unset QUIZDECK_DATA XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME
student() {
	name=$1 min=$2
	shift 2
	h=$w/students/$name
	mkdir -p "$h/solar"
	cp "$ex/solar-system.yaml" "$ex/exam.yaml" "$h/solar/"
	printf '%s\n' "$@" > "$h/answers"
	(cd "$h/solar" && HOME=$h QUIZDECK_NOW=2026-03-02T09:0$min:00Z \
		"$q" quiz exam.yaml --name "$name" < "$h/answers" > "$h/quiz.out" 2>&1) ||
		fail_later "$name's quiz failed: $(cat "$h/quiz.out")"
	grep -q '^Fingerprint 227c81627511: ' "$h/quiz.out" ||
		fail_later "$name's fingerprint: $(grep Fingerprint "$h/quiz.out")"
	[ -f "$h/.local/share/quizdeck/reviews.log" ] ||
		fail_later "$name's log is not in ~/.local/share/quizdeck"
	lower=$(printf '%s' "$name" | tr A-Z a-z)
	(cd "$h" && HOME=$h "$q" results --export "7c-$lower.log" --deck solar-system) \
		> "$h/export.out" 2>&1 || fail_later "$name's export failed: $(cat "$h/export.out")"
	[ "$(cat "$h/export.out")" = "Exported 1 quiz result to 7c-$lower.log: hand in this file." ] ||
		fail_later "$name's export: $(cat "$h/export.out")"
}
mkdir -p "$w/students/Ben/.local/share/quizdeck/decks"
cat > "$w/students/Ben/.local/share/quizdeck/decks/planets.yaml" <<'YAML'
deck: aaa-planets
title: Ben's own planets deck
cards:
  - id: ringed
    type: typed
    q: Which planet has the brightest rings?
    a: Saturn
YAML
student Ann 0 "1 5" Deimos f c star a
student Ben 1 "1 5" Phobos f c star b
student Chloe 2 "1" Deimos f c star a
student Dan 3 "a e" Diemos t Mars "a star" "8 hours"
student Eve 4 "1" Phobos t c planet a

# What Ann sees (the page's screen, from a terminal, less the countdown).
grep -q '^Score: 6/6 (100%) · 6 of 6 correct · time ' "$w/students/Ann/quiz.out" ||
	fail_later "Ann's score: $(grep Score "$w/students/Ann/quiz.out")"
grep -q '^Saved as quiz 1772442000000-7\.$' "$w/students/Ann/quiz.out" ||
	fail_later "Ann's quiz id: $(grep Saved "$w/students/Ann/quiz.out")"
# The same questions in the same order for everyone, Ben's own deck or not.
asked() {
	awk -F '\t' '$1 == "qa" { print $4 "/" $5 }' "$w/students/$1/.local/share/quizdeck/reviews.log"
}
asked Ann > "$w/asked-ann"
[ "$(wc -l < "$w/asked-ann")" = 6 ] || fail_later "Ann was asked $(wc -l < "$w/asked-ann") questions"
for s in Ben Chloe Dan Eve; do
	asked $s | cmp -s - "$w/asked-ann" || fail_later "$s was asked other questions than Ann"
done
# The export holds the result and nothing else.
exp=$w/students/Ann/7c-ann.log
[ "$(sed 1d "$exp" | cut -f1 | sort | uniq -c | tr -s ' ')" = " 6 qa
 1 quiz" ] || fail_later "Ann's export: $(cat "$exp")"
# As the page shows it: checksums and the fingerprint cut, the times (which
# depend on the machine) as they were.
awk -F '\t' -v OFS='\t' '$1 == "qa" { $7 = 0 } $1 == "quiz" { $8 = 0 } { print }' "$exp" |
	sed -E 's/	[0-9a-f]{8}$/	.../; s/	[0-9a-f]{64}	/	227c8162...	/' > "$w/export-shown"
same_as_doc 1 'cat 7c-ann.log' "$w/export-shown"

# Eve raises her score from 2 to 5 and makes the line's checksum right.
mkdir -p "$w/teacher/class"
for s in ann ben chloe dan eve; do
	cp "$w/students/"*"/7c-$s.log" "$w/teacher/class/"
done
awk -F '\t' -v OFS='\t' '$1 == "quiz" { $10 = 5 } { print }' "$w/students/Eve/7c-eve.log" |
	"$resign" > "$w/teacher/class/7c-eve.log" || fail "the forgery failed"

# 7. The teacher's reports.
cd "$w/teacher" || fail "cd"
mkdir -p "$w/teacher/home"
export HOME=$w/teacher/home
run "$w/results" "$q" results --deck solar-system.yaml class/7c-ann.log class/7c-ben.log \
	class/7c-chloe.log class/7c-dan.log class/7c-eve.log
[ "$status" = 0 ] || fail_later "results: status $status"
[ "$(sed -n 1p "$w/results")" = "5 results, 4 counted: average 75%; 1 inconsistent (!)" ] ||
	fail_later "results' headline: $(sed -n 1p "$w/results")"
grep -q '^! Eve (quiz 1772442240000-7): inconsistent: the score is 5, the answers give$' "$w/results" ||
	fail_later "Eve's result is not flagged"
same_as_doc 1 'quizdeck results --deck solar-system.yaml class/*.log' "$w/results"
run "$w/results-nodeck" "$q" results class/7c-ann.log class/7c-ben.log class/7c-chloe.log \
	class/7c-dan.log class/7c-eve.log
[ "$(sed -n 1p "$w/results-nodeck")" = "5 results, 4 counted: average 75%; 1 inconsistent (!), 4 not checked (?)" ] ||
	fail_later "results without the deck: $(sed -n 1p "$w/results-nodeck")"
same_as_doc 1 'quizdeck results class/*.log' "$w/results-nodeck"
"$q" results --deck solar-system.yaml --csv --grid class/7c-ann.log class/7c-ben.log \
	class/7c-chloe.log class/7c-dan.log class/7c-eve.log > 7c.csv 2> "$w/csv.err" ||
	fail_later "results --csv --grid failed"
same_as_doc 1 'quizdeck results --deck solar-system.yaml --csv --grid class/*.log > 7c.csv' "$w/csv.err"
same_as_doc 1 'cat 7c.csv' 7c.csv

# Eve's second try: Phobos turned right, the score to match.
awk -F '\t' -v OFS='\t' '$1 == "qa" && $5 == "moons-of-mars" { $6 = "y"; $8 = 1 }
	$1 == "quiz" { $10 = 3 } { print }' "$w/students/Eve/7c-eve.log" | "$resign" > "$w/eve2.log"
"$q" results --deck solar-system.yaml "$w/eve2.log" > "$w/eve2.out" 2>&1
awk '/^  ```$/ { on = !on; next } on { sub(/^  /, ""); print }' "$doc" > "$w/eve2.doc"
grep -q "'Phobos' recorded as right, but it is wrong" "$w/eve2.doc" ||
	fail_later "the page no longer shows Eve's second try"
sed -n '/^! Eve (quiz/,$p' "$w/eve2.out" | sed '/^$/,$d' > "$w/eve2.real"
diff "$w/eve2.doc" "$w/eve2.real" > "$w/diff.txt" ||
	fail_later "Eve's second try differs from the page:
$(cat "$w/diff.txt")"

finish

#!/bin/sh
# `quizdeck cards` as a browser: the question column cut to the width, and
# the filters --grep, --state, --due[=DATE] and --tags, each in the table and
# in --json (which keeps its first keys and adds type and question), on
# tests/browse/browse.yaml with the reviews of tests/browse/rev.csv:
# paris in review (due 2026-11-03), tokyo in learning (due 2026-11-24
# 09:01), rome in relearning (due 2026-11-18 11:16:40), cafe and lima new.
# usage: cards-browse.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
deck=$src/tests/browse/browse.yaml
qd_env
export QUIZDECK_NOW=2026-11-24T09:30:00Z
"$bin" import-reviews "$src/tests/browse/rev.csv" > /dev/null || fail "import-reviews failed"

# ids ARGS...: the ids `cards DECK ARGS` lists in its table, then in its
# JSON, as two space-separated lists joined by " | ".
ids() {
	"$bin" cards "$deck" "$@" > "$WORK/table" 2> "$WORK/err" || { cat "$WORK/err"; fail_later "cards $*: status $?"; }
	"$bin" cards "$deck" --json "$@" > "$WORK/json" 2> "$WORK/err" || { cat "$WORK/err"; fail_later "cards --json $*: status $?"; }
	t=$(awk 'NR > 1 { printf "%s%s", sep, $2; sep = " " }' "$WORK/table")
	j=$(grep -o '"id":"[^"]*"' "$WORK/json" | sed 's/"id":"//; s/"$//' | tr '\n' ' ' | sed 's/ $//')
	echo "$t | $j"
}
# want WHAT GOT EXPECTED
want() {
	[ "$2" = "$3" ] || fail_later "$1: got '$2', expected '$3'"
}

want "no filter" "$(ids)" "paris tokyo cafe rome lima | paris tokyo cafe rome lima"

# --grep: case folded; accents folded when the text searched for has none.
want "--grep TOKYO" "$(ids --grep TOKYO)" "tokyo | tokyo"
want "--grep 'capital of'" "$(ids --grep 'CAPITAL  of')" "paris tokyo rome lima | paris tokyo rome lima"
want "--grep café" "$(ids --grep café)" "cafe | cafe"
want "--grep tōkyō" "$(ids --grep tōkyō)" "tokyo | tokyo"
want "--grep quito (a choice)" "$(ids --grep quito)" "lima | lima"
want "--grep rome (a cloze answer)" "$(ids --grep rome)" "rome | rome"
want "--grep nothing" "$(ids --grep zanzibar)" " | "
grep -q '^\[\]$' "$WORK/json" || fail_later "--grep nothing: JSON is not []: $(cat "$WORK/json")"

# --state
want "--state new" "$(ids --state new)" "cafe lima | cafe lima"
want "--state learning" "$(ids --state learning)" "tokyo | tokyo"
want "--state review" "$(ids --state review)" "paris | paris"
want "--state relearning" "$(ids --state relearning)" "rome | rome"
"$bin" cards "$deck" --state lapsed > /dev/null 2> "$WORK/err" && fail_later "--state lapsed accepted"
grep -q "^quizdeck cards: --state: 'lapsed' is not new, learning, review, relearning or suspended$" "$WORK/err" || fail_later "--state lapsed: $(cat "$WORK/err")"

# --due: now; by the end of a local day; by an instant (a review card counts
# by its day, a learning card by its time).
want "--due" "$(ids --due)" "paris tokyo rome | paris tokyo rome"
want "--due=2026-11-02" "$(ids --due=2026-11-02)" " | "
want "--due=2026-11-03" "$(ids --due=2026-11-03)" "paris | paris"
want "--due=2026-11-18T11:00:00Z" "$(ids --due=2026-11-18T11:00:00Z)" "paris | paris"
want "--due=2026-11-18T11:20:00Z" "$(ids --due=2026-11-18T11:20:00Z)" "paris rome | paris rome"
want "--due with --state" "$(ids --due --state learning)" "tokyo | tokyo"
# The local day: at UTC-10 the review due 2026-11-03T09:15Z falls on 11-02 (day_start 4).
want "--due=2026-11-02 at UTC-10" "$(TZ=HST ids --due=2026-11-02)" "paris | paris"
for bad in 2026-02-30 tomorrow 2026-1-2; do
	"$bin" cards "$deck" --due="$bad" > /dev/null 2> "$WORK/err" && fail_later "--due=$bad accepted"
	grep -q "is not a date" "$WORK/err" || fail_later "--due=$bad: $(cat "$WORK/err")"
done

# --tags: a card's own tags, or its deck's.
want "--tags europe" "$(ids --tags europe)" "paris rome | paris rome"
want "--tags geo (the deck's)" "$(ids --tags geo)" "paris tokyo cafe rome lima | paris tokyo cafe rome lima"
want "--tags asia,europe --grep italy" "$(ids --tags asia,europe --grep italy)" "rome | rome"

# The question column: what is left of the 80 columns off a terminal, but at
# least 24, cut with an ellipsis (tests/e2e/cards-width.pty on a terminal);
# the JSON has the whole question, and a cloze's blanks.
"$bin" cards "$deck" > "$WORK/table"
fixed=$(head -n 1 "$WORK/table" | awk '{ print index($0, "QUESTION") - 1 }')
w=$(wc -L < "$WORK/table")
[ "$w" -le $((fixed + 24)) ] || fail_later "a row is $w columns wide: $(cat "$WORK/table")"
grep -q '^browse  cafe .* Which word means a smal…$' "$WORK/table" || fail_later "cafe's question not cut: $(cat "$WORK/table")"
grep -q '^browse  tokyo .* Capital of Japan?$' "$WORK/table" || fail_later "tokyo's question: $(cat "$WORK/table")"
"$bin" cards "$deck" --json > "$WORK/json"
grep -qF '"lapses":0,"last_review":null,"suspended":false,"buried_until":null,"type":"typed","question":"Which word means a small restaurant where one drinks coffee and reads the newspaper all morning?"}' "$WORK/json" ||
	fail_later "cafe in JSON: $(cat "$WORK/json")"
grep -qF '{"deck":"browse","id":"rome","state":"relearning","stability":' "$WORK/json" || fail_later "rome's first keys: $(cat "$WORK/json")"
grep -qF '"type":"cloze","question":"[...] is the capital of Italy."}' "$WORK/json" || fail_later "rome's question: $(cat "$WORK/json")"
finish

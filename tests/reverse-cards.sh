#!/bin/sh
# Reversed cards: a basic card with `reverse: true` and a term for its answer
# has a twin asked answer-first, `france@rev`, with a schedule of its own.
# A piped session reviews france on day one (the twin, a sibling, waits);
# `study --reverse` the next day reviews only the twin, which the log
# records as france@rev; `cards --json` shows the two with their own
# reviews and due dates, and export-reviews / import-reviews carry
# capitals/france@rev over to another log unchanged.
# usage: reverse-cards.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
deck=$src/tests/reverse/capitals.yaml
qd_env

# ids: the ids `cards --json` lists.
ids() {
	"$bin" cards --json "$deck" | grep -o '"id":"[^"]*"' | sed 's/"id":"//; s/"$//' | tr '\n' ' '
}
[ "$(ids)" = "france france@rev why " ] || fail_later "cards: $(ids)"
"$bin" cards "$deck" > "$WORK/table"
grep -q '^capitals  france@rev  new .*  Paris$' "$WORK/table" || fail_later "the twin's row: $(cat "$WORK/table")"

# Day one: france, revealed and rated good, then easy (its learning step is
# shown early, within learn_ahead); the twin waits for another day.
export QUIZDECK_NOW=2026-11-24T09:30:00Z
printf '\ngood\n\neasy\n' | "$bin" study --limit 1 "$deck" > "$WORK/day1" 2>&1 || fail "day 1: $(cat "$WORK/day1")"
grep -q 'What is the capital of France?' "$WORK/day1" || fail_later "day 1 did not ask france: $(cat "$WORK/day1")"
grep -q "Siblings of today's cards left for another day: 1" "$WORK/day1" || fail_later "day 1: the twin did not wait: $(cat "$WORK/day1")"

# Day two, --reverse: only the twin, answer first; rated easy.
export QUIZDECK_NOW=2026-11-25T09:30:00Z
printf '\neasy\n' | "$bin" study --reverse "$deck" > "$WORK/day2" 2>&1 || fail "day 2: $(cat "$WORK/day2")"
grep -q '^Paris$' "$WORK/day2" || fail_later "day 2 did not show the answer first: $(cat "$WORK/day2")"
grep -q 'What is the capital of France?' "$WORK/day2" || fail_later "day 2 did not reveal the question: $(cat "$WORK/day2")"
grep -q 'Why is Paris' "$WORK/day2" && fail_later "day 2 asked a card that is not reversed: $(cat "$WORK/day2")"
got=$(awk -F '\t' '$1 == "review" { print $4 " " $5 }' "$QUIZDECK_DATA/reviews.log" | tr '\n' ',')
[ "$got" = "france 3,france 4,france@rev 4," ] || fail_later "the log's reviews: $got"

# Two schedules: france has 2 reviews, the twin 1, each with its own due date.
"$bin" cards --json "$deck" > "$WORK/json"
grep -q '"id":"france","state":"review",.*"reps":2,"lapses":0,"last_review":"2026-11-24T09:30:00Z","suspended":false,"buried_until":null,"type":"basic","question":"What is the capital of France?"}' "$WORK/json" ||
	fail_later "france in cards --json: $(cat "$WORK/json")"
grep -q '"id":"france@rev","state":"review",.*"reps":1,"lapses":0,"last_review":"2026-11-25T09:30:00Z","suspended":false,"buried_until":null,"type":"basic","question":"Paris"}' "$WORK/json" ||
	fail_later "france@rev in cards --json: $(cat "$WORK/json")"
due1=$(grep '"id":"france"' "$WORK/json" | sed 's/.*"due":"\([^"]*\)".*/\1/')
due2=$(grep '"id":"france@rev"' "$WORK/json" | sed 's/.*"due":"\([^"]*\)".*/\1/')
[ "$due1" != "$due2" ] || fail_later "france and france@rev are due at the same time ($due1)"

# Export and import: capitals/france@rev, and the same states in a new log.
"$bin" export-reviews > "$WORK/export.csv" || fail "export-reviews failed"
grep -q '^capitals/france@rev,1795599000000,4,0,' "$WORK/export.csv" || fail_later "export: $(cat "$WORK/export.csv")"
mkdir "$WORK/other"
QUIZDECK_DATA=$WORK/other "$bin" import-reviews "$WORK/export.csv" > /dev/null || fail "import-reviews failed"
QUIZDECK_DATA=$WORK/other "$bin" cards --json "$deck" > "$WORK/json2"
cmp -s "$WORK/json" "$WORK/json2" || fail_later "the imported log gives other states: $(diff "$WORK/json" "$WORK/json2")"

# stats counts the twin as a card of the deck, not an orphan.
"$bin" stats --json "$deck" > "$WORK/stats"
grep -q '"cards":{"total":3,"new":1,"learning":0,"review":2,"relearning":0}' "$WORK/stats" || fail_later "stats: $(cat "$WORK/stats")"
grep -q '"orphan_reviews":0,"orphan_cards":0' "$WORK/stats" || fail_later "stats orphans: $(cat "$WORK/stats")"
finish

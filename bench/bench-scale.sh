#!/bin/sh
# bench-scale: whole-command times on the large inputs of tests/scale-inputs.c
# (a 1 MB deck of 200,000 choices, a deck of 64,000 aliases, a log of 40,000
# quiz results): the median wall time of RUNS runs (default 5) of each
# command (and its peak RSS; bench/lib.sh). Give it any build of quizdeck,
# an older one too, to compare.
#
# usage: bench-scale.sh QUIZDECK SCALE_INPUTS [RUNS]
set -eu
q=$1 gen=$2 runs=${3:-5}
w=$(mktemp -d "${TMPDIR:-/tmp}/bench-scale.XXXXXX")
trap 'rm -rf "$w"' EXIT
export HOME="$w" XDG_DATA_HOME="$w/xdg" XDG_STATE_HOME="$w/state" XDG_CONFIG_HOME="$w/config"
unset QUIZDECK_CONFIG QUIZDECK_DATA
"$gen" "$w"

. "${0%/*}/lib.sh"

bench "check: 1 MB deck, 200,000 choices" : "$q" check "$w/choices.yaml"
bench "check: 64,000 aliases" : "$q" check "$w/aliases.yaml"
bench "results: 40,000 results, given twice" : "$q" results --csv "$w/results.log" "$w/results.log"

# A history of 100,000 reviews: 50 of each of 2,000 cards, imported from a
# revlog CSV. `due` runs on every shell prompt; `cards` is its yardstick.
mkdir -p "$w/xdg/quizdeck/decks" "$w/data"
awk 'BEGIN { print "deck: big\ntitle: Big\ncards:"
	for (i = 0; i < 2000; i++)
		printf "  - id: c%d\n    type: basic\n    q: Term %d?\n    a: term %d\n", i, i, i }' \
	> "$w/xdg/quizdeck/decks/big.yaml"
awk 'BEGIN { srand(1); print "card_id,review_time,review_rating"
	for (k = 0; k < 50; k++) for (i = 0; i < 2000; i++)
		printf "big/c%d,%.0f,%d\n", i, 1700000000000 + k * 259200000 + i * 1000, rand() < 0.1 ? 1 : 3 }' \
	> "$w/reviews.csv"
QUIZDECK_DATA="$w/data" "$q" import-reviews "$w/reviews.csv" > /dev/null
export QUIZDECK_DATA="$w/data" QUIZDECK_NOW=2024-05-20T09:00:00Z
bench "due: 100,000 reviews of 2,000 cards" : "$q" due
bench "cards: 100,000 reviews of 2,000 cards" : "$q" cards

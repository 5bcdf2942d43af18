#!/bin/sh
# bench-log: the review log at scale, whole commands timed on a generated
# history (bench/gen-reviews.sh: CARDS cards with PER_CARD reviews each, plus
# 1% orphan cards; by default 9,901 x 100 = 1,000,000 reviews, a 67 MB log).
#
# usage: bench-log.sh QUIZDECK [RUNS] [CARDS PER_CARD]
#
# For each of the rows below it prints one line,
#   LABEL  median S s  (min S, max S, N runs)  peak RSS K KiB
# the median of RUNS (default 5) wall times and the largest peak RSS of the
# runs (from /usr/bin/time -f %M; "-" without it):
#   import: N reviews         import-reviews into an empty log (each run
#                             starts from an empty log; the CSV is read from
#                             the page cache)
#   re-import: N reviews      the same file again: all skipped as present
#   cards --json: N reviews   the deck's cards with their replayed states
#   stats --json: N reviews
#   export-reviews: N reviews
# and, when strace is installed, the write() calls of one import. Any build
# of quizdeck can be given, an older one too, to compare. It uses a
# temporary directory of its own and the usual public tools only.
set -eu
q=$1 runs=${2:-5} cards=${3:-9901} per=${4:-100}
here=$(cd "$(dirname "$0")" && pwd)
w=$(mktemp -d "${TMPDIR:-/tmp}/bench-log.XXXXXX")
trap 'rm -rf "$w"' EXIT
export HOME="$w" XDG_DATA_HOME="$w/xdg" XDG_STATE_HOME="$w/state" XDG_CONFIG_HOME="$w/config"
export QUIZDECK_DATA="$w/data" QUIZDECK_NOW=2021-01-01T09:00:00Z TZ=UTC
unset QUIZDECK_CONFIG
sh "$here/gen-reviews.sh" "$w/in" "$cards" "$per"
n=$(($(wc -l < "$w/in/reviews.csv") - 1))
mkdir -p "$w/xdg/quizdeck/decks"
cp "$w/in/big.yaml" "$w/xdg/quizdeck/decks/"
. "$here/lib.sh"

bench "import: $n reviews" "rm -rf '$w/data'" "$q" import-reviews "$w/in/reviews.csv"
bench "re-import: $n reviews" : "$q" import-reviews "$w/in/reviews.csv"
bench "cards --json: $n reviews" : "$q" cards --json
bench "stats --json: $n reviews" : "$q" stats --json
bench "export-reviews: $n reviews" : "$q" export-reviews
if command -v strace > /dev/null 2>&1; then
	rm -rf "$w/data"
	strace -f -c -e trace=write -o "$w/strace" "$q" import-reviews "$w/in/reviews.csv" > /dev/null 2>&1 || true
	awk '$NF == "write" { print "write() calls of one import: " $4 }' "$w/strace"
fi

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
timer=
[ -x /usr/bin/time ] && timer=/usr/bin/time

now() { date +%s.%N; }

# bench LABEL SETUP COMMAND...: SETUP (a shell command, or :) runs before
# each run, untimed.
bench() {
	label=$1 setup=$2
	shift 2
	: > "$w/times"
	: > "$w/rss"
	i=0
	while [ "$i" -lt "$runs" ]; do
		sh -c "$setup"
		t0=$(now)
		if [ -n "$timer" ]; then
			"$timer" -o "$w/rss1" -f %M "$@" > /dev/null 2>&1 || true
			tail -n 1 "$w/rss1" >> "$w/rss"
		else
			"$@" > /dev/null 2>&1 || true
		fi
		t1=$(now)
		echo "$t0 $t1" | awk '{ printf "%.6f\n", $2 - $1 }' >> "$w/times"
		i=$((i + 1))
	done
	rss=$(sort -n "$w/rss" | tail -n 1)
	sort -g "$w/times" | awk -v label="$label" -v n="$runs" -v rss="${rss:--}" '
		{ t[NR] = $1 }
		END {
			m = n % 2 ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
			printf "%-34s median %7.3f s  (min %.3f, max %.3f, %d runs)  peak RSS %s KiB\n",
			       label, m, t[1], t[n], n, rss
		}'
}

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

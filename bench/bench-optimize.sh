#!/bin/sh
# bench-optimize: `quizdeck optimize` on the histories of a simulated
# learner (bench/sim-reviews.c: FSRS-6 memory under known weights,
# reviewing when the scheduler says) of 20,000 and 100,000 reviews: the
# median wall time of RUNS whole runs (default 5), the log loaded, the
# weights fitted and both sets evaluated, as bench/lib.sh prints it. docs/scheduling.md compares these figures with fsrs-rs's.
#
# usage: bench-optimize.sh QUIZDECK SIM_REVIEWS [RUNS]
set -eu
q=$1 sim=$2 runs=${3:-5}
w=$(mktemp -d "${TMPDIR:-/tmp}/bench-optimize.XXXXXX")
trap 'rm -rf "$w"' EXIT
export HOME="$w" XDG_DATA_HOME="$w/xdg" XDG_STATE_HOME="$w/state" XDG_CONFIG_HOME="$w/config"
export TZ=UTC QUIZDECK_NOW=2030-01-01T00:00:00Z
unset QUIZDECK_CONFIG

. "${0%/*}/lib.sh"

for n in 20000 100000; do
	size=$(echo "$n" | sed "s/000$/,000/")
	export QUIZDECK_DATA="$w/data$n"
	"$sim" "$n" > "$w/sim$n.csv"
	"$q" import-reviews "$w/sim$n.csv" > /dev/null
	bench "optimize: $size simulated reviews" : "$q" optimize
	bench "optimize --evaluate: $size sim. reviews" : "$q" optimize --evaluate
done

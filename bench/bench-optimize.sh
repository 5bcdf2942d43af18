#!/bin/sh
# bench-optimize: `quizdeck optimize` on the histories of a simulated
# learner (bench/sim-reviews.c: FSRS-6 memory under known weights,
# reviewing when the scheduler says) of 20,000 and 100,000 reviews: the
# median wall time of RUNS whole runs (default 5), the log loaded, the
# weights fitted and both sets evaluated, in the table format of
# bench-scale.sh. docs/scheduling.md compares these figures with fsrs-rs's.
#
# usage: bench-optimize.sh QUIZDECK SIM_REVIEWS [RUNS]
set -eu
q=$1 sim=$2 runs=${3:-5}
w=$(mktemp -d "${TMPDIR:-/tmp}/bench-optimize.XXXXXX")
trap 'rm -rf "$w"' EXIT
export HOME="$w" XDG_DATA_HOME="$w/xdg" XDG_STATE_HOME="$w/state" XDG_CONFIG_HOME="$w/config"
export TZ=UTC QUIZDECK_NOW=2030-01-01T00:00:00Z
unset QUIZDECK_CONFIG

now() { date +%s.%N; }

# bench LABEL COMMAND...: prints LABEL and the median of RUNS wall times
bench() {
	label=$1
	shift
	i=0
	: > "$w/times"
	while [ "$i" -lt "$runs" ]; do
		t0=$(now)
		"$@" > /dev/null 2>&1 || true
		t1=$(now)
		echo "$t0 $t1" | awk '{ printf "%.6f\n", $2 - $1 }' >> "$w/times"
		i=$((i + 1))
	done
	sort -g "$w/times" | awk -v label="$label" -v n="$runs" '
		{ t[NR] = $1 }
		END {
			m = n % 2 ? t[(n + 1) / 2] : (t[n / 2] + t[n / 2 + 1]) / 2
			printf "%-44s median %8.3f s  (min %.3f, max %.3f, %d runs)\n", label, m, t[1], t[n], n
		}'
}

for n in 20000 100000; do
	size=$(echo "$n" | sed "s/000$/,000/")
	export QUIZDECK_DATA="$w/data$n"
	"$sim" "$n" > "$w/sim$n.csv"
	"$q" import-reviews "$w/sim$n.csv" > /dev/null
	bench "optimize: $size simulated reviews" "$q" optimize
	bench "optimize --evaluate: $size sim. reviews" "$q" optimize --evaluate
done

# Shared by the bench/*.sh scripts (sourced): median wall times of whole
# commands. The script sets w (its scratch directory) and runs (how many
# runs a row) before calling bench.

# now: seconds since the epoch with nanoseconds (GNU date)
now() { date +%s.%N; }

bench_timer=
[ -x /usr/bin/time ] && bench_timer=/usr/bin/time

# bench LABEL SETUP COMMAND...: runs COMMAND RUNS times, SETUP (a shell
# command, or :) untimed before each run, and prints LABEL, the median,
# fastest and slowest wall times and, where /usr/bin/time is, the largest
# peak RSS.
bench() {
	label=$1 setup=$2
	shift 2
	: > "$w/times"
	: > "$w/rss"
	i=0
	while [ "$i" -lt "$runs" ]; do
		sh -c "$setup"
		t0=$(now)
		if [ -n "$bench_timer" ]; then
			"$bench_timer" -o "$w/rss1" -f %M "$@" > /dev/null 2>&1 || true
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
			printf "%-44s median %7.3f s  (min %.3f, max %.3f, %d runs)  peak RSS %s KiB\n",
			       label, m, t[1], t[n], n, rss
		}'
}

#!/bin/sh
# bench-table: quizdeck at scale in one table (what `make bench` prints;
# docs/performance.md says what each row measures). It writes every input
# itself, the same bytes on every run, into a temporary directory removed
# at the end, and times each row RUNS times (default 5), printing medians:
#
#   load       decks of 1,000, 10,000 and 100,000 cards loaded and
#              validated, against the floor (a bare libyaml event parse of
#              the same file) in the same run, and the peak RSS of a process
#              that loads each (bench-load); `check` of the largest
#   scheduler  1,000,000 FSRS reviews replayed in memory (bench-sched)
#   replay     `cards --json` on logs of 100,000 and 1,000,000 reviews
#              (bench/gen-reviews.sh: 9,901 cards and 1% orphans), the
#              whole log replayed (no derived-state cache)
#   first      a study session of the bundled deck: its first question on a
#              pseudo-terminal, with 0, 100,000 and 1,000,000 reviews in the
#              log (and the cache an earlier command left), and with
#              1,000,000 and no cache; before them, `cards --json` of the
#              1,000,000-review log with the cache
#   import     `import-reviews` of 1,000,000 reviews into an empty log
#   gen        `gen` on articles of 100 KB and 1 MB (tests/article-inputs)
#   optimize   `optimize` on a simulated learner's 100,000 reviews
#              (bench/sim-reviews), when the build has that command
#
# A row whose tool is not built says so in place of its figures.
#
# usage: bench-table.sh BUILD_DIR [RUNS]
#   BUILD_DIR holds quizdeck, bench-run and the other tools (`make bench`
#   builds them); the table goes to stdout as Markdown, then the total
#   time this took.
set -eu
build=$1 runs=${2:-5}
here=$(cd "$(dirname "$0")" && pwd)
src=$(dirname "$here")
q=$build/quizdeck run=$build/bench-run
for tool in "$q" "$run" "$build/tests/article-inputs"; do
	[ -x "$tool" ] || { echo "bench-table: $tool is not built (make bench builds it)" >&2; exit 1; }
done
start=$(date +%s)
w=$(mktemp -d "${TMPDIR:-/tmp}/bench-table.XXXXXX")
trap 'rm -rf "$w"' EXIT
export HOME="$w" XDG_DATA_HOME="$w/xdg" XDG_STATE_HOME="$w/state" XDG_CONFIG_HOME="$w/config"
export TZ=UTC LC_ALL=C.UTF-8 TERM=xterm-256color INPUTRC=/dev/null
# After the last review of the largest log, so that cards are due in each.
export QUIZDECK_NOW=2021-08-01T09:00:00Z
unset QUIZDECK_CONFIG QUIZDECK_DATA NO_COLOR COLUMNS LINES

# row WHAT INPUT_BYTES SECONDS CPU_SECONDS FLOOR_SECONDS PEAK_KIB [RATIO
# [CPU_RATIO]]: one line of the table; all but WHAT and SECONDS may be "-";
# RATIO is the time over the floor when measured otherwise than SECONDS /
# FLOOR, CPU_RATIO the same of CPU times.
row() {
	awk -v what="$1" -v inb="$2" -v t="$3" -v cpu="$4" -v f="$5" -v rss="$6" -v ratio="${7:-}" \
	    -v cratio="${8:-}" '
	function sec(s) { return s >= 1 ? sprintf("%.2f s", s) : s >= 0.01 ? sprintf("%.0f ms", s * 1000) : sprintf("%.1f ms", s * 1000) }
	function mib(k) { return k >= 10240 ? sprintf("%.0f MiB", k / 1024) : sprintf("%.1f MiB", k / 1024) }
	function size(b) { return b >= 1048576 ? sprintf("%.1f MiB", b / 1048576) : sprintf("%.0f KiB", b / 1024) }
	BEGIN {
		printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", what,
		       inb == "-" ? "–" : size(inb), sec(t), cpu == "-" ? "–" : sec(cpu),
		       f == "-" ? "–" : sec(f), f == "-" ? "–" : sprintf("%.2f×", ratio != "" && ratio != "-" ? ratio : t / f) \
		           (cratio != "" && cratio != "-" ? sprintf(" (CPU %.2f×)", cratio) : ""),
		       rss == "-" ? "–" : mib(rss),
		       rss == "-" || inb == "-" || inb == 0 ? "–" : sprintf("%.1f×", rss * 1024 / inb)
	}'
}

# missing WHAT WHY: a row that could not be measured
missing() {
	echo "| $1 | – | not measured: $2 | | | | | |"
}

# timed WHAT INPUT_BYTES BENCH_RUN_ARGS...: a row of bench-run's medians
timed() {
	what=$1 in=$2
	shift 2
	if out=$("$run" --runs "$runs" "$@" 2> "$w/err"); then
		# shellcheck disable=SC2086
		set -- $out
		[ "$4" -eq 0 ] || what="$what (exit $4)"
		row "$what" "$in" "$1" "$2" - "$3"
	else
		missing "$what" "$(head -n 1 "$w/err")"
	fi
}

# commas N: N with a comma every three digits
commas() { echo "$1" | sed -e ':a' -e 's/\([0-9]\)\([0-9]\{3\}\)\($\|,\)/\1,\2\3/' -e 'ta'; }

size_of() { wc -c < "$1" | tr -d ' '; }

echo "| what | input | time | CPU | floor | time / floor | peak RSS | RSS / input |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- |"

# Decks: bench-load times the floor and the load in pairs in one process
# (its ratio is the median of the pairs'), and the peak RSS of a process
# that only loads; then `check` of its 100,000-card deck, the whole command.
if [ -x "$build/bench-load" ]; then
	mkdir -p "$w/decks"
	if "$build/bench-load" --runs "$runs" --dir "$w/decks" 1000 10000 100000 \
		> "$w/load" 2> "$w/err"; then
		# The columns by the names of bench-load's header line.
		awk 'NR == 1 { for (i = 2; i <= NF; i++) col[$i] = i - 1; next }
			function get(name) { return name in col ? $col[name] : "-" }
			{ print get("cards"), get("bytes"), get("load_s"), get("floor_s"), get("peak_kib"),
			        get("load/floor"), get("cpu_load/floor") }' "$w/load" |
		while read -r cards bytes load floor peak ratio cpu; do
			row "load: $(commas "$cards")-card deck" "$bytes" "$load" - "$floor" "$peak" "$ratio" "$cpu"
		done
		timed "\`check\`: 100,000-card deck" "$(size_of "$w/decks/deck-100000.yaml")" \
			"$q" check "$w/decks/deck-100000.yaml"
	else
		missing "load: decks of 1,000 to 100,000 cards" "$(head -n 1 "$w/err")"
	fi
else
	missing "load: decks of 1,000 to 100,000 cards" "bench-load is not built"
fi

# The scheduler alone: bench-sched prints "... in S s ...".
if [ -x "$build/bench-sched" ]; then
	i=0
	: > "$w/sched"
	while [ "$i" -lt "$runs" ]; do
		"$build/bench-sched" | sed -n 's/.* in \([0-9.]*\) s .*/\1/p' >> "$w/sched"
		i=$((i + 1))
	done
	t=$(sort -g "$w/sched" | awk '{ v[NR] = $1 } END { print NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
	row "scheduler: 1,000,000 FSRS reviews in memory" - "$t" - - -
else
	missing "scheduler: 1,000,000 FSRS reviews in memory" "bench-sched is not built"
fi

# Review logs: deck "big" (9,901 cards) and 10 or 100 reviews of each of
# its cards and of 99 orphans, imported once, untimed.
if [ -f "$here/gen-reviews.sh" ]; then
	sh "$here/gen-reviews.sh" "$w/r100k" 9901 10
	sh "$here/gen-reviews.sh" "$w/r1m" 9901 100
	mkdir -p "$w/xdg/quizdeck/decks" "$w/d0"
	cp "$w/r1m/big.yaml" "$w/xdg/quizdeck/decks/"
	"$q" --data "$w/d100k" import-reviews "$w/r100k/reviews.csv" > /dev/null
	"$q" --data "$w/d1m" import-reviews "$w/r1m/reviews.csv" > /dev/null
	log100k=$(size_of "$w/d100k/reviews.log")
	log1m=$(size_of "$w/d1m/reviews.log")
	# The whole log replayed: the derived-state cache (DATA/reviews.cache,
	# where the tree has it) removed before each run.
	timed "replay: \`cards --json\`, 100,000 reviews" "$log100k" \
		--setup "rm -f '$w/d100k/reviews.cache'" "$q" --data "$w/d100k" cards --json
	timed "replay: \`cards --json\`, 1,000,000 reviews" "$log1m" \
		--setup "rm -f '$w/d1m/reviews.cache'" "$q" --data "$w/d1m" cards --json
	# As a learner starts: the cache written by an earlier command.
	"$q" --data "$w/d100k" cards > /dev/null
	"$q" --data "$w/d1m" cards > /dev/null
	timed "\`cards --json\`, 1,000,000 reviews, with the cache" "$log1m" \
		"$q" --data "$w/d1m" cards --json
	# A study session of the bundled deck alone (a session loads every
	# deck file it is given or finds, so "big" goes), the log still
	# holding the reviews of "big": first without the cache, then with it.
	rm "$w/xdg/quizdeck/decks/big.yaml"
	timed "first question: 1,000,000 reviews, no cache" "$log1m" \
		--setup "rm -f '$w/d1m/reviews.cache'" --pty "[1/" "$q" --data "$w/d1m" study
	"$q" --data "$w/d1m" cards > /dev/null
	for n in 0 100k 1m; do
		case $n in
		0) what="first question: 0 reviews" in=- ;;
		100k) what="first question: 100,000 reviews" in=$log100k ;;
		1m) what="first question: 1,000,000 reviews" in=$log1m ;;
		esac
		timed "$what" "$in" --pty "[1/" "$q" --data "$w/d$n" study
	done
	timed "import: 1,000,000 reviews" "$(size_of "$w/r1m/reviews.csv")" \
		--setup "rm -rf '$w/dimport'" "$q" --data "$w/dimport" import-reviews "$w/r1m/reviews.csv"
	rm -rf "$w/dimport" "$w/r100k" "$w/r1m"
else
	for what in "replay" "first question" "import"; do
		missing "$what" "bench/gen-reviews.sh is missing"
	done
fi

# Articles: the evaluation articles' paragraphs, names and numbers changed
# in each copy.
# shellcheck disable=SC2046
for n in 100000 1000000; do
	"$build/tests/article-inputs" "$n" $(ls "$src"/tests/articles/eval/*.txt "$src"/tests/articles/heldout/*.txt) \
		> "$w/a$n.txt"
done
timed "gen: 100 KB article" "$(size_of "$w/a100000.txt")" "$q" gen "$w/a100000.txt"
timed "gen: 1 MB article" "$(size_of "$w/a1000000.txt")" "$q" gen "$w/a1000000.txt"

if "$q" optimize --help > /dev/null 2>&1; then
	if [ -x "$build/sim-reviews" ]; then
		# The simulated history runs from 2026 into 2027: now is after it.
		"$build/sim-reviews" 100000 > "$w/sim.csv"
		"$q" --data "$w/dopt" import-reviews "$w/sim.csv" > /dev/null
		export QUIZDECK_NOW=2028-01-01T09:00:00Z
		timed "optimize: 100,000 reviews" \
			"$(size_of "$w/dopt/reviews.log")" "$q" --data "$w/dopt" optimize
	else
		missing "optimize: 100,000 reviews" "sim-reviews is not built"
	fi
fi

echo
echo "Medians of $runs runs; $(($(date +%s) - start)) s in all."

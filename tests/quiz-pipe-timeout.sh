#!/bin/sh
# A timed quiz off a terminal: what a time-out discards from piped input
# (docs/quiz.md, "Timeout"). A writer that watches the transcript feeds a
# FIFO; seed 3 asks sky, mozilla and cargo, 2 s each.
#  - Question 1: "tr" arrives; quizdeck is stopped while the rest of that
#    line ("ue") and a whole line ("false") arrive, and resumed after the
#    deadline. Input waiting at the deadline is late: question 1 times out
#    with no answer, and what was waiting when question 2 started is
#    dropped, not taken as its answer.
#  - Question 2: "Moz" arrives and the limit expires. After question 3 has
#    started, "illa" and a newline arrive, then "cargo": the rest of a line
#    begun before the time-out is dropped, and "cargo" answers question 3.
#
# usage: quiz-pipe-timeout.sh QUIZDECK SRC WORKDIR
set -u
. "${0%/*}/lib.sh"
q=$1 src=$2
qd_env "$3"
w=$WORK
export QUIZDECK_NOW=2026-03-02T09:00:00Z

mkfifo "$w/in" || fail "cannot make a FIFO"
# Opened for reading and writing, so neither side waits for the other; the
# quiz does not inherit it, so closing it is the end of its input.
exec 3<> "$w/in"
"$q" quiz "$src/tests/e2e/decks/quiz.yaml" --seed 3 -n 3 --per-question 2 --name zoe \
	< "$w/in" > "$w/out" 2> "$w/err" 3>&- &
pid=$!

# Waits (at most 10 s) until the transcript holds TEXT on COUNT lines.
wait_for() {
	i=0
	while [ "$(grep -c -F -- "$1" "$w/out")" -lt "$2" ]; do
		i=$((i + 1))
		if [ "$i" -gt 200 ]; then
			kill -9 "$pid" 2> /dev/null
			fail "'$1' not shown $2 time(s): $(cat "$w/out")"
		fi
		sleep 0.05
	done
}

wait_for 'true or false>' 1
printf 'tr' >&3
sleep 0.2
kill -STOP "$pid"
printf 'ue\nfalse\n' >&3
sleep 2.5
kill -CONT "$pid"
wait_for 'time is up' 1
wait_for 'answer>' 1
printf 'Moz' >&3
wait_for 'time is up' 2
wait_for 'blank>' 1
printf 'illa\n' >&3
printf 'cargo\n' >&3
exec 3>&-
rc=0
wait "$pid" || rc=$?
[ "$rc" -eq 0 ] || fail "exit $rc: $(cat "$w/err")"
[ ! -s "$w/err" ] || fail_later "stderr: $(cat "$w/err")"

log=$QUIZDECK_DATA/reviews.log
# outcome and given answer of each question, in order
got=$(awk -F'	' '$1 == "qa" { printf "%s %s %s|", $5, $6, $9 }' "$log")
[ "$got" = "sky t |mozilla t |cargo y cargo|" ] ||
	fail_later "recorded: '$got'; transcript: $(cat "$w/out")"
grep -q '^Score: 1/3 ' "$w/out" || fail_later "score: $(grep Score "$w/out")"
finish

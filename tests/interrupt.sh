#!/usr/bin/env bash
# SIGINT (Ctrl-C) and SIGTERM off a terminal: a quiz reading a pipe that
# stays open ends cleanly, records what was answered and exits 0; a study
# session prints its summary and exits 0. Earlier, off a terminal, the
# signal killed the process and a quiz's answers were lost.
#
# usage: interrupt.sh QUIZDECK SRC
set -u
# Job control: background jobs keep SIGINT (a script's jobs otherwise ignore it).
set -m
. "${0%/*}/lib.sh"
q=$1 src=$2
qd_env
w=$WORK
trap 'exec 3>&- 2>/dev/null; rm -rf "$w"' EXIT
export QUIZDECK_NOW=2026-03-02T09:00:00Z

# Waits (up to 20 s) until FILE contains TEXT.
wait_for() {
	for _ in $(seq 1 200); do
		grep -qF -- "$2" "$1" 2>/dev/null && return 0
		sleep 0.1
	done
	fail "timed out waiting for '$2' in $1: $(cat "$1")"
}

run() { # SIGNAL LINES COMMAND...: sends LINES empty lines, then SIGNAL
	local sig=$1 lines=$2
	shift 2
	rm -f "$w/in" && mkfifo "$w/in"
	"$@" <"$w/in" >"$w/out" 2>"$w/err" &
	pid=$!
	exec 3>"$w/in"
	wait_for "$w/out" "[1/"
	for _ in $(seq 1 "$lines"); do printf '\n' >&3; done
	wait_for "$w/out" "[2/"
	kill "-$sig" "$pid"
	wait "$pid"
	status=$?
	exec 3>&-
}

run INT 1 "$q" quiz "$src/tests/e2e/decks/quiz.yaml" --seed 3 -n 3 --name ann
[ "$status" -eq 0 ] || fail "quiz: exit $status after SIGINT: $(cat "$w/err")"
grep -q "Saved as quiz" "$w/out" || fail "quiz: result not saved: $(cat "$w/out")"
"$q" results --csv >"$w/results.csv" || fail "results failed"
grep -q '^ann,' "$w/results.csv" || fail "quiz: no result for ann: $(cat "$w/results.csv")"

run TERM 2 "$q" study --new 3 "$src/tests/e2e/decks/study.yaml"
[ "$status" -eq 0 ] || fail "study: exit $status after SIGTERM: $(cat "$w/err")"
grep -q "Session over." "$w/out" || fail "study: no summary: $(cat "$w/out")"
finish "SIGINT and SIGTERM off a terminal end quizzes and sessions cleanly"

#!/bin/sh
# The study prompt's history file ($XDG_STATE_HOME/quizdeck/history) is read
# and written by Readline, whose blocking open() of a FIFO would hang the
# session before the first card. A FIFO there is left alone: the session
# runs without a history file. A regular history file is still used.
# usage: files-history.sh PTYRUN QUIZDECK SOURCE_DIR
set -u
ptyrun=$1 bin=$2 src=$3
. "${0%/*}/lib.sh"
qd_env
tmp=$WORK
mkdir -p "$tmp/state/quizdeck" || exit 2
export TERM=xterm-256color INPUTRC=/dev/null
cat > "$tmp/script.pty" <<'PTY'
env QUIZDECK_NOW=2025-03-01T09:00:00Z
expect [1/6]
expect your answer (Enter reveals)>\s
sendline
expect rate [good]>\s
sendline good
expect [2/6]
expect answer>\s
sendline Mercury
expect ✓ correct
expect-re rate \[(easy|good|hard)\]> $
key ctrl-d
expect Session over.
expect-exit 0
expect-sane
PTY

# session NAME: one card rated, one answered, then Ctrl-D.
session() {
	if ! "$ptyrun" -t 10 -s "$tmp/script.pty" -- "$bin" study "$src/tests/e2e/decks/study.yaml" \
		> "$tmp/out" 2>&1; then
		fail_later "$1:"
		cat "$tmp/out"
	fi
}

mkfifo "$tmp/state/quizdeck/history"
session history-fifo
[ -p "$tmp/state/quizdeck/history" ] || fail_later "history-fifo: the FIFO was replaced"
rm -f "$tmp/state/quizdeck/history" "$tmp/data/reviews.log"
session history-new
grep -qx Mercury "$tmp/state/quizdeck/history" ||
	fail_later "history-new: the answer is not in the history file"

finish "all passed"

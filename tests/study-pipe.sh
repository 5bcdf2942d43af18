#!/bin/sh
# The same study sessions driven through a pipe (no terminal) record the
# same reviews as on a pseudo-terminal. For each session, the pty test
# tests/e2e/NAME.pty runs (with its .check) through tests/e2e/run.sh, then
# the same answers are piped into 'quizdeck study'; the two review logs
# must hold the same records, every field but the duration and checksum.
# Keys a pipe cannot carry have their line equivalents: Tab completion is
# the command typed in full, Ctrl-C and Ctrl-D are the end of the input.
# The piped transcript is checked too: plain text (no escape sequence at
# all), each line read shown once after its prompt.
#
# usage: study-pipe.sh QUIZDECK PTYRUN WORKDIR
set -eu
quizdeck=$1 ptyrun=$2 work=$3
src=$(cd "$(dirname "$0")/.." && pwd)
deck=$src/tests/e2e/decks/study.yaml
. "$src/tests/e2e/study-lib.sh"

rm -rf "$work"
mkdir -p "$work"
cd "$work"

fail() {
	echo "study-pipe: $*" >&2
	exit 1
}

# session NAME: runs the pty test NAME, then the answers on stdin through a
# pipe, and compares the logs.
session() {
	name=$1
	answers=$work/$name.answers
	cat > "$answers"
	sh "$src/tests/e2e/run.sh" "$ptyrun" "$quizdeck" "$work/pty-$name" \
		"$src/tests/e2e/$name.pty" -- @QUIZDECK@ study --seed 1 "$deck" > /dev/null ||
		fail "$name: the pty session failed"
	# the environment of run.sh: nothing from the user's settings or data
	mkdir -p "$work/pipe-$name/home" "$work/pipe-$name/data" "$work/pipe-$name/state" \
		"$work/pipe-$name/config"
	status=0
	(
		cd "$work/pipe-$name"
		HOME=$PWD/home QUIZDECK_DATA=$PWD/data XDG_DATA_HOME=$PWD/data
		XDG_STATE_HOME=$PWD/state XDG_CONFIG_HOME=$PWD/config
		QUIZDECK_NOW=2025-03-01T09:00:00Z LC_ALL=C.UTF-8
		export HOME QUIZDECK_DATA XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME
		export QUIZDECK_NOW LC_ALL
		unset NO_COLOR COLUMNS LINES
		exec "$quizdeck" study --seed 1 "$deck" < "$answers" > out 2> err
	) || status=$?
	[ "$status" -eq 0 ] || { cat "$work/pipe-$name/err" >&2; fail "$name: exit status $status"; }
	[ ! -s "$work/pipe-$name/err" ] || { cat "$work/pipe-$name/err" >&2; fail "$name: stderr"; }
	records "$work/pty-$name/data/reviews.log" > "$name.pty-records"
	records "$work/pipe-$name/data/reviews.log" > "$name.pipe-records"
	[ -s "$name.pty-records" ] || fail "$name: no records"
	if ! cmp -s "$name.pty-records" "$name.pipe-records"; then
		echo "study-pipe: $name: the records differ (- pty, + pipe):" >&2
		diff -u "$name.pty-records" "$name.pipe-records" >&2
		exit 1
	fi
	out=$work/pipe-$name/out
	if LC_ALL=C grep -q "$(printf '\033')" "$out"; then
		fail "$name: escape sequences in the piped output"
	fi
	grep -q 'Session over\.' "$out" || fail "$name: no summary"
	# The prompt is written once, the line read once after it.
	if grep -Eq '(answer|rate \[[a-z]+\])> .*(answer|rate \[[a-z]+\])> ' "$out"; then
		fail "$name: a prompt shown twice on a line"
	fi
	echo "study-pipe: $name: $(wc -l < "$name.pipe-records") records, as on the pty"
}

session study-right <<'END'


PLANET   mercury
easy
Blue
4
five, two
e
t
4
green
blue
4
Paris
easy
END
grep -qx 'answer> PLANET   mercury' "$work/pipe-study-right/out" || fail "study-right: the answer is not shown after its prompt"

session study-wrong <<'END'
Lyon
again
Venus

red

two

no

green
yellow

END

session study-commands <<'END'
:help
:edit
:stats
:hint


:hint
Mercurry
3
:undo
Mercury
4
:skip
two, five
:stats
4
END
grep -q 'undone: planet' "$work/pipe-study-commands/out" || fail "study-commands: no undo"

session study-ctrl-d <<'END'

hard
Mercury
END

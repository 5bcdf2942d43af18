#!/bin/sh
# Runs one end-to-end test: a ptyrun script against a command, in a fresh
# work directory (home, data, state and config under it), with a fixed
# terminal environment. Used by tests/e2e.cmake; see docs/testing.md.
#
# usage: run.sh [--fail TEXT] PTYRUN QUIZDECK WORKDIR SCRIPT [-- COMMAND [ARGS...]]
#   @QUIZDECK@ @DATA@ @HOME@ @WORK@ @SRC@ are replaced in SCRIPT and COMMAND.
#   Without COMMAND, the command is quizdeck itself. With --fail, the test
#   passes only if ptyrun fails (exit 1) and its report contains TEXT.
#   When ptyrun succeeds and SCRIPT's sibling NAME.check exists, that sh
#   script runs next in WORKDIR (same environment, plus QUIZDECK, WORK, SRC)
#   to check files the command left, such as the review log.
set -eu

expect_fail=
if [ "${1-}" = --fail ]; then
	expect_fail=$2
	shift 2
fi
[ $# -ge 4 ] || { echo "usage: run.sh [--fail TEXT] PTYRUN QUIZDECK WORKDIR SCRIPT [-- COMMAND...]" >&2; exit 2; }
ptyrun=$1 quizdeck=$2 work=$3 script=$4
shift 4
[ "${1-}" = -- ] && shift
[ $# -gt 0 ] || set -- @QUIZDECK@
src=$(cd "$(dirname "$0")/../.." && pwd)

rm -rf "$work"
mkdir -p "$work/home" "$work/data" "$work/state" "$work/config"

# sed replacement text: escape \, & and the | delimiter
q() { printf '%s\n' "$1" | sed 's/[\\&|]/\\&/g'; }
subst() {
	sed -e "s|@QUIZDECK@|$(q "$quizdeck")|g" -e "s|@DATA@|$(q "$work/data")|g" \
	    -e "s|@HOME@|$(q "$work/home")|g" -e "s|@WORK@|$(q "$work")|g" \
	    -e "s|@SRC@|$(q "$src")|g"
}
subst < "$script" > "$work/script.pty"
for a; do
	shift
	set -- "$@" "$(printf '%s\n' "$a" | subst)"
done

# A fixed terminal environment; scripts override it with 'env' lines.
HOME=$work/home QUIZDECK_DATA=$work/data
XDG_DATA_HOME=$work/data XDG_STATE_HOME=$work/state XDG_CONFIG_HOME=$work/config
TERM=xterm-256color INPUTRC=/dev/null LC_ALL=C.UTF-8
export HOME QUIZDECK_DATA XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME TERM INPUTRC LC_ALL
unset NO_COLOR QUIZDECK_NOW COLUMNS LINES

rc=0
"$ptyrun" -t "${PTYRUN_TIMEOUT:-10}" -o "$work/raw.log" -s "$work/script.pty" -- "$@" \
	2> "$work/ptyrun.err" || rc=$?
cat "$work/ptyrun.err" >&2

if [ -n "$expect_fail" ]; then
	if [ "$rc" -ne 1 ]; then
		echo "run.sh: ptyrun should have failed (exit 1) but exited $rc" >&2
		exit 1
	fi
	if ! grep -qF -- "$expect_fail" "$work/ptyrun.err"; then
		echo "run.sh: ptyrun failed, but its report lacks '$expect_fail'" >&2
		exit 1
	fi
	echo "run.sh: ptyrun failed as it should ('$expect_fail')"
	exit 0
fi
[ "$rc" -eq 0 ] || exit "$rc"
check=${script%.pty}.check
if [ -f "$check" ]; then
	QUIZDECK=$quizdeck WORK=$work SRC=$src
	export QUIZDECK WORK SRC
	(cd "$work" && sh "$check") || { echo "run.sh: $check failed" >&2; exit 1; }
fi
exit 0

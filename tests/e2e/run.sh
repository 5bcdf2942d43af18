#!/bin/sh
# Runs one end-to-end test, tests/e2e/NAME.pty, with ptyrun: the script
# names its command and may end with a check of the files the command left
# (docs/testing.md). The test runs in a fresh work directory WORKDIR, which
# holds its home, data, state and config (tests/lib.sh) and, afterwards,
# raw.log (all output) and ptyrun.err; it is also the current directory of
# the command and the check. The terminal environment is fixed; a script
# changes it with 'env' lines. QUIZDECK (the program under test), SRC (the
# source tree) and WORK are exported for the script's command and check.
#
# usage: run.sh PTYRUN QUIZDECK WORKDIR SCRIPT
set -eu
[ $# -eq 4 ] || { echo "usage: run.sh PTYRUN QUIZDECK WORKDIR SCRIPT" >&2; exit 2; }
# the test runs in WORKDIR: make the paths absolute
abs() { case $1 in /*) printf '%s\n' "$1" ;; *) printf '%s/%s\n' "$PWD" "$1" ;; esac; }
ptyrun=$(abs "$1") QUIZDECK=$(abs "$2") script=$(abs "$4")
QD_TEST=e2e/$(basename "$script" .pty)
. "${0%/*}/../lib.sh"
qd_env "$(abs "$3")"
SRC=$(cd "${0%/*}/../.." && pwd)
TERM=xterm-256color INPUTRC=/dev/null
export QD_TEST QUIZDECK SRC TERM INPUTRC
cd "$WORK"

rc=0
"$ptyrun" -t "${PTYRUN_TIMEOUT:-10}" -o "$WORK/raw.log" -s "$script" 2> "$WORK/ptyrun.err" || rc=$?
cat "$WORK/ptyrun.err" >&2
exit "$rc"

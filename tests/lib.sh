# The shell tests' common ground, sourced by every tests/*.sh (as
# `. "${0%/*}/lib.sh"`: ctest runs them as `sh tests/NAME.sh ...`), by
# tests/e2e/run.sh and by the checks of the end-to-end tests. POSIX sh.
#
#   qd_env [DIR]       a private environment for the test (below)
#   fail MESSAGE       report a failure and stop the test
#   fail_later MESSAGE report a failure and go on; `finish` fails the test
#   finish [SUMMARY]   exit 1 if any fail_later was called, else print
#                      SUMMARY (default "passed") and exit 0
#
# Messages start with QD_TEST: the script's name without .sh, unless the
# caller set it before sourcing this file.

QD_TEST=${QD_TEST:-$(basename "$0" .sh)}
QD_FAILS=0

fail() {
	printf '%s: FAIL: %s\n' "$QD_TEST" "$*" >&2
	exit 1
}

fail_later() {
	printf '%s: FAIL: %s\n' "$QD_TEST" "$*" >&2
	QD_FAILS=$((QD_FAILS + 1))
}

finish() {
	if [ "$QD_FAILS" -gt 0 ]; then
		echo "$QD_TEST: $QD_FAILS failure(s)" >&2
		exit 1
	fi
	echo "$QD_TEST: ${1:-passed}"
	exit 0
}

# qd_env [DIR]: runs the test in its own world. DIR (by default a new
# temporary directory, removed when the test exits; a DIR given is emptied
# first and kept for a look after a failure) gets home/, data/, state/ and
# config/, and HOME, QUIZDECK_DATA, XDG_DATA_HOME (so the user's decks are
# data/quizdeck/decks), XDG_STATE_HOME and XDG_CONFIG_HOME point there:
# nothing of the user's decks, settings or reviews is read or written.
# LC_ALL=C.UTF-8 and TZ=UTC fix the locale and the time zone; QUIZDECK_CONFIG,
# QUIZDECK_NOW, NO_COLOR, COLUMNS and LINES are unset (a test that needs a
# fixed now exports QUIZDECK_NOW itself). WORK names the directory.
qd_env() {
	if [ $# -gt 0 ]; then
		WORK=$1
		rm -rf "$WORK"
		mkdir -p "$WORK" || fail "cannot create $WORK"
	else
		WORK=$(mktemp -d "${TMPDIR:-/tmp}/qd-${QD_TEST##*/}.XXXXXX") || fail "mktemp failed"
		trap 'rm -rf "$WORK"' EXIT
	fi
	mkdir -p "$WORK/home" "$WORK/data" "$WORK/state" "$WORK/config" ||
		fail "cannot create directories in $WORK"
	HOME=$WORK/home QUIZDECK_DATA=$WORK/data
	XDG_DATA_HOME=$WORK/data XDG_STATE_HOME=$WORK/state XDG_CONFIG_HOME=$WORK/config
	LC_ALL=C.UTF-8 TZ=UTC
	export WORK HOME QUIZDECK_DATA XDG_DATA_HOME XDG_STATE_HOME XDG_CONFIG_HOME LC_ALL TZ
	unset QUIZDECK_CONFIG QUIZDECK_NOW NO_COLOR COLUMNS LINES
}

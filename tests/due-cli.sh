#!/bin/sh
# `quizdeck due`, the line for shell prompts: before a session (new cards
# waiting, siblings counted once), after a piped session (nothing due: no
# output at all), when the learning steps come due, without suspended and
# buried cards, and in --format and --json; a bad --format is a usage error.
# usage: due-cli.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
deck=$src/tests/due/two.yaml
qd_env
export QUIZDECK_NOW=2026-11-24T09:30:00Z
printf 'new_per_day: 2\n' > "$XDG_CONFIG_HOME/quizdeck.yaml"
export QUIZDECK_CONFIG=$XDG_CONFIG_HOME/quizdeck.yaml

# due WANT ARGS...: `quizdeck due DECK ARGS` prints exactly WANT (a line,
# or nothing when WANT is empty) and exits 0.
due() {
	want=$1
	shift
	"$bin" due "$deck" "$@" > "$WORK/out" 2> "$WORK/err"
	st=$?
	[ $st = 0 ] || fail_later "due $*: status $st: $(cat "$WORK/err")"
	[ -s "$WORK/err" ] && fail_later "due $*: stderr: $(cat "$WORK/err")"
	if [ -z "$want" ]; then
		[ -s "$WORK/out" ] && fail_later "due $*: printed '$(cat "$WORK/out")', expected nothing"
	else
		printf '%s\n' "$want" | cmp -s - "$WORK/out" ||
			fail_later "due $*: printed '$(cat "$WORK/out")', expected '$want'"
	fi
}

# Before: 4 new cards, 2 allowed a day.
due "2 new"
due "0/2/0 %" --format '%d/%n/%l %%'
due '{"due":0,"learning":0,"new":2}' --json
printf 'new_per_day: 20\n' > "$QUIZDECK_CONFIG"
due "3 new"   # four cards, but three and four are siblings: one a day
printf 'new_per_day: 2\n' > "$QUIZDECK_CONFIG"

# A session off a terminal: both new cards revealed and rated Good (their
# first learning step, 10 minutes), then the end of the input.
printf '\n\n\n\n' | "$bin" study "$deck" > "$WORK/session" 2>&1 || fail "study: $(cat "$WORK/session")"
[ "$(grep -c '^review' "$QUIZDECK_DATA/reviews.log")" = 2 ] || fail "the session did not record 2 reviews: $(cat "$WORK/session")"

# After: nothing due now and no new card left today: no output at all.
due ""
due "0/0/0" --format '%d/%n/%l'
due '{"due":0,"learning":0,"new":0}' --json
# Fifteen minutes later the learning steps are due.
QUIZDECK_NOW=2026-11-24T09:45:00Z due "2 due"
QUIZDECK_NOW=2026-11-24T09:45:00Z due "due 2, learning 2, new 0" --format 'due %d, learning %l, new %n'
# The next day: the new allowance again, but three and four are siblings.
QUIZDECK_NOW=2026-11-25T09:45:00Z due "2 due · 1 new"
# A suspended card is never due, a buried one not before the next day.
mkdir -p "$XDG_DATA_HOME/quizdeck/decks" && cp "$deck" "$XDG_DATA_HOME/quizdeck/decks/"
QUIZDECK_NOW=2026-11-25T09:46:00Z "$bin" suspend two/one > /dev/null 2>&1 || fail_later "suspend two/one failed"
QUIZDECK_NOW=2026-11-25T09:47:00Z due "1 due · 1 new"
QUIZDECK_NOW=2026-11-25T09:48:00Z "$bin" bury two/two > /dev/null 2>&1 || fail_later "bury two/two failed"
QUIZDECK_NOW=2026-11-25T09:49:00Z due "1 new"

# Errors: a bad field, a missing deck.
"$bin" due "$deck" --format '%d %q' > "$WORK/out" 2> "$WORK/err"
[ $? = 64 ] || fail_later "--format '%d %q': status not 64"
grep -qF "unknown field '%q'" "$WORK/err" || fail_later "--format '%d %q': $(cat "$WORK/err")"
"$bin" due "$deck" --format 'x%' > /dev/null 2>&1
[ $? = 64 ] || fail_later "--format 'x%': status not 64"
"$bin" due "$WORK/none.yaml" > /dev/null 2>&1
[ $? = 66 ] || fail_later "a missing deck: status not 66"
finish

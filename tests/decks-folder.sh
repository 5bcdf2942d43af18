#!/bin/sh
# The decks folder ($XDG_DATA_HOME/quizdeck/decks) with one good deck and one
# broken one: study, cards, stats and quiz report the broken deck with its
# positions (as check does), leave it out and work on the rest, exiting 65
# as decks does.
#
# usage: decks-folder.sh QUIZDECK WORKDIR
set -eu
q=$1 w=$2
rm -rf "$w"
mkdir -p "$w/xdg/quizdeck/decks"
unset QUIZDECK_CONFIG QUIZDECK_DATA NO_COLOR
export HOME="$w" XDG_DATA_HOME="$w/xdg" XDG_STATE_HOME="$w/state" XDG_CONFIG_HOME="$w/config"
export QUIZDECK_NOW=2026-03-02T09:00:00Z
fail() { echo "decks-folder.sh: $*" >&2; exit 1; }
d=$w/xdg/quizdeck/decks

printf 'deck: good\ntitle: Good\ncards:\n  - id: hello\n    type: typed\n    q: Say hello\n    a: hello\n' \
	> "$d/good.yaml"
printf 'deck: broken\ntitle: Broken\ncards:\n  - id: c1\n    type: basic\n    q: hi\n' \
	> "$d/broken.yaml"
pos="$d/broken.yaml:4:5: error: card 'c1': missing 'a' (the answer)"

# run NAME EXPECTED-STATUS COMMAND...: stdout in NAME.out, stderr in NAME.err
run() {
	name=$1 want=$2
	shift 2
	rc=0
	"$@" < /dev/null > "$w/$name.out" 2> "$w/$name.err" || rc=$?
	[ "$rc" -eq "$want" ] || { cat "$w/$name.err" >&2; fail "$name: exit $rc, not $want"; }
	grep -qxF "$pos" "$w/$name.err" || { cat "$w/$name.err" >&2; fail "$name: no position"; }
	grep -q "1 deck could not be loaded and is left out" "$w/$name.err" ||
		fail "$name: no summary"
}

run cards 65 "$q" cards
grep -q "^good  *hello " "$w/cards.out" || fail "cards: the good deck's card"
grep -q "^rust-uses " "$w/cards.out" || fail "cards: the bundled deck"
run stats 65 "$q" stats
grep -q "^cards: 55 " "$w/stats.out" || fail "stats: 55 cards"
run study 65 "$q" study --seed 1
grep -q "Session over" "$w/study.out" || fail "study: no session"
run quiz 65 "$q" quiz --seed 1 -n 1 --name t
grep -q "Score: 0/1" "$w/quiz.out" || fail "quiz: no quiz"

echo "decks-folder.sh: ok"

#!/bin/sh
# The decks folder ($XDG_DATA_HOME/quizdeck/decks) with one good deck and one
# broken one: study, cards, stats and quiz report the broken deck with its
# positions (as check does), leave it out and work on the rest, exiting 65
# as decks does. A deck is found by its id even when its file is named
# otherwise (as decks lists it), and by its file name as before.
#
# usage: decks-folder.sh QUIZDECK WORKDIR
set -eu
q=$1 w=$2
. "${0%/*}/lib.sh"
qd_env "$w"
export QUIZDECK_NOW=2026-03-02T09:00:00Z
d=$XDG_DATA_HOME/quizdeck/decks
mkdir -p "$d"

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

# a deck named by its id, in a file of another name
mv "$d/good.yaml" "$d/my-file.yaml"
rm "$d/broken.yaml"
rc=0
printf 'hello\n3\n' | "$q" study good > "$w/by-id.out" 2> "$w/by-id.err" || rc=$?
[ "$rc" -eq 0 ] || { cat "$w/by-id.err" >&2; fail "study good: exit $rc"; }
grep -q "Say hello" "$w/by-id.out" || fail "study good: not the good deck"
grep -q "1 card reviewed" "$w/by-id.out" || fail "study good: not reviewed"
"$q" cards good > "$w/cards-id.out" 2> "$w/cards-id.err" || fail "cards good"
[ "$(grep -c '^good ' "$w/cards-id.out")" -eq 1 ] || fail "cards good: not one card"
# and by its file name, as before
"$q" cards my-file > "$w/cards-name.out" 2> "$w/cards-name.err" || fail "cards my-file"
grep -q "^good  *hello " "$w/cards-name.out" || fail "cards my-file: not the good deck"
# an id that no deck has is still an error
rc=0
"$q" cards nosuch > /dev/null 2> "$w/none.err" || rc=$?
[ "$rc" -eq 66 ] || fail "cards nosuch: exit $rc, not 66"
echo "decks-folder.sh: ok"

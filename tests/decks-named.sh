#!/bin/sh
# Naming a deck by its id costs the decks it names, not the whole decks
# folder: with a deck of 50,000 cards beside the bundled deck, `cards
# rust-uses` must take under a sixth of the time `check` takes to load
# that deck (the best of three runs each; the same binary, so the bound
# holds under the sanitizers too). Loading every deck of the folder to find
# the id took longer than the check itself.
# And what is found stays what a full load of every file finds: the first
# file in name order that loads with the id (ID.yaml before it), ids read
# as the loader reads them (quotes, escapes, trailing spaces, a flow
# mapping, 'deck' after 'cards'), files that do not load passed over in
# silence, a file with the id that does not load no match.
#
# usage: decks-named.sh QUIZDECK WORKDIR
set -eu
q=$1 w=$2
. "${0%/*}/lib.sh"
qd_env "$w"
export QUIZDECK_NOW=2026-03-02T09:00:00Z
d=$XDG_DATA_HOME/quizdeck/decks
mkdir -p "$d"

awk 'BEGIN {
	print "deck: big\ntitle: Big\ncards:"
	for (i = 0; i < 50000; i++)
		printf "  - id: c%d\n    type: basic\n    q: Term %d?\n    a: term %d\n", i, i, i
}' > "$d/big.yaml"

# ms COMMAND...: the best wall time of three runs, in milliseconds
ms() {
	best=
	for _ in 1 2 3; do
		t0=$(date +%s%N)
		"$@" < /dev/null > /dev/null 2>&1 || fail "$*: exit status $?"
		t=$((($(date +%s%N) - t0) / 1000000))
		if [ -z "$best" ] || [ "$t" -lt "$best" ]; then best=$t; fi
	done
	echo "$best"
}

named=$(ms "$q" cards rust-uses)
full=$(ms "$q" check "$d/big.yaml")
echo "cards rust-uses beside a 50,000-card deck: $named ms; check of that deck: $full ms"
[ $((named * 6)) -lt "$full" ] ||
	fail "cards rust-uses took $named ms, check of the big deck $full ms: the big deck was loaded"

# cards ID: the deck chosen; stdout and stderr kept
cards() {
	rc=0
	"$q" cards "$1" < /dev/null > "$w/$1.out" 2> "$w/$1.err" || rc=$?
	echo "$rc"
}
# chosen ID DECK-ID CARD-ID: `cards ID` succeeds, silent, with that card
chosen() {
	rc=$(cards "$1")
	[ "$rc" -eq 0 ] || { cat "$w/$1.err" >&2; fail "cards $1: exit $rc"; }
	[ ! -s "$w/$1.err" ] || { cat "$w/$1.err" >&2; fail "cards $1: said something"; }
	grep -q "^$2  *$3 " "$w/$1.out" || { cat "$w/$1.out" >&2; fail "cards $1: not card $3"; }
}

rm "$d/big.yaml"
card() { printf '  - {id: %s, type: basic, q: Q?, a: A}\n' "$1"; }
# two files with one id: the first in name order, in silence
{ echo 'deck: dup'; echo 'title: T'; echo 'cards:'; card first; } > "$d/a-dup.yaml"
{ echo 'deck: dup'; echo 'title: T'; echo 'cards:'; card second; } > "$d/b-dup.yaml"
chosen dup dup first
# ... unless the first does not load
{ echo 'deck: dup2'; echo 'title: T'; echo 'cards:'; card x; echo '  - {id: y}'; } \
	> "$d/a-dup2.yaml"
{ echo 'deck: dup2'; echo 'title: T'; echo 'cards:'; card second; } > "$d/b-dup2.yaml"
chosen dup2 dup2 second
# ids written otherwise, or where a peek cannot see them
{ echo 'deck: "q\x75oted  "'; echo 'title: T'; echo 'cards:'; card q1; } > "$d/1.yaml"
{ echo "{title: T, cards: [{id: f1, type: basic, q: Q?, a: A}], 'deck': flow}"; } > "$d/2.yaml"
{ echo 'title: T'; echo 'cards:'; card l1; echo '  - {deck: inner, id: l2, type: basic, q: Q?, a: A}'
  echo 'deck: late'; } > "$d/3.yaml"
{ printf '\357\273\277'; echo 'deck: bom'; echo 'title: T'; echo 'cards:'; card b1; } > "$d/4.yaml"
{ echo 'deck: !!str tagged'; echo 'title: T'; echo 'cards:'; card t1; } > "$d/5.yaml"
{ echo 'deck: |'; echo '  block'; echo 'title: T'; echo 'cards:'; card k1; } > "$d/6.yaml"
chosen quoted quoted q1
chosen flow flow f1
chosen late late l1
chosen bom bom b1
chosen tagged tagged t1
chosen block block k1
# not a deck's id: a card's 'deck' key, a second 'deck' key (refused), a
# deck after a syntax error (refused), a deck that does not load
[ "$(cards inner)" -eq 66 ] || fail "cards inner: a card's key taken for the deck's id"
{ echo 'deck: one'; echo 'title: T'; echo 'deck: two'; echo 'cards:'; card d1; } > "$d/7.yaml"
[ "$(cards one)" -eq 66 ] || fail "cards one: a deck with two 'deck' keys loaded"
[ "$(cards two)" -eq 66 ] || fail "cards two: the second 'deck' key taken"
{ echo 'title: [T'; echo 'deck: syntax'; echo 'cards:'; card s1; } > "$d/8.yaml"
[ "$(cards syntax)" -eq 66 ] || fail "cards syntax: a file that does not parse loaded"
grep -q "no deck 'syntax'" "$w/syntax.err" || fail "cards syntax: the message"
# ID.yaml with the id that does not load: another file that loads with
# the id is the deck; else ID.yaml, reported
{ echo 'deck: named'; echo 'title: T'; echo 'cards:'; card n1; echo '  - {id: n2}'; } \
	> "$d/named.yaml"
{ echo 'deck: named'; echo 'title: T'; echo 'cards:'; card other; } > "$d/z-named.yaml"
chosen named named other
rm "$d/z-named.yaml"
[ "$(cards named)" -eq 65 ] || fail "cards named: a broken named.yaml not reported"
grep -q "named.yaml:5:5: error: card 'n2'" "$w/named.err" || fail "cards named: the error"
rm "$d/named.yaml"
# nothing of the files passed over is reported when a good deck is named
chosen late late l1
finish

#!/bin/sh
# `quizdeck study` from the command line, off a terminal: the error paths
# (settings, decks, data directory) and their exit statuses and messages,
# and what a piped session studies. One check per fixed bug; see
# docs/testing.md.
# usage: study-cli.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
deck=$src/tests/e2e/decks/study.yaml
qd_env
tmp=$WORK
export QUIZDECK_NOW=2026-11-24T09:30:00Z

# run WANT_STATUS INPUT ARGS...: runs quizdeck with INPUT on stdin, in a
# fresh data directory $tmp/data; output in $tmp/out and $tmp/err.
run() {
	want=$1 input=$2
	shift 2
	rm -rf "$tmp/data"
	mkdir -p "$tmp/data"
	printf '%b' "$input" | QUIZDECK_DATA=${DATA:-$tmp/data} "$bin" "$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		cat "$tmp/err"
		fail_later "$name: exit status $got, expected $want"
	fi
}
# has FILE TEXT / hasnt FILE TEXT / count FILE TEXT N
has() {
	grep -qF -- "$2" "$tmp/$1" || { cat "$tmp/$1"; fail_later "$name: $1 lacks '$2'"; }
}
hasnt() {
	! grep -qF -- "$2" "$tmp/$1" || { cat "$tmp/$1"; fail_later "$name: $1 has '$2'"; }
}
count() {
	n=$(grep -cF -- "$2" "$tmp/$1")
	[ "$n" = "$3" ] || { cat "$tmp/$1"; fail_later "$name: '$2' $n times in $1, expected $3"; }
}

name=settings-invalid
printf 'retention: 5\n' > "$tmp/bad.yaml"
run 78 '' --config "$tmp/bad.yaml" study "$deck"
count err "'retention' must be between 0.70 and 0.99" 1
has err "quizdeck: error: invalid settings file '$tmp/bad.yaml' (1 error)"

name=settings-missing
run 78 '' --config "$tmp/none.yaml" study "$deck"
has err "none.yaml: error: cannot open: No such file or directory"

name=deck-missing
run 66 '' study "$tmp/none.yaml"
has err "cannot open"

name=data-not-a-directory
: > "$tmp/file"
DATA=$tmp/file run 74 '' study "$deck"
has err "$tmp/file/reviews.log: error: cannot open: Not a directory"

name=tags-deck
# the deck's tags are every card's: the bundled deck is tagged with its sections
run 0 '' study --new 100 --tags embedded-systems-and-iot rust-uses
has out "[1/"
hasnt out "Nothing to study now."

name=tags-deck-and-card
# a card tag and a deck tag together: every card of the deck, once
cat > "$tmp/tagged.yaml" <<'END'
deck: tagged
title: Tagged deck
tags: [geo]
cards:
  - id: one
    type: basic
    q: First?
    a: one
    tags: [geo, easy]
  - id: two
    type: basic
    q: Second?
    a: two
END
run 0 '' study --cram --tags easy,geo "$tmp/tagged.yaml"
has out "[1/2]"

cat > "$tmp/cloze.yaml" <<'END'
deck: cloze
title: Cloze deck
cards:
  - id: rgb
    type: cloze
    text: "The primary colours of light are red, {{green}} and {{blue}}."
END

name=tags-none
run 0 '' study --tags no-such-tag "$deck"
has out "No cards have these tags."

name=command-mid-cloze
# a command at the second blank is answered there: the first blank stays
# filled and is not asked again
run 0 'green\n:stats\n:help\nblue\n\n' study --cram "$tmp/cloze.yaml"
count out "blank 1/2>" 1
count out "blank 2/2>" 3
has out "correct (1 of 1)"

name=deck-named-twice
# the same deck twice (by path, by another path, the bundled deck by id) is
# studied once, not refused as a duplicate of itself
run 0 '' study --cram "$deck" "$src/tests/e2e/../e2e/decks/study.yaml" "$deck"
has out "[1/6]"
run 0 '' study --cram --limit 1 rust-uses rust-uses
has out "[1/1]"

cat > "$tmp/siblings.yaml" <<'END'
deck: siblings
title: Sibling deck
cards:
  - id: tin
    type: cloze
    text: "Bronze is copper and {{tin}}."
    group: bronze
  - id: copper
    type: cloze
    text: "Bronze is {{copper}} and tin."
    group: bronze
  - id: zinc
    type: cloze
    text: "Brass is copper and {{zinc}}."
END

name=siblings-one-a-day
# two cards of one group are never shown on the same day: the first waits
# the second out, and a second session that day does not bring it either
run 0 'tin\n\nzinc\n\n' study --new 10 "$tmp/siblings.yaml"
has out "[2/2]"
hasnt out "[3/"
count out "blank>" 2
has out "Siblings of today's cards left for another day: 1."
DATA=$tmp/keep
rm -rf "$tmp/keep" && mkdir -p "$tmp/keep"
printf 'tin\n\nzinc\n\n' | QUIZDECK_DATA=$tmp/keep "$bin" study --new 10 "$tmp/siblings.yaml" \
	> "$tmp/out" 2> "$tmp/err"
printf '' | QUIZDECK_DATA=$tmp/keep "$bin" study --new 10 "$tmp/siblings.yaml" > "$tmp/out" 2> "$tmp/err"
hasnt out "Bronze is [" 
has out "Siblings of today's cards left for another day: 1."
# the next day the sibling comes
printf 'copper\n\n' | QUIZDECK_DATA=$tmp/keep QUIZDECK_NOW=2026-11-25T09:30:00Z "$bin" study \
	--new 10 "$tmp/siblings.yaml" > "$tmp/out" 2> "$tmp/err"
has out "Bronze is [...] and tin."
unset DATA

name=siblings-cram-apart
# cram shows every card, siblings not back to back
run 0 'x\nx\nx\n' study --cram "$tmp/siblings.yaml"
has out "[3/3]"
first=$(grep '^Bronze is\|^Brass is' "$tmp/out" | cut -c1-6 | tr '\n' ' ')
[ "$first" = "Bronze Brass  Bronze " ] || fail_later "$name: siblings back to back: $first"

finish

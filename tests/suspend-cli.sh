#!/bin/sh
# `quizdeck suspend`, `unsuspend` and `bury` off a terminal: cards given as
# DECK/ID or chosen with --tags, unknown ids (with the closest id of the
# deck) and bad arguments refused with nothing written, their exit statuses,
# what the events do to `cards --json`; then the leeches: `cards --leeches`
# with and without --json, `stats`, and leech_action: tag in a session.
# usage: suspend-cli.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
qd_env
tmp=$WORK
decks=$XDG_DATA_HOME/quizdeck/decks
log=$QUIZDECK_DATA/reviews.log
export QUIZDECK_NOW=2025-03-01T09:00:00Z TZ=Europe/Paris
mkdir -p "$decks"
cp "$src/tests/e2e/decks/study.yaml" "$decks/study.yaml"
cat > "$decks/tagged.yaml" <<'DECK'
deck: tagged
title: Tagged
tags: [geo]
cards:
  - id: one
    type: basic
    q: One?
    a: one
    tags: [hard]
  - id: two
    type: basic
    q: Two?
    a: two
  - id: three
    type: basic
    q: Three?
    a: three
    tags: [hard, maths]
DECK

# run WANT_STATUS ARGS...: output in $tmp/out and $tmp/err.
run() {
	want=$1
	shift
	"$bin" "$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		cat "$tmp/out" "$tmp/err"
		fail_later "quizdeck $*: exit status $got, expected $want"
	fi
}
# is FILE TEXT: FILE holds exactly TEXT.
is() {
	[ "$(cat "$tmp/$1")" = "$2" ] || {
		printf 'expected:\n%s\ngot:\n' "$2"
		cat "$tmp/$1"
		fail_later "$1 of the last command"
	}
}
events() {
	tail -n +2 "$log" | cut -f 1,3,4
}
json_of() { # json_of DECK/ID: the card's line of cards --json
	"$bin" cards --json | grep "\"deck\":\"${1%/*}\",\"id\":\"${1#*/}\"," | sed 's/,$//'
}

# Unknown ids and decks, bad arguments: nothing is written.
run 66 suspend study/capital study/capitl study/nothing
is err "quizdeck: error: deck 'study' has no card 'capitl' — did you mean 'study/capital'?
quizdeck: error: deck 'study' has no card 'nothing' (quizdeck cards study lists its cards)
quizdeck: error: nothing recorded: 2 unknown cards"
run 66 bury nodeck/capital
grep -q "no deck 'nodeck'" "$tmp/err" || fail_later "an unknown deck is not named"
run 64 suspend
is err "quizdeck suspend: no card given
usage: quizdeck suspend [--tags TAG]... [DECK/ID | DECK]... (see 'quizdeck help suspend')"
run 64 unsuspend study
grep -q "'study' is a deck, not a card" "$tmp/err" || fail_later "a deck alone is not refused"
run 64 bury study/Capital
grep -q "'study/Capital' is not DECK/ID" "$tmp/err" || fail_later "a bad id is not refused"
run 64 suspend /capital
[ ! -e "$log" ] || fail_later "a refused command wrote the log"

# DECK/ID: one event each; a card already suspended gets none.
run 0 suspend study/capital tagged/two
is out "suspended 2 cards"
run 0 suspend study/capital study/planet
is out "suspended 1 card (1 was already suspended)"
[ "$(events)" = "$(printf 'suspend\tstudy\tcapital\nsuspend\ttagged\ttwo\nsuspend\tstudy\tplanet')" ] ||
	{ events; fail_later "suspend: unexpected events"; }
json_of study/capital | grep -q '"suspended":true,"buried_until":null,' ||
	fail_later "cards --json: capital is not suspended"
# cards --state suspended lists exactly those, in the table and in JSON.
run 0 cards --state suspended study tagged
[ "$(awk 'NR > 1 { print $1 "/" $2 }' "$tmp/out" | tr '\n' ' ')" = "study/capital study/planet tagged/two " ] ||
	fail_later "cards --state suspended: $(cat "$tmp/out")"
run 0 cards --state suspended --json study tagged
[ "$(grep -c '"suspended":true' "$tmp/out")" = 3 ] &&
	[ "$(grep -c '"suspended":false' "$tmp/out")" = 0 ] ||
	fail_later "cards --state suspended --json: $(cat "$tmp/out")"

# bury: until the next day starts, in local time (Paris: 04:00 CET is
# 03:00 UTC); `cards --json` says it in UTC.
run 0 bury study/colour
is out "buried 1 card until 2025-03-02 04:00"
json_of study/colour | grep -q '"suspended":false,"buried_until":"2025-03-02T03:00:00Z",' ||
	fail_later "cards --json: colour is not buried until 03:00Z"
run 0 bury study/colour
is out "buried 0 cards (1 was already buried)"
QUIZDECK_NOW=2025-03-02T03:00:00Z json_of study/colour | grep -q '"buried_until":null,' ||
	fail_later "cards --json: colour still buried the next day"

# unsuspend lifts suspensions and burials alike.
run 0 unsuspend study/capital study/colour study/water
is out "unsuspended 2 cards (1 was neither suspended nor buried)"
json_of study/capital | grep -q '"suspended":false,"buried_until":null,' ||
	fail_later "unsuspend: capital still suspended"
json_of study/colour | grep -q '"suspended":false,"buried_until":null,' ||
	fail_later "unsuspend: colour still buried"

# --tags: a card's own tags and its deck's; a DECK alone limits the search.
run 0 suspend --tags hard
is out "suspended 2 cards"
json_of tagged/three | grep -q '"suspended":true' || fail_later "--tags hard: three"
json_of tagged/one | grep -q '"suspended":true' || fail_later "--tags hard: one"
run 0 unsuspend --tags geo
is out "unsuspended 3 cards"
run 0 bury --tags maths study tagged
is out "buried 1 card until 2025-03-02 04:00"
run 1 bury --tags geo study
is err "quizdeck: error: no card has this tag"
run 1 suspend --tags nosuchtag
is err "quizdeck: error: no card has this tag"

# The data directory cannot be written: 74, as every writer.
mkdir -p "$tmp/file" && : > "$tmp/file/x"
QUIZDECK_DATA=$tmp/file/x run 74 suspend study/rgb

# Leeches: 'planet' imported with 8 lapses (no session announced it: the
# mark comes from the reviews), 'capital' with 3.
awk 'BEGIN { d = 86400000; t = 1735722000000; print "card_id,review_time,review_rating"
	for (i = 0; i < 9; i++) {
		printf "study/planet,%.0f,%d\nstudy/planet,%.0f,3\n", t + i * d, i ? 1 : 4,
		       t + i * d + 600000
		if (i < 4)
			printf "study/capital,%.0f,%d\nstudy/capital,%.0f,3\n", t + i * d,
			       i ? 1 : 4, t + i * d + 600000 } }' > "$tmp/lapses.csv"
run 0 import-reviews "$tmp/lapses.csv"
run 0 cards --leeches study
is out "DECK   ID      STATE       DUE                   STABILITY  DIFFICULTY  REPS  LAPSES  QUESTION
study  planet  review      2025-01-10 10:10           0.04        9.95    18       8  Which planet is closest…"
run 0 cards --leeches --json study
is out '[
{"deck":"study","id":"planet","state":"review","stability":0.03685462,"difficulty":9.95482444,"due":"2025-01-10T09:10:00Z","reps":18,"lapses":8,"last_review":"2025-01-09T09:10:00Z","suspended":true,"buried_until":null,"type":"typed","question":"Which planet is closest to the Sun?"}
]'
run 0 cards --leeches --json tagged
is out '[]'
run 0 stats study
grep -q '^leeches: 1$' "$tmp/out" && grep -q '^  study/planet  8 lapses, suspended$' "$tmp/out" ||
	{ cat "$tmp/out"; fail_later "stats: the leech is not listed"; }
run 0 stats --json study
grep -q '^"leeches":\[{"deck":"study","id":"planet","lapses":8,"suspended":true}\]}$' "$tmp/out" ||
	{ cat "$tmp/out"; fail_later "stats --json: the leech is not listed"; }

# leech_action: tag, leech_threshold: 4: 'capital' fails a 4th time in a
# session: announced, not suspended (no event), and listed.
mkdir -p "$XDG_CONFIG_HOME/quizdeck"
printf 'leech_threshold: 4\nleech_action: tag\n' > "$XDG_CONFIG_HOME/quizdeck/config.yaml"
printf '\n1\n' | "$bin" study --new 0 study > "$tmp/out" 2> "$tmp/err" ||
	{ cat "$tmp/err"; fail_later "the tag session failed"; }
grep -q 'This card is a leech: you have forgotten it 4 times. Rewrite it' "$tmp/out" ||
	{ cat "$tmp/out"; fail_later "tag: the leech is not announced"; }
[ "$(tail -n 1 "$log" | cut -f 1,4,5)" = "$(printf 'review\tcapital\t1')" ] ||
	{ tail -n 2 "$log"; fail_later "tag: something was written after the rating"; }
run 0 cards --leeches study
[ "$(cut -c 8-14 "$tmp/out" | tr -d ' ' | tr '\n' ' ')" = "ID capital planet " ] ||
	fail_later "tag: cards --leeches does not list both"
json_of study/capital | grep -q '"lapses":4,.*"suspended":false' ||
	fail_later "tag: capital is suspended"
finish "suspend, unsuspend, bury, leeches"

#!/bin/sh
# Daily limits and what the summary says is left for today, off a terminal:
# new_per_day and reviews_per_day are never exceeded, in one session or
# several on the same day, counted from the review log (the day of
# QUIZDECK_NOW, stepped from day to day); the summary counts what is really
# left today beside what is waiting; and off a terminal a session never
# waits for a learning step, it says when the next card is due.
# usage: study-limits.sh QUIZDECK
set -u
. "${0%/*}/lib.sh"
bin=$1
qd_env
cat > "$WORK/deck.yaml" <<'YAML'
deck: lim
title: Limits
cards:
  - {id: c1, type: basic, q: One?, a: one}
  - {id: c2, type: basic, q: Two?, a: two}
  - {id: c3, type: basic, q: Three?, a: three}
  - {id: c4, type: basic, q: Four?, a: four}
  - {id: c5, type: basic, q: Five?, a: five}
  - {id: c6, type: basic, q: Six?, a: six}
YAML
printf 'new_per_day: 3\nreviews_per_day: 2\n' > "$WORK/config.yaml"
export QUIZDECK_CONFIG="$WORK/config.yaml"
log=$QUIZDECK_DATA/reviews.log

# session NOW [ARGS...]: a session answering every card and rating it
# Easy (so it leaves its learning steps at once); transcript in $WORK/out.
session() {
	now=$1
	shift
	i=0 answers=
	while [ $i -lt 12 ]; do answers="$answers\neasy\n"; i=$((i + 1)); done
	printf "$answers" | QUIZDECK_NOW=$now "$bin" study "$WORK/deck.yaml" "$@" > "$WORK/out" 2> "$WORK/err" ||
		{ cat "$WORK/err"; fail "session at $now failed"; }
}
# on DAY: the reviews recorded on DAY (YYYY-MM-DD)
on() {
	grep -c "^review	$1T" "$log"
}
has() {
	grep -qF -- "$1" "$WORK/out" || { cat "$WORK/out"; fail_later "$2: the summary lacks '$1'"; }
}

# Day 1: one new card with --new 1; 2 more are allowed today, 5 wait.
session 2026-03-02T09:00:00Z --new 1
[ "$(on 2026-03-02)" = 1 ] || fail_later "--new 1: $(on 2026-03-02) reviews"
has "New cards left today: 2 (5 waiting; new_per_day is 3)." "--new 1"
# The same day, two more (new_per_day 3 in all), then none.
session 2026-03-02T12:00:00Z
[ "$(on 2026-03-02)" = 3 ] || fail_later "day 1: $(on 2026-03-02) new cards, the limit is 3"
has "New cards left today: 0 (3 waiting; new_per_day is 3)." "day 1"
session 2026-03-02T18:00:00Z
[ "$(on 2026-03-02)" = 3 ] || fail_later "day 1, third session: $(on 2026-03-02) new cards"
has "Nothing to study now." "day 1, third session"

# Day 11: the three cards are due; reviews_per_day 2 lets two through,
# then the three new cards left.
session 2026-03-12T09:00:00Z
n=$(grep "^review	2026-03-12T" "$log" | grep -c "	lim	c[123]	")
[ "$n" = 2 ] || fail_later "day 11: $n reviews of due cards, the limit is 2"
[ "$(on 2026-03-12)" = 5 ] || fail_later "day 11: $(on 2026-03-12) reviews, expected 2 + 3 new"
has "Reviews left today: 0 (1 due; reviews_per_day is 2)." "day 11"
# Later the same day: the limit still holds.
session 2026-03-12T20:00:00Z
[ "$(on 2026-03-12)" = 5 ] || fail_later "day 11, second session: the limit was exceeded"
has "Reviews left today: 0 (1 due; reviews_per_day is 2)." "day 11, second session"
# Day 12 (a day starts at 04:00): the card left over is reviewed.
session 2026-03-13T04:30:00Z
n=$(grep "^review	2026-03-13T" "$log" | grep -c "	lim	c[123]	")
[ "$n" = 1 ] || fail_later "day 12: $n reviews of the card left over"

# A deck's own limits (decks: in the settings) within the global ones, in
# a new log: lim (first) starts 1 new card a day, other (no limit of its
# own) the rest of new_per_day 3.
rm -f "$log"
cat > "$WORK/other.yaml" <<'YAML'
deck: other
title: Other
cards:
  - {id: o1, type: basic, q: Other one?, a: one}
  - {id: o2, type: basic, q: Other two?, a: two}
  - {id: o3, type: basic, q: Other three?, a: three}
YAML
printf 'new_per_day: 3\ndecks:\n  lim: {new_per_day: 1, reviews_per_day: 0}\n' > "$WORK/config.yaml"
session 2026-04-01T09:00:00Z "$WORK/other.yaml"
[ "$(grep "^review	2026-04-01T" "$log" | grep -c "	lim	")" = 1 ] ||
	fail_later "deck limit: lim started more than its 1 card"
[ "$(grep "^review	2026-04-01T" "$log" | grep -c "	other	")" = 2 ] ||
	fail_later "deck limit: other did not start the 2 cards left of new_per_day"
has "New cards left today: 0 (6 waiting; new_per_day is 3)." "deck limit, both decks"
# lim alone, the next day: 1 new card again (of the 3 the day allows);
# on day 11 its card is due, but it reviews none (reviews_per_day: 0 of
# its own), and starts 1 new card.
session 2026-04-02T09:00:00Z
[ "$(grep -c "^review	2026-04-02T" "$log")" = 1 ] ||
	fail_later "deck limit, next day: $(grep -c "^review	2026-04-02T" "$log") cards, expected 1"
has "New cards left today: 0 (4 waiting; the decks' own limits)." "deck limit, next day"
session 2026-04-12T09:00:00Z
[ "$(grep -c "^review	2026-04-12T" "$log")" = 1 ] ||
	fail_later "deck limit, day 11: $(grep -c "^review	2026-04-12T" "$log") cards, expected 1"
has "Reviews left today: 0 (2 due; the decks' own limits)." "deck limit, day 11"

# Off a terminal a session never waits: with learn_ahead 0 a card rated
# Good (10 min) ends the session with when it is due.
printf 'learn_ahead: 0\n' > "$WORK/config.yaml"
rm -f "$log"
printf '\ngood\n' | QUIZDECK_NOW=2026-03-02T09:00:00Z timeout 20 "$bin" study --new 1 \
	"$WORK/deck.yaml" > "$WORK/out" 2> "$WORK/err" || fail_later "the session did not end at once"
has "Next card due in 10 min." "off a terminal"
finish

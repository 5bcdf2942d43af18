#!/bin/sh
# Times a person reads are in local time (TZ), ISO UTC stays in --json and
# the review log: the session summary's "Next due" and the `cards` DUE
# column under TZ=America/New_York (UTC-5 in November) and TZ=UTC.
# usage: local-time.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
deck=$src/tests/e2e/decks/study.yaml
qd_env
export QUIZDECK_NOW=2026-11-24T09:30:00Z

# The first card (basic) answered right and rated Good: due again in 10 minutes,
# 09:40 UTC, 04:40 in New York.
printf 'Paris\ng\n' | TZ=America/New_York "$bin" study --new 1 "$deck" \
	>"$WORK/out" 2>"$WORK/err" || { cat "$WORK/err"; fail "study failed"; }
grep -qF 'Next due: in 10m (2026-11-24 04:40).' "$WORK/out" ||
	{ cat "$WORK/out"; fail_later "summary: next due not in New York time"; }
grep -q '^review.*2026-11-24T09:30:00' "$QUIZDECK_DATA/reviews.log" ||
	{ cat "$QUIZDECK_DATA/reviews.log"; fail_later "log: the review is not dated in UTC"; }

out=$(TZ=America/New_York "$bin" cards "$deck" | grep '^study *capital ')
case $out in
*' 2026-11-24 04:40 '*) ;;
*) fail_later "cards: DUE not in New York time: $out" ;;
esac
out=$(TZ=UTC "$bin" cards "$deck" | grep '^study *capital ')
case $out in
*' 2026-11-24 09:40 '*) ;;
*) fail_later "cards (TZ=UTC): DUE is not 09:40: $out" ;;
esac
out=$(TZ=America/New_York "$bin" cards --json "$deck" | grep '"id":"capital"')
case $out in
*'"due":"2026-11-24T09:40:00Z"'*) ;;
*) fail_later "cards --json: due is not ISO UTC: $out" ;;
esac
finish

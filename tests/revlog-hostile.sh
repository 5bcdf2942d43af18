#!/bin/sh
# Hostile and odd review logs and CSV files through the real binary: a
# review dated in the future, a log converted to CRLF, a log locked by
# another writer (exit 75), CSV rows with a NUL byte or a time beyond year
# 9999.
# usage: revlog-hostile.sh QUIZDECK SCRATCH_DIR
set -u
QD=$1
T=$2
. "${0%/*}/lib.sh"
qd_env "$T"
export QUIZDECK_NOW=2026-11-24T09:30:00Z
unset QUIZDECK_LOCK_TIMEOUT
check() { # check DESCRIPTION EXPECTED ACTUAL
	[ "$2" = "$3" ] ||
		fail_later "$(printf '%s\n--- expected\n%s\n--- got\n%s' "$1" "$2" "$3")"
}

# A review a year after now: cards and export-reviews say which card it
# hides, once, at its line; one an hour ahead is no news.
cat >"$T/future.csv" <<'CSV'
card_id,review_time,review_rating
rust-uses/borrow-1,1795516200000,3
rust-uses/rc-1,1827048600000,3
rust-uses/box-2,1827048600001,3
CSV
out=$(QUIZDECK_DATA="$T/future" "$QD" import-reviews "$T/future.csv" 2>&1)
check "future import" "imported 3 reviews, skipped 0 already present" "$out"
warning="$T/future/reviews.log:3:1: warning: review of 'rust-uses/rc-1' is dated 2027-11-24T09:30:00.000Z, after now (2026-11-24T09:30:00.000Z): the card's state is derived from a review in the future, so it is not due before then (1 more review is dated after now)"
QUIZDECK_DATA="$T/future" "$QD" cards >/dev/null 2>"$T/err"
check "cards: future review" "$warning" "$(cat "$T/err")"
QUIZDECK_DATA="$T/future" "$QD" export-reviews >/dev/null 2>"$T/err"
check "export-reviews: future review" "$warning" "$(cat "$T/err")"
QUIZDECK_NOW=2027-11-24T09:30:00Z QUIZDECK_DATA="$T/future" "$QD" cards >/dev/null 2>"$T/err"
check "cards: no review in the future" "" "$(cat "$T/err")"

# A log converted to CRLF loads whole and takes appends.
mkdir -p "$T/crlf" && sed 's/$/\r/' "$T/future/reviews.log" >"$T/crlf/reviews.log"
out=$(QUIZDECK_DATA="$T/crlf" "$QD" export-reviews 2>/dev/null | wc -l)
check "CRLF log: every review" 4 "$out"
out=$(QUIZDECK_DATA="$T/crlf" "$QD" import-reviews "$T/future.csv" 2>&1)
check "CRLF log: import" "imported 0 reviews, skipped 3 already present" "$out"

# Another writer holds the log's lock: import-reviews waits
# QUIZDECK_LOCK_TIMEOUT seconds, then exits 75 naming the log (it used to
# wait forever: timeout(1) stops it here).
mkdir -p "$T/locked" && printf 'quizdeck-log 1\n' >"$T/locked/reviews.log"
exec 9>>"$T/locked/reviews.log"
flock 9 || fail_later "flock(1) cannot lock"
out=$(QUIZDECK_LOCK_TIMEOUT=0.2 QUIZDECK_DATA="$T/locked" timeout 20 "$QD" import-reviews \
	"$T/future.csv" 2>&1 9>&-)
status=$?
exec 9>&-
check "locked log: exit status" 75 "$status"
check "locked log: message" "quizdeck: error: '$T/locked/reviews.log' stayed locked by another quizdeck for 0.N s; try again when it has finished (QUIZDECK_LOCK_TIMEOUT sets how long to wait)" "$(printf '%s' "$out" | sed 's/for 0\.[0-9] s/for 0.N s/')"
out=$(QUIZDECK_DATA="$T/locked" "$QD" import-reviews "$T/future.csv" 2>&1)
check "unlocked log: import" "imported 3 reviews, skipped 0 already present" "$out"
out=$(QUIZDECK_LOCK_TIMEOUT=soon QUIZDECK_DATA="$T/locked" "$QD" import-reviews "$T/future.csv" 2>&1)
check "bad QUIZDECK_LOCK_TIMEOUT: exit status" 64 $?
check "bad QUIZDECK_LOCK_TIMEOUT: message" "quizdeck: error: QUIZDECK_LOCK_TIMEOUT: 'soon' is not a number of seconds (like 5 or 0.5, at most 86400)" "$out"

# CSV: a NUL byte in a field is an error at the byte, not a shorter id; a
# time after year 9999 is out of range, not "not a whole number".
printf 'card_id,review_time,review_rating\nrust-uses/ok,1795512600000,3\nrust-uses/a\000b,1795512600000,3\n' >"$T/nul.csv"
out=$(QUIZDECK_DATA="$T/nul" "$QD" import-reviews "$T/nul.csv" 2>&1)
check "import-reviews: NUL in card_id" "$T/nul.csv:3:12: error: card_id holds a NUL byte (no field may hold one)
quizdeck: nothing imported: 1 error in '$T/nul.csv'" "$out"
check "import-reviews: nothing logged" "no log" "$(test -e "$T/nul/reviews.log" && echo log || echo no log)"
printf 'card_id,review_time,review_rating\nrust-uses/a,253402300800000,3\n' >"$T/y10k.csv"
out=$(QUIZDECK_DATA="$T/y10k" "$QD" import-reviews "$T/y10k.csv" 2>&1)
check "import-reviews: year 10000" "$T/y10k.csv:2:13: error: review_time '253402300800000' is out of range: the latest time is 253402300799999 (9999-12-31T23:59:59.999Z)
quizdeck: nothing imported: 1 error in '$T/y10k.csv'" "$out"

finish

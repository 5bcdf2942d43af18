#!/usr/bin/env bash
# A full disk in the middle of a session, simulated with a file-size limit
# (ulimit -f; works as root, unlike permissions): the rating that cannot be
# saved is not acknowledged (no next card), the session stops with status
# 74 and a message naming the log, and the log still loads with every
# earlier review.
set -u
. "${0%/*}/lib.sh"
bin=$1
qd_env
work=$WORK
export QUIZDECK_NOW=2026-11-24T09:30:00Z QUIZDECK_CONFIG=/dev/null NO_COLOR=1

# Fill the log to just under one 1024-byte block with imported reviews.
{
	echo card_id,review_time,review_rating
	# (a card no deck has: its reviews are kept in the log all the same)
	for i in $(seq 1 40); do echo "rust-uses/an-old-card1,$((1700000000000 + i * 1000)),3"; done
} >"$work/all.csv"
n=2
while :; do
	head -n "$n" "$work/all.csv" >"$work/some.csv"
	"$bin" import-reviews "$work/some.csv" >/dev/null || fail "import"
	size=$(wc -c <"$QUIZDECK_DATA/reviews.log")
	[ "$size" -ge 960 ] && break
	n=$((n + 1))
done
[ "$size" -lt 1024 ] || fail "setup: log is $size bytes"
before=$(grep -c '^review' "$QUIZDECK_DATA/reviews.log")

# One more record cannot fit under a 1-block limit.
out=$( (ulimit -f 1; printf '\n\n\n\n' | "$bin" study --new 2) 2>"$work/err")
status=$?
[ "$status" -eq 74 ] || { cat "$work/err" >&2; fail "status $status, want 74"; }
grep -q "reviews.log" "$work/err" || fail "the message does not name the log: $(cat "$work/err")"
grep -q "not saved" "$work/err" || fail "the session does not say the answer was not saved"
case "$out" in *"[2/"*) fail "the next card was shown after a failed save" ;; esac

# The log loads (a torn tail at most) and keeps every earlier review.
"$bin" export-reviews >"$work/export.csv" 2>"$work/load" || fail "the log no longer loads"
after=$(($(wc -l <"$work/export.csv") - 1))
[ "$after" -eq "$before" ] || fail "$before reviews before, $after after"
cat "$work/err"
finish "full disk: status 74, nothing acknowledged, $after reviews kept"

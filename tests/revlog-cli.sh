#!/bin/sh
# End-to-end tests of import-reviews and export-reviews through the real
# binary: round trip, re-import adds nothing, bad rows reported with their
# lines and nothing imported, an unwritable data directory (exit 74), a log
# from a newer version (exit 65).
# usage: revlog-cli.sh QUIZDECK SCRATCH_DIR
set -u
. "${0%/*}/lib.sh"
QD=$1
qd_env "$2"
T=$WORK
export QUIZDECK_NOW=2026-11-24T09:30:00Z
check() { # check DESCRIPTION EXPECTED ACTUAL
	if [ "$2" != "$3" ]; then
		printf -- '--- expected\n%s\n--- got\n%s\n' "$2" "$3"
		fail_later "$1"
	fi
}

cat >"$T/in.csv" <<'CSV'
card_id,review_time,review_rating,review_state,review_duration
rust-uses/borrow-1,1795512600000,3,0,1200
"rust-uses/odd,id",1795512600001,1,,
borrow-1,1795599000000,4,2,800
CSV
out=$(QUIZDECK_DATA="$T/d1" "$QD" import-reviews --deck rust-uses "$T/in.csv" 2>&1)
check "first import" "imported 3 reviews, skipped 0 already present" "$out"
out=$(QUIZDECK_DATA="$T/d1" "$QD" import-reviews --deck rust-uses "$T/in.csv" 2>&1)
check "second import" "imported 0 reviews, skipped 3 already present" "$out"
check "data directory mode" "700" "$(stat -c %a "$T/d1")"
check "log header" "quizdeck-log 1" "$(head -n 1 "$T/d1/reviews.log")"

QUIZDECK_DATA="$T/d1" "$QD" export-reviews >"$T/out.csv" 2>"$T/err"
check "export status" 0 $?
check "export" 'card_id,review_time,review_rating,review_state,review_duration
rust-uses/borrow-1,1795512600000,3,0,1200
"rust-uses/odd,id",1795512600001,1,0,0
rust-uses/borrow-1,1795599000000,4,1,800' "$(cat "$T/out.csv")"
out=$(QUIZDECK_DATA="$T/d2" "$QD" import-reviews "$T/out.csv" 2>&1)
check "import of the export" "imported 3 reviews, skipped 0 already present" "$out"
QUIZDECK_DATA="$T/d2" "$QD" export-reviews >"$T/out2.csv"
check "round trip" "$(cat "$T/out.csv")" "$(cat "$T/out2.csv")"
out=$(QUIZDECK_DATA="$T/d1" "$QD" export-reviews --deck other)
check "export of another deck" "card_id,review_time,review_rating,review_state,review_duration" "$out"

cat >"$T/bad.csv" <<'CSV'
card_id,review_time,review_rating
rust-uses/a,1795512600000,3
b,1795512600000,3
rust-uses/c,-5,0
CSV
out=$(QUIZDECK_DATA="$T/d3" "$QD" import-reviews "$T/bad.csv" 2>&1)
check "bad rows status" 65 $?
check "bad rows" "$T/bad.csv:3:1: error: card_id 'b' has no deck: write DECK/CARD or give --deck DECK
$T/bad.csv:4:13: error: review_time '-5' is not milliseconds since 1970 (a whole number)
$T/bad.csv:4:16: error: review_rating '0' is not 1, 2, 3 or 4
quizdeck: nothing imported: 3 errors in '$T/bad.csv'" "$out"
check "nothing written for a bad file" "no" "$([ -e "$T/d3" ] && echo yes || echo no)"

# An unwritable data directory, in a way that holds for root too: its parent
# is a regular file, so mkdir fails with ENOTDIR.
: >"$T/file"
out=$(QUIZDECK_DATA="$T/file/quizdeck" "$QD" import-reviews --deck rust-uses "$T/in.csv" 2>&1)
check "unwritable status" 74 $?
check "unwritable message" "quizdeck: error: cannot create directory '$T/file/quizdeck': Not a directory" "$out"

mkdir -p "$T/d4" && printf 'quizdeck-log 2\n' >"$T/d4/reviews.log"
out=$(QUIZDECK_DATA="$T/d4" "$QD" export-reviews 2>&1)
check "newer log status" 65 $?
case $out in *"format version 2"*) ;; *) fail_later "newer log message: $out";; esac
out=$(QUIZDECK_DATA="$T/d4" "$QD" import-reviews --deck rust-uses "$T/in.csv" 2>&1)
check "newer log refuses appends" 65 $?
check "newer log untouched" "quizdeck-log 2" "$(cat "$T/d4/reviews.log")"

# A missing log is an empty history, and reading creates nothing.
out=$(QUIZDECK_DATA="$T/none" "$QD" export-reviews)
check "missing log" "card_id,review_time,review_rating,review_state,review_duration" "$out"
check "reading creates nothing" "no" "$([ -e "$T/none" ] && echo yes || echo no)"

# cards and stats: the state derived from the log, orphans kept and counted.
cat >"$T/t.yaml" <<'YAML'
deck: t
title: Tiny
cards:
  - id: a
    type: basic
    q: A?
    a: A.
  - id: b
    type: basic
    q: B?
    a: B.
  - id: c
    type: basic
    q: C?
    a: C.
YAML
printf 'card_id,review_time,review_rating,review_duration\nt/a,1795512600000,3,2000\nt/a,1795599000000,3,1500\nt/gone,1795599000000,1,500\nt/b,1795685400000,1,100\n' >"$T/t.csv"
export QUIZDECK_NOW=2026-11-26T12:00:00Z
QUIZDECK_DATA="$T/d5" "$QD" import-reviews "$T/t.csv" >/dev/null
out=$(QUIZDECK_DATA="$T/d5" "$QD" cards --json "$T/t.yaml")
check "cards --json" '[
{"deck":"t","id":"a","state":"review","stability":7.31530068,"difficulty":2.11121424,"due":"2026-12-02T09:30:00Z","reps":2,"lapses":0,"last_review":"2026-11-25T09:30:00Z","suspended":false,"buried_until":null,"type":"basic","question":"A?"},
{"deck":"t","id":"b","state":"learning","stability":0.212,"difficulty":6.4133,"due":"2026-11-26T09:31:00Z","reps":1,"lapses":0,"last_review":"2026-11-26T09:30:00Z","suspended":false,"buried_until":null,"type":"basic","question":"B?"},
{"deck":"t","id":"c","state":"new","stability":null,"difficulty":null,"due":null,"reps":0,"lapses":0,"last_review":null,"suspended":false,"buried_until":null,"type":"basic","question":"C?"}
]' "$out"
out=$(QUIZDECK_DATA="$T/d5" LC_ALL=de_DE.UTF-8 "$QD" cards "$T/t.yaml" 2>/dev/null)
check "cards table" 'DECK  ID  STATE       DUE                   STABILITY  DIFFICULTY  REPS  LAPSES  QUESTION
t     a   review      2026-12-02 09:30           7.32        2.11     2       0  A?
t     b   learning    2026-11-26 09:31           0.21        6.41     1       0  B?
t     c   new         -                             -           -     0       0  C?' "$out"
out=$(QUIZDECK_DATA="$T/d5" "$QD" stats --json "$T/t.yaml")
check "stats --json" '{"cards":{"total":3,"new":1,"learning":1,"review":1,"relearning":0},
"due":[{"date":"2026-11-26","cards":1},{"date":"2026-11-27","cards":0},{"date":"2026-11-28","cards":0},{"date":"2026-11-29","cards":0},{"date":"2026-11-30","cards":0},{"date":"2026-12-01","cards":0},{"date":"2026-12-02","cards":1},{"date":"2026-12-03","cards":0},{"date":"2026-12-04","cards":0},{"date":"2026-12-05","cards":0},{"date":"2026-12-06","cards":0},{"date":"2026-12-07","cards":0},{"date":"2026-12-08","cards":0},{"date":"2026-12-09","cards":0},{"date":"2026-12-10","cards":0}],
"reviews_per_day":[{"date":"2026-11-24","reviews":1},{"date":"2026-11-25","reviews":2},{"date":"2026-11-26","reviews":1}],
"retention_30d":null,
"streak_days":3,"reviews":4,"time_spent_ms":4100,"orphan_reviews":1,"orphan_cards":1,
"leeches":[]}' "$out"
out=$(QUIZDECK_DATA="$T/d5" "$QD" stats "$T/t.yaml" | tail -n 4)
check "stats text" 'retention (30 days): no reviews of review cards
streak: 3 days
time spent: 4s over 4 reviews
orphan reviews: 1 (of 1 card no longer in any deck)' "$out"
out=$(QUIZDECK_DATA="$T/file/quizdeck" "$QD" stats "$T/t.yaml" 2>&1)
check "stats on an unreadable data directory" 74 $?

finish "all passed"

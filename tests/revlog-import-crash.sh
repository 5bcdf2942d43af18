#!/bin/sh
# import-reviews killed in the middle of a batch, then run again: no review
# lost, none doubled. The import appends in batches of about 4 MiB, one
# write() each; QUIZDECK_TEST_KILL_IMPORT=BYTES makes it write exactly
# BYTES bytes of its records and then SIGKILL itself inside that write(),
# as a crash would leave it: the batches before durable, complete lines of
# the unacknowledged batch in the log, and a torn line. Run three times on
# one log of ~121,000 reviews (~8 MB): killed 100 bytes in (one complete
# line and a torn one), killed 6,000,037 bytes in (the first batch durable,
# a second one cut), then to the end. export-reviews must then give every
# row of the CSV exactly once, and the torn lines load as damaged lines.
# usage: revlog-import-crash.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
qd_env
log=$QUIZDECK_DATA/reviews.log
sh "$src/bench/gen-reviews.sh" "$WORK/in" 3001 40 || fail "cannot generate the input"
rows=$(($(wc -l < "$WORK/in/reviews.csv") - 1))

QUIZDECK_TEST_KILL_IMPORT=100 "$bin" import-reviews "$WORK/in/reviews.csv" > "$WORK/out1" 2>&1
st=$?
[ "$st" -eq 137 ] || fail "the first import was not killed (status $st): $(cat "$WORK/out1")"
[ "$(wc -c < "$log")" -eq $((15 + 100)) ] ||
	fail "the first import left $(wc -c < "$log") bytes, not the header and 100"

QUIZDECK_TEST_KILL_IMPORT=6000037 "$bin" import-reviews "$WORK/in/reviews.csv" \
	> "$WORK/out2" 2>&1
st=$?
[ "$st" -eq 137 ] || fail "the second import was not killed (status $st): $(cat "$WORK/out2")"
# Its first batch is durable, then a part of the second: the log ends torn.
"$bin" export-reviews > /dev/null 2> "$WORK/mid.err" || fail "export-reviews failed"
grep -q 'torn last line ignored' "$WORK/mid.err" ||
	fail_later "the second kill left no torn line: $(cat "$WORK/mid.err")"

"$bin" import-reviews "$WORK/in/reviews.csv" > "$WORK/out3" 2> "$WORK/err3" ||
	fail "the last import failed: $(cat "$WORK/err3")"
# What the killed runs left whole is skipped, the rest added.
added=$(sed -n 's/^imported \([0-9]*\) reviews, skipped \([0-9]*\) already present$/\1/p' "$WORK/out3")
skipped=$(sed -n 's/^imported \([0-9]*\) reviews, skipped \([0-9]*\) already present$/\2/p' "$WORK/out3")
[ -n "$added" ] && [ "$((added + skipped))" -eq "$rows" ] ||
	fail_later "the last import said: $(cat "$WORK/out3")"
[ "$skipped" -gt 50000 ] ||
	fail_later "the last import skipped $skipped, not the first batch and more"

"$bin" export-reviews > "$WORK/export.csv" 2> "$WORK/export.err" || fail "export-reviews failed"
# The two torn lines, each sealed by the next append, are damaged lines.
[ "$(grep -c 'damaged record (checksum mismatch); line skipped' "$WORK/export.err")" -eq 2 ] ||
	fail_later "expected two damaged lines: $(cat "$WORK/export.err")"
# Every row once: card, time, rating and duration, in any order.
tail -n +2 "$WORK/in/reviews.csv" | sort > "$WORK/want"
tail -n +2 "$WORK/export.csv" | awk -F, '{ print $1 "," $2 "," $3 "," $5 }' | sort > "$WORK/got"
[ "$(uniq -d "$WORK/got" | wc -l)" -eq 0 ] ||
	fail_later "reviews doubled: $(uniq -d "$WORK/got" | head -3)"
cmp -s "$WORK/want" "$WORK/got" ||
	fail_later "the log's reviews are not the CSV's: $(diff "$WORK/want" "$WORK/got" | head -5)"
finish "passed: $rows reviews, imported once each across two kills"

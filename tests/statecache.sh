#!/bin/sh
# The derived-state cache beside the review log (quizdeck/statecache.h)
# changes no output: on a generated log of 100,000 reviews (with undos,
# events, orphans and a deck never reviewed), `cards --json`, `cards`,
# `due --json`, `stats --json`, `export-reviews` and the first screen of a
# piped `study` are byte-identical (stdout, stderr and exit status) to the
# same commands run with no usable cache, in every case below; and the cache
# is used only when it may be (statecache-log used: "used" or "rebuilt"):
#   no cache; a fresh cache; reviews appended (only the tail replayed; the
#   cache rewritten once the tail is long; new cards among them);
#   one byte of the cache changed at seeded random offsets, its first and
#   last byte; the cache truncated; the cache written by four commands at
#   once; other weights, steps, day start, time
#   zone; the log rewritten with the same length and other content; one
#   byte of the log changed in place, its modification time put back; an
#   undo appended that cancels an early review; an event appended; a review
#   appended dated before the card's latest one; a damaged line appended;
#   a cache that cannot be written.
# usage: statecache.sh QUIZDECK STATECACHE_LOG
set -u
. "${0%/*}/lib.sh"
bin=$1 helper=$2
qd_env
log=$QUIZDECK_DATA/reviews.log
cache=$QUIZDECK_DATA/reviews.cache
# The last generated review is at 2026-03-11T10:39Z; now is later that day,
# so today's work (counted from the cache's recent reviews) matters.
export QUIZDECK_NOW=2026-03-11T18:00:00Z

decks=$XDG_DATA_HOME/quizdeck/decks
mkdir -p "$decks" "$XDG_CONFIG_HOME/quizdeck"
awk 'BEGIN { print "deck: big\ntitle: Big\ncards:"
	for (i = 0; i < 200; i++)
		printf "  - id: c%03d\n    type: basic\n    q: Term %d?\n    a: term %d\n    group: g%d\n", i, i, i, i / 2 }' \
	> "$decks/big.yaml"
awk 'BEGIN { print "deck: other\ntitle: Other\ncards:"
	for (i = 0; i < 60; i++)
		printf "  - id: o%02d\n    type: basic\n    q: Other %d?\n    a: other %d\n", i, i, i }' \
	> "$decks/other.yaml"

# outputs DIR: every command's stdout, stderr and status into DIR.
outputs() {
	rm -rf "$1"
	mkdir -p "$1"
	i=0
	for cmd in "cards --json" "cards --json big" "cards" "due --json" "due --json other" \
		"stats --json" "export-reviews" "study --seed 1"; do
		i=$((i + 1))
		# shellcheck disable=SC2086 # the command's words
		printf ':quit\n' | "$bin" $cmd > "$1/$i.out" 2> "$1/$i.err"
		echo "$cmd: $?" > "$1/$i.status"
	done
}
# reference: the outputs with no usable cache (a directory in its place:
# it can be neither read nor replaced), the cache file kept aside.
reference() {
	[ -f "$cache" ] && mv "$cache" "$WORK/cache.kept"
	mkdir "$cache"
	outputs "$WORK/ref"
	rmdir "$cache" || fail_later "$name: the cache's directory was touched"
	[ -f "$WORK/cache.kept" ] && mv "$WORK/cache.kept" "$cache"
	for f in "$WORK"/ref/*.status; do
		grep -q ': 0$' "$f" || fail "$name: $(cat "$f") ($(head -3 "${f%.status}.err"))"
	done
	grep -q '"deck":"big"' "$WORK/ref/1.out" || fail "$name: cards shows no card of big"
}
# same: the outputs now equal the reference.
same() {
	outputs "$WORK/got"
	diff -r "$WORK/ref" "$WORK/got" > "$WORK/diff" ||
		{ head -20 "$WORK/diff"; fail_later "$name: outputs differ from those without a cache"; }
}
# expect WORD: statecache-log used says WORD (used/rebuilt) on the cache as it is.
expect() {
	got=$("$helper" used) || fail_later "$name: statecache-log used failed"
	[ "$got" = "$1" ] || fail_later "$name: the cache was $got, expected $1"
}

name=generate
"$helper" gen "$log" 100000 1 || fail "cannot generate the log"

name=no-cache
reference
[ -e "$cache" ] && fail_later "$name: a cache was made where it could not be"
same
[ -f "$cache" ] || fail_later "$name: no cache was written"
expect used

name=cache-private
mode=$(stat -c %a "$cache")
[ "$mode" = 600 ] || fail_later "$name: the cache has mode $mode, expected 600"

name=fresh-cache
same
expect used

name=appended
# 300 reviews from 2026-03-11T11:00Z: the cache covers the first 100,000.
# A short tail is replayed and the cache left as it is.
"$helper" append "$log" 300 7 1773226800000 || fail "cannot append"
cp "$cache" "$WORK/stale"
reference
expect used # the tail replayed
cp "$WORK/stale" "$cache"
same
cmp -s "$WORK/stale" "$cache" || fail_later "$name: the cache was rewritten for a short tail"
expect used

name=appended-long
# 1,200 reviews more, every 6 s from 16:00Z (over 64 KiB): the cache is
# brought up to date.
"$helper" append "$log" 1200 8 1773244800000 6000 || fail "cannot append"
cp "$cache" "$WORK/stale"
reference
cp "$WORK/stale" "$cache"
same
cmp -s "$WORK/stale" "$cache" && fail_later "$name: the cache was not brought up to date"
expect used

name=appended-new-cards
# 100 reviews of new cards whose ids sort before every card of the cache,
# then 300 of known cards, from 18:00Z every 100 ms: each card of the tail
# is found in the cache, however many new ones come with it.
"$helper" append-new "$log" 100 400 9 1773252000000 100 || fail "cannot append"
reference
same
expect used

name=corrupted
# Its magic (0), version (8), byte-order mark (12), settings key (16), the
# log's length it covers (40), the checksum (its first and last byte) and
# 8 seeded offsets.
cp "$cache" "$WORK/good"
size=$(stat -c %s "$WORK/good")
for offset in 0 8 12 16 40 $((size - 4)) $((size - 1)) $(awk -v n="$size" 'BEGIN { srand(13); for (i = 0; i < 8; i++) printf "%d ", int(rand() * n) }'); do
	name=corrupted-at-$offset
	cp "$WORK/good" "$cache"
	# Flip every bit of the byte at offset.
	byte=$(od -An -tu1 -j "$offset" -N1 "$cache" | tr -d ' ')
	printf "$(printf '\\%03o' $((255 - byte)))" |
		dd of="$cache" bs=1 seek="$offset" conv=notrunc 2> /dev/null
	cmp -s "$WORK/good" "$cache" && fail "$name: the byte did not change"
	cp "$cache" "$WORK/bad"
	expect rebuilt
	cp "$WORK/bad" "$cache"
	same
	expect used
done

name=truncated
head -c $((size / 2)) "$WORK/good" > "$cache"
expect rebuilt
head -c $((size / 2)) "$WORK/good" > "$cache"
same
: > "$cache"
same

name=deleted
rm -f "$cache"
same
expect used

name=concurrent
# Four commands at once, each finding no cache and writing one: a whole
# cache is left, theirs or another's, and no temporary file.
for round in 1 2 3; do
	rm -f "$cache"
	for i in 1 2 3 4; do
		"$bin" cards --json > "$WORK/conc.$i.out" 2> "$WORK/conc.$i.err" &
	done
	wait
	for i in 1 2 3 4; do
		cmp -s "$WORK/conc.$i.out" "$WORK/ref/1.out" && [ ! -s "$WORK/conc.$i.err" ] ||
			fail_later "$name: round $round, command $i gave other output"
	done
	expect used
done
ls -A "$QUIZDECK_DATA" | grep '^\.' && fail_later "$name: temporary files left"

# Settings a card's state depends on: each makes the old cache stale.
for setting in weights steps day_start tz; do
	name=settings-$setting
	expect used
	case $setting in
	weights)
		echo 'weights: [0.3, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542]' \
			> "$XDG_CONFIG_HOME/quizdeck/config.yaml" ;;
	steps)
		printf 'learning_steps: [5m, 1h]\nrelearning_steps: [30m]\n' \
			> "$XDG_CONFIG_HOME/quizdeck/config.yaml" ;;
	day_start)
		echo 'day_start: 19' > "$XDG_CONFIG_HOME/quizdeck/config.yaml" ;;
	tz)
		TZ=Pacific/Kiritimati
		export TZ ;;
	esac
	cp "$cache" "$WORK/old"
	expect rebuilt
	cp "$WORK/old" "$cache"
	reference
	same
	expect used
done
rm -f "$XDG_CONFIG_HOME/quizdeck/config.yaml"
TZ=UTC

name=rewritten-same-length
"$helper" gen "$log" 100000 1 || fail "cannot generate the log"
reference
same
expect used
cp "$log" "$WORK/log.1"
"$helper" gen "$log" 100000 2 || fail "cannot generate the log"
[ "$(stat -c %s "$log")" = "$(stat -c %s "$WORK/log.1")" ] ||
	fail "$name: the rewritten log has another length"
cmp -s "$log" "$WORK/log.1" && fail "$name: the rewritten log is the same"
mv "$WORK/ref" "$WORK/ref.1"
cp "$cache" "$WORK/old"
expect rebuilt
cp "$WORK/old" "$cache"
reference
diff -r "$WORK/ref" "$WORK/ref.1" > /dev/null && fail_later "$name: the rewrite changed no output"
same
expect used

name=rewritten-in-place-times-kept
# One digit changed in place, between the samples of the log the cache
# checks, its modification time put back: only the change time tells.
expect used
size=$(stat -c %s "$log")
offset=$((size / 17 + 8192))
while :; do
	byte=$(od -An -c -j "$offset" -N1 "$log" | tr -d ' ')
	case $byte in [0-9]) break ;; esac
	offset=$((offset + 1))
done
touch -r "$log" "$WORK/stamp"
printf '%s' $(((byte + 1) % 10)) | dd of="$log" bs=1 seek="$offset" conv=notrunc 2> /dev/null
touch -r "$WORK/stamp" "$log"
cp "$cache" "$WORK/old"
expect rebuilt
cp "$WORK/old" "$cache"
reference
grep -q warning "$WORK/ref/1.err" || fail_later "$name: the changed line was not refused"
same
printf '%s' "$byte" | dd of="$log" bs=1 seek="$offset" conv=notrunc 2> /dev/null
reference
same
expect used

name=undo-early-review
# The first review of the log: c000 at 2026-01-01T00:00Z.
"$helper" undo "$log" big c000 1767225600000 || fail "cannot append"
mv "$WORK/ref" "$WORK/ref.1"
cp "$cache" "$WORK/old"
expect rebuilt
cp "$WORK/old" "$cache"
reference
diff -r "$WORK/ref" "$WORK/ref.1" > /dev/null && fail_later "$name: the undo changed no output"
same
expect used

name=event-appended
QUIZDECK_NOW=2026-03-11T17:00:00Z "$bin" suspend big/c010 > /dev/null || fail "cannot suspend"
QUIZDECK_NOW=2026-03-11T17:00:00Z "$bin" bury other/o57 > /dev/null || fail "cannot bury"
cp "$cache" "$WORK/old"
expect used
cp "$WORK/old" "$cache"
reference
same

name=appended-out-of-order
# Reviews of o50..o54 (new since the log was rewritten) and of c005 at
# 2026-01-01T00:05Z, dated before c005's latest one: only a whole replay
# orders it.
"$helper" append "$log" 6 3 1767225600000 || fail "cannot append"
cp "$cache" "$WORK/old"
expect rebuilt
cp "$WORK/old" "$cache"
reference
same

name=damaged-line
printf 'review\tgarbage\n' >> "$log"
reference
grep -q warning "$WORK/ref/1.err" || fail_later "$name: no warning about the damaged line"
same
expect rebuilt
expect rebuilt

finish

#!/bin/sh
# An Anki package's review log, converted and appended to the review log as
# `quizdeck import PACKAGE --with-reviews` does (tests/anki-tool.c), gives
# the same `cards --json` as the same reviews written as an FSRS revlog CSV
# and replayed through `quizdeck import-reviews`; importing twice adds
# nothing; the deck passes `check`; every package format gives the same
# deck and reviews.
# usage: anki-reviews.sh QUIZDECK SOURCE_DIR ANKI_TOOL
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2 tool=$3
qd_env
export QUIZDECK_NOW=2023-12-01T09:00:00Z

for f in anki2 anki21 anki21b; do
	pkg=$WORK/$f.apkg
	"$tool" make $f "$pkg" || fail "$f: cannot make the package"
	QUIZDECK_DATA=$WORK/direct-$f "$tool" import "$pkg" "$WORK/$f.yaml" "$WORK/$f.csv" \
		> "$WORK/out" 2> "$WORK/err" || fail "$f: import failed: $(cat "$WORK/err")"
	grep -qx 'imported 13 reviews, skipped 0 already present' "$WORK/out" ||
		fail_later "$f: first import: $(cat "$WORK/out")"
	QUIZDECK_DATA=$WORK/direct-$f "$tool" import "$pkg" "$WORK/$f.yaml" "$WORK/$f.csv" \
		> "$WORK/out" 2> "$WORK/err" || fail "$f: second import failed: $(cat "$WORK/err")"
	grep -qx 'imported 0 reviews, skipped 13 already present' "$WORK/out" ||
		fail_later "$f: second import is not idempotent: $(cat "$WORK/out")"
	"$bin" check "$WORK/$f.yaml" > "$WORK/out" 2>&1 ||
		fail_later "$f: check fails: $(cat "$WORK/out")"
	QUIZDECK_DATA=$WORK/csv-$f "$bin" import-reviews "$WORK/$f.csv" > "$WORK/out" 2>&1 ||
		fail_later "$f: import-reviews failed: $(cat "$WORK/out")"
	QUIZDECK_DATA=$WORK/direct-$f "$bin" cards --json "$WORK/$f.yaml" > "$WORK/direct.json" ||
		fail_later "$f: cards failed (direct)"
	QUIZDECK_DATA=$WORK/csv-$f "$bin" cards --json "$WORK/$f.yaml" > "$WORK/csv.json" ||
		fail_later "$f: cards failed (csv)"
	cmp -s "$WORK/direct.json" "$WORK/csv.json" ||
		fail_later "$f: cards --json differs: $(diff "$WORK/direct.json" "$WORK/csv.json")"
	# The history is there: reviewed cards, one relearnt.
	grep -q '"reps":5' "$WORK/direct.json" ||
		fail_later "$f: the card reviewed five times is not: $(cat "$WORK/direct.json")"
	grep -q '"state":"new"' "$WORK/direct.json" ||
		fail_later "$f: the typed card, never reviewed, is not new"
	cp "$WORK/direct.json" "$WORK/$f.json"
done
# The same deck and the same states from every format (the deck's source
# names its file).
for f in anki2 anki21; do
	sed '/^source: /d' "$WORK/$f.yaml" > "$WORK/a"
	sed '/^source: /d' "$WORK/anki21b.yaml" > "$WORK/b"
	cmp -s "$WORK/a" "$WORK/b" || fail_later "$f and anki21b give different decks: $(diff "$WORK/a" "$WORK/b")"
	cmp -s "$WORK/$f.json" "$WORK/anki21b.json" || fail_later "$f and anki21b give different states"
done
finish "the converted history replays as import-reviews replays it, in every format"

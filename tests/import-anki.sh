#!/bin/sh
# `quizdeck import PACKAGE -o DECK.yaml --with-reviews` on the test
# collection in each package format (made by tests/anki-tool with sqlite3,
# libzip and libzstd): the deck is the Anki reader's, passes `check`, and
# the review history it appends gives the same `cards --json` as the same
# reviews written as an FSRS revlog CSV and replayed through
# `quizdeck import-reviews`; importing again with --update adds nothing and
# changes nothing. A package that is not one exits 65 naming the file, with
# nothing written; --with-reviews without a package is a usage error.
#
# usage: import-anki.sh QUIZDECK SOURCE_DIR ANKI_TOOL
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2 tool=$3
qd_env
cd "$WORK" || fail "cd $WORK"
export QUIZDECK_NOW=2023-12-01T09:00:00Z

for f in anki2 anki21 anki21b; do
	"$tool" make $f $f.apkg || fail "$f: cannot make the package"
	# the library's deck, and the converted reviews as a CSV
	QUIZDECK_DATA=$WORK/scratch-$f "$tool" import $f.apkg lib-$f.yaml $f.csv > /dev/null 2>&1 ||
		fail "$f: anki-tool import failed"
	QUIZDECK_DATA=$WORK/cmd-$f "$bin" import $f.apkg -o $f.yaml --with-reviews \
		> $f.out 2> $f.err || { cat $f.err >&2; fail "$f: import --with-reviews failed"; }
	printf '%s\n' "$f.yaml: deck 'spanish', 7 cards: 7 added, 0 updated, 0 kept" \
		'imported 13 reviews, skipped 0 already present' > want.out
	cmp -s want.out $f.out || { diff want.out $f.out >&2; fail_later "$f: what import says"; }
	grep -q "^$f.apkg: warning: 1 review-log entry skipped: their card is deleted" $f.err ||
		{ cat $f.err >&2; fail_later "$f: the skipped reviews are not reported"; }
	cmp -s lib-$f.yaml $f.yaml || { diff lib-$f.yaml $f.yaml >&2; fail_later "$f: not the reader's deck"; }
	"$bin" check $f.yaml > check.out 2>&1 || { cat check.out >&2; fail_later "$f: check fails"; }

	QUIZDECK_DATA=$WORK/csv-$f "$bin" import-reviews $f.csv > /dev/null 2> csv.err ||
		{ cat csv.err >&2; fail_later "$f: import-reviews failed"; }
	QUIZDECK_DATA=$WORK/cmd-$f "$bin" cards --json $f.yaml > cmd.json || fail_later "$f: cards (import)"
	QUIZDECK_DATA=$WORK/csv-$f "$bin" cards --json $f.yaml > csv.json || fail_later "$f: cards (csv)"
	cmp -s cmd.json csv.json || { diff cmd.json csv.json >&2; fail_later "$f: cards --json differs"; }
	grep -q '"reps":5' cmd.json || fail_later "$f: the card reviewed five times is not"
	grep -q '"state":"review"' cmd.json || fail_later "$f: no card in review"

	# again, into the deck it made: nothing added, the deck the same
	cp $f.yaml before.yaml
	QUIZDECK_DATA=$WORK/cmd-$f "$bin" import $f.apkg --update $f.yaml --with-reviews \
		> again.out 2> /dev/null || fail_later "$f: import --update --with-reviews failed"
	grep -qx 'imported 0 reviews, skipped 13 already present' again.out ||
		fail_later "$f: importing again is not idempotent: $(cat again.out)"
	cmp -s before.yaml $f.yaml || fail_later "$f: importing again changed the deck"
	QUIZDECK_DATA=$WORK/cmd-$f "$bin" cards --json $f.yaml > again.json
	cmp -s cmd.json again.json || fail_later "$f: importing again changed the states"
done

# bad packages: status 65 naming the file, nothing written, the log untouched
printf 'not a zip at all\n' > text.apkg
printf 'PK\003\004\024\000\000\000broken' > cut.apkg
for p in text cut; do
	QUIZDECK_DATA=$WORK/bad "$bin" import $p.apkg -o $p.yaml --with-reviews > $p.out 2> $p.err
	st=$?
	[ $st -eq 65 ] || fail_later "$p.apkg: exit $st, not 65"
	grep -q "$p.apkg" $p.err || { cat $p.err >&2; fail_later "$p.apkg: the message names no file"; }
	grep -q '^quizdeck: nothing written: 1 error$' $p.err ||
		{ cat $p.err >&2; fail_later "$p.apkg: not 'nothing written'"; }
	[ ! -e $p.yaml ] || fail_later "$p.apkg: a deck was written"
	[ ! -s $p.out ] || fail_later "$p.apkg: output on stdout"
done
[ ! -e "$WORK/bad/reviews.log" ] || fail_later "bad packages: a review log was written"

printf 'q,a\nx,y\n' > t.csv
"$bin" import t.csv -o t.yaml --with-reviews > /dev/null 2> t.err
[ $? -eq 64 ] || fail_later "--with-reviews without a package: not 64"
grep -q 'with-reviews goes with an Anki package' t.err || fail_later "--with-reviews: message"
[ ! -e t.yaml ] || fail_later "--with-reviews without a package: a deck was written"

finish "every format: the deck, and the history as import-reviews replays it"

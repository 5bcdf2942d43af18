#!/bin/sh
# `quizdeck decks --copy rust-uses` writes the bundled deck to the decks
# folder, byte for byte; `check rust-uses` then checks that copy (and
# passes it); the copy is used in place of the bundled deck (its id is the
# same), with no duplicate-id error, by `decks`, `study` and `cards`; a
# review of the bundled deck made before the copy stays the card's history.
# A second copy is refused unless --force; --copy of a deck already in the
# folder, or of no deck, is an error. A deck file is copied as ID.yaml, a
# broken one is not.
#
# usage: decks-copy.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
qd_env
export QUIZDECK_NOW=2026-11-24T09:30:00Z
d=$XDG_DATA_HOME/quizdeck/decks
copy=$d/rust-uses.yaml

# a review of the bundled deck's first new card, before the copy
printf '\n3\n' | "$bin" study --new 1 --seed 1 > study1.out 2> study1.err ||
	{ cat study1.err >&2; fail "study before the copy"; }
grep -q '1 card reviewed' study1.out || { cat study1.out >&2; fail "no review before the copy"; }
first=$(awk -F '\t' '$1 == "review" { print $4 }' "$QUIZDECK_DATA/reviews.log")
[ -n "$first" ] || fail "no review in the log"

# the copy
"$bin" decks --copy rust-uses > copy.out 2> copy.err || { cat copy.err >&2; fail "decks --copy"; }
[ ! -s copy.err ] || { cat copy.err >&2; fail "decks --copy: output on stderr"; }
cmp -s "$src/decks/rust-uses.yaml" "$copy" || fail "the copy is not the bundled deck"
grep -qF "$copy" copy.out || { cat copy.out >&2; fail "decks --copy does not say where"; }
[ -z "$(ls -A "$d" | grep -v '^rust-uses\.yaml$')" ] || { ls -la "$d" >&2; fail "a temporary file is left"; }

# check passes it, and checks the copy (not the bundled deck)
"$bin" check rust-uses > check.out 2> check.err || { cat check.err >&2; fail "check rust-uses"; }
[ ! -s check.err ] || { cat check.err >&2; fail "check rust-uses: diagnostics"; }
cp "$copy" good.yaml
printf -- '- id: broken\n' >> "$copy"
if "$bin" check rust-uses > /dev/null 2> check.err; then fail "check rust-uses: not the copy"; fi
grep -qF "$copy:" check.err || { cat check.err >&2; fail "check rust-uses: not the copy's error"; }
cp good.yaml "$copy"

# decks: the copy is used, the bundled deck is shown as shadowed by it
"$bin" decks > decks.out 2> decks.err || { cat decks.err >&2; fail "decks"; }
[ ! -s decks.err ] || { cat decks.err >&2; fail "decks: duplicate id?"; }
grep -qF "($copy)" decks.out || { cat decks.out >&2; fail "decks: the copy is not listed"; }
grep -qF "(<bundled>/rust-uses.yaml; shadowed by $copy)" decks.out ||
	{ cat decks.out >&2; fail "decks: the bundled deck is not shown as shadowed"; }
"$bin" decks --json > decks.json || fail "decks --json"
grep -qF '"shadowed_by": ' decks.json || { cat decks.json >&2; fail "decks --json: no shadowed_by"; }

# the copy's text is what study shows, by default and by id (eleven minutes
# on, when the card reviewed before the copy is due again and comes first)
sed -i 's/^  text: Rust is used for building/  text: Rust, as copied, is used for building/' "$copy"
grep -q 'Rust, as copied, is used' "$copy" || fail "cannot edit the copy"
for args in "" "rust-uses"; do
	# shellcheck disable=SC2086
	printf ':quit\n' | QUIZDECK_NOW=2026-11-24T09:41:00Z "$bin" study --seed 1 $args \
		> study2.out 2> study2.err ||
		{ cat study2.err >&2; fail "study $args after the copy"; }
	[ ! -s study2.err ] || { cat study2.err >&2; fail "study $args: output on stderr"; }
	grep -q 'Rust, as copied, is used' study2.out || { cat study2.out >&2; fail "study $args: not the copy"; }
done

# the history: the review before the copy is the copy's card's
"$bin" cards --json > cards.json 2> cards.err || { cat cards.err >&2; fail "cards --json"; }
grep -q "\"deck\":\"rust-uses\",\"id\":\"$first\",\"state\":\"learning\".*\"reps\":1," cards.json ||
	{ grep "$first" cards.json >&2; fail "the review before the copy is not the copy's card's"; }
"$bin" stats > stats.out 2> stats.err || fail "stats"
if grep -q 'orphan' stats.out && ! grep -q 'orphan reviews: 0' stats.out; then
	grep orphan stats.out >&2
	fail "stats: orphan reviews after the copy"
fi
printf '\n3\n' | "$bin" study --new 0 --seed 1 > study3.out 2>&1 || fail "study after the copy"

# a second copy is refused; --force writes the bundled deck again
if "$bin" decks --copy rust-uses > again.out 2> again.err; then fail "a second copy was not refused"; fi
grep -qF "$copy" again.err || { cat again.err >&2; fail "the refusal does not name the file"; }
grep -q 'Rust, as copied' "$copy" || fail "the refused copy changed the file"
"$bin" decks --copy rust-uses --force > force.out 2> force.err || { cat force.err >&2; fail "--force"; }
cmp -s "$src/decks/rust-uses.yaml" "$copy" || fail "--force did not write the bundled deck"

# no such deck
rc=0
"$bin" decks --copy no-such-deck > /dev/null 2> none.err || rc=$?
[ "$rc" -eq 66 ] || { cat none.err >&2; fail "--copy of no deck: exit $rc, not 66"; }

# a deck file is copied as ID.yaml; a broken one is not
"$bin" decks --copy "$src/tests/e2e/decks/study.yaml" > file.out 2> file.err ||
	{ cat file.err >&2; fail "--copy FILE"; }
cmp -s "$src/tests/e2e/decks/study.yaml" "$d/study.yaml" || fail "--copy FILE: not ID.yaml"
printf 'deck: broken\ntitle: B\ncards:\n  - id: c1\n    type: basic\n    q: hi\n' > broken.yaml
rc=0
"$bin" decks --copy broken.yaml > /dev/null 2> broken.err || rc=$?
[ "$rc" -eq 65 ] || { cat broken.err >&2; fail "--copy of a broken deck: exit $rc, not 65"; }
grep -q "broken.yaml:4:5: error: card 'c1': missing 'a'" broken.err || { cat broken.err >&2; fail "--copy of a broken deck: no position"; }
[ ! -e "$d/broken.yaml" ] || fail "a broken deck was copied"
rc=0
"$bin" decks --force > /dev/null 2>&1 || rc=$?
[ "$rc" -eq 64 ] || fail "--force without --copy: exit $rc, not 64"
finish

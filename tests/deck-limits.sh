#!/bin/sh
# A large deck loads, and the deck limits (include/quizdeck/limits.h,
# docs/deck-format.md "Limits") hold at their documented values:
#
# - a deck of 100,000 cards of every type (about 14 MB), written here,
#   checks clean (no error, no warning) within a generous bound: the loader
#   once took seconds for it and refused it (over 1 MiB, over 10,000 cards)
# - a list of exactly 1,000,000 cards is not "too many"; 1,000,001 are
# - a file of 64 MiB + 1 byte is refused before it is read
#
# usage: deck-limits.sh QUIZDECK
set -eu
q=$1
. "${0%/*}/lib.sh"
qd_env
# bounded SECONDS COMMAND...: runs COMMAND, failing if it takes longer
bounded() {
	limit=$1
	shift
	rc=0
	timeout "$limit" "$@" || rc=$?
	[ "$rc" -ne 124 ] || fail "over ${limit}s: $*"
	return "$rc"
}

# 100,000 cards, 20 of each kind in turn; answers never appear in their
# questions, every question is its own (the deck checks clean).
awk 'BEGIN {
	split("amber basalt cobalt dune ember fjord garnet harbor indigo jasper", ans, " ")
	print "deck: big\ntitle: A hundred thousand cards\ndescription: Every type of card."
	print "cards:"
	for (i = 0; i < 100000; i++) {
		k = i % 20; a = ans[i % 10 + 1]; b = ans[(i + 3) % 10 + 1]
		printf "- id: card-%d\n", i
		if (k < 7) {
			printf "  type: basic\n  q: What does the loader keep in step %d?\n", i
			printf "  a: The %s of the parser\n", a
			if (k == 0) printf "  explain: \"It is \\\"kept\\\" as written in step %d.\"\n", i
			if (k == 5) printf "  explain: |\n    Kept as written,\n    in step %d.\n", i
		} else if (k < 10) {
			printf "  type: typed\n  q: Which stone is step %d?\n  a: %s\n", i, a
			printf "  accept: [%s-%d, \x27%s %d\x27]\n", b, i, b, i
		} else if (k < 13) {
			printf "  type: choice\n  q: Which one is step %d?\n", i
			printf "  choices: [%s one, %s two, %s three, %s four]\n  a: %s three\n", a, a, a, a, a
		} else if (k == 13) {
			printf "  type: multi\n  q: Which of these are kept in step %d?\n  choices:\n", i
			printf "    - %s red\n    - %s green\n    - %s blue\n    - %s black\n", a, a, a, a
			printf "    - %s white\n  a: [%s red, %s blue]\n", a, a, a
		} else if (k < 16) {
			printf "  type: truefalse\n  q: The parser keeps step %d.\n  a: %s\n", i,
				k == 14 ? "true" : "false"
		} else {
			printf "  type: cloze\n  text: \x27The parser keeps the {{%s|%ss}} of step %d.\x27\n",
				a, b, i
			printf "  group: g%d\n", i / 4
		}
		if (i % 2 == 0) printf "  tags: [t%d, loader]\n", i % 50
		if (i % 4 == 1) printf "  hint: Think of step %d.\n", i
	}
}' > "$WORK/big.yaml"
size=$(wc -c < "$WORK/big.yaml" | tr -d ' ')
[ "$size" -gt 12000000 ] || fail "the deck is only $size bytes"
bounded 30 "$q" check "$WORK/big.yaml" > "$WORK/big.out" 2> "$WORK/big.err" ||
	fail "check big.yaml: exit $rc: $(head -5 "$WORK/big.err")"
[ ! -s "$WORK/big.err" ] || fail "check big.yaml said: $(head -5 "$WORK/big.err")"
bounded 30 "$q" cards --json "$WORK/big.yaml" > "$WORK/big.json" 2> "$WORK/big.err" ||
	fail "cards big.yaml: exit $rc"
[ "$(grep -c '^{"deck":"big","id":"card-' "$WORK/big.json")" -eq 100000 ] || fail "not 100,000 cards"

# cards: lists of N items (plain strings, so the file stays small; each is
# reported as no card, and the count is checked before any card is read)
items() {
	awk -v n="$1" 'BEGIN { print "deck: many\ntitle: Many\ncards:"
		for (i = 0; i < n; i++) print "- x" }' > "$WORK/many.yaml"
}
items 1000000
rc=0
bounded 60 "$q" check "$WORK/many.yaml" > /dev/null 2> "$WORK/many.err" || rc=$?
[ "$rc" -eq 65 ] || fail "check of 1,000,000 items: exit $rc, not 65"
grep -q "too many cards" "$WORK/many.err" && fail "1,000,000 cards are too many"
grep -q "note: and 999,900 more errors like \"card [0-9]* must be a mapping" "$WORK/many.err" ||
	fail "the 1,000,000 items were not all read: $(tail -2 "$WORK/many.err")"
items 1000001
rc=0
bounded 60 "$q" check "$WORK/many.yaml" > /dev/null 2> "$WORK/many.err" || rc=$?
[ "$rc" -eq 65 ] || fail "check of 1,000,001 items: exit $rc, not 65"
grep -qx "$WORK/many.yaml:4:1: error: too many cards (1000001; the limit is 1000000)" \
	"$WORK/many.err" || fail "1,000,001 cards: $(head -3 "$WORK/many.err")"

# 64 MiB and one byte (sparse: the size is refused before anything is read)
printf 'deck: huge\ntitle: Huge\ncards:\n' > "$WORK/huge.yaml"
truncate -s 67108865 "$WORK/huge.yaml"
rc=0
"$q" check "$WORK/huge.yaml" > /dev/null 2> "$WORK/huge.err" || rc=$?
[ "$rc" -eq 65 ] || fail "check of 64 MiB + 1: exit $rc, not 65"
printf '%s\n' "$WORK/huge.yaml: error: file is too large (67108865 bytes; the limit is 67108864)" \
	> "$WORK/want"
cmp -s "$WORK/want" "$WORK/huge.err" || fail "64 MiB + 1: $(cat "$WORK/huge.err")"
finish

#!/bin/sh
# `make decks` must reproduce the committed bundled deck byte for byte.
# The seed article lives outside the repository (../shared/seeds relative
# to the source directory); without it this test is skipped (exit 77).
# Usage: gen-bundled.sh QUIZDECK SOURCE-DIR
set -u
. "${0%/*}/lib.sh"
bin=$1
src=$2
seed="$src/../shared/seeds/what-is-rust-used-for.txt"
if [ ! -f "$seed" ]; then
	echo "skipped: no seed article at $seed"
	exit 77
fi
qd_env
tmp=$WORK
"$bin" gen "$seed" --overlay "$src/decks/rust-uses.overlay.yaml" -o "$tmp/rust-uses.yaml" ||
	fail "gen failed"
if ! cmp -s "$tmp/rust-uses.yaml" "$src/decks/rust-uses.yaml"; then
	diff -u "$src/decks/rust-uses.yaml" "$tmp/rust-uses.yaml" | head -40
	fail "decks/rust-uses.yaml is not what 'make decks' generates; run 'make decks'"
fi
"$bin" check "$tmp/rust-uses.yaml" >"$tmp/check" 2>&1 && [ ! -s "$tmp/check" ] || {
	cat "$tmp/check"
	fail "the generated deck does not pass check cleanly"
}
finish "bundled deck reproduced"

#!/bin/sh
# `make decks` must reproduce the committed bundled deck byte for byte.
# The seed article lives outside the repository (../shared/seeds relative
# to the source directory); without it this test is skipped (exit 77).
# Usage: gen-bundled.sh QUIZDECK SOURCE-DIR
set -u
bin=$1
src=$2
seed="$src/../shared/seeds/what-is-rust-used-for.txt"
if [ ! -f "$seed" ]; then
	echo "skipped: no seed article at $seed"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" gen "$seed" --overlay "$src/decks/rust-uses.overlay.yaml" -o "$tmp/rust-uses.yaml" || exit 1
if ! cmp -s "$tmp/rust-uses.yaml" "$src/decks/rust-uses.yaml"; then
	echo "decks/rust-uses.yaml is not what 'make decks' generates; run 'make decks':"
	diff -u "$src/decks/rust-uses.yaml" "$tmp/rust-uses.yaml" | head -40
	exit 1
fi
"$bin" check "$tmp/rust-uses.yaml" >"$tmp/check" 2>&1 && [ ! -s "$tmp/check" ] || {
	cat "$tmp/check"
	exit 1
}
echo "bundled deck reproduced"

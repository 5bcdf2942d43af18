#!/bin/sh
# Option tables are type-checked: tests/usage-opt-types.c compiles as it is
# and fails to compile with -DQD_WRONG_TYPE, naming the selection that
# refuses the field.
# usage: usage-opt-types.sh CC SOURCE_DIR
set -u
cc=$1 src=$2
tmp=${TMPDIR:-/tmp}/qd-opt-types.$$
mkdir -p "$tmp" || exit 2
trap 'rm -rf "$tmp"' EXIT
flags="-std=c11 -Wall -Wextra -Wpedantic -Werror -fsyntax-only -I$src/include"

if ! $cc $flags "$src/tests/usage-opt-types.c" 2> "$tmp/err"; then
	echo "FAIL the right table does not compile:"
	cat "$tmp/err"
	exit 1
fi
if $cc $flags -DQD_WRONG_TYPE "$src/tests/usage-opt-types.c" 2> "$tmp/err"; then
	echo "FAIL a flag on a long field compiles"
	exit 1
fi
if ! grep -qi "generic" "$tmp/err"; then
	echo "FAIL the wrong table fails to compile for another reason:"
	cat "$tmp/err"
	exit 1
fi
echo "ok: a field of the wrong type is refused at compile time"

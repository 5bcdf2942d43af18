#!/bin/sh
# Data-driven deck tests: runs `quizdeck check NAME.yaml` from DIR for every
# NAME.yaml in DIR and compares stderr with NAME.expect exactly (a missing
# .expect means "no output at all") and the exit status with the default
# STATUS, or with the status of a first line "# status: N" in the .expect
# file (that line is not part of the expected output). A second line
# "# args: ARGS" after it runs `quizdeck check ARGS NAME.yaml` instead (ARGS
# split at spaces; not part of the expected output either).
# usage: check-decks.sh QUIZDECK DIR STATUS
set -u
bin=$1 dir=$2 default_status=$3
tmp=${TMPDIR:-/tmp}/qd-check-decks.$$
mkdir -p "$tmp" || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0 count=0
cd "$dir" || exit 2
for deck in *.yaml; do
	name=${deck%.yaml}
	count=$((count + 1))
	want_status=$default_status
	args=
	: > "$tmp/expect"
	if [ -f "$name.expect" ]; then
		first=$(head -n 1 "$name.expect")
		case $first in
		"# status: "*)
			want_status=${first#"# status: "}
			tail -n +2 "$name.expect" > "$tmp/expect"
			second=$(head -n 1 "$tmp/expect")
			case $second in
			"# args: "*)
				args=${second#"# args: "}
				tail -n +3 "$name.expect" > "$tmp/expect" ;;
			esac ;;
		*)
			cp "$name.expect" "$tmp/expect" ;;
		esac
	fi
	# $args unquoted: split into words on purpose.
	"$bin" check $args "$deck" > "$tmp/stdout" 2> "$tmp/stderr"
	status=$?
	if [ "$status" != "$want_status" ]; then
		echo "FAIL $dir/$deck${args:+ ($args)}: exit status $status, expected $want_status"
		fail=$((fail + 1))
	fi
	if ! diff -u "$tmp/expect" "$tmp/stderr" > "$tmp/diff"; then
		echo "FAIL $dir/$deck: stderr differs from $name.expect (- expected, + actual):"
		cat "$tmp/diff"
		fail=$((fail + 1))
	fi
	if [ -s "$tmp/stdout" ]; then
		echo "FAIL $dir/$deck: unexpected output on stdout"
		fail=$((fail + 1))
	fi
done
if [ "$count" = 0 ]; then
	echo "FAIL: no decks in $dir"
	exit 1
fi
echo "$count decks checked in $dir, $fail failures"
[ "$fail" = 0 ]

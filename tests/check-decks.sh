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
. "${0%/*}/lib.sh"
bin=$1 dir=$2 default_status=$3
qd_env
tmp=$WORK
count=0
cd "$dir" || fail "no directory $dir"
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
		fail_later "$dir/$deck${args:+ ($args)}: exit status $status, expected $want_status"
	fi
	if ! diff -u "$tmp/expect" "$tmp/stderr" > "$tmp/diff"; then
		cat "$tmp/diff"
		fail_later "$dir/$deck: stderr differs from $name.expect (- expected, + actual)"
	fi
	if [ -s "$tmp/stdout" ]; then
		fail_later "$dir/$deck: unexpected output on stdout"
	fi
done
[ "$count" != 0 ] || fail "no decks in $dir"
finish "$count decks checked in $dir"

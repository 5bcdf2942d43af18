#!/bin/sh
# Every command's usage, asked both ways: for each command that
# `quizdeck --help` lists, `quizdeck help CMD`, `quizdeck CMD --help` and
# `quizdeck CMD -h` print the same text on stdout, nothing on stderr, exit
# 0, and the text is exactly tests/usage/CMD.txt (quizdeck.txt for
# `quizdeck --help`). QD_UPDATE=1 rewrites the .txt files instead.
# usage: usage-help.sh QUIZDECK SOURCE_DIR
set -u
bin=$1 src=$2
. "${0%/*}/lib.sh"
qd_env
tmp=$WORK

# run NAME ARGS...: stdout to $tmp/NAME.out; fails unless status 0 and no stderr.
run() {
	name=$1
	shift
	"$bin" "$@" > "$tmp/$name.out" 2> "$tmp/$name.err"
	got=$?
	if [ "$got" != 0 ] || [ -s "$tmp/$name.err" ]; then
		fail_later "quizdeck $*: exit status $got (expected 0), stderr:"
		cat "$tmp/$name.err"
	fi
}

# same WANT_FILE GOT_FILE WHAT
same() {
	if [ "${QD_UPDATE:-}" = 1 ] && [ "$1" != "${1#$src/tests/usage/}" ]; then
		cp "$2" "$1"
	elif ! diff -u "$1" "$2"; then
		fail_later "$3 (- expected, + actual)"
	fi
}

run top --help
same "$src/tests/usage/quizdeck.txt" "$tmp/top.out" "quizdeck --help"
# The command list: the lines between "commands:" and the next blank line.
cmds=$(sed -n '/^commands:$/,/^$/s/^  \([a-z-]*\) .*/\1/p' "$tmp/top.out")
n=0
for cmd in $cmds; do
	n=$((n + 1))
	run help "help" "$cmd"
	run long "$cmd" --help
	run short "$cmd" -h
	same "$src/tests/usage/$cmd.txt" "$tmp/help.out" "quizdeck help $cmd"
	same "$tmp/help.out" "$tmp/long.out" "quizdeck $cmd --help differs from quizdeck help $cmd"
	same "$tmp/help.out" "$tmp/short.out" "quizdeck $cmd -h differs from quizdeck help $cmd"
	# --help after an argument, before a bad option: help, not an error.
	run late "$cmd" x --help --nope
	same "$tmp/help.out" "$tmp/late.out" "quizdeck $cmd x --help --nope differs from quizdeck help $cmd"
done
if [ "$n" -lt 11 ]; then
	fail_later "only $n commands found in 'quizdeck --help': $cmds"
fi
# Every command has its text here, and every text its command.
for f in "$src"/tests/usage/*.txt; do
	name=$(basename "$f" .txt)
	case " quizdeck $(echo $cmds) " in
	*" $name "*) ;;
	*) fail_later "$f: no such command in 'quizdeck --help'" ;;
	esac
done

finish "usage of $n commands, asked three ways"

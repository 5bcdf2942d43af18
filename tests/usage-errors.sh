#!/bin/sh
# Bad options on every command: exactly this error and usage hint on
# stderr, nothing on stdout, exit status 64. The hint's usage is the
# command's own, whatever prefix of its name was typed.
# usage: usage-errors.sh QUIZDECK
set -u
bin=$1
tmp=${TMPDIR:-/tmp}/qd-usage-errors.$$
mkdir -p "$tmp" || exit 2
trap 'rm -rf "$tmp"' EXIT
fail=0 n=0
export XDG_DATA_HOME="$tmp/data" XDG_CONFIG_HOME="$tmp/config" XDG_STATE_HOME="$tmp/state"
unset QUIZDECK_DATA QUIZDECK_CONFIG

# usage_of CMD: the ARGS of "usage: quizdeck CMD ARGS".
usage_of() {
	case $1 in
	study | quiz) echo "[options] [DECK...]" ;;
	results) echo "[--csv|--json] [--deck DECK] [--name NAME] [FILE...]" ;;
	cards | stats) echo "[DECK...] [--json]" ;;
	check) echo "[--json] [--strict] [-Werror] [-Wno-NAME] DECK..." ;;
	decks) echo "[--json]" ;;
	gen) echo "ARTICLE [-o DECK.yaml] [--id SLUG] [--overlay FILE]" ;;
	import-reviews) echo "[--deck DECK] FILE.csv" ;;
	export-reviews) echo "[--deck DECK]" ;;
	help) echo "[COMMAND]" ;;
	esac
}

# bad CMD MESSAGE ARGS...: `quizdeck ARGS` fails as CMD with MESSAGE.
bad() {
	cmd=$1 msg=$2
	shift 2
	n=$((n + 1))
	printf '%s\n' "quizdeck $cmd: $msg" \
		"usage: quizdeck $cmd $(usage_of "$cmd") (see 'quizdeck help $cmd')" > "$tmp/want"
	"$bin" "$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ "$got" != 64 ]; then
		echo "FAIL quizdeck $*: exit status $got, expected 64"
		fail=$((fail + 1))
	fi
	if [ -s "$tmp/out" ]; then
		echo "FAIL quizdeck $*: wrote to stdout:"
		cat "$tmp/out"
		fail=$((fail + 1))
	fi
	if ! diff -u "$tmp/want" "$tmp/err"; then
		echo "FAIL quizdeck $*: stderr differs (- expected, + actual)"
		fail=$((fail + 1))
	fi
}

for cmd in study quiz results cards stats check decks gen import-reviews export-reviews help; do
	bad "$cmd" "unknown option '--nope'" "$cmd" --nope
	bad "$cmd" "unknown option '--nope'" "$cmd" x --nope=1 y
	bad "$cmd" "unknown option '-Z'" "$cmd" -Z
	bad "$cmd" "unknown option '--=x'" "$cmd" --=x
done
# A long option that is a prefix of two.
bad study "option '--s' is ambiguous" study --s
bad study "option '--s' is ambiguous" stu --s
bad quiz "option '--se' is ambiguous" quiz --se=1
bad gen "option '--o' is ambiguous" gen --o x
bad results "option '--deck' needs a value (DECK)" results --d
# Values.
bad quiz "option '-n' needs a value (COUNT)" quiz -n
bad quiz "option '--count' needs a value (COUNT)" quiz --count
bad quiz "option '--count' needs a value (COUNT)" quiz --co
bad quiz "--count: 'x' is not a whole number" quiz -nx
bad quiz "--count: '' is not a whole number" quiz --count=
bad quiz "--count: 0 is out of range (1 to 10000)" quiz -n 0
bad quiz "--per-question: 86401 is out of range (1 to 86400)" quiz --per 86401
bad study "--seed: -1 is out of range (0 to 2147483647)" study --seed -1
bad study "--limit: '5x' is not a whole number" study --limit=5x
bad cards "option '--json' takes no value" cards --json=1
bad check "option '--strict' takes no value" check --str=no x.yaml
bad check "option '-W' needs a value (WARNING)" check x.yaml -W
bad gen "option '-o' needs a value (FILE)" gen a.txt -o
bad import-reviews "option '--deck' needs a value (DECK)" import-reviews x.csv --deck
bad export-reviews "option '--deck' needs a value (DECK)" export-reviews --deck

[ "$fail" = 0 ] && echo "ok: $n bad command lines, each refused with its usage"
exit $((fail != 0))

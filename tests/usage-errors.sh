#!/bin/sh
# Bad options on every command: exactly this error and usage hint on
# stderr, nothing on stdout, exit status 64. The hint's usage is the
# command's own, whatever prefix of its name was typed.
# usage: usage-errors.sh QUIZDECK
set -u
bin=$1
. "${0%/*}/lib.sh"
qd_env
tmp=$WORK n=0

# usage_of CMD: the ARGS of "usage: quizdeck CMD ARGS".
usage_of() {
	case $1 in
	study | quiz | cards) echo "[options] [DECK...]" ;;
	results) echo "[--csv|--json|--export FILE] [--deck DECK] [--name NAME] [FILE...]" ;;
	stats) echo "[DECK...] [--json]" ;;
	due) echo "[DECK...] [--json] [--format FMT]" ;;
	check) echo "[--json] [--strict] [-Werror] [-Wno-NAME] DECK..." ;;
	decks) echo "[--json] | --copy DECK [--force]" ;;
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
		fail_later "quizdeck $*: exit status $got, expected 64"
	fi
	if [ -s "$tmp/out" ]; then
		fail_later "quizdeck $*: wrote to stdout:"
		cat "$tmp/out"
	fi
	if ! diff -u "$tmp/want" "$tmp/err"; then
		fail_later "quizdeck $*: stderr differs (- expected, + actual)"
	fi
}

for cmd in study quiz results cards due stats check decks gen import-reviews export-reviews help; do
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
# Positional arguments and combinations each command refuses.
bad check "no deck given" check
bad check "unknown warning option '-Wnope'" check -Wnope x.yaml
bad decks "too many arguments" decks x
bad gen "missing ARTICLE" gen
bad gen "too many arguments" gen a.txt b.txt
bad import-reviews "no CSV file given" import-reviews
bad import-reviews "too many arguments" import-reviews a.csv b.csv
bad import-reviews "--deck 'Not An Id' is not a deck id" import-reviews --deck 'Not An Id' a.csv
bad export-reviews "unexpected argument 'x'" export-reviews x
bad help "too many arguments" help study quiz
bad quiz "--speed-bonus needs a time limit (--per-question or --time)" quiz --speed-bonus
bad results "choose one of --csv and --json" results --csv --json
bad results "--questions goes with --csv" results --questions
# The command line is untrusted too: control characters in it reach the
# terminal in caret notation (ESC as ^[), never raw.
esc=$(printf '\033')
bad cards "unknown option '--^[]0;owned^G'" cards "--$esc]0;owned$(printf '\007')"
bad export-reviews "unexpected argument '^[[2J'" export-reviews "$esc[2J"
"$bin" "$esc[2J" > "$tmp/out" 2> "$tmp/err"
[ $? = 64 ] || fail_later "quizdeck ESC[2J: exit status not 64"
printf '%s\n' "quizdeck: unknown command '^[[2J'" "(see 'quizdeck --help' for the commands)" > "$tmp/want"
diff -u "$tmp/want" "$tmp/err" || fail_later "quizdeck ESC[2J: stderr differs (- expected, + actual)"
"$bin" "--$esc[2J" > "$tmp/out" 2> "$tmp/err"
[ $? = 64 ] || fail_later "quizdeck --ESC[2J: exit status not 64"
grep -q "^quizdeck: unknown option '--^\[\[2J'$" "$tmp/err" ||
	fail_later "quizdeck --ESC[2J: stderr is not sanitised: $(cat -v "$tmp/err")"

finish "$n bad command lines, each refused with its usage"

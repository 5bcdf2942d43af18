#!/bin/sh
# The values of options that take one of a fixed list (import --format,
# cards --state) and of options whose list is a set of names beside any
# other value (import --sep) are completed from the option tables; the
# parser refuses a value not in a fixed list, with status 64, naming the
# list.
# usage: completion-values.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
qd_env
command -v bash > /dev/null || fail "no bash"
mkdir -p "$WORK/bin" "$WORK/cwd"
ln -s "$bin" "$WORK/bin/quizdeck"
PATH=$WORK/bin:$PATH
export PATH
cd "$WORK/cwd" || fail "cannot enter $WORK/cwd"

. "${0%/*}/completion-lib.sh"

expect "csv quizlet tsv" quizdeck import --format ''
expect "quizlet" quizdeck import --format q
expect "csv quizlet tsv" quizdeck import --format = ''
expect "quizlet" quizdeck import --form = q
expect "colon comma pipe semicolon space tab" quizdeck import --sep ''
expect "semicolon space" quizdeck import x.csv --sep s
expect "learning new relearning review suspended" quizdeck cards --state ''
expect "relearning review" quizdeck cards --state = r
# after the value, files again
: > notes.csv
expect "notes.csv" quizdeck import --format csv n

# the parser refuses a value not in a fixed list, naming the list
printf 'q,a\nQ?,A\n' > notes.csv
quizdeck import --format xml notes.csv -o x.yaml > /dev/null 2> format.err
[ $? -eq 64 ] || fail_later "--format xml: not 64"
grep -q "^quizdeck import: --format: 'xml' is not csv, tsv or quizlet$" format.err ||
	{ cat format.err >&2; fail_later "--format xml: message"; }
[ -e x.yaml ] && fail_later "--format xml: a deck was written"
quizdeck cards --state old > /dev/null 2> state.err
[ $? -eq 64 ] || fail_later "--state old: not 64"
grep -q "^quizdeck cards: --state: 'old' is not new, learning, review, relearning or suspended$" \
	state.err || { cat state.err >&2; fail_later "--state old: message"; }
# a list of names beside other values: any other value is the command's to judge
printf 'q#a\nQ?#A\n' > hash.csv
quizdeck import --sep '#' hash.csv -o sep.yaml > /dev/null 2> sep.err ||
	{ cat sep.err >&2; fail_later "--sep '#': refused"; }

finish "option values completed from their lists, and checked against them"

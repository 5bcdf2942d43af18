#!/bin/sh
# What `quizdeck import` reads: `-` for standard input (CSV, TSV or Quizlet
# text, beside files, named <stdin> in errors; an Anki package there or `-`
# twice is a usage error, 64); files that give no cards (empty, a header
# only) are each named in the error, status 65, nothing written.
#
# usage: import-input.sh QUIZDECK
set -u
. "${0%/*}/lib.sh"
bin=$1
qd_env
cd "$WORK" || fail "cd $WORK"

# --- no cards: the error names the file, or each file
printf 'q,a\n' > header.csv
: > empty.csv
"$bin" import header.csv -o none.yaml > none.out 2> none.err
[ $? -eq 65 ] || fail_later "no cards: not 65"
[ "$(cat none.err)" = "quizdeck: header.csv: error: no cards to import" ] ||
	{ cat none.err >&2; fail_later "no cards: the file is not named"; }
"$bin" import header.csv empty.csv -o none.yaml > none.out 2> none.err
[ $? -eq 65 ] || fail_later "no cards in two files: not 65"
printf '%s\n' "quizdeck: header.csv: error: no cards to import" \
	"quizdeck: empty.csv: error: no cards to import" > none.want
cmp -s none.want none.err || { diff none.want none.err >&2; fail_later "no cards in two files: message"; }
[ -e none.yaml ] && fail_later "no cards: a deck was written"

# --- standard input
printf 'q,a\nQ1?,A1\n' | "$bin" import - -o in.yaml --deck in > in.out 2> in.err ||
	{ cat in.err >&2; fail_later "stdin: import fails"; }
grep -q '^- id: q1$' in.yaml 2>/dev/null || { cat in.yaml >&2; fail_later "stdin: not its card"; }
"$bin" check in.yaml > /dev/null 2>&1 || fail_later "stdin: the deck does not check"
# without --title, a deck of standard input alone is titled "stdin"
printf 'q,a\nQ1?,A1\n' | "$bin" import - -o title.yaml > /dev/null 2>&1
grep -q '^title: stdin$' title.yaml 2>/dev/null || fail_later "stdin: not titled stdin"
printf 'q,a\nQ2?,A2\n' > two.csv
printf 'q,a\nQ1?,A1\n' | "$bin" import two.csv - -o both.yaml --deck both > /dev/null 2> both.err ||
	{ cat both.err >&2; fail_later "stdin beside a file: import fails"; }
[ "$(grep -c '^- id: ' both.yaml 2>/dev/null)" = 2 ] || fail_later "stdin beside a file: not two cards"
printf 'perro\tdog\ngato\tcat\n' | "$bin" import --format quizlet - -o q.yaml --deck q \
	> /dev/null 2> q.err || { cat q.err >&2; fail_later "quizlet on stdin: import fails"; }
grep -q '^  q: gato$' q.yaml 2>/dev/null || fail_later "quizlet on stdin: not its cards"
# errors are at <stdin>:LINE:COL
printf 'q,a\n"broken,no\n' | "$bin" import - -o bad.yaml > /dev/null 2> bad.err
[ $? -eq 65 ] || fail_later "bad stdin: not 65"
grep -q '^<stdin>:2:1: error: unterminated quoted field' bad.err ||
	{ cat bad.err >&2; fail_later "bad stdin: position"; }
printf 'q,a\n' | "$bin" import - -o none.yaml > /dev/null 2> none.err
[ $? -eq 65 ] || fail_later "no cards on stdin: not 65"
[ "$(cat none.err)" = "quizdeck: <stdin>: error: no cards to import" ] ||
	{ cat none.err >&2; fail_later "no cards on stdin: message"; }
# an Anki package needs its file; standard input is read once
printf 'PK\003\004rest' | "$bin" import - -o pkg.yaml > /dev/null 2> pkg.err
[ $? -eq 64 ] || fail_later "package on stdin: not 64"
grep -q "^quizdeck import: an Anki package cannot be read from standard input: give its file" \
	pkg.err || { cat pkg.err >&2; fail_later "package on stdin: message"; }
printf 'q,a\nQ1?,A1\n' | "$bin" import - - -o twice.yaml > /dev/null 2> twice.err
[ $? -eq 64 ] || fail_later "- twice: not 64"
grep -q "^quizdeck import: standard input ('-') given twice" twice.err ||
	{ cat twice.err >&2; fail_later "- twice: message"; }
for f in pkg twice; do [ -e $f.yaml ] && fail_later "$f: a deck was written"; done

finish "standard input read, files with no cards named"

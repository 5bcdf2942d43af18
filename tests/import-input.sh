#!/bin/sh
# What `quizdeck import` reads: files that give no cards (empty, a header
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

finish "files with no cards named"

#!/bin/sh
# Diagnostics quote file names and fields of CSV files, which are untrusted:
# an ESC ]0;...BEL window title, TAB, LF, CR and U+202E (right-to-left
# override) in a deck's file name or a CSV field must reach the terminal in
# caret notation (or dropped), each diagnostic on one line, from check,
# decks and import-reviews alike.
#
# usage: diag-sanitise.sh QUIZDECK WORKDIR
set -eu
q=$1 w=$2
. "${0%/*}/lib.sh"
qd_env "$w"
export QUIZDECK_NOW=2026-03-02T09:00:00Z

esc=$(printf '\033') bel=$(printf '\007') tab=$(printf '\t') cr=$(printf '\r')
rlo=$(printf '\342\200\256')
nl='
'
evil="t${esc}]0;pwned${bel}${tab}x${nl}y${rlo}z${cr}"

# clean FILE LINES: no control byte but the line ends, no U+202E, and
# exactly LINES lines
clean() {
	n=$(LC_ALL=C tr -d '\n\040-\176\200-\377' < "$1" | wc -c)
	[ "$n" -eq 0 ] || { od -c "$1" | head -20 >&2; fail "$1: $n control bytes"; }
	! LC_ALL=C grep -q "$rlo" "$1" || fail "$1: U+202E"
	[ "$(wc -l < "$1")" -eq "$2" ] || { cat "$1" >&2; fail "$1: not $2 lines"; }
}

# check: a broken deck whose name is hostile, and a missing one
mkdir -p "$XDG_DATA_HOME/quizdeck/decks"
printf 'deck: bad\ntitle: Bad\ncards:\n  - id: c1\n    type: basic\n    q: hi\n' \
	> "$XDG_DATA_HOME/quizdeck/decks/$evil.yaml"
rc=0
"$q" check "$XDG_DATA_HOME/quizdeck/decks/$evil.yaml" "$w/$evil-none.yaml" 2> "$w/check.err" || rc=$?
[ "$rc" -eq 66 ] || fail "check: exit $rc, not 66"
clean "$w/check.err" 4 # the error, its source line and caret, the missing file
grep -q "t^\[\]0;pwned^G^Ix^Jyz^M.yaml:4:5: error: card 'c1': missing 'a'" "$w/check.err" ||
	fail "check: the name is not in caret notation"

# decks: the same broken deck in the decks folder, and a good one whose
# name and title are hostile (listed on stdout)
printf 'deck: good\ntitle: "G\\tood\\u202e!"\ncards:\n  - id: c1\n    type: basic\n    q: hi\n    a: there\n' \
	> "$XDG_DATA_HOME/quizdeck/decks/good$evil.yaml"
rc=0
"$q" decks > "$w/decks.out" 2> "$w/decks.err" || rc=$?
[ "$rc" -eq 65 ] || fail "decks: exit $rc, not 65"
clean "$w/decks.err" 3 # the error, its source line and caret
clean "$w/decks.out" 3
grep -q "^good  *1  G^Iood! (.*/goodt^\[\]0;pwned" "$w/decks.out" || fail "decks: the title"

# import-reviews: hostile fields, and a hostile missing file name
{
	printf 'card_id,review_time,review_rating\n'
	printf '"%s",1795512600000,3\n' "$evil"
	printf 'rust-uses/a,"1%s",3\n' "$evil"
	printf 'rust-uses/b,1795512600000,%s\n' "$esc[2J$rlo"
} > "$w/in.csv"
rc=0
"$q" import-reviews "$w/in.csv" 2> "$w/import.err" || rc=$?
[ "$rc" -eq 65 ] || fail "import-reviews: exit $rc, not 65"
clean "$w/import.err" 4
grep -q "review_rating '^\[\[2J' is not" "$w/import.err" || fail "import-reviews: a field"
rc=0
"$q" import-reviews "$w/$evil.csv" 2> "$w/import-none.err" || rc=$?
[ "$rc" -eq 66 ] || fail "import-reviews of a missing file: exit $rc, not 66"
clean "$w/import-none.err" 1
echo "diag-sanitise.sh: ok"

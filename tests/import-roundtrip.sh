#!/bin/sh
# `quizdeck export` writes Anki's text import format, and `quizdeck import`
# reads it back to the same cards: tests/import/roundtrip.yaml (every card
# type, formula-like text, '#', tabs, runs of spaces, code blocks, HTML-like
# text, entities, a cloze with alternatives and a lead-in) comes back byte
# for byte; the bundled deck's cards come back byte for byte; the test
# decks export the same again after the round trip. The export's headers,
# formula cells written as entities, and --force.
#
# usage: import-roundtrip.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
qd_env
cd "$WORK" || fail "cd $WORK"

# round_trip DECK NAME [IMPORT OPTIONS]: export, import, export again.
round_trip() {
	deck=$1 name=$2
	shift 2
	"$bin" export "$deck" -o "$name.tsv" 2> "$name.err" || { cat "$name.err" >&2; fail "export $deck"; }
	"$bin" import "$name.tsv" -o "$name.yaml" "$@" > /dev/null 2> "$name.err" ||
		{ cat "$name.err" >&2; fail "import of the export of $deck"; }
	"$bin" check "$name.yaml" > /dev/null 2>&1 || fail_later "$name.yaml does not pass check"
	"$bin" export "$name.yaml" -o "$name.2.tsv" || fail "export $name.yaml"
	cmp -s "$name.tsv" "$name.2.tsv" ||
		{ diff "$name.tsv" "$name.2.tsv" >&2; fail_later "$deck: exported again differently"; }
}

round_trip "$src/tests/import/roundtrip.yaml" rt
cmp -s "$src/tests/import/roundtrip.yaml" rt.yaml ||
	{ diff "$src/tests/import/roundtrip.yaml" rt.yaml >&2; fail_later "roundtrip.yaml changed"; }
# the same export again with --update: every card updated, none changed
cp rt.yaml rt.before
"$bin" import rt.tsv --update rt.yaml > rt.out 2> rt.err || { cat rt.err >&2; fail_later "--update with an export"; }
grep -qx 'rt.yaml: deck .round-trip., 11 cards: 0 added, 11 updated, 0 kept' rt.out ||
	fail_later "--update with an export: $(cat rt.out)"
cmp -s rt.before rt.yaml || { diff rt.before rt.yaml >&2; fail_later "--update with an export changed the deck"; }

round_trip rust-uses bundled --deck rust-uses
sed -n '/^cards:/,$p' "$src/decks/rust-uses.yaml" > bundled.want
sed -n '/^cards:/,$p' bundled.yaml > bundled.got
[ -s bundled.want ] && cmp -s bundled.want bundled.got ||
	{ diff bundled.want bundled.got | head -20 >&2; fail_later "the bundled deck's cards changed"; }

for d in study markup feedback; do
	round_trip "$src/tests/e2e/decks/$d.yaml" "$d"
done

# the headers Anki reads, and the column names import reads
head -7 rt.tsv > head.got
printf '#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n#columns:id\tnotetype\tdeck\tq\ta\ttags\ttype\tchoices\taccept\thint\texplain\tprompt\tgroup\n' > head.want
cmp -s head.want head.got || { diff head.want head.got >&2; fail_later "export: headers"; }
# a cell starting with =, + or - starts with its entity, not a formula
grep -q "^formula	Basic	Round trip	&#61;SUM(A1:A3) in a spreadsheet adds what?	&#45;3 plus @home	" rt.tsv ||
	fail_later "export: formula cells"
awk -F '\t' 'NR > 7 { for (i = 1; i <= NF; i++) if ($i ~ /^[=+@-]/) bad = 1 } END { exit bad }' \
	rt.tsv || fail_later "export: a cell starts with a formula character"
grep -q "^cloze-one	Cloze	Round trip	{{c1::Cargo}} is Rust's build tool and {{c1::package manager|dependency manager}}.	It also runs tests.	tools	cloze					Complete the sentence.	$" rt.tsv ||
	fail_later "export: cloze"

# an existing file is replaced only with --force; '-' is standard output
"$bin" export rust-uses -o rt.tsv 2> force.err
[ $? -eq 73 ] || fail_later "export over a file: not 73"
"$bin" export rust-uses -o rt.tsv --force || fail_later "export --force"
cmp -s rt.tsv bundled.tsv || fail_later "export --force: not replaced"
"$bin" export rust-uses > stdout.tsv && cmp -s stdout.tsv bundled.tsv || fail_later "export to stdout"

finish

#!/bin/sh
# `quizdeck import` of CSV, TSV, Anki's text export and Quizlet exports:
# each file's deck exactly (and it passes `check`); RFC 4180 quoting,
# embedded newlines, a BOM, CRLF, a sniffed separator; Anki's `#` headers
# (separator, html, tags/deck/notetype/guid columns, a cloze with a hint
# and two numbers); Quizlet's custom separators. Bad input (an unbalanced
# quote, an unknown type or column, a control character) is reported at
# FILE:LINE:COL with status 65 and nothing written; an existing deck is
# replaced only with --force. --update keeps ids and hand edits, adds new
# cards, and a second run changes nothing.
#
# usage: import-cli.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
qd_env
cd "$WORK" || fail "cd $WORK"

# expect_deck NAME: NAME.yaml (just written) is exactly the text on stdin,
# and `check` passes it.
expect_deck() {
	cat > "$1.want"
	if ! cmp -s "$1.want" "$1.yaml"; then
		diff "$1.want" "$1.yaml" >&2
		fail_later "$1: not the deck expected"
	fi
	"$bin" check "$1.yaml" > /dev/null 2> "$1.check" ||
		{ cat "$1.check" >&2; fail_later "$1: check fails"; }
}

# --- CSV: a header in another order with synonyms, a BOM, CRLF, quotes,
# commas and CRLF inside quoted fields, a blank line, every type
printf '\357\273\277Answer,Question,type,choices,tags\r\n' > edge.csv
printf 'Paris,What is the capital of France?,,,geo europe\r\n' >> edge.csv
printf '"He said ""hi""","Quote, then comma?",basic,,\r\n' >> edge.csv
printf '"line one\r\nline two","Two\r\nlines?",,,\r\n' >> edge.csv
printf '\r\n' >> edge.csv
printf 'blue,Sky colour?,choice,"green|blue|red, or orange",\r\n' >> edge.csv
printf '"two\nfive",Primes?,multi,"two\nfour\nfive",\r\n' >> edge.csv
printf 'no,Safe Rust has null.,truefalse,,\r\n' >> edge.csv
printf ',{{Cargo}} builds Rust.,cloze,,tools\r\n' >> edge.csv
"$bin" import edge.csv -o edge.yaml > edge.out 2> edge.err || { cat edge.err >&2; fail "edge.csv"; }
grep -qx 'edge.yaml: deck .edge., 7 cards: 7 added, 0 updated, 0 kept' edge.out ||
	fail_later "edge.csv: summary: $(cat edge.out)"
expect_deck edge <<'EOF'
deck: edge
title: edge
cards:
- id: capital-france
  type: basic
  q: What is the capital of France?
  a: Paris
  tags: [geo, europe]
- id: quote-comma
  type: basic
  q: Quote, then comma?
  a: He said "hi"
- id: two-lines
  type: basic
  q: "Two\nlines?"
  a: "line one\nline two"
- id: sky-colour
  type: choice
  q: Sky colour?
  a: blue
  choices:
  - green
  - blue
  - red, or orange
- id: primes
  type: multi
  q: Primes?
  choices:
  - two
  - four
  - five
  a:
  - two
  - five
- id: safe-rust-null
  type: truefalse
  q: Safe Rust has null.
  a: false
- id: cargo-builds-rust
  type: cloze
  text: "{{Cargo}} builds Rust."
  tags: [tools]
EOF

# --- TSV without a header: positional q, a, tags; semicolons sniffed
printf 'perro\tdog\tes animal\ngato\t"cat; feline"\n' > plain.tsv
"$bin" import plain.tsv -o plain.yaml --deck spanish --title 'Spanish words' > /dev/null 2> plain.err ||
	{ cat plain.err >&2; fail "plain.tsv"; }
expect_deck plain <<'EOF'
deck: spanish
title: Spanish words
cards:
- id: perro
  type: basic
  q: perro
  a: dog
  tags: [es, animal]
- id: gato
  type: basic
  q: gato
  a: cat; feline
EOF
printf 'Norway;Oslo\n"Sweden";"Stockholm, the capital"\n' > semi.csv
"$bin" import semi.csv -o semi.yaml > /dev/null 2> semi.err || { cat semi.err >&2; fail "semi.csv"; }
expect_deck semi <<'EOF'
deck: semi
title: semi
cards:
- id: norway
  type: basic
  q: Norway
  a: Oslo
- id: sweden
  type: basic
  q: Sweden
  a: Stockholm, the capital
EOF

# --- Anki's text export: headers, HTML, a comment line, a cloze with a
# hint and two numbers (two cards), a typed note, a guid column; its
# fields read as Anki's editor writes them (no quizdeck columns): the
# text's own '*' and '`' escaped, &nbsp; an ordinary space, media
# named and counted in one warning
cp "$src/tests/import/anki-notes.txt" .
"$bin" import anki-notes.txt -o anki-notes.yaml > /dev/null 2> anki.err ||
	{ cat anki.err >&2; fail "anki-notes.txt"; }
expect_deck anki-notes <<'EOF'
deck: spanish-vocabulary
title: Spanish::Vocabulary
cards:
- id: hola-amigo
  type: basic
  q: "**hola** amigo"
  a: "hello\nfriend"
  tags: [es, greeting, imported]
- id: madrid-capital-spain
  type: cloze
  text: "{{Madrid}} is the capital of Spain & more."
  explain: "*Back* extra"
  hint: a city
  tags: [geo, imported]
- id: madrid-capital-spain-c2
  type: cloze
  text: Madrid is the capital of {{Spain}} & more.
  explain: "*Back* extra"
  tags: [geo, imported]
- id: ab12
  type: typed
  q: "`ls` lists?"
  a: files
  tags: [imported]
- id: "2-3-4-24"
  type: basic
  q: "2\\*3\\*4 is \\`24\\`"
  a: "**six**"
  tags: [imported]
- id: img1
  type: basic
  q: "What is this? [image: cat.jpg]"
  a: a cat [sound:cat.mp3]
  tags: [imported]
EOF
grep -qx 'anki-notes.txt: warning: 2 media files referenced but not imported (images show as \[image: NAME\], sounds as \[sound:NAME\])' anki.err ||
	{ cat anki.err >&2; fail_later "anki-notes.txt: the media warning"; }

# --- Quizlet: the default (tab, newline), then custom separators
printf 'perro\tdog\r\ngato\tcat, feline\r\n\r\n' > quizlet.txt
"$bin" import --format quizlet quizlet.txt -o quizlet.yaml > /dev/null 2> quizlet.err ||
	{ cat quizlet.err >&2; fail "quizlet.txt"; }
expect_deck quizlet <<'EOF'
deck: quizlet
title: quizlet
cards:
- id: perro
  type: basic
  q: perro
  a: dog
- id: gato
  type: basic
  q: gato
  a: cat, feline
EOF
printf 'perro - dog;;gato - cat\nor feline - a pet;;' > custom.txt
"$bin" import --format quizlet --sep ' - ' --row-sep ';;' custom.txt -o custom.yaml \
	> /dev/null 2> custom.err || { cat custom.err >&2; fail "custom.txt"; }
expect_deck custom <<'EOF'
deck: custom
title: custom
cards:
- id: perro
  type: basic
  q: perro
  a: dog
- id: gato
  type: basic
  q: gato
  a: "cat\nor feline - a pet"
EOF
"$bin" import --format quizlet --row-sep '\n' custom.txt -o none.yaml > /dev/null 2> none.err
[ $? -eq 65 ] || fail_later "quizlet without its separator: not 65"
grep -q '^custom.txt:1:1: error: no separator between term and definition' none.err ||
	{ cat none.err >&2; fail_later "quizlet without its separator: message"; }

# --- bad input: position, status 65, nothing written (an old file kept)
printf 'q,a\nfine,yes\n"broken,no\nmore,rows\n' > bad.csv
echo 'old' > bad.yaml
"$bin" import bad.csv -o bad.yaml --force > bad.out 2> bad.err
[ $? -eq 65 ] || fail_later "unbalanced quote: not 65"
cat > bad.want <<'EOF'
bad.csv:3:1: error: unterminated quoted field
 3 | "broken,no
   | ^
quizdeck: nothing written: 1 error
EOF
cmp -s bad.want bad.err || { diff bad.want bad.err >&2; fail_later "unbalanced quote: message"; }
[ "$(cat bad.yaml)" = old ] || fail_later "unbalanced quote: the old file was changed"
[ ! -s bad.out ] || fail_later "unbalanced quote: output on stdout"

printf 'q,a,type\none,1,basic\ntwo,2,tpyed\nthree,3\001,basic\n' > rows.csv
"$bin" import rows.csv -o rows.yaml > /dev/null 2> rows.err
[ $? -eq 65 ] || fail_later "bad rows: not 65"
grep -q "^rows.csv:3:7: error: unknown card type 'tpyed'" rows.err ||
	{ cat rows.err >&2; fail_later "bad rows: unknown type"; }
grep -q '^rows.csv:4:7: error: the a field holds a control character (U+0001)' rows.err ||
	{ cat rows.err >&2; fail_later "bad rows: control character"; }
grep -q '^quizdeck: nothing written: 2 errors$' rows.err || fail_later "bad rows: count"
[ ! -e rows.yaml ] || fail_later "bad rows: a deck was written"

printf 'q,a,notes\none,1,x\n' > cols.csv
"$bin" import cols.csv -o cols.yaml > /dev/null 2> cols.err
[ $? -eq 65 ] || fail_later "unknown column: not 65"
grep -q "^cols.csv:1:5: error: unknown column 'notes'" cols.err ||
	{ cat cols.err >&2; fail_later "unknown column: message"; }

printf 'q,a,type\nIs it?,maybe,choice\n' > check.csv
"$bin" import check.csv -o check.yaml > /dev/null 2> check.err
[ $? -eq 65 ] || fail_later "a card the loader refuses: not 65"
grep -q "^check.csv:2:1: error: missing .choices." check.err ||
	{ cat check.err >&2; fail_later "a card the loader refuses: message"; }

# --- an existing deck: refused without --force (73), replaced with it
"$bin" import plain.tsv -o edge.yaml > /dev/null 2> exists.err
[ $? -eq 73 ] || fail_later "existing output: not 73"
grep -q 'edge.yaml already exists: give --force' exists.err || fail_later "existing output: message"
cmp -s edge.want edge.yaml || fail_later "existing output: changed without --force"
"$bin" import plain.tsv -o edge.yaml --force > /dev/null 2>&1 || fail_later "--force"
grep -q '^- id: perro$' edge.yaml || fail_later "--force: not replaced"

# --- --update: hand edits kept, answers updated, a new card appended,
# a card the source dropped kept; a second run writes the same bytes
printf 'q,a\nWhat is the capital of France?,Paris\nWhat is 2+2?,4\n' > up.csv
"$bin" import up.csv -o up.yaml > /dev/null 2>&1 || fail "update: first import"
sed 's/^  a: Paris$/  a: Paris\n  explain: Written by hand./' up.yaml > up.edit &&
	mv up.edit up.yaml
printf 'q,a\nWhat is the capital of France?,Paris (the city)\nWhat is 3+3?,6\n' > up.csv
"$bin" import up.csv --update up.yaml > up.out 2> up.err || { cat up.err >&2; fail "--update"; }
grep -qx 'up.yaml: deck .up., 3 cards: 1 added, 1 updated, 1 kept' up.out ||
	fail_later "--update: summary: $(cat up.out)"
expect_deck up <<'EOF'
deck: up
title: up
cards:
- id: capital-france
  type: basic
  q: What is the capital of France?
  a: Paris (the city)
  explain: Written by hand.
- id: "2plus2"
  type: basic
  q: What is 2+2?
  a: "4"
- id: "3plus3"
  type: basic
  q: What is 3+3?
  a: "6"
EOF
cp up.yaml up.before
"$bin" import up.csv --update up.yaml > /dev/null 2>&1 || fail "--update again"
cmp -s up.before up.yaml || { diff up.before up.yaml >&2; fail_later "--update is not idempotent"; }
"$bin" import up.csv --update up.yaml -o up2.yaml > /dev/null 2>&1 || fail_later "--update -o"
cmp -s up.before up2.yaml || fail_later "--update -o: another deck"

# --- ids: a question made only of function words keeps them all, the same
# question twice gets -2, a long one is cut to six words; the same again
printf 'q,a\nWhat is it?,one\nWhat is it?,two\n%s,long\n' \
	"$(printf 'word%.0s ' 1 2 3 4 5 6 7 8 9 10)" > ids.csv
"$bin" import ids.csv -o ids.yaml > /dev/null 2> ids.err || { cat ids.err >&2; fail "ids.csv"; }
[ "$(sed -n 's/^- id: //p' ids.yaml | tr '\n' ' ')" = "what-is-it what-is-it-2 word-word-word-word-word-word " ] ||
	fail_later "ids: $(sed -n 's/^- id: //p' ids.yaml | tr '\n' ' ')"
cp ids.yaml ids.before
"$bin" import ids.csv --update ids.yaml > ids.out 2>&1 || fail_later "ids: --update"
grep -qx 'ids.yaml: deck .ids., 3 cards: 0 added, 3 updated, 0 kept' ids.out ||
	fail_later "ids: --update: $(cat ids.out)"
cmp -s ids.before ids.yaml || fail_later "ids: --update changed the deck"

finish

#!/bin/sh
# End-to-end checks of `quizdeck check` and `quizdeck decks` beyond the deck
# directories: usage errors, unreadable files, --json, several files, the
# size limit (a deck generated here, over 1 MiB), and the bundled deck.
# usage: check-cli.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
qd_env
tmp=$WORK

# expect NAME WANT_STATUS WANT_STDOUT_FILE WANT_STDERR_FILE -- COMMAND...
expect() {
	name=$1 want=$2 out=$3 err=$4
	shift 5
	"$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		cat "$tmp/err"; fail_later "$name: exit status $got, expected $want"
	fi
	if [ "$out" != - ] && ! diff -u "$out" "$tmp/out"; then
		fail_later "$name: stdout differs (- expected, + actual)"
	fi
	if [ "$err" != - ] && ! diff -u "$err" "$tmp/err"; then
		fail_later "$name: stderr differs (- expected, + actual)"
	fi
}

: > "$tmp/empty"
cd "$src" || exit 2

expect bundled-file 0 "$tmp/empty" "$tmp/empty" -- "$bin" check decks/rust-uses.yaml
expect bundled-id 0 "$tmp/empty" "$tmp/empty" -- "$bin" check rust-uses

printf '%s\n' "quizdeck check: no deck given" \
	"usage: quizdeck check [--json] [--strict] [-Werror] [-Wno-NAME] DECK... (see 'quizdeck help check')" > "$tmp/want"
expect no-args 64 "$tmp/empty" "$tmp/want" -- "$bin" check

printf '%s\n' "tests/decks/missing.yaml: error: cannot open: No such file or directory" > "$tmp/want"
expect missing-file 66 "$tmp/empty" "$tmp/want" -- "$bin" check tests/decks/missing.yaml

# Several files: every file reported, the worst status (66) wins.
printf '%s\n' "tests/decks/missing.yaml: error: cannot open: No such file or directory" \
	"tests/decks/bad/one-choice.yaml:7:14: error: card 'lonely': 'choices' must list at least two answers" \
	" 7 |     choices: [Rust]" \
	"   |              ^" \
	> "$tmp/want"
expect worst-status 66 "$tmp/empty" "$tmp/want" -- \
	"$bin" check decks/rust-uses.yaml tests/decks/missing.yaml tests/decks/bad/one-choice.yaml

# One deck id in two files.
printf '%s\n' "<bundled>/rust-uses.yaml: error: deck id 'rust-uses' is already used by decks/rust-uses.yaml" > "$tmp/want"
expect duplicate-deck-id 65 "$tmp/empty" "$tmp/want" -- "$bin" check decks/rust-uses.yaml rust-uses

cat > "$tmp/want" <<'JSON'
[
  {"file": "tests/decks/bad/unknown-key.yaml", "line": 3, "column": 1, "severity": "warning", "message": "unknown key 'descripton' — did you mean 'description'?"},
  {"file": "tests/decks/bad/unknown-key.yaml", "line": 5, "column": 5, "severity": "error", "message": "card 'one': missing 'a' (the answer)"},
  {"file": "tests/decks/bad/unknown-key.yaml", "line": 8, "column": 5, "severity": "warning", "message": "card 'one': unknown key 'anwser' — did you mean 'a'?"},
  {"file": "tests/decks/bad/unknown-key.yaml", "line": 9, "column": 5, "severity": "error", "message": "card 'two': missing 'q' (the question)"},
  {"file": "tests/decks/bad/unknown-key.yaml", "line": 11, "column": 5, "severity": "warning", "message": "card 'two': unknown key 'question' — did you mean 'q'?"},
  {"file": "tests/decks/bad/unknown-key.yaml", "line": 13, "column": 5, "severity": "warning", "message": "card 'two': unknown key 'colour' (a card has: id, type, q, a, accept, explain, hint, tags, group, nowarn)"},
  {"file": "tests/decks/missing.yaml", "line": 0, "column": 0, "severity": "error", "message": "cannot open: No such file or directory"}
]
JSON
expect json 66 "$tmp/want" "$tmp/empty" -- \
	"$bin" check --json tests/decks/bad/unknown-key.yaml tests/decks/missing.yaml
printf '[]\n' > "$tmp/want"
expect json-clean 0 "$tmp/want" "$tmp/empty" -- "$bin" check --json decks/rust-uses.yaml

# A file over the 64 MiB limit, generated rather than committed (sparse: its
# size is refused before it is read).
printf 'deck: big\ntitle: Too big\ncards:\n' > "$tmp/big.yaml"
truncate -s 67108865 "$tmp/big.yaml"
size=$(wc -c < "$tmp/big.yaml" | tr -d ' ')
printf '%s\n' "$tmp/big.yaml: error: file is too large ($size bytes; the limit is 67108864)" > "$tmp/want"
expect too-large 65 "$tmp/empty" "$tmp/want" -- "$bin" check "$tmp/big.yaml"

# decks: the bundled deck, then the user's decks by file name.
mkdir -p "$XDG_DATA_HOME/quizdeck/decks"
cp tests/decks/good/readme-example.yaml "$XDG_DATA_HOME/quizdeck/decks/"
cat > "$tmp/want" <<WANT
ID                       CARDS  TITLE (PATH)
rust-uses                   54  What is Rust used for? (<bundled>/rust-uses.yaml)
rust-basics                  6  Rust basics ($XDG_DATA_HOME/quizdeck/decks/readme-example.yaml)
WANT
expect decks 0 "$tmp/want" "$tmp/empty" -- "$bin" decks
expect deck-by-id 0 "$tmp/empty" "$tmp/empty" -- "$bin" check readme-example
printf '%s\n' "no-such-deck: error: no deck 'no-such-deck': not a file, not the bundled deck 'rust-uses', and not in $XDG_DATA_HOME/quizdeck/decks" > "$tmp/want"
expect unknown-deck-id 66 "$tmp/empty" "$tmp/want" -- "$bin" check no-such-deck

finish "all check-cli tests passed"

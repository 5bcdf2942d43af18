#!/bin/sh
# The bash completion (completion/quizdeck.bash, which asks
# `quizdeck __complete`): commands, each command's options, deck ids where
# a deck goes, file or directory names where a file or directory goes,
# "--name=VALUE" split by the shell, and the hidden command never offered.
# bash is driven as it completes: COMP_WORDS, COMP_CWORD, the function.
# usage: completion.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
qd_env
command -v bash > /dev/null || fail "no bash"
mkdir -p "$WORK/bin" "$WORK/cwd/sub" "$XDG_DATA_HOME/quizdeck/decks"
ln -s "$bin" "$WORK/bin/quizdeck"
PATH=$WORK/bin:$PATH
export PATH
printf 'deck: my-deck\ntitle: Mine\ncards:\n  - {id: a, type: basic, q: Q?, a: A}\n' \
	> "$XDG_DATA_HOME/quizdeck/decks/mine.yaml"
: > "$WORK/cwd/notes.csv"
cd "$WORK/cwd" || fail "cannot enter $WORK/cwd"

. "${0%/*}/completion-lib.sh"

commands=$(quizdeck --help | awk '/^commands:/ { on = 1; next } /^$/ { on = 0 } on { print $1 }' |
	sort | tr '\n' ' ' | sed 's/ $//')
expect quiz quizdeck qu
expect "$commands" quizdeck ''
expect "$commands" quizdeck --data /tmp ''
expect "stats study" quizdeck help st
expect "--config --data --help --version" quizdeck --
expect "--grep" quizdeck cards --g
expect "--help --json --strict" quizdeck check --
expect "--count --help --name --per-question --record-reviews --save --seed --self-grade --speed-bonus --tags --time" \
	quizdeck quiz --
# deck ids (the bundled deck and the user's) and files
expect "my-deck notes.csv rust-uses sub" quizdeck study ''
expect "rust-uses" quizdeck cards --json r
expect "rust-uses" quizdeck import-reviews --deck r
expect "rust-uses" quizdeck import-reviews --deck = r
# files, directories
expect "notes.csv sub" quizdeck import-reviews ''
expect "notes.csv" quizdeck gen -o n
expect "notes.csv" quizdeck results --export = n
expect "sub" quizdeck --data ''
expect "sub" quizdeck --data = ''
# a value that is not a file: nothing offered
expect "" quizdeck quiz --time ''
expect "" quizdeck cards --grep ''
# an optional value comes only after "="
expect "" quizdeck cards --due = ''
expect "my-deck notes.csv rust-uses sub" quizdeck cards --due ''
# after "--", no options
expect "" quizdeck cards -- --j
# no positional argument
expect "" quizdeck decks ''
# the hidden command is neither offered nor completed after
expect "" quizdeck __
expect "" quizdeck __complete ''
finish "commands, options, deck ids and files completed"

#!/bin/sh
# Inputs that are not regular files: a FIFO (which would block the open for
# ever), a directory and a device, as a command's argument, in the decks
# folder, as the settings file and as the review log. Each command must end
# at once (every run is under `timeout`), name the file and exit with the
# status of a file that cannot be read (66; 78 for the settings file, 74 for
# the review log); a FIFO among the user's decks is reported and the rest
# are loaded. /dev/null still reads as an empty file.
# usage: files-fifo.sh QUIZDECK SOURCE_DIR
set -u
bin=$1 src=$2
. "${0%/*}/lib.sh"
qd_env
tmp=$WORK
export QUIZDECK_NOW=2026-11-24T09:30:00Z
deck=$src/tests/decks/good/readme-example.yaml
article=$src/tests/articles/eval/$(cd "$src/tests/articles/eval" && ls *.txt | head -n 1)

# run NAME WANT_STATUS TEXT ARGS...: runs quizdeck ARGS (stdin /dev/null)
# for at most 10 seconds; the status must be WANT_STATUS ('-': any but a
# time-out) and stderr must contain TEXT.
run() {
	name=$1 want=$2 text=$3
	shift 3
	timeout 10 "$bin" "$@" < /dev/null > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ "$got" = 124 ]; then
		fail_later "$name: still running after 10 s (quizdeck $*)"
		return
	fi
	if [ "$want" != - ] && [ "$got" != "$want" ]; then
		fail_later "$name: exit status $got, expected $want"
		cat "$tmp/err"
	fi
	if [ -n "$text" ] && ! grep -qF -- "$text" "$tmp/err"; then
		fail_later "$name: stderr lacks '$text':"
		cat "$tmp/err"
	fi
}

mkfifo "$tmp/in.yaml" "$tmp/in.csv" "$tmp/in.txt" "$tmp/config.yaml" || exit 2
mkdir -p "$tmp/data" "$tmp/adir"
fifo_msg="cannot read: not a regular file (a FIFO)"

# A FIFO as the argument.
run check-fifo 66 "$tmp/in.yaml: error: $fifo_msg" check "$tmp/in.yaml"
run check-json-fifo 66 "" check --json "$tmp/in.yaml"
grep -qF '"message": "cannot read: not a regular file (a FIFO)"' "$tmp/out" ||
	fail_later "check-json-fifo: $(cat "$tmp/out")"
run study-fifo 66 "$tmp/in.yaml: error: $fifo_msg" study "$tmp/in.yaml"
run cards-fifo 66 "$tmp/in.yaml: error: $fifo_msg" cards "$tmp/in.yaml"
run results-fifo 74 "$tmp/in.csv: error: $fifo_msg" results "$tmp/in.csv"
run import-fifo 66 "$tmp/in.csv: error: $fifo_msg" import-reviews "$tmp/in.csv"
run gen-fifo 66 "$tmp/in.txt: error: $fifo_msg" gen "$tmp/in.txt"
run gen-overlay-fifo 66 "$tmp/in.yaml: error: $fifo_msg" gen "$article" --overlay "$tmp/in.yaml"
run config-fifo 78 "$tmp/config.yaml: error: $fifo_msg" --config "$tmp/config.yaml" stats "$deck"
QUIZDECK_CONFIG=$tmp/config.yaml run config-env-fifo 78 "$tmp/config.yaml: error: $fifo_msg" \
	cards "$deck"

# A directory and a device: refused the same way, with their kind.
run check-dir 66 "$tmp/adir: error: cannot read: not a regular file (a directory)" check "$tmp/adir"
run gen-dir 66 "$tmp/adir: error: cannot read: not a regular file (a directory)" gen "$tmp/adir"
run import-dir 66 "$tmp/adir: error: cannot read: not a regular file (a directory)" \
	import-reviews "$tmp/adir"
run check-zero 66 "/dev/zero: error: cannot read: not a regular file (a device)" check /dev/zero
run gen-zero 66 "/dev/zero: error: cannot read: not a regular file (a device)" gen /dev/zero
# /dev/null is an empty file: an empty deck, an empty settings file.
run check-null 65 "/dev/null:1:1: error: the file is empty" check /dev/null
run config-null 0 "" --config /dev/null check "$deck"
# Standard input may be a pipe.
printf 'card_id,review_time,review_rating\n' | timeout 10 "$bin" import-reviews - > "$tmp/out" 2>&1
[ $? = 0 ] || fail_later "import-stdin-pipe: $(cat "$tmp/out")"

# The review log is a FIFO.
rm -f "$tmp/data/reviews.log"
mkfifo "$tmp/data/reviews.log"
run log-fifo-cards 74 "$tmp/data/reviews.log: error: $fifo_msg" cards "$deck"
run log-fifo-export 74 "$tmp/data/reviews.log: error: $fifo_msg" export-reviews
run log-fifo-results 74 "$tmp/data/reviews.log: error: $fifo_msg" results
rm -f "$tmp/data/reviews.log"

# A FIFO among the user's decks: reported with its path, the other decks
# loaded. `decks` lists the others; the study commands end.
mkdir -p "$XDG_DATA_HOME/quizdeck/decks"
cp "$deck" "$XDG_DATA_HOME/quizdeck/decks/"
mkfifo "$XDG_DATA_HOME/quizdeck/decks/x.yaml"
fifo_deck="$XDG_DATA_HOME/quizdeck/decks/x.yaml: error: $fifo_msg"
run decks-dir-fifo - "$fifo_deck" decks
grep -q '^rust-basics ' "$tmp/out" || fail_later "decks-dir-fifo: $(cat "$tmp/out")"
run default-dir-fifo - "$fifo_deck"
run study-dir-fifo - "$fifo_deck" study
run stats-dir-fifo - "$fifo_deck" stats
run cards-dir-fifo - "$fifo_deck" cards
run quiz-dir-fifo - "$fifo_deck" quiz

finish "all passed"

#!/bin/sh
# Every command that writes to standard output fails when the output cannot
# be written (/dev/full): exit status 74 and a message, never a silent 0
# with the output lost. A reader that goes away (`quizdeck cards | head -1`)
# is not an error: quizdeck ends quietly, as git does.
# usage: files-stdout.sh QUIZDECK SOURCE_DIR
set -u
bin=$1 src=$2
. "${0%/*}/lib.sh"
qd_env
tmp=$WORK
if [ ! -c /dev/full ]; then
	echo "no /dev/full: skipped"
	exit 77
fi
export QUIZDECK_NOW=2026-03-02T09:00:00Z
deck=$src/tests/e2e/decks/quiz.yaml
article=$src/tests/articles/eval/$(cd "$src/tests/articles/eval" && ls *.txt | head -n 1)
msg="quizdeck: error: cannot write standard output"

# A review log to list and export, and a quiz result: one quiz, recorded.
printf 'f\nMozilla\n' | "$bin" quiz "$deck" --seed 3 -n 2 --name Ann --record-reviews \
	> /dev/null 2>&1 || { echo "setup: quiz failed"; exit 2; }
printf 'card_id,review_time,review_rating\nquiz-test/sky,1772442000000,3\n' > "$tmp/in.csv"

# full INPUT ARGS...: quizdeck ARGS with INPUT on stdin, stdout on /dev/full.
full() {
	input=$1
	shift
	printf '%b' "$input" | timeout 60 "$bin" "$@" > /dev/full 2> "$tmp/err"
	got=$?
	if [ "$got" != 74 ]; then
		fail_later "quizdeck $* > /dev/full: exit status $got, expected 74"
		cat "$tmp/err"
	fi
	if ! grep -q "^$msg" "$tmp/err"; then
		fail_later "quizdeck $* > /dev/full: no '$msg' on stderr:"
		cat "$tmp/err"
	fi
}

full '' --help
full '' -h
full '' --version
full '' help
full '' help cards
full '' cards --help
full '' cards
full '' cards "$deck"
full '' decks
full '' stats
full '' stats --json
full '' results
full '' results --csv
full '' export-reviews
full '' check --json "$deck"
full '' gen "$article"
full '' import-reviews "$tmp/in.csv"
full 'n\n' study "$deck"
full 'f\nMozilla\n' quiz "$deck" --seed 3 -n 2 --name Bob
# The reason, when the system gave one.
full '' --version
grep -qF "$msg: No space left on device" "$tmp/err" ||
	fail_later "no reason: $(cat "$tmp/err")"

# A reader that goes away: no message. The pipe's read end is closed before
# quizdeck starts (perl is part of every Debian system), so every write
# meets a reader that has gone. With SIGPIPE as it comes, the process ends
# on the signal (status 141, unseen in a pipeline); with SIGPIPE ignored,
# the writes fail with EPIPE, which is not reported and does not change the
# status.
gone() { # SIGPIPE_DISPOSITION WANT_STATUS ARGS...
	sig=$1 want=$2
	shift 2
	perl -e '$SIG{PIPE} = shift; pipe(R, W) or die; close R;
		open(STDOUT, ">&", \*W) or die; close W; exec @ARGV or die' \
		"$sig" "$bin" "$@" 2> "$tmp/err"
	got=$?
	[ "$got" = "$want" ] || fail_later "$* | gone ($sig): exit status $got, want $want"
	[ -s "$tmp/err" ] && fail_later "$* | gone ($sig): $(cat "$tmp/err")"
}
if command -v perl > /dev/null; then
	gone DEFAULT 141 cards
	gone IGNORE 0 cards
	gone IGNORE 0 --help
	gone IGNORE 0 export-reviews
fi
"$bin" cards 2> "$tmp/err" | head -n 1 > /dev/null
[ -s "$tmp/err" ] && fail_later "cards | head: $(cat "$tmp/err")"

# Standard output closed ('>&-'): what a session prints must not land in
# the first file it opens, the review log, which must still load.
rm -rf "$tmp/closed"
printf 'n\n\n' | QUIZDECK_DATA=$tmp/closed "$bin" study "$deck" >&- 2> /dev/null
if grep -qv '^quizdeck-log\|^review' "$tmp/closed/reviews.log"; then
	fail_later "study >&-: the review log holds other lines:"
	head -n 5 "$tmp/closed/reviews.log"
fi
QUIZDECK_DATA=$tmp/closed "$bin" export-reviews > /dev/null 2> "$tmp/err" ||
	fail_later "study >&-: the log does not load: $(cat "$tmp/err")"

finish "all passed"

# Shell helpers for the checks of the study-session tests
# (tests/e2e/study-*.pty), sourced as `. "$SRC/tests/e2e/study-lib.sh"`.
# POSIX sh.
. "$SRC/tests/lib.sh"

# records LOG: the log's records without the fields that vary from run to
# run: a review's DURATION and every record's CRC (which covers the
# duration). The header line must be the first line.
records() {
	[ "$(head -n 1 "$1")" = "quizdeck-log 1" ] || {
		echo "$1: no 'quizdeck-log 1' header" >&2
		return 1
	}
	tail -n +2 "$1" | awk -F '\t' -v OFS='\t' '
		$1 == "review" { if ($6 !~ /^[0-9]+$/) bad = 1; print $1, $2, $3, $4, $5, $7, $8; next }
		{ NF = NF - 1; print }
		END { if (bad) { print "a duration is not a count" > "/dev/stderr"; exit 1 } }'
}

# expect_records LOG < EXPECTED: the records (as printed by records) are
# exactly EXPECTED, or the difference is shown and the test fails.
expect_records() {
	records "$1" > records.got || fail "$1: cannot read the records"
	cat > records.want
	if ! cmp -s records.want records.got; then
		diff -u records.want records.got >&2
		fail "$1: unexpected records (- expected, + got)"
	fi
}

# log_is_valid: quizdeck reads its log back with no warning (every checksum
# and field is valid).
log_is_valid() {
	"$QUIZDECK" export-reviews > export.csv 2> export.err || {
		cat export.err >&2
		fail "export-reviews failed"
	}
	if [ -s export.err ]; then
		cat export.err >&2
		fail "the review log has damaged records"
	fi
}

# same_through_a_pipe < ANSWERS: the test's session again, off a terminal:
# ANSWERS piped into `quizdeck study --seed 1 tests/e2e/decks/study.yaml`
# in a fresh environment (pipe/, with the session's QUIZDECK_NOW) must
# record the same records as the session on the terminal did, every field
# but the duration and checksum. Keys a pipe cannot carry have their line
# equivalents: Tab completion is the command typed in full, Ctrl-C and
# Ctrl-D are the end of the input. The transcript, pipe/out, must be plain
# text (no escape sequence at all) with the summary, each prompt written
# once and the line read after it.
same_through_a_pipe() {
	now=$QUIZDECK_NOW here=$PWD
	cat > pipe.answers
	status=0
	(
		qd_env "$here/pipe"
		QUIZDECK_NOW=$now
		export QUIZDECK_NOW
		exec "$QUIZDECK" study --seed 1 "$SRC/tests/e2e/decks/study.yaml" \
			< "$here/pipe.answers" > "$here/pipe/out" 2> "$here/pipe/err"
	) || status=$?
	[ "$status" -eq 0 ] || { cat pipe/err >&2; fail "through a pipe: exit status $status"; }
	[ ! -s pipe/err ] || { cat pipe/err >&2; fail "through a pipe: output on stderr"; }
	records "$QUIZDECK_DATA/reviews.log" > pty.records || fail "cannot read the records"
	[ -s pty.records ] || fail "no records to compare"
	records pipe/data/reviews.log > pipe.records || fail "through a pipe: cannot read the records"
	if ! cmp -s pty.records pipe.records; then
		diff -u pty.records pipe.records >&2
		fail "through a pipe: the records differ (- terminal, + pipe)"
	fi
	if LC_ALL=C grep -q "$(printf '\033')" pipe/out; then
		fail "through a pipe: escape sequences in the output"
	fi
	grep -q 'Session over\.' pipe/out || fail "through a pipe: no summary"
	# The prompt is written once, the line read once after it.
	if grep -Eq '(answer|rate \[[a-z]+\])> .*(answer|rate \[[a-z]+\])> ' pipe/out; then
		fail "through a pipe: a prompt shown twice on a line"
	fi
	echo "$(wc -l < pipe.records) records through a pipe, as on the terminal"
}

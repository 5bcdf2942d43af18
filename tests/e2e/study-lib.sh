# Shell helpers for the study-session tests (sourced by tests/e2e/study-*.check
# and tests/study-pipe.sh). POSIX sh.

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
	records "$1" > records.got || exit 1
	cat > records.want
	if ! cmp -s records.want records.got; then
		echo "$1: unexpected records (- expected, + got):" >&2
		diff -u records.want records.got >&2
		exit 1
	fi
}

# log_is_valid: quizdeck reads its log back with no warning (every checksum
# and field is valid).
log_is_valid() {
	"$QUIZDECK" export-reviews > export.csv 2> export.err || {
		cat export.err >&2
		exit 1
	}
	if [ -s export.err ]; then
		echo "the review log has damaged records:" >&2
		cat export.err >&2
		exit 1
	fi
}

#!/bin/sh
# Data-driven tests of `quizdeck gen` (see tests/gen.cmake):
#   tests/articles/NAME.txt       → must give exactly NAME.expect.yaml, twice
#                                   (determinism), and pass `quizdeck check`
#                                   with no diagnostics at all;
#   tests/articles/bad/NAME.txt   → must exit 65 with exactly the stderr of
#                                   NAME.expect-err, and leave -o untouched.
# Usage: gen-articles.sh QUIZDECK ARTICLES-DIR
# Set QD_UPDATE=1 to rewrite the expected files from the current output.
set -u
. "${0%/*}/lib.sh"
bin=$1
dir=$2
qd_env
tmp=$WORK
count=0

cd "$dir" || fail "no directory $dir"
for art in *.txt; do
	name=${art%.txt}
	count=$((count + 1))
	if ! "$bin" gen "$art" >"$tmp/one.yaml" 2>"$tmp/err"; then
		fail_later "$art: gen failed: $(cat "$tmp/err")"
		continue
	fi
	"$bin" gen "$art" >"$tmp/two.yaml" 2>/dev/null
	cmp -s "$tmp/one.yaml" "$tmp/two.yaml" || fail_later "$art: two runs differ"
	if [ "${QD_UPDATE:-}" = 1 ]; then
		cp "$tmp/one.yaml" "$name.expect.yaml"
	fi
	if ! cmp -s "$tmp/one.yaml" "$name.expect.yaml"; then
		fail_later "$art: output differs from $name.expect.yaml"
		diff -u "$name.expect.yaml" "$tmp/one.yaml" | head -40
	fi
	# -o writes the same bytes.
	"$bin" gen "$art" -o "$tmp/out.yaml" 2>/dev/null
	cmp -s "$tmp/one.yaml" "$tmp/out.yaml" || fail_later "$art: -o output differs from stdout"
	if ! "$bin" check "$tmp/one.yaml" >"$tmp/check.out" 2>&1 || [ -s "$tmp/check.out" ]; then
		fail_later "$art: the generated deck does not pass check cleanly:"
		cat "$tmp/check.out"
	fi
done

# -o onto something that is not a regular file is refused, not replaced by
# the rename (as root, '-o /dev/null' used to turn /dev/null into a file).
first=$(ls *.txt | head -n 1)
mkfifo "$tmp/fifo"
"$bin" gen "$first" -o "$tmp/fifo" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" = 73 ] || fail_later "-o FIFO: exit $rc, want 73"
[ -p "$tmp/fifo" ] || fail_later "-o FIFO: the FIFO was replaced"
grep -q "not a regular file" "$tmp/err" || fail_later "-o FIFO: message: $(cat "$tmp/err")"
rm -f "$tmp/fifo"
mkdir "$tmp/adir"
"$bin" gen "$first" -o "$tmp/adir" >/dev/null 2>&1
rc=$?
[ "$rc" = 73 ] || fail_later "-o directory: exit $rc, want 73"
[ -z "$(ls -A "$tmp" | grep '^\.')" ] || fail_later "-o: left temporary files: $(ls -A "$tmp")"
rmdir "$tmp/adir"

cd bad || fail "no directory $dir/bad"
for art in *.txt; do
	name=${art%.txt}
	count=$((count + 1))
	echo keep >"$tmp/keep.yaml"
	"$bin" gen "$art" -o "$tmp/keep.yaml" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" = 65 ] || fail_later "bad/$art: exit $rc, want 65"
	if [ "${QD_UPDATE:-}" = 1 ]; then
		cp "$tmp/err" "$name.expect-err"
	fi
	if ! cmp -s "$tmp/err" "$name.expect-err"; then
		fail_later "bad/$art: stderr differs from $name.expect-err"
		diff -u "$name.expect-err" "$tmp/err"
	fi
	[ -s "$tmp/out" ] && fail_later "bad/$art: wrote to stdout"
	[ "$(cat "$tmp/keep.yaml")" = keep ] || fail_later "bad/$art: -o target was changed"
	[ "$(ls -A "$tmp" | grep -c '^\.keep')" = 0 ] || fail_later "bad/$art: left a temporary file"
done

finish "$count articles"

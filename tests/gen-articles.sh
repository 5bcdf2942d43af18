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
bin=$1
dir=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
count=0

fail() {
	echo "FAIL: $*"
	fails=$((fails + 1))
}

cd "$dir" || exit 1
for art in *.txt; do
	name=${art%.txt}
	count=$((count + 1))
	if ! "$bin" gen "$art" >"$tmp/one.yaml" 2>"$tmp/err"; then
		fail "$art: gen failed: $(cat "$tmp/err")"
		continue
	fi
	"$bin" gen "$art" >"$tmp/two.yaml" 2>/dev/null
	cmp -s "$tmp/one.yaml" "$tmp/two.yaml" || fail "$art: two runs differ"
	if [ "${QD_UPDATE:-}" = 1 ]; then
		cp "$tmp/one.yaml" "$name.expect.yaml"
	fi
	if ! cmp -s "$tmp/one.yaml" "$name.expect.yaml"; then
		fail "$art: output differs from $name.expect.yaml"
		diff -u "$name.expect.yaml" "$tmp/one.yaml" | head -40
	fi
	# -o writes the same bytes.
	"$bin" gen "$art" -o "$tmp/out.yaml" 2>/dev/null
	cmp -s "$tmp/one.yaml" "$tmp/out.yaml" || fail "$art: -o output differs from stdout"
	if ! "$bin" check "$tmp/one.yaml" >"$tmp/check.out" 2>&1 || [ -s "$tmp/check.out" ]; then
		fail "$art: the generated deck does not pass check cleanly:"
		cat "$tmp/check.out"
	fi
done

# -o onto something that is not a regular file is refused, not replaced by
# the rename (as root, '-o /dev/null' used to turn /dev/null into a file).
first=$(ls *.txt | head -n 1)
mkfifo "$tmp/fifo"
"$bin" gen "$first" -o "$tmp/fifo" >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" = 73 ] || fail "-o FIFO: exit $rc, want 73"
[ -p "$tmp/fifo" ] || fail "-o FIFO: the FIFO was replaced"
grep -q "not a regular file" "$tmp/err" || fail "-o FIFO: message: $(cat "$tmp/err")"
rm -f "$tmp/fifo"
mkdir "$tmp/adir"
"$bin" gen "$first" -o "$tmp/adir" >/dev/null 2>&1
rc=$?
[ "$rc" = 73 ] || fail "-o directory: exit $rc, want 73"
[ -z "$(ls -A "$tmp" | grep '^\.')" ] || fail "-o: left temporary files: $(ls -A "$tmp")"
rmdir "$tmp/adir"

cd bad || exit 1
for art in *.txt; do
	name=${art%.txt}
	count=$((count + 1))
	echo keep >"$tmp/keep.yaml"
	"$bin" gen "$art" -o "$tmp/keep.yaml" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "$rc" = 65 ] || fail "bad/$art: exit $rc, want 65"
	if [ "${QD_UPDATE:-}" = 1 ]; then
		cp "$tmp/err" "$name.expect-err"
	fi
	if ! cmp -s "$tmp/err" "$name.expect-err"; then
		fail "bad/$art: stderr differs from $name.expect-err"
		diff -u "$name.expect-err" "$tmp/err"
	fi
	[ -s "$tmp/out" ] && fail "bad/$art: wrote to stdout"
	[ "$(cat "$tmp/keep.yaml")" = keep ] || fail "bad/$art: -o target was changed"
	[ "$(ls -A "$tmp" | grep -c '^\.keep')" = 0 ] || fail "bad/$art: left a temporary file"
done

echo "$count articles, $fails failures"
[ "$fails" = 0 ]

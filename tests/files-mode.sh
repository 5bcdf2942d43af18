#!/bin/sh
# `quizdeck gen -o FILE` writes through a temporary file renamed over FILE:
# a new file gets the mode the umask allows (as any program's would), an
# existing file keeps its mode (a private 0600 deck stays private).
# usage: files-mode.sh QUIZDECK SOURCE_DIR
set -u
bin=$1 src=$2
. "${0%/*}/lib.sh"
qd_env
tmp=$WORK
article=$src/tests/articles/eval/$(cd "$src/tests/articles/eval" && ls *.txt | head -n 1)

# gen NAME UMASK WANT_MODE: runs gen -o $tmp/NAME.yaml under UMASK and
# checks the file's mode and content.
gen() {
	name=$1 mask=$2 want=$3
	(umask "$mask" && exec "$bin" gen "$article" -o "$tmp/$name.yaml") 2> "$tmp/err"
	rc=$?
	[ "$rc" = 0 ] || { fail_later "$name: exit $rc: $(cat "$tmp/err")"; return; }
	got=$(stat -c %a "$tmp/$name.yaml")
	[ "$got" = "$want" ] || fail_later "$name: mode $got, want $want"
	grep -q '^deck: ' "$tmp/$name.yaml" || fail_later "$name: not a deck"
}

gen new-077 077 600
gen new-022 022 644
gen new-027 027 640
echo old > "$tmp/keep-600.yaml" && chmod 600 "$tmp/keep-600.yaml"
gen keep-600 022 600
echo old > "$tmp/keep-640.yaml" && chmod 640 "$tmp/keep-640.yaml"
gen keep-640 077 640
echo old > "$tmp/keep-664.yaml" && chmod 664 "$tmp/keep-664.yaml"
gen keep-664 077 664
# No temporary file is left behind.
left=$(ls -A "$tmp" | grep '^\.' || true)
[ -z "$left" ] || fail_later ": temporary files left: $left"

finish "all passed"

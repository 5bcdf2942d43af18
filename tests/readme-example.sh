#!/bin/sh
# The deck in README.md's "A deck" section must pass `quizdeck check` with no
# output: the README is documentation that runs.
set -eu
. "${0%/*}/lib.sh"
bin=$1 readme=$2
qd_env
work=$WORK
awk '/^## A deck/ { in_section = 1 } in_section && /^```yaml/ { grab = 1; next }
     grab && /^```/ { exit } grab { print }' "$readme" >"$work/example.yaml"
[ -s "$work/example.yaml" ] || fail "no yaml example found in $readme"
out=$("$bin" check "$work/example.yaml" 2>&1) || fail "check failed: $out"
[ -z "$out" ] || fail "unexpected output: $out"
finish "README example deck passes check"

#!/bin/sh
# The deck in README.md's "A deck" section must pass `quizdeck check` with no
# output: the README is documentation that runs.
set -eu
bin=$1 readme=$2 work=${TMPDIR:-/tmp}/qd-readme.$$
mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
awk '/^## A deck/ { in_section = 1 } in_section && /^```yaml/ { grab = 1; next }
     grab && /^```/ { exit } grab { print }' "$readme" >"$work/example.yaml"
[ -s "$work/example.yaml" ] || { echo "no yaml example found in $readme" >&2; exit 1; }
out=$("$bin" check "$work/example.yaml" 2>&1) || { echo "$out" >&2; exit 1; }
[ -z "$out" ] || { echo "unexpected output: $out" >&2; exit 1; }
echo "README example deck passes check"

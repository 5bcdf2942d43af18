#!/bin/sh
# quizdeck gen on large articles (written by tests/article-inputs.c from the
# evaluation articles): the time grows in proportion to the article, and
# what it writes is a deck `check` accepts. An article too large to make one
# deck file is refused clearly (65, "split the article"), with nothing
# written, never with an internal error or a deck the loader refuses.
#
# The time is the CPU time of the gen process (the shell's `times`), the
# lesser of two runs: the article of about 1 MB must take at most 6 times
# as long as the one of 250 KB, 4 times smaller (work quadratic in the
# article takes 16 times as long; linear work 4 times, plus what does not
# grow, such as starting the program).
#
# usage: gen-scale.sh QUIZDECK ARTICLE_INPUTS SRCDIR WORKDIR
set -u
q=$1 inputs=$2 src=$3
. "${0%/*}/lib.sh"
qd_env "$4"

articles=$(ls "$src"/tests/articles/eval/*.txt "$src"/tests/articles/heldout/*.txt)
# shellcheck disable=SC2086
for size in 250000 600000 1000000; do
	"$inputs" "$size" $articles > "$WORK/a$size.txt" || fail "article-inputs $size failed"
done

# cpu_of FILE: the children's CPU seconds (user + system) in a `times` output
cpu_of() {
	awk 'NR == 2 { t = 0
		for (i = 1; i <= 2; i++) { split($i, p, "m"); t += p[1] * 60 + p[2] }
		printf "%.3f\n", t }' "$1"
}

# gen_timed SIZE: runs gen twice on the article of SIZE into d$SIZE.yaml,
# sets rc and cpu (the lesser CPU time of the two runs)
gen_timed() {
	cpu=
	for run in 1 2; do
		rm -f "$WORK/d$1.yaml"
		times > "$WORK/t0"
		rc=0
		"$q" gen "$WORK/a$1.txt" -o "$WORK/d$1.yaml" > /dev/null 2> "$WORK/e$1" || rc=$?
		times > "$WORK/t1"
		t=$(awk -v a="$(cpu_of "$WORK/t0")" -v b="$(cpu_of "$WORK/t1")" 'BEGIN { printf "%.3f", b - a }')
		cpu=$(awk -v a="${cpu:-$t}" -v b="$t" 'BEGIN { print a < b ? a : b }')
	done
}

# deck_ok SIZE: gen wrote a deck check accepts, or refused clearly
deck_ok() {
	case $rc in
	0)
		[ -f "$WORK/d$1.yaml" ] || fail_later "a$1: exit 0 and no deck written"
		"$q" check "$WORK/d$1.yaml" > /dev/null 2> "$WORK/c$1" ||
			fail_later "a$1: check refuses the deck gen wrote: $(grep -m1 error "$WORK/c$1")"
		;;
	65)
		[ ! -e "$WORK/d$1.yaml" ] || fail_later "a$1: refused but a deck was written"
		grep -q "^$WORK/a$1.txt: error: .*too large.*split the article" "$WORK/e$1" ||
			fail_later "a$1: refused without saying why: $(cat "$WORK/e$1")"
		;;
	*)
		fail_later "a$1: gen exit $rc: $(cat "$WORK/e$1")"
		;;
	esac
}

gen_timed 250000
[ "$rc" -eq 0 ] || fail_later "a250000: gen exit $rc: $(cat "$WORK/e250000")"
deck_ok 250000
small=$cpu
gen_timed 600000
deck_ok 600000
gen_timed 1000000
deck_ok 1000000
large=$cpu
echo "gen: $small s CPU for 250 KB, $large s for 1 MB"
awk -v s="$small" -v l="$large" 'BEGIN { exit !(l <= 6 * s + 0.05) }' ||
	fail_later "1 MB took $large s, over 6 times the $small s of 250 KB: not linear"
finish

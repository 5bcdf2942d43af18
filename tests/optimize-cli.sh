#!/bin/sh
# `quizdeck optimize` off a terminal, on a history generated here (300
# cards, 8 reviews each, recalled 85% of the time): too little history
# (exit 65, nothing written), the text and --json outputs (the JSON keys
# are a contract), the same result on every run, --evaluate, --tags and
# decks, --write into a settings file with comments (kept, the weights
# replaced, weights_fitted added; a second --write that fits no better
# changes nothing), the weights and their date in `stats`, and no progress
# line when stderr is not a terminal.
# usage: optimize-cli.sh QUIZDECK
set -u
. "${0%/*}/lib.sh"
bin=$1
qd_env
tmp=$WORK
decks=$XDG_DATA_HOME/quizdeck/decks
cfg=$XDG_CONFIG_HOME/quizdeck/config.yaml
export QUIZDECK_NOW=2027-01-01T09:00:00Z
# Progress at once on a terminal (tests/e2e/optimize-progress.pty): here,
# with stderr piped, there must be none.
export QUIZDECK_PROGRESS_AFTER=0
mkdir -p "$decks"

# run WANT_STATUS ARGS...: output in $tmp/out and $tmp/err.
run() {
	want=$1
	shift
	"$bin" "$@" > "$tmp/out" 2> "$tmp/err"
	got=$?
	if [ "$got" != "$want" ]; then
		fail_later "quizdeck $*: exit status $got, expected $want"
		cat "$tmp/err" >&2
	fi
}

# Too little history: 3 cards.
printf 'card_id,review_time,review_rating\nbig/c1,1767261600000,3\nbig/c1,1767348000000,3\nbig/c2,1767261600000,1\n' > "$tmp/few.csv"
"$bin" import-reviews "$tmp/few.csv" > /dev/null || fail "import of few.csv failed"
run 65 optimize --write
grep -q 'too little history to fit the weights: 3 reviews, of which 0 can be used' "$tmp/err" ||
	fail_later "too little history: $(cat "$tmp/err")"
grep -q 'at least 64 are needed' "$tmp/err" || fail_later "no minimum in: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail_later "too little history printed: $(cat "$tmp/out")"
[ -e "$cfg" ] && fail_later "too little history wrote $cfg"
rm -f "$QUIZDECK_DATA/reviews.log"

# The deck: 300 cards, the even ones tagged.
awk 'BEGIN { print "deck: big\ntitle: Big\ncards:"
	for (i = 0; i < 300; i++) {
		printf "  - id: c%d\n    type: basic\n    q: Term %d?\n    a: term %d\n", i, i, i
		if (i % 2 == 0) print "    tags: [even]"
	} }' > "$decks/big.yaml"
# Their history: a first review, then 7 more at growing intervals (reset
# after a lapse), recalled 85% of the time.
awk 'BEGIN { srand(7); print "card_id,review_time,review_rating"
	for (i = 0; i < 300; i++) {
		t = 1767261600000 + i * 60000; ivl = 1
		printf "big/c%d,%.0f,%d\n", i, t, rand() < 0.2 ? 1 : 3
		for (k = 0; k < 7; k++) {
			t += ivl * 86400000
			ok = rand() < 0.85
			printf "big/c%d,%.0f,%d\n", i, t, ok ? 3 : 1
			ivl = ok ? ivl * 2 + 1 : 1
		}
	} }' > "$tmp/reviews.csv"
"$bin" import-reviews "$tmp/reviews.csv" > /dev/null || fail "import failed"

run 0 optimize
head -1 "$tmp/out" | grep -q '^reviews: 2400 (2100 predictable, [0-9]* used to fit)$' ||
	fail_later "first line: $(head -1 "$tmp/out")"
grep -q '^  current (defaults)  *0\.[0-9]\{4\}  *[0-9.]*%$' "$tmp/out" ||
	fail_later "no current line in: $(cat "$tmp/out")"
grep -q '^  fitted  *0\.[0-9]\{4\}  *[0-9.]*%$' "$tmp/out" || fail_later "no fitted line"
grep -q "quizdeck optimize --write' puts them in your settings" "$tmp/out" ||
	fail_later "no advice to write: $(cat "$tmp/out")"
[ -s "$tmp/err" ] && fail_later "stderr when piped: $(cat "$tmp/err")"
cp "$tmp/out" "$tmp/text1"
run 0 optimize
cmp -s "$tmp/out" "$tmp/text1" || fail_later "two runs differ"

num='-\{0,1\}[0-9][0-9.e+-]*'
run 0 optimize --json
grep -q "^{\"reviews\":2400,\"items\":2100,\"current\":{\"log_loss\":$num,\"rmse_bins\":$num},\"fitted\":{\"log_loss\":$num,\"rmse_bins\":$num},\"weights\":\[\($num,\)\{20\}$num\]}\$" "$tmp/out" ||
	fail_later "--json: $(cat "$tmp/out")"
[ "$(wc -l < "$tmp/out")" -eq 1 ] || fail_later "--json is not one line"
fitted=$(sed 's/.*"fitted":{"log_loss":\([0-9.]*\).*/\1/' "$tmp/out")
current=$(sed 's/.*"current":{"log_loss":\([0-9.]*\).*/\1/' "$tmp/out")
weights=$(sed 's/.*"weights":\[\(.*\)\]}/\1/' "$tmp/out")
awk -v f="$fitted" -v c="$current" 'BEGIN { exit !(f < c) }' ||
	fail_later "fitted log loss $fitted not below the defaults' $current"

run 0 optimize --evaluate --json
grep -q "^{\"reviews\":2400,\"items\":2100,\"current\":{\"log_loss\":$current,\"rmse_bins\":$num}}\$" "$tmp/out" ||
	fail_later "--evaluate --json: $(cat "$tmp/out")"
run 64 optimize --evaluate --write
QUIZDECK_PROGRESS_AFTER=soon run 64 optimize
grep -q "QUIZDECK_PROGRESS_AFTER: 'soon' is not a number of seconds" "$tmp/err" ||
	fail_later "QUIZDECK_PROGRESS_AFTER=soon: $(cat "$tmp/err")"

# Decks and tags select reviews.
run 0 optimize --json --tags even
grep -q '^{"reviews":1200,"items":1050,' "$tmp/out" || fail_later "--tags even: $(cat "$tmp/out")"
run 0 optimize --json big
grep -q '^{"reviews":2400,"items":2100,' "$tmp/out" || fail_later "deck big: $(cat "$tmp/out")"

# --write: into a file with comments and other settings.
mkdir -p "${cfg%/*}"
printf '# my settings\nretention: 0.9  # the default\nweights: [0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001,\n  1.8722, 0.1666, 0.796, 1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729,\n  0.5425, 0.0912, 0.0658, 0.1542]\n\n# limits\nnew_per_day: 10\n' > "$cfg"
run 0 optimize --write
grep -q "^wrote the fitted weights to $cfg\$" "$tmp/out" || fail_later "--write said: $(cat "$tmp/out")"
w=$(echo "$weights" | sed 's/,/, /g')
printf '# my settings\nretention: 0.9  # the default\nweights: [%s]\nweights_fitted: 2027-01-01T09:00:00Z\n\n# limits\nnew_per_day: 10\n' "$w" > "$tmp/want.yaml"
diff -u "$tmp/want.yaml" "$cfg" || fail_later "the settings file after --write"
# The weights in use now predict as the fit said.
run 0 optimize --evaluate --json
grep -q "\"current\":{\"log_loss\":$fitted," "$tmp/out" ||
	fail_later "after --write, current log loss is not $fitted: $(cat "$tmp/out")"
run 0 optimize --evaluate
grep -q '^  current (settings) ' "$tmp/out" || fail_later "--evaluate: $(cat "$tmp/out")"
# A second --write fits the same weights: no better, nothing written.
cp "$cfg" "$tmp/cfg1"
QUIZDECK_NOW=2027-01-02T09:00:00Z run 0 optimize --write
grep -q 'kept the current weights: the fitted ones predict your history no better' "$tmp/err" ||
	fail_later "second --write: $(cat "$tmp/err")"
cmp -s "$cfg" "$tmp/cfg1" || fail_later "second --write changed the file"

# stats: which weights, fitted when (local time).
TZ=Asia/Tokyo run 0 stats
grep -q "^weights: your own, fitted by 'quizdeck optimize' on 2027-01-01 18:00\$" "$tmp/out" ||
	fail_later "stats: $(grep weights "$tmp/out")"

# A settings file that does not exist yet is created.
rm -f "$cfg"
run 0 optimize --write
[ "$(grep -c . "$cfg")" -eq 2 ] && grep -q '^weights: \[' "$cfg" &&
	grep -q '^weights_fitted: 2027-01-01T09:00:00Z$' "$cfg" ||
	fail_later "new settings file: $(cat "$cfg")"

finish "all passed"

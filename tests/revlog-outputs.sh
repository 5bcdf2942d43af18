#!/bin/sh
# The outputs that derive from the review log stay byte for byte what they
# were: a deterministic log of 101,100 reviews (bench/gen-reviews.sh, 1,001
# cards and 10 orphans, imported), with events (suspend, bury, unsuspend),
# a damaged line and a torn last line, read by `cards --json`, `stats
# --json` and `export-reviews`. The SHA-256 digests below (of the log
# itself, and of each command's output and diagnostics) were recorded by
# running this script with QD_RECORD=1 and the quizdeck built before the
# log reader and the import were rewritten for speed (the commit before
# "review log: CRC-32 sliced by 8 ..."), so a change in any byte read or
# written shows here.
# usage: revlog-outputs.sh QUIZDECK SOURCE_DIR
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
qd_env
log=$QUIZDECK_DATA/reviews.log
decks=$XDG_DATA_HOME/quizdeck/decks
sh "$src/bench/gen-reviews.sh" "$WORK/in" 1001 100 || fail "cannot generate the input"
mkdir -p "$decks" && cp "$WORK/in/big.yaml" "$decks/" || fail "cannot install the deck"
export QUIZDECK_NOW=2021-01-01T09:00:00Z TZ=Europe/Paris

"$bin" import-reviews "$WORK/in/reviews.csv" > "$WORK/import.out" 2>&1 ||
	fail "import-reviews failed: $(cat "$WORK/import.out")"
"$bin" suspend big/c1 big/c2 > /dev/null 2>&1 || fail "suspend failed"
"$bin" bury big/c3 > /dev/null 2>&1 || fail "bury failed"
"$bin" unsuspend big/c2 > /dev/null 2>&1 || fail "unsuspend failed"
# A line whose checksum does not hold, then a torn last line.
printf 'review\t2020-12-31T09:00:00.000Z\tbig\tc7\t3\t100\timport\t-\tdeadbeef\n' >> "$log"
printf 'review\t2020-12-31T09:00' >> "$log"

run() { # NAME COMMAND...: the digests of the command's output and diagnostics
	name=$1
	shift
	"$@" > "$WORK/$name.out" 2> "$WORK/$name.err" || fail_later "$name failed: $(cat "$WORK/$name.err")"
	echo "$name.out $(sha256sum < "$WORK/$name.out" | cut -c1-64)"
	# Diagnostics name the log: its temporary directory is left out.
	echo "$name.err $(sed "s|$WORK|WORK|g" "$WORK/$name.err" | sha256sum | cut -c1-64)"
}
{
	echo "import.out $(sha256sum < "$WORK/import.out" | cut -c1-64)"
	echo "reviews.log $(sha256sum < "$log" | cut -c1-64)"
	run cards "$bin" cards --json
	run stats "$bin" stats --json
	run export "$bin" export-reviews
	run export-big "$bin" export-reviews --deck big
} > "$WORK/got"
if [ "${QD_RECORD:-}" = 1 ]; then
	cat "$WORK/got"
	exit 0
fi
cat > "$WORK/want" <<'DIGESTS'
import.out 1e4b6f1ccdd4663588a95bcc9f905fd9eeaf27828ff1d1755361ef44ff88c6da
reviews.log 20f7a2ac3285bb14c6f887a57ecd5831b5baec0bbb0c15aeeb0f3728420108bd
cards.out 9b78f4bbe6310512f87dab6ffaac27ce65847193a1dd52ed0c32728380249eaf
cards.err 215c340ae9720baf9e25cd2f325108b5075e01d5fde8ef8b2caf16d59090188f
stats.out 30abd8e71e7d6fd1e719aef26f0a2f722459311a935ca8bbc62fc6b8c3f949eb
stats.err 215c340ae9720baf9e25cd2f325108b5075e01d5fde8ef8b2caf16d59090188f
export.out b1f5f9a81628438cef179c3cd48c355071ddcb88a33388757c2124ed0cf6ad9c
export.err 6f5ce6e94257fd1526b53ec20890fce879f24121d7e878aba311097b5fb638a9
export-big.out b1f5f9a81628438cef179c3cd48c355071ddcb88a33388757c2124ed0cf6ad9c
export-big.err 6f5ce6e94257fd1526b53ec20890fce879f24121d7e878aba311097b5fb638a9
DIGESTS
diff "$WORK/want" "$WORK/got" >&2 || fail_later "outputs differ from the recorded ones"
finish "passed: $(wc -l < "$WORK/got") digests equal"

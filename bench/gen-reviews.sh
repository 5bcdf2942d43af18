#!/bin/sh
# gen-reviews: writes a deterministic history for the review log's
# benchmarks and tests (the same bytes on every machine: integer arithmetic
# only, no awk rand()).
#
# usage: gen-reviews.sh DIR CARDS PER_CARD
#   DIR/big.yaml     deck "big" with CARDS basic cards c0 ... c(CARDS-1)
#   DIR/reviews.csv  CARDS * PER_CARD reviews in the FSRS revlog schema of
#                    import-reviews, card by card within each round (review k
#                    of card i at 2020-09-13T12:26:40Z + k * 3 days + i s),
#                    ratings about 10% Again, 10% Hard, 70% Good, 10% Easy,
#                    plus PER_CARD reviews of each of CARDS/100 cards that
#                    are not in the deck (orphans, c(CARDS) ...)
set -eu
dir=$1 cards=$2 per=$3
mkdir -p "$dir"
awk -v n="$cards" 'BEGIN {
	print "deck: big\ntitle: Big\ncards:"
	for (i = 0; i < n; i++)
		printf "  - id: c%d\n    type: basic\n    q: Term %d?\n    a: term %d\n", i, i, i
}' > "$dir/big.yaml"
awk -v n="$cards" -v per="$per" 'BEGIN {
	print "card_id,review_time,review_rating,review_duration"
	all = n + int(n / 100)
	for (k = 0; k < per; k++)
		for (i = 0; i < all; i++) {
			h = (i * 7919 + k * 104729) % 100
			r = h < 10 ? 1 : h < 20 ? 2 : h < 90 ? 3 : 4
			printf "big/c%d,%.0f,%d,%d\n", i, 1600000000000 + k * 259200000 + i * 1000, r,
			       (i * 37 + k * 101) % 20000
		}
}' > "$dir/reviews.csv"

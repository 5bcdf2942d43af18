#!/bin/sh
# Every shell example of the documentation runs, so the pages cannot drift
# from the program (as jq runs its manual's examples). What counts as an
# example, and how a page marks one, is in docs/testing.md ("The
# documentation's examples"); in short:
#
#   - a fenced block whose first line starts with "$ " is a transcript:
#     each "$ COMMAND" line runs (sh -c) and its stdout and stderr must be
#     the lines after it, up to the next "$ " line; a line "..." stands for
#     any lines (the others must then come in order);
#   - a block fenced ```sh (or shell, console, bash) without "$ " lines is
#     a script: it runs with sh -e and must exit 0;
#   - an HTML comment on the line before the fence says more:
#       <!-- example: skip REASON -->   not run, for REASON (required)
#       <!-- example: setup             these lines run first, hidden
#       COMMANDS                        from the reader (a deck to check,
#       -->                             a log to read)
#
# Each block runs in a world of its own (tests/lib.sh's qd_env: a private
# HOME and data, TZ=UTC), in an empty directory, with QUIZDECK_NOW fixed at
# 2026-11-24T09:30:00Z, standard input /dev/null, the build's quizdeck first
# on PATH, DOCS naming the docs directory (for docs/examples) and each
# command under a timeout. A failure names the page and line of the block
# or command: README.md:25: ...
#
# usage: doc-examples.sh QUIZDECK SOURCE_DIR [PAGE...]
#   (default pages: README.md and docs/*.md but docs/teaching.md, whose
#   examples tests/teaching.sh runs with the files they need)
set -u
. "${0%/*}/lib.sh"
bin=$1 src=$2
shift 2
qd_env
root=$WORK
mkdir -p "$root/bin" "$root/blocks"
ln -s "$bin" "$root/bin/quizdeck" || fail "cannot link $bin"
if [ $# -eq 0 ]; then
	set -- "$src/README.md"
	for page in "$src"/docs/*.md; do
		case $page in */docs/teaching.md) continue ;; esac
		set -- "$@" "$page"
	done
fi
command -v timeout > /dev/null || fail "no timeout(1)"

# Cuts each page into its blocks: for block N, blocks/N.meta holds
# "PAGE LINE KIND" (KIND: script, transcript or skip, then the reason),
# N.setup the hidden set-up, and for a script N.body; for a transcript
# N.K.cmd, N.K.line and N.K.want, one set per "$ " command.
extract() {
	awk -v dir="$root/blocks" -v page="$2" -v start="$3" '
	function flush_cmd() { if (k) { close(base "." k ".want"); close(base "." k ".cmd") } }
	BEGIN { n = start }
	!inb && /^[ \t]*<!-- example: skip/ {
		reason = $0
		sub(/^[ \t]*<!-- example: skip[ \t]*/, "", reason)
		sub(/[ \t]*-->[ \t]*$/, "", reason)
		skip = 1
		if (reason == "") reason = "-"
		next
	}
	!inb && /^[ \t]*<!-- example: setup[ \t]*$/ { insetup = 1; setup = ""; next }
	insetup && /^[ \t]*-->[ \t]*$/ { insetup = 0; pending_setup = setup; next }
	insetup { setup = setup $0 "\n"; next }
	!inb && match($0, /^[ \t]*(```+|~~~+)/) {
		indent = $0
		sub(/[`~].*/, "", indent)
		fence = substr($0, RSTART + length(indent), RLENGTH - length(indent))
		lang = substr($0, RSTART + RLENGTH)
		gsub(/[ \t]/, "", lang)
		inb = 1; first = 1; fline = NR; kind = ""; k = 0
		n++
		base = dir "/" n
		next
	}
	inb {
		line = $0
		if (indent != "" && substr(line, 1, length(indent)) == indent)
			line = substr(line, length(indent) + 1)
		closing = line
		sub(/[ \t]+$/, "", closing)
		if (closing ~ /^(```+|~~~+)$/ && substr(closing, 1, 1) == substr(fence, 1, 1) &&
		    length(closing) >= length(fence)) {
			inb = 0
			flush_cmd()
			if (kind == "")
				kind = (lang ~ /^(sh|shell|console|bash)$/) ? "script" : "none"
			if (skip && kind != "none") kind = "skip " reason
			if (kind != "none") {
				printf "%s %d %s\n", page, fline, kind > (base ".meta")
				close(base ".meta")
				printf "%s", pending_setup > (base ".setup")
				close(base ".setup")
			}
			skip = 0; pending_setup = ""
			next
		}
		if (first) {
			first = 0
			if (line ~ /^\$ /) kind = "transcript"
		}
		if (kind == "transcript") {
			if (line ~ /^\$ /) {
				flush_cmd()
				k++
				print substr(line, 3) > (base "." k ".cmd")
				print NR > (base "." k ".line")
				close(base "." k ".line")
				printf "" > (base "." k ".want")
			} else {
				print line > (base "." k ".want")
			}
		} else {
			print line > (base ".body")
		}
		next
	}
	# anything else between a marker and its block: the marker is lost
	NF { if (skip || pending_setup != "") { print page ":" NR ": text between an example marker and its block" > "/dev/stderr"; bad = 1 } skip = 0; pending_setup = "" }
	END { if (inb) { print page ":" fline ": the block is not closed" > "/dev/stderr"; bad = 1 } print n; exit bad }
	' "$1"
}

n=0
for page in "$@"; do
	shown=${page#"$src"/}
	n=$(extract "$page" "$shown" "$n") || fail_later "$shown: its example markers are wrong (above)"
done

# same WANT GOT: GOT is what WANT shows ("..." for any lines).
same() {
	if grep -qx '\.\.\.' "$1"; then
		awk 'NR == FNR { if ($0 != "...") want[++n] = $0; next }
		     i < n && $0 == want[i + 1] { i++ }
		     END { if (i < n) { print "missing: " want[i + 1]; exit 1 } }' "$1" "$2"
	else
		diff "$1" "$2"
	fi
}

ran=0 skipped=0 commands=0
i=0
while [ "$i" -lt "$n" ]; do
	i=$((i + 1))
	b=$root/blocks/$i
	[ -f "$b.meta" ] || continue
	read -r page line kind reason < "$b.meta"
	if [ "$kind" = skip ]; then
		[ "$reason" != "-" ] || fail_later "$page:$line: a skipped example must say why"
		skipped=$((skipped + 1))
		continue
	fi
	ran=$((ran + 1))
	(
		qd_env "$root/world/$i"
		mkdir -p "$WORK/cwd" && cd "$WORK/cwd" || fail "cannot enter $WORK/cwd"
		PATH=$root/bin:$PATH QUIZDECK_NOW=2026-11-24T09:30:00Z DOCS=$src/docs
		export PATH QUIZDECK_NOW DOCS
		if [ -s "$b.setup" ]; then
			timeout 60 sh -e "$b.setup" < /dev/null > "$WORK/setup.out" 2>&1 ||
				fail "$page:$line: the example's setup failed: $(cat "$WORK/setup.out")"
		fi
		if [ "$kind" = script ]; then
			# -x: the output shows which command failed
			timeout 60 sh -e -x "$b.body" < /dev/null > "$WORK/out" 2>&1
			status=$?
			[ "$status" = 0 ] || fail "$page:$line: the example exits $status:
$(sed 's/^/  /' "$b.body")
it printed (commands after '+'):
$(tail -n 40 "$WORK/out")"
			exit 0
		fi
		k=0
		while [ -f "$b.$((k + 1)).cmd" ]; do
			k=$((k + 1))
			cmdline=$(cat "$b.$k.line")
			cmd=$(cat "$b.$k.cmd")
			timeout 60 sh -c "$cmd" < /dev/null > "$WORK/out" 2>&1
			status=$?
			case $status in
			124) fail "$page:$cmdline: '$cmd' did not end within 60 s" ;;
			126 | 127) fail "$page:$cmdline: '$cmd' could not run: $(cat "$WORK/out")" ;;
			esac
			same "$b.$k.want" "$WORK/out" > "$WORK/diff" ||
				fail "$page:$cmdline: '$cmd' (exit $status) does not print what the page shows
($(head -c 2000 "$WORK/diff"))
it printed:
$(head -c 4000 "$WORK/out")"
		done
	) || QD_FAILS=$((QD_FAILS + 1))
done
[ "$ran" -gt 0 ] || fail "no example found in $*"
finish "$ran examples run, $skipped skipped with their reasons"

#!/bin/sh
# `cmake --install BUILD --prefix DIR` installs the program as bin/quizdeck,
# the manual page as share/man/man1/quizdeck.1 (the GNUInstallDirs
# defaults, which the build must use) and the bash completion where
# bash-completion finds it; then, from another directory, with only
# DIR/bin on PATH for quizdeck: the program runs (--version), `man -l`
# renders the installed page, and bash completes `quizdeck qu<TAB>` to
# `quiz` with the installed completion (loaded by bash-completion's own
# loader too, when bash-completion is installed).
# Exits 77 (skipped) when everything else passed but `man` is missing.
# usage: install.sh CMAKE BUILD_DIR BINDIR MANDIR COMPLETIONDIR WORKDIR
#   BINDIR, MANDIR: CMAKE_INSTALL_BINDIR and CMAKE_INSTALL_MANDIR;
#   COMPLETIONDIR: where the build installs the completion (relative to the prefix)
set -u
. "${0%/*}/lib.sh"
src=$(cd "${0%/*}/.." && pwd)
cmake=$1 build=$2 bindir=$3 mandir=$4 compdir=$5
qd_env "$6"
prefix=$WORK/prefix

[ "$bindir" = bin ] || fail "CMAKE_INSTALL_BINDIR is '$bindir', not bin (GNUInstallDirs)"
[ "$mandir" = share/man ] || fail "CMAKE_INSTALL_MANDIR is '$mandir', not share/man (GNUInstallDirs)"
"$cmake" --install "$build" --prefix "$prefix" > "$WORK/install.log" 2>&1 ||
	{ cat "$WORK/install.log" >&2; fail "cmake --install failed"; }
[ -x "$prefix/bin/quizdeck" ] || fail "no $prefix/bin/quizdeck"
[ -f "$prefix/share/man/man1/quizdeck.1" ] || fail "no $prefix/share/man/man1/quizdeck.1"
cmp -s "$src/docs/quizdeck.1" "$prefix/share/man/man1/quizdeck.1" ||
	fail "the installed manual page is not docs/quizdeck.1"

# The completion: in bash-completion's completionsdir (relative to its
# prefix), else share/bash-completion/completions.
want=share/bash-completion/completions
if bc=$(pkg-config --variable=completionsdir bash-completion 2>/dev/null) && [ -n "$bc" ]; then
	bcprefix=$(pkg-config --variable=prefix bash-completion)
	want=${bc#"$bcprefix"/}
fi
case $compdir in
/*) completion=$compdir/quizdeck ;;
*) [ "$compdir" = "$want" ] || fail "the completion goes to '$compdir', not '$want'"
   completion=$prefix/$compdir/quizdeck ;;
esac
[ -f "$completion" ] || fail "no $completion"
cmp -s "$src/completion/quizdeck.bash" "$completion" ||
	fail "the installed completion is not completion/quizdeck.bash"

mkdir -p "$WORK/elsewhere" && cd "$WORK/elsewhere" || fail "cannot enter $WORK/elsewhere"
PATH=$prefix/bin:$PATH
export PATH
[ "$(command -v quizdeck)" = "$prefix/bin/quizdeck" ] || fail "quizdeck on PATH is $(command -v quizdeck)"
out=$(quizdeck --version 2>&1) || fail "the installed quizdeck does not run: $out"
case $out in "quizdeck "[0-9]*) ;; *) fail "quizdeck --version printed '$out'" ;; esac

# quizdeck qu<TAB>, as bash calls the completion function.
command -v bash > /dev/null || fail "no bash to try the completion with"
got=$(bash --norc --noprofile -c '
	. "$1" || exit 1
	complete -p quizdeck | grep -q -- "-F _quizdeck" || { echo "not registered"; exit 1; }
	COMP_WORDS=(quizdeck qu) COMP_CWORD=1 COMP_LINE="quizdeck qu" COMP_POINT=11
	_quizdeck quizdeck qu quizdeck
	printf "%s\n" "${COMPREPLY[@]}"' sh "$completion" 2>&1)
[ "$got" = quiz ] || fail "quizdeck qu<TAB> completed to '$got', not 'quiz'"

# bash-completion's loader finds it where bash-completion looks: under the
# prefix's share (XDG_DATA_DIRS) when the completion is there.
loader=/usr/share/bash-completion/bash_completion
if [ -f "$loader" ] && [ "${compdir#/}" = "$compdir" ]; then
	got=$(XDG_DATA_DIRS=$prefix/share bash --norc --noprofile -c '
		. "$1" >/dev/null 2>&1
		__load_completion quizdeck || { echo "not found"; exit 1; }
		COMP_WORDS=(quizdeck qu) COMP_CWORD=1 COMP_LINE="quizdeck qu" COMP_POINT=11
		_quizdeck quizdeck qu quizdeck
		printf "%s\n" "${COMPREPLY[@]}"' sh "$loader" 2>&1)
	[ "$got" = quiz ] || fail "bash-completion's loader: quizdeck qu<TAB> gave '$got'"
fi

if ! command -v man > /dev/null; then
	echo "install: SKIP: no 'man' to render the installed page with (install man-db)"
	exit 77
fi
page=$(MANPAGER=cat MANWIDTH=80 man -l "$prefix/share/man/man1/quizdeck.1" 2>"$WORK/man.err") ||
	fail "man -l failed: $(cat "$WORK/man.err")"
printf '%s\n' "$page" | grep -q '^QUIZDECK(1)' || fail "man -l shows no QUIZDECK(1) header"
printf '%s\n' "$page" | grep -q '^NAME' || fail "man -l shows no NAME section"
printf '%s\n' "$page" | grep -q 'quizdeck - ' || fail "man -l shows no name line"
finish "bin/quizdeck, its manual page and its bash completion installed and working"

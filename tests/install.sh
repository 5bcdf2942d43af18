#!/bin/sh
# `cmake --install BUILD --prefix DIR` installs the program as bin/quizdeck
# and the manual page as share/man/man1/quizdeck.1 (the GNUInstallDirs
# defaults, which the build must use), and the installed program runs.
# usage: install.sh CMAKE BUILD_DIR BINDIR MANDIR WORKDIR
#   BINDIR, MANDIR: CMAKE_INSTALL_BINDIR and CMAKE_INSTALL_MANDIR
set -u
. "${0%/*}/lib.sh"
cmake=$1 build=$2 bindir=$3 mandir=$4
qd_env "$5"
prefix=$WORK/prefix

[ "$bindir" = bin ] || fail "CMAKE_INSTALL_BINDIR is '$bindir', not bin (GNUInstallDirs)"
[ "$mandir" = share/man ] || fail "CMAKE_INSTALL_MANDIR is '$mandir', not share/man (GNUInstallDirs)"
"$cmake" --install "$build" --prefix "$prefix" > "$WORK/install.log" 2>&1 ||
	{ cat "$WORK/install.log" >&2; fail "cmake --install failed"; }
[ -x "$prefix/bin/quizdeck" ] || fail "no $prefix/bin/quizdeck"
[ -f "$prefix/share/man/man1/quizdeck.1" ] || fail "no $prefix/share/man/man1/quizdeck.1"
cmp -s "${0%/*}/../docs/quizdeck.1" "$prefix/share/man/man1/quizdeck.1" ||
	fail "the installed manual page is not docs/quizdeck.1"
"$prefix/bin/quizdeck" --version > "$WORK/version" 2>&1 ||
	fail "the installed quizdeck does not run: $(cat "$WORK/version")"
finish "bin/quizdeck and share/man/man1/quizdeck.1 installed"

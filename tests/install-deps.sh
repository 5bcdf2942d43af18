#!/bin/sh
# scripts/install-deps, which `make test` runs first, must be a cheap check
# when every dependency is present: no apt-get, no sudo, so no root and no
# network. Fakes of apt-get, apt and sudo first on PATH record any call and
# fail loudly. To show the fakes would catch a call, a fake pkg-config
# that hides cmocka must make install-deps ask apt-get for libcmocka-dev.
# usage: install-deps.sh SOURCE_DIR WORKDIR
set -u
. "${0%/*}/lib.sh"
src=$1
qd_env "$2"
fake=$WORK/fake
mkdir -p "$fake"
for tool in apt-get apt; do
	cat > "$fake/$tool" <<END
#!/bin/sh
echo "$tool \$*" >> "$WORK/calls"
echo "install-deps.sh: $tool called: \$*" >&2
exit 1
END
done
cat > "$fake/sudo" <<END
#!/bin/sh
echo "sudo \$*" >> "$WORK/calls"
exec "\$@"
END
chmod +x "$fake/apt-get" "$fake/apt" "$fake/sudo"

# Everything present: silent, status 0, nothing called.
PATH=$fake:$PATH sh "$src/scripts/install-deps" > "$WORK/out" 2>&1 ||
	fail "install-deps failed: $(cat "$WORK/out")"
[ ! -e "$WORK/calls" ] || fail "install-deps called: $(cat "$WORK/calls")"
[ ! -s "$WORK/out" ] || fail "install-deps printed: $(cat "$WORK/out")"
# The same through make, as `make test` runs it (not as a sub-make of ctest's caller).
unset MAKEFLAGS MFLAGS MAKELEVEL
PATH=$fake:$PATH make -s -C "$src" deps > "$WORK/out" 2>&1 ||
	fail "make deps failed: $(cat "$WORK/out")"
[ ! -e "$WORK/calls" ] || fail "make deps called: $(cat "$WORK/calls")"

# cmocka missing: apt-get is asked for it (through sudo when not root).
real=$(command -v pkg-config) || fail "no pkg-config"
cat > "$fake/pkg-config" <<END
#!/bin/sh
case "\$*" in *cmocka*) exit 1 ;; esac
exec "$real" "\$@"
END
chmod +x "$fake/pkg-config"
if PATH=$fake:$PATH sh "$src/scripts/install-deps" > "$WORK/out" 2>&1; then
	fail "install-deps succeeded with cmocka missing and apt-get failing"
fi
grep -q '^apt-get install .*libcmocka-dev$' "$WORK/calls" ||
	fail "apt-get was not asked for libcmocka-dev: $(cat "$WORK/calls" 2>/dev/null)"
finish "no apt-get when everything is present; libcmocka-dev asked for when missing"

#!/bin/sh
# The Anki import's libraries (libzip, SQLite, zstd) are among what
# scripts/install-deps checks: with each one hidden from a fake pkg-config,
# install-deps asks apt-get (a fake that records the call and fails) for
# its Debian package; with everything present it runs no apt-get at all
# (tests/install-deps.sh shows that for the whole check).
# usage: install-deps-anki.sh SOURCE_DIR WORKDIR
set -u
. "${0%/*}/lib.sh"
src=$1
qd_env "$2"
fake=$WORK/fake
mkdir -p "$fake"
real=$(command -v pkg-config) || fail "no pkg-config"
cat > "$fake/apt-get" <<END
#!/bin/sh
echo "apt-get \$*" >> "$WORK/calls"
exit 1
END
cat > "$fake/sudo" <<END
#!/bin/sh
exec "\$@"
END
chmod +x "$fake/apt-get" "$fake/sudo"

for pair in libzip:libzip-dev sqlite3:libsqlite3-dev libzstd:libzstd-dev; do
	pc=${pair%%:*} pkg=${pair#*:}
	rm -f "$WORK/calls"
	cat > "$fake/pkg-config" <<END
#!/bin/sh
for a in "\$@"; do [ "\$a" = "$pc" ] && exit 1; done
exec "$real" "\$@"
END
	chmod +x "$fake/pkg-config"
	if PATH=$fake:$PATH sh "$src/scripts/install-deps" > "$WORK/out" 2>&1; then
		fail_later "install-deps succeeded with $pc missing and apt-get failing"
	fi
	grep -q "^apt-get install .*$pkg\$" "$WORK/calls" 2>/dev/null ||
		fail_later "apt-get was not asked for $pkg when $pc is missing:" \
		           "$(cat "$WORK/calls" 2>/dev/null)"
done

rm -f "$fake/pkg-config" "$WORK/calls"
PATH=$fake:$PATH sh "$src/scripts/install-deps" > "$WORK/out" 2>&1 ||
	fail "install-deps failed with everything present: $(cat "$WORK/out")"
[ ! -e "$WORK/calls" ] || fail "install-deps called: $(cat "$WORK/calls")"
finish "libzip-dev, libsqlite3-dev and libzstd-dev asked for when missing, nothing when present"

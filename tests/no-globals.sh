#!/bin/sh
# No global mutable state in the library (CONTRIBUTING.md): no object of
# any file lives in a writable data section (.data, .bss), but for these
# documented exceptions:
#   prompt.c  active     Readline's callback bridge (see src/prompt.c)
#   buf.c     empty_buf  the empty string every qd_buf starts with, never
#                        written (git's strbuf_slopbuf)
# Option values in particular live in each command's run function
# (quizdeck/opt.h), not in file-scope variables. Compiler- and
# sanitiser-made objects (names starting with '.' or '_') are not ours.
# usage: no-globals.sh OBJDUMP LIBRARY
set -u
objdump=$1 lib=$2

found=$("$objdump" -t "$lib" | awk '
	/file format/ { file = $1; sub(/:$/, "", file) }
	$3 == "O" && ($4 == ".data" || $4 == ".bss" || $4 ~ /^\.(data|bss)\./) &&
	    $4 !~ /^\.data\.rel\.ro/ { print file, $NF }' |
	grep -v -e '^prompt\.c\.o active$' -e '^buf\.c\.o empty_buf$' -e ' [._]')
if [ -n "$found" ]; then
	echo "FAIL mutable globals (file, name):"
	echo "$found"
	exit 1
fi
echo "ok: no mutable globals but the documented ones"

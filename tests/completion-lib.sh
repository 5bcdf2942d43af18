# Shared by the completion tests (sourced, after tests/lib.sh, with src set
# to the source tree): bash driven as it completes, through
# completion/quizdeck.bash.

# comp WORD...: the completions (sorted, on one line) of the last word:
# COMP_WORDS, COMP_CWORD and COMP_LINE set, then the function called.
comp() {
	bash --norc --noprofile -c '
		. "$1" || exit 1
		shift
		COMP_WORDS=("$@") COMP_CWORD=$(($# - 1)) COMP_LINE="$*" COMP_POINT=${#COMP_LINE}
		_quizdeck quizdeck "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
		printf "%s\n" "${COMPREPLY[@]}"' sh "$src/completion/quizdeck.bash" "$@" |
		sort | sed '/^$/d' | tr '\n' ' ' | sed 's/ $//'
}

# expect WANT WORD...: fails (later) unless WORD... completes to WANT
expect() {
	want=$1
	shift
	got=$(comp "$@")
	[ "$got" = "$want" ] || fail_later "'$*<TAB>': got '$got', want '$want'"
}

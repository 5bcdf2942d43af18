# bash completion for quizdeck: commands, their options, deck ids where a
# deck goes, file names where a file goes. quizdeck itself says what may
# come next (`quizdeck __complete WORD... CURRENT`, from the tables its
# parser uses), so this file never lists a command or an option.
# Installed as share/bash-completion/completions/quizdeck, where
# bash-completion finds it; or source it from ~/.bashrc.

_quizdeck()
{
	local cur=${COMP_WORDS[COMP_CWORD]} line
	# "--data=<TAB>": the shell's words are "--data" "=" ""; the text to
	# replace is what follows the "=".
	[[ $cur == = ]] && cur=
	COMPREPLY=()
	while IFS= read -r line; do
		case $line in
		:files | :dirs)
			compopt -o filenames 2>/dev/null
			local opt=-f
			[[ $line == :dirs ]] && opt=-d
			while IFS= read -r line; do
				COMPREPLY+=("$line")
			done < <(compgen "$opt" -- "$cur")
			;;
		*) COMPREPLY+=("$line") ;;
		esac
	done < <("$1" __complete "${COMP_WORDS[@]:1:COMP_CWORD-1}" "$cur" 2>/dev/null)
}

complete -F _quizdeck quizdeck

# The bash completion, driven as bash drives it (tests/completion.sh): what
# `quizdeck __complete` offers through completion/quizdeck.bash.
add_test(NAME completion/bash
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/completion.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})
# The values of options with a list of them, completed from the option
# tables and checked by the parser (tests/completion-values.sh).
add_test(NAME completion/values
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/completion-values.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})

# The bash completion, driven as bash drives it (tests/completion.sh): what
# `quizdeck __complete` offers through completion/quizdeck.bash.
add_test(NAME completion/bash
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/completion.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})

# `quizdeck due` before and after a session, --format, --json (tests/due-cli.sh).
add_test(NAME due/cli
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/due-cli.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})

# Command lines: every command's usage, asked as `help CMD`, `CMD --help` and
# `CMD -h` (tests/usage-help.sh, with the texts in tests/usage/); bad options
# and their errors (tests/usage-errors.sh); option tables refusing a field
# of the wrong type at compile time (tests/usage-opt-types.sh).
add_test(NAME usage/help
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/usage-help.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})
add_test(NAME usage/errors
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/usage-errors.sh $<TARGET_FILE:quizdeck>)
add_test(NAME usage/opt-types
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/usage-opt-types.sh ${CMAKE_C_COMPILER}
                 ${CMAKE_SOURCE_DIR})

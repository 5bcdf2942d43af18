# `quizdeck suspend`, `unsuspend` and `bury` from the command line, and the
# leeches in `cards --leeches` and `stats` (tests/suspend-cli.sh).
add_test(NAME suspend/cli
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/suspend-cli.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})

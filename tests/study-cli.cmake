# `quizdeck study` off a terminal: error paths and what is studied
# (tests/study-cli.sh).
add_test(NAME study/cli
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/study-cli.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})

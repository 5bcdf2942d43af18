# Times shown to a person in local time, ISO UTC in --json and the log
# (tests/local-time.sh).
add_test(NAME local-time
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/local-time.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})

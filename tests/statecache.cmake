# The derived-state cache beside the review log (tests/statecache.sh): the
# commands' outputs are the same with and without it, whatever happens to it
# or to the log; tests/statecache-log.c writes the logs.
add_executable(statecache-log ${CMAKE_CURRENT_LIST_DIR}/statecache-log.c)
target_link_libraries(statecache-log PRIVATE quizdeck_lib)
add_test(NAME statecache/outputs
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/statecache.sh $<TARGET_FILE:quizdeck>
                 $<TARGET_FILE:statecache-log>)
set_tests_properties(statecache/outputs PROPERTIES TIMEOUT 900)

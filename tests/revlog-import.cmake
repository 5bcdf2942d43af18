# Batched import-reviews killed mid-batch and run again: nothing lost,
# nothing doubled (tests/revlog-import-crash.sh).
add_test(NAME revlog/import-crash
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/revlog-import-crash.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(revlog/import-crash PROPERTIES TIMEOUT 120)

# Batched import-reviews killed mid-batch and run again: nothing lost,
# nothing doubled (tests/revlog-import-crash.sh).
add_test(NAME revlog/import-crash
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/revlog-import-crash.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(revlog/import-crash PROPERTIES TIMEOUT 120)
# cards --json, stats --json and export-reviews on a generated log of
# 101,100 reviews, compared with digests recorded before the reader and the
# import were rewritten (tests/revlog-outputs.sh).
add_test(NAME revlog/outputs
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/revlog-outputs.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(revlog/outputs PROPERTIES TIMEOUT 120)

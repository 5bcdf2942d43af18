# The review log's durability and concurrency tests (tests/revlog-stress.c)
# and the end-to-end tests of import-reviews / export-reviews
# (tests/revlog-cli.sh). Scratch files live under the build directory.
add_executable(revlog-stress ${CMAKE_CURRENT_LIST_DIR}/revlog-stress.c)
target_link_libraries(revlog-stress PRIVATE quizdeck_lib)

set(QD_REVLOG_TMP ${CMAKE_CURRENT_BINARY_DIR}/revlog-tmp)
add_test(NAME revlog/crash
         COMMAND revlog-stress crash ${QD_REVLOG_TMP}/crash 200 20261124)
# fsync costs ~2 ms here, so 2 x 10,000 fsynced appends take ~45 s: the big
# run appends in batches of 100 (still fsynced), a small run fsyncs each one.
add_test(NAME revlog/concurrent
         COMMAND revlog-stress concurrent ${QD_REVLOG_TMP}/concurrent 10000 batch)
add_test(NAME revlog/concurrent-sync
         COMMAND revlog-stress concurrent ${QD_REVLOG_TMP}/concurrent-sync 300 sync)
add_test(NAME revlog/cli
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/revlog-cli.sh $<TARGET_FILE:quizdeck>
                 ${QD_REVLOG_TMP}/cli)
set_tests_properties(revlog/crash revlog/concurrent revlog/concurrent-sync PROPERTIES TIMEOUT 120)

# import-reviews then cards --json reproduces the scheduler's reference
# vectors (tests/fsrs/vectors.txt) for 40 histories.
add_executable(revlog-vectors ${CMAKE_CURRENT_LIST_DIR}/revlog-vectors.c)
target_link_libraries(revlog-vectors PRIVATE quizdeck_lib)
add_test(NAME revlog/vectors
         COMMAND revlog-vectors $<TARGET_FILE:quizdeck> ${CMAKE_CURRENT_LIST_DIR}/fsrs/vectors.txt
                 ${QD_REVLOG_TMP}/vectors 40)

# quizdeck results: merging students' logs (tests/results-cli.sh).
add_test(NAME results/merge
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/results-cli.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/results-cli)
set_tests_properties(results/merge PROPERTIES TIMEOUT 60)

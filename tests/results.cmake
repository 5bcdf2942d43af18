# quizdeck results: merging students' logs (tests/results-cli.sh).
add_test(NAME results/merge
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/results-cli.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/results-cli)
set_tests_properties(results/merge PROPERTIES TIMEOUT 60)

# Forged logs are flagged inconsistent (tests/results-check.sh); the forger
# recomputes checksums with tests/results-resign.c.
add_executable(results-resign ${CMAKE_CURRENT_LIST_DIR}/results-resign.c)
target_link_libraries(results-resign PRIVATE quizdeck_lib)
add_test(NAME results/check
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/results-check.sh $<TARGET_FILE:quizdeck>
                 $<TARGET_FILE:results-resign> ${CMAKE_SOURCE_DIR}
                 ${CMAKE_BINARY_DIR}/results-check)
set_tests_properties(results/check PROPERTIES TIMEOUT 60)

# CSV for spreadsheets: formulas neutralised, controls escaped, the grid
# read back by a CSV parser (tests/results-csv.sh).
add_test(NAME results/csv
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/results-csv.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/results-csv)
set_tests_properties(results/csv PROPERTIES TIMEOUT 60 SKIP_RETURN_CODE 77)

# What a learner hands in: results --export (tests/results-export.sh).
add_test(NAME results/export
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/results-export.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/results-export)
set_tests_properties(results/export PROPERTIES TIMEOUT 60)

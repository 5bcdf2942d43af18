# What `quizdeck import` reads: `-` for standard input, and a file that
# gives no cards named in the error (tests/import-input.sh).
add_test(NAME import/input
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/import-input.sh $<TARGET_FILE:quizdeck>)
set_tests_properties(import/input PROPERTIES TIMEOUT 60)

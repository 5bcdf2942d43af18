# How diagnostics reach the terminal (tests/diag-sanitise.sh).
add_test(NAME diagnostics/sanitised
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/diag-sanitise.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_CURRENT_BINARY_DIR}/diag-sanitise)
set_tests_properties(diagnostics/sanitised PROPERTIES TIMEOUT 60)

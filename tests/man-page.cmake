# The manual page: linted by mandoc and groff (77 without either), and
# every command and option of the parser's tables in it (tests/man-page.sh).
add_test(NAME man-page/lint
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/man-page.sh lint ${CMAKE_SOURCE_DIR}/docs/quizdeck.1)
set_tests_properties(man-page/lint PROPERTIES SKIP_RETURN_CODE 77)
add_test(NAME man-page/coverage
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/man-page.sh coverage $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR}/docs/quizdeck.1)

# The class workflow of docs/teaching.md on its example files
# (docs/examples/teaching), its output compared with the page
# (tests/teaching.sh; the edited log is signed again by results-resign,
# built by tests/results.cmake).
add_test(NAME docs/teaching
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/teaching.sh $<TARGET_FILE:quizdeck>
                 $<TARGET_FILE:results-resign> ${CMAKE_SOURCE_DIR}
                 ${CMAKE_BINARY_DIR}/teaching)
set_tests_properties(docs/teaching PROPERTIES TIMEOUT 120)

# The documentation's shell examples run (tests/doc-examples.sh): those of
# README.md and docs/*.md (docs/teaching.md's run in tests/teaching.sh),
# and the harness itself on pages made for it.
add_test(NAME docs/examples
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/doc-examples.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})
add_test(NAME docs/examples-harness
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/doc-examples-harness.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})

# quizdeck quiz through pipes (tests/quiz-cli.sh).
add_test(NAME quiz/cli
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/quiz-cli.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/quiz-cli)
set_tests_properties(quiz/cli PROPERTIES TIMEOUT 60)

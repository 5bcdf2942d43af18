# Timed quizzes off a terminal: a time-out and piped input
# (tests/quiz-pipe-timeout.sh).
add_test(NAME quiz/pipe-timeout
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/quiz-pipe-timeout.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR} ${CMAKE_BINARY_DIR}/quiz-pipe-timeout)
set_tests_properties(quiz/pipe-timeout PROPERTIES TIMEOUT 60)

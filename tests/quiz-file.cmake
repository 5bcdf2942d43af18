# Quiz files: bad ones fail `check` with exactly their .expect, good ones
# pass; and the class workflow (tests/quiz-file.sh): the same quiz on two
# machines, the printed command that reproduces a quiz, --save, the
# fingerprint.
add_test(NAME quizfile/bad
  COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/check-decks.sh $<TARGET_FILE:quizdeck>
          ${CMAKE_CURRENT_LIST_DIR}/quizfiles/bad 65)
add_test(NAME quizfile/good
  COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/check-decks.sh $<TARGET_FILE:quizdeck>
          ${CMAKE_CURRENT_LIST_DIR}/quizfiles/good 0)
add_test(NAME quizfile/class
  COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/quiz-file.sh $<TARGET_FILE:quizdeck>
          ${CMAKE_BINARY_DIR}/quiz-file)
set_tests_properties(quizfile/class PROPERTIES TIMEOUT 120)

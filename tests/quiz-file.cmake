# Quiz files: bad ones fail `check` with exactly their .expect, good ones
# pass.
add_test(NAME quizfile/bad
  COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/check-decks.sh $<TARGET_FILE:quizdeck>
          ${CMAKE_CURRENT_LIST_DIR}/quizfiles/bad 65)
add_test(NAME quizfile/good
  COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/check-decks.sh $<TARGET_FILE:quizdeck>
          ${CMAKE_CURRENT_LIST_DIR}/quizfiles/good 0)

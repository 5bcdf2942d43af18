# Signals off a terminal (see interrupt.sh).
add_test(NAME signals/off-terminal
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/interrupt.sh $<TARGET_FILE:quizdeck> ${CMAKE_SOURCE_DIR})

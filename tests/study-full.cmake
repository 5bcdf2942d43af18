# A full disk mid-session (see study-full.sh).
add_test(NAME study/full-disk
  COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/study-full.sh $<TARGET_FILE:quizdeck>)

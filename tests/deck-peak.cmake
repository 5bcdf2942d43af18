# The peak memory of loading a 100,000-card deck, and of telling it from a
# quiz file, against the file's size (tests/deck-peak.c). Not under the
# sanitizers, whose shadow memory is most of any peak.
add_executable(deck-peak ${CMAKE_CURRENT_LIST_DIR}/deck-peak.c)
target_link_libraries(deck-peak PRIVATE quizdeck_lib)
if(NOT QD_SANITIZE)
  add_test(NAME decks/peak-memory
           COMMAND deck-peak ${CMAKE_CURRENT_BINARY_DIR}/deck-peak.d)
  set_tests_properties(decks/peak-memory PROPERTIES TIMEOUT 120)
endif()

# A 100,000-card deck checks clean within a bound; the card and size limits
# hold at their documented values (tests/deck-limits.sh).
add_test(NAME decks/limits
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/deck-limits.sh $<TARGET_FILE:quizdeck>)
set_tests_properties(decks/limits PROPERTIES TIMEOUT 300)

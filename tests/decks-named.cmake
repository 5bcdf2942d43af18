# A deck named by its id is found without loading the other decks of the
# folder, and is the one a full load would find (tests/decks-named.sh).
add_test(NAME decks/named
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/decks-named.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_CURRENT_BINARY_DIR}/decks-named)
set_tests_properties(decks/named PROPERTIES TIMEOUT 300)

# The user's decks folder: a broken deck is left out, decks are found by id
# (tests/decks-folder.sh).
add_test(NAME decks/folder
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/decks-folder.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_CURRENT_BINARY_DIR}/decks-folder)
set_tests_properties(decks/folder PROPERTIES TIMEOUT 60)

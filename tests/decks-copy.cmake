# `quizdeck decks --copy`: an editable copy of the bundled deck in the decks
# folder, used in its place with its history (tests/decks-copy.sh).
add_test(NAME decks/copy
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/decks-copy.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(decks/copy PROPERTIES TIMEOUT 60)

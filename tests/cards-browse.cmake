# `quizdeck cards` filters and question column (tests/cards-browse.sh).
add_test(NAME cards/browse
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/cards-browse.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})

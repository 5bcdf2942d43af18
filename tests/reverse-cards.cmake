# Reversed cards with their own schedule (tests/reverse-cards.sh).
add_test(NAME reverse/cards
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/reverse-cards.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})

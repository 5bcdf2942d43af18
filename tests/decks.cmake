# Data-driven deck tests: every deck in tests/decks/bad must fail `check`
# with exactly the diagnostics of its .expect file; every deck in
# tests/decks/good must pass (with the warnings of its .expect, if any).
add_test(NAME decks/bad
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/check-decks.sh $<TARGET_FILE:quizdeck>
          ${CMAKE_CURRENT_SOURCE_DIR}/decks/bad 65)
add_test(NAME decks/good
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/check-decks.sh $<TARGET_FILE:quizdeck>
          ${CMAKE_CURRENT_SOURCE_DIR}/decks/good 0)
add_test(NAME decks/cli
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/check-cli.sh $<TARGET_FILE:quizdeck> ${CMAKE_SOURCE_DIR})
add_test(NAME decks/readme-example
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/readme-example.sh $<TARGET_FILE:quizdeck>
          ${CMAKE_SOURCE_DIR}/README.md)
# Card smells: each NAME.yaml warns with exactly NAME.expect, each
# NAME-clean.yaml twin says nothing (tests/decks/smells).
add_test(NAME decks/smells
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/check-decks.sh $<TARGET_FILE:quizdeck>
          ${CMAKE_CURRENT_SOURCE_DIR}/decks/smells 0)

# `quizdeck import` of text files: CSV/TSV edge cases, Anki's text export,
# Quizlet exports, bad input, --force and --update (tests/import-cli.sh).
add_test(NAME import/cli
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/import-cli.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(import/cli PROPERTIES TIMEOUT 60)

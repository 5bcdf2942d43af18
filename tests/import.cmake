# `quizdeck import` of text files and `quizdeck export`: CSV/TSV edge
# cases, Anki's text export, Quizlet exports, bad input, --force and
# --update (tests/import-cli.sh); export then import gives the same cards
# (tests/import-roundtrip.sh).
add_test(NAME import/cli
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/import-cli.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})
add_test(NAME import/roundtrip
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/import-roundtrip.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(import/cli import/roundtrip PROPERTIES TIMEOUT 60)
# `import` of Anki packages made by tests/anki-tool, with --with-reviews
# (tests/import-anki.sh).
add_test(NAME import/anki
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/import-anki.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR} $<TARGET_FILE:anki-tool>)
set_tests_properties(import/anki PROPERTIES TIMEOUT 60)

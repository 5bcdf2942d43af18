# quizdeck gen: article → deck pairs and malformed articles as data
# (tests/articles), and the bundled deck regenerated from its seed article.
add_test(NAME gen/articles
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/gen-articles.sh $<TARGET_FILE:quizdeck>
          ${CMAKE_CURRENT_SOURCE_DIR}/articles)
add_test(NAME gen/bundled-deck
  COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/gen-bundled.sh $<TARGET_FILE:quizdeck>
          ${CMAKE_SOURCE_DIR})
set_tests_properties(gen/bundled-deck PROPERTIES SKIP_RETURN_CODE 77)
# The evaluation set: hand-written articles with their key facts. Every
# article must have at least 90% of its key facts asked and no card smell.
add_executable(gen-eval ${CMAKE_CURRENT_SOURCE_DIR}/gen-eval.c)
target_link_libraries(gen-eval PRIVATE quizdeck_lib)
add_test(NAME gen/eval COMMAND gen-eval ${CMAKE_CURRENT_SOURCE_DIR}/articles/eval)
# Articles written after the generator's rules were set, kept apart to see
# how the rules carry over to text they were not tuned on: no smell, and a
# lower bar on recall that the evaluation set must not quietly become.
add_test(NAME gen/heldout COMMAND gen-eval --min 75 ${CMAKE_CURRENT_SOURCE_DIR}/articles/heldout)

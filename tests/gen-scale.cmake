# quizdeck gen on large articles (tests/gen-scale.sh): articles written by
# tests/article-inputs.c, also used by bench/bench-table.sh.
add_executable(article-inputs ${CMAKE_CURRENT_LIST_DIR}/article-inputs.c)
target_link_libraries(article-inputs PRIVATE quizdeck_lib)

add_test(NAME gen/scale
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/gen-scale.sh $<TARGET_FILE:quizdeck>
                 $<TARGET_FILE:article-inputs> ${CMAKE_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/gen-scale)
set_tests_properties(gen/scale PROPERTIES TIMEOUT 300)

# Anki packages: the fixtures are made by the tests (tests/anki-fixtures.c,
# with sqlite3, libzip and libzstd); unit/test-anki checks the import of
# each format and of broken packages; anki/reviews shows that the converted
# review log, appended as `import --with-reviews` appends it, gives the
# states that replaying the same reviews through `import-reviews` gives.
target_sources(test-anki PRIVATE ${CMAKE_CURRENT_LIST_DIR}/anki-fixtures.c)
add_executable(anki-tool ${CMAKE_CURRENT_LIST_DIR}/anki-tool.c
                         ${CMAKE_CURRENT_LIST_DIR}/anki-fixtures.c)
target_link_libraries(anki-tool PRIVATE quizdeck_lib)
add_test(NAME anki/reviews
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/anki-reviews.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR} $<TARGET_FILE:anki-tool>)
# scripts/install-deps asks for libzip-dev, libsqlite3-dev and libzstd-dev
# when they are missing, and runs no apt-get when they are present.
add_test(NAME build/install-deps-anki
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/install-deps-anki.sh ${CMAKE_SOURCE_DIR}
                 ${CMAKE_BINARY_DIR}/install-deps-anki-test)

# Hostile and odd review logs and CSV files through the real binary
# (tests/revlog-hostile.sh): future-dated reviews, CRLF, a held lock, NUL
# bytes and out-of-range times in CSV rows.
add_test(NAME revlog/hostile
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/revlog-hostile.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_CURRENT_BINARY_DIR}/revlog-tmp/hostile)
set_tests_properties(revlog/hostile PROPERTIES TIMEOUT 60)

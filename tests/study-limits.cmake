# Daily limits (new_per_day, reviews_per_day), the summary's counts of what
# is left today, and no waiting off a terminal (tests/study-limits.sh).
add_test(NAME study/limits
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/study-limits.sh $<TARGET_FILE:quizdeck>)

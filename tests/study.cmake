# The study session driven through a pipe (no terminal) records the same
# reviews as the same session on a pseudo-terminal (tests/study-pipe.sh,
# which runs the pty tests of tests/e2e.cmake itself, so it needs no other
# test to have run).
add_test(NAME study/pipe
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/study-pipe.sh $<TARGET_FILE:quizdeck>
                 $<TARGET_FILE:ptyrun> ${CMAKE_CURRENT_BINARY_DIR}/study-pipe)
set_tests_properties(study/pipe PROPERTIES TIMEOUT 120)

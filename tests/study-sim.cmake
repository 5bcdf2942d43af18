# Fifty days of a scripted learner (tests/study-sim.c): the daily limits
# never exceeded, nothing shown early but under learn_ahead, a forgetful
# card made a leech and suspended.
add_executable(study-sim ${CMAKE_CURRENT_LIST_DIR}/study-sim.c)
target_link_libraries(study-sim PRIVATE quizdeck_lib)
add_test(NAME study/fifty-days
         COMMAND study-sim $<TARGET_FILE:quizdeck> ${CMAKE_BINARY_DIR}/study-sim)
set_tests_properties(study/fifty-days PROPERTIES TIMEOUT 600)

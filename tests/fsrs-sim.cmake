# The simulated learner of the optimizer's recovery test (tests/fsrs/fsrs-sim.c),
# linked into the unit test that uses it.
target_sources(test-fsrsfit PRIVATE ${CMAKE_CURRENT_SOURCE_DIR}/fsrs/fsrs-sim.c)
target_include_directories(test-fsrsfit PRIVATE ${CMAKE_CURRENT_SOURCE_DIR})

# Large valid inputs must stay fast (tests/scale.sh): inputs written by
# tests/scale-inputs.c, also used by bench/bench-scale.sh.
add_executable(scale-inputs ${CMAKE_CURRENT_LIST_DIR}/scale-inputs.c)
target_link_libraries(scale-inputs PRIVATE quizdeck_lib)

add_test(NAME scale/large-inputs
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/scale.sh $<TARGET_FILE:quizdeck>
                 $<TARGET_FILE:scale-inputs> ${CMAKE_CURRENT_BINARY_DIR}/scale)
set_tests_properties(scale/large-inputs PROPERTIES TIMEOUT 120)

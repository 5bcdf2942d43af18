# Large valid inputs must stay fast (tests/scale.sh): inputs written by
# tests/scale-inputs.c, also used by bench/bench-scale.sh.
add_executable(scale-inputs ${CMAKE_CURRENT_LIST_DIR}/scale-inputs.c)
target_link_libraries(scale-inputs PRIVATE quizdeck_lib)

add_test(NAME scale/large-inputs
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/scale.sh $<TARGET_FILE:quizdeck>
                 $<TARGET_FILE:scale-inputs> ${CMAKE_CURRENT_BINARY_DIR}/scale)
# The bounds are for a plain build; a sanitized one runs several times
# slower (and ctest runs other tests beside it), so they are stretched.
if(QD_SANITIZE)
  set(qd_scale_slowdown 4)
else()
  set(qd_scale_slowdown 1)
endif()
set_tests_properties(scale/large-inputs PROPERTIES TIMEOUT 300
                     ENVIRONMENT "QD_SCALE_SLOWDOWN=${qd_scale_slowdown}")

# End-to-end tests in a pseudo-terminal: each tests/e2e/NAME.pty is the test
# e2e/NAME. ptyrun (a test tool, not linked with the quizdeck library) runs
# the script, which names its command and may end with a check of the files
# the command left; tests/e2e/run.sh gives each test a fresh home and data
# directory under <build>/e2e/NAME. Adding a test is adding a .pty file
# (docs/testing.md).
add_executable(ptyrun ${CMAKE_CURRENT_LIST_DIR}/e2e/ptyrun.c)

file(GLOB QD_E2E_SCRIPTS CONFIGURE_DEPENDS ${CMAKE_CURRENT_LIST_DIR}/e2e/*.pty)
foreach(script ${QD_E2E_SCRIPTS})
  get_filename_component(name ${script} NAME_WLE)
  add_test(NAME e2e/${name}
           COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/e2e/run.sh $<TARGET_FILE:ptyrun>
                   $<TARGET_FILE:quizdeck> ${CMAKE_BINARY_DIR}/e2e/${name} ${script})
  set_tests_properties(e2e/${name} PROPERTIES TIMEOUT 60)
endforeach()

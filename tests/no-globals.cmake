# The library keeps no global mutable state but its documented exceptions
# (tests/no-globals.sh reads the symbol table of the archive).
if(NOT CMAKE_OBJDUMP)
  find_program(CMAKE_OBJDUMP objdump)
endif()
add_test(NAME lib/no-globals
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/no-globals.sh ${CMAKE_OBJDUMP}
                 $<TARGET_FILE:quizdeck_lib>)

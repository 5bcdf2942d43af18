# Files that are not what they seem: inputs that are FIFOs, directories or
# devices (tests/files-fifo.sh).
add_test(NAME files/not-regular
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/files-fifo.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(files/not-regular PROPERTIES TIMEOUT 300)
# gen -o: the umask for a new file, an existing file's mode kept (tests/files-mode.sh).
add_test(NAME files/output-mode
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/files-mode.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(files/output-mode PROPERTIES TIMEOUT 120)

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
# Standard output that cannot be written: 74 and a message; a reader that
# goes away: quiet (tests/files-stdout.sh, skipped without /dev/full).
add_test(NAME files/stdout
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/files-stdout.sh $<TARGET_FILE:quizdeck>
                 ${CMAKE_SOURCE_DIR})
set_tests_properties(files/stdout PROPERTIES TIMEOUT 300 SKIP_RETURN_CODE 77)
# A FIFO as the study prompt's history file (tests/files-history.sh, on a
# pseudo-terminal through ptyrun).
add_test(NAME files/history-fifo
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/files-history.sh $<TARGET_FILE:ptyrun>
                 $<TARGET_FILE:quizdeck> ${CMAKE_SOURCE_DIR})
set_tests_properties(files/history-fifo PROPERTIES TIMEOUT 120)

# The build's own promises: `cmake --install` puts the program, its
# manual page and its bash completion where GNUInstallDirs and
# bash-completion say, and they work from elsewhere (tests/install.sh), and `make test`'s
# dependency check calls no apt-get when everything is present
# (tests/install-deps.sh).
add_test(NAME build/install
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/install.sh ${CMAKE_COMMAND} ${CMAKE_BINARY_DIR}
                 "${CMAKE_INSTALL_BINDIR}" "${CMAKE_INSTALL_MANDIR}" "${QD_COMPLETION_DIR}"
                 ${CMAKE_BINARY_DIR}/install-test)
# 77: `man` is missing, so the installed page could not be rendered.
set_tests_properties(build/install PROPERTIES SKIP_RETURN_CODE 77)
add_test(NAME build/install-deps
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/install-deps.sh ${CMAKE_SOURCE_DIR}
                 ${CMAKE_BINARY_DIR}/install-deps-test)

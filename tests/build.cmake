# The build's own promises: `cmake --install` puts the program and its
# manual page where GNUInstallDirs says (tests/install.sh), and `make test`'s
# dependency check calls no apt-get when everything is present
# (tests/install-deps.sh).
add_test(NAME build/install
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/install.sh ${CMAKE_COMMAND} ${CMAKE_BINARY_DIR}
                 "${CMAKE_INSTALL_BINDIR}" "${CMAKE_INSTALL_MANDIR}" ${CMAKE_BINARY_DIR}/install-test)
add_test(NAME build/install-deps
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/install-deps.sh ${CMAKE_SOURCE_DIR}
                 ${CMAKE_BINARY_DIR}/install-deps-test)

# `quizdeck optimize` from the command line: fitting, evaluating and writing
# the FSRS weights (tests/optimize-cli.sh).
add_test(NAME optimize/cli
         COMMAND sh ${CMAKE_CURRENT_LIST_DIR}/optimize-cli.sh $<TARGET_FILE:quizdeck>)

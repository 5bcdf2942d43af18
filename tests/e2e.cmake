# End-to-end tests in a pseudo-terminal: ptyrun (a test tool, not linked with
# the quizdeck library) drives a command with a script tests/e2e/NAME.pty;
# tests/e2e/run.sh gives each test a fresh data directory and home under
# <build>/e2e/NAME. See docs/testing.md.
add_executable(ptyrun ${CMAKE_CURRENT_LIST_DIR}/e2e/ptyrun.c)

# qd_e2e_test(NAME [FAIL TEXT] [COMMAND ARGS...])
#   runs tests/e2e/NAME.pty against COMMAND (default: quizdeck itself);
#   @QUIZDECK@, @DATA@, @HOME@, @WORK@ and @SRC@ are substituted in the
#   script and the command. With FAIL, ptyrun must fail (exit 1) and say TEXT:
#   this is how the harness's own failure detection is tested.
function(qd_e2e_test name)
  cmake_parse_arguments(E "" "FAIL" "COMMAND" ${ARGN})
  set(fail_args)
  if(DEFINED E_FAIL)
    set(fail_args --fail "${E_FAIL}")
  endif()
  if(NOT E_COMMAND)
    set(E_COMMAND @QUIZDECK@)
  endif()
  add_test(NAME e2e/${name}
           COMMAND sh ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/e2e/run.sh ${fail_args}
                   $<TARGET_FILE:ptyrun> $<TARGET_FILE:quizdeck>
                   ${CMAKE_BINARY_DIR}/e2e/${name}
                   ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/e2e/${name}.pty -- ${E_COMMAND})
  set_tests_properties(e2e/${name} PROPERTIES TIMEOUT 60)
endfunction()

# quizdeck through a terminal
qd_e2e_test(help COMMAND @QUIZDECK@ --help)
qd_e2e_test(unknown-command COMMAND @QUIZDECK@ nosuchcommand)

# the study session (tests/e2e/decks/study.yaml: one card of each type;
# study-lib.sh: helpers of the .check scripts)
set(QD_E2E_STUDY @QUIZDECK@ study --seed 1 @SRC@/tests/e2e/decks/study.yaml)
qd_e2e_test(study-right COMMAND ${QD_E2E_STUDY})
qd_e2e_test(study-wrong COMMAND ${QD_E2E_STUDY})
qd_e2e_test(study-commands COMMAND ${QD_E2E_STUDY})
qd_e2e_test(study-ctrl-d COMMAND ${QD_E2E_STUDY})
qd_e2e_test(study-ctrl-c-rate COMMAND ${QD_E2E_STUDY})
qd_e2e_test(study-locale-c COMMAND @QUIZDECK@ study @SRC@/tests/e2e/decks/accents.yaml)
qd_e2e_test(study-undo-empty COMMAND ${QD_E2E_STUDY})
qd_e2e_test(study-default)
qd_e2e_test(study-bidi COMMAND @QUIZDECK@ study --seed 1 @SRC@/tests/e2e/decks/bidi.yaml)
qd_e2e_test(study-escapes COMMAND @QUIZDECK@ study --seed 1 @SRC@/tests/e2e/decks/escapes.yaml)
qd_e2e_test(study-stdin-file COMMAND /bin/sh -c
            "printf '\\033]2;pwned\\007\\n\\001\\002\\n\\n\\302\\23331m\\n4\\n' > @WORK@/answers\nexec @QUIZDECK@ study --seed 1 @SRC@/tests/e2e/decks/study.yaml < @WORK@/answers")

# stats on a narrow terminal (the size is set before quizdeck starts)
qd_e2e_test(stats-narrow COMMAND /bin/sh -c "stty cols 30 rows 40\nexec @QUIZDECK@ stats")

# the harness itself, on /bin/sh (newlines, not ';', separate shell commands:
# ';' would split a CMake list)
set(QD_E2E_SH /bin/sh -c "stty -a\nread x\necho got:$x")
qd_e2e_test(self-echo COMMAND ${QD_E2E_SH})
qd_e2e_test(self-ctrl-c COMMAND ${QD_E2E_SH})
qd_e2e_test(self-resize COMMAND /bin/sh -c "trap 'echo winch' WINCH\nstty -a\nuntil read x\ndo :\ndone\nstty size")
qd_e2e_test(self-stop COMMAND /bin/sh -c "echo ready\nread x\necho got:$x\necho $x > $HOME/answer")
qd_e2e_test(self-views COMMAND /bin/sh -c "printf 'one: a \\033[1mbo\\033[0mld\\r\\ntwo: a \\033[1mbo\\033[0mld move\\n'\nread x")
qd_e2e_test(self-cpu COMMAND /bin/sh -c "echo ready\nread x\necho got:$x")
qd_e2e_test(self-forbid FAIL "forbidden bytes appeared"
            COMMAND /bin/sh -c "printf '\\033]0\\073title\\007ready\\n'")
qd_e2e_test(self-timeout FAIL "not found within" COMMAND ${QD_E2E_SH})
qd_e2e_test(self-exited FAIL "the command has exited" COMMAND /bin/sh -c "echo bye")
qd_e2e_test(self-exit-status FAIL "ended with exit status 3" COMMAND /bin/sh -c "exit 3")
qd_e2e_test(self-insane FAIL "the terminal is not sane" COMMAND /bin/sh -c "stty raw -echo\necho ready")
qd_e2e_test(self-not-expect FAIL "unwanted text appeared" COMMAND /bin/sh -c "sleep 0.2\necho oops\nread x")

# timed quizzes (tests/e2e/decks/quiz.yaml; seed 3 asks sky, mozilla, cargo,
# six-times-seven; seed 8 starts with mozilla)
set(QD_QUIZ_DECK @SRC@/tests/e2e/decks/quiz.yaml)
qd_e2e_test(quiz-countdown COMMAND @QUIZDECK@ quiz ${QD_QUIZ_DECK} --seed 3 -n 3 --per-question 2)
qd_e2e_test(quiz-total COMMAND @QUIZDECK@ quiz ${QD_QUIZ_DECK} --seed 3 -n 4 --per-question 2 --time 3)
qd_e2e_test(quiz-stop COMMAND @QUIZDECK@ quiz ${QD_QUIZ_DECK} --seed 8 -n 2 --per-question 60)
qd_e2e_test(quiz-resize COMMAND @QUIZDECK@ quiz ${QD_QUIZ_DECK} --seed 8 -n 2 --per-question 60)
qd_e2e_test(quiz-cpu COMMAND @QUIZDECK@ quiz ${QD_QUIZ_DECK} --seed 8 -n 2 --per-question 60)
qd_e2e_test(quiz-search-timeout COMMAND @QUIZDECK@ quiz ${QD_QUIZ_DECK} --seed 3 -n 2 --per-question 2)
qd_e2e_test(quiz-search-tick COMMAND @QUIZDECK@ quiz ${QD_QUIZ_DECK} --seed 3 -n 1 --per-question 4)
qd_e2e_test(quiz-pipe-out COMMAND sh -c "@QUIZDECK@ quiz ${QD_QUIZ_DECK} --seed 3 -n 2 --per-question 2 | cat")

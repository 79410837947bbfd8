# Runs WRITER GOLDEN (a program that writes golden files into the directory GOLDEN), then
# NODE --test on the files SUITES (a glob) with BATON_WEB_GOLDEN=GOLDEN. Either failing
# fails the test.
foreach(var WRITER GOLDEN NODE SUITES)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run_node_suites.cmake needs -D${var}=...")
  endif()
endforeach()

execute_process(COMMAND ${WRITER} ${GOLDEN} RESULT_VARIABLE written)
if(NOT written EQUAL 0)
  message(FATAL_ERROR "${WRITER} failed: ${written}")
endif()

file(GLOB suites ${SUITES})
if(NOT suites)
  message(FATAL_ERROR "no node suites match ${SUITES}")
endif()
set(ENV{BATON_WEB_GOLDEN} ${GOLDEN})
execute_process(COMMAND ${NODE} --test ${suites} RESULT_VARIABLE tested)
if(NOT tested EQUAL 0)
  message(FATAL_ERROR "node --test failed: ${tested}")
endif()

# Helpers that register Qt Test executables with CTest, labelled by kind.

# baton_add_qtest(NAME SOURCES... LIBS... [LABELS ...] [TIMEOUT s] [ENV ...])
function(baton_add_qtest name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
  baton_set_warnings(${name})
  add_test(NAME ${name} COMMAND ${name})
  if(NOT ARG_LABELS)
    set(ARG_LABELS unit)
  endif()
  if(NOT ARG_TIMEOUT)
    set(ARG_TIMEOUT 120)
  endif()
  set_tests_properties(${name} PROPERTIES LABELS "${ARG_LABELS}" TIMEOUT ${ARG_TIMEOUT})
  if(ARG_ENV)
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${ARG_ENV}")
  endif()
  # The unit and X11 suites also run in the sanitizer lane (tests/sanitizers); end-to-end
  # suites do not: they drive whole processes and would double the run for little more.
  if(("unit" IN_LIST ARG_LABELS OR "x11" IN_LIST ARG_LABELS) AND NOT "e2e" IN_LIST ARG_LABELS)
    set_property(GLOBAL APPEND PROPERTY BATON_SANITIZED_TESTS ${name})
    if(BATON_SANITIZER_BUILD)
      # Coverage counters serve the fuzz targets, not the tests' own code.
      target_compile_options(${name} PRIVATE -fno-sanitize=fuzzer-no-link)
    endif()
    if(BATON_SANITIZER_BINARY_DIR)
      # Deferred to the end of this directory, so that the properties its CMakeLists sets
      # after this call (locks, environment) are copied too. EVAL: a deferred call's
      # arguments would otherwise be expanded then, when ${name} is gone.
      cmake_language(EVAL CODE "cmake_language(DEFER CALL baton_add_sanitized_twin [[${name}]])")
    endif()
  endif()
endfunction()

# How every test of the sanitizer lane runs: any report fails it.
set(BATON_SANITIZER_ENVIRONMENT
  "ASAN_OPTIONS=detect_leaks=1:strict_init_order=1:detect_stack_use_after_return=1"
  "UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizers/ubsan.supp"
  "LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/sanitizers/lsan.supp:print_suppressions=0")

# asan_NAME: the test NAME as built by the sanitizer lane (tests/sanitizers), with NAME's
# environment and locks. A sanitizer report fails it; leaks are reported but for the
# third-party ones listed in tests/sanitizers/lsan.supp.
function(baton_add_sanitized_twin name)
  file(RELATIVE_PATH rel ${PROJECT_BINARY_DIR} ${CMAKE_CURRENT_BINARY_DIR})
  set(dir ${BATON_SANITIZER_BINARY_DIR}/${rel})
  add_test(NAME asan_${name} COMMAND ${dir}/${name})
  set(env ${BATON_SANITIZER_ENVIRONMENT})
  get_test_property(${name} ENVIRONMENT own_env)
  if(own_env)
    list(APPEND env ${own_env})
  endif()
  # ASan and UBSan make code several times slower.
  get_test_property(${name} TIMEOUT timeout)
  math(EXPR timeout "${timeout} * 3")
  set_tests_properties(asan_${name} PROPERTIES LABELS sanitizer WORKING_DIRECTORY ${dir}
    TIMEOUT ${timeout} ENVIRONMENT "${env}")
  get_test_property(${name} RESOURCE_LOCK locks)
  if(locks)
    set_tests_properties(asan_${name} PROPERTIES RESOURCE_LOCK "${locks}")
  endif()
endfunction()

# Helpers that register Qt Test executables with CTest, labelled by kind.

# The headers (nearly) every suite parses, compiled once per build and reused by every
# baton_add_qtest suite: CI builds the suites twice (GCC, and clang for the sanitizer lane)
# and they were a third of its build. Reuse is sound only when each suite compiles with
# every macro the header was compiled with, at the same value, and the header depends on
# none of the macros a suite adds. So the owner links Qt6::Core alone (QT_CORE_LIB and
# QT_NO_DEBUG, which every suite has; not Qt6::Test, whose QT_TESTCASE_SOURCEDIR differs
# per directory), and the header holds no QtTest header: those are the only Qt headers that
# test QT_GUI_LIB, QT_NETWORK_LIB or QT_WIDGETS_LIB, which suites have or not. GCC rejects
# a header compiled otherwise (-Winvalid-pch, an error under BATON_WERROR); clang rejects
# only a macro the header had and the suite has not, or has differently.
function(baton_add_test_pch)
  set(source ${PROJECT_BINARY_DIR}/baton_test_pch.cpp)
  file(CONFIGURE OUTPUT ${source}
    CONTENT "// Owns the suites' precompiled header (cmake/BatonTesting.cmake).\n")
  add_library(baton_test_pch OBJECT ${source})
  set_target_properties(baton_test_pch PROPERTIES AUTOMOC OFF AUTOUIC OFF AUTORCC OFF)
  target_link_libraries(baton_test_pch PRIVATE Qt6::Core)
  target_include_directories(baton_test_pch SYSTEM PRIVATE
    $<TARGET_PROPERTY:Qt6::Network,INTERFACE_INCLUDE_DIRECTORIES>
    $<TARGET_PROPERTY:Qt6::Gui,INTERFACE_INCLUDE_DIRECTORIES>)
  baton_set_warnings(baton_test_pch)
  if(BATON_SANITIZER_BUILD)
    # As the suites (baton_add_qtest).
    target_compile_options(baton_test_pch PRIVATE -fno-sanitize=fuzzer-no-link)
  endif()
  # What QtTest's headers include, and what the suites include most.
  target_precompile_headers(baton_test_pch PRIVATE
    <algorithm> <chrono> <cstdint> <functional> <map> <memory> <optional> <string> <vector>
    <QAbstractItemModel> <QBitArray> <QByteArray> <QCborArray> <QCborMap> <QDebug>
    <QDeadlineTimer> <QDir> <QElapsedTimer> <QFile> <QHash> <QJsonArray> <QJsonDocument>
    <QJsonObject> <QList> <QMetaObject> <QMetaType> <QObject> <QPointer> <QProcess>
    <QRegularExpression> <QSet> <QString> <QStringList> <QTemporaryDir> <QThread> <QTimer>
    <QHostAddress> <QNetworkCookie> <QNetworkReply> <QSslSocket> <QTcpServer> <QTcpSocket>
    <QColor> <QGuiApplication> <QImage> <QVector2D> <QVector3D> <QVector4D> <QWindow>)
endfunction()

# baton_add_qtest(NAME SOURCES... LIBS... [LABELS ...] [TIMEOUT s] [ENV ...])
function(baton_add_qtest name)
  cmake_parse_arguments(ARG "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENV" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE Qt6::Test ${ARG_LIBS})
  baton_set_warnings(${name})
  # A suite given a macro by a library's flags (PipeWire's -D_REENTRANT, which the standard
  # headers test) parses its headers itself. GCC's -Winvalid-pch, an error in CI, finds any
  # such macro that comes another way.
  set(own_macros FALSE)
  foreach(lib IN LISTS ARG_LIBS)
    if(TARGET ${lib})
      get_target_property(options ${lib} INTERFACE_COMPILE_OPTIONS)
      if(options MATCHES "(^|;)-D")
        set(own_macros TRUE)
      endif()
    endif()
  endforeach()
  if(NOT own_macros)
    if(NOT TARGET baton_test_pch)
      baton_add_test_pch()
    endif()
    target_precompile_headers(${name} REUSE_FROM baton_test_pch)
    if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
      # GCC 12 drops the `#pragma GCC diagnostic` of headers read from a precompiled header:
      # libstdc++'s own silencing of these false positives in its string code
      # (bits/char_traits.h) is lost, and a suite's std::string + "..." fails -Werror.
      target_compile_options(${name} PRIVATE
        -Wno-array-bounds -Wno-stringop-overflow -Wno-stringop-overread)
    endif()
  endif()
  # Most suites' moc file is empty (their test class is moc'ed into their own source):
  # loading the precompiled header would cost it more than it parses.
  set_source_files_properties(${CMAKE_CURRENT_BINARY_DIR}/${name}_autogen/mocs_compilation.cpp
    PROPERTIES SKIP_PRECOMPILE_HEADERS ON)
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

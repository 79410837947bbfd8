# Warnings for Baton's own targets: high everywhere, errors when BATON_WERROR is on (CI).
option(BATON_WERROR "Treat warnings as errors" OFF)

function(baton_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow
    -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wimplicit-fallthrough)
  if(BATON_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()

# Run at build time (cmake -P) by web/CMakeLists.txt: bundles the page's script, web/src/
# main.js and every module it imports (fzstd's included), into one minified file. A browser
# then loads the viewer with one request, where the modules cost one TLS connection each
# (the host closes every HTTP connection) and a waterfall of imports.
# fzstd's MIT licence asks that its notice go with every copy, and the bundle is one: the
# notice heads it.
#   -DESBUILD=<esbuild executable> -DWEB_DIR=<web/> -DOUTPUT=<the bundle>

file(READ ${WEB_DIR}/node_modules/fzstd/package.json fzstd_manifest)
string(JSON fzstd_version GET "${fzstd_manifest}" version)
file(READ ${WEB_DIR}/node_modules/fzstd/LICENSE fzstd_licence)
string(REPLACE "*/" "* /" fzstd_licence "${fzstd_licence}")
set(banner "/*! Includes fzstd ${fzstd_version} (https://github.com/101arrowz/fzstd):\n${fzstd_licence}*/")

execute_process(
  COMMAND ${ESBUILD} src/main.js --bundle --format=esm
    --target=chrome120,firefox130,safari17 --minify --legal-comments=eof
    "--banner:js=${banner}" --log-level=warning --outfile=${OUTPUT}
  WORKING_DIRECTORY ${WEB_DIR}
  RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  file(REMOVE ${OUTPUT})
  message(FATAL_ERROR "esbuild could not bundle web/src/main.js")
endif()

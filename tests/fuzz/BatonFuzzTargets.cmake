# The libFuzzer targets: one per parser and decoder. Each NAME has its entry point in
# tests/fuzz/targets/fuzz_NAME.cpp and its seed corpus in tests/fuzz/corpus/NAME/.
# Add a target here and it is built by the clang fuzz build and smoke-run by ctest.
set(BATON_FUZZ_TARGETS
  invitelink
  issd
  issdagent
  issdlinestream
  handshake
  httprequest
  pdu
  tile
  t128bitmap
  videopayload
  updateapplier
  viewerresize
  screencastmeta
)

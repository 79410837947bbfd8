#!/usr/bin/env bash
# The package tests' fixture: builds the .deb with CPack into OUT, a folder of its own,
# so that it neither needs nor disturbs what `tools/dev package` leaves in packages/.
set -euo pipefail
build=$1
out=$2
rm -rf "$out"
mkdir -p "$out"
cd "$build"
cpack -G DEB --config CPackConfig.cmake -B "$out" >"$out/cpack.log" 2>&1 || { cat "$out/cpack.log"; exit 1; }
ls "$out"/*.deb

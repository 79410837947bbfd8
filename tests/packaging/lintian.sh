#!/usr/bin/env bash
# lintian on the .deb: errors fail the test; warnings and notes are printed for the
# reader (the packaging report lists the accepted ones and why).
set -euo pipefail
shopt -s nullglob
debs=("$1"/*.deb)
((${#debs[@]} == 1)) || { echo "expected one .deb in $1 (the package_build test makes it)"; exit 1; }
lintian_status=0
report=$(lintian --info --display-info --tag-display-limit 0 "${debs[0]}" 2>&1) || lintian_status=$?
echo "$report"
if grep -q '^E: ' <<<"$report"; then
  echo "FAIL: lintian reports errors"
  exit 1
fi
# Without an error tag, a non-zero status means lintian itself could not run.
((lintian_status == 0)) || { echo "FAIL: lintian exited with $lintian_status"; exit 1; }
echo "lintian: no errors, $(grep -c '^W: ' <<<"$report" || true) warning(s)"

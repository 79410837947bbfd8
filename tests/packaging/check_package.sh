#!/usr/bin/env bash
# Builds the .deb with CPack and checks that it holds what a user needs.
set -euo pipefail
build=$1
cd "$build"
rm -rf packages
cpack -G DEB --config CPackConfig.cmake >cpack.log 2>&1 || { cat cpack.log; exit 1; }
deb=$(ls packages/*.deb)
echo "package: $deb"
contents=$(dpkg-deb -c "$deb" | awk '{print $6}')
status=0
for path in ./usr/bin/baton ./usr/bin/baton-cli \
            ./usr/share/applications/io.github.baton.Baton.desktop \
            ./usr/share/metainfo/io.github.baton.Baton.metainfo.xml \
            ./usr/share/icons/hicolor/scalable/apps/io.github.baton.Baton.svg; do
  if grep -qxF "$path" <<<"$contents"; then echo "ok: $path"; else echo "MISSING: $path"; status=1; fi
done
# Nothing but what we install: no headers, static libraries or test programs.
if grep -E '\.(h|a)$|/tst_' <<<"$contents"; then echo "unexpected files above"; status=1; fi
dpkg-deb -f "$deb" Package Version Depends
dpkg-deb -f "$deb" Depends | grep -q libqt6widgets6 || { echo "Depends lacks Qt Widgets"; status=1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
dpkg-deb -x "$deb" "$tmp"
desktop-file-validate "$tmp/usr/share/applications/io.github.baton.Baton.desktop"
appstreamcli validate --no-net --explain "$tmp/usr/share/metainfo/io.github.baton.Baton.metainfo.xml" || status=1
exit $status

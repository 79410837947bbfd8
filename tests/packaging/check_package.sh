#!/usr/bin/env bash
# Unpacks the .deb into a scratch root and checks that it holds what a user's desktop
# needs, in the places and forms Debian's tools expect.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/unpack_package.sh"
status=0
fail() { echo "FAIL: $*"; status=1; }

app_id=io.github.baton.Baton
icon_sizes=(16 22 24 32 48 64 128 256)
expected=(usr/bin/baton usr/bin/baton-cli
          usr/share/applications/$app_id.desktop
          usr/share/metainfo/$app_id.metainfo.xml
          usr/share/icons/hicolor/scalable/apps/$app_id.svg
          usr/share/man/man1/baton.1.gz usr/share/man/man1/baton-cli.1.gz
          usr/share/doc/baton/copyright usr/share/doc/baton/changelog.gz)
for size in "${icon_sizes[@]}"; do
  expected+=("usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png")
done
for path in "${expected[@]}"; do
  if [[ -f $root/$path ]]; then echo "ok: $path"; else fail "missing $path"; fi
done
# Nothing but what we install: no headers, static libraries or test programs.
if (cd "$root" && find . -type f) | grep -E '\.(h|a)$|/tst_'; then fail "unexpected files above"; fi

# The programs: stripped, and no library search path outside the package (a build
# tree's, say); Qt's $ORIGIN-relative default is harmless.
for program in baton baton-cli; do
  binary=$root/usr/bin/$program
  [[ -x $binary ]] || fail "$program is not executable"
  described=$(file -b "$binary")
  [[ $described == *', stripped'* ]] || fail "$program is not stripped: $described"
  search_path=$(readelf -d "$binary" | sed -n 's/.*(R\(UN\)\{0,1\}PATH).*\[\(.*\)\]/\2/p')
  IFS=: read -ra entries <<<"$search_path"
  for entry in "${entries[@]}"; do
    [[ $entry == '$ORIGIN'* ]] || fail "$program searches for libraries in $entry"
  done
done

# Each PNG is the size its folder names.
for size in "${icon_sizes[@]}"; do
  png=$root/usr/share/icons/hicolor/${size}x${size}/apps/$app_id.png
  [[ -f $png ]] || continue
  described=$(file -b "$png")
  [[ $described == "PNG image data, $size x $size,"* ]] || fail "$png: $described"
done

# The desktop entry is valid and makes baton the handler of baton:// links.
desktop=$root/usr/share/applications/$app_id.desktop
desktop-file-validate "$desktop" || fail "desktop-file-validate"
grep -qx 'MimeType=x-scheme-handler/baton;' "$desktop" || fail "the desktop entry does not claim baton://"
grep -qx 'Exec=baton %u' "$desktop" || fail "the desktop entry does not pass the link to baton"
grep -qx "Icon=$app_id" "$desktop" || fail "the desktop entry names another icon"

appstreamcli validate --no-net --explain "$root/usr/share/metainfo/$app_id.metainfo.xml" ||
  fail "appstreamcli validate"

# The man pages render without warnings and have a NAME line that apropos can index.
for page in baton baton-cli; do
  gz=$root/usr/share/man/man1/$page.1.gz
  [[ -f $gz ]] || continue
  warnings=$(LC_ALL=C.UTF-8 MANWIDTH=80 man --warnings -E UTF-8 -l "$gz" 2>&1 >/dev/null)
  [[ -z $warnings ]] || fail "man $page: $warnings"
  [[ $(lexgrog "$gz") == *"\"$page - "* ]] || fail "lexgrog finds no NAME in $page.1"
done

# Debian's per-package documents: a machine-readable licence and a changelog whose
# newest entry is this version.
copyright=$root/usr/share/doc/baton/copyright
[[ $(head -1 "$copyright") == 'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/' ]] ||
  fail "the copyright file is not machine-readable (DEP-5)"
grep -qx 'License: GPL-3+' "$copyright" || fail "the copyright file does not say GPL-3+"
changelog_version=$(zcat "$root/usr/share/doc/baton/changelog.gz" | dpkg-parsechangelog -l - -S Version)
[[ $changelog_version == "$version" ]] ||
  fail "the changelog's newest entry is $changelog_version, the package $version"

dpkg-deb -f "$deb" Package Version Section Priority Maintainer Depends
for field in Maintainer Section Priority; do
  [[ -n $(dpkg-deb -f "$deb" "$field") ]] || fail "no $field field"
done
[[ $(dpkg-deb -f "$deb" Depends) == *libqt6widgets6* ]] || fail "Depends lacks Qt Widgets"
control_files=$(dpkg-deb --ctrl-tarfile "$deb" | tar -t)
grep -qx './md5sums' <<<"$control_files" || fail "no md5sums"
exit $status

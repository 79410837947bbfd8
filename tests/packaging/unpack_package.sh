# Sourced by the package tests with the fixture's folder as $1: sets $deb to the one
# package in it and unpacks it into $root, a scratch folder removed on exit.
shopt -s nullglob
debs=("$1"/*.deb)
if ((${#debs[@]} != 1)); then
  echo "expected one .deb in $1, found ${#debs[@]} (the package_build test makes it)"
  exit 1
fi
deb=${debs[0]}
version=$(dpkg-deb -f "$deb" Version)
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dpkg-deb -x "$deb" "$root"
echo "package: $deb ($version), unpacked into $root"

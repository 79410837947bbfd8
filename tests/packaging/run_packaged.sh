#!/usr/bin/env bash
# Runs the programs from the unpacked .deb, with only the system's libraries: they
# start, say their version and list what the man page documents.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/unpack_package.sh"
status=0
fail() { echo "FAIL: $*"; status=1; }
# A home of their own, so that nothing reads or writes the tester's settings. Only
# stdout is compared below; what Qt says on stderr goes to the log as it is.
export HOME=$root/home XDG_CONFIG_HOME=$root/home/.config XDG_DATA_HOME=$root/home/.local/share
export XDG_RUNTIME_DIR=$root/run
mkdir -p "$HOME"
mkdir -m 700 "$XDG_RUNTIME_DIR"

for program in baton baton-cli; do
  if ldd "$root/usr/bin/$program" | grep 'not found'; then fail "$program needs libraries it cannot find"; fi
done

shown=$(QT_QPA_PLATFORM=offscreen "$root/usr/bin/baton" --version) || fail "baton --version failed"
echo "baton --version: $shown"
[[ $shown == "baton $version" ]] || fail "baton --version printed '$shown', not 'baton $version'"

shown=$("$root/usr/bin/baton-cli" --version) || fail "baton-cli --version failed"
echo "baton-cli --version: $shown"
[[ $shown == "baton-cli $version" ]] || fail "baton-cli --version printed '$shown'"

help=$("$root/usr/bin/baton-cli" --help) || fail "baton-cli --help failed"
echo "$help"
grep -q '^Usage: baton-cli COMMAND' <<<"$help" || fail "baton-cli --help prints no usage line"
# Every command the program lists has its section in the man page.
mapfile -t commands < <(sed -n '/^Commands:/,/^$/p' <<<"$help" | awk 'NF > 1 {print $1}')
((${#commands[@]} > 0)) || fail "baton-cli --help lists no commands"
manual=$(zcat "$root/usr/share/man/man1/baton-cli.1.gz")
for command in "${commands[@]}"; do
  grep -qx "\.SS $command" <<<"$manual" || fail "baton-cli.1 does not document '$command'"
done
exit $status

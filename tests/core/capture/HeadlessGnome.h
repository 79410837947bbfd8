#pragma once

// The Wayland tests' private headless GNOME: the launcher that `baton-cli bench e2e --host
// wayland` uses too (app/cli/bench/HeadlessGnome.h), under the tests' name.
#include "app/cli/bench/HeadlessGnome.h"

namespace baton::test {

using HeadlessGnome = baton::cli::HeadlessGnome;

} // namespace baton::test

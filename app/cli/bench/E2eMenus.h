#pragma once

#include "E2eHarness.h"

#include <QString>

namespace baton::cli {

// The menus workload's input: xterm's Ctrl+left-click menu opened `openings` times through
// XTEST (xdotool) on the xterm at the top left of DISPLAY, each held open long enough for
// every viewer to show it and closed as long before the next. The event loop runs
// throughout (the counting proxy keeps forwarding). False with the reason when xdotool
// fails.
bool openMenus(E2eHarness &harness, const QString &display, int openings, QString *error);

} // namespace baton::cli

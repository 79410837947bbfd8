#pragma once

#include "E2eHarness.h"
#include "E2eWorkload.h"
#include "HeadlessGnome.h"

#include <QProcess>
#include <QString>

#include <optional>

namespace baton::cli {

// The application of `bench e2e --host wayland`, the same on both hosts: lxterminal (GTK3
// and VTE), native on X11 (GDK_BACKEND=x11) and on Wayland, 100x40 cells, running the
// workload's terminalCommand() (typing and scrolling only).

// On DISPLAY, an X server: the window to share, or nullopt with the reason. The process
// belongs to the harness.
std::optional<uint64_t> startX11Terminal(E2eHarness &harness, const QString &display,
                                         E2eWorkload workload, const QString &workDir,
                                         QString *error);
// On the headless GNOME, whose newest window has the keyboard focus (what `baton-cli host
// --gnome-focused-window` shares): the process (the desktop's; the caller may end it
// sooner), or null with the reason.
QProcess *startWaylandTerminal(HeadlessGnome &gnome, E2eWorkload workload, const QString &workDir,
                               QString *error);

} // namespace baton::cli

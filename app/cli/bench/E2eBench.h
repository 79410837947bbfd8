#pragma once

#include <QStringList>

namespace baton::cli {

// baton-cli bench e2e [--json] [--workload typing|scrolling|video|idle|menus|all]
// [--viewers N[,N...]] [--seconds S] [--settle-seconds S] [--menu-openings N]
// [--peer none|x11vnc] [--viewer native|browser] [--host x11|wayland] (E2eOptions.h):
// whole sessions on a private Xvfb with real X clients, Baton (baton-cli host and join
// processes, and with --viewer browser also tabs of a headless chromium) and x11vnc
// serving xtigervncviewer, every viewer behind one counting loopback proxy. One line (or JSON
// object) per system, workload and viewer count, and one with the baton/x11vnc (and
// baton-web/baton) ratios.
// --host wayland instead puts Baton's host on X11 and on a private headless GNOME, both
// sharing lxterminal (E2eHosts.h), with the wayland/x11 ratios.
int runE2eBench(const QStringList &args);

} // namespace baton::cli

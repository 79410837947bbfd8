#pragma once

#include <QStringList>

namespace baton::cli {

// baton-cli bench e2e [--json] [--workload typing|scrolling|video|idle|all] [--viewers N[,N...]]
// [--seconds S] [--settle-seconds S] [--peer none|x11vnc]: whole sessions on a private Xvfb
// with real X clients, Baton (baton-cli host and join processes) and x11vnc serving
// xtigervncviewer, every viewer behind one counting loopback proxy. One line (or JSON
// object) per system, workload and viewer count, and one with the baton/x11vnc ratios.
int runE2eBench(const QStringList &args);

} // namespace baton::cli

#pragma once

#include <QStringList>

namespace baton::cli {

// baton-cli bench rdp [--json] [--workload scrolling|typing] [--clients N[,N...]]
// [--seconds S] [--settle-seconds S] [--runs R]: the RDP gateway (issue 18) on the e2e
// benchmark's scrolling (or typing) xterm, on a private Xvfb, with N xfreerdp clients on a second
// one (RdpStage). Per run and client count: the gateway's CPU, the bytes to each RDP client and to
// a native viewer of the same share in the same seconds. Then the medians over the runs, and one
// line with the CPU each additional client costs (from the fewest clients to the most) and the
// RDP/native bytes.
int runRdpBench(const QStringList &args);

} // namespace baton::cli

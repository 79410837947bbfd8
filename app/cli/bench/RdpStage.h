#pragma once

#include "CountingProxy.h"
#include "E2eHarness.h"
#include "E2eWorkload.h"

#include <QProcess>
#include <QString>

#include <memory>
#include <vector>

namespace baton::cli {

// One setup of `baton-cli bench rdp` on the e2e benchmark's stage: the xterm of the
// scrolling or typing workload (E2eWorkload) shared by `baton-cli host`, one `baton-cli join` (the
// native reference), `baton-cli rdp-gateway` joined to the same share, and N xfreerdp clients of
// the gateway. Each of the three kinds of connection passes its own CountingProxy, so the bytes to
// the native viewer, to the gateway and to the RDP clients are counted apart. Its processes belong
// to the harness (the caller stops them from its mark).
class RdpStage {
public:
    // Everything started, every xfreerdp connected (and for typing, the typing begun);
    // null with the reason otherwise.
    static std::unique_ptr<RdpStage> start(E2eHarness &harness, const QString &hostDisplay,
                                           const QString &clientDisplay, E2eWorkload workload,
                                           int clients, const QString &workDir, QString *error);

    // What the measurement reads: the processes' CPU seconds so far and the bytes so far.
    struct Counters {
        double gatewayCpuS = 0;
        double hostCpuS = 0;
        qint64 bytesToNative = 0;
        qint64 bytesToGateway = 0;
        qint64 bytesToRdpClients = 0;
        qint64 bytesFromRdpClients = 0;
    };
    Counters counters() const;
    // Empty while the host, the gateway, the native viewer and every xfreerdp run, or what
    // ended.
    QString whatEnded() const;

private:
    RdpStage(quint16 hostPort);

    QProcess *host_ = nullptr;
    QProcess *gateway_ = nullptr;
    QProcess *native_ = nullptr;
    std::vector<QProcess *> clients_;
    CountingProxy nativeProxy_;
    CountingProxy gatewayProxy_;
    std::unique_ptr<CountingProxy> rdpProxy_;
};

} // namespace baton::cli

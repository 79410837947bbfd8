#pragma once

#include "core/capture/SharedWindow.h"
#include "core/input/InputInjector.h"
#include "core/input/LocalInputMonitor.h"
#include "core/net/CertificateStore.h"
#include "core/session/HostSession.h"

#include <QHostAddress>
#include <QList>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace baton {

// What the person asked to share, and how.
struct ShareRequest {
    // Input the caller brings (the demo's widget injector); either may be null.
    struct Input {
        std::unique_ptr<InputInjector> injector; // null: view-only
        std::unique_ptr<LocalInputMonitor> monitor; // null: the host's own use goes unseen
    };

    // The window: created, not started, not null.
    std::unique_ptr<WindowSource> source;
    // What source shares, as WindowSourceFactory::Creation says (a synthetic scene or a
    // widget is a window alone).
    ShareScope scope = ShareScope::Window;
    // Without it, InputBackendFactory makes the backends that match the source.
    std::optional<Input> input;
    // The share's settings: address and port, host name, passcode, floor policy, codec and
    // frame rates. The launcher fills in the session id and the advertised host, and sends
    // the video encoder's log to baton.session when the planner has no log of its own.
    HostSessionConfig config;
    // The name or address put in the invite link; empty: ShareLauncher::advertisedHost().
    QString advertise;
    // A fresh 6-digit passcode replaces config's (the panel). Otherwise config's stands,
    // empty meaning none (baton-cli host --passcode).
    bool generatePasscode = false;
    // When config's port is taken, listen on an ephemeral one instead of failing (the
    // panel: the link carries the port anyway). baton-cli host fails, as asked.
    bool fallBackFromTakenPort = false;
    // Called with the session just before it starts, for what must see its first frame
    // (a timing log).
    std::function<void(HostSession &)> beforeStart;
};

// The one place that turns a ShareRequest into a running HostSession, for the Share
// panel and baton-cli host alike: the session id, passcode, advertised host, port
// fallback and input backends are decided here and nowhere else.
class ShareLauncher {
public:
    struct Launch {
        std::unique_ptr<HostSession> session; // running; null when the share did not start
        QString error; // why it did not start, a sentence for the user
        // The port asked for, when it was taken and an ephemeral one is used instead.
        std::optional<quint16> takenPort;
        ShareScope scope = ShareScope::Window; // the request's: what the share shows
        bool viewOnly = false; // no injector: viewers cannot take control
        bool watchesHostInput = false; // a monitor hands the floor back when the host acts
        // Why InputBackendFactory left either out ("backend: reason"); empty when the
        // caller brought its own input.
        QStringList inputRefusals;
    };

    explicit ShareLauncher(net::CertificateStore::Identity identity);

    Launch launch(ShareRequest request) const;

    // 32 lower-case hexadecimal digits from the system's secure generator.
    static QString newSessionId();
    // 6 decimal digits from the system's secure generator.
    static QString newPasscode();
    // Where viewers reach this host: advertise when given; else the bind address when it
    // is a specific one; else the first LAN address (a host name often does not resolve
    // on a LAN); else the host name.
    static QString advertisedHost(const QString &advertise, const QHostAddress &bindAddress,
                                  const QList<QHostAddress> &lanAddresses, const QString &hostName);
    // The IPv4 addresses of the interfaces that are up, running and not loopback, in the
    // system's order.
    static QList<QHostAddress> lanAddresses();
    // Whether something else already listens on address and port.
    static bool isPortTaken(const QHostAddress &address, quint16 port);

private:
    net::CertificateStore::Identity identity_;
};

} // namespace baton

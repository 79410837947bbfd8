#pragma once

#include <QHostAddress>
#include <QString>

#include <chrono>

namespace baton::issd {

enum class TlsPolicy {
    Required, // AUTH before STARTTLS answers 538 E_TLSREQ
    Optional, // plaintext sessions allowed (trusted LANs, lab use)
};

// Everything an agent can be told; defaults are the limits of docs/issd.md.
struct IssdAgentConfig {
    QString name; // the agent's label in greetings and discovery; default: host name
    QString serverId; // 16 hex digits; default: from the TLS certificate, else random
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 tcpPort = 1600; // 0: any free port (tests)
    quint16 udpPort = 1600; // 0: any free port (tests)
    bool udp = true; // discovery and event datagrams
    bool announce = true; // ALIVE/BYE broadcasts
    int discoveryMaxDelayMs = 500;
    TlsPolicy tls = TlsPolicy::Required;

    int maxSessions = 8; // authenticated sessions
    int maxUnauthenticatedPerSource = 2; // connections not yet authenticated, per address
    int maxUnauthenticated = 256; // in all
    std::chrono::milliseconds authTimeout{30000};
    std::chrono::milliseconds idleTimeout{300000};
    double commandsPerSecond = 20;
    double commandBurst = 40;
    int maxPipelined = 16; // lines handled per pass before others get a turn
    int maxLinesOverRate = 128; // lines answered 452 in a row, then 421 and closed
    int maxAuthFailures = 3; // per connection, then 421
    std::chrono::milliseconds authBackoffBase{1000};
    std::chrono::milliseconds authBackoffMax{60000};
    std::chrono::milliseconds refusalLogInterval{10000}; // at most one summary line per interval
    std::chrono::milliseconds snapshotInterval{2000}; // per session
    qsizetype maxSnapshotBytes = 512 * 1024;
};

} // namespace baton::issd

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
    // Lines over the rate are answered 452 until a connection has had maxLinesOverRate of
    // them within linesOverRateWindow, then it is sent 421 and closed. A leaky count, not
    // lines in a row: the lines the rate lets through forgive nothing, so a flood paced
    // just over the rate is cut as surely as one sent all at once (issue 23); only time
    // does, maxLinesOverRate per window. 128 is three times the burst: a client that
    // pipelines twice its burst once (40 lines over) stays far from it. 60 s forgives about
    // 2 lines/s, so a connection that keeps going over the rate costs at most that many
    // 452 replies a second beyond the 20 it is served; one at 5x the rate is cut within
    // about 2 s, at 1.5x within about 20 s.
    int maxLinesOverRate = 128;
    std::chrono::milliseconds linesOverRateWindow{60000};
    int maxAuthFailures = 3; // per connection, then 421
    std::chrono::milliseconds authBackoffBase{1000};
    std::chrono::milliseconds authBackoffMax{60000};
    std::chrono::milliseconds refusalLogInterval{10000}; // at most one summary line per interval
    std::chrono::milliseconds snapshotInterval{2000}; // per session
    qsizetype maxSnapshotBytes = 512 * 1024;
};

} // namespace baton::issd

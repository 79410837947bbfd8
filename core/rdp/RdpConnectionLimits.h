#pragma once

#include "core/common/TokenBucket.h"
#include "core/net/AttemptLimiter.h"
#include "core/net/PendingHandshakes.h"
#include "core/net/RefusalLog.h"

#include <QHash>
#include <QHostAddress>
#include <QString>

#include <chrono>

class QObject;

namespace baton::rdp {

// What bounds the RDP gateway's cost of peers that have not logged on. Sources are counted
// as the Baton host counts them (an IPv4 address or an IPv6 /64, baton::sourceOf).
struct RdpConnectionLimitsConfig {
    // Connections from accept until logon (TLS, the connection sequence, the password),
    // counted apart from the live clients (RdpServerConfig::maxClients), so that a flood of
    // them cannot take a live client's place.
    int maxPending = 64;
    // A source's share of them once half are taken (below that, a room behind one NAT may
    // connect at once).
    int maxPendingPerSource = 4;
    // A connection not logged on by then is cut.
    std::chrono::milliseconds logonTimeout = std::chrono::seconds(10);
    // Connections (each can cost a TLS handshake, and FreeRDP 2.11 leaks about 5 KiB in each)
    // per source: a burst as large as the live clients' places (a room behind one NAT joins
    // at once), then one every 10 s.
    double perSourceBurst = 32;
    double perSourcePerMinute = 6;
    // And from all sources together.
    double totalBurst = 64;
    double totalPerMinute = 60;
    // Sources whose rate is remembered; a source beyond them faces the total rate only.
    int maxTrackedSources = 4096;
    // Wrong passwords per source; a blocked source is cut at accept.
    net::AttemptLimiter::Policy wrongPasswords;
};

// The RDP server's door keeper: decides at accept whether a connection may start its
// handshake, holds its pending slot until it logs on or ends, and counts wrong passwords.
// Refusals are logged summarised (net::RefusalLog), so a flood cannot flood the log.
// Bookkeeping only (the server owns the connections, the keys); the server's thread only.
class RdpConnectionLimits {
public:
    explicit RdpConnectionLimits(const RdpConnectionLimitsConfig &config);

    // A connection just accepted from address, before any byte was read: true when it may go
    // on (it then holds a pending slot under key until loggedOn() or ended()); false when it
    // is to be cut at once, which was logged.
    bool admit(QObject *key, const QHostAddress &address);
    // The right password: the slot goes, and the source's wrong passwords are forgotten.
    void loggedOn(QObject *key, const QHostAddress &address);
    // A wrong password from address.
    void wrongPassword(const QHostAddress &address);
    // The connection ended; frees its slot if it still held one.
    void ended(QObject *key);
    // A connection cut at accept for another reason (the server is full or ending): logged
    // with the others.
    void refused(const QHostAddress &address, protocol::CloseReason reason, const QString &detail);

private:
    struct SourceRate {
        TokenBucket bucket;
        std::chrono::steady_clock::time_point lastTaken;
    };

    // The source's bucket, made when there is room; nullptr when there is none.
    SourceRate *rateOf(const QHostAddress &source);

    const RdpConnectionLimitsConfig config_;
    net::PendingHandshakes pending_;
    net::AttemptLimiter wrongPasswords_;
    TokenBucket total_;
    QHash<QHostAddress, SourceRate> perSource_;
    net::RefusalLog refusals_;
};

} // namespace baton::rdp

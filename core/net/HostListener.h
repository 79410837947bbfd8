#pragma once

#include "core/common/InviteLink.h"
#include "core/net/AttemptLimiter.h"
#include "core/net/CertificateStore.h"
#include "core/net/CloseInfo.h"
#include "core/net/Connection.h"
#include "core/net/HostHandshake.h"
#include "core/net/PendingHandshakes.h"
#include "core/net/RefusalLog.h"
#include "core/net/UserIdAllocator.h"

#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>

namespace baton::net {

struct HostListenerConfig {
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = InviteLink::kDefaultPort; // 0: an ephemeral port (tests)
    HandshakePolicy policy;
    // From accepting the TCP connection to a decided Hello; a silent peer is cut then.
    int handshakeTimeoutMs = 10'000;
    // Handshakes in progress, shared fairly between sources (an address or an IPv6 /64):
    // more are refused at accept, so a flood of idle connections can neither exhaust the
    // host nor, from a few sources, keep others from joining. Beyond the slots, a few
    // connections are told the host is busy (CloseReason::HostBusy); PendingHandshakes.h.
    PendingHandshakes::Limits pendingHandshakes;
    // Viewers joined at once; the next Hello is refused with SessionFull.
    int maxViewers = 256;
    // Connection::Limits::maxHandshakeFrameBytes bounds what a peer may send before its
    // Welcome.
    Connection::Limits connectionLimits;
};

// Accepts viewers: TLS 1.3 with the host's certificate, then the join handshake
// (HostHandshake) with a timeout and the per-address passcode AttemptLimiter. An address
// the limiter blocks, and connections beyond their source's share of the pending
// handshakes, are cut at accept, before TLS. Refusals are logged summarised (RefusalLog).
// Nothing listens until start(). Runs on the event loop; nothing blocks.
//
// A joined viewer's Connection is handed over by viewerJoined(); it stays a child of the
// listener and deletes itself after closed(); its user id returns to the pool then.
class HostListener : public QTcpServer {
    Q_OBJECT
public:
    HostListener(CertificateStore::Identity identity, HostListenerConfig config,
                 QObject *parent = nullptr);
    // With the clock the AttemptLimiter uses (tests pass a fake one).
    HostListener(CertificateStore::Identity identity, HostListenerConfig config,
                 AttemptLimiter::Clock clock, QObject *parent = nullptr);
    ~HostListener() override;

    // Starts listening on the configured address and port. Returns false with a
    // sentence for the user (port in use, TLS unavailable, an invalid session id) otherwise.
    bool start(QString *error = nullptr);
    // Stops listening and drops the handshakes in progress. Joined viewers stay connected
    // (the session closes them with its own reason).
    void stop();

    quint16 port() const { return serverPort(); }
    const QByteArray &fingerprint() const { return identity_.fingerprint; }
    // The link viewers join with; advertisedHost is the name or address they reach us at.
    InviteLink inviteLink(const QString &advertisedHost) const;

    AttemptLimiter &attemptLimiter() { return limiter_; }
    const UserIdAllocator &userIds() const { return userIds_; }
    // Connections admitted to a handshake slot and not yet decided.
    int pendingHandshakes() const { return pending_.handshakes(); }
    const PendingHandshakes &pending() const { return pending_; }

signals:
    // A viewer passed the handshake; its Welcome has been queued. Direct connections:
    // the PDU references are valid during the emission.
    void viewerJoined(baton::net::Connection *connection, const baton::protocol::HelloPdu &hello,
                      const baton::protocol::WelcomePdu &welcome);
    // A connection ended before joining (refused, timed out, TLS failed, went away).
    void viewerRefused(const QHostAddress &address, const baton::net::CloseInfo &info);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void onEncrypted(QSslSocket *socket);
    void replyBusy(QSslSocket *socket);
    // Cuts a connection at accept, before TLS.
    void drop(QSslSocket *socket, const CloseInfo &info);
    void refusePending(QSslSocket *socket, const CloseInfo &info);
    void reportRefusal(const QHostAddress &address, const CloseInfo &info);
    void onDecision(Connection *connection, QObject *pendingKey, HostHandshake::Decision decision);

    CertificateStore::Identity identity_;
    HostListenerConfig config_;
    QSslConfiguration tls_;
    AttemptLimiter limiter_;
    UserIdAllocator userIds_;
    PendingHandshakes pending_; // sockets from accept until a decision
    RefusalLog refusals_;
};

} // namespace baton::net

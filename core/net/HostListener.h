#pragma once

#include "core/common/FreedMemory.h"
#include "core/common/InviteLink.h"
#include "core/net/CertificateStore.h"
#include "core/net/CloseInfo.h"
#include "core/net/Connection.h"
#include "core/net/HostListenerConfig.h"
#include "core/net/SharedHandshakeState.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>

#include <memory>

namespace baton::net {

class HostDoor;

// Accepts viewers: TLS 1.3 with the host's certificate, then the join handshake
// (HostHandshake) with a timeout and the per-address passcode AttemptLimiter, and a
// bounded rate of TLS handshakes (HostListenerConfig::handshakeRate). Nothing listens
// until start().
//
// All of that runs on a thread of the listener's own (HostDoor), so that a flood of
// handshakes costs the door thread's CPU, not the session's: this object lives on the
// session thread and its signals arrive there. A joined viewer's Connection is moved to
// the session thread before viewerJoined(); it becomes a child of the listener and deletes
// itself after closed(); its user id returns to the pool then. The state both threads
// touch is the user-id pool and the limiter, each behind its mutex (SharedHandshakeState.h).
class HostListener : public QObject {
    Q_OBJECT
public:
    HostListener(CertificateStore::Identity identity, HostListenerConfig config,
                 QObject *parent = nullptr);
    // With the clock the AttemptLimiter uses (tests pass a fake one). It is called on the
    // door thread.
    HostListener(CertificateStore::Identity identity, HostListenerConfig config,
                 AttemptLimiter::Clock clock, QObject *parent = nullptr);
    // Stops and joins the door thread.
    ~HostListener() override;

    // Starts the door thread listening on the configured address and port. Returns false
    // with a sentence for the user (port in use, TLS unavailable, an invalid session id)
    // otherwise.
    bool start(QString *error = nullptr);
    // Stops listening, drops the handshakes in progress and joins the door thread. Joined
    // viewers stay connected (the session closes them with its own reason).
    void stop();

    bool isListening() const { return door_ != nullptr; }
    quint16 port() const { return port_; }
    const QByteArray &fingerprint() const { return identity_.fingerprint; }
    // The link viewers join with; advertisedHost is the name or address they reach us at.
    InviteLink inviteLink(const QString &advertisedHost) const;

    SharedAttemptLimiter &attemptLimiter() { return *limiter_; }
    const UserIdPool &userIds() const { return *userIds_; }
    // Gateway members (docs/protocol.md §11.1) take their user ids from the viewers' pool,
    // so they count against maxViewers like the viewers they are.
    UserIdPool &userIds() { return *userIds_; }
    // Connections admitted to a handshake slot and not yet decided, those told the host is
    // busy, and the slots one source holds (asked of the door thread, which waits for it).
    int pendingHandshakes() const;
    int busyReplies() const;
    int pendingFromSource(const QHostAddress &source) const;

signals:
    // A viewer passed the handshake; its Welcome has been queued. The PDU references are
    // valid during the emission.
    void viewerJoined(baton::net::Connection *connection, const baton::protocol::HelloPdu &hello,
                      const baton::protocol::WelcomePdu &welcome);
    // A connection ended before joining (refused, timed out, TLS failed, went away).
    void viewerRefused(const QHostAddress &address, const baton::net::CloseInfo &info);
    // Emitted on the door thread when TLS is up and a Hello is awaited on connection,
    // which lives there: only for direct connections (tests that watch the host's reads).
    void handshakeStarted(baton::net::Connection *connection);

private:
    // On the door thread, as the door is made.
    void connectDoor();
    template <typename F> int askDoor(F &&f) const;

    CertificateStore::Identity identity_;
    HostListenerConfig config_;
    std::shared_ptr<SharedAttemptLimiter> limiter_;
    std::shared_ptr<UserIdPool> userIds_;
    QThread thread_;
    // Lives on thread_ while listening; deleted there when the thread finishes.
    HostDoor *door_ = nullptr;
    quint16 port_ = 0;
    // Connections that end before joining, and viewers that leave, free their buffers on
    // two threads' heaps; once such a burst is over the memory goes back to the system.
    static constexpr int kFreedMemoryQuietMs = 2'000;
    static constexpr int kFreedMemoryMaxDelayMs = 10'000;
    FreedMemoryReturner freedMemory_{kFreedMemoryQuietMs, kFreedMemoryMaxDelayMs};
};

} // namespace baton::net

#pragma once

#include "core/net/CertificateStore.h"
#include "core/net/CloseInfo.h"
#include "core/net/Connection.h"
#include "core/net/HostHandshake.h"
#include "core/net/HostListenerConfig.h"
#include "core/net/PendingHandshakes.h"
#include "core/net/RefusalLog.h"
#include "core/net/SharedHandshakeState.h"
#include "core/net/WebSite.h"
#include "core/common/TokenBucket.h"

#include <QHostAddress>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTimer>

#include <memory>

class QSslSocket;
class QThread;
class QWebSocket;

namespace baton::net {

// The HostListener's door: accept, TLS and the join handshake, on a thread of its own so
// that what unauthenticated peers cost in CPU does not stall the session's pipeline.
// Made, used and deleted on that thread (HostListener makes it there and has it deleted
// as the thread finishes); every member function runs there.
//
// After TLS the first byte tells a native viewer (0x03, a TPKT header) from a browser (an
// HTTP request: an upper-case letter); anything else is cut. A browser gets the web
// viewer's files (WebSite) or, at /ws, a WebSocket that carries the native protocol and
// goes through the same join handshake (HttpExchange, WebSocketWire); until its answer is
// sent and the connection closed, or its Hello decided, it holds its pending-handshake
// slot and the same deadline.
//
// An address the limiter blocks, and connections beyond their source's share of the
// pending handshakes, are cut at accept, before TLS. TLS handshakes are started at most
// at HostListenerConfig::handshakeRate: beyond it, accepting pauses and the excess waits
// in the kernel's backlog. Refusals are logged summarised (RefusalLog).
class HostDoor : public QTcpServer {
    Q_OBJECT
public:
    // sessionThread: where joined viewers' Connections are moved to. limiter and userIds
    // are shared with the session thread (SharedHandshakeState.h).
    HostDoor(const CertificateStore::Identity &identity, const HostListenerConfig &config,
             std::shared_ptr<SharedAttemptLimiter> limiter, std::shared_ptr<UserIdPool> userIds,
             QThread *sessionThread);
    ~HostDoor() override;

    // Listens on the configured address and port; false (errorString()) otherwise.
    bool start();
    // Stops listening and drops the handshakes in progress.
    void stop();

    const PendingHandshakes &pending() const { return pending_; }

signals:
    // A viewer passed the handshake; its Welcome is to be sent (PDU channel
    // welcome.userChannelId). connection has no parent and already lives on the session
    // thread: a receiver (a direct connection) takes ownership there and sends the
    // Welcome. The user id is released when connection closes.
    void joined(baton::net::Connection *connection, const baton::protocol::HelloPdu &hello,
                const baton::protocol::WelcomePdu &welcome);
    // A connection ended before joining.
    void refused(const QHostAddress &address, const baton::net::CloseInfo &info);
    // TLS is up and the host waits for a Hello on connection (door thread; for tests that
    // watch what the host reads before a Hello).
    void handshakeStarted(baton::net::Connection *connection);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void startTls(QSslSocket *socket);
    // Stops accepting until the rate allows the next handshake.
    void pauseForRate();
    void resume();
    void onEncrypted(QSslSocket *socket);
    // Reads (peeks) the first byte after TLS and starts what it calls for.
    void sniff(QSslSocket *socket);
    void startHttp(QSslSocket *socket);
    // The join handshake on connection, whose pending-handshake slot is socket's.
    void startJoin(Connection *connection, QObject *socket);
    void replyBusy(QSslSocket *socket);
    // Cuts a connection at accept, before TLS.
    void drop(QSslSocket *socket, const CloseInfo &info);
    void refusePending(QSslSocket *socket, const CloseInfo &info);
    void reportRefusal(const QHostAddress &address, const CloseInfo &info);
    void onDecision(Connection *connection, QObject *pendingKey, HostHandshake::Decision decision);
    void handOver(Connection *connection, const HostHandshake::Accept &accept);

    HostListenerConfig config_;
    QSslConfiguration tls_;
    WebSite site_;
    std::shared_ptr<SharedAttemptLimiter> limiter_;
    std::shared_ptr<UserIdPool> userIds_;
    QThread *sessionThread_;
    PendingHandshakes pending_; // sockets from accept until a decision
    RefusalLog refusals_;
    TokenBucket rate_;
    QTimer resumeTimer_;
};

} // namespace baton::net

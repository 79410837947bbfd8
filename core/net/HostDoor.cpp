#include "core/net/HostDoor.h"

#include "core/net/HttpExchange.h"
#include "core/net/Logging.h"
#include "core/net/WebSocketWire.h"

#include <QPointer>
#include <QSslSocket>
#include <QThread>
#include <QWebSocket>

#include <chrono>
#include <utility>

namespace baton::net {

using protocol::CloseReason;

namespace {

QSslConfiguration serverTls(const CertificateStore::Identity &identity)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_3);
    tls.setLocalCertificateChain(QList<QSslCertificate>{identity.certificate} +
                                 identity.intermediates);
    tls.setPrivateKey(identity.privateKey);
    // Viewers authenticate with the passcode inside TLS, not with certificates.
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

// QTcpServer's own default: connections it may hold that nobody took (we take each at once).
constexpr int kMaxPendingAccepts = 30;

// Not "handshakeTimer": QWebSocketServer deletes a child of that name when it upgrades the
// socket, and the deadline must hold until the Hello is decided.
const auto kDeadlineName = QStringLiteral("joinDeadline");

// The Connection the socket's wire belongs to, once there is one.
Connection *owningConnection(QObject *socket)
{
    for (QObject *ancestor = socket->parent(); ancestor; ancestor = ancestor->parent())
        if (auto *connection = qobject_cast<Connection *>(ancestor))
            return connection;
    return nullptr;
}

} // namespace

HostDoor::HostDoor(const CertificateStore::Identity &identity, const HostListenerConfig &config,
                   std::shared_ptr<SharedAttemptLimiter> limiter,
                   std::shared_ptr<UserIdPool> userIds, QThread *sessionThread)
    : config_(config),
      tls_(serverTls(identity)),
      limiter_(std::move(limiter)),
      userIds_(std::move(userIds)),
      sessionThread_(sessionThread),
      pending_(config_.pendingHandshakes),
      rate_(config_.handshakeRate.perSecond, config_.handshakeRate.burst),
      resumeTimer_(this)
{
    // incomingConnection() takes every socket at once, so Qt's pending queue never fills;
    // what bounds a flood of half-open connections is the kernel's backlog, which must
    // hold at least what the pool admits or honest joins are dropped before accept.
    setListenBacklogSize(config_.pendingHandshakes.maxTotal +
                         config_.pendingHandshakes.maxBusyReplies);
    resumeTimer_.setSingleShot(true);
    resumeTimer_.setTimerType(Qt::PreciseTimer);
    connect(&resumeTimer_, &QTimer::timeout, this, &HostDoor::resume);
}

HostDoor::~HostDoor()
{
    stop();
}

bool HostDoor::start()
{
    return listen(config_.bindAddress, config_.port);
}

void HostDoor::stop()
{
    resumeTimer_.stop();
    if (isListening())
        close();
    // Cleared first: aborting makes their Connections report, and stopping is no refusal.
    for (QObject *socket : pending_.takeAll())
        static_cast<QSslSocket *>(socket)->abort();
}

void HostDoor::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcNet) << "cannot adopt an incoming connection:" << socket->errorString();
        delete socket;
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    // A blocked address is not worth a TLS handshake: cut before it starts.
    if (const auto blocked = limiter_->blockedFor(peer); blocked.count() > 0) {
        drop(socket,
             {CloseReason::RateLimited, CloseInfo::Origin::Local,
              tr("cut before TLS, %1 s left").arg((blocked.count() + 999) / 1000)});
        return;
    }
    const auto admission = pending_.admit(socket, peer);
    if (admission == PendingHandshakes::Admission::Drop) {
        drop(socket,
             {CloseReason::HostBusy, CloseInfo::Origin::Local,
              tr("cut before TLS: %1 handshakes in progress, %2 from this source")
                  .arg(pending_.handshakes())
                  .arg(pending_.fromSource(peer))});
        return;
    }
    startTls(socket);
    // Accepting paused whenever the bucket ran dry, so there was a token for this one.
    rate_.tryTake();
    if (rate_.untilNext().count() > 0)
        pauseForRate();
}

void HostDoor::pauseForRate()
{
    pauseAccepting();
    // QTcpServer accepts in a loop until the backlog is empty, and pauseAccepting() alone
    // only takes effect once that loop ends: a queue "full" at zero ends it before the
    // next accept.
    setMaxPendingConnections(0);
    const auto wait = std::chrono::ceil<std::chrono::milliseconds>(rate_.untilNext());
    resumeTimer_.start(std::max<int>(1, int(wait.count())));
}

void HostDoor::resume()
{
    if (!isListening())
        return;
    setMaxPendingConnections(kMaxPendingAccepts);
    resumeAccepting();
}

void HostDoor::startTls(QSslSocket *socket)
{
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSslConfiguration(tls_);

    auto *timer = new QTimer(socket);
    timer->setObjectName(kDeadlineName);
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, socket] {
        const QString detail = tr("no Hello within %1 s").arg(config_.handshakeTimeoutMs / 1000.0);
        // Once the join handshake started the socket belongs to a Connection, which can say
        // Goodbye.
        if (auto *connection = owningConnection(socket))
            connection->close(CloseReason::Timeout, detail);
        else if (socket->isEncrypted())
            refusePending(socket,
                          {CloseReason::Timeout, CloseInfo::Origin::Local,
                           tr("no Hello or HTTP exchange finished within %1 s")
                               .arg(config_.handshakeTimeoutMs / 1000.0)});
        else
            refusePending(socket,
                          {CloseReason::Timeout, CloseInfo::Origin::Local,
                           tr("TLS handshake not finished within %1 s")
                               .arg(config_.handshakeTimeoutMs / 1000.0)});
    });
    timer->start(config_.handshakeTimeoutMs);

    connect(socket, &QSslSocket::encrypted, this, [this, socket] {
        if (pending_.isBusyReply(socket))
            replyBusy(socket);
        else
            onEncrypted(socket);
    });
    // Until the Connection takes over, a failing TLS handshake ends here.
    connect(socket, &QSslSocket::errorOccurred, this, [this, socket] {
        refusePending(
            socket,
            {CloseReason::ConnectionLost, CloseInfo::Origin::Transport, socket->errorString()});
    });
    socket->startServerEncryption();
}

void HostDoor::drop(QSslSocket *socket, const CloseInfo &info)
{
    const QHostAddress address = socket->peerAddress();
    socket->abort();
    socket->deleteLater();
    reportRefusal(address, info);
}

void HostDoor::refusePending(QSslSocket *socket, const CloseInfo &info)
{
    if (!pending_.release(socket))
        return;
    socket->disconnect(this);
    drop(socket, info);
}

void HostDoor::reportRefusal(const QHostAddress &address, const CloseInfo &info)
{
    refusals_.refused(address, info);
    emit refused(address, info);
}

void HostDoor::replyBusy(QSslSocket *socket)
{
    socket->disconnect(this);
    auto *connection =
        new Connection(socket, Connection::Side::Host, config_.connectionLimits, this);
    connect(connection, &Connection::closed, this,
            [this, socket, address = connection->peerAddress()](const CloseInfo &info) {
                if (pending_.release(socket))
                    reportRefusal(address, info);
            });
    connection->close(CloseReason::HostBusy,
                      tr("%1 handshakes in progress").arg(pending_.handshakes()));
}

void HostDoor::onEncrypted(QSslSocket *socket)
{
    if (!pending_.contains(socket))
        return;
    // No further ahead than a Hello's worth until the peer shows what it speaks.
    socket->setReadBufferSize(config_.connectionLimits.maxHandshakeFrameBytes);
    connect(socket, &QSslSocket::readyRead, this, [this, socket] { sniff(socket); });
    connect(socket, &QSslSocket::disconnected, this, [this, socket] {
        refusePending(socket,
                      {CloseReason::ConnectionLost, CloseInfo::Origin::Transport,
                       tr("closed before sending anything")});
    });
    sniff(socket);
}

void HostDoor::sniff(QSslSocket *socket)
{
    char first = 0;
    if (!pending_.contains(socket) || socket->peek(&first, 1) != 1)
        return;
    if (first == 0x03) {
        socket->disconnect(this); // the Connection reports from now on
        startJoin(new Connection(socket, Connection::Side::Host, config_.connectionLimits, this),
                  socket);
    } else if (first >= 'A' && first <= 'Z') {
        socket->disconnect(this);
        startHttp(socket);
    } else {
        refusePending(socket,
                      {CloseReason::ProtocolError, CloseInfo::Origin::Local,
                       tr("first byte 0x%1 is neither a TPKT header nor an HTTP request")
                           .arg(uint8_t(first), 2, 16, QLatin1Char('0'))});
    }
}

void HostDoor::startHttp(QSslSocket *socket)
{
    auto *exchange = new HttpExchange(socket, site_, this);
    const QHostAddress address = socket->peerAddress();
    connect(exchange, &HttpExchange::finished, this,
            [this, socket, address](int status, const QString &detail) {
                if (!pending_.release(socket))
                    return;
                // Pages and files served, and paths that are not there (a browser asks for
                // /favicon.ico), are no refusal; requests the host would not answer are.
                if (status == 0)
                    reportRefusal(
                        address,
                        {CloseReason::ConnectionLost, CloseInfo::Origin::Transport, detail});
                else if (status != 200 && status != 404)
                    reportRefusal(address,
                                  {CloseReason::ProtocolError, CloseInfo::Origin::Local,
                                   tr("HTTP %1: %2").arg(status).arg(detail)});
            });
    connect(exchange, &HttpExchange::upgraded, this, [this, socket](QWebSocket *webSocket) {
        if (!pending_.contains(socket)) {
            webSocket->abort();
            webSocket->deleteLater();
            return;
        }
        startJoin(new Connection(new WebSocketWire(webSocket, socket), Connection::Side::Host,
                                 config_.connectionLimits, this),
                  socket);
    });
}

void HostDoor::startJoin(Connection *connection, QObject *socket)
{
    // The handshake keeps references into the shared limiter and user ids: it is made and
    // asked only under their locks (always the limiter's first).
    auto handshake = limiter_->locked([&](AttemptLimiter &limiter) {
        return userIds_->locked([&](UserIdAllocator &ids) {
            return std::make_shared<HostHandshake>(config_.policy, ids, limiter,
                                                   connection->peerAddress());
        });
    });
    connect(connection, &Connection::pduReceived, this,
            [this, connection, socket, handshake](const protocol::Pdu &pdu) {
                auto decision = limiter_->locked([&](AttemptLimiter &) {
                    return userIds_->locked(
                        [&](UserIdAllocator &) { return handshake->onPdu(pdu); });
                });
                onDecision(connection, socket, std::move(decision));
            });
    connect(connection, &Connection::closed, this,
            [this, socket, address = connection->peerAddress()](const CloseInfo &info) {
                if (pending_.release(socket))
                    reportRefusal(address, info);
            });
    emit handshakeStarted(connection);
}

void HostDoor::onDecision(Connection *connection, QObject *pendingKey,
                          HostHandshake::Decision decision)
{
    if (const auto *refuse = std::get_if<HostHandshake::Refuse>(&decision)) {
        // The failure that starts a block says so, since the next attempt is cut before
        // TLS, where there is no way to tell the viewer why.
        const auto blocked = limiter_->blockedFor(connection->peerAddress());
        const bool counted = refuse->reason == CloseReason::WrongPasscode ||
            refuse->reason == CloseReason::SessionNotFound;
        if (counted && blocked.count() > 0)
            connection->close(CloseReason::RateLimited,
                              tr("try again in %1 s").arg((blocked.count() + 999) / 1000));
        else
            connection->close(refuse->reason, QString::fromStdString(refuse->detail));
        return;
    }
    const auto *accept = std::get_if<HostHandshake::Accept>(&decision);
    if (!accept)
        return;
    pending_.release(pendingKey);
    // Stopped for good: it lives on this thread and must not follow the socket.
    delete pendingKey->findChild<QTimer *>(kDeadlineName);
    connection->disconnect(this);
    const uint16_t userId = accept->welcome.userId;
    connection->setUserIds(protocol::kHostUserId, userId);
    // The connection is the context: this runs on whichever thread it lives on when it
    // closes, and the pool outlives it (shared).
    connect(connection, &Connection::closed, connection,
            [userIds = userIds_, userId] { userIds->release(userId); });
    qCInfo(lcNet).noquote() << "viewer" << connection->peerAddress().toString() << "joined as"
                            << userId << QString::fromStdString(accept->hello.displayName);
    // Not from here: this runs inside the socket's read notification, which touches its
    // notifiers again on the way out, and they must still be on this thread then.
    QMetaObject::invokeMethod(
        this,
        [this, connection = QPointer<Connection>(connection), accepted = *accept] {
            handOver(connection, accepted);
        },
        Qt::QueuedConnection);
}

void HostDoor::handOver(Connection *connection, const HostHandshake::Accept &accept)
{
    // One that closed meanwhile finishes here, as the door's child.
    if (!connection || !connection->isOpen())
        return;
    // Qt moves an object only from its own thread and only without a parent; its
    // children (the socket and its timers) and posted events go with it. The Welcome is
    // sent from the session thread, so that nothing the viewer sends back can arrive
    // before the session listens.
    connection->setParent(nullptr);
    connection->moveToThread(sessionThread_);
    emit joined(connection, accept.hello, accept.welcome);
}

} // namespace baton::net

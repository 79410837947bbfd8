#include "core/net/HostListener.h"

#include "core/net/Logging.h"

#include <QPointer>
#include <QRegularExpression>
#include <QSslSocket>
#include <QTimer>

#include <algorithm>
#include <memory>
#include <utility>

namespace baton::net {

using protocol::CloseReason;

namespace {

QSslConfiguration serverTls(const CertificateStore::Identity &identity)
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_3);
    tls.setLocalCertificate(identity.certificate);
    tls.setPrivateKey(identity.privateKey);
    // Viewers authenticate with the passcode inside TLS, not with certificates.
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

uint16_t lastViewerUserId(int maxViewers)
{
    return uint16_t(std::clamp(int(protocol::kFirstViewerUserId) + maxViewers - 1,
                               int(protocol::kFirstViewerUserId), 0xFFFF));
}

} // namespace

HostListener::HostListener(CertificateStore::Identity identity, HostListenerConfig config,
                           QObject *parent)
    : HostListener(std::move(identity), std::move(config), AttemptLimiter::steadyClock(), parent)
{
}

HostListener::HostListener(CertificateStore::Identity identity, HostListenerConfig config,
                           AttemptLimiter::Clock clock, QObject *parent)
    : QTcpServer(parent),
      identity_(std::move(identity)),
      config_(std::move(config)),
      tls_(serverTls(identity_)),
      limiter_(std::move(clock)),
      userIds_(protocol::kFirstViewerUserId, lastViewerUserId(config_.maxViewers)),
      pending_(config_.pendingHandshakes)
{
    // incomingConnection() takes every socket at once, so Qt's pending queue never fills;
    // what bounds a flood of half-open connections is the kernel's backlog, which must
    // hold at least what the pool admits or honest joins are dropped before accept.
    setListenBacklogSize(config_.pendingHandshakes.maxTotal +
                         config_.pendingHandshakes.maxBusyReplies);
}

HostListener::~HostListener()
{
    stop();
}

bool HostListener::start(QString *error)
{
    const auto fail = [error](const QString &message) {
        if (error)
            *error = message;
        return false;
    };
    if (!QSslSocket::supportsSsl())
        return fail(tr("TLS is not available: Qt found no usable OpenSSL."));
    if (identity_.certificate.isNull() || identity_.privateKey.isNull())
        return fail(tr("The host has no certificate."));
    static const QRegularExpression sessionPattern(QStringLiteral("^[A-Za-z0-9_-]{1,64}$"));
    if (!sessionPattern.match(QString::fromStdString(config_.policy.sessionId)).hasMatch())
        return fail(tr("The session id must be 1 to 64 letters, digits, '-' or '_'."));
    if (config_.policy.passcode.size() > protocol::HelloPdu::kMaxPasscodeBytes)
        return fail(
            tr("The passcode is longer than %1 bytes.").arg(protocol::HelloPdu::kMaxPasscodeBytes));
    if (config_.maxViewers < 1)
        return fail(tr("The host must accept at least one viewer."));
    if (config_.policy.hostName.size() > protocol::WelcomePdu::kMaxNameBytes)
        return fail(
            tr("The host name is longer than %1 bytes.").arg(protocol::WelcomePdu::kMaxNameBytes));
    if (!listen(config_.bindAddress, config_.port))
        return fail(tr("Cannot listen on %1 port %2: %3")
                        .arg(config_.bindAddress.toString())
                        .arg(config_.port)
                        .arg(errorString()));
    qCInfo(lcNet) << "host listening on" << serverAddress() << serverPort() << "fingerprint"
                  << identity_.fingerprint.toHex();
    return true;
}

void HostListener::stop()
{
    if (isListening())
        close();
    // Cleared first: aborting makes their Connections report, and stopping is no refusal.
    for (QObject *socket : pending_.takeAll())
        static_cast<QSslSocket *>(socket)->abort();
}

InviteLink HostListener::inviteLink(const QString &advertisedHost) const
{
    InviteLink link;
    link.host = advertisedHost;
    link.port = serverPort() ? serverPort() : config_.port;
    link.sessionId = QString::fromStdString(config_.policy.sessionId);
    link.fingerprint = identity_.fingerprint;
    link.passcode = QString::fromStdString(config_.policy.passcode);
    return link;
}

void HostListener::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcNet) << "cannot adopt an incoming connection:" << socket->errorString();
        delete socket;
        return;
    }
    const QHostAddress peer = socket->peerAddress();
    // A blocked address is not worth a TLS handshake: cut before it starts.
    if (const auto blocked = limiter_.blockedFor(peer); blocked.count() > 0) {
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
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setSslConfiguration(tls_);

    auto *timer = new QTimer(socket);
    timer->setObjectName(QStringLiteral("handshakeTimer"));
    timer->setSingleShot(true);
    connect(timer, &QTimer::timeout, this, [this, socket] {
        const QString detail = tr("no Hello within %1 s").arg(config_.handshakeTimeoutMs / 1000.0);
        // Once TLS is up the socket belongs to a Connection, which can say Goodbye.
        if (auto *connection = qobject_cast<Connection *>(socket->parent()))
            connection->close(CloseReason::Timeout, detail);
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

void HostListener::drop(QSslSocket *socket, const CloseInfo &info)
{
    const QHostAddress address = socket->peerAddress();
    socket->abort();
    socket->deleteLater();
    reportRefusal(address, info);
}

void HostListener::refusePending(QSslSocket *socket, const CloseInfo &info)
{
    if (!pending_.release(socket))
        return;
    socket->disconnect(this);
    drop(socket, info);
}

void HostListener::reportRefusal(const QHostAddress &address, const CloseInfo &info)
{
    refusals_.refused(address, info);
    emit viewerRefused(address, info);
}

void HostListener::replyBusy(QSslSocket *socket)
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

void HostListener::onEncrypted(QSslSocket *socket)
{
    if (!pending_.contains(socket))
        return;
    socket->disconnect(this); // the Connection reports from now on
    auto *connection =
        new Connection(socket, Connection::Side::Host, config_.connectionLimits, this);
    auto handshake = std::make_shared<HostHandshake>(config_.policy, userIds_, limiter_,
                                                     connection->peerAddress());
    connect(connection, &Connection::pduReceived, this,
            [this, connection, socket, handshake](const protocol::Pdu &pdu) {
                onDecision(connection, socket, handshake->onPdu(pdu));
            });
    connect(connection, &Connection::closed, this,
            [this, socket, address = connection->peerAddress()](const CloseInfo &info) {
                if (pending_.release(socket))
                    reportRefusal(address, info);
            });
}

void HostListener::onDecision(Connection *connection, QObject *pendingKey,
                              HostHandshake::Decision decision)
{
    if (const auto *refuse = std::get_if<HostHandshake::Refuse>(&decision)) {
        // The failure that starts a block says so, since the next attempt is cut before
        // TLS, where there is no way to tell the viewer why.
        const auto blocked = limiter_.blockedFor(connection->peerAddress());
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
    if (auto *timer = pendingKey->findChild<QTimer *>(QStringLiteral("handshakeTimer")))
        timer->stop();
    connection->disconnect(this);
    const uint16_t userId = accept->welcome.userId;
    connection->setUserIds(protocol::kHostUserId, userId);
    connect(connection, &Connection::closed, this, [this, userId] { userIds_.release(userId); });
    connection->sendPdu(accept->welcome.userChannelId, accept->welcome);
    qCInfo(lcNet).noquote() << "viewer" << connection->peerAddress().toString() << "joined as"
                            << userId << QString::fromStdString(accept->hello.displayName);
    emit viewerJoined(connection, accept->hello, accept->welcome);
}

} // namespace baton::net

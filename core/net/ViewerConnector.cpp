#include "core/net/ViewerConnector.h"

#include "BatonVersion.h"
#include "core/net/CertificateStore.h"
#include "core/net/Logging.h"

#include <QSslConfiguration>

#include <utility>

namespace baton::net {

using protocol::CloseReason;

ViewerConnector::ViewerConnector(InviteLink link, ViewerOptions options, QObject *parent)
    : QObject(parent), link_(std::move(link)), options_(std::move(options))
{
    if (options_.software.empty())
        options_.software = std::string("Baton ") + kVersion;
    timer_.setSingleShot(true);
    connect(&timer_, &QTimer::timeout, this, [this] {
        const QString detail = tr("no answer from %1:%2 within %3 s")
                                   .arg(link_.host)
                                   .arg(link_.port)
                                   .arg(options_.timeoutMs / 1000.0);
        if (connection_)
            connection_->close(CloseReason::Timeout, detail);
        else
            fail({CloseReason::Timeout, CloseInfo::Origin::Local, detail});
    });
}

ViewerConnector::~ViewerConnector()
{
    // A connection still in the handshake dies with us; a joined one was handed over.
    if (connection_ && !finished_)
        connection_->disconnect(this);
}

void ViewerConnector::start()
{
    if (socket_ || finished_)
        return;
    auto *socket = new QSslSocket(this);
    socket_ = socket;
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setProtocol(QSsl::TlsV1_3);
    tls.setPeerVerifyMode(QSslSocket::VerifyPeer);
    socket->setSslConfiguration(tls);
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket, &QSslSocket::sslErrors, this, &ViewerConnector::onSslErrors);
    connect(socket, &QSslSocket::encrypted, this, &ViewerConnector::onEncrypted);
    connect(socket, &QSslSocket::errorOccurred, this, [this, socket] {
        if (!connection_)
            fail({CloseReason::ConnectionLost, CloseInfo::Origin::Transport,
                  tr("cannot reach %1:%2: %3")
                      .arg(link_.host)
                      .arg(link_.port)
                      .arg(socket->errorString())});
    });
    timer_.start(options_.timeoutMs);
    socket->connectToHostEncrypted(link_.host, link_.port);
}

void ViewerConnector::cancel()
{
    if (connection_)
        connection_->close(CloseReason::ViewerLeft);
    else
        fail({CloseReason::ViewerLeft, CloseInfo::Origin::Local, {}});
}

bool ViewerConnector::pinMatches() const
{
    return socket_ && !socket_->peerCertificate().isNull() &&
        CertificateStore::fingerprintOf(socket_->peerCertificate()) == link_.fingerprint;
}

void ViewerConnector::onSslErrors(const QList<QSslError> &errors)
{
    // The pin is the trust anchor: a self-signed certificate that is the pinned one is
    // exactly what is expected, whatever the chain checks say about it.
    if (pinMatches()) {
        socket_->ignoreSslErrors();
        return;
    }
    QStringList reasons;
    for (const QSslError &error : errors)
        reasons << error.errorString();
    const QByteArray got = socket_->peerCertificate().isNull()
        ? QByteArray()
        : CertificateStore::fingerprintOf(socket_->peerCertificate());
    fail({CloseReason::CertificateMismatch, CloseInfo::Origin::Local,
          tr("expected fingerprint %1, the host presented %2")
              .arg(QString::fromLatin1(link_.fingerprint.toHex()),
                   got.isEmpty() ? tr("no certificate") : QString::fromLatin1(got.toHex()))});
    qCDebug(lcNet) << "TLS errors on a refused certificate:" << reasons;
}

void ViewerConnector::onEncrypted()
{
    // Checked again here: a certificate that chains to a system CA raises no sslErrors().
    if (!pinMatches()) {
        fail({CloseReason::CertificateMismatch, CloseInfo::Origin::Local,
              tr("the host's certificate is not the one in the invite link")});
        return;
    }
    QSslSocket *socket = socket_;
    socket->disconnect(this);
    auto *connection =
        new Connection(socket, Connection::Side::Viewer, options_.connectionLimits, this);
    connection_ = connection;
    connect(connection, &Connection::pduReceived, this, &ViewerConnector::onPdu);
    connect(connection, &Connection::closed, this, [this](const CloseInfo &info) { fail(info); });

    protocol::HelloPdu hello;
    hello.featureFlags = options_.featureFlags;
    hello.codecIds = options_.codecIds;
    hello.sessionId = link_.sessionId.toStdString();
    hello.displayName = options_.displayName;
    hello.passcode = link_.passcode.toStdString();
    hello.software = options_.software;
    if (!connection->sendPdu(protocol::kHostUserId, std::move(hello)))
        connection->abort(CloseReason::InternalError,
                          tr("the Hello does not encode (display name or passcode too long?)"));
}

void ViewerConnector::onPdu(const protocol::Pdu &pdu)
{
    const auto *welcome = std::get_if<protocol::WelcomePdu>(&pdu.body);
    if (!welcome) {
        connection_->close(CloseReason::ProtocolError,
                           QStringLiteral("protocol error: the host's first PDU is not a Welcome"));
        return;
    }
    if (welcome->versionMajor != protocol::kProtocolMajor) {
        connection_->close(
            CloseReason::VersionMismatch,
            tr("host speaks protocol %1.%2").arg(welcome->versionMajor).arg(welcome->versionMinor));
        return;
    }
    finished_ = true;
    timer_.stop();
    Connection *connection = connection_;
    connection->disconnect(this);
    connection->setParent(nullptr);
    connection->setUserIds(welcome->userId, welcome->hostUserId);
    qCInfo(lcNet) << "joined" << link_.host << link_.port << "as user" << welcome->userId;
    emit joined(connection, *welcome);
}

void ViewerConnector::fail(const CloseInfo &info)
{
    if (finished_)
        return;
    finished_ = true;
    timer_.stop();
    if (socket_ && !connection_) {
        socket_->disconnect(this);
        socket_->abort();
    }
    qCInfo(lcNet).noquote() << "joining" << link_.host << "failed:" << info.text();
    emit failed(info);
}

} // namespace baton::net

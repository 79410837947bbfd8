#include "core/issd/IssdDiscoveryResponder.h"

#include "core/issd/IssdArguments.h"

#include <QDateTime>
#include <QNetworkInterface>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTimer>
#include <QUdpSocket>

namespace baton::issd {

IssdDiscoveryResponder::IssdDiscoveryResponder(Config config, QString serverId, HereFields hereFields,
                                               QObject *parent)
    : QObject(parent), config_(std::move(config)), serverId_(std::move(serverId)),
      hereFields_(std::move(hereFields)), shortRequests_(config_.refusalLogInterval)
{
}

IssdDiscoveryResponder::~IssdDiscoveryResponder()
{
    stop();
}

bool IssdDiscoveryResponder::start(QString *error)
{
    socket_ = new QUdpSocket(this);
    // ShareAddress: a panel on the same host may listen on the same port.
    if (!socket_->bind(config_.bindAddress, config_.port,
                       QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint)) {
        *error = QStringLiteral("cannot bind UDP port %1: %2").arg(config_.port).arg(socket_->errorString());
        delete socket_;
        socket_ = nullptr;
        return false;
    }
    connect(socket_, &QUdpSocket::readyRead, this, &IssdDiscoveryResponder::readPending);
    if (config_.announce)
        broadcast("ISSD/1 ALIVE " + hereFields_().toUtf8() + " boot=" +
                  QByteArray::number(QDateTime::currentSecsSinceEpoch()));
    return true;
}

void IssdDiscoveryResponder::stop()
{
    if (!socket_)
        return;
    if (config_.announce)
        broadcast("ISSD/1 BYE " + Arguments{{QStringLiteral("id"), serverId_}}.serialize().toUtf8());
    socket_->close();
    socket_->deleteLater();
    socket_ = nullptr;
}

quint16 IssdDiscoveryResponder::port() const
{
    return socket_ ? socket_->localPort() : 0;
}

void IssdDiscoveryResponder::broadcast(const QByteArray &bytes)
{
    socket_->writeDatagram(bytes, QHostAddress::Broadcast, config_.port);
}

void IssdDiscoveryResponder::sendDatagram(const QByteArray &bytes, const QHostAddress &address, quint16 port)
{
    if (socket_ && bytes.size() <= kMaxDatagramBytes)
        socket_->writeDatagram(bytes, address, port);
}

void IssdDiscoveryResponder::readPending()
{
    while (socket_ && socket_->hasPendingDatagrams()) {
        QByteArray request(int(qMin<qint64>(socket_->pendingDatagramSize(), kMaxDatagramBytes + 1)),
                           Qt::Uninitialized);
        QHostAddress sender;
        quint16 senderPort = 0;
        const qint64 size = socket_->readDatagram(request.data(), request.size(), &sender, &senderPort);
        if (size <= 0 || size > kMaxDatagramBytes)
            continue; // oversized or unreadable: not a DISCOVER
        request.truncate(size);
        handle(request, sender, senderPort);
    }
}

bool IssdDiscoveryResponder::isLocalSource(const QHostAddress &sender) const
{
    if (sender.isLoopback() || sender.isLinkLocal())
        return true;
    for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
        for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
            if (sender.isInSubnet(entry.ip(), entry.prefixLength()))
                return true;
        }
    }
    return false;
}

void IssdDiscoveryResponder::handle(const QByteArray &request, const QHostAddress &sender, quint16 senderPort)
{
    ParseError error;
    QByteArrayView line(request);
    while (line.endsWith('\n') || line.endsWith('\r'))
        line.chop(1);
    const auto text = decodeLine(line, &error);
    const auto args = text ? Arguments::parse(*text, &error) : std::nullopt;
    if (!args || args->positionals() != QStringList{QStringLiteral("ISSD/1"), QStringLiteral("DISCOVER")})
        return; // ALIVE/BYE/HERE from others on the shared port, or noise
    const QString nonce = args->value(u"nonce").value_or(QString());
    static const QRegularExpression hex16(QStringLiteral("^[0-9a-f]{16}$"));
    if (!hex16.match(nonce).hasMatch() || senderPort == 0 || !isLocalSource(sender))
        return;
    const auto now = std::chrono::steady_clock::now();
    const auto last = lastReply_.constFind(sender);
    if (last != lastReply_.constEnd() && now - *last < std::chrono::seconds(1))
        return;
    if (lastReply_.size() >= kMaxTrackedSources)
        lastReply_.clear(); // forgetting only makes us answer once more, never more than 1/s/source
    lastReply_.insert(sender, now);

    const QByteArray reply = "ISSD/1 HERE " +
                             Arguments{{QStringLiteral("nonce"), nonce}}.serialize().toUtf8() + ' ' +
                             hereFields_().toUtf8();
    if (reply.size() > request.size()) {
        // The reply's size, not the request's, so that the summary counts one reason.
        shortRequests_.note(
            QStringLiteral("not answered: discovery request shorter than the reply (%1 bytes)")
                .arg(reply.size()),
            sender);
        return;
    }
    const int delayMs = config_.maxReplyDelayMs > 0
                            ? int(QRandomGenerator::global()->bounded(config_.maxReplyDelayMs + 1))
                            : 0;
    QTimer::singleShot(delayMs, this, [this, reply, sender, senderPort] {
        if (!socket_)
            return;
        socket_->writeDatagram(reply, sender, senderPort);
        ++repliesSent_;
    });
}

} // namespace baton::issd

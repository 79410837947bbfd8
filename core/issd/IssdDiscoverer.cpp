#include "core/issd/IssdDiscoverer.h"

#include "core/issd/IssdArguments.h"

#include <QNetworkInterface>
#include <QRandomGenerator>
#include <QUdpSocket>

namespace baton::issd {

QByteArray IssdDiscoverer::request(const QString &nonce)
{
    QByteArray datagram = "ISSD/1 DISCOVER nonce=" + nonce.toLatin1() + " pad=";
    datagram.append(qMax<qsizetype>(1, kRequestBytes - datagram.size()), '.');
    return datagram;
}

bool IssdDiscoverer::discover(quint16 port, const QList<QHostAddress> &targets, QString *error)
{
    delete socket_;
    socket_ = new QUdpSocket(this);
    if (!socket_->bind(QHostAddress::AnyIPv4, 0)) {
        *error = socket_->errorString();
        return false;
    }
    connect(socket_, &QUdpSocket::readyRead, this, &IssdDiscoverer::readReplies);
    nonce_ = QStringLiteral("%1").arg(QRandomGenerator::system()->generate64(), 16, 16, QLatin1Char('0'));
    QList<QHostAddress> destinations = targets;
    if (destinations.isEmpty()) {
        destinations.append(QHostAddress::Broadcast);
        for (const QNetworkInterface &interface : QNetworkInterface::allInterfaces()) {
            if (!(interface.flags() & QNetworkInterface::IsUp))
                continue;
            for (const QNetworkAddressEntry &entry : interface.addressEntries()) {
                if (!entry.broadcast().isNull())
                    destinations.append(entry.broadcast());
            }
        }
    }
    const QByteArray datagram = request(nonce_);
    for (const QHostAddress &destination : std::as_const(destinations))
        socket_->writeDatagram(datagram, destination, port);
    return true;
}

void IssdDiscoverer::readReplies()
{
    while (socket_->hasPendingDatagrams()) {
        QByteArray reply(int(qMin<qint64>(socket_->pendingDatagramSize(), 1200)), Qt::Uninitialized);
        QHostAddress sender;
        const qint64 size = socket_->readDatagram(reply.data(), reply.size(), &sender);
        if (size <= 0)
            continue;
        reply.truncate(size);
        ParseError error;
        const auto text = decodeLine(reply.trimmed(), &error);
        const auto args = text ? Arguments::parse(*text, &error) : std::nullopt;
        if (!args || args->positionals() != QStringList{QStringLiteral("ISSD/1"), QStringLiteral("HERE")} ||
            args->value(u"nonce") != nonce_)
            continue;
        Agent agent{sender, args->value(u"id").value_or(QString()), args->value(u"name").value_or(QString()),
                    quint16(args->value(u"tcp").value_or(QString()).toUInt()), args->value(u"tls") == u"yes",
                    args->value(u"displays").value_or(QString()).toInt()};
        if (agent.id.isEmpty() || seen_.contains(agent.id))
            continue;
        seen_.insert(agent.id);
        agents_.append(agent);
        emit found(agent);
    }
}

} // namespace baton::issd

#include "CountingProxy.h"

#include <QTcpSocket>

namespace baton::cli {

CountingProxy::CountingProxy(quint16 targetPort, QObject *parent)
    : QObject(parent), targetPort_(targetPort)
{
    connect(&server_, &QTcpServer::newConnection, this, &CountingProxy::accept);
}

bool CountingProxy::listen(QString *error)
{
    if (server_.listen(QHostAddress::LocalHost, 0))
        return true;
    *error = server_.errorString();
    return false;
}

void CountingProxy::accept()
{
    while (QTcpSocket *client = server_.nextPendingConnection()) {
        ++connections_;
        auto *upstream = new QTcpSocket(client);
        // Both systems turn Nagle's algorithm off; a relay that left it on would hold each
        // small write until the previous one is acknowledged, and a viewer that sends
        // nothing back for a while (Baton's paced FrameAcks) delays its TCP ACKs by up to
        // 40 ms.
        client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(upstream, &QTcpSocket::connected, upstream,
                [upstream] { upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1); });
        // The client's bytes wait in its socket until the server side is connected.
        auto pump = [this, client, upstream] {
            if (upstream->state() != QAbstractSocket::ConnectedState)
                return;
            const QByteArray data = client->readAll();
            bytesC2s_ += data.size();
            upstream->write(data);
        };
        connect(client, &QTcpSocket::readyRead, this, pump);
        connect(upstream, &QTcpSocket::connected, this, pump);
        connect(upstream, &QTcpSocket::readyRead, this, [this, client, upstream] {
            const QByteArray data = upstream->readAll();
            bytesS2c_ += data.size();
            client->write(data);
        });
        // Either side closing closes the other once what it wrote has left.
        connect(upstream, &QTcpSocket::disconnected, client, &QTcpSocket::disconnectFromHost);
        connect(upstream, &QTcpSocket::errorOccurred, client, &QTcpSocket::disconnectFromHost);
        connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        upstream->connectToHost(QHostAddress::LocalHost, targetPort_);
    }
}

} // namespace baton::cli

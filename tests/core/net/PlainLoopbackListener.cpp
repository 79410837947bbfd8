#include "PlainLoopbackListener.h"

#include <QSslSocket>

bool PlainLoopbackListener::start(const QHostAddress &address, QString *error)
{
    if (!address.isLoopback()) {
        *error = QStringLiteral("plaintext is for loopback only, not %1").arg(address.toString());
        return false;
    }
    if (!listen(address, 0)) {
        *error = errorString();
        return false;
    }
    return true;
}

void PlainLoopbackListener::incomingConnection(qintptr socketDescriptor)
{
    // A QSslSocket that never starts encryption is a plain TCP socket.
    auto *socket = new QSslSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    emit accepted(new baton::net::Connection(socket, baton::net::Connection::Side::Host, this));
}

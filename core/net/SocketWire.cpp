#include "core/net/SocketWire.h"

namespace baton::net {

SocketWire::SocketWire(QSslSocket *socket, QObject *parent) : Wire(parent), socket_(socket)
{
    socket_->setParent(this);
    socket_->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(socket_, &QSslSocket::readyRead, this, &Wire::readyRead);
    connect(socket_, &QSslSocket::bytesWritten, this, &Wire::bytesWritten);
    connect(socket_, &QSslSocket::encryptedBytesWritten, this, &Wire::bytesWritten);
    connect(socket_, &QSslSocket::disconnected, this, &Wire::disconnected);
    connect(socket_, &QSslSocket::errorOccurred, this, &Wire::errorOccurred);
}

SocketWire::~SocketWire()
{
    if (socket_) {
        socket_->disconnect(this);
        socket_->abort();
    }
}

QAbstractSocket::SocketState SocketWire::state() const
{
    return socket_ ? socket_->state() : QAbstractSocket::UnconnectedState;
}

void SocketWire::write(const QByteArray &bytes)
{
    if (socket_)
        socket_->write(bytes);
}

qint64 SocketWire::bytesToWrite() const
{
    return socket_ ? socket_->bytesToWrite() + socket_->encryptedBytesToWrite() : 0;
}

bool SocketWire::isWriteBacklogged(qint64 limitBytes) const
{
    // The plaintext side only, as before the Wire existed: TLS records already made wait
    // in the kernel's pace, and counting them would hold back the next batch needlessly.
    return !socket_ || socket_->bytesToWrite() >= limitBytes;
}

qint64 SocketWire::bytesAvailable() const
{
    return socket_ ? socket_->bytesAvailable() : 0;
}

QByteArray SocketWire::read(qint64 maxBytes)
{
    return socket_ ? socket_->read(maxBytes) : QByteArray();
}

void SocketWire::setReadAheadBytes(qint64 bytes)
{
    if (socket_)
        socket_->setReadBufferSize(bytes);
}

void SocketWire::disconnectFromPeer()
{
    if (socket_)
        socket_->disconnectFromHost();
}

void SocketWire::abort()
{
    if (socket_)
        socket_->abort();
}

QHostAddress SocketWire::peerAddress() const
{
    return socket_ ? socket_->peerAddress() : QHostAddress();
}

quint16 SocketWire::peerPort() const
{
    return socket_ ? socket_->peerPort() : 0;
}

bool SocketWire::isEncrypted() const
{
    return socket_ && socket_->isEncrypted();
}

QSsl::SslProtocol SocketWire::tlsProtocol() const
{
    return isEncrypted() ? socket_->sessionProtocol() : QSsl::UnknownProtocol;
}

QString SocketWire::errorString() const
{
    return socket_ ? socket_->errorString() : QString();
}

} // namespace baton::net

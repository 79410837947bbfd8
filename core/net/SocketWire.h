#pragma once

#include "core/net/Wire.h"

#include <QPointer>
#include <QSslSocket>

namespace baton::net {

// A Wire over a connected QSslSocket (TLS, or plaintext on loopback for tests), which
// becomes its child. The read-ahead bound is the socket's read buffer size: TCP holds the
// peer back beyond it.
class SocketWire : public Wire {
    Q_OBJECT
public:
    explicit SocketWire(QSslSocket *socket, QObject *parent = nullptr);
    ~SocketWire() override;

    QAbstractSocket::SocketState state() const override;
    void write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override;
    bool isWriteBacklogged(qint64 limitBytes) const override;
    qint64 bytesAvailable() const override;
    QByteArray read(qint64 maxBytes) override;
    void setReadAheadBytes(qint64 bytes) override;
    void disconnectFromPeer() override;
    void abort() override;
    QHostAddress peerAddress() const override;
    quint16 peerPort() const override;
    bool isEncrypted() const override;
    QSsl::SslProtocol tlsProtocol() const override;
    QString errorString() const override;

private:
    QPointer<QSslSocket> socket_;
};

} // namespace baton::net

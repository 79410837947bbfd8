#pragma once

#include "core/net/Wire.h"

#include <QPointer>
#include <QSslSocket>
#include <QWebSocket>

namespace baton::net {

// A Wire over a connected QWebSocket (a browser viewer's wss:// connection, or a test's
// client), which becomes its child. Binary messages carry the byte stream; their
// boundaries mean nothing. A text message is a protocolViolation(), as is a frame or
// message beyond the bound, which Qt refuses before it buffers it.
//
// Incoming bytes wait in a buffer of the wire's own until read; the reader drains it on
// every readyRead(), so it holds about one frame. The read-ahead bound caps frames and
// messages (and the TLS socket's read buffer where this side has it); without one, they
// are capped at kMaxMessageBytes.
class WebSocketWire : public Wire {
    Q_OBJECT
public:
    // What one incoming WebSocket message may carry once the peer is welcomed: a browser
    // sends each batch of input or acknowledgements as one message of a few hundred bytes.
    static constexpr qint64 kMaxMessageBytes = qint64{1} * 1024 * 1024;

    // tlsSocket: the TLS socket under webSocket where this side made it (the host's door);
    // it becomes webSocket's child, its read buffer carries the read-ahead bound and its
    // TLS records count in bytesToWrite(). Null for a client's own QWebSocket.
    explicit WebSocketWire(QWebSocket *webSocket, QSslSocket *tlsSocket = nullptr,
                           QObject *parent = nullptr);
    ~WebSocketWire() override;

    QAbstractSocket::SocketState state() const override;
    void write(const QByteArray &bytes) override;
    qint64 bytesToWrite() const override;
    bool isWriteBacklogged(qint64 limitBytes) const override;
    qint64 bytesAvailable() const override { return buffer_.size(); }
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
    void onBinaryFrame(const QByteArray &frame);
    void onAboutToClose();
    void fail(const QString &detail);

    QPointer<QWebSocket> webSocket_;
    QPointer<QSslSocket> tlsSocket_;
    QByteArray buffer_;
    qint64 frameLimitBytes_ = kMaxMessageBytes;
    bool closing_ = false; // this side ended it: what still arrives is dropped
};

} // namespace baton::net

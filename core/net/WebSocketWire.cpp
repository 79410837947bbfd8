#include "core/net/WebSocketWire.h"

namespace baton::net {

namespace {

// A WebSocket frame's header: 2 bytes, 8 of extended length, 4 of mask (RFC 6455 §5.2).
constexpr qint64 kMaxFrameHeaderBytes = 14;

} // namespace

WebSocketWire::WebSocketWire(QWebSocket *webSocket, QSslSocket *tlsSocket, QObject *parent)
    : Wire(parent), webSocket_(webSocket), tlsSocket_(tlsSocket)
{
    webSocket_->setParent(this);
    if (tlsSocket_) {
        // So that moving the Connection to another thread takes it along.
        tlsSocket_->setParent(webSocket_);
        tlsSocket_->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        connect(tlsSocket_, &QSslSocket::bytesWritten, this, &Wire::bytesWritten);
    }
    setReadAheadBytes(0);
    connect(webSocket_, &QWebSocket::binaryFrameReceived, this,
            [this](const QByteArray &frame) { onBinaryFrame(frame); });
    connect(webSocket_, &QWebSocket::textFrameReceived, this,
            [this] { fail(QStringLiteral("text message on the WebSocket")); });
    connect(webSocket_, &QWebSocket::aboutToClose, this, &WebSocketWire::onAboutToClose);
    connect(webSocket_, &QWebSocket::bytesWritten, this, &Wire::bytesWritten);
    // Queued: QWebSocket::close() flushes and closes at once, and a Connection's owner may
    // close several in a loop that their closed() signals must not reenter.
    connect(webSocket_, &QWebSocket::disconnected, this, &Wire::disconnected, Qt::QueuedConnection);
    connect(webSocket_, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this,
            &Wire::errorOccurred);
}

WebSocketWire::~WebSocketWire()
{
    if (webSocket_) {
        webSocket_->disconnect(this);
        webSocket_->abort();
    }
}

QAbstractSocket::SocketState WebSocketWire::state() const
{
    return webSocket_ ? webSocket_->state() : QAbstractSocket::UnconnectedState;
}

void WebSocketWire::write(const QByteArray &bytes)
{
    // Nothing may follow a close frame (RFC 6455 §5.5.1).
    if (webSocket_ && !closing_)
        webSocket_->sendBinaryMessage(bytes);
}

qint64 WebSocketWire::bytesToWrite() const
{
    if (tlsSocket_)
        return tlsSocket_->bytesToWrite() + tlsSocket_->encryptedBytesToWrite();
    return webSocket_ ? webSocket_->bytesToWrite() : 0;
}

bool WebSocketWire::isWriteBacklogged(qint64 limitBytes) const
{
    if (tlsSocket_)
        return tlsSocket_->bytesToWrite() >= limitBytes;
    return !webSocket_ || webSocket_->bytesToWrite() >= limitBytes;
}

QByteArray WebSocketWire::read(qint64 maxBytes)
{
    if (maxBytes >= buffer_.size())
        return std::exchange(buffer_, {});
    QByteArray head = buffer_.first(maxBytes);
    buffer_.remove(0, maxBytes);
    return head;
}

void WebSocketWire::setReadAheadBytes(qint64 bytes)
{
    frameLimitBytes_ = bytes > 0 ? bytes : kMaxMessageBytes;
    if (!webSocket_)
        return;
    // Qt refuses a frame or message beyond these from its header, before reading it.
    webSocket_->setMaxAllowedIncomingFrameSize(quint64(frameLimitBytes_));
    webSocket_->setMaxAllowedIncomingMessageSize(quint64(frameLimitBytes_));
    // Qt waits for a whole frame in the socket's buffer, so the buffer must hold one; with
    // no bound of the wire's own it is unbounded, as a native viewer's socket is.
    if (tlsSocket_)
        tlsSocket_->setReadBufferSize(bytes > 0 ? bytes + kMaxFrameHeaderBytes : 0);
}

void WebSocketWire::onBinaryFrame(const QByteArray &frame)
{
    if (closing_)
        return;
    // The reader drains the buffer on every readyRead(); a reader that has stopped (its
    // Connection is closing) must not make it grow without bound.
    if (buffer_.size() + frame.size() > 2 * frameLimitBytes_) {
        fail(
            QStringLiteral("more than %1 unread bytes on the WebSocket").arg(2 * frameLimitBytes_));
        return;
    }
    buffer_ += frame;
    emit readyRead();
}

void WebSocketWire::onAboutToClose()
{
    if (closing_ || !webSocket_)
        return;
    // Its close frame is on its way: a Goodbye can no longer follow.
    closing_ = true;
    buffer_.clear();
    // Qt closes the WebSocket itself when the peer breaks its rules (a frame too large,
    // bad UTF-8, a bad opcode); a peer that just leaves says Normal or GoingAway.
    const auto code = webSocket_->closeCode();
    if (code != QWebSocketProtocol::CloseCodeNormal &&
        code != QWebSocketProtocol::CloseCodeGoingAway)
        emit protocolViolation(QStringLiteral("WebSocket closed with %1 (%2)")
                                   .arg(int(code))
                                   .arg(webSocket_->closeReason()));
}

void WebSocketWire::fail(const QString &detail)
{
    if (closing_)
        return;
    emit protocolViolation(detail);
}

void WebSocketWire::disconnectFromPeer()
{
    closing_ = true;
    buffer_.clear();
    if (webSocket_)
        webSocket_->close(QWebSocketProtocol::CloseCodeNormal);
}

void WebSocketWire::abort()
{
    closing_ = true;
    buffer_.clear();
    if (webSocket_)
        webSocket_->abort();
}

QHostAddress WebSocketWire::peerAddress() const
{
    return webSocket_ ? webSocket_->peerAddress() : QHostAddress();
}

quint16 WebSocketWire::peerPort() const
{
    return webSocket_ ? webSocket_->peerPort() : 0;
}

bool WebSocketWire::isEncrypted() const
{
    return tlsProtocol() != QSsl::UnknownProtocol;
}

QSsl::SslProtocol WebSocketWire::tlsProtocol() const
{
    if (tlsSocket_)
        return tlsSocket_->isEncrypted() ? tlsSocket_->sessionProtocol() : QSsl::UnknownProtocol;
    return webSocket_ ? webSocket_->sslConfiguration().sessionProtocol() : QSsl::UnknownProtocol;
}

QString WebSocketWire::errorString() const
{
    return webSocket_ ? webSocket_->errorString() : QString();
}

} // namespace baton::net

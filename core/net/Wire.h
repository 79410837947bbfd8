#pragma once

#include <QAbstractSocket>
#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QSsl>
#include <QString>

namespace baton::net {

// The byte pipe under a Connection: a TLS socket (SocketWire) or a WebSocket whose binary
// messages carry the same byte stream (WebSocketWire). Message or record boundaries mean
// nothing above it.
//
// Lives on its Connection's thread, as the Connection's child, and takes its transport
// object along as a child, so that moving the Connection to another thread moves all of
// it. Nothing here blocks.
class Wire : public QObject {
    Q_OBJECT
public:
    using QObject::QObject;

    // ConnectedState while up (a wire handed to a Connection must be), ClosingState while
    // written bytes still leave after disconnectFromPeer(), UnconnectedState once gone.
    virtual QAbstractSocket::SocketState state() const = 0;
    // Hands all of bytes to the transport, which sends it in order.
    virtual void write(const QByteArray &bytes) = 0;
    // Bytes handed to write() that have not left yet (TLS records included).
    virtual qint64 bytesToWrite() const = 0;
    // Whether a write now would wait behind at least limitBytes of earlier writes; the
    // Connection stops handing over then, so its own queue is what bounds memory.
    virtual bool isWriteBacklogged(qint64 limitBytes) const { return bytesToWrite() >= limitBytes; }

    virtual qint64 bytesAvailable() const = 0;
    // Up to maxBytes of what arrived, in order.
    virtual QByteArray read(qint64 maxBytes) = 0;
    // How far ahead of the reader the wire may buffer incoming bytes (0: no bound of its
    // own); beyond it the transport holds the peer back, or, where it cannot, the wire
    // fails with protocolViolation(). Called with the pre-Welcome bound, then with 0.
    virtual void setReadAheadBytes(qint64 bytes) = 0;

    // Sends what was written, then ends the transport; disconnected() follows.
    virtual void disconnectFromPeer() = 0;
    // Ends the transport at once, dropping what was not sent.
    virtual void abort() = 0;

    virtual QHostAddress peerAddress() const = 0;
    virtual quint16 peerPort() const = 0;
    virtual bool isEncrypted() const = 0;
    // The negotiated TLS version (QSsl::UnknownProtocol for plaintext).
    virtual QSsl::SslProtocol tlsProtocol() const = 0;
    // What the last transport error was, in words.
    virtual QString errorString() const = 0;

signals:
    void readyRead();
    // Written bytes left; more may be handed over.
    void bytesWritten();
    // The transport has gone (once).
    void disconnected();
    // A transport error; errorString() says which. disconnected() may or may not follow.
    void errorOccurred();
    // The peer broke the transport's own rules (a text message on the WebSocket, a message
    // beyond the bound): the Connection closes with ProtocolError and detail.
    void protocolViolation(const QString &detail);
};

} // namespace baton::net

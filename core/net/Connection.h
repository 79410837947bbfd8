#pragma once

#include "core/net/CloseInfo.h"
#include "core/net/Wire.h"
#include "core/protocol/FrameDecoder.h"
#include "core/protocol/Framing.h"
#include "core/protocol/Pdu.h"
#include "core/protocol/PduDecoder.h"
#include "core/protocol/PduEncoder.h"

#include <QByteArray>
#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSslSocket>
#include <QTimer>

#include <deque>
#include <set>
#include <span>

namespace baton::net {

// One peer connection: frames in, typed PDUs out, a bounded outgoing queue, and a close
// that tells the peer why (Goodbye PDU) and the local user in words (closed()).
//
// Runs over a Wire: a TLS socket, or a WebSocket whose binary messages carry the same bytes
// (a browser viewer). Lives on the thread of its wire (the event loop); nothing here
// blocks. The transport is established when it is handed over: TLS already negotiated and
// the peer certificate checked (HostListener / ViewerConnector do that), or, for tests
// only, plaintext whose peer is loopback. Plaintext to any other address is refused.
//
// Received bytes go through a protocol::FrameDecoder and PduDecoder; anything that does
// not decode closes the connection with CloseReason::ProtocolError and the detail
// "protocol error: …". A Goodbye from the peer ends it with the peer's reason. After
// closed() the object deletes itself (deleteLater), so hold it in a QPointer.
class Connection : public QObject {
    Q_OBJECT
public:
    // Which end this is; it fixes the MCS PDU each side sends (host: Send-Data Indication,
    // viewer: Send-Data Request) and which one it accepts.
    enum class Side { Host, Viewer };

    struct Limits {
        // Frames waiting in this object beyond what the wire holds; sendFrame(s)()
        // refuses what would exceed it, so a stalled viewer costs at most this much memory.
        qint64 maxQueuedBytes = qint64{4} * 1024 * 1024;
        // Room beyond maxQueuedBytes that only sendPdu() may use: the session's state
        // changes (activation, roster, floor, pointer) still reach a viewer whose queue
        // the pictures filled, which a catch-up cannot repair.
        qint64 pduReserveBytes = qint64{256} * 1024;
        // How much is handed to the wire at a time (TLS records are made from it).
        qint64 socketBufferBytes = qint64{256} * 1024;
        // After close(), how long the Goodbye may take to leave before the socket is cut.
        int closeFlushTimeoutMs = 3000;
        // Host side, until the viewer is welcomed (setUserIds()): the peer is not yet
        // authenticated, so it may send only whole PDUs (its Hello) in frames of at most
        // this many bytes. A Fragment PDU, or more than this many bytes buffered without a
        // whole frame, closes the connection with ProtocolError; the wire reads no
        // further ahead than this (WebSocket frames and messages are capped at it), so the
        // host holds at most about twice this (docs/protocol.md §5).
        qint64 maxHandshakeFrameBytes = 4096;
    };

    // The socket becomes a SocketWire's, which becomes this object's child.
    Connection(QSslSocket *socket, Side side, QObject *parent = nullptr);
    Connection(QSslSocket *socket, Side side, Limits limits, QObject *parent = nullptr);
    // wire becomes this object's child.
    Connection(Wire *wire, Side side, Limits limits, QObject *parent = nullptr);
    ~Connection() override;

    Side side() const { return side_; }
    bool isOpen() const { return state_ == State::Open; }
    bool isEncrypted() const;
    // The negotiated TLS version (QSsl::UnknownProtocol for plaintext).
    QSsl::SslProtocol tlsProtocol() const;
    QHostAddress peerAddress() const { return peerAddress_; }
    quint16 peerPort() const { return peerPort_; }

    // User ids as the handshake assigned them. localUserId is the MCS initiator of what
    // this side sends (Goodbye included); peerUserId is the channel a Goodbye is sent on
    // and, on the host side, the only initiator the viewer's frames may carry. On the host
    // side this is the Welcome: maxHandshakeFrameBytes no longer applies.
    void setUserIds(uint16_t localUserId, uint16_t peerUserId);
    uint16_t localUserId() const { return localUserId_; }

    // Viewer side: the share id the host's fast-path updates belong to (the active share,
    // 0 while none is), which their frames leave out.
    void setFastPathShareId(uint32_t shareId);
    uint16_t peerUserId() const { return peerUserId_; }
    // Host side: the user ids of the peer's gateway members (docs/protocol.md §11.1), which
    // its frames may also carry as initiator.
    void allowMemberInitiator(uint16_t userId) { memberInitiators_.insert(userId); }
    void forbidMemberInitiator(uint16_t userId) { memberInitiators_.erase(userId); }

    // Queues one encoded frame (an implicitly shared QByteArray: a broadcast buffer is
    // queued for every viewer without being copied). Returns false, queueing nothing,
    // when the connection is closing or the queue would exceed maxQueuedBytes.
    bool sendFrame(const QByteArray &frame);
    // Queues several frames as one unit: all of them or none.
    bool sendFrames(std::span<const QByteArray> frames);
    // Encodes pdu (source = localUserId) for channelId and queues its frames; may use
    // pduReserveBytes beyond maxQueuedBytes. When even that is full the connection closes
    // with TooSlow. False, queueing nothing, when the PDU was not queued.
    bool sendPdu(uint16_t channelId, protocol::PduBody body, uint32_t shareId = 0,
                 protocol::StreamId stream = protocol::StreamId::Medium);
    // The same with source = a gateway member's user id (viewer side, §11.1).
    bool sendPduAs(uint16_t source, uint16_t channelId, protocol::PduBody body,
                   uint32_t shareId = 0, protocol::StreamId stream = protocol::StreamId::Medium);

    // Bytes accepted by send*() that the wire has not yet taken, plus what the wire
    // still holds: what a Broadcaster watches to see a viewer falling behind.
    qint64 queuedBytes() const;
    int queuedFrames() const { return int(queue_.size()); }
    const Limits &limits() const { return limits_; }

    // Drops what is queued, sends a Goodbye with the reason, then disconnects; closed()
    // follows with Origin::Local. Does nothing when already closing.
    void close(protocol::CloseReason reason, const QString &detail = {});
    // Cuts the connection without a Goodbye (the peer cannot be trusted with one, e.g.
    // before its certificate was checked); closed() follows with Origin::Local.
    void abort(protocol::CloseReason reason, const QString &detail = {});

    qint64 bytesReceived() const { return bytesReceived_; }
    qint64 bytesSent() const { return bytesSent_; }

signals:
    // A decoded PDU (never a Goodbye: that ends the connection). Direct connections only:
    // the references are valid during the emission.
    void pduReceived(const baton::protocol::Pdu &pdu, const baton::protocol::FrameHeader &header);
    // The outgoing queue emptied into the wire after frames had to wait in it (a
    // Broadcaster resumes a viewer it held back).
    void queueDrained();
    // Exactly once, when the transport has gone. The object deletes itself afterwards.
    void closed(const baton::net::CloseInfo &info);

private:
    enum class State { Open, Closing, Closed };

    void onReadyRead();
    void handleFrame(const protocol::Frame &frame);
    // Why frame may not arrive before the Welcome; empty when it may.
    QString refusedBeforeWelcome(const protocol::Frame &frame) const;
    bool enqueue(std::span<const QByteArray> frames, qint64 limit);
    void pump();
    void finish();
    void closeWith(CloseInfo info, bool sendGoodbye);
    QByteArray encode(uint16_t channelId, const protocol::Pdu &pdu);
    void updateFastPathContext();

    QPointer<Wire> wire_;
    Side side_;
    Limits limits_;
    State state_ = State::Open;
    CloseInfo closeInfo_;
    QHostAddress peerAddress_;
    quint16 peerPort_ = 0;
    uint16_t localUserId_;
    uint16_t peerUserId_;
    std::set<uint16_t> memberInitiators_;
    uint32_t fastPathShareId_ = 0;
    bool welcomed_; // the viewer side needs no Welcome check: its peer is the host

    protocol::FrameDecoder frameDecoder_;
    protocol::PduDecoder pduDecoder_;
    protocol::PduEncoder pduEncoder_;

    std::deque<QByteArray> queue_;
    qint64 queuedBytes_ = 0;
    bool backlogged_ = false;
    qint64 bytesReceived_ = 0;
    qint64 bytesSent_ = 0;
    QTimer closeTimer_;
};

} // namespace baton::net

#include "core/net/Connection.h"

#include "core/net/Logging.h"
#include "core/net/SocketWire.h"

#include <utility>
#include <variant>

namespace baton::net {

using protocol::CloseReason;

namespace {

constexpr qint64 kReadChunkBytes = qint64{64} * 1024;
// The largest TLS record's payload: writes up to it become one record.
constexpr qsizetype kCoalesceBytes = 16 * 1024;

// At most maxBytes of text's UTF-8, cut at a character boundary (the Goodbye's message
// must stay valid UTF-8 or the PDU would not encode).
std::string utf8Prefix(const QString &text, size_t maxBytes)
{
    std::string bytes = text.toStdString();
    if (bytes.size() <= maxBytes)
        return bytes;
    size_t end = maxBytes;
    while (end > 0 && (uint8_t(bytes[end]) & 0xC0) == 0x80)
        --end;
    bytes.resize(end);
    return bytes;
}

QString protocolError(const QString &what)
{
    return QStringLiteral("protocol error: ") + what;
}

} // namespace

Connection::Connection(QSslSocket *socket, Side side, QObject *parent)
    : Connection(socket, side, Limits(), parent)
{
}

Connection::Connection(QSslSocket *socket, Side side, Limits limits, QObject *parent)
    : Connection(new SocketWire(socket), side, limits, parent)
{
}

Connection::Connection(Wire *wire, Side side, Limits limits, QObject *parent)
    : QObject(parent),
      wire_(wire),
      side_(side),
      limits_(limits),
      peerAddress_(wire->peerAddress()),
      peerPort_(wire->peerPort()),
      localUserId_(side == Side::Host ? protocol::kHostUserId : protocol::kUnassignedUserId),
      peerUserId_(side == Side::Host ? protocol::kUnassignedUserId : protocol::kHostUserId),
      welcomed_(side == Side::Viewer)
{
    wire_->setParent(this);
    // An unauthenticated peer cannot make the wire buffer more than a Hello's worth;
    // TCP holds the rest back.
    if (!welcomed_)
        wire_->setReadAheadBytes(limits_.maxHandshakeFrameBytes);
    // Only the host sends fast-path updates (docs/protocol.md §2.1).
    frameDecoder_.acceptFastPath(side_ == Side::Viewer);
    updateFastPathContext();
    // A child, so that moveToThread() takes it along: the host hands a joined viewer's
    // connection from its door thread to the session thread (HostDoor).
    closeTimer_.setParent(this);
    closeTimer_.setSingleShot(true);
    connect(&closeTimer_, &QTimer::timeout, this, [this] {
        if (wire_)
            wire_->abort();
        finish();
    });
    connect(wire_, &Wire::readyRead, this, &Connection::onReadyRead);
    connect(wire_, &Wire::bytesWritten, this, &Connection::pump);
    connect(wire_, &Wire::disconnected, this, &Connection::finish);
    connect(wire_, &Wire::errorOccurred, this, [this] {
        if (state_ == State::Open)
            closeInfo_.detail = wire_->errorString();
        if (wire_->state() == QAbstractSocket::UnconnectedState)
            QMetaObject::invokeMethod(this, &Connection::finish, Qt::QueuedConnection);
    });
    connect(wire_, &Wire::protocolViolation, this, [this](const QString &detail) {
        close(CloseReason::ProtocolError, protocolError(detail));
    });

    // Whatever went wrong before the caller could connect to closed() is reported from the
    // event loop, so it is not lost.
    if (wire_->state() != QAbstractSocket::ConnectedState) {
        closeInfo_.detail = QStringLiteral("socket not connected");
        QMetaObject::invokeMethod(this, &Connection::finish, Qt::QueuedConnection);
    } else if (!wire_->isEncrypted() && !peerAddress_.isLoopback()) {
        // Plaintext exists only for the loopback capture test; never on a real network.
        QMetaObject::invokeMethod(
            this,
            [this] {
                abort(CloseReason::InternalError,
                      QStringLiteral("refusing a plaintext connection to %1")
                          .arg(peerAddress_.toString()));
            },
            Qt::QueuedConnection);
    } else if (wire_->bytesAvailable() > 0) {
        QMetaObject::invokeMethod(this, &Connection::onReadyRead, Qt::QueuedConnection);
    }
}

Connection::~Connection()
{
    if (wire_) {
        wire_->disconnect(this);
        wire_->abort();
    }
}

bool Connection::isEncrypted() const
{
    return wire_ && wire_->isEncrypted();
}

QSsl::SslProtocol Connection::tlsProtocol() const
{
    return wire_ ? wire_->tlsProtocol() : QSsl::UnknownProtocol;
}

void Connection::setFastPathShareId(uint32_t shareId)
{
    fastPathShareId_ = shareId;
    updateFastPathContext();
}

void Connection::updateFastPathContext()
{
    pduDecoder_.setFastPathContext({peerUserId_, fastPathShareId_, protocol::StreamId::Low});
}

void Connection::setUserIds(uint16_t localUserId, uint16_t peerUserId)
{
    localUserId_ = localUserId;
    peerUserId_ = peerUserId;
    updateFastPathContext();
    if (!welcomed_) {
        welcomed_ = true;
        if (wire_)
            wire_->setReadAheadBytes(0);
    }
}

bool Connection::sendFrame(const QByteArray &frame)
{
    return sendFrames(std::span<const QByteArray>(&frame, 1));
}

bool Connection::sendFrames(std::span<const QByteArray> frames)
{
    return enqueue(frames, limits_.maxQueuedBytes);
}

bool Connection::enqueue(std::span<const QByteArray> frames, qint64 limit)
{
    if (state_ != State::Open)
        return false;
    qint64 total = 0;
    for (const QByteArray &frame : frames)
        total += frame.size();
    if (queuedBytes_ + total > limit)
        return false;
    for (const QByteArray &frame : frames)
        queue_.push_back(frame);
    queuedBytes_ += total;
    pump();
    return true;
}

bool Connection::sendPdu(uint16_t channelId, protocol::PduBody body, uint32_t shareId,
                         protocol::StreamId stream)
{
    return sendPduAs(localUserId_, channelId, std::move(body), shareId, stream);
}

bool Connection::sendPduAs(uint16_t source, uint16_t channelId, protocol::PduBody body,
                           uint32_t shareId, protocol::StreamId stream)
{
    protocol::Pdu pdu{{source, shareId, stream}, std::move(body)};
    const auto kind =
        side_ == Side::Host ? protocol::SendDataKind::Indication : protocol::SendDataKind::Request;
    auto encoded = pduEncoder_.encodeFrames(kind, channelId, pdu);
    if (!encoded) {
        qCWarning(lcNet) << "cannot encode a PDU for" << peerAddress_
                         << QString::fromStdString(encoded.error().toString());
        return false;
    }
    std::vector<QByteArray> frames;
    frames.reserve(encoded->size());
    for (const protocol::Bytes &bytes : *encoded)
        frames.emplace_back(reinterpret_cast<const char *>(bytes.data()), qsizetype(bytes.size()));
    if (enqueue(frames, limits_.maxQueuedBytes + limits_.pduReserveBytes))
        return true;
    // A state change the peer never gets would leave it wrong for good (a catch-up repairs
    // pictures only); a peer that has not read even the reserve has stopped reading.
    if (state_ == State::Open)
        close(CloseReason::TooSlow, QStringLiteral("outgoing messages backed up"));
    return false;
}

qint64 Connection::queuedBytes() const
{
    return queuedBytes_ + (wire_ ? wire_->bytesToWrite() : 0);
}

void Connection::pump()
{
    if (state_ != State::Open || !wire_ || queue_.empty())
        return;
    while (!queue_.empty() && !wire_->isWriteBacklogged(limits_.socketBufferBytes)) {
        // Small frames that wait together go out in one write: one TLS record and one TCP
        // segment for a whole update batch instead of one per frame (each record costs
        // 22 bytes, and a keystroke's batch is three small frames).
        QByteArray chunk = std::move(queue_.front());
        queue_.pop_front();
        while (!queue_.empty() && chunk.size() + queue_.front().size() <= kCoalesceBytes) {
            chunk += queue_.front();
            queue_.pop_front();
        }
        queuedBytes_ -= chunk.size();
        bytesSent_ += chunk.size();
        wire_->write(chunk);
    }
    // Drained is news only after a backlog, not for frames that went straight through.
    if (!queue_.empty()) {
        backlogged_ = true;
    } else if (backlogged_) {
        backlogged_ = false;
        emit queueDrained();
    }
}

void Connection::onReadyRead()
{
    while (state_ == State::Open && wire_ && wire_->bytesAvailable() > 0) {
        const QByteArray chunk =
            wire_->read(welcomed_ ? kReadChunkBytes : limits_.maxHandshakeFrameBytes);
        bytesReceived_ += chunk.size();
        frameDecoder_.feed(protocol::ByteView(reinterpret_cast<const uint8_t *>(chunk.constData()),
                                              size_t(chunk.size())));
        while (state_ == State::Open) {
            const auto frame = frameDecoder_.next();
            if (!frame)
                break;
            handleFrame(*frame);
        }
        if (state_ == State::Open && frameDecoder_.failed())
            close(CloseReason::ProtocolError,
                  protocolError(QString::fromStdString(frameDecoder_.error()->toString())));
        else if (state_ == State::Open && !welcomed_ &&
                 qint64(frameDecoder_.pendingBytes()) > limits_.maxHandshakeFrameBytes)
            close(CloseReason::ProtocolError,
                  protocolError(QStringLiteral("a frame of more than %1 bytes before the Welcome")
                                    .arg(limits_.maxHandshakeFrameBytes)));
    }
}

QString Connection::refusedBeforeWelcome(const protocol::Frame &frame) const
{
    const qint64 frameBytes =
        qint64(frame.payload.size() + protocol::frameOverheadBytes(frame.payload.size()));
    if (frameBytes > limits_.maxHandshakeFrameBytes)
        return QStringLiteral("a frame of %1 bytes before the Welcome (at most %2)")
            .arg(frameBytes)
            .arg(limits_.maxHandshakeFrameBytes);
    // Decoded alone, without the reassembler, so that nothing is kept for later.
    const auto pdu = protocol::PduDecoder::decode(frame.payload);
    if (pdu && std::holds_alternative<protocol::FragmentPdu>(pdu->body))
        return QStringLiteral("a fragmented PDU before the Welcome");
    return {};
}

void Connection::handleFrame(const protocol::Frame &frame)
{
    const auto expected =
        side_ == Side::Host ? protocol::SendDataKind::Request : protocol::SendDataKind::Indication;
    const bool fastPath = frame.header.kind == protocol::SendDataKind::FastPath;
    if (frame.header.kind != expected && !(fastPath && side_ == Side::Viewer)) {
        close(CloseReason::ProtocolError,
              protocolError(side_ == Side::Host
                                ? QStringLiteral("Send-Data Indication from a viewer")
                                : QStringLiteral("Send-Data Request from the host")));
        return;
    }
    // The host relays what viewers send, so a viewer must not speak as anyone else.
    if (side_ == Side::Host && frame.header.initiator != peerUserId_ &&
        memberInitiators_.count(frame.header.initiator) == 0) {
        close(CloseReason::ProtocolError,
              protocolError(QStringLiteral("initiator %1 is not the viewer's user id %2")
                                .arg(frame.header.initiator)
                                .arg(peerUserId_)));
        return;
    }
    if (!welcomed_) {
        if (const QString refusal = refusedBeforeWelcome(frame); !refusal.isEmpty()) {
            close(CloseReason::ProtocolError, protocolError(refusal));
            return;
        }
    }
    auto decoded = pduDecoder_.decodeFrame(frame);
    if (!decoded) {
        close(CloseReason::ProtocolError,
              protocolError(QString::fromStdString(decoded.error().toString())));
        return;
    }
    if (!decoded->has_value())
        return; // a fragment of a larger PDU
    const protocol::Pdu &pdu = **decoded;
    if (const auto *goodbye = std::get_if<protocol::GoodbyePdu>(&pdu.body)) {
        closeWith(
            {goodbye->reason, CloseInfo::Origin::Peer, QString::fromStdString(goodbye->message)},
            false);
        return;
    }
    if (fastPath) {
        // What the fast path leaves out is what the MCS header would have said.
        const protocol::FrameHeader header{protocol::SendDataKind::Indication, peerUserId_,
                                           protocol::kBroadcastChannelId,
                                           protocol::DataPriority::High};
        emit pduReceived(pdu, header);
        return;
    }
    emit pduReceived(pdu, frame.header);
}

void Connection::close(CloseReason reason, const QString &detail)
{
    closeWith({reason, CloseInfo::Origin::Local, detail}, true);
}

void Connection::abort(CloseReason reason, const QString &detail)
{
    closeWith({reason, CloseInfo::Origin::Local, detail}, false);
}

void Connection::closeWith(CloseInfo info, bool sendGoodbye)
{
    if (state_ != State::Open)
        return;
    state_ = State::Closing;
    closeInfo_ = std::move(info);
    // Whatever was queued is stale now; only the Goodbye still matters to the peer.
    queue_.clear();
    queuedBytes_ = 0;
    if (!wire_ || wire_->state() != QAbstractSocket::ConnectedState) {
        QMetaObject::invokeMethod(this, &Connection::finish, Qt::QueuedConnection);
        return;
    }
    if (sendGoodbye) {
        protocol::GoodbyePdu goodbye;
        goodbye.reason = closeInfo_.reason;
        goodbye.message = utf8Prefix(closeInfo_.detail, protocol::GoodbyePdu::kMaxMessageBytes);
        const auto kind = side_ == Side::Host ? protocol::SendDataKind::Indication
                                              : protocol::SendDataKind::Request;
        const auto frame = pduEncoder_.encodeFrame(
            kind, peerUserId_, {{localUserId_, 0, protocol::StreamId::High}, std::move(goodbye)});
        if (frame) {
            wire_->write(QByteArray(reinterpret_cast<const char *>(frame->data()),
                                    qsizetype(frame->size())));
            bytesSent_ += qint64(frame->size());
        }
        closeTimer_.start(limits_.closeFlushTimeoutMs);
        wire_->disconnectFromPeer();
    } else {
        wire_->abort();
    }
    if (!wire_ || wire_->state() == QAbstractSocket::UnconnectedState)
        QMetaObject::invokeMethod(this, &Connection::finish, Qt::QueuedConnection);
}

void Connection::finish()
{
    if (state_ == State::Closed)
        return;
    if (state_ == State::Open) {
        // The peer may have said Goodbye right before closing; read it before concluding
        // that the connection was simply lost.
        onReadyRead();
        if (state_ == State::Open) {
            state_ = State::Closing;
            closeInfo_.reason = CloseReason::ConnectionLost;
            closeInfo_.origin = CloseInfo::Origin::Transport;
        }
    }
    state_ = State::Closed;
    closeTimer_.stop();
    queue_.clear();
    queuedBytes_ = 0;
    // One that ended before its Welcome, however it ended, was not admitted: whoever owns it
    // logs that, summarised (HostDoor's RefusalLog), so that a flood of them cannot fill the
    // log. Not even at debug level here: Qt writes baton.net's debug lines by default.
    if (welcomed_)
        qCInfo(lcNet).noquote() << "connection with" << peerAddress_.toString() << "closed ("
                                << CloseInfo::originName(closeInfo_.origin)
                                << "):" << closeInfo_.text() << "- received" << bytesReceived_
                                << "bytes, sent" << bytesSent_;
    emit closed(closeInfo_);
    deleteLater();
}

} // namespace baton::net

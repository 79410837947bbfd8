#include "HostileClients.h"

#include "core/protocol/FragmentPdu.h"
#include "core/protocol/HandshakePdus.h"
#include "core/protocol/PduEncoder.h"

#include <QDeadlineTimer>
#include <QRandomGenerator>
#include <QSslConfiguration>
#include <QSslSocket>
#include <QTcpSocket>
#include <QThread>

#include <algorithm>

namespace baton::test {

namespace {

constexpr int kConnectTimeoutMs = 2000;
constexpr int kHandshakeTimeoutMs = 5000;
constexpr qint64 kGarbageChunkBytes = 4096;
// Between two attempts of a sequential attack: about 50 a second, enough to keep every
// per-source limit busy without the attacker's own CPU being the attack.
constexpr int kAttemptPauseMs = 20;

// Set on a socket between its connect and the first time it is seen closed.
constexpr const char *kOpenedProperty = "hostileOpened";

QSslConfiguration anyCertificate()
{
    QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
    tls.setPeerVerifyMode(QSslSocket::VerifyNone);
    return tls;
}

// Blocking connect from source; false when the peer refused or did not answer in time.
bool connectFrom(QTcpSocket &socket, const QHostAddress &source, quint16 port, AttackCounts &counts)
{
    socket.abort();
    if (!socket.bind(source))
        return false;
    socket.connectToHost(QHostAddress::LocalHost, port);
    if (!socket.waitForConnected(kConnectTimeoutMs))
        return false;
    ++counts.connections;
    socket.setProperty(kOpenedProperty, true);
    return true;
}

// Reads what the peer sent without waiting; false once the connection has closed, which
// is counted as a cut the first time it is seen.
bool stillOpen(QAbstractSocket &socket, AttackCounts &counts)
{
    if (socket.state() == QAbstractSocket::ConnectedState) {
        socket.waitForReadyRead(0);
        if (socket.bytesAvailable() > 0) {
            ++counts.replies;
            socket.readAll();
        }
        if (socket.state() == QAbstractSocket::ConnectedState)
            return true;
    }
    if (socket.property(kOpenedProperty).toBool()) {
        ++counts.cut;
        socket.setProperty(kOpenedProperty, false);
    }
    return false;
}

// The next whole line, or a null array when none came within timeoutMs or the peer closed.
QByteArray readLine(QAbstractSocket &socket, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!socket.canReadLine() && socket.state() == QAbstractSocket::ConnectedState &&
           !deadline.hasExpired())
        socket.waitForReadyRead(int(std::max<qint64>(1, deadline.remainingTime())));
    return socket.canReadLine() ? socket.readLine().trimmed() : QByteArray();
}

// The final line of an ISSD reply ("NNN text", not "NNN-" or an event).
QByteArray readFinalLine(QAbstractSocket &socket, AttackCounts &counts)
{
    for (;;) {
        const QByteArray line = readLine(socket, kHandshakeTimeoutMs);
        if (line.isNull() || (line.size() >= 4 && line[3] == ' ')) {
            if (!line.isNull())
                ++counts.replies;
            return line;
        }
    }
}

QByteArray frameBytes(const protocol::Pdu &pdu)
{
    const auto frame = protocol::PduEncoder::encodeFrame(protocol::SendDataKind::Request,
                                                         protocol::kHostUserId, pdu);
    if (!frame)
        qFatal("cannot encode a hostile frame: %s", frame.error().toString().c_str());
    return QByteArray(reinterpret_cast<const char *>(frame->data()), qsizetype(frame->size()));
}

} // namespace

Sources Sources::loopback(int net, int count)
{
    return {0x7f000001u | (quint32(net) << 16), std::clamp(count, 1, 254)};
}

HostileClients::HostileClients(quint16 port) : port_(port)
{
}

HostileClients::~HostileClients()
{
    stop();
}

void HostileClients::launch(const QString &name, Body body)
{
    counts_.push_back(std::make_unique<AttackCounts>());
    AttackCounts *counts = counts_.back().get();
    counts->name = name;
    std::unique_ptr<QThread> thread(
        QThread::create([body = std::move(body), counts] { body(*counts); }));
    thread->start();
    threads_.push_back(std::move(thread));
}

void HostileClients::stop()
{
    stopping_ = true;
    for (const auto &thread : threads_)
        thread->wait();
    threads_.clear();
}

QStringList HostileClients::report() const
{
    QStringList lines;
    for (const auto &counts : counts_)
        lines << QStringLiteral("%1: %2 connections, %3 cut by the peer, %4 bytes sent, %5 replies")
                     .arg(counts->name)
                     .arg(counts->connections.load())
                     .arg(counts->cut.load())
                     .arg(counts->bytesSent.load())
                     .arg(counts->replies.load());
    return lines;
}

void HostileClients::sendLoop(const QString &name, int connections, Sources from, Send send)
{
    launch(name, [this, connections, from, send](AttackCounts &counts) {
        std::vector<std::unique_ptr<QTcpSocket>> sockets(static_cast<size_t>(connections));
        int next = 0;
        while (!stopping_) {
            for (auto &socket : sockets) {
                if (!socket)
                    socket = std::make_unique<QTcpSocket>();
                if (!stillOpen(*socket, counts) &&
                    !connectFrom(*socket, from.at(next++), port_, counts))
                    continue;
                send(*socket, counts);
                socket->waitForBytesWritten(5);
            }
            QThread::msleep(10);
        }
    });
}

void HostileClients::garbage(int connections, Sources from)
{
    sendLoop(QStringLiteral("garbage"), connections, std::move(from),
             [chunk = QByteArray(kGarbageChunkBytes, Qt::Uninitialized)](
                 QTcpSocket &socket, AttackCounts &counts) mutable {
                 QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(chunk.data()),
                                                       chunk.size() / 4);
                 counts.bytesSent += socket.write(chunk);
             });
}

void HostileClients::slowloris(int connections, const QByteArray &pattern, Sources from)
{
    launch(QStringLiteral("slowloris"), [this, connections, pattern, from](AttackCounts &counts) {
        std::vector<std::unique_ptr<QTcpSocket>> sockets(static_cast<size_t>(connections));
        std::vector<qsizetype> sent(static_cast<size_t>(connections), 0);
        int next = 0;
        QDeadlineTimer tick(0);
        while (!stopping_) {
            if (!tick.hasExpired()) {
                QThread::msleep(20);
                continue;
            }
            tick.setRemainingTime(1000);
            for (size_t i = 0; i < sockets.size() && !stopping_; ++i) {
                if (!sockets[i])
                    sockets[i] = std::make_unique<QTcpSocket>();
                if (!stillOpen(*sockets[i], counts)) {
                    sent[i] = 0;
                    if (!connectFrom(*sockets[i], from.at(next++), port_, counts))
                        continue;
                }
                counts.bytesSent += sockets[i]->write(pattern.mid(sent[i]++ % pattern.size(), 1));
                sockets[i]->waitForBytesWritten(5);
            }
        }
    });
}

void HostileClients::idle(int connections, Sources from)
{
    launch(QStringLiteral("idle connections"), [this, connections, from](AttackCounts &counts) {
        std::vector<std::unique_ptr<QTcpSocket>> sockets(static_cast<size_t>(connections));
        int next = 0;
        while (!stopping_) {
            for (auto &socket : sockets) {
                if (stopping_)
                    break;
                if (!socket)
                    socket = std::make_unique<QTcpSocket>();
                if (!stillOpen(*socket, counts))
                    connectFrom(*socket, from.at(next++), port_, counts);
            }
            for (int i = 0; i < 50 && !stopping_; ++i)
                QThread::msleep(20);
        }
    });
}

void HostileClients::tlsHandshakes(int clients, Sources from)
{
    for (int client = 0; client < clients; ++client) {
        launch(QStringLiteral("TLS handshakes %1").arg(client + 1),
               [this, client, from](AttackCounts &counts) {
                   int next = client;
                   while (!stopping_) {
                       QSslSocket socket;
                       socket.setSslConfiguration(anyCertificate());
                       if (!socket.bind(from.at(next++)))
                           continue;
                       socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port_);
                       if (!socket.waitForConnected(kConnectTimeoutMs))
                           continue;
                       ++counts.connections;
                       if (socket.waitForEncrypted(kHandshakeTimeoutMs))
                           ++counts.replies;
                       else
                           ++counts.cut;
                       socket.abort();
                   }
               });
    }
}

void HostileClients::tlsFrames(const QString &name, const QList<QByteArray> &frames, Sources from)
{
    launch(name, [this, frames, from](AttackCounts &counts) {
        for (int attempt = 0; !stopping_; ++attempt) {
            QThread::msleep(kAttemptPauseMs);
            QSslSocket socket;
            socket.setSslConfiguration(anyCertificate());
            if (!socket.bind(from.at(attempt)))
                continue;
            socket.connectToHostEncrypted(QStringLiteral("127.0.0.1"), port_);
            if (!socket.waitForConnected(kConnectTimeoutMs))
                continue;
            ++counts.connections;
            if (!socket.waitForEncrypted(kHandshakeTimeoutMs)) {
                ++counts.cut; // refused at accept (blocked, busy) or during TLS
                continue;
            }
            counts.bytesSent += socket.write(frames.at(attempt % frames.size()));
            const QDeadlineTimer deadline(3000);
            while (socket.state() == QAbstractSocket::ConnectedState && !deadline.hasExpired() &&
                   !stopping_)
                socket.waitForReadyRead(100);
            if (socket.bytesAvailable() > 0)
                ++counts.replies;
            if (socket.state() != QAbstractSocket::ConnectedState)
                ++counts.cut;
            socket.abort();
        }
    });
}

void HostileClients::flood(const QString &name, int connections, const QByteArray &chunk,
                           Sources from)
{
    sendLoop(name, connections, std::move(from), [chunk](QTcpSocket &socket, AttackCounts &counts) {
        // Only as fast as the peer reads: its read-ahead is what is under test.
        if (socket.bytesToWrite() < chunk.size())
            counts.bytesSent += socket.write(chunk);
    });
}

void HostileClients::issdWrongAuth(Sources from)
{
    launch(QStringLiteral("wrong AUTH"), [this, from](AttackCounts &counts) {
        for (int attempt = 0; !stopping_; ++attempt) {
            QThread::msleep(kAttemptPauseMs);
            QSslSocket socket;
            if (!connectFrom(socket, from.at(attempt), port_, counts))
                continue;
            const auto say = [&](const QByteArray &line) {
                counts.bytesSent += socket.write(line + "\r\n");
                return readFinalLine(socket, counts);
            };
            if (readFinalLine(socket, counts).isNull() || !say("HELLO 1").startsWith("250") ||
                !say("STARTTLS").startsWith("220")) {
                ++counts.cut;
                continue;
            }
            socket.setSslConfiguration(anyCertificate());
            socket.startClientEncryption();
            if (!socket.waitForEncrypted(kHandshakeTimeoutMs) ||
                !say("HELLO 1").startsWith("250")) {
                ++counts.cut;
                continue;
            }
            // Wrong proofs until the agent makes this source wait or cuts the connection.
            while (!stopping_) {
                const QByteArray challenge =
                    say("AUTH HMAC-SHA256 key=default cn=AAECAwQFBgcICQoLDA0ODxAR");
                if (!challenge.startsWith("334") || say(QByteArray(64, '0')).isNull())
                    break;
            }
            if (socket.state() != QAbstractSocket::ConnectedState)
                ++counts.cut;
            socket.abort();
        }
    });
}

namespace hostile {

QByteArray preHelloFragment()
{
    constexpr uint32_t kTotalBytes = 1000;
    constexpr size_t kChunkBytes = 100;
    protocol::FragmentPdu fragment;
    fragment.payloadId = 1;
    fragment.index = 0;
    fragment.count = uint16_t(kTotalBytes / kChunkBytes);
    fragment.innerPduType2 = uint8_t(protocol::PduType2::Update);
    fragment.totalLength = kTotalBytes;
    fragment.chunk.assign(kChunkBytes, 0);
    return frameBytes({{protocol::kUnassignedUserId, 0, protocol::StreamId::Low}, fragment});
}

QByteArray overSizeFrame()
{
    // TPKT version 3, reserved, length 16,398 (the largest a frame may be).
    QByteArray frame("\x03\x00\x40\x0e", 4);
    frame.append(QByteArray(8192, '\0'));
    return frame;
}

QByteArray wrongPasscodeHello(const InviteLink &link)
{
    protocol::HelloPdu hello;
    hello.sessionId = link.sessionId.toStdString();
    hello.displayName = "guesser";
    hello.passcode = "not " + link.passcode.toStdString();
    return frameBytes({{protocol::kUnassignedUserId, 0, protocol::StreamId::Medium}, hello});
}

} // namespace hostile

} // namespace baton::test

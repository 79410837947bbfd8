#include "LinkRelay.h"

#include "core/common/MonotonicClock.h"

#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <deque>
#include <functional>

namespace baton::cli {
namespace {

constexpr qint64 kReadBytes = qint64(64) * 1024;
constexpr int kKernelBufferBytes = 4 * 1024 * 1024;
constexpr qint64 kNsPerMs = 1'000'000;

} // namespace

// One direction of one connection: reads FROM as far as the bound allows, holds each chunk
// until its time, then writes it to TO.
class LinkRelay::Pipe : public QObject {
public:
    Pipe(QTcpSocket *from, QTcpSocket *to, const LinkProfile &profile, std::mt19937 *jitter,
         std::function<void(qint64)> written)
        : QObject(from),
          from_(from),
          to_(to),
          delayNs_(qint64(profile.delayMs) * kNsPerMs),
          jitterMs_(profile.jitterMs),
          jitter_(jitter),
          written_(std::move(written))
    {
        timer_.setSingleShot(true);
        timer_.setTimerType(Qt::PreciseTimer);
        connect(&timer_, &QTimer::timeout, this, &Pipe::release);
        connect(from, &QTcpSocket::readyRead, this, &Pipe::pump);
        connect(to, &QTcpSocket::bytesWritten, this, &Pipe::pump);
        connect(to, &QTcpSocket::connected, this, &Pipe::pump);
        // What the sender wrote before it closed still goes, after its delay.
        connect(from, &QTcpSocket::disconnected, this, [this] {
            closing_ = true;
            pump();
        });
    }

private:
    struct Chunk {
        qint64 dueNs;
        QByteArray data;
    };

    void pump()
    {
        if (to_->state() != QAbstractSocket::ConnectedState)
            return;
        while (from_->bytesAvailable() > 0 && held_ + to_->bytesToWrite() < kMaxHeldBytes) {
            QByteArray data = from_->read(kReadBytes);
            if (delayNs_ == 0 && jitterMs_ == 0) {
                write(data);
                continue;
            }
            qint64 dueNs = monotonicNowNs() + delayNs_;
            if (jitterMs_ > 0)
                dueNs += std::uniform_int_distribution<qint64>(0, jitterMs_ * kNsPerMs)(*jitter_);
            // In order: a chunk never leaves before the one read before it.
            dueNs = std::max(dueNs, held_ > 0 ? chunks_.back().dueNs : 0);
            held_ += data.size();
            chunks_.push_back({dueNs, std::move(data)});
            if (!timer_.isActive())
                schedule();
        }
        if (closing_ && held_ == 0 && from_->bytesAvailable() == 0)
            to_->disconnectFromHost();
    }

    void release()
    {
        const qint64 now = monotonicNowNs();
        while (!chunks_.empty() && chunks_.front().dueNs <= now) {
            held_ -= chunks_.front().data.size();
            write(chunks_.front().data);
            chunks_.pop_front();
        }
        if (!chunks_.empty())
            schedule();
        pump();
    }

    void schedule()
    {
        const qint64 waitNs = chunks_.front().dueNs - monotonicNowNs();
        timer_.start(int(std::max<qint64>(0, (waitNs + kNsPerMs - 1) / kNsPerMs)));
    }

    void write(const QByteArray &data)
    {
        to_->write(data);
        written_(data.size());
    }

    QTcpSocket *from_;
    QTcpSocket *to_;
    qint64 delayNs_;
    int jitterMs_;
    std::mt19937 *jitter_;
    std::function<void(qint64)> written_;
    std::deque<Chunk> chunks_;
    qint64 held_ = 0;
    bool closing_ = false;
    QTimer timer_;
};

LinkRelay::LinkRelay(const LinkProfile &profile, quint16 targetPort,
                     const QHostAddress &listenAddress, const QHostAddress &sourceAddress,
                     QObject *parent)
    : QObject(parent),
      profile_(profile),
      listenAddress_(listenAddress),
      targetPort_(targetPort),
      sourceAddress_(sourceAddress)
{
    connect(&server_, &QTcpServer::newConnection, this, &LinkRelay::accept);
}

LinkRelay::~LinkRelay() = default;

bool LinkRelay::listen(QString *error)
{
    if (server_.listen(listenAddress_, 0))
        return true;
    *error = server_.errorString();
    return false;
}

qint64 LinkRelay::bytesServerToClientBetween(qint64 fromNs, qint64 toNs) const
{
    const auto from = std::lower_bound(s2cWrites_.begin(), s2cWrites_.end(),
                                       std::pair<qint64, qint64>{fromNs, 0});
    qint64 total = 0;
    for (auto write = from; write != s2cWrites_.end() && write->first < toNs; ++write)
        total += write->second;
    return total;
}

void LinkRelay::accept()
{
    while (QTcpSocket *client = server_.nextPendingConnection()) {
        ++connections_;
        auto *upstream = new QTcpSocket(client);
        // Both systems turn Nagle's algorithm off; a relay that left it on would hold each
        // small write until the previous one is acknowledged, and a viewer that sends
        // nothing back for a while (Baton's paced FrameAcks) delays its TCP ACKs by up to
        // 40 ms.
        client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        // What the bottleneck let through waits in the kernel while this process is kept
        // from running (a busy machine), instead of closing the sender's window and
        // leaving the link idle: the relay is not part of the emulated path.
        client->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption, kKernelBufferBytes);
        connect(upstream, &QTcpSocket::connected, upstream, [upstream] {
            upstream->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            upstream->setSocketOption(QAbstractSocket::ReceiveBufferSizeSocketOption,
                                      kKernelBufferBytes);
        });
        // Qt reads no more than this ahead of the relay, so a full relay leaves the rest in
        // the kernel and TCP's window pushes back on the sender.
        client->setReadBufferSize(kReadBytes);
        upstream->setReadBufferSize(kReadBytes);
        new Pipe(client, upstream, profile_, &jitter_,
                 [this](qint64 bytes) { bytesC2s_ += bytes; });
        new Pipe(upstream, client, profile_, &jitter_, [this](qint64 bytes) {
            bytesS2c_ += bytes;
            s2cWrites_.emplace_back(monotonicNowNs(), bytes);
        });
        // A server that cannot be reached closes the viewer's connection; one that closed
        // its end has its last bytes delivered first (Pipe).
        connect(upstream, &QTcpSocket::errorOccurred, client,
                [client](QAbstractSocket::SocketError error) {
                    if (error != QAbstractSocket::RemoteHostClosedError)
                        client->disconnectFromHost();
                });
        connect(client, &QTcpSocket::disconnected, upstream, &QTcpSocket::disconnectFromHost);
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
        if (sourceAddress_ != QHostAddress::Any)
            upstream->bind(sourceAddress_);
        upstream->connectToHost(QHostAddress::LocalHost, targetPort_);
    }
}

} // namespace baton::cli

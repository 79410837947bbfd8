#pragma once

#include "LinkProfile.h"

#include <QHostAddress>
#include <QObject>
#include <QTcpServer>

#include <random>
#include <utility>
#include <vector>

namespace baton::cli {

// The user-space half of the link emulator, and the e2e benchmark's byte counter: a TCP
// relay between viewers and their server that holds what it passes on for the link's
// one-way delay (plus up to its jitter, never letting a chunk overtake the one before)
// in both directions, and counts the bytes each way as they leave it. With no delay
// (lan, or no --link) it passes everything straight on. LinkShaper's tbf sits in front of
// it in both directions, so the relay only delays what the bottleneck let through.
//
// Each direction holds at most kMaxHeldBytes (delayed or not yet taken by the other side)
// before it stops reading, so a viewer that does not read pushes back on its server as it
// would without the relay, instead of filling the relay's memory.
class LinkRelay : public QObject {
public:
    // A relay for link PROFILE that listens on listenAddress and connects to the server at
    // 127.0.0.1:targetPort from sourceAddress (LinkShaper's addresses of the link; the
    // default: 127.0.0.1 and any).
    LinkRelay(const LinkProfile &profile, quint16 targetPort,
              const QHostAddress &listenAddress = QHostAddress::LocalHost,
              const QHostAddress &sourceAddress = QHostAddress::Any, QObject *parent = nullptr);
    ~LinkRelay() override;

    // Listens at a free port; false with the reason when it cannot.
    bool listen(QString *error);
    QHostAddress address() const { return server_.serverAddress(); }
    quint16 port() const { return server_.serverPort(); }
    const LinkProfile &profile() const { return profile_; }
    // Server to viewers and viewers to server, over every connection so far.
    qint64 bytesServerToClient() const { return bytesS2c_; }
    qint64 bytesClientToServer() const { return bytesC2s_; }
    int connections() const { return connections_; }
    // Server-to-viewer bytes handed to the viewers between the two monotonicNowNs() times.
    qint64 bytesServerToClientBetween(qint64 fromNs, qint64 toNs) const;

    static constexpr qint64 kMaxHeldBytes = 1 << 20;

private:
    class Pipe;
    void accept();

    LinkProfile profile_;
    QTcpServer server_;
    QHostAddress listenAddress_;
    quint16 targetPort_;
    QHostAddress sourceAddress_;
    std::mt19937 jitter_;
    qint64 bytesS2c_ = 0;
    qint64 bytesC2s_ = 0;
    int connections_ = 0;
    // (monotonicNowNs(), bytes) of every server-to-viewer write, in time order.
    std::vector<std::pair<qint64, qint64>> s2cWrites_;
};

} // namespace baton::cli

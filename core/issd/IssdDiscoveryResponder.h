#pragma once

#include "core/issd/IssdRefusalLog.h"

#include <QHash>
#include <QHostAddress>
#include <QObject>

#include <chrono>
#include <functional>

class QUdpSocket;

namespace baton::issd {

// The agent's UDP side: answers `ISSD/1 DISCOVER nonce=… pad=…` with `ISSD/1 HERE …`,
// announces ALIVE at start and BYE at stop, and sends the event datagrams of
// subscriptions. Anti-amplification: a reply is never longer than its request (a
// request too short for the reply gets none), one reply per source address per
// second, and only sources on the agent's own networks (or loopback) get one. Requests
// too short for the reply are logged summarised (IssdRefusalLog), as many sources may
// send them.
class IssdDiscoveryResponder : public QObject {
    Q_OBJECT
public:
    struct Config {
        quint16 port = 1600;
        QHostAddress bindAddress = QHostAddress::Any;
        int maxReplyDelayMs = 500; // replies are spread over 0..this to avoid bursts
        bool announce = true;      // ALIVE/BYE broadcasts
        // At most one summary line per interval about requests too short for a reply.
        std::chrono::milliseconds refusalLogInterval = std::chrono::seconds(10);
    };
    // The HERE reply's fields after the nonce, also ALIVE's: id=… name="…" tcp=1600 tls=yes …
    using HereFields = std::function<QString()>;

    IssdDiscoveryResponder(Config config, QString serverId, HereFields hereFields, QObject *parent = nullptr);
    ~IssdDiscoveryResponder() override;

    bool start(QString *error);
    void stop();
    quint16 port() const;
    void sendDatagram(const QByteArray &bytes, const QHostAddress &address, quint16 port);
    int repliesSent() const { return repliesSent_; }

    static constexpr int kMaxDatagramBytes = 1200;
    static constexpr int kMaxTrackedSources = 4096;

private:
    void readPending();
    void handle(const QByteArray &request, const QHostAddress &sender, quint16 senderPort);
    bool isLocalSource(const QHostAddress &sender) const;
    void broadcast(const QByteArray &bytes);

    Config config_;
    QString serverId_;
    HereFields hereFields_;
    QUdpSocket *socket_ = nullptr;
    QHash<QHostAddress, std::chrono::steady_clock::time_point> lastReply_;
    IssdRefusalLog shortRequests_;
    int repliesSent_ = 0;
};

} // namespace baton::issd

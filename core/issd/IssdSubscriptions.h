#pragma once

#include "core/issd/IssdMessages.h"
#include "core/issd/IssdReply.h"
#include "core/common/TokenBucket.h"

#include <QHostAddress>
#include <QSet>

#include <variant>

namespace baton::issd {

// SUBSCRIBE/UNSUBSCRIBE bookkeeping and event routing. Events go in-band to the
// sessions that subscribed, and as signed datagrams to the subscriber's own address
// (never a third party's) when it gave udp=<port>; with lease=<s> the datagrams keep
// coming for up to s seconds after its session closed.
class IssdSubscriptions {
public:
    static constexpr int kMaxPerSession = 4;
    static constexpr int kMaxLeaseSeconds = 3600;
    static constexpr int kMaxDatagramBytes = 1200;

    struct Request {
        QSet<QString> types; // empty: all
        QString displayId;   // empty: all displays
        quint16 udpPort = 0;
        int leaseSeconds = 0;
    };
    struct Datagram {
        QHostAddress address;
        quint16 port = 0;
        QByteArray bytes;
    };
    struct Routing {
        QSet<quint64> sessions; // sessions that get the event in-band
        QList<Datagram> datagrams;
    };

    static const QStringList &eventTypes();

    explicit IssdSubscriptions(QString serverId, TokenBucket::Clock clock = TokenBucket::steadyClock());

    // Parses SUBSCRIBE's arguments (types, display=<id>, udp=, lease=) into a Request.
    static std::variant<Request, Reply> parse(const Arguments &args);
    // The new subscription's id, or 452-class errors when the session has too many.
    std::variant<quint64, Reply> add(quint64 sessionId, const Request &request, const QHostAddress &peer,
                                     const QByteArray &eventKey);
    // UNSUBSCRIBE <id>|*: false when the id is not this session's.
    bool remove(quint64 sessionId, std::optional<quint64> subscriptionId);
    void sessionClosed(quint64 sessionId);
    Routing route(const Event &event, const QString &displayId);
    int size() const { return int(subscriptions_.size()); }

    // `mac=` of a datagram: the first 16 bytes of HMAC-SHA256(Kev, text before " mac=").
    static QByteArray datagramMac(const QByteArray &eventKey, QByteArrayView signedPart);

private:
    struct Subscription {
        quint64 id = 0;
        quint64 sessionId = 0; // 0 once the session closed (lease running)
        Request request;
        QHostAddress peer;
        QByteArray eventKey;
        std::chrono::milliseconds expiresAt{0};
    };
    QByteArray datagramFor(const Subscription &subscription, const Event &event) const;

    QString serverId_;
    TokenBucket::Clock clock_;
    quint64 lastId_ = 0;
    QList<Subscription> subscriptions_;
};

} // namespace baton::issd

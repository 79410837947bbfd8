#include "core/issd/IssdSubscriptions.h"

#include <QMessageAuthenticationCode>

namespace baton::issd {

const QStringList &IssdSubscriptions::eventTypes()
{
    static const QStringList types = {QStringLiteral("prop"), QStringLiteral("hotplug"),
                                      QStringLiteral("op"),   QStringLiteral("share"),
                                      QStringLiteral("identify"), QStringLiteral("shutdown")};
    return types;
}

IssdSubscriptions::IssdSubscriptions(QString serverId, TokenBucket::Clock clock)
    : serverId_(std::move(serverId)), clock_(std::move(clock))
{
}

std::variant<IssdSubscriptions::Request, Reply> IssdSubscriptions::parse(const Arguments &args)
{
    Request request;
    const QStringList positionals = args.positionals();
    if (positionals.size() != 1)
        return Reply::error(kErrParam, QStringLiteral("SUBSCRIBE <types|*> [display=id:…] [udp=<port>] [lease=<s>]"));
    if (positionals.first() != u"*") {
        for (const QString &type : positionals.first().split(u',')) {
            if (!eventTypes().contains(type))
                return Reply::error(kErrParam, QStringLiteral("unknown event type %1").arg(type));
            request.types.insert(type);
        }
    }
    if (const auto display = args.value(u"display")) {
        if (!display->startsWith(QLatin1String("id:")) || display->size() < 4)
            return Reply::error(kErrParam, QStringLiteral("display= takes a stable id:…"));
        request.displayId = display->mid(3);
    }
    bool ok = true;
    if (const auto udp = args.value(u"udp")) {
        const int port = udp->toInt(&ok);
        if (!ok || port < 1 || port > 65535)
            return Reply::error(kErrParam, QStringLiteral("udp must be a port 1..65535"));
        request.udpPort = quint16(port);
    }
    if (const auto lease = args.value(u"lease")) {
        request.leaseSeconds = lease->toInt(&ok);
        if (!ok || request.leaseSeconds < 0 || request.leaseSeconds > kMaxLeaseSeconds)
            return Reply::error(kErrParam, QStringLiteral("lease must be 0..%1").arg(kMaxLeaseSeconds));
        if (request.leaseSeconds > 0 && !request.udpPort)
            return Reply::error(kErrParam, QStringLiteral("lease needs udp=<port>"));
    }
    return request;
}

std::variant<quint64, Reply> IssdSubscriptions::add(quint64 sessionId, const Request &request,
                                                    const QHostAddress &peer, const QByteArray &eventKey)
{
    const auto count = std::count_if(subscriptions_.begin(), subscriptions_.end(),
                                     [&](const Subscription &s) { return s.sessionId == sessionId; });
    if (count >= kMaxPerSession)
        return Reply::error(kErrDenied, QStringLiteral("at most %1 subscriptions per session").arg(kMaxPerSession));
    subscriptions_.append({++lastId_, sessionId, request, peer, eventKey, std::chrono::milliseconds(0)});
    return lastId_;
}

bool IssdSubscriptions::remove(quint64 sessionId, std::optional<quint64> subscriptionId)
{
    const auto removed = subscriptions_.removeIf([&](const Subscription &s) {
        return s.sessionId == sessionId && (!subscriptionId || s.id == *subscriptionId);
    });
    return removed > 0 || !subscriptionId;
}

void IssdSubscriptions::sessionClosed(quint64 sessionId)
{
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(clock_());
    subscriptions_.removeIf([&](const Subscription &s) {
        return s.sessionId == sessionId && s.request.leaseSeconds == 0;
    });
    for (Subscription &s : subscriptions_) {
        if (s.sessionId == sessionId) {
            s.sessionId = 0;
            s.expiresAt = now + std::chrono::seconds(s.request.leaseSeconds);
        }
    }
}

QByteArray IssdSubscriptions::datagramMac(const QByteArray &eventKey, QByteArrayView signedPart)
{
    return QMessageAuthenticationCode::hash(signedPart.toByteArray(), eventKey, QCryptographicHash::Sha256)
        .first(16)
        .toHex();
}

QByteArray IssdSubscriptions::datagramFor(const Subscription &subscription, const Event &event) const
{
    Arguments head{{QStringLiteral("id"), serverId_},
                   {QStringLiteral("sub"), QString::number(subscription.id)},
                   {QStringLiteral("seq"), QString::number(event.seq)}};
    QByteArray text = "ISSD/1 EVENT " + head.serialize().toUtf8() + ' ' + event.type.toUtf8();
    const QByteArray details = event.args.serialize().toUtf8();
    // A datagram stays under the limit; details that do not fit are left for GET.
    if (!details.isEmpty() && text.size() + details.size() + 60 <= kMaxDatagramBytes)
        text += ' ' + details;
    else if (!details.isEmpty())
        text += " truncated=yes";
    return text + " mac=" + datagramMac(subscription.eventKey, text);
}

IssdSubscriptions::Routing IssdSubscriptions::route(const Event &event, const QString &displayId)
{
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(clock_());
    subscriptions_.removeIf([&](const Subscription &s) { return s.sessionId == 0 && s.expiresAt <= now; });
    Routing routing;
    for (const Subscription &s : std::as_const(subscriptions_)) {
        if (!s.request.types.isEmpty() && !s.request.types.contains(event.type))
            continue;
        if (!s.request.displayId.isEmpty() && !displayId.isEmpty() && s.request.displayId != displayId)
            continue;
        if (s.sessionId)
            routing.sessions.insert(s.sessionId);
        if (s.request.udpPort)
            routing.datagrams.append({s.peer, s.request.udpPort, datagramFor(s, event)});
    }
    return routing;
}

} // namespace baton::issd

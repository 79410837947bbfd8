#include "core/net/PendingHandshakes.h"

#include "core/common/SourceAddress.h"

namespace baton::net {

PendingHandshakes::Admission PendingHandshakes::admit(QObject *key, const QHostAddress &peer)
{
    const QHostAddress source = sourceOf(peer);
    const bool contended = handshakes_ + busyReplies_ >= limits_.maxTotal / 2;
    if (entries_.contains(key) || (contended && perSource_.value(source) >= limits_.maxPerSource))
        return Admission::Drop;
    const bool busyReply = handshakes_ >= limits_.maxTotal;
    if (busyReply && busyReplies_ >= limits_.maxBusyReplies)
        return Admission::Drop;
    ++(busyReply ? busyReplies_ : handshakes_);
    entries_.insert(key, {source, busyReply});
    ++perSource_[source];
    return busyReply ? Admission::BusyReply : Admission::Handshake;
}

bool PendingHandshakes::release(QObject *key)
{
    const auto it = entries_.constFind(key);
    if (it == entries_.cend())
        return false;
    --(it->busyReply ? busyReplies_ : handshakes_);
    if (--perSource_[it->source] == 0)
        perSource_.remove(it->source);
    entries_.erase(it);
    return true;
}

bool PendingHandshakes::isBusyReply(QObject *key) const
{
    const auto it = entries_.constFind(key);
    return it != entries_.cend() && it->busyReply;
}

int PendingHandshakes::fromSource(const QHostAddress &peer) const
{
    return perSource_.value(sourceOf(peer));
}

std::vector<QObject *> PendingHandshakes::takeAll()
{
    std::vector<QObject *> keys(entries_.keyBegin(), entries_.keyEnd());
    entries_.clear();
    perSource_.clear();
    handshakes_ = 0;
    busyReplies_ = 0;
    return keys;
}

} // namespace baton::net

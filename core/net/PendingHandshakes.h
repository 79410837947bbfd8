#pragma once

#include <QHash>
#include <QHostAddress>

#include <vector>

class QObject;

namespace baton::net {

// The host's connections from accept until their Hello is decided, shared fairly between
// the sources they come from (an IPv4 address or an IPv6 /64, baton::sourceOf),
// so that one source holding idle connections cannot take the slots everyone else joins
// through.
//
// Each connection is admitted to one of: a handshake slot (TLS, then the Hello); a busy
// reply, when every slot is taken (TLS only to say Goodbye(HostBusy), so the viewer learns
// to retry rather than that the network failed); or neither, when its source already holds
// its share or even the busy replies are all taken: it is cut at once, before TLS.
//
// A source's share is maxPerSource slots and busy replies together, but only while half
// the slots or more are taken: a room of viewers behind one NAT that join at the same
// moment all get in on a quiet host, while under contention no source holds more than its
// share. Bookkeeping only; the HostListener owns the sockets (the keys).
class PendingHandshakes {
public:
    struct Limits {
        int maxTotal = 256; // handshake slots in all
        int maxPerSource = 8; // slots and busy replies of one source, under contention
        int maxBusyReplies = 16; // busy replies in progress in all
    };
    enum class Admission { Handshake, BusyReply, Drop };

    explicit PendingHandshakes(Limits limits) : limits_(limits) { }

    // Admits key, from peer, to what is free; Drop holds nothing.
    Admission admit(QObject *key, const QHostAddress &peer);
    // Frees what key holds. False when it held nothing (already released).
    bool release(QObject *key);
    bool contains(QObject *key) const { return entries_.contains(key); }
    bool isBusyReply(QObject *key) const;

    int handshakes() const { return handshakes_; }
    int busyReplies() const { return busyReplies_; }
    int fromSource(const QHostAddress &peer) const;
    const Limits &limits() const { return limits_; }

    // Forgets everything, returning the keys that were held.
    std::vector<QObject *> takeAll();

private:
    struct Entry {
        QHostAddress source;
        bool busyReply = false;
    };

    Limits limits_;
    QHash<QObject *, Entry> entries_;
    QHash<QHostAddress, int> perSource_;
    int handshakes_ = 0;
    int busyReplies_ = 0;
};

} // namespace baton::net

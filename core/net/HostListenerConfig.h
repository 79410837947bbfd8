#pragma once

#include "core/common/InviteLink.h"
#include "core/net/Connection.h"
#include "core/net/HostHandshake.h"
#include "core/net/PendingHandshakes.h"

#include <QHostAddress>

namespace baton::net {

struct HostListenerConfig {
    QHostAddress bindAddress = QHostAddress::Any;
    quint16 port = InviteLink::kDefaultPort; // 0: an ephemeral port (tests)
    HandshakePolicy policy;
    // From accepting the TCP connection to a decided Hello; a silent peer is cut then.
    int handshakeTimeoutMs = 10'000;
    // Handshakes in progress, shared fairly between sources (an address or an IPv6 /64):
    // more are refused at accept, so a flood of idle connections can neither exhaust the
    // host nor, from a few sources, keep others from joining. Beyond the slots, a few
    // connections are told the host is busy (CloseReason::HostBusy); PendingHandshakes.h.
    PendingHandshakes::Limits pendingHandshakes;
    // TLS handshakes started, at most perSecond on average after a burst: beyond it the
    // host stops accepting for a while and the excess waits in the kernel's backlog, so a
    // handshake flood costs the host at most this much CPU (one core's share of it on the
    // door thread) and an honest joiner waits a little. docs/security.md has the figures
    // behind the defaults.
    struct HandshakeRate {
        double perSecond = 200;
        int burst = 32;
    } handshakeRate;
    // Viewers joined at once; the next Hello is refused with SessionFull.
    int maxViewers = 256;
    // Connection::Limits::maxHandshakeFrameBytes bounds what a peer may send before its
    // Welcome.
    Connection::Limits connectionLimits;
};

} // namespace baton::net

#pragma once

#include "core/net/AttemptLimiter.h"
#include "core/net/UserIdAllocator.h"
#include "core/protocol/CloseReason.h"
#include "core/protocol/HandshakePdus.h"
#include "core/protocol/Pdu.h"

#include <QHostAddress>

#include <string>
#include <variant>

namespace baton::net {

// What a host checks a joining viewer against.
struct HandshakePolicy {
    std::string sessionId;
    // Empty: no passcode is asked for (anyone holding the link, fingerprint included,
    // may join). Otherwise compared in constant time with the Hello's.
    std::string passcode;
    std::string hostName;
};

// The host side of the join handshake, without sockets, so that it is unit-tested and
// fuzzed alone: it consumes the viewer's first PDU and decides.
//
// Checks, in order: the first PDU is a Hello sent as the unassigned user (1001); the major
// version matches; the address is not rate-limited (a refused address is answered without
// its passcode being looked at); the session id and the passcode match (each miss counts
// as a failure with the AttemptLimiter); a user id is free. Then Accept with the Welcome
// to send, else Refuse with the reason for the Goodbye. One decision per handshake: later
// PDUs are ignored (the connection owns what happens next).
class HostHandshake {
public:
    struct Accept {
        protocol::HelloPdu hello;
        protocol::WelcomePdu welcome;
    };
    struct Refuse {
        protocol::CloseReason reason;
        std::string detail;
    };
    using Decision = std::variant<std::monostate, Accept, Refuse>;

    // policy, userIds and limiter must outlive this object; userIds keeps an id
    // allocated by an Accept (the caller releases it when the viewer leaves).
    HostHandshake(const HandshakePolicy &policy, UserIdAllocator &userIds, AttemptLimiter &limiter,
                  const QHostAddress &peer);

    // The first decoded PDU from the viewer. Returns the decision once, then monostate.
    Decision onPdu(const protocol::Pdu &pdu);
    // A frame that did not decode: refuses with ProtocolError (for the fuzz target and
    // for callers that decode themselves).
    Decision onDecodeError(const std::string &what);

    bool decided() const { return decided_; }

    // Constant-time comparison of two passcodes of any lengths (compares SHA-256 digests).
    static bool passcodesEqual(const std::string &a, const std::string &b);

private:
    Decision decide(const protocol::Pdu &pdu);
    Refuse refuseCounted(protocol::CloseReason reason, std::string detail);

    const HandshakePolicy &policy_;
    UserIdAllocator &userIds_;
    AttemptLimiter &limiter_;
    QHostAddress peer_;
    bool decided_ = false;
};

} // namespace baton::net

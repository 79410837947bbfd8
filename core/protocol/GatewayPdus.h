#pragma once

#include "core/protocol/CloseReason.h"
#include "core/protocol/HandshakePdus.h"
#include "core/protocol/PduTypes.h"

#include <cstddef>
#include <cstdint>
#include <string>

namespace baton::protocol {

class PduReader;
class PduWriter;

// Gateway members (Baton 1.3, docs/protocol.md §11.1): people who reach the share through
// one viewer that serves them another protocol (the RDP gateway). Each gets a user id of
// its own from the host, shows in the roster and may hold the floor; the gateway speaks
// for it by sending floor and input PDUs with that id as initiator and pduSource.
inline constexpr size_t kMaxGatewayMemberNameBytes = HelloPdu::kMaxNameBytes;
inline constexpr size_t kMaxGatewayMemberAddressBytes = 64;
// The most members one viewer may have at once.
inline constexpr size_t kMaxGatewayMembers = 32;

// Viewer → host: key(2) (the gateway's own handle for its client) | pad(2) |
// name (u16 length + UTF-8, ≤ 128) | address (u16 length + UTF-8, ≤ 64).
struct GatewayMemberJoinPdu {
    static constexpr PduType2 kType2 = PduType2::GatewayMemberJoin;
    uint16_t key = 0;
    std::string name;
    std::string address;

    void write(PduWriter &w) const;
    static GatewayMemberJoinPdu read(PduReader &r);
    friend bool operator==(const GatewayMemberJoinPdu &, const GatewayMemberJoinPdu &) = default;
};

// Host → that viewer: key(2) | userId(2) (0: refused) | reason(2) (a CloseReason when
// refused, else 0) | pad(2).
struct GatewayMemberAdmitPdu {
    static constexpr PduType2 kType2 = PduType2::GatewayMemberAdmit;
    uint16_t key = 0;
    uint16_t userId = 0;
    CloseReason reason = CloseReason::Unknown;

    void write(PduWriter &w) const;
    static GatewayMemberAdmitPdu read(PduReader &r);
    friend bool operator==(const GatewayMemberAdmitPdu &, const GatewayMemberAdmitPdu &) = default;
};

// Either way: userId(2) | reason(2) (a CloseReason). From the viewer: its client left.
// From the host: the host removed that member (the gateway disconnects its client).
struct GatewayMemberLeavePdu {
    static constexpr PduType2 kType2 = PduType2::GatewayMemberLeave;
    uint16_t userId = 0;
    CloseReason reason = CloseReason::ViewerLeft;

    void write(PduWriter &w) const;
    static GatewayMemberLeavePdu read(PduReader &r);
    friend bool operator==(const GatewayMemberLeavePdu &, const GatewayMemberLeavePdu &) = default;
};

} // namespace baton::protocol

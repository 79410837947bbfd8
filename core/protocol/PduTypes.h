#pragma once

#include <cstdint>

namespace baton::protocol {

// Share control header pduType, low nibble (T.128 8.3). Baton sends 1, 3, 6 and 7.
enum class PduType : uint8_t {
    DemandActive = 1,
    RequestActive = 2,
    ConfirmActive = 3,
    DeactivateOther = 4,
    DeactivateSelf = 5,
    DeactivateAll = 6,
    Data = 7,
};

// Share data header pduType2. Values below 0x40 are T.128's; 0xA0-0xBF is Baton's private
// range (away from everything RDP allocated, which stops at 0x38).
enum class PduType2 : uint8_t {
    Update = 0x02,
    Control = 0x14,
    Pointer = 0x1B,
    Input = 0x1C,
    Synchronize = 0x1F,

    Hello = 0xA0,
    Welcome = 0xA1,
    Goodbye = 0xA2,
    FloorRequest = 0xA3,
    FloorDecision = 0xA4,
    FloorPassTo = 0xA5,
    FloorRelease = 0xA6,
    FloorRevoke = 0xA7,
    FloorQueueState = 0xA8,
    FrameMarker = 0xA9,
    FrameAck = 0xAA,
    TileUpdate = 0xAB,
    VideoRegionUpdate = 0xAC,
    Fragment = 0xAD,
    TileCacheHits = 0xAE,
    RosterJoin = 0xB0,
    RosterLeave = 0xB1,
    RosterName = 0xB2,
    RosterRole = 0xB3,
    RosterFloorState = 0xB4,
    GatewayMemberJoin = 0xB5,
    GatewayMemberAdmit = 0xB6,
    GatewayMemberLeave = 0xB7,
    WindowList = 0xB8,
};

// The data PDUs a host may send on the fast path (docs/protocol.md §2.1): updates and
// what frames them. Everything else keeps its full T.128 headers.
constexpr bool isFastPathType(uint8_t pduType2)
{
    switch (PduType2(pduType2)) {
    case PduType2::Update:
    case PduType2::FrameMarker:
    case PduType2::TileUpdate:
    case PduType2::VideoRegionUpdate:
    case PduType2::Fragment:
    case PduType2::TileCacheHits:
        return true;
    default:
        return false;
    }
}

// Share data header streamId: the priority class of a data PDU (T.128; S20 names them
// updates, misc and input).
enum class StreamId : uint8_t { Low = 1, Medium = 2, High = 4 };

// The protocol version Hello and Welcome carry. A different major version cannot talk;
// a higher minor version only adds PDUs or capability sets the other side may ignore.
inline constexpr uint16_t kProtocolMajor = 1;
inline constexpr uint16_t kProtocolMinor = 3;

// Well-known ids a Baton host assigns (docs/protocol.md, "User ids and channels").
inline constexpr uint16_t kUnassignedUserId = 1001; // a joiner before Welcome
inline constexpr uint16_t kHostUserId = 1002;
inline constexpr uint16_t kBroadcastChannelId = 1003;
inline constexpr uint16_t kFirstViewerUserId = 1004;

} // namespace baton::protocol

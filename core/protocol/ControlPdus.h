#pragma once

#include "core/protocol/PduTypes.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace baton::protocol {

class PduReader;
class PduWriter;

// T.128 8.12 Control PDU, verbatim: action(2) | grantId(2) | controlId(4).
// Baton keeps GrantedControl as the broadcast of who holds the floor (grantId = holder,
// 0 = nobody; controlId = the control generation); the floor itself is negotiated with
// the Baton floor PDUs below.
enum class ControlAction : uint16_t {
    RequestControl = 1,
    GrantedControl = 2,
    Detach = 3,
    Cooperate = 4,
};

struct ControlPdu {
    static constexpr PduType2 kType2 = PduType2::Control;
    ControlAction action = ControlAction::Cooperate;
    uint16_t grantId = 0;
    uint32_t controlId = 0;

    void write(PduWriter &w) const;
    static ControlPdu read(PduReader &r);
    friend bool operator==(const ControlPdu &, const ControlPdu &) = default;
};

// T.128 8.6.1 Synchronize PDU, verbatim: messageType(2) = 1 | targetUser(2).
struct SynchronizePdu {
    static constexpr PduType2 kType2 = PduType2::Synchronize;
    static constexpr uint16_t kMessageTypeSync = 1;
    uint16_t targetUser = 0;

    void write(PduWriter &w) const;
    static SynchronizePdu read(PduReader &r);
    friend bool operator==(const SynchronizePdu &, const SynchronizePdu &) = default;
};

// Baton floor PDUs: the host arbitrates (the MCS token Please/Give/Release semantics
// without the provider tree). controlGeneration is the GrantedControl generation the
// sender last saw; the host drops requests about a floor that has since moved on.

// Viewer → host: requester(2) | controlGeneration(4).
struct FloorRequestPdu {
    static constexpr PduType2 kType2 = PduType2::FloorRequest;
    uint16_t requesterId = 0;
    uint32_t controlGeneration = 0;

    void write(PduWriter &w) const;
    static FloorRequestPdu read(PduReader &r);
    friend bool operator==(const FloorRequestPdu &, const FloorRequestPdu &) = default;
};

enum class FloorDecision : uint8_t { Granted = 1, Denied = 2, Queued = 3 };

enum class FloorDecisionReason : uint8_t {
    None = 0,
    HostDenied = 1, // the host said no
    ViewOnly = 2, // this viewer may not take control in this session
    QueueFull = 3,
    HostBusy = 4, // the host is using the window itself
    NoSuchUser = 5, // a pass-to target that is not in the session
    Expired = 6, // the request waited too long for an answer
};

// Host → requester (and broadcast): requester(2) | decision(1) | reason(1) |
// controlGeneration(4) (the generation now in force).
struct FloorDecisionPdu {
    static constexpr PduType2 kType2 = PduType2::FloorDecision;
    uint16_t requesterId = 0;
    FloorDecision decision = FloorDecision::Denied;
    FloorDecisionReason reason = FloorDecisionReason::None;
    uint32_t controlGeneration = 0;

    void write(PduWriter &w) const;
    static FloorDecisionPdu read(PduReader &r);
    friend bool operator==(const FloorDecisionPdu &, const FloorDecisionPdu &) = default;
};

// Holder → host, asking to hand the floor to target: targetId(2) | pad2(2) |
// controlGeneration(4).
struct FloorPassToPdu {
    static constexpr PduType2 kType2 = PduType2::FloorPassTo;
    uint16_t targetId = 0;
    uint32_t controlGeneration = 0;

    void write(PduWriter &w) const;
    static FloorPassToPdu read(PduReader &r);
    friend bool operator==(const FloorPassToPdu &, const FloorPassToPdu &) = default;
};

// Holder → host, giving the floor back: controlGeneration(4).
struct FloorReleasePdu {
    static constexpr PduType2 kType2 = PduType2::FloorRelease;
    uint32_t controlGeneration = 0;

    void write(PduWriter &w) const;
    static FloorReleasePdu read(PduReader &r);
    friend bool operator==(const FloorReleasePdu &, const FloorReleasePdu &) = default;
};

enum class FloorRevokeReason : uint8_t {
    HostRevoked = 1, // the host took the floor away
    HostInput = 2, // the host used the window: host input always wins
    Idle = 3, // the holder was idle past the hold timeout
    HolderLeft = 4,
};

// Host → all: holderId(2) | reason(1) | pad(1) | controlGeneration(4) (the new one).
struct FloorRevokePdu {
    static constexpr PduType2 kType2 = PduType2::FloorRevoke;
    uint16_t holderId = 0;
    FloorRevokeReason reason = FloorRevokeReason::HostRevoked;
    uint32_t controlGeneration = 0;

    void write(PduWriter &w) const;
    static FloorRevokePdu read(PduReader &r);
    friend bool operator==(const FloorRevokePdu &, const FloorRevokePdu &) = default;
};

// Host → all: holderId(2) (0 = nobody) | controlGeneration(4) | count(2) |
// waiting user ids(2 each), first in line first.
struct FloorQueueStatePdu {
    static constexpr PduType2 kType2 = PduType2::FloorQueueState;
    static constexpr size_t kMaxQueue = 256;
    uint16_t holderId = 0;
    uint32_t controlGeneration = 0;
    std::vector<uint16_t> queue;

    void write(PduWriter &w) const;
    static FloorQueueStatePdu read(PduReader &r);
    friend bool operator==(const FloorQueueStatePdu &, const FloorQueueStatePdu &) = default;
};

} // namespace baton::protocol

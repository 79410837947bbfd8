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

// Baton roster PDUs, host → all on the broadcast channel: who is in the session. A late
// joiner gets one RosterJoin per participant after its Welcome.
inline constexpr size_t kMaxRosterNameBytes = HelloPdu::kMaxNameBytes;

// userId(2) | role(1) | pad(1) | name (u16 length + UTF-8).
struct RosterJoinPdu {
    static constexpr PduType2 kType2 = PduType2::RosterJoin;
    uint16_t userId = 0;
    Role role = Role::Viewer;
    std::string name;

    void write(PduWriter &w) const;
    static RosterJoinPdu read(PduReader &r);
    friend bool operator==(const RosterJoinPdu &, const RosterJoinPdu &) = default;
};

// userId(2) | reason(2) (a CloseReason).
struct RosterLeavePdu {
    static constexpr PduType2 kType2 = PduType2::RosterLeave;
    uint16_t userId = 0;
    CloseReason reason = CloseReason::ViewerLeft;

    void write(PduWriter &w) const;
    static RosterLeavePdu read(PduReader &r);
    friend bool operator==(const RosterLeavePdu &, const RosterLeavePdu &) = default;
};

// userId(2) | name (u16 length + UTF-8): a participant renamed itself.
struct RosterNamePdu {
    static constexpr PduType2 kType2 = PduType2::RosterName;
    uint16_t userId = 0;
    std::string name;

    void write(PduWriter &w) const;
    static RosterNamePdu read(PduReader &r);
    friend bool operator==(const RosterNamePdu &, const RosterNamePdu &) = default;
};

// userId(2) | role(1) | pad(1).
struct RosterRolePdu {
    static constexpr PduType2 kType2 = PduType2::RosterRole;
    uint16_t userId = 0;
    Role role = Role::Viewer;

    void write(PduWriter &w) const;
    static RosterRolePdu read(PduReader &r);
    friend bool operator==(const RosterRolePdu &, const RosterRolePdu &) = default;
};

enum class FloorState : uint8_t { None = 0, Requesting = 1, Queued = 2, Holding = 3 };

// userId(2) | state(1) | queuePosition(1) (1-based when Queued, else 0).
struct RosterFloorStatePdu {
    static constexpr PduType2 kType2 = PduType2::RosterFloorState;
    uint16_t userId = 0;
    FloorState state = FloorState::None;
    uint8_t queuePosition = 0;

    void write(PduWriter &w) const;
    static RosterFloorStatePdu read(PduReader &r);
    friend bool operator==(const RosterFloorStatePdu &, const RosterFloorStatePdu &) = default;
};

} // namespace baton::protocol

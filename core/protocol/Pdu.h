#pragma once

#include "core/protocol/ActivationPdus.h"
#include "core/protocol/ControlPdus.h"
#include "core/protocol/FragmentPdu.h"
#include "core/protocol/GatewayPdus.h"
#include "core/protocol/HandshakePdus.h"
#include "core/protocol/InputPdus.h"
#include "core/protocol/PduTypes.h"
#include "core/protocol/PointerPdus.h"
#include "core/protocol/RosterPdus.h"
#include "core/protocol/SurfacePdus.h"
#include "core/protocol/UpdatePdus.h"
#include "core/protocol/WindowListPdu.h"

#include <cstdint>
#include <variant>

namespace baton::protocol {

// What the headers around a PDU body say. For data PDUs all three travel in the share
// control and share data headers; for the activation PDUs only the source does (their
// shareId is a body field) and shareId/stream decode as 0/Medium.
struct PduContext {
    uint16_t source = kUnassignedUserId; // pduSource, equal to the frame's MCS initiator
    uint32_t shareId = 0;
    StreamId stream = StreamId::Medium;

    friend bool operator==(const PduContext &, const PduContext &) = default;
};

// Every PDU Baton sends or accepts. Code should use std::get_if / std::visit and must
// not assume the list is closed: later protocol minor versions add alternatives.
using PduBody = std::variant<
    // join handshake (Baton)
    HelloPdu, WelcomePdu, GoodbyePdu,
    // share activation (T.128)
    DemandActivePdu, ConfirmActivePdu, DeactivateAllPdu,
    // control and floor
    ControlPdu, SynchronizePdu, FloorRequestPdu, FloorDecisionPdu, FloorPassToPdu, FloorReleasePdu,
    FloorRevokePdu, FloorQueueStatePdu,
    // updates (T.128, then Baton)
    OrdersUpdatePdu, BitmapUpdatePdu, UpdateSynchronizePdu, TileUpdatePdu, VideoRegionUpdatePdu,
    TileCacheHitsPdu, FrameMarkerPdu, FrameAckPdu, FragmentPdu,
    // pointer and input (T.128)
    PointerSystemPdu, PointerPositionPdu, PointerColorPdu, PointerNewPdu, PointerCachedPdu,
    InputPdu,
    // roster and windows (Baton)
    RosterJoinPdu, RosterLeavePdu, RosterNamePdu, RosterRolePdu, RosterFloorStatePdu,
    WindowListPdu,
    // gateway members (Baton 1.3)
    GatewayMemberJoinPdu, GatewayMemberAdmitPdu, GatewayMemberLeavePdu>;

struct Pdu {
    PduContext context;
    PduBody body;

    friend bool operator==(const Pdu &, const Pdu &) = default;
};

} // namespace baton::protocol

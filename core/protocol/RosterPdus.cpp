#include "core/protocol/RosterPdus.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

namespace baton::protocol {

void RosterJoinPdu::write(PduWriter &w) const
{
    w.u16(userId);
    w.u8(uint8_t(role));
    w.u8(0);
    w.utf8WithLength16(name, kMaxRosterNameBytes, "roster name");
}

RosterJoinPdu RosterJoinPdu::read(PduReader &r)
{
    RosterJoinPdu pdu;
    pdu.userId = r.u16();
    pdu.role = r.enum8(Role::Viewer, Role::Host, "role");
    r.zeros(1, "roster join pad");
    pdu.name = r.utf8WithLength16(kMaxRosterNameBytes, "roster name");
    return pdu;
}

void RosterLeavePdu::write(PduWriter &w) const
{
    w.u16(userId);
    w.u16(uint16_t(reason));
}

RosterLeavePdu RosterLeavePdu::read(PduReader &r)
{
    RosterLeavePdu pdu;
    pdu.userId = r.u16();
    pdu.reason = CloseReason(r.u16());
    return pdu;
}

void RosterNamePdu::write(PduWriter &w) const
{
    w.u16(userId);
    w.utf8WithLength16(name, kMaxRosterNameBytes, "roster name");
}

RosterNamePdu RosterNamePdu::read(PduReader &r)
{
    RosterNamePdu pdu;
    pdu.userId = r.u16();
    pdu.name = r.utf8WithLength16(kMaxRosterNameBytes, "roster name");
    return pdu;
}

void RosterRolePdu::write(PduWriter &w) const
{
    w.u16(userId);
    w.u8(uint8_t(role));
    w.u8(0);
}

RosterRolePdu RosterRolePdu::read(PduReader &r)
{
    RosterRolePdu pdu;
    pdu.userId = r.u16();
    pdu.role = r.enum8(Role::Viewer, Role::Host, "role");
    r.zeros(1, "roster role pad");
    return pdu;
}

void RosterFloorStatePdu::write(PduWriter &w) const
{
    w.u16(userId);
    w.u8(uint8_t(state));
    if ((state == FloorState::Queued) != (queuePosition != 0))
        w.fail(ErrorCode::BadValue, "queue position");
    w.u8(queuePosition);
}

RosterFloorStatePdu RosterFloorStatePdu::read(PduReader &r)
{
    RosterFloorStatePdu pdu;
    pdu.userId = r.u16();
    pdu.state = r.enum8(FloorState::None, FloorState::Holding, "floor state");
    const size_t at = r.offset();
    pdu.queuePosition = r.u8();
    if (r.ok() && (pdu.state == FloorState::Queued) != (pdu.queuePosition != 0))
        r.failAt(at, ErrorCode::BadValue, "queue position");
    return pdu;
}

} // namespace baton::protocol

#include "core/protocol/ControlPdus.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

namespace baton::protocol {

void ControlPdu::write(PduWriter &w) const
{
    w.u16(uint16_t(action));
    w.u16(grantId);
    w.u32(controlId);
}

ControlPdu ControlPdu::read(PduReader &r)
{
    ControlPdu pdu;
    const size_t at = r.offset();
    const uint16_t action = r.u16();
    if (r.ok() &&
        (action < uint16_t(ControlAction::RequestControl) ||
         action > uint16_t(ControlAction::Cooperate)))
        r.failAt(at, ErrorCode::UnknownType, "control action");
    pdu.action = ControlAction(action);
    pdu.grantId = r.u16();
    pdu.controlId = r.u32();
    return pdu;
}

void SynchronizePdu::write(PduWriter &w) const
{
    w.u16(kMessageTypeSync);
    w.u16(targetUser);
}

SynchronizePdu SynchronizePdu::read(PduReader &r)
{
    SynchronizePdu pdu;
    const size_t at = r.offset();
    if (r.u16() != kMessageTypeSync && r.ok())
        r.failAt(at, ErrorCode::UnknownType, "synchronize messageType");
    pdu.targetUser = r.u16();
    return pdu;
}

void FloorRequestPdu::write(PduWriter &w) const
{
    w.u16(requesterId);
    w.u32(controlGeneration);
}

FloorRequestPdu FloorRequestPdu::read(PduReader &r)
{
    FloorRequestPdu pdu;
    pdu.requesterId = r.u16();
    pdu.controlGeneration = r.u32();
    return pdu;
}

void FloorDecisionPdu::write(PduWriter &w) const
{
    w.u16(requesterId);
    w.u8(uint8_t(decision));
    w.u8(uint8_t(reason));
    w.u32(controlGeneration);
}

FloorDecisionPdu FloorDecisionPdu::read(PduReader &r)
{
    FloorDecisionPdu pdu;
    pdu.requesterId = r.u16();
    pdu.decision = r.enum8(FloorDecision::Granted, FloorDecision::Queued, "floor decision");
    pdu.reason =
        r.enum8(FloorDecisionReason::None, FloorDecisionReason::Expired, "floor decision reason");
    pdu.controlGeneration = r.u32();
    return pdu;
}

void FloorPassToPdu::write(PduWriter &w) const
{
    w.u16(targetId);
    w.zeros(2);
    w.u32(controlGeneration);
}

FloorPassToPdu FloorPassToPdu::read(PduReader &r)
{
    FloorPassToPdu pdu;
    pdu.targetId = r.u16();
    r.zeros(2, "floor pass-to pad");
    pdu.controlGeneration = r.u32();
    return pdu;
}

void FloorReleasePdu::write(PduWriter &w) const
{
    w.u32(controlGeneration);
}

FloorReleasePdu FloorReleasePdu::read(PduReader &r)
{
    FloorReleasePdu pdu;
    pdu.controlGeneration = r.u32();
    return pdu;
}

void FloorRevokePdu::write(PduWriter &w) const
{
    w.u16(holderId);
    w.u8(uint8_t(reason));
    w.u8(0);
    w.u32(controlGeneration);
}

FloorRevokePdu FloorRevokePdu::read(PduReader &r)
{
    FloorRevokePdu pdu;
    pdu.holderId = r.u16();
    pdu.reason = r.enum8(FloorRevokeReason::HostRevoked, FloorRevokeReason::HolderLeft,
                         "floor revoke reason");
    r.zeros(1, "floor revoke pad");
    pdu.controlGeneration = r.u32();
    return pdu;
}

void FloorQueueStatePdu::write(PduWriter &w) const
{
    w.u16(holderId);
    w.u32(controlGeneration);
    w.count16(queue.size(), kMaxQueue, "floor queue length");
    for (uint16_t id : queue)
        w.u16(id);
}

FloorQueueStatePdu FloorQueueStatePdu::read(PduReader &r)
{
    FloorQueueStatePdu pdu;
    pdu.holderId = r.u16();
    pdu.controlGeneration = r.u32();
    const size_t count = r.count(r.u16(), kMaxQueue, 2, "floor queue length");
    pdu.queue.reserve(count);
    for (size_t i = 0; i < count; ++i)
        pdu.queue.push_back(r.u16());
    return pdu;
}

} // namespace baton::protocol

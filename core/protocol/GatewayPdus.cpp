#include "core/protocol/GatewayPdus.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

namespace baton::protocol {

void GatewayMemberJoinPdu::write(PduWriter &w) const
{
    w.u16(key);
    w.u16(0);
    w.utf8WithLength16(name, kMaxGatewayMemberNameBytes, "member name");
    w.utf8WithLength16(address, kMaxGatewayMemberAddressBytes, "member address");
}

GatewayMemberJoinPdu GatewayMemberJoinPdu::read(PduReader &r)
{
    GatewayMemberJoinPdu pdu;
    pdu.key = r.u16();
    r.zeros(2, "member join pad");
    pdu.name = r.utf8WithLength16(kMaxGatewayMemberNameBytes, "member name");
    pdu.address = r.utf8WithLength16(kMaxGatewayMemberAddressBytes, "member address");
    return pdu;
}

void GatewayMemberAdmitPdu::write(PduWriter &w) const
{
    w.u16(key);
    w.u16(userId);
    w.u16(uint16_t(reason));
    w.u16(0);
}

GatewayMemberAdmitPdu GatewayMemberAdmitPdu::read(PduReader &r)
{
    GatewayMemberAdmitPdu pdu;
    pdu.key = r.u16();
    pdu.userId = r.u16();
    pdu.reason = CloseReason(r.u16());
    r.zeros(2, "member admit pad");
    return pdu;
}

void GatewayMemberLeavePdu::write(PduWriter &w) const
{
    w.u16(userId);
    w.u16(uint16_t(reason));
}

GatewayMemberLeavePdu GatewayMemberLeavePdu::read(PduReader &r)
{
    GatewayMemberLeavePdu pdu;
    pdu.userId = r.u16();
    pdu.reason = CloseReason(r.u16());
    return pdu;
}

} // namespace baton::protocol

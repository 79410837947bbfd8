#include "core/protocol/ShareControlHeader.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

namespace baton::protocol {

void ShareControlHeader::write(PduWriter &w) const
{
    w.u16(totalLength);
    w.u16(uint16_t(kVersion1 | uint16_t(type)));
    w.u16(source);
}

ShareControlHeader ShareControlHeader::read(PduReader &r)
{
    ShareControlHeader header;
    const size_t start = r.offset();
    header.totalLength = r.u16();
    if (r.ok() && header.totalLength == kFlowMarker) {
        r.failAt(start, ErrorCode::Unsupported, "T.128 FlowPDU");
        return header;
    }
    const uint16_t pduType = r.u16();
    const uint16_t type = pduType & 0x0F;
    if (r.ok() && (pduType & 0xFFF0) != kVersion1)
        r.failAt(start + 2, ErrorCode::UnknownType, "share control PDU version");
    else if (r.ok() && (type < uint16_t(PduType::DemandActive) || type > uint16_t(PduType::Data)))
        r.failAt(start + 2, ErrorCode::UnknownType, "share control pduType");
    header.type = PduType(type);
    header.source = r.u16();
    return header;
}

} // namespace baton::protocol

#include "core/protocol/ShareDataHeader.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

namespace baton::protocol {

void ShareDataHeader::write(PduWriter &w) const
{
    w.u32(shareId);
    w.u8(0);
    w.u8(uint8_t(stream));
    w.u16(uncompressedLength);
    w.u8(pduType2);
    w.u8(compressedType);
    w.u16(compressedLength);
}

ShareDataHeader ShareDataHeader::read(PduReader &r)
{
    ShareDataHeader header;
    header.shareId = r.u32();
    r.zeros(1, "share data header pad1");
    const size_t streamAt = r.offset();
    const uint8_t stream = r.u8();
    if (r.ok() && stream != uint8_t(StreamId::Low) && stream != uint8_t(StreamId::Medium) &&
        stream != uint8_t(StreamId::High))
        r.failAt(streamAt, ErrorCode::BadValue, "streamId");
    header.stream = StreamId(stream);
    header.uncompressedLength = r.u16();
    header.pduType2 = r.u8();
    const size_t compressionAt = r.offset();
    header.compressedType = r.u8();
    header.compressedLength = r.u16();
    if (r.ok() && (header.compressedType != 0 || header.compressedLength != 0))
        r.failAt(compressionAt, ErrorCode::Unsupported, "bulk compression");
    return header;
}

} // namespace baton::protocol

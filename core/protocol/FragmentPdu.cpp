#include "core/protocol/FragmentPdu.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

namespace baton::protocol {

namespace {

// A payload that fits one frame is never fragmented, and fragments never nest.
bool validFragment(const FragmentPdu &f)
{
    return f.count >= 2 && f.count <= FragmentPdu::kMaxCount && f.index < f.count &&
        f.innerPduType2 != uint8_t(PduType2::Fragment) && !f.chunk.empty() &&
        f.chunk.size() <= f.totalLength && f.totalLength <= FragmentPdu::kMaxReassembledBytes;
}

} // namespace

void FragmentPdu::write(PduWriter &w) const
{
    if (!validFragment(*this))
        w.fail(ErrorCode::BadValue, "fragment");
    w.u16(payloadId);
    w.u16(index);
    w.u16(count);
    w.u8(innerPduType2);
    w.u8(0);
    w.u32(totalLength);
    w.bytes(chunk);
}

FragmentPdu FragmentPdu::read(PduReader &r)
{
    FragmentPdu pdu;
    const size_t at = r.offset();
    pdu.payloadId = r.u16();
    pdu.index = r.u16();
    pdu.count = r.u16();
    pdu.innerPduType2 = r.u8();
    r.zeros(1, "fragment pad");
    pdu.totalLength = r.u32();
    if (r.ok() && pdu.totalLength > kMaxReassembledBytes)
        r.failAt(at + 8, ErrorCode::TooLarge, "fragment totalLength");
    pdu.chunk = r.copyBytes(r.remaining());
    if (r.ok() && !validFragment(pdu))
        r.failAt(at, ErrorCode::BadValue, "fragment");
    return pdu;
}

} // namespace baton::protocol

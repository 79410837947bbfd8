#include "core/protocol/PointerPdus.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

namespace baton::protocol {

namespace {

size_t evenRowBytes(size_t bits)
{
    return ((bits + 7) / 8 + 1) & ~size_t(1);
}

bool validXorBpp(uint16_t bpp)
{
    return bpp == 1 || bpp == 4 || bpp == 8 || bpp == 16 || bpp == 24 || bpp == 32;
}

bool validAttribute(const ColorPointerAttribute &a, uint16_t xorBpp, uint16_t maxSidePx)
{
    return a.width >= 1 && a.height >= 1 && a.width <= maxSidePx && a.height <= maxSidePx &&
        a.hotSpotX < a.width && a.hotSpotY < a.height &&
        a.xorMask.size() == pointerXorMaskBytes(a.width, a.height, xorBpp) &&
        a.andMask.size() == pointerAndMaskBytes(a.width, a.height);
}

void writeHeader(PduWriter &w, PointerMessageType type)
{
    w.u16(uint16_t(type));
    w.zeros(2);
}

void readHeader(PduReader &r)
{
    r.u16(); // messageType, checked by the PDU decoder
    r.zeros(2, "pointer pad");
}

void writeAttribute(PduWriter &w, const ColorPointerAttribute &a, uint16_t xorBpp,
                    uint16_t maxSidePx)
{
    if (!validAttribute(a, xorBpp, maxSidePx))
        w.fail(ErrorCode::BadValue, "pointer shape");
    w.u16(a.cacheIndex);
    w.u16(a.hotSpotX);
    w.u16(a.hotSpotY);
    w.u16(a.width);
    w.u16(a.height);
    w.count16(a.andMask.size(), 0xFFFF, "lengthAndMask");
    w.count16(a.xorMask.size(), 0xFFFF, "lengthXorMask");
    w.bytes(a.xorMask);
    w.bytes(a.andMask);
}

ColorPointerAttribute readAttribute(PduReader &r, uint16_t xorBpp, uint16_t maxSidePx)
{
    ColorPointerAttribute a;
    const size_t at = r.offset();
    a.cacheIndex = r.u16();
    a.hotSpotX = r.u16();
    a.hotSpotY = r.u16();
    a.width = r.u16();
    a.height = r.u16();
    const size_t andLength = r.u16();
    const size_t xorLength = r.u16();
    a.xorMask = r.copyBytes(xorLength);
    a.andMask = r.copyBytes(andLength);
    if (r.ok() && !validAttribute(a, xorBpp, maxSidePx))
        r.failAt(at, ErrorCode::BadValue, "pointer shape");
    return a;
}

} // namespace

size_t pointerXorMaskBytes(uint16_t width, uint16_t height, uint16_t xorBpp)
{
    if (!validXorBpp(xorBpp))
        return 0;
    return evenRowBytes(size_t(width) * xorBpp) * height;
}

size_t pointerAndMaskBytes(uint16_t width, uint16_t height)
{
    return evenRowBytes(width) * height;
}

void PointerSystemPdu::write(PduWriter &w) const
{
    writeHeader(w, kMessageType);
    w.u32(uint32_t(pointer));
}

PointerSystemPdu PointerSystemPdu::read(PduReader &r)
{
    PointerSystemPdu pdu;
    readHeader(r);
    const size_t at = r.offset();
    const uint32_t value = r.u32();
    if (r.ok() && value != uint32_t(SystemPointer::Hidden) &&
        value != uint32_t(SystemPointer::Default))
        r.failAt(at, ErrorCode::BadValue, "system pointer type");
    pdu.pointer = SystemPointer(value);
    return pdu;
}

void PointerPositionPdu::write(PduWriter &w) const
{
    writeHeader(w, kMessageType);
    w.u16(x);
    w.u16(y);
}

PointerPositionPdu PointerPositionPdu::read(PduReader &r)
{
    PointerPositionPdu pdu;
    readHeader(r);
    pdu.x = r.u16();
    pdu.y = r.u16();
    return pdu;
}

void PointerColorPdu::write(PduWriter &w) const
{
    writeHeader(w, kMessageType);
    writeAttribute(w, attribute, 24, kMaxSidePx);
}

PointerColorPdu PointerColorPdu::read(PduReader &r)
{
    PointerColorPdu pdu;
    readHeader(r);
    pdu.attribute = readAttribute(r, 24, kMaxSidePx);
    return pdu;
}

void PointerNewPdu::write(PduWriter &w) const
{
    writeHeader(w, kMessageType);
    if (!validXorBpp(xorBpp))
        w.fail(ErrorCode::BadValue, "xorBpp");
    w.u16(xorBpp);
    writeAttribute(w, attribute, xorBpp, ColorPointerAttribute::kMaxSidePx);
}

PointerNewPdu PointerNewPdu::read(PduReader &r)
{
    PointerNewPdu pdu;
    readHeader(r);
    const size_t at = r.offset();
    pdu.xorBpp = r.u16();
    if (r.ok() && !validXorBpp(pdu.xorBpp))
        r.failAt(at, ErrorCode::BadValue, "xorBpp");
    pdu.attribute = readAttribute(r, pdu.xorBpp, ColorPointerAttribute::kMaxSidePx);
    return pdu;
}

void PointerCachedPdu::write(PduWriter &w) const
{
    writeHeader(w, kMessageType);
    w.u16(cacheIndex);
}

PointerCachedPdu PointerCachedPdu::read(PduReader &r)
{
    PointerCachedPdu pdu;
    readHeader(r);
    pdu.cacheIndex = r.u16();
    return pdu;
}

} // namespace baton::protocol

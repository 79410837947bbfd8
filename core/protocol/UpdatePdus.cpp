#include "core/protocol/UpdatePdus.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

#include <type_traits>

namespace baton::protocol {

namespace {

constexpr uint8_t kOrderStandard = 0x01;
constexpr uint8_t kOrderTypeChange = 0x08;
constexpr uint8_t kOrderControlFlags = kOrderStandard | kOrderTypeChange;
constexpr uint32_t kSevenFields = 0x7F;
constexpr uint32_t kNineFields = 0x01FF;

void readExtent(PduReader &r, int16_t &width, int16_t &height)
{
    const size_t at = r.offset();
    width = r.i16();
    height = r.i16();
    if (r.ok() && (width < 1 || height < 1))
        r.failAt(at, ErrorCode::BadValue, "order width/height");
}

void writeOrder(PduWriter &w, const ScrBltOrder &o)
{
    w.u8(uint8_t(kSevenFields));
    w.i16(o.left);
    w.i16(o.top);
    w.i16(o.width);
    w.i16(o.height);
    w.u8(o.rop);
    w.i16(o.xSrc);
    w.i16(o.ySrc);
}

void writeOrder(PduWriter &w, const OpaqueRectOrder &o)
{
    w.u8(uint8_t(kSevenFields));
    w.i16(o.left);
    w.i16(o.top);
    w.i16(o.width);
    w.i16(o.height);
    w.u8(o.red);
    w.u8(o.green);
    w.u8(o.blue);
}

void writeOrder(PduWriter &w, const MemBltOrder &o)
{
    w.u16(uint16_t(kNineFields));
    w.u8(o.cacheId);
    w.u8(o.colorTableIndex);
    w.i16(o.left);
    w.i16(o.top);
    w.i16(o.width);
    w.i16(o.height);
    w.u8(o.rop);
    w.i16(o.xSrc);
    w.i16(o.ySrc);
    w.u16(o.cacheIndex);
}

void expectAllFields(PduReader &r, uint32_t fieldFlags, uint32_t expected)
{
    if (r.ok() && fieldFlags != expected)
        r.fail(ErrorCode::Unsupported, "order field flags (omitted fields)");
}

DrawingOrder readOrder(PduReader &r)
{
    const size_t at = r.offset();
    const uint8_t controlFlags = r.u8();
    if (r.ok() && controlFlags != kOrderControlFlags)
        r.failAt(at, ErrorCode::Unsupported, "order controlFlags");
    const uint8_t orderType = r.u8();
    switch (orderType) {
    case ScrBltOrder::kOrderType: {
        ScrBltOrder o;
        expectAllFields(r, r.u8(), kSevenFields);
        o.left = r.i16();
        o.top = r.i16();
        readExtent(r, o.width, o.height);
        o.rop = r.u8();
        o.xSrc = r.i16();
        o.ySrc = r.i16();
        return o;
    }
    case OpaqueRectOrder::kOrderType: {
        OpaqueRectOrder o;
        expectAllFields(r, r.u8(), kSevenFields);
        o.left = r.i16();
        o.top = r.i16();
        readExtent(r, o.width, o.height);
        o.red = r.u8();
        o.green = r.u8();
        o.blue = r.u8();
        return o;
    }
    case MemBltOrder::kOrderType: {
        MemBltOrder o;
        expectAllFields(r, r.u16(), kNineFields);
        o.cacheId = r.u8();
        o.colorTableIndex = r.u8();
        o.left = r.i16();
        o.top = r.i16();
        readExtent(r, o.width, o.height);
        o.rop = r.u8();
        o.xSrc = r.i16();
        o.ySrc = r.i16();
        o.cacheIndex = r.u16();
        return o;
    }
    default:
        if (r.ok())
            r.failAt(at + 1, ErrorCode::UnknownType, "orderType");
        return ScrBltOrder{};
    }
}

size_t bytesPerPixel(uint16_t bitsPerPixel)
{
    switch (bitsPerPixel) {
    case 8:
        return 1;
    case 15:
    case 16:
        return 2;
    case 24:
        return 3;
    case 32:
        return 4;
    default:
        return 0;
    }
}

} // namespace

void OrdersUpdatePdu::write(PduWriter &w) const
{
    w.u16(uint16_t(kUpdateType));
    w.zeros(2);
    w.count16(orders.size(), kMaxOrders, "numberOrders");
    w.zeros(2);
    for (const DrawingOrder &order : orders) {
        std::visit(
            [&](const auto &o) {
                if (o.width < 1 || o.height < 1)
                    w.fail(ErrorCode::BadValue, "order width/height");
                w.u8(kOrderControlFlags);
                w.u8(std::decay_t<decltype(o)>::kOrderType);
                writeOrder(w, o);
            },
            order);
    }
}

OrdersUpdatePdu OrdersUpdatePdu::read(PduReader &r)
{
    OrdersUpdatePdu pdu;
    r.u16(); // updateType, checked by the PDU decoder
    r.zeros(2, "orders pad");
    constexpr size_t kMinOrderBytes = 3 + 11; // OpaqueRect, the shortest
    const size_t count = r.count(r.u16(), kMaxOrders, kMinOrderBytes, "numberOrders");
    r.zeros(2, "orders pad");
    pdu.orders.reserve(count);
    for (size_t i = 0; i < count && r.ok(); ++i)
        pdu.orders.push_back(readOrder(r));
    return pdu;
}

size_t rawBitmapBytes(uint16_t width, uint16_t height, uint16_t bitsPerPixel)
{
    const size_t rowBytes = (size_t(width) * bytesPerPixel(bitsPerPixel) + 3) & ~size_t(3);
    return rowBytes * height;
}

namespace {

bool validRectangle(const BitmapRectangle &rect)
{
    const bool compressed = rect.flags ==
        (BitmapRectangle::kFlagCompressed | BitmapRectangle::kFlagNoCompressionHeader);
    return bytesPerPixel(rect.bitsPerPixel) != 0 && (rect.flags == 0 || compressed) &&
        rect.width >= 1 && rect.height >= 1 && rect.destRight >= rect.destLeft &&
        rect.destBottom >= rect.destTop && rect.destRight - rect.destLeft < rect.width &&
        rect.destBottom - rect.destTop < rect.height &&
        (compressed ||
         rect.data.size() == rawBitmapBytes(rect.width, rect.height, rect.bitsPerPixel));
}

} // namespace

void BitmapUpdatePdu::write(PduWriter &w) const
{
    w.u16(uint16_t(kUpdateType));
    w.count16(rectangles.size(), kMaxRectangles, "numberRectangles");
    for (const BitmapRectangle &rect : rectangles) {
        if (!validRectangle(rect))
            w.fail(ErrorCode::BadValue, "bitmap rectangle");
        w.u16(rect.destLeft);
        w.u16(rect.destTop);
        w.u16(rect.destRight);
        w.u16(rect.destBottom);
        w.u16(rect.width);
        w.u16(rect.height);
        w.u16(rect.bitsPerPixel);
        w.u16(rect.flags);
        w.count16(rect.data.size(), 0xFFFF, "bitmapLength");
        w.bytes(rect.data);
    }
}

BitmapUpdatePdu BitmapUpdatePdu::read(PduReader &r)
{
    BitmapUpdatePdu pdu;
    r.u16(); // updateType, checked by the PDU decoder
    constexpr size_t kMinRectangleBytes = 18;
    const size_t count = r.count(r.u16(), kMaxRectangles, kMinRectangleBytes, "numberRectangles");
    pdu.rectangles.reserve(count);
    for (size_t i = 0; i < count && r.ok(); ++i) {
        const size_t at = r.offset();
        BitmapRectangle rect;
        rect.destLeft = r.u16();
        rect.destTop = r.u16();
        rect.destRight = r.u16();
        rect.destBottom = r.u16();
        rect.width = r.u16();
        rect.height = r.u16();
        rect.bitsPerPixel = r.u16();
        rect.flags = r.u16();
        rect.data = r.copyBytes(r.u16());
        if (r.ok() && !validRectangle(rect))
            r.failAt(at, ErrorCode::BadValue, "bitmap rectangle");
        pdu.rectangles.push_back(std::move(rect));
    }
    return pdu;
}

void UpdateSynchronizePdu::write(PduWriter &w) const
{
    w.u16(uint16_t(kUpdateType));
    w.zeros(2);
}

UpdateSynchronizePdu UpdateSynchronizePdu::read(PduReader &r)
{
    r.u16(); // updateType, checked by the PDU decoder
    r.zeros(2, "update synchronize pad");
    return {};
}

} // namespace baton::protocol

#pragma once

#include "core/protocol/Bytes.h"
#include "core/protocol/PduTypes.h"

#include <cstddef>
#include <cstdint>
#include <variant>
#include <vector>

namespace baton::protocol {

class PduReader;
class PduWriter;

// T.128 update PDUs (pduType2 2, t128.md §5), body = updateType(2) | ...

enum class UpdateType : uint16_t { Orders = 0, Bitmap = 1, Palette = 2, Synchronize = 3 };

// Primary drawing orders. Baton writes every order self-contained, a profile of T.128's
// encoding that needs no per-sender order state: controlFlags = STANDARD | TYPE_CHANGE
// (0x09), the orderType, every field flag set, absolute int16 coordinates, no bounds.
// A decoder refuses delta coordinates, bounds and omitted fields (Unsupported).

// ScrBlt (0x02, "copy moves" such as scrolls): left, top, width, height, bRop, xSrc, ySrc.
struct ScrBltOrder {
    static constexpr uint8_t kOrderType = 0x02;
    int16_t left = 0;
    int16_t top = 0;
    int16_t width = 1;
    int16_t height = 1;
    uint8_t rop = 0xCC; // SRCCOPY
    int16_t xSrc = 0;
    int16_t ySrc = 0;
    friend bool operator==(const ScrBltOrder &, const ScrBltOrder &) = default;
};

// OpaqueRect (0x0A, solid fills): left, top, width, height, red, green, blue.
struct OpaqueRectOrder {
    static constexpr uint8_t kOrderType = 0x0A;
    int16_t left = 0;
    int16_t top = 0;
    int16_t width = 1;
    int16_t height = 1;
    uint8_t red = 0;
    uint8_t green = 0;
    uint8_t blue = 0;
    friend bool operator==(const OpaqueRectOrder &, const OpaqueRectOrder &) = default;
};

// MemBlt (0x0D, draw from the bitmap cache): cacheId(2: cache id, colour table index),
// left, top, width, height, bRop, xSrc, ySrc, cacheIndex. Cache id 0 is the tile cache
// that TileUpdate fills (TileEntry::kFlagCache).
struct MemBltOrder {
    static constexpr uint8_t kOrderType = 0x0D;
    uint8_t cacheId = 0;
    uint8_t colorTableIndex = 0;
    int16_t left = 0;
    int16_t top = 0;
    int16_t width = 1;
    int16_t height = 1;
    uint8_t rop = 0xCC;
    int16_t xSrc = 0;
    int16_t ySrc = 0;
    uint16_t cacheIndex = 0;
    friend bool operator==(const MemBltOrder &, const MemBltOrder &) = default;
};

using DrawingOrder = std::variant<ScrBltOrder, OpaqueRectOrder, MemBltOrder>;

// updateType 0: updateType(2) | pad2(2) | numberOrders(2) | pad2(2) | orders.
struct OrdersUpdatePdu {
    static constexpr PduType2 kType2 = PduType2::Update;
    static constexpr UpdateType kUpdateType = UpdateType::Orders;
    static constexpr size_t kMaxOrders = 1024;
    std::vector<DrawingOrder> orders;

    void write(PduWriter &w) const;
    static OrdersUpdatePdu read(PduReader &r);
    friend bool operator==(const OrdersUpdatePdu &, const OrdersUpdatePdu &) = default;
};

// One rectangle of a bitmap update: destLeft, destTop, destRight, destBottom (inclusive),
// width, height, bitsPerPixel, flags, bitmapLength (u16 each), data. Scanlines are
// bottom-up, each padded to 4 bytes. Baton accepts flags 0 (raw) and 0x0401 (compressed,
// no compression header: interleaved RLE, opaque here).
struct BitmapRectangle {
    static constexpr uint16_t kFlagCompressed = 0x0001;
    static constexpr uint16_t kFlagNoCompressionHeader = 0x0400;
    uint16_t destLeft = 0;
    uint16_t destTop = 0;
    uint16_t destRight = 0;
    uint16_t destBottom = 0;
    uint16_t width = 1;
    uint16_t height = 1;
    uint16_t bitsPerPixel = 32;
    uint16_t flags = 0;
    Bytes data;
    friend bool operator==(const BitmapRectangle &, const BitmapRectangle &) = default;
};

// Bytes of raw bitmap data for a rectangle (rows padded to 4 bytes); 0 for an unknown bpp.
size_t rawBitmapBytes(uint16_t width, uint16_t height, uint16_t bitsPerPixel);

// updateType 1: updateType(2) | numberRectangles(2) | rectangles.
struct BitmapUpdatePdu {
    static constexpr PduType2 kType2 = PduType2::Update;
    static constexpr UpdateType kUpdateType = UpdateType::Bitmap;
    static constexpr size_t kMaxRectangles = 256;
    std::vector<BitmapRectangle> rectangles;

    void write(PduWriter &w) const;
    static BitmapUpdatePdu read(PduReader &r);
    friend bool operator==(const BitmapUpdatePdu &, const BitmapUpdatePdu &) = default;
};

// updateType 3: updateType(2) | pad2(2). T.128's reset marker: order state, caches.
struct UpdateSynchronizePdu {
    static constexpr PduType2 kType2 = PduType2::Update;
    static constexpr UpdateType kUpdateType = UpdateType::Synchronize;

    void write(PduWriter &w) const;
    static UpdateSynchronizePdu read(PduReader &r);
    friend bool operator==(const UpdateSynchronizePdu &, const UpdateSynchronizePdu &) = default;
};

} // namespace baton::protocol

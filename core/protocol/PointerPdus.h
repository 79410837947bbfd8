#pragma once

#include "core/protocol/Bytes.h"
#include "core/protocol/PduTypes.h"

#include <cstddef>
#include <cstdint>

namespace baton::protocol {

class PduReader;
class PduWriter;

// T.128 pointer PDUs (pduType2 27, t128.md §5.4): messageType(2) | pad2(2) | body.
// Coordinates are in the host's shared-area coordinates.

enum class PointerMessageType : uint16_t {
    System = 1,
    Position = 3,
    Color = 6,
    Cached = 7,
    New = 8,
};

enum class SystemPointer : uint32_t { Hidden = 0, Default = 0x7F00 };

struct PointerSystemPdu {
    static constexpr PduType2 kType2 = PduType2::Pointer;
    static constexpr PointerMessageType kMessageType = PointerMessageType::System;
    SystemPointer pointer = SystemPointer::Default;

    void write(PduWriter &w) const;
    static PointerSystemPdu read(PduReader &r);
    friend bool operator==(const PointerSystemPdu &, const PointerSystemPdu &) = default;
};

struct PointerPositionPdu {
    static constexpr PduType2 kType2 = PduType2::Pointer;
    static constexpr PointerMessageType kMessageType = PointerMessageType::Position;
    uint16_t x = 0;
    uint16_t y = 0;

    void write(PduWriter &w) const;
    static PointerPositionPdu read(PduReader &r);
    friend bool operator==(const PointerPositionPdu &, const PointerPositionPdu &) = default;
};

// The colour pointer attribute: cacheIndex(2) | hotSpotX(2) | hotSpotY(2) | width(2) |
// height(2) | lengthAndMask(2) | lengthXorMask(2) | xorMaskData | andMaskData. Both masks
// are bottom-up with rows padded to 2 bytes; the AND mask is 1 bpp. The lengths must be
// exactly what width, height and bpp imply. (The optional trailing pad byte is not sent.)
struct ColorPointerAttribute {
    static constexpr uint16_t kMaxSidePx = 384;
    uint16_t cacheIndex = 0;
    uint16_t hotSpotX = 0;
    uint16_t hotSpotY = 0;
    uint16_t width = 1;
    uint16_t height = 1;
    Bytes xorMask;
    Bytes andMask;
    friend bool operator==(const ColorPointerAttribute &, const ColorPointerAttribute &) = default;
};

// Mask sizes for a pointer; 0 when bpp is not one the new pointer allows.
size_t pointerXorMaskBytes(uint16_t width, uint16_t height, uint16_t xorBpp);
size_t pointerAndMaskBytes(uint16_t width, uint16_t height);

// messageType 6 (T.128 8.14.3): a 24-bpp colour pointer.
struct PointerColorPdu {
    static constexpr PduType2 kType2 = PduType2::Pointer;
    static constexpr PointerMessageType kMessageType = PointerMessageType::Color;
    static constexpr uint16_t kMaxSidePx = 96;
    ColorPointerAttribute attribute;

    void write(PduWriter &w) const;
    static PointerColorPdu read(PduReader &r);
    friend bool operator==(const PointerColorPdu &, const PointerColorPdu &) = default;
};

// messageType 8: xorBpp(2) | colour pointer attribute; xorBpp 32 carries alpha (BGRA).
struct PointerNewPdu {
    static constexpr PduType2 kType2 = PduType2::Pointer;
    static constexpr PointerMessageType kMessageType = PointerMessageType::New;
    uint16_t xorBpp = 32;
    ColorPointerAttribute attribute;

    void write(PduWriter &w) const;
    static PointerNewPdu read(PduReader &r);
    friend bool operator==(const PointerNewPdu &, const PointerNewPdu &) = default;
};

// messageType 7: cacheIndex(2), a pointer sent earlier.
struct PointerCachedPdu {
    static constexpr PduType2 kType2 = PduType2::Pointer;
    static constexpr PointerMessageType kMessageType = PointerMessageType::Cached;
    uint16_t cacheIndex = 0;

    void write(PduWriter &w) const;
    static PointerCachedPdu read(PduReader &r);
    friend bool operator==(const PointerCachedPdu &, const PointerCachedPdu &) = default;
};

} // namespace baton::protocol

#pragma once

#include "codecs/frame/Rect.h"

#include <cstdint>

namespace baton {

// Copy the pixels of source (in the previous frame) to source moved by (dx, dy).
struct CopyMove {
    Rect source;
    int32_t dx = 0;
    int32_t dy = 0;

    Rect destination() const { return source.translated(dx, dy); }

    // What a copy costs on the wire as a T.128 ScrBlt order with every field present:
    // control flags, order type and field flags (1 byte each), left, top, width,
    // height, xSrc, ySrc (2 bytes each) and the raster operation (1 byte).
    static constexpr int64_t kWireBytes = 16;

    friend bool operator==(const CopyMove &, const CopyMove &) = default;
};

} // namespace baton

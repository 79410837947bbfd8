#pragma once

#include "codecs/frame/Frame.h"

#include <QByteArray>

#include <cstdint>

namespace baton::rdp {

// A pointer image as RDP's New Pointer and Large Pointer updates carry it (MS-RDPBCGR
// 2.2.9.1.1.4.5 and 2.2.9.1.1.4.6, xorBpp 32), made once for every client. Null (no image)
// means the client's default arrow.
struct RdpPointerShape {
    static constexpr int kMaxSizePx = 96; // New Pointer update
    static constexpr int kMaxLargeSizePx = 384; // Large Pointer update, where the client has it

    uint16_t width = 0;
    uint16_t height = 0;
    uint16_t hotX = 0; // inside the image
    uint16_t hotY = 0;
    // BGRA with straight (not premultiplied) alpha, bottom-up, width × 4 bytes a row.
    QByteArray xorMask;
    // 1 bpp, bottom-up, rows padded to 2 bytes; set where the pixel is fully transparent (and
    // its XOR pixel then black), so that clients that ignore alpha still see through it.
    QByteArray andMask;

    bool isNull() const { return width == 0 || height == 0; }
    // Too large for a New Pointer update: send it as a Large Pointer update, to clients that
    // announced one (Large Pointer capability), and a fromImage(…, kMaxSizePx) to the others.
    bool needsLargePointer() const { return width > kMaxSizePx || height > kMaxSizePx; }

    // image: premultiplied BGRA, as Baton's viewers hold the pointer; null gives a null
    // shape. An image larger than maxSizePx (at most kMaxLargeSizePx) either way is scaled
    // down, keeping its aspect, rather than cropped: a cropped pointer loses its outline and
    // can lose its hot spot. The hot spot is scaled with it and kept inside.
    static RdpPointerShape fromImage(const Frame &image, int hotX, int hotY,
                                     int maxSizePx = kMaxLargeSizePx);
};

} // namespace baton::rdp

#pragma once

#include "codecs/frame/Frame.h"

#include <cstdint>
#include <vector>

namespace baton::t128 {

// Encodes BGRA pixels as a T.128 / RDP interleaved RLE bitmap stream at 24 bpp
// (lossless for opaque content: alpha is dropped) or 16 bpp RGB565 (lossy, for peers
// that announce only 16 bpp). Uses background, foreground (and set-foreground),
// foreground/background image, colour run and colour image orders, choosing greedily
// at each pixel; the output decodes with any conforming decoder (FreeRDP, mstsc).
class T128BitmapEncoder {
public:
    // Appends the stream for bitmap to out. bitsPerPixel is 24 or 16; throws
    // std::invalid_argument otherwise or for a null bitmap.
    static void encode(const FrameView &bitmap, int bitsPerPixel, std::vector<uint8_t> &out);
};

} // namespace baton::t128

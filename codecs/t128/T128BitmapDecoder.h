#pragma once

#include "codecs/frame/Frame.h"

#include <cstdint>
#include <span>

namespace baton::t128 {

enum class T128DecodeError {
    None,
    BadArguments,    // bpp other than 8/15/16/24, size outside the frame limits
    Truncated,       // an order or its data runs past the end of the stream
    Overflow,        // an order writes past the end of the bitmap
    BadOrder,        // an undefined order code
    Incomplete,      // the stream ends before the bitmap is full
};

const char *toString(T128DecodeError error);

// Decodes a T.128 / RDP interleaved RLE bitmap stream into BGRA pixels.
//
// 24 bpp pixels are B, G, R bytes; 16 bpp RGB565 and 15 bpp RGB555 are little-endian
// u16 expanded to 8 bits per channel; 8 bpp indexes `palette` (256 BGRA entries, as the
// T.128 palette update delivers). The stream's scanlines run bottom-up; target rows run
// top-down as everywhere else in Baton. Bounds-checked throughout: any byte string is
// safe, and no allocation depends on the stream.
class T128BitmapDecoder {
public:
    static T128DecodeError decode(std::span<const uint8_t> stream, int bitsPerPixel,
                                  const MutableFrameView &target,
                                  std::span<const uint32_t> palette = {});
};

} // namespace baton::t128

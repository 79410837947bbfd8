// T.128 / RDP interleaved RLE bitmap streams arrive from legacy peers: any bytes.
// The first two bytes pick the bitmap size and depth so one corpus covers them all.
#include "codecs/t128/T128BitmapDecoder.h"

#include <array>
#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static constexpr std::array kDepths{8, 15, 16, 24};
    const int width = 1 + (data[0] & 0x3F);
    const int height = 1 + (data[1] & 0x3F);
    const int bpp = kDepths[(data[0] >> 6) & 3];
    static const std::array<uint32_t, 256> palette = [] {
        std::array<uint32_t, 256> colours{};
        for (uint32_t i = 0; i < colours.size(); ++i)
            colours[i] = 0xFF000000u | i * 0x010101u;
        return colours;
    }();
    baton::Frame target(width, height);
    baton::t128::T128BitmapDecoder::decode(std::span(data + 2, size - 2), bpp, target.mutableView(),
                                           palette);
    return 0;
}

#pragma once

#include <cstdint>
#include <span>

// Pixels as the interleaved RLE stream carries them ("native" values of 1, 2 or 3
// bytes, little-endian) and their conversion to and from Baton's BGRA.
namespace baton::t128 {

inline int bytesPerNativePixel(int bitsPerPixel)
{
    switch (bitsPerPixel) {
    case 8:
        return 1;
    case 15:
    case 16:
        return 2;
    case 24:
        return 3;
    default:
        return 0;
    }
}

inline uint32_t whiteNativePixel(int bitsPerPixel)
{
    switch (bitsPerPixel) {
    case 8:
        return 0xFF;
    case 15:
        return 0x7FFF;
    case 16:
        return 0xFFFF;
    default:
        return 0xFFFFFF;
    }
}

inline uint32_t expand5(uint32_t v) { return (v << 3) | (v >> 2); }
inline uint32_t expand6(uint32_t v) { return (v << 2) | (v >> 4); }

inline uint32_t nativeToBgra(uint32_t value, int bitsPerPixel, std::span<const uint32_t> palette)
{
    switch (bitsPerPixel) {
    case 8:
        return palette[value & 0xFF];
    case 15:
        return 0xFF000000u | (expand5((value >> 10) & 31) << 16) |
            (expand5((value >> 5) & 31) << 8) | expand5(value & 31);
    case 16:
        return 0xFF000000u | (expand5((value >> 11) & 31) << 16) |
            (expand6((value >> 5) & 63) << 8) | expand5(value & 31);
    default:
        return 0xFF000000u | (value & 0xFFFFFF);
    }
}

inline uint32_t bgraToNative(uint32_t bgra, int bitsPerPixel)
{
    if (bitsPerPixel == 16) {
        const uint32_t b = bgra & 0xFF;
        const uint32_t g = (bgra >> 8) & 0xFF;
        const uint32_t r = (bgra >> 16) & 0xFF;
        return ((r >> 3) << 11) | ((g >> 2) << 5) | (b >> 3);
    }
    return bgra & 0xFFFFFF;
}

} // namespace baton::t128

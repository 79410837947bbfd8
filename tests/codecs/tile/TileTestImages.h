#pragma once

#include "codecs/frame/Frame.h"

#include <cstdint>
#include <random>

// Synthetic pictures shared by the tile codec tests.
namespace baton::tile::test {

inline Frame gradient(int32_t width, int32_t height)
{
    Frame frame(width, height);
    for (int32_t y = 0; y < height; ++y)
        for (int32_t x = 0; x < width; ++x)
            frame.setPixel(x, y,
                           0xFF000000u | (static_cast<uint32_t>(x * 255 / std::max(1, width - 1)) << 16) |
                               (static_cast<uint32_t>(y * 255 / std::max(1, height - 1)) << 8) |
                               static_cast<uint32_t>((x + y) & 0xFF));
    return frame;
}

inline Frame noise(int32_t width, int32_t height, uint32_t seed, bool opaque = true)
{
    Frame frame(width, height);
    std::mt19937 rng(seed);
    for (int32_t y = 0; y < height; ++y)
        for (int32_t x = 0; x < width; ++x)
            frame.setPixel(x, y, opaque ? (rng() | 0xFF000000u) : static_cast<uint32_t>(rng()));
    return frame;
}

// colours distinct colours, each used by at least one pixel, scattered at random.
inline Frame withColours(int32_t width, int32_t height, int colours, uint32_t seed)
{
    Frame frame(width, height);
    std::mt19937 rng(seed);
    for (int32_t y = 0; y < height; ++y)
        for (int32_t x = 0; x < width; ++x) {
            const int64_t i = int64_t{y} * width + x;
            const uint32_t c = i < colours ? static_cast<uint32_t>(i)
                                           : static_cast<uint32_t>(rng() % static_cast<uint32_t>(colours));
            // Scrambled colours: no smooth ramp a row filter could exploit.
            frame.setPixel(x, y, 0xFF000000u | ((c + 1) * 0x9E3779B1u >> 8));
        }
    return frame;
}

// Like an anti-aliased widget: four colours in bands, plus `rare` distinct colours on
// single pixels scattered over the tile (more than 256 colours in all, few pixels of
// most of them).
inline Frame bandsWithRareColours(int32_t width, int32_t height, int rare)
{
    Frame frame(width, height);
    const uint32_t bands[] = {0xFFF0F0F0u, 0xFF202020u, 0xFF307AD0u, 0xFFFFFFFFu};
    for (int32_t y = 0; y < height; ++y)
        for (int32_t x = 0; x < width; ++x)
            frame.setPixel(x, y, bands[(x / 5 + y / 3) % 4]);
    const int64_t pixels = int64_t{width} * height;
    for (int i = 0; i < rare && i < pixels; ++i) {
        const int64_t at = (int64_t{i} * 7919) % pixels;
        frame.setPixel(static_cast<int32_t>(at % width), static_cast<int32_t>(at / width),
                       0xFF000000u | static_cast<uint32_t>(i + 1) * 0x010203u);
    }
    return frame;
}

} // namespace baton::tile::test

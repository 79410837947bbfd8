#include "codecs/tile/ColourTable.h"

#include <array>

namespace baton::tile {

bool ColourTable::sort(std::span<const uint32_t> colours, std::span<uint32_t> sorted,
                       std::span<uint8_t, 256> rank)
{
    // An LSD radix sort over the bytes in which the colours differ (three for opaque
    // colours, often fewer): a few hundred steps for a table, where a comparison sort
    // mispredicts a branch on every other comparison.
    const std::size_t count = colours.size();
    std::array<uint8_t, 256> order{}; // first-seen indices, in the current order
    std::array<uint8_t, 256> scratch{};
    uint32_t all = 0;
    uint32_t common = ~uint32_t{0};
    for (std::size_t i = 0; i < count; ++i) {
        order[i] = static_cast<uint8_t>(i);
        all |= colours[i];
        common &= colours[i];
    }
    const uint32_t varying = all ^ common;
    for (int shift = 0; shift < 32; shift += 8) {
        if (((varying >> shift) & 0xFF) == 0)
            continue;
        std::array<uint16_t, 257> start{};
        for (std::size_t i = 0; i < count; ++i)
            ++start[((colours[i] >> shift) & 0xFF) + 1];
        for (std::size_t digit = 1; digit < start.size(); ++digit)
            start[digit] = static_cast<uint16_t>(start[digit] + start[digit - 1]);
        for (std::size_t i = 0; i < count; ++i) {
            const uint8_t index = order[i];
            scratch[start[(colours[index] >> shift) & 0xFF]++] = index;
        }
        order = scratch;
    }
    bool moved = false;
    for (std::size_t i = 0; i < count; ++i) {
        sorted[i] = colours[order[i]];
        rank[order[i]] = static_cast<uint8_t>(i);
        moved = moved || order[i] != i;
    }
    return moved;
}

void ColourTable::write(std::span<const uint32_t> colours, bool opaque, std::vector<uint8_t> &out)
{
    const std::size_t count = colours.size();
    const std::size_t start = out.size();
    out.resize(start + bytes(count, opaque));
    uint8_t *green = out.data() + start;
    uint8_t *blue = green + count;
    uint8_t *red = blue + count;
    uint8_t *alpha = red + count;
    uint32_t previous = 0;
    for (std::size_t i = 0; i < count; ++i) {
        const uint32_t colour = colours[i];
        const auto channel = [](uint32_t bgra, int shift) {
            return static_cast<uint8_t>(bgra >> shift);
        };
        const uint8_t g = channel(colour, 8);
        const uint8_t pg = channel(previous, 8);
        green[i] = static_cast<uint8_t>(g - pg);
        blue[i] = static_cast<uint8_t>((channel(colour, 0) - g) - (channel(previous, 0) - pg));
        red[i] = static_cast<uint8_t>((channel(colour, 16) - g) - (channel(previous, 16) - pg));
        if (!opaque)
            alpha[i] = static_cast<uint8_t>(channel(colour, 24) - channel(previous, 24));
        previous = colour;
    }
}

void ColourTable::read(std::span<const uint8_t> table, bool opaque, std::span<uint32_t> colours)
{
    const std::size_t count = colours.size();
    const uint8_t *green = table.data();
    const uint8_t *blue = green + count;
    const uint8_t *red = blue + count;
    const uint8_t *alpha = red + count;
    uint8_t g = 0;
    uint8_t blueMinusGreen = 0;
    uint8_t redMinusGreen = 0;
    uint8_t a = 0;
    for (std::size_t i = 0; i < count; ++i) {
        g = static_cast<uint8_t>(g + green[i]);
        blueMinusGreen = static_cast<uint8_t>(blueMinusGreen + blue[i]);
        redMinusGreen = static_cast<uint8_t>(redMinusGreen + red[i]);
        a = opaque ? uint8_t{0xFF} : static_cast<uint8_t>(a + alpha[i]);
        const uint8_t b = static_cast<uint8_t>(blueMinusGreen + g);
        const uint8_t r = static_cast<uint8_t>(redMinusGreen + g);
        colours[i] = uint32_t{b} | (uint32_t{g} << 8) | (uint32_t{r} << 16) | (uint32_t{a} << 24);
    }
}

} // namespace baton::tile

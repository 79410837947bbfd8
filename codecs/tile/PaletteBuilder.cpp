#include "codecs/tile/PaletteBuilder.h"

#include <algorithm>
#include <cstring>

namespace baton::tile {

int PaletteBuilder::indexOf(uint32_t colour)
{
    std::size_t slot = slotOf(colour);
    while (slots_[slot] != 0) {
        if (keys_[slot] == colour)
            return slots_[slot] - 1;
        slot = (slot + 1) & (kTableSize - 1);
    }
    if (colours_.size() == capacity_)
        return -1;
    keys_[slot] = colour;
    colours_.push_back(colour);
    slots_[slot] = static_cast<uint16_t>(colours_.size());
    return static_cast<int>(colours_.size()) - 1;
}

int PaletteBuilder::miss(uint32_t pixel, std::size_t slot, std::size_t pixels, std::size_t position)
{
    // A colour's first pixel always comes here, so alphaAnd_ sees every colour.
    alphaAnd_ &= pixel;
    const int index = indexOf(pixel);
    if (index >= 0 && !(fit_ == PaletteFit::WithEscapes && index == kEscapeIndex)) {
        cacheKeys_[slot] = pixel;
        cacheIndices_[slot] = static_cast<uint8_t>(index);
        return index;
    }
    if (fit_ == PaletteFit::Palette) {
        // 256 colours within the first eighth of the tile: a photograph (widgets reach
        // their 257th colour, if at all, about halfway through a tile).
        if (maxEscapedPixels_ == 0 || position < pixels_ / 8) {
            fit_ = PaletteFit::TooManyColours;
            return -1;
        }
        // The 256th colour becomes the first escaped one: its pixels so far already
        // carry index 255 == kEscapeIndex, and so will its cache hits.
        fit_ = PaletteFit::WithEscapes;
        colours_.pop_back();
        capacity_ = colours_.size();
    }
    // Escaped colours stay out of the cache, so this counts their pixels (bar those
    // of the 256th colour). Past the 257th colour a photograph escapes nearly every
    // pixel: more than half of those scanned so far gives it away long before the
    // tile's budget is spent.
    escapedPixels_ += pixels;
    if (escapedPixels_ > maxEscapedPixels_ || escapedPixels_ > position / 2 + kEscapeSlackPixels) {
        fit_ = PaletteFit::TooManyColours;
        return -1;
    }
    return kEscapeIndex;
}

PaletteFit PaletteBuilder::build(const FrameView &tile, std::size_t maxEscapedPixels)
{
    slots_.fill(0);
    colours_.clear();
    capacity_ = kMaxPaletteColours;
    fit_ = PaletteFit::Palette;
    escapedPixels_ = 0;
    maxEscapedPixels_ = maxEscapedPixels;
    const std::size_t width = static_cast<std::size_t>(tile.width());
    pixels_ = width * static_cast<std::size_t>(tile.height());
    indices_.resize(pixels_);

    // Every cache entry starts as a true statement: the first pixel's colour has
    // index 0. So a hit never needs a validity check.
    const uint32_t first = tile.pixel(0, 0);
    indexOf(first);
    cacheKeys_.fill(first);
    cacheIndices_.fill(0);
    alphaAnd_ = first;

    uint8_t *out = indices_.data();
    const auto indexFor = [&](uint32_t pixel, std::size_t pixels, std::size_t x) {
        const std::size_t slot = slotOf(pixel);
        return cacheKeys_[slot] == pixel
            ? int{cacheIndices_[slot]}
            : miss(pixel, slot, pixels, static_cast<std::size_t>(out - indices_.data()) + x);
    };
    for (int32_t y = 0; y < tile.height() && fit_ != PaletteFit::TooManyColours; ++y) {
        const uint32_t *row = tile.row(y).data();
        std::size_t x = 0;
        // Eight equal pixels (background, rules, fills) cost one lookup: compared
        // two at a time as 64-bit words.
        for (; x + 8 <= width; x += 8) {
            const uint64_t pair = uint64_t{row[x]} * 0x100000001u;
            const auto differs = [&](std::size_t at) {
                uint64_t word = 0;
                std::memcpy(&word, row + at, sizeof word);
                return word ^ pair;
            };
            const bool same = (differs(x) | differs(x + 2) | differs(x + 4) | differs(x + 6)) == 0;
            if (same) {
                const int index = indexFor(row[x], 8, x);
                if (index < 0)
                    break;
                std::memset(out + x, index, 8);
                continue;
            }
            bool full = false;
            for (std::size_t k = x; k < x + 8 && !full; ++k) {
                const int index = indexFor(row[k], 1, k);
                full = index < 0;
                out[k] = static_cast<uint8_t>(index);
            }
            if (full)
                break;
        }
        for (; x < width && fit_ != PaletteFit::TooManyColours; ++x)
            out[x] = static_cast<uint8_t>(indexFor(row[x], 1, x));
        out += width;
    }
    if (fit_ == PaletteFit::TooManyColours) {
        // The rest of the tile still decides whether the alpha bytes can be dropped.
        for (int32_t y = 0; y < tile.height() && (alphaAnd_ >> 24) == 0xFF; ++y)
            for (const uint32_t pixel : tile.row(y))
                alphaAnd_ &= pixel;
    }
    opaque_ = (alphaAnd_ & 0xFF000000u) == 0xFF000000u;
    return fit_;
}

} // namespace baton::tile

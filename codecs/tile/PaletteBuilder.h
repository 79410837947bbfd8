#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/tile/TileFormat.h"

#include <array>
#include <cstdint>
#include <vector>

namespace baton::tile {

enum class PaletteFit {
    Palette, // at most kMaxPaletteColours colours: every pixel has an index
    WithEscapes, // 255 colours plus kEscapeIndex for the pixels of any other colour
    TooManyColours, // more colours (or escaped pixels) than allowed
};

// Counts a tile's colours and, while they fit, maps every pixel to its palette index
// in the same pass. Eight equal pixels (background, fills) cost one 64-bit compare per
// pair and one lookup; other pixels one probe each of a direct-mapped cache of colours
// seen (no branch on whether a pixel equals its neighbour: in anti-aliased text that
// is a coin toss); a miss, one probe of a small open-addressed table.
//
// With maxEscapedPixels > 0, a tile whose 257th colour appears keeps its first 255
// colours and marks the pixels of every other colour kEscapeIndex (anti-aliased
// widgets: a few hundred colours, most pixels in a few of them); it gives up once
// about maxEscapedPixels pixels are escaped, or more than about half of those scanned,
// or when the 257th colour comes within the first eighth of the tile (a photograph).
// Without, it gives up at the 257th colour.
class PaletteBuilder {
public:
    PaletteFit build(const FrameView &tile, std::size_t maxEscapedPixels = 0);

    // In first-seen order; 255 entries with escapes.
    const std::vector<uint32_t> &colours() const { return colours_; }
    // One palette index per pixel, row-major, width × height entries (kEscapeIndex
    // for an escaped pixel). Meaningless after TooManyColours.
    std::vector<uint8_t> &indices() { return indices_; }
    const std::vector<uint8_t> &indices() const { return indices_; }
    // True when every pixel's alpha byte is 0xFF (over the whole tile, whatever the fit).
    bool opaque() const { return opaque_; }

private:
    static constexpr int kTableBits = 10;
    static constexpr std::size_t kTableSize = std::size_t{1} << kTableBits;
    // Escaped pixels allowed beyond half of those scanned (a burst of anti-aliasing
    // early in a tile is not a photograph).
    static constexpr std::size_t kEscapeSlackPixels = 64;

    static std::size_t slotOf(uint32_t colour)
    {
        return (colour * 0x9E3779B1u) >> (32 - kTableBits);
    }

    // Returns the colour's index, adding it if new; -1 once capacity_ colours are in.
    int indexOf(uint32_t colour);
    // A cache miss for `pixels` pixels of colour pixel, the first at row-major
    // position: its index (cached), or kEscapeIndex, or -1 once the tile does not fit.
    int miss(uint32_t pixel, std::size_t slot, std::size_t pixels, std::size_t position);

    std::array<uint32_t, kTableSize> keys_{};
    // Palette index + 1 per table slot; 0 marks an empty slot.
    std::array<uint16_t, kTableSize> slots_{};
    // The cache: the colour last looked up per slot (of the same hash) and its index.
    std::array<uint32_t, kTableSize> cacheKeys_{};
    std::array<uint8_t, kTableSize> cacheIndices_{};
    std::vector<uint32_t> colours_;
    std::vector<uint8_t> indices_;
    std::size_t capacity_ = kMaxPaletteColours;
    PaletteFit fit_ = PaletteFit::Palette;
    std::size_t pixels_ = 0;
    std::size_t escapedPixels_ = 0;
    std::size_t maxEscapedPixels_ = 0;
    uint32_t alphaAnd_ = 0;
    bool opaque_ = true;
};

} // namespace baton::tile

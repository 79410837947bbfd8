#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace baton::tile {

// Run-length coding of palette indices (docs/codecs.md, "Palette body"). The stream is
// a sequence of LEB128 tokens: an even token 2(n-1) is followed by n literal indices
// packed MSB-first at bitsPerIndex bits and padded to a whole byte; an odd token
// 2(n-1)+1 is followed by one index byte repeated n times.
class IndexRuns {
public:
    // Bits per packed index for a palette of colourCount colours: 1, 2, 4 or 8.
    static int bitsPerIndex(int colourCount);

    static void encode(std::span<const uint8_t> indices, int bitsPerIndex,
                       std::vector<uint8_t> &out);

    // Fills indices (its size is the pixel count) from stream. False when the stream
    // is malformed, does not cover exactly indices.size() entries, or names an index
    // at or above colourCount.
    static bool decode(std::span<const uint8_t> stream, int bitsPerIndex, int colourCount,
                       std::span<uint8_t> indices);
};

} // namespace baton::tile

#pragma once

#include "codecs/tile/TileFormat.h"

#include <cstdint>
#include <span>

namespace baton::tile {

// PNG-style byte prediction over rows of `channels`-byte pixels, applied before zstd
// so that smooth areas turn into runs of small values.
class RowFilters {
public:
    // Picks the filter with the smallest sum of residual magnitudes on a sample of
    // rows (every fourth), as PNG encoders do, at a quarter of the full cost.
    static RowFilter choose(std::span<const uint8_t> rows, int rowBytes, int channels);

    // Writes the residuals of rows into out (same size).
    static void apply(RowFilter filter, std::span<const uint8_t> rows, int rowBytes,
                      int channels, std::span<uint8_t> out);

    // Turns residuals back into pixels in place.
    static void undo(RowFilter filter, std::span<uint8_t> rows, int rowBytes, int channels);
};

} // namespace baton::tile

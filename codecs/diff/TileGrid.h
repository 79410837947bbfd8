#pragma once

#include "codecs/frame/Rect.h"

#include <cstdint>

namespace baton {

// A frame cut into square tiles of tileSizePx, row-major; the last column and row may
// be narrower where the frame size is not a multiple of the tile size.
struct TileGrid {
    int32_t tileSizePx = 64;
    int32_t frameWidth = 0;
    int32_t frameHeight = 0;

    static TileGrid of(int32_t frameWidth, int32_t frameHeight, int32_t tileSizePx)
    {
        return {tileSizePx, frameWidth, frameHeight};
    }

    int32_t columns() const { return (frameWidth + tileSizePx - 1) / tileSizePx; }
    int32_t rows() const { return (frameHeight + tileSizePx - 1) / tileSizePx; }
    int32_t count() const { return columns() * rows(); }
    int32_t indexOf(int32_t column, int32_t row) const { return row * columns() + column; }
    Rect tileRect(int32_t column, int32_t row) const
    {
        return Rect{column * tileSizePx, row * tileSizePx, tileSizePx, tileSizePx}.intersected(
            {0, 0, frameWidth, frameHeight});
    }
};

} // namespace baton

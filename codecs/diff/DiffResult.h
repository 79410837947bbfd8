#pragma once

#include "codecs/diff/TileGrid.h"
#include "codecs/frame/Region.h"

#include <cstdint>
#include <vector>

namespace baton {

// What one FrameDiffer::diff() found. Owned by the differ and overwritten by the next
// call; copy it to keep it.
struct DiffResult {
    TileGrid grid;
    // grid.count() flags in row-major order: 1 when any pixel of the tile changed.
    std::vector<uint8_t> dirtyTiles;
    // The changed pixels, exact to the row: the union, over every pixel row, of the
    // tile-column segments (clipped to the damage hint) that hold at least one changed
    // pixel. Always inside the damage hint and the frame.
    Region dirty;
    // True when there was no reference of this size (first frame or a resize): the
    // whole frame is dirty and there is no previous frame to compare with.
    bool fullFrame = false;
    // Pixels compared, for statistics.
    int64_t comparedPixels = 0;

    bool isTileDirty(int32_t column, int32_t row) const
    {
        return dirtyTiles[static_cast<std::size_t>(grid.indexOf(column, row))] != 0;
    }
    int32_t dirtyTileCount() const
    {
        int32_t count = 0;
        for (uint8_t flag : dirtyTiles)
            count += flag;
        return count;
    }
};

} // namespace baton

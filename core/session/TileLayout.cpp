#include "TileLayout.h"

#include <algorithm>
#include <map>

namespace baton {

std::vector<Rect> TileLayout::tilesFor(const Region &region) const
{
    const int32_t cell = std::max(cellSizePx, 1);
    const int32_t maxCells = std::max(maxStripWidthPx / cell, 1);

    // Per touched cell, the bounding box of the region inside it; keyed (row, column)
    // so that the walk below meets cells in raster order.
    std::map<std::pair<int32_t, int32_t>, Rect> cells;
    for (const Rect &rect : region.rects()) {
        for (int32_t row = rect.y / cell; row * cell < rect.y + rect.height; ++row) {
            for (int32_t column = rect.x / cell; column * cell < rect.x + rect.width; ++column) {
                const Rect part = rect.intersected({column * cell, row * cell, cell, cell});
                Rect &bounds = cells[{row, column}];
                bounds = bounds.united(part);
            }
        }
    }

    std::vector<Rect> tiles;
    int32_t stripRow = -1;
    int32_t stripFirstColumn = 0;
    int32_t stripLastColumn = 0;
    Rect strip;
    for (const auto &[key, bounds] : cells) {
        const auto [row, column] = key;
        const bool extends = row == stripRow && column == stripLastColumn + 1 &&
            column - stripFirstColumn < maxCells;
        if (!extends) {
            if (!strip.isEmpty())
                tiles.push_back(strip);
            strip = bounds;
            stripRow = row;
            stripFirstColumn = column;
        } else {
            strip = strip.united(bounds);
        }
        stripLastColumn = column;
    }
    if (!strip.isEmpty())
        tiles.push_back(strip);
    return tiles;
}

} // namespace baton

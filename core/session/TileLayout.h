#pragma once

#include "codecs/frame/Rect.h"
#include "codecs/frame/Region.h"

#include <cstdint>
#include <vector>

namespace baton {

// Where the tiles of an update go. The window is cut into a grid of square cells (the
// FrameDiffer's tile size); each cell the region touches contributes the bounding box of
// its dirty pixels, and dirty cells side by side in one grid row merge into strips up to
// maxStripWidthPx wide, so that a line of text is one payload with one compression
// context rather than four. Tiles never overlap and together cover the region; they may
// cover a few clean pixels, which is harmless: their content is current.
struct TileLayout {
    int32_t cellSizePx = 64;
    int32_t maxStripWidthPx = 256;

    std::vector<Rect> tilesFor(const Region &region) const;
};

} // namespace baton

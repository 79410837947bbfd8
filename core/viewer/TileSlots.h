#pragma once

#include "codecs/frame/PackedTile.h"

#include <cstdint>
#include <vector>

namespace baton {

// The viewer's half of the tile cache (docs/protocol.md §8.7): what the host told it to
// keep, slot by slot. The host chooses every slot and never names one this viewer was not
// sent since it last caught up, so there is no eviction policy here to keep in step;
// memory is bounded by protocol::TileCache (kSlots × kMaxPixels).
class TileSlots {
public:
    // Keeps a copy of tile in slot. False when the slot or the tile's size is outside
    // protocol::TileCache's limits.
    bool store(uint16_t slot, const FrameView &tile);
    // The tile in slot; a null view when nothing was stored there.
    FrameView tile(uint16_t slot) const;
    void clear() { slots_.clear(); }

private:
    std::vector<PackedTile> slots_;
};

} // namespace baton

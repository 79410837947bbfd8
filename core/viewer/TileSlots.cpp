#include "TileSlots.h"

#include "core/protocol/SurfacePdus.h"

namespace baton {

using protocol::TileCache;

bool TileSlots::store(uint16_t slot, const FrameView &tile)
{
    if (slot >= TileCache::kSlots || tile.isNull() || !TileCache::fits(tile.width(), tile.height()))
        return false;
    if (slots_.size() <= slot)
        slots_.resize(std::size_t(slot) + 1);
    slots_[slot].assign(tile);
    return true;
}

FrameView TileSlots::tile(uint16_t slot) const
{
    return slot < slots_.size() ? slots_[slot].view() : FrameView();
}

} // namespace baton

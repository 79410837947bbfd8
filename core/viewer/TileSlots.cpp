#include "TileSlots.h"

#include "core/protocol/SurfacePdus.h"

namespace baton {

using protocol::TileCache;

bool TileSlots::store(uint16_t slot, const FrameView &tile)
{
    if (slot >= TileCache::kSlots || tile.isNull() ||
        uint32_t(tile.width()) * uint32_t(tile.height()) > TileCache::kMaxPixels)
        return false;
    if (slots_.size() <= slot)
        slots_.resize(std::size_t(slot) + 1);
    Frame &kept = slots_[slot];
    if (kept.width() != tile.width() || kept.height() != tile.height())
        kept = Frame(tile.width(), tile.height());
    kept.mutableView().copyFrom(tile, 0, 0);
    return true;
}

FrameView TileSlots::tile(uint16_t slot) const
{
    return slot < slots_.size() ? slots_[slot].view() : FrameView();
}

} // namespace baton

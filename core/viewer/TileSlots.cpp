#include "TileSlots.h"

#include "core/protocol/SurfacePdus.h"

#include <algorithm>

namespace baton {

using protocol::TileCache;

bool TileSlots::store(uint16_t slot, const FrameView &tile)
{
    if (slot >= TileCache::kSlots || tile.isNull() ||
        uint32_t(tile.width()) * uint32_t(tile.height()) > TileCache::kMaxPixels)
        return false;
    if (slots_.size() <= slot)
        slots_.resize(std::size_t(slot) + 1);
    Slot &kept = slots_[slot];
    kept.width = tile.width();
    kept.height = tile.height();
    kept.pixels.resize(std::size_t(kept.width) * std::size_t(kept.height));
    for (int32_t y = 0; y < kept.height; ++y) {
        const auto row = tile.row(y);
        std::copy(row.begin(), row.end(), kept.pixels.begin() + std::ptrdiff_t(y) * kept.width);
    }
    return true;
}

FrameView TileSlots::tile(uint16_t slot) const
{
    if (slot >= slots_.size() || slots_[slot].pixels.empty())
        return {};
    const Slot &kept = slots_[slot];
    return {reinterpret_cast<const uint8_t *>(kept.pixels.data()), kept.width, kept.height,
            kept.width * 4};
}

} // namespace baton

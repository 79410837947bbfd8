#include "TileSlotCache.h"

#include "core/protocol/SurfacePdus.h"

namespace baton {

using protocol::TileCache;

bool TileSlotCache::cacheable(const FrameView &tile)
{
    return !tile.isNull() && TileCache::fits(tile.width(), tile.height());
}

void TileSlotCache::touch(Entry &entry)
{
    recency_.splice(recency_.begin(), recency_, entry.recency);
}

std::optional<uint16_t> TileSlotCache::find(const FrameView &tile, uint64_t hash,
                                            uint32_t usableFrom, uint32_t frameId)
{
    const auto it = byHash_.find(hash);
    if (it == byHash_.end())
        return std::nullopt;
    Entry &entry = bySlot_[it->second];
    if (entry.storedIn < usableFrom || entry.storedIn >= frameId ||
        !(entry.pixels.view() == tile))
        return std::nullopt;
    touch(entry);
    return it->second;
}

uint16_t TileSlotCache::store(const FrameView &tile, uint64_t hash, uint32_t frameId)
{
    uint16_t slot = 0;
    if (const auto it = byHash_.find(hash); it != byHash_.end()) {
        slot = it->second;
    } else if (bySlot_.size() < TileCache::kSlots) {
        slot = uint16_t(bySlot_.size());
        recency_.push_front(slot);
        bySlot_.push_back({});
        bySlot_.back().recency = recency_.begin();
    } else {
        slot = recency_.back();
        byHash_.erase(bySlot_[slot].hash);
    }
    Entry &entry = bySlot_[slot];
    entry.hash = hash;
    entry.storedIn = frameId;
    entry.pixels.assign(tile);
    byHash_[hash] = slot;
    touch(entry);
    return slot;
}

} // namespace baton

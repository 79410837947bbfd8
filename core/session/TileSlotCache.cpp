#include "TileSlotCache.h"

#include "core/protocol/SurfacePdus.h"

#include <algorithm>
#include <cstring>

namespace baton {

using protocol::TileCache;

namespace {

bool samePixels(const FrameView &a, const FrameView &b)
{
    if (a.width() != b.width() || a.height() != b.height())
        return false;
    const std::size_t rowBytes = std::size_t(a.width()) * 4;
    for (int32_t y = 0; y < a.height(); ++y)
        if (std::memcmp(a.row(y).data(), b.row(y).data(), rowBytes) != 0)
            return false;
    return true;
}

} // namespace

FrameView TileSlotCache::Entry::view() const
{
    return {reinterpret_cast<const uint8_t *>(pixels.data()), width, height, width * 4};
}

void TileSlotCache::Entry::keep(const FrameView &tile)
{
    width = tile.width();
    height = tile.height();
    pixels.resize(std::size_t(width) * std::size_t(height));
    for (int32_t y = 0; y < height; ++y) {
        const auto row = tile.row(y);
        std::copy(row.begin(), row.end(), pixels.begin() + std::ptrdiff_t(y) * width);
    }
}

bool TileSlotCache::cacheable(const FrameView &tile)
{
    return !tile.isNull() && uint32_t(tile.width()) * uint32_t(tile.height()) <= TileCache::kMaxPixels;
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
        !samePixels(entry.view(), tile))
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
    entry.keep(tile);
    byHash_[hash] = slot;
    touch(entry);
    return slot;
}

} // namespace baton

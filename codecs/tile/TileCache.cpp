#include "codecs/tile/TileCache.h"

#include <algorithm>

namespace baton::tile {

TileCache::TileCache(std::size_t capacityBytes, StoresPixels storesPixels)
    : capacityBytes_(capacityBytes), storesPixels_(storesPixels)
{
}

std::size_t TileCache::costOf(int32_t width, int32_t height)
{
    // Both ends count the decoded size, whatever they store, so they evict alike.
    return static_cast<std::size_t>(width) * static_cast<std::size_t>(height) * kBytesPerPixel;
}

bool TileCache::touch(uint64_t id)
{
    const auto it = entries_.find(id);
    if (it == entries_.end())
        return false;
    recency_.splice(recency_.begin(), recency_, it->second.recency);
    return true;
}

void TileCache::insert(uint64_t id, const FrameView &pixels)
{
    if (touch(id))
        return;
    const std::size_t cost = costOf(pixels.width(), pixels.height());
    if (cost > capacityBytes_)
        return;
    while (usedBytes_ + cost > capacityBytes_ && !recency_.empty()) {
        const auto victim = entries_.find(recency_.back());
        usedBytes_ -= costOf(victim->second.width, victim->second.height);
        entries_.erase(victim);
        recency_.pop_back();
    }
    recency_.push_front(id);
    Entry entry{recency_.begin(), pixels.width(), pixels.height(), {}};
    if (storesPixels_ == StoresPixels::Yes) {
        entry.pixels.reserve(static_cast<std::size_t>(pixels.width()) * pixels.height());
        for (int32_t y = 0; y < pixels.height(); ++y) {
            const auto row = pixels.row(y);
            entry.pixels.insert(entry.pixels.end(), row.begin(), row.end());
        }
    }
    entries_.emplace(id, std::move(entry));
    usedBytes_ += cost;
}

bool TileCache::copyTo(uint64_t id, const MutableFrameView &target)
{
    const auto it = entries_.find(id);
    if (it == entries_.end() || storesPixels_ == StoresPixels::No ||
        it->second.width != target.width() || it->second.height != target.height())
        return false;
    touch(id);
    const Entry &entry = it->second;
    for (int32_t y = 0; y < entry.height; ++y) {
        const auto source =
            std::span(entry.pixels).subspan(static_cast<std::size_t>(y) * entry.width,
                                            static_cast<std::size_t>(entry.width));
        std::copy(source.begin(), source.end(), target.row(y).begin());
    }
    return true;
}

void TileCache::clear()
{
    entries_.clear();
    recency_.clear();
    usedBytes_ = 0;
}

} // namespace baton::tile

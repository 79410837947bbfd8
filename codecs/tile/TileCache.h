#pragma once

#include "codecs/frame/Frame.h"

#include <cstdint>
#include <list>
#include <optional>
#include <unordered_map>
#include <vector>

namespace baton::tile {

// The tile cache both ends keep in step: a least-recently-used set of tiles keyed by
// their 64-bit content hash (tileHash), bounded by the pixel bytes it holds. The host
// keeps ids only (StoresPixels::No) to know what a viewer already has; the viewer keeps
// the pixels. Both apply the same operations in the same order (insert every palette
// or generic tile sent, touch on every cache hit), so they evict the same tiles and a
// "cache hit" never names a tile the viewer dropped.
class TileCache {
public:
    enum class StoresPixels { No, Yes };

    TileCache(std::size_t capacityBytes, StoresPixels storesPixels);

    // Marks id as just used; false when it is not cached.
    bool touch(uint64_t id);
    // Adds (or refreshes) a tile and evicts the least recently used ones beyond the
    // capacity. A tile larger than the whole capacity is not kept.
    void insert(uint64_t id, const FrameView &pixels);
    // Copies a cached tile into target (touching it). False when the id is unknown,
    // the pixels are not stored, or target's size differs from the cached tile's.
    bool copyTo(uint64_t id, const MutableFrameView &target);

    bool contains(uint64_t id) const { return entries_.contains(id); }
    std::size_t size() const { return entries_.size(); }
    std::size_t usedBytes() const { return usedBytes_; }
    std::size_t capacityBytes() const { return capacityBytes_; }
    void clear();

private:
    struct Entry {
        std::list<uint64_t>::iterator recency;
        int32_t width = 0;
        int32_t height = 0;
        std::vector<uint32_t> pixels;
    };
    static std::size_t costOf(int32_t width, int32_t height);

    std::size_t capacityBytes_;
    StoresPixels storesPixels_;
    std::size_t usedBytes_ = 0;
    std::list<uint64_t> recency_; // most recently used first
    std::unordered_map<uint64_t, Entry> entries_;
};

} // namespace baton::tile

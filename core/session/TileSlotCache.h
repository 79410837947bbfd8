#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/PackedTile.h"

#include <cstdint>
#include <list>
#include <optional>
#include <unordered_map>
#include <vector>

namespace baton {

// The host's half of the tile cache (docs/protocol.md §8.7): which tile each of the
// viewers' protocol::TileCache::kSlots slots holds, and since which frame. The host picks
// every slot (least recently used first), so viewers need no eviction policy of their
// own. A slot is only named in a batch when every viewer receiving that batch was sent the
// tile: it was stored at or after usableFrom (the Broadcaster's cacheUsableFrom) and
// before the batch itself. Pixels are kept and compared, so a hash collision costs a
// miss, never a wrong picture.
class TileSlotCache {
public:
    // Small tiles only (glyphs, icons, buttons): they repeat; a large strip rarely does.
    static bool cacheable(const FrameView &tile);

    // The slot holding exactly tile, usable in batch frameId; nullopt otherwise.
    std::optional<uint16_t> find(const FrameView &tile, uint64_t hash, uint32_t usableFrom,
                                 uint32_t frameId);
    // The slot to send tile for in batch frameId (the one already holding it, else the
    // least recently used), now recorded as holding it.
    uint16_t store(const FrameView &tile, uint64_t hash, uint32_t frameId);

private:
    struct Entry {
        uint64_t hash = 0;
        uint32_t storedIn = 0; // the frame id of the batch that sent the tile
        PackedTile pixels;
        std::list<uint16_t>::iterator recency;
    };

    void touch(Entry &entry);

    std::vector<Entry> bySlot_;
    std::unordered_map<uint64_t, uint16_t> byHash_;
    std::list<uint16_t> recency_; // most recently used slot first
};

} // namespace baton

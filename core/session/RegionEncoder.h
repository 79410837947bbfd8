#pragma once

#include "TileLayout.h"
#include "TileSlotCache.h"
#include "codecs/frame/Frame.h"
#include "codecs/tile/TileEncoder.h"
#include "core/protocol/Pdu.h"

#include <cstdint>
#include <vector>

namespace baton {

// Sends the exact pixels of a region: the lossless half of the UpdatePlanner, also the
// whole of a catch-up. Opaque single-colour tiles become OpaqueRect orders; the rest
// become lossless tile payloads (codec 2), or, in T.128 mode, interleaved-RLE bitmap
// rectangles any T.128 / RDP decoder reads. The PDUs it appends never exceed the
// protocol's per-PDU counts and stay near maxPduBytes, so a full-window refresh
// travels as several PDUs that other traffic can slip between.
class RegionEncoder {
public:
    enum class Format { Tiles, T128Bitmaps };
    struct Stats {
        int64_t fills = 0;
        int64_t tiles = 0;
        int64_t tileBytes = 0;
        int64_t cacheHits = 0;
    };

    RegionEncoder(Format format, TileLayout layout);

    // The tile cache for a live batch: where tiles are kept, which batch this is, and the
    // oldest batch every receiving viewer has had since (Broadcaster::cacheUsableFrom).
    struct CacheUse {
        TileSlotCache &cache;
        uint32_t frameId = 0;
        uint32_t usableFrom = 0;
    };

    // Appends the PDUs for region. With cache (lossless tiles only), a small tile sent
    // before becomes a TileCacheHitsPdu entry, ahead of the tiles of the same batch that
    // may reuse its slot, and a new small tile is kept in a slot.
    void encode(const FrameView &frame, const Region &region, std::vector<protocol::PduBody> &out,
                std::optional<CacheUse> cache = std::nullopt);

    Format format() const { return format_; }
    const Stats &stats() const { return stats_; }

    static constexpr std::size_t kMaxPduBytes = 256 * 1024;

private:
    Format format_;
    TileLayout layout_;
    tile::TileEncoder tileEncoder_;
    std::vector<uint8_t> scratch_;
    Stats stats_;
};

// The colour every pixel of view has, when they all have one.
std::optional<uint32_t> solidColour(const FrameView &view);

} // namespace baton

#pragma once

#include "core/protocol/Bytes.h"
#include "core/protocol/PduTypes.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace baton::protocol {

class PduReader;
class PduWriter;

// Baton's modern update path (t128.md §9.3): codec payloads tied together by frame ids,
// with frame markers and viewer acknowledgements for flow control. Payload bytes belong
// to the codecs (codecs/tile, codecs/video) and are carried opaque with their codec id.
// A PDU larger than a frame goes as Fragment PDUs (PduFragment.h).

// One tile: x(2) | y(2) | width(2) | height(2) | codecId(1) | flags(1) | cacheIndex(2) |
// length(4) | data. Coordinates are in the shared window's pixels.
struct TileEntry {
    // Also keep the decoded tile in tile-cache slot cacheIndex (< TileCache::kSlots; the
    // tile at most TileCache::kMaxPixels).
    static constexpr uint8_t kFlagCache = 0x01;
    static constexpr uint16_t kMaxSidePx = 4096;
    uint16_t x = 0;
    uint16_t y = 0;
    uint16_t width = 1;
    uint16_t height = 1;
    uint8_t codecId = 0;
    uint8_t flags = 0;
    uint16_t cacheIndex = 0; // 0 unless kFlagCache
    Bytes data;
    friend bool operator==(const TileEntry &, const TileEntry &) = default;
};

// frameId(4) | surfaceId(2) | tileCount(2) | tiles.
struct TileUpdatePdu {
    static constexpr PduType2 kType2 = PduType2::TileUpdate;
    static constexpr size_t kMaxTiles = 4096;
    uint32_t frameId = 0;
    uint16_t surfaceId = 0;
    std::vector<TileEntry> tiles;

    void write(PduWriter &w) const;
    static TileUpdatePdu read(PduReader &r);
    friend bool operator==(const TileUpdatePdu &, const TileUpdatePdu &) = default;
};

// The tile cache of protocol 1.1 (docs/protocol.md §8.7): kSlots slots the host fills
// with TileEntry::kFlagCache and names in TileCacheHitsPdu. Only tiles of at most
// kMaxPixels are kept, so a viewer's cache holds at most kSlots × kMaxPixels × 4 bytes.
struct TileCache {
    static constexpr uint16_t kSlots = 1024;
    static constexpr uint32_t kMaxPixels = 64 * 64;

    static constexpr bool fits(int32_t width, int32_t height)
    {
        return width >= 1 && height >= 1 && uint32_t(width) * uint32_t(height) <= kMaxPixels;
    }
};

// One cached tile drawn again: x(2) | y(2) | slot(2); its size is the cached tile's.
struct TileCacheHit {
    uint16_t x = 0;
    uint16_t y = 0;
    uint16_t slot = 0;
    friend bool operator==(const TileCacheHit &, const TileCacheHit &) = default;
};

// frameId(4) | hitCount(2) 1…kMaxHits | hits. Six bytes per tile the viewer already
// holds: a repeated glyph costs this instead of its pixels.
struct TileCacheHitsPdu {
    static constexpr PduType2 kType2 = PduType2::TileCacheHits;
    static constexpr size_t kMaxHits = 4096;
    uint32_t frameId = 0;
    std::vector<TileCacheHit> hits;

    void write(PduWriter &w) const;
    static TileCacheHitsPdu read(PduReader &r);
    friend bool operator==(const TileCacheHitsPdu &, const TileCacheHitsPdu &) = default;
};

// frameId(4) | regionId(2) | x(2) | y(2) | width(2) | height(2) | codecId(1) | flags(1) |
// length(4) | data (for H.264: Annex-B NAL units).
struct VideoRegionUpdatePdu {
    static constexpr PduType2 kType2 = PduType2::VideoRegionUpdate;
    static constexpr uint8_t kFlagKeyFrame = 0x01; // decodable on its own (IDR)
    static constexpr uint8_t kFlagEndOfFrame = 0x02; // last data of this picture
    static constexpr uint16_t kMaxSidePx = 16384;
    uint32_t frameId = 0;
    uint16_t regionId = 0;
    uint16_t x = 0;
    uint16_t y = 0;
    uint16_t width = 1;
    uint16_t height = 1;
    uint8_t codecId = 0;
    uint8_t flags = 0;
    Bytes data;

    void write(PduWriter &w) const;
    static VideoRegionUpdatePdu read(PduReader &r);
    friend bool operator==(const VideoRegionUpdatePdu &, const VideoRegionUpdatePdu &) = default;
};

enum class FrameMarkerAction : uint16_t { Begin = 0, End = 1 };

// Host → viewers: action(2) | frameId(4). Updates between Begin and End with the same
// frameId form one picture; a viewer presents it at End.
struct FrameMarkerPdu {
    static constexpr PduType2 kType2 = PduType2::FrameMarker;
    FrameMarkerAction action = FrameMarkerAction::Begin;
    uint32_t frameId = 0;

    void write(PduWriter &w) const;
    static FrameMarkerPdu read(PduReader &r);
    friend bool operator==(const FrameMarkerPdu &, const FrameMarkerPdu &) = default;
};

// Viewer → host: every frame up to frameId is presented. frameId(4) | queueDepth(2)
// (frames received but not yet presented) | heldMs(2) (from presenting frameId to sending
// this; the host leaves it out of the round trip). Replaces T.128's FlowPDUs.
struct FrameAckPdu {
    static constexpr PduType2 kType2 = PduType2::FrameAck;
    uint32_t frameId = 0;
    uint16_t queueDepth = 0;
    uint16_t heldMs = 0;

    void write(PduWriter &w) const;
    static FrameAckPdu read(PduReader &r);
    friend bool operator==(const FrameAckPdu &, const FrameAckPdu &) = default;
};

} // namespace baton::protocol

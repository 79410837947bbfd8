#include "core/protocol/SurfacePdus.h"

#include "core/protocol/PduReader.h"
#include "core/protocol/PduWriter.h"

namespace baton::protocol {

namespace {

bool validTile(const TileEntry &tile)
{
    const bool sized = tile.width >= 1 && tile.height >= 1 && tile.width <= TileEntry::kMaxSidePx &&
        tile.height <= TileEntry::kMaxSidePx;
    if (!sized || (tile.flags & ~TileEntry::kFlagCache) != 0)
        return false;
    if (!(tile.flags & TileEntry::kFlagCache))
        return tile.cacheIndex == 0;
    return tile.cacheIndex < TileCache::kSlots && TileCache::fits(tile.width, tile.height);
}

bool validVideoRegion(const VideoRegionUpdatePdu &pdu)
{
    constexpr uint8_t kKnownFlags =
        VideoRegionUpdatePdu::kFlagKeyFrame | VideoRegionUpdatePdu::kFlagEndOfFrame;
    return pdu.width >= 1 && pdu.height >= 1 && pdu.width <= VideoRegionUpdatePdu::kMaxSidePx &&
        pdu.height <= VideoRegionUpdatePdu::kMaxSidePx && (pdu.flags & ~kKnownFlags) == 0;
}

void writeData32(PduWriter &w, const Bytes &data)
{
    if (data.size() > 0xFFFFFFFFu)
        w.fail(ErrorCode::TooLarge, "payload length");
    w.u32(uint32_t(data.size()));
    w.bytes(data);
}

} // namespace

void TileUpdatePdu::write(PduWriter &w) const
{
    w.u32(frameId);
    w.u16(surfaceId);
    w.count16(tiles.size(), kMaxTiles, "tileCount");
    for (const TileEntry &tile : tiles) {
        if (!validTile(tile))
            w.fail(ErrorCode::BadValue, "tile");
        w.u16(tile.x);
        w.u16(tile.y);
        w.u16(tile.width);
        w.u16(tile.height);
        w.u8(tile.codecId);
        w.u8(tile.flags);
        w.u16(tile.cacheIndex);
        writeData32(w, tile.data);
    }
}

TileUpdatePdu TileUpdatePdu::read(PduReader &r)
{
    TileUpdatePdu pdu;
    pdu.frameId = r.u32();
    pdu.surfaceId = r.u16();
    constexpr size_t kMinTileBytes = 16;
    const size_t count = r.count(r.u16(), kMaxTiles, kMinTileBytes, "tileCount");
    pdu.tiles.reserve(count);
    for (size_t i = 0; i < count && r.ok(); ++i) {
        const size_t at = r.offset();
        TileEntry tile;
        tile.x = r.u16();
        tile.y = r.u16();
        tile.width = r.u16();
        tile.height = r.u16();
        tile.codecId = r.u8();
        tile.flags = r.u8();
        tile.cacheIndex = r.u16();
        if (r.ok() && !validTile(tile))
            r.failAt(at, ErrorCode::BadValue, "tile");
        tile.data = r.copyBytes(r.u32());
        pdu.tiles.push_back(std::move(tile));
    }
    return pdu;
}

void TileCacheHitsPdu::write(PduWriter &w) const
{
    w.u32(frameId);
    if (hits.empty())
        w.fail(ErrorCode::BadValue, "hitCount");
    w.count16(hits.size(), kMaxHits, "hitCount");
    for (const TileCacheHit &hit : hits) {
        if (hit.slot >= TileCache::kSlots)
            w.fail(ErrorCode::BadValue, "cache slot");
        w.u16(hit.x);
        w.u16(hit.y);
        w.u16(hit.slot);
    }
}

TileCacheHitsPdu TileCacheHitsPdu::read(PduReader &r)
{
    TileCacheHitsPdu pdu;
    pdu.frameId = r.u32();
    const size_t countAt = r.offset();
    constexpr size_t kHitBytes = 6;
    const size_t count = r.count(r.u16(), kMaxHits, kHitBytes, "hitCount");
    if (r.ok() && count == 0)
        r.failAt(countAt, ErrorCode::BadValue, "hitCount");
    pdu.hits.reserve(count);
    for (size_t i = 0; i < count && r.ok(); ++i) {
        const size_t at = r.offset();
        TileCacheHit hit;
        hit.x = r.u16();
        hit.y = r.u16();
        hit.slot = r.u16();
        if (r.ok() && hit.slot >= TileCache::kSlots)
            r.failAt(at + 4, ErrorCode::BadValue, "cache slot");
        pdu.hits.push_back(hit);
    }
    return pdu;
}

void VideoRegionUpdatePdu::write(PduWriter &w) const
{
    if (!validVideoRegion(*this))
        w.fail(ErrorCode::BadValue, "video region");
    w.u32(frameId);
    w.u16(regionId);
    w.u16(x);
    w.u16(y);
    w.u16(width);
    w.u16(height);
    w.u8(codecId);
    w.u8(flags);
    writeData32(w, data);
}

VideoRegionUpdatePdu VideoRegionUpdatePdu::read(PduReader &r)
{
    VideoRegionUpdatePdu pdu;
    pdu.frameId = r.u32();
    pdu.regionId = r.u16();
    const size_t at = r.offset();
    pdu.x = r.u16();
    pdu.y = r.u16();
    pdu.width = r.u16();
    pdu.height = r.u16();
    pdu.codecId = r.u8();
    pdu.flags = r.u8();
    if (r.ok() && !validVideoRegion(pdu))
        r.failAt(at, ErrorCode::BadValue, "video region");
    pdu.data = r.copyBytes(r.u32());
    return pdu;
}

void FrameMarkerPdu::write(PduWriter &w) const
{
    w.u16(uint16_t(action));
    w.u32(frameId);
}

FrameMarkerPdu FrameMarkerPdu::read(PduReader &r)
{
    FrameMarkerPdu pdu;
    const size_t at = r.offset();
    const uint16_t action = r.u16();
    if (r.ok() && action > uint16_t(FrameMarkerAction::End))
        r.failAt(at, ErrorCode::UnknownType, "frame marker action");
    pdu.action = FrameMarkerAction(action);
    pdu.frameId = r.u32();
    return pdu;
}

void FrameAckPdu::write(PduWriter &w) const
{
    w.u32(frameId);
    w.u16(queueDepth);
    w.u16(heldMs);
}

FrameAckPdu FrameAckPdu::read(PduReader &r)
{
    FrameAckPdu pdu;
    pdu.frameId = r.u32();
    pdu.queueDepth = r.u16();
    pdu.heldMs = r.u16();
    return pdu;
}

} // namespace baton::protocol

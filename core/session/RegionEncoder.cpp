#include "RegionEncoder.h"

#include "codecs/t128/T128BitmapEncoder.h"
#include "codecs/tile/TileHash.h"
#include "core/protocol/Capabilities.h"
#include "core/protocol/UpdatePdus.h"

#include <algorithm>

namespace baton {

using namespace protocol;

namespace {

constexpr uint32_t kAlphaMask = 0xff000000u;

OpaqueRectOrder fillOrder(const Rect &rect, uint32_t bgra)
{
    OpaqueRectOrder order;
    order.left = int16_t(rect.x);
    order.top = int16_t(rect.y);
    order.width = int16_t(rect.width);
    order.height = int16_t(rect.height);
    order.blue = uint8_t(bgra);
    order.green = uint8_t(bgra >> 8);
    order.red = uint8_t(bgra >> 16);
    return order;
}

// Flushes fills as OrdersUpdate PDUs of at most kMaxOrders.
void appendFills(std::vector<DrawingOrder> &fills, std::vector<PduBody> &out)
{
    for (std::size_t begin = 0; begin < fills.size(); begin += OrdersUpdatePdu::kMaxOrders) {
        const std::size_t end = std::min(fills.size(), begin + OrdersUpdatePdu::kMaxOrders);
        OrdersUpdatePdu pdu;
        pdu.orders.assign(fills.begin() + std::ptrdiff_t(begin), fills.begin() + std::ptrdiff_t(end));
        out.emplace_back(std::move(pdu));
    }
    fills.clear();
}

TileEntry tileEntry(const Rect &rect, const std::vector<uint8_t> &payload)
{
    TileEntry entry;
    entry.x = uint16_t(rect.x);
    entry.y = uint16_t(rect.y);
    entry.width = uint16_t(rect.width);
    entry.height = uint16_t(rect.height);
    entry.codecId = uint8_t(CodecId::ZstdTiles);
    entry.data.assign(payload.begin(), payload.end());
    return entry;
}

BitmapRectangle bitmapRectangle(const Rect &rect, const std::vector<uint8_t> &stream)
{
    BitmapRectangle bitmap;
    bitmap.destLeft = uint16_t(rect.x);
    bitmap.destTop = uint16_t(rect.y);
    bitmap.destRight = uint16_t(rect.right() - 1);
    bitmap.destBottom = uint16_t(rect.bottom() - 1);
    bitmap.width = uint16_t(rect.width);
    bitmap.height = uint16_t(rect.height);
    bitmap.bitsPerPixel = 24;
    bitmap.flags = BitmapRectangle::kFlagCompressed | BitmapRectangle::kFlagNoCompressionHeader;
    bitmap.data.assign(stream.begin(), stream.end());
    return bitmap;
}

// Collects the items of one update PDU type and emits a PDU whenever it reaches the
// protocol's count or about RegionEncoder::kMaxPduBytes.
template <typename UpdatePdu, typename Item> class PduBatcher {
public:
    PduBatcher(std::vector<Item> UpdatePdu::*items, std::size_t maxItems, std::vector<PduBody> &out)
        : items_(items), maxItems_(maxItems), out_(out)
    {
    }
    void add(Item item, std::size_t payloadBytes)
    {
        (pdu_.*items_).push_back(std::move(item));
        bytes_ += payloadBytes + kItemHeaderBytes;
        if ((pdu_.*items_).size() == maxItems_ || bytes_ >= RegionEncoder::kMaxPduBytes)
            flush();
    }
    void flush()
    {
        if ((pdu_.*items_).empty())
            return;
        out_.emplace_back(std::move(pdu_));
        pdu_ = {};
        bytes_ = 0;
    }

private:
    static constexpr std::size_t kItemHeaderBytes = 18;
    std::vector<Item> UpdatePdu::*items_;
    std::size_t maxItems_;
    std::vector<PduBody> &out_;
    UpdatePdu pdu_;
    std::size_t bytes_ = 0;
};

// Puts hits at out[at…] as TileCacheHits PDUs of at most kMaxHits.
void insertHits(std::vector<TileCacheHit> &hits, uint32_t frameId, std::vector<PduBody> &out,
                std::size_t at)
{
    std::vector<PduBody> pdus;
    for (std::size_t begin = 0; begin < hits.size(); begin += TileCacheHitsPdu::kMaxHits) {
        const std::size_t end = std::min(hits.size(), begin + TileCacheHitsPdu::kMaxHits);
        TileCacheHitsPdu pdu;
        pdu.frameId = frameId;
        pdu.hits.assign(hits.begin() + std::ptrdiff_t(begin), hits.begin() + std::ptrdiff_t(end));
        pdus.emplace_back(std::move(pdu));
    }
    out.insert(out.begin() + std::ptrdiff_t(at), std::make_move_iterator(pdus.begin()),
               std::make_move_iterator(pdus.end()));
    hits.clear();
}

} // namespace

std::optional<uint32_t> solidColour(const FrameView &view)
{
    if (view.isNull())
        return std::nullopt;
    const uint32_t first = view.pixel(0, 0);
    for (int32_t y = 0; y < view.height(); ++y) {
        const auto row = view.row(y);
        if (!std::all_of(row.begin(), row.end(), [first](uint32_t p) { return p == first; }))
            return std::nullopt;
    }
    return first;
}

RegionEncoder::RegionEncoder(Format format, TileLayout layout) : format_(format), layout_(layout)
{
    if (format_ == Format::T128Bitmaps)
        layout_.maxStripWidthPx = layout_.cellSizePx; // T.128 peers expect small bitmaps
}


void RegionEncoder::encode(const FrameView &frame, const Region &region, std::vector<PduBody> &out,
                           std::optional<CacheUse> cache)
{
    // Fills, tiles, hits and bitmaps never overlap, so the order of their PDUs is free but
    // for one rule: hits go first, since a tile after them may take over a slot they read.
    const std::size_t firstPdu = out.size();
    std::vector<TileCacheHit> hits;
    std::vector<DrawingOrder> fills;
    PduBatcher<TileUpdatePdu, TileEntry> tiles(&TileUpdatePdu::tiles, TileUpdatePdu::kMaxTiles, out);
    PduBatcher<BitmapUpdatePdu, BitmapRectangle> bitmaps(&BitmapUpdatePdu::rectangles,
                                                         BitmapUpdatePdu::kMaxRectangles, out);
    for (const Rect &rect : layout_.tilesFor(region.intersected(frame.rect()))) {
        const FrameView view = frame.subView(rect);
        // OpaqueRect has no alpha: a tile keeps a colour whose alpha matters.
        const auto colour = solidColour(view);
        if (colour && (format_ == Format::T128Bitmaps || (*colour & kAlphaMask) == kAlphaMask)) {
            fills.emplace_back(fillOrder(rect, *colour));
            ++stats_.fills;
            continue;
        }
        scratch_.clear();
        if (format_ == Format::Tiles) {
            const bool cacheable = cache && TileSlotCache::cacheable(view);
            const uint64_t hash = cacheable ? tile::tileHash(view) : 0;
            if (cacheable) {
                if (const auto hit = cache->cache.find(view, hash, cache->usableFrom, cache->frameId)) {
                    hits.push_back({uint16_t(rect.x), uint16_t(rect.y), *hit});
                    ++stats_.cacheHits;
                    continue;
                }
            }
            const tile::TileKind kind = tileEncoder_.encode(view, scratch_);
            TileEntry entry = tileEntry(rect, scratch_);
            // Glyphs, icons and widgets are few-colour (palette) tiles and repeat;
            // photographic ones (generic) practically never do, so they are not kept.
            if (cacheable && kind == tile::TileKind::Palette) {
                entry.flags = TileEntry::kFlagCache;
                entry.cacheIndex = cache->cache.store(view, hash, cache->frameId);
            }
            tiles.add(std::move(entry), scratch_.size());
        } else {
            t128::T128BitmapEncoder::encode(view, 24, scratch_);
            bitmaps.add(bitmapRectangle(rect, scratch_), scratch_.size());
        }
        ++stats_.tiles;
        stats_.tileBytes += int64_t(scratch_.size());
    }
    appendFills(fills, out);
    tiles.flush();
    bitmaps.flush();
    if (!hits.empty())
        insertHits(hits, cache->frameId, out, firstPdu);
}

} // namespace baton

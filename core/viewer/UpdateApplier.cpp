#include "UpdateApplier.h"

#include "codecs/t128/T128BitmapDecoder.h"
#include "codecs/video/LibavVideoDecoder.h"
#include "codecs/video/VideoPayload.h"
#include "core/protocol/Capabilities.h"
#include "core/protocol/SurfacePdus.h"
#include "core/protocol/UpdatePdus.h"

#include <cstring>

namespace baton {

using namespace protocol;

namespace {

QString rectText(const Rect &rect)
{
    return QStringLiteral("%1x%2+%3+%4").arg(rect.width).arg(rect.height).arg(rect.x).arg(rect.y);
}

std::optional<video::VideoCodec> videoCodecOf(uint8_t codecId)
{
    switch (CodecId(codecId)) {
    case CodecId::H264Avc420:
    case CodecId::H264Avc444:
        return video::VideoCodec::H264;
    case CodecId::Av1:
        return video::VideoCodec::AV1;
    default:
        return std::nullopt;
    }
}

// Raw T.128 bitmap data: bottom-up rows padded to 4 bytes, 24 (B, G, R) or 32 bpp.
bool copyRawBitmap(const BitmapRectangle &bitmap, const MutableFrameView &target)
{
    const size_t bytesPerPixel = bitmap.bitsPerPixel / 8;
    const size_t stride = (size_t(bitmap.width) * bytesPerPixel + 3) & ~size_t(3);
    if (bitmap.data.size() != stride * bitmap.height)
        return false;
    for (int32_t y = 0; y < target.height(); ++y) {
        const uint8_t *src = bitmap.data.data() + stride * size_t(bitmap.height - 1 - y);
        auto row = target.row(y);
        for (int32_t x = 0; x < target.width(); ++x, src += bytesPerPixel) {
            const uint32_t alpha = bytesPerPixel == 4 ? uint32_t(src[3]) << 24 : 0xff000000u;
            row[size_t(x)] = alpha | uint32_t(src[2]) << 16 | uint32_t(src[1]) << 8 | src[0];
        }
    }
    return true;
}

} // namespace

UpdateApplier::UpdateApplier() = default;
UpdateApplier::~UpdateApplier() = default;

bool UpdateApplier::resize(int32_t width, int32_t height, QString *error)
{
    if (!baton::Frame::isValidSize(width, height)) {
        if (error)
            *error = QStringLiteral("the window size %1x%2 is out of range").arg(width).arg(height);
        return false;
    }
    framebuffer_ = baton::Frame(width, height);
    framebuffer_.fill(0xff000000u);
    video_.clear();
    change_ = {{}, Region(framebuffer_.rect())};
    return true;
}

Region UpdateApplier::takeDamage()
{
    return takeChange().damage();
}

PictureChange UpdateApplier::takeChange()
{
    return std::exchange(change_, PictureChange());
}

void UpdateApplier::drew(const Rect &rect)
{
    change_.pixels |= Region(rect);
}

bool UpdateApplier::inside(const Rect &rect) const
{
    return !rect.isEmpty() && framebuffer_.rect().contains(rect);
}

UpdateApplier::Outcome UpdateApplier::fail(QString *error, const QString &why) const
{
    if (error)
        *error = why;
    return Outcome::Failed;
}

UpdateApplier::Outcome UpdateApplier::apply(const PduBody &body, QString *error)
{
    const bool isUpdate = std::holds_alternative<OrdersUpdatePdu>(body) ||
        std::holds_alternative<BitmapUpdatePdu>(body) ||
        std::holds_alternative<TileUpdatePdu>(body) ||
        std::holds_alternative<TileCacheHitsPdu>(body) ||
        std::holds_alternative<VideoRegionUpdatePdu>(body) ||
        std::holds_alternative<UpdateSynchronizePdu>(body);
    if (!isUpdate)
        return Outcome::NotAnUpdate;
    if (framebuffer_.isNull())
        return fail(error, QStringLiteral("an update arrived before the window size"));

    if (const auto *orders = std::get_if<OrdersUpdatePdu>(&body)) {
        for (const DrawingOrder &order : orders->orders)
            if (applyOrder(order, error) == Outcome::Failed)
                return Outcome::Failed;
    } else if (const auto *bitmaps = std::get_if<BitmapUpdatePdu>(&body)) {
        for (const BitmapRectangle &bitmap : bitmaps->rectangles)
            if (applyBitmap(bitmap, error) == Outcome::Failed)
                return Outcome::Failed;
    } else if (const auto *tiles = std::get_if<TileUpdatePdu>(&body)) {
        for (const TileEntry &tile : tiles->tiles)
            if (applyTile(tile, error) == Outcome::Failed)
                return Outcome::Failed;
    } else if (const auto *hits = std::get_if<TileCacheHitsPdu>(&body)) {
        for (const TileCacheHit &hit : hits->hits)
            if (applyCacheHit(hit, error) == Outcome::Failed)
                return Outcome::Failed;
    } else if (const auto *videoPdu = std::get_if<VideoRegionUpdatePdu>(&body)) {
        return applyVideo(*videoPdu, error);
    } else {
        // UpdateSynchronize: what follows is a catch-up; decoder state from before it
        // may be missing pictures, so video waits for its next key frame.
        video_.clear();
    }
    return Outcome::Applied;
}

UpdateApplier::Outcome UpdateApplier::applyOrder(const DrawingOrder &order, QString *error)
{
    const MutableFrameView target = framebuffer_.mutableView();
    if (const auto *copy = std::get_if<ScrBltOrder>(&order)) {
        const Rect destination{copy->left, copy->top, copy->width, copy->height};
        const Rect source{copy->xSrc, copy->ySrc, copy->width, copy->height};
        if (!inside(destination) || !inside(source))
            return fail(error,
                        QStringLiteral("a copy from %1 to %2 leaves the window")
                            .arg(rectText(source), rectText(destination)));
        if (copy->rop != 0xCC)
            return fail(error,
                        QStringLiteral("a copy with raster operation 0x%1").arg(copy->rop, 0, 16));
        // Source and destination overlap in a scroll: go through a copy of the source.
        if (scratch_.width() < source.width || scratch_.height() < source.height)
            scratch_ = baton::Frame(std::max(source.width, scratch_.width()),
                                    std::max(source.height, scratch_.height()));
        MutableFrameView temp = scratch_.mutableView().subView({0, 0, source.width, source.height});
        temp.copyFrom(framebuffer_.view().subView(source), 0, 0);
        target.copyFrom(temp.constView(), destination.x, destination.y);
        if (change_.pixels.intersects(source))
            drew(destination);
        else
            change_.copies.push_back({source, destination.x, destination.y});
        ++stats_.moves;
        return Outcome::Applied;
    }
    if (const auto *fill = std::get_if<OpaqueRectOrder>(&order)) {
        const Rect rect{fill->left, fill->top, fill->width, fill->height};
        if (!inside(rect))
            return fail(error,
                        QStringLiteral("a fill of %1 leaves the window").arg(rectText(rect)));
        target.fill(rect,
                    0xff000000u | uint32_t(fill->red) << 16 | uint32_t(fill->green) << 8 |
                        fill->blue);
        drew(rect);
        ++stats_.fills;
        return Outcome::Applied;
    }
    return fail(error, QStringLiteral("a MemBlt order, but this session uses no bitmap cache"));
}

UpdateApplier::Outcome UpdateApplier::applyBitmap(const BitmapRectangle &bitmap, QString *error)
{
    const Rect destination =
        Rect::fromEdges(bitmap.destLeft, bitmap.destTop, int32_t(bitmap.destRight) + 1,
                        int32_t(bitmap.destBottom) + 1);
    // The bitmap may be a little larger than what it draws (T.128 pads rows), never
    // much: its size sizes the decode buffer.
    constexpr int32_t kMaxPaddingPx = 64;
    if (!inside(destination) || destination.width > bitmap.width ||
        destination.height > bitmap.height || bitmap.width > destination.width + kMaxPaddingPx ||
        bitmap.height > destination.height + kMaxPaddingPx)
        return fail(error,
                    QStringLiteral("a bitmap for %1 (%2x%3) does not fit the window")
                        .arg(rectText(destination))
                        .arg(bitmap.width)
                        .arg(bitmap.height));
    baton::Frame decoded(bitmap.width, bitmap.height);
    const bool compressed = bitmap.flags & BitmapRectangle::kFlagCompressed;
    if (compressed) {
        const auto result = t128::T128BitmapDecoder::decode(bitmap.data, bitmap.bitsPerPixel,
                                                            decoded.mutableView());
        if (result != t128::T128DecodeError::None)
            return fail(error,
                        QStringLiteral("a T.128 bitmap does not decode: %1")
                            .arg(QLatin1String(t128::toString(result))));
    } else if ((bitmap.bitsPerPixel != 24 && bitmap.bitsPerPixel != 32) ||
               !copyRawBitmap(bitmap, decoded.mutableView())) {
        return fail(error,
                    QStringLiteral("a raw bitmap of %1 bpp with %2 bytes")
                        .arg(bitmap.bitsPerPixel)
                        .arg(bitmap.data.size()));
    }
    framebuffer_.mutableView().copyFrom(
        decoded.view().subView({0, 0, destination.width, destination.height}), destination.x,
        destination.y);
    drew(destination);
    ++stats_.bitmaps;
    return Outcome::Applied;
}

UpdateApplier::Outcome UpdateApplier::applyTile(const TileEntry &tile, QString *error)
{
    const Rect rect{tile.x, tile.y, tile.width, tile.height};
    if (!inside(rect))
        return fail(error, QStringLiteral("a tile at %1 leaves the window").arg(rectText(rect)));
    if (tile.codecId != uint8_t(CodecId::ZstdTiles))
        return fail(error,
                    QStringLiteral("a tile with codec %1, which this viewer did not announce")
                        .arg(tile.codecId));
    const MutableFrameView target = framebuffer_.mutableView().subView(rect);
    const auto result = tileDecoder_.decode(tile.data, target);
    if (result != tile::TileDecodeError::None)
        return fail(error,
                    QStringLiteral("the tile at %1 does not decode: %2")
                        .arg(rectText(rect), QLatin1String(tile::toString(result))));
    // TileUpdatePdu::read checked the slot and the size against the cache's limits.
    if ((tile.flags & TileEntry::kFlagCache) &&
        !tileSlots_.store(tile.cacheIndex, target.constView()))
        return fail(error,
                    QStringLiteral("a tile for cache slot %1 that the cache cannot keep")
                        .arg(tile.cacheIndex));
    drew(rect);
    ++stats_.tiles;
    return Outcome::Applied;
}

UpdateApplier::Outcome UpdateApplier::applyCacheHit(const TileCacheHit &hit, QString *error)
{
    const FrameView cached = tileSlots_.tile(hit.slot);
    if (cached.isNull())
        return fail(error,
                    QStringLiteral("a cache hit on slot %1, which holds no tile").arg(hit.slot));
    const Rect rect{hit.x, hit.y, cached.width(), cached.height()};
    if (!inside(rect))
        return fail(error,
                    QStringLiteral("the cached tile of slot %1 at %2 leaves the window")
                        .arg(hit.slot)
                        .arg(rectText(rect)));
    framebuffer_.mutableView().copyFrom(cached, rect.x, rect.y);
    drew(rect);
    ++stats_.cacheHits;
    return Outcome::Applied;
}

UpdateApplier::Outcome UpdateApplier::applyVideo(const VideoRegionUpdatePdu &pdu, QString *error)
{
    const Rect rect{pdu.x, pdu.y, pdu.width, pdu.height};
    if (!inside(rect))
        return fail(error,
                    QStringLiteral("a video region at %1 leaves the window").arg(rectText(rect)));
    const auto codec = videoCodecOf(pdu.codecId);
    if (!codec)
        return fail(error, QStringLiteral("a video region with codec %1").arg(pdu.codecId));
    // The decoder sizes its pictures (and bounds libavcodec's) by the payload's own size:
    // it must be the region's, inside the window, before anything is decoded.
    const auto header = video::parseVideoPayloadHeader(pdu.data);
    if (!header || header->width != rect.width || header->height != rect.height)
        return fail(
            error,
            QStringLiteral("a video payload that is not of its region %1").arg(rectText(rect)));

    auto it = video_.find(pdu.regionId);
    if (it == video_.end() || it->second.codecId != pdu.codecId) {
        if (!(pdu.flags & VideoRegionUpdatePdu::kFlagKeyFrame)) {
            ++stats_.videoSkipped; // joined or caught up mid-stream: wait for a key frame
            return Outcome::Applied;
        }
        video_.clear(); // the host runs one stream at a time: a new one replaces the old
        VideoRegion region;
        region.decoder = std::make_unique<video::LibavVideoDecoder>(*codec);
        region.codecId = pdu.codecId;
        it = video_.emplace(pdu.regionId, std::move(region)).first;
    }
    VideoRegion &region = it->second;
    const auto result = region.decoder->decode(pdu.data, &region.picture);
    if (result == video::VideoDecodeError::NoPicture)
        return Outcome::Applied;
    if (result != video::VideoDecodeError::None)
        return fail(error,
                    QStringLiteral("a video picture does not decode: %1")
                        .arg(QLatin1String(video::toString(result))));
    if (region.picture.width() != rect.width || region.picture.height() != rect.height)
        return fail(error,
                    QStringLiteral("a video picture of %1x%2 for a region of %3")
                        .arg(region.picture.width())
                        .arg(region.picture.height())
                        .arg(rectText(rect)));
    framebuffer_.mutableView().copyFrom(region.picture.view(), rect.x, rect.y);
    drew(rect);
    ++stats_.videoPictures;
    return Outcome::Applied;
}

} // namespace baton

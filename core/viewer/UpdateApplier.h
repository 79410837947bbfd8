#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/Region.h"
#include "codecs/tile/TileDecoder.h"
#include "codecs/video/VideoDecoder.h"
#include "core/viewer/PictureChange.h"
#include "core/viewer/TileSlots.h"
#include "core/protocol/Pdu.h"

#include <QString>

#include <cstdint>
#include <map>
#include <memory>

namespace baton {

// The viewer's picture of the shared window, and the only code that writes it: applies
// copy moves, fills, lossless tiles, T.128 bitmaps and video pictures in the order they
// arrive. Everything a PDU says is checked against the announced window size before a
// pixel is touched; anything that does not fit or does not decode is a Failed outcome
// with the reason, and the session ends — it never draws out of bounds.
class UpdateApplier {
public:
    enum class Outcome { Applied, NotAnUpdate, Failed };
    struct Stats {
        int64_t moves = 0;
        int64_t fills = 0;
        int64_t tiles = 0;
        int64_t cacheHits = 0;
        int64_t bitmaps = 0;
        int64_t videoPictures = 0;
        int64_t videoSkipped = 0; // pictures that needed a key frame this viewer lacked
    };

    UpdateApplier();
    ~UpdateApplier();

    // The window's new size: a black picture of that size, decoders dropped. False with
    // *error for a size outside Frame's limits.
    bool resize(int32_t width, int32_t height, QString *error);
    Outcome apply(const protocol::PduBody &body, QString *error);

    const Frame &framebuffer() const { return framebuffer_; }
    // The pixels changed since the last call (of either).
    Region takeDamage();
    // The same as copies to replay and pixels to send (PictureChange).
    PictureChange takeChange();
    const Stats &stats() const { return stats_; }
    // Whether the region's stream is being decoded (it began with a key frame since the last
    // resize or catch-up).
    bool hasVideoRegion(uint16_t regionId) const { return video_.count(regionId) != 0; }

private:
    Outcome applyOrder(const protocol::DrawingOrder &order, QString *error);
    Outcome applyBitmap(const protocol::BitmapRectangle &bitmap, QString *error);
    Outcome applyTile(const protocol::TileEntry &tile, QString *error);
    Outcome applyCacheHit(const protocol::TileCacheHit &hit, QString *error);
    Outcome applyVideo(const protocol::VideoRegionUpdatePdu &pdu, QString *error);
    bool inside(const Rect &rect) const;
    void drew(const Rect &rect);
    Outcome fail(QString *error, const QString &why) const;

    struct VideoRegion {
        std::unique_ptr<video::VideoDecoder> decoder;
        uint8_t codecId = 0;
        Frame picture;
    };

    Frame framebuffer_;
    PictureChange change_;
    tile::TileDecoder tileDecoder_;
    TileSlots tileSlots_;
    std::map<uint16_t, VideoRegion> video_;
    Frame scratch_;
    Stats stats_;
};

} // namespace baton

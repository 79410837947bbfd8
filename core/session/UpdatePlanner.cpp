#include "UpdatePlanner.h"

#include "SessionLogging.h"
#include "core/protocol/UpdatePdus.h"

namespace baton {

using namespace protocol;

namespace {

RegionEncoder::Format formatFor(UpdateCodec codec)
{
    return codec == UpdateCodec::T128 ? RegionEncoder::Format::T128Bitmaps
                                      : RegionEncoder::Format::Tiles;
}

classify::ClassifierConfig classifierConfig(const TileLayout &layout)
{
    classify::ClassifierConfig config;
    config.tileSizePx = layout.cellSizePx;
    return config;
}

ScrBltOrder scrBlt(const CopyMove &move)
{
    const Rect destination = move.destination();
    ScrBltOrder order;
    order.left = int16_t(destination.x);
    order.top = int16_t(destination.y);
    order.width = int16_t(destination.width);
    order.height = int16_t(destination.height);
    order.xSrc = int16_t(move.source.x);
    order.ySrc = int16_t(move.source.y);
    return order;
}

// Video pictures are even-sized for 4:2:0; the rectangle grows inside the frame.
Rect evenRect(Rect rect, const Rect &bounds)
{
    if (rect.width % 2 != 0)
        rect.width += rect.right() < bounds.right() ? 1 : -1;
    if (rect.height % 2 != 0)
        rect.height += rect.bottom() < bounds.bottom() ? 1 : -1;
    return rect.intersected(bounds);
}

} // namespace

UpdatePlanner::UpdatePlanner(UpdatePlannerOptions options)
    : options_(std::move(options)),
      lossless_(formatFor(options_.codec), options_.layout),
      classifier_(classifierConfig(options_.layout))
{
    if (options_.codec != UpdateCodec::Lossless && options_.codec != UpdateCodec::T128) {
        const auto codec = options_.codec == UpdateCodec::Av1 ? video::VideoCodec::AV1
                                                              : video::VideoCodec::H264;
        video_ = std::make_unique<VideoStream>(codec, options_.framesPerSecond, options_.log);
    }
}

bool UpdatePlanner::usesMoves() const
{
    return options_.codec != UpdateCodec::H264 && options_.codec != UpdateCodec::Av1;
}

std::string UpdatePlanner::videoEncoderName() const
{
    return video_ && video_->isOpen() ? video_->encoderName() : std::string();
}

void UpdatePlanner::reset()
{
    classifier_.reset();
    videoRectKeeper_.reset();
    lastVideoRect_ = {};
    if (video_)
        video_->close();
}

Region UpdatePlanner::videoRegionFor(const FrameView &frame, const Region &changed)
{
    if (!video_ || videoDisabled_)
        return {};
    if (options_.codec != UpdateCodec::Auto)
        return Region(frame.rect());
    const classify::Classification classes = classifier_.classify(frame, changed);
    const Rect kept = videoRectKeeper_.update(classes.video.boundingRect());
    if (kept.isEmpty())
        return {};
    return Region(evenRect(kept, frame.rect()));
}

bool UpdatePlanner::encodeVideo(const FrameView &frame, const Rect &rect, uint32_t frameId,
                                std::vector<PduBody> &out)
{
    std::string error;
    auto pdu = video_->encode(frame, rect, frameId, &error);
    if (!pdu) {
        if (!error.empty()) {
            qCWarning(lcSession).noquote()
                << "video encoding failed, sending those regions losslessly from now on:"
                << QString::fromStdString(error);
            videoDisabled_ = true;
            video_->close();
        }
        return false;
    }
    ++stats_.videoFrames;
    if (pdu->flags & VideoRegionUpdatePdu::kFlagKeyFrame)
        ++stats_.videoKeyFrames;
    stats_.videoBytes += int64_t(pdu->data.size());
    out.emplace_back(std::move(*pdu));
    return true;
}

PlannedUpdate UpdatePlanner::plan(const FrameView &frame, const MotionResult &motion,
                                  const Region &changed, uint32_t frameId,
                                  uint32_t cacheUsableFrom)
{
    PlannedUpdate update;
    update.region = changed;
    const Region video = videoRegionFor(frame, changed);
    // Where the stream showed lossy pictures and no longer does, the exact pixels follow.
    Region lossless = motion.residual;
    if (video.boundingRect() != lastVideoRect_) {
        lossless |= Region(lastVideoRect_).subtracted(video);
        if (video.isEmpty() && video_)
            video_->close();
        lastVideoRect_ = video.boundingRect();
    }

    // Moves into the video rectangle are left to the video stream.
    OrdersUpdatePdu moves;
    for (const CopyMove &move : motion.moves) {
        if (video.intersects(move.destination()) || video.intersects(move.source)) {
            lossless |= Region(move.destination());
            continue;
        }
        moves.orders.emplace_back(scrBlt(move));
        ++stats_.moves;
        if (moves.orders.size() == OrdersUpdatePdu::kMaxOrders) {
            update.pdus.emplace_back(std::move(moves));
            moves = {};
        }
    }
    if (!moves.orders.empty())
        update.pdus.emplace_back(std::move(moves));

    if (!video.isEmpty() && changed.intersects(video.boundingRect())) {
        if (encodeVideo(frame, video.boundingRect(), frameId, update.pdus)) {
            lossless -= video;
        } else {
            lossless |= changed.intersected(video);
            lastVideoRect_ = {};
        }
    } else {
        lossless -= video;
    }
    lossless_.encode(frame, lossless, update.pdus,
                     RegionEncoder::CacheUse{tileCache_, frameId, cacheUsableFrom});
    return update;
}

PlannedUpdate UpdatePlanner::planStill(const FrameView &frame)
{
    PlannedUpdate update;
    update.region = Region(lastVideoRect_.intersected(frame.rect()));
    lastVideoRect_ = {};
    lossless_.encode(frame, update.region, update.pdus);
    return update;
}

PlannedUpdate UpdatePlanner::planRefresh(const FrameView &frame, const Region &region)
{
    PlannedUpdate update;
    update.region = region.intersected(frame.rect());
    update.pdus.emplace_back(UpdateSynchronizePdu{});
    lossless_.encode(frame, update.region, update.pdus);
    if (video_)
        video_->requestKeyFrame();
    return update;
}

} // namespace baton

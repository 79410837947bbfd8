#pragma once

#include "RegionEncoder.h"
#include "TileLayout.h"
#include "UpdateCodec.h"
#include "VideoStream.h"
#include "codecs/classify/RegionClassifier.h"
#include "codecs/classify/VideoRectKeeper.h"
#include "codecs/frame/Frame.h"
#include "codecs/motion/MotionResult.h"
#include "core/protocol/Pdu.h"

#include <cstdint>
#include <vector>

namespace baton {

struct UpdatePlannerOptions {
    UpdateCodec codec = UpdateCodec::Auto;
    TileLayout layout;
    int framesPerSecond = 60; // the video encoder's rate control assumes it
    video::CodecLog log; // where the video encoder says what it chose and why
};

// The PDUs of one update, in the order a viewer applies them, and the window pixels
// they change.
struct PlannedUpdate {
    std::vector<protocol::PduBody> pdus;
    Region region;
};

// Decides, once for all viewers, how each changed part of the window travels: copy
// moves as ScrBlt orders, then (codec auto) a video stream for what the classifier calls
// video, and the exact pixels of the rest through the RegionEncoder (fills, lossless
// tiles, or T.128 bitmaps). Runs on the session's thread, after the differ and the
// motion detector, whose results it takes as they are.
class UpdatePlanner {
public:
    struct Stats {
        int64_t moves = 0;
        int64_t videoFrames = 0;
        int64_t videoKeyFrames = 0;
        int64_t videoBytes = 0;
    };

    explicit UpdatePlanner(UpdatePlannerOptions options);

    // A live update. frame is the new picture, changed what the differ found, motion
    // the detector's moves and residual (residual == changed when there were none).
    // cacheUsableFrom: the oldest batch whose tile-cache slots every viewer receiving this
    // one holds (Broadcaster::cacheUsableFrom).
    PlannedUpdate plan(const FrameView &frame, const MotionResult &motion, const Region &changed,
                       uint32_t frameId, uint32_t cacheUsableFrom);
    // A catch-up: the exact pixels of region, preceded by an UpdateSynchronize that tells
    // the viewer to drop the decoder state it may have lost its place in. The next video
    // picture is a key frame.
    PlannedUpdate planRefresh(const FrameView &frame, const Region &region);
    // The picture stopped changing while the viewers show a lossy video picture: its
    // exact pixels. The stream stays open (the viewers' decoders keep their references),
    // so motion there again continues it. Empty when no lossy picture is shown.
    PlannedUpdate planStill(const FrameView &frame);
    // The window was resized: forget the classifier's history and the video stream.
    void reset();
    // The video stream's bitrate cap (VideoStream::setBitrateKbps), from the viewers' links.
    void setVideoBitrateKbps(int kbps)
    {
        if (video_)
            video_->setBitrateKbps(kbps);
    }

    UpdateCodec codec() const { return options_.codec; }
    // Whether the motion detector's copy moves are worth looking for with this codec.
    bool usesMoves() const;
    const Stats &stats() const { return stats_; }
    const RegionEncoder::Stats &losslessStats() const { return lossless_.stats(); }
    // The video encoder in use ("libx264", "h264_nvenc", ...), empty when none.
    std::string videoEncoderName() const;
    // Where the video stream's pictures go; empty when there is none.
    Rect videoRect() const { return lastVideoRect_; }

private:
    Region videoRegionFor(const FrameView &frame, const Region &changed);
    bool encodeVideo(const FrameView &frame, const Rect &rect, uint32_t frameId,
                     std::vector<protocol::PduBody> &out);

    UpdatePlannerOptions options_;
    RegionEncoder lossless_;
    TileSlotCache tileCache_;
    classify::RegionClassifier classifier_;
    classify::VideoRectKeeper videoRectKeeper_;
    std::unique_ptr<VideoStream> video_;
    bool videoDisabled_ = false;
    Rect lastVideoRect_; // where the stream's last picture went
    Stats stats_;
};

} // namespace baton

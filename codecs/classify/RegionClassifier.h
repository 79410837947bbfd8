#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/Region.h"
#include "codecs/tile/PaletteBuilder.h"

#include <cstdint>
#include <vector>

namespace baton::classify {

// The rule set of docs/codecs.md, "Region classification". All counts are in frames.
struct ClassifierConfig {
    int32_t tileSizePx = 64;
    // A tile is video when it changed in at least minChangedFrames of the last
    // historyFrames frames (history ≤ 32) …
    int historyFrames = 8;
    int minChangedFrames = 6;
    // … and it holds more distinct colours than a palette tile can (> 256) in the
    // frame being classified. Text, even anti-aliased on a gradient, stays below.
    // A tile whose count drops to 256 or fewer leaves video on that very frame.
    // And it belongs to a 4-connected group of at least minVideoTiles such tiles,
    // so a lone blinking cursor or spinner never starts a video stream.
    int minVideoTiles = 4;
};

struct Classification {
    // Whole tiles of the video components (changed or not: a video encoder codes
    // its full rectangle every frame), in the frame's coordinates.
    Region video;
    // The lossless tile codec's share: changed pixels outside video, plus the former
    // video area when it stops being video.
    Region lossless;
};

// Splits each frame's changed region into video and lossless parts. Called once per
// captured frame, from the thread that plans updates; keeps per-tile history.
class RegionClassifier {
public:
    explicit RegionClassifier(ClassifierConfig config = {});

    // frame: the new picture; changed: the pixels that differ from the previous one
    // (the differ's output). The lossless part also holds any area that was video in
    // the previous frame and is not any more, so the last lossy picture there is
    // replaced by an exact one as soon as the motion stops.
    Classification classify(const FrameView &frame, const Region &changed);

    // Forget all history (window resized, new share).
    void reset();

    const ClassifierConfig &config() const { return config_; }

private:
    struct TileState {
        uint32_t changedBits = 0; // bit 0 = this frame
        bool manyColours = false; // > 256 colours when last counted
        bool video = false;       // part of a video component in the last frame
    };

    void resize(int32_t width, int32_t height);
    Region videoComponents(const std::vector<uint8_t> &candidate) const;

    ClassifierConfig config_;
    int32_t columns_ = 0;
    int32_t rows_ = 0;
    int32_t width_ = 0;
    int32_t height_ = 0;
    std::vector<TileState> tiles_;
    Region previousVideo_;
    tile::PaletteBuilder palette_;
};

} // namespace baton::classify

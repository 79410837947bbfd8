#pragma once

#include "RegionEncoder.h"
#include "TileLayout.h"
#include "UpdatePlanner.h"
#include "codecs/frame/Frame.h"

#include <cstdint>
#include <optional>

namespace baton {

// The tile variant of a batch that carries a video picture, for the viewers that cannot
// decode the picture's codec (their Hello lists other codec ids, docs/protocol.md §5): the
// same PDUs in the same order, the video picture replaced by the exact pixels of the same
// captured frame inside its rectangle. Planned once per batch for all such viewers.
//
// Its tiles neither read nor fill the tile cache: every other PDU of the batch, cache
// hits and cached tiles included, is the original's, so a viewer that gets the variant
// holds the same slots as one that gets the original (docs/protocol.md §8.7).
class TileVariantPlanner {
public:
    struct Stats {
        int64_t variants = 0;
    };

    explicit TileVariantPlanner(const TileLayout &layout);

    // The codec id of the video picture in pdus; nullopt when there is none.
    static std::optional<uint8_t> videoCodec(const std::vector<protocol::PduBody> &pdus);

    // The variant of update (planned from frame, the picture it was planned from): only
    // the changed cells inside each video rectangle, since a viewer of the variants holds
    // the exact pixels of every earlier batch. Runs on the session's thread.
    PlannedUpdate plan(const FrameView &frame, const PlannedUpdate &update);

    const Stats &stats() const { return stats_; }

private:
    RegionEncoder lossless_;
    Stats stats_;
};

} // namespace baton

#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/Region.h"

#include <vector>

namespace baton {

// Reads rows of the previous frame from what a FrameDiffer with keepPrevious leaves:
// the old pixels inside the dirty region are in `previous`, and everywhere else the old
// pixels equal the current ones.
class OldFrameRows {
public:
    OldFrameRows(const FrameView &previous, const FrameView &current, const Region &dirty);

    // The old pixels of row y, columns [left, right); valid until the next call.
    const uint8_t *row(int32_t y, int32_t left, int32_t right);

private:
    FrameView previous_;
    FrameView current_;
    std::span<const Rect> rects_;
    std::vector<uint8_t> scratch_;
};

} // namespace baton

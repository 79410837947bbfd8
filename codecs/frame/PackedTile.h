#pragma once

#include "codecs/frame/Frame.h"

#include <cstdint>
#include <vector>

namespace baton {

// A copy of a small picture, row after row without padding, in a buffer that the next
// copy reuses: what a tile cache keeps per slot without an allocation per tile.
class PackedTile {
public:
    void assign(const FrameView &tile);
    // A null view until something was assigned.
    FrameView view() const;

private:
    int32_t width_ = 0;
    int32_t height_ = 0;
    std::vector<uint32_t> pixels_;
};

} // namespace baton

#pragma once

#include "codecs/frame/Frame.h"
#include "codecs/frame/Region.h"

#include <cstdint>

namespace baton {

// One capture of the window's contents.
struct CapturedFrame {
    // The pixels, BGRA. Owned by the source: valid until the next captureFrame() or
    // stop() on that source (it may point straight into shared memory).
    FrameView pixels;
    // Where the window may have changed since the previous capture: a hint for the
    // FrameDiffer, never trusted as exact. The whole frame after start or a resize.
    Region damage;
    // Counts captures since start(), from 1.
    uint64_t sequence = 0;
};

} // namespace baton

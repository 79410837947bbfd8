#pragma once

#include "codecs/frame/Region.h"
#include "codecs/motion/CopyMove.h"

#include <vector>

namespace baton {

struct MotionResult {
    // Applied in order on the viewer's copy of the previous frame. A move's source never
    // overlaps an earlier move's destination, so every source reads previous pixels.
    std::vector<CopyMove> moves;
    // The dirty pixels the moves do not reproduce: these still need sending.
    Region residual;
};

} // namespace baton

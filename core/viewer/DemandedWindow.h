#pragma once

#include "core/protocol/ActivationPdus.h"
#include "core/viewer/PictureLimit.h"

#include <cstdint>

namespace baton {

// What a DemandActive asks of a viewer's picture: the shared window's size from the
// bitmap capability, judged against the viewer's PictureLimit before anything is
// allocated. ViewerSession decides the first activation and every re-activation (a
// resize) with it.
struct DemandedWindow {
    enum class Verdict {
        Accepted,
        NoSize, // no bitmap capability, or a width or height of 0: a protocol error
        TooLarge, // larger than the PictureLimit: refused, nothing allocated
    };

    Verdict verdict = Verdict::NoSize;
    int32_t widthPx = 0;
    int32_t heightPx = 0;

    static DemandedWindow of(const protocol::DemandActivePdu &demand, const PictureLimit &limit);
};

} // namespace baton

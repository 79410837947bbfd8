#pragma once

#include <cstdint>

namespace baton {

// The largest picture of the shared window a viewer accepts. A host's DemandActive names
// the window's size and the viewer allocates a picture that big (4 bytes a pixel) at once,
// so without a cap one PDU could make a viewer allocate 16384×16384 pixels (1 GiB).
// Checked at the first activation and at every re-activation (a resize) before anything
// is allocated; a larger window ends the session (docs/sessions.md, "Picture limit").
//
// The defaults cover the largest desktops people use: a window may span the host's whole
// desktop, and two 8K displays side by side (15360×4320) or stacked (7680×8640) are the
// biggest common ones, three 4K (11520×2160) or 5K (15360×2880) displays in a row fit
// too. That picture is 66.4 million pixels, 253 MiB, a quarter of what a 16384×16384
// window would cost; a viewer on a small machine may ask for less.
struct PictureLimit {
    static constexpr int32_t kDefaultMaxSidePx = 15360;
    static constexpr int64_t kDefaultMaxPixels = int64_t{15360} * 4320;

    int32_t maxSidePx = kDefaultMaxSidePx; // the width and the height each
    int64_t maxPixels = kDefaultMaxPixels; // width × height

    bool accepts(int32_t widthPx, int32_t heightPx) const;
};

} // namespace baton

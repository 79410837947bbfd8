#pragma once

#include "codecs/frame/Rect.h"
#include "codecs/frame/Region.h"

#include <vector>

namespace baton {

// How a viewer's picture changed from one presented frame to the next, in a form another
// protocol can replay (the RDP gateway's screen-to-screen blits): first the copies, in
// order, each from the picture as the earlier copies left it; then the pixels to take from
// the new picture. A copy whose source had already been drawn over in that frame cannot
// be replayed before those pixels, so it counts as pixels instead.
struct PictureChange {
    struct Copy {
        Rect source;
        int32_t toX = 0;
        int32_t toY = 0;
        friend bool operator==(const Copy &, const Copy &) = default;
    };
    std::vector<Copy> copies;
    Region pixels;

    bool isEmpty() const { return copies.empty() && pixels.isEmpty(); }
    // Everything that changed: the copies' destinations and the pixels.
    Region damage() const
    {
        Region all = pixels;
        for (const Copy &copy : copies)
            all |= Region(Rect{copy.toX, copy.toY, copy.source.width, copy.source.height});
        return all;
    }
};

} // namespace baton

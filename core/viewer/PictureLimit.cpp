#include "PictureLimit.h"

namespace baton {

bool PictureLimit::accepts(int32_t widthPx, int32_t heightPx) const
{
    return widthPx >= 1 && heightPx >= 1 && widthPx <= maxSidePx && heightPx <= maxSidePx &&
        int64_t{widthPx} * heightPx <= maxPixels;
}

} // namespace baton
